"""Printing a PDF document shown in the app: each page rendered to an image and painted on the
printer, for the print dialog and the print preview alike."""

from __future__ import annotations

import logging

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QRect, QSize, Qt
from PySide6.QtGui import QImage, QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QWidget

from expatdesk.qt import msgbox

log = logging.getLogger(__name__)

#: Points per inch of PDF page sizes.
POINTS_PER_INCH = 72
#: Pages are rendered at most this sharp: enough for print, small enough for memory.
MAX_DPI = 300


def page_numbers(printer: QPrinter, page_count: int) -> range:
    """The 0-based pages to print: the range the user chose, or every page."""
    if printer.printRange() == QPrinter.PrintRange.PageRange and printer.fromPage() > 0:
        first = max(printer.fromPage(), 1)
        last = min(printer.toPage() or page_count, page_count)
        return range(first - 1, last)
    return range(page_count)


def paint_document(document: QPdfDocument, printer: QPrinter) -> int:
    """Paint the pages of ``document`` on ``printer``, one per sheet; returns the pages painted."""
    pages = page_numbers(printer, document.pageCount())
    if not pages:
        return 0
    painter = QPainter()
    if not painter.begin(printer):
        log.error("cannot paint on the printer")
        return 0
    try:
        dpi = min(printer.resolution(), MAX_DPI)
        target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
        target.moveTo(0, 0)
        for number, page in enumerate(pages):
            if number:
                printer.newPage()
            points = document.pagePointSize(page)
            size = QSize(
                round(points.width() * dpi / POINTS_PER_INCH),
                round(points.height() * dpi / POINTS_PER_INCH),
            )
            image = document.render(page, size)
            fitted = size.scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), fitted), image)
    finally:
        painter.end()
    return len(pages)


def print_document(parent: QWidget, document: QPdfDocument, printer: QPrinter) -> bool:
    """Ask for printer and pages with the print dialog, then print; False when cancelled."""
    dialog = QPrintDialog(printer, parent)
    dialog.setOption(QPrintDialog.PrintDialogOption.PrintPageRange, True)
    dialog.setMinMax(1, max(document.pageCount(), 1))
    if msgbox.exec_dialog(dialog) != int(QDialog.DialogCode.Accepted):
        return False
    paint_document(document, printer)
    return True


def preview_dialog(
    parent: QWidget, document: QPdfDocument, printer: QPrinter
) -> QPrintPreviewDialog:
    """A print preview of ``document``, painted like the real print."""
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda target: paint_document(document, target))
    return dialog


def print_pdf(parent: QWidget, content: bytes) -> bool:
    """Print a PDF with the print dialog; False when cancelled. Tests replace it."""
    document = QPdfDocument(parent)
    buffer = QBuffer(parent)
    buffer.setData(QByteArray(content))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document.load(buffer)
    return print_document(parent, document, QPrinter())


def print_image(parent: QWidget, content: bytes) -> bool:
    """Print an image on one page with the print dialog; False when cancelled. Tests replace it."""
    image = QImage.fromData(content)
    printer = QPrinter()
    if msgbox.exec_dialog(QPrintDialog(printer, parent)) != int(QDialog.DialogCode.Accepted):
        return False
    painter = QPainter()
    if not painter.begin(printer):
        return False
    try:
        target = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
        size = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
        painter.drawImage(target.topLeft().x(), target.topLeft().y(), image.scaled(size))
    finally:
        painter.end()
    return True
