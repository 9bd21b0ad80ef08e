# Generated from ui/target_settings_dialog.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'target_settings_dialog.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QMetaObject)
from PySide6.QtGui import (QFont)
from PySide6.QtWidgets import (QDialogButtonBox, QDoubleSpinBox, QGridLayout,
    QLabel, QLineEdit, QSizePolicy, QSpacerItem, QSpinBox, QVBoxLayout,
    QWidget)

class Ui_TargetSettingsDialog(object):
    def setupUi(self, TargetSettingsDialog: Any) -> None:
        if not TargetSettingsDialog.objectName():
            TargetSettingsDialog.setObjectName(u"TargetSettingsDialog")
        TargetSettingsDialog.resize(520, 420)
        self.dialogLayout = QVBoxLayout(TargetSettingsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.introLabel = QLabel(TargetSettingsDialog)
        self.introLabel.setObjectName(u"introLabel")
        self.introLabel.setWordWrap(True)

        self.dialogLayout.addWidget(self.introLabel)

        self.fieldsLayout = QGridLayout()
        self.fieldsLayout.setObjectName(u"fieldsLayout")
        self.centreNameLabel = QLabel(TargetSettingsDialog)
        self.centreNameLabel.setObjectName(u"centreNameLabel")

        self.fieldsLayout.addWidget(self.centreNameLabel, 0, 0, 1, 1)

        self.centreName = QLineEdit(TargetSettingsDialog)
        self.centreName.setObjectName(u"centreName")
        self.centreName.setMaxLength(200)

        self.fieldsLayout.addWidget(self.centreName, 0, 1, 1, 1)

        self.centreNameError = QLabel(TargetSettingsDialog)
        self.centreNameError.setObjectName(u"centreNameError")
        font = QFont()
        font.setBold(True)
        self.centreNameError.setFont(font)
        self.centreNameError.setProperty(u"colourRole", u"error")
        self.centreNameError.setWordWrap(True)
        self.centreNameError.setText(u"")

        self.fieldsLayout.addWidget(self.centreNameError, 1, 1, 1, 1)

        self.alphaLabel = QLabel(TargetSettingsDialog)
        self.alphaLabel.setObjectName(u"alphaLabel")

        self.fieldsLayout.addWidget(self.alphaLabel, 2, 0, 1, 1)

        self.alpha = QDoubleSpinBox(TargetSettingsDialog)
        self.alpha.setObjectName(u"alpha")
        self.alpha.setDecimals(3)
        self.alpha.setMinimum(0.000000000000000)
        self.alpha.setMaximum(1.000000000000000)
        self.alpha.setSingleStep(0.010000000000000)

        self.fieldsLayout.addWidget(self.alpha, 2, 1, 1, 1)

        self.alphaError = QLabel(TargetSettingsDialog)
        self.alphaError.setObjectName(u"alphaError")
        self.alphaError.setFont(font)
        self.alphaError.setProperty(u"colourRole", u"error")
        self.alphaError.setWordWrap(True)
        self.alphaError.setText(u"")

        self.fieldsLayout.addWidget(self.alphaError, 3, 1, 1, 1)

        self.minNLabel = QLabel(TargetSettingsDialog)
        self.minNLabel.setObjectName(u"minNLabel")

        self.fieldsLayout.addWidget(self.minNLabel, 4, 0, 1, 1)

        self.minN = QSpinBox(TargetSettingsDialog)
        self.minN.setObjectName(u"minN")
        self.minN.setMinimum(0)
        self.minN.setMaximum(100000)

        self.fieldsLayout.addWidget(self.minN, 4, 1, 1, 1)

        self.minNError = QLabel(TargetSettingsDialog)
        self.minNError.setObjectName(u"minNError")
        self.minNError.setFont(font)
        self.minNError.setProperty(u"colourRole", u"error")
        self.minNError.setWordWrap(True)
        self.minNError.setText(u"")

        self.fieldsLayout.addWidget(self.minNError, 5, 1, 1, 1)

        self.nThresholdLabel = QLabel(TargetSettingsDialog)
        self.nThresholdLabel.setObjectName(u"nThresholdLabel")

        self.fieldsLayout.addWidget(self.nThresholdLabel, 6, 0, 1, 1)

        self.nThreshold = QDoubleSpinBox(TargetSettingsDialog)
        self.nThreshold.setObjectName(u"nThreshold")
        self.nThreshold.setSuffix(u" %")
        self.nThreshold.setDecimals(1)
        self.nThreshold.setMinimum(0.000000000000000)
        self.nThreshold.setMaximum(100.000000000000000)

        self.fieldsLayout.addWidget(self.nThreshold, 6, 1, 1, 1)

        self.nThresholdError = QLabel(TargetSettingsDialog)
        self.nThresholdError.setObjectName(u"nThresholdError")
        self.nThresholdError.setFont(font)
        self.nThresholdError.setProperty(u"colourRole", u"error")
        self.nThresholdError.setWordWrap(True)
        self.nThresholdError.setText(u"")

        self.fieldsLayout.addWidget(self.nThresholdError, 7, 1, 1, 1)

        self.nGrowthFromLabel = QLabel(TargetSettingsDialog)
        self.nGrowthFromLabel.setObjectName(u"nGrowthFromLabel")

        self.fieldsLayout.addWidget(self.nGrowthFromLabel, 8, 0, 1, 1)

        self.nGrowthFrom = QSpinBox(TargetSettingsDialog)
        self.nGrowthFrom.setObjectName(u"nGrowthFrom")
        self.nGrowthFrom.setMinimum(1900)
        self.nGrowthFrom.setMaximum(2200)

        self.fieldsLayout.addWidget(self.nGrowthFrom, 8, 1, 1, 1)

        self.nGrowthFromError = QLabel(TargetSettingsDialog)
        self.nGrowthFromError.setObjectName(u"nGrowthFromError")
        self.nGrowthFromError.setFont(font)
        self.nGrowthFromError.setProperty(u"colourRole", u"error")
        self.nGrowthFromError.setWordWrap(True)
        self.nGrowthFromError.setText(u"")

        self.fieldsLayout.addWidget(self.nGrowthFromError, 9, 1, 1, 1)

        self.oThresholdLabel = QLabel(TargetSettingsDialog)
        self.oThresholdLabel.setObjectName(u"oThresholdLabel")

        self.fieldsLayout.addWidget(self.oThresholdLabel, 10, 0, 1, 1)

        self.oThreshold = QDoubleSpinBox(TargetSettingsDialog)
        self.oThreshold.setObjectName(u"oThreshold")
        self.oThreshold.setDecimals(1)
        self.oThreshold.setMinimum(0.000000000000000)
        self.oThreshold.setMaximum(10.000000000000000)
        self.oThreshold.setSingleStep(0.100000000000000)

        self.fieldsLayout.addWidget(self.oThreshold, 10, 1, 1, 1)

        self.oThresholdError = QLabel(TargetSettingsDialog)
        self.oThresholdError.setObjectName(u"oThresholdError")
        self.oThresholdError.setFont(font)
        self.oThresholdError.setProperty(u"colourRole", u"error")
        self.oThresholdError.setWordWrap(True)
        self.oThresholdError.setText(u"")

        self.fieldsLayout.addWidget(self.oThresholdError, 11, 1, 1, 1)

        self.pThresholdLabel = QLabel(TargetSettingsDialog)
        self.pThresholdLabel.setObjectName(u"pThresholdLabel")

        self.fieldsLayout.addWidget(self.pThresholdLabel, 12, 0, 1, 1)

        self.pThreshold = QDoubleSpinBox(TargetSettingsDialog)
        self.pThreshold.setObjectName(u"pThreshold")
        self.pThreshold.setDecimals(1)
        self.pThreshold.setMinimum(0.000000000000000)
        self.pThreshold.setMaximum(10.000000000000000)
        self.pThreshold.setSingleStep(0.100000000000000)

        self.fieldsLayout.addWidget(self.pThreshold, 12, 1, 1, 1)

        self.pThresholdError = QLabel(TargetSettingsDialog)
        self.pThresholdError.setObjectName(u"pThresholdError")
        self.pThresholdError.setFont(font)
        self.pThresholdError.setProperty(u"colourRole", u"error")
        self.pThresholdError.setWordWrap(True)
        self.pThresholdError.setText(u"")

        self.fieldsLayout.addWidget(self.pThresholdError, 13, 1, 1, 1)


        self.dialogLayout.addLayout(self.fieldsLayout)

        self.formError = QLabel(TargetSettingsDialog)
        self.formError.setObjectName(u"formError")
        self.formError.setFont(font)
        self.formError.setProperty(u"colourRole", u"error")
        self.formError.setWordWrap(True)
        self.formError.setText(u"")

        self.dialogLayout.addWidget(self.formError)

        self.verticalSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.dialogLayout.addItem(self.verticalSpacer)

        self.buttonBox = QDialogButtonBox(TargetSettingsDialog)
        self.buttonBox.setObjectName(u"buttonBox")
        self.buttonBox.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Ok)

        self.dialogLayout.addWidget(self.buttonBox)

#if QT_CONFIG(shortcut)
        self.centreNameLabel.setBuddy(self.centreName)
        self.alphaLabel.setBuddy(self.alpha)
        self.minNLabel.setBuddy(self.minN)
        self.nThresholdLabel.setBuddy(self.nThreshold)
        self.nGrowthFromLabel.setBuddy(self.nGrowthFrom)
        self.oThresholdLabel.setBuddy(self.oThreshold)
        self.pThresholdLabel.setBuddy(self.pThreshold)
#endif // QT_CONFIG(shortcut)
        QWidget.setTabOrder(self.centreName, self.alpha)
        QWidget.setTabOrder(self.alpha, self.minN)
        QWidget.setTabOrder(self.minN, self.nThreshold)
        QWidget.setTabOrder(self.nThreshold, self.nGrowthFrom)
        QWidget.setTabOrder(self.nGrowthFrom, self.oThreshold)
        QWidget.setTabOrder(self.oThreshold, self.pThreshold)
        QWidget.setTabOrder(self.pThreshold, self.buttonBox)

        self.retranslateUi(TargetSettingsDialog)

        QMetaObject.connectSlotsByName(TargetSettingsDialog)
    # setupUi

    def retranslateUi(self, TargetSettingsDialog: Any) -> None:
        TargetSettingsDialog.setWindowTitle(QCoreApplication.translate("TargetSettingsDialog", u"Target settings", None))
        self.introLabel.setText(QCoreApplication.translate("TargetSettingsDialog", u"These settings decide how the targets are judged; every report prints them.", None))
        self.centreNameLabel.setText(QCoreApplication.translate("TargetSettingsDialog", u"The centre's &name", None))
#if QT_CONFIG(accessibility)
        self.centreName.setAccessibleName(QCoreApplication.translate("TargetSettingsDialog", u"The centre's name", None))
#endif // QT_CONFIG(accessibility)
        self.alphaLabel.setText(QCoreApplication.translate("TargetSettingsDialog", u"Significance level (&alpha)", None))
#if QT_CONFIG(accessibility)
        self.alpha.setAccessibleName(QCoreApplication.translate("TargetSettingsDialog", u"Significance level (alpha)", None))
#endif // QT_CONFIG(accessibility)
        self.minNLabel.setText(QCoreApplication.translate("TargetSettingsDialog", u"Minimum &count per year (min_n)", None))
#if QT_CONFIG(accessibility)
        self.minN.setAccessibleName(QCoreApplication.translate("TargetSettingsDialog", u"Minimum count per year (min_n)", None))
#endif // QT_CONFIG(accessibility)
        self.nThresholdLabel.setText(QCoreApplication.translate("TargetSettingsDialog", u"Share &N must reach (n_threshold)", None))
#if QT_CONFIG(accessibility)
        self.nThreshold.setAccessibleName(QCoreApplication.translate("TargetSettingsDialog", u"Share N must reach (n_threshold)", None))
#endif // QT_CONFIG(accessibility)
        self.nGrowthFromLabel.setText(QCoreApplication.translate("TargetSettingsDialog", u"N must rise &from the year (n_growth_from)", None))
#if QT_CONFIG(accessibility)
        self.nGrowthFrom.setAccessibleName(QCoreApplication.translate("TargetSettingsDialog", u"N must rise from the year (n_growth_from)", None))
#endif // QT_CONFIG(accessibility)
        self.oThresholdLabel.setText(QCoreApplication.translate("TargetSettingsDialog", u"Grade &O must reach (o_threshold)", None))
#if QT_CONFIG(accessibility)
        self.oThreshold.setAccessibleName(QCoreApplication.translate("TargetSettingsDialog", u"Grade O must reach (o_threshold)", None))
#endif // QT_CONFIG(accessibility)
        self.pThresholdLabel.setText(QCoreApplication.translate("TargetSettingsDialog", u"Grade &P must reach (p_threshold)", None))
#if QT_CONFIG(accessibility)
        self.pThreshold.setAccessibleName(QCoreApplication.translate("TargetSettingsDialog", u"Grade P must reach (p_threshold)", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi
