"""The letterhead in the target settings dialog: the address and logo on the centre's letters."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from expatdesk.db.database import Database
from expatdesk.documents.letterhead import read_letterhead
from expatdesk.qt import files
from tests.unit.qt.targets.test_target_settings_dialog import make_dialog, ok


def _png() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (120, 40), "navy").save(buffer, "PNG")
    return buffer.getvalue()


def test_the_address_and_logo_are_set_in_the_target_settings(
    qtbot, sqlite_database: Database, switcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    monkeypatch.setattr(files, "open_file_name", lambda *_args: logo)
    dialog = make_dialog(qtbot, sqlite_database)
    box = dialog.letterhead
    box.addressEdit.setPlainText("Hengelosestraat 500\n\n7521 AN Enschede  ")
    box.chooseLogoButton.click()
    assert box.logoPreview.pixmap() is not None
    ok(qtbot, dialog)
    head = read_letterhead(sqlite_database)
    assert head.address_lines == ("Hengelosestraat 500", "7521 AN Enschede")
    assert head.logo == logo.read_bytes()

    again = make_dialog(qtbot, sqlite_database)
    assert again.letterhead.addressEdit.toPlainText() == "Hengelosestraat 500\n7521 AN Enschede"
    again.letterhead.noLogoButton.click()
    ok(qtbot, again)
    assert read_letterhead(sqlite_database).logo is None


def test_a_logo_that_is_no_image_is_refused_and_the_dialog_stays(
    qtbot, sqlite_database: Database, switcher, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake = tmp_path / "logo.png"
    fake.write_bytes(b"%PDF-1.4 not an image")
    monkeypatch.setattr(files, "open_file_name", lambda *_args: fake)
    dialog = make_dialog(qtbot, sqlite_database)
    dialog.letterhead.chooseLogoButton.click()
    ok(qtbot, dialog)
    assert dialog.letterhead.errorLabel.text() == "A logo must be a PNG or JPEG image."
    assert dialog.isVisible()
    assert read_letterhead(sqlite_database).logo is None
