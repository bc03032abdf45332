"""The voter roll as a PDF: who may vote at a meeting, and who may not and why.

First the meeting (its title and date in every page's head; the date, record date, quorum rule
and proxy rule in words under the first), then the members who may vote (number, name, class),
sorted by name, with their count; then the members who may not vote, each with the reason in
the book's language ("left on 25 Mar 2026", "in arrears (3 months)"), and their count. A table
that runs on to another page repeats its header there; every page says "Page X of Y".
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
    header_block,
    heading,
    meeting_facts,
    paragraph,
    row_block,
    space,
    write_document,
)
from coopdesk.meetings.queries import MeetingState
from coopdesk.statements import style
from coopdesk.statements.fonts import BOLD
from coopdesk.statements.page import Page

ELIGIBLE_COLUMNS = (Column(0.12), Column(0.55), Column(0.33))
EXCLUDED_COLUMNS = (Column(0.10), Column(0.36), Column(0.18), Column(0.36))


def voter_roll_title(setup: PackSetup, state: MeetingState) -> str:
    words = setup.words
    return f"{words.t(labels.ROLL_TITLE)}: {words.meeting_line(state.meeting)}"


def voter_roll_blocks(setup: PackSetup, state: MeetingState) -> list[Block]:
    words, t = setup.words, setup.words.t
    width = setup.layout.text_width
    blocks: list[Block] = [meeting_facts(words, state.meeting, width),
                           paragraph(t(labels.ROLL_INTRO), width, grey=style.MUTED, after=1.0),
                           heading(t(labels.ROLL_ELIGIBLE))]
    eligible = by_name(state.eligible)
    if eligible:
        header = header_block(ELIGIBLE_COLUMNS, (t(labels.COLUMN_NUMBER), t(labels.COLUMN_NAME),
                                                 t(labels.COLUMN_CLASS)))
        blocks.append(header)
        blocks += [row_block(ELIGIBLE_COLUMNS, (row.number, row.sort_name, words.member_class(row)),
                             header=header, shade=bool(i % 2)) for i, row in enumerate(eligible)]
    else:
        blocks.append(paragraph(t(labels.ROLL_NONE), width))
    blocks.append(_count(setup, t(labels.ROLL_COUNT).format(count=words.number(len(eligible)))))
    excluded = by_name(state.excluded)
    if excluded:
        blocks.append(space(4.0))
        blocks.append(heading(t(labels.ROLL_EXCLUDED)))
        header = header_block(EXCLUDED_COLUMNS, (t(labels.COLUMN_NUMBER), t(labels.COLUMN_NAME),
                                                 t(labels.COLUMN_CLASS), t(labels.COLUMN_REASON)))
        blocks.append(header)
        blocks += [row_block(EXCLUDED_COLUMNS, (row.number, row.sort_name, words.member_class(row),
                                                words.reason(row)),
                             header=header, shade=bool(i % 2)) for i, row in enumerate(excluded)]
        blocks.append(_count(setup, t(labels.ROLL_EXCLUDED_COUNT).format(
            count=words.number(len(excluded)))))
    return blocks


def _count(setup: PackSetup, text: str) -> Block:
    def draw(page: Page, top: float) -> None:
        layout = page.layout
        page.rule(layout.margin_left, top, layout.margin_left + layout.text_width, width=0.5,
                  grey=0.5)
        page.text(layout.margin_left + 1.5, top + style.ROW - 0.8, text, font=BOLD,
                  size=style.TABLE_SIZE)

    return Block(style.ROW + 2.0, draw)


def voter_roll_pdf(out: BinaryIO, setup: PackSetup, state: MeetingState, *,
                   invariant: bool = False) -> int:
    """Draw the voter roll to `out`; return its pages."""
    words = setup.words
    head = Head(setup.coop_name, words.t(labels.ROLL_TITLE), words.meeting_line(state.meeting))
    return write_document(out, setup.layout, words, head, voter_roll_title(setup, state),
                          voter_roll_blocks(setup, state), invariant=invariant)
