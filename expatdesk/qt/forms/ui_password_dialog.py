# Generated from ui/password_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'password_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QDialogButtonBox, QGridLayout, QLabel,
    QLineEdit, QVBoxLayout, QWidget)

class Ui_PasswordDialog(object):
    def setupUi(self, PasswordDialog: Any) -> None:
        if not PasswordDialog.objectName():
            PasswordDialog.setObjectName(u"PasswordDialog")
        PasswordDialog.resize(440, 280)
        self.dialogLayout = QVBoxLayout(PasswordDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(PasswordDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setText(u"")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.currentLabel = QLabel(PasswordDialog)
        self.currentLabel.setObjectName(u"currentLabel")

        self.fieldsLayout.addWidget(self.currentLabel, 0, 0, 1, 1)

        self.current = QLineEdit(PasswordDialog)
        self.current.setObjectName(u"current")
        self.current.setEchoMode(QLineEdit.EchoMode.Password)
        self.current.setMaxLength(200)

        self.fieldsLayout.addWidget(self.current, 0, 1, 1, 1)

        self.currentError = QLabel(PasswordDialog)
        self.currentError.setObjectName(u"currentError")
        font = QFont()
        font.setBold(True)
        self.currentError.setFont(font)
        self.currentError.setProperty(u"colourRole", u"error")
        self.currentError.setWordWrap(True)
        self.currentError.setText(u"")

        self.fieldsLayout.addWidget(self.currentError, 1, 1, 1, 1)

        self.newLabel = QLabel(PasswordDialog)
        self.newLabel.setObjectName(u"newLabel")

        self.fieldsLayout.addWidget(self.newLabel, 2, 0, 1, 1)

        self.newPassword = QLineEdit(PasswordDialog)
        self.newPassword.setObjectName(u"newPassword")
        self.newPassword.setEchoMode(QLineEdit.EchoMode.Password)
        self.newPassword.setMaxLength(200)

        self.fieldsLayout.addWidget(self.newPassword, 2, 1, 1, 1)

        self.newError = QLabel(PasswordDialog)
        self.newError.setObjectName(u"newError")
        self.newError.setFont(font)
        self.newError.setProperty(u"colourRole", u"error")
        self.newError.setWordWrap(True)
        self.newError.setText(u"")

        self.fieldsLayout.addWidget(self.newError, 3, 1, 1, 1)

        self.repeatLabel = QLabel(PasswordDialog)
        self.repeatLabel.setObjectName(u"repeatLabel")

        self.fieldsLayout.addWidget(self.repeatLabel, 4, 0, 1, 1)

        self.repeat = QLineEdit(PasswordDialog)
        self.repeat.setObjectName(u"repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setMaxLength(200)

        self.fieldsLayout.addWidget(self.repeat, 4, 1, 1, 1)

        self.repeatError = QLabel(PasswordDialog)
        self.repeatError.setObjectName(u"repeatError")
        self.repeatError.setFont(font)
        self.repeatError.setProperty(u"colourRole", u"error")
        self.repeatError.setWordWrap(True)
        self.repeatError.setText(u"")

        self.fieldsLayout.addWidget(self.repeatError, 5, 1, 1, 1)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.formError = QLabel(PasswordDialog)
        self.formError.setObjectName(u"formError")
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(PasswordDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.currentLabel.setBuddy(self.current)
        self.newLabel.setBuddy(self.newPassword)
        self.repeatLabel.setBuddy(self.repeat)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.current, self.newPassword)
        QWidget.setTabOrder(self.newPassword, self.repeat)
        QWidget.setTabOrder(self.repeat, self.buttonBox)

        self.retranslateUi(PasswordDialog)

        QMetaObject.connectSlotsByName(PasswordDialog)
    # setupUi

    def retranslateUi(self, PasswordDialog: Any) -> None:
        PasswordDialog.setWindowTitle(QCoreApplication.translate("PasswordDialog", u"Change password", None))
        self.currentLabel.setText(QCoreApplication.translate("PasswordDialog", u"&Current password:", None))
#if QT_CONFIG(accessibility)
        self.current.setAccessibleName(QCoreApplication.translate("PasswordDialog", u"Current password", None))
#endif // QT_CONFIG(accessibility)
        self.newLabel.setText(QCoreApplication.translate("PasswordDialog", u"&New password:", None))
#if QT_CONFIG(accessibility)
        self.newPassword.setAccessibleName(QCoreApplication.translate("PasswordDialog", u"New password", None))
#endif // QT_CONFIG(accessibility)
        self.repeatLabel.setText(QCoreApplication.translate("PasswordDialog", u"R&epeat the new password:", None))
#if QT_CONFIG(accessibility)
        self.repeat.setAccessibleName(QCoreApplication.translate("PasswordDialog", u"Repeat the new password", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
