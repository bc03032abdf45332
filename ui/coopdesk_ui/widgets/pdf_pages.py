"""PDF pages drawn to QImages with pypdfium2 (PySide6-Essentials has no QtPdf).

PDFium draws into a 4-byte RGBx buffer (`rev_byteorder`: red first, whatever the machine's
byte order), which is QImage's `Format_RGBX8888` as it is: the pixels are copied once into the
QImage, never converted pixel by pixel in Python. PDFium is not thread-safe: draw only from the
main thread.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pypdfium2 as pdfium  # type: ignore[import-untyped]
import pypdfium2.raw as pdfium_c  # type: ignore[import-untyped]
from PySide6.QtGui import QImage

#: A PDF's unit: 72 to the inch.
POINTS_PER_INCH = 72


@contextmanager
def open_pdf(data: bytes | Path) -> Iterator[pdfium.PdfDocument]:
    """The PDF `data` (its bytes, or its file) opened for drawing, closed on the way out."""
    document = pdfium.PdfDocument(data)
    try:
        yield document
    finally:
        document.close()


def page_count(data: bytes | Path) -> int:
    """How many pages the PDF `data` has."""
    with open_pdf(data) as document:
        return len(document)


def page_image(document: pdfium.PdfDocument, index: int, *, width: int | None = None,
               dpi: int | None = None) -> QImage:
    """Page `index` of `document` drawn `width` pixels wide, or at `dpi` dots per inch."""
    page = document[index]
    try:
        page_width, _height = page.get_size()
        scale = width / page_width if width is not None else (dpi or POINTS_PER_INCH) / POINTS_PER_INCH
        bitmap = page.render(scale=scale, force_bitmap_format=pdfium_c.FPDFBitmap_BGRx,
                             rev_byteorder=True, fill_color=(255, 255, 255, 255))
        try:
            # .copy(): the QImage must own its pixels, the bitmap's buffer goes with the bitmap.
            return QImage(bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                          QImage.Format.Format_RGBX8888).copy()
        finally:
            bitmap.close()
    finally:
        page.close()


def page_images(data: bytes, width: int) -> list[QImage]:
    """Every page of the PDF `data`, each drawn `width` pixels wide."""
    with open_pdf(data) as document:
        return [page_image(document, index, width=width) for index in range(len(document))]
