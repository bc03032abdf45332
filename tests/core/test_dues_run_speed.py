"""The fast dues run and reports give exactly what the plain ways give (docs/performance.md, "Dues").

`preview_dues_run` asks `due_periods` only for the periods after the last one charged where
that is provably the same; the settlement after a run reads only prepayment credit; the arrears
list and status facts settle every member in SQL. Each is checked here against the way it was
done before, kept below as the reference: every member's whole schedule matched against every
charge, and every member's charges settled by `fifo.settle` in Python.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import and_, func, select
from sqlalchemy.orm import Session, aliased

from coopdesk.book import Book
from coopdesk.db.models import (
    Charge,
    DuesPlan,
    JournalEntry,
    Member,
    MemberChange,
    Payment,
    PlanAssignment,
    Posting,
    WriteOff,
)
from coopdesk.dues.accounts import DUES_RECEIVABLE, PREPAYMENTS
from coopdesk.dues.fifo import ChargeDue, Settlement, settle
from coopdesk.dues.payments import record_payment, reverse_payment, write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan, end_assignment, terms_of
from coopdesk.dues.queries import ArrearsRow, arrears, dues_facts, open_charges
from coopdesk.dues.run import PlannedCharge, last_day_of_month, preview_dues_run, run_dues
from coopdesk.dues.schedule import Frequency, PeriodBasis, PlanTerms, due_periods
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.ledger import queries as ledger
from coopdesk.ledger.lookup import account_id_for, book_currency
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.members.queries import DuesFacts
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk.settings import load_settings


def usd(text: str) -> Money:
    return Money(text, "USD")


# -- the references: how it was done before -------------------------------------------------

def reference_preview(session: Session, year: int, month: int) -> list[PlannedCharge]:
    """Every member's whole schedule, matched against every charge of the book."""
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


def reference_settlements(session: Session, as_of: dt.date | None = None,
                          ) -> dict[int, tuple[list[tuple[Charge, int]], Settlement]]:
    """Every member's charges as ORM objects, settled by `fifo.settle`."""
    query = select(Charge).order_by(Charge.member_id, Charge.period_start, Charge.id)
    if as_of is not None:
        query = query.where(Charge.period_start <= as_of)
    by_member: dict[int, list[Charge]] = defaultdict(list)
    for charge in session.execute(query).scalars():
        by_member[charge.member_id].append(charge)
    written_query = (select(WriteOff.charge_id, func.sum(WriteOff.amount))
                     .join(JournalEntry, JournalEntry.id == WriteOff.entry_id).group_by(WriteOff.charge_id))
    if as_of is not None:
        written_query = written_query.where(JournalEntry.entry_date <= as_of)
    written = {c: int(t) for c, t in session.execute(written_query).all()}
    reversal = aliased(JournalEntry)
    reversed_by = and_(reversal.reverses_id == Payment.entry_id,
                       *(() if as_of is None else (reversal.entry_date <= as_of,)))
    paid_query = (select(Payment.member_id, func.sum(Payment.amount)).outerjoin(reversal, reversed_by)
                  .where(reversal.id.is_(None)).group_by(Payment.member_id))
    if as_of is not None:
        paid_query = paid_query.where(Payment.pay_date <= as_of)
    paid = {m: int(t) for m, t in session.execute(paid_query).all()}
    result = {}
    for member_id in set(by_member) | set(paid):
        member_charges = by_member.get(member_id, [])
        settlement = settle([ChargeDue(c.id, c.amount, written.get(c.id, 0)) for c in member_charges],
                            paid.get(member_id, 0))
        result[member_id] = ([(c, settlement.open_by_charge[c.id]) for c in member_charges], settlement)
    return result


def reference_arrears(session: Session, day: dt.date) -> list[ArrearsRow]:
    currency = book_currency(session)
    grace = load_settings(session).grace_months
    members = {m.id: m for m in session.execute(select(Member)).scalars()}
    rows = []
    for member_id, (member_charges, settlement) in reference_settlements(session, day).items():
        unpaid = [c for c, open_units in member_charges if open_units > 0]
        if not unpaid:
            continue
        member = members[member_id]
        months = max(0, (day.year - unpaid[0].period_start.year) * 12 + day.month
                     - unpaid[0].period_start.month + 1)
        first, first_open = member_charges[0]
        status = derive_status(StatusFacts(member.join_date, member.leave_date, member.leave_reason,
                                           member.status_override, first_open == first.amount, months),
                               day, grace)
        rows.append(ArrearsRow(member.number, member.display_name, months,
                               Money.from_minor(settlement.total_open, currency), unpaid[0].period_key,
                               unpaid[0].period_start, status))
    return sorted(rows, key=lambda r: (-r.months, r.member_number))


def reference_dues_facts(session: Session, day: dt.date) -> dict[int, DuesFacts]:
    facts = {}
    for member_id, (member_charges, _) in reference_settlements(session, day).items():
        if not member_charges:
            continue
        unpaid = [c for c, open_units in member_charges if open_units > 0]
        months = max(0, (day.year - unpaid[0].period_start.year) * 12 + day.month
                     - unpaid[0].period_start.month + 1) if unpaid else 0
        first, first_open = member_charges[0]
        facts[member_id] = DuesFacts(first_dues_unpaid=first_open == first.amount and first.amount > 0,
                                     months_in_arrears=months)
    return facts


def unsettled(session: Session) -> dict[int, tuple[int, int, int, int]]:
    """Members whose receivable and prepayment credit are not what their charges and payments
    leave open and paid ahead: (receivable, open, prepayment balance, credit)."""
    receivable = account_id_for(session, DUES_RECEIVABLE)
    prepayments = account_id_for(session, PREPAYMENTS)
    sums = {(m, a): int(t) for m, a, t in session.execute(
        select(Posting.member_id, Posting.account_id, func.sum(Posting.amount))
        .where(Posting.member_id.is_not(None)).group_by(Posting.member_id, Posting.account_id))}
    wrong = {}
    for member_id, (_, settlement) in reference_settlements(session).items():
        found = (sums.get((member_id, receivable), 0), settlement.total_open,
                 sums.get((member_id, prepayments), 0), -settlement.credit)
        if found[0] != found[1] or found[2] != found[3]:
            wrong[member_id] = found
    return wrong


# -- random histories -----------------------------------------------------------------------

PLANS = (
    ("Monthly", "1.00", "monthly", "fixed", None, None, "none"),
    ("Quarterly", "3.00", "quarterly", "fixed", 4, 40, "by_month"),
    ("Yearly", "12.00", "yearly", "fixed", 7, None, "by_day"),
    ("Rolling", "1.00", "monthly", "rolling", None, None, "none"),
    ("Rolling quarter", "2.50", "quarterly", "rolling", None, None, "none"),
)
NUMBERS = ("1", "2", "3", "4")
FIRST_YEAR = 2025


def day_in(month_index: int, day: int) -> dt.date:
    """The `day` (clamped) of the `month_index`-th month from January 2025."""
    year, month0 = divmod(FIRST_YEAR * 12 + month_index, 12)
    return dt.date(year, month0 + 1, min(day, calendar.monthrange(year, month0 + 1)[1]))


# Month ends and the first of the month are where schedules differ; runs repeat often.
dates = st.builds(day_in, st.integers(0, 17), st.sampled_from([1, 2, 15, 28, 29, 30, 31]))
runs = st.tuples(st.just("run"), st.integers(0, 17))
members = st.lists(st.tuples(dates, st.sampled_from([p[0] for p in PLANS]),
                             st.sampled_from(["full", "full", "reduced", "waived"])),
                   min_size=1, max_size=len(NUMBERS))
steps = st.lists(st.one_of(
    runs, runs, runs,
    st.tuples(st.just("pay"), st.sampled_from(NUMBERS), st.integers(1, 3000), dates),
    st.tuples(st.just("reverse"), st.integers(0, 5), dates),
    st.tuples(st.just("write_off"), st.sampled_from(NUMBERS), dates),
    st.tuples(st.just("leave"), st.sampled_from(NUMBERS), dates),
    st.tuples(st.just("move"), st.sampled_from(NUMBERS), st.sampled_from([p[0] for p in PLANS]), dates),
    st.tuples(st.just("join_date"), st.sampled_from(NUMBERS), dates),
), min_size=1, max_size=14)


def make_book(path: object, people: list[tuple[dt.date, str, str]]) -> Book:
    book = Book.create(path, name="Speed Co-op")  # type: ignore[arg-type]
    for name, amount, frequency, basis, year_start, rollover, proration in PLANS:
        book.run(add_plan, name, usd(amount), frequency, basis, year_start, rollover, proration)
    for number, (joined, plan, rate) in zip(NUMBERS, people):
        book.run(add_member, MemberInput(f"Member {number}", joined, number=number))
        book.run(assign_plan, number, plan, joined, amount=usd("0.40") if rate == "reduced" else None,
                 waived=rate == "waived", reason="" if rate == "full" else "test")
    return book


def apply(book: Book, step: tuple, payments: list[int]) -> None:  # type: ignore[type-arg]
    """One step of a history; steps the services refuse (a date before joining...) change nothing."""
    kind = step[0]
    try:
        if kind == "run":
            month = day_in(step[1], 1)
            book.run(run_dues, month.year, month.month)
        elif kind == "pay":
            amount = Money.from_minor(step[2], "USD")
            payments.append(book.run(record_payment, step[1], step[3], amount).result)
        elif kind == "reverse" and step[1] < len(payments):
            book.run(reverse_payment, payments[step[1]], step[2])
        elif kind == "write_off":
            still_open = book.read(open_charges, step[1])
            if still_open:
                book.run(write_off_charge, still_open[-1].charge_id, "test", step[2])
        elif kind == "leave":
            book.run(record_leaving, step[1], step[2], "withdrew")
        elif kind == "move":  # to another plan, or back to the same one after a break
            book.run(end_assignment, step[1], step[3])
            book.run(assign_plan, step[1], step[2], step[3] + dt.timedelta(days=20))
        elif kind == "join_date":
            book.run(move_join_date_as_before, step[1], step[2])
    except CoopdeskError:
        pass


def move_join_date_as_before(session: Session, number: str, joined: dt.date) -> None:
    """Move a member's join date as `edit_member` did before it refused to once dues were
    charged: books from then may hold such moves, and the dues run must still charge them
    right. (It refused a join date after the leave date, and recorded the change.)"""
    member = session.execute(select(Member).where(Member.number == number)).scalar_one_or_none()
    if member is None:
        raise NotFound(f"no member with number {number!r}")
    if member.leave_date is not None and member.leave_date < joined:
        raise ValidationError(["leave date: before the join date"], subject="member")
    if member.join_date == joined:
        return
    session.add(MemberChange(member_id=member.id, changed_at="2025-01-01T00:00:00", field="join_date",
                             before=member.join_date.isoformat() if member.join_date else None,
                             after=joined.isoformat()))
    member.join_date = joined
    member.version += 1
    session.flush()


def check_same(book: Book, months: list[int]) -> None:
    for index in months:
        month = day_in(index, 1)
        assert book.read(preview_dues_run, month.year, month.month) == \
            book.read(reference_preview, month.year, month.month)
        day = last_day_of_month(month.year, month.month)
        assert book.read(arrears, day) == book.read(reference_arrears, day)
        assert book.read(dues_facts, day) == book.read(reference_dues_facts, day)
    assert book.read(unsettled) == {}


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(people=members, history=steps, looks=st.lists(st.integers(0, 23), min_size=1, max_size=2))
def test_the_fast_ways_agree_with_the_plain_ways_on_random_histories(
        tmp_path_factory: pytest.TempPathFactory, people: list[tuple[dt.date, str, str]],
        history: list[tuple], looks: list[int]) -> None:  # type: ignore[type-arg]
    with make_book(tmp_path_factory.mktemp("speed") / "speed.coopdesk", people) as book:
        payments: list[int] = []
        for step in history:
            apply(book, step, payments)
            check_same(book, looks)
        book.run(run_dues, FIRST_YEAR + 1, 12)
        check_same(book, [23])


# -- the cases the shortcuts must notice ----------------------------------------------------

@pytest.fixture
def coop(book: Book) -> Book:
    for name, amount, frequency, basis, year_start, rollover, proration in PLANS:
        book.run(add_plan, name, usd(amount), frequency, basis, year_start, rollover, proration)
    return book


def join(book: Book, number: str, joined: dt.date, plan: str) -> None:
    book.run(add_member, MemberInput(f"Member {number}", joined, number=number))
    book.run(assign_plan, number, plan, joined)


def test_a_join_date_moved_back_and_forth_charges_the_gap(coop: Book) -> None:
    join(coop, "1", dt.date(2025, 1, 10), "Monthly")
    coop.run(run_dues, 2025, 3)                                        # January to March
    coop.run(move_join_date_as_before, "1", dt.date(2025, 9, 1))
    coop.run(run_dues, 2025, 12)                                       # September to December
    coop.run(move_join_date_as_before, "1", dt.date(2025, 1, 10))     # April to August: owed
    planned = coop.read(preview_dues_run, 2026, 1)
    assert [c.period_key for c in planned] == [f"2025-{m:02d}" for m in range(4, 9)] + ["2026-01"]
    assert planned == coop.read(reference_preview, 2026, 1)


def test_rolling_periods_from_the_31st_do_not_drift(coop: Book) -> None:
    join(coop, "1", dt.date(2025, 1, 31), "Rolling")
    join(coop, "2", dt.date(2025, 1, 28), "Rolling")
    coop.run(run_dues, 2025, 2)
    planned = coop.read(preview_dues_run, 2025, 4)
    assert [(c.member_number, c.period_key) for c in planned] == [
        ("1", "R2025-03-31"), ("1", "R2025-04-30"), ("2", "R2025-03-28"), ("2", "R2025-04-28")]
    assert planned == coop.read(reference_preview, 2025, 4)


def test_a_second_assignment_to_the_same_plan_is_matched_charge_by_charge(coop: Book) -> None:
    join(coop, "1", dt.date(2025, 1, 15), "Quarterly")
    coop.run(run_dues, 2025, 6)
    coop.run(end_assignment, "1", dt.date(2025, 5, 31))
    coop.run(assign_plan, "1", "Monthly", dt.date(2025, 6, 1))
    coop.run(run_dues, 2025, 8)
    coop.run(end_assignment, "1", dt.date(2025, 8, 31))
    coop.run(assign_plan, "1", "Quarterly", dt.date(2025, 9, 1))
    planned = coop.read(preview_dues_run, 2025, 12)
    assert planned == coop.read(reference_preview, 2025, 12)
    assert [c.period_key for c in planned] == ["FY2025/2026-Q3"]


def test_a_prepayment_account_in_debit_is_settled_the_full_way(coop: Book) -> None:
    join(coop, "1", dt.date(2025, 1, 1), "Monthly")
    coop.run(run_dues, 2025, 1)
    coop.run(record_payment, "1", dt.date(2025, 1, 5), usd("3.00"))   # two months ahead
    # A manual entry that leaves the member's prepayment account in debit (settling never does).
    coop.run(post_specs, [EntrySpec(dt.date(2025, 1, 20), (PostingSpec("2000", usd("5.00"), member="1"),
                                                            PostingSpec("4900", usd("-5.00"))))])
    coop.run(run_dues, 2025, 2)
    # As `settle_members` would: February is paid from what was paid, so nothing is receivable.
    balances = {(r.member_number, r.account_code): r.balance for r in coop.read(ledger.member_balances)}
    assert balances.get(("1", "1100"), usd("0")) == usd("0")
    assert balances[("1", "2000")] == usd("4.00")


@given(frequency=st.sampled_from(["monthly", "quarterly", "yearly"]),
       basis=st.sampled_from(["fixed", "rolling"]), year_start=st.integers(1, 12),
       start=st.dates(dt.date(1990, 1, 1), dt.date(2090, 12, 31)))
def test_a_plans_period_keys_sort_as_its_periods_do(frequency: str, basis: str, year_start: int,
                                                   start: dt.date) -> None:
    # The dues run finds the last period charged under a plan by its greatest key.
    terms = PlanTerms(usd("1.00"), Frequency(frequency), PeriodBasis(basis),
                      year_start if basis == "fixed" else 1)
    periods = [due.period for due in due_periods(terms, start, None, start + dt.timedelta(days=3 * 366))]
    keys = [p.key for p in periods]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
