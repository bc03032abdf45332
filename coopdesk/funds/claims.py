"""Claims on a fund: submitted, decided (approved in full or in part, or denied), paid.

A decision checks the fund's policy (`policy.breaches`) on the decision's day. Approving a claim
that breaches it needs, for each breach, a reason from the deciders; each override is recorded
with its reason (`claim_overrides`, never changed). Denying needs a reason. Who decided is
recorded either way.

Paying posts what is due by the payment's day and not paid yet: the one payment of a one-off
claim, or each month of a monthly claim up to that day (`policy.installment_dates`), so paying
every month, or after a few months at once, comes to the same; paying again pays nothing twice
(`claim_payouts`, one standing payout per installment). A payout debits the fund's account,
naming the fund and the member, and credits the bank or cash. A payout paid wrongly is
reversed (`reverse_payout`), which makes its installment due again. A claim whose every
installment is paid is "paid".
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from coopdesk import clock
from coopdesk.changes import note_changes
from coopdesk.db.models import Claim, ClaimOverride, ClaimPayout, Fund, JournalEntry, Member, Posting
from coopdesk.dues.accounts import METHOD_ACCOUNTS, PAYMENT_METHODS
from coopdesk.dues.periods import fiscal_year_start
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.funds.participation import taking_part
from coopdesk.funds.policy import ClaimFacts, breaches, installment_dates
from coopdesk.funds.service import fund_by_code, policy_of
from coopdesk.funds.types import Breach, ClaimStatus
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.service import post_entries, reverse_entry
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money
from coopdesk.settings import load_settings

MAX_MONTHS = 120


class ClaimConflict(CoopdeskError):
    """The claim changed (in another window) since it was read; nothing was written."""


@dataclass(frozen=True, slots=True)
class ClaimDraft:
    fund_code: str
    member_number: str
    event_date: dt.date
    description: str
    amount: Money  # once, or each month
    months: int = 1  # 1: a one-off claim


def submit_claim(session: Session, draft: ClaimDraft, submitted: dt.date | None = None) -> int:
    """Record a claim as submitted; every problem is reported at once."""
    day = submitted or clock.today()
    problems = []
    fund = fund_by_code(session, draft.fund_code)
    member_id = session.execute(select(Member.id).where(Member.number == draft.member_number.strip())
                                ).scalar_one_or_none()
    if member_id is None:
        problems.append(f"member: no member with number {draft.member_number!r}")
    if not draft.description.strip():
        problems.append("description: say what happened")
    currency = book_currency(session)
    if draft.amount.currency != currency:
        problems.append(f"amount: the book keeps {currency}, not {draft.amount.currency}")
    elif not draft.amount.is_positive:
        problems.append("amount: must be more than zero")
    if not 1 <= draft.months <= MAX_MONTHS:
        problems.append(f"months: from 1 to {MAX_MONTHS}")
    if draft.event_date > day:
        problems.append(f"event date: {draft.event_date.isoformat()} is after the day the claim "
                        f"is submitted ({day.isoformat()})")
    if problems:
        raise ValidationError(problems, subject="claim")
    assert member_id is not None
    claim = Claim(fund_id=fund.id, member_id=member_id, submitted_date=day,
                  event_date=draft.event_date, description=draft.description.strip(),
                  amount=draft.amount.minor_units, months=draft.months,
                  status=ClaimStatus.SUBMITTED.value, decision_reason="", decided_by="", version=1)
    session.add(claim)
    session.flush()
    note_changes(session, area="claims", members=[member_id], funds=[fund.id])
    return claim.id


def claim_breaches(session: Session, claim_id: int, *, amount: Money | None = None,
                   months: int | None = None, as_of: dt.date | None = None) -> list[Breach]:
    """What the fund's policy says of approving the claim (for `amount` a payment and
    `months`, by default as asked for) on `as_of`: every breach, none when it is within it."""
    claim = _claim(session, claim_id)
    fund = session.get(Fund, claim.fund_id)
    assert fund is not None
    currency = book_currency(session)
    facts = claim_facts(session, claim, fund,
                        amount if amount is not None else Money.from_minor(claim.amount, currency),
                        months if months is not None else claim.months, as_of or clock.today())
    return breaches(policy_of(fund, currency), facts)


def claim_facts(session: Session, claim: Claim, fund: Fund, amount: Money, months: int,
                as_of: dt.date) -> ClaimFacts:
    """What the policy needs to know to decide `claim` for `amount` x `months` on `as_of`."""
    currency = amount.currency
    start_month = load_settings(session).fiscal_year_start
    taking = taking_part(session, fund, [claim.member_id]).get(claim.member_id)
    paid_by_year: dict[dt.date, Money] = defaultdict(lambda: Money.zero(currency))
    committed = 0
    standing = standing_payouts(session, [fund.id])
    for other in session.execute(select(Claim).where(
            Claim.fund_id == fund.id, Claim.id != claim.id,
            Claim.status.in_((ClaimStatus.APPROVED, ClaimStatus.PARTLY_APPROVED,
                              ClaimStatus.PAID)))).scalars():
        approved = other.approved_amount or 0
        approved_months = other.approved_months or 0
        if other.status != ClaimStatus.PAID:
            committed += approved * approved_months - sum(standing.get(other.id, {}).values())
        if other.member_id == claim.member_id:
            for due in installment_dates(other.event_date, approved_months):
                paid_by_year[fiscal_year_start(due, start_month)] += Money.from_minor(approved, currency)
    return ClaimFacts(
        event_date=claim.event_date, amount=amount, months=months,
        taking_part_since=taking.since if taking else None,
        taking_part_until=taking.until if taking else None,
        paid_by_year=dict(paid_by_year),
        fund_balance=Money.from_minor(fund_balance_units(session, fund, as_of), currency),
        committed=Money.from_minor(committed, currency),
        fiscal_year_start_month=start_month)


def approve_claim(session: Session, claim_id: int, *, decided_by: str, date: dt.date | None = None,
                  amount: Money | None = None, months: int | None = None, reason: str = "",
                  overrides: Mapping[str, str] | None = None,
                  expected_version: int | None = None) -> ClaimStatus:
    """Approve the claim, in full or for less (`amount` a payment, `months`).

    Each breach of the policy needs a reason in `overrides` (by its rule); without one, the
    approval is refused with every breach listed and nothing changes. Returns the new status:
    approved, or partly approved when less than asked for is granted.
    """
    day = date or clock.today()
    claim = _undecided(session, claim_id, expected_version)
    currency = book_currency(session)
    asked = Money.from_minor(claim.amount, currency)
    grant, grant_months = amount if amount is not None else asked, months or claim.months
    problems = _decision_problems(decided_by, claim, day)
    if grant.currency != currency or not grant.is_positive or grant > asked:
        problems.append(f"amount: more than zero and at most the {asked} asked for")
    if not 1 <= grant_months <= claim.months:
        problems.append(f"months: from 1 to the {claim.months} asked for")
    if problems:
        raise ValidationError(problems, subject="approval")
    reasons = {rule: text.strip() for rule, text in (overrides or {}).items() if text.strip()}
    found = claim_breaches(session, claim_id, amount=grant, months=grant_months, as_of=day)
    unexplained = [b for b in found if b.rule not in reasons]
    if unexplained:
        raise ValidationError([f"{b.message}: give a reason to approve it anyway ({b.rule})"
                               for b in unexplained], subject="approval")
    partly = grant < asked or grant_months < claim.months
    claim.status = (ClaimStatus.PARTLY_APPROVED if partly else ClaimStatus.APPROVED).value
    claim.approved_amount, claim.approved_months = grant.minor_units, grant_months
    _decided(claim, decided_by, reason, day)
    session.add_all(ClaimOverride(claim_id=claim.id, rule=b.rule, breach=b.message,
                                  reason=reasons[b.rule]) for b in found)
    session.flush()
    note_changes(session, area="claims", members=[claim.member_id], funds=[claim.fund_id])
    return ClaimStatus(claim.status)


def deny_claim(session: Session, claim_id: int, *, decided_by: str, reason: str,
               date: dt.date | None = None, expected_version: int | None = None) -> None:
    """Deny the claim, saying why."""
    day = date or clock.today()
    claim = _undecided(session, claim_id, expected_version)
    problems = _decision_problems(decided_by, claim, day)
    if not reason.strip():
        problems.append("reason: say why the claim is denied")
    if problems:
        raise ValidationError(problems, subject="denial")
    claim.status = ClaimStatus.DENIED.value
    _decided(claim, decided_by, reason, day)
    session.flush()
    note_changes(session, area="claims", members=[claim.member_id], funds=[claim.fund_id])


@dataclass(frozen=True, slots=True)
class PayoutResult:
    payouts: int
    claims: int
    total: Money


def pay_claim(session: Session, claim_id: int, date: dt.date | None = None,
              method: str = "bank_transfer") -> PayoutResult:
    """Pay what the claim has due by `date` and not paid yet (nothing twice)."""
    claim = _claim(session, claim_id)
    if not ClaimStatus(claim.status).is_open:
        raise CoopdeskError(f"claim {claim_id} is {ClaimStatus(claim.status).value.replace('_', ' ')}: "
                            "only an approved claim is paid")
    return _pay(session, [claim], date or clock.today(), method)


def pay_due_claims(session: Session, date: dt.date | None = None, method: str = "bank_transfer",
                   fund_code: str | None = None) -> PayoutResult:
    """Pay every approved claim (of one fund, or all) what it has due by `date`."""
    query = select(Claim).where(Claim.status.in_((ClaimStatus.APPROVED, ClaimStatus.PARTLY_APPROVED)))
    if fund_code is not None:
        query = query.where(Claim.fund_id == fund_by_code(session, fund_code).id)
    return _pay(session, list(session.execute(query.order_by(Claim.id)).scalars()),
                date or clock.today(), method)


def reverse_payout(session: Session, payout_id: int, date: dt.date | None = None) -> int:
    """Reverse a payout made wrongly; its installment is due again. Returns the reversal's id."""
    payout = session.get(ClaimPayout, payout_id)
    if payout is None:
        raise NotFound(f"no claim payout {payout_id}")
    claim = _claim(session, payout.claim_id)
    reversal = reverse_entry(session, payout.entry_id, date=date)
    if claim.status == ClaimStatus.PAID:
        partly = claim.approved_amount != claim.amount or claim.approved_months != claim.months
        claim.status = (ClaimStatus.PARTLY_APPROVED if partly else ClaimStatus.APPROVED).value
        claim.version += 1
    session.flush()
    note_changes(session, area="claims", entries=[reversal], members=[claim.member_id],
                 funds=[claim.fund_id])
    return reversal


def standing_payouts(session: Session, fund_ids: Sequence[int]) -> dict[int, dict[int, int]]:
    """For each claim of the funds: installment -> amount of its payout that stands (not
    reversed)."""
    reversal = aliased(JournalEntry)
    rows = session.execute(
        select(ClaimPayout.claim_id, ClaimPayout.installment, ClaimPayout.amount)
        .join(Claim, Claim.id == ClaimPayout.claim_id)
        .outerjoin(reversal, reversal.reverses_id == ClaimPayout.entry_id)
        .where(Claim.fund_id.in_(fund_ids), reversal.id.is_(None)))
    found: dict[int, dict[int, int]] = defaultdict(dict)
    for claim_id, installment, amount in rows:
        found[claim_id][installment] = amount
    return found


def fund_balance_units(session: Session, fund: Fund, as_of: dt.date | None = None) -> int:
    """What the fund holds (its account's credit balance) by `as_of`, in minor units."""
    query = (select(func.coalesce(func.sum(Posting.amount), 0))
             .where(Posting.account_id == fund.account_id))
    if as_of is not None:
        query = query.join(JournalEntry, JournalEntry.id == Posting.entry_id).where(
            JournalEntry.entry_date <= as_of)
    return -int(session.execute(query).scalar_one())


def _pay(session: Session, to_pay: Sequence[Claim], day: dt.date, method: str) -> PayoutResult:
    currency = book_currency(session)
    if method not in PAYMENT_METHODS:
        raise ValidationError([f"method: one of {', '.join(PAYMENT_METHODS)}, not {method!r}"],
                              subject="payout")
    paid_from = account_id_for(session, METHOD_ACCOUNTS[method])
    funds = {f.id: f for f in session.execute(select(Fund).where(
        Fund.id.in_({c.fund_id for c in to_pay}))).scalars()}
    standing = standing_payouts(session, list(funds))
    numbers = dict(session.execute(select(Member.id, Member.number).where(
        Member.id.in_({c.member_id for c in to_pay}))).all())
    planned: list[tuple[Claim, int, int, EntryDraft]] = []
    for claim in to_pay:
        fund = funds[claim.fund_id]
        assert fund.account_id is not None and claim.approved_amount is not None
        months = claim.approved_months or 1
        paid = standing.get(claim.id, {})
        for installment, due in enumerate(installment_dates(claim.event_date, months), start=1):
            if due > day or installment in paid:
                continue
            units = claim.approved_amount
            of = f" ({installment} of {months})" if months > 1 else ""
            planned.append((claim, installment, units, EntryDraft(
                day, EntryKind.CLAIM, (
                    PostingDraft(fund.account_id, units, member_id=claim.member_id, fund_id=fund.id),
                    PostingDraft(paid_from, -units),
                ), memo=f"Claim {claim.id} of member {numbers[claim.member_id]} on {fund.code}: "
                        f"{claim.description}{of}",
                source_ref=f"claim:{claim.id}:{installment}")))
    entry_ids = post_entries(session, [draft for *_, draft in planned])
    for (claim, installment, units, _draft), entry_id in zip(planned, entry_ids, strict=True):
        session.add(ClaimPayout(claim_id=claim.id, installment=installment, amount=units,
                                entry_id=entry_id))
        standing.setdefault(claim.id, {})[installment] = units
    for claim in to_pay:
        if len(standing.get(claim.id, {})) >= (claim.approved_months or 1):
            claim.status = ClaimStatus.PAID.value
            claim.version += 1
    session.flush()
    paid_claims = {claim.id for claim, *_ in planned}
    note_changes(session, area="claims", entries=entry_ids,
                 members={claim.member_id for claim, *_ in planned},
                 funds={claim.fund_id for claim, *_ in planned})
    return PayoutResult(len(planned), len(paid_claims),
                        Money.from_minor(sum(units for _, _, units, _ in planned), currency))


def _claim(session: Session, claim_id: int) -> Claim:
    claim = session.get(Claim, claim_id)
    if claim is None:
        raise NotFound(f"no claim {claim_id}")
    return claim


def _undecided(session: Session, claim_id: int, expected_version: int | None) -> Claim:
    claim = _claim(session, claim_id)
    if expected_version is not None and claim.version != expected_version:
        raise ClaimConflict(f"claim {claim_id} was changed meanwhile (in another window); "
                            "look at it again before deciding")
    if claim.status != ClaimStatus.SUBMITTED:
        raise CoopdeskError(f"claim {claim_id} was already decided "
                            f"({ClaimStatus(claim.status).value.replace('_', ' ')})")
    return claim


def _decision_problems(decided_by: str, claim: Claim, day: dt.date) -> list[str]:
    problems = []
    if not decided_by.strip():
        problems.append("decided by: say who decided (a name, or the board and its meeting)")
    if day < claim.submitted_date:
        problems.append(f"date: the decision cannot come before the claim was submitted "
                        f"({claim.submitted_date.isoformat()})")
    return problems


def _decided(claim: Claim, decided_by: str, reason: str, day: dt.date) -> None:
    claim.decided_by = decided_by.strip()
    claim.decision_reason = reason.strip()
    claim.decision_date = day
    claim.version += 1


__all__ = ["ClaimConflict", "ClaimDraft", "PayoutResult", "approve_claim", "claim_breaches",
           "claim_facts", "deny_claim", "fund_balance_units", "pay_claim", "pay_due_claims",
           "reverse_payout", "standing_payouts", "submit_claim"]
