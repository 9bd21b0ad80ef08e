# Generated from ui/erase_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'erase_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QDialogButtonBox, QFrame, QGridLayout,
    QGroupBox, QLabel, QLineEdit, QScrollArea, QVBoxLayout, QWidget)

class Ui_EraseDialog(object):
    def setupUi(self, EraseDialog: Any) -> None:
        if not EraseDialog.objectName():
            EraseDialog.setObjectName(u"EraseDialog")
        EraseDialog.resize(560, 520)
        self.dialogLayout = QVBoxLayout(EraseDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(EraseDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setText(u"")
        self.introLabel.setWordWrap(True)
        self.introLabel.setTextFormat(Qt.TextFormat.PlainText)

        self.dialogLayout.addWidget(self.introLabel)

        self.listsArea = QScrollArea(EraseDialog)
        self.listsArea.setObjectName(u"listsArea")
        self.listsArea.setFrameShape(QFrame.Shape.NoFrame)
        self.listsArea.setWidgetResizable(True)
        self.listsWidget = QWidget()
        self.listsWidget.setObjectName(u"listsWidget")
        self.listsLayout = QVBoxLayout(self.listsWidget)
        self.listsLayout.setObjectName(u"listsLayout")
        self.listsLayout.setContentsMargins(0, 0, 0, 0)
        self.goesBox = QGroupBox(self.listsWidget)
        self.goesBox.setObjectName(u"goesBox")
        self.goesLayout = QVBoxLayout(self.goesBox)
        self.goesLayout.setObjectName(u"goesLayout")
        self.goesLabel = QLabel(self.goesBox)
        self.goesLabel.setObjectName(u"goesLabel")
        self.goesLabel.setText(u"")
        self.goesLabel.setWordWrap(True)
        self.goesLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.goesLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.goesLayout.addWidget(self.goesLabel)


        self.listsLayout.addWidget(self.goesBox)

        self.staysBox = QGroupBox(self.listsWidget)
        self.staysBox.setObjectName(u"staysBox")
        self.staysLayout = QVBoxLayout(self.staysBox)
        self.staysLayout.setObjectName(u"staysLayout")
        self.staysLabel = QLabel(self.staysBox)
        self.staysLabel.setObjectName(u"staysLabel")
        self.staysLabel.setText(u"")
        self.staysLabel.setWordWrap(True)
        self.staysLabel.setTextFormat(Qt.TextFormat.PlainText)
        self.staysLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.staysLayout.addWidget(self.staysLabel)


        self.listsLayout.addWidget(self.staysBox)

        self.listsArea.setWidget(self.listsWidget)

        self.dialogLayout.addWidget(self.listsArea)

        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.reasonLabel = QLabel(EraseDialog)
        self.reasonLabel.setObjectName(u"reasonLabel")

        self.fieldsLayout.addWidget(self.reasonLabel, 0, 0, 1, 1)

        self.reason = QLineEdit(EraseDialog)
        self.reason.setObjectName(u"reason")
        self.reason.setMaxLength(500)

        self.fieldsLayout.addWidget(self.reason, 0, 1, 1, 1)

        self.reasonError = QLabel(EraseDialog)
        self.reasonError.setObjectName(u"reasonError")
        font = QFont()
        font.setBold(True)
        self.reasonError.setFont(font)
        self.reasonError.setProperty(u"colourRole", u"error")
        self.reasonError.setWordWrap(True)
        self.reasonError.setText(u"")

        self.fieldsLayout.addWidget(self.reasonError, 1, 1, 1, 1)

        self.confirmLabel = QLabel(EraseDialog)
        self.confirmLabel.setObjectName(u"confirmLabel")
        self.confirmLabel.setText(u"")

        self.fieldsLayout.addWidget(self.confirmLabel, 2, 0, 1, 1)

        self.confirmEdit = QLineEdit(EraseDialog)
        self.confirmEdit.setObjectName(u"confirmEdit")
        self.confirmEdit.setMaxLength(64)

        self.fieldsLayout.addWidget(self.confirmEdit, 2, 1, 1, 1)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.formError = QLabel(EraseDialog)
        self.formError.setObjectName(u"formError")
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(EraseDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.reasonLabel.setBuddy(self.reason)
        self.confirmLabel.setBuddy(self.confirmEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.reason, self.confirmEdit)
        QWidget.setTabOrder(self.confirmEdit, self.buttonBox)

        self.retranslateUi(EraseDialog)

        QMetaObject.connectSlotsByName(EraseDialog)
    # setupUi

    def retranslateUi(self, EraseDialog: Any) -> None:
        EraseDialog.setWindowTitle(QCoreApplication.translate("EraseDialog", u"Erase personal data", None))
        self.goesBox.setTitle(QCoreApplication.translate("EraseDialog", u"What goes", None))
        self.staysBox.setTitle(QCoreApplication.translate("EraseDialog", u"What stays", None))
        self.reasonLabel.setText(QCoreApplication.translate("EraseDialog", u"&Reason:", None))
#if QT_CONFIG(accessibility)
        self.reason.setAccessibleName(QCoreApplication.translate("EraseDialog", u"Reason for the erasure", None))
#endif // QT_CONFIG(accessibility)
        self.reason.setPlaceholderText(QCoreApplication.translate("EraseDialog", u"For instance: at the person's request of 3 March", None))
    # retranslateUi
