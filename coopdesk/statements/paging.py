"""Which table rows go on which page of a statement (pure arithmetic on the layout).

Rows have one fixed height, so the plan is known before anything is drawn, and each page can
say "page 1 of 3". The first page holds the letterhead, address, summary and as many rows as
fit above the footer (or above the remittance slip); the following pages hold rows from under
a one-line heading. Sections that later features add (risk funds, patronage) follow the rows,
on a page of their own if they do not fit under the last.
"""

from __future__ import annotations

from dataclasses import dataclass

from coopdesk.statements import style
from coopdesk.statements.layout import Layout


@dataclass(frozen=True, slots=True)
class PagePlan:
    """`rows[i]` is the (start, end) slice of table rows on page i; `sections_page` the page
    the sections start on (None when there are none)."""

    rows: tuple[tuple[int, int], ...]
    sections_page: int | None

    @property
    def pages(self) -> int:
        return len(self.rows)


def first_table_top(layout: Layout, notes: int) -> float:
    """Where the table's header starts on page 1 (mm from the top)."""
    return (layout.body_top + style.HEADING_GAP + style.INTRO_GAP
            + style.SUMMARY_ROWS * style.LINE + style.SUMMARY_GAP
            + notes * style.NOTE_LINE + style.TABLE_GAP)


def continued_table_top(layout: Layout) -> float:
    return layout.continued_top + style.HEADING_GAP


def content_bottom(layout: Layout, first_page_with_slip: bool) -> float:
    if first_page_with_slip:
        return layout.slip_top - style.SLIP_CLEARANCE
    return layout.page_height - layout.margin_bottom - style.FOOTER


def plan_pages(layout: Layout, rows: int, notes: int, *, slip: bool,
               section_rows: tuple[int, ...] = ()) -> PagePlan:
    """The page plan for a table of `rows` rows under `notes` lines of notes, with sections
    of `section_rows` rows each after it."""
    first = _fits(first_table_top(layout, notes), content_bottom(layout, slip))
    later = _fits(continued_table_top(layout), content_bottom(layout, False))
    pages = [(0, min(rows, first))]
    while pages[-1][1] < rows:
        start = pages[-1][1]
        pages.append((start, min(rows, start + later)))
    if not section_rows:
        return PagePlan(tuple(pages), None)
    needed = sum(style.SECTION_GAP + style.SECTION_TITLE + n * style.ROW for n in section_rows)
    last = len(pages) - 1
    top = first_table_top(layout, notes) if last == 0 else continued_table_top(layout)
    used = top + style.TABLE_HEADER + (pages[-1][1] - pages[-1][0]) * style.ROW
    if used + needed <= content_bottom(layout, slip and last == 0):
        return PagePlan(tuple(pages), last)
    pages.append((rows, rows))
    return PagePlan(tuple(pages), last + 1)


def _fits(top: float, bottom: float) -> int:
    return max(1, int((bottom - top - style.TABLE_HEADER) // style.ROW))
