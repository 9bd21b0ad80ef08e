# Generated from ui/account_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'account_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QGridLayout,
    QLabel, QLineEdit, QVBoxLayout, QWidget)

class Ui_AccountDialog(object):
    def setupUi(self, AccountDialog: Any) -> None:
        if not AccountDialog.objectName():
            AccountDialog.setObjectName(u"AccountDialog")
        AccountDialog.resize(480, 360)
        self.dialogLayout = QVBoxLayout(AccountDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(AccountDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setText(u"")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.usernameLabel = QLabel(AccountDialog)
        self.usernameLabel.setObjectName(u"usernameLabel")

        self.fieldsLayout.addWidget(self.usernameLabel, 0, 0, 1, 1)

        self.username = QLineEdit(AccountDialog)
        self.username.setObjectName(u"username")
        self.username.setMaxLength(63)

        self.fieldsLayout.addWidget(self.username, 0, 1, 1, 1)

        self.usernameError = QLabel(AccountDialog)
        self.usernameError.setObjectName(u"usernameError")
        font = QFont()
        font.setBold(True)
        self.usernameError.setFont(font)
        self.usernameError.setProperty(u"colourRole", u"error")
        self.usernameError.setWordWrap(True)
        self.usernameError.setText(u"")

        self.fieldsLayout.addWidget(self.usernameError, 1, 1, 1, 1)

        self.displayNameLabel = QLabel(AccountDialog)
        self.displayNameLabel.setObjectName(u"displayNameLabel")

        self.fieldsLayout.addWidget(self.displayNameLabel, 2, 0, 1, 1)

        self.displayName = QLineEdit(AccountDialog)
        self.displayName.setObjectName(u"displayName")
        self.displayName.setMaxLength(200)

        self.fieldsLayout.addWidget(self.displayName, 2, 1, 1, 1)

        self.displayNameError = QLabel(AccountDialog)
        self.displayNameError.setObjectName(u"displayNameError")
        self.displayNameError.setFont(font)
        self.displayNameError.setProperty(u"colourRole", u"error")
        self.displayNameError.setWordWrap(True)
        self.displayNameError.setText(u"")

        self.fieldsLayout.addWidget(self.displayNameError, 3, 1, 1, 1)

        self.roleLabel = QLabel(AccountDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.fieldsLayout.addWidget(self.roleLabel, 4, 0, 1, 1)

        self.role = QComboBox(AccountDialog)
        self.role.setObjectName(u"role")

        self.fieldsLayout.addWidget(self.role, 4, 1, 1, 1)

        self.roleError = QLabel(AccountDialog)
        self.roleError.setObjectName(u"roleError")
        self.roleError.setFont(font)
        self.roleError.setProperty(u"colourRole", u"error")
        self.roleError.setWordWrap(True)
        self.roleError.setText(u"")

        self.fieldsLayout.addWidget(self.roleError, 5, 1, 1, 1)

        self.passwordLabel = QLabel(AccountDialog)
        self.passwordLabel.setObjectName(u"passwordLabel")

        self.fieldsLayout.addWidget(self.passwordLabel, 6, 0, 1, 1)

        self.password = QLineEdit(AccountDialog)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.password.setMaxLength(200)

        self.fieldsLayout.addWidget(self.password, 6, 1, 1, 1)

        self.passwordError = QLabel(AccountDialog)
        self.passwordError.setObjectName(u"passwordError")
        self.passwordError.setFont(font)
        self.passwordError.setProperty(u"colourRole", u"error")
        self.passwordError.setWordWrap(True)
        self.passwordError.setText(u"")

        self.fieldsLayout.addWidget(self.passwordError, 7, 1, 1, 1)

        self.repeatLabel = QLabel(AccountDialog)
        self.repeatLabel.setObjectName(u"repeatLabel")

        self.fieldsLayout.addWidget(self.repeatLabel, 8, 0, 1, 1)

        self.repeat = QLineEdit(AccountDialog)
        self.repeat.setObjectName(u"repeat")
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setMaxLength(200)

        self.fieldsLayout.addWidget(self.repeat, 8, 1, 1, 1)

        self.repeatError = QLabel(AccountDialog)
        self.repeatError.setObjectName(u"repeatError")
        self.repeatError.setFont(font)
        self.repeatError.setProperty(u"colourRole", u"error")
        self.repeatError.setWordWrap(True)
        self.repeatError.setText(u"")

        self.fieldsLayout.addWidget(self.repeatError, 9, 1, 1, 1)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.formError = QLabel(AccountDialog)
        self.formError.setObjectName(u"formError")
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(AccountDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.usernameLabel.setBuddy(self.username)
        self.displayNameLabel.setBuddy(self.displayName)
        self.roleLabel.setBuddy(self.role)
        self.passwordLabel.setBuddy(self.password)
        self.repeatLabel.setBuddy(self.repeat)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.username, self.displayName)
        QWidget.setTabOrder(self.displayName, self.role)
        QWidget.setTabOrder(self.role, self.password)
        QWidget.setTabOrder(self.password, self.repeat)
        QWidget.setTabOrder(self.repeat, self.buttonBox)

        self.retranslateUi(AccountDialog)

        QMetaObject.connectSlotsByName(AccountDialog)
    # setupUi

    def retranslateUi(self, AccountDialog: Any) -> None:
        AccountDialog.setWindowTitle(QCoreApplication.translate("AccountDialog", u"New staff account", None))
        self.usernameLabel.setText(QCoreApplication.translate("AccountDialog", u"&Username:", None))
#if QT_CONFIG(accessibility)
        self.username.setAccessibleName(QCoreApplication.translate("AccountDialog", u"Username", None))
#endif // QT_CONFIG(accessibility)
        self.displayNameLabel.setText(QCoreApplication.translate("AccountDialog", u"&Name:", None))
#if QT_CONFIG(accessibility)
        self.displayName.setAccessibleName(QCoreApplication.translate("AccountDialog", u"Name", None))
#endif // QT_CONFIG(accessibility)
        self.roleLabel.setText(QCoreApplication.translate("AccountDialog", u"&Role:", None))
#if QT_CONFIG(accessibility)
        self.role.setAccessibleName(QCoreApplication.translate("AccountDialog", u"Role", None))
#endif // QT_CONFIG(accessibility)
        self.passwordLabel.setText(QCoreApplication.translate("AccountDialog", u"&Password:", None))
#if QT_CONFIG(accessibility)
        self.password.setAccessibleName(QCoreApplication.translate("AccountDialog", u"Password", None))
#endif // QT_CONFIG(accessibility)
        self.repeatLabel.setText(QCoreApplication.translate("AccountDialog", u"R&epeat the password:", None))
#if QT_CONFIG(accessibility)
        self.repeat.setAccessibleName(QCoreApplication.translate("AccountDialog", u"Repeat the password", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
