"""The co-op's money besides dues: opening balances, bills, income, and cash taken to the bank."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence

from coopdesk.demo.calendar import Calendar
from coopdesk.demo.coop import CURRENCY, usd
from coopdesk.ledger.specs import EntrySpec, PostingSpec
from coopdesk.money import Money

CASH, BANK, OPENING = "1000", "1010", "3900"
OPERATING_INCOME, OTHER_INCOME, EXPENSES, BANK_CHARGES = "4100", "4900", "5000", "5900"
CASH_FLOAT = Money("50.00", CURRENCY)


def month_entries(rng: random.Random, cal: Calendar, index: int) -> list[EntrySpec]:
    """The month's ordinary entries of a small co-op, none after today, in date order."""
    label = cal.label(index)
    month = cal.month_of_year(index)
    specs = []
    if index == 0:
        specs.append(EntrySpec(cal.date(0, 1), (
            PostingSpec(BANK, Money("1250.00", CURRENCY)), PostingSpec(CASH, CASH_FLOAT),
            PostingSpec(OPENING, -Money("1300.00", CURRENCY)),
        ), memo="Opening balances taken over from the old spreadsheet", kind="opening"))
    specs.append(_entry(cal.date(index, 3), f"Hall rent, {label} (St. Brigid's parish hall)",
                        EXPENSES, BANK, Money("30.00", CURRENCY)))
    specs.append(_entry(cal.date(index, 20), f"Bulk-order handling fees, {label}", BANK,
                        OPERATING_INCOME, usd(rng.randint(1800, 6500))))
    if index % 3 == 1:
        specs.append(_entry(cal.date(index, 12), "Printing the members' newsletter (copy shop, cash)",
                            EXPENSES, CASH, usd(rng.randint(1800, 3400))))
    if index % 12 == 2:
        specs.append(_entry(cal.date(index, 15), "Liability insurance, annual premium", EXPENSES, BANK,
                            Money("185.00", CURRENCY)))
    if index == min(6, cal.last - 1):
        specs.append(_entry(cal.date(index, 18), "Grant from the Riverside Community Foundation "
                            "(walk-in cooler)", BANK, OTHER_INCOME, Money("750.00", CURRENCY)))
    if month == 12:
        specs.append(_entry(cal.date(index, 14), "Donations at the winter potluck (cash box)",
                            CASH, OTHER_INCOME, usd(rng.randint(4000, 12000))))
    specs.append(_entry(cal.date(index, 28), f"Bank account fee, {label}", BANK_CHARGES, BANK,
                        Money("2.50", CURRENCY)))
    return sorted((s for s in specs if s.date <= cal.today), key=lambda s: s.date)


def cash_deposit(cal: Calendar, index: int, cash_on_hand: Money) -> EntrySpec | None:
    """At the end of each quarter the cash taken in goes to the bank, but for a float; None in
    other months, when there is nothing to pay in, or when that day is still to come."""
    deposit = cash_on_hand - CASH_FLOAT
    day = cal.date(index, 26)
    if index % 3 != 2 or not deposit.is_positive or day > cal.today:
        return None
    return EntrySpec(day, (PostingSpec(BANK, deposit), PostingSpec(CASH, -deposit)),
                     memo="Cash from dues and events paid in at the bank")


def cash_change(specs: Sequence[EntrySpec]) -> Money:
    """What `specs` put into the cash box (or take out of it)."""
    return sum((p.amount for spec in specs for p in spec.postings if p.account == CASH),
               Money.zero(CURRENCY))


def _entry(date: dt.date, memo: str, debit: str, credit: str, amount: Money, kind: str = "manual") -> EntrySpec:
    return EntrySpec(date, (PostingSpec(debit, amount), PostingSpec(credit, -amount)), memo=memo, kind=kind)
