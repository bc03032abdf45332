"""The new-book wizard, driven page by page as a treasurer would, then the book it made."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QWizard
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.plans import list_plans
from coopdesk.money import Money
from coopdesk.settings import PostalAddress, load_settings
from coopdesk_ui import wizard as wizard_module
from coopdesk_ui.dialogs import Dialogs
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.wizard import NewBookWizard, WizardDialogs, create_book_with_wizard

NEXT = QWizard.WizardButton.NextButton
FINISH = QWizard.WizardButton.FinishButton


@pytest.fixture(autouse=True)
def english_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    """The computer says en_US, whatever this machine's locale is."""
    monkeypatch.setattr(wizard_module, "system_locale", lambda: "en_US")


@pytest.fixture
def wizard(qtbot: QtBot) -> Iterator[NewBookWizard]:
    wizard = NewBookWizard()
    qtbot.addWidget(wizard)
    wizard.show()
    yield wizard
    if wizard.book is not None:
        wizard.book.close()


def click(qtbot: QtBot, wizard: NewBookWizard, which: QWizard.WizardButton) -> None:
    button = wizard.button(which)
    assert button.isEnabled(), f"{button.text()!r} is disabled on {wizard.currentPage().title()!r}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def choose(combo: QComboBox, data: object) -> None:
    index = combo.findData(data)
    assert index >= 0, data
    combo.setCurrentIndex(index)


def can_go_on(wizard: NewBookWizard) -> bool:
    return wizard.button(NEXT).isEnabled()


def test_a_french_co_op_is_created_with_its_address_money_and_first_plan(
        qtbot: QtBot, wizard: NewBookWizard, tmp_path: Path) -> None:
    profile = wizard.profile_page.form
    qtbot.keyClicks(profile.name_edit, "Les Jardins Partag")
    profile.name_edit.insert("és")  # QTest types ASCII only
    qtbot.keyClicks(profile.address_edits[0], "3 rue des Lilas")
    qtbot.keyClicks(profile.postal_code_edit, "69001")
    qtbot.keyClicks(profile.city_edit, "Lyon")
    choose(profile.country_combo, "FR")
    qtbot.keyClicks(profile.email_edit, "tresor@jardins.coop")
    click(qtbot, wizard, NEXT)

    money = wizard.money_page.form
    assert wizard.currentPage() is wizard.money_page
    assert money.currency_code == "USD"  # the computer's locale's currency, preselected
    choose(money.locale_combo, "fr_FR")
    assert money.currency_code == "EUR"  # follows the language and region until picked
    assert "1\u202f234,56\xa0€" in money.sample.text()
    choose(money.year_start_combo, 7)
    click(qtbot, wizard, NEXT)

    plan = wizard.plan_page.form
    assert plan.currency_label.text() == "EUR"
    plan.name_edit.setText("Cotisation")
    qtbot.keyClicks(plan.amount_edit, "120,50")  # read as the French write it
    choose(plan.frequency_combo, "yearly")
    click(qtbot, wizard, NEXT)

    assert wizard.currentPage() is wizard.file_page
    target = tmp_path / "jardins"
    wizard.file_page.path_edit.setText(str(target))  # the suffix is added
    click(qtbot, wizard, NEXT)

    summary = wizard.summary_page.values
    assert summary["name"].text() == "Les Jardins Partagés"
    assert summary["address"].text() == "3 rue des Lilas\n69001 Lyon\nFrance"
    assert summary["plan"].text() == "Cotisation: 120,50\xa0€, every year"
    assert summary["path"].text() == str(tmp_path / "jardins.coopdesk")
    click(qtbot, wizard, FINISH)

    assert wizard.result() == QWizard.DialogCode.Accepted
    book = wizard.book
    assert book is not None and book.path == tmp_path / "jardins.coopdesk"
    settings = book.read(load_settings)
    assert (settings.name, settings.currency, settings.locale, settings.fiscal_year_start) == (
        "Les Jardins Partagés", "EUR", "fr_FR", 7)
    assert settings.address == PostalAddress(("3 rue des Lilas",), "69001", "Lyon", "", "FR")
    assert settings.email == "tresor@jardins.coop"
    assert [(p.name, p.amount, p.frequency, p.year_start_month) for p in book.read(list_plans)] == [
        ("Cotisation", Money("120.50", "EUR"), "yearly", 7)]


def fill_first_page(qtbot: QtBot, wizard: NewBookWizard, name: str = "Hillside Co-op") -> None:
    qtbot.keyClicks(wizard.profile_page.form.name_edit, name)
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, NEXT)


def test_the_plan_may_be_skipped(qtbot: QtBot, wizard: NewBookWizard, tmp_path: Path) -> None:
    fill_first_page(qtbot, wizard)
    assert not can_go_on(wizard)  # the plan has a name but no amount yet
    wizard.plan_page.wanted.click()
    assert not wizard.plan_page.form.isEnabled()
    click(qtbot, wizard, NEXT)
    wizard.file_page.path_edit.setText(str(tmp_path / "hillside.coopdesk"))
    click(qtbot, wizard, NEXT)
    assert wizard.summary_page.values["plan"].text() == "None for now"
    click(qtbot, wizard, FINISH)
    assert wizard.book is not None
    assert wizard.book.read(list_plans) == []
    assert wizard.book.settings.currency == "USD"


def test_next_waits_for_a_name_and_a_plausible_email(qtbot: QtBot,
                                                     wizard: NewBookWizard) -> None:
    form = wizard.profile_page.form
    assert not can_go_on(wizard)
    qtbot.keyClicks(form.name_edit, "   ")
    assert not can_go_on(wizard)
    qtbot.keyClicks(form.name_edit, "Hillside")
    assert can_go_on(wizard)
    qtbot.keyClicks(form.email_edit, "treasurer at hillside")
    assert not can_go_on(wizard)
    qtbot.keyClick(form.email_edit, Qt.Key.Key_Return)  # done with the field: it says why
    assert form.email_note.isVisible()
    assert "does not look like an email address" in form.email_note.text()
    form.email_edit.setText("treasurer@hillside.org")
    assert can_go_on(wizard) and not form.email_note.isVisible()
    form.phone_edit.setText("call me")
    assert not can_go_on(wizard)
    form.phone_edit.setText("+1 802 555 0100")
    assert can_go_on(wizard)


@pytest.mark.parametrize("amount", ["", "abc", "12.345", "-5.00", "1.234,50"])
def test_next_waits_for_an_amount_in_the_chosen_locale(qtbot: QtBot, wizard: NewBookWizard,
                                                       amount: str) -> None:
    fill_first_page(qtbot, wizard)
    form = wizard.plan_page.form
    form.amount_edit.setText(amount)
    assert not can_go_on(wizard)
    form.amount_edit.setText("1,234.50")
    assert can_go_on(wizard)
    form.name_edit.clear()
    assert not can_go_on(wizard)


def test_going_back_to_another_currency_reads_the_amount_again(qtbot: QtBot,
                                                               wizard: NewBookWizard) -> None:
    fill_first_page(qtbot, wizard)
    wizard.plan_page.form.amount_edit.setText("60.50")
    assert can_go_on(wizard)
    wizard.back()
    choose(wizard.money_page.form.currency_combo, "JPY")  # no decimals in yen
    click(qtbot, wizard, NEXT)
    assert wizard.plan_page.form.currency_label.text() == "JPY"
    assert not can_go_on(wizard)


def test_an_existing_file_is_refused_at_the_field(qtbot: QtBot, wizard: NewBookWizard,
                                                  tmp_path: Path) -> None:
    fill_first_page(qtbot, wizard)
    wizard.plan_page.wanted.setChecked(False)
    click(qtbot, wizard, NEXT)
    page = wizard.file_page
    taken = tmp_path / "taken.coopdesk"
    taken.write_bytes(b"someone's book")
    page.path_edit.setText(str(taken))
    assert not can_go_on(wizard)
    assert page.note.text() == "A file is already there: choose another name."
    page.path_edit.setText(str(tmp_path / "no-such-folder" / "new.coopdesk"))
    assert not can_go_on(wizard) and "There is no folder" in page.note.text()
    page.path_edit.setText("relative.coopdesk")
    assert not can_go_on(wizard)
    page.path_edit.setText(str(tmp_path / "new.coopdesk"))
    assert can_go_on(wizard) and not page.note.isVisible()


def test_the_file_suggested_is_named_after_the_co_op_in_the_data_folder(
        qtbot: QtBot, wizard: NewBookWizard, private_user_files: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("coopdesk_ui.wizard_file_page.suggested_folder", lambda: private_user_files)
    fill_first_page(qtbot, wizard, "Hillside Co-op!")
    wizard.plan_page.wanted.setChecked(False)
    click(qtbot, wizard, NEXT)
    assert wizard.file_page.path() == private_user_files / "hillside-co-op.coopdesk"
    assert can_go_on(wizard)  # the data folder is made when the book is created
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, FINISH)
    assert wizard.book is not None and wizard.book.path.parent == private_user_files


def test_choose_asks_where_and_fills_the_field(qtbot: QtBot, wizard: NewBookWizard,
                                               tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[Path] = []

    def answer(cls: type, parent: object, title: str, suggested: Path) -> Path:
        asked.append(suggested)
        return tmp_path / "chosen.coopdesk"

    monkeypatch.setattr(Dialogs, "ask_save_path", classmethod(answer))
    fill_first_page(qtbot, wizard)
    wizard.plan_page.wanted.setChecked(False)
    click(qtbot, wizard, NEXT)
    qtbot.mouseClick(wizard.file_page.choose_button, Qt.MouseButton.LeftButton)
    assert len(asked) == 1
    assert wizard.file_page.path() == tmp_path / "chosen.coopdesk"


def test_a_file_appearing_before_finish_is_kept_and_the_wizard_stays(
        qtbot: QtBot, wizard: NewBookWizard, tmp_path: Path, errors: list[str]) -> None:
    fill_first_page(qtbot, wizard)
    wizard.plan_page.form.amount_edit.setText("60.00")
    click(qtbot, wizard, NEXT)
    path = tmp_path / "race.coopdesk"
    wizard.file_page.path_edit.setText(str(path))
    click(qtbot, wizard, NEXT)
    path.write_bytes(b"theirs")
    click(qtbot, wizard, FINISH)
    assert len(errors) == 1 and "could not be created" in errors[0]
    assert "already there" in errors[0]
    assert wizard.book is None and wizard.isVisible()
    assert wizard.currentPage() is wizard.summary_page
    assert path.read_bytes() == b"theirs"
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix != "") == ["race.coopdesk"]


def test_the_keyboard_alone_goes_through_the_wizard(qtbot: QtBot, wizard: NewBookWizard,
                                                    tmp_path: Path) -> None:
    form = wizard.profile_page.form
    qtbot.keyClicks(form.name_edit, "Keyboard Co-op")
    qtbot.keyClick(form.name_edit, Qt.Key.Key_Return)  # Enter = Next
    assert wizard.currentPage() is wizard.money_page
    qtbot.keyClick(wizard.money_page.form.year_start_combo, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.plan_page
    qtbot.keyClicks(wizard.plan_page.form.amount_edit, "25")
    qtbot.keyClick(wizard.plan_page.form.amount_edit, Qt.Key.Key_Return)
    edit = wizard.file_page.path_edit
    edit.clear()
    qtbot.keyClicks(edit, str(tmp_path / "keys.coopdesk"))
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert wizard.currentPage() is wizard.summary_page
    qtbot.keyClick(wizard.summary_page, Qt.Key.Key_Return)  # Enter = Create the book
    assert wizard.book is not None
    assert [p.amount for p in wizard.book.read(list_plans)] == [Money("25.00", "USD")]


def test_every_field_has_a_label_mnemonic_unique_on_its_page(wizard: NewBookWizard) -> None:
    from PySide6.QtWidgets import QAbstractButton, QLabel

    last = wizard.pageIds()[-1]
    for page_id in wizard.pageIds():
        page = wizard.page(page_id)
        labels = [label for label in page.findChildren(QLabel) if "&" in label.text()]
        assert all(label.buddy() is not None for label in labels), page.title()
        assert labels or page_id == last, page.title()
        texts = [label.text() for label in labels]
        texts += [button.text() for button in page.findChildren(QAbstractButton)]
        texts += [wizard.buttonText(which) for which in (QWizard.WizardButton.BackButton, NEXT,
                                                         QWizard.WizardButton.CancelButton)]
        if page_id == last:
            texts.append(wizard.buttonText(FINISH))
        keys = [text[text.index("&") + 1].lower() for text in texts if "&" in text]
        assert len(keys) == len(set(keys)), (page.title(), sorted(keys))


def test_the_main_window_shows_the_book_the_wizard_made(
        qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def finish_it(cls: type, wizard: NewBookWizard) -> bool:
        wizard.show()  # as exec() would
        wizard.profile_page.form.name_edit.setText("Window Co-op")
        wizard.next()
        wizard.next()
        wizard.plan_page.wanted.setChecked(False)
        wizard.next()
        wizard.file_page.path_edit.setText(str(tmp_path / "window.coopdesk"))
        wizard.next()
        wizard.accept()
        return wizard.result() == QWizard.DialogCode.Accepted

    monkeypatch.setattr(WizardDialogs, "run", classmethod(finish_it))
    window = MainWindow()
    qtbot.addWidget(window)
    window.new_action.trigger()
    book = window.host.book
    assert book is not None and book.path == tmp_path / "window.coopdesk"
    assert window.windowTitle().startswith("Window Co-op")
    window.host.close()


def test_cancelling_creates_nothing(qtbot: QtBot, tmp_path: Path,
                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(WizardDialogs, "run", classmethod(lambda cls, wizard: False))
    assert create_book_with_wizard(None) is None
    assert not any(tmp_path.rglob("*.coopdesk"))


def test_wizard_books_open_like_any_other(wizard: NewBookWizard, qtbot: QtBot,
                                          tmp_path: Path) -> None:
    fill_first_page(qtbot, wizard)
    wizard.plan_page.wanted.setChecked(False)
    click(qtbot, wizard, NEXT)
    wizard.file_page.path_edit.setText(str(tmp_path / "again.coopdesk"))
    click(qtbot, wizard, NEXT)
    click(qtbot, wizard, FINISH)
    assert wizard.book is not None
    wizard.book.close()
    with Book.open(tmp_path / "again.coopdesk") as book:
        assert book.settings.name == "Hillside Co-op"
    wizard.book = None
