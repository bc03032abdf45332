"""The dues collection summary against a plain reference computation, on random books.

The reference reads the stored records (charges, payments with their reversals, write-offs)
straight from the file and settles each member's payments oldest charge first, in the simplest
way: it shares no code with `coopdesk.dues`, so a faster summary must agree with it exactly.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import defaultdict
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coopdesk.book import Book
from coopdesk.dues.payments import record_payment, reverse_payment, write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.queries import open_charges
from coopdesk.dues.run import run_dues
from coopdesk.dues.summary import SummaryRow, dues_summary
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money

FIRST_DAY = dt.date(2025, 1, 1)
PLANS = ("Monthly", "Quarterly", "Rolling")


def usd(text: str) -> Money:
    return Money(text, "USD")


def reference_summary(path: Path, year: int, as_of: dt.date | None) -> list[tuple[str, int, int, int, int, str]]:
    """(month, charged, collected, written off, outstanding, rate) per month of `year`, in minor
    units, counting only what had happened by `as_of` (everything when None)."""
    day = (as_of or dt.date.max).isoformat()
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        charges = raw.execute("SELECT id, member_id, amount, period_start FROM charges "
                              "WHERE period_start <= ? ORDER BY period_start, id", (day,)).fetchall()
        payments = raw.execute(
            "SELECT p.member_id, p.amount FROM payments p "
            "LEFT JOIN journal_entries r ON r.reverses_id = p.entry_id AND r.entry_date <= ? "
            "WHERE p.pay_date <= ? AND r.id IS NULL", (day, day)).fetchall()
        write_offs = raw.execute(
            "SELECT w.charge_id, w.amount FROM write_offs w "
            "JOIN journal_entries e ON e.id = w.entry_id WHERE e.entry_date <= ?", (day,)).fetchall()
    finally:
        raw.close()
    paid: dict[int, int] = defaultdict(int)
    for member_id, amount in payments:
        paid[member_id] += amount
    written: dict[int, int] = defaultdict(int)
    for charge_id, amount in write_offs:
        written[charge_id] += amount
    months: dict[int, list[int]] = defaultdict(lambda: [0, 0, 0, 0])
    for charge_id, member_id, amount, start in charges:
        due = amount - written[charge_id]
        applied = min(due, paid[member_id])
        paid[member_id] -= applied
        if int(start[:4]) == year:
            row = months[int(start[5:7])]
            row[0] += amount
            row[1] += applied
            row[2] += written[charge_id]
            row[3] += due - applied
    result = []
    for month in range(1, 13):
        charged, collected, written_off, outstanding = months[month]
        rate = "" if not charged else str(
            (Decimal(100 * collected) / Decimal(charged)).quantize(Decimal("0.1"), ROUND_HALF_UP))
        result.append((f"{year}-{month:02d}", charged, collected, written_off, outstanding, rate))
    return result


def in_units(rows: list[SummaryRow]) -> list[tuple[str, int, int, int, int, str]]:
    return [(r.month, r.charged.minor_units, r.collected.minor_units, r.written_off.minor_units,
             r.outstanding.minor_units, r.rate) for r in rows]


def day(offset: int) -> dt.date:
    return FIRST_DAY + dt.timedelta(days=offset)


# A member: when they join (days after 1 January 2025), their plan, and maybe a second plan
# from a later day (after ending the first), whose charges can share a period start with the
# first plan's: the settlement then goes by charge id.
members = st.lists(st.tuples(st.integers(0, 600), st.sampled_from(PLANS),
                             st.none() | st.tuples(st.integers(1, 200), st.sampled_from(PLANS))),
                   min_size=1, max_size=4)
# A payment: which member, when, how much (cents), and maybe reversed some days later.
payments = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 729), st.integers(1, 9000),
                              st.none() | st.integers(0, 90)), max_size=12)
# A write-off: which member, when, which of their open charges, what percentage of it.
write_offs = st.lists(st.tuples(st.integers(0, 3), st.integers(0, 760), st.integers(0, 30),
                                st.integers(1, 100)), max_size=5)
days_asked = st.lists(st.none() | st.integers(-40, 800).map(day), min_size=1, max_size=4)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(joining=members, paying=payments, writing_off=write_offs, as_of=days_asked)
def test_the_summary_agrees_with_a_plain_settlement(
        tmp_path_factory: pytest.TempPathFactory,
        joining: list[tuple[int, str, tuple[int, str] | None]],
        paying: list[tuple[int, int, int, int | None]],
        writing_off: list[tuple[int, int, int, int]],
        as_of: list[dt.date | None]) -> None:
    path = tmp_path_factory.mktemp("summary") / "random.coopdesk"
    with Book.create(path, name="Random Co-op") as book:
        book.run(add_plan, "Monthly", usd("10.00"), "monthly")
        book.run(add_plan, "Quarterly", usd("25.00"), "quarterly", proration="by_month")
        book.run(add_plan, "Rolling", usd("7.77"), "monthly", basis="rolling")
        numbers = []
        for index, (joined, plan, second) in enumerate(joining):
            number = str(index + 1)
            book.run(add_member, MemberInput(f"Member {number}", day(joined), number=number))
            if second is None:
                book.run(assign_plan, number, plan, day(joined))
            else:
                switch = joined + second[0]
                book.run(assign_plan, number, plan, day(joined), day(switch - 1))
                book.run(assign_plan, number, second[1], day(switch))
            numbers.append(number)
        book.run(run_dues, 2026, 12)
        for who, when, cents, reversed_after in paying:
            number = numbers[who % len(numbers)]
            payment = book.run(record_payment, number, day(when), Money.from_minor(cents, "USD")).result
            if reversed_after is not None:
                book.run(reverse_payment, payment, day(when + reversed_after))
        for who, when, which, percent in writing_off:
            still_open = book.read(open_charges, numbers[who % len(numbers)])
            if still_open:
                charge = still_open[which % len(still_open)]
                amount = Money.from_minor(max(1, charge.open.minor_units * percent // 100), "USD")
                book.run(write_off_charge, charge.charge_id, "test", day(when), amount)
        for year in (2025, 2026, 2027):
            for asked in as_of:
                rows = book.read(dues_summary, year, asked)
                assert in_units(rows) == reference_summary(path, year, asked), (year, asked)
                for row in rows:  # the three parts always add back to what was charged
                    assert row.collected + row.written_off + row.outstanding == row.charged
                    assert not (row.collected.is_negative or row.outstanding.is_negative)


def test_a_charge_written_off_after_the_day_asked_is_still_outstanding_then(book: Book) -> None:
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    book.run(add_member, MemberInput("Ada Okafor", dt.date(2026, 1, 1), number="1"))
    book.run(assign_plan, "1", "Monthly", dt.date(2026, 1, 1))
    book.run(run_dues, 2026, 1)
    (january,) = book.read(open_charges, "1")
    book.run(write_off_charge, january.charge_id, "Hardship", dt.date(2026, 3, 1))
    before, after = (book.read(dues_summary, 2026, asked)[0] for asked in
                     (dt.date(2026, 2, 1), dt.date(2026, 3, 1)))
    assert (before.collected, before.written_off, before.outstanding) == (usd("0"), usd("0"), usd("1.00"))
    assert (after.collected, after.written_off, after.outstanding) == (usd("0"), usd("1.00"), usd("0"))
