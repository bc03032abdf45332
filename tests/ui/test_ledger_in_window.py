"""The Ledger screen inside the main window: reached by navigation, Edit > Find, the trial
balance the window names, and the undo stack shared with the other screens."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens.ledger import LedgerScreen
from coopdesk_ui.targets import EntryTarget


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    yield window
    window.host.close()


@pytest.fixture
def ledger(window: MainWindow, make_book: Callable[..., Path]) -> LedgerScreen:
    window.show_book(Book.open(make_book()))
    window.show()
    screen = window.screens["ledger"]
    assert isinstance(screen, LedgerScreen)
    return screen


def selected_id(ledger: LedgerScreen) -> int | None:
    """The number of the entry selected in the journal."""
    entry = ledger.journal.selected_entry()
    return entry.entry_id if entry is not None else None


def test_another_screen_can_ask_for_an_entry(window: MainWindow, ledger: LedgerScreen) -> None:
    window.show_screen("dashboard")
    window.context.navigate("ledger", EntryTarget(1))
    assert window.current_screen() is ledger
    assert selected_id(ledger) == 1
    assert ledger.journal.postings_model.rowCount() == 2


def test_edit_find_searches_the_journal(window: MainWindow, ledger: LedgerScreen) -> None:
    window.show_screen("ledger")
    ledger.tabs.setCurrentWidget(ledger.register)
    window.find_action.trigger()
    assert ledger.tabs.currentWidget() is ledger.journal
    assert window.focusWidget() is ledger.journal.filter_bar.search_edit


def test_the_windows_trial_balance_is_the_ledgers_tab(window: MainWindow,
                                                      ledger: LedgerScreen) -> None:
    assert window.trial_balance is ledger.trial_balance
    assert ledger.tabs.indexOf(ledger.trial_balance) == 2


def test_the_journal_is_queried_only_when_the_ledger_is_shown(window: MainWindow, ledger: LedgerScreen) -> None:
    assert ledger.journal.model.rowCount() == 0  # the dashboard is on view, not the ledger
    window.show_screen("ledger")
    assert ledger.journal.model.rowCount() == 3
