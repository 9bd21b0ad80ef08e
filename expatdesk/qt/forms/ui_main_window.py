# Generated from ui/main_window.ui by `python -m expatdesk.qt.build_forms`: do not edit.
# Change the form in Qt Designer and run the command again.
# mypy: ignore-errors
from typing import Any

################################################################################
## Form generated from reading UI file 'main_window.ui'
##
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QAction, QBrush, QColor, QConicalGradient,
    QCursor, QFont, QFontDatabase, QGradient,
    QIcon, QImage, QKeySequence, QLinearGradient,
    QPainter, QPalette, QPixmap, QRadialGradient,
    QTransform)
from PySide6.QtWidgets import (QApplication, QFrame, QHBoxLayout, QListWidget,
    QListWidgetItem, QMainWindow, QMenu, QMenuBar,
    QSizePolicy, QStackedWidget, QStatusBar, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow: Any) -> None:
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(1280, 800)
        MainWindow.setWindowTitle(u"ExpatDesk")
        self.actionQuit = QAction(MainWindow)
        self.actionQuit.setObjectName(u"actionQuit")
#if QT_CONFIG(shortcut)
        self.actionQuit.setShortcut(u"Ctrl+Q")
#endif // QT_CONFIG(shortcut)
        self.actionQuit.setMenuRole(QAction.MenuRole.QuitRole)
        self.actionExpats = QAction(MainWindow)
        self.actionExpats.setObjectName(u"actionExpats")
        self.actionExpats.setCheckable(True)
#if QT_CONFIG(shortcut)
        self.actionExpats.setShortcut(u"Ctrl+1")
#endif // QT_CONFIG(shortcut)
        self.actionEmployers = QAction(MainWindow)
        self.actionEmployers.setObjectName(u"actionEmployers")
        self.actionEmployers.setCheckable(True)
#if QT_CONFIG(shortcut)
        self.actionEmployers.setShortcut(u"Ctrl+2")
#endif // QT_CONFIG(shortcut)
        self.actionTargets = QAction(MainWindow)
        self.actionTargets.setObjectName(u"actionTargets")
        self.actionTargets.setCheckable(True)
#if QT_CONFIG(shortcut)
        self.actionTargets.setShortcut(u"Ctrl+3")
#endif // QT_CONFIG(shortcut)
        self.actionReports = QAction(MainWindow)
        self.actionReports.setObjectName(u"actionReports")
        self.actionReports.setCheckable(True)
#if QT_CONFIG(shortcut)
        self.actionReports.setShortcut(u"Ctrl+4")
#endif // QT_CONFIG(shortcut)
        self.actionTargetSettings = QAction(MainWindow)
        self.actionTargetSettings.setObjectName(u"actionTargetSettings")
        self.actionSearch = QAction(MainWindow)
        self.actionSearch.setObjectName(u"actionSearch")
#if QT_CONFIG(shortcut)
        self.actionSearch.setShortcut(u"Ctrl+F")
#endif // QT_CONFIG(shortcut)
        self.actionDutch = QAction(MainWindow)
        self.actionDutch.setObjectName(u"actionDutch")
        self.actionDutch.setCheckable(True)
        self.actionDutch.setText(u"Nederlands")
        self.actionEnglish = QAction(MainWindow)
        self.actionEnglish.setObjectName(u"actionEnglish")
        self.actionEnglish.setCheckable(True)
        self.actionEnglish.setText(u"English")
        self.actionAbout = QAction(MainWindow)
        self.actionAbout.setObjectName(u"actionAbout")
        self.actionAbout.setMenuRole(QAction.MenuRole.AboutRole)
        self.centralWidget = QWidget(MainWindow)
        self.centralWidget.setObjectName(u"centralWidget")
        self.centralLayout = QHBoxLayout(self.centralWidget)
        self.centralLayout.setSpacing(0)
        self.centralLayout.setObjectName(u"centralLayout")
        self.centralLayout.setContentsMargins(0, 0, 0, 0)
        self.navigation = QListWidget(self.centralWidget)
        QListWidgetItem(self.navigation)
        QListWidgetItem(self.navigation)
        QListWidgetItem(self.navigation)
        QListWidgetItem(self.navigation)
        self.navigation.setObjectName(u"navigation")
        sizePolicy = QSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Expanding)
        sizePolicy.setHorizontalStretch(0)
        sizePolicy.setVerticalStretch(0)
        sizePolicy.setHeightForWidth(self.navigation.sizePolicy().hasHeightForWidth())
        self.navigation.setSizePolicy(sizePolicy)
        self.navigation.setMinimumSize(QSize(160, 0))
        self.navigation.setMaximumSize(QSize(160, 16777215))
        self.navigation.setStyleSheet(u"QListWidget#navigation { border: none; border-right: 1px solid palette(midlight); background: palette(window); padding-top: 10px; outline: 0; }\n"
"QListWidget#navigation::item { padding: 7px 12px; margin: 1px 8px; border-radius: 4px; }\n"
"QListWidget#navigation::item:selected { background: palette(highlight); color: palette(highlighted-text); }")
        self.navigation.setFrameShape(QFrame.Shape.NoFrame)
        self.navigation.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.navigation.setIconSize(QSize(24, 24))
        self.navigation.setSpacing(2)

        self.centralLayout.addWidget(self.navigation)

        self.areas = QStackedWidget(self.centralWidget)
        self.areas.setObjectName(u"areas")

        self.centralLayout.addWidget(self.areas)

        MainWindow.setCentralWidget(self.centralWidget)
        self.menuBar = QMenuBar(MainWindow)
        self.menuBar.setObjectName(u"menuBar")
        self.menuFile = QMenu(self.menuBar)
        self.menuFile.setObjectName(u"menuFile")
        self.menuView = QMenu(self.menuBar)
        self.menuView.setObjectName(u"menuView")
        self.menuReports = QMenu(self.menuBar)
        self.menuReports.setObjectName(u"menuReports")
        self.menuLanguage = QMenu(self.menuBar)
        self.menuLanguage.setObjectName(u"menuLanguage")
        self.menuHelp = QMenu(self.menuBar)
        self.menuHelp.setObjectName(u"menuHelp")
        MainWindow.setMenuBar(self.menuBar)
        self.statusBar = QStatusBar(MainWindow)
        self.statusBar.setObjectName(u"statusBar")
        MainWindow.setStatusBar(self.statusBar)

        self.menuBar.addAction(self.menuFile.menuAction())
        self.menuBar.addAction(self.menuView.menuAction())
        self.menuBar.addAction(self.menuReports.menuAction())
        self.menuBar.addAction(self.menuLanguage.menuAction())
        self.menuBar.addAction(self.menuHelp.menuAction())
        self.menuFile.addAction(self.actionQuit)
        self.menuView.addAction(self.actionExpats)
        self.menuView.addAction(self.actionEmployers)
        self.menuView.addAction(self.actionTargets)
        self.menuView.addAction(self.actionReports)
        self.menuView.addSeparator()
        self.menuView.addAction(self.actionSearch)
        self.menuReports.addAction(self.actionTargetSettings)
        self.menuLanguage.addAction(self.actionDutch)
        self.menuLanguage.addAction(self.actionEnglish)
        self.menuHelp.addAction(self.actionAbout)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow: Any) -> None:
        self.actionQuit.setText(QCoreApplication.translate("MainWindow", u"&Quit", None))
        self.actionExpats.setText(QCoreApplication.translate("MainWindow", u"&Expats", None))
        self.actionEmployers.setText(QCoreApplication.translate("MainWindow", u"E&mployers", None))
        self.actionTargets.setText(QCoreApplication.translate("MainWindow", u"&Targets", None))
        self.actionReports.setText(QCoreApplication.translate("MainWindow", u"&Reports", None))
        self.actionTargetSettings.setText(QCoreApplication.translate("MainWindow", u"Target &settings\u2026", None))
#if QT_CONFIG(tooltip)
        self.actionTargetSettings.setToolTip(QCoreApplication.translate("MainWindow", u"Change how the targets are judged", None))
#endif // QT_CONFIG(tooltip)
        self.actionSearch.setText(QCoreApplication.translate("MainWindow", u"&Search", None))
#if QT_CONFIG(tooltip)
        self.actionSearch.setToolTip(QCoreApplication.translate("MainWindow", u"Go to the search box of the list", None))
#endif // QT_CONFIG(tooltip)
        self.actionAbout.setText(QCoreApplication.translate("MainWindow", u"&About ExpatDesk", None))

        __sortingEnabled = self.navigation.isSortingEnabled()
        self.navigation.setSortingEnabled(False)
        ___qlistwidgetitem = self.navigation.item(0)
        ___qlistwidgetitem.setText(QCoreApplication.translate("MainWindow", u"Expats", None))
        ___qlistwidgetitem1 = self.navigation.item(1)
        ___qlistwidgetitem1.setText(QCoreApplication.translate("MainWindow", u"Employers", None))
        ___qlistwidgetitem2 = self.navigation.item(2)
        ___qlistwidgetitem2.setText(QCoreApplication.translate("MainWindow", u"Targets", None))
        ___qlistwidgetitem3 = self.navigation.item(3)
        ___qlistwidgetitem3.setText(QCoreApplication.translate("MainWindow", u"Reports", None))
        self.navigation.setSortingEnabled(__sortingEnabled)

#if QT_CONFIG(accessibility)
        self.navigation.setAccessibleName(QCoreApplication.translate("MainWindow", u"Areas", None))
#endif // QT_CONFIG(accessibility)
        self.menuFile.setTitle(QCoreApplication.translate("MainWindow", u"&File", None))
        self.menuView.setTitle(QCoreApplication.translate("MainWindow", u"&View", None))
        self.menuReports.setTitle(QCoreApplication.translate("MainWindow", u"&Reports", None))
        self.menuLanguage.setTitle(QCoreApplication.translate("MainWindow", u"&Language", None))
        self.menuHelp.setTitle(QCoreApplication.translate("MainWindow", u"&Help", None))
        pass
    # retranslateUi
