"""Drawing a written notice of allocation (`notice_wording.NoticeText`) on one page.

The notice is a letter like a statement: the same layouts (`statements.layout`: the member's
address in the envelope's window, fold marks), letterhead with the logo, window and footer
(`statements.letter`), typography (`statements.style`) and fonts, drawn through
`statements.page.Page` (millimetres from the top-left corner). Below the heading: what the
co-op allocated, the member's patronage pool by pool, their allocation split into cash and
retained (with its amount in a tinted box), their capital account before and after, and, for
a US co-op, whether the notice is qualified.
"""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from coopdesk.patronage.notice_wording import NoticeText
from coopdesk.statements import letter, style
from coopdesk.statements.fonts import BOLD, REGULAR, register_fonts
from coopdesk.statements.layout import Layout
from coopdesk.statements.page import Page, wrap

#: The patronage table's columns as fractions of the text width: pool, patronage, allocation.
COLUMNS = (0.56, 0.24, 0.20)


def draw_notice(canvas: Canvas, text: NoticeText, layout: Layout) -> int:
    """Draw `text` as the next page of `canvas` (ending it with showPage); return 1."""
    register_fonts()
    page = Page(canvas, layout)
    letter.letterhead(page, text.coop_name, text.letterhead, text.contact, text.logo)
    letter.window(page, text.sender_line, text.recipient)
    letter.info(page, text.info)
    letter.marks(page)
    y = _heading(page, text)
    y = _pools(page, text, y + 8.0)
    y = _allocation(page, text, y + 9.0)
    y = _capital(page, text, y + 9.0)
    _tax(page, text, y + 8.0)
    letter.footer(page, letter.sender_and_contact(text.coop_name, text.contact), text.page_of(1, 1))
    page.finish()
    canvas.showPage()
    return 1


def _heading(page: Page, text: NoticeText) -> float:
    """The heading, the allocation in a sentence and when it was posted; returns the last
    baseline."""
    layout = page.layout
    left, width = layout.margin_left, layout.text_width
    y = layout.body_top + 4.5
    page.text(left, y, text.heading, font=BOLD, size=style.HEADING_SIZE, width=width, shrink=True)
    y += style.HEADING_GAP
    for i, line in enumerate(wrap(text.intro, REGULAR, style.TEXT_SIZE, width * mm, 3)):
        page.text(left, y + i * style.LINE, line)
        last = y + i * style.LINE
    y = last + style.LINE
    page.text(left, y, text.posted, size=style.DETAIL_SIZE, grey=style.MUTED, width=width)
    return y


def _pools(page: Page, text: NoticeText, top: float) -> float:
    """The member's patronage pool by pool, in a small table; returns where it ends."""
    layout = page.layout
    left, width = layout.margin_left, layout.text_width
    page.text(left, top, text.pools_title, font=BOLD, size=style.TEXT_SIZE, width=width)
    edges = [left]
    for share in COLUMNS:
        edges.append(edges[-1] + width * share)
    y = top + 2.5
    page.box(left, y, width, style.TABLE_HEADER, style.SHADE)
    baseline = y + style.TABLE_HEADER - 2.0
    for i, title in enumerate(text.pool_columns):
        if i == 0:
            page.text(edges[0] + 1.5, baseline, title, font=BOLD, size=style.TABLE_SIZE,
                      width=edges[1] - edges[0] - 3.0)
        else:
            page.text(edges[i + 1] - 1.5, baseline, title, font=BOLD, size=style.TABLE_SIZE,
                      align="right", width=edges[i + 1] - edges[i] - 3.0, shrink=True)
    y += style.TABLE_HEADER
    for pool, quantity, amount in text.pools:
        baseline = y + style.ROW - 1.5
        page.text(edges[0] + 1.5, baseline, pool, size=style.TABLE_SIZE,
                  width=edges[1] - edges[0] - 3.0)
        page.text(edges[2] - 1.5, baseline, quantity, size=style.TABLE_SIZE, align="right",
                  width=edges[2] - edges[1] - 3.0)
        page.text(edges[3] - 1.5, baseline, amount, size=style.TABLE_SIZE, align="right",
                  width=edges[3] - edges[2] - 3.0)
        y += style.ROW
    page.rule(left, y, left + width, width=0.5)
    return y


def _allocation(page: Page, text: NoticeText, top: float) -> float:
    """The allocation, cash and retained at the left; the allocation in a tinted box at the
    right. Returns the last baseline."""
    layout = page.layout
    left, width = layout.margin_left, layout.text_width
    values_right = left + width * 0.56
    y = top
    for i, (label, value) in enumerate(text.allocation):
        line_y = y + i * style.LINE
        first = i == 0
        page.text(left, line_y, label, font=BOLD if first else REGULAR,
                  grey=style.INK if first else style.MUTED, width=width * 0.40)
        page.text(values_right, line_y, value, font=BOLD if first else REGULAR, align="right",
                  width=width * 0.16)
        if first:
            page.rule(left, line_y + 1.6, values_right, width=0.3)
    box_left = left + width * 0.62
    box_width = left + width - box_left
    box_top = y - 4.2
    box_height = 2 * style.LINE + 6.5
    page.box(box_left, box_top, box_width, box_height, style.DUE_BACKGROUND)
    label, value = text.allocation[0]
    page.text(box_left + 3.0, box_top + 4.5, label, size=style.DETAIL_SIZE, grey=style.MUTED,
              width=box_width - 6.0)
    page.text(box_left + 3.0, box_top + 11.0, value, font=BOLD, size=style.DUE_SIZE,
              grey=style.ACCENT, width=box_width - 6.0, shrink=True)
    y += (len(text.allocation) - 1) * style.LINE
    if text.allocation_note:
        for line in wrap(text.allocation_note, REGULAR, 8.0, width * mm, 2):
            y += style.NOTE_LINE
            page.text(left, y + 1.0, line, size=8.0, grey=style.MUTED)
        y += 1.0
    return max(y, box_top + box_height - 2.0)


def _capital(page: Page, text: NoticeText, top: float) -> float:
    """The capital account: before, credited, redeemed, the balance after. Returns the last
    baseline."""
    layout = page.layout
    left, width = layout.margin_left, layout.text_width
    values_right = left + width * 0.56
    page.text(left, top, text.capital_title, font=BOLD, size=style.TEXT_SIZE, width=width)
    y = top + 2.0
    for i, (label, value) in enumerate(text.capital):
        y += style.LINE + (1.0 if i == 0 else 0.0)
        last = i == len(text.capital) - 1
        if last:
            page.rule(left, y - 3.3, values_right, width=0.3)
        page.text(left, y, label, font=BOLD if last else REGULAR,
                  grey=style.INK if last else style.MUTED, width=width * 0.40)
        page.text(values_right, y, value, font=BOLD if last else REGULAR, align="right",
                  width=width * 0.16)
    return y


def _tax(page: Page, text: NoticeText, top: float) -> None:
    """The tax paragraph, in a shaded box across the text width."""
    if not text.tax:
        return
    layout = page.layout
    left, width = layout.margin_left, layout.text_width
    lines = [line for paragraph in text.tax
             for line in wrap(paragraph, REGULAR, style.DETAIL_SIZE + 0.5, (width - 8.0) * mm, 3)]
    height = 4.0 + len(lines) * 3.7
    page.box(left, top, width, height, style.SHADE)
    for i, line in enumerate(lines):
        page.text(left + 4.0, top + 5.2 + i * 3.7, line, size=style.DETAIL_SIZE + 0.5)
