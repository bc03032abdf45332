"""Helpers for the core tests: members, funds and entries built through the public services."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy.orm import Session

from coopdesk.book import Book
from coopdesk.db.models import Fund, Member
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.money import Money


def add_members(session: Session, *numbers: str) -> list[int]:
    members = [Member(number=n, display_name=f"Member {n}") for n in numbers]
    session.add_all(members)
    session.flush()
    return [m.id for m in members]


def add_fund(session: Session, code: str) -> int:
    fund = Fund(code=code, name=f"Fund {code}")
    session.add(fund)
    session.flush()
    return fund.id


def usd(text: str) -> Money:
    return Money(text, "USD")


def simple_entry(date: dt.date, debit: str, credit: str, amount: str, memo: str = "",
                 member: str | None = None, kind: str = "manual") -> EntrySpec:
    """A two-line entry: `amount` debited to `debit`, credited to `credit`."""
    return EntrySpec(
        date=date,
        memo=memo,
        kind=kind,
        postings=(
            PostingSpec(debit, usd(amount), member=member if debit in MEMBER_ACCOUNTS else None),
            PostingSpec(credit, -usd(amount), member=member if credit in MEMBER_ACCOUNTS else None),
        ),
    )


MEMBER_ACCOUNTS = {"1100", "2000", "2100", "2200", "2300", "3000", "3100"}


def post(book: Book, *specs: EntrySpec) -> list[int]:
    return list(book.run(post_specs, list(specs)).result)


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@contextmanager
def held_by_another_process(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another coopdesk process holding the book at `path` open for writing, killed at the end."""
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from coopdesk.book import Book; b = Book.open(sys.argv[1]); "
         "print('held', flush=True); time.sleep(60)", str(path)],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        yield holder
    finally:
        holder.kill()
        holder.wait()
        assert holder.stdout is not None
        holder.stdout.close()
