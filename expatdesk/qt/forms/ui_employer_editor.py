# Generated from ui/employer_editor.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'employer_editor.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject, Qt)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QAbstractItemView, QCheckBox, QComboBox,
    QDialogButtonBox, QGridLayout, QHBoxLayout, QLabel, QLineEdit,
    QPlainTextEdit, QPushButton, QSizePolicy, QSpacerItem, QTableWidget,
    QTabWidget, QVBoxLayout, QWidget)

class Ui_EmployerEditor(object):
    def setupUi(self, EmployerEditor: Any) -> None:
        if not EmployerEditor.objectName():
            EmployerEditor.setObjectName(u"EmployerEditor")
        EmployerEditor.resize(600, 480)
        self.dialogLayout = QVBoxLayout(EmployerEditor)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headerLabel = QLabel(EmployerEditor)
        self.headerLabel.setObjectName(u"headerLabel")
        self.headerLabel.setText(u"")
        font = QFont()
        font.setBold(True)
        self.headerLabel.setFont(font)
        self.headerLabel.setProperty(u"fontScale", 1.300000000000000)
        self.headerLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.headerLabel)

        self.tabs = QTabWidget(EmployerEditor)
        self.tabs.setObjectName(u"tabs")
        self.generalTab = QWidget()
        self.generalTab.setObjectName(u"generalTab")
        self.generalLayout = QGridLayout(self.generalTab)
        self.generalLayout.setObjectName(u"generalLayout")
        self.nameLabel = QLabel(self.generalTab)
        self.nameLabel.setObjectName(u"nameLabel")

        self.generalLayout.addWidget(self.nameLabel, 0, 0, 1, 1)

        self.name = QLineEdit(self.generalTab)
        self.name.setObjectName(u"name")
        self.name.setMaxLength(200)

        self.generalLayout.addWidget(self.name, 0, 1, 1, 1)

        self.nameError = QLabel(self.generalTab)
        self.nameError.setObjectName(u"nameError")
        self.nameError.setFont(font)
        self.nameError.setProperty(u"colourRole", u"error")
        self.nameError.setWordWrap(True)
        self.nameError.setText(u"")

        self.generalLayout.addWidget(self.nameError, 1, 1, 1, 1)

        self.kvkNumberLabel = QLabel(self.generalTab)
        self.kvkNumberLabel.setObjectName(u"kvkNumberLabel")

        self.generalLayout.addWidget(self.kvkNumberLabel, 2, 0, 1, 1)

        self.kvkNumber = QLineEdit(self.generalTab)
        self.kvkNumber.setObjectName(u"kvkNumber")
        self.kvkNumber.setMaxLength(20)

        self.generalLayout.addWidget(self.kvkNumber, 2, 1, 1, 1)

        self.kvkNumberError = QLabel(self.generalTab)
        self.kvkNumberError.setObjectName(u"kvkNumberError")
        self.kvkNumberError.setFont(font)
        self.kvkNumberError.setProperty(u"colourRole", u"error")
        self.kvkNumberError.setWordWrap(True)
        self.kvkNumberError.setText(u"")

        self.generalLayout.addWidget(self.kvkNumberError, 3, 1, 1, 1)

        self.municipalityLabel = QLabel(self.generalTab)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.generalLayout.addWidget(self.municipalityLabel, 4, 0, 1, 1)

        self.municipality = QComboBox(self.generalTab)
        self.municipality.setObjectName(u"municipality")

        self.generalLayout.addWidget(self.municipality, 4, 1, 1, 1)

        self.municipalityError = QLabel(self.generalTab)
        self.municipalityError.setObjectName(u"municipalityError")
        self.municipalityError.setFont(font)
        self.municipalityError.setProperty(u"colourRole", u"error")
        self.municipalityError.setWordWrap(True)
        self.municipalityError.setText(u"")

        self.generalLayout.addWidget(self.municipalityError, 5, 1, 1, 1)

        self.highTech = QCheckBox(self.generalTab)
        self.highTech.setObjectName(u"highTech")

        self.generalLayout.addWidget(self.highTech, 6, 1, 1, 1)

        self.recognisedSponsor = QCheckBox(self.generalTab)
        self.recognisedSponsor.setObjectName(u"recognisedSponsor")

        self.generalLayout.addWidget(self.recognisedSponsor, 7, 1, 1, 1)

        self.websiteLabel = QLabel(self.generalTab)
        self.websiteLabel.setObjectName(u"websiteLabel")

        self.generalLayout.addWidget(self.websiteLabel, 8, 0, 1, 1)

        self.website = QLineEdit(self.generalTab)
        self.website.setObjectName(u"website")
        self.website.setMaxLength(300)

        self.generalLayout.addWidget(self.website, 8, 1, 1, 1)

        self.websiteError = QLabel(self.generalTab)
        self.websiteError.setObjectName(u"websiteError")
        self.websiteError.setFont(font)
        self.websiteError.setProperty(u"colourRole", u"error")
        self.websiteError.setWordWrap(True)
        self.websiteError.setText(u"")

        self.generalLayout.addWidget(self.websiteError, 9, 1, 1, 1)

        self.notesLabel = QLabel(self.generalTab)
        self.notesLabel.setObjectName(u"notesLabel")

        self.generalLayout.addWidget(self.notesLabel, 10, 0, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.notes = QPlainTextEdit(self.generalTab)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.generalLayout.addWidget(self.notes, 10, 1, 1, 1)

        self.notesError = QLabel(self.generalTab)
        self.notesError.setObjectName(u"notesError")
        self.notesError.setFont(font)
        self.notesError.setProperty(u"colourRole", u"error")
        self.notesError.setWordWrap(True)
        self.notesError.setText(u"")

        self.generalLayout.addWidget(self.notesError, 11, 1, 1, 1)

        self.generalLayoutSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.generalLayout.addItem(self.generalLayoutSpacer, 12, 1, 1, 1)

        self.generalLayout.setColumnStretch(1, 1)
        self.tabs.addTab(self.generalTab, "")
        self.contactsTab = QWidget()
        self.contactsTab.setObjectName(u"contactsTab")
        self.contactsLayout = QVBoxLayout(self.contactsTab)
        self.contactsLayout.setObjectName(u"contactsLayout")
        self.contactsLabel = QLabel(self.contactsTab)
        self.contactsLabel.setObjectName(u"contactsLabel")

        self.contactsLayout.addWidget(self.contactsLabel)

        self.contactsTable = QTableWidget(self.contactsTab)
        self.contactsTable.setObjectName(u"contactsTable")
        self.contactsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.contactsTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.contactsTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.contactsTable.setTabKeyNavigation(False)
        self.contactsTable.setAlternatingRowColors(True)

        self.contactsLayout.addWidget(self.contactsTable)

        self.ContactsButtons = QHBoxLayout()
        self.ContactsButtons.setObjectName(u"ContactsButtons")
        self.addContactsButton = QPushButton(self.contactsTab)
        self.addContactsButton.setObjectName(u"addContactsButton")
        self.addContactsButton.setAutoDefault(False)

        self.ContactsButtons.addWidget(self.addContactsButton)

        self.editContactsButton = QPushButton(self.contactsTab)
        self.editContactsButton.setObjectName(u"editContactsButton")
        self.editContactsButton.setAutoDefault(False)

        self.ContactsButtons.addWidget(self.editContactsButton)

        self.removeContactsButton = QPushButton(self.contactsTab)
        self.removeContactsButton.setObjectName(u"removeContactsButton")
        self.removeContactsButton.setAutoDefault(False)

        self.ContactsButtons.addWidget(self.removeContactsButton)

        self.contactsButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.ContactsButtons.addItem(self.contactsButtonSpacer)


        self.contactsLayout.addLayout(self.ContactsButtons)

        self.contactsError = QLabel(self.contactsTab)
        self.contactsError.setObjectName(u"contactsError")
        self.contactsError.setFont(font)
        self.contactsError.setProperty(u"colourRole", u"error")
        self.contactsError.setWordWrap(True)
        self.contactsError.setText(u"")

        self.contactsLayout.addWidget(self.contactsError)

        self.tabs.addTab(self.contactsTab, "")
        self.hiringTab = QWidget()
        self.hiringTab.setObjectName(u"hiringTab")
        self.hiringLayout = QVBoxLayout(self.hiringTab)
        self.hiringLayout.setObjectName(u"hiringLayout")
        self.hiringLabel = QLabel(self.hiringTab)
        self.hiringLabel.setObjectName(u"hiringLabel")

        self.hiringLayout.addWidget(self.hiringLabel)

        self.hiringTable = QTableWidget(self.hiringTab)
        self.hiringTable.setObjectName(u"hiringTable")
        self.hiringTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.hiringTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.hiringTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.hiringTable.setTabKeyNavigation(False)
        self.hiringTable.setAlternatingRowColors(True)

        self.hiringLayout.addWidget(self.hiringTable)

        self.HiringButtons = QHBoxLayout()
        self.HiringButtons.setObjectName(u"HiringButtons")
        self.addHiringButton = QPushButton(self.hiringTab)
        self.addHiringButton.setObjectName(u"addHiringButton")
        self.addHiringButton.setAutoDefault(False)

        self.HiringButtons.addWidget(self.addHiringButton)

        self.editHiringButton = QPushButton(self.hiringTab)
        self.editHiringButton.setObjectName(u"editHiringButton")
        self.editHiringButton.setAutoDefault(False)

        self.HiringButtons.addWidget(self.editHiringButton)

        self.removeHiringButton = QPushButton(self.hiringTab)
        self.removeHiringButton.setObjectName(u"removeHiringButton")
        self.removeHiringButton.setAutoDefault(False)

        self.HiringButtons.addWidget(self.removeHiringButton)

        self.hiringButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.HiringButtons.addItem(self.hiringButtonSpacer)


        self.hiringLayout.addLayout(self.HiringButtons)

        self.hiringError = QLabel(self.hiringTab)
        self.hiringError.setObjectName(u"hiringError")
        self.hiringError.setFont(font)
        self.hiringError.setProperty(u"colourRole", u"error")
        self.hiringError.setWordWrap(True)
        self.hiringError.setText(u"")

        self.hiringLayout.addWidget(self.hiringError)

        self.tabs.addTab(self.hiringTab, "")

        self.dialogLayout.addWidget(self.tabs)

        self.formError = QLabel(EmployerEditor)
        self.formError.setObjectName(u"formError")
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(EmployerEditor)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.nameLabel.setBuddy(self.name)
        self.kvkNumberLabel.setBuddy(self.kvkNumber)
        self.municipalityLabel.setBuddy(self.municipality)
        self.websiteLabel.setBuddy(self.website)
        self.notesLabel.setBuddy(self.notes)
        self.contactsLabel.setBuddy(self.contactsTable)
        self.hiringLabel.setBuddy(self.hiringTable)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.name)
        QWidget.setTabOrder(self.name, self.kvkNumber)
        QWidget.setTabOrder(self.kvkNumber, self.municipality)
        QWidget.setTabOrder(self.municipality, self.highTech)
        QWidget.setTabOrder(self.highTech, self.recognisedSponsor)
        QWidget.setTabOrder(self.recognisedSponsor, self.website)
        QWidget.setTabOrder(self.website, self.notes)
        QWidget.setTabOrder(self.notes, self.contactsTable)
        QWidget.setTabOrder(self.contactsTable, self.addContactsButton)
        QWidget.setTabOrder(self.addContactsButton, self.editContactsButton)
        QWidget.setTabOrder(self.editContactsButton, self.removeContactsButton)
        QWidget.setTabOrder(self.removeContactsButton, self.hiringTable)
        QWidget.setTabOrder(self.hiringTable, self.addHiringButton)
        QWidget.setTabOrder(self.addHiringButton, self.editHiringButton)
        QWidget.setTabOrder(self.editHiringButton, self.removeHiringButton)

        self.retranslateUi(EmployerEditor)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(EmployerEditor)
    # setupUi

    def retranslateUi(self, EmployerEditor: Any) -> None:
        EmployerEditor.setWindowTitle(QCoreApplication.translate("EmployerEditor", u"Employer", None))
        self.nameLabel.setText(QCoreApplication.translate("EmployerEditor", u"&Name", None))
#if QT_CONFIG(accessibility)
        self.name.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Name", None))
#endif // QT_CONFIG(accessibility)
        self.kvkNumberLabel.setText(QCoreApplication.translate("EmployerEditor", u"&KvK number", None))
#if QT_CONFIG(accessibility)
        self.kvkNumber.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"KvK number", None))
#endif // QT_CONFIG(accessibility)
        self.kvkNumber.setPlaceholderText(QCoreApplication.translate("EmployerEditor", u"8 digits", None))
        self.municipalityLabel.setText(QCoreApplication.translate("EmployerEditor", u"M&unicipality", None))
#if QT_CONFIG(accessibility)
        self.municipality.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Municipality", None))
#endif // QT_CONFIG(accessibility)
        self.highTech.setText(QCoreApplication.translate("EmployerEditor", u"&High-tech company", None))
#if QT_CONFIG(accessibility)
        self.highTech.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"High-tech company", None))
#endif // QT_CONFIG(accessibility)
        self.recognisedSponsor.setText(QCoreApplication.translate("EmployerEditor", u"&Recognised sponsor (IND)", None))
#if QT_CONFIG(accessibility)
        self.recognisedSponsor.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Recognised sponsor (IND)", None))
#endif // QT_CONFIG(accessibility)
        self.websiteLabel.setText(QCoreApplication.translate("EmployerEditor", u"&Website", None))
#if QT_CONFIG(accessibility)
        self.website.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Website", None))
#endif // QT_CONFIG(accessibility)
        self.website.setPlaceholderText(QCoreApplication.translate("EmployerEditor", u"www.example.nl", None))
        self.notesLabel.setText(QCoreApplication.translate("EmployerEditor", u"N&otes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.generalTab), QCoreApplication.translate("EmployerEditor", u"Employer", None))
        self.contactsLabel.setText(QCoreApplication.translate("EmployerEditor", u"&Contact persons", None))
#if QT_CONFIG(accessibility)
        self.contactsTable.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Contact persons", None))
#endif // QT_CONFIG(accessibility)
        self.addContactsButton.setText(QCoreApplication.translate("EmployerEditor", u"&Add\u2026", None))
#if QT_CONFIG(accessibility)
        self.addContactsButton.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Add contact person", None))
#endif // QT_CONFIG(accessibility)
        self.editContactsButton.setText(QCoreApplication.translate("EmployerEditor", u"&Edit\u2026", None))
#if QT_CONFIG(accessibility)
        self.editContactsButton.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Edit contact person", None))
#endif // QT_CONFIG(accessibility)
        self.removeContactsButton.setText(QCoreApplication.translate("EmployerEditor", u"&Remove", None))
#if QT_CONFIG(accessibility)
        self.removeContactsButton.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Remove contact person", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.contactsTab), QCoreApplication.translate("EmployerEditor", u"Contact persons", None))
        self.hiringLabel.setText(QCoreApplication.translate("EmployerEditor", u"International hires &per year", None))
#if QT_CONFIG(accessibility)
        self.hiringTable.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"International hires per year", None))
#endif // QT_CONFIG(accessibility)
        self.addHiringButton.setText(QCoreApplication.translate("EmployerEditor", u"&Add\u2026", None))
#if QT_CONFIG(accessibility)
        self.addHiringButton.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Add year", None))
#endif // QT_CONFIG(accessibility)
        self.editHiringButton.setText(QCoreApplication.translate("EmployerEditor", u"&Edit\u2026", None))
#if QT_CONFIG(accessibility)
        self.editHiringButton.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Edit year", None))
#endif // QT_CONFIG(accessibility)
        self.removeHiringButton.setText(QCoreApplication.translate("EmployerEditor", u"&Remove", None))
#if QT_CONFIG(accessibility)
        self.removeHiringButton.setAccessibleName(QCoreApplication.translate("EmployerEditor", u"Remove year", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.hiringTab), QCoreApplication.translate("EmployerEditor", u"Hiring per year", None))
    # retranslateUi
