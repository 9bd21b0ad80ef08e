# Generated from ui/case_page.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'case_page.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, QSize, Qt)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QAbstractItemView, QComboBox, QFrame,
    QGridLayout, QHBoxLayout, QLabel, QLineEdit, QListWidget, QPlainTextEdit,
    QPushButton, QSizePolicy, QSpacerItem, QTableWidget, QTabWidget,
    QTextBrowser, QVBoxLayout, QWidget)

from expatdesk.qt.widgets.date_field import DateField

class Ui_CasePage(object):
    def setupUi(self, CasePage: Any) -> None:
        if not CasePage.objectName():
            CasePage.setObjectName(u"CasePage")
        CasePage.resize(720, 640)
        self.pageLayout = QVBoxLayout(CasePage)
        self.pageLayout.setObjectName(u"pageLayout")
        self.pageLayout.setContentsMargins(6, 0, 0, 0)
        self.titleLabel = QLabel(CasePage)
        self.titleLabel.setObjectName(u"titleLabel")
        font = QFont()
        font.setBold(True)
        self.titleLabel.setFont(font)
        self.titleLabel.setProperty(u"fontScale", 1.300000000000000)
        self.titleLabel.setWordWrap(True)
        self.titleLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.titleLabel.setText(u"")

        self.pageLayout.addWidget(self.titleLabel)

        self.headerLayout = QGridLayout()
        self.headerLayout.setObjectName(u"headerLayout")
        self.clientCaption = QLabel(CasePage)
        self.clientCaption.setObjectName(u"clientCaption")

        self.headerLayout.addWidget(self.clientCaption, 0, 0, 1, 1)

        self.clientLabel = QLabel(CasePage)
        self.clientLabel.setObjectName(u"clientLabel")
        self.clientLabel.setTextFormat(Qt.TextFormat.RichText)
        self.clientLabel.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByKeyboard|Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.clientLabel.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.clientLabel.setText(u"")

        self.headerLayout.addWidget(self.clientLabel, 0, 1, 1, 1)

        self.statusCaption = QLabel(CasePage)
        self.statusCaption.setObjectName(u"statusCaption")

        self.headerLayout.addWidget(self.statusCaption, 1, 0, 1, 1)

        self.statusValue = QLabel(CasePage)
        self.statusValue.setObjectName(u"statusValue")
        self.statusValue.setFont(font)
        self.statusValue.setText(u"")

        self.headerLayout.addWidget(self.statusValue, 1, 1, 1, 1)

        self.statusLayout = QHBoxLayout()
        self.statusLayout.setObjectName(u"statusLayout")
        self.statusButtons = QWidget(CasePage)
        self.statusButtons.setObjectName(u"statusButtons")
        self.statusButtonsLayout = QHBoxLayout(self.statusButtons)
        self.statusButtonsLayout.setObjectName(u"statusButtonsLayout")
        self.statusButtonsLayout.setContentsMargins(0, 0, 0, 0)

        self.statusLayout.addWidget(self.statusButtons)

        self.statusSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.statusLayout.addItem(self.statusSpacer)


        self.headerLayout.addLayout(self.statusLayout, 2, 1, 1, 1)

        self.ownerLabel = QLabel(CasePage)
        self.ownerLabel.setObjectName(u"ownerLabel")

        self.headerLayout.addWidget(self.ownerLabel, 3, 0, 1, 1)

        self.ownerLayout = QHBoxLayout()
        self.ownerLayout.setObjectName(u"ownerLayout")
        self.ownerCombo = QComboBox(CasePage)
        self.ownerCombo.setObjectName(u"ownerCombo")
        self.ownerCombo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)

        self.ownerLayout.addWidget(self.ownerCombo)

        self.datesLabel = QLabel(CasePage)
        self.datesLabel.setObjectName(u"datesLabel")
        self.datesLabel.setText(u"")

        self.ownerLayout.addWidget(self.datesLabel)

        self.ownerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.ownerLayout.addItem(self.ownerSpacer)


        self.headerLayout.addLayout(self.ownerLayout, 3, 1, 1, 1)


        self.pageLayout.addLayout(self.headerLayout)

        self.messageBar = QFrame(CasePage)
        self.messageBar.setObjectName(u"messageBar")
        self.messageBar.setFrameShape(QFrame.StyledPanel)
        self.messageBar.setProperty(u"colourBanner", u"error")
        self.messageLayout = QHBoxLayout(self.messageBar)
        self.messageLayout.setObjectName(u"messageLayout")
        self.messageLabel = QLabel(self.messageBar)
        self.messageLabel.setObjectName(u"messageLabel")
        self.messageLabel.setFont(font)
        self.messageLabel.setProperty(u"colourRole", u"error")
        self.messageLabel.setWordWrap(True)
        self.messageLabel.setText(u"")

        self.messageLayout.addWidget(self.messageLabel)

        self.reloadButton = QPushButton(self.messageBar)
        self.reloadButton.setObjectName(u"reloadButton")

        self.messageLayout.addWidget(self.reloadButton)


        self.pageLayout.addWidget(self.messageBar)

        self.tabs = QTabWidget(CasePage)
        self.tabs.setObjectName(u"tabs")
        self.servicesTab = QWidget()
        self.servicesTab.setObjectName(u"servicesTab")
        self.servicesLayout = QVBoxLayout(self.servicesTab)
        self.servicesLayout.setObjectName(u"servicesLayout")
        self.servicesTable = QTableWidget(self.servicesTab)
        self.servicesTable.setObjectName(u"servicesTable")
        self.servicesTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.servicesTable.setTabKeyNavigation(False)
        self.servicesTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.servicesTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.servicesTable.setShowGrid(False)
        self.servicesTable.setWordWrap(False)
        self.servicesTable.horizontalHeader().setStretchLastSection(True)
        self.servicesTable.verticalHeader().setVisible(False)

        self.servicesLayout.addWidget(self.servicesTable)

        self.serviceChoiceLayout = QHBoxLayout()
        self.serviceChoiceLayout.setObjectName(u"serviceChoiceLayout")
        self.serviceLabel = QLabel(self.servicesTab)
        self.serviceLabel.setObjectName(u"serviceLabel")

        self.serviceChoiceLayout.addWidget(self.serviceLabel)

        self.serviceCombo = QComboBox(self.servicesTab)
        self.serviceCombo.setObjectName(u"serviceCombo")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.serviceCombo.sizePolicy().hasHeightForWidth())
        self.serviceCombo.setSizePolicy(sizePolicy)

        self.serviceChoiceLayout.addWidget(self.serviceCombo)


        self.servicesLayout.addLayout(self.serviceChoiceLayout)

        self.addServiceLayout = QHBoxLayout()
        self.addServiceLayout.setObjectName(u"addServiceLayout")
        self.serviceDateLabel = QLabel(self.servicesTab)
        self.serviceDateLabel.setObjectName(u"serviceDateLabel")

        self.addServiceLayout.addWidget(self.serviceDateLabel)

        self.serviceDate = DateField(self.servicesTab)
        self.serviceDate.setObjectName(u"serviceDate")

        self.addServiceLayout.addWidget(self.serviceDate)

        self.addServiceSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.addServiceLayout.addItem(self.addServiceSpacer)

        self.addServiceButton = QPushButton(self.servicesTab)
        self.addServiceButton.setObjectName(u"addServiceButton")

        self.addServiceLayout.addWidget(self.addServiceButton)

        self.removeServiceButton = QPushButton(self.servicesTab)
        self.removeServiceButton.setObjectName(u"removeServiceButton")

        self.addServiceLayout.addWidget(self.removeServiceButton)


        self.servicesLayout.addLayout(self.addServiceLayout)

        self.checklistLabel = QLabel(self.servicesTab)
        self.checklistLabel.setObjectName(u"checklistLabel")
        self.checklistLabel.setWordWrap(True)

        self.servicesLayout.addWidget(self.checklistLabel)

        self.checklistList = QListWidget(self.servicesTab)
        self.checklistList.setObjectName(u"checklistList")

        self.servicesLayout.addWidget(self.checklistList)

        self.tabs.addTab(self.servicesTab, "")
        self.tasksTab = QWidget()
        self.tasksTab.setObjectName(u"tasksTab")
        self.tasksLayout = QVBoxLayout(self.tasksTab)
        self.tasksLayout.setObjectName(u"tasksLayout")
        self.tasksTable = QTableWidget(self.tasksTab)
        self.tasksTable.setObjectName(u"tasksTable")
        self.tasksTable.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked|QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tasksTable.setTabKeyNavigation(False)
        self.tasksTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tasksTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.tasksTable.setShowGrid(False)
        self.tasksTable.setWordWrap(False)
        self.tasksTable.horizontalHeader().setStretchLastSection(False)
        self.tasksTable.verticalHeader().setVisible(False)

        self.tasksLayout.addWidget(self.tasksTable)

        self.taskTitleLayout = QHBoxLayout()
        self.taskTitleLayout.setObjectName(u"taskTitleLayout")
        self.taskTitleLabel = QLabel(self.tasksTab)
        self.taskTitleLabel.setObjectName(u"taskTitleLabel")

        self.taskTitleLayout.addWidget(self.taskTitleLabel)

        self.taskTitleEdit = QLineEdit(self.tasksTab)
        self.taskTitleEdit.setObjectName(u"taskTitleEdit")
        self.taskTitleEdit.setMaxLength(300)
        sizePolicy.setHeightForWidth(self.taskTitleEdit.sizePolicy().hasHeightForWidth())
        self.taskTitleEdit.setSizePolicy(sizePolicy)

        self.taskTitleLayout.addWidget(self.taskTitleEdit)


        self.tasksLayout.addLayout(self.taskTitleLayout)

        self.addTaskLayout = QHBoxLayout()
        self.addTaskLayout.setObjectName(u"addTaskLayout")
        self.taskDueLabel = QLabel(self.tasksTab)
        self.taskDueLabel.setObjectName(u"taskDueLabel")

        self.addTaskLayout.addWidget(self.taskDueLabel)

        self.taskDueEdit = DateField(self.tasksTab)
        self.taskDueEdit.setObjectName(u"taskDueEdit")

        self.addTaskLayout.addWidget(self.taskDueEdit)

        self.addTaskSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.addTaskLayout.addItem(self.addTaskSpacer)

        self.addTaskButton = QPushButton(self.tasksTab)
        self.addTaskButton.setObjectName(u"addTaskButton")

        self.addTaskLayout.addWidget(self.addTaskButton)

        self.deleteTaskButton = QPushButton(self.tasksTab)
        self.deleteTaskButton.setObjectName(u"deleteTaskButton")

        self.addTaskLayout.addWidget(self.deleteTaskButton)


        self.tasksLayout.addLayout(self.addTaskLayout)

        self.tabs.addTab(self.tasksTab, "")
        self.notesTab = QWidget()
        self.notesTab.setObjectName(u"notesTab")
        self.notesLayout = QVBoxLayout(self.notesTab)
        self.notesLayout.setObjectName(u"notesLayout")
        self.notesView = QTextBrowser(self.notesTab)
        self.notesView.setObjectName(u"notesView")
        self.notesView.setOpenLinks(False)

        self.notesLayout.addWidget(self.notesView)

        self.noteLabel = QLabel(self.notesTab)
        self.noteLabel.setObjectName(u"noteLabel")

        self.notesLayout.addWidget(self.noteLabel)

        self.noteEdit = QPlainTextEdit(self.notesTab)
        self.noteEdit.setObjectName(u"noteEdit")
        self.noteEdit.setTabChangesFocus(True)
        self.noteEdit.setMaximumSize(QSize(16777215, 110))

        self.notesLayout.addWidget(self.noteEdit)

        self.noteButtonsLayout = QHBoxLayout()
        self.noteButtonsLayout.setObjectName(u"noteButtonsLayout")
        self.noteSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.noteButtonsLayout.addItem(self.noteSpacer)

        self.addNoteButton = QPushButton(self.notesTab)
        self.addNoteButton.setObjectName(u"addNoteButton")

        self.noteButtonsLayout.addWidget(self.addNoteButton)


        self.notesLayout.addLayout(self.noteButtonsLayout)

        self.tabs.addTab(self.notesTab, "")

        self.pageLayout.addWidget(self.tabs)

#if QT_CONFIG(shortcut)
        self.ownerLabel.setBuddy(self.ownerCombo)
        self.serviceLabel.setBuddy(self.serviceCombo)
        self.serviceDateLabel.setBuddy(self.serviceDate)
        self.checklistLabel.setBuddy(self.checklistList)
        self.taskTitleLabel.setBuddy(self.taskTitleEdit)
        self.taskDueLabel.setBuddy(self.taskDueEdit)
        self.noteLabel.setBuddy(self.noteEdit)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.clientLabel, self.ownerCombo)
        QWidget.setTabOrder(self.ownerCombo, self.reloadButton)
        QWidget.setTabOrder(self.reloadButton, self.tabs)
        QWidget.setTabOrder(self.tabs, self.servicesTable)
        QWidget.setTabOrder(self.servicesTable, self.serviceCombo)
        QWidget.setTabOrder(self.serviceCombo, self.serviceDate)
        QWidget.setTabOrder(self.serviceDate, self.addServiceButton)
        QWidget.setTabOrder(self.addServiceButton, self.removeServiceButton)
        QWidget.setTabOrder(self.removeServiceButton, self.checklistList)
        QWidget.setTabOrder(self.checklistList, self.tasksTable)
        QWidget.setTabOrder(self.tasksTable, self.taskTitleEdit)
        QWidget.setTabOrder(self.taskTitleEdit, self.taskDueEdit)
        QWidget.setTabOrder(self.taskDueEdit, self.addTaskButton)
        QWidget.setTabOrder(self.addTaskButton, self.deleteTaskButton)
        QWidget.setTabOrder(self.deleteTaskButton, self.notesView)
        QWidget.setTabOrder(self.notesView, self.noteEdit)
        QWidget.setTabOrder(self.noteEdit, self.addNoteButton)

        self.retranslateUi(CasePage)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(CasePage)
    # setupUi

    def retranslateUi(self, CasePage: Any) -> None:
        self.clientCaption.setText(QCoreApplication.translate("CasePage", u"Client", None))
#if QT_CONFIG(accessibility)
        self.clientLabel.setAccessibleName(QCoreApplication.translate("CasePage", u"Client", None))
#endif // QT_CONFIG(accessibility)
        self.statusCaption.setText(QCoreApplication.translate("CasePage", u"Status", None))
#if QT_CONFIG(accessibility)
        self.statusValue.setAccessibleName(QCoreApplication.translate("CasePage", u"Status", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.statusButtons.setAccessibleName(QCoreApplication.translate("CasePage", u"Change the status", None))
#endif // QT_CONFIG(accessibility)
        self.ownerLabel.setText(QCoreApplication.translate("CasePage", u"Ow&ner", None))
#if QT_CONFIG(accessibility)
        self.ownerCombo.setAccessibleName(QCoreApplication.translate("CasePage", u"Owner", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.messageLabel.setAccessibleName(QCoreApplication.translate("CasePage", u"Message", None))
#endif // QT_CONFIG(accessibility)
        self.reloadButton.setText(QCoreApplication.translate("CasePage", u"Reload the case", None))
#if QT_CONFIG(accessibility)
        self.servicesTable.setAccessibleName(QCoreApplication.translate("CasePage", u"Services on this case", None))
#endif // QT_CONFIG(accessibility)
        self.serviceLabel.setText(QCoreApplication.translate("CasePage", u"S&ervice", None))
#if QT_CONFIG(accessibility)
        self.serviceCombo.setAccessibleName(QCoreApplication.translate("CasePage", u"Service to add", None))
#endif // QT_CONFIG(accessibility)
        self.serviceDateLabel.setText(QCoreApplication.translate("CasePage", u"Da&te", None))
#if QT_CONFIG(accessibility)
        self.serviceDate.setAccessibleName(QCoreApplication.translate("CasePage", u"Date of the service", None))
#endif // QT_CONFIG(accessibility)
        self.addServiceButton.setText(QCoreApplication.translate("CasePage", u"&Add service", None))
        self.removeServiceButton.setText(QCoreApplication.translate("CasePage", u"Re&move service", None))
        self.checklistLabel.setText(QCoreApplication.translate("CasePage", u"&Documents", None))
#if QT_CONFIG(accessibility)
        self.checklistList.setAccessibleName(QCoreApplication.translate("CasePage", u"Documents", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.checklistList.setAccessibleDescription(QCoreApplication.translate("CasePage", u"Document checklist", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.servicesTab), QCoreApplication.translate("CasePage", u"Services", None))
#if QT_CONFIG(accessibility)
        self.tasksTable.setAccessibleName(QCoreApplication.translate("CasePage", u"Tasks", None))
#endif // QT_CONFIG(accessibility)
        self.taskTitleLabel.setText(QCoreApplication.translate("CasePage", u"New &task", None))
#if QT_CONFIG(accessibility)
        self.taskTitleEdit.setAccessibleName(QCoreApplication.translate("CasePage", u"Title of the new task", None))
#endif // QT_CONFIG(accessibility)
        self.taskDueLabel.setText(QCoreApplication.translate("CasePage", u"Due dat&e", None))
#if QT_CONFIG(accessibility)
        self.taskDueEdit.setAccessibleName(QCoreApplication.translate("CasePage", u"Due date of the new task", None))
#endif // QT_CONFIG(accessibility)
        self.addTaskButton.setText(QCoreApplication.translate("CasePage", u"Add tas&k", None))
        self.deleteTaskButton.setText(QCoreApplication.translate("CasePage", u"&Delete task", None))
        self.tabs.setTabText(self.tabs.indexOf(self.tasksTab), QCoreApplication.translate("CasePage", u"Tasks", None))
#if QT_CONFIG(accessibility)
        self.notesView.setAccessibleName(QCoreApplication.translate("CasePage", u"Notes, the newest first", None))
#endif // QT_CONFIG(accessibility)
        self.noteLabel.setText(QCoreApplication.translate("CasePage", u"New not&e (Ctrl+Return adds it)", None))
#if QT_CONFIG(accessibility)
        self.noteEdit.setAccessibleName(QCoreApplication.translate("CasePage", u"New note (Ctrl+Return adds it)", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.noteEdit.setAccessibleDescription(QCoreApplication.translate("CasePage", u"New note", None))
#endif // QT_CONFIG(accessibility)
        self.addNoteButton.setText(QCoreApplication.translate("CasePage", u"&Add note", None))
        self.tabs.setTabText(self.tabs.indexOf(self.notesTab), QCoreApplication.translate("CasePage", u"Notes", None))
        pass
    # retranslateUi
