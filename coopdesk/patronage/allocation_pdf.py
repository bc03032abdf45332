"""The board's allocation table as a PDF: a year's terms, totals and every member's line.

For a draft (`draft_sheet`, from `run.preview_allocation`'s `AllocationPreview`: printed for the
board before posting, marked "Draft" in its title and across every page) or a posted year
(`posted_sheet`, from `queries.list_allocations` and `queries.allocation_table`). Both make an
`AllocationSheet` of plain data; `allocation_pdf` draws it on landscape A4 or US Letter in the
book's language (`statements.language`: the book's locale as the co-op's country writes it):
the year and the terms (surplus and where it comes from, the non-member part, the reserve
percentage, each pool with its percentage, the cash percentage and the minimum payout), the
totals (allocated, cash, retained, to the reserve), then one row per member and pool (number,
name, pool, patronage with its unit, allocation, cash, retained) with a total row, and the
members with patronage who do not share, with why. Every page says "Page X of Y".

For a posted year the members left out are those of the draft the same terms give today, shown
only while the book's pools are still the ones the allocation used.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path
from typing import BinaryIO

from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfgen.canvas import Canvas  # type: ignore[import-untyped]
from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.db.models import Allocation
from coopdesk.errors import CoopdeskError, NotFound
from coopdesk.formatting import Formatter
from coopdesk.i18n import translations
from coopdesk.money import Money
from coopdesk.patronage import notice_labels as labels
from coopdesk.patronage.allocation import QUALIFIED_CASH_PERCENT
from coopdesk.patronage.measures import list_pools
from coopdesk.patronage.notice_wording import fiscal_year_name, percent_text
from coopdesk.patronage.queries import allocation_table, list_allocations
from coopdesk.patronage.run import AllocationPreview, RunTerms, preview_allocation
from coopdesk.settings import load_settings
from coopdesk.statements import labels as statement_labels
from coopdesk.statements import letter, style
from coopdesk.statements.files import write_file_atomically
from coopdesk.statements.fonts import BOLD, REGULAR, register_fonts
from coopdesk.statements.layout import Layout
from coopdesk.statements.page import Page
from coopdesk.statements.language import statement_locale


@dataclass(frozen=True, slots=True)
class SheetLine:
    number: str
    name: str
    pool: str
    quantity: Decimal
    unit: str  # "" when not known
    amount: Money
    cash: Money
    retained: Money


@dataclass(frozen=True, slots=True)
class SheetExcluded:
    number: str
    name: str
    pool: str
    quantity: Decimal
    unit: str
    why: str  # as `run` says it (English); worded by `why_text`


@dataclass(frozen=True, slots=True)
class SheetPool:
    label: str
    percent: Decimal
    amount: Money
    unallocated: bool  # no eligible member: it went to the reserve


@dataclass(frozen=True, slots=True)
class AllocationSheet:
    """Everything the allocation table prints, as data."""

    coop_name: str
    contact: str
    language: str
    locale: str
    draft: bool
    year_start: dt.date
    year_end: dt.date
    posted_on: dt.date | None
    surplus: Money
    surplus_entered: bool
    non_member: Money
    reserve_percent: Decimal
    reserve: Money  # the reserve percentage of the members' surplus
    pools: tuple[SheetPool, ...]
    cash_percent: Decimal
    min_payout: Money
    allocated: Money
    cash: Money
    retained: Money
    to_reserve: Money  # non-member part, reserve and pools no one shared in
    lines: tuple[SheetLine, ...]
    excluded: tuple[SheetExcluded, ...]

    @property
    def qualified(self) -> bool:
        return self.cash_percent >= QUALIFIED_CASH_PERCENT


def draft_sheet(session: Session, preview: AllocationPreview) -> AllocationSheet:
    """The table of a draft allocation (`run.preview_allocation`)."""
    result = preview.result
    head = _head(session)
    zero = Money.zero(result.terms.surplus.currency)
    lines = tuple(SheetLine(x.member_number, x.member_name, x.pool, x.quantity, x.unit, x.amount,
                            x.cash, x.retained) for x in preview.lines if not x.amount.is_zero)
    return AllocationSheet(
        *head, draft=True, year_start=preview.year_start, year_end=preview.year_end,
        posted_on=None, surplus=result.terms.surplus,
        surplus_entered=preview.surplus_source == "entered", non_member=result.terms.non_member,
        reserve_percent=result.terms.reserve_percent, reserve=result.reserve,
        pools=tuple(SheetPool(preview.pool_labels[p.id], preview.pool_percents[p.id], p.amount,
                              p.unallocated) for p in result.pools),
        cash_percent=result.terms.cash_percent, min_payout=result.terms.min_payout,
        allocated=sum((x.amount for x in lines), zero), cash=result.cash, retained=result.retained,
        to_reserve=result.to_reserve, lines=lines,
        excluded=tuple(SheetExcluded(x.member_number, x.member_name, x.pool, x.quantity, x.unit,
                                     x.why) for x in preview.excluded))


def posted_sheet(session: Session, year_start: dt.date) -> AllocationSheet:
    """The table of the allocation posted for the fiscal year from `year_start`."""
    row = next((r for r in list_allocations(session) if r.year_start == year_start), None)
    if row is None:
        raise NotFound(f"no allocation of the year from {year_start.isoformat()}")
    stored = json.loads(session.execute(select(Allocation.pools).where(
        Allocation.id == row.id)).scalar_one())
    current = {p.id: p for p in list_pools(session)}
    units = {p["label"]: current[p["id"]].unit for p in stored
             if p["id"] in current and current[p["id"]].label == p["label"]}
    unallocated = {p["label"] for p in stored if not p.get("members") and p["amount"]}
    lines = tuple(SheetLine(x.member_number, x.member_name, x.pool, x.quantity,
                            units.get(x.pool, ""), x.amount, x.cash, x.retained)
                  for x in allocation_table(session, year_start))
    same_pools = (len(current) == len(stored) and len(units) == len(stored)
                  and all(current[p["id"]].percent == Decimal(p["percent"]) for p in stored))
    excluded: tuple[SheetExcluded, ...] = ()
    if same_pools:
        try:
            again = preview_allocation(session, RunTerms(
                year_start, row.reserve_percent, row.cash_percent, row.min_payout,
                surplus=row.surplus, non_member=row.non_member))
            excluded = tuple(SheetExcluded(x.member_number, x.member_name, x.pool, x.quantity,
                                           x.unit, x.why) for x in again.excluded)
        except CoopdeskError:
            excluded = ()
    reserve = row.reserve - sum((amount for label, _, amount in row.pools if label in unallocated),
                                Money.zero(row.surplus.currency))
    return AllocationSheet(
        *_head(session), draft=False, year_start=row.year_start, year_end=row.year_end,
        posted_on=row.posted_on, surplus=row.surplus, surplus_entered=row.surplus_source == "entered",
        non_member=row.non_member, reserve_percent=row.reserve_percent, reserve=reserve,
        pools=tuple(SheetPool(label, percent, amount, label in unallocated)
                    for label, percent, amount in row.pools),
        cash_percent=row.cash_percent, min_payout=row.min_payout, allocated=row.allocated,
        cash=row.cash, retained=row.retained, to_reserve=row.non_member + row.reserve,
        lines=lines, excluded=excluded)


def _head(session: Session) -> tuple[str, str, str, str]:
    settings = load_settings(session)
    language, locale = statement_locale(None, settings.locale, settings.address.country)
    contact = "  ·  ".join(part for part in (settings.email, settings.phone) if part)
    return settings.name, contact, language, locale


def write_allocation_pdf(path: Path, sheet: AllocationSheet, layout: Layout, *,
                         today: dt.date | None = None, invariant: bool = False) -> int:
    """Write the table to `path` whole or not at all (mode 0600); return its pages."""
    pages = 0

    def fill(out: BinaryIO) -> None:
        nonlocal pages
        pages = allocation_pdf(out, sheet, layout, today=today, invariant=invariant)

    write_file_atomically(Path(path), fill)
    return pages


def allocation_pdf(out: BinaryIO, sheet: AllocationSheet, layout: Layout, *,
                   today: dt.date | None = None, invariant: bool = False) -> int:
    """Draw the table on `layout`'s paper turned to landscape, to `out`; return its pages."""
    register_fonts()
    page_layout = landscape(layout)
    text = _Words(sheet, today or clock.today())
    canvas = Canvas(out, pagesize=(page_layout.page_width * mm, page_layout.page_height * mm),
                    invariant=1 if invariant else 0, pageCompression=1,
                    initialFontName=REGULAR, initialFontSize=style.TEXT_SIZE)
    canvas.setTitle(text.title)
    canvas.setAuthor(sheet.coop_name)
    canvas.setSubject("")
    canvas.setKeywords("")
    canvas.setCreator("coopdesk")
    pages = _plan(page_layout, sheet, text)
    for number, blocks in enumerate(pages, start=1):
        page = Page(canvas, page_layout)
        if sheet.draft:
            _watermark(canvas, page_layout, text.t(labels.DRAFT))
        y = _page_head(page, sheet, text, first=number == 1)
        for block in blocks:
            y = block(page, y)
        letter.footer(page, f"{sheet.coop_name} · {text.title}",
                      text.t(statement_labels.PAGE).format(page=number, pages=len(pages)))
        page.finish()
        canvas.showPage()
    canvas.save()
    return len(pages)


def landscape(layout: Layout) -> Layout:
    """`layout`'s paper turned on its side, with even margins."""
    margin = 14.0
    return replace(layout, page_width=layout.page_height, page_height=layout.page_width,
                   margin_left=margin, margin_right=margin, margin_bottom=12.0)


class _Words:
    """The table's words and figures in the book's language."""

    def __init__(self, sheet: AllocationSheet, today: dt.date) -> None:
        self.write = Formatter(sheet.locale)
        self.t: Callable[[str], str] = translations(sheet.locale).gettext
        self.year = fiscal_year_name(sheet.year_start, sheet.year_end)
        heading = self.t(labels.TABLE_TITLE).format(year=self.year)
        self.heading = heading
        self.title = f"{self.t(labels.DRAFT)}: {heading}" if sheet.draft else heading
        self.locale = sheet.locale
        self.today = today

    def money(self, amount: Money) -> str:
        return self.write.money(amount)

    def percent(self, percent: Decimal) -> str:
        return percent_text(percent, self.locale)

    def quantity(self, quantity: Decimal, unit: str) -> str:
        number = self.write.number(quantity)
        return self.t(labels.QUANTITY_UNIT).format(quantity=number, unit=unit) if unit else number


Block = Callable[[Page, float], float]

#: Member table columns as fractions of the text width: number, name, pool, patronage,
#: allocation, cash, retained.
COLUMNS = (0.07, 0.25, 0.22, 0.13, 0.11, 0.11, 0.11)
EXCLUDED_COLUMNS = (0.07, 0.25, 0.22, 0.13, 0.33)
TERMS_HEIGHT = 9 * style.LINE
FIRST_HEAD = 22.0
LATER_HEAD = 16.0


def _plan(layout: Layout, sheet: AllocationSheet, text: _Words) -> list[list[Block]]:
    """The blocks each page draws: the terms and totals on the first, then the table's rows,
    the total and the members left out, each page's rows under the table's header."""
    bottom = layout.page_height - layout.margin_bottom - style.FOOTER
    pages: list[list[Block]] = [[lambda page, y: _terms(page, sheet, text, y)]]
    room = bottom - (layout.margin_left + FIRST_HEAD + _terms_height(sheet))
    rows: list[tuple[str, object]] = [("line", line) for line in sheet.lines]
    rows.append(("total", None))
    if sheet.excluded:
        rows.append(("excluded-head", None))
        rows += [("excluded", x) for x in sheet.excluded]
    chunk: list[tuple[str, object]] = []
    used = style.TABLE_HEADER
    for kind, item in rows:
        height = style.ROW + (9.0 + style.TABLE_HEADER if kind == "excluded-head" else 0.0)
        if used + height > room and chunk:
            pages[-1].append(_rows_block(sheet, text, chunk))
            pages.append([])
            room = bottom - (layout.margin_left + LATER_HEAD)
            chunk, used = [], style.TABLE_HEADER
        chunk.append((kind, item))
        used += height
    pages[-1].append(_rows_block(sheet, text, chunk))
    return pages


def _terms_height(sheet: AllocationSheet) -> float:
    rows = 6 + len(sheet.pools) + (0 if sheet.qualified else 1)
    return 4.0 + rows * style.LINE + 8.0


def _rows_block(sheet: AllocationSheet, text: _Words, chunk: Sequence[tuple[str, object]]) -> Block:
    return lambda page, y: _rows(page, sheet, text, chunk, y)


def _page_head(page: Page, sheet: AllocationSheet, text: _Words, *, first: bool) -> float:
    layout = page.layout
    left, right = layout.margin_left, layout.page_width - layout.margin_right
    y = layout.margin_left + 6.0
    page.text(left, y, sheet.coop_name, font=BOLD, size=style.TEXT_SIZE + 2, grey=style.ACCENT,
              width=layout.text_width * 0.5)
    when = (text.t(labels.POSTED_ON).format(date=text.write.date(sheet.posted_on, "long"))
            if sheet.posted_on else text.t(labels.PRINTED_ON).format(
                date=text.write.date(text.today, "long")))
    page.text(right, y, when, size=style.DETAIL_SIZE, grey=style.MUTED, align="right")
    y += 8.0
    if sheet.draft:
        badge = text.t(labels.DRAFT).upper()
        width = len(badge) * 2.6 + 6.0
        page.box(left, y - 5.2, width, 7.0, (0.72, 0.16, 0.12))
        page.text(left + width / 2, y - 0.2, badge, font=BOLD, size=style.TEXT_SIZE + 1,
                  grey=1.0, align="center")
        page.text(left + width + 3.0, y, text.heading, font=BOLD, size=style.HEADING_SIZE + 1,
                  width=layout.text_width - width - 3.0)
    else:
        page.text(left, y, text.heading, font=BOLD, size=style.HEADING_SIZE + 1,
                  width=layout.text_width)
    if first and sheet.draft:
        page.text(right, y, text.t(labels.DRAFT_NOTE), size=style.DETAIL_SIZE,
                  grey=(0.62, 0.14, 0.10), align="right", width=layout.text_width * 0.45)
    return y + (FIRST_HEAD - 14.0 if first else LATER_HEAD - 14.0)


def _terms(page: Page, sheet: AllocationSheet, text: _Words, top: float) -> float:
    """The terms at the left, the totals in a tinted box at the right."""
    layout = page.layout
    left, width = layout.margin_left, layout.text_width
    t, money = text.t, text.money
    source = t(labels.SURPLUS_ENTERED if sheet.surplus_entered else labels.SURPLUS_FROM_LEDGER)
    terms: list[tuple[str, str, bool]] = [
        (t(labels.SURPLUS), money(sheet.surplus), True),
        (source, "", False),
        (t(labels.NON_MEMBER), money(sheet.non_member), False),
        (t(labels.RESERVE).format(percent=text.percent(sheet.reserve_percent)),
         money(sheet.reserve), False),
    ]
    for pool in sheet.pools:
        message = labels.POOL_UNALLOCATED if pool.unallocated else labels.POOL_SHARE
        terms.append((t(message).format(pool=pool.label, percent=text.percent(pool.percent)),
                      money(pool.amount), False))
    terms.append((t(labels.CASH_PERCENT), text.percent(sheet.cash_percent), False))
    terms.append((t(labels.MIN_PAYOUT), money(sheet.min_payout), False))
    page.text(left, top, t(labels.TERMS), font=BOLD, size=style.TEXT_SIZE, width=width * 0.5)
    values_right = left + width * 0.52
    y = top + 1.5
    for label, value, bold in terms:
        y += style.LINE
        page.text(left, y, label, font=BOLD if bold else REGULAR,
                  grey=style.INK if bold else style.MUTED, width=width * 0.40)
        page.text(values_right, y, value, font=BOLD if bold else REGULAR, align="right",
                  width=width * 0.12)
    if not sheet.qualified:
        y += style.LINE
        page.text(left, y, t(labels.NOT_QUALIFIED_NOTE).format(
            percent=text.percent(QUALIFIED_CASH_PERCENT)), size=style.DETAIL_SIZE,
            grey=(0.62, 0.14, 0.10), width=width * 0.52)
    box_left = left + width * 0.60
    box_width = left + width - box_left
    totals = [(t(labels.ALLOCATED), money(sheet.allocated)), (t(labels.CASH), money(sheet.cash)),
              (t(labels.RETAINED_TOTAL), money(sheet.retained)),
              (t(labels.TO_RESERVE), money(sheet.to_reserve)),
              (t(labels.MEMBERS_COUNT), text.write.number(len({x.number for x in sheet.lines})))]
    page.text(box_left, top, t(labels.TOTALS), font=BOLD, size=style.TEXT_SIZE, width=box_width)
    box_top = top + 2.5
    page.box(box_left, box_top, box_width, len(totals) * style.LINE + 4.0, style.DUE_BACKGROUND)
    for i, (label, value) in enumerate(totals):
        line_y = box_top + 5.0 + i * style.LINE
        first = i == 0
        page.text(box_left + 3.0, line_y, label, font=BOLD if first else REGULAR,
                  grey=style.ACCENT if first else style.INK, width=box_width * 0.6)
        page.text(box_left + box_width - 3.0, line_y, value, font=BOLD if first else REGULAR,
                  grey=style.ACCENT if first else style.INK, align="right", width=box_width * 0.38)
    return top + _terms_height(sheet)


def _rows(page: Page, sheet: AllocationSheet, text: _Words, chunk: Sequence[tuple[str, object]],
          top: float) -> float:
    layout = page.layout
    left, width = layout.margin_left, layout.text_width
    t, money = text.t, text.money
    y = top
    if chunk and chunk[0][0] in ("line", "total"):
        y = _header(page, COLUMNS, (t(labels.COLUMN_NUMBER), t(labels.COLUMN_NAME),
                                    t(labels.COLUMN_POOL), t(labels.COLUMN_PATRONAGE),
                                    t(labels.COLUMN_ALLOCATION), t(labels.COLUMN_CASH),
                                    t(labels.COLUMN_RETAINED)), y, right_from=3)
    elif chunk and chunk[0][0] == "excluded":
        y = _header(page, EXCLUDED_COLUMNS, _excluded_columns(t), y, right_from=3, only=3)
    shade = 0
    for kind, item in chunk:
        if kind == "line":
            assert isinstance(item, SheetLine)
            if shade % 2:
                page.box(left, y, width, style.ROW, 0.975)
            shade += 1
            _cells(page, COLUMNS, (item.number, item.name, item.pool,
                                   text.quantity(item.quantity, item.unit), money(item.amount),
                                   money(item.cash), money(item.retained)), y, right_from=3)
            y += style.ROW
        elif kind == "total":
            page.rule(left, y, left + width, width=0.5)
            _cells(page, COLUMNS, ("", t(labels.TOTAL_ROW), "", "", money(sheet.allocated),
                                   money(sheet.cash), money(sheet.retained)), y, right_from=3,
                   font=BOLD)
            y += style.ROW
            if not sheet.lines:
                y += style.ROW
                page.text(left + 1.5, y - 1.5, t(labels.NO_MEMBERS), size=style.TABLE_SIZE,
                          grey=style.MUTED)
        elif kind == "excluded-head":
            y += 9.0
            page.text(left, y - 2.0, t(labels.EXCLUDED), font=BOLD, size=style.TEXT_SIZE)
            y = _header(page, EXCLUDED_COLUMNS, _excluded_columns(t), y, right_from=3, only=3)
        else:
            assert isinstance(item, SheetExcluded)
            _cells(page, EXCLUDED_COLUMNS, (item.number, item.name, item.pool,
                                            text.quantity(item.quantity, item.unit),
                                            why_text(item.why, t)), y, right_from=3, only=3)
            y += style.ROW
    return y


def _excluded_columns(t: Callable[[str], str]) -> tuple[str, ...]:
    return (t(labels.COLUMN_NUMBER), t(labels.COLUMN_NAME), t(labels.COLUMN_POOL),
            t(labels.COLUMN_PATRONAGE), t(labels.COLUMN_WHY))


def _header(page: Page, columns: Sequence[float], titles: Sequence[str], top: float, *,
            right_from: int, only: int | None = None) -> float:
    layout = page.layout
    page.box(layout.margin_left, top, layout.text_width, style.TABLE_HEADER, style.SHADE)
    _cells(page, columns, titles, top + style.TABLE_HEADER - style.ROW - 0.5, right_from=right_from,
           only=only, font=BOLD)
    return top + style.TABLE_HEADER


def _cells(page: Page, columns: Sequence[float], values: Sequence[str], top: float, *,
           right_from: int, only: int | None = None, font: str = REGULAR) -> None:
    """One row's cells: text columns from the left, amounts (from `right_from`, up to `only`
    if given) right-aligned."""
    layout = page.layout
    x = layout.margin_left
    baseline = top + style.ROW - 1.5
    for i, (share, value) in enumerate(zip(columns, values, strict=True)):
        cell = layout.text_width * share
        right = i >= right_from and (only is None or i <= only)
        if right:
            page.text(x + cell - 1.5, baseline, value, font=font, size=style.TABLE_SIZE,
                      align="right", width=cell - 3.0)
        else:
            page.text(x + 1.5, baseline, value, font=font, size=style.TABLE_SIZE, width=cell - 3.0)
        x += cell


def _watermark(canvas: Canvas, layout: Layout, word: str) -> None:
    """A large pale word across the page, under everything else."""
    canvas.saveState()
    canvas.setFillColorRGB(0.93, 0.86, 0.85)
    canvas.setFont(BOLD, 110)
    canvas.translate(layout.page_width / 2 * mm, layout.page_height / 2 * mm)
    canvas.rotate(25)
    canvas.drawCentredString(0, -35, word.upper())
    canvas.restoreState()


def why_text(why: str, t: Callable[[str], str]) -> str:
    """Why a member does not share, in the table's language where the reason is a known one
    (`run` words them in English), keeping what follows it (a status, a minimum)."""
    for english, message in _WHY:
        if why.startswith(english):
            return t(message) + why[len(english):]
    return why


_WHY = ((labels.WHY_NOT_MEMBER, labels.WHY_NOT_MEMBER), (labels.WHY_LEFT, labels.WHY_LEFT),
        (labels.WHY_STANDING, labels.WHY_STANDING), (labels.WHY_MINIMUM, labels.WHY_MINIMUM),
        (labels.WHY_NONE, labels.WHY_NONE))
