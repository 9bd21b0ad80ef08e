# Generated from ui/walk_in_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'walk_in_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QGridLayout,
    QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget)

from expatdesk.qt.employers.chooser import EmployerChooser
from expatdesk.qt.widgets.date_field import DateField

class Ui_WalkInDialog(object):
    def setupUi(self, WalkInDialog: Any) -> None:
        if not WalkInDialog.objectName():
            WalkInDialog.setObjectName(u"WalkInDialog")
        WalkInDialog.resize(560, 460)
        self.dialogLayout = QVBoxLayout(WalkInDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(WalkInDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.formError = QLabel(WalkInDialog)
        self.formError.setObjectName(u"formError")
        font = QFont()
        font.setBold(True)
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.expatLabel = QLabel(WalkInDialog)
        self.expatLabel.setObjectName(u"expatLabel")

        self.fieldsLayout.addWidget(self.expatLabel, 0, 0, 1, 1)

        self.expatSearch = QLineEdit(WalkInDialog)
        self.expatSearch.setObjectName(u"expatSearch")
        self.expatSearch.setClearButtonEnabled(True)

        self.fieldsLayout.addWidget(self.expatSearch, 0, 1, 1, 1)

        self.expatCombo = QComboBox(WalkInDialog)
        self.expatCombo.setObjectName(u"expatCombo")

        self.fieldsLayout.addWidget(self.expatCombo, 1, 1, 1, 1)

        self.employerLabel = QLabel(WalkInDialog)
        self.employerLabel.setObjectName(u"employerLabel")

        self.fieldsLayout.addWidget(self.employerLabel, 2, 0, 1, 1)

        self.employer = EmployerChooser(WalkInDialog)
        self.employer.setObjectName(u"employer")
        self.employer.setClearButtonEnabled(True)

        self.fieldsLayout.addWidget(self.employer, 2, 1, 1, 1)

        self.clientError = QLabel(WalkInDialog)
        self.clientError.setObjectName(u"clientError")
        self.clientError.setFont(font)
        self.clientError.setProperty(u"colourRole", u"error")
        self.clientError.setWordWrap(True)
        self.clientError.setText(u"")

        self.fieldsLayout.addWidget(self.clientError, 3, 1, 1, 1)

        self.serviceLabel = QLabel(WalkInDialog)
        self.serviceLabel.setObjectName(u"serviceLabel")

        self.fieldsLayout.addWidget(self.serviceLabel, 4, 0, 1, 1)

        self.serviceCombo = QComboBox(WalkInDialog)
        self.serviceCombo.setObjectName(u"serviceCombo")

        self.fieldsLayout.addWidget(self.serviceCombo, 4, 1, 1, 1)

        self.serviceError = QLabel(WalkInDialog)
        self.serviceError.setObjectName(u"serviceError")
        self.serviceError.setFont(font)
        self.serviceError.setProperty(u"colourRole", u"error")
        self.serviceError.setWordWrap(True)
        self.serviceError.setText(u"")

        self.fieldsLayout.addWidget(self.serviceError, 5, 1, 1, 1)

        self.deliveredOnLabel = QLabel(WalkInDialog)
        self.deliveredOnLabel.setObjectName(u"deliveredOnLabel")

        self.fieldsLayout.addWidget(self.deliveredOnLabel, 6, 0, 1, 1)

        self.deliveredOn = DateField(WalkInDialog)
        self.deliveredOn.setObjectName(u"deliveredOn")

        self.fieldsLayout.addWidget(self.deliveredOn, 6, 1, 1, 1)

        self.deliveredOnError = QLabel(WalkInDialog)
        self.deliveredOnError.setObjectName(u"deliveredOnError")
        self.deliveredOnError.setFont(font)
        self.deliveredOnError.setProperty(u"colourRole", u"error")
        self.deliveredOnError.setWordWrap(True)
        self.deliveredOnError.setText(u"")

        self.fieldsLayout.addWidget(self.deliveredOnError, 7, 1, 1, 1)

        self.notesLabel = QLabel(WalkInDialog)
        self.notesLabel.setObjectName(u"notesLabel")
        self.notesLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.fieldsLayout.addWidget(self.notesLabel, 8, 0, 1, 1)

        self.notesEdit = QPlainTextEdit(WalkInDialog)
        self.notesEdit.setObjectName(u"notesEdit")
        self.notesEdit.setTabChangesFocus(True)

        self.fieldsLayout.addWidget(self.notesEdit, 8, 1, 1, 1)

        self.notesError = QLabel(WalkInDialog)
        self.notesError.setObjectName(u"notesError")
        self.notesError.setFont(font)
        self.notesError.setProperty(u"colourRole", u"error")
        self.notesError.setWordWrap(True)
        self.notesError.setText(u"")

        self.fieldsLayout.addWidget(self.notesError, 9, 1, 1, 1)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.buttonBox = QDialogButtonBox(WalkInDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.expatLabel.setBuddy(self.expatSearch)
        self.employerLabel.setBuddy(self.employer)
        self.serviceLabel.setBuddy(self.serviceCombo)
        self.deliveredOnLabel.setBuddy(self.deliveredOn)
        self.notesLabel.setBuddy(self.notesEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.expatSearch, self.expatCombo)
        QWidget.setTabOrder(self.expatCombo, self.employer)
        QWidget.setTabOrder(self.employer, self.serviceCombo)
        QWidget.setTabOrder(self.serviceCombo, self.deliveredOn)
        QWidget.setTabOrder(self.deliveredOn, self.notesEdit)

        self.retranslateUi(WalkInDialog)

        QMetaObject.connectSlotsByName(WalkInDialog)
    # setupUi

    def retranslateUi(self, WalkInDialog: Any) -> None:
        WalkInDialog.setWindowTitle(QCoreApplication.translate("WalkInDialog", u"Record walk-in service", None))
        self.introLabel.setText(QCoreApplication.translate("WalkInDialog", u"A question answered at the desk outside a case. Choose the expat, the employer or both, and the service given.", None))
        self.expatLabel.setText(QCoreApplication.translate("WalkInDialog", u"E&xpat", None))
#if QT_CONFIG(accessibility)
        self.expatSearch.setAccessibleName(QCoreApplication.translate("WalkInDialog", u"Search for the expat", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.expatCombo.setAccessibleName(QCoreApplication.translate("WalkInDialog", u"Expat", None))
#endif // QT_CONFIG(accessibility)
        self.employerLabel.setText(QCoreApplication.translate("WalkInDialog", u"Em&ployer", None))
#if QT_CONFIG(accessibility)
        self.employer.setAccessibleName(QCoreApplication.translate("WalkInDialog", u"Employer", None))
#endif // QT_CONFIG(accessibility)
        self.serviceLabel.setText(QCoreApplication.translate("WalkInDialog", u"&Service", None))
#if QT_CONFIG(accessibility)
        self.serviceCombo.setAccessibleName(QCoreApplication.translate("WalkInDialog", u"Service", None))
#endif // QT_CONFIG(accessibility)
        self.deliveredOnLabel.setText(QCoreApplication.translate("WalkInDialog", u"&Date", None))
#if QT_CONFIG(accessibility)
        self.deliveredOn.setAccessibleName(QCoreApplication.translate("WalkInDialog", u"Date of the service", None))
#endif // QT_CONFIG(accessibility)
        self.notesLabel.setText(QCoreApplication.translate("WalkInDialog", u"&Note", None))
#if QT_CONFIG(accessibility)
        self.notesEdit.setAccessibleName(QCoreApplication.translate("WalkInDialog", u"Note", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
