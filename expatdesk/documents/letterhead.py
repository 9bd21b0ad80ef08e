"""The letterhead of the centre's letters: its name, address and logo.

They are kept with the centre's name in ``target_settings`` (migration 0010 adds the address and
the logo); managers change them, as they change the name (:data:`Permission.TARGET_SETTINGS`).
The logo is a PNG or JPEG image of at most :data:`LOGO_MAX_BYTES`, checked by its content; the
trail records its SHA-256, not the image.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from expatdesk.accounts.actor import Actor, Permission
from expatdesk.db.database import Database
from expatdesk.db.models import TargetSettings
from expatdesk.documents.store import JPEG, PNG, sniff
from expatdesk.errors import UserError
from expatdesk.i18n import _
from expatdesk.reports.target_settings import DEFAULT_CENTRE_NAME, DEFAULTS, SETTINGS_ID

LOGO_MAX_BYTES = 1024 * 1024
ADDRESS_LINES_MAX = 6
ADDRESS_LIMIT = 500


@dataclass(frozen=True)
class Letterhead:
    name: str
    address_lines: tuple[str, ...]
    logo: bytes | None


def _lines(address: str | None) -> tuple[str, ...]:
    return tuple(line.strip() for line in (address or "").splitlines() if line.strip())


def letterhead_in(session: Session) -> Letterhead:
    row = session.get(TargetSettings, SETTINGS_ID)
    if row is None:
        return Letterhead(DEFAULT_CENTRE_NAME, (), None)
    return Letterhead(row.centre_name, _lines(row.centre_address), row.centre_logo)


def read_letterhead(database: Database) -> Letterhead:
    with database.reading() as session:
        return letterhead_in(session)


def check_logo(logo: bytes) -> None:
    """Refuse a logo that is not a PNG or JPEG image, or too large."""
    if len(logo) > LOGO_MAX_BYTES:
        raise UserError(_("A logo may be at most {limit} KB.").format(limit=LOGO_MAX_BYTES // 1024))
    if sniff(io.BytesIO(logo)) not in (PNG, JPEG):
        raise UserError(_("A logo must be a PNG or JPEG image."))


def update_letterhead(
    database: Database,
    actor: Actor,
    *,
    address: str | None,
    logo: bytes | None,
    keep_logo: bool = False,
) -> Letterhead:
    """Store the centre's address (lines) and logo (``None``: no logo, unless ``keep_logo``)."""
    actor.require(Permission.TARGET_SETTINGS)
    lines = _lines(address)
    if len(lines) > ADDRESS_LINES_MAX or len("\n".join(lines)) > ADDRESS_LIMIT:
        raise UserError(
            _("An address has at most {lines} lines and {limit} characters.").format(
                lines=ADDRESS_LINES_MAX, limit=ADDRESS_LIMIT
            )
        )
    if logo is not None:
        check_logo(logo)
    try:
        with database.transaction(actor) as session:
            row = session.get(TargetSettings, SETTINGS_ID, with_for_update=True)
            if row is None:
                row = TargetSettings(id=SETTINGS_ID, **DEFAULTS.to_json())
                session.add(row)
            row.centre_address = "\n".join(lines) or None
            if not keep_logo:
                row.centre_logo = logo
                row.centre_logo_sha256 = None if logo is None else hashlib.sha256(logo).hexdigest()
            session.flush()
            return Letterhead(row.centre_name, lines, row.centre_logo)
    except (StaleDataError, IntegrityError):
        raise UserError(
            _("Someone else changed the target settings in the meantime; open them again.")
        ) from None
