"""What a member's statement says, as plain frozen data: no ReportLab, no database.

`queries.statements_for` builds these from the book; `wording` turns one into the words and
figures of its language; `render` only draws those. Amounts are `Money`; a balance above zero
is owed by the member, below zero is credit held for them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from coopdesk.money import Money


class LineKind(StrEnum):
    """What one line of the member's dues account is."""

    CHARGE = "charge"
    PAYMENT = "payment"
    WRITE_OFF = "write_off"
    REVERSAL = "reversal"
    #: Prepayment credit used to pay dues: shown for the member's information, it does not
    #: change what they owe (the money only moves within their account).
    CREDIT_APPLIED = "credit_applied"
    #: A payment beyond the dues then open, kept as credit for later dues (no change either).
    CREDIT_KEPT = "credit_kept"
    #: Any other entry on the member's dues account (a correction typed by the treasurer).
    ADJUSTMENT = "adjustment"


class Standing(StrEnum):
    """Where the member stands on the statement date, from their derived status."""

    GOOD = "good_standing"  # active, or in grace (Status.in_good_standing)
    IN_ARREARS = "in_arrears"  # lapsed: dues unpaid beyond the grace allowance
    PENDING = "pending"  # not joined yet, or first dues not paid yet
    ENDED = "ended"  # withdrawn or deceased


@dataclass(frozen=True, slots=True)
class Letterhead:
    """The co-op as its letters show it. `address` is the postal lines as printed."""

    name: str
    address: tuple[str, ...]
    email: str = ""
    phone: str = ""
    #: The logo's image file (PNG or JPEG bytes, `coopdesk.logo`); None when the book has none.
    logo: bytes | None = None


@dataclass(frozen=True, slots=True)
class StatementLine:
    """One line of the statement, with the balance after it.

    `charge` adds to what the member owes, `credit` takes from it (both zero or more; at most
    one is non-zero). `moved` is the amount of a CREDIT_APPLIED or CREDIT_KEPT line, which
    changes neither. The other fields say what the line is about, for its description:
    the dues period of a charge or write-off, a payment's method, the date and kind of the
    entry a reversal undoes, and an adjustment's memo (the treasurer's own words).
    """

    date: dt.date
    kind: LineKind
    charge: Money
    credit: Money
    balance: Money
    entry_id: int
    moved: Money | None = None
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    partial_period: bool = False
    method: str | None = None
    reversed_date: dt.date | None = None
    reversed_kind: str | None = None
    memo: str = ""
    #: The fund a charged (or written-off) contribution goes to, by its name; None for dues.
    fund: str | None = None


@dataclass(frozen=True, slots=True)
class SectionRow:
    """One row of a later section: `label` is a message id (marked with `N_`), translated
    when the statement is worded; `detail` is data shown as it is (a fund's name)."""

    label: str
    amount: Money
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Section:
    """A part of the statement that a later feature fills (risk funds, patronage)."""

    title: str  # a message id, like SectionRow.label
    rows: tuple[SectionRow, ...]
    detail: str = ""  # data after the title, as it is (the fund's name)


@dataclass(frozen=True, slots=True)
class Statement:
    """One member's statement of account for a period, as of `statement_date`.

    Lines are the entries dated within [date_from, date_to]; `opening_balance` is the account
    before date_from and `closing_balance` after date_to. `amount_due` is what the closing
    balance leaves owed (zero when it is credit), payable by `due_date` (None when nothing is
    due). Status and standing are derived as of the statement date, like the register's.
    `language` is the gettext language of the words, `locale` the Babel locale of amounts
    and dates.
    """

    member_number: str
    member_name: str
    recipient: tuple[str, ...]  # the name and postal lines, as they go in the window
    language: str
    locale: str
    letterhead: Letterhead
    statement_date: dt.date
    date_from: dt.date
    date_to: dt.date
    opening_balance: Money
    lines: tuple[StatementLine, ...]
    closing_balance: Money
    amount_due: Money
    due_date: dt.date | None
    status: str
    standing: Standing
    months_in_arrears: int
    left_on: dt.date | None = None
    #: Reserved for the risk-funds issue: contributions and claims, one section per fund.
    risk_funds: tuple[Section, ...] = ()
    #: Reserved for the patronage issue: allocation and capital account.
    patronage: tuple[Section, ...] = ()

    @property
    def currency(self) -> str:
        return self.closing_balance.currency

    @property
    def total_charged(self) -> Money:
        return _sum((line.charge for line in self.lines), self.closing_balance)

    @property
    def total_credited(self) -> Money:
        return _sum((line.credit for line in self.lines), self.closing_balance)


def _sum(amounts: Iterable[Money], like: Money) -> Money:
    # Decimals added, one Money made: adding Money checks each sum's minor units exactly.
    return Money(sum((amount.amount for amount in amounts), Decimal(0)), like.currency)
