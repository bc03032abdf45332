"""The annual report's figures, gathered from the ledger and the registers as plain data.

For a fiscal year (named by its first day), beside the year before where the report compares:

- **Income and expenses**: each income and expense account's total over the year (income as a
  positive figure, expenses as positive costs) and the surplus, for both years.
- **Balance sheet** at the year's end: assets, liabilities and equity by account, and the
  surplus accumulated (all income less all expenses to that day, which the ledger does not
  close into equity): assets = liabilities + equity + accumulated surplus.
- **Membership**: members at the start and the end of the year, joined and left during it, and
  the year's end by class.
- **Dues**: charged and collected for the year's periods, the rate, and what members owed at
  the year's end (the arrears list's total and count).
- **Each fund**: its statement for the year, its claims (submitted, approved, paid, denied in
  the year) and its solvency outlook at the year's end.
- **Patronage**: the year's allocation if posted (surplus, reserve, cash, retained) and what was
  redeemed during the year.
- **Charts**: members at each year's end since the book began, dues collected each month of
  the year, each fund's balance at each month's end.
- **The audit chain's head** when the report is made: the last entry's id, date and hash, so
  that auditors sign against the very ledger the report was drawn from.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal
from fractions import Fraction

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import (
    Account,
    CapitalMovement,
    Claim,
    JournalEntry,
    Member,
    MemberClass,
    Posting,
)
from coopdesk.dues.periods import fiscal_year_start, shift_months
from coopdesk.dues.queries import arrears
from coopdesk.dues.summary import dues_summary
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money
from coopdesk.settings import load_settings


@dataclass(frozen=True, slots=True)
class AccountLine:
    code: str
    name: str
    this_year: Money
    last_year: Money


@dataclass(frozen=True, slots=True)
class IncomeStatement:
    income: tuple[AccountLine, ...]
    expenses: tuple[AccountLine, ...]
    total_income: tuple[Money, Money]    # this year, last year
    total_expenses: tuple[Money, Money]
    surplus: tuple[Money, Money]


@dataclass(frozen=True, slots=True)
class BalanceLine:
    code: str
    name: str
    balance: Money  # assets as debits, liabilities and equity as credits: all shown positive


@dataclass(frozen=True, slots=True)
class BalanceSheet:
    as_of: dt.date
    assets: tuple[BalanceLine, ...]
    liabilities: tuple[BalanceLine, ...]
    equity: tuple[BalanceLine, ...]
    accumulated_surplus: Money
    total_assets: Money
    total_liabilities: Money
    total_equity: Money  # equity accounts and the accumulated surplus


@dataclass(frozen=True, slots=True)
class Membership:
    at_start: int
    joined: int
    left: int
    at_end: int
    by_class: tuple[tuple[str, int], ...]  # class name (or "No class"), members at the year's end


@dataclass(frozen=True, slots=True)
class DuesYear:
    charged: Money
    collected: Money
    rate: str  # collected / charged in percent, one decimal ("" when nothing was charged)
    owed_at_end: Money
    members_owing: int


@dataclass(frozen=True, slots=True)
class FundYear:
    code: str
    name: str
    opening: Money
    contributions: Money
    payouts: Money
    refunds: Money
    other: Money
    closing: Money
    claims: tuple[tuple[str, int], ...]  # status, claims submitted in the year now in it
    months_lasting: int | None
    p_above_floor_12: str  # percent, one decimal
    p_above_floor_36: str


@dataclass(frozen=True, slots=True)
class PatronageYear:
    allocated: bool
    surplus: Money
    reserve: Money  # non-member part, reserve and pools no one shared in
    cash: Money
    retained: Money
    redeemed_in_year: Money


@dataclass(frozen=True, slots=True)
class ChainHead:
    entry_id: int | None
    entry_date: dt.date | None
    posted_at: str | None
    hash: str | None
    entries: int


@dataclass(frozen=True, slots=True)
class AnnualReport:
    coop_name: str
    year_start: dt.date
    year_end: dt.date
    previous_start: dt.date
    income: IncomeStatement
    balance_sheet: BalanceSheet
    membership: Membership
    dues: DuesYear
    funds: tuple[FundYear, ...]
    patronage: PatronageYear
    members_by_year: tuple[tuple[dt.date, int], ...]  # each year end since the book began
    dues_by_month: tuple[tuple[dt.date, Money, Money], ...]  # month, charged, collected
    fund_balances: tuple[tuple[str, tuple[tuple[dt.date, Money], ...]], ...]  # fund, month ends
    chain: ChainHead


def annual_report(session: Session, year_start: dt.date) -> AnnualReport:
    """The figures of the fiscal year from `year_start` (the first of its first month)."""
    settings = load_settings(session)
    currency = book_currency(session)
    year_end = shift_months(year_start, 12) - dt.timedelta(days=1)
    previous = shift_months(year_start, -12)
    return AnnualReport(
        settings.name, year_start, year_end, previous,
        income_statement(session, year_start, year_end, previous, currency),
        balance_sheet(session, year_end, currency),
        membership(session, year_start, year_end),
        dues_year(session, year_start, year_end, currency),
        funds_year(session, year_start, year_end),
        patronage_year(session, year_start, year_end, currency),
        members_by_year(session, year_start.month, year_end),
        dues_by_month(session, year_start, year_end, currency),
        fund_balances(session, year_start, year_end, currency),
        chain_head(session))


def income_statement(session: Session, start: dt.date, end: dt.date, previous: dt.date,
                     currency: str) -> IncomeStatement:
    this = _period_sums(session, start, end)
    last = _period_sums(session, previous, start - dt.timedelta(days=1))
    lines: dict[str, list[AccountLine]] = {"income": [], "expense": []}
    totals = {"income": [0, 0], "expense": [0, 0]}
    for account in session.execute(select(Account).where(Account.type.in_(("income", "expense")))
                                   .order_by(Account.code)).scalars():
        sign = -1 if account.type == "income" else 1  # income is credited: show it positive
        now, before = sign * this.get(account.id, 0), sign * last.get(account.id, 0)
        totals[account.type][0] += now
        totals[account.type][1] += before
        if now or before:
            lines[account.type].append(AccountLine(account.code, account.name,
                                                   Money.from_minor(now, currency),
                                                   Money.from_minor(before, currency)))

    def pair(values: list[int]) -> tuple[Money, Money]:
        return Money.from_minor(values[0], currency), Money.from_minor(values[1], currency)

    surplus = [totals["income"][i] - totals["expense"][i] for i in (0, 1)]
    return IncomeStatement(tuple(lines["income"]), tuple(lines["expense"]), pair(totals["income"]),
                           pair(totals["expense"]), pair(surplus))


def balance_sheet(session: Session, as_of: dt.date, currency: str) -> BalanceSheet:
    sums = _period_sums(session, None, as_of)
    groups: dict[str, list[BalanceLine]] = defaultdict(list)
    totals: Counter[str] = Counter()
    for account in session.execute(select(Account).order_by(Account.code)).scalars():
        units = sums.get(account.id, 0)
        if account.type in ("income", "expense"):
            totals["surplus"] -= units
            continue
        shown = units if account.type == "asset" else -units
        totals[account.type] += shown
        if units:
            groups[account.type].append(BalanceLine(account.code, account.name,
                                                    Money.from_minor(shown, currency)))

    def money(units: int) -> Money:
        return Money.from_minor(units, currency)

    return BalanceSheet(as_of, tuple(groups["asset"]), tuple(groups["liability"]),
                        tuple(groups["equity"]), money(totals["surplus"]), money(totals["asset"]),
                        money(totals["liability"]), money(totals["equity"] + totals["surplus"]))


def membership(session: Session, start: dt.date, end: dt.date) -> Membership:
    rows = list(session.execute(select(Member.join_date, Member.leave_date, MemberClass.name)
                                .outerjoin(MemberClass, MemberClass.id == Member.class_id)))

    def member_on(day: dt.date, joined: dt.date | None, left: dt.date | None) -> bool:
        return joined is not None and joined <= day and (left is None or left > day)

    before = start - dt.timedelta(days=1)
    at_end = [(name or "No class") for joined, left, name in rows if member_on(end, joined, left)]
    by_class = Counter(at_end)
    return Membership(
        at_start=sum(1 for joined, left, _ in rows if member_on(before, joined, left)),
        joined=sum(1 for joined, _, _ in rows if joined is not None and start <= joined <= end),
        left=sum(1 for _, left, _ in rows if left is not None and start <= left <= end),
        at_end=len(at_end), by_class=tuple(sorted(by_class.items())))


def dues_year(session: Session, start: dt.date, end: dt.date, currency: str) -> DuesYear:
    months = dues_by_month(session, start, end, currency)
    charged = sum((c for _, c, _ in months), Money.zero(currency))
    collected = sum((c for _, _, c in months), Money.zero(currency))
    owing = arrears(session, end)
    rate = f"{collected.amount * 100 / charged.amount:.1f}" if charged.is_positive else ""
    return DuesYear(charged, collected, rate, sum((r.amount for r in owing), Money.zero(currency)),
                    len(owing))


def dues_by_month(session: Session, start: dt.date, end: dt.date,
                  currency: str) -> tuple[tuple[dt.date, Money, Money], ...]:
    """Dues charged for the periods starting in each month of the year, and collected of them
    by the year's end."""
    found = {}
    for year in sorted({start.year, end.year}):
        for row in dues_summary(session, year, end):
            month = dt.date.fromisoformat(f"{row.month}-01")
            if start <= month <= end:
                found[month] = (row.charged, row.collected)
    return tuple((month, *found.get(month, (Money.zero(currency), Money.zero(currency))))
                 for month in (shift_months(start, i) for i in range(12)))


def funds_year(session: Session, start: dt.date, end: dt.date) -> tuple[FundYear, ...]:
    from coopdesk.funds.outlook import fund_outlook
    from coopdesk.funds.queries import fund_statement, list_funds

    rows = []
    for fund in list_funds(session, end):
        statement = fund_statement(session, fund.code, start, end)
        claims = Counter(session.execute(select(Claim.status).where(
            Claim.submitted_date.between(start, end),
            Claim.fund_id == _fund_id(session, fund.code))).scalars())
        outlook = fund_outlook(session, fund.code, end)
        rows.append(FundYear(fund.code, fund.name, statement.opening, statement.contributions,
                             statement.payouts, statement.refunds, statement.other, statement.closing,
                             tuple(sorted(claims.items())), outlook.months_lasting,
                             _percent(outlook.p_above_floor_12), _percent(outlook.p_above_floor_36)))
    return tuple(rows)


def patronage_year(session: Session, start: dt.date, end: dt.date, currency: str) -> PatronageYear:
    from coopdesk.patronage.queries import list_allocations

    zero = Money.zero(currency)
    redeemed = -int(session.execute(select(func.coalesce(func.sum(CapitalMovement.amount), 0)).where(
        CapitalMovement.kind == "redeemed",
        CapitalMovement.movement_date.between(start, end))).scalar_one())
    for row in list_allocations(session):
        if row.year_start == start:
            return PatronageYear(True, row.surplus, row.non_member + row.reserve, row.cash,
                                 row.retained, Money.from_minor(redeemed, currency))
    return PatronageYear(False, zero, zero, zero, zero, Money.from_minor(redeemed, currency))


def members_by_year(session: Session, start_month: int, last: dt.date) -> tuple[tuple[dt.date, int], ...]:
    """Members at each fiscal year's end, from the first year of the book to `last`."""
    rows = list(session.execute(select(Member.join_date, Member.leave_date)))
    joins = [joined for joined, _ in rows if joined is not None]
    if not joins:
        return ()
    first = min(joins)
    year_end = shift_months(fiscal_year_start(first, start_month), 12) - dt.timedelta(days=1)
    found = []
    while year_end <= last:
        found.append((year_end, sum(1 for joined, left in rows if joined is not None and joined <= year_end
                                    and (left is None or left > year_end))))
        year_end = shift_months(year_end + dt.timedelta(days=1), 12) - dt.timedelta(days=1)
    return tuple(found)


def fund_balances(session: Session, start: dt.date, end: dt.date,
                  currency: str) -> tuple[tuple[str, tuple[tuple[dt.date, Money], ...]], ...]:
    from coopdesk.db.models import Fund
    from coopdesk.funds.claims import fund_balance_units

    found = []
    for fund in session.execute(select(Fund).where(Fund.account_id.is_not(None)).order_by(Fund.code)).scalars():
        ends = [shift_months(start, i + 1) - dt.timedelta(days=1) for i in range(12)]
        found.append((fund.name, tuple((day, Money.from_minor(fund_balance_units(session, fund, day), currency))
                                       for day in ends if day <= end)))
    return tuple(found)


def chain_head(session: Session) -> ChainHead:
    last = session.execute(select(JournalEntry.id, JournalEntry.entry_date, JournalEntry.posted_at,
                                  JournalEntry.hash).order_by(JournalEntry.id.desc()).limit(1)).first()
    count = session.execute(select(func.count()).select_from(JournalEntry)).scalar_one()
    if last is None:
        return ChainHead(None, None, None, None, 0)
    return ChainHead(last[0], last[1], last[2], last[3], int(count))


def _period_sums(session: Session, start: dt.date | None, end: dt.date) -> dict[int, int]:
    query = (select(Posting.account_id, func.sum(Posting.amount))
             .join(JournalEntry, JournalEntry.id == Posting.entry_id)
             .where(JournalEntry.entry_date <= end)
             .group_by(Posting.account_id))
    if start is not None:
        query = query.where(JournalEntry.entry_date >= start)
    return {account_id: int(total) for account_id, total in session.execute(query)}


def _fund_id(session: Session, code: str) -> int:
    from coopdesk.funds.service import fund_by_code

    return fund_by_code(session, code).id


def _percent(value: Fraction) -> str:
    """A probability as a percentage with one decimal, rounded half-even."""
    exact = Decimal(value.numerator) * 100 / Decimal(value.denominator)
    return str(exact.quantize(Decimal("0.1"), ROUND_HALF_EVEN))
