"""Printing statements through the system's print dialog (QPrinter).

The batch is written to one PDF first (the same background job as saving, so what prints is
exactly what is saved), then each page is drawn with pypdfium2 at the printer's resolution and
painted onto the whole sheet: the PDF already holds the margins and the window-envelope
placement, so Qt must add none (`fullPage`, no margins). The printer starts on the statements'
paper, two-sided when asked, and names the job with the statements' title.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QSizeF, Qt
from PySide6.QtGui import QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QProgressDialog, QWidget

from coopdesk.i18n import _
from coopdesk.statements.layout import Layout
from coopdesk_ui.dialogs import Dialogs
from coopdesk_ui.widgets.pdf_pages import open_pdf, page_image

#: Pages are drawn at the printer's resolution, up to this: 600 dpi prints text as sharp as the
#: eye sees, and a page at 1200 dpi would take half a gigabyte of memory.
MAX_DPI = 600


def new_printer(layout: Layout, *, duplex: bool, title: str) -> QPrinter:
    """A printer set up for statements on `layout`'s paper."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size = QPageSize(QSizeF(layout.page_width, layout.page_height), QPageSize.Unit.Millimeter,
                     "", QPageSize.SizeMatchPolicy.FuzzyMatch)  # A4 and Letter by their names
    printer.setPageSize(size)
    printer.setFullPage(True)
    printer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Millimeter)
    printer.setDuplex(QPrinter.DuplexMode.DuplexLongSide if duplex
                      else QPrinter.DuplexMode.DuplexNone)
    printer.setDocName(title)
    return printer


def _fitted(target: QRect, width: int, height: int) -> QRect:
    """`width` x `height` scaled to fit `target`, from its top-left corner (a sheet the user
    changed in the print dialog gets the page whole, not stretched)."""
    scaled = QSizeF(width, height).scaled(QSizeF(target.size()), Qt.AspectRatioMode.KeepAspectRatio)
    return QRect(target.topLeft(), scaled.toSize())


def print_pdf(parent: QWidget | None, printer: QPrinter, pdf: Path) -> bool:
    """Paint every page of `pdf` onto `printer`, behind a progress dialog with Cancel; whether
    every page was sent (False: cancelled, or the printer refused, which is said)."""
    with open_pdf(pdf) as document:
        total = len(document)
        dialog = QProgressDialog(_("Sending the pages to the printer\N{HORIZONTAL ELLIPSIS}"),
                                 _("Cancel"), 0, total, parent)
        dialog.setWindowTitle(_("Printing"))
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        dialog.setMinimumDuration(400)
        painter = QPainter()
        try:
            if not painter.begin(printer):
                Dialogs.error(parent, _("The printer could not be started. Check that it is "
                                        "on and connected, then try again."))
                return False
            painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
            resolution = printer.resolution()
            sheet = printer.pageLayout().fullRectPixels(resolution)
            for index in range(total):
                if dialog.wasCanceled():
                    printer.abort()
                    return False
                if index:
                    printer.newPage()
                image = page_image(document, index, dpi=min(resolution, MAX_DPI))
                painter.drawImage(_fitted(sheet, image.width(), image.height()), image)
                dialog.setValue(index + 1)  # a modal dialog lets the window draw meanwhile
            return True
        finally:
            if painter.isActive():
                painter.end()
            dialog.close()
            dialog.deleteLater()
