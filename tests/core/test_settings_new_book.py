"""A new book made in one go (settings, address, first plan), or nothing left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from coopdesk.book import Book
from coopdesk.book_setup import PlanDraft, SetupResult
from coopdesk.dues.plans import list_plans
from coopdesk.dues.schedule import Frequency
from coopdesk.errors import BookError, ValidationError
from coopdesk.money import Money
from coopdesk.new_book import create_new_book, new_book_problems
from coopdesk.settings import BookSettings, PostalAddress

SETTINGS = BookSettings("Les Jardins", "EUR", "fr_FR", 7, address=PostalAddress(
    lines=("3 rue des Lilas",), postal_code="69001", city="Lyon", country="FR"),
    email="tresor@jardins.coop")
PLAN = PlanDraft("Cotisation", Money("120.00", "EUR"), Frequency.YEARLY)


def test_the_book_is_created_with_its_settings_and_first_plan(tmp_path: Path) -> None:
    path = tmp_path / "jardins.coopdesk"
    with create_new_book(path, SETTINGS, [PLAN]) as book:
        assert book.path == path and not book.read_only
        assert book.settings == SETTINGS
        plans = book.read(list_plans)
        assert [(p.name, p.amount, p.frequency, p.year_start_month) for p in plans] == [
            ("Cotisation", Money("120.00", "EUR"), "yearly", 7)]
    assert path.stat().st_mode & 0o777 == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["jardins.coopdesk"]


def test_without_a_plan_the_book_has_none(tmp_path: Path) -> None:
    with create_new_book(tmp_path / "a.coopdesk", SETTINGS) as book:
        assert book.read(list_plans) == []


def test_every_problem_is_told_before_anything_is_written(tmp_path: Path) -> None:
    bad = BookSettings(" ", "EUR", "fr_FR", 1, email="nope")
    plans = [PlanDraft("", Money("-1.00", "EUR"), Frequency.MONTHLY),
             PlanDraft("Dollars", Money("5.00", "USD"), Frequency.MONTHLY)]
    with pytest.raises(ValidationError) as caught:
        create_new_book(tmp_path / "a.coopdesk", bad, plans)
    text = caught.value.message
    assert "name: the co-op needs a name" in text and "email:" in text
    assert "plan '': name: a plan needs a name" in text
    assert "the amount cannot be negative" in text and "not USD" in text
    assert list(tmp_path.iterdir()) == []


def test_two_plans_with_one_name_are_refused() -> None:
    assert "plans: two plans have the same name" in new_book_problems(SETTINGS, [PLAN, PLAN])


def test_an_existing_file_is_refused_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "taken.coopdesk"
    path.write_bytes(b"precious")
    with pytest.raises(BookError, match="already there"):
        create_new_book(path, SETTINGS, [PLAN])
    assert path.read_bytes() == b"precious"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["taken.coopdesk"]


def test_a_missing_folder_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BookError, match="no such folder"):
        create_new_book(tmp_path / "nowhere" / "a.coopdesk", SETTINGS)


def test_a_failure_midway_leaves_no_file_at_all(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    def broken_setup(*args: object) -> SetupResult:
        raise OSError("disk full")

    monkeypatch.setattr("coopdesk.new_book.apply_setup", broken_setup)
    with pytest.raises(OSError):
        create_new_book(tmp_path / "a.coopdesk", SETTINGS, [PLAN])
    assert list(tmp_path.iterdir()) == []


def test_a_file_appearing_meanwhile_is_not_replaced(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "a.coopdesk"
    real_close = Book.close

    def close_then_someone_writes(self: Book) -> None:
        real_close(self)
        if not path.exists():
            path.write_bytes(b"theirs")

    monkeypatch.setattr(Book, "close", close_then_someone_writes)
    with pytest.raises(BookError, match="appeared"):
        create_new_book(path, SETTINGS)
    assert path.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.coopdesk"]
