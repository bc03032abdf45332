"""The journal read a page at a time (coopdesk.ledger.journal_page), on small books."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from coopdesk.book import Book
from coopdesk.errors import NotFound
from coopdesk.ledger.journal import journal
from coopdesk.ledger.journal_page import (
    JournalFilter,
    JournalKey,
    count_listed_before,
    entry_detail,
    first_entry_date,
    is_listed,
    journal_key,
    journal_page,
)
from coopdesk.ledger.service import reverse_entry
from coopdesk.ledger.specs import EntrySpec, PostingSpec
from tests.core.helpers import add_members, post, simple_entry, usd

D = dt.date(2026, 3, 1)


def all_pages(book: Book, criteria: JournalFilter, size: int) -> list[int]:
    """Entry ids of every page, read the way a screen scrolls, checking each page's size."""
    ids: list[int] = []
    after = None
    while True:
        page = book.read(journal_page, criteria, after, size)
        assert len(page) <= size
        ids.extend(row.entry_id for row in page)
        if len(page) < size:
            return ids
        after = page[-1].key


@pytest.fixture
def days_book(book: Book) -> Book:
    """Twelve entries over four days, three a day, posted out of date order."""
    specs = [simple_entry(D + dt.timedelta(days=day), "5000", "1010", f"{day + 1}.{n}0",
                          memo=f"day {day} no {n}")
             for day in (2, 0, 3, 1) for n in range(3)]
    post(book, *specs)
    return book


def test_pages_list_every_entry_once_newest_first(days_book: Book) -> None:
    expected = [row.entry_id for row in sorted(
        {(line.date, line.entry_id): line for line in days_book.read(journal)}.values(),
        key=lambda line: (line.date, line.entry_id), reverse=True)]
    for size in (1, 2, 5, 12, 50):
        assert all_pages(days_book, JournalFilter(), size) == expected
    first = days_book.read(journal_page, JournalFilter(), None, 3)
    assert [row.date for row in first] == [D + dt.timedelta(days=3)] * 3
    assert [row.entry_id for row in first] == [9, 8, 7]  # ties by number, newest first


def test_a_row_carries_the_entry_and_its_total(book: Book) -> None:
    book.run(add_members, "M1")
    post(book, EntrySpec(D, (PostingSpec("1010", usd("30.00")),
                             PostingSpec("1100", usd("-12.50"), member="M1"),
                             PostingSpec("4100", usd("-17.50"))), memo="Mixed", kind="payment"))
    (row,) = book.read(journal_page, JournalFilter(), None, 10)
    assert (row.entry_id, row.date, row.kind, row.memo) == (1, D, "payment", "Mixed")
    assert row.total == usd("30.00")
    assert row.key == JournalKey(D, 1)
    assert row.reversible and row.reverses is None and row.reversed_by is None


def test_reversal_links_show_on_both_entries(book: Book) -> None:
    (original,) = post(book, simple_entry(D, "5000", "1010", "8.00"))
    reversal = book.run(reverse_entry, original, date=D).result
    rows = {row.entry_id: row for row in book.read(journal_page, JournalFilter(), None, 10)}
    assert rows[original].reversed_by == reversal and not rows[original].reversible
    assert rows[reversal].reverses == original and not rows[reversal].reversible
    assert rows[reversal].total == usd("8.00")


def test_filters_by_dates_kind_and_text(days_book: Book) -> None:
    post(days_book, simple_entry(D, "1010", "4100", "3.00", memo="100% cotton_bags", kind="manual"),
         simple_entry(D, "1010", "4000", "3.00", memo="Dues", kind="dues"))
    second_day = D + dt.timedelta(days=1)

    def ids(**criteria: object) -> list[int]:
        return all_pages(days_book, JournalFilter(**criteria), 4)  # type: ignore[arg-type]

    assert ids(date_from=second_day, date_to=second_day) == [12, 11, 10]
    assert ids(date_to=D) == [14, 13, 6, 5, 4]
    assert ids(kind="dues") == [14]
    assert ids(text="DAY 3") == [9, 8, 7]  # case-insensitive, within the memo
    assert ids(text="0% c") == [13]  # % and _ are text, not wildcards
    assert ids(text="t_b") == []
    assert ids(text="#5") == [5]  # an entry number
    assert ids(text="9") == [9]
    assert ids(text="day 1", date_from=D) == [12, 11, 10]


def test_where_an_entry_stands(days_book: Book) -> None:
    assert days_book.read(journal_key, 4) == JournalKey(D, 4)
    with pytest.raises(NotFound):
        days_book.read(journal_key, 99)
    everything = JournalFilter()
    assert days_book.read(count_listed_before, everything, JournalKey(D, 4), 100) == 11
    assert days_book.read(count_listed_before, everything, JournalKey(D, 4), 5) == 5
    assert days_book.read(count_listed_before, JournalFilter(text="day 0"), JournalKey(D, 4), 100) == 2
    assert days_book.read(is_listed, everything, 4)
    assert not days_book.read(is_listed, JournalFilter(date_from=D + dt.timedelta(days=1)), 4)


def test_entry_detail_names_accounts_and_members(book: Book) -> None:
    book.run(add_members, "M1")
    (entry_id,) = post(book, simple_entry(D, "1010", "1100", "12.00", memo="Dues paid", member="M1"))
    detail = book.read(entry_detail, entry_id)
    assert detail.entry.memo == "Dues paid" and detail.entry.total == usd("12.00")
    assert detail.posted_at
    assert [(p.line_no, p.account_code, p.account_name, p.member_number, p.member_name, p.amount)
            for p in detail.postings] == [
        (1, "1010", "Bank account", None, None, usd("12.00")),
        (2, "1100", "Dues receivable", "M1", "Member M1", usd("-12.00")),
    ]
    with pytest.raises(NotFound):
        book.read(entry_detail, 99)


def test_the_first_entry_date(days_book: Book) -> None:
    assert days_book.read(first_entry_date) == D


def test_an_empty_book_has_no_first_date(tmp_path: Path) -> None:
    with Book.create(tmp_path / "empty.coopdesk", name="Empty", currency="USD") as empty:
        assert empty.read(first_entry_date) is None
        assert empty.read(journal_page, JournalFilter(), None, 10) == []
