# Generated from ui/record_area.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'record_area.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QAbstractItemView, QHBoxLayout, QLabel,
    QLineEdit, QPushButton, QSplitter, QTableView, QTextBrowser, QVBoxLayout,
    QWidget)

class Ui_RecordArea(object):
    def setupUi(self, RecordArea: Any) -> None:
        if not RecordArea.objectName():
            RecordArea.setObjectName(u"RecordArea")
        RecordArea.resize(1100, 700)
        self.areaLayout = QVBoxLayout(RecordArea)
        self.areaLayout.setSpacing(8)
        self.areaLayout.setObjectName(u"areaLayout")
        self.areaLayout.setContentsMargins(10, 10, 10, 4)
        self.searchLayout = QHBoxLayout()
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLabel = QLabel(RecordArea)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(RecordArea)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchLayout.addWidget(self.searchEdit)

        self.exportButton = QPushButton(RecordArea)
        self.exportButton.setObjectName(u"exportButton")

        self.searchLayout.addWidget(self.exportButton)


        self.areaLayout.addLayout(self.searchLayout)

        self.filterLayout = QHBoxLayout()
        self.filterLayout.setSpacing(6)
        self.filterLayout.setObjectName(u"filterLayout")

        self.areaLayout.addLayout(self.filterLayout)

        self.splitter = QSplitter(RecordArea)
        self.splitter.setObjectName(u"splitter")
        self.splitter.setOrientation(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.table = QTableView(self.splitter)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setTabKeyNavigation(False)
        self.table.setAlternatingRowColors(True)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.table.setShowGrid(False)
        self.table.setSortingEnabled(False)
        self.table.setWordWrap(False)
        self.splitter.addWidget(self.table)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.detail = QTextBrowser(self.splitter)
        self.detail.setObjectName(u"detail")
        self.detail.setOpenLinks(False)
        self.splitter.addWidget(self.detail)

        self.areaLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.exportButton)
        QWidget.setTabOrder(self.exportButton, self.table)
        QWidget.setTabOrder(self.table, self.detail)

        self.retranslateUi(RecordArea)

        QMetaObject.connectSlotsByName(RecordArea)
    # setupUi

    def retranslateUi(self, RecordArea: Any) -> None:
        self.searchLabel.setText(QCoreApplication.translate("RecordArea", u"&Search:", None))
#if QT_CONFIG(tooltip)
        self.exportButton.setToolTip(QCoreApplication.translate("RecordArea", u"Save the list as it is shown (search, filters, order, columns) as a CSV or Excel file", None))
#endif // QT_CONFIG(tooltip)
        self.exportButton.setText(QCoreApplication.translate("RecordArea", u"&Export list\u2026", None))
        pass
    # retranslateUi
