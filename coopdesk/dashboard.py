"""The figures of the dashboard, the first thing a treasurer sees when a book opens.

One query, `dashboard(session, today)`, returns them all as one frozen value: members by status,
dues charged and collected (this month, this fiscal year, each of the last twelve months), the
cash balance, and who owes dues. The words mean what the rest of coopdesk means by them:

* a member's status is `members.status.derive_status` over the facts `dues.queries.dues_facts`
  gives the members register;
* "collected" is the dues summary's (`dues.summary.dues_summary`): of the dues charged for
  periods starting in a month, the part that payments have settled, oldest charge first,
  counting what happened by `today`;
* "owing" is the arrears list's (`dues.queries.arrears`): members with a charge still open.

It must be drawn at once on a ten-year book of 5,000 members (560,000 charges, 1.2 million
entries), so it never walks every charge in Python as those queries do, nor sums them per
member. Paying oldest first, a member's payments pay off their older charges before anything
reaches the recent ones; so only a window of recent charges (a year or so) is settled one by
one, and what the payments left for it comes from the member's dues balance, which the ledger's
member index gives at once (`dues.standing.settle_window`). That balance is the charges less write-offs less
payments in every book `coopdesk check` passes; in a book where the check reports a member's
dues ledger disagreeing with their records, the dashboard follows the ledger for that member.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import cast

from sqlalchemy import Select, String, Table, func, select, type_coerce
from sqlalchemy.orm import Session

from coopdesk.db.models import Payment, WriteOff, accounts, charges, journal_entries, members, postings
from coopdesk.db.plain_rows import plain_rows
from coopdesk.dues.accounts import BANK, CASH
from coopdesk.dues.periods import add_months, fiscal_year_start, months_since
from coopdesk.dues.standing import entries_after, settle_window
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.members.types import Status
from coopdesk.money import Money
from coopdesk.settings import load_settings

#: How many months the chart of collection shows, the current one last.
CHART_MONTHS = 12
#: The accounts that hold the co-op's money (with their sub-accounts): the cash box and the bank.
CASH_ACCOUNT_CODES = (CASH, BANK)

_payments = cast(Table, Payment.__table__)
_write_offs = cast(Table, WriteOff.__table__)


@dataclass(frozen=True, slots=True)
class MonthCollection:
    """Dues charged for periods starting in one month, and how much of that is collected."""

    month: dt.date  # its first day
    charged: Money
    collected: Money


@dataclass(frozen=True, slots=True)
class Dashboard:
    """Where the co-op stands on `as_of`; every amount in the book's currency."""

    as_of: dt.date
    fiscal_year_start: dt.date  # first day of the fiscal year that holds `as_of`
    grace_months: int  # the book's grace allowance, which tells in grace from lapsed
    pending: int
    active: int
    in_grace: int
    lapsed: int
    withdrawn: int
    deceased: int
    charged_this_month: Money
    collected_this_month: Money
    charged_this_year: Money  # fiscal year to date
    collected_this_year: Money
    cash_balance: Money
    owing_members: int  # members with dues still open (the arrears list)
    owed_total: Money
    months: tuple[MonthCollection, ...]  # the last CHART_MONTHS months, oldest first

    def count(self, status: Status) -> int:
        """How many members have `status`."""
        return int(getattr(self, status.value))


def dashboard(session: Session, today: dt.date) -> Dashboard:
    """The dashboard's figures as of `today` (entries, payments and charges dated after it are
    not counted yet)."""
    settings = load_settings(session)
    currency = book_currency(session)
    this_month = today.replace(day=1)
    fiscal_start = fiscal_year_start(today, settings.fiscal_year_start)
    chart_start = add_months(this_month, 1 - CHART_MONTHS)
    # Before `window`, a member's charges count only as a sum. It reaches back far enough that
    # any charge before it has been open more than `grace_months`: such a member is lapsed
    # (or pending, or left), however much further back the charge is.
    window = min(fiscal_start, chart_start, add_months(this_month, -settings.grace_months))
    dues = settle_window(session, today, window)

    counts = dict.fromkeys(Status, 0)
    for member_id, join, leave, reason, override in plain_rows(session, select(
            members.c.id, members.c.join_date, members.c.leave_date, members.c.leave_reason,
            members.c.status_override)):
        facts = dues.facts.get(member_id, (False, 0))
        counts[derive_status(StatusFacts(join, leave, reason, override, *facts), today,
                             settings.grace_months)] += 1

    def money(units: int) -> Money:
        return Money.from_minor(units, currency)

    def month_of(first: dt.date) -> MonthCollection:
        key = f"{first:%Y-%m}"
        return MonthCollection(first, money(dues.charged[key]), money(dues.collected[key]))

    months = tuple(month_of(add_months(chart_start, i)) for i in range(CHART_MONTHS))
    this_year = [month for month in dues.charged if month >= f"{fiscal_start:%Y-%m}"]
    current = f"{this_month:%Y-%m}"
    return Dashboard(
        as_of=today,
        fiscal_year_start=fiscal_start,
        grace_months=settings.grace_months,
        pending=counts[Status.PENDING],
        active=counts[Status.ACTIVE],
        in_grace=counts[Status.IN_GRACE],
        lapsed=counts[Status.LAPSED],
        withdrawn=counts[Status.WITHDRAWN],
        deceased=counts[Status.DECEASED],
        charged_this_month=money(dues.charged[current]),
        collected_this_month=money(dues.collected[current]),
        charged_this_year=money(sum(dues.charged[m] for m in this_year)),
        collected_this_year=money(sum(dues.collected[m] for m in this_year)),
        cash_balance=money(cash_balance_units(session, today)),
        owing_members=len(dues.owed),
        owed_total=money(sum(dues.owed.values())),
        months=months,
    )


def cash_balance_units(session: Session, today: dt.date) -> int:
    """What the cash and bank accounts (and their sub-accounts) hold on `today`, in minor units.

    The sum over all their postings is read from the account index alone; the few postings of
    entries dated after today are then taken back out, rather than joining a million postings
    to their entries to read each one's date.
    """
    cash_ids = _cash_account_ids(session)
    total = session.execute(select(func.coalesce(func.sum(postings.c.amount), 0))
                            .where(postings.c.account_id.in_(cash_ids))).scalar_one()
    later = session.execute(
        select(func.coalesce(func.sum(postings.c.amount), 0))
        .where(postings.c.entry_id.in_(entries_after(today)), postings.c.account_id.in_(cash_ids))
    ).scalar_one()
    return int(total) - int(later)


def _cash_account_ids(session: Session) -> list[int]:
    """The ids of the cash and bank accounts and of every account under them."""
    rows = session.execute(select(accounts.c.id, accounts.c.code, accounts.c.parent_id)).all()
    chosen = {account_id for account_id, code, _ in rows if code in CASH_ACCOUNT_CODES}
    grew = True
    while grew:  # the chart is small; a few passes find every descendant
        below = {account_id for account_id, _, parent in rows if parent in chosen} - chosen
        chosen |= below
        grew = bool(below)
    return sorted(chosen)
