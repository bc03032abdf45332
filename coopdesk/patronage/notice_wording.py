"""A written notice's words and figures in the member's language: `NoticeData` in, `NoticeText`
out.

As for statements (`statements.wording`), everything the page shows is decided here, as text:
labels from `notice_labels` translated with the member's catalog
(`i18n.translations(locale).gettext`), amounts, quantities, percentages and dates written by a
`Formatter` for the member's locale. `notice_render` only places these strings.

The tax paragraph is the US's (IRC 1388: a notice is qualified when at least 20 % is paid in
cash and the member has consented, by the bylaws, to include it in income): it is printed for
co-ops in the United States only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import babel.numbers

from coopdesk.formatting import Formatter
from coopdesk.i18n import translations
from coopdesk.patronage import notice_labels as labels
from coopdesk.patronage.notice_data import NoticeData, NoticePool
from coopdesk.statements import labels as statement_labels

#: Where written notices of allocation carry the tax paragraph.
TAX_COUNTRIES = frozenset({"US"})


@dataclass(frozen=True, slots=True)
class NoticeText:
    """Every string one notice prints."""

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
    posted: str
    pools_title: str
    pool_columns: tuple[str, str, str]
    pools: tuple[tuple[str, str, str], ...]  # pool, patronage, allocation
    allocation: tuple[tuple[str, str], ...]  # allocation, cash, retained
    allocation_note: str
    capital_title: str
    capital: tuple[tuple[str, str], ...]  # before, credited, [redeemed,] balance
    tax: tuple[str, ...]
    page_label: str
    logo: bytes | None = None

    def page_of(self, page: int, pages: int) -> str:
        return self.page_label.format(page=page, pages=pages)


def notice_text(data: NoticeData) -> NoticeText:
    """The words and figures of `data`'s notice, in its language and locale."""
    write = Formatter(data.locale)
    t = translations(data.locale).gettext
    n = data.notice
    head = data.letterhead
    year = fiscal_year_name(n.year_start, n.year_end)
    period = t(statement_labels.PERIOD_RANGE).format(start=write.date(n.year_start),
                                                     end=write.date(n.year_end))
    capital = [(t(labels.BALANCE_BEFORE), write.money(n.previous_balance)),
               (t(labels.CREDITED), "+\u2009" + write.money(n.credited))]
    if not n.redeemed.is_zero:
        capital.append((t(labels.REDEEMED).format(date=write.date(n.posted_on, "long")),
                        "\u2212\u2009" + write.money(n.redeemed)))
    capital.append((t(labels.BALANCE_AFTER).format(date=write.date(n.posted_on, "long")),
                    write.money(n.balance)))
    tax: tuple[str, ...] = ()
    if data.home_country in TAX_COUNTRIES:
        tax = (t(labels.QUALIFIED if n.qualified else labels.NOT_QUALIFIED), t(labels.KEEP))
    note = (t(labels.CASH_BELOW_MINIMUM).format(amount=write.money(data.min_payout))
            if data.cash_below_minimum else "")
    return NoticeText(
        language=data.language,
        document_title=t(labels.NOTICE_DOCUMENT_TITLE).format(year=year),
        coop_name=head.name,
        letterhead=head.address,
        contact="  ·  ".join(part for part in (head.email, head.phone) if part),
        sender_line=" · ".join((head.name, *head.address)),
        recipient=data.recipient,
        info=((t(labels.NOTICE_DATE), write.date(data.notice_date, "long")),
              (t(statement_labels.MEMBER_NUMBER), n.member_number),
              (t(labels.FISCAL_YEAR), period)),
        heading=t(labels.NOTICE_TITLE),
        intro=t(labels.NOTICE_INTRO).format(surplus=write.money(n.surplus),
                                            total=write.money(n.total_allocation)),
        posted=t(labels.NOTICE_POSTED).format(date=write.date(n.posted_on, "long")),
        pools_title=t(labels.YOUR_PATRONAGE),
        pool_columns=(t(labels.COLUMN_POOL), t(labels.COLUMN_PATRONAGE), t(labels.COLUMN_ALLOCATION)),
        pools=tuple((pool_name(p, t), quantity_text(p.quantity, p.unit, write, t),
                     write.money(p.amount)) for p in data.pools),
        allocation=((t(labels.YOUR_ALLOCATION), write.money(n.allocation)),
                    (t(labels.PAID_IN_CASH), write.money(n.cash)),
                    (t(labels.RETAINED), write.money(n.retained))),
        allocation_note=note,
        capital_title=t(labels.CAPITAL_ACCOUNT),
        capital=tuple(capital),
        tax=tax,
        page_label=t(statement_labels.PAGE),
        logo=head.logo,
    )


def fiscal_year_name(start: dt.date, end: dt.date) -> str:
    """A fiscal year as people name it: "2025", or "2025–2026" when it straddles two."""
    return str(start.year) if start.year == end.year else f"{start.year}\u2013{end.year}"


def pool_name(pool: NoticePool, t: Callable[[str], str]) -> str:
    """The pool in the notice's words when it is still the book's, else as it was recorded."""
    if pool.measure is None or pool.members is None:
        return pool.label
    members = pool.members or t(labels.EVERY_MEMBER)
    return t(labels.POOL_NAMED).format(measure=pool.measure, members=members)


def quantity_text(quantity: Decimal, unit: str, write: Formatter, t: Callable[[str], str]) -> str:
    """A quantity with its unit ("1,200.5 hours"), or alone when the unit is not known."""
    number = write.number(quantity)
    return t(labels.QUANTITY_UNIT).format(quantity=number, unit=unit) if unit else number


def percent_text(percent: Decimal, locale: str) -> str:
    """A percentage (60 for 60 %) as the locale writes it, with its decimals ("12,5 %")."""
    return babel.numbers.format_percent(percent / 100, locale=locale, decimal_quantization=False)
