"""The small shared widgets: locale-aware date field, totals footer, notice banner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.formatting import Formatter
from coopdesk.ledger.queries import TrialBalanceRow
from coopdesk.money import Money
from coopdesk_ui.book_host import BookHost
from coopdesk_ui.models.trial_balance_model import Column, TrialBalanceModel
from coopdesk_ui.screens import trial_balance as screen_module
from coopdesk_ui.screens.trial_balance import TrialBalanceScreen
from coopdesk_ui.widgets.column_footer import ColumnFooter
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.notice_banner import NoticeBanner


@pytest.mark.parametrize(("locale", "pattern"), [
    ("en_US", "M/d/yyyy"), ("de_DE", "dd.MM.yyyy"), ("fr_FR", "dd/MM/yyyy")])
def test_date_edit_writes_the_locales_short_date_with_a_full_year(
        qtbot: QtBot, locale: str, pattern: str) -> None:
    edit = DateEdit(dt.date(2026, 3, 31), locale)
    qtbot.addWidget(edit)
    assert edit.displayFormat() == pattern
    assert edit.value() == dt.date(2026, 3, 31)
    edit.set_value(dt.date(2025, 12, 1))
    assert edit.value() == dt.date(2025, 12, 1)


def test_footer_cells_follow_their_columns(qtbot: QtBot) -> None:
    table = QTableView()
    model = TrialBalanceModel(Formatter("en_US"))
    table.setModel(model)
    footer = ColumnFooter(table)
    qtbot.addWidget(table)
    qtbot.addWidget(footer)
    label = footer.set_text(Column.DEBIT, "12.00")
    before = label.x()
    table.setColumnWidth(Column.CODE, table.columnWidth(Column.CODE) + 50)
    assert label.x() == before + 50
    assert footer.text(Column.DEBIT) == "12.00" and footer.text(Column.CREDIT) == ""
    footer.clear()
    assert footer.text(Column.DEBIT) == ""


def test_banner_hides_when_there_is_nothing_to_say(qtbot: QtBot) -> None:
    banner = NoticeBanner()
    qtbot.addWidget(banner)
    banner.show_notices(["one", "two"])
    assert banner.text() == "one\ntwo" and not banner.isHidden()
    banner.show_notices([])
    assert banner.isHidden()


def test_an_unbalanced_trial_balance_is_flagged(
        qtbot: QtBot, make_book: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    zero = Money.zero("USD")
    rows = [TrialBalanceRow("1000", "Cash", "asset", Money("10.00", "USD"), zero),
            TrialBalanceRow("4000", "Dues income", "income", zero, Money("9.00", "USD"))]
    monkeypatch.setattr(screen_module, "trial_balance", lambda session, as_of: rows)
    host = BookHost()
    screen = TrialBalanceScreen(host)
    qtbot.addWidget(screen)
    screen.show()  # it queries only while on view
    host.replace(Book.open(make_book(entries=())))
    try:
        assert screen.totals.text(Column.NAME).startswith("Out of balance by $1.00")
    finally:
        host.close()
