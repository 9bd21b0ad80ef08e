# Generated from ui/home_area.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'home_area.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QFrame,
    QGridLayout, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QTreeWidget, QVBoxLayout, QWidget)

class Ui_HomeArea(object):
    def setupUi(self, HomeArea: Any) -> None:
        if not HomeArea.objectName():
            HomeArea.setObjectName(u"HomeArea")
        HomeArea.resize(1200, 760)
        self.areaLayout = QVBoxLayout(HomeArea)
        self.areaLayout.setObjectName(u"areaLayout")
        self.areaLayout.setContentsMargins(10, 10, 10, 10)
        self.topLayout = QHBoxLayout()
        self.topLayout.setObjectName(u"topLayout")
        self.headingLabel = QLabel(HomeArea)
        self.headingLabel.setObjectName(u"headingLabel")
        self.headingLabel.setText(u"")

        self.topLayout.addWidget(self.headingLabel)

        self.topSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.topLayout.addItem(self.topSpacer)

        self.messageLabel = QLabel(HomeArea)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setText(u"")

        self.topLayout.addWidget(self.messageLabel)

        self.refreshButton = QPushButton(HomeArea)
        self.refreshButton.setObjectName(u"refreshButton")

        self.topLayout.addWidget(self.refreshButton)


        self.areaLayout.addLayout(self.topLayout)

        self.sections = QGridLayout()
        self.sections.setSpacing(10)
        self.sections.setObjectName(u"sections")
        self.casesFrame = QFrame(HomeArea)
        self.casesFrame.setObjectName(u"casesFrame")
        self.casesFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.casesFrameLayout = QVBoxLayout(self.casesFrame)
        self.casesFrameLayout.setObjectName(u"casesFrameLayout")
        self.casesFrameHead = QHBoxLayout()
        self.casesFrameHead.setObjectName(u"casesFrameHead")
        self.casesLabel = QLabel(self.casesFrame)
        self.casesLabel.setObjectName(u"casesLabel")
        self.casesLabel.setText(u"")

        self.casesFrameHead.addWidget(self.casesLabel)


        self.casesFrameLayout.addLayout(self.casesFrameHead)

        self.casesTree = QTreeWidget(self.casesFrame)
        self.casesTree.setObjectName(u"casesTree")
        self.casesTree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.casesTree.setAlternatingRowColors(True)
        self.casesTree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.casesTree.setRootIsDecorated(True)
        self.casesTree.setUniformRowHeights(True)
        self.casesTree.setAllColumnsShowFocus(True)
        self.casesTree.setWordWrap(False)

        self.casesFrameLayout.addWidget(self.casesTree)


        self.sections.addWidget(self.casesFrame, 0, 0, 1, 1)

        self.tasksFrame = QFrame(HomeArea)
        self.tasksFrame.setObjectName(u"tasksFrame")
        self.tasksFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.tasksFrameLayout = QVBoxLayout(self.tasksFrame)
        self.tasksFrameLayout.setObjectName(u"tasksFrameLayout")
        self.tasksFrameHead = QHBoxLayout()
        self.tasksFrameHead.setObjectName(u"tasksFrameHead")
        self.tasksLabel = QLabel(self.tasksFrame)
        self.tasksLabel.setObjectName(u"tasksLabel")
        self.tasksLabel.setText(u"")

        self.tasksFrameHead.addWidget(self.tasksLabel)

        self.tasksSpacer = QSpacerItem(20, 10, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.tasksFrameHead.addItem(self.tasksSpacer)

        self.wholeDeskCheck = QCheckBox(self.tasksFrame)
        self.wholeDeskCheck.setObjectName(u"wholeDeskCheck")

        self.tasksFrameHead.addWidget(self.wholeDeskCheck)


        self.tasksFrameLayout.addLayout(self.tasksFrameHead)

        self.tasksTree = QTreeWidget(self.tasksFrame)
        self.tasksTree.setObjectName(u"tasksTree")
        self.tasksTree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tasksTree.setAlternatingRowColors(True)
        self.tasksTree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.tasksTree.setRootIsDecorated(True)
        self.tasksTree.setUniformRowHeights(True)
        self.tasksTree.setAllColumnsShowFocus(True)
        self.tasksTree.setWordWrap(False)

        self.tasksFrameLayout.addWidget(self.tasksTree)


        self.sections.addWidget(self.tasksFrame, 0, 1, 1, 1)

        self.permitsFrame = QFrame(HomeArea)
        self.permitsFrame.setObjectName(u"permitsFrame")
        self.permitsFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.permitsFrameLayout = QVBoxLayout(self.permitsFrame)
        self.permitsFrameLayout.setObjectName(u"permitsFrameLayout")
        self.permitsFrameHead = QHBoxLayout()
        self.permitsFrameHead.setObjectName(u"permitsFrameHead")
        self.permitsLabel = QLabel(self.permitsFrame)
        self.permitsLabel.setObjectName(u"permitsLabel")
        self.permitsLabel.setText(u"")

        self.permitsFrameHead.addWidget(self.permitsLabel)


        self.permitsFrameLayout.addLayout(self.permitsFrameHead)

        self.permitsTree = QTreeWidget(self.permitsFrame)
        self.permitsTree.setObjectName(u"permitsTree")
        self.permitsTree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.permitsTree.setAlternatingRowColors(True)
        self.permitsTree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.permitsTree.setRootIsDecorated(False)
        self.permitsTree.setUniformRowHeights(True)
        self.permitsTree.setAllColumnsShowFocus(True)
        self.permitsTree.setWordWrap(False)

        self.permitsFrameLayout.addWidget(self.permitsTree)

        self.permitsNoteLayout = QHBoxLayout()
        self.permitsNoteLayout.setObjectName(u"permitsNoteLayout")
        self.permitsNoteSign = QLabel(self.permitsFrame)
        self.permitsNoteSign.setObjectName(u"permitsNoteSign")
        self.permitsNoteSign.setText(u"")

        self.permitsNoteLayout.addWidget(self.permitsNoteSign)

        self.permitsNote = QLabel(self.permitsFrame)
        self.permitsNote.setObjectName(u"permitsNote")
        self.permitsNote.setText(u"")
        self.permitsNote.setWordWrap(True)
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.permitsNote.sizePolicy().hasHeightForWidth())
        self.permitsNote.setSizePolicy(sizePolicy)

        self.permitsNoteLayout.addWidget(self.permitsNote)


        self.permitsFrameLayout.addLayout(self.permitsNoteLayout)


        self.sections.addWidget(self.permitsFrame, 1, 0, 1, 1)

        self.recentFrame = QFrame(HomeArea)
        self.recentFrame.setObjectName(u"recentFrame")
        self.recentFrame.setFrameShape(QFrame.Shape.StyledPanel)
        self.recentFrameLayout = QVBoxLayout(self.recentFrame)
        self.recentFrameLayout.setObjectName(u"recentFrameLayout")
        self.recentFrameHead = QHBoxLayout()
        self.recentFrameHead.setObjectName(u"recentFrameHead")
        self.recentLabel = QLabel(self.recentFrame)
        self.recentLabel.setObjectName(u"recentLabel")
        self.recentLabel.setText(u"")

        self.recentFrameHead.addWidget(self.recentLabel)


        self.recentFrameLayout.addLayout(self.recentFrameHead)

        self.recentTree = QTreeWidget(self.recentFrame)
        self.recentTree.setObjectName(u"recentTree")
        self.recentTree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.recentTree.setAlternatingRowColors(True)
        self.recentTree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.recentTree.setRootIsDecorated(False)
        self.recentTree.setUniformRowHeights(True)
        self.recentTree.setAllColumnsShowFocus(True)
        self.recentTree.setWordWrap(False)

        self.recentFrameLayout.addWidget(self.recentTree)


        self.sections.addWidget(self.recentFrame, 1, 1, 1, 1)


        self.areaLayout.addLayout(self.sections)

#if QT_CONFIG(shortcut)
        self.casesLabel.setBuddy(self.casesTree)
        self.tasksLabel.setBuddy(self.tasksTree)
        self.permitsLabel.setBuddy(self.permitsTree)
        self.recentLabel.setBuddy(self.recentTree)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.refreshButton, self.casesTree)
        QWidget.setTabOrder(self.casesTree, self.wholeDeskCheck)
        QWidget.setTabOrder(self.wholeDeskCheck, self.tasksTree)
        QWidget.setTabOrder(self.tasksTree, self.permitsTree)
        QWidget.setTabOrder(self.permitsTree, self.recentTree)

        self.retranslateUi(HomeArea)

        QMetaObject.connectSlotsByName(HomeArea)
    # setupUi

    def retranslateUi(self, HomeArea: Any) -> None:
        self.refreshButton.setText(QCoreApplication.translate("HomeArea", u"R&efresh", None))
#if QT_CONFIG(tooltip)
        self.refreshButton.setToolTip(QCoreApplication.translate("HomeArea", u"Read the dashboard again (F5)", None))
#endif // QT_CONFIG(tooltip)
        ___qtreewidgetitem = self.casesTree.headerItem()
        ___qtreewidgetitem.setText(3, QCoreApplication.translate("HomeArea", u"Opened", None))
        ___qtreewidgetitem.setText(2, QCoreApplication.translate("HomeArea", u"Client", None))
        ___qtreewidgetitem.setText(1, QCoreApplication.translate("HomeArea", u"Subject", None))
        ___qtreewidgetitem.setText(0, QCoreApplication.translate("HomeArea", u"Case", None))
        self.wholeDeskCheck.setText(QCoreApplication.translate("HomeArea", u"Whole &desk", None))
#if QT_CONFIG(tooltip)
        self.wholeDeskCheck.setToolTip(QCoreApplication.translate("HomeArea", u"Show the tasks on every open case, not only on yours", None))
#endif // QT_CONFIG(tooltip)
        ___qtreewidgetitem1 = self.tasksTree.headerItem()
        ___qtreewidgetitem1.setText(3, QCoreApplication.translate("HomeArea", u"Client", None))
        ___qtreewidgetitem1.setText(2, QCoreApplication.translate("HomeArea", u"Case", None))
        ___qtreewidgetitem1.setText(1, QCoreApplication.translate("HomeArea", u"Task", None))
        ___qtreewidgetitem1.setText(0, QCoreApplication.translate("HomeArea", u"Due", None))
        ___qtreewidgetitem2 = self.permitsTree.headerItem()
        ___qtreewidgetitem2.setText(3, QCoreApplication.translate("HomeArea", u"Time left", None))
        ___qtreewidgetitem2.setText(2, QCoreApplication.translate("HomeArea", u"Permit", None))
        ___qtreewidgetitem2.setText(1, QCoreApplication.translate("HomeArea", u"Expat", None))
        ___qtreewidgetitem2.setText(0, QCoreApplication.translate("HomeArea", u"Valid until", None))
        ___qtreewidgetitem3 = self.recentTree.headerItem()
        ___qtreewidgetitem3.setText(3, QCoreApplication.translate("HomeArea", u"When", None))
        ___qtreewidgetitem3.setText(2, QCoreApplication.translate("HomeArea", u"By", None))
        ___qtreewidgetitem3.setText(1, QCoreApplication.translate("HomeArea", u"Change", None))
        ___qtreewidgetitem3.setText(0, QCoreApplication.translate("HomeArea", u"Record", None))
        pass
    # retranslateUi
