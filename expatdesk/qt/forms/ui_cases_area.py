# Generated from ui/cases_area.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'cases_area.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QHBoxLayout,
    QLabel, QLineEdit, QPushButton, QSizePolicy, QSpacerItem, QSplitter,
    QTableView, QVBoxLayout, QWidget)

class Ui_CasesArea(object):
    def setupUi(self, CasesArea: Any) -> None:
        if not CasesArea.objectName():
            CasesArea.setObjectName(u"CasesArea")
        CasesArea.resize(1200, 720)
        self.areaLayout = QVBoxLayout(CasesArea)
        self.areaLayout.setSpacing(8)
        self.areaLayout.setObjectName(u"areaLayout")
        self.areaLayout.setContentsMargins(10, 10, 10, 4)
        self.searchLayout = QHBoxLayout()
        self.searchLayout.setObjectName(u"searchLayout")
        self.searchLabel = QLabel(CasesArea)
        self.searchLabel.setObjectName(u"searchLabel")

        self.searchLayout.addWidget(self.searchLabel)

        self.searchEdit = QLineEdit(CasesArea)
        self.searchEdit.setObjectName(u"searchEdit")
        self.searchEdit.setClearButtonEnabled(True)

        self.searchLayout.addWidget(self.searchEdit)

        self.statusFilterLabel = QLabel(CasesArea)
        self.statusFilterLabel.setObjectName(u"statusFilterLabel")

        self.searchLayout.addWidget(self.statusFilterLabel)

        self.statusFilter = QComboBox(CasesArea)
        self.statusFilter.setObjectName(u"statusFilter")
        self.statusFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.searchLayout.addWidget(self.statusFilter)


        self.areaLayout.addLayout(self.searchLayout)

        self.ownerLayout = QHBoxLayout()
        self.ownerLayout.setObjectName(u"ownerLayout")
        self.ownerFilterLabel = QLabel(CasesArea)
        self.ownerFilterLabel.setObjectName(u"ownerFilterLabel")

        self.ownerLayout.addWidget(self.ownerFilterLabel)

        self.ownerFilter = QComboBox(CasesArea)
        self.ownerFilter.setObjectName(u"ownerFilter")
        self.ownerFilter.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.ownerLayout.addWidget(self.ownerFilter)

        self.exportButton = QPushButton(CasesArea)
        self.exportButton.setObjectName(u"exportButton")
        self.exportButton.setAutoDefault(False)

        self.ownerLayout.addWidget(self.exportButton)

        self.ownerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.ownerLayout.addItem(self.ownerSpacer)


        self.areaLayout.addLayout(self.ownerLayout)

        self.splitter = QSplitter(CasesArea)
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

        self.areaLayout.addWidget(self.splitter)

#if QT_CONFIG(shortcut)
        self.searchLabel.setBuddy(self.searchEdit)
        self.statusFilterLabel.setBuddy(self.statusFilter)
        self.ownerFilterLabel.setBuddy(self.ownerFilter)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.searchEdit, self.statusFilter)
        QWidget.setTabOrder(self.statusFilter, self.ownerFilter)
        QWidget.setTabOrder(self.ownerFilter, self.exportButton)
        QWidget.setTabOrder(self.exportButton, self.table)

        self.retranslateUi(CasesArea)

        QMetaObject.connectSlotsByName(CasesArea)
    # setupUi

    def retranslateUi(self, CasesArea: Any) -> None:
        self.searchLabel.setText(QCoreApplication.translate("CasesArea", u"&Search:", None))
#if QT_CONFIG(accessibility)
        self.searchEdit.setAccessibleName(QCoreApplication.translate("CasesArea", u"Search cases", None))
#endif // QT_CONFIG(accessibility)
        self.statusFilterLabel.setText(QCoreApplication.translate("CasesArea", u"Sho&w:", None))
#if QT_CONFIG(accessibility)
        self.statusFilter.setAccessibleName(QCoreApplication.translate("CasesArea", u"Show cases with the status", None))
#endif // QT_CONFIG(accessibility)
        self.ownerFilterLabel.setText(QCoreApplication.translate("CasesArea", u"&Owner:", None))
#if QT_CONFIG(accessibility)
        self.ownerFilter.setAccessibleName(QCoreApplication.translate("CasesArea", u"Show the cases of", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.exportButton.setToolTip(QCoreApplication.translate("CasesArea", u"Write the cases the list shows to a CSV or Excel file", None))
#endif // QT_CONFIG(tooltip)
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("CasesArea", u"Cases", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi
