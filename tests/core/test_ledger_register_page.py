"""An account's register read backwards a page at a time (coopdesk.ledger.register_page)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from coopdesk.book import Book
from coopdesk.errors import NotFound
from coopdesk.ledger.queries import register
from coopdesk.ledger.register_page import RegisterCursor, RegisterLine, open_register, register_page
from coopdesk.money import Money
from tests.core.helpers import add_members, post, simple_entry, usd

D = dt.date(2026, 3, 1)


def read_all(book: Book, cursor: RegisterCursor, size: int) -> list[RegisterLine]:
    lines: list[RegisterLine] = []
    while not cursor.exhausted:
        page, cursor = book.read(register_page, cursor, size)
        assert 0 < len(page) <= size
        lines.extend(page)
    return lines


@pytest.fixture
def busy_book(book: Book) -> Book:
    """Bank movements on scattered dates (posted out of order), some with two bank lines."""
    book.run(add_members, "M1", "M2")
    specs = []
    for n in range(23):
        day = D + dt.timedelta(days=(n * 7) % 11)
        specs.append(simple_entry(day, "1010", "1100", f"{n + 1}.00", memo=f"paid {n}",
                                  member="M1" if n % 2 else "M2"))
        if n % 5 == 0:
            specs.append(simple_entry(day, "5900", "1010", "0.75", memo=f"fee {n}"))
            specs.append(simple_entry(day, "1010", "4100", "2.00", memo=f"sale {n}"))
    post(book, *specs)
    return book


@pytest.mark.parametrize("walk_dates", [True, False])
@pytest.mark.parametrize("size", [1, 4, 200])
def test_pages_are_the_register_backwards(busy_book: Book, walk_dates: bool, size: int) -> None:
    cursor = dataclasses.replace(busy_book.read(open_register, "1010"), walk_dates=walk_dates)
    lines = read_all(busy_book, cursor, size)
    full = busy_book.read(register, "1010")
    assert [(line.entry_id, line.date, line.memo, line.amount, line.balance) for line in lines] == [
        (row.entry_id, row.date, row.memo, row.amount, row.balance) for row in reversed(full)]
    assert cursor.postings == len(full)
    assert cursor.closing_balance == full.closing_balance == lines[0].balance


def test_lines_name_the_member(busy_book: Book) -> None:
    lines = read_all(busy_book, busy_book.read(open_register, "1100"), 10)
    assert {(line.member_number, line.member_name) for line in lines} == {
        ("M1", "Member M1"), ("M2", "Member M2")}
    assert lines[-1].balance == lines[-1].amount  # the oldest row starts from zero


def test_an_account_without_postings_has_an_empty_register(busy_book: Book) -> None:
    cursor = busy_book.read(open_register, "4900")
    assert cursor.exhausted and cursor.postings == 0
    assert cursor.closing_balance == Money.zero("USD")
    assert busy_book.read(register_page, cursor) == ([], cursor)


def test_the_plan_follows_how_busy_the_account_is(book: Book) -> None:
    post(book, *[simple_entry(D, "1010", "4100", "1.00") for _ in range(300)])
    post(book, simple_entry(D, "5900", "1010", "1.00"))
    assert book.read(open_register, "1010").walk_dates  # on every entry
    assert not book.read(open_register, "5900").walk_dates  # on one entry in 301


def test_an_unknown_account_is_refused(book: Book) -> None:
    with pytest.raises(NotFound):
        book.read(open_register, "9999")


def test_one_posting_register(book: Book) -> None:
    post(book, simple_entry(D, "5000", "1000", "4.20"))
    (line,) = read_all(book, book.read(open_register, "1000"), 5)
    assert (line.amount, line.balance, line.kind) == (usd("-4.20"), usd("-4.20"), "manual")
