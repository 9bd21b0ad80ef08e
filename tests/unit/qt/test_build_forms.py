"""The generated form modules are those of the Designer forms in ui/."""

from __future__ import annotations

from expatdesk.qt import build_forms


def test_every_form_is_compiled_and_up_to_date() -> None:
    forms = build_forms.forms()
    assert {form.name for form in forms} >= {"main_window.ui", "record_area.ui"}
    assert build_forms.stale() == [], "run: python -m expatdesk.qt.build_forms"


def test_generated_modules_say_so() -> None:
    for form in build_forms.forms():
        text = build_forms.target(form).read_text(encoding="utf-8")
        assert text.startswith(f"# Generated from ui/{form.name}")
        assert "do not edit" in text.splitlines()[0]
        assert "Qt User Interface Compiler version" not in text


def test_check_reports_nothing_when_current(capsys) -> None:
    assert build_forms.main(["--check"]) == 0
    assert capsys.readouterr().out == ""
