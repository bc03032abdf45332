"""The Members screen in the main window, driven as a treasurer would: finding, filtering and
sorting members, the detail pane, navigation targets, Edit > Find, a read-only book."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.models.member_list_model import Column
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.screens.members import MembersScreen
from coopdesk_ui.screens.members_dialogs import MemberDialogs
from coopdesk_ui.targets import MemberTarget, OwingMembersTarget
from tests.ui.members_book import make_members_book


@pytest.fixture(autouse=True)
def no_real_forms(monkeypatch: pytest.MonkeyPatch) -> None:
    """A form the test did not answer fails the test instead of waiting for a user."""
    def unexpected(cls: object, form: object) -> None:
        raise AssertionError(f"unexpected form: {form!r}")

    monkeypatch.setattr(MemberDialogs, "run_form", classmethod(unexpected))


@pytest.fixture
def coop_path(tmp_path: Path) -> Path:
    return make_members_book(tmp_path / "members.coopdesk")


@pytest.fixture
def window(qtbot: QtBot) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    return window


def open_members(window: MainWindow, path: Path, *, read_only: bool = False) -> MembersScreen:
    window.show_book(Book.open(path, read_only=read_only))
    window.show_screen("members")
    screen = window.screens["members"]
    assert isinstance(screen, MembersScreen)
    return screen


def listed(screen: MembersScreen) -> list[str]:
    """The member numbers in the table, top to bottom."""
    proxy = screen.proxy
    return [proxy.index(row, 0).data(ID_ROLE) for row in range(proxy.rowCount())]


def choose(combo_owner: MembersScreen, text: str) -> None:
    combo = combo_owner.status_combo
    index = combo.findText(text)
    assert index >= 0, text
    combo.setCurrentIndex(index)


def test_lists_every_member_in_sort_name_order(window: MainWindow, coop_path: Path) -> None:
    screen = open_members(window, coop_path)
    assert listed(screen) == ["3", "2", "5", "1", "4"]  # Bérenger, Idris, Martin, Okafor, Wu
    assert screen.count_label.text() == "5 members"
    table = screen.table
    ben = [table.model().index(1, c).data() for c in Column]
    assert ben == ["2", "Ben Idris", "Consumer", "Active", "-15.00", "Feb 1, 2026"]
    assert screen.detail.stack.currentWidget() is screen.detail.hint  # nobody chosen yet


def test_typing_filters_by_name_or_number(qtbot: QtBot, window: MainWindow,
                                          coop_path: Path) -> None:
    screen = open_members(window, coop_path)
    qtbot.keyClicks(screen.search_edit, "bere")
    assert listed(screen) == ["3"]  # Chloé Bérenger, accents aside
    assert screen.count_label.text() == "1 of 5 members"
    screen.search_edit.clear()
    qtbot.keyClicks(screen.search_edit, "4")
    assert listed(screen) == ["4"]
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Backspace)
    assert len(listed(screen)) == 5
    assert screen.count_label.text() == "5 members"


def test_status_and_class_filters(window: MainWindow, coop_path: Path) -> None:
    screen = open_members(window, coop_path)
    choose(screen, "Lapsed")
    assert listed(screen) == ["4"]
    choose(screen, "Owing dues")
    assert listed(screen) == ["3", "4"]
    assert screen.count_label.text() == "2 of 5 members"
    choose(screen, "Good standing")
    assert listed(screen) == ["2", "1"]
    choose(screen, "All statuses")
    screen.class_combo.setCurrentIndex(screen.class_combo.findText("Consumer"))
    assert listed(screen) == ["3", "2"]


def test_sorting_by_balance_from_the_header(qtbot: QtBot, window: MainWindow,
                                            coop_path: Path) -> None:
    screen = open_members(window, coop_path)
    header = screen.table.horizontalHeader()
    where = QPoint(header.sectionViewportPosition(Column.BALANCE) + 10, header.height() // 2)
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    assert header.sortIndicatorSection() == Column.BALANCE
    if header.sortIndicatorOrder() == Qt.SortOrder.AscendingOrder:
        qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=where)
    by_balance = listed(screen)
    assert by_balance[:2] == ["3", "4"]  # $60 and $30 owed first
    assert by_balance[-1] == "2"  # the credit last


def test_selecting_a_member_shows_their_record_account_and_history(
        window: MainWindow, coop_path: Path) -> None:
    screen = open_members(window, coop_path)
    screen.table.selectRow(listed(screen).index("4"))
    detail = screen.detail
    assert detail.name_label.text() == "Dan Wu"
    assert detail.field_text("status") == "Lapsed"
    assert detail.field_text("class") == "Producer"
    assert detail.field_text("joined") == "Jan 1, 2026"
    assert detail.field_text("address") == "Riverside"
    account = detail.account_model
    lines = [[account.index(r, c).data() for c in range(5)] for r in range(account.rowCount())]
    assert lines[0] == ["Jan 1, 2026", "Dues Monthly 2026-01", "10.00", "", "10.00"]
    payment = lines[3]
    assert (payment[0], payment[2], payment[3], payment[4]) == ("Mar 10, 2026", "", "30.00", "0.00")
    assert len(lines) == 7 and lines[-1][4] == "30.00"
    assert detail.balance_label.text() == "Owes $30.00"
    assert detail.history_model.rowCount() == 1  # added, never changed
    assert detail.edit_button.isEnabled() and detail.leaving_button.isEnabled()


def test_show_target_selects_the_member_even_when_filtered_out(
        qtbot: QtBot, window: MainWindow, coop_path: Path) -> None:
    screen = open_members(window, coop_path)
    qtbot.keyClicks(screen.search_edit, "ada")
    window.context.navigate("members", MemberTarget("4"))
    assert screen.current_number() == "4"
    assert screen.search_edit.text() == ""
    assert screen.detail.name_label.text() == "Dan Wu"


def test_show_target_before_the_screen_was_ever_shown(window: MainWindow, coop_path: Path) -> None:
    window.show_book(Book.open(coop_path))  # the dashboard is shown; members not yet read
    window.context.navigate("members", MemberTarget("2"))
    screen = window.screens["members"]
    assert isinstance(screen, MembersScreen)
    assert screen.current_number() == "2"
    assert screen.detail.name_label.text() == "Ben Idris"


def test_owing_members_target_filters_to_those_in_arrears(window: MainWindow,
                                                          coop_path: Path) -> None:
    screen = open_members(window, coop_path)
    window.context.navigate("members", OwingMembersTarget())
    assert screen.status_combo.currentText() == "Owing dues"
    assert listed(screen) == ["3", "4"]


def test_edit_find_puts_the_cursor_in_the_search_field(qtbot: QtBot, window: MainWindow,
                                                        coop_path: Path) -> None:
    screen = open_members(window, coop_path)
    window.activateWindow()
    window.find_action.trigger()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is screen.search_edit)
    qtbot.keyClicks(screen.search_edit, "wu")
    qtbot.keyClick(screen.search_edit, Qt.Key.Key_Return)  # Enter goes to the first match
    assert screen.current_number() == "4"


def test_a_read_only_book_cannot_be_edited(window: MainWindow, coop_path: Path) -> None:
    screen = open_members(window, coop_path, read_only=True)
    screen.table.selectRow(0)
    assert screen.detail.page is not None
    assert not screen.add_button.isEnabled()
    assert not screen.detail.edit_button.isEnabled()
    assert not screen.detail.leaving_button.isEnabled()
    screen.edit_member()  # and the action itself refuses (no form is opened)
    screen.add_member()


def test_closing_the_book_empties_the_screen(window: MainWindow, coop_path: Path) -> None:
    screen = open_members(window, coop_path)
    screen.table.selectRow(0)
    window.host.close()
    assert screen.model.rowCount() == 0
    assert screen.detail.page is None
