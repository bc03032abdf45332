"""The Dues screen's Arrears and Collection tabs: who owes what as of a date, the CSV export
(read back from the file), the way to the member, and the collection per month."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.payments import record_payment
from coopdesk.dues.plans import assign_plan
from coopdesk.dues.queries import arrears
from coopdesk.dues.run import run_dues
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk_ui.models import dues_collection_model
from coopdesk_ui.models.arrears_model import Column
from coopdesk_ui.screens.dues_dialogs import DuesDialogs
from coopdesk_ui.targets import MemberTarget

from .conftest import TODAY
from .dues_helpers import (  # noqa: F401  (fixtures)
    coop,
    coop_on_plan,
    dues_screen,
    no_real_dues_dialogs,
    open_window,
    usd,
)


@pytest.fixture
def charged(coop_on_plan: Path) -> Path:
    """Dues charged through June 2026; Ann (7) paid $30.00 on 2 May (January to March)."""
    with Book.open(coop_on_plan) as book:
        book.run(run_dues, 2026, 6)
        book.run(record_payment, "7", dt.date(2026, 5, 2), usd("30.00"))
    return coop_on_plan


def column(tab: object, number: int) -> list[str]:
    proxy = tab.proxy  # type: ignore[attr-defined]
    return [proxy.index(row, number).data() for row in range(proxy.rowCount())]


def test_the_arrears_are_loaded_only_when_their_tab_is_shown(qtbot: QtBot, charged: Path) -> None:
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    assert screen.arrears.model.rowCount() == 0  # the Plans tab is on view
    screen.tabs.setCurrentWidget(screen.arrears)
    assert screen.arrears.model.rowCount() == 2


def test_the_arrears_list_as_of_today_and_as_of_another_day(qtbot: QtBot, charged: Path) -> None:
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.arrears)
    tab = screen.arrears
    statuses = {row.member_number: row.status
                for row in window.host.require().read(arrears, TODAY)}
    lines = [[tab.proxy.index(r, c).data() for c in Column] for r in range(tab.proxy.rowCount())]
    assert lines == [
        ["12", "Bo Chan", "4", "40.00", "2026-03", "Mar 1, 2026", statuses["12"].title()],
        ["7", "Ann Lee", "3", "30.00", "2026-04", "Apr 1, 2026", statuses["7"].title()],
    ]
    assert tab.summary_label.text() == "2 members owe $70.00 in all as of Jun 30, 2026."
    assert tab.footer.text(Column.AMOUNT) == "70.00"
    tab.as_of_edit.set_value(dt.date(2026, 3, 31))  # before Ann's payment
    assert column(tab, Column.NUMBER) == ["7", "12"]
    assert column(tab, Column.AMOUNT) == ["30.00", "10.00"]
    tab.as_of_edit.set_value(dt.date(2025, 12, 31))
    assert tab.model.rowCount() == 0
    assert tab.summary_label.text() == "No member is behind with their dues as of Dec 31, 2025."
    assert not tab.export_button.isEnabled()


def test_the_arrears_sort_by_raw_values_and_filter(qtbot: QtBot, charged: Path) -> None:
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.arrears)
    tab = screen.arrears
    tab.table.sortByColumn(Column.NUMBER, Qt.SortOrder.AscendingOrder)
    assert column(tab, Column.NUMBER) == ["7", "12"]  # 7 before 12, as numbers
    tab.table.sortByColumn(Column.AMOUNT, Qt.SortOrder.AscendingOrder)
    assert column(tab, Column.AMOUNT) == ["30.00", "40.00"]
    window.find_action.trigger()  # Edit > Find goes to the filter
    assert tab.filter_edit.hasFocus() or window.focusWidget() is tab.filter_edit
    tab.filter_edit.setText("chan")
    assert column(tab, Column.NAME) == ["Bo Chan"]


def test_a_payment_elsewhere_updates_the_arrears(qtbot: QtBot, charged: Path) -> None:
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.arrears)
    window.context.write(record_payment, "12", TODAY, usd("40.00"))
    assert column(screen.arrears, Column.NUMBER) == ["7"]


def test_a_double_click_opens_the_member(qtbot: QtBot, charged: Path) -> None:
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.arrears)
    asked: list[tuple[str, object]] = []
    window.context.navigate_requested.connect(lambda key, target: asked.append((key, target)))
    screen.arrears.table.doubleClicked.emit(screen.arrears.proxy.index(1, Column.AMOUNT))
    assert asked == [("members", MemberTarget("7"))]


def test_export_writes_the_whole_list_as_csv(qtbot: QtBot, charged: Path, tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.arrears)
    tab = screen.arrears
    tab.filter_edit.setText("chan")  # the export is the list, not what the filter shows
    target = tmp_path / "exports" / "arrears.csv"
    target.parent.mkdir()
    suggested: list[Path] = []

    def ask(cls: type, parent: object, title: str, path: Path) -> Path:
        suggested.append(path)
        return target

    monkeypatch.setattr(DuesDialogs, "ask_csv_path", classmethod(ask))
    tab.export_button.click()
    assert suggested == [charged.parent / "arrears-2026-06-30.csv"]
    statuses = {row.member_number: row.status
                for row in window.host.require().read(arrears, TODAY)}
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # so that Excel reads it as UTF-8
    assert list(csv.reader(data.decode("utf-8-sig").splitlines())) == [
        ["member_number", "member_name", "months", "amount", "oldest_period", "oldest_since",
         "status"],
        ["12", "Bo Chan", "4", "40.00", "2026-03", "2026-03-01", statuses["12"]],
        ["7", "Ann Lee", "3", "30.00", "2026-04", "2026-04-01", statuses["7"]],
    ]
    assert target.stat().st_mode & 0o777 == 0o600
    assert tab.export_label.text() == f"Exported 2 members to {target}"


def test_export_neutralises_what_a_spreadsheet_would_run(
        qtbot: QtBot, charged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    with Book.open(charged) as book:
        book.run(add_member, MemberInput('=HYPERLINK("http://evil","x")', dt.date(2026, 6, 1),
                                         number="20"))
        book.run(assign_plan, "20", "Monthly", dt.date(2026, 6, 1))
        book.run(run_dues, 2026, 6)
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.arrears)
    target = tmp_path / "arrears.csv"
    monkeypatch.setattr(DuesDialogs, "ask_csv_path", classmethod(lambda cls, *args: target))
    screen.arrears.export_button.click()
    rows = list(csv.reader(target.read_text(encoding="utf-8-sig").splitlines()))
    evil = [row for row in rows if row[0] == "20"]
    assert evil[0][1] == '\'=HYPERLINK("http://evil","x")'
    assert evil[0][3] == "10.00"  # numbers stay numbers


def test_a_cancelled_export_writes_nothing(qtbot: QtBot, charged: Path, tmp_path: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.arrears)
    monkeypatch.setattr(DuesDialogs, "ask_csv_path", classmethod(lambda cls, *args: None))
    screen.arrears.export_button.click()
    assert screen.arrears.export_label.text() == ""
    assert not list(charged.parent.glob("*.csv"))


def test_an_export_that_cannot_be_written_is_told(
        qtbot: QtBot, charged: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        errors: list[str]) -> None:
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.arrears)
    missing = tmp_path / "no such folder" / "arrears.csv"
    monkeypatch.setattr(DuesDialogs, "ask_csv_path", classmethod(lambda cls, *args: missing))
    screen.arrears.export_button.click()
    assert errors == [f"{missing.parent}: no such folder"]


def test_the_collection_of_a_year_per_month(qtbot: QtBot, charged: Path) -> None:
    window = open_window(qtbot, charged)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.collection)
    tab = screen.collection
    columns = dues_collection_model.Column
    model = tab.model
    assert model.rowCount() == 12
    line = [model.index(0, c).data() for c in columns]
    assert line == ["January 2026", "10.00", "10.00", "0.00", "0.00", "100"]
    line = [model.index(2, c).data() for c in columns]  # Ann's March paid, Bo's open
    assert line == ["March 2026", "20.00", "10.00", "0.00", "10.00", "50"]
    assert [model.index(11, c).data() for c in columns][1:] == ["", "", "", "", ""]
    assert [tab.footer.text(c) for c in columns] == [
        "Year 2026", "100.00", "30.00", "0.00", "70.00", "30"]
    assert tab.summary_label.text() == "Collected 30% of the dues charged for 2026."
    tab.year_spin.setValue(2025)
    assert tab.summary_label.text() == "No dues were charged for 2025."
