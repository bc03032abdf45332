"""Adding a fund and changing its rules.

A fund gets an account of its own in the chart ("Risk fund: ...", a liability: the money is
held for the members), numbered from `FIRST_ACCOUNT`. A fund of fixed monthly contributions
also gets a dues plan of its own (monthly, on calendar months, never shown among the dues
plans), through which the dues run charges every member who takes part, exactly as it charges
dues: once per month, safe to run again (`contributions`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.models import Account, DuesPlan, Fund, FundClass, MemberClass
from coopdesk.errors import NotFound, ValidationError
from coopdesk.funds.types import ContributionKind, FundDraft, FundPolicy
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money

#: Fund accounts are numbered from here, one per fund, in the liabilities.
FIRST_ACCOUNT = 2400
LAST_ACCOUNT = 2499
#: The hidden dues plan of a fund is named with this prefix and the fund's code.
PLAN_PREFIX = "fund:"
MAX_CODE_LENGTH = 16


@dataclass(frozen=True, slots=True)
class FundIds:
    fund_id: int
    account_id: int
    plan_id: int | None


def add_fund(session: Session, draft: FundDraft) -> FundIds:
    """Add a fund with its account (and plan); every problem is reported at once."""
    currency = book_currency(session)
    code = draft.code.strip().upper()
    problems = _draft_problems(session, draft, code, currency)
    problems += policy_problems(draft.policy, currency)
    class_ids = _class_ids(session, draft.classes, problems)
    if problems:
        raise ValidationError(problems, subject="fund")
    account = Account(code=_next_account_code(session), name=f"Risk fund: {draft.name.strip()}",
                      type="liability", is_open=True, member_ledger=False, fund_ledger=True)
    session.add(account)
    session.flush()
    plan_id = None
    if draft.kind is ContributionKind.FIXED:
        assert draft.contribution is not None
        plan = DuesPlan(name=PLAN_PREFIX + code, amount=draft.contribution.minor_units,
                        frequency="monthly", basis="fixed", year_start_month=1, rollover_day=None,
                        proration="none")
        session.add(plan)
        session.flush()
        plan_id = plan.id
    fund = Fund(code=code, name=draft.name.strip(), account_id=account.id, plan_id=plan_id,
                contribution_kind=draft.kind.value,
                contribution=draft.contribution.minor_units if draft.contribution else 0,
                share_percent=str(draft.share_percent or 0), start_date=draft.start_date,
                notes=draft.notes.strip(), **_policy_columns(draft.policy))
    session.add(fund)
    session.flush()
    session.add_all(FundClass(fund_id=fund.id, class_id=class_id) for class_id in class_ids)
    session.flush()
    note_changes(session, area="funds", accounts=[account.id], funds=[fund.id])
    return FundIds(fund.id, account.id, plan_id)


def update_fund(session: Session, code: str, *, name: str | None = None,
                policy: FundPolicy | None = None, classes: Sequence[str] | None = None,
                contribution: Money | None = None, share_percent: Decimal | None = None,
                notes: str | None = None) -> None:
    """Change a fund's name, policy, classes, contribution or notes (those given).

    A new contribution applies to the months the dues run has not charged yet; a new share to
    payments recorded from now on. What was posted stays as it was.
    """
    fund = fund_by_code(session, code)
    currency = book_currency(session)
    problems: list[str] = []
    if name is not None and not name.strip():
        problems.append("name: a fund needs a name")
    if policy is not None:
        problems += policy_problems(policy, currency)
    kind = ContributionKind(fund.contribution_kind)
    if contribution is not None:
        if kind is not ContributionKind.FIXED:
            problems.append("contribution: this fund takes a share of dues payments, "
                            "not a fixed contribution")
        else:
            problems += _contribution_problems(contribution, currency)
    if share_percent is not None:
        if kind is not ContributionKind.SHARE:
            problems.append("share: this fund takes a fixed contribution, not a share of payments")
        else:
            problems += _share_problems(share_percent)
    class_ids = _class_ids(session, classes, problems) if classes is not None else None
    if problems:
        raise ValidationError(problems, subject="fund")
    if name is not None:
        fund.name = name.strip()
        account = session.get(Account, fund.account_id)
        assert account is not None
        account.name = f"Risk fund: {fund.name}"
    if policy is not None:
        for column, value in _policy_columns(policy).items():
            setattr(fund, column, value)
    if contribution is not None:
        fund.contribution = contribution.minor_units
        plan = session.get(DuesPlan, fund.plan_id)
        assert plan is not None
        plan.amount = contribution.minor_units
    if share_percent is not None:
        fund.share_percent = str(share_percent)
    if notes is not None:
        fund.notes = notes.strip()
    if class_ids is not None:
        session.execute(delete(FundClass).where(FundClass.fund_id == fund.id))
        session.add_all(FundClass(fund_id=fund.id, class_id=class_id) for class_id in class_ids)
    session.flush()
    note_changes(session, area="funds", funds=[fund.id])


def fund_by_code(session: Session, code: str) -> Fund:
    fund = session.execute(select(Fund).where(Fund.code == code.strip().upper())).scalar_one_or_none()
    if fund is None or fund.account_id is None:
        known = ", ".join(session.execute(select(Fund.code).where(Fund.account_id.is_not(None))
                                          .order_by(Fund.code)).scalars()) or "none yet"
        raise NotFound(f"no fund with code {code!r} (funds: {known})")
    return fund


def policy_of(fund: Fund, currency: str) -> FundPolicy:
    def money(units: int | None) -> Money | None:
        return None if units is None else Money.from_minor(units, currency)

    return FundPolicy(waiting_months=fund.waiting_months, max_per_claim=money(fund.max_per_claim),
                      max_per_member_year=money(fund.max_per_member_year),
                      max_months=fund.max_months, floor=money(fund.floor),
                      balance_cap_months=fund.balance_cap_months)


def policy_problems(policy: FundPolicy, currency: str) -> list[str]:
    """Every reason `policy` cannot be a fund's ("field: reason")."""
    problems = []
    if not 0 <= policy.waiting_months <= 120:
        problems.append("waiting period: from 0 to 120 months")
    for field, amount in (("maximum per claim", policy.max_per_claim),
                          ("maximum per member a year", policy.max_per_member_year),
                          ("floor", policy.floor)):
        if amount is None:
            continue
        if amount.currency != currency:
            problems.append(f"{field}: the book keeps {currency}, not {amount.currency}")
        elif amount.is_negative or (amount.is_zero and field != "floor"):
            problems.append(f"{field}: must be more than zero")
    if policy.max_months is not None and not 1 <= policy.max_months <= 120:
        problems.append("maximum duration: from 1 to 120 months")
    if policy.balance_cap_months is not None and not 1 <= policy.balance_cap_months <= 240:
        problems.append("balance cap: from 1 to 240 months of contributions")
    return problems


def _draft_problems(session: Session, draft: FundDraft, code: str, currency: str) -> list[str]:
    problems = []
    if not code:
        problems.append("code: a fund needs a short code, such as SICK")
    elif len(code) > MAX_CODE_LENGTH or not all(c.isalnum() or c in "-_" for c in code):
        problems.append(f"code: letters, digits, - and _ only, at most {MAX_CODE_LENGTH}")
    elif session.execute(select(Fund.id).where(Fund.code == code)).first():
        problems.append(f"code: there is already a fund {code}")
    if not draft.name.strip():
        problems.append("name: a fund needs a name")
    if draft.kind is ContributionKind.FIXED:
        if draft.contribution is None:
            problems.append("contribution: give the monthly contribution")
        else:
            problems += _contribution_problems(draft.contribution, currency)
    elif draft.share_percent is None:
        problems.append("share: give the percentage of each dues payment")
    else:
        problems += _share_problems(draft.share_percent)
    return problems


def _contribution_problems(amount: Money, currency: str) -> list[str]:
    if amount.currency != currency:
        return [f"contribution: the book keeps {currency}, not {amount.currency}"]
    return [] if amount.is_positive else ["contribution: must be more than zero"]


def _share_problems(percent: Decimal) -> list[str]:
    try:
        ok = Decimal(0) < percent <= Decimal(100) and percent == percent.quantize(Decimal("0.01"))
    except InvalidOperation:
        ok = False
    return [] if ok else ["share: a percentage above 0 and at most 100, to two decimals at most"]


def _class_ids(session: Session, codes: Sequence[str] | None, problems: list[str]) -> list[int]:
    if not codes:
        return []
    known = dict(session.execute(select(MemberClass.code, MemberClass.id)).all())
    unknown = [code for code in codes if code not in known]
    if unknown:
        problems.append(f"classes: no member class {', '.join(unknown)} "
                        f"(classes: {', '.join(sorted(known))})")
    return sorted({known[code] for code in codes if code in known})


def _next_account_code(session: Session) -> str:
    used = set(session.execute(select(Account.code)).scalars())
    for number in range(FIRST_ACCOUNT, LAST_ACCOUNT + 1):
        if str(number) not in used:
            return str(number)
    raise ValidationError(["the chart has no room for another fund account (2400-2499)"],
                          subject="fund")


def _policy_columns(policy: FundPolicy) -> dict[str, int | None]:
    def units(amount: Money | None) -> int | None:
        return None if amount is None else amount.minor_units

    return {"waiting_months": policy.waiting_months, "max_per_claim": units(policy.max_per_claim),
            "max_per_member_year": units(policy.max_per_member_year),
            "max_months": policy.max_months, "floor": units(policy.floor) or 0,
            "balance_cap_months": policy.balance_cap_months}

