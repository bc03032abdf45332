"""A PDF shown as a PDF viewer shows it: white pages, one under the other, on a grey
background with a shadow, fitted to the width of the view and drawn again when it is resized.

The PDF is drawn to images with pypdfium2 (`pdf_pages`) at the screen's real pixel density,
so text stays sharp on high-density screens. Without a PDF the view says why in its middle
("No member matches these choices.").
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QImage, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QScrollArea, QSizePolicy, QWidget

from coopdesk_ui.widgets.pdf_pages import page_images

#: Around and between pages (pixels).
MARGIN = 18
SHADOW = 4
BACKGROUND = QColor("#7d8084")
#: Waiting this long (ms) after the last resize before drawing again keeps dragging smooth.
REDRAW_AFTER_MS = 120
#: Pages are never drawn narrower than this (pixels), however narrow the view.
MIN_PAGE_WIDTH = 160


class _Pages(QWidget):
    """The pages (or a message) painted on the grey background; as tall as the pages."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.images: list[QImage] = []
        self.message = ""
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)

    def set_content(self, images: list[QImage], message: str) -> None:
        self.images, self.message = images, message
        self.setFixedHeight(self._height())
        self.update()

    def _height(self) -> int:
        if not self.images:
            return 0  # the message is drawn on the view's own background
        return MARGIN + sum(self._logical(image).height() + MARGIN for image in self.images)

    @staticmethod
    def _logical(image: QImage) -> QSize:
        ratio = image.devicePixelRatio()
        return QSize(round(image.width() / ratio), round(image.height() / ratio))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), BACKGROUND)
        top = MARGIN
        for image in self.images:
            size = self._logical(image)
            left = max(MARGIN, (self.width() - size.width()) // 2)
            target = QRect(left, top, size.width(), size.height())
            painter.fillRect(target.translated(SHADOW, SHADOW), QColor(0, 0, 0, 90))
            painter.drawImage(target, image)
            painter.setPen(QColor("#5a5d61"))
            painter.drawRect(target.adjusted(-1, -1, 0, 0))
            top += size.height() + MARGIN
        painter.end()


class PdfView(QScrollArea):
    """Shows one PDF (bytes) fitted to its width, or a message when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: bytes | None = None
        self._message = ""
        self._drawn_width = 0
        self._pages = _Pages()
        self.setWidget(self._pages)
        self.setWidgetResizable(True)
        self.setAlignment(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # The vertical bar always takes its room: fitting pages to a width that a bar appearing
        # (because they are now taller) would narrow again would make them jump.
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self.viewport().setStyleSheet(f"background: {BACKGROUND.name()};")
        self._redraw = QTimer(self)
        self._redraw.setSingleShot(True)
        self._redraw.setInterval(REDRAW_AFTER_MS)
        self._redraw.timeout.connect(self._draw)

    def set_pdf(self, data: bytes) -> None:
        """Show the pages of the PDF `data`, from the top."""
        self._data, self._message = data, ""
        self._draw()
        self.verticalScrollBar().setValue(0)

    def show_message(self, text: str) -> None:
        """Show no pages, only `text` (why there is nothing to show)."""
        self._data, self._message = None, text
        self._draw()

    def page_images(self) -> list[QImage]:
        """The pages as drawn now (for tests and for looking)."""
        return list(self._pages.images)

    def message(self) -> str:
        """The message shown instead of pages ("" while pages are shown)."""
        return self._message

    def _page_width(self) -> int:
        return max(MIN_PAGE_WIDTH, self.viewport().width() - 2 * MARGIN - SHADOW)

    def _draw(self) -> None:
        self._redraw.stop()
        images: list[QImage] = []
        if self._data is not None:
            width = self._page_width()
            ratio = self.devicePixelRatioF()
            images = page_images(self._data, round(width * ratio))
            for image in images:
                image.setDevicePixelRatio(ratio)
            self._drawn_width = width
        self._pages.set_content(images, self._message)
        self.viewport().update()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._data is not None and self._page_width() != self._drawn_width:
            self._redraw.start()

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self._message and self._data is None:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("white"))
            area = self.viewport().rect().adjusted(MARGIN, MARGIN, -MARGIN, -MARGIN)
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap,
                             self._message)
            painter.end()
