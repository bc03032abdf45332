"""The funds as the board reads them: the list, a fund's statement, its claims, its members.

Every figure is a sum over the fund account's postings, split by what posted them: the dues
run's charges and the payments' shares are contributions, claim entries are payouts, refund
entries are refunds; a reversal counts with what it reverses (a reversed payment takes its
share back out of the contributions). The fund statement's closing balance is therefore the
opening balance plus contributions less payouts less refunds, and equals the account's
balance, which `audit` proves for `coopdesk check`.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from coopdesk.db.models import (
    Account,
    Claim,
    ClaimOverride,
    ClaimPayout,
    Fund,
    JournalEntry,
    Member,
    MemberClass,
    Posting,
)
from coopdesk.errors import NotFound
from coopdesk.funds.claims import fund_balance_units, standing_payouts
from coopdesk.funds.participation import fund_class_ids, taking_part
from coopdesk.funds.service import fund_by_code, policy_of
from coopdesk.funds.types import ClaimStatus, ContributionKind, FundPolicy
from coopdesk.ledger.lookup import book_currency
from coopdesk.ledger.types import EntryKind
from coopdesk.money import Money

#: What posted an entry on a fund's account, as the fund's reports name it.
CONTRIBUTIONS, PAYOUTS, REFUNDS, OTHER = "contributions", "payouts", "refunds", "other"
_SOURCE = {EntryKind.DUES: CONTRIBUTIONS, EntryKind.PAYMENT: CONTRIBUTIONS,
           EntryKind.CLAIM: PAYOUTS, EntryKind.REFUND: REFUNDS}


@dataclass(frozen=True, slots=True)
class FundRow:
    code: str
    name: str
    account_code: str
    kind: ContributionKind
    contribution: Money | None      # FIXED: a month's contribution
    share_percent: Decimal | None   # SHARE: of each dues payment
    start_date: dt.date
    classes: tuple[str, ...]        # codes; empty: every class
    policy: FundPolicy
    balance: Money
    members_taking_part: int
    open_claims: int
    notes: str


@dataclass(frozen=True, slots=True)
class FundStatement:
    """A fund over a period: opening + contributions - payouts - refunds (+ other) = closing."""

    code: str
    name: str
    date_from: dt.date
    date_to: dt.date
    opening: Money
    contributions: Money
    payouts: Money
    refunds: Money
    other: Money  # manual entries on the fund's account (a transfer in, a correction)
    closing: Money


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    fund_code: str
    member_number: str
    member_name: str
    submitted_date: dt.date
    event_date: dt.date
    description: str
    amount: Money           # asked for, once or a month
    months: int
    status: ClaimStatus
    approved_amount: Money | None
    approved_months: int | None
    decision_date: dt.date | None
    decision_reason: str
    decided_by: str
    paid: Money             # payouts that stand
    to_pay: Money           # what the approval still has to pay
    overrides: tuple[tuple[str, str, str], ...]  # (rule, breach, reason)
    version: int

    @property
    def asked_total(self) -> Money:
        return self.amount * self.months


@dataclass(frozen=True, slots=True)
class MemberFundRow:
    """One member's contributions, payouts and refunds of a fund over a period."""

    member_number: str
    member_name: str
    contributions: Money
    payouts: Money
    refunds: Money


def list_funds(session: Session, as_of: dt.date | None = None) -> list[FundRow]:
    """Every fund with its balance (by `as_of`), members taking part and open claims."""
    currency = book_currency(session)
    class_codes = dict(session.execute(select(MemberClass.id, MemberClass.code)).all())
    return [_fund_row(session, fund, currency, class_codes, as_of)
            for fund in session.execute(select(Fund).where(Fund.account_id.is_not(None))
                                        .order_by(Fund.code)).scalars()]


def fund_details(session: Session, code: str, as_of: dt.date | None = None) -> FundRow:
    fund = fund_by_code(session, code)
    class_codes = dict(session.execute(select(MemberClass.id, MemberClass.code)).all())
    return _fund_row(session, fund, book_currency(session), class_codes, as_of)


def fund_statement(session: Session, code: str, date_from: dt.date, date_to: dt.date) -> FundStatement:
    """The fund's movements from `date_from` to `date_to`, both included."""
    fund = fund_by_code(session, code)
    currency = book_currency(session)
    sums: dict[str, int] = defaultdict(int)
    opening = 0
    for kind, reversed_kind, day, total in movements(session, [fund.account_id or 0]):
        source = source_of(kind, reversed_kind)
        if day < date_from:
            opening -= total
        elif day <= date_to:
            sums[source] -= total
    money = {k: Money.from_minor(v, currency) for k, v in sums.items()}
    zero = Money.zero(currency)
    opening_money = Money.from_minor(opening, currency)
    contributions, payouts = money.get(CONTRIBUTIONS, zero), -money.get(PAYOUTS, zero)
    refunds, other = -money.get(REFUNDS, zero), money.get(OTHER, zero)
    return FundStatement(fund.code, fund.name, date_from, date_to, opening_money, contributions,
                         payouts, refunds, other,
                         opening_money + contributions - payouts - refunds + other)


def list_claims(session: Session, *, fund_code: str | None = None,
                member_number: str | None = None,
                statuses: Sequence[ClaimStatus] = (), claim_id: int | None = None) -> list[ClaimRow]:
    """The claims register, newest first, filtered by fund, member, status (or one claim)."""
    currency = book_currency(session)
    query = (select(Claim, Fund.code, Member.number, Member.display_name)
             .join(Fund, Fund.id == Claim.fund_id).join(Member, Member.id == Claim.member_id)
             .order_by(Claim.submitted_date.desc(), Claim.id.desc()))
    if fund_code is not None:
        query = query.where(Claim.fund_id == fund_by_code(session, fund_code).id)
    if member_number is not None:
        query = query.where(Member.number == member_number)
    if statuses:
        query = query.where(Claim.status.in_([s.value for s in statuses]))
    if claim_id is not None:
        query = query.where(Claim.id == claim_id)
    found = [(claim, fund, number, name) for claim, fund, number, name in session.execute(query)]
    if not found:
        return []
    standing = standing_payouts(session, list({claim.fund_id for claim, *_ in found}))
    overrides: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
    for claim_id, rule, breach, reason in session.execute(
            select(ClaimOverride.claim_id, ClaimOverride.rule, ClaimOverride.breach,
                   ClaimOverride.reason).where(ClaimOverride.claim_id.in_([c.id for c, *_ in found]))
            .order_by(ClaimOverride.id)):
        overrides[claim_id].append((rule, breach, reason))
    return [_claim_row(claim, fund, number, name, currency, standing.get(claim.id, {}),
                       tuple(overrides.get(claim.id, ())))
            for claim, fund, number, name in found]


def claim_details(session: Session, claim_id: int) -> ClaimRow:
    rows = list_claims(session, claim_id=claim_id)
    if not rows:
        raise NotFound(f"no claim {claim_id}")
    return rows[0]


def member_fund_totals(session: Session, code: str, date_from: dt.date | None = None,
                       date_to: dt.date | None = None) -> list[MemberFundRow]:
    """Each member's contributions, payouts and refunds of the fund, by member number."""
    fund = fund_by_code(session, code)
    currency = book_currency(session)
    sums: dict[int, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for member_id, kind, reversed_kind, day, total in movements_by_member(session, fund.account_id or 0):
        if (date_from is not None and day < date_from) or (date_to is not None and day > date_to):
            continue
        sums[member_id][source_of(kind, reversed_kind)] -= total
    names = {member_id: (number, name) for member_id, number, name in session.execute(
        select(Member.id, Member.number, Member.display_name).where(Member.id.in_(list(sums))))}
    rows = [MemberFundRow(names[m][0], names[m][1], Money.from_minor(s[CONTRIBUTIONS], currency),
                          Money.from_minor(-s[PAYOUTS], currency),
                          Money.from_minor(-s[REFUNDS], currency))
            for m, s in sums.items()]
    return sorted(rows, key=lambda row: (len(row.member_number), row.member_number))


def _fund_row(session: Session, fund: Fund, currency: str, class_codes: dict[int, str],
              as_of: dt.date | None) -> FundRow:
    kind = ContributionKind(fund.contribution_kind)
    account = session.get(Account, fund.account_id)
    assert account is not None and fund.start_date is not None
    taking = taking_part(session, fund)
    day = as_of or dt.date.max
    open_claims = session.execute(select(func.count()).select_from(Claim).where(
        Claim.fund_id == fund.id, Claim.status.in_([s.value for s in ClaimStatus if s.is_open]))
    ).scalar_one()
    return FundRow(
        fund.code, fund.name, account.code, kind,
        Money.from_minor(fund.contribution, currency) if kind is ContributionKind.FIXED else None,
        Decimal(fund.share_percent) if kind is ContributionKind.SHARE else None,
        fund.start_date,
        tuple(sorted(class_codes[c] for c in fund_class_ids(session, fund.id))),
        policy_of(fund, currency),
        Money.from_minor(fund_balance_units(session, fund, as_of), currency),
        sum(1 for t in taking.values() if t.since <= day and (t.until is None or t.until >= day)),
        int(open_claims), fund.notes)


def _claim_row(claim: Claim, fund_code: str, number: str, name: str, currency: str,
               paid: dict[int, int], overrides: tuple[tuple[str, str, str], ...]) -> ClaimRow:
    def money(units: int | None) -> Money | None:
        return None if units is None else Money.from_minor(units, currency)

    status = ClaimStatus(claim.status)
    paid_units = sum(paid.values())
    approved_total = (claim.approved_amount or 0) * (claim.approved_months or 0)
    to_pay = approved_total - paid_units if status.is_open else 0
    return ClaimRow(claim.id, fund_code, number, name, claim.submitted_date, claim.event_date,
                    claim.description, Money.from_minor(claim.amount, currency), claim.months,
                    status, money(claim.approved_amount), claim.approved_months,
                    claim.decision_date, claim.decision_reason, claim.decided_by,
                    Money.from_minor(paid_units, currency), Money.from_minor(to_pay, currency),
                    overrides, claim.version)


_reversed = aliased(JournalEntry)


def movements(session: Session, account_ids: list[int]) -> list[tuple[str, str | None, dt.date, int]]:
    """(entry kind, kind of the entry it reverses, date, sum) of the accounts' postings."""
    query = (select(JournalEntry.kind, _reversed.kind, JournalEntry.entry_date, func.sum(Posting.amount))
             .join(JournalEntry, JournalEntry.id == Posting.entry_id)
             .outerjoin(_reversed, _reversed.id == JournalEntry.reverses_id)
             .where(Posting.account_id.in_(account_ids))
             .group_by(JournalEntry.kind, _reversed.kind, JournalEntry.entry_date))
    return [(kind, rkind, day, int(total)) for kind, rkind, day, total in session.execute(query)]


def movements_by_member(session: Session, account_id: int
                         ) -> list[tuple[int, str, str | None, dt.date, int]]:
    query = (select(Posting.member_id, JournalEntry.kind, _reversed.kind, JournalEntry.entry_date,
                    func.sum(Posting.amount))
             .join(JournalEntry, JournalEntry.id == Posting.entry_id)
             .outerjoin(_reversed, _reversed.id == JournalEntry.reverses_id)
             .where(Posting.account_id == account_id, Posting.member_id.is_not(None))
             .group_by(Posting.member_id, JournalEntry.kind, _reversed.kind, JournalEntry.entry_date))
    return [(m or 0, kind, rkind, day, int(total)) for m, kind, rkind, day, total in session.execute(query)]


def source_of(kind: str, reversed_kind: str | None) -> str:
    """What a movement is to the fund: a reversal counts with what it reverses."""
    return _SOURCE.get(EntryKind(reversed_kind if kind == EntryKind.REVERSAL and reversed_kind
                                 else kind), OTHER)


__all__ = ["CONTRIBUTIONS", "OTHER", "PAYOUTS", "REFUNDS", "ClaimRow", "FundRow", "FundStatement",
           "MemberFundRow", "claim_details", "fund_details", "fund_statement", "list_claims",
           "list_funds", "member_fund_totals"]
