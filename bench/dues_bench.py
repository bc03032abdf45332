"""Dues benchmark: a month's dues run and the arrears list against raw sqlite3 on the same book.

Builds a co-op of 5,000 members (by default) with ten years of dues history: 120 monthly dues
runs through the real `run_dues`, and the payments most members make most months. Then it
times, each beside the same work done with the standard library's `sqlite3` in the same run:

* the next month's dues run (`run_dues` in one `Book.run`: preview, charges, postings, the
  settlement of prepayment credit), against `executemany` of exactly the rows that run wrote
  (journal entries, postings, charge rows, read back from the book afterwards) into a copy of
  the book taken just before the run, in one BEGIN IMMEDIATE ... COMMIT with the book's pragmas;
* the arrears list (`dues.queries.arrears`) against one hand-written SQL query computing the
  same list (the oldest-first settlement of payments done with window functions);
* the collection summary (`dues.summary.dues_summary`) for the last year, when that module
  exists: timed, with no target.

Targets (from the project's issue): the dues run under 0.5 s and within 3x raw; the arrears
list within 2x raw.

    .venv/bin/python bench/dues_bench.py [--members N] [--years N] [--out DIR]

The clock is fixed and the random generator seeded, so every run builds the same book. The
history's payments are posted by a bulk helper in this script (`post_payments`) that writes
the same entries, payment rows and settlements as `record_payment`: it is setup, not measured.
See docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import importlib
import json
import random
import sqlite3
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.db.bulk import insert_rows
from coopdesk.db.engine import connect, sqlite_uri
from coopdesk.db.models import Member, Payment
from coopdesk.dues.accounts import BANK, DUES_RECEIVABLE
from coopdesk.dues.payments import reverse_payment, write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan, end_assignment
from coopdesk.dues.queries import ArrearsRow, arrears, open_charges
from coopdesk.dues.run import last_day_of_month, run_dues
from coopdesk.dues.settlement import settle_members
from coopdesk.ledger.lookup import account_id_for
from coopdesk.ledger.service import post_entries
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.members.service import record_leaving
from coopdesk.money import Money
from timing import (  # bench/timing.py, beside this script
    QUERY_RUNS, Results, best_of, interleaved_best, peak_rss_mib, versions, versions_text)

SEED = 20261127
CURRENCY = "USD"
FIRST_MONTH = dt.date(2016, 1, 1)

RUN_SECONDS_TARGET = 0.5
RUN_TARGET = 3.0
ARREARS_TARGET = 2.0

FIRST_NAMES = ("Ada", "Bola", "Chen", "Dana", "Eero", "Fatima", "Gus", "Hana", "Ivo", "Jo",
               "Kofi", "Lena", "Mateo", "Nia", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tove")
LAST_NAMES = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski",
              "Nguyen", "O'Brien", "Petrov", "Rossi", "Schmidt", "Diallo", "Garcia", "Kim")
PAY_DAYS = (1, 5, 10, 15, 25)  # most members pay by standing order on one of a few days

#: The plans: name -> add_plan arguments. Most members are on the dollar a month.
PLANS: dict[str, dict[str, Any]] = {
    "Monthly": {"amount": "1.00", "frequency": "monthly"},
    "Quarterly": {"amount": "3.00", "frequency": "quarterly"},
    # A fiscal year from July; joiners pay by the month left, and nothing after 1 May.
    "Yearly": {"amount": "12.00", "frequency": "yearly", "year_start_month": 7,
               "rollover_day": 305, "proration": "by_month"},
    "Rolling": {"amount": "1.00", "frequency": "monthly", "basis": "rolling"},
}


# -- the members, their plans and habits -----------------------------------------------------

@dataclass(frozen=True, slots=True)
class Profile:
    """One member of the bench co-op: who, on which plan, and how they pay."""

    id: int
    number: str
    name: str
    joined: dt.date
    plan: str
    reduced: int | None      # a reduced rate in cents, or None
    waived: bool
    habit: str               # monthly, yearly, quarterly, lapsing, irregular
    pay_day: int
    left: dt.date | None     # left the co-op on this day
    moved: dt.date | None    # moved from the monthly to the quarterly plan on this day
    lapse_month: int         # lapsing members stop paying after this month of the history

    @property
    def monthly_rate(self) -> int:
        """What the member owes a month, in cents: the base of what they pay."""
        return self.reduced if self.reduced is not None else 100


def profiles(count: int, months: int, rng: random.Random) -> list[Profile]:
    members = []
    for n in range(1, count + 1):
        founder = rng.random() < 0.85
        joined = FIRST_MONTH if founder else FIRST_MONTH + dt.timedelta(days=rng.randrange(366))
        roll = rng.random()
        plan, reduced, waived = "Monthly", None, False
        if roll < 0.03:
            reduced = 50                                   # the student rate
        elif roll < 0.04:
            waived = True                                  # hardship: dues waived
        elif roll < 0.07:
            plan = "Quarterly"
        elif roll < 0.09:
            plan = "Yearly"
        elif roll < 0.12:
            plan = "Rolling"
        habit = rng.choices(("monthly", "yearly", "quarterly", "lapsing", "irregular"),
                            (65, 12, 10, 8, 5))[0]
        left = None
        if rng.random() < 0.04:
            left = FIRST_MONTH + dt.timedelta(days=rng.randrange(730, max(731, months * 30)))
        moved = None
        if plan == "Monthly" and not waived and reduced is None and rng.random() < 0.01:
            moved = dt.date(2018 + rng.randrange(3), rng.randrange(1, 13), 15)
            if months < 36 or (left is not None and left <= moved):
                moved = None
        members.append(Profile(
            id=n, number=f"M{n:05d}", name=f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}",
            joined=joined, plan=plan, reduced=reduced, waived=waived, habit=habit,
            pay_day=rng.choice(PAY_DAYS), left=left, moved=moved,
            lapse_month=rng.randrange(min(24, months), months + 1)))
    return members


def add_members(session: Session, members: list[Profile]) -> None:
    """Setup: the register, inserted in bulk (the member service is not what is measured)."""
    session.execute(insert(cast(Table, Member.__table__)), [
        {"id": p.id, "number": p.number, "display_name": p.name,
         "sort_name": p.name.split()[-1] + ", " + p.name.split()[0], "join_date": p.joined}
        for p in members])


def add_plans_and_assignments(session: Session, members: list[Profile]) -> None:
    for name, terms in PLANS.items():
        add_plan(session, name, Money(terms["amount"], CURRENCY), terms["frequency"],
                 terms.get("basis", "fixed"), terms.get("year_start_month"),
                 terms.get("rollover_day"), terms.get("proration", "none"))
    for p in members:
        amount = None if p.reduced is None else Money.from_minor(p.reduced, CURRENCY)
        reason = "Student rate" if p.reduced is not None else "Hardship" if p.waived else ""
        assign_plan(session, p.number, p.plan, p.joined, amount=amount, waived=p.waived,
                    reason=reason)


def payment_due(p: Profile, index: int, day: dt.date, owed: dict[int, int], rng: random.Random) -> int:
    """What member `p` pays in month `index` of the history (cents; 0 = nothing).

    `owed` carries what each member skipped, so that a monthly payer who missed a month pays
    both next time.
    """
    if p.waived or day < p.joined or (p.left is not None and day > p.left):
        return 0
    rate = p.monthly_rate
    month = index % 12
    if p.habit == "yearly":
        return 12 * rate if month == 0 or index == 0 else 0
    if p.habit == "quarterly":
        return 3 * rate if month % 3 == 2 else 0
    if p.habit == "irregular":
        return rate * rng.randint(1, 6) if rng.random() < 0.3 else 0
    if p.habit == "lapsing" and index > p.lapse_month:
        return 0
    if rng.random() < 0.04:
        owed[p.id] = owed.get(p.id, 0) + rate
        return 0
    return rate + owed.pop(p.id, 0)


def post_payments(session: Session, day: dt.date, paid: list[tuple[Profile, int]]) -> None:
    """SETUP, NOT MEASURED: `paid` (member, cents) as `record_payment` would post them one by one.

    The same payment entries (bank against the member's dues receivable, the same memo), the
    same payment rows and the same settlement; only written for many members at once, with one
    settlement of everyone paid on `day` after their payments instead of one after each. Half a
    million payments one service call at a time would take hours.
    """
    bank = account_id_for(session, BANK)
    receivable = account_id_for(session, DUES_RECEIVABLE)
    entry_ids = post_entries(session, [
        EntryDraft(day, EntryKind.PAYMENT, (
            PostingDraft(bank, units),
            PostingDraft(receivable, -units, member_id=p.id),
        ), memo=f"Dues of member {p.number}")
        for p, units in paid])
    insert_rows(session, cast(Table, Payment.__table__),
                ("member_id", "payer_id", "pay_date", "amount", "method", "reference", "memo",
                 "fingerprint", "entry_id"),
                [(p.id, None, day, units, "bank_transfer", "", "", None, entry_id)
                 for (p, units), entry_id in zip(paid, entry_ids, strict=True)])
    settle_members(session, {p.id for p, _ in paid}, day)


def month_start(index: int) -> dt.date:
    year, month0 = divmod(FIRST_MONTH.year * 12 + index, 12)
    return dt.date(year, month0 + 1, 1)


@dataclass
class History:
    run_seconds: list[float]
    payments: int = 0
    reversals: int = 0
    write_offs: int = 0


def build_history(book: Book, members: list[Profile], months: int, rng: random.Random) -> History:
    """The book's past, month by month: changes of membership, the dues run, the payments."""
    history = History([])
    owed: dict[int, int] = {}
    for index in range(months):
        first = month_start(index)
        last = last_day_of_month(first.year, first.month)
        for p in members:
            if p.left is not None and first <= p.left <= last:
                book.run(record_leaving, p.number, p.left, "withdrew")
            if p.moved is not None and first <= p.moved <= last:
                book.run(end_assignment, p.number, p.moved - dt.timedelta(days=1))
                book.run(assign_plan, p.number, "Quarterly", p.moved)
        start = time.perf_counter()
        book.run(run_dues, first.year, first.month)
        history.run_seconds.append(time.perf_counter() - start)

        by_day: dict[dt.date, list[tuple[Profile, int]]] = {}
        for p in members:
            day = first.replace(day=p.pay_day)
            units = payment_due(p, index, max(day, p.joined), owed, rng)
            if units:
                by_day.setdefault(max(day, p.joined), []).append((p, units))
        def pay_month(session: Session) -> None:
            for day in sorted(by_day):
                post_payments(session, day, by_day[day])
        book.run(pay_month)
        history.payments += sum(len(v) for v in by_day.values())

        if first.month == 12:
            year_end_corrections(book, members, first, last, rng, history)
        if index % 12 == 11 or index == months - 1:
            print(f"  {first:%Y-%m}: last run {history.run_seconds[-1]:.2f} s,"
                  f" {history.payments:,} payments so far", flush=True)
    return history


def year_end_corrections(book: Book, members: list[Profile], first: dt.date, last: dt.date,
                         rng: random.Random, history: History) -> None:
    """A few payments reversed (recorded against the wrong member) and a few debts written off,
    through the real services."""
    year_payments = book.read(lambda s: list(s.execute(
        select(Payment.id).where(Payment.pay_date.between(first.replace(month=1), last))).scalars()))
    for payment_id in rng.sample(year_payments, min(5, len(year_payments))):
        book.run(reverse_payment, payment_id, last)
        history.reversals += 1
    lapsed = [p for p in members if p.habit == "lapsing" and not p.waived]
    for p in rng.sample(lapsed, min(10, len(lapsed))):
        still_open = book.read(open_charges, p.number, last)
        if still_open:
            book.run(write_off_charge, still_open[0].charge_id, "Uncollectable: member unreachable",
                     last)
            history.write_offs += 1


# -- the timed work: the dues run ------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class WrittenRows:
    entries: list[tuple[Any, ...]]
    postings: list[tuple[Any, ...]]
    charges: list[tuple[Any, ...]]


ENTRY_COLUMNS = "id, entry_date, kind, memo, source_ref, reverses_id, posted_at, prev_hash, hash"
POSTING_COLUMNS = "id, entry_id, line_no, account_id, amount, member_id, fund_id, memo"
CHARGE_COLUMNS = ("id, member_id, plan_id, period_key, period_start, period_end, amount, prorated,"
                  " entry_id")


def copy_book(source: Path, dest: Path) -> None:
    """A copy of the book through SQLite's backup API, as `coopdesk.backup.write_backup` makes
    one, without its integrity check (15 s on this book, and the copies are thrown away)."""
    src = sqlite3.connect(sqlite_uri(source, "ro"), uri=True)
    try:
        dst = sqlite3.connect(dest)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    finally:
        src.close()
    dest.chmod(0o600)


def last_ids(path: Path) -> tuple[int, int]:
    conn = connect(path, "ro")
    try:
        entry = conn.execute("SELECT COALESCE(MAX(id), 0) FROM journal_entries").fetchone()[0]
        charge = conn.execute("SELECT COALESCE(MAX(id), 0) FROM charges").fetchone()[0]
        return entry, charge
    finally:
        conn.close()


def rows_written(path: Path, after_entry: int, after_charge: int) -> WrittenRows:
    """The rows the run added to the book at `path`, exactly as stored, for the raw insert."""
    conn = connect(path, "ro")
    try:
        return WrittenRows(
            conn.execute(f"SELECT {ENTRY_COLUMNS} FROM journal_entries WHERE id > ? ORDER BY id",
                         (after_entry,)).fetchall(),
            conn.execute(f"SELECT {POSTING_COLUMNS} FROM postings WHERE entry_id > ? ORDER BY id",
                         (after_entry,)).fetchall(),
            conn.execute(f"SELECT {CHARGE_COLUMNS} FROM charges WHERE id > ? ORDER BY id",
                         (after_charge,)).fetchall())
    finally:
        conn.close()


def insert_raw(path: Path, rows: WrittenRows) -> float:
    conn = connect(path, "rw")  # the book's own pragmas: synchronous=FULL, foreign_keys=ON, ...
    try:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(f"INSERT INTO journal_entries ({ENTRY_COLUMNS}) VALUES ({', '.join('?' * 9)})",
                         rows.entries)
        conn.executemany(f"INSERT INTO postings ({POSTING_COLUMNS}) VALUES ({', '.join('?' * 8)})",
                         rows.postings)
        conn.executemany(f"INSERT INTO charges ({CHARGE_COLUMNS}) VALUES ({', '.join('?' * 9)})",
                         rows.charges)
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


def chain_head(path: Path) -> str:
    conn = connect(path, "ro")
    try:
        return str(conn.execute("SELECT hash FROM journal_entries ORDER BY id DESC LIMIT 1").fetchone()[0])
    finally:
        conn.close()


# -- the timed work: the arrears list --------------------------------------------------------

#: The arrears list in one query. Payments settle a member's charges oldest first (by period
#: start, then id), so a charge is open when what was due up to and including it exceeds what
#: the member paid; the oldest open charge is the one where that running total first does.
RAW_ARREARS = """
WITH written AS (
    SELECT w.charge_id, SUM(w.amount) AS amount
    FROM write_offs AS w JOIN journal_entries AS e ON e.id = w.entry_id
    WHERE e.entry_date <= :day
    GROUP BY w.charge_id),
paid AS (
    SELECT p.member_id, SUM(p.amount) AS amount
    FROM payments AS p
    WHERE p.pay_date <= :day
      AND NOT EXISTS (SELECT 1 FROM journal_entries AS r
                      WHERE r.reverses_id = p.entry_id AND r.entry_date <= :day)
    GROUP BY p.member_id),
dues AS (
    SELECT c.member_id, c.period_key, c.period_start,
           c.amount - COALESCE(w.amount, 0) AS due,
           SUM(c.amount - COALESCE(w.amount, 0)) OVER upto AS due_upto,
           SUM(c.amount - COALESCE(w.amount, 0)) OVER whole AS due_total,
           FIRST_VALUE(c.amount) OVER upto AS first_amount,
           FIRST_VALUE(c.amount - COALESCE(w.amount, 0)) OVER upto AS first_due
    FROM charges AS c LEFT JOIN written AS w ON w.charge_id = c.id
    WHERE c.period_start <= :day
    WINDOW upto AS (PARTITION BY c.member_id ORDER BY c.period_start, c.id
                    ROWS UNBOUNDED PRECEDING),
           whole AS (PARTITION BY c.member_id ORDER BY c.period_start, c.id
                     ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)),
oldest AS (
    SELECT d.*, COALESCE(p.amount, 0) AS paid,
           (CAST(substr(:day, 1, 4) AS INTEGER) - CAST(substr(d.period_start, 1, 4) AS INTEGER)) * 12
           + CAST(substr(:day, 6, 2) AS INTEGER) - CAST(substr(d.period_start, 6, 2) AS INTEGER)
           + 1 AS months
    FROM dues AS d LEFT JOIN paid AS p ON p.member_id = d.member_id
    WHERE d.due_upto > COALESCE(p.amount, 0) AND d.due_upto - d.due <= COALESCE(p.amount, 0))
SELECT m.number, m.display_name, MAX(0, o.months) AS months, o.due_total - o.paid AS amount,
       o.period_key, o.period_start,
       CASE
           WHEN m.status_override IS NOT NULL THEN m.status_override
           WHEN m.leave_date IS NOT NULL AND m.leave_date <= :day
               THEN CASE m.leave_reason WHEN 'deceased' THEN 'deceased' ELSE 'withdrawn' END
           WHEN m.join_date IS NULL OR m.join_date > :day
                OR MAX(0, o.first_due - o.paid) = o.first_amount THEN 'pending'
           WHEN o.months <= 0 THEN 'active'
           WHEN o.months <= :grace THEN 'in_grace'
           ELSE 'lapsed'
       END AS status
FROM oldest AS o JOIN members AS m ON m.id = o.member_id
ORDER BY MAX(0, o.months) DESC, m.number"""


#: The same list as SQL plus a little Python: the charges streamed in the order payments settle
#: them, each member's payments used up charge by charge. Tuned by hand for SQLite (NOT INDEXED:
#: its planner would otherwise group the payments through their member index, one table lookup
#: per payment).
RAW_WRITTEN = """
    SELECT w.charge_id, SUM(w.amount) FROM write_offs AS w JOIN journal_entries AS e ON e.id = w.entry_id
    WHERE e.entry_date <= :day GROUP BY w.charge_id"""
RAW_PAID = """
    SELECT p.member_id, SUM(p.amount) FROM payments AS p NOT INDEXED
    WHERE p.pay_date <= :day
      AND NOT EXISTS (SELECT 1 FROM journal_entries AS r
                      WHERE r.reverses_id = p.entry_id AND r.entry_date <= :day)
    GROUP BY p.member_id"""
RAW_CHARGES = """
    SELECT member_id, id, amount FROM charges WHERE period_start <= :day ORDER BY period_start, id"""
RAW_OLDEST = """
    SELECT c.id, m.number, m.display_name, c.period_key, c.period_start, m.join_date,
           m.leave_date, m.leave_reason, m.status_override
    FROM charges AS c JOIN members AS m ON m.id = c.member_id
    WHERE c.id IN ({})"""


def raw_arrears_streamed(conn: sqlite3.Connection, day: dt.date, grace: int) -> list[tuple[Any, ...]]:
    params = {"day": day.isoformat()}
    written = dict(conn.execute(RAW_WRITTEN, params).fetchall())
    paid = dict(conn.execute(RAW_PAID, params).fetchall())
    left: dict[int, int] = {}
    first_open: dict[int, bool] = {}
    total: dict[int, int] = {}
    oldest: dict[int, int] = {}
    for member_id, charge_id, amount in conn.execute(RAW_CHARGES, params):
        due = amount - written.get(charge_id, 0)
        if member_id not in left:
            left[member_id] = paid.get(member_id, 0)
            first_open[member_id] = max(0, due - left[member_id]) == amount
            total[member_id] = 0
        total[member_id] += due
        if member_id not in oldest:
            if due > left[member_id]:
                oldest[member_id] = charge_id
            else:
                left[member_id] -= due
    member_of = {charge_id: member_id for member_id, charge_id in oldest.items()}
    text = day.isoformat()
    result = []
    for (charge_id, number, name, key, start, joined, left_on, reason,
         override) in conn.execute(RAW_OLDEST.format(", ".join("?" * len(oldest))), list(oldest.values())):
        member_id = member_of[charge_id]
        months = max(0, (day.year - int(start[:4])) * 12 + day.month - int(start[5:7]) + 1)
        if override is not None:
            status = override
        elif left_on is not None and left_on <= text:
            status = "deceased" if reason == "deceased" else "withdrawn"
        elif joined is None or joined > text or first_open[member_id]:
            status = "pending"
        else:
            status = "active" if months <= 0 else "in_grace" if months <= grace else "lapsed"
        result.append((number, name, months, total[member_id] - paid.get(member_id, 0), key,
                       dt.date.fromisoformat(start), status))
    result.sort(key=lambda r: (-r[2], r[0]))
    return result


def raw_arrears(conn: sqlite3.Connection, day: dt.date, grace: int) -> list[tuple[Any, ...]]:
    fromiso = dt.date.fromisoformat  # ours hands back dates, not text: the same information
    return [(number, name, months, amount, key, fromiso(start), status)
            for number, name, months, amount, key, start, status
            in conn.execute(RAW_ARREARS, {"day": day.isoformat(), "grace": grace})]


def same_arrears(ours: list[ArrearsRow], raw: list[tuple[Any, ...]]) -> bool:
    return [(r.member_number, r.member_name, r.months, r.amount.minor_units, r.oldest_period,
             r.oldest_since, r.status) for r in ours] == raw


# -- the run ---------------------------------------------------------------------------------

def fresh_book(path: Path) -> Book:
    for leftover in (path, path.with_name(path.name + ".lock")):
        leftover.unlink(missing_ok=True)
    return Book.create(path, name="Bench Co-op", currency=CURRENCY, locale="en_US")


def book_counts(path: Path) -> dict[str, int]:
    conn = connect(path, "ro")
    try:
        return {table: conn.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]
                for table in ("members", "charges", "payments", "write_offs", "journal_entries",
                              "postings")}
    finally:
        conn.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--members", type=int, default=5_000, help="members (default 5000)")
    parser.add_argument("--years", type=int, default=10, help="years of history (default 10)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out",
                        help="folder for the books and results.json (default bench/out)")
    parser.add_argument("--runs", type=int, default=QUERY_RUNS, help="runs per query (default 5)")
    parser.add_argument("--history", type=Path, default=None,
                        help="start from this copy of a history book (one --keep-books left as"
                             " dues-history.coopdesk) instead of building one")
    parser.add_argument("--run-repeats", type=int, default=3,
                        help="dues runs timed, each on fresh copies of the history (default 3)")
    parser.add_argument("--keep-books", action="store_true", help="leave the books in --out")
    args = parser.parse_args(argv)

    months = 12 * args.years
    timed_month = month_start(months)
    as_of = last_day_of_month(timed_month.year, timed_month.month)
    fixed_now = dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time(9, 30), dt.timezone.utc)
    clock.set_clock(lambda: fixed_now)  # the same posted_at on every entry, run after run
    args.out.mkdir(parents=True, exist_ok=True)
    history_path = args.out / "dues-history.coopdesk"
    ours_path = args.out / "dues-ours.coopdesk"
    raw_path = args.out / "dues-raw.coopdesk"
    rng = random.Random(SEED)
    started = time.perf_counter()
    history: History | None = None
    build_seconds = 0.0

    if args.history is None:
        print(f"building {args.members:,} members with {args.years} years of dues ...", flush=True)
        members = profiles(args.members, months, rng)
        with fresh_book(history_path) as book:
            book.run(add_members, members)
            book.run(add_plans_and_assignments, members)
            history = build_history(book, members, months, rng)
        build_seconds = time.perf_counter() - started
        print(f"  built in {build_seconds:.0f} s; {len(history.run_seconds)} dues runs took"
              f" {sum(history.run_seconds):.1f} s (the last {history.run_seconds[-1]:.3f} s);"
              f" peak RSS {peak_rss_mib():.0f} MiB", flush=True)
        source = history_path
    else:
        source = args.history
    counts = book_counts(source)
    print("  the book: " + ", ".join(f"{n:,} {t}" for t, n in counts.items()), flush=True)

    results = Results(width=36)

    # (a) the month's dues run, on fresh copies of the history each time: ours posts it, raw
    # inserts the rows ours wrote. The first time ours goes first (raw needs its rows), then
    # raw does, so that neither always finds the other's work in the disk cache.
    runs: dict[str, list[float]] = {"ours": [], "raw": []}
    written: WrittenRows | None = None
    run_result: Any = None
    for repeat in range(args.run_repeats):
        for path in (ours_path, raw_path):
            path.unlink(missing_ok=True)
            copy_book(source, path)
        after_entry, after_charge = last_ids(ours_path)
        sides = ("ours", "raw") if written is None or repeat % 2 == 0 else ("raw", "ours")
        for side in sides:
            if side == "raw":
                assert written is not None
                runs["raw"].append(insert_raw(raw_path, written))
                continue
            with Book.open(ours_path) as ours:
                start = time.perf_counter()
                changes = ours.run(run_dues, timed_month.year, timed_month.month)
                runs["ours"].append(time.perf_counter() - start)
            run_result = changes.result
            if written is None:
                written = rows_written(ours_path, after_entry, after_charge)
                assert len(written.charges) == run_result.charges
        assert chain_head(raw_path) == chain_head(ours_path), "the two books' audit chains differ"
        print(f"  dues run {repeat + 1}: ours {runs['ours'][-1]:.3f} s, raw {runs['raw'][-1]:.3f} s",
              flush=True)
    assert written is not None
    applications = len(written.entries) - len(written.charges)
    results.record(f"dues run {timed_month:%Y-%m}", min(runs["ours"]), min(runs["raw"]), RUN_TARGET,
                   f"{run_result.charges:,} charges, {applications:,} applications,"
                   f" {len(written.postings):,} postings; best of {args.run_repeats}"
                   f" (target also < {RUN_SECONDS_TARGET} s)",
                   median_ratio=statistics.median(runs["ours"]) / statistics.median(runs["raw"]),
                   seconds_target=RUN_SECONDS_TARGET)
    gc.collect()

    ours = Book.open(ours_path, read_only=True)
    try:
        # (b) the arrears list, against two hand-written ways: one SQL query, and SQL with a
        # little Python. The target holds against the faster of the two.
        grace = ours.settings.grace_months
        conn = connect(ours_path, "ro")
        try:
            def ours_fn() -> list[ArrearsRow]:
                return ours.read(arrears, as_of)

            raw_fns: dict[str, Callable[[], list[tuple[Any, ...]]]] = {
                "one SQL query": lambda: raw_arrears(conn, as_of, grace),
                "SQL + Python": lambda: raw_arrears_streamed(conn, as_of, grace)}
            ours_result = ours_fn()
            for how, raw_fn in raw_fns.items():
                assert same_arrears(ours_result, raw_fn()), f"the arrears lists disagree ({how})"
            lapsed = sum(1 for r in ours_result if r.status == "lapsed")
            note = f"{len(ours_result):,} rows, {lapsed:,} lapsed"
            del ours_result
            timed = {how: interleaved_best(ours_fn, raw_fn, args.runs) for how, raw_fn in raw_fns.items()}
            strictest = min(timed, key=lambda how: timed[how][0]["raw"])
            for how, (best, median) in timed.items():
                results.record(f"arrears, raw as {how}", best["ours"], best["raw"],
                               ARREARS_TARGET if how == strictest else None, note,
                               median_ratio=median["ours"] / median["raw"])
        finally:
            conn.close()

        # (c) the collection summary, if it has been written yet
        try:
            summary = importlib.import_module("coopdesk.dues.summary")
        except ImportError:
            print("  collection summary: coopdesk.dues.summary does not exist yet; skipped")
        else:
            year = timed_month.year - 1
            seconds = best_of(lambda: ours.read(summary.dues_summary, year), args.runs)
            results.record(f"collection summary {year}", seconds)
    finally:
        ours.close()
        if not args.keep_books:
            for path in (ours_path, raw_path, history_path):
                path.unlink(missing_ok=True)

    total = time.perf_counter() - started
    rss = peak_rss_mib()
    print()
    results.print_table()
    print(f"peak RSS {rss:.0f} MiB; whole run {total:.0f} s (building {build_seconds:.0f} s);"
          f" queries: best of at least {args.runs} interleaved runs; {versions_text()}")
    (args.out / "results.json").write_text(json.dumps({
        "members": args.members, "years": args.years, "runs": args.runs, "book": counts,
        "peak_rss_mib": round(rss), "seconds": round(total, 1),
        "build_seconds": round(build_seconds, 1),
        "history_runs_s": None if history is None else [round(s, 4) for s in history.run_seconds],
        **versions(), "results": [r.as_json() for r in results.targeted],
        "extras": [r.as_json() for r in results.extras],
    }, indent=2) + "\n")
    return 0 if results.passed else 1


if __name__ == "__main__":
    sys.exit(main())
