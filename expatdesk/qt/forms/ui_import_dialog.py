# Generated from ui/import_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'import_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QDialogButtonBox,
    QGridLayout, QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout,
    QWidget)

class Ui_ImportDialog(object):
    def setupUi(self, ImportDialog: Any) -> None:
        if not ImportDialog.objectName():
            ImportDialog.setObjectName(u"ImportDialog")
        ImportDialog.resize(820, 620)
        self.dialogLayout = QVBoxLayout(ImportDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(ImportDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.chooseLayout = QGridLayout()
        self.chooseLayout.setObjectName(u"chooseLayout")
        self.kindLabel = QLabel(ImportDialog)
        self.kindLabel.setObjectName(u"kindLabel")

        self.chooseLayout.addWidget(self.kindLabel, 0, 0, 1, 1)

        self.kindCombo = QComboBox(ImportDialog)
        self.kindCombo.setObjectName(u"kindCombo")

        self.chooseLayout.addWidget(self.kindCombo, 0, 1, 1, 2)

        self.fileLabel = QLabel(ImportDialog)
        self.fileLabel.setObjectName(u"fileLabel")

        self.chooseLayout.addWidget(self.fileLabel, 1, 0, 1, 1)

        self.fileEdit = QLineEdit(ImportDialog)
        self.fileEdit.setObjectName(u"fileEdit")
        self.fileEdit.setReadOnly(True)

        self.chooseLayout.addWidget(self.fileEdit, 1, 1, 1, 1)

        self.browseButton = QPushButton(ImportDialog)
        self.browseButton.setObjectName(u"browseButton")
        self.browseButton.setAutoDefault(False)

        self.chooseLayout.addWidget(self.browseButton, 1, 2, 1, 1)


        self.dialogLayout.addLayout(self.chooseLayout)

        self.statusLabel = QLabel(ImportDialog)
        self.statusLabel.setObjectName(u"statusLabel")
        self.statusLabel.setWordWrap(True)
        self.statusLabel.setText(u"")
        self.statusLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.statusLabel)

        self.previewLabel = QLabel(ImportDialog)
        self.previewLabel.setObjectName(u"previewLabel")

        self.dialogLayout.addWidget(self.previewLabel)

        self.previewView = QTableView(ImportDialog)
        self.previewView.setObjectName(u"previewView")
        self.previewView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.previewView.setAlternatingRowColors(True)
        self.previewView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.previewView.setTabKeyNavigation(False)

        self.dialogLayout.addWidget(self.previewView)

        self.errorsLabel = QLabel(ImportDialog)
        self.errorsLabel.setObjectName(u"errorsLabel")
        font = QFont()
        font.setBold(True)
        self.errorsLabel.setFont(font)
        self.errorsLabel.setProperty(u"colourRole", u"error")

        self.dialogLayout.addWidget(self.errorsLabel)

        self.errorsView = QTableView(ImportDialog)
        self.errorsView.setObjectName(u"errorsView")
        self.errorsView.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.errorsView.setAlternatingRowColors(True)
        self.errorsView.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.errorsView.setWordWrap(False)
        self.errorsView.setTabKeyNavigation(False)

        self.dialogLayout.addWidget(self.errorsView)

        self.countsLabel = QLabel(ImportDialog)
        self.countsLabel.setObjectName(u"countsLabel")
        self.countsLabel.setWordWrap(True)
        self.countsLabel.setText(u"")
        self.countsLabel.setFont(font)

        self.dialogLayout.addWidget(self.countsLabel)

        self.buttonBox = QDialogButtonBox(ImportDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.kindLabel.setBuddy(self.kindCombo)
        self.fileLabel.setBuddy(self.fileEdit)
        self.previewLabel.setBuddy(self.previewView)
        self.errorsLabel.setBuddy(self.errorsView)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.kindCombo, self.browseButton)
        QWidget.setTabOrder(self.browseButton, self.fileEdit)
        QWidget.setTabOrder(self.fileEdit, self.previewView)
        QWidget.setTabOrder(self.previewView, self.errorsView)
        QWidget.setTabOrder(self.errorsView, self.buttonBox)

        self.retranslateUi(ImportDialog)

        QMetaObject.connectSlotsByName(ImportDialog)
    # setupUi

    def retranslateUi(self, ImportDialog: Any) -> None:
        ImportDialog.setWindowTitle(QCoreApplication.translate("ImportDialog", u"Import a file", None))
        self.introLabel.setText(QCoreApplication.translate("ImportDialog", u"Choose what the file holds and the file. The file is checked first; nothing is written until you click Import.", None))
        self.kindLabel.setText(QCoreApplication.translate("ImportDialog", u"&Kind of records", None))
#if QT_CONFIG(accessibility)
        self.kindCombo.setAccessibleName(QCoreApplication.translate("ImportDialog", u"Kind of records", None))
#endif // QT_CONFIG(accessibility)
        self.fileLabel.setText(QCoreApplication.translate("ImportDialog", u"&File", None))
#if QT_CONFIG(accessibility)
        self.fileEdit.setAccessibleName(QCoreApplication.translate("ImportDialog", u"File", None))
#endif // QT_CONFIG(accessibility)
        self.fileEdit.setPlaceholderText(QCoreApplication.translate("ImportDialog", u"No file chosen", None))
        self.browseButton.setText(QCoreApplication.translate("ImportDialog", u"&Browse\u2026", None))
#if QT_CONFIG(accessibility)
        self.browseButton.setAccessibleName(QCoreApplication.translate("ImportDialog", u"Browse", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.browseButton.setAccessibleDescription(QCoreApplication.translate("ImportDialog", u"Choose the file", None))
#endif // QT_CONFIG(accessibility)
        self.previewLabel.setText(QCoreApplication.translate("ImportDialog", u"&Preview of the first rows", None))
#if QT_CONFIG(accessibility)
        self.previewView.setAccessibleName(QCoreApplication.translate("ImportDialog", u"Preview of the first rows", None))
#endif // QT_CONFIG(accessibility)
        self.errorsLabel.setText(QCoreApplication.translate("ImportDialog", u"&Errors in the file", None))
#if QT_CONFIG(accessibility)
        self.errorsView.setAccessibleName(QCoreApplication.translate("ImportDialog", u"Errors in the file", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
