# Generated from ui/survey_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'survey_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QComboBox, QDialogButtonBox, QGridLayout,
    QGroupBox, QLabel, QLineEdit, QSizePolicy, QSpacerItem, QVBoxLayout,
    QWidget)

from expatdesk.qt.widgets.date_field import DateField

class Ui_SurveyDialog(object):
    def setupUi(self, SurveyDialog: Any) -> None:
        if not SurveyDialog.objectName():
            SurveyDialog.setObjectName(u"SurveyDialog")
        SurveyDialog.resize(560, 520)
        self.dialogLayout = QVBoxLayout(SurveyDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(SurveyDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.respondentTypeLabel = QLabel(SurveyDialog)
        self.respondentTypeLabel.setObjectName(u"respondentTypeLabel")
        self.respondentTypeLabel.setWordWrap(True)

        self.fieldsLayout.addWidget(self.respondentTypeLabel, 0, 0, 1, 1)

        self.respondentType = QComboBox(SurveyDialog)
        self.respondentType.setObjectName(u"respondentType")

        self.fieldsLayout.addWidget(self.respondentType, 0, 1, 1, 1)

        self.respondentLabel = QLabel(SurveyDialog)
        self.respondentLabel.setObjectName(u"respondentLabel")
        self.respondentLabel.setWordWrap(True)

        self.fieldsLayout.addWidget(self.respondentLabel, 1, 0, 1, 1)

        self.respondentLayout = QVBoxLayout()
        self.respondentLayout.setObjectName(u"respondentLayout")
        self.respondent = QComboBox(SurveyDialog)
        self.respondent.setObjectName(u"respondent")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        sizePolicy.setHorizontalStretch(1)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.respondent.sizePolicy().hasHeightForWidth())
        self.respondent.setSizePolicy(sizePolicy)

        self.respondentLayout.addWidget(self.respondent)

        self.respondentSearch = QLineEdit(SurveyDialog)
        self.respondentSearch.setObjectName(u"respondentSearch")
        self.respondentSearch.setClearButtonEnabled(True)
        sizePolicy.setHeightForWidth(self.respondentSearch.sizePolicy().hasHeightForWidth())
        self.respondentSearch.setSizePolicy(sizePolicy)

        self.respondentLayout.addWidget(self.respondentSearch)


        self.fieldsLayout.addLayout(self.respondentLayout, 1, 1, 1, 1)

        self.respondentError = QLabel(SurveyDialog)
        self.respondentError.setObjectName(u"respondentError")
        font = QFont()
        font.setBold(True)
        self.respondentError.setFont(font)
        self.respondentError.setProperty(u"colourRole", u"error")
        self.respondentError.setWordWrap(True)
        self.respondentError.setText(u"")

        self.fieldsLayout.addWidget(self.respondentError, 2, 1, 1, 1)

        self.respondedOnLabel = QLabel(SurveyDialog)
        self.respondedOnLabel.setObjectName(u"respondedOnLabel")
        self.respondedOnLabel.setWordWrap(True)

        self.fieldsLayout.addWidget(self.respondedOnLabel, 3, 0, 1, 1)

        self.respondedOn = DateField(SurveyDialog)
        self.respondedOn.setObjectName(u"respondedOn")

        self.fieldsLayout.addWidget(self.respondedOn, 3, 1, 1, 1)

        self.respondedOnError = QLabel(SurveyDialog)
        self.respondedOnError.setObjectName(u"respondedOnError")
        self.respondedOnError.setFont(font)
        self.respondedOnError.setProperty(u"colourRole", u"error")
        self.respondedOnError.setWordWrap(True)
        self.respondedOnError.setText(u"")

        self.fieldsLayout.addWidget(self.respondedOnError, 4, 1, 1, 1)

        self.scoreServiceLabel = QLabel(SurveyDialog)
        self.scoreServiceLabel.setObjectName(u"scoreServiceLabel")
        self.scoreServiceLabel.setWordWrap(True)

        self.fieldsLayout.addWidget(self.scoreServiceLabel, 5, 0, 1, 1)

        self.scoreService = QComboBox(SurveyDialog)
        self.scoreService.setObjectName(u"scoreService")

        self.fieldsLayout.addWidget(self.scoreService, 5, 1, 1, 1)

        self.scoreServiceError = QLabel(SurveyDialog)
        self.scoreServiceError.setObjectName(u"scoreServiceError")
        self.scoreServiceError.setFont(font)
        self.scoreServiceError.setProperty(u"colourRole", u"error")
        self.scoreServiceError.setWordWrap(True)
        self.scoreServiceError.setText(u"")

        self.fieldsLayout.addWidget(self.scoreServiceError, 6, 1, 1, 1)

        self.scoreAddedValueLabel = QLabel(SurveyDialog)
        self.scoreAddedValueLabel.setObjectName(u"scoreAddedValueLabel")
        self.scoreAddedValueLabel.setWordWrap(True)

        self.fieldsLayout.addWidget(self.scoreAddedValueLabel, 7, 0, 1, 1)

        self.scoreAddedValue = QComboBox(SurveyDialog)
        self.scoreAddedValue.setObjectName(u"scoreAddedValue")

        self.fieldsLayout.addWidget(self.scoreAddedValue, 7, 1, 1, 1)

        self.scoreAddedValueError = QLabel(SurveyDialog)
        self.scoreAddedValueError.setObjectName(u"scoreAddedValueError")
        self.scoreAddedValueError.setFont(font)
        self.scoreAddedValueError.setProperty(u"colourRole", u"error")
        self.scoreAddedValueError.setWordWrap(True)
        self.scoreAddedValueError.setText(u"")

        self.fieldsLayout.addWidget(self.scoreAddedValueError, 8, 1, 1, 1)

        self.intendsToLeaveLabel = QLabel(SurveyDialog)
        self.intendsToLeaveLabel.setObjectName(u"intendsToLeaveLabel")
        self.intendsToLeaveLabel.setWordWrap(True)

        self.fieldsLayout.addWidget(self.intendsToLeaveLabel, 9, 0, 1, 1)

        self.intendsToLeave = QComboBox(SurveyDialog)
        self.intendsToLeave.setObjectName(u"intendsToLeave")

        self.fieldsLayout.addWidget(self.intendsToLeave, 9, 1, 1, 1)

        self.intendsToLeaveError = QLabel(SurveyDialog)
        self.intendsToLeaveError.setObjectName(u"intendsToLeaveError")
        self.intendsToLeaveError.setFont(font)
        self.intendsToLeaveError.setProperty(u"colourRole", u"error")
        self.intendsToLeaveError.setWordWrap(True)
        self.intendsToLeaveError.setText(u"")

        self.fieldsLayout.addWidget(self.intendsToLeaveError, 10, 1, 1, 1)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.facilitiesBox = QGroupBox(SurveyDialog)
        self.facilitiesBox.setObjectName(u"facilitiesBox")
        self.facilitiesLayout = QGridLayout(self.facilitiesBox)
        self.facilitiesLayout.setObjectName(u"facilitiesLayout")

        self.dialogLayout.addWidget(self.facilitiesBox)

        self.formError = QLabel(SurveyDialog)
        self.formError.setObjectName(u"formError")
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.bottomSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.bottomSpacer)

        self.buttonBox = QDialogButtonBox(SurveyDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.respondentTypeLabel.setBuddy(self.respondentType)
        self.respondentLabel.setBuddy(self.respondent)
        self.respondedOnLabel.setBuddy(self.respondedOn)
        self.scoreServiceLabel.setBuddy(self.scoreService)
        self.scoreAddedValueLabel.setBuddy(self.scoreAddedValue)
        self.intendsToLeaveLabel.setBuddy(self.intendsToLeave)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.respondentType, self.respondent)
        QWidget.setTabOrder(self.respondent, self.respondentSearch)
        QWidget.setTabOrder(self.respondentSearch, self.respondedOn)
        QWidget.setTabOrder(self.respondedOn, self.scoreService)
        QWidget.setTabOrder(self.scoreService, self.scoreAddedValue)
        QWidget.setTabOrder(self.scoreAddedValue, self.intendsToLeave)

        self.retranslateUi(SurveyDialog)

        QMetaObject.connectSlotsByName(SurveyDialog)
    # setupUi

    def retranslateUi(self, SurveyDialog: Any) -> None:
        SurveyDialog.setWindowTitle(QCoreApplication.translate("SurveyDialog", u"Survey response", None))
        self.introLabel.setText(QCoreApplication.translate("SurveyDialog", u"Type in the answers of a paper or telephone survey. Leave a question on \u201cNot answered\u201d when the respondent skipped it.", None))
        self.respondentTypeLabel.setText(QCoreApplication.translate("SurveyDialog", u"Respondent &type", None))
#if QT_CONFIG(accessibility)
        self.respondentType.setAccessibleName(QCoreApplication.translate("SurveyDialog", u"Respondent type", None))
#endif // QT_CONFIG(accessibility)
        self.respondentLabel.setText(QCoreApplication.translate("SurveyDialog", u"&Respondent", None))
#if QT_CONFIG(accessibility)
        self.respondent.setAccessibleName(QCoreApplication.translate("SurveyDialog", u"Respondent", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.respondentSearch.setAccessibleName(QCoreApplication.translate("SurveyDialog", u"Find another respondent", None))
#endif // QT_CONFIG(accessibility)
        self.respondedOnLabel.setText(QCoreApplication.translate("SurveyDialog", u"Response &date", None))
#if QT_CONFIG(accessibility)
        self.respondedOn.setAccessibleName(QCoreApplication.translate("SurveyDialog", u"Response date", None))
#endif // QT_CONFIG(accessibility)
        self.scoreServiceLabel.setText(QCoreApplication.translate("SurveyDialog", u"&Grade for the service", None))
#if QT_CONFIG(accessibility)
        self.scoreService.setAccessibleName(QCoreApplication.translate("SurveyDialog", u"Grade for the service", None))
#endif // QT_CONFIG(accessibility)
        self.scoreAddedValueLabel.setText(QCoreApplication.translate("SurveyDialog", u"Grade for the &added value", None))
#if QT_CONFIG(accessibility)
        self.scoreAddedValue.setAccessibleName(QCoreApplication.translate("SurveyDialog", u"Grade for the added value", None))
#endif // QT_CONFIG(accessibility)
        self.intendsToLeaveLabel.setText(QCoreApplication.translate("SurveyDialog", u"&Intends to work outside Twente within 18 months", None))
#if QT_CONFIG(accessibility)
        self.intendsToLeave.setAccessibleName(QCoreApplication.translate("SurveyDialog", u"Intends to work outside Twente within 18 months", None))
#endif // QT_CONFIG(accessibility)
        self.facilitiesBox.setTitle(QCoreApplication.translate("SurveyDialog", u"Expat-oriented facilities used", None))
#if QT_CONFIG(accessibility)
        self.facilitiesBox.setAccessibleName(QCoreApplication.translate("SurveyDialog", u"Expat-oriented facilities used", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
