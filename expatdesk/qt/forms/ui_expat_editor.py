# Generated from ui/expat_editor.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'expat_editor.ui'
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

from expatdesk.qt.employers.chooser import EmployerChooser
from expatdesk.qt.widgets.country_combo import (CountryCombo, LanguageCombo)
from expatdesk.qt.widgets.date_field import DateField

class Ui_ExpatEditor(object):
    def setupUi(self, ExpatEditor: Any) -> None:
        if not ExpatEditor.objectName():
            ExpatEditor.setObjectName(u"ExpatEditor")
        ExpatEditor.resize(640, 520)
        self.dialogLayout = QVBoxLayout(ExpatEditor)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.headerLabel = QLabel(ExpatEditor)
        self.headerLabel.setObjectName(u"headerLabel")
        self.headerLabel.setText(u"")
        font = QFont()
        font.setBold(True)
        self.headerLabel.setFont(font)
        self.headerLabel.setProperty(u"fontScale", 1.300000000000000)
        self.headerLabel.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.dialogLayout.addWidget(self.headerLabel)

        self.tabs = QTabWidget(ExpatEditor)
        self.tabs.setObjectName(u"tabs")
        self.personalTab = QWidget()
        self.personalTab.setObjectName(u"personalTab")
        self.personalLayout = QGridLayout(self.personalTab)
        self.personalLayout.setObjectName(u"personalLayout")
        self.givenNameLabel = QLabel(self.personalTab)
        self.givenNameLabel.setObjectName(u"givenNameLabel")

        self.personalLayout.addWidget(self.givenNameLabel, 0, 0, 1, 1)

        self.givenName = QLineEdit(self.personalTab)
        self.givenName.setObjectName(u"givenName")
        self.givenName.setMaxLength(100)

        self.personalLayout.addWidget(self.givenName, 0, 1, 1, 1)

        self.givenNameError = QLabel(self.personalTab)
        self.givenNameError.setObjectName(u"givenNameError")
        self.givenNameError.setFont(font)
        self.givenNameError.setProperty(u"colourRole", u"error")
        self.givenNameError.setWordWrap(True)
        self.givenNameError.setText(u"")

        self.personalLayout.addWidget(self.givenNameError, 1, 1, 1, 1)

        self.familyNameLabel = QLabel(self.personalTab)
        self.familyNameLabel.setObjectName(u"familyNameLabel")

        self.personalLayout.addWidget(self.familyNameLabel, 2, 0, 1, 1)

        self.familyName = QLineEdit(self.personalTab)
        self.familyName.setObjectName(u"familyName")
        self.familyName.setMaxLength(100)

        self.personalLayout.addWidget(self.familyName, 2, 1, 1, 1)

        self.familyNameError = QLabel(self.personalTab)
        self.familyNameError.setObjectName(u"familyNameError")
        self.familyNameError.setFont(font)
        self.familyNameError.setProperty(u"colourRole", u"error")
        self.familyNameError.setWordWrap(True)
        self.familyNameError.setText(u"")

        self.personalLayout.addWidget(self.familyNameError, 3, 1, 1, 1)

        self.dateOfBirthLabel = QLabel(self.personalTab)
        self.dateOfBirthLabel.setObjectName(u"dateOfBirthLabel")

        self.personalLayout.addWidget(self.dateOfBirthLabel, 4, 0, 1, 1)

        self.dateOfBirth = DateField(self.personalTab)
        self.dateOfBirth.setObjectName(u"dateOfBirth")

        self.personalLayout.addWidget(self.dateOfBirth, 4, 1, 1, 1)

        self.dateOfBirthError = QLabel(self.personalTab)
        self.dateOfBirthError.setObjectName(u"dateOfBirthError")
        self.dateOfBirthError.setFont(font)
        self.dateOfBirthError.setProperty(u"colourRole", u"error")
        self.dateOfBirthError.setWordWrap(True)
        self.dateOfBirthError.setText(u"")

        self.personalLayout.addWidget(self.dateOfBirthError, 5, 1, 1, 1)

        self.nationalityLabel = QLabel(self.personalTab)
        self.nationalityLabel.setObjectName(u"nationalityLabel")

        self.personalLayout.addWidget(self.nationalityLabel, 6, 0, 1, 1)

        self.nationality = CountryCombo(self.personalTab)
        self.nationality.setObjectName(u"nationality")

        self.personalLayout.addWidget(self.nationality, 6, 1, 1, 1)

        self.nationalityError = QLabel(self.personalTab)
        self.nationalityError.setObjectName(u"nationalityError")
        self.nationalityError.setFont(font)
        self.nationalityError.setProperty(u"colourRole", u"error")
        self.nationalityError.setWordWrap(True)
        self.nationalityError.setText(u"")

        self.personalLayout.addWidget(self.nationalityError, 7, 1, 1, 1)

        self.emailLabel = QLabel(self.personalTab)
        self.emailLabel.setObjectName(u"emailLabel")

        self.personalLayout.addWidget(self.emailLabel, 8, 0, 1, 1)

        self.email = QLineEdit(self.personalTab)
        self.email.setObjectName(u"email")
        self.email.setMaxLength(254)

        self.personalLayout.addWidget(self.email, 8, 1, 1, 1)

        self.emailError = QLabel(self.personalTab)
        self.emailError.setObjectName(u"emailError")
        self.emailError.setFont(font)
        self.emailError.setProperty(u"colourRole", u"error")
        self.emailError.setWordWrap(True)
        self.emailError.setText(u"")

        self.personalLayout.addWidget(self.emailError, 9, 1, 1, 1)

        self.phoneLabel = QLabel(self.personalTab)
        self.phoneLabel.setObjectName(u"phoneLabel")

        self.personalLayout.addWidget(self.phoneLabel, 10, 0, 1, 1)

        self.phone = QLineEdit(self.personalTab)
        self.phone.setObjectName(u"phone")
        self.phone.setMaxLength(40)

        self.personalLayout.addWidget(self.phone, 10, 1, 1, 1)

        self.phoneError = QLabel(self.personalTab)
        self.phoneError.setObjectName(u"phoneError")
        self.phoneError.setFont(font)
        self.phoneError.setProperty(u"colourRole", u"error")
        self.phoneError.setWordWrap(True)
        self.phoneError.setText(u"")

        self.personalLayout.addWidget(self.phoneError, 11, 1, 1, 1)

        self.bsnLabel = QLabel(self.personalTab)
        self.bsnLabel.setObjectName(u"bsnLabel")

        self.personalLayout.addWidget(self.bsnLabel, 12, 0, 1, 1)

        self.bsn = QLineEdit(self.personalTab)
        self.bsn.setObjectName(u"bsn")
        self.bsn.setMaxLength(20)

        self.personalLayout.addWidget(self.bsn, 12, 1, 1, 1)

        self.showBsnButton = QPushButton(self.personalTab)
        self.showBsnButton.setObjectName(u"showBsnButton")
        self.showBsnButton.setAutoDefault(False)

        self.personalLayout.addWidget(self.showBsnButton, 12, 2, 1, 1)

        self.bsnError = QLabel(self.personalTab)
        self.bsnError.setObjectName(u"bsnError")
        self.bsnError.setFont(font)
        self.bsnError.setProperty(u"colourRole", u"error")
        self.bsnError.setWordWrap(True)
        self.bsnError.setText(u"")

        self.personalLayout.addWidget(self.bsnError, 13, 1, 1, 2)

        self.preferredLanguageLabel = QLabel(self.personalTab)
        self.preferredLanguageLabel.setObjectName(u"preferredLanguageLabel")

        self.personalLayout.addWidget(self.preferredLanguageLabel, 14, 0, 1, 1)

        self.preferredLanguage = LanguageCombo(self.personalTab)
        self.preferredLanguage.setObjectName(u"preferredLanguage")

        self.personalLayout.addWidget(self.preferredLanguage, 14, 1, 1, 1)

        self.preferredLanguageError = QLabel(self.personalTab)
        self.preferredLanguageError.setObjectName(u"preferredLanguageError")
        self.preferredLanguageError.setFont(font)
        self.preferredLanguageError.setProperty(u"colourRole", u"error")
        self.preferredLanguageError.setWordWrap(True)
        self.preferredLanguageError.setText(u"")

        self.personalLayout.addWidget(self.preferredLanguageError, 15, 1, 1, 1)

        self.personalLayoutSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.personalLayout.addItem(self.personalLayoutSpacer, 16, 1, 1, 1)

        self.personalLayout.setColumnStretch(1, 1)
        self.tabs.addTab(self.personalTab, "")
        self.workTab = QWidget()
        self.workTab.setObjectName(u"workTab")
        self.workLayout = QGridLayout(self.workTab)
        self.workLayout.setObjectName(u"workLayout")
        self.employerLabel = QLabel(self.workTab)
        self.employerLabel.setObjectName(u"employerLabel")

        self.workLayout.addWidget(self.employerLabel, 0, 0, 1, 1)

        self.employer = EmployerChooser(self.workTab)
        self.employer.setObjectName(u"employer")

        self.workLayout.addWidget(self.employer, 0, 1, 1, 1)

        self.employerError = QLabel(self.workTab)
        self.employerError.setObjectName(u"employerError")
        self.employerError.setFont(font)
        self.employerError.setProperty(u"colourRole", u"error")
        self.employerError.setWordWrap(True)
        self.employerError.setText(u"")

        self.workLayout.addWidget(self.employerError, 1, 1, 1, 1)

        self.categoryLabel = QLabel(self.workTab)
        self.categoryLabel.setObjectName(u"categoryLabel")

        self.workLayout.addWidget(self.categoryLabel, 2, 0, 1, 1)

        self.category = QComboBox(self.workTab)
        self.category.setObjectName(u"category")

        self.workLayout.addWidget(self.category, 2, 1, 1, 1)

        self.categoryError = QLabel(self.workTab)
        self.categoryError.setObjectName(u"categoryError")
        self.categoryError.setFont(font)
        self.categoryError.setProperty(u"colourRole", u"error")
        self.categoryError.setWordWrap(True)
        self.categoryError.setText(u"")

        self.workLayout.addWidget(self.categoryError, 3, 1, 1, 1)

        self.educationLevelLabel = QLabel(self.workTab)
        self.educationLevelLabel.setObjectName(u"educationLevelLabel")

        self.workLayout.addWidget(self.educationLevelLabel, 4, 0, 1, 1)

        self.educationLevel = QComboBox(self.workTab)
        self.educationLevel.setObjectName(u"educationLevel")

        self.workLayout.addWidget(self.educationLevel, 4, 1, 1, 1)

        self.educationLevelError = QLabel(self.workTab)
        self.educationLevelError.setObjectName(u"educationLevelError")
        self.educationLevelError.setFont(font)
        self.educationLevelError.setProperty(u"colourRole", u"error")
        self.educationLevelError.setWordWrap(True)
        self.educationLevelError.setText(u"")

        self.workLayout.addWidget(self.educationLevelError, 5, 1, 1, 1)

        self.arrivalDateLabel = QLabel(self.workTab)
        self.arrivalDateLabel.setObjectName(u"arrivalDateLabel")

        self.workLayout.addWidget(self.arrivalDateLabel, 6, 0, 1, 1)

        self.arrivalDate = DateField(self.workTab)
        self.arrivalDate.setObjectName(u"arrivalDate")

        self.workLayout.addWidget(self.arrivalDate, 6, 1, 1, 1)

        self.arrivalDateError = QLabel(self.workTab)
        self.arrivalDateError.setObjectName(u"arrivalDateError")
        self.arrivalDateError.setFont(font)
        self.arrivalDateError.setProperty(u"colourRole", u"error")
        self.arrivalDateError.setWordWrap(True)
        self.arrivalDateError.setText(u"")

        self.workLayout.addWidget(self.arrivalDateError, 7, 1, 1, 1)

        self.departureDateLabel = QLabel(self.workTab)
        self.departureDateLabel.setObjectName(u"departureDateLabel")

        self.workLayout.addWidget(self.departureDateLabel, 8, 0, 1, 1)

        self.departureDate = DateField(self.workTab)
        self.departureDate.setObjectName(u"departureDate")

        self.workLayout.addWidget(self.departureDate, 8, 1, 1, 1)

        self.departureDateError = QLabel(self.workTab)
        self.departureDateError.setObjectName(u"departureDateError")
        self.departureDateError.setFont(font)
        self.departureDateError.setProperty(u"colourRole", u"error")
        self.departureDateError.setWordWrap(True)
        self.departureDateError.setText(u"")

        self.workLayout.addWidget(self.departureDateError, 9, 1, 1, 1)

        self.municipalityLabel = QLabel(self.workTab)
        self.municipalityLabel.setObjectName(u"municipalityLabel")

        self.workLayout.addWidget(self.municipalityLabel, 10, 0, 1, 1)

        self.municipality = QComboBox(self.workTab)
        self.municipality.setObjectName(u"municipality")

        self.workLayout.addWidget(self.municipality, 10, 1, 1, 1)

        self.municipalityError = QLabel(self.workTab)
        self.municipalityError.setObjectName(u"municipalityError")
        self.municipalityError.setFont(font)
        self.municipalityError.setProperty(u"colourRole", u"error")
        self.municipalityError.setWordWrap(True)
        self.municipalityError.setText(u"")

        self.workLayout.addWidget(self.municipalityError, 11, 1, 1, 1)

        self.workLayoutSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.workLayout.addItem(self.workLayoutSpacer, 12, 1, 1, 1)

        self.workLayout.setColumnStretch(1, 1)
        self.tabs.addTab(self.workTab, "")
        self.familyTab = QWidget()
        self.familyTab.setObjectName(u"familyTab")
        self.familyLayout = QVBoxLayout(self.familyTab)
        self.familyLayout.setObjectName(u"familyLayout")
        self.familyLabel = QLabel(self.familyTab)
        self.familyLabel.setObjectName(u"familyLabel")

        self.familyLayout.addWidget(self.familyLabel)

        self.familyTable = QTableWidget(self.familyTab)
        self.familyTable.setObjectName(u"familyTable")
        self.familyTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.familyTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.familyTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.familyTable.setTabKeyNavigation(False)
        self.familyTable.setAlternatingRowColors(True)

        self.familyLayout.addWidget(self.familyTable)

        self.FamilyButtons = QHBoxLayout()
        self.FamilyButtons.setObjectName(u"FamilyButtons")
        self.addFamilyButton = QPushButton(self.familyTab)
        self.addFamilyButton.setObjectName(u"addFamilyButton")
        self.addFamilyButton.setAutoDefault(False)

        self.FamilyButtons.addWidget(self.addFamilyButton)

        self.editFamilyButton = QPushButton(self.familyTab)
        self.editFamilyButton.setObjectName(u"editFamilyButton")
        self.editFamilyButton.setAutoDefault(False)

        self.FamilyButtons.addWidget(self.editFamilyButton)

        self.removeFamilyButton = QPushButton(self.familyTab)
        self.removeFamilyButton.setObjectName(u"removeFamilyButton")
        self.removeFamilyButton.setAutoDefault(False)

        self.FamilyButtons.addWidget(self.removeFamilyButton)

        self.familyButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.FamilyButtons.addItem(self.familyButtonSpacer)


        self.familyLayout.addLayout(self.FamilyButtons)

        self.familyError = QLabel(self.familyTab)
        self.familyError.setObjectName(u"familyError")
        self.familyError.setFont(font)
        self.familyError.setProperty(u"colourRole", u"error")
        self.familyError.setWordWrap(True)
        self.familyError.setText(u"")

        self.familyLayout.addWidget(self.familyError)

        self.tabs.addTab(self.familyTab, "")
        self.permitsTab = QWidget()
        self.permitsTab.setObjectName(u"permitsTab")
        self.permitsLayout = QVBoxLayout(self.permitsTab)
        self.permitsLayout.setObjectName(u"permitsLayout")
        self.permitsLabel = QLabel(self.permitsTab)
        self.permitsLabel.setObjectName(u"permitsLabel")

        self.permitsLayout.addWidget(self.permitsLabel)

        self.permitsTable = QTableWidget(self.permitsTab)
        self.permitsTable.setObjectName(u"permitsTable")
        self.permitsTable.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.permitsTable.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.permitsTable.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.permitsTable.setTabKeyNavigation(False)
        self.permitsTable.setAlternatingRowColors(True)

        self.permitsLayout.addWidget(self.permitsTable)

        self.PermitsButtons = QHBoxLayout()
        self.PermitsButtons.setObjectName(u"PermitsButtons")
        self.addPermitsButton = QPushButton(self.permitsTab)
        self.addPermitsButton.setObjectName(u"addPermitsButton")
        self.addPermitsButton.setAutoDefault(False)

        self.PermitsButtons.addWidget(self.addPermitsButton)

        self.editPermitsButton = QPushButton(self.permitsTab)
        self.editPermitsButton.setObjectName(u"editPermitsButton")
        self.editPermitsButton.setAutoDefault(False)

        self.PermitsButtons.addWidget(self.editPermitsButton)

        self.removePermitsButton = QPushButton(self.permitsTab)
        self.removePermitsButton.setObjectName(u"removePermitsButton")
        self.removePermitsButton.setAutoDefault(False)

        self.PermitsButtons.addWidget(self.removePermitsButton)

        self.permitsButtonSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.PermitsButtons.addItem(self.permitsButtonSpacer)


        self.permitsLayout.addLayout(self.PermitsButtons)

        self.permitsError = QLabel(self.permitsTab)
        self.permitsError.setObjectName(u"permitsError")
        self.permitsError.setFont(font)
        self.permitsError.setProperty(u"colourRole", u"error")
        self.permitsError.setWordWrap(True)
        self.permitsError.setText(u"")

        self.permitsLayout.addWidget(self.permitsError)

        self.tabs.addTab(self.permitsTab, "")
        self.consentTab = QWidget()
        self.consentTab.setObjectName(u"consentTab")
        self.consentLayout = QGridLayout(self.consentTab)
        self.consentLayout.setObjectName(u"consentLayout")
        self.surveyConsent = QCheckBox(self.consentTab)
        self.surveyConsent.setObjectName(u"surveyConsent")

        self.consentLayout.addWidget(self.surveyConsent, 0, 0, 1, 2)

        self.surveyConsentDateLabel = QLabel(self.consentTab)
        self.surveyConsentDateLabel.setObjectName(u"surveyConsentDateLabel")

        self.consentLayout.addWidget(self.surveyConsentDateLabel, 1, 0, 1, 1)

        self.surveyConsentDate = DateField(self.consentTab)
        self.surveyConsentDate.setObjectName(u"surveyConsentDate")

        self.consentLayout.addWidget(self.surveyConsentDate, 1, 1, 1, 1)

        self.surveyConsentDateError = QLabel(self.consentTab)
        self.surveyConsentDateError.setObjectName(u"surveyConsentDateError")
        self.surveyConsentDateError.setFont(font)
        self.surveyConsentDateError.setProperty(u"colourRole", u"error")
        self.surveyConsentDateError.setWordWrap(True)
        self.surveyConsentDateError.setText(u"")

        self.consentLayout.addWidget(self.surveyConsentDateError, 2, 1, 1, 1)

        self.notesLabel = QLabel(self.consentTab)
        self.notesLabel.setObjectName(u"notesLabel")

        self.consentLayout.addWidget(self.notesLabel, 3, 0, 1, 1, Qt.AlignmentFlag.AlignTop)

        self.notes = QPlainTextEdit(self.consentTab)
        self.notes.setObjectName(u"notes")
        self.notes.setTabChangesFocus(True)

        self.consentLayout.addWidget(self.notes, 3, 1, 1, 1)

        self.notesError = QLabel(self.consentTab)
        self.notesError.setObjectName(u"notesError")
        self.notesError.setFont(font)
        self.notesError.setProperty(u"colourRole", u"error")
        self.notesError.setWordWrap(True)
        self.notesError.setText(u"")

        self.consentLayout.addWidget(self.notesError, 4, 1, 1, 1)

        self.consentLayout.setColumnStretch(1, 1)
        self.tabs.addTab(self.consentTab, "")

        self.dialogLayout.addWidget(self.tabs)

        self.formError = QLabel(ExpatEditor)
        self.formError.setObjectName(u"formError")
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.buttonBox = QDialogButtonBox(ExpatEditor)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.givenNameLabel.setBuddy(self.givenName)
        self.familyNameLabel.setBuddy(self.familyName)
        self.dateOfBirthLabel.setBuddy(self.dateOfBirth)
        self.nationalityLabel.setBuddy(self.nationality)
        self.emailLabel.setBuddy(self.email)
        self.phoneLabel.setBuddy(self.phone)
        self.bsnLabel.setBuddy(self.bsn)
        self.preferredLanguageLabel.setBuddy(self.preferredLanguage)
        self.employerLabel.setBuddy(self.employer)
        self.categoryLabel.setBuddy(self.category)
        self.educationLevelLabel.setBuddy(self.educationLevel)
        self.arrivalDateLabel.setBuddy(self.arrivalDate)
        self.departureDateLabel.setBuddy(self.departureDate)
        self.municipalityLabel.setBuddy(self.municipality)
        self.familyLabel.setBuddy(self.familyTable)
        self.permitsLabel.setBuddy(self.permitsTable)
        self.surveyConsentDateLabel.setBuddy(self.surveyConsentDate)
        self.notesLabel.setBuddy(self.notes)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.tabs, self.givenName)
        QWidget.setTabOrder(self.givenName, self.familyName)
        QWidget.setTabOrder(self.familyName, self.dateOfBirth)
        QWidget.setTabOrder(self.dateOfBirth, self.nationality)
        QWidget.setTabOrder(self.nationality, self.email)
        QWidget.setTabOrder(self.email, self.phone)
        QWidget.setTabOrder(self.phone, self.bsn)
        QWidget.setTabOrder(self.bsn, self.showBsnButton)
        QWidget.setTabOrder(self.showBsnButton, self.preferredLanguage)
        QWidget.setTabOrder(self.preferredLanguage, self.employer)
        QWidget.setTabOrder(self.employer, self.category)
        QWidget.setTabOrder(self.category, self.educationLevel)
        QWidget.setTabOrder(self.educationLevel, self.arrivalDate)
        QWidget.setTabOrder(self.arrivalDate, self.departureDate)
        QWidget.setTabOrder(self.departureDate, self.municipality)
        QWidget.setTabOrder(self.municipality, self.familyTable)
        QWidget.setTabOrder(self.familyTable, self.addFamilyButton)
        QWidget.setTabOrder(self.addFamilyButton, self.editFamilyButton)
        QWidget.setTabOrder(self.editFamilyButton, self.removeFamilyButton)
        QWidget.setTabOrder(self.removeFamilyButton, self.permitsTable)
        QWidget.setTabOrder(self.permitsTable, self.addPermitsButton)
        QWidget.setTabOrder(self.addPermitsButton, self.editPermitsButton)
        QWidget.setTabOrder(self.editPermitsButton, self.removePermitsButton)
        QWidget.setTabOrder(self.removePermitsButton, self.surveyConsent)
        QWidget.setTabOrder(self.surveyConsent, self.surveyConsentDate)
        QWidget.setTabOrder(self.surveyConsentDate, self.notes)

        self.retranslateUi(ExpatEditor)

        self.tabs.setCurrentIndex(0)


        QMetaObject.connectSlotsByName(ExpatEditor)
    # setupUi

    def retranslateUi(self, ExpatEditor: Any) -> None:
        ExpatEditor.setWindowTitle(QCoreApplication.translate("ExpatEditor", u"Expat", None))
        self.givenNameLabel.setText(QCoreApplication.translate("ExpatEditor", u"&Given name", None))
#if QT_CONFIG(accessibility)
        self.givenName.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Given name", None))
#endif // QT_CONFIG(accessibility)
        self.familyNameLabel.setText(QCoreApplication.translate("ExpatEditor", u"&Family name", None))
#if QT_CONFIG(accessibility)
        self.familyName.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Family name", None))
#endif // QT_CONFIG(accessibility)
        self.dateOfBirthLabel.setText(QCoreApplication.translate("ExpatEditor", u"Date of &birth", None))
#if QT_CONFIG(accessibility)
        self.dateOfBirth.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Date of birth", None))
#endif // QT_CONFIG(accessibility)
        self.nationalityLabel.setText(QCoreApplication.translate("ExpatEditor", u"&Nationality", None))
#if QT_CONFIG(accessibility)
        self.nationality.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Nationality", None))
#endif // QT_CONFIG(accessibility)
        self.emailLabel.setText(QCoreApplication.translate("ExpatEditor", u"&E-mail", None))
#if QT_CONFIG(accessibility)
        self.email.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"E-mail", None))
#endif // QT_CONFIG(accessibility)
        self.phoneLabel.setText(QCoreApplication.translate("ExpatEditor", u"&Phone", None))
#if QT_CONFIG(accessibility)
        self.phone.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Phone", None))
#endif // QT_CONFIG(accessibility)
        self.bsnLabel.setText(QCoreApplication.translate("ExpatEditor", u"B&SN", None))
#if QT_CONFIG(accessibility)
        self.bsn.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"BSN", None))
#endif // QT_CONFIG(accessibility)
        self.bsn.setPlaceholderText(QCoreApplication.translate("ExpatEditor", u"9 digits", None))
        self.showBsnButton.setText(QCoreApplication.translate("ExpatEditor", u"Sho&w BSN", None))
#if QT_CONFIG(accessibility)
        self.showBsnButton.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Show BSN", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(tooltip)
        self.showBsnButton.setToolTip(QCoreApplication.translate("ExpatEditor", u"Show the whole BSN; this is written into the audit trail", None))
#endif // QT_CONFIG(tooltip)
        self.preferredLanguageLabel.setText(QCoreApplication.translate("ExpatEditor", u"Preferred &language", None))
#if QT_CONFIG(accessibility)
        self.preferredLanguage.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Preferred language", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.personalTab), QCoreApplication.translate("ExpatEditor", u"Personal", None))
        self.employerLabel.setText(QCoreApplication.translate("ExpatEditor", u"E&mployer", None))
#if QT_CONFIG(accessibility)
        self.employer.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Employer", None))
#endif // QT_CONFIG(accessibility)
        self.categoryLabel.setText(QCoreApplication.translate("ExpatEditor", u"Ca&tegory", None))
#if QT_CONFIG(accessibility)
        self.category.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Category", None))
#endif // QT_CONFIG(accessibility)
        self.educationLevelLabel.setText(QCoreApplication.translate("ExpatEditor", u"Education le&vel", None))
#if QT_CONFIG(accessibility)
        self.educationLevel.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Education level", None))
#endif // QT_CONFIG(accessibility)
        self.arrivalDateLabel.setText(QCoreApplication.translate("ExpatEditor", u"&Arrival", None))
#if QT_CONFIG(accessibility)
        self.arrivalDate.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Arrival", None))
#endif // QT_CONFIG(accessibility)
        self.departureDateLabel.setText(QCoreApplication.translate("ExpatEditor", u"&Departure", None))
#if QT_CONFIG(accessibility)
        self.departureDate.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Departure", None))
#endif // QT_CONFIG(accessibility)
        self.municipalityLabel.setText(QCoreApplication.translate("ExpatEditor", u"M&unicipality", None))
#if QT_CONFIG(accessibility)
        self.municipality.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Municipality", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.workTab), QCoreApplication.translate("ExpatEditor", u"Work and stay", None))
        self.familyLabel.setText(QCoreApplication.translate("ExpatEditor", u"Partner and c&hildren", None))
#if QT_CONFIG(accessibility)
        self.familyTable.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Partner and children", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.familyTable.setAccessibleDescription(QCoreApplication.translate("ExpatEditor", u"Family members", None))
#endif // QT_CONFIG(accessibility)
        self.addFamilyButton.setText(QCoreApplication.translate("ExpatEditor", u"&Add\u2026", None))
#if QT_CONFIG(accessibility)
        self.addFamilyButton.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Add family member", None))
#endif // QT_CONFIG(accessibility)
        self.editFamilyButton.setText(QCoreApplication.translate("ExpatEditor", u"&Edit\u2026", None))
#if QT_CONFIG(accessibility)
        self.editFamilyButton.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Edit family member", None))
#endif // QT_CONFIG(accessibility)
        self.removeFamilyButton.setText(QCoreApplication.translate("ExpatEditor", u"&Remove", None))
#if QT_CONFIG(accessibility)
        self.removeFamilyButton.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Remove family member", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.familyTab), QCoreApplication.translate("ExpatEditor", u"Family", None))
        self.permitsLabel.setText(QCoreApplication.translate("ExpatEditor", u"Per&mits", None))
#if QT_CONFIG(accessibility)
        self.permitsTable.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Permits", None))
#endif // QT_CONFIG(accessibility)
        self.addPermitsButton.setText(QCoreApplication.translate("ExpatEditor", u"&Add\u2026", None))
#if QT_CONFIG(accessibility)
        self.addPermitsButton.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Add permit", None))
#endif // QT_CONFIG(accessibility)
        self.editPermitsButton.setText(QCoreApplication.translate("ExpatEditor", u"&Edit\u2026", None))
#if QT_CONFIG(accessibility)
        self.editPermitsButton.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Edit permit", None))
#endif // QT_CONFIG(accessibility)
        self.removePermitsButton.setText(QCoreApplication.translate("ExpatEditor", u"&Remove", None))
#if QT_CONFIG(accessibility)
        self.removePermitsButton.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Remove permit", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.permitsTab), QCoreApplication.translate("ExpatEditor", u"Permits", None))
        self.surveyConsent.setText(QCoreApplication.translate("ExpatEditor", u"May be asked to take part in &surveys", None))
#if QT_CONFIG(accessibility)
        self.surveyConsent.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"May be asked to take part in surveys", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.surveyConsent.setAccessibleDescription(QCoreApplication.translate("ExpatEditor", u"Survey consent", None))
#endif // QT_CONFIG(accessibility)
        self.surveyConsentDateLabel.setText(QCoreApplication.translate("ExpatEditor", u"&Consent given on", None))
#if QT_CONFIG(accessibility)
        self.surveyConsentDate.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Consent given on", None))
#endif // QT_CONFIG(accessibility)
        self.notesLabel.setText(QCoreApplication.translate("ExpatEditor", u"&Notes", None))
#if QT_CONFIG(accessibility)
        self.notes.setAccessibleName(QCoreApplication.translate("ExpatEditor", u"Notes", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.consentTab), QCoreApplication.translate("ExpatEditor", u"Consent and notes", None))
    # retranslateUi
