"""Drawing one statement's text onto a ReportLab canvas, page by page.

Nothing is decided here but where strings go: the words and figures come worded
(`wording.StatementText`), the places from the layout (`layout.Layout`, in mm from the top
left, turned into ReportLab's points from the bottom left by `page.Page`), the page breaks from
`paging.plan_pages`. A description too long for its column is cut with an ellipsis; address
lines too many for the window are set closer rather than dropped.
"""

from __future__ import annotations

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]

from coopdesk.statements import letter, style
from coopdesk.statements.fonts import BOLD, REGULAR, register_fonts
from coopdesk.statements.layout import Layout
from coopdesk.statements.page import Page, text_width, wrap
from coopdesk.statements.paging import continued_table_top, first_table_top, plan_pages
from coopdesk.statements.slip import draw_slip
from coopdesk.statements.wording import RowStyle, StatementText, TableRow


def draw_statement(canvas: Canvas, text: StatementText, layout: Layout, *, slip: bool = False) -> int:
    """Draw `text` as the next pages of `canvas` (ending each with showPage); return how many."""
    register_fonts()
    plan = plan_pages(layout, len(text.rows), len(text.notes), slip=slip,
                      section_rows=tuple(len(rows) for _, rows in text.sections))
    for index, (start, end) in enumerate(plan.rows):
        page = Page(canvas, layout)
        if index == 0:
            letter.letterhead(page, text.coop_name, text.letterhead, text.contact, text.logo)
            letter.window(page, text.sender_line, text.recipient)
            letter.info(page, text.info)
            _summary(page, text)
            letter.marks(page)
            top = first_table_top(layout, len(text.notes))
        else:
            _continued(page, text)
            top = continued_table_top(layout)
        bottom = _table(page, text, top, text.rows[start:end]) if end > start else top
        if plan.sections_page == index:
            _sections(page, text, bottom)
        number = text.page_of(index + 1, plan.pages)
        if slip and index == 0:
            draw_slip(page, text.slip)
            page.text(layout.page_width - layout.margin_right, layout.slip_top - 2.2, number,
                      size=style.SMALL_SIZE, grey=style.MUTED, align="right")
        else:
            letter.footer(page, letter.sender_and_contact(text.coop_name, text.contact), number)
        page.finish()
        canvas.showPage()
    return plan.pages


def _summary(page: Page, text: StatementText) -> None:
    layout = page.layout
    left = layout.margin_left
    y = layout.body_top + 4.5
    page.text(left, y, text.heading, font=BOLD, size=style.HEADING_SIZE, width=layout.text_width)
    y += style.HEADING_GAP
    page.text(left, y, text.intro, width=layout.text_width)
    y += style.INTRO_GAP
    values_right = left + layout.text_width * 0.56
    for i, (label, value) in enumerate(text.summary):
        line_y = y + i * style.LINE
        closing = i == len(text.summary) - 1
        if closing:
            page.rule(left, line_y - 3.3, values_right, width=0.3)
        page.text(left, line_y, label, font=BOLD if closing else REGULAR,
                  grey=style.INK if closing else style.MUTED, width=layout.text_width * 0.40)
        page.text(values_right, line_y, value, font=BOLD if closing else REGULAR, align="right",
                  width=layout.text_width * 0.16)
    label, value = text.standing
    line_y = y + len(text.summary) * style.LINE + 1.0
    page.text(left, line_y, label, grey=style.MUTED, width=layout.text_width * 0.20)
    shift = min(text_width(label, REGULAR, style.TEXT_SIZE) / mm + 3.0, layout.text_width * 0.21)
    page.text(left + shift, line_y, value, font=BOLD, size=style.TABLE_SIZE,
              width=layout.text_width - shift)  # below the amount-due box: the full width
    # The amount due, in a tinted box at the right of the summary.
    box_left = left + layout.text_width * 0.62
    box_width = layout.margin_left + layout.text_width - box_left
    box_top = y - 4.2
    box_height = (style.SUMMARY_ROWS - 1) * style.LINE + 3.7  # ends above the standing line
    page.box(box_left, box_top, box_width, box_height, style.DUE_BACKGROUND)
    page.text(box_left + 3.0, box_top + 4.5, text.amount_due[0], size=style.DETAIL_SIZE, grey=style.MUTED,
              width=box_width - 6.0)
    page.text(box_left + 3.0, box_top + 11.0, text.amount_due[1], font=BOLD, size=style.DUE_SIZE,
              grey=style.ACCENT, width=box_width - 6.0)
    for i, line in enumerate(wrap(text.due_note, REGULAR, style.DETAIL_SIZE, (box_width - 6.0) * mm, 2)):
        page.text(box_left + 3.0, box_top + 15.6 + i * 3.1, line, size=style.DETAIL_SIZE)
    y += style.SUMMARY_ROWS * style.LINE + style.SUMMARY_GAP
    for i, note in enumerate(text.notes):
        page.text(left, y + i * style.NOTE_LINE, note, size=8.0, grey=style.MUTED,
                  width=layout.text_width)


def _table(page: Page, text: StatementText, top: float, rows: tuple[TableRow, ...]) -> float:
    """The table's header and `rows` from `top`; returns where the table ends."""
    layout = page.layout
    left, width = layout.margin_left, layout.text_width
    edges = [left]
    for share in style.COLUMNS:
        edges.append(edges[-1] + width * share)
    page.box(left, top, width, style.TABLE_HEADER, style.SHADE)
    baseline = top + style.TABLE_HEADER - 2.0
    for i, title in enumerate(text.columns):
        if i < 2:
            page.text(edges[i] + 1.5, baseline, title, font=BOLD, size=style.TABLE_SIZE,
                      width=edges[i + 1] - edges[i] - 2.0, shrink=True)
        else:
            page.text(edges[i + 1] - 1.5, baseline, title, font=BOLD, size=style.TABLE_SIZE,
                      align="right", width=edges[i + 1] - edges[i] - 2.0, shrink=True)
    y = top + style.TABLE_HEADER
    for i, row in enumerate(rows):
        if i % 2 == 1:
            page.box(left, y, width, style.ROW, 0.975)
        baseline = y + style.ROW - 1.5
        bold = row.style is RowStyle.TOTAL
        font = BOLD if bold else REGULAR
        grey = style.MUTED if row.style is RowStyle.INFO else style.INK
        page.text(edges[0] + 1.5, baseline, row.date, size=style.TABLE_SIZE, grey=grey,
                  width=edges[1] - edges[0] - 2.0)
        info = row.style is RowStyle.INFO  # no amounts: the words may run across their columns
        page.text(edges[1] + 1.5, baseline, row.description, font=font, size=style.TABLE_SIZE,
                  grey=grey, width=(edges[5] if info else edges[2]) - edges[1] - 3.0)
        for column, value in ((2, row.charge), (3, row.credit), (4, row.balance)):
            page.text(edges[column + 1] - 1.5, baseline, value, font=font, size=style.TABLE_SIZE,
                      grey=grey, align="right", width=edges[column + 1] - edges[column] - 2.0)
        y += style.ROW
    page.rule(left, y, left + width, width=0.5)
    return y


def _sections(page: Page, text: StatementText, top: float) -> None:
    layout = page.layout
    left, width = layout.margin_left, layout.text_width
    y = top
    for title, rows in text.sections:
        y += style.SECTION_GAP + style.SECTION_TITLE
        page.text(left, y - 1.5, title, font=BOLD, size=style.TEXT_SIZE, width=width)
        for label, value in rows:
            y += style.ROW
            page.text(left + 1.5, y - 1.5, label, size=style.TABLE_SIZE, width=width * 0.7)
            page.text(left + width - 1.5, y - 1.5, value, size=style.TABLE_SIZE, align="right")


def _continued(page: Page, text: StatementText) -> None:
    layout = page.layout
    y = layout.continued_top
    page.text(layout.margin_left, y, text.coop_name, font=BOLD, size=style.TEXT_SIZE, grey=style.ACCENT,
              width=layout.text_width * 0.4)
    page.text(layout.page_width - layout.margin_right, y, text.continued, size=style.DETAIL_SIZE,
              grey=style.MUTED, align="right", width=layout.text_width * 0.58)
