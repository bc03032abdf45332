"""The annual report as a PDF, in plain words for members who are not accountants.

From `annual_report.AnnualReport` (every figure as the ledger and the registers have it), in
the book's language, on portrait A4 or US Letter:

- a cover block: the co-op, "Annual report", the fiscal year and its dates, the meeting it is
  presented at, and what the report shows;
- income and expenses beside the year before (a dash where the book has nothing for that
  year), and the surplus or deficit;
- the balance sheet at the year's end: what the co-op owns, owes, and what belongs to the
  members (with the surplus built up over the years), totals that balance;
- membership (start, joined, left, end, by class) with the members at each year's end (bars);
- dues (charged, collected, the rate, owed at the year's end) with each month's dues charged
  and collected (bars);
- each risk fund: its year, the claims made in it by status, its outlook in plain words, and
  its balance month by month (a line);
- patronage: the surplus allocated, the reserve, cash, retained and redeemed, or "no
  allocation this year";
- the ledger's audit chain: entries, the last entry's number and date, its SHA-256 in groups
  of eight, the day the report was drawn, and lines for the auditors' signatures.

Every page says "Page X of Y"; a section never starts at the foot of a page.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import BinaryIO

from reportlab.graphics import renderPDF  # type: ignore[import-untyped]
from reportlab.graphics.shapes import Drawing  # type: ignore[import-untyped]
from reportlab.lib.units import mm  # type: ignore[import-untyped]
from reportlab.pdfbase import pdfmetrics  # type: ignore[import-untyped]
from reportlab.pdfbase.ttfonts import TTFont  # type: ignore[import-untyped]

from coopdesk.dues.periods import shift_months
from coopdesk.meetings import pack_labels as labels
from coopdesk.meetings.annual_report import AnnualReport, FundYear
from coopdesk.meetings.annual_report_charts import dues_chart, fund_chart, members_chart
from coopdesk.meetings.pack_pages import (
    Block,
    Column,
    Head,
    PackSetup,
    PackWords,
    header_block,
    heading,
    pairs,
    paragraph,
    row_block,
    space,
    write_document,
)
from coopdesk.meetings.queries import MeetingRow
from coopdesk.money import Money
from coopdesk.statements import style
from coopdesk.statements.fonts import BOLD, REGULAR
from coopdesk.statements.page import Page

#: Account tables: the account, this year, the year before.
COMPARE = (Column(0.56), Column(0.22, "right"), Column(0.22, "right"))
#: Balance sheet and class tables: a label, one figure.
SINGLE = (Column(0.70), Column(0.30, "right"))
CHART_HEIGHT = 58.0
MONO = "CoopdeskMono"
MONO_FILE = "DejaVuSansMono.ttf"


def year_name(start: dt.date, end: dt.date) -> str:
    """A fiscal year as people name it: "2025", or "2025–2026" when it straddles two."""
    return str(start.year) if start.year == end.year else f"{start.year}\u2013{end.year}"


def report_title(setup: PackSetup, report: AnnualReport) -> str:
    return setup.words.t(labels.REPORT_DOCUMENT_TITLE).format(
        year=year_name(report.year_start, report.year_end))


def annual_report_blocks(setup: PackSetup, report: AnnualReport,
                         meeting: MeetingRow | None = None) -> list[Block]:
    words = setup.words
    width = setup.layout.text_width
    blocks = _cover(words, report, meeting, width)
    blocks += _income(words, report, width)
    blocks += _balance(words, report, width)
    blocks += _membership(words, report, width)
    blocks += _dues(words, report, width)
    blocks += _funds(words, report, width)
    blocks += _patronage(words, report, width)
    blocks.append(space(6.0))
    blocks.append(_chain(words, report, width))
    return blocks


def annual_report_pdf(out: BinaryIO, setup: PackSetup, report: AnnualReport,
                      meeting: MeetingRow | None = None, *, invariant: bool = False) -> int:
    """Draw the annual report to `out`; return its pages."""
    words = setup.words
    year = words.t(labels.FISCAL_YEAR).format(year=year_name(report.year_start, report.year_end))
    head = Head(setup.coop_name, words.t(labels.REPORT_TITLE), year)
    return write_document(out, setup.layout, words, head, report_title(setup, report),
                          annual_report_blocks(setup, report, meeting), invariant=invariant)


# -- the sections ----------------------------------------------------------------------------

def _cover(words: PackWords, report: AnnualReport, meeting: MeetingRow | None,
           width: float) -> list[Block]:
    t = words.t
    year = t(labels.FISCAL_YEAR).format(year=year_name(report.year_start, report.year_end))
    dates = t(labels.YEAR_RANGE).format(start=words.date(report.year_start),
                                        end=words.date(report.year_end))
    presented = (t(labels.FOR_MEETING).format(title=meeting.title, date=words.date(meeting.meeting_date))
                 if meeting is not None else "")

    def draw(page: Page, top: float) -> None:
        left = page.layout.margin_left
        page.box(left, top, width, 40.0, style.DUE_BACKGROUND)
        page.box(left, top, 2.2, 40.0, style.ACCENT)
        page.text(left + 8.0, top + 9.0, report.coop_name, font=BOLD, size=style.NAME_SIZE,
                  grey=style.ACCENT, width=width - 12.0, shrink=True)
        page.text(left + 8.0, top + 19.0, t(labels.REPORT_TITLE), font=BOLD, size=20.0,
                  width=width - 12.0, shrink=True)
        page.text(left + 8.0, top + 27.0, f"{year} \u00b7 {dates}", size=style.TEXT_SIZE + 1,
                  width=width - 12.0, shrink=True)
        page.text(left + 8.0, top + 34.0, presented, size=style.TEXT_SIZE, grey=style.MUTED,
                  width=width - 12.0, shrink=True)

    return [Block(44.0, draw), paragraph(t(labels.REPORT_INTRO), width, grey=style.MUTED, after=2.0)]


def _income(words: PackWords, report: AnnualReport, width: float) -> list[Block]:
    t, money = words.t, words.money
    income = report.income
    lines = income.income + income.expenses
    has_previous = any(not line.last_year.is_zero for line in lines)

    def before(amount: Money) -> str:
        return money(amount) if has_previous else "\u2013"

    header = header_block(COMPARE, (t(labels.COLUMN_ACCOUNT),
                                    year_name(report.year_start, report.year_end),
                                    year_name(report.previous_start,
                                              report.year_start - dt.timedelta(days=1))))
    blocks = [heading(t(labels.INCOME_TITLE)),
              paragraph(t(labels.INCOME_INTRO), width, grey=style.MUTED, keeps=True), header]
    for title, rows, total_label, total in (
            (labels.INCOME, income.income, labels.TOTAL_INCOME, income.total_income),
            (labels.EXPENSES, income.expenses, labels.TOTAL_EXPENSES, income.total_expenses)):
        blocks.append(_subhead(COMPARE, t(title), header))
        blocks += [row_block(COMPARE, (_indented(line.name), money(line.this_year),
                                       before(line.last_year)), header=header)
                   for line in rows]
        if not rows:
            blocks.append(row_block(COMPARE, (_indented(t(labels.NO_LINES)), "", ""), header=header))
        blocks.append(_total(COMPARE, (t(total_label), money(total[0]), before(total[1])), header))
    this, last = income.surplus
    this_word = labels.DEFICIT if this.is_negative else labels.SURPLUS
    blocks.append(space(1.5))
    blocks.append(_total(COMPARE, (t(this_word), money(this), before(last)), header, strong=True))
    if not has_previous:
        blocks.append(paragraph(t(labels.NO_PREVIOUS), width, grey=style.MUTED,
                                size=style.DETAIL_SIZE + 0.5))
    return blocks


def _balance(words: PackWords, report: AnnualReport, width: float) -> list[Block]:
    t, money = words.t, words.money
    sheet = report.balance_sheet
    header = header_block(SINGLE, (t(labels.COLUMN_ACCOUNT), words.short_date(sheet.as_of)))
    blocks = [space(4.0), heading(t(labels.BALANCE_TITLE).format(date=words.date(sheet.as_of))),
              paragraph(t(labels.BALANCE_INTRO), width, grey=style.MUTED, keeps=True), header]
    equity = [(line.name, line.balance) for line in sheet.equity]
    equity.append((t(labels.ACCUMULATED), sheet.accumulated_surplus))
    for title, rows, total_label, total in (
            (labels.ASSETS, [(x.name, x.balance) for x in sheet.assets], labels.TOTAL_ASSETS,
             sheet.total_assets),
            (labels.LIABILITIES, [(x.name, x.balance) for x in sheet.liabilities],
             labels.TOTAL_LIABILITIES, sheet.total_liabilities),
            (labels.EQUITY, equity, labels.TOTAL_EQUITY, sheet.total_equity)):
        blocks.append(_subhead(SINGLE, t(title), header))
        blocks += [row_block(SINGLE, (_indented(name), money(amount)), header=header)
                   for name, amount in rows]
        if not rows:
            blocks.append(row_block(SINGLE, (_indented(t(labels.NO_LINES)), ""), header=header))
        blocks.append(_total(SINGLE, (t(total_label), money(total)), header))
    blocks.append(space(1.5))
    blocks.append(_total(SINGLE, (t(labels.LIABILITIES_AND_EQUITY),
                                  money(sheet.total_liabilities + sheet.total_equity)), header,
                         strong=True))
    return blocks


def _membership(words: PackWords, report: AnnualReport, width: float) -> list[Block]:
    t, number = words.t, words.number
    m = report.membership
    blocks = [space(4.0), heading(t(labels.MEMBERSHIP_TITLE)),
              pairs([(t(labels.MEMBERS_AT_START).format(date=words.short_date(report.year_start)),
                      number(m.at_start)),
                     (t(labels.MEMBERS_JOINED), _signed("+", number(m.joined), m.joined)),
                     (t(labels.MEMBERS_LEFT), _signed("\u2212", number(m.left), m.left)),
                     (t(labels.MEMBERS_AT_END).format(date=words.short_date(report.year_end)),
                      number(m.at_end))], width * 0.7, label_share=0.8, bold_last=True,
                    rule_before_last=True)]
    if m.by_class:
        blocks.append(paragraph(t(labels.BY_CLASS), width, font=BOLD, keeps=True, after=0.0))
        blocks.append(pairs([(t(labels.NO_CLASS) if name == "No class" else name, number(count))
                             for name, count in m.by_class], width * 0.7, label_share=0.8,
                            indent=0.0))
    if report.members_by_year:
        points = [(year_name(shift_months(end + dt.timedelta(days=1), -12), end), count)
                  for end, count in report.members_by_year]
        blocks.append(space(3.0))
        blocks.append(_chart(members_chart(words, t(labels.CHART_MEMBERS), points, width * 0.75,
                                           CHART_HEIGHT)))
    return blocks


def _dues(words: PackWords, report: AnnualReport, width: float) -> list[Block]:
    t, money = words.t, words.money
    dues = report.dues
    rate = words.percent(Decimal(dues.rate)) if dues.rate else t(labels.DUES_RATE_NONE)
    blocks = [space(4.0), heading(t(labels.DUES_TITLE)),
              pairs([(t(labels.DUES_CHARGED), money(dues.charged)),
                     (t(labels.DUES_COLLECTED), money(dues.collected)),
                     (t(labels.DUES_RATE), rate),
                     (t(labels.DUES_OWED), labels.members_owing(words.ngettext, dues.members_owing,
                                                                money(dues.owed_at_end)))],
                    width * 0.7)]
    if report.dues_by_month:
        blocks.append(space(2.0))
        blocks.append(_chart(dues_chart(words, t(labels.CHART_DUES),
                                        (t(labels.CHARGED), t(labels.COLLECTED)),
                                        report.dues_by_month, width, CHART_HEIGHT)))
    return blocks


def _funds(words: PackWords, report: AnnualReport, width: float) -> list[Block]:
    t = words.t
    blocks = [space(4.0), heading(t(labels.FUNDS_TITLE))]
    if not report.funds:
        return [*blocks, paragraph(t(labels.NO_FUNDS), width)]
    blocks.append(paragraph(t(labels.FUNDS_INTRO), width, grey=style.MUTED))
    balances = dict(report.fund_balances)
    for fund in report.funds:
        blocks += _fund(words, fund, balances.get(fund.name, ()), width)
    return blocks


def _fund(words: PackWords, fund: FundYear, balances: Sequence[tuple[dt.date, Money]],
          width: float) -> list[Block]:
    t, money = words.t, words.money
    rows = [(t(labels.FUND_OPENING), money(fund.opening)),
            (t(labels.FUND_CONTRIBUTIONS),
             _signed("+", money(fund.contributions), not fund.contributions.is_zero)),
            (t(labels.FUND_PAYOUTS), _signed("\u2212", money(fund.payouts), not fund.payouts.is_zero))]
    if not fund.refunds.is_zero:
        rows.append((t(labels.FUND_REFUNDS), f"\u2212{money(fund.refunds)}"))
    if not fund.other.is_zero:
        rows.append((t(labels.FUND_OTHER), money(fund.other)))
    rows.append((t(labels.FUND_CLOSING), money(fund.closing)))
    blocks = [heading(fund.name, size=style.TEXT_SIZE + 2, gap=2.0),
              pairs(rows, width * 0.7, bold_last=True, rule_before_last=True)]
    if fund.claims:
        said = ", ".join(labels.claims_count(words.ngettext, count,
                                             t(labels.CLAIM_STATUSES.get(status, status)))
                         for status, count in fund.claims)
        claims = f"{t(labels.FUND_CLAIMS)}: {said}."
    else:
        claims = t(labels.NO_CLAIMS)
    blocks.append(paragraph(claims, width))
    if fund.months_lasting is None:
        outlook = t(labels.OUTLOOK_LASTS)
    elif fund.months_lasting == 0:
        outlook = t(labels.OUTLOOK_BELOW)
    else:
        outlook = labels.outlook_months(words.ngettext, fund.months_lasting)
    chance = t(labels.OUTLOOK_CHANCE).format(p12=words.percent(Decimal(fund.p_above_floor_12)),
                                             p36=words.percent(Decimal(fund.p_above_floor_36)))
    blocks.append(paragraph(f"{t(labels.FUND_OUTLOOK)}: {outlook} {chance}", width))
    if balances:
        blocks.append(space(1.0))
        blocks.append(_chart(fund_chart(words, t(labels.CHART_FUND).format(fund=fund.name),
                                        balances, width, CHART_HEIGHT)))
    return blocks


def _patronage(words: PackWords, report: AnnualReport, width: float) -> list[Block]:
    t, money = words.t, words.money
    p = report.patronage
    blocks = [space(4.0), heading(t(labels.PATRONAGE_TITLE))]
    redeemed = (t(labels.PATRONAGE_REDEEMED), money(p.redeemed_in_year))
    if not p.allocated:
        return [*blocks, paragraph(t(labels.NO_ALLOCATION), width, keeps=True),
                pairs([redeemed], width * 0.7)]
    return [*blocks, pairs([(t(labels.PATRONAGE_SURPLUS), money(p.surplus)),
                            (t(labels.PATRONAGE_RESERVE), money(p.reserve)),
                            (t(labels.PATRONAGE_CASH), money(p.cash)),
                            (t(labels.PATRONAGE_RETAINED), money(p.retained)),
                            redeemed], width * 0.7)]


def _chain(words: PackWords, report: AnnualReport, width: float) -> Block:
    """The box the auditors sign: the ledger's last entry and its fingerprint."""
    t = words.t
    chain = report.chain
    intro = paragraph(t(labels.CHAIN_INTRO), width - 5.0, size=style.DETAIL_SIZE + 0.5,
                      grey=style.MUTED, after=1.0, indent=5.0)
    facts: list[tuple[str, str]] = []
    if chain.entry_id is not None and chain.entry_date is not None:
        facts = [(t(labels.CHAIN_ENTRIES), words.number(chain.entries)),
                 (t(labels.CHAIN_LAST), t(labels.CHAIN_LAST_VALUE).format(
                     number=chain.entry_id, date=words.date(chain.entry_date)))]
    rows = pairs(facts, width * 0.7, label_share=0.45, indent=5.0) if facts else paragraph(
        t(labels.CHAIN_EMPTY), width - 5.0, indent=5.0)
    groups = hash_groups(chain.hash or "")
    font = mono_font() or REGULAR
    height = 9.0 + intro.height + rows.height + (12.0 if groups else 0.0) + 8.0 + 22.0

    def draw(page: Page, top: float) -> None:
        left = page.layout.margin_left
        page.box(left, top, width, height, style.DUE_BACKGROUND)
        page.box(left, top, width, 1.2, style.ACCENT)
        page.text(left + 5.0, top + 8.0, t(labels.CHAIN_TITLE), font=BOLD,
                  size=style.TEXT_SIZE + 2, grey=style.ACCENT)
        y = top + 11.0
        intro.draw(page, y)
        y += intro.height
        rows.draw(page, y)
        y += rows.height
        if groups:
            y += 4.0
            page.text(left + 5.0, y, t(labels.CHAIN_HASH), size=style.TEXT_SIZE)
            y += 6.0
            page.text(left + 5.0, y, "  ".join(groups), font=font, size=style.TEXT_SIZE + 1.5,
                      grey=style.ACCENT)
        y += 8.0
        page.text(left + 5.0, y, t(labels.DRAWN_ON).format(date=words.date(words.today)),
                  size=style.TEXT_SIZE)
        y += 16.0
        half = (width - 20.0) / 2
        for i in range(2):
            x = left + 5.0 + i * (half + 10.0)
            page.rule(x, y, x + half, grey=0.2, width=0.5)
        page.text(left + 5.0, y + 3.8, t(labels.AUDITORS), size=style.DETAIL_SIZE,
                  grey=style.MUTED)

    return Block(height, draw)


def hash_groups(digest: str) -> list[str]:
    """The hash in groups of eight characters, to read and compare."""
    return [digest[i:i + 8] for i in range(0, len(digest), 8)]


@cache
def mono_font() -> str | None:
    """DejaVu Sans Mono for the hash, when coopdesk ships it beside its other fonts."""
    path = resources.files("coopdesk.statements") / "fonts" / MONO_FILE
    if not path.is_file():
        return None
    with resources.as_file(path) as file:
        pdfmetrics.registerFont(TTFont(MONO, str(file)))
    return MONO


# -- small pieces ------------------------------------------------------------------------------

def _signed(sign: str, text: str, nonzero: object) -> str:
    """A figure added or taken away, with its sign ("+16", "\u2212$45.00"); nothing is plain."""
    return f"{sign}{text}" if nonzero else text


def _indented(text: str) -> str:
    return f"\u2003{text}"


def _subhead(columns: Sequence[Column], text: str, header: Block) -> Block:
    values = (text, *("" for _ in columns[1:]))
    return row_block(columns, values, header=header, font=BOLD, keeps=True)


def _total(columns: Sequence[Column], values: Sequence[str], header: Block, *,
           strong: bool = False) -> Block:
    def above(page: Page, top: float) -> None:
        layout = page.layout
        page.rule(layout.margin_left, top + 0.2, layout.margin_left + layout.text_width,
                  width=0.9 if strong else 0.4, grey=0.3 if strong else 0.55)

    return row_block(columns, values, header=header, font=BOLD, extra=above,
                     height=style.ROW + (1.0 if strong else 0.5))


def _chart(drawing: Drawing) -> Block:
    height = drawing.height / mm

    def draw(page: Page, top: float) -> None:
        layout = page.layout
        renderPDF.draw(drawing, page.canvas, layout.margin_left * mm,
                       (layout.page_height - top - height) * mm)

    return Block(height + 3.0, draw)
