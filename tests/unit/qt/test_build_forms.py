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


def test_a_form_imports_only_the_pyside_names_it_uses() -> None:
    source = (
        "from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,\n"
        "    QMetaObject, Qt)\n"
        "from PySide6.QtGui import (QBrush, QConicalGradient)\n"
        "from PySide6.QtWidgets import (QAbstractItemView, QApplication, QCheckBox, QComboBox,\n"
        "    QDialog, QDialogButtonBox, QFormLayout, QFrame, QGridLayout, QGroupBox,\n"
        "    QHBoxLayout, QHeaderView, QLabel, QLineEdit, QPushButton, QSizePolicy)\n"
        "\n"
        "class Ui_Form(object):\n"
        "    def setupUi(self, Form):\n"
        "        self.label = QLabel(Form)\n"
        "        self.label.setAlignment(Qt.AlignLeft)\n"
        "        self.box = QDialogButtonBox(Form)\n"
        "        self.edit = QLineEdit(Form)\n"
        "        self.combo = QComboBox(Form)\n"
        "        self.frame = QFrame(Form)\n"
        "        self.group = QGroupBox(Form)\n"
        "        self.header = QHeaderView.Stretch\n"
        "        self.policy = QSizePolicy(QSizePolicy.Expanding, QSizePolicy.Fixed)\n"
        "        QMetaObject.connectSlotsByName(Form)\n"
        "        Form.setWindowTitle(QCoreApplication.translate('Form', 'A form'))\n"
    )
    pruned = build_forms.used_imports_only(source)
    assert pruned.splitlines()[:4] == [
        "from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)",
        "from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QFrame, QGroupBox,",
        "    QHeaderView, QLabel, QLineEdit, QSizePolicy)",
        "",
    ]
    assert pruned.endswith(source.split("\n\n", 1)[1])
    assert all(len(line) <= 79 for line in pruned.splitlines())
    compile(pruned, "form", "exec")
