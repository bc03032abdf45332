"""The dues run: charge every member every period due up to a month, once.

`preview_dues_run` says what a run would charge (the app shows it before posting);
`run_dues` posts it: one entry per charge (dues receivable for the member, against dues
income) through the ledger's bulk path, one charge row per entry, then the settlement that
applies any prepayment credit. A period already charged to the member under the plan is skipped,
so running the same month twice changes nothing.

A run must not cost more as the book ages (docs/performance.md, "Dues"): with ten years of
monthly dues, asking `due_periods` for each member's whole schedule and matching it against
every charge meant 600,000 periods and charges for 5,000 members, every month. The preview
therefore asks only for the periods after the last one charged, wherever that is provably the
same (`_resumable`), and the settlement after a run reads only what prepayment credit members
hold (`settlement.apply_credit`).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import cast

from sqlalchemy import Table, select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.bulk import insert_rows
from coopdesk.db.models import DuesPlan, MemberChange, PlanAssignment, charges, members
from coopdesk.db.plain_rows import plain_rows
from coopdesk.dues.accounts import DUES_INCOME, DUES_RECEIVABLE
from coopdesk.dues.periods import fixed_period_containing, shift_months
from coopdesk.dues.plans import terms_of
from coopdesk.dues.schedule import Due, PeriodBasis, PlanTerms, due_periods
from coopdesk.dues.settlement import apply_credit
from coopdesk.funds.contributions import contribution_schedules, fund_plans
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.service import closed_through, post_entries
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money
from coopdesk.progress import Progress, no_progress


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


@dataclass(frozen=True, slots=True)
class _Schedule:
    """One plan assignment to charge, with what `due_periods` needs and what was charged."""

    member_id: int
    member_number: str
    member_name: str
    plan_id: int
    plan: str
    terms: PlanTerms
    start: dt.date
    end: dt.date | None
    rate: Money | None
    joining: bool
    last_charged: dt.date | None  # the start of the last period charged under the plan
    resumable: bool

    def all_dues(self, through: dt.date) -> list[Due]:
        return due_periods(self.terms, self.start, self.end, through,
                           first_period_is_joining=self.joining, amount=self.rate)


def preview_dues_run(session: Session, year: int, month: int) -> list[PlannedCharge]:
    """Every charge a run through `year`-`month` would post, by member and period."""
    through = last_day_of_month(year, month)
    currency = book_currency(session)
    funds = fund_plans(session)
    plans = {plan.id: (funds[plan.id].label if plan.id in funds else plan.name,
                       terms_of(plan, currency))
             for plan in session.execute(select(DuesPlan)).scalars()}
    rows = plain_rows(session, _ASSIGNMENTS) + contribution_schedules(session, funds.values())
    assignments_to = Counter((member_id, plan_id) for member_id, plan_id, *_ in rows)
    join_date_moved = set(session.execute(_JOIN_DATE_MOVED).scalars())
    schedules = []
    for (member_id, plan_id, assigned_from, assigned_to, amount, number, name, join_date,
         leave_date, last_charged) in rows:
        if join_date is None:
            continue
        start = max(assigned_from, join_date)
        ends = [d for d in (assigned_to, leave_date) if d is not None]
        end = min(ends) if ends else None
        if end is not None and end < start:
            continue
        plan, terms = plans[plan_id]
        resumable = _resumable(terms, start, assignments_to[member_id, plan_id] == 1,
                               member_id in join_date_moved)
        schedules.append(_Schedule(
            member_id, number, name, plan_id, plan, terms, start, end,
            None if amount is None else Money.from_minor(amount, currency), start == join_date,
            last_charged, resumable))
    # The schedules that cannot resume after their last charged period are matched period by
    # period against the member's charges, as every schedule used to be.
    matched = {s.member_id for s in schedules if s.last_charged is not None and not s.resumable}
    done = set() if not matched else {
        tuple(key) for key in session.execute(
            select(charges.c.member_id, charges.c.plan_id, charges.c.period_key)
            .where(charges.c.member_id.in_(matched)))}
    # Most members on a plan were last charged the same period and are charged the same next:
    # ask `due_periods` once for each such case (its results are immutable).
    after: dict[tuple[int, dt.date, dt.date | None, Money | None], list[Due]] = {}
    planned: list[PlannedCharge] = []
    for s in schedules:
        if s.last_charged is None:  # nothing charged under the plan yet: every period is new
            dues = s.all_dues(through)
        elif s.resumable:
            case = (s.plan_id, s.last_charged, s.end, s.rate)
            if case not in after:
                after[case] = _dues_after(s.terms, s.last_charged, s.end, through, s.rate)
            dues = after[case]
        else:
            dues = [due for due in s.all_dues(through)
                    if (s.member_id, s.plan_id, due.period.key) not in done]
        planned.extend(
            PlannedCharge(s.member_id, s.member_number, s.member_name, s.plan_id, s.plan,
                          due.period.key, due.period.start, due.period.end, due.amount,
                          due.prorated)
            for due in dues)
    return planned


# The plan assignments to charge, in the order of the preview, each with the start of the last
# period charged to the member under that plan. That last period is found by its key, through
# the index that keeps a charge unique per member, plan and key: one lookup per assignment where
# ordering by start would read every charge of the book. A plan's keys sort as its periods do:
# they all have one format (its terms never change) that puts the four-digit year first, then
# quarter, month or day, all zero-padded ("2026-03", "2026-Q1", "FY2026/2027", "R2026-03-15");
# tests/core/test_dues_run_speed.py holds them to it.
_assignments = cast(Table, PlanAssignment.__table__)
_ASSIGNMENTS = (
    select(_assignments.c.member_id, _assignments.c.plan_id, _assignments.c.start_date,
           _assignments.c.end_date, _assignments.c.amount, members.c.number,
           members.c.display_name, members.c.join_date, members.c.leave_date,
           select(charges.c.period_start)
           .where(charges.c.member_id == _assignments.c.member_id,
                  charges.c.plan_id == _assignments.c.plan_id)
           .order_by(charges.c.period_key.desc()).limit(1).scalar_subquery())
    .join(members, members.c.id == _assignments.c.member_id)
    .where(_assignments.c.waived.is_(False))
    .order_by(members.c.sort_name, members.c.number, _assignments.c.start_date)
)

# Members whose join date was ever moved (not merely set for the first time).
_JOIN_DATE_MOVED = (select(MemberChange.member_id).distinct()
                    .where(MemberChange.field == "join_date", MemberChange.before.is_not(None)))


def _resumable(terms: PlanTerms, start: dt.date, only_assignment: bool,
               join_date_moved: bool) -> bool:
    """Whether the periods still to charge are exactly the schedule's periods after the last
    one charged, so that the others need not be asked for (`_dues_after`).

    They are when the schedule was the same at every run before: the member has this one
    assignment to the plan (a second one, after a break, would start a schedule of its own,
    whose periods the first may have charged in part) and their join date never moved (it is
    where the schedule starts, and decides whether its first period is skipped or prorated);
    a plan's terms never change. Every run then charged every period of the schedule up to its
    month, and the member's leaving, however often recorded, only decides where the schedule
    ends: what was charged is the schedule's first periods, with no gap.

    And the periods after the last one charged must be the same counted from it: a rolling
    plan's periods are counted from the start and clamped to short months (from 31 January:
    28 February, then 31 March), so counted again from a clamped start they would drift
    (28 March). A start on day 28 or earlier is never clamped; fixed periods do not move.
    """
    return (only_assignment and not join_date_moved
            and (terms.basis is PeriodBasis.FIXED or start.day <= 28))


def _dues_after(terms: PlanTerms, last_charged: dt.date, end: dt.date | None, through: dt.date,
                rate: Money | None) -> list[Due]:
    """The dues of an unchanged schedule after its period that starts on `last_charged`.

    Only the first period of a schedule can be prorated or skipped (rollover); every later one
    is charged whole, and `due_periods` without `first_period_is_joining` from the first day of
    a period gives exactly those.
    """
    if terms.basis is PeriodBasis.FIXED:
        period = fixed_period_containing(last_charged, terms.frequency, terms.year_start_month)
        following = period.end + dt.timedelta(days=1)
    else:
        following = shift_months(last_charged, terms.frequency.months)
    if following > through or (end is not None and end < following):
        return []
    return due_periods(terms, following, end, through, first_period_is_joining=False, amount=rate)


#: Charges posted between two reports of progress. Each batch costs a few fixed queries
#: (the chain head, the accounts) and compiled inserts: at a thousand charges, well under a
#: percent of a month's run, which still reports several times a second.
PROGRESS_STEP = 1000


def run_dues(session: Session, year: int, month: int, *,
             progress: Progress = no_progress) -> DuesRunResult:
    """Post every charge due through `year`-`month` that was not posted before.

    `progress` is told how many of the charges are posted; it may cancel the run (`Cancelled`),
    and `Book.run` then rolls back the batches already posted with everything else.
    """
    planned = preview_dues_run(session, year, month)
    currency = book_currency(session)
    total = len(planned)
    progress(0, total)  # the size is known, nothing is written yet
    if not planned:
        return DuesRunResult(0, 0, Money.zero(currency))
    receivable = account_id_for(session, DUES_RECEIVABLE)
    income = account_id_for(session, DUES_INCOME)
    # A fund's contributions go to the fund's account, named with the fund, not to income.
    credit_to = {plan_id: (f.account_id, f.fund_id) for plan_id, f in fund_plans(session).items()}
    closed = closed_through(session)
    first_open = None if closed is None else closed + dt.timedelta(days=1)
    # `Money.minor_units` is exact but not cheap (Fraction arithmetic), and a run charges a
    # handful of distinct amounts thousands of times: convert each amount once.
    units_of = {amount: amount.minor_units for amount in {c.amount for c in planned}}
    units = [units_of[c.amount] for c in planned]
    last_date = dt.date.min
    for start in range(0, total, PROGRESS_STEP):
        batch = list(zip(planned[start:start + PROGRESS_STEP], units[start:start + PROGRESS_STEP]))
        drafts = []
        for charge, charge_units in batch:
            # A period that began in a closed period is charged on the first open day.
            date = charge.period_start if first_open is None else max(charge.period_start, first_open)
            fund = credit_to.get(charge.plan_id)
            credit = (PostingDraft(income, -charge_units) if fund is None else
                      PostingDraft(fund[0], -charge_units, member_id=charge.member_id,
                                   fund_id=fund[1]))
            drafts.append(EntryDraft(date, EntryKind.DUES, (
                PostingDraft(receivable, charge_units, member_id=charge.member_id), credit,
            ), memo=f"{'Dues' if fund is None else 'Contribution'} {charge.plan} {charge.period_key}",
                source_ref=f"dues:{charge.period_key}"))
        entry_ids = post_entries(session, drafts)
        insert_rows(session, charges,
                    ("member_id", "plan_id", "period_key", "period_start", "period_end", "amount",
                     "prorated", "entry_id"),
                    [(c.member_id, c.plan_id, c.period_key, c.period_start, c.period_end,
                      charge_units, c.prorated, entry_id)
                     for (c, charge_units), entry_id in zip(batch, entry_ids, strict=True)])
        last_date = max(last_date, max(draft.date for draft in drafts))
        if start + len(batch) < total:
            progress(start + len(batch), total)
    charged: dict[int, int] = defaultdict(int)
    for c, charge_units in zip(planned, units, strict=True):
        charged[c.member_id] += charge_units
    # Credit is applied when the latest charge falls due, not at the end of the month: a report
    # as of today must not show a prepaid member owing this month's dues.
    apply_credit(session, charged, last_date)
    note_changes(session, area="dues", members=charged)
    progress(total, total)
    return DuesRunResult(len(planned), len(charged), Money.from_minor(sum(units), currency))
