"""The Members screen's table models and filter proxy, over rows read from a real small book."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import QPersistentModelIndex, Qt
from pytestqt.modeltest import ModelTester

from coopdesk.book import Book
from coopdesk.dues.member_list import MemberListRow, member_list
from coopdesk.dues.member_page import MemberPage, member_page
from coopdesk.formatting import Formatter
from coopdesk.members.service import edit_member
from coopdesk_ui.models.member_account_model import Column as AccountColumn
from coopdesk_ui.models.member_account_model import MemberAccountModel
from coopdesk_ui.models.member_filter_model import MemberFilterProxy, StatusFilter
from coopdesk_ui.models.member_history_model import MemberHistoryModel
from coopdesk_ui.models.member_list_model import Column, MemberListModel, fold, number_key
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from tests.ui.members_book import make_members_book

EN = Formatter("en_US")


@pytest.fixture
def book(tmp_path: Path) -> Book:
    path = make_members_book(tmp_path / "members.coopdesk")
    with Book.open(path) as opened:
        opened.run(edit_member, "5", {"city": "Millbrook", "kind": "organisation"})
        yield opened


@pytest.fixture
def rows(book: Book) -> list[MemberListRow]:
    return book.read(member_list)


@pytest.fixture
def page(book: Book, rows: list[MemberListRow]) -> MemberPage:
    chloe = next(row for row in rows if row.number == "3")
    return book.read(member_page, "3", None, chloe.dues)


def shown(proxy: MemberFilterProxy) -> list[str]:
    return [proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())]


def test_list_model_passes_the_model_tester(qtmodeltester: ModelTester,
                                            rows: list[MemberListRow]) -> None:
    model = MemberListModel(EN)
    model.set_rows(rows)
    qtmodeltester.check(model)  # the tester stays attached: what follows is checked too
    model.sort(Column.BALANCE, Qt.SortOrder.DescendingOrder)
    model.set_rows(rows[1:])
    model.set_rows([])
    qtmodeltester.check(model)


def test_the_model_sorts_itself_keeping_persistent_indexes(rows: list[MemberListRow]) -> None:
    model = MemberListModel(EN)
    model.set_rows(rows)
    ben_row = model.row_of("2")
    assert ben_row is not None
    ben = QPersistentModelIndex(model.index(ben_row, Column.NAME))
    model.sort(Column.BALANCE, Qt.SortOrder.AscendingOrder)
    assert model.index(0, Column.NUMBER).data() == "2"  # the credit first
    assert ben.row() == 0 and ben.data() == "Ben Idris"
    model.set_rows(rows)  # new rows come in the order last asked for
    assert model.index(0, Column.NUMBER).data() == "2"
    assert model.rows() == tuple(rows)  # as given


def test_list_model_texts_and_raw_values(rows: list[MemberListRow]) -> None:
    model = MemberListModel(EN)
    model.set_rows(rows)
    row = model.row_of("2")
    assert row is not None
    texts = [model.index(row, c).data() for c in Column]
    assert texts == ["2", "Ben Idris", "Consumer", "Active", "-15.00", "Feb 1, 2026"]
    assert model.index(row, Column.BALANCE).data(SORT_ROLE) == Decimal("-15.00")
    assert model.index(row, Column.BALANCE).data(Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    assert "credit" in model.index(row, Column.BALANCE).data(Qt.ItemDataRole.ToolTipRole)
    ada = model.row_of("1")
    assert ada is not None
    assert model.index(ada, Column.BALANCE).data() == ""  # nothing owed: an empty cell
    assert model.index(ada, Column.LAST_PAYMENT).data(SORT_ROLE) == dt.date(2026, 6, 5)
    assert model.headerData(Column.BALANCE, Qt.Orientation.Horizontal) == "Owed"


def test_proxy_passes_the_model_tester_while_filtering(qtmodeltester: ModelTester,
                                                       rows: list[MemberListRow]) -> None:
    model = MemberListModel(EN)
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    proxy.sort(Column.BALANCE, Qt.SortOrder.DescendingOrder)
    proxy.set_text("e")
    qtmodeltester.check(proxy)


def test_filter_by_words_of_number_or_name_ignoring_case_and_accents(
        rows: list[MemberListRow]) -> None:
    model = MemberListModel(EN)
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    proxy.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    proxy.set_text("berenger")
    assert shown(proxy) == ["3"]
    proxy.set_text("CHLOÉ  bér")
    assert shown(proxy) == ["3"]
    proxy.set_text("4")
    assert shown(proxy) == ["4"]
    proxy.set_text("a")  # Ada, Dan, Eve Martin; not Ben Idris nor Chloé Bérenger
    assert shown(proxy) == ["1", "4", "5"]
    proxy.set_text("")
    assert shown(proxy) == ["1", "2", "3", "4", "5"]


def test_filter_by_status_and_class(rows: list[MemberListRow]) -> None:
    model = MemberListModel(EN)
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    proxy.sort(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    expected = {
        StatusFilter.ALL: ["1", "2", "3", "4", "5"],
        StatusFilter.GOOD_STANDING: ["1", "2"],
        StatusFilter.PENDING: ["3"],
        StatusFilter.ACTIVE: ["1", "2"],
        StatusFilter.IN_GRACE: [],
        StatusFilter.LAPSED: ["4"],
        StatusFilter.WITHDRAWN: ["5"],
        StatusFilter.DECEASED: [],
        StatusFilter.OWING: ["3", "4"],
    }
    for choice, numbers in expected.items():
        proxy.set_status(choice)
        assert shown(proxy) == numbers, choice
    proxy.set_status(StatusFilter.ALL)
    proxy.set_class("consumer")
    assert shown(proxy) == ["2", "3"]
    proxy.set_status(StatusFilter.OWING)
    assert shown(proxy) == ["3"]


def test_sorts_by_raw_values(rows: list[MemberListRow]) -> None:
    model = MemberListModel(EN)
    proxy = MemberFilterProxy()
    proxy.setSourceModel(model)
    model.set_rows(rows)
    proxy.sort(Column.BALANCE, Qt.SortOrder.DescendingOrder)
    by_balance = shown(proxy)
    assert by_balance[:2] == ["3", "4"] and set(by_balance[2:4]) == {"1", "5"}
    assert by_balance[-1] == "2"  # the credit last
    proxy.sort(Column.LAST_PAYMENT, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["3", "5", "2", "4", "1"]  # never paid first
    proxy.sort(Column.NAME, Qt.SortOrder.AscendingOrder)
    assert shown(proxy) == ["3", "2", "5", "1", "4"]  # by sort name: Bérenger, Idris...


def test_number_and_text_helpers() -> None:
    assert sorted(["10", "9", "A-1", "100", "b-2"], key=number_key) == ["9", "10", "100", "A-1", "b-2"]
    assert fold("Chloé BÉRENGER") == "chloe berenger"


def test_account_model(qtmodeltester: ModelTester, page: MemberPage) -> None:
    model = MemberAccountModel(EN)
    model.set_rows(page.account)
    qtmodeltester.check(model)
    assert model.rowCount() == 6  # January to June charged, nothing paid
    last = model.rowCount() - 1
    assert [model.index(last, c).data() for c in AccountColumn] == [
        "Jun 1, 2026", "Dues Monthly 2026-06", "10.00", "", "60.00"]
    assert model.index(last, AccountColumn.BALANCE).data(SORT_ROLE) == Decimal("60.00")
    assert model.index(last, AccountColumn.CHARGE).data(Qt.ItemDataRole.TextAlignmentRole) == (
        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


def test_history_model_in_the_locale(qtmodeltester: ModelTester, book: Book,
                                                  rows: list[MemberListRow]) -> None:
    eve = next(row for row in rows if row.number == "5")
    history = book.read(member_page, "5", None, eve.dues).history
    model = MemberHistoryModel(EN)
    model.set_rows(history, {"supporter": "Supporter"})
    qtmodeltester.check(model)
    texts = [[model.index(r, c).data() for c in range(1, 4)] for r in range(model.rowCount())]
    assert texts == [
        ["Added to the register", "", "5"],
        ["Left", "", "Jan 31, 2026"],
        ["Reason for leaving", "", "Withdrew"],
        ["Kind", "Person", "Organisation"],
        ["City", "Riverside", "Millbrook"],
    ]
    assert model.index(0, 0).data().startswith("Jun 30, 2026")
