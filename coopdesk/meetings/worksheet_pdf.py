"""The quorum worksheet as a PDF: one page to fill in at the door.

The eligible voters and the quorum they need (with the bylaws' rule in words), then boxes for
the secretary: members present in person, represented by proxy, the total, whether the quorum
is reached, the time, and a line to sign. When attendance was already recorded in coopdesk,
its figures are printed beside the boxes ("As recorded at 19:05"), so the sheet printed at
the door's opening checks against the app.
"""

from __future__ import annotations

import datetime as dt
from typing import BinaryIO

import babel.dates
from reportlab.lib.units import mm  # type: ignore[import-untyped]

from coopdesk.meetings import pack_labels as labels
from coopdesk.meetings.pack_pages import (
    Block,
    Head,
    PackSetup,
    PackWords,
    heading,
    meeting_facts,
    outline,
    paragraph,
    space,
    write_document,
)
from coopdesk.meetings.queries import MeetingState
from coopdesk.statements import style
from coopdesk.statements.fonts import BOLD, REGULAR
from coopdesk.statements.page import Page, wrap

#: The answer boxes: width and height (mm).
BOX_WIDTH = 38.0
BOX_HEIGHT = 11.0


def worksheet_title(setup: PackSetup, state: MeetingState) -> str:
    words = setup.words
    return f"{words.t(labels.WORKSHEET_TITLE)}: {words.meeting_line(state.meeting)}"


def recorded_time(state: MeetingState, words: PackWords) -> str | None:
    """When the last attendance was recorded, in local time as the locale writes it (None:
    nothing recorded)."""
    if not state.attendance:
        return None
    last = max(dt.datetime.fromisoformat(row.recorded_at) for row in state.attendance)
    local = last.astimezone() if last.tzinfo is not None else last
    time = babel.dates.format_time(local, "short", locale=words.locale)
    return f"{words.short_date(local.date())}, {time}"


def worksheet_blocks(setup: PackSetup, state: MeetingState) -> list[Block]:
    words, t = setup.words, setup.words.t
    width = setup.layout.text_width
    sheet = state.worksheet
    blocks: list[Block] = [meeting_facts(words, state.meeting, width), space(3.0),
                           _figures(words, sheet.eligible, sheet.needed),
                           paragraph(t(labels.QUORUM_NEEDED_RULE).format(
                               rule=words.quorum_rule(state.meeting.quorum)), width, after=0.5),
                           space(3.0),
                           heading(t(labels.AT_THE_DOOR)),
                           paragraph(t(labels.AT_THE_DOOR_NOTE), width, grey=style.MUTED, after=3.0)]
    when = recorded_time(state, words)
    recorded: list[str | None] = ([words.number(sheet.present), words.number(sheet.by_proxy), words.number(sheet.total),
                 t(labels.YES) if sheet.reached else t(labels.NO)] if when else [None] * 4)
    blocks.append(_answers(words, when, recorded))
    if when:
        note = (t(labels.RECORDED_REACHED) if sheet.reached
                else t(labels.RECORDED_MISSING).format(count=words.number(sheet.still_needed)))
        blocks.append(paragraph(f"{t(labels.RECORDED_NOTE)} {note}", width, grey=style.MUTED,
                                size=style.DETAIL_SIZE + 0.5))
    return blocks


def _figures(words: PackWords, eligible: int, needed: int) -> Block:
    """The two numbers the meeting turns on, large, in tinted boxes."""
    t = words.t
    height = 22.0

    def draw(page: Page, top: float) -> None:
        layout = page.layout
        half = (layout.text_width - 6.0) / 2
        for i, (label, value) in enumerate(((t(labels.ELIGIBLE_VOTERS), eligible),
                                            (t(labels.QUORUM_NEEDED), needed))):
            x = layout.margin_left + i * (half + 6.0)
            page.box(x, top, half, height - 4.0, style.DUE_BACKGROUND)
            page.text(x + 4.0, top + 6.5, label, font=BOLD, grey=style.ACCENT, width=half - 8.0)
            page.text(x + half - 4.0, top + 14.0, words.number(value), font=BOLD, size=20.0,
                      grey=style.ACCENT, align="right")
            if i:
                page.text(x + 4.0, top + 11.0, t(labels.QUORUM_PRESENT), size=style.DETAIL_SIZE,
                          grey=style.MUTED, width=half - 30.0)

    return Block(height, draw)


def _answers(words: PackWords, when: str | None, recorded: list[str | None]) -> Block:
    """The boxes to fill in, and beside them what coopdesk recorded, if anything."""
    t = words.t
    rows = [t(labels.PRESENT), t(labels.BY_PROXY), t(labels.TOTAL), t(labels.REACHED),
            t(labels.TIME)]
    step = BOX_HEIGHT + 5.0
    height = 8.0 + len(rows) * step + 24.0

    def draw(page: Page, top: float) -> None:
        layout = page.layout
        left = layout.margin_left
        box_x = left + layout.text_width * 0.48
        seen_x = box_x + BOX_WIDTH + 12.0
        if when:
            room = (left + layout.text_width - seen_x) * mm
            lines = wrap(t(labels.RECORDED).format(time=when), BOLD, style.DETAIL_SIZE, room, 2)
            for n, line in enumerate(lines):
                page.text(seen_x, top + 3.0 + (n + 1 - len(lines)) * 3.3, line, font=BOLD,
                          size=style.DETAIL_SIZE, grey=style.MUTED)
        for i, label in enumerate(rows):
            y = top + 8.0 + i * step
            page.text(left, y + BOX_HEIGHT / 2 + 1.3, label, font=BOLD if i == 2 else REGULAR,
                      size=style.TEXT_SIZE + 1, width=box_x - left - 4.0)
            if i == 3:  # yes or no: two squares to tick
                for j, answer in enumerate((t(labels.YES), t(labels.NO))):
                    x = box_x + j * (BOX_WIDTH / 2 + 2.0)
                    outline(page, x, y + 2.5, 6.0, 6.0)
                    page.text(x + 8.0, y + 7.3, answer, size=style.TEXT_SIZE + 1)
            else:
                outline(page, box_x, y, BOX_WIDTH, BOX_HEIGHT, line=0.9 if i == 2 else 0.5)
            if i < len(recorded) and recorded[i] is not None:
                page.text(seen_x, y + BOX_HEIGHT / 2 + 1.6, recorded[i] or "", font=BOLD,
                          size=style.TEXT_SIZE + 2, grey=style.MUTED)
        y = top + 8.0 + len(rows) * step + 14.0
        page.rule(box_x, y, left + layout.text_width, grey=0.2, width=0.5)
        page.text(left, y, t(labels.SECRETARY), size=style.TEXT_SIZE + 1, width=box_x - left - 4.0)

    return Block(height, draw)


def worksheet_pdf(out: BinaryIO, setup: PackSetup, state: MeetingState, *,
                  invariant: bool = False) -> int:
    """Draw the quorum worksheet to `out`; return its pages."""
    words = setup.words
    head = Head(setup.coop_name, words.t(labels.WORKSHEET_TITLE), words.meeting_line(state.meeting))
    return write_document(out, setup.layout, words, head, worksheet_title(setup, state),
                          worksheet_blocks(setup, state), invariant=invariant)
