"""Patronage benchmark: a year's allocation for 5,000 members (240,000 records), beside a
hand-written SQL aggregate plus `allocate` on the same data, in the same run.

Takes a copy of the benchmarks' big book (`bench/dues_bench.py --keep-books` writes it: 5,000
members, ten years of dues and payments), adds a measure, one pool (every member by
purchases) and 48 purchase records a member over its last complete calendar year (240,000),
then times:

* ours, preview: `preview_allocation` (the year's totals, each member's standing at the
  year's end, the pools, each member's share, cash and retained) in one `Book.read`;
* ours, post: `post_allocation` in one `Book.run` (5,001 entries, their postings, the
  allocation's lines and the capital movements), each run on a fresh copy of the prepared book;
* raw: the same year's totals by one hand-written `SELECT member_id, SUM(quantity) ... GROUP BY`
  through `sqlite3`, then `money.allocate` over them (no eligibility, no cash split): the least
  any allocation must do.

Targets (issue 7): preview under 1 s, posting under 2 s.

    .venv/bin/python bench/patronage_bench.py /tmp/appbench/dues-history.coopdesk [--runs N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.db.bulk import insert_rows
from coopdesk.db.models import Member, patronage_records
from coopdesk.money import Money, allocate
from coopdesk.patronage.measures import PoolDraft, add_measure, set_pools
from coopdesk.patronage.run import RunTerms, post_allocation, preview_allocation

PREVIEW_TARGET, POST_TARGET = 1.0, 2.0
RECORDS_PER_MEMBER = 48


def add_year_of_purchases(session: Session, year: int, seed: int = 7) -> int:
    """48 purchases for each member over the year, written straight into the table (setup)."""
    rng = random.Random(seed)
    measure_id = add_measure(session, "purchases", "Purchases", "USD")
    set_pools(session, [PoolDraft(None, "purchases", Decimal(100))])
    first = dt.date(year, 1, 1).toordinal()
    rows = [(member_id, measure_id, dt.date.fromordinal(first + rng.randrange(365)),
             rng.randrange(500, 30_000_000) // 10, "till")
            for member_id in session.execute(select(Member.id)).scalars()
            for _ in range(RECORDS_PER_MEMBER)]
    insert_rows(session, patronage_records,
                ("member_id", "measure_id", "record_date", "quantity", "reference"), rows)
    return len(rows)


def raw_allocation(path: Path, year: int, surplus: Money) -> int:
    """The year's totals by hand-written SQL, then `allocate` over them."""
    conn = sqlite3.connect(path)
    try:
        totals = conn.execute(
            "SELECT member_id, SUM(quantity) FROM patronage_records "
            "WHERE record_date BETWEEN ? AND ? GROUP BY member_id",
            (f"{year}-01-01", f"{year}-12-31")).fetchall()
    finally:
        conn.close()
    parts = allocate(surplus, [total for _, total in totals], [m for m, _ in totals])
    return len(parts)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("book", type=Path, help="the 5,000-member book (left unchanged)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)
    year = clock.today().year - 1
    surplus = Money("250000.00", "USD")
    terms = RunTerms(dt.date(year, 1, 1), Decimal(10), Decimal(20), Money("5.00", "USD"),
                     surplus=surplus)
    with tempfile.TemporaryDirectory() as folder:
        prepared = Path(folder) / "prepared.coopdesk"
        shutil.copyfile(args.book, prepared)
        with Book.open(prepared) as book:
            records = book.run(add_year_of_purchases, year).result
        print(f"{records:,} purchase records for {year}", flush=True)
        preview_s, raw_s, post_s = [], [], []
        for run in range(args.runs):
            start = time.perf_counter()
            raw_allocation(prepared, year, surplus)
            raw_s.append(time.perf_counter() - start)
            with Book.open(prepared, read_only=True) as book:
                start = time.perf_counter()
                preview = book.read(preview_allocation, terms)
                preview_s.append(time.perf_counter() - start)
            copy = Path(folder) / f"post-{run}.coopdesk"
            shutil.copyfile(prepared, copy)
            with Book.open(copy) as book:
                start = time.perf_counter()
                posted = book.run(post_allocation, terms, dt.date(year + 1, 3, 1)).result
                post_s.append(time.perf_counter() - start)
            copy.unlink()
            print(f"  preview {preview_s[-1]:.3f} s  post {post_s[-1]:.3f} s  raw {raw_s[-1]:.3f} s",
                  flush=True)
    best = {"preview": min(preview_s), "post": min(post_s), "raw": min(raw_s)}
    ok = best["preview"] <= PREVIEW_TARGET and best["post"] <= POST_TARGET
    print(f"\n{'task':<34} {'best (s)':>9} {'median':>8} {'x raw':>7} {'target':>7}  result")
    for name, times, target in (("preview_allocation", preview_s, PREVIEW_TARGET),
                                ("post_allocation", post_s, POST_TARGET),
                                ("raw: SQL aggregate + allocate", raw_s, None)):
        print(f"{name:<34} {min(times):9.3f} {statistics.median(times):8.3f} "
              f"{min(times) / best['raw']:6.1f}x "
              + (f"{target:6.1f}s  {'pass' if min(times) <= target else 'FAIL'}" if target else ""))
    print(f"members sharing {len(preview.lines):,}, excluded {len(preview.excluded):,}; "
          f"posted {posted.members:,} lines")
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "patronage.json").write_text(json.dumps({
        "records": records, "preview_s": preview_s, "post_s": post_s, "raw_s": raw_s,
        "targets": {"preview": PREVIEW_TARGET, "post": POST_TARGET}, "pass": ok}, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
