"""PDF pages drawn to QImages: the right size, the right colours (channel order), every page."""

from __future__ import annotations

import io

from PySide6.QtGui import QColor
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from coopdesk_ui.widgets.pdf_pages import open_pdf, page_count, page_image, page_images


def two_pages() -> bytes:
    """A 200 x 100 pt first page, red on its left half, and a 100 x 100 pt second page."""
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(200, 100))
    canvas.setFillColorRGB(1, 0, 0)
    canvas.rect(0, 0, 100, 100, stroke=0, fill=1)
    canvas.showPage()
    canvas.setPageSize((100, 100))
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def test_pages_are_drawn_to_the_width_asked_in_their_colours() -> None:
    data = two_pages()
    assert page_count(data) == 2
    first, second = page_images(data, 400)
    assert (first.width(), first.height()) == (400, 200)
    assert (second.width(), second.height()) == (400, 400)
    assert first.pixelColor(50, 100) == QColor(255, 0, 0)  # red stays red, not blue
    assert first.pixelColor(350, 100) == QColor(255, 255, 255)


def test_a_page_at_a_resolution() -> None:
    with open_pdf(two_pages()) as document:
        image = page_image(document, 1, dpi=144)
    assert (image.width(), image.height()) == (200, 200)
