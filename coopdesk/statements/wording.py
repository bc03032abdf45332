"""A statement's words and figures in its own language: `Statement` in, `StatementText` out.

Everything a page shows is decided here, as text: labels translated with the statement's
catalog (`i18n.translations(statement.locale)`, never the app's language), amounts and dates
written by a `Formatter` for the statement's locale. The renderer only places these strings,
and the tests compare the text of a PDF with them.

A batch writes the same few amounts and dates thousands of times, and formatting one through
Babel costs several microseconds, so each locale keeps what it has written (`_Writer`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from babel import Locale

from coopdesk.formatting import Formatter
from coopdesk.i18n import translations
from coopdesk.money import Money
from coopdesk.statements import labels
from coopdesk.statements.types import LineKind, Section, Standing, Statement, StatementLine


class RowStyle(StrEnum):
    NORMAL = "normal"
    INFO = "info"  # a credit moved within the account: no amounts, muted
    TOTAL = "total"  # balance brought or carried forward


@dataclass(frozen=True, slots=True)
class TableRow:
    date: str
    description: str
    charge: str
    credit: str
    balance: str
    style: RowStyle = RowStyle.NORMAL


@dataclass(frozen=True, slots=True)
class SlipText:
    """The tear-off remittance slip."""

    title: str
    cut_note: str
    member: tuple[str, str]
    amount_due: tuple[str, str]
    pay_by: str
    enclosed: str
    reference: str
    pay_to: tuple[str, tuple[str, ...]]


@dataclass(frozen=True, slots=True)
class StatementText:
    """Every string one statement prints, in print order within each part of the page."""

    language: str
    document_title: str
    coop_name: str
    letterhead: tuple[str, ...]
    contact: str
    sender_line: str
    recipient: tuple[str, ...]
    info: tuple[tuple[str, str], ...]
    heading: str
    intro: str
    summary: tuple[tuple[str, str], ...]
    amount_due: tuple[str, str]
    due_note: str
    standing: tuple[str, str]
    columns: tuple[str, str, str, str, str]
    rows: tuple[TableRow, ...]
    notes: tuple[str, ...]
    sections: tuple[tuple[str, tuple[tuple[str, str], ...]], ...]
    continued: str
    page_label: str  # with {page} and {pages} still to fill
    slip: SlipText
    logo: bytes | None = None

    def page_of(self, page: int, pages: int) -> str:
        return self.page_label.format(page=page, pages=pages)


def statement_text(statement: Statement) -> StatementText:
    """The words and figures of `statement`, in its language and locale."""
    write = _writer(statement.locale)
    catalog = translations(statement.locale)
    t = catalog.gettext
    head = statement.letterhead
    period = t(labels.PERIOD_RANGE).format(start=write.date(statement.date_from),
                                           end=write.date(statement.date_to))
    closing = write.money(statement.closing_balance)
    due = write.money(statement.amount_due)
    pay_by = (t(labels.PAY_BY).format(date=write.long_date(statement.due_date))
              if statement.due_date else t(labels.NOTHING_DUE))
    notes = []
    if statement.closing_balance.is_negative:
        notes.append(t(labels.CREDIT_HELD).format(amount=write.money(-statement.closing_balance)))
    if statement.date_to < statement.statement_date:
        notes.append(t(labels.LATER_PAYMENTS).format(date=write.long_date(statement.date_to)))
    day_before = statement.date_from - dt.timedelta(days=1)
    rows = [TableRow(write.date(statement.date_from), t(labels.BROUGHT_FORWARD), "", "",
                     write.money(statement.opening_balance), RowStyle.TOTAL)]
    rows += [_row(line, write, t) for line in statement.lines]
    rows.append(TableRow(write.date(statement.date_to), t(labels.CARRIED_FORWARD), "", "", closing,
                         RowStyle.TOTAL))
    name_line = statement.recipient[0] if statement.recipient else statement.member_name
    return StatementText(
        language=statement.language,
        document_title=document_title(statement.locale, statement.date_from, statement.date_to),
        coop_name=head.name,
        letterhead=head.address,
        contact="  ·  ".join(part for part in (head.email, head.phone) if part),
        sender_line=" · ".join((head.name, *head.address)),
        recipient=statement.recipient,
        info=((t(labels.STATEMENT_DATE), write.long_date(statement.statement_date)),
              (t(labels.MEMBER_NUMBER), statement.member_number),
              (t(labels.PERIOD), period)),
        heading=t(labels.TITLE),
        intro=t(labels.INTRO).format(start=write.long_date(statement.date_from),
                                     end=write.long_date(statement.date_to)),
        summary=((t(labels.BALANCE_ON).format(date=write.date(day_before)),
                  write.money(statement.opening_balance)),
                 (t(labels.CHARGES_IN_PERIOD), write.money(statement.total_charged)),
                 (t(labels.CREDITS_IN_PERIOD), write.money(statement.total_credited)),
                 (t(labels.BALANCE_ON).format(date=write.date(statement.date_to)), closing)),
        amount_due=(t(labels.AMOUNT_DUE), due),
        due_note=pay_by,
        standing=(t(labels.STANDING), standing_text(statement, write, catalog.ngettext, t)),
        columns=(t(labels.COLUMN_DATE), t(labels.COLUMN_DESCRIPTION), t(labels.COLUMN_CHARGES),
                 t(labels.COLUMN_CREDITS), t(labels.COLUMN_BALANCE)),
        rows=tuple(rows),
        notes=(*notes, *((t(labels.NO_ACTIVITY),) if not statement.lines else ())),
        sections=tuple(_section(s, write, t) for s in (*statement.risk_funds, *statement.patronage)),
        continued=t(labels.CONTINUED).format(name=statement.member_name, number=statement.member_number),
        page_label=t(labels.PAGE),
        slip=SlipText(
            title=t(labels.SLIP_TITLE),
            cut_note=t(labels.SLIP_CUT),
            member=(t(labels.SLIP_MEMBER), f"{statement.member_number} · {name_line}"),
            amount_due=(t(labels.AMOUNT_DUE), due),
            pay_by=pay_by,
            enclosed=t(labels.SLIP_ENCLOSED),
            reference=t(labels.SLIP_REFERENCE).format(number=statement.member_number),
            pay_to=(t(labels.SLIP_PAY_TO), (head.name, *head.address)),
        ),
        logo=head.logo,
    )


def document_title(locale: str, date_from: dt.date, date_to: dt.date) -> str:
    """The title a PDF of statements carries in its metadata: what it is and for when."""
    write = _writer(locale)
    t = translations(locale).gettext
    period = t(labels.PERIOD_RANGE).format(start=write.date(date_from), end=write.date(date_to))
    return f"{t(labels.TITLE)}, {period}"


def standing_text(statement: Statement, write: _Writer, ngettext: Callable[[str, str, int], str],
                  t: Callable[[str], str]) -> str:
    """How the statement words the member's standing."""
    if statement.standing is Standing.IN_ARREARS:
        months = statement.months_in_arrears
        return ngettext("In arrears: dues unpaid for {months} month",
                        "In arrears: dues unpaid for {months} months", months).format(months=months)
    if statement.standing is Standing.ENDED:
        if statement.left_on is None:
            return t(labels.ENDED_UNDATED)
        return t(labels.ENDED).format(date=write.long_date(statement.left_on))
    return t(labels.STANDINGS[statement.standing])


def _row(line: StatementLine, write: _Writer, t: Callable[[str], str]) -> TableRow:
    description = describe(line, write, t)
    if line.moved is not None:
        return TableRow(write.date(line.date), description, "", "", "", RowStyle.INFO)
    return TableRow(write.date(line.date), description,
                    write.money(line.charge) if line.charge.is_positive else "",
                    write.money(line.credit) if line.credit.is_positive else "",
                    write.money(line.balance))


def describe(line: StatementLine, write: _Writer, t: Callable[[str], str]) -> str:
    """What one line is, in a few words of the statement's language."""
    kind = line.kind
    if kind is LineKind.CREDIT_APPLIED or kind is LineKind.CREDIT_KEPT:
        assert line.moved is not None
        message = labels.CREDIT_APPLIED if kind is LineKind.CREDIT_APPLIED else labels.CREDIT_KEPT
        return t(message).format(amount=write.money(line.moved))
    if kind is LineKind.CHARGE and line.period_start and line.period_end:
        period = write.period(line.period_start, line.period_end)
        if line.fund is not None:
            return t(labels.CONTRIBUTION_FOR).format(fund=line.fund, period=period)
        message = labels.DUES_FOR_PART if line.partial_period else labels.DUES_FOR
        return t(message).format(period=period)
    if kind is LineKind.WRITE_OFF and line.period_start and line.period_end:
        period = write.period(line.period_start, line.period_end)
        if line.fund is not None:
            return t(labels.CONTRIBUTION_WRITTEN_OFF).format(fund=line.fund, period=period)
        return t(labels.WRITTEN_OFF).format(period=period)
    if kind is LineKind.PAYMENT and line.method in labels.METHODS:
        return t(labels.PAYMENT_BY).format(method=t(labels.METHODS[line.method]))
    if kind is LineKind.REVERSAL and line.reversed_date is not None:
        message = labels.REVERSED_PAYMENT if line.reversed_kind == "payment" else labels.REVERSED_ENTRY
        return t(message).format(date=write.date(line.reversed_date))
    if kind is LineKind.ADJUSTMENT and line.memo.strip():
        return t(labels.ADJUSTMENT_MEMO).format(memo=line.memo.strip())
    return t(labels.PLAIN[kind])


def _section(section: Section, write: _Writer,
             t: Callable[[str], str]) -> tuple[str, tuple[tuple[str, str], ...]]:
    title = (t(labels.SECTION_NAMED).format(section=t(section.title), name=section.detail)
             if section.detail else t(section.title))
    return title, tuple(
        (f"{t(row.label)} {row.detail}".strip(), write.money(row.amount)) for row in section.rows)


class _Writer:
    """Amounts, dates and dues periods as one locale writes them, each written once."""

    def __init__(self, locale: str) -> None:
        self._format = Formatter(locale)
        skeletons = Locale.parse(locale).datetime_skeletons
        self._month_year = skeletons["yMMMM"].pattern
        self._short_month_year = skeletons["yMMM"].pattern
        self._money: dict[Money, str] = {}
        self._dates: dict[dt.date, str] = {}
        self._long_dates: dict[dt.date, str] = {}
        self._periods: dict[tuple[dt.date, dt.date], str] = {}

    def money(self, amount: Money) -> str:
        text = self._money.get(amount)
        if text is None:
            if len(self._money) > _KEPT:  # balances vary most; a long-lived app stays bounded
                self._money.clear()
            text = self._money[amount] = self._format.money(amount)
        return text

    def date(self, day: dt.date) -> str:
        text = self._dates.get(day)
        if text is None:
            text = self._dates[day] = self._format.date(day, "medium")
        return text

    def long_date(self, day: dt.date) -> str:
        text = self._long_dates.get(day)
        if text is None:
            text = self._long_dates[day] = self._format.date(day, "long")
        return text

    def period(self, start: dt.date, end: dt.date) -> str:
        """A dues period the way people name it: "March 2026", "Jan 2026 – Mar 2026", or its
        first and last days when it does not run from the first of a month to the last."""
        key = (start, end)
        text = self._periods.get(key)
        if text is None:
            whole_months = start.day == 1 and end.day == calendar.monthrange(end.year, end.month)[1]
            if whole_months and (start.year, start.month) == (end.year, end.month):
                text = self._format.date(start, self._month_year)
            elif whole_months:
                text = (f"{self._format.date(start, self._short_month_year)} – "
                        f"{self._format.date(end, self._short_month_year)}")
            else:
                text = f"{self.date(start)} – {self.date(end)}"
            self._periods[key] = text
        return text


#: At most about this many amounts are kept written per locale.
_KEPT = 50_000


@lru_cache(maxsize=32)
def _writer(locale: str) -> _Writer:
    return _Writer(locale)
