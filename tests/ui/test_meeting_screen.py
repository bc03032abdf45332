"""The Annual meeting screen on a small co-op: a meeting created and changed through the form
(the book checked after), input refused at the field; the eligibility tables equal the core's
voter list and follow a payment; the voter roll exported; the meeting pack written in the
background (the real pack, and stand-ins to see what the screen hands it and how it says a
refusal); a read-only book showing everything and offering no action that writes."""

from __future__ import annotations

import csv
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.dues.payments import record_payment
from coopdesk.errors import InputError
from coopdesk.meetings import pack
from coopdesk.meetings.eligibility import voter_list
from coopdesk.meetings.queries import list_meetings, meeting_state
from coopdesk.meetings.quorum import Combine
from coopdesk_ui.screens.meeting_dialogs import MeetingDialogs
from coopdesk_ui.screens.meeting_form import MeetingForm

from .meeting_helpers import (  # noqa: F401  (fixtures)
    RECORD,
    answer_forms,
    book_of,
    coop_path,
    no_real_meeting_dialogs,
    open_screen,
    texts,
    usd,
)


def test_the_screen_shows_the_meeting_and_its_rules_in_words(qtbot: QtBot, coop_path: Path) -> None:
    screen = open_screen(qtbot, coop_path)
    assert texts(screen.meetings.model, 1) == ["Annual meeting 2026"]
    assert screen.meetings.selected_id() is not None
    assert screen.meeting_label.text() == "Annual meeting 2026, Apr 20, 2026"
    details = {key: label.text() for key, label in screen.meetings.details.items()}
    assert details["voters"] == "3 may vote, 5 may not"
    assert details["quorum"] == "50% of the eligible voters: 2 needed"
    assert details["proxies"] == "Proxies allowed, at most 1 per member"
    assert details["attendance"] == "No one yet"


def test_a_meeting_created_through_the_form_is_in_the_book(
        qtbot: QtBot, coop_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = open_screen(qtbot, coop_path)

    def fill(form: QDialog) -> None:
        assert isinstance(form, MeetingForm)
        form.date_edit.set_value(dt.date(2026, 7, 20))
        assert form.record_edit.value() == dt.date(2026, 7, 6)  # two weeks before, following
        form.kind_combo.setCurrentIndex(form.kind_combo.findData("special"))
        assert form.title_edit.placeholderText() == "Special meeting of July 20, 2026"
        form.quorum.percent_check.setChecked(False)
        form.quorum.number_check.setChecked(True)
        form.quorum.number_spin.setValue(2)
        form.proxies_check.setChecked(False)
        form.notes_edit.setPlainText("  The roof  ")
        assert form.ok_button.isEnabled()
        form.ok_button.click()

    shown = answer_forms(monkeypatch, fill)
    screen.meetings.new_button.click()
    assert len(shown) == 1 and shown[0].result() == QDialog.DialogCode.Accepted
    meetings = {m.meeting_date: m for m in book_of(screen).read(list_meetings)}
    made = meetings[dt.date(2026, 7, 20)]
    assert (made.kind, made.title, made.record_date, made.notes) == (
        "special", "Special meeting of July 20, 2026", dt.date(2026, 7, 6), "The roof")
    assert (made.quorum.percent, made.quorum.number, made.proxies_allowed, made.max_proxies) == (
        None, 2, False, None)
    assert screen.meetings.selected_id() == made.id  # the new meeting is the one shown
    assert screen.state == book_of(screen).read(meeting_state, made.id)
    assert len(texts(screen.meetings.model, 0)) == 2


def test_invalid_input_is_said_at_the_field_and_nothing_is_written(
        qtbot: QtBot, coop_path: Path) -> None:
    screen = open_screen(qtbot, coop_path)
    form = MeetingForm(screen.context, parent=screen)
    qtbot.addWidget(form)
    form.show()
    assert form.ok_button.isEnabled()
    form.record_edit.set_value(form.date_edit.value() + dt.timedelta(days=1))
    assert form.record_error.text() == "The record date must be on or before the meeting's date."
    assert form.record_error.isVisible() and not form.ok_button.isEnabled()
    form.date_edit.set_value(form.date_edit.value() + dt.timedelta(days=5))
    assert form.record_error.text() == "" and form.ok_button.isEnabled()  # the record date stays
    form.quorum.percent_edit.setText("0")
    form.quorum.percent_edit.textEdited.emit("0")
    assert form.quorum_error.text() == "A percentage above 0 and at most 100."
    form.quorum.percent_check.setChecked(False)
    assert form.quorum_error.text() == "Tick a percentage, a number of members, or both."
    assert not form.ok_button.isEnabled()
    form.accept()  # refused: nothing written, the form stays open
    assert form.result() != QDialog.DialogCode.Accepted
    assert len(book_of(screen).read(list_meetings)) == 1
    form.quorum.number_check.setChecked(True)
    assert form.quorum_error.text() == "" and form.ok_button.isEnabled()
    # The greater/lesser choice means something only with both parts.
    assert not form.quorum.lesser_radio.isEnabled()
    form.quorum.percent_check.setChecked(True)
    form.quorum.percent_edit.setText("10")
    assert form.quorum.lesser_radio.isEnabled()


def test_the_cores_problems_go_under_their_field(qtbot: QtBot, coop_path: Path) -> None:
    screen = open_screen(qtbot, coop_path)
    form = MeetingForm(screen.context, parent=screen)
    qtbot.addWidget(form)
    form._show_core_problems(["record date: on or before the meeting's date",
                              "maximum proxies: at least 1, and only when proxies are allowed",
                              "kind: annual or special, not 'picnic'"])
    assert form.record_error.text() == "On or before the meeting's date"
    assert form.proxies_error.text() == "At least 1, and only when proxies are allowed"
    assert form.form_error.text() == "Kind: annual or special, not 'picnic'"


def test_meeting_settings_change_the_meeting_and_the_worksheet(
        qtbot: QtBot, coop_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    screen = open_screen(qtbot, coop_path)

    def fill(form: QDialog) -> None:
        assert isinstance(form, MeetingForm)
        assert form.title_edit.text() == "Annual meeting 2026"
        assert form.record_edit.value() == RECORD  # an existing meeting's own record date
        assert form.quorum.percent_edit.text() == "50" and form.max_spin.value() == 1
        form.quorum.number_check.setChecked(True)
        form.quorum.number_spin.setValue(3)
        form.quorum.lesser_radio.setChecked(True)
        form.max_spin.setValue(0)  # no maximum
        form.accept()

    answer_forms(monkeypatch, fill)
    screen.meetings.settings_button.click()
    state = screen.state
    assert state is not None
    rule = book_of(screen).read(meeting_state, state.meeting.id).meeting
    assert (rule.quorum.percent, rule.quorum.number, rule.quorum.combine, rule.max_proxies) == (
        Decimal(50), 3, Combine.LESSER, None)
    assert screen.meetings.details["quorum"].text() == (
        "50% of the eligible voters or 3 members, whichever is lesser: 2 needed")
    assert screen.door.worksheet.figure("needed") == "2"


def test_the_eligibility_tables_equal_the_cores_voter_list(qtbot: QtBot, coop_path: Path) -> None:
    screen = open_screen(qtbot, coop_path)
    tab = screen.eligibility
    voters = book_of(screen).read(voter_list, RECORD)
    assert texts(tab.voter_model, 0) == [v.number for v in voters if v.eligible]
    assert tab.excluded_model.rows() == tuple(v for v in voters if not v.eligible)
    why = dict(zip(texts(tab.excluded_model, 1), texts(tab.excluded_model, 3), strict=True))
    assert why == {"Ben Late": "in arrears (1 month)",
                   "Cy Supporter": "member class without a vote",
                   "Dee New": "not a member on the record date", "Eve Gone": "left on Mar 31, 2026",
                   "Fay Never": "first dues not paid by the record date"}
    assert tab.voters_heading.text() == "May vote (3)"
    assert tab.excluded_heading.text() == "May not vote (5)"
    tab.filter_edit.setText("arrears")
    assert (tab.voter_proxy.rowCount(), tab.excluded_proxy.rowCount()) == (0, 1)
    assert tab.summary.text() == "Showing 0 of 3 voters and 1 of 5 others"
    tab.filter_edit.setText("worker")
    assert (tab.voter_proxy.rowCount(), tab.excluded_proxy.rowCount()) == (2, 2)


def test_a_payment_dated_before_the_record_date_makes_a_member_a_voter(
        qtbot: QtBot, coop_path: Path) -> None:
    screen = open_screen(qtbot, coop_path)
    screen.context.host.run(record_payment, "6", dt.date(2026, 3, 2), usd("3.00"))
    assert "Fay Never" in texts(screen.eligibility.voter_model, 1)  # refreshed from the ChangeSet
    assert screen.door.worksheet.figure("eligible") == "4"


def test_the_voter_roll_exported_as_csv(qtbot: QtBot, coop_path: Path, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    screen = open_screen(qtbot, coop_path)
    target = tmp_path / "roll.csv"
    asked: list[Path] = []

    def ask(cls: type, parent: object, suggested: Path) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(MeetingDialogs, "ask_csv_path", classmethod(ask))
    screen.eligibility.filter_edit.setText("Ada")  # the roll is every voter, whatever the filter
    screen.eligibility.export_button.click()
    assert asked[0].name == "voter-roll-2026-04-20.csv"
    with target.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows == [["number", "name", "class"], ["8", "Hal Early", "Consumer"],
                    ["1", "Ada Paid", "Worker"], ["7", "Gus Proxy", "Worker"]]
    assert screen.eligibility.export_label.text() == f"Exported 3 voters to {target}"


def test_the_pack_is_written_in_the_background_into_the_folder_chosen(
        qtbot: QtBot, coop_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[object, ...]] = []

    def write_pack(book: object, meeting_id: int, out_dir: Path) -> list[Path]:
        calls.append((book, meeting_id, out_dir))
        paths = [out_dir / name for name in ("voter-roll.pdf", "sign-in-sheet.pdf")]
        for path in paths:
            path.write_bytes(b"%PDF")
        return paths

    monkeypatch.setattr(pack, "write_pack", write_pack)
    folder = tmp_path / "pack"
    folder.mkdir()
    monkeypatch.setattr(MeetingDialogs, "ask_folder",
                        classmethod(lambda cls, parent, start: folder))
    screen = open_screen(qtbot, coop_path)
    screen.tabs.setCurrentWidget(screen.documents)
    assert screen.documents.pack_button.isEnabled()
    screen.documents.pack_button.click()
    state = screen.state
    assert state is not None
    assert calls == [(book_of(screen), state.meeting.id, folder)]
    result = screen.documents.result_label.text()
    assert result.startswith(f"Wrote 2 files in \u201c{folder}\u201d:")
    assert "voter-roll.pdf" in result and "sign-in-sheet.pdf" in result


def test_the_real_pack_is_written(qtbot: QtBot, coop_path: Path, tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "real-pack"
    folder.mkdir()
    monkeypatch.setattr(MeetingDialogs, "ask_folder",
                        classmethod(lambda cls, parent, start: folder))
    screen = open_screen(qtbot, coop_path)
    screen.tabs.setCurrentWidget(screen.documents)
    screen.documents.pack_button.click()
    assert sorted(path.name for path in folder.iterdir()) == sorted(pack.FILES)
    assert all(path.read_bytes().startswith(b"%PDF-") for path in folder.iterdir())
    assert screen.documents.result_label.text().startswith(
        f"Wrote 4 files in \u201c{folder}\u201d:")


def test_a_pack_the_core_refuses_is_said_and_nothing_is_claimed(
        qtbot: QtBot, coop_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        errors: list[str]) -> None:
    def write_pack(book: object, meeting_id: int, out_dir: Path) -> list[Path]:
        raise InputError(f"{out_dir}: no such folder")

    monkeypatch.setattr(pack, "write_pack", write_pack)
    gone = tmp_path / "gone"
    monkeypatch.setattr(MeetingDialogs, "ask_folder", classmethod(lambda cls, parent, start: gone))
    screen = open_screen(qtbot, coop_path)
    screen.write_pack()
    assert errors == [f"{gone}: no such folder"]
    assert screen.documents.result_label.text() == ""


def test_a_read_only_book_shows_everything_and_offers_no_action(
        qtbot: QtBot, coop_path: Path) -> None:
    screen = open_screen(qtbot, coop_path, read_only=True)
    assert "reading only" in screen.feedback.text()
    assert texts(screen.meetings.model, 1) == ["Annual meeting 2026"]
    assert screen.eligibility.voter_model.rowCount() == 3
    assert screen.door.worksheet.figure("eligible") == "3"
    for button in (screen.meetings.new_button, screen.meetings.settings_button,
                   screen.door.check_in_button, screen.door.proxy_button,
                   screen.door.remove_button):
        assert not button.isEnabled()
    assert not screen.door.finder.isEnabled()
    screen.new_meeting()  # even asked directly: no form (none is answered here)
    screen.door.finder.setText("Ada")
    screen.door.check_in()
    assert screen.state is not None
    assert book_of(screen).read(meeting_state, screen.state.meeting.id).attendance == ()
    assert screen.eligibility.export_button.isEnabled()  # reading the book is not writing it


def test_the_form_works_from_the_keyboard(qtbot: QtBot, coop_path: Path) -> None:
    screen = open_screen(qtbot, coop_path)
    form = MeetingForm(screen.context, parent=screen)
    qtbot.addWidget(form)
    form.show()
    qtbot.keyClicks(form.title_edit, "Spring meeting")
    qtbot.keyClick(form.title_edit, Qt.Key.Key_Return)  # Enter is OK
    assert form.result() == QDialog.DialogCode.Accepted
    titles = [m.title for m in book_of(screen).read(list_meetings)]
    assert "Spring meeting" in titles
    other = MeetingForm(screen.context, parent=screen)
    qtbot.addWidget(other)
    other.show()
    qtbot.keyClick(other.title_edit, Qt.Key.Key_Escape)  # Esc cancels
    assert other.result() == QDialog.DialogCode.Rejected
    assert len(book_of(screen).read(list_meetings)) == 2
