"""The ledger's table models: the journal (read a page at a time), an entry's postings, and an
account's register with its running balance, over real books in tmp_path."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QTableView
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot
from sqlalchemy.orm import Session

from coopdesk.book import Book
from coopdesk.formatting import Formatter
from coopdesk.ids import EntryId
from coopdesk.ledger.journal_page import (
    JournalEntryRow,
    JournalFilter,
    JournalKey,
    entry_detail,
    journal_page,
)
from coopdesk.ledger.register_page import RegisterCursor, RegisterLine, open_register, register_page
from coopdesk.ledger.service import post_entries, reverse_entry
from coopdesk.ledger.specs import EntrySpec, PostingSpec, resolve_specs
from coopdesk.money import Money
from coopdesk_ui.models import journal_model
from coopdesk_ui.models.journal_model import Column, JournalModel
from coopdesk_ui.models.journal_postings_model import Column as PostingColumn
from coopdesk_ui.models.journal_postings_model import EntryPostingsModel
from coopdesk_ui.models.register_model import Column as RegisterColumn
from coopdesk_ui.models.register_model import RegisterModel
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE

BIG = 3000  # entries in the bulk book: fifteen pages of the journal
FIRST_DAY = dt.date(2024, 1, 1)
EN = Formatter("en_US")


def usd(text: str) -> Money:
    return Money(text, "USD")


def bulk_specs(count: int) -> list[EntrySpec]:
    """`count` bank/income entries, several a day, amounts 1.00, 2.00, ... 10.00 in turn."""
    return [
        EntrySpec(FIRST_DAY + dt.timedelta(days=n // 4), (
            PostingSpec("1010", usd(f"{n % 10 + 1}.00")),
            PostingSpec("4100", usd(f"-{n % 10 + 1}.00"))), memo=f"Sale {n + 1}")
        for n in range(count)
    ]


def post_bulk(session: Session, count: int) -> list[EntryId]:
    """The bulk path a dues run takes: every entry in one `post_entries`."""
    return post_entries(session, resolve_specs(session, bulk_specs(count)))


@pytest.fixture
def big_book(tmp_path: Path) -> Iterator[Book]:
    with Book.create(tmp_path / "big.coopdesk", name="Big Co-op", currency="USD",
                     locale="en_US") as book:
        book.run(post_bulk, BIG)
        yield book


@pytest.fixture
def book(make_book: Callable[..., Path]) -> Iterator[Book]:
    with Book.open(make_book()) as opened:
        yield opened


class CountingLoader:
    """A journal page loader over a book that counts what it was asked to read."""

    def __init__(self, book: Book, criteria: JournalFilter = JournalFilter()) -> None:
        self.book = book
        self.criteria = criteria
        self.calls: list[tuple[JournalKey | None, int]] = []
        self.rows_read = 0

    def __call__(self, after: JournalKey | None, limit: int) -> list[JournalEntryRow]:
        self.calls.append((after, limit))
        rows = self.book.read(journal_page, self.criteria, after, limit)
        self.rows_read += len(rows)
        return rows


def test_the_journal_model_passes_the_model_tester(qtmodeltester: ModelTester, book: Book) -> None:
    model = JournalModel(EN)
    model.load(CountingLoader(book))
    qtmodeltester.check(model)
    assert model.rowCount() == 3


def test_the_journal_lists_entries_newest_first_formatted(book: Book,
                                                         entry_dates: tuple[dt.date, ...]) -> None:
    model = JournalModel(EN)
    model.load(CountingLoader(book))
    texts = [[model.index(r, c).data() for c in Column] for r in range(model.rowCount())]
    assert texts == [
        ["Apr 2, 2026", "3", "Manual", "Printer paper", "", "40.25"],
        ["Mar 15, 2026", "2", "Manual", "Bake sale", "", "85.50"],
        ["Mar 1, 2026", "1", "Manual", "Opening bank balance", "", "1,200.00"],
    ]
    assert model.index(0, Column.TOTAL).data(SORT_ROLE) == Decimal("40.25")
    assert model.index(0, Column.DATE).data(SORT_ROLE) == entry_dates[2]
    assert model.index(0, Column.MEMO).data(ID_ROLE) == 3
    assert model.index(0, Column.TOTAL).data(Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert model.headerData(Column.NUMBER, Qt.Orientation.Horizontal) == "No."


def test_the_journal_reads_a_page_at_a_time(big_book: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    loader = CountingLoader(big_book)
    model = JournalModel(EN)
    model.load(loader)
    page = journal_model.PAGE_SIZE
    # Opening reads one page of the 3,000 entries, and nothing else.
    assert model.rowCount() == page and loader.rows_read == page and len(loader.calls) == 1
    assert model.canFetchMore()
    assert model.row_at(0).entry_id == BIG and model.row_at(page - 1).entry_id == BIG - page + 1

    model.fetchMore()
    assert model.rowCount() == 2 * page and loader.rows_read == 2 * page
    assert loader.calls[1] == (model.row_at(page - 1).key, page)  # from where the first ended
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == BIG and model.complete
    assert [model.row_at(r).entry_id for r in range(BIG)] == list(range(BIG, 0, -1))
    assert loader.rows_read == BIG  # every entry read exactly once


def test_a_view_fetches_more_as_it_scrolls(qtbot: QtBot, big_book: Book) -> None:
    loader = CountingLoader(big_book)
    model = JournalModel(EN)
    model.load(loader)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.resize(600, 400)
    view.show()
    assert model.rowCount() == journal_model.PAGE_SIZE
    view.scrollToBottom()
    qtbot.waitUntil(lambda: model.rowCount() > journal_model.PAGE_SIZE)
    assert model.rowCount() < BIG


def test_the_filter_is_applied_by_the_query(big_book: Book) -> None:
    day = FIRST_DAY + dt.timedelta(days=10)
    model = JournalModel(EN)
    model.load(CountingLoader(big_book, JournalFilter(date_from=day, date_to=day)))
    assert [model.row_at(r).memo for r in range(model.rowCount())] == [
        "Sale 44", "Sale 43", "Sale 42", "Sale 41"]
    assert model.complete and not model.canFetchMore()


def test_reversal_links_read_in_the_reversal_column(book: Book) -> None:
    book.run(reverse_entry, 2)
    model = JournalModel(EN)
    model.load(CountingLoader(book))
    notes = {model.row_at(r).entry_id: model.index(r, Column.REVERSAL).data()
             for r in range(model.rowCount())}
    assert notes == {4: "Reverses 2", 3: "", 2: "Reversed by 4", 1: ""}
    assert model.index(0, Column.KIND).data() == "Reversal"


def test_loading_nothing_empties_the_model(book: Book) -> None:
    model = JournalModel(EN)
    model.load(CountingLoader(book))
    model.load(None)
    assert model.rowCount() == 0 and not model.canFetchMore()


def test_the_postings_model_passes_the_model_tester(qtmodeltester: ModelTester, book: Book) -> None:
    model = EntryPostingsModel(EN)
    model.set_rows(book.read(entry_detail, 2).postings)
    qtmodeltester.check(model)
    texts = [[model.index(r, c).data() for c in PostingColumn] for r in range(model.rowCount())]
    assert texts == [["1000  Cash", "", "85.50", "", ""],
                     ["4100  Operating income", "", "", "85.50", ""]]
    assert model.index(1, PostingColumn.CREDIT).data(SORT_ROLE) == Decimal("85.50")
    assert model.index(1, PostingColumn.DEBIT).data(SORT_ROLE) is None
    assert model.index(1, PostingColumn.ACCOUNT).data(ID_ROLE) == "4100"


def register_reader(book: Book, reads: list[int]) -> Callable[
        [RegisterCursor, int], tuple[list[RegisterLine], RegisterCursor]]:
    def read(cursor: RegisterCursor, limit: int) -> tuple[list[RegisterLine], RegisterCursor]:
        reads.append(limit)
        return book.read(register_page, cursor, limit)
    return read


def test_the_register_model_passes_the_model_tester(qtmodeltester: ModelTester, book: Book) -> None:
    model = RegisterModel(EN)
    model.load(book.read(open_register, "1010"), register_reader(book, []))
    qtmodeltester.check(model)


def test_the_register_shows_the_running_balance_newest_first(book: Book) -> None:
    model = RegisterModel(EN)
    model.load(book.read(open_register, "1010"), register_reader(book, []))
    rows = [[model.index(r, c).data() for c in RegisterColumn] for r in range(model.rowCount())]
    assert rows == [
        ["Apr 2, 2026", "3", "Printer paper", "", "", "40.25", "1,159.75"],
        ["Mar 1, 2026", "1", "Opening bank balance", "", "1,200.00", "", "1,200.00"],
    ]
    assert model.index(0, RegisterColumn.BALANCE).data(SORT_ROLE) == Decimal("1159.75")
    assert model.index(0, RegisterColumn.DATE).data(ID_ROLE) == 3


def test_a_credit_account_shows_its_balance_as_positive(book: Book) -> None:
    model = RegisterModel(EN)
    model.load(book.read(open_register, "4100"), register_reader(book, []), credit_normal=True)
    assert model.index(0, RegisterColumn.CREDIT).data() == "85.50"
    assert model.index(0, RegisterColumn.BALANCE).data() == "85.50"
    assert model.index(0, RegisterColumn.BALANCE).data(SORT_ROLE) == Decimal("85.50")


def test_the_register_reads_a_page_at_a_time(big_book: Book) -> None:
    reads: list[int] = []
    model = RegisterModel(EN)
    cursor = big_book.read(open_register, "1010")
    model.load(cursor, register_reader(big_book, reads))
    page = reads[0]
    assert model.rowCount() == page < BIG and len(reads) == 1
    # The newest line's balance is the account's balance; each older one takes a line off.
    total = sum(n % 10 + 1 for n in range(BIG))
    assert model.index(0, RegisterColumn.BALANCE).data(SORT_ROLE) == Decimal(total)
    assert model.index(1, RegisterColumn.BALANCE).data(SORT_ROLE) == Decimal(total - ((BIG - 1) % 10 + 1))
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == BIG
    assert model.index(BIG - 1, RegisterColumn.BALANCE).data(SORT_ROLE) == Decimal("1.00")


def test_a_partly_read_journal_passes_the_model_tester(qtmodeltester: ModelTester,
                                                      big_book: Book) -> None:
    model = JournalModel(EN)
    model.load(CountingLoader(big_book))
    qtmodeltester.check(model)
    assert model.canFetchMore()
