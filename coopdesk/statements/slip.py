"""The tear-off remittance slip at the foot of a statement's first page.

Below a dashed cut line at the layout's last fold (so a tri-folded letter tears along the
crease): the member's number and name, the amount due and by when, a line to write the amount
enclosed, the reference to quote on a bank transfer, and to whom to send it.
"""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped]

from coopdesk.statements import style
from coopdesk.statements.fonts import BOLD, REGULAR
from coopdesk.statements.page import Page, wrap
from coopdesk.statements.wording import SlipText

SCISSORS = "\u2702"


def draw_slip(page: Page, slip: SlipText) -> None:
    """Draw the slip on the bottom of `page` from the layout's `slip_top`."""
    layout = page.layout
    top = layout.slip_top
    page.rule(6.0, top, layout.page_width - 6.0, grey=0.5, width=0.5, dash=(3, 2))
    page.box(9.0, top - 2.5, 5.5, 5.0, 1.0)  # a gap in the line for the scissors
    page.text(9.5, top + 1.3, SCISSORS, size=9.0, grey=0.35)
    page.text(layout.page_width / 2, top + 4.5, slip.cut_note, size=style.SMALL_SIZE,
              grey=style.MUTED, align="center", width=layout.text_width)
    left = layout.margin_left
    right_column = left + layout.text_width * 0.6
    left_width = right_column - left - 6.0
    y = top + 14.0
    page.text(left, y, slip.title, font=BOLD, size=style.HEADING_SIZE - 1.5, width=left_width)
    y += 8.0
    for label, value in (slip.member, slip.amount_due):
        page.text(left, y, label, size=style.DETAIL_SIZE, grey=style.MUTED, width=left_width)
        bold = (label, value) == slip.amount_due
        page.text(left + 36.0, y, value, font=BOLD if bold else REGULAR,
                  size=style.TEXT_SIZE + (1.5 if bold else 0.0), width=left_width - 36.0)
        y += 6.0
    for i, line in enumerate(wrap(slip.pay_by, REGULAR, style.DETAIL_SIZE, (left_width - 36.0) * mm, 2)):
        page.text(left + 36.0, y - 1.0 + i * 3.1, line, size=style.DETAIL_SIZE)
    y += 9.0
    page.text(left, y, slip.enclosed, size=style.DETAIL_SIZE, grey=style.MUTED, width=36.0)
    page.rule(left + 36.0, y + 0.8, right_column - 8.0, grey=0.35, width=0.5)
    y += 8.0
    page.text(left, y, slip.reference, size=style.DETAIL_SIZE, width=left_width)
    label, lines = slip.pay_to
    x = right_column
    width = layout.margin_left + layout.text_width - x
    page.text(x, top + 22.0, label, size=style.DETAIL_SIZE, grey=style.MUTED, width=width)
    for i, line in enumerate(lines):
        page.text(x, top + 27.0 + i * style.ADDRESS_LINE, line, font=BOLD if i == 0 else REGULAR,
                  width=width)
