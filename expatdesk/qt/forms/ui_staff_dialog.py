# Generated from ui/staff_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'staff_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialogButtonBox,
    QGroupBox, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QSpinBox, QTableView, QVBoxLayout, QWidget)

class Ui_StaffDialog(object):
    def setupUi(self, StaffDialog: Any) -> None:
        if not StaffDialog.objectName():
            StaffDialog.setObjectName(u"StaffDialog")
        StaffDialog.resize(720, 480)
        self.dialogLayout = QVBoxLayout(StaffDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.accountsLabel = QLabel(StaffDialog)
        self.accountsLabel.setObjectName(u"accountsLabel")

        self.dialogLayout.addWidget(self.accountsLabel)

        self.accounts = QTableView(StaffDialog)
        self.accounts.setObjectName(u"accounts")
        self.accounts.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.accounts.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.accounts.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.accounts.setTabKeyNavigation(False)

        self.dialogLayout.addWidget(self.accounts)

        self.actionsLayout = QHBoxLayout()
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.newButton = QPushButton(StaffDialog)
        self.newButton.setObjectName(u"newButton")
        self.newButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.newButton)

        self.roleLabel = QLabel(StaffDialog)
        self.roleLabel.setObjectName(u"roleLabel")

        self.actionsLayout.addWidget(self.roleLabel)

        self.role = QComboBox(StaffDialog)
        self.role.setObjectName(u"role")

        self.actionsLayout.addWidget(self.role)

        self.activeButton = QPushButton(StaffDialog)
        self.activeButton.setObjectName(u"activeButton")
        self.activeButton.setText(u"")
        self.activeButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.activeButton)

        self.passwordButton = QPushButton(StaffDialog)
        self.passwordButton.setObjectName(u"passwordButton")
        self.passwordButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.passwordButton)

        self.actionsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.actionsLayout.addItem(self.actionsSpacer)


        self.dialogLayout.addLayout(self.actionsLayout)

        self.message = QLabel(StaffDialog)
        self.message.setObjectName(u"message")
        self.message.setWordWrap(True)
        self.message.setText(u"")

        self.dialogLayout.addWidget(self.message)

        self.idleBox = QGroupBox(StaffDialog)
        self.idleBox.setObjectName(u"idleBox")
        self.idleLayout = QHBoxLayout(self.idleBox)
        self.idleLayout.setObjectName(u"idleLayout")
        self.idleLabel = QLabel(self.idleBox)
        self.idleLabel.setObjectName(u"idleLabel")

        self.idleLayout.addWidget(self.idleLabel)

        self.idleMinutes = QSpinBox(self.idleBox)
        self.idleMinutes.setObjectName(u"idleMinutes")
        self.idleMinutes.setMinimum(1)
        self.idleMinutes.setMaximum(1440)

        self.idleLayout.addWidget(self.idleMinutes)

        self.idleSaveButton = QPushButton(self.idleBox)
        self.idleSaveButton.setObjectName(u"idleSaveButton")
        self.idleSaveButton.setAutoDefault(False)

        self.idleLayout.addWidget(self.idleSaveButton)

        self.idleSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.idleLayout.addItem(self.idleSpacer)


        self.dialogLayout.addWidget(self.idleBox)

        self.buttonBox = QDialogButtonBox(StaffDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.accountsLabel.setBuddy(self.accounts)
        self.roleLabel.setBuddy(self.role)
        self.idleLabel.setBuddy(self.idleMinutes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.accounts, self.newButton)
        QWidget.setTabOrder(self.newButton, self.role)
        QWidget.setTabOrder(self.role, self.activeButton)
        QWidget.setTabOrder(self.activeButton, self.passwordButton)
        QWidget.setTabOrder(self.passwordButton, self.idleMinutes)
        QWidget.setTabOrder(self.idleMinutes, self.idleSaveButton)
        QWidget.setTabOrder(self.idleSaveButton, self.buttonBox)

        self.retranslateUi(StaffDialog)

        QMetaObject.connectSlotsByName(StaffDialog)
    # setupUi

    def retranslateUi(self, StaffDialog: Any) -> None:
        StaffDialog.setWindowTitle(QCoreApplication.translate("StaffDialog", u"Staff accounts", None))
        self.accountsLabel.setText(QCoreApplication.translate("StaffDialog", u"&Accounts:", None))
#if QT_CONFIG(accessibility)
        self.accounts.setAccessibleName(QCoreApplication.translate("StaffDialog", u"Staff accounts", None))
#endif // QT_CONFIG(accessibility)
        self.newButton.setText(QCoreApplication.translate("StaffDialog", u"&New account\u2026", None))
        self.roleLabel.setText(QCoreApplication.translate("StaffDialog", u"R&ole:", None))
#if QT_CONFIG(accessibility)
        self.role.setAccessibleName(QCoreApplication.translate("StaffDialog", u"Role of the selected account", None))
#endif // QT_CONFIG(accessibility)
        self.passwordButton.setText(QCoreApplication.translate("StaffDialog", u"&Reset password\u2026", None))
        self.idleBox.setTitle(QCoreApplication.translate("StaffDialog", u"Locking idle sessions", None))
        self.idleLabel.setText(QCoreApplication.translate("StaffDialog", u"Lock a session after &this many minutes without input:", None))
#if QT_CONFIG(accessibility)
        self.idleMinutes.setAccessibleName(QCoreApplication.translate("StaffDialog", u"Lock a session after this many minutes without input", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.idleMinutes.setAccessibleDescription(QCoreApplication.translate("StaffDialog", u"Minutes without input before a session locks", None))
#endif // QT_CONFIG(accessibility)
        self.idleSaveButton.setText(QCoreApplication.translate("StaffDialog", u"&Save", None))
    # retranslateUi
