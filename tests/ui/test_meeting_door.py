"""At the door, driven as at a doorway: a name typed and Enter records the member in the book and
the worksheet follows; a refused check-in says why in the banner and changes nothing (no
dialog); a proxy recorded through its dialog, which refuses at the field; a mistake removed
after asking, a proxy holder only once their proxies are gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.meetings.queries import MeetingState, meeting_state
from coopdesk.meetings.service import record_attendance
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.screens.meeting_door import MeetingDoor
from coopdesk_ui.screens.meeting_proxy_dialog import ProxyDialog
from coopdesk_ui.screens.meetings import MeetingsScreen

from .meeting_helpers import (  # noqa: F401  (fixtures)
    answer_confirm,
    answer_forms,
    book_of,
    coop_path,
    no_real_meeting_dialogs,
    open_screen,
    texts,
)


def at_the_door(qtbot: QtBot, path: Path) -> tuple[MeetingsScreen, MeetingDoor]:
    screen = open_screen(qtbot, path)
    screen.tabs.setCurrentWidget(screen.door)
    return screen, screen.door


def book_state(screen: MeetingsScreen) -> MeetingState:
    assert screen.state is not None
    return book_of(screen).read(meeting_state, screen.state.meeting.id)


def attending(screen: MeetingsScreen) -> dict[str, str | None]:
    """Who the book has at the meeting: member number -> proxy holder's number (None: present)."""
    return {row.member_number: row.proxy_holder_number for row in book_state(screen).attendance}


def type_and_enter(qtbot: QtBot, door: MeetingDoor, text: str) -> None:
    """The text in the field (without the completer's list, which the offscreen platform cannot
    show quietly), then Enter."""
    door.finder.setText(text)
    qtbot.keyClick(door.finder, Qt.Key.Key_Return)


def figures(door: MeetingDoor) -> tuple[str, ...]:
    return tuple(door.worksheet.figure(key)
                 for key in ("eligible", "needed", "present", "by_proxy", "total"))


def select_member(door: MeetingDoor, number: str) -> None:
    for row in range(door.proxy.rowCount()):
        index = door.proxy.index(row, 0)
        if index.data(ID_ROLE) == number:
            door.table.selectionModel().setCurrentIndex(
                index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                | QItemSelectionModel.SelectionFlag.Rows)
            return
    raise AssertionError(f"{number} is not in the attendance list")


def test_typing_a_name_and_enter_records_the_member_and_the_worksheet_follows(
        qtbot: QtBot, coop_path: Path, errors: list[str]) -> None:
    screen, door = at_the_door(qtbot, coop_path)
    assert door.window().focusWidget() is door.finder  # arriving at the door: ready to type
    assert figures(door) == ("3", "2", "0", "0", "0")
    assert door.worksheet.state_text() == "2 more needed"
    type_and_enter(qtbot, door, "Gus")
    assert attending(screen) == {"7": None}
    assert door.banner.text() == "Gus Proxy is recorded as present."
    assert not door.banner.refused
    assert door.finder.text() == ""  # ready for the next one
    assert figures(door) == ("3", "2", "1", "0", "1")
    assert door.worksheet.state_text() == "1 more needed"
    assert texts(door.proxy, 2) == ["Present"]
    type_and_enter(qtbot, door, "8")  # by number
    assert attending(screen) == {"7": None, "8": None}
    assert door.worksheet.state_text() == "Quorum reached"
    assert screen.meetings.details["attendance"].text() == "2 members"
    assert errors == []


@pytest.mark.qt_log_ignore(r"^This plugin does not support (raise|propagateSizeHints)\(\)$",
                           r"^This plugin does not support grabbing the keyboard$")
def test_typed_key_by_key_with_the_completers_list_open_enter_still_checks_in(
        qtbot: QtBot, coop_path: Path) -> None:
    screen, door = at_the_door(qtbot, coop_path)
    qtbot.keyClicks(door.finder, "Hal")
    assert door.finder.completer().popup().isVisible()
    qtbot.keyClick(door.finder.completer().popup(), Qt.Key.Key_Return)
    assert attending(screen) == {"8": None}
    assert door.finder.text() == ""


def test_a_refused_check_in_says_why_in_the_banner_and_changes_nothing(
        qtbot: QtBot, coop_path: Path, errors: list[str]) -> None:
    screen, door = at_the_door(qtbot, coop_path)
    type_and_enter(qtbot, door, "Ben")
    assert door.banner.text() == ("Ben Late may not vote: in arrears on the record date "
                                  "(1 month).")
    assert door.banner.refused
    assert door.finder.text() == "Ben" and door.finder.selectedText() == "Ben"
    type_and_enter(qtbot, door, "Cy")
    assert door.banner.text() == ("Cy Supporter may not vote: the class \u201cSupporter\u201d "
                                  "does not vote.")
    type_and_enter(qtbot, door, "Nobody")
    assert door.banner.text() == "No member has the number or name \u201cNobody\u201d."
    type_and_enter(qtbot, door, "Ada")
    type_and_enter(qtbot, door, "Ada")
    assert door.banner.text() == "Ada Paid is already recorded as present."
    assert attending(screen) == {"1": None}
    assert figures(door)[2:] == ("1", "0", "1")
    assert errors == []  # no modal dialog at the door


def test_a_refusal_only_the_core_knows_is_said_in_the_banner(
        qtbot: QtBot, coop_path: Path, errors: list[str]) -> None:
    screen, door = at_the_door(qtbot, coop_path)
    # Recorded meanwhile behind the screen's back (another window): the screen still shows
    # Ada as not recorded, the core refuses.
    book = book_of(screen)
    assert screen.state is not None
    book.run(record_attendance, screen.state.meeting.id, "1")
    type_and_enter(qtbot, door, "Ada")
    assert door.banner.refused and "already recorded as present" in door.banner.text()
    assert errors == []


def test_a_proxy_recorded_through_its_dialog(qtbot: QtBot, coop_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    screen, door = at_the_door(qtbot, coop_path)
    type_and_enter(qtbot, door, "Gus")

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, ProxyDialog)
        assert [m.number for m in dialog.holder_edit.members()] == ["7"]  # those present
        dialog.member_edit.setText("Ben")
        dialog.member_edit.textEdited.emit("Ben")
        assert dialog.member_error.text() == ("Ben Late may not vote: in arrears on the record "
                                              "date (1 month).")
        dialog.member_edit.setText("Ada")
        dialog.holder_edit.setText("Ada")
        dialog.holder_edit.textEdited.emit("Ada")
        assert "No member has the number or name" in dialog.holder_error.text()
        assert not dialog.ok_button.isEnabled()
        dialog.holder_edit.setText("Gus")
        assert dialog.member_error.text() == dialog.holder_error.text() == ""
        assert dialog.ok_button.isEnabled()
        dialog.accept()

    answer_forms(monkeypatch, fill)
    door.proxy_button.click()
    assert attending(screen) == {"7": None, "1": "7"}
    assert door.banner.text() == "Ada Paid is recorded, represented by Gus Proxy."
    assert figures(door)[2:] == ("1", "1", "2")
    assert door.worksheet.state_text() == "Quorum reached"
    assert "By proxy of 7 \N{EM DASH} Gus Proxy" in texts(door.proxy, 2)


def test_the_proxy_dialog_refuses_a_holder_at_the_maximum(qtbot: QtBot, coop_path: Path) -> None:
    screen, door = at_the_door(qtbot, coop_path)
    type_and_enter(qtbot, door, "Gus")
    assert screen.state is not None
    screen.write_attendance(record_attendance, screen.state.meeting.id, "1", "7")
    dialog = ProxyDialog(screen.state, screen.context.formatter, screen)
    qtbot.addWidget(dialog)
    dialog.member_edit.setText("Hal")
    dialog.holder_edit.setText("Gus")
    assert dialog.holder_error.text() == ("Gus Proxy already holds 1 proxy, the most this "
                                          "meeting allows.")
    assert not dialog.ok_button.isEnabled()
    dialog.accept()
    assert dialog.result() != QDialog.DialogCode.Accepted and dialog.choice() is None


def test_remove_takes_back_a_mistake_after_asking(qtbot: QtBot, coop_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    screen, door = at_the_door(qtbot, coop_path)
    type_and_enter(qtbot, door, "Gus")
    assert screen.state is not None
    screen.write_attendance(record_attendance, screen.state.meeting.id, "1", "7")
    assert not door.remove_button.isEnabled()  # nothing selected
    asked = answer_confirm(monkeypatch, answer=False)
    select_member(door, "7")
    door.remove_button.click()
    assert asked == []  # a holder's proxies go first: said, not asked
    assert door.banner.text() == "Gus Proxy holds 1 proxy: remove it first."
    select_member(door, "1")
    door.remove_button.click()
    assert asked == ["Remove Ada Paid from the attendance?"]
    assert attending(screen) == {"7": None, "1": "7"}  # answered Cancel: nothing removed
    answer_confirm(monkeypatch, answer=True)
    select_member(door, "1")
    qtbot.keyClick(door.table, Qt.Key.Key_Delete)  # the key does what the button does
    assert attending(screen) == {"7": None}
    assert door.banner.text() == "Ada Paid is no longer recorded."
    assert figures(door)[2:] == ("1", "0", "1")


def test_a_meeting_without_proxies_offers_none(qtbot: QtBot, coop_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    screen, door = at_the_door(qtbot, coop_path)
    assert door.proxy_button.isEnabled()

    def no_proxies(form: QDialog) -> None:
        form.proxies_check.setChecked(False)  # type: ignore[attr-defined]
        form.accept()

    answer_forms(monkeypatch, no_proxies)
    screen.meetings.settings_button.click()
    assert not door.proxy_button.isEnabled()
    assert door.proxy_button.toolTip() == "This meeting does not allow proxies"
