"""What the meeting pack's documents share: their words, their paper, and pages made of blocks.

Each document (`voter_roll_pdf`, `signin_pdf`, `worksheet_pdf`, `annual_report_pdf`) is a list
of `Block`s: something of a known height (mm) that draws itself at a given top. `plan` flows
the blocks down the pages, never splitting one, keeping a heading with what follows it, and
starting a table's continuation on a new page under its repeated header; `write_document` then
draws each page inside the same frame: the co-op and the document's heading with the meeting
at the top, "Page X of Y" at the foot.

Words: `PackWords` holds the book's catalog (`i18n.translations(locale)`) and a `Formatter`
for its locale, and says the quorum rule and why a member may not vote in that language.
Paper: `pack_layout` is A4 or US Letter as statements choose for the book's locale, portrait,
with even margins. Drawing goes through `statements.page.Page` (millimetres from the top-left
corner) on a canvas whose metadata is the document's title and the co-op's name only.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import BinaryIO

from reportlab.lib.units import mm  # type: ignore[import-untyped]

from coopdesk.formatting import Formatter
from coopdesk.i18n import translations
from coopdesk.meetings import pack_labels as labels
from coopdesk.meetings.eligibility import VoterRow
from coopdesk.meetings.queries import MeetingRow
from coopdesk.meetings.quorum import Combine, QuorumRule
from coopdesk.money import Money
from coopdesk.statements import labels as statement_labels
from coopdesk.statements import letter, style
from coopdesk.statements.choices import default_paper
from coopdesk.statements.document import PrintOptions, new_canvas
from coopdesk.statements.fonts import BOLD, REGULAR, register_fonts
from coopdesk.statements.layout import PRESETS, Layout
from coopdesk.statements.page import Page, text_width, wrap

#: The page's frame, in mm: the head's first baseline below the top margin, the rule under the
#: head, and where the content starts.
TOP = 14.0
HEAD_RULE = 17.5
CONTENT_GAP = 6.0


class PackWords:
    """The pack's words and figures in the book's language."""

    def __init__(self, locale: str, today: dt.date) -> None:
        register_fonts()  # the layout measures text before a canvas is made
        catalog = translations(locale)
        self.locale = locale
        self.write = Formatter(locale)
        self.t: Callable[[str], str] = catalog.gettext
        self.ngettext: Callable[[str, str, int], str] = catalog.ngettext
        self.today = today

    def money(self, amount: Money) -> str:
        return self.write.money(amount)

    def number(self, value: int | Decimal) -> str:
        return self.write.number(value)

    def date(self, day: dt.date) -> str:
        return self.write.date(day, "long")

    def short_date(self, day: dt.date) -> str:
        return self.write.date(day, "medium")

    def percent(self, percent: Decimal) -> str:
        """A percentage (60 for 60 %) with every decimal it has."""
        return self.write.percent(percent / 100, exact=True)

    def quorum_rule(self, rule: QuorumRule) -> str:
        t = self.t
        members = (labels.quorum_members(self.ngettext, rule.number)
                   if rule.number is not None else "")
        if rule.percent is None:
            return members
        percent = self.percent(rule.percent)
        if rule.number is None:
            return t(labels.QUORUM_PERCENT).format(percent=percent)
        message = labels.QUORUM_GREATER if rule.combine is Combine.GREATER else labels.QUORUM_LESSER
        return t(message).format(percent=percent, members=members)

    def proxies(self, meeting: MeetingRow) -> str:
        if not meeting.proxies_allowed:
            return self.t(labels.PROXIES_NOT_ALLOWED)
        if meeting.max_proxies is None:
            return self.t(labels.PROXIES_ALLOWED)
        return self.t(labels.PROXIES_MAXIMUM).format(count=meeting.max_proxies)

    def reason(self, row: VoterRow) -> str:
        """Why `row`'s member may not vote, in words ("" when they may)."""
        if row.reason is None:
            return ""
        if row.reason == "left" and row.left_on is not None:
            return self.t(labels.REASON_LEFT_ON).format(date=self.short_date(row.left_on))
        if row.reason == "in_arrears" and row.months_in_arrears:
            return labels.in_arrears_months(self.ngettext, row.months_in_arrears)
        message = labels.REASONS.get(row.reason)
        return self.t(message) if message else row.why

    def member_class(self, row: VoterRow) -> str:
        return row.class_name or self.t(labels.NO_CLASS)

    def meeting_line(self, meeting: MeetingRow) -> str:
        return self.t(labels.MEETING_ON).format(title=meeting.title,
                                                date=self.date(meeting.meeting_date))


def pack_layout(locale: str) -> Layout:
    """The book's paper (A4, or US Letter where the locale's country uses it), portrait, with
    even margins."""
    paper = PRESETS[default_paper(locale)]
    return replace(paper, margin_left=20.0, margin_right=20.0, margin_bottom=14.0)


# -- blocks and pages ----------------------------------------------------------------------

Draw = Callable[[Page, float], None]


@dataclass(frozen=True, slots=True)
class Block:
    """Something `height` mm tall that `draw(page, top)` draws.

    `repeat` (a table's header) is drawn first when the block opens a page; a block that
    `keeps` with the next one (a heading) moves to the next page with it.
    """

    height: float
    draw: Draw
    repeat: Block | None = None
    keeps: bool = False


@dataclass(frozen=True, slots=True)
class Head:
    """What every page's head says: the document's heading, and the meeting at the right."""

    coop_name: str
    heading: str
    detail: str


def content_top(layout: Layout) -> float:
    return TOP + HEAD_RULE + CONTENT_GAP


def content_bottom(layout: Layout) -> float:
    return layout.page_height - layout.margin_bottom - style.FOOTER


def plan(blocks: Sequence[Block], layout: Layout) -> list[list[tuple[Block, float]]]:
    """Each page's blocks with their tops."""
    top, bottom = content_top(layout), content_bottom(layout)
    pages: list[list[tuple[Block, float]]] = [[]]
    y = top
    for index, block in enumerate(blocks):
        needed = block.height
        if block.keeps:  # a heading and what follows it (and that one's own follower)
            following = index + 1
            while following < len(blocks):
                needed += blocks[following].height
                if not blocks[following].keeps:
                    break
                following += 1
        if y + needed > bottom and pages[-1]:
            pages.append([])
            y = top
            if block.repeat is not None:
                pages[-1].append((block.repeat, y))
                y += block.repeat.height
        pages[-1].append((block, y))
        y += block.height
    return pages


def write_document(out: BinaryIO, layout: Layout, words: PackWords, head: Head, title: str,
                   blocks: Sequence[Block], *, invariant: bool = False) -> int:
    """Draw `blocks` on pages of `layout` to `out`; return the number of pages."""
    canvas = new_canvas(out, PrintOptions(layout=layout, invariant=invariant), title=title,
                        coop_name=head.coop_name)
    pages = plan(blocks, layout)
    for number, placed in enumerate(pages, start=1):
        page = Page(canvas, layout)
        _frame(page, words, head, title, number, len(pages))
        for block, top in placed:
            block.draw(page, top)
        page.finish()
        canvas.showPage()
    canvas.save()
    return len(pages)


def _frame(page: Page, words: PackWords, head: Head, title: str, number: int, pages: int) -> None:
    layout = page.layout
    left, right = layout.margin_left, layout.page_width - layout.margin_right
    width = layout.text_width
    page.text(left, TOP, head.coop_name, font=BOLD, size=style.TEXT_SIZE + 1, grey=style.ACCENT,
              width=width * 0.55)
    page.text(right, TOP, words.t(labels.PRINTED_ON).format(date=words.date(words.today)),
              size=style.DETAIL_SIZE, grey=style.MUTED, align="right", width=width * 0.4)
    page.text(left, TOP + 8.0, head.heading, font=BOLD, size=style.HEADING_SIZE + 1,
              width=width * 0.5, shrink=True)
    page.text(right, TOP + 8.0, head.detail, font=BOLD, size=style.TEXT_SIZE, align="right",
              width=width * 0.48, shrink=True)
    page.rule(left, TOP + HEAD_RULE - 6.0, right, width=0.6, grey=0.45)
    letter.footer(page, f"{head.coop_name} \u00b7 {title}",
                  words.t(statement_labels.PAGE).format(page=number, pages=pages))


# -- blocks of text ------------------------------------------------------------------------

def space(height: float) -> Block:
    return Block(height, lambda page, top: None)


def heading(text: str, *, size: float = style.HEADING_SIZE, gap: float = 4.0) -> Block:
    """A section's title, kept with what follows."""
    height = gap + size * 0.3528 + 3.0

    def draw(page: Page, top: float) -> None:
        layout = page.layout
        page.text(layout.margin_left, top + gap + size * 0.3528, text, font=BOLD, size=size,
                  grey=style.ACCENT, width=layout.text_width)

    return Block(height, draw, keeps=True)


def paragraph(text: str, width: float, *, size: float = style.TEXT_SIZE, grey: float = style.INK,
              font: str = REGULAR, after: float = 2.0, indent: float = 0.0,
              keeps: bool = False) -> Block:
    """`text` wrapped to `width` mm."""
    lines = wrap(text, font, size, (width - indent) * 2.8346, 12)
    line = size * 0.3528 * 1.45

    def draw(page: Page, top: float) -> None:
        for i, words in enumerate(lines):
            page.text(page.layout.margin_left + indent, top + size * 0.3528 + i * line, words,
                      font=font, size=size, grey=grey)

    return Block(len(lines) * line + after, draw, keeps=keeps)


def pairs(rows: Sequence[tuple[str, str]], width: float, *, label_share: float = 0.62,
          bold_last: bool = False, indent: float = 0.0, rule_before_last: bool = False) -> Block:
    """Labels at the left, figures right-aligned at `label_share` + the rest of `width`."""
    line = style.ROW

    def draw(page: Page, top: float) -> None:
        left = page.layout.margin_left + indent
        right = left + width
        for i, (label, value) in enumerate(rows):
            last = i == len(rows) - 1
            bold = bold_last and last
            y = top + (i + 1) * line - 1.3
            if rule_before_last and last and i:
                page.rule(left, y - line + 1.6, right, width=0.4, grey=0.5)
            page.text(left, y, label, font=BOLD if bold else REGULAR, width=width * label_share)
            page.text(right, y, value, font=BOLD if bold else REGULAR, align="right",
                      width=width * (1 - label_share) - 2.0)

    return Block(len(rows) * line + 2.0, draw)


# -- tables --------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Column:
    share: float  # of the text width
    align: str = "left"  # or "right", "center"


def header_block(columns: Sequence[Column], titles: Sequence[str], *,
                 height: float = style.TABLE_HEADER) -> Block:
    def draw(page: Page, top: float) -> None:
        layout = page.layout
        page.box(layout.margin_left, top, layout.text_width, height, style.SHADE)
        _cells(page, columns, titles, top + height - 1.9, font=BOLD)

    return Block(height, draw, keeps=True)


def row_block(columns: Sequence[Column], values: Sequence[str], *, header: Block | None,
              height: float = style.ROW, shade: bool = False, font: str = REGULAR,
              rule: float | None = None, extra: Draw | None = None, keeps: bool = False) -> Block:
    """One table row; `rule` draws a line under it of that width, `extra` more on top."""
    def draw(page: Page, top: float) -> None:
        layout = page.layout
        if shade:
            page.box(layout.margin_left, top, layout.text_width, height, 0.972)
        _cells(page, columns, values, top + min(height, style.ROW) - 1.5, font=font)
        if rule is not None:
            page.rule(layout.margin_left, top + height, layout.margin_left + layout.text_width,
                      width=rule, grey=style.RULE)
        if extra is not None:
            extra(page, top)

    return Block(height, draw, repeat=header, keeps=keeps)


def _cells(page: Page, columns: Sequence[Column], values: Sequence[str], baseline: float, *,
           font: str = REGULAR) -> None:
    layout = page.layout
    x = layout.margin_left
    for column, value in zip(columns, values, strict=True):
        cell = layout.text_width * column.share
        if column.align == "right":
            page.text(x + cell - 1.5, baseline, value, font=font, size=style.TABLE_SIZE,
                      align="right", width=cell - 3.0)
        elif column.align == "center":
            page.text(x + cell / 2, baseline, value, font=font, size=style.TABLE_SIZE,
                      align="center", width=cell - 3.0)
        else:
            page.text(x + 1.5, baseline, value, font=font, size=style.TABLE_SIZE, width=cell - 3.0)
        x += cell


def meeting_facts(words: PackWords, meeting: MeetingRow, width: float) -> Block:
    """The meeting's date, record date, quorum rule and proxy rule, as label and value lines."""
    t = words.t
    rows = [(t(labels.MEETING_DATE), words.date(meeting.meeting_date)),
            (t(labels.RECORD_DATE), words.date(meeting.record_date)),
            (t(labels.QUORUM), words.quorum_rule(meeting.quorum)),
            (t(labels.PROXIES), words.proxies(meeting))]
    label_width = max(text_width(label, REGULAR, style.TEXT_SIZE) for label, _ in rows) / 2.8346 + 6.0

    def draw(page: Page, top: float) -> None:
        left = page.layout.margin_left
        for i, (label, value) in enumerate(rows):
            y = top + (i + 1) * style.LINE
            page.text(left, y, label, grey=style.MUTED, width=label_width)
            page.text(left + label_width, y, value, width=width - label_width)

    return Block(len(rows) * style.LINE + 3.0, draw)


# -- what every document starts from --------------------------------------------------------

@dataclass(frozen=True, slots=True)
class PackSetup:
    """The co-op's name, the paper and the words every document of a pack is drawn with."""

    coop_name: str
    layout: Layout
    words: PackWords

    @classmethod
    def for_book(cls, coop_name: str, locale: str, today: dt.date) -> PackSetup:
        return cls(coop_name, pack_layout(locale), PackWords(locale, today))


def by_name(rows: Sequence[VoterRow]) -> list[VoterRow]:
    """`rows` in the order people look names up: by sort name, accents and case aside
    ("Gómez" before "Gonçalves"), then as written, then by number."""
    return sorted(rows, key=lambda row: (name_key(row.sort_name), row.sort_name,
                                         number_key(row.number)))


def name_key(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def number_key(number: str) -> tuple[int, str]:
    """Member numbers in number order where they are numbers ("2" before "10")."""
    return (int(number), "") if number.isdigit() else (1 << 62, number)


def outline(page: Page, x: float, y: float, width: float, height: float, *,
            grey: float = 0.2, line: float = 0.5) -> None:
    """An empty box drawn by its outline (a box to fill in by hand)."""
    canvas = page.canvas
    canvas.setStrokeGray(grey)
    canvas.setLineWidth(line)
    canvas.rect(x * mm, (page.layout.page_height - y - height) * mm, width * mm, height * mm,
                stroke=1, fill=0)
