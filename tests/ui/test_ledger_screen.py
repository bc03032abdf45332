"""The Ledger screen: journal with postings, account register, reversing, closing a period,
read-only books, and opening a large journal a page at a time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from collections.abc import Callable, Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.ledger.journal_page import JournalFilter, entry_detail, journal_page
from coopdesk.ledger.service import closed_through, post_entries
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs, resolve_specs
from coopdesk.money import Money
from coopdesk_ui.forms.period_close_dialog import PeriodCloseDialog
from coopdesk_ui.book_host import BookHost
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.journal_model import PAGE_SIZE, Column
from coopdesk_ui.models.journal_postings_model import Column as PostingColumn
from coopdesk_ui.models.register_model import Column as RegisterColumn
from coopdesk_ui.models.roles import SORT_ROLE
from coopdesk_ui.screens.ledger import LedgerScreen
from coopdesk_ui.screens.ledger_dialogs import LedgerDialogs
from coopdesk_ui.screens.ledger_journal import PAGE_DOWN_LIMIT
from coopdesk_ui.screens.ledger_journal_filter import Period
from coopdesk_ui.targets import EntryTarget

BIG = PAGE_DOWN_LIMIT + 3 * PAGE_SIZE  # entries: more than show_entry pages down through
FIRST_DAY = dt.date(2025, 1, 1)


def usd(text: str) -> Money:
    return Money(text, "USD")


@dataclass
class Desk:
    """A window holding the Ledger screen, over a book host and context as the app's."""

    holder: QWidget
    host: BookHost
    context: AppContext
    ledger: LedgerScreen


@pytest.fixture
def desk(qtbot: QtBot) -> Iterator[Desk]:
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.resize(1100, 700)
    host = BookHost(holder)
    context = AppContext(host, holder)
    ledger = LedgerScreen(context)
    QVBoxLayout(holder).addWidget(ledger)
    yield Desk(holder, host, context, ledger)
    host.close()


def open_ledger(desk: Desk, path: Path, *, read_only: bool = False) -> LedgerScreen:
    desk.host.replace(Book.open(path, read_only=read_only))
    desk.holder.show()
    return desk.ledger


def memos(ledger: LedgerScreen) -> list[str]:
    model = ledger.journal.model
    return [model.index(r, Column.MEMO).data() for r in range(model.rowCount())]


def postings_shown(ledger: LedgerScreen) -> list[list[str]]:
    model = ledger.journal.postings_model
    return [[model.index(r, c).data() for c in (PostingColumn.ACCOUNT, PostingColumn.DEBIT,
                                                 PostingColumn.CREDIT)]
            for r in range(model.rowCount())]


def select_entry_row(ledger: LedgerScreen, row: int) -> None:
    ledger.journal.table.selectRow(row)


def answer_confirm(monkeypatch: pytest.MonkeyPatch, answer: bool) -> list[str]:
    asked: list[str] = []

    def confirm(cls: object, parent: object, text: str, action: str) -> bool:
        asked.append(text)
        return answer

    monkeypatch.setattr(LedgerDialogs, "confirm", classmethod(confirm))
    return asked


@pytest.fixture
def riverside(make_book: Callable[..., Path]) -> Path:
    return make_book()


@pytest.fixture
def big_path(tmp_path: Path) -> Path:
    """A book of BIG bank/income entries, eight a day, in two bulk posts."""
    path = tmp_path / "big.coopdesk"
    specs = [EntrySpec(FIRST_DAY + dt.timedelta(days=n // 8), (
        PostingSpec("1010", usd("2.00")), PostingSpec("4100", usd("-2.00"))), memo=f"Sale {n + 1}")
        for n in range(BIG)]
    with Book.create(path, name="Big Co-op", currency="USD", locale="en_US") as book:
        book.run(lambda session: post_entries(session, resolve_specs(session, specs)))
    return path


# -- the journal --------------------------------------------------------------------------


def selected_id(ledger: LedgerScreen) -> int | None:
    """The number of the entry selected in the journal."""
    entry = ledger.journal.selected_entry()
    return entry.entry_id if entry is not None else None


def test_the_journal_lists_entries_and_shows_the_selected_ones_postings(
        desk: Desk, riverside: Path) -> None:
    ledger = open_ledger(desk, riverside)
    assert ledger.tabs.currentWidget() is ledger.journal
    assert memos(ledger) == ["Printer paper", "Bake sale", "Opening bank balance"]
    # The newest entry is selected, its postings shown below it.
    assert ledger.journal.selected_entry() is not None
    assert selected_id(ledger) == 3
    assert postings_shown(ledger) == [["5000  Operating expenses", "40.25", ""],
                                      ["1010  Bank account", "", "40.25"]]
    assert "Entry 3" in ledger.journal.entry_summary.text()
    assert "Printer paper" in ledger.journal.entry_summary.text()

    select_entry_row(ledger, 1)
    assert postings_shown(ledger) == [["1000  Cash", "85.50", ""],
                                      ["4100  Operating income", "", "85.50"]]
    assert ledger.journal.count_label.text() == "3 entries"


def test_show_target_selects_the_entry(desk: Desk, riverside: Path) -> None:
    ledger = open_ledger(desk, riverside)
    ledger.show_target(EntryTarget(1))
    assert selected_id(ledger) == 1
    assert postings_shown(ledger)[0] == ["1010  Bank account", "1,200.00", ""]


def test_show_target_of_an_entry_hidden_by_the_filter_shows_everything_again(
        desk: Desk, riverside: Path) -> None:
    ledger = open_ledger(desk, riverside)
    bar = ledger.journal.filter_bar
    bar.search_edit.setText("bake")
    bar.search_edit.returnPressed.emit()
    assert memos(ledger) == ["Bake sale"]
    ledger.show_target(EntryTarget(3))
    assert selected_id(ledger) == 3
    assert bar.search_edit.text() == "" and len(memos(ledger)) == 3


def test_show_target_of_an_unknown_entry_says_so(desk: Desk, riverside: Path,
                                                 errors: list[str]) -> None:
    ledger = open_ledger(desk, riverside)
    ledger.show_target(EntryTarget(99))
    assert errors == ["no journal entry 99"]
    assert selected_id(ledger) == 3


def test_the_journal_filters_by_text_after_a_pause_and_by_period_and_kind(
        desk: Desk, riverside: Path, qtbot: QtBot) -> None:
    ledger = open_ledger(desk, riverside)
    bar = ledger.journal.filter_bar
    qtbot.keyClicks(bar.search_edit, "paper")
    assert len(memos(ledger)) == 3  # not yet: the search waits for a pause in typing
    qtbot.waitUntil(lambda: memos(ledger) == ["Printer paper"])
    bar.search_edit.clear()
    qtbot.waitUntil(lambda: len(memos(ledger)) == 3)

    bar.period_combo.setCurrentIndex(bar.period_combo.findData(Period.CUSTOM))
    bar.from_edit.set_value(dt.date(2026, 3, 10))
    bar.to_edit.set_value(dt.date(2026, 3, 31))
    assert memos(ledger) == ["Bake sale"]
    bar.period_combo.setCurrentIndex(bar.period_combo.findData(Period.LAST_YEAR))
    assert memos(ledger) == []
    assert not bar.from_edit.isVisible()
    bar.period_combo.setCurrentIndex(bar.period_combo.findData(Period.THIS_YEAR))
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findData("payment"))
    assert memos(ledger) == []
    bar.kind_combo.setCurrentIndex(bar.kind_combo.findData("manual"))
    assert len(memos(ledger)) == 3


def test_find_puts_the_cursor_in_the_journal_search(desk: Desk, riverside: Path) -> None:
    ledger = open_ledger(desk, riverside)
    ledger.tabs.setCurrentWidget(ledger.register)
    ledger.start_search()
    assert ledger.tabs.currentWidget() is ledger.journal
    assert desk.holder.focusWidget() is ledger.journal.filter_bar.search_edit


def test_a_write_elsewhere_refreshes_the_journal(desk: Desk, riverside: Path) -> None:
    ledger = open_ledger(desk, riverside)
    desk.host.run(post_specs, [EntrySpec(dt.date(2026, 5, 1), (
        PostingSpec("5900", usd("3.00")), PostingSpec("1010", usd("-3.00"))), memo="Bank fee")])
    assert memos(ledger)[0] == "Bank fee"


# -- opening a large journal ----------------------------------------------------------------


def test_opening_the_ledger_reads_one_page(desk: Desk, big_path: Path) -> None:
    ledger = open_ledger(desk, big_path)
    model = ledger.journal.model
    assert model.rowCount() == PAGE_SIZE and model.pages_read == 1 and model.canFetchMore()
    assert ledger.register.model.rowCount() == 0  # not read until its tab is shown
    assert "Newest 200 entries shown" in ledger.journal.count_label.text()


def test_show_target_pages_down_to_a_near_entry(desk: Desk, big_path: Path) -> None:
    ledger = open_ledger(desk, big_path)
    target = BIG - 3 * PAGE_SIZE  # in the fourth page
    ledger.show_target(EntryTarget(target))
    assert selected_id(ledger) == target
    assert ledger.journal.model.pages_read == 4
    assert ledger.journal.filter_bar.criteria() == JournalFilter()  # the filter is untouched


def test_show_target_of_a_far_entry_narrows_the_dates_to_its_day(desk: Desk,
                                                                 big_path: Path) -> None:
    ledger = open_ledger(desk, big_path)
    ledger.show_target(EntryTarget(20))  # day 3; two thousand entries are newer
    assert selected_id(ledger) == 20
    criteria = ledger.journal.filter_bar.criteria()
    assert (criteria.date_from, criteria.date_to) == (FIRST_DAY, FIRST_DAY + dt.timedelta(days=2))
    assert ledger.journal.model.rowCount() == 24  # three days of eight entries
    assert ledger.journal.filter_bar.from_edit.isVisible()


# -- the account register -------------------------------------------------------------------


def test_the_register_shows_the_running_balance_and_leads_to_entries(
        desk: Desk, riverside: Path) -> None:
    ledger = open_ledger(desk, riverside)
    ledger.tabs.setCurrentWidget(ledger.register)
    register = ledger.register
    assert register.account_code() == "1010"  # the bank account comes first
    model = register.model
    assert [(model.index(r, RegisterColumn.ENTRY).data(), model.index(r, RegisterColumn.BALANCE).data())
            for r in range(model.rowCount())] == [("3", "1,159.75"), ("1", "1,200.00")]
    assert register.summary.text() == "Balance $1,159.75  \N{MIDDLE DOT}  2 postings"
    assert register.table.isColumnHidden(RegisterColumn.MEMBER)

    register.choose_account("4100")
    assert model.rowCount() == 1
    assert model.index(0, RegisterColumn.BALANCE).data(SORT_ROLE) == Decimal("85.50")

    register.table.activated.emit(model.index(0, RegisterColumn.MEMO))
    assert ledger.tabs.currentWidget() is ledger.journal
    assert selected_id(ledger) == 2


def test_a_member_account_register_names_the_members(desk: Desk, tmp_path: Path) -> None:
    from tests.ui.test_ledger_entry_form import book_with_members

    ledger = open_ledger(desk, book_with_members(tmp_path))
    ledger.tabs.setCurrentWidget(ledger.register)
    ledger.register.choose_account("1100")
    model = ledger.register.model
    assert not ledger.register.table.isColumnHidden(RegisterColumn.MEMBER)
    assert model.index(0, RegisterColumn.MEMBER).data() == "M2  Ben Okafor"


# -- reversing --------------------------------------------------------------------------


def test_reverse_posts_the_mirror_entry_once(desk: Desk, riverside: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = open_ledger(desk, riverside)
    select_entry_row(ledger, 1)  # the bake sale, entry 2
    assert ledger.reverse_button.isEnabled()
    asked = answer_confirm(monkeypatch, True)
    ledger.reverse_button.click()

    assert len(asked) == 1 and "Reverse entry 2 (Bake sale, $85.50)?" in asked[0]
    book = desk.host.require()
    rows = {row.entry_id: row for row in book.read(journal_page, JournalFilter(), None, 10)}
    assert rows[2].reversed_by == 4 and rows[4].reverses == 2
    assert [p.amount for p in book.read(entry_detail, 4).postings] == [usd("-85.50"), usd("85.50")]
    # The reversal is shown, selected; neither it nor the original can be reversed again.
    assert selected_id(ledger) == 4
    assert not ledger.reverse_button.isEnabled()
    assert "is itself a reversal" in ledger.reverse_button.toolTip()
    ledger.show_target(EntryTarget(2))
    assert not ledger.reverse_button.isEnabled()
    assert "reversed already, by entry 4" in ledger.reverse_button.toolTip()
    assert ledger.journal.model.index(ledger.journal.model.row_of(2) or 0,
                                      Column.REVERSAL).data() == "Reversed by 4"


def test_declining_the_confirmation_reverses_nothing(desk: Desk, riverside: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = open_ledger(desk, riverside)
    answer_confirm(monkeypatch, False)
    ledger.reverse_button.click()
    assert len(desk.host.require().read(journal_page, JournalFilter(), None, 10)) == 3


# -- closing a period -----------------------------------------------------------------------


def fill_close_dialog(monkeypatch: pytest.MonkeyPatch, through: dt.date) -> list[PeriodCloseDialog]:
    shown: list[PeriodCloseDialog] = []

    def run_form(cls: object, dialog: QDialog) -> bool:
        assert isinstance(dialog, PeriodCloseDialog)
        shown.append(dialog)
        dialog.date_edit.set_value(through)
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(LedgerDialogs, "run_form", classmethod(run_form))
    return shown


def test_closing_a_period_then_posting_into_it_is_refused(
        desk: Desk, riverside: Path, monkeypatch: pytest.MonkeyPatch,
        errors: list[str]) -> None:
    ledger = open_ledger(desk, riverside)
    through = dt.date(2026, 3, 31)
    shown = fill_close_dialog(monkeypatch, through)
    asked = answer_confirm(monkeypatch, True)
    ledger.close_period_button.click()

    assert "No period has been closed yet." == shown[0].current_label.text()
    assert "Close the books through Mar 31, 2026?" in asked[0]
    assert desk.host.require().read(closed_through) == through
    assert ledger.closed_label.text() == "Books closed through Mar 31, 2026"

    # Posting into the closed period: the core refuses, and the user reads why.
    assert desk.context.write(post_specs, [EntrySpec(through, (
        PostingSpec("5900", usd("1.00")), PostingSpec("1010", usd("-1.00"))))]) is None
    assert errors == ["entry refused: 2026-03-31 is in a closed period (closed through 2026-03-31)"]

    # The dialog now knows the closed date and refuses an earlier one at the field.
    dialog = PeriodCloseDialog(desk.context, through)
    dialog.date_edit.set_value(dt.date(2026, 2, 28))
    assert not dialog.ok_button.isEnabled()
    assert "already closed through Mar 31, 2026" in dialog.date_problem.text()
    dialog.date_edit.set_value(dt.date(2026, 4, 30))
    assert dialog.ok_button.isEnabled() and dialog.date_problem.text() == ""


def test_closing_asks_before_it_closes(desk: Desk, riverside: Path,
                                       monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = open_ledger(desk, riverside)
    fill_close_dialog(monkeypatch, dt.date(2026, 3, 31))
    answer_confirm(monkeypatch, False)
    ledger.close_period_button.click()
    assert desk.host.require().read(closed_through) is None


def test_today_cannot_be_closed(desk: Desk, riverside: Path, fixed_today: dt.date) -> None:
    open_ledger(desk, riverside)
    dialog = PeriodCloseDialog(desk.context, None)
    assert dialog.date_edit.value() == dt.date(2026, 5, 31)  # the end of last month
    dialog.date_edit.set_value(fixed_today)
    assert dialog.date_edit.value() < fixed_today  # the calendar stops at yesterday


# -- read-only books ------------------------------------------------------------------------


def test_a_read_only_book_offers_no_writing_actions(desk: Desk, riverside: Path) -> None:
    ledger = open_ledger(desk, riverside, read_only=True)
    assert len(memos(ledger)) == 3
    for button in (ledger.new_entry_button, ledger.reverse_button, ledger.close_period_button):
        assert not button.isEnabled()
        assert button.toolTip() == "The book is open for reading only"


def test_closing_the_book_empties_the_ledger(desk: Desk, riverside: Path) -> None:
    ledger = open_ledger(desk, riverside)
    desk.host.close()
    assert ledger.journal.model.rowCount() == 0
    assert ledger.journal.postings_model.rowCount() == 0
    assert not ledger.new_entry_button.isEnabled()


def test_the_trial_balance_is_a_tab(desk: Desk, riverside: Path) -> None:
    ledger = open_ledger(desk, riverside)
    ledger.tabs.setCurrentWidget(ledger.trial_balance)
    assert ledger.trial_balance.model.rowCount() == 17


def test_the_trial_balance_waits_to_be_shown_before_reading_a_change(
        desk: Desk, riverside: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ledger = open_ledger(desk, riverside)
    ledger.tabs.setCurrentWidget(ledger.trial_balance)
    ledger.tabs.setCurrentWidget(ledger.journal)
    reads: list[object] = []
    original = desk.host.read

    def counting_read(query: Callable[..., object], *args: object, **kwargs: object) -> object:
        reads.append(query)
        return original(query, *args, **kwargs)

    monkeypatch.setattr(desk.host, "read", counting_read)
    desk.host.run(post_specs, [EntrySpec(dt.date(2026, 5, 1), (
        PostingSpec("5900", usd("3.00")), PostingSpec("1010", usd("-3.00"))), memo="Bank fee")])
    names = [getattr(query, "__name__", "") for query in reads]
    assert "trial_balance" not in names and "journal_page" in names  # only the tab on view

    ledger.tabs.setCurrentWidget(ledger.trial_balance)
    balances = {ledger.trial_balance.model.index(r, 0).data(): ledger.trial_balance.model.index(
        r, 3).data() for r in range(ledger.trial_balance.model.rowCount())}
    assert balances["5900"] == "3.00"
