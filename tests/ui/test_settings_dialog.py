"""Edit > Settings: profile, money and language, rules, plans and classes, in one write on OK."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.changes import ChangeSet
from coopdesk.dues.plans import list_plans
from coopdesk.members.queries import list_classes
from coopdesk.members.service import add_class
from coopdesk.money import Money
from coopdesk.settings import load_settings
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.settings_dialog import SettingsDialog, SettingsDialogs

OK = QDialogButtonBox.StandardButton.Ok


@pytest.fixture
def window(qtbot: QtBot) -> Iterator[MainWindow]:
    window = MainWindow()
    qtbot.addWidget(window)
    yield window
    window.host.close()


@pytest.fixture
def writes(window: MainWindow) -> list[ChangeSet]:
    """Every ChangeSet the window's views are told about."""
    seen: list[ChangeSet] = []
    window.host.changed.connect(seen.append)
    return seen


def open_dialog(qtbot: QtBot, window: MainWindow, path: Path,
                read_only: bool = False) -> SettingsDialog:
    window.show_book(Book.open(path, read_only=read_only))
    dialog = SettingsDialog(window.context, window)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_the_dialog_shows_the_book_as_it_is(qtbot: QtBot, window: MainWindow,
                                            make_book: Callable[..., Path]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    assert dialog.profile_form.name_edit.text() == "Riverside Food Co-op"
    assert dialog.money_form.locale_name == "en_US"
    assert dialog.rules_form.grace_months == 2
    assert [row.code for row in dialog.classes_tab.model.rows()] == [
        "worker", "consumer", "producer", "supporter"]
    assert dialog.plans_tab.model.rows() == ()


def test_name_address_and_grace_are_saved_in_one_write_and_the_title_follows(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path],
        writes: list[ChangeSet]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    profile = dialog.profile_form
    profile.name_edit.setText("Riverside Grocery Co-op")
    profile.address_edits[0].setText("12 Mill Lane")
    profile.city_edit.setText("Burlington")
    dialog.rules_form.grace_spin.setValue(3)
    qtbot.mouseClick(dialog.buttons.button(OK), Qt.MouseButton.LeftButton)

    assert dialog.result() == QDialog.DialogCode.Accepted
    assert len(writes) == 1 and writes[0].settings
    book = window.host.require()
    stored = book.read(load_settings)
    assert stored.name == "Riverside Grocery Co-op"
    assert (stored.address.lines, stored.address.city) == (("12 Mill Lane",), "Burlington")
    assert stored.grace_months == 3
    assert window.windowTitle().startswith("Riverside Grocery Co-op \N{EM DASH}")


def test_ok_with_nothing_changed_writes_nothing(qtbot: QtBot, window: MainWindow,
                                                make_book: Callable[..., Path],
                                                writes: list[ChangeSet]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted and writes == []


def test_a_class_is_added_with_its_votes_flag(qtbot: QtBot, window: MainWindow,
                                              make_book: Callable[..., Path],
                                              writes: list[ChangeSet]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    tab = dialog.classes_tab
    qtbot.keyClicks(tab.form.name_edit, "Youth members")
    assert tab.form.code_edit.text() == "youth-members"  # proposed from the name
    tab.form.votes_check.setChecked(False)
    qtbot.mouseClick(tab.add_button, Qt.MouseButton.LeftButton)
    assert tab.model.rows()[-1].pending and tab.form.name_edit.text() == ""
    assert window.host.require().read(list_classes)[-1].code == "supporter"  # not yet saved
    dialog.accept()
    assert len(writes) == 1
    added = window.host.require().read(list_classes)[-1]
    assert (added.code, added.name, added.votes) == ("youth-members", "Youth members", False)


def test_a_class_code_already_used_is_refused_at_the_field(qtbot: QtBot, window: MainWindow,
                                                           make_book: Callable[..., Path]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    form = dialog.classes_tab.form
    form.name_edit.setText("Workers")
    form.code_edit.setText("Worker")
    assert not dialog.classes_tab.add_button.isEnabled()
    assert form.code_note.problem == "There is already a class with this code."


def test_a_plan_is_added_and_typing_one_without_add_is_not_lost(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    form = dialog.plans_tab.form
    form.name_edit.setText("Standard")
    qtbot.keyClicks(form.amount_edit, "1,200.00")
    dialog.plans_tab.add_button.click()
    form.name_edit.setText("Reduced")
    form.amount_edit.setText("30")
    dialog.accept()  # "Reduced" was never added to the list, but it was typed in full
    plans = window.host.require().read(list_plans)
    assert [(p.name, p.amount) for p in plans] == [("Reduced", Money("30.00", "USD")),
                                                    ("Standard", Money("1200.00", "USD"))]


def test_a_half_typed_plan_keeps_the_dialog_open_on_its_tab(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path],
        writes: list[ChangeSet]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    dialog.rules_form.grace_spin.setValue(4)
    dialog.plans_tab.form.amount_edit.setText("ten dollars")
    dialog.accept()
    assert dialog.isVisible() and writes == []
    assert dialog.tabs.currentIndex() == 3
    assert dialog.plans_tab.form.amount_note.isVisible()


def test_an_invalid_email_disables_ok(qtbot: QtBot, window: MainWindow,
                                      make_book: Callable[..., Path]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    dialog.profile_form.email_edit.setText("treasurer@")
    assert not dialog.buttons.button(OK).isEnabled()
    dialog.profile_form.email_edit.setText("treasurer@riverside.coop")
    assert dialog.buttons.button(OK).isEnabled()
    dialog.profile_form.name_edit.clear()
    assert not dialog.buttons.button(OK).isEnabled()


def test_the_currency_is_only_shown_once_the_book_holds_amounts(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    assert not dialog.money_form.currency_combo.isEnabled()
    assert "already holds amounts in USD" in dialog.money_form.currency_note.text()


def test_an_empty_book_may_still_change_its_currency_and_locale(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path]) -> None:
    dialog = open_dialog(qtbot, window, make_book(entries=()))
    money = dialog.money_form
    assert money.currency_combo.isEnabled()
    money.currency_combo.setCurrentIndex(money.currency_combo.findData("EUR"))
    money.locale_combo.setCurrentIndex(money.locale_combo.findData("de_DE"))
    money.year_start_combo.setCurrentIndex(money.year_start_combo.findData(4))
    assert money.currency_code == "EUR"  # a locale chosen later does not override it
    dialog.plans_tab.form.name_edit.setText("Beitrag")
    dialog.plans_tab.form.amount_edit.setText("12,50")  # read in the locale just chosen
    dialog.plans_tab.add()
    assert not money.currency_combo.isEnabled()  # the plan fixed it
    dialog.accept()
    book = window.host.require()
    assert (book.settings.currency, book.settings.locale, book.settings.fiscal_year_start) == (
        "EUR", "de_DE", 4)
    assert [p.amount for p in book.read(list_plans)] == [Money("12.50", "EUR")]
    assert window.context.formatter.locale == "de_DE"


def test_a_refused_write_keeps_the_dialog_and_changes_nothing(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path],
        errors: list[str]) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    dialog.rules_form.grace_spin.setValue(6)
    dialog.classes_tab.form.name_edit.setText("Youth")
    dialog.classes_tab.form.code_edit.setText("youth")
    dialog.classes_tab.add()
    book = window.host.require()
    book.run(add_class, "youth", "Youth (added elsewhere)", True)  # meanwhile, another window
    dialog.accept()
    assert len(errors) == 1 and "already a class 'youth'" in errors[0]
    assert dialog.isVisible() and dialog.result() != QDialog.DialogCode.Accepted
    assert book.read(load_settings).grace_months == 2  # all or nothing


def test_a_read_only_book_shows_its_settings_locked(qtbot: QtBot, window: MainWindow,
                                                    make_book: Callable[..., Path],
                                                    writes: list[ChangeSet]) -> None:
    dialog = open_dialog(qtbot, window, make_book(), read_only=True)
    assert dialog.buttons.button(OK) is None
    assert dialog.buttons.button(QDialogButtonBox.StandardButton.Close) is not None
    assert dialog.profile_form.name_edit.isReadOnly()
    assert not dialog.money_form.locale_combo.isEnabled()
    assert dialog.rules_form.grace_spin.isReadOnly()
    assert not dialog.plans_tab.add_button.isVisibleTo(dialog)
    assert not dialog.classes_tab.add_button.isVisibleTo(dialog)
    assert dialog.classes_tab.form.name_edit.isReadOnly()
    assert "open for reading only" in " ".join(
        label.text() for label in dialog.findChildren(QLabel))
    dialog.profile_form.name_edit.setText("Changed anyway")
    dialog.accept()
    assert writes == []


def test_edit_settings_runs_from_the_menu(qtbot: QtBot, window: MainWindow,
                                          make_book: Callable[..., Path],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[SettingsDialog] = []

    def rename(cls: type, dialog: SettingsDialog) -> bool:
        shown.append(dialog)
        dialog.profile_form.name_edit.setText("Menu Co-op")
        dialog.accept()
        return True

    monkeypatch.setattr(SettingsDialogs, "run", classmethod(rename))
    window.show_book(Book.open(make_book()))
    window.settings_action.trigger()
    assert len(shown) == 1
    assert window.host.require().settings.name == "Menu Co-op"


def test_the_plan_and_class_models_pass_the_model_tester(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path],
        qtmodeltester: ModelTester) -> None:
    dialog = open_dialog(qtbot, window, make_book())
    dialog.plans_tab.form.name_edit.setText("Standard")
    dialog.plans_tab.form.amount_edit.setText("5")
    dialog.plans_tab.add()
    qtmodeltester.check(dialog.plans_tab.model)
    qtmodeltester.check(dialog.classes_tab.model)
    model = dialog.plans_tab.model
    assert model.index(0, 1).data() == "$5.00"
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight


def test_each_tab_has_labelled_fields_with_mnemonics_unique_on_view(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path]) -> None:
    from PySide6.QtWidgets import QAbstractButton

    dialog = open_dialog(qtbot, window, make_book(entries=()))
    tab_titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    for index in range(dialog.tabs.count()):
        page = dialog.tabs.widget(index)
        labels = [label for label in page.findChildren(QLabel) if "&" in label.text()]
        assert labels and all(label.buddy() is not None for label in labels), tab_titles[index]
        texts = tab_titles + [label.text() for label in labels]
        texts += [button.text() for button in page.findChildren(QAbstractButton)]
        keys = [text[text.index("&") + 1].lower() for text in texts
                if "&" in text.replace("&&", "")]
        assert len(keys) == len(set(keys)), (tab_titles[index], sorted(keys))


def write_image(path: Path, kind: str = "PNG") -> Path:
    from PIL import Image

    Image.new("RGB", (300, 100), "teal").save(path, format=kind)
    return path


def test_a_chosen_logo_is_shown_and_stored_on_ok(qtbot: QtBot, window: MainWindow,
                                                 make_book: Callable[..., Path], tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from coopdesk.logo import load_logo
    from coopdesk_ui.widgets.logo_picker import LogoDialogs

    image = write_image(tmp_path / "logo.png")
    monkeypatch.setattr(LogoDialogs, "ask_image_path", classmethod(lambda cls, parent: image))
    dialog = open_dialog(qtbot, window, make_book())
    picker = dialog.logo_picker
    assert not picker.remove_button.isEnabled()
    qtbot.mouseClick(picker.choose_button, Qt.MouseButton.LeftButton)
    assert not picker.thumbnail.pixmap().isNull()
    assert picker.remove_button.isEnabled()
    assert window.context.read(load_logo) is None  # nothing written before OK
    dialog.buttons.button(OK).click()
    logo = window.context.read(load_logo)
    assert logo is not None and (logo.width, logo.height) == (300, 100)


def test_a_file_that_is_not_an_image_is_said_under_the_picker_and_not_stored(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path], tmp_path: Path) -> None:
    from coopdesk.logo import load_logo

    dialog = open_dialog(qtbot, window, make_book())
    text = tmp_path / "members.csv"
    text.write_text("number,name\n1,Ada\n")
    assert not dialog.logo_picker.take_file(text)
    assert "members.csv cannot be used" in dialog.logo_picker.error.text()
    assert dialog.logo_picker.change() is None
    dialog.buttons.button(OK).click()
    assert window.context.read(load_logo) is None


def test_removing_the_logo_takes_it_off_the_letterhead(
        qtbot: QtBot, window: MainWindow, make_book: Callable[..., Path], tmp_path: Path) -> None:
    from coopdesk.logo import load_logo, set_logo

    path = make_book()
    with Book.open(path) as book:
        book.run(set_logo, write_image(tmp_path / "logo.jpg", "JPEG").read_bytes())
    dialog = open_dialog(qtbot, window, path)
    assert not dialog.logo_picker.thumbnail.pixmap().isNull()
    dialog.logo_picker.remove_button.click()
    assert dialog.logo_picker.thumbnail.text() == "No logo"
    dialog.buttons.button(OK).click()
    assert window.context.read(load_logo) is None
