# Generated from ui/open_case_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'open_case_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QGridLayout,
    QLabel, QLineEdit, QListWidget, QVBoxLayout, QWidget)

from expatdesk.qt.employers.chooser import EmployerChooser
from expatdesk.qt.widgets.date_field import DateField

class Ui_OpenCaseDialog(object):
    def setupUi(self, OpenCaseDialog: Any) -> None:
        if not OpenCaseDialog.objectName():
            OpenCaseDialog.setObjectName(u"OpenCaseDialog")
        OpenCaseDialog.resize(580, 640)
        self.dialogLayout = QVBoxLayout(OpenCaseDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(OpenCaseDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.formError = QLabel(OpenCaseDialog)
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
        self.expatLabel = QLabel(OpenCaseDialog)
        self.expatLabel.setObjectName(u"expatLabel")

        self.fieldsLayout.addWidget(self.expatLabel, 0, 0, 1, 1)

        self.expatSearch = QLineEdit(OpenCaseDialog)
        self.expatSearch.setObjectName(u"expatSearch")
        self.expatSearch.setClearButtonEnabled(True)

        self.fieldsLayout.addWidget(self.expatSearch, 0, 1, 1, 1)

        self.expatCombo = QComboBox(OpenCaseDialog)
        self.expatCombo.setObjectName(u"expatCombo")

        self.fieldsLayout.addWidget(self.expatCombo, 1, 1, 1, 1)

        self.employerLabel = QLabel(OpenCaseDialog)
        self.employerLabel.setObjectName(u"employerLabel")

        self.fieldsLayout.addWidget(self.employerLabel, 2, 0, 1, 1)

        self.employer = EmployerChooser(OpenCaseDialog)
        self.employer.setObjectName(u"employer")
        self.employer.setClearButtonEnabled(True)

        self.fieldsLayout.addWidget(self.employer, 2, 1, 1, 1)

        self.clientError = QLabel(OpenCaseDialog)
        self.clientError.setObjectName(u"clientError")
        self.clientError.setFont(font)
        self.clientError.setProperty(u"colourRole", u"error")
        self.clientError.setWordWrap(True)
        self.clientError.setText(u"")

        self.fieldsLayout.addWidget(self.clientError, 3, 1, 1, 1)

        self.subjectLabel = QLabel(OpenCaseDialog)
        self.subjectLabel.setObjectName(u"subjectLabel")

        self.fieldsLayout.addWidget(self.subjectLabel, 4, 0, 1, 1)

        self.subjectEdit = QLineEdit(OpenCaseDialog)
        self.subjectEdit.setObjectName(u"subjectEdit")
        self.subjectEdit.setMaxLength(300)

        self.fieldsLayout.addWidget(self.subjectEdit, 4, 1, 1, 1)

        self.subjectError = QLabel(OpenCaseDialog)
        self.subjectError.setObjectName(u"subjectError")
        self.subjectError.setFont(font)
        self.subjectError.setProperty(u"colourRole", u"error")
        self.subjectError.setWordWrap(True)
        self.subjectError.setText(u"")

        self.fieldsLayout.addWidget(self.subjectError, 5, 1, 1, 1)

        self.ownerLabel = QLabel(OpenCaseDialog)
        self.ownerLabel.setObjectName(u"ownerLabel")

        self.fieldsLayout.addWidget(self.ownerLabel, 6, 0, 1, 1)

        self.ownerCombo = QComboBox(OpenCaseDialog)
        self.ownerCombo.setObjectName(u"ownerCombo")

        self.fieldsLayout.addWidget(self.ownerCombo, 6, 1, 1, 1)

        self.ownerError = QLabel(OpenCaseDialog)
        self.ownerError.setObjectName(u"ownerError")
        self.ownerError.setFont(font)
        self.ownerError.setProperty(u"colourRole", u"error")
        self.ownerError.setWordWrap(True)
        self.ownerError.setText(u"")

        self.fieldsLayout.addWidget(self.ownerError, 7, 1, 1, 1)

        self.openedOnLabel = QLabel(OpenCaseDialog)
        self.openedOnLabel.setObjectName(u"openedOnLabel")

        self.fieldsLayout.addWidget(self.openedOnLabel, 8, 0, 1, 1)

        self.openedOn = DateField(OpenCaseDialog)
        self.openedOn.setObjectName(u"openedOn")

        self.fieldsLayout.addWidget(self.openedOn, 8, 1, 1, 1)

        self.openedOnError = QLabel(OpenCaseDialog)
        self.openedOnError.setObjectName(u"openedOnError")
        self.openedOnError.setFont(font)
        self.openedOnError.setProperty(u"colourRole", u"error")
        self.openedOnError.setWordWrap(True)
        self.openedOnError.setText(u"")

        self.fieldsLayout.addWidget(self.openedOnError, 9, 1, 1, 1)

        self.servicesLabel = QLabel(OpenCaseDialog)
        self.servicesLabel.setObjectName(u"servicesLabel")
        self.servicesLabel.setAlignment(Qt.AlignmentFlag.AlignLeading|Qt.AlignmentFlag.AlignTop)

        self.fieldsLayout.addWidget(self.servicesLabel, 10, 0, 1, 1)

        self.servicesList = QListWidget(OpenCaseDialog)
        self.servicesList.setObjectName(u"servicesList")

        self.fieldsLayout.addWidget(self.servicesList, 10, 1, 1, 1)

        self.serviceError = QLabel(OpenCaseDialog)
        self.serviceError.setObjectName(u"serviceError")
        self.serviceError.setFont(font)
        self.serviceError.setProperty(u"colourRole", u"error")
        self.serviceError.setWordWrap(True)
        self.serviceError.setText(u"")

        self.fieldsLayout.addWidget(self.serviceError, 11, 1, 1, 1)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.buttonBox = QDialogButtonBox(OpenCaseDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.expatLabel.setBuddy(self.expatSearch)
        self.employerLabel.setBuddy(self.employer)
        self.subjectLabel.setBuddy(self.subjectEdit)
        self.ownerLabel.setBuddy(self.ownerCombo)
        self.openedOnLabel.setBuddy(self.openedOn)
        self.servicesLabel.setBuddy(self.servicesList)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.expatSearch, self.expatCombo)
        QWidget.setTabOrder(self.expatCombo, self.employer)
        QWidget.setTabOrder(self.employer, self.subjectEdit)
        QWidget.setTabOrder(self.subjectEdit, self.ownerCombo)
        QWidget.setTabOrder(self.ownerCombo, self.openedOn)
        QWidget.setTabOrder(self.openedOn, self.servicesList)

        self.retranslateUi(OpenCaseDialog)

        QMetaObject.connectSlotsByName(OpenCaseDialog)
    # setupUi

    def retranslateUi(self, OpenCaseDialog: Any) -> None:
        OpenCaseDialog.setWindowTitle(QCoreApplication.translate("OpenCaseDialog", u"Open case", None))
        self.introLabel.setText(QCoreApplication.translate("OpenCaseDialog", u"A case follows an expat's or an employer's request from intake to closure. Tick the services you deliver today; more can be added on the case later.", None))
        self.expatLabel.setText(QCoreApplication.translate("OpenCaseDialog", u"E&xpat", None))
#if QT_CONFIG(accessibility)
        self.expatSearch.setAccessibleName(QCoreApplication.translate("OpenCaseDialog", u"Search for the expat", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.expatCombo.setAccessibleName(QCoreApplication.translate("OpenCaseDialog", u"Expat", None))
#endif // QT_CONFIG(accessibility)
        self.employerLabel.setText(QCoreApplication.translate("OpenCaseDialog", u"Em&ployer", None))
#if QT_CONFIG(accessibility)
        self.employer.setAccessibleName(QCoreApplication.translate("OpenCaseDialog", u"Employer", None))
#endif // QT_CONFIG(accessibility)
        self.subjectLabel.setText(QCoreApplication.translate("OpenCaseDialog", u"S&ubject", None))
#if QT_CONFIG(accessibility)
        self.subjectEdit.setAccessibleName(QCoreApplication.translate("OpenCaseDialog", u"Subject", None))
#endif // QT_CONFIG(accessibility)
        self.ownerLabel.setText(QCoreApplication.translate("OpenCaseDialog", u"&Owner", None))
#if QT_CONFIG(accessibility)
        self.ownerCombo.setAccessibleName(QCoreApplication.translate("OpenCaseDialog", u"Owner", None))
#endif // QT_CONFIG(accessibility)
        self.openedOnLabel.setText(QCoreApplication.translate("OpenCaseDialog", u"Opened o&n", None))
#if QT_CONFIG(accessibility)
        self.openedOn.setAccessibleName(QCoreApplication.translate("OpenCaseDialog", u"Opened on", None))
#endif // QT_CONFIG(accessibility)
        self.servicesLabel.setText(QCoreApplication.translate("OpenCaseDialog", u"&First services (optional)", None))
#if QT_CONFIG(accessibility)
        self.servicesList.setAccessibleName(QCoreApplication.translate("OpenCaseDialog", u"First services (optional)", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
