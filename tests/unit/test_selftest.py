"""``expatdesk selftest``: every check passes on a good installation, and each can fail."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from PySide6.QtCore import QMessageLogContext, QtMsgType

from expatdesk import selftest
from expatdesk.cli.main import main
from expatdesk.qt import selftest as qt_selftest


def test_a_good_installation_passes_every_check(qapp, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["selftest"]) == 0
    captured = capsys.readouterr()
    assert captured.out.splitlines() == [
        "selftest: migrations: ok",
        "selftest: catalogs: ok",
        "selftest: report: ok",
        "selftest: window: ok",
        "ExpatDesk 0.1.0: all 4 checks passed.",
    ]
    assert captured.err == ""


def test_the_checks_leave_nothing_behind(qapp, monkeypatch: pytest.MonkeyPatch) -> None:
    folders = []
    real = selftest.private_folder

    @contextmanager
    def watched() -> Iterator[Path]:
        with real() as folder:
            folders.append(folder)
            assert oct(folder.stat().st_mode & 0o777) == "0o700"
            yield folder

    monkeypatch.setattr(selftest, "private_folder", watched)
    assert main(["selftest"]) == 0
    (folder,) = folders
    assert not folder.exists()


def test_a_report_without_its_fonts_fails_with_one_line(
    qapp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(selftest, "REPORT_FONTS", ("DejaVuSans", "Garamond"))
    assert main(["selftest"]) == 1
    captured = capsys.readouterr()
    assert captured.err == (
        "selftest: report: FAILED: SelfTestFailure: the nl report does not embed the fonts "
        "Garamond\n"
    )
    assert captured.out.splitlines()[-1] == "ExpatDesk 0.1.0: 1 of 4 checks failed."


def test_a_window_in_the_wrong_language_fails(
    qapp, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setitem(qt_selftest.EXPECTED, "nl", {"menu": "&File", "qt": "Annuleren"})
    assert main(["selftest"]) == 1
    err = capsys.readouterr().err
    assert (
        err == "selftest: window: FAILED: SelfTestFailure: in nl the File menu reads '&Bestand'\n"
    )


def test_qt_warnings_fail_the_window_check() -> None:
    warnings: list[str] = []
    handle = qt_selftest._collecting(warnings)
    context = QMessageLogContext()
    handle(QtMsgType.QtWarningMsg, context, "QPainter::begin: Paint device returned engine == 0")
    handle(QtMsgType.QtWarningMsg, context, "This plugin does not support propagateSizeHints()")
    handle(QtMsgType.QtDebugMsg, context, "debugging")
    assert warnings == ["QPainter::begin: Paint device returned engine == 0"]
