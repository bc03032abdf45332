"""Long writes report progress and can be cancelled with nothing applied: the dues run and the
member and bank imports, through `Book.run` as the app calls them."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy.orm import Session

from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.dues.bank_import import import_payments
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.queries import open_charges
from coopdesk.dues.run import preview_dues_run, run_dues
from coopdesk.formatting import Formatter
from coopdesk.io.bank_csv import BankRow, parse_bank_csv
from coopdesk.io.member_csv import MemberRecord, parse_members_csv
from coopdesk.ledger.queries import trial_balance
from coopdesk.members.importing import import_members
from coopdesk.members.queries import list_members
from coopdesk.money import Money
from coopdesk.progress import Cancelled
from tests.core.helpers import file_digest

MEMBERS = 250  # a year of their dues, 3,000 charges, is enough for several reports


class Recorder:
    """A progress callback that remembers every call and cancels at the `cancel_at`-th."""

    def __init__(self, cancel_at: int | None = None) -> None:
        self.calls: list[tuple[int, int]] = []
        self.cancel_at = cancel_at

    def __call__(self, done: int, total: int) -> None:
        self.calls.append((done, total))
        if len(self.calls) == self.cancel_at:
            raise Cancelled()

    def assert_ran_to_the_end(self) -> None:
        totals = {total for _, total in self.calls}
        assert len(totals) == 1 and len(self.calls) >= 3, self.calls
        done = [d for d, _ in self.calls]
        assert done == sorted(done) and done[-1] == totals.pop()


def member_records() -> list[MemberRecord]:
    text = "Member No,Name,Joined\r\n" + "".join(
        f"{n},Member {n},2026-01-01\r\n" for n in range(1, MEMBERS + 1))
    parsed = parse_members_csv(text.encode(), "members.csv", Formatter("en_US"))
    assert not parsed.problems
    return list(parsed.records)


def bank_rows() -> list[BankRow]:
    text = "Date,Amount,Memo,Name\r\n" + "".join(
        f"2026-02-03,5.00,Dues member {n},Member {n}\r\n" for n in range(1, MEMBERS + 1))
    parsed = parse_bank_csv(text.encode(), "bank.csv", Formatter("en_US"), "USD")
    assert not parsed.problems
    return list(parsed.rows)


@pytest.fixture
def coop(book: Book) -> Book:
    """MEMBERS members on a monthly plan from January 2026, nothing charged yet."""
    book.run(import_members, member_records(), "members.csv")

    def plans(session: Session) -> None:
        add_plan(session, "Monthly", Money("5.00", "USD"), "monthly")
        for n in range(1, MEMBERS + 1):
            assign_plan(session, str(n), "Monthly", dt.date(2026, 1, 1))

    book.run(plans)
    return book


def unchanged(book: Book, digest: str) -> None:
    """Nothing of a cancelled write is in the book, down to the file's bytes."""
    assert file_digest(book.path) == digest
    assert [p for r in book.read(run_checks) for p in r.problems] == []


def test_a_cancelled_dues_run_leaves_the_book_as_it_was(coop: Book) -> None:
    digest = file_digest(coop.path)
    cancel = Recorder(cancel_at=2)
    with pytest.raises(Cancelled):
        coop.run(run_dues, 2026, 12, progress=cancel)
    assert len(cancel.calls) == 2 and cancel.calls[-1][0] < cancel.calls[-1][1]  # part-way
    unchanged(coop, digest)
    assert not any(r.debit.minor_units or r.credit.minor_units for r in coop.read(trial_balance))
    assert coop.read(open_charges, "1") == []
    assert len(coop.read(preview_dues_run, 2026, 12)) == 12 * MEMBERS  # all still to charge


def test_a_dues_run_reports_progress_to_the_end(coop: Book) -> None:
    progress = Recorder()
    assert coop.run(run_dues, 2026, 12, progress=progress).result.charges == 12 * MEMBERS
    progress.assert_ran_to_the_end()
    again = Recorder()  # nothing left to charge: still told it is done
    assert coop.run(run_dues, 2026, 12, progress=again).result.charges == 0
    assert again.calls[-1][0] == again.calls[-1][1]


def test_a_cancelled_member_import_adds_no_one(book: Book) -> None:
    digest = file_digest(book.path)
    with pytest.raises(Cancelled):
        book.run(import_members, member_records(), "members.csv", progress=Recorder(cancel_at=2))
    unchanged(book, digest)
    assert book.read(list_members) == []
    progress = Recorder()
    added = book.run(import_members, member_records(), "members.csv", progress=progress).result
    assert len(added) == MEMBERS
    progress.assert_ran_to_the_end()


def test_a_cancelled_bank_import_records_no_payment(coop: Book) -> None:
    coop.run(run_dues, 2026, 1)
    digest = file_digest(coop.path)
    with pytest.raises(Cancelled):
        coop.run(import_payments, bank_rows(), progress=Recorder(cancel_at=2))
    unchanged(coop, digest)
    assert coop.read(list_payments) == []
    progress = Recorder()
    assert coop.run(import_payments, bank_rows(), progress=progress).result.applied
    progress.assert_ran_to_the_end()
    assert len(coop.read(list_payments)) == MEMBERS
