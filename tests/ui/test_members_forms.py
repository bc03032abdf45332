"""Adding, editing and recording leaving through the Members screen's forms, with validation at
the field, undo and redo from the Edit menu, and an edit made elsewhere meanwhile."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.members.queries import member_detail, member_history
from coopdesk.members.service import edit_member
from coopdesk_ui.forms.member_form import MemberForm
from coopdesk_ui.forms.member_leaving import LeavingForm
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.screens.members import MembersScreen
from coopdesk_ui.screens.members_dialogs import MemberDialogs
from tests.ui.members_book import make_members_book


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> MainWindow:
    window = MainWindow()
    qtbot.addWidget(window)
    window.resize(1100, 700)
    window.show()
    window.show_book(Book.open(make_members_book(tmp_path / "members.coopdesk")))
    window.show_screen("members")
    return window


@pytest.fixture
def screen(window: MainWindow) -> MembersScreen:
    members = window.screens["members"]
    assert isinstance(members, MembersScreen)
    return members


def answer_forms(monkeypatch: pytest.MonkeyPatch, *answers: Callable[[QDialog], None]) -> list[QDialog]:
    """Each form the screen opens is handed to the next answer (which fills it and clicks OK,
    as a user would); returns the forms opened."""
    pending = list(answers)
    opened: list[QDialog] = []

    def run(cls: object, form: QDialog) -> None:
        assert pending, f"unexpected form: {form.windowTitle()}"
        opened.append(form)
        pending.pop(0)(form)

    monkeypatch.setattr(MemberDialogs, "run_form", classmethod(run))
    return opened


def select(screen: MembersScreen, number: str) -> None:
    assert screen.select_member(number)
    assert screen.detail.page is not None and screen.detail.page.detail.number == number


def book_of(window: MainWindow) -> Book:
    return window.host.require()


def history(window: MainWindow, number: str) -> list[tuple[str, str | None, str | None]]:
    return [(r.field, r.before, r.after) for r in book_of(window).read(member_history, number)]


def test_add_a_member_through_the_form(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                       window: MainWindow, screen: MembersScreen) -> None:
    def fill(form: QDialog) -> None:
        assert isinstance(form, MemberForm)
        assert form.number_edit.text() == "6"  # the next free number, offered
        qtbot.keyClicks(form.name_edit, "Farah Haddad")
        form.class_combo.setCurrentIndex(form.class_combo.findText("Producer"))
        qtbot.keyClicks(form.email_edit, "farah@example.org")
        qtbot.keyClicks(form.address_edit, "12 Mill Lane")
        qtbot.keyClicks(form.city_edit, "Millbrook")
        qtbot.keyClicks(form.payer_edit, "1")
        assert form.payer_hint.text() == "Ada Okafor"  # whose number it is, as one types
        form.join_date_edit.set_value(dt.date(2026, 6, 15))
        form.accept()
        assert form.result() == QDialog.DialogCode.Accepted

    answer_forms(monkeypatch, fill)
    screen.add_button.click()

    farah = book_of(window).read(member_detail, "6")
    assert (farah.display_name, farah.sort_name, farah.class_code, farah.email) == (
        "Farah Haddad", "Haddad, Farah", "producer", "farah@example.org")
    assert (farah.address_lines, farah.city, farah.payer_number, farah.join_date) == (
        ("12 Mill Lane",), "Millbrook", "1", dt.date(2026, 6, 15))
    assert screen.count_label.text() == "6 members"
    assert screen.current_number() == "6"  # the new member is selected and shown
    assert screen.detail.name_label.text() == "Farah Haddad"
    assert screen.detail.field_text("payer") == "1 \N{EM DASH} Ada Okafor"


def test_a_new_member_needs_a_name_and_a_free_number(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                     window: MainWindow, screen: MembersScreen) -> None:
    def fill(form: QDialog) -> None:
        assert isinstance(form, MemberForm)
        form.number_edit.setText("3")
        form.accept()  # no name, a number taken
        assert form.result() != QDialog.DialogCode.Accepted
        assert form.errors["display_name"].text() == "A name is required"
        assert form.errors["number"].text() == "Member number 3 is already taken"
        form.number_edit.clear()  # blank: the next number is given
        qtbot.keyClicks(form.name_edit, "Gus")
        form.accept()
        assert form.result() == QDialog.DialogCode.Accepted

    answer_forms(monkeypatch, fill)
    screen.add_member()
    assert book_of(window).read(member_detail, "6").display_name == "Gus"


def test_edit_shows_problems_at_the_fields_until_fixed(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                                       window: MainWindow, screen: MembersScreen) -> None:
    version = book_of(window).read(member_detail, "1").version

    def fill(form: QDialog) -> None:
        assert isinstance(form, MemberForm)
        assert form.name_edit.text() == "Ada Okafor"
        assert form.errors["email"].isHidden()
        form.email_edit.clear()
        qtbot.keyClicks(form.email_edit, "ada at example")
        # Shown as it is typed, under the field.
        assert form.errors["email"].isVisibleTo(form)
        assert "does not look like an e-mail address" in form.errors["email"].text()
        form.name_edit.clear()
        qtbot.keyClicks(form.language_edit, "xx_NOPE")
        form.accept()
        assert form.result() != QDialog.DialogCode.Accepted
        assert form.errors["display_name"].text() == "A name is required"
        assert "is not a language code" in form.errors["language"].text()
        assert book_of(window).read(member_detail, "1").version == version  # nothing written

        qtbot.keyClicks(form.name_edit, "Ada N. Okafor")
        form.email_edit.setText("ada.okafor@example.org")
        form.language_edit.setText("fr")
        assert form.language_hint.text() == "French"
        form.accept()
        assert form.result() == QDialog.DialogCode.Accepted

    select(screen, "1")
    answer_forms(monkeypatch, fill)
    screen.detail.edit_button.click()
    ada = book_of(window).read(member_detail, "1")
    assert (ada.display_name, ada.email, ada.language) == (
        "Ada N. Okafor", "ada.okafor@example.org", "fr")
    assert ada.sort_name == "Okafor, Ada N."  # it was the automatic one: it follows the name
    assert ada.version == version + 1  # one write
    assert screen.detail.name_label.text() == "Ada N. Okafor"


def test_what_only_the_core_knows_is_shown_at_the_field(monkeypatch: pytest.MonkeyPatch,
                                                        window: MainWindow, screen: MembersScreen) -> None:
    """Member 4 has been charged since joining: the core refuses a new join date."""
    def fill(form: QDialog) -> None:
        assert isinstance(form, MemberForm)
        form.join_date_edit.set_value(dt.date(2026, 3, 1))
        form.accept()
        assert form.result() != QDialog.DialogCode.Accepted
        assert form.errors["join_date"].isVisibleTo(form)
        assert form.errors["join_date"].text() != ""
        form.reject()

    select(screen, "4")
    answer_forms(monkeypatch, fill)
    screen.edit_member()
    assert book_of(window).read(member_detail, "4").join_date == dt.date(2026, 1, 1)


def test_undo_and_redo_an_edit_from_the_edit_menu(monkeypatch: pytest.MonkeyPatch,
                                                  window: MainWindow, screen: MembersScreen) -> None:
    def fill(form: QDialog) -> None:
        assert isinstance(form, MemberForm)
        form.city_edit.setText("Millbrook")
        form.phone_edit.setText("+1 541 555 0100")
        form.accept()

    select(screen, "1")
    answer_forms(monkeypatch, fill)
    screen.edit_member()
    assert book_of(window).read(member_detail, "1").city == "Millbrook"
    assert window.undo_action.isEnabled()
    assert window.undo_action.text() == "&Undo Edit member 1 (Ada Okafor)"

    window.undo_action.trigger()
    ada = book_of(window).read(member_detail, "1")
    assert (ada.city, ada.phone) == ("Riverside", "")
    assert screen.detail.field_text("address") == "Riverside"  # the pane followed
    shown_history = screen.detail.history_model
    changes = [(shown_history.index(r, 1).data(), shown_history.index(r, 2).data(),
                shown_history.index(r, 3).data()) for r in range(shown_history.rowCount())]
    assert changes[1:] == [("City", "Riverside", "Millbrook"), ("Phone", "", "+1 541 555 0100"),
                           ("City", "Millbrook", "Riverside"), ("Phone", "+1 541 555 0100", "")]

    window.redo_action.trigger()
    assert book_of(window).read(member_detail, "1").city == "Millbrook"
    assert screen.detail.field_text("phone") == "+1 541 555 0100"


def test_an_edit_made_elsewhere_meanwhile_is_a_conflict(monkeypatch: pytest.MonkeyPatch,
                                                        errors: list[str], window: MainWindow,
                                                        screen: MembersScreen) -> None:
    """Another writer changes the member between the form being opened and OK: the book's
    own lock lets no second Book write it, so the other writer is the book object used behind
    the window's back, which tells the screen nothing."""
    def fill(form: QDialog) -> None:
        assert isinstance(form, MemberForm)
        book_of(window).run(edit_member, "1", {"phone": "555 0199"})  # "in another window"
        form.city_edit.setText("Lyon")
        form.accept()
        assert form.result() == QDialog.DialogCode.Rejected

    select(screen, "1")
    answer_forms(monkeypatch, fill)
    screen.edit_member()

    assert len(errors) == 1 and "changed elsewhere" in errors[0]
    assert "not saved" in errors[0]
    ada = book_of(window).read(member_detail, "1")
    assert (ada.city, ada.phone) == ("Riverside", "555 0199")  # theirs kept, ours not written
    assert screen.detail.field_text("phone") == "555 0199"  # reloaded
    assert not window.undo_action.isEnabled()


def test_an_edit_that_changes_nothing_writes_nothing(monkeypatch: pytest.MonkeyPatch,
                                                     window: MainWindow, screen: MembersScreen) -> None:
    version = book_of(window).read(member_detail, "2").version
    select(screen, "2")
    answer_forms(monkeypatch, lambda form: form.accept())
    screen.edit_member()
    assert book_of(window).read(member_detail, "2").version == version
    assert not window.undo_action.isEnabled()


def test_record_leaving_and_undo_it(monkeypatch: pytest.MonkeyPatch, window: MainWindow,
                                    screen: MembersScreen) -> None:
    def before_joining(form: QDialog) -> None:
        assert isinstance(form, LeavingForm)
        form.date_edit.set_value(dt.date(2025, 12, 31))
        form.accept()
        assert form.result() != QDialog.DialogCode.Accepted
        assert form.date_error.text() == "A member cannot leave before they joined (Jan 1, 2026)"
        form.date_edit.set_value(dt.date(2026, 6, 20))
        form.reason_combo.setCurrentIndex(form.reason_combo.findText("Deceased"))
        form.accept()
        assert form.result() == QDialog.DialogCode.Accepted

    select(screen, "2")
    answer_forms(monkeypatch, before_joining)
    screen.detail.leaving_button.click()
    ben = book_of(window).read(member_detail, "2")
    assert (ben.leave_date, ben.leave_reason) == (dt.date(2026, 6, 20), "deceased")
    assert screen.detail.field_text("status") == "Deceased"
    row = screen.proxy.match(screen.proxy.index(0, 0), ID_ROLE, "2")[0].row()
    assert screen.proxy.index(row, 3).data() == "Deceased"

    window.undo_action.trigger()
    ben = book_of(window).read(member_detail, "2")
    assert (ben.leave_date, ben.leave_reason) == (None, None)
    assert screen.detail.field_text("status") == "Active"
    assert history(window, "2")[1:] == [
        ("leave_date", None, "2026-06-20"), ("leave_reason", None, "deceased"),
        ("leave_date", "2026-06-20", None), ("leave_reason", "deceased", None)]


def test_the_form_works_from_the_keyboard(qtbot: QtBot, monkeypatch: pytest.MonkeyPatch,
                                          window: MainWindow, screen: MembersScreen) -> None:
    """Tab goes down the fields in the order shown, Enter is OK."""
    def type_in(form: QDialog) -> None:
        assert isinstance(form, MemberForm)
        qtbot.addWidget(form)
        form.show()
        form.activateWindow()
        qtbot.waitUntil(lambda: form.name_edit.hasFocus())
        qtbot.keyClicks(form.name_edit, "Hana Sato")
        for field in (form.number_edit, form.sort_name_edit, form.kind_combo, form.class_combo):
            qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Tab)
            assert form.focusWidget() is field
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Return)
        assert form.result() == QDialog.DialogCode.Accepted

    answer_forms(monkeypatch, type_in)
    screen.add_member()
    assert book_of(window).read(member_detail, "6").display_name == "Hana Sato"
