"""The dues run: charge every member every period due up to a month, once.

`preview_dues_run` says what a run would charge (the app shows it before posting);
`run_dues` posts it: one entry per charge (dues receivable for the member, against dues
income) through the ledger's bulk path, one charge row per entry, then the settlement that
applies any prepayment credit. A period already charged to the member under the plan is skipped,
so running the same month twice changes nothing.
"""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.bulk import insert_rows
from coopdesk.db.models import Charge, DuesPlan, Member, PlanAssignment, charges
from coopdesk.dues.accounts import DUES_INCOME, DUES_RECEIVABLE
from coopdesk.dues.plans import terms_of
from coopdesk.dues.schedule import due_periods
from coopdesk.dues.settlement import settle_members
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.service import closed_through, post_entries
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class PlannedCharge:
    member_id: int
    member_number: str
    member_name: str
    plan_id: int
    plan: str
    period_key: str
    period_start: dt.date
    period_end: dt.date
    amount: Money
    prorated: bool


@dataclass(frozen=True, slots=True)
class DuesRunResult:
    charges: int
    members: int
    total: Money


def last_day_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def preview_dues_run(session: Session, year: int, month: int) -> list[PlannedCharge]:
    """Every charge a run through `year`-`month` would post, by member and period."""
    through = last_day_of_month(year, month)
    currency = book_currency(session)
    done = set(session.execute(select(Charge.member_id, Charge.plan_id, Charge.period_key)).all())
    planned = []
    query = (select(PlanAssignment, Member, DuesPlan)
             .join(Member, Member.id == PlanAssignment.member_id)
             .join(DuesPlan, DuesPlan.id == PlanAssignment.plan_id)
             .where(PlanAssignment.waived.is_(False))
             .order_by(Member.sort_name, Member.number, PlanAssignment.start_date))
    for assignment, member, plan in session.execute(query):
        if member.join_date is None:
            continue
        start = max(assignment.start_date, member.join_date)
        ends = [d for d in (assignment.end_date, member.leave_date) if d is not None]
        end = min(ends) if ends else None
        if end is not None and end < start:
            continue
        rate = None if assignment.amount is None else Money.from_minor(assignment.amount, currency)
        for due in due_periods(terms_of(plan, currency), start, end, through,
                               first_period_is_joining=start == member.join_date, amount=rate):
            if (member.id, plan.id, due.period.key) in done:
                continue
            planned.append(PlannedCharge(member.id, member.number, member.display_name, plan.id,
                                         plan.name, due.period.key, due.period.start, due.period.end,
                                         due.amount, due.prorated))
    return planned


def run_dues(session: Session, year: int, month: int) -> DuesRunResult:
    """Post every charge due through `year`-`month` that was not posted before."""
    planned = preview_dues_run(session, year, month)
    currency = book_currency(session)
    if not planned:
        return DuesRunResult(0, 0, Money.zero(currency))
    receivable = account_id_for(session, DUES_RECEIVABLE)
    income = account_id_for(session, DUES_INCOME)
    closed = closed_through(session)
    first_open = None if closed is None else closed + dt.timedelta(days=1)
    drafts = []
    for charge in planned:
        # A period that began in a closed period is charged on the first open day.
        date = charge.period_start if first_open is None else max(charge.period_start, first_open)
        units = charge.amount.minor_units
        drafts.append(EntryDraft(date, EntryKind.DUES, (
            PostingDraft(receivable, units, member_id=charge.member_id),
            PostingDraft(income, -units),
        ), memo=f"Dues {charge.plan} {charge.period_key}", source_ref=f"dues:{charge.period_key}"))
    entry_ids = post_entries(session, drafts)
    insert_rows(session, charges,
                ("member_id", "plan_id", "period_key", "period_start", "period_end", "amount",
                 "prorated", "entry_id"),
                [(c.member_id, c.plan_id, c.period_key, c.period_start, c.period_end,
                  c.amount.minor_units, c.prorated, entry_id)
                 for c, entry_id in zip(planned, entry_ids, strict=True)])
    members = {c.member_id for c in planned}
    settle_members(session, members, last_day_of_month(year, month))
    note_changes(session, area="dues", members=members)
    total = sum((c.amount for c in planned), Money.zero(currency))
    return DuesRunResult(len(planned), len(members), total)
