# Generated from ui/merge_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'merge_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QDialogButtonBox, QFrame, QGridLayout,
    QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QScrollArea,
    QTreeWidget, QVBoxLayout, QWidget)

class Ui_MergeDialog(object):
    def setupUi(self, MergeDialog: Any) -> None:
        if not MergeDialog.objectName():
            MergeDialog.setObjectName(u"MergeDialog")
        MergeDialog.resize(820, 700)
        self.dialogLayout = QVBoxLayout(MergeDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(MergeDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.keepLayout = QHBoxLayout()
        self.keepLayout.setObjectName(u"keepLayout")
        self.keepLabel = QLabel(MergeDialog)
        self.keepLabel.setObjectName(u"keepLabel")
        self.keepLabel.setText(u"")
        self.keepLabel.setWordWrap(True)
        self.keepLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.keepLayout.addWidget(self.keepLabel)

        self.swapButton = QPushButton(MergeDialog)
        self.swapButton.setObjectName(u"swapButton")
        self.swapButton.setAutoDefault(False)

        self.keepLayout.addWidget(self.swapButton)

        self.keepLayout.setStretch(0, 1)

        self.dialogLayout.addLayout(self.keepLayout)

        self.searchLayout = QHBoxLayout()
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLabel = QLabel(MergeDialog)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(MergeDialog)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchLayout.addWidget(self.searchEdit)


        self.dialogLayout.addLayout(self.searchLayout)

        self.otherList = QTreeWidget(MergeDialog)
        self.otherList.setObjectName(u"otherList")
        self.otherList.setRootIsDecorated(False)
        self.otherList.setUniformRowHeights(True)
        self.otherList.setAllColumnsShowFocus(True)
        self.otherList.setMaximumSize(QSize(16777215, 130))

        self.dialogLayout.addWidget(self.otherList)

        self.fieldsBox = QGroupBox(MergeDialog)
        self.fieldsBox.setObjectName(u"fieldsBox")
        self.fieldsBoxLayout = QVBoxLayout(self.fieldsBox)
        self.fieldsBoxLayout.setObjectName(u"fieldsBoxLayout")
        self.fieldsScroll = QScrollArea(self.fieldsBox)
        self.fieldsScroll.setObjectName(u"fieldsScroll")
        self.fieldsScroll.setWidgetResizable(True)
        self.fieldsScroll.setFrameShape(QFrame.Shape.NoFrame)
        self.fieldsWidget = QWidget()
        self.fieldsWidget.setObjectName(u"fieldsWidget")
        self.fieldsLayout = QGridLayout(self.fieldsWidget)
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.fieldsScroll.setWidget(self.fieldsWidget)

        self.fieldsBoxLayout.addWidget(self.fieldsScroll)


        self.dialogLayout.addWidget(self.fieldsBox)

        self.movesLabel = QLabel(MergeDialog)
        self.movesLabel.setObjectName(u"movesLabel")
        self.movesLabel.setText(u"")
        self.movesLabel.setWordWrap(True)
        self.movesLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.movesLabel)

        self.formError = QLabel(MergeDialog)
        self.formError.setObjectName(u"formError")
        font = QFont()
        font.setBold(True)
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(MergeDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.otherList)
        QWidget.setTabOrder(self.otherList, self.swapButton)

        self.retranslateUi(MergeDialog)

        QMetaObject.connectSlotsByName(MergeDialog)
    # setupUi

    def retranslateUi(self, MergeDialog: Any) -> None:
        MergeDialog.setWindowTitle(QCoreApplication.translate("MergeDialog", u"Merge expat records", None))
        self.introLabel.setText(QCoreApplication.translate("MergeDialog", u"When one person was registered twice, keep one record and merge the other into it. Everything linked to the other record moves to the one kept; choose which values the kept record takes.", None))
        self.swapButton.setText(QCoreApplication.translate("MergeDialog", u"&Keep the other record instead", None))
#if QT_CONFIG(accessibility)
        self.swapButton.setAccessibleName(QCoreApplication.translate("MergeDialog", u"Keep the other record instead", None))
#endif // QT_CONFIG(accessibility)
        self.searchLabel.setText(QCoreApplication.translate("MergeDialog", u"&Find the record to merge", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("MergeDialog", u"Find the record to merge", None))
#endif // QT_CONFIG(accessibility)
        self.searchEdit.setPlaceholderText(QCoreApplication.translate("MergeDialog", u"Name, e-mail address or ref.", None))
        ___qtreewidgetitem = self.otherList.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("MergeDialog", u"E-mail", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("MergeDialog", u"Date of birth", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("MergeDialog", u"Name", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("MergeDialog", u"Ref.", None))
#if QT_CONFIG(accessibility)
        self.otherList.setAccessibleName(QCoreApplication.translate("MergeDialog", u"Records found", None))
#endif // QT_CONFIG(accessibility)
        self.fieldsBox.setTitle(QCoreApplication.translate("MergeDialog", u"Values of the kept record", None))
    # retranslateUi
