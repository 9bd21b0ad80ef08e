"""The centre's settings: the targets report's and the centre's own (one row each)."""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Double,
    Integer,
    LargeBinary,
    String,
    Text,
)
from sqlalchemy.orm import Mapped, mapped_column

from expatdesk.db.models.base import (
    Base,
    Timestamped,
)


class TargetSettings(Timestamped, Base):
    """The settings of the targets report (``shared/spec/targets.md``): one row, ``id = 1``.

    The migration that creates the table inserts the defaults of targets.md; a manager changes
    them through :mod:`expatdesk.reports.target_settings`, which validates them with messages
    for the user. The CHECK constraints repeat the sane ranges so that no other client can store
    settings the report cannot work with.
    """

    __tablename__ = "target_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("alpha > 0 AND alpha < 1", name="alpha_between_0_and_1"),
        CheckConstraint("min_n >= 2", name="min_n_at_least_2"),
        CheckConstraint("n_threshold >= 0 AND n_threshold <= 1", name="n_threshold_share"),
        CheckConstraint(
            "n_growth_from >= 1900 AND n_growth_from <= 2200", name="n_growth_from_plausible"
        ),
        CheckConstraint("o_threshold >= 1 AND o_threshold <= 10", name="o_threshold_grade"),
        CheckConstraint("p_threshold >= 1 AND p_threshold <= 10", name="p_threshold_grade"),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    alpha: Mapped[float] = mapped_column(Double)
    min_n: Mapped[int] = mapped_column(Integer)
    n_threshold: Mapped[float] = mapped_column(Double)
    n_growth_from: Mapped[int] = mapped_column(Integer)
    o_threshold: Mapped[float] = mapped_column(Double)
    p_threshold: Mapped[float] = mapped_column(Double)
    #: The centre's name as the printed reports show it (migration 0003); not a statistical
    #: setting, so :class:`~expatdesk.reports.target_settings.Settings` does not carry it.
    centre_name: Mapped[str] = mapped_column(String(200), server_default="Expat Center Twente")
    #: The letterhead of letters (migration 0010): the address as lines, and a PNG or JPEG logo
    #: (the trail keeps its SHA-256, not its bytes).
    centre_address: Mapped[str | None] = mapped_column(Text)
    centre_logo: Mapped[bytes | None] = mapped_column(LargeBinary)
    centre_logo_sha256: Mapped[str | None] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}


class CentreSettings(Timestamped, Base):
    """How the centre runs the application: one row, ``id = 1`` (migration 0004 inserts it)."""

    __tablename__ = "centre_settings"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint(
            "retention_years >= 1 AND retention_years <= 100", name="retention_plausible"
        ),
        CheckConstraint(
            "idle_lock_minutes >= 1 AND idle_lock_minutes <= 1440", name="idle_lock_plausible"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    #: Years after an expat's last case was closed before their personal data is erased.
    retention_years: Mapped[int] = mapped_column(Integer, server_default="7")
    #: Minutes without input after which a session locks.
    idle_lock_minutes: Mapped[int] = mapped_column(Integer, server_default="15")
    version: Mapped[int] = mapped_column(Integer, default=1)

    __mapper_args__ = {"version_id_col": version}
