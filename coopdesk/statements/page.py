"""A ReportLab canvas seen in a layout's terms: millimetres from the page's top-left corner.

The drawing code (`render`, `slip`) says where things go as the layout does; `Page` turns that
into ReportLab's points from the bottom-left corner, sets fonts and greys only when they
change, and cuts text that would overflow its room with an ellipsis.
"""

from __future__ import annotations

import weakref
from functools import lru_cache
from typing import Any

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase.pdfmetrics import stringWidth  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from reportlab.pdfgen.textobject import PDFTextObject  # type: ignore[import-untyped]

from coopdesk.statements import style
from coopdesk.statements.fonts import REGULAR
from coopdesk.statements.layout import Layout

ELLIPSIS = "\u2026"


class Page:
    """A canvas seen in the layout's terms: millimetres from the page's top-left corner.

    Text is gathered in one text object and drawn by `finish`, after the page's rules and
    boxes, so it always lies on top of them; one object per page rather than one per string
    saves ReportLab a third of its work.
    """

    def __init__(self, canvas: Canvas, layout: Layout) -> None:
        self.canvas = canvas
        self.layout = layout
        self._words = _Words(canvas)
        self._font: tuple[str, float] | None = None
        self._ink: Grey | None = None
        self._fill: Grey | None = None

    def text(self, x: float, y: float, text: str, *, font: str = REGULAR,
             size: float = style.TEXT_SIZE, grey: Grey = style.INK,
             align: str = "left", width: float | None = None, shrink: bool = False) -> None:
        """`text` with its baseline at `y`, starting (or ending, or centred) at `x`, within
        `width` mm if given: set smaller (down to 80 %) with `shrink`, then cut."""
        if not text:
            return
        if width is not None:
            if shrink:
                size = fitting_size(text, font, size, width * mm)
            text = fit(text, font, size, width * mm)
        words = self._words
        if self._font != (font, size):
            words.setFont(font, size)
            self._font = (font, size)
        if self._ink != grey:
            _set_fill(words, grey)
            self._ink = grey
        left = x * mm
        if align != "left":
            shift = text_width(text, font, size)
            left -= shift if align == "right" else shift / 2
        words.setTextOrigin(left, (self.layout.page_height - y) * mm)
        # textLine, not textOut: every string is placed by its own origin, so the cursor need
        # not move across it, and textOut measures each string to move it (a third of the time).
        words.textLine(text)

    def rule(self, x1: float, y: float, x2: float, *, grey: float = style.RULE,
             width: float = 0.4, dash: tuple[float, float] | None = None) -> None:
        c = self.canvas
        c.setStrokeGray(grey)
        c.setLineWidth(width)
        if dash:
            c.setDash(*dash)
        top = (self.layout.page_height - y) * mm
        c.line(x1 * mm, top, x2 * mm, top)
        if dash:
            c.setDash()

    def box(self, x: float, y: float, width: float, height: float, fill: Grey) -> None:
        if self._fill != fill:
            _set_fill(self.canvas, fill)
            self._fill = fill
        self.canvas.rect(x * mm, (self.layout.page_height - y - height) * mm, width * mm,
                         height * mm, stroke=0, fill=1)

    def finish(self) -> None:
        """Draw the page's text; call once, before `showPage`."""
        self.canvas.drawText(self._words)


Grey = float | tuple[float, float, float]

#: Each canvas's strings as PDF operators, by font, size, current subset and text.
_written: weakref.WeakKeyDictionary[Canvas, dict[tuple[str, float, int, str], tuple[str, int]]] = (
    weakref.WeakKeyDictionary())


class _Words(PDFTextObject):  # type: ignore[misc]
    """A ReportLab text object that turns each distinct string into PDF operators once per
    document: a batch prints the same dates, amounts and descriptions thousands of times, and
    the conversion (each character mapped to its font subset, the result escaped) is most of
    what drawing a string costs. What ReportLab writes for a string depends only on the font,
    its size, the subset the text object is in and the text (the characters' subset codes are
    fixed in a document once given), so the operators are kept with the subset they leave the
    text object in.
    """

    _fontname: str
    _fontsize: float
    _curSubset: int

    def __init__(self, canvas: Canvas) -> None:
        super().__init__(canvas)
        written = _written.get(canvas)
        if written is None:
            written = _written[canvas] = {}
        self._written = written

    def _formatText(self, text: str) -> str:
        key = (self._fontname, self._fontsize, self._curSubset, text)
        known = self._written.get(key)
        if known is None:
            known = self._written[key] = (super()._formatText(text), self._curSubset)
        self._curSubset = known[1]
        return known[0]


def _set_fill(target: Any, grey: Grey) -> None:
    if isinstance(grey, tuple):
        target.setFillColorRGB(*grey)
    else:
        target.setFillGray(grey)


@lru_cache(maxsize=20_000)
def text_width(text: str, font: str, size: float) -> float:
    """The width of `text` in points."""
    return float(stringWidth(text, font, size))


@lru_cache(maxsize=20_000)
def fit(text: str, font: str, size: float, width: float) -> str:
    """`text`, cut with an ellipsis if it is wider than `width` points."""
    if text_width(text, font, size) <= width:
        return text
    low, high = 0, len(text)
    while low < high:  # the longest prefix that fits with the ellipsis
        middle = (low + high + 1) // 2
        if text_width(text[:middle].rstrip() + ELLIPSIS, font, size) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + ELLIPSIS


def fitting_size(text: str, font: str, size: float, width: float, least: float = 0.8) -> float:
    """`size`, or a smaller one (not below `least` of it, in quarter points) at which `text`
    fits in `width` points."""
    smallest = size * least
    while size > smallest and text_width(text, font, size) > width:
        size -= 0.25
    return max(size, smallest)


def wrap(text: str, font: str, size: float, width: float, lines: int) -> list[str]:
    """`text` broken at spaces into at most `lines` lines of `width` points (the last cut with
    an ellipsis if the text is longer still)."""
    words = text.split(" ")
    result: list[str] = []
    while words and len(result) < lines - 1:
        line = words.pop(0)
        while words and text_width(f"{line} {words[0]}", font, size) <= width:
            line = f"{line} {words.pop(0)}"
        result.append(line)
    if words:
        result.append(fit(" ".join(words), font, size, width))
    return result
