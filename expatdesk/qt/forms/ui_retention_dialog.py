# Generated from ui/retention_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'retention_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QDialogButtonBox, QHBoxLayout, QLabel,
    QPushButton, QSizePolicy, QSpacerItem, QSpinBox, QTreeWidget, QVBoxLayout,
    QWidget)

class Ui_RetentionDialog(object):
    def setupUi(self, RetentionDialog: Any) -> None:
        if not RetentionDialog.objectName():
            RetentionDialog.setObjectName(u"RetentionDialog")
        RetentionDialog.resize(820, 560)
        self.dialogLayout = QVBoxLayout(RetentionDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(RetentionDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.yearsLayout = QHBoxLayout()
        self.yearsLayout.setObjectName(u"yearsLayout")
        self.yearsLabel = QLabel(RetentionDialog)
        self.yearsLabel.setObjectName(u"yearsLabel")

        self.yearsLayout.addWidget(self.yearsLabel)

        self.years = QSpinBox(RetentionDialog)
        self.years.setObjectName(u"years")
        self.years.setMinimum(1)
        self.years.setMaximum(100)

        self.yearsLayout.addWidget(self.years)

        self.saveYearsButton = QPushButton(RetentionDialog)
        self.saveYearsButton.setObjectName(u"saveYearsButton")
        self.saveYearsButton.setAutoDefault(False)

        self.yearsLayout.addWidget(self.saveYearsButton)

        self.yearsError = QLabel(RetentionDialog)
        self.yearsError.setObjectName(u"yearsError")
        font = QFont()
        font.setBold(True)
        self.yearsError.setFont(font)
        self.yearsError.setProperty(u"colourRole", u"error")
        self.yearsError.setWordWrap(True)
        self.yearsError.setText(u"")

        self.yearsLayout.addWidget(self.yearsError)

        self.yearsSpacer = QSpacerItem(40, 20, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.yearsLayout.addItem(self.yearsSpacer)

        self.yearsLayout.setStretch(4, 1)

        self.dialogLayout.addLayout(self.yearsLayout)

        self.listLabel = QLabel(RetentionDialog)
        self.listLabel.setObjectName(u"listLabel")

        self.dialogLayout.addWidget(self.listLabel)

        self.candidates = QTreeWidget(RetentionDialog)
        self.candidates.setObjectName(u"candidates")
        self.candidates.setRootIsDecorated(False)
        self.candidates.setUniformRowHeights(True)
        self.candidates.setAllColumnsShowFocus(True)

        self.dialogLayout.addWidget(self.candidates)

        self.actionsLayout = QHBoxLayout()
        self.actionsLayout.setObjectName(u"actionsLayout")
        self.countLabel = QLabel(RetentionDialog)
        self.countLabel.setObjectName(u"countLabel")
        self.countLabel.setText(u"")

        self.actionsLayout.addWidget(self.countLabel)

        self.selectAllButton = QPushButton(RetentionDialog)
        self.selectAllButton.setObjectName(u"selectAllButton")
        self.selectAllButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.selectAllButton)

        self.selectNoneButton = QPushButton(RetentionDialog)
        self.selectNoneButton.setObjectName(u"selectNoneButton")
        self.selectNoneButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.selectNoneButton)

        self.anonymiseButton = QPushButton(RetentionDialog)
        self.anonymiseButton.setObjectName(u"anonymiseButton")
        self.anonymiseButton.setAutoDefault(False)

        self.actionsLayout.addWidget(self.anonymiseButton)

        self.actionsLayout.setStretch(0, 1)

        self.dialogLayout.addLayout(self.actionsLayout)

        self.formError = QLabel(RetentionDialog)
        self.formError.setObjectName(u"formError")
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(RetentionDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.yearsLabel.setBuddy(self.years)
        self.listLabel.setBuddy(self.candidates)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.years, self.saveYearsButton)
        QWidget.setTabOrder(self.saveYearsButton, self.candidates)
        QWidget.setTabOrder(self.candidates, self.selectAllButton)
        QWidget.setTabOrder(self.selectAllButton, self.selectNoneButton)
        QWidget.setTabOrder(self.selectNoneButton, self.anonymiseButton)
        QWidget.setTabOrder(self.anonymiseButton, self.buttonBox)

        self.retranslateUi(RetentionDialog)

        QMetaObject.connectSlotsByName(RetentionDialog)
    # setupUi

    def retranslateUi(self, RetentionDialog: Any) -> None:
        RetentionDialog.setWindowTitle(QCoreApplication.translate("RetentionDialog", u"Retention period", None))
        self.introLabel.setText(QCoreApplication.translate("RetentionDialog", u"Personal data is kept for a number of years after the last contact with an expat whose cases are all closed. Past that period the personal data is erased; survey responses and services delivered keep counting in the reports anonymously.", None))
        self.yearsLabel.setText(QCoreApplication.translate("RetentionDialog", u"Retention &period in years:", None))
#if QT_CONFIG(accessibility)
        self.years.setAccessibleName(QCoreApplication.translate("RetentionDialog", u"Retention period in years", None))
#endif // QT_CONFIG(accessibility)
        self.saveYearsButton.setText(QCoreApplication.translate("RetentionDialog", u"&Save period", None))
        self.listLabel.setText(QCoreApplication.translate("RetentionDialog", u"E&xpats past the retention period:", None))
        ___qtreewidgetitem = self.candidates.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("RetentionDialog", u"Why", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("RetentionDialog", u"Cases", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("RetentionDialog", u"Name", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("RetentionDialog", u"Ref.", None))
#if QT_CONFIG(accessibility)
        self.candidates.setAccessibleName(QCoreApplication.translate("RetentionDialog", u"Expats past the retention period", None))
#endif // QT_CONFIG(accessibility)
        self.selectAllButton.setText(QCoreApplication.translate("RetentionDialog", u"Select &all", None))
        self.selectNoneButton.setText(QCoreApplication.translate("RetentionDialog", u"Select &none", None))
        self.anonymiseButton.setText(QCoreApplication.translate("RetentionDialog", u"Anon&ymise selected\u2026", None))
    # retranslateUi
