"""The demo co-op: a sound book with every screen populated, the same for the same seed and day."""

from __future__ import annotations

import argparse
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from coopdesk import clock, paths
from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.cli.demo_command import add_parsers
from coopdesk.demo import REDUCED_PLAN, DemoSummary, build_demo
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.plans import list_assignments, list_plans
from coopdesk.dues.queries import arrears, dues_facts, member_account
from coopdesk.errors import BookError, CoopdeskError, InputError
from coopdesk.ledger.queries import trial_balance
from coopdesk.members.queries import MemberRow, list_members, member_detail
from coopdesk.members.types import Status

TODAY = dt.date(2026, 11, 15)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Book, DemoSummary]]:
    """The demo at its default size, built once for the module."""
    folder = tmp_path_factory.mktemp("demo")
    with pytest.MonkeyPatch.context() as patch:  # the autouse private data folder is per test
        patch.setattr(paths, "data_folder", lambda: folder / "user-data")
        summary = build_demo(folder / "riverside.coopdesk", seed=7, today=TODAY)
        with Book.open(folder / "riverside.coopdesk", read_only=True) as book:
            yield book, summary


def members_of(book: Book) -> list[MemberRow]:
    return book.read(list_members, TODAY, book.read(dues_facts, TODAY))


def problems(book: Book) -> list[str]:
    return [f"{r.name}: {p}" for r in book.read(run_checks) for p in r.problems]


def test_the_demo_is_a_sound_book(demo: tuple[Book, DemoSummary]) -> None:
    book, summary = demo
    assert problems(book) == []
    assert book.settings.name == summary.name == "Riverside Food Co-op"
    assert (book.settings.currency, book.settings.locale) == ("USD", "en_US")
    assert summary.first_day == dt.date(2023, 12, 1)  # three years ending in today's month


def test_the_summary_counts_members_by_status(demo: tuple[Book, DemoSummary]) -> None:
    book, summary = demo
    statuses = [row.status for row in members_of(book)]
    assert summary.members == len(statuses) == 60
    assert summary.active == statuses.count(Status.ACTIVE)
    assert summary.in_arrears == statuses.count(Status.IN_GRACE) + statuses.count(Status.LAPSED)
    assert summary.pending == statuses.count(Status.PENDING) == 1  # joined this month, not paid yet
    assert summary.left == statuses.count(Status.WITHDRAWN) + statuses.count(Status.DECEASED)
    assert summary.active + summary.in_arrears + summary.pending + summary.left == summary.members
    assert summary.payments == len(book.read(list_payments))
    assert summary.entries > summary.payments


def test_households_pay_for_their_members(demo: tuple[Book, DemoSummary]) -> None:
    book, summary = demo
    paid_for = {row.number: row.payer_number for row in members_of(book) if row.payer_number}
    assert 3 <= len(paid_for) == summary.households <= 5
    assert not set(paid_for.values()) & set(paid_for)  # each household has one payer...
    assert len(set(paid_for.values())) == len(paid_for)  # ...who pays for one other member
    payments = book.read(list_payments)
    assert {p.member_number for p in payments if p.payer_number} == set(paid_for)
    assert all(p.payer_number == paid_for[p.member_number] for p in payments if p.payer_number)


def test_some_members_hold_prepayment_credit(demo: tuple[Book, DemoSummary]) -> None:
    book, _ = demo
    balances = {row.number: book.read(member_account, row.number, TODAY)[-1].balance
                for row in members_of(book) if book.read(member_account, row.number, TODAY)}
    assert sum(1 for balance in balances.values() if balance.is_negative) >= 2
    assert {row.code: row.credit for row in book.read(trial_balance, TODAY)}["2000"].is_positive


def test_some_members_are_in_arrears_and_one_has_lapsed(demo: tuple[Book, DemoSummary]) -> None:
    book, _ = demo
    behind = [row for row in book.read(arrears, TODAY) if row.status in (Status.IN_GRACE, Status.LAPSED)]
    assert len(behind) >= 2
    assert {row.status for row in behind} == {Status.IN_GRACE, Status.LAPSED}
    assert all(2 <= row.months <= 5 for row in behind)


def test_members_withdrew_and_one_died(demo: tuple[Book, DemoSummary]) -> None:
    book, _ = demo
    left = [row for row in members_of(book) if row.leave_date is not None]
    statuses = [row.status for row in left]
    assert statuses.count(Status.DECEASED) == 1
    assert statuses.count(Status.WITHDRAWN) >= 2
    assert all(row.leave_date is not None and row.leave_date < TODAY for row in left)


def test_a_waiver_a_reduced_plan_and_a_write_off(demo: tuple[Book, DemoSummary]) -> None:
    book, _ = demo
    assignments = book.read(list_assignments)
    waived = [a for a in assignments if a.waived]
    assert len(waived) == 1 and "Hardship" in waived[0].reason and waived[0].end_date is not None
    assert len([a for a in assignments if a.plan == REDUCED_PLAN]) >= 3
    assert [plan.amount for plan in book.read(list_plans)] == sorted(plan.amount for plan in book.read(list_plans))
    written_off = {row.code: row.debit for row in book.read(trial_balance, TODAY)}["5100"]
    assert written_off.is_positive


def test_a_payment_on_the_wrong_member_is_reversed_and_recorded_again(demo: tuple[Book, DemoSummary]) -> None:
    book, _ = demo
    payments = book.read(list_payments)
    reversed_ = [p for p in payments if p.reversed]
    assert len(reversed_) == 1
    wrong = reversed_[0]
    again = [p for p in payments if (p.date, p.amount, p.reference) == (wrong.date, wrong.amount, wrong.reference)
             and not p.reversed]
    assert len(again) == 1 and again[0].member_number != wrong.member_number
    assert f"first recorded on member {wrong.member_number} by mistake" in again[0].memo


def test_payments_by_bank_and_cash_and_none_after_today(demo: tuple[Book, DemoSummary]) -> None:
    book, _ = demo
    payments = book.read(list_payments)
    assert {"bank_transfer", "cash", "cheque"} <= {p.method for p in payments}
    assert max(p.date for p in payments) <= TODAY
    rows = members_of(book)
    assert max(row.join_date for row in rows if row.join_date is not None) <= TODAY
    assert any(row.kind == "organisation" for row in rows)
    assert {"worker", "consumer", "producer", "supporter"} == {row.class_code for row in rows}


def test_names_are_international_and_some_members_read_another_language(demo: tuple[Book, DemoSummary]) -> None:
    book, _ = demo
    rows = members_of(book)
    assert len({row.display_name for row in rows}) == len(rows)
    assert sum(1 for row in rows if not row.display_name.isascii()) >= 10
    languages = {book.read(member_detail, row.number, TODAY).language for row in rows}
    assert len(languages & {"es", "fr", "de"}) >= 2
    bank = {row.code: row.debit for row in book.read(trial_balance, TODAY)}["1010"]
    assert bank.is_positive


def test_the_same_seed_and_day_give_the_same_coop(tmp_path: Path) -> None:
    books = {}
    for name, seed in (("a", 3), ("b", 3), ("c", 4)):
        build_demo(tmp_path / f"{name}.coopdesk", members=20, years=1, seed=seed, today=TODAY)
        with Book.open(tmp_path / f"{name}.coopdesk", read_only=True) as book:
            books[name] = (book.read(trial_balance, TODAY), members_of(book), book.read(list_payments))
    assert books["a"] == books["b"]
    assert books["a"][1] != books["c"][1]


def test_the_command_builds_a_small_demo_on_the_clocks_day(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(clock, "_now", lambda: dt.datetime(2026, 3, 2, 12, tzinfo=dt.timezone.utc))
    parser = argparse.ArgumentParser()
    add_parsers(parser.add_subparsers())
    path = tmp_path / "small.coopdesk"
    args = parser.parse_args(["demo", str(path), "--members", "10", "--years", "1", "--seed", "5"])
    assert args.handler(args) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Wrote the demo co-op 'Riverside Food Co-op' to {path}: 10 members (")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["small.coopdesk"]  # nothing half-built left
    with Book.open(path, read_only=True) as book:
        assert problems(book) == []
        assert len(book.read(list_members, clock.today())) == 10
        assert max(p.date for p in book.read(list_payments)) <= dt.date(2026, 3, 2)


def test_an_existing_file_and_impossible_sizes_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "taken.coopdesk"
    path.write_bytes(b"my notes")
    with pytest.raises(BookError):
        build_demo(path, today=TODAY)
    assert path.read_bytes() == b"my notes"
    with pytest.raises(InputError, match="members"):
        build_demo(tmp_path / "tiny.coopdesk", members=3, today=TODAY)
    with pytest.raises(InputError, match="years"):
        build_demo(tmp_path / "old.coopdesk", years=0, today=TODAY)
    assert not (tmp_path / "tiny.coopdesk").exists()


def test_a_build_that_fails_midway_leaves_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_run(session: Session, year: int, month: int) -> None:
        raise CoopdeskError("the disk is full; nothing was changed")

    monkeypatch.setattr("coopdesk.demo.simulation.run_dues", failing_run)
    with pytest.raises(CoopdeskError, match="disk is full"):
        build_demo(tmp_path / "demo.coopdesk", members=10, years=1, today=TODAY)
    assert list(tmp_path.iterdir()) == []
