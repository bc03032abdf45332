"""What every letter the co-op prints draws the same way: the letterhead with the logo, the
address in the envelope's window, the information block beside it, the fold and punch marks,
and the footer.

Statements (`render`), written notices of allocation (`patronage.notice_render`) and the
board's and the meeting's documents (the footer) draw these pieces from plain fields, so that
every letter of a co-op looks like its others. Places come from the page's `layout.Layout`
(millimetres from the top left), type from `style`.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from functools import lru_cache

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.lib.utils import ImageReader  # type: ignore[import-untyped]

from coopdesk.statements import style
from coopdesk.statements.fonts import BOLD, REGULAR
from coopdesk.statements.page import Page, fit, text_width


def letterhead(page: Page, coop_name: str, address: Sequence[str], contact: str,
               logo: bytes | None) -> None:
    """The co-op's logo, name, address lines and contacts at the top of a first page."""
    layout = page.layout
    head = layout.letterhead
    # The logo, when there is one, stands at the letterhead's left; the name (and, stacked,
    # the details) start beside it.
    indent = _logo(page, logo) if logo is not None else 0.0
    left, width = head.x + indent, head.width - indent
    page.text(left, head.y + 6.0, coop_name, font=BOLD, size=style.NAME_SIZE,
              grey=style.ACCENT, width=width if layout.letterhead_stacked else width * 0.55,
              shrink=True)
    details = [*address, contact] if contact else list(address)
    if layout.letterhead_stacked:
        for i, line in enumerate(details):
            # Beside a logo the details may run past the return window: they sit above the
            # information block, and a single-window envelope hides them anyway.
            page.text(left, head.y + 10.5 + i * 3.4, line, size=style.DETAIL_SIZE, grey=style.MUTED,
                      width=head.width)
    else:
        right = layout.page_width - layout.margin_right
        for i, line in enumerate(details):
            page.text(right, head.y + 2.5 + i * 3.6, line, size=style.DETAIL_SIZE, grey=style.MUTED,
                      align="right", width=head.width * 0.45)


def _logo(page: Page, data: bytes) -> float:
    """Draw the logo at the letterhead's top left, at most `style.LOGO_HEIGHT` high and
    `style.LOGO_WIDTH` wide; return how far the text beside it moves right (mm)."""
    image = _image(data)
    if image is None:
        return 0.0
    pixels_wide, pixels_high = (int(side) for side in image.getSize())
    height = min(style.LOGO_HEIGHT, style.LOGO_WIDTH * pixels_high / pixels_wide)
    width = height * pixels_wide / pixels_high
    head = page.layout.letterhead
    page.canvas.drawImage(image, head.x * mm, (page.layout.page_height - head.y - height) * mm,
                          width * mm, height * mm, mask="auto")
    return width + style.LOGO_GAP


@lru_cache(maxsize=4)
def _image(data: bytes) -> ImageReader | None:
    """The logo decoded once per batch (ReportLab embeds it once per file by its digest)."""
    try:
        image = ImageReader(io.BytesIO(data))
        image.getSize()
        return image
    except Exception:  # noqa: BLE001 - any decoding failure: the letter prints without a logo
        return None


def window(page: Page, sender_line: str, recipient: Sequence[str]) -> None:
    """The envelope's window: the return line (where the layout has a return zone) over the
    recipient's postal lines, set closer rather than dropped when there are too many."""
    layout = page.layout
    address = layout.address
    x = address.x + layout.address_indent
    width = address.width - layout.address_indent
    if layout.return_zone > 0:
        y = address.y + layout.return_zone - 2.0
        page.text(x, y, sender_line, size=6.5, grey=style.MUTED, width=width)
        shown = fit(sender_line, REGULAR, 6.5, width * mm)
        page.rule(x, y + 0.9, x + min(width, text_width(shown, REGULAR, 6.5) / mm),
                  grey=style.MUTED, width=0.3)
    top = address.y + layout.return_zone + 4.5
    room = address.y + address.height - top - 1.0
    lines = recipient
    leading = min(style.ADDRESS_LINE, room / max(1, len(lines) - 1)) if len(lines) > 1 else 0.0
    for i, line in enumerate(lines):
        page.text(x, top + i * leading, line, size=style.TEXT_SIZE + 0.5, width=width)


def info(page: Page, rows: Sequence[tuple[str, str]]) -> None:
    """The information block beside the window: each label small and grey over its value."""
    box = page.layout.info
    for i, (label, value) in enumerate(rows):
        y = box.y + 3.0 + i * 8.4
        page.text(box.x, y, label, size=style.DETAIL_SIZE, grey=style.MUTED, width=box.width)
        page.text(box.x, y + 4.0, value, width=box.width)


def marks(page: Page) -> None:
    """The layout's fold marks and punch mark in the left margin."""
    layout = page.layout
    for y in layout.fold_marks:
        page.rule(4.0, y, 8.0, grey=0.55, width=0.3)
    if layout.punch_mark is not None:
        page.rule(4.0, layout.punch_mark, 10.0, grey=0.55, width=0.3)


def footer(page: Page, text: str, page_label: str) -> None:
    """The rule, `text` (who wrote the page) at the left and `page_label` ("Page 1 of 2") at
    the right, at the foot of a page."""
    layout = page.layout
    y = layout.page_height - layout.margin_bottom + 4.0
    page.rule(layout.margin_left, y - 3.8, layout.page_width - layout.margin_right, width=0.3)
    page.text(layout.margin_left, y, text, size=style.DETAIL_SIZE, grey=style.MUTED,
              width=layout.text_width * 0.75)
    page.text(layout.page_width - layout.margin_right, y, page_label, size=style.DETAIL_SIZE,
              grey=style.MUTED, align="right")


def sender_and_contact(coop_name: str, contact: str) -> str:
    """A letter's footer text: the co-op and its contacts, as far as it has them."""
    return " · ".join(part for part in (coop_name, contact) if part)
