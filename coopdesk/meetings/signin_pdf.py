"""The sign-in sheet as a PDF: the eligible voters sorted by name, a line for each to sign.

Each row has the member's number and name, a ruled signature line tall enough to sign on, and
a "Proxy for / held by" column to write in; blank rows follow the list for corrections made at
the door (a member the roll missed, checked against it). The meeting's title and date are in
every page's head, and the table's header is repeated on each page.
"""

from __future__ import annotations

from typing import BinaryIO

from coopdesk.meetings import pack_labels as labels
from coopdesk.meetings.pack_pages import (
    Block,
    Column,
    Head,
    PackSetup,
    by_name,
    content_bottom,
    header_block,
    heading,
    paragraph,
    plan,
    space,
    write_document,
)
from coopdesk.meetings.queries import MeetingState
from coopdesk.statements import style
from coopdesk.statements.page import Page

COLUMNS = (Column(0.09), Column(0.33), Column(0.34), Column(0.24))
#: A row's height (mm): room for a signature above its line.
ROW = 11.0
BLANK_ROWS = 4


def signin_title(setup: PackSetup, state: MeetingState) -> str:
    words = setup.words
    return f"{words.t(labels.SIGNIN_TITLE)}: {words.meeting_line(state.meeting)}"


def signin_blocks(setup: PackSetup, state: MeetingState, *, blank_rows: int = BLANK_ROWS) -> list[Block]:
    words, t = setup.words, setup.words.t
    width = setup.layout.text_width
    titles = (t(labels.COLUMN_NUMBER), t(labels.COLUMN_NAME), t(labels.COLUMN_SIGNATURE),
              t(labels.COLUMN_PROXY))
    header = header_block(COLUMNS, titles)
    blocks: list[Block] = []
    if state.meeting.proxies_allowed:
        blocks.append(paragraph(t(labels.SIGNIN_INTRO), width, grey=style.MUTED,
                                size=style.DETAIL_SIZE + 0.5, after=3.0))
    blocks.append(header)
    blocks += [_row(row.number, row.sort_name, header, proxies=state.meeting.proxies_allowed)
               for row in by_name(state.eligible)]
    if blank_rows:
        blocks.append(space(3.0))
        blocks.append(heading(t(labels.SIGNIN_BLANK), size=style.TEXT_SIZE + 1, gap=3.0))
        blank_header = header_block(COLUMNS, titles)
        blocks.append(blank_header)
        blocks += [_row("", "", blank_header, proxies=state.meeting.proxies_allowed, blank=True)
                   for _ in range(blank_rows)]
    return blocks


def _row(number: str, name: str, header: Block, *, proxies: bool, blank: bool = False) -> Block:
    def draw(page: Page, top: float) -> None:
        layout = page.layout
        left, width = layout.margin_left, layout.text_width
        baseline = top + ROW - 2.6
        x = left
        edges = []
        for column in COLUMNS:
            edges.append(x)
            x += width * column.share
        edges.append(left + width)
        page.text(edges[0] + 1.5, baseline, number, size=style.TEXT_SIZE, width=edges[1] - edges[0] - 3)
        page.text(edges[1] + 1.5, baseline, name, size=style.TEXT_SIZE, width=edges[2] - edges[1] - 3)
        if blank:  # a line to write the number and the name on
            page.rule(edges[0] + 1.5, top + ROW - 1.6, edges[1] - 2.0, grey=0.55, width=0.4)
            page.rule(edges[1] + 1.5, top + ROW - 1.6, edges[2] - 3.0, grey=0.55, width=0.4)
        page.rule(edges[2] + 1.5, top + ROW - 1.6, edges[3] - 3.0, grey=0.25, width=0.5)
        if proxies:
            page.rule(edges[3] + 1.5, top + ROW - 1.6, edges[4] - 1.5, grey=0.55, width=0.4)
        page.rule(left, top + ROW, left + width, grey=0.88, width=0.3)

    return Block(ROW, draw, repeat=header)


def signin_pdf(out: BinaryIO, setup: PackSetup, state: MeetingState, *,
               blank_rows: int = BLANK_ROWS, invariant: bool = False) -> int:
    """Draw the sign-in sheet to `out`; return its pages."""
    words = setup.words
    head = Head(setup.coop_name, words.t(labels.SIGNIN_TITLE), words.meeting_line(state.meeting))
    return write_document(out, setup.layout, words, head, signin_title(setup, state),
                          signin_blocks(setup, state, blank_rows=filled_blank_rows(
                              setup, state, blank_rows)), invariant=invariant)


def filled_blank_rows(setup: PackSetup, state: MeetingState, blank_rows: int) -> int:
    """At least `blank_rows`, and as many more as fill the last page: the blank rows fill the
    page the list ends on when they are enough there, else they go on and fill the next one
    (a few blank rows never spill onto a page of their own)."""
    if not blank_rows:
        return 0

    def filling(rows: int) -> int:
        last, top = plan(signin_blocks(setup, state, blank_rows=rows), setup.layout)[-1][-1]
        return rows + max(0, int((content_bottom(setup.layout) - (top + last.height)) // ROW))

    few = filling(min(blank_rows, 3))  # the page the list ends on, filled
    return few if few >= blank_rows else filling(blank_rows)
