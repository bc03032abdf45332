"""Ledger benchmark: coopdesk's bulk posting and reports against raw sqlite3 on the same rows.

Builds a large, plausible co-op book (by default 300,000 two-posting entries over ten years and
5,000 members on the default chart) and times, each beside the same work done with the standard
library's `sqlite3`:

* posting every entry through `coopdesk.ledger.service.post_entries` in one `Book.run`, against
  `executemany` of the same precomputed rows (same ids, dates, memos and hashes) into a second,
  identical book inside one BEGIN IMMEDIATE ... COMMIT with the same pragmas;
* the trial balance, every member's balances and one busy account's register, read from the
  posted book, against the equivalent hand-written SQL (GROUP BY; a join with a running sum).

Targets (from the project's issue): posting within 2x raw, queries within 1.5x raw.

    .venv/bin/python bench/ledger_bench.py [--entries N] [--members N] [--out DIR]

The clock is fixed and the random generator seeded, so every run builds the same book; both
books end with the same audit-chain head, which the script checks. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import random
import sqlite3
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.db.engine import connect
from coopdesk.db.models import Account, JournalEntry, Member
from coopdesk.ledger import queries
from coopdesk.ledger.chain import GENESIS, entry_hash
from coopdesk.ledger.service import post_entries
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.money import Money
from timing import (  # bench/timing.py, beside this script
    QUERY_RUNS, Results, interleaved_best, peak_rss_mib, versions, versions_text)

SEED = 20261126
CURRENCY = "USD"
FIXED_NOW = dt.datetime(2026, 1, 15, 9, 30, tzinfo=dt.timezone.utc)
FIRST_DAY = dt.date(2016, 1, 1)
YEARS = 10
REGISTER_ACCOUNT = "1100"  # dues receivable: every charge, payment and write-off of every member

POSTING_TARGET = 2.0
QUERY_TARGET = 1.5

FIRST_NAMES = ("Ada", "Bola", "Chen", "Dana", "Eero", "Fatima", "Gus", "Hana", "Ivo", "Jo",
               "Kofi", "Lena", "Mateo", "Nia", "Oskar", "Priya", "Quinn", "Rosa", "Sami", "Tove")
LAST_NAMES = ("Okafor", "Lindqvist", "Moreau", "Tanaka", "Silva", "Novak", "Haddad", "Kowalski",
              "Nguyen", "O'Brien", "Petrov", "Rossi", "Schmidt", "Diallo", "Garcia", "Kim")
SUPPLIERS = ("Hall rent", "Printing", "Insurance premium", "Accounting software", "Postage",
             "Coffee and snacks", "Cleaning", "Electricity", "Web hosting", "Travel")
DUES_AMOUNTS = (100, 100, 100, 500, 500, 1000, 1200, 2500)  # "a dollar a month" is the usual


# -- the book's rows, built once -------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Rows:
    drafts: list[EntryDraft]
    entry_rows: list[tuple[Any, ...]]    # journal_entries, for raw executemany
    posting_rows: list[tuple[Any, ...]]  # postings, for raw executemany
    last_hash: str


def account_ids(book: Book) -> dict[str, int]:
    return book.read(lambda s: dict(s.execute(select(Account.code, Account.id)).all()))


def chain_head(book: Book) -> str:
    return book.read(lambda s: s.execute(
        select(JournalEntry.hash).order_by(JournalEntry.id.desc()).limit(1)).scalar_one())


def member_rows(count: int, rng: random.Random) -> list[dict[str, object]]:
    return [
        {"id": n, "number": f"M{n:05d}",
         "display_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"}
        for n in range(1, count + 1)
    ]


def build_drafts(entries: int, members: int, acc: dict[str, int], rng: random.Random) -> list[EntryDraft]:
    """Plausible co-op activity, in date order: dues charged and paid, expenses, income."""
    days = (FIRST_DAY.replace(year=FIRST_DAY.year + YEARS) - FIRST_DAY).days
    dates = sorted(FIRST_DAY + dt.timedelta(days=rng.randrange(days)) for _ in range(entries))
    cash, bank, dues_rec, prepaid = acc["1000"], acc["1010"], acc["1100"], acc["2000"]
    capital, dues_income, op_income = acc["3000"], acc["4000"], acc["4100"]
    expenses, written_off, charges = acc["5000"], acc["5100"], acc["5900"]

    def expense(d: dt.date, m: int, a: int) -> tuple[str, str, tuple[Any, ...]]:
        cost = 50 * a + rng.randrange(100)
        return EntryKind.MANUAL, rng.choice(SUPPLIERS), ((expenses, cost, None), (bank, -cost, None))

    kinds: tuple[tuple[int, Callable[[dt.date, int, int], tuple[str, str, tuple[Any, ...]]]], ...] = (
        # weight, maker(date, member, dues amount) -> (kind, memo, (line, line))
        (40, lambda d, m, a: (EntryKind.DUES, f"Dues {d:%Y-%m}",
                              ((dues_rec, a, m), (dues_income, -a, None)))),
        (30, lambda d, m, a: (EntryKind.PAYMENT, f"Dues paid by M{m:05d}",
                              ((bank, a, None), (dues_rec, -a, m)))),
        (3, lambda d, m, a: (EntryKind.PAYMENT, f"Paid in advance by M{m:05d}",
                             ((bank, 12 * a, None), (prepaid, -12 * a, m)))),
        (3, lambda d, m, a: (EntryKind.PAYMENT, f"Prepayment applied {d:%Y-%m}",
                             ((prepaid, a, m), (dues_rec, -a, m)))),
        (2, lambda d, m, a: (EntryKind.PAYMENT, "Member share purchased",
                             ((bank, 2500, None), (capital, -2500, m)))),
        (1, lambda d, m, a: (EntryKind.WRITE_OFF, "Uncollectable dues written off",
                             ((written_off, a, None), (dues_rec, -a, m)))),
        (10, expense),
        (2, lambda d, m, a: (EntryKind.MANUAL, "Bank charges",
                             ((charges, 150, None), (bank, -150, None)))),
        (6, lambda d, m, a: (EntryKind.MANUAL, "Room hire",
                             ((bank, 20 * a, None), (op_income, -20 * a, None)))),
        (3, lambda d, m, a: (EntryKind.MANUAL, "Cash takings banked",
                             ((bank, 10 * a, None), (cash, -10 * a, None)))),
    )
    makers = [maker for weight, maker in kinds for _ in range(weight)]
    drafts = []
    for date in dates:
        maker = rng.choice(makers)
        kind, memo, lines = maker(date, rng.randint(1, members), rng.choice(DUES_AMOUNTS))
        drafts.append(EntryDraft(
            date=date, kind=kind, memo=memo,
            postings=tuple(PostingDraft(account, amount, member) for account, amount, member in lines),
        ))
    return drafts


def raw_rows(drafts: Sequence[EntryDraft], posted_at: str) -> Rows:
    """The rows `post_entries` will write, hashed here so the raw insert does not hash."""
    entry_rows: list[tuple[Any, ...]] = []
    posting_rows: list[tuple[Any, ...]] = []
    prev = GENESIS
    for entry_id, d in enumerate(drafts, start=1):
        fields = [(line, p.account_id, p.amount, p.member_id, p.fund_id, p.memo)
                  for line, p in enumerate(d.postings, start=1)]
        digest = entry_hash(prev, entry_id, d.date, d.kind, d.memo, d.source_ref, d.reverses_id,
                            posted_at, fields)
        entry_rows.append((entry_id, d.date.isoformat(), str(d.kind), d.memo, d.source_ref,
                           d.reverses_id, posted_at, prev, digest))
        posting_rows.extend((entry_id, *f) for f in fields)
        prev = digest
    return Rows(list(drafts), entry_rows, posting_rows, prev)


def add_members(session: Session, rows: list[dict[str, object]]) -> None:
    session.execute(insert(Member), rows)


# -- the timed work --------------------------------------------------------------------------

def post_ours(book: Book, drafts: list[EntryDraft], batch: int) -> float:
    def post_all(session: Session) -> int:
        if batch <= 0:
            return len(post_entries(session, drafts))
        return sum(len(post_entries(session, drafts[i:i + batch]))
                   for i in range(0, len(drafts), batch))

    start = time.perf_counter()
    changes = book.run(post_all)
    elapsed = time.perf_counter() - start
    assert changes.result == len(drafts)
    return elapsed


def post_raw(path: Path, rows: Rows) -> float:
    conn = connect(path, "rw")  # the book's own pragmas: synchronous=FULL, foreign_keys=ON, ...
    try:
        start = time.perf_counter()
        conn.execute("BEGIN IMMEDIATE")
        conn.executemany(
            "INSERT INTO journal_entries (id, entry_date, kind, memo, source_ref, reverses_id,"
            " posted_at, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", rows.entry_rows)
        conn.executemany(
            "INSERT INTO postings (entry_id, line_no, account_id, amount, member_id, fund_id, memo)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)", rows.posting_rows)
        conn.execute("COMMIT")
        return time.perf_counter() - start
    finally:
        conn.close()


RAW_TRIAL_BALANCE = """
    SELECT a.code, a.name, a.type, COALESCE(s.total, 0)
    FROM accounts AS a
    LEFT JOIN (SELECT account_id, SUM(amount) AS total FROM postings GROUP BY account_id) AS s
           ON s.account_id = a.id
    ORDER BY a.code"""

RAW_MEMBER_BALANCES = """
    SELECT m.number, m.display_name, a.code, s.total
    FROM members AS m
    JOIN (SELECT member_id, account_id, SUM(amount) AS total FROM postings
          WHERE member_id IS NOT NULL GROUP BY member_id, account_id) AS s
      ON s.member_id = m.id
    JOIN accounts AS a ON a.id = s.account_id
    ORDER BY m.number, a.code"""

RAW_REGISTER = """
    SELECT e.id, e.entry_date, e.kind, e.memo, m.number, p.amount
    FROM journal_entries AS e
    JOIN postings AS p ON p.entry_id = e.id
    LEFT JOIN members AS m ON m.id = p.member_id
    WHERE p.account_id = (SELECT id FROM accounts WHERE code = ?)
    ORDER BY e.entry_date, e.id, p.line_no"""


def raw_trial_balance(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return [(code, name, type_, total if total > 0 else 0, -total if total < 0 else 0)
            for code, name, type_, total in conn.execute(RAW_TRIAL_BALANCE)]


def raw_member_balances(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    return conn.execute(RAW_MEMBER_BALANCES).fetchall()


def raw_register(conn: sqlite3.Connection) -> list[tuple[Any, ...]]:
    rows = []
    running = 0
    fromiso = dt.date.fromisoformat  # ours hands back dates, not text: the same information
    for entry_id, date, kind, memo, number, amount in conn.execute(RAW_REGISTER, (REGISTER_ACCOUNT,)):
        running += amount
        rows.append((entry_id, fromiso(date), kind, memo, number, amount, running))
    return rows


def raw_register_rows(conn: sqlite3.Connection) -> list[queries.RegisterRow]:
    """The raw register again, building the rows ours returns: what the row type costs."""
    rows = []
    running = 0
    fromiso = dt.date.fromisoformat
    from_minor = Money.from_minor
    for entry_id, date, kind, memo, number, amount in conn.execute(RAW_REGISTER, (REGISTER_ACCOUNT,)):
        running += amount
        rows.append(queries.RegisterRow(entry_id, fromiso(date), kind, memo, number,
                                        from_minor(amount, CURRENCY), from_minor(running, CURRENCY)))
    return rows


# -- agreement checks (outside the timings) --------------------------------------------------

def same_trial_balance(ours: list[queries.TrialBalanceRow], raw: list[tuple[Any, ...]]) -> bool:
    return [(r.code, r.name, r.type, r.debit.minor_units, r.credit.minor_units) for r in ours] == raw


def same_member_balances(ours: list[queries.MemberBalanceRow], raw: list[tuple[Any, ...]]) -> bool:
    return [(r.member_number, r.member_name, r.account_code, r.balance.minor_units)
            for r in ours] == raw


def same_register(ours: list[queries.RegisterRow], raw: list[tuple[Any, ...]]) -> bool:
    return [(r.entry_id, r.date, r.kind, r.memo, r.member_number, r.amount.minor_units,
             r.balance.minor_units) for r in ours] == raw


# -- the run ---------------------------------------------------------------------------------

def fresh_book(path: Path) -> Book:
    for leftover in (path, path.with_name(path.name + ".lock")):
        leftover.unlink(missing_ok=True)
    return Book.create(path, name="Bench Co-op", currency=CURRENCY, locale="en_US")


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=300_000, help="journal entries (default 300000)")
    parser.add_argument("--members", type=int, default=5_000, help="members (default 5000)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out",
                        help="folder for the two books and results.json (default bench/out)")
    parser.add_argument("--batch", type=int, default=0,
                        help="drafts per post_entries call, all in one Book.run (default 0: one call)")
    parser.add_argument("--runs", type=int, default=QUERY_RUNS, help="runs per query (default 5)")
    parser.add_argument("--keep-books", action="store_true", help="leave the two books in --out")
    args = parser.parse_args(argv)

    clock.set_clock(lambda: FIXED_NOW)  # same posted_at, hence same hashes, in both books
    posted_at = FIXED_NOW.isoformat(timespec="seconds")
    args.out.mkdir(parents=True, exist_ok=True)
    ours_path = args.out / "bench-ours.coopdesk"
    raw_path = args.out / "bench-raw.coopdesk"
    rng = random.Random(SEED)
    started = time.perf_counter()

    ours = fresh_book(ours_path)
    raw_book = fresh_book(raw_path)
    try:
        acc = account_ids(ours)
        assert acc == account_ids(raw_book), "the two books must have the same chart"
        members = member_rows(args.members, rng)
        ours.run(add_members, members)
        raw_book.run(add_members, members)
        raw_book.close()  # releases the lock; raw sqlite3 writes it from here

        print(f"building {args.entries:,} entries for {args.members:,} members ...", flush=True)
        drafts = build_drafts(args.entries, args.members, acc, rng)
        rows = raw_rows(drafts, posted_at)
        del drafts
        rss_after_build = peak_rss_mib()
        print(f"  built in {time.perf_counter() - started:.1f} s; peak RSS {rss_after_build:.0f} MiB",
              flush=True)
        gc.collect()

        results = Results(width=32)

        raw_post = post_raw(raw_path, rows)
        ours_post = post_ours(ours, rows.drafts, args.batch)
        batch_note = "one call" if args.batch <= 0 else f"batches of {args.batch:,}"
        results.record(f"post {args.entries:,} entries", ours_post, raw_post, POSTING_TARGET, batch_note)

        with Book.open(raw_path, read_only=True) as check:
            raw_head = chain_head(check)
        assert chain_head(ours) == raw_head == rows.last_hash, "the two books' audit chains differ"
        member_count = args.members
        del rows
        gc.collect()

        conn = connect(ours_path, "ro")
        try:
            tasks: list[tuple[str, Callable[[], Any], Callable[[], Any], Callable[[Any, Any], bool]]] = [
                ("trial balance", lambda: ours.read(queries.trial_balance),
                 lambda: raw_trial_balance(conn), same_trial_balance),
                (f"balances of {member_count:,} members", lambda: ours.read(queries.member_balances),
                 lambda: raw_member_balances(conn), same_member_balances),
                (f"register of {REGISTER_ACCOUNT}", lambda: ours.read(queries.register, REGISTER_ACCOUNT),
                 lambda: raw_register(conn), same_register),
            ]
            for task, ours_fn, raw_fn, same in tasks:
                ours_result, raw_result = ours_fn(), raw_fn()  # also warms both up
                assert same(ours_result, raw_result), f"{task}: ours and raw disagree"
                note = f"{len(raw_result):,} rows"
                del ours_result, raw_result
                best, median = interleaved_best(ours_fn, raw_fn, args.runs)
                results.record(task, best["ours"], best["raw"], QUERY_TARGET, note,
                               median_ratio=median["ours"] / median["raw"])
            # Not a target: the register's rows are built on access (Register is a lazy sequence),
            # so here every row is built on both sides: ours walking the whole register, raw SQL
            # building the same RegisterRow/Money rows.
            best, _ = interleaved_best(lambda: list(ours.read(queries.register, REGISTER_ACCOUNT)),
                                       lambda: raw_register_rows(conn), args.runs)
            floor = {"task": f"register of {REGISTER_ACCOUNT}, every RegisterRow built (ours: list(register))",
                     "ours_s": best["ours"], "raw_s": best["raw"],
                     "ratio": best["ours"] / best["raw"]}
        finally:
            conn.close()
    finally:
        ours.close()
        raw_book.close()
        if not args.keep_books:
            for path in (ours_path, raw_path):
                path.unlink(missing_ok=True)

    total = time.perf_counter() - started
    rss = peak_rss_mib()
    print()
    results.print_table()
    print(f"\n(not a target) {floor['task']}: ours {floor['ours_s']:.3f} s, raw {floor['raw_s']:.3f} s,"
          f" ratio {floor['ratio']:.2f}")
    print(f"peak RSS {rss:.0f} MiB (after building the rows {rss_after_build:.0f} MiB);"
          f" whole run {total:.0f} s; queries: best of at least {args.runs} interleaved runs;"
          f" {versions_text()}")
    (args.out / "results.json").write_text(json.dumps({
        "entries": args.entries, "members": args.members, "batch": args.batch, "runs": args.runs,
        "peak_rss_mib": round(rss), "rss_after_build_mib": round(rss_after_build),
        "seconds": round(total, 1), **versions(),
        "results": [r.as_json() for r in results.all], "register_floor": floor,
    }, indent=2) + "\n")
    return 0 if results.passed else 1


if __name__ == "__main__":
    sys.exit(main())
