"""Dues plans and who is on which: adding plans, assigning members (full, reduced or waived).

A plan's terms never change once members are charged under it (a period key would then mean
something else); a new rate is a new plan, and members move to it by a new assignment.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.models import DuesPlan, Fund, Member, PlanAssignment
from coopdesk.dues.schedule import Frequency, PeriodBasis, PlanTerms, Proration, plan_terms_problems
from coopdesk.errors import NotFound, ValidationError
from coopdesk.ledger.lookup import book_currency
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class PlanRow:
    name: str
    amount: Money
    frequency: str
    basis: str
    year_start_month: int
    rollover_day: int | None
    proration: str


@dataclass(frozen=True, slots=True)
class AssignmentRow:
    member_number: str
    plan: str
    start_date: dt.date
    end_date: dt.date | None
    amount: Money | None
    waived: bool
    reason: str


def add_plan(session: Session, name: str, amount: Money, frequency: str, basis: str = "fixed",
             year_start_month: int | None = None, rollover_day: int | None = None,
             proration: str = "none") -> int:
    """Add a dues plan; every problem with its terms is reported at once."""
    problems = []
    if not name.strip():
        problems.append("name: a plan needs a name")
    elif session.execute(select(DuesPlan.id).where(DuesPlan.name == name.strip())).first():
        problems.append(f"name: there is already a plan called {name.strip()!r}")
    if amount.currency != book_currency(session):
        problems.append(f"amount: the book keeps {book_currency(session)}, not {amount.currency}")
    if year_start_month is None:
        from coopdesk.settings import load_settings
        year_start_month = load_settings(session).fiscal_year_start
    try:
        terms = (Frequency(frequency), PeriodBasis(basis), Proration(proration))
    except ValueError as exc:
        raise ValidationError(problems + [str(exc)], subject="plan") from None
    problems += plan_terms_problems(amount, *terms[:2], year_start_month, rollover_day, terms[2])
    if problems:
        raise ValidationError(problems, subject="plan")
    plan = DuesPlan(name=name.strip(), amount=amount.minor_units, frequency=frequency, basis=basis,
                    year_start_month=year_start_month, rollover_day=rollover_day, proration=proration)
    session.add(plan)
    session.flush()
    note_changes(session, area="dues")
    return plan.id


def assign_plan(session: Session, member_number: str, plan_name: str, start: dt.date,
                end: dt.date | None = None, amount: Money | None = None, waived: bool = False,
                reason: str = "") -> int:
    """Put a member on a plan from `start` (to `end`), at a reduced `amount` or waived."""
    member = session.execute(select(Member).where(Member.number == member_number)).scalar_one_or_none()
    if member is None:
        raise NotFound(f"no member with number {member_number!r}")
    plan = plan_by_name(session, plan_name)
    problems = []
    if end is not None and end < start:
        problems.append(f"end: {end.isoformat()} is before the start {start.isoformat()}")
    if (waived or amount is not None) and not reason.strip():
        problems.append("reason: say why the rate is reduced or waived")
    if amount is not None and (amount.is_negative or amount.currency != book_currency(session)):
        problems.append(f"amount: {amount} is not a reduced rate in {book_currency(session)}")
    overlapping = session.execute(
        select(PlanAssignment.id).where(
            PlanAssignment.member_id == member.id,
            (PlanAssignment.end_date.is_(None)) | (PlanAssignment.end_date >= start),
            *(() if end is None else (PlanAssignment.start_date <= end,)),
        )
    ).first()
    if overlapping is not None:
        problems.append("dates: the member is already on a plan then; end that assignment first")
    if problems:
        raise ValidationError(problems, subject="assignment")
    row = PlanAssignment(member_id=member.id, plan_id=plan.id, start_date=start, end_date=end,
                         amount=None if amount is None else amount.minor_units, waived=waived,
                         reason=reason.strip())
    session.add(row)
    session.flush()
    note_changes(session, area="dues", members=[member.id])
    return row.id


def end_assignment(session: Session, member_number: str, end: dt.date) -> int:
    """End the member's open plan assignment on `end` (inclusive)."""
    row = session.execute(
        select(PlanAssignment).join(Member, Member.id == PlanAssignment.member_id)
        .where(Member.number == member_number, PlanAssignment.end_date.is_(None))
    ).scalar_one_or_none()
    if row is None:
        raise NotFound(f"member {member_number} has no open plan assignment")
    if end < row.start_date:
        raise ValidationError([f"end: {end.isoformat()} is before the assignment began"], subject="assignment")
    row.end_date = end
    session.flush()
    note_changes(session, area="dues", members=[row.member_id])
    return row.id


#: The dues plans a treasurer sees and assigns: not the funds' own (coopdesk.funds.service).
_MEMBERS_PLANS = DuesPlan.id.not_in(select(Fund.plan_id).where(Fund.plan_id.is_not(None)))


def plan_labels(session: Session) -> dict[int, str]:
    """Every plan's name as charges show it: a fund's plan by its fund ("Risk fund: Sick pay")."""
    return {plan_id: (f"Risk fund: {fund}" if fund is not None else name)
            for plan_id, name, fund in session.execute(
                select(DuesPlan.id, DuesPlan.name, Fund.name)
                .outerjoin(Fund, Fund.plan_id == DuesPlan.id))}


def plan_by_name(session: Session, name: str) -> DuesPlan:
    plan = session.execute(select(DuesPlan).where(DuesPlan.name == name, _MEMBERS_PLANS)
                           ).scalar_one_or_none()
    if plan is None:
        names = ", ".join(session.execute(select(DuesPlan.name).where(_MEMBERS_PLANS)
                                          .order_by(DuesPlan.name)).scalars())
        raise NotFound(f"no dues plan {name!r}" + (f" (the plans are {names})" if names else ""))
    return plan


def terms_of(plan: DuesPlan, currency: str) -> PlanTerms:
    return PlanTerms(Money.from_minor(plan.amount, currency), Frequency(plan.frequency),
                     PeriodBasis(plan.basis), plan.year_start_month, plan.rollover_day,
                     Proration(plan.proration))


def list_plans(session: Session) -> list[PlanRow]:
    currency = book_currency(session)
    return [PlanRow(p.name, Money.from_minor(p.amount, currency), p.frequency, p.basis,
                    p.year_start_month, p.rollover_day, p.proration)
            for p in session.execute(select(DuesPlan).where(_MEMBERS_PLANS)
                                     .order_by(DuesPlan.name)).scalars()]


def list_assignments(session: Session, member_number: str | None = None) -> list[AssignmentRow]:
    currency = book_currency(session)
    query = (select(PlanAssignment, Member.number, DuesPlan.name)
             .join(Member, Member.id == PlanAssignment.member_id)
             .join(DuesPlan, DuesPlan.id == PlanAssignment.plan_id)
             .order_by(Member.number, PlanAssignment.start_date))
    if member_number is not None:
        query = query.where(Member.number == member_number)
    return [AssignmentRow(number, plan, a.start_date, a.end_date,
                          None if a.amount is None else Money.from_minor(a.amount, currency),
                          a.waived, a.reason)
            for a, number, plan in session.execute(query)]
