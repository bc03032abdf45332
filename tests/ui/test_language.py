"""The app's language: chosen in View > Language (else the system's), applied at start-up to
coopdesk's words and to Qt's own."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMenu, QWidget
from pytestqt.qtbot import QtBot

from coopdesk import i18n
from coopdesk.book import Book
from coopdesk_ui.language import (
    ENGLISH,
    SYSTEM,
    app_language,
    apply_language,
    language_menu,
    set_app_language,
    system_language,
)
from coopdesk_ui.main_window import MainWindow

MNEMONIC = re.compile(r"&(?!&)(.)")


@pytest.fixture(autouse=True)
def back_to_english(qapp: QApplication) -> Iterator[None]:
    yield
    apply_language(qapp, ENGLISH)


def in_language(qapp: QApplication, qtbot: QtBot, code: str) -> MainWindow:
    apply_language(qapp, code)
    window = MainWindow()
    qtbot.addWidget(window)
    return window


def menu_titles(window: MainWindow) -> list[str]:
    return [action.text() for action in window.menuBar().actions()]


def sidebar_titles(window: MainWindow) -> list[str]:
    return [window.sidebar.item(row).text() for row in range(window.sidebar.count())]


def test_the_window_speaks_french(qapp: QApplication, qtbot: QtBot) -> None:
    window = in_language(qapp, qtbot, "fr")
    assert menu_titles(window) == ["&Fichier", "&Édition", "&Affichage"]
    assert sidebar_titles(window) == ["Tableau de bord", "Membres", "Cotisations", "Paiements",
                                      "Relevés", "Fonds", "Ristournes", "Comptes de capital",
                                      "Assemblée générale annuelle", "Comptabilité"]
    assert window.sidebar.width() > window.sidebar.sizeHintForColumn(0)  # no title cut
    assert window.open_action.text() == "&Ouvrir\N{HORIZONTAL ELLIPSIS}"


def test_back_in_english_the_window_is_english(qapp: QApplication, qtbot: QtBot) -> None:
    in_language(qapp, qtbot, "fr")
    window = in_language(qapp, qtbot, ENGLISH)
    assert menu_titles(window) == ["&File", "&Edit", "&View"]
    assert sidebar_titles(window)[:2] == ["Dashboard", "Members"]


@pytest.mark.parametrize("code", i18n.available_languages())
def test_no_two_entries_of_a_menu_share_a_mnemonic(qapp: QApplication, qtbot: QtBot,
                                                   code: str) -> None:
    window = in_language(qapp, qtbot, code)
    menus: list[list[str]] = [menu_titles(window)]
    for action in window.menuBar().actions():
        menu = action.menu()
        assert isinstance(menu, QMenu)
        menus.append([entry.text() for entry in menu.actions()])
    for texts in menus:
        letters = [m.group(1).lower() for text in texts if (m := MNEMONIC.search(text))]
        assert len(letters) == len(set(letters)), texts


def test_qt_dialog_buttons_follow_the_language(qapp: QApplication, qtbot: QtBot) -> None:
    apply_language(qapp, "de")
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(buttons)
    cancel = buttons.button(QDialogButtonBox.StandardButton.Cancel)
    assert cancel.text().replace("&", "") == "Abbrechen"


def test_the_chosen_language_is_remembered() -> None:
    settings = QSettings()
    set_app_language("es", settings)
    assert app_language(settings) == "es"
    set_app_language(ENGLISH, settings)
    assert app_language(settings) == ENGLISH
    set_app_language(SYSTEM, settings)
    assert app_language(settings) == system_language()


def test_a_language_without_catalog_follows_the_system() -> None:
    settings = QSettings()
    settings.setValue("language", "tlh")
    assert app_language(settings) == system_language()


@pytest.mark.parametrize(("preferred", "expected"), [
    (["fr-CA", "en-US"], "fr"),
    (["de-AT"], "de"),
    (["it-IT", "es-MX", "en"], "es"),
    (["en-GB", "fr-FR"], ENGLISH),
    (["pt-BR"], ENGLISH),
    ([], ENGLISH),
])
def test_the_system_language_is_the_first_preferred_one_coopdesk_speaks(
        preferred: list[str], expected: str) -> None:
    assert system_language(preferred) == expected


def test_the_menu_lists_english_and_every_catalog(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    settings = QSettings()
    set_app_language("de", settings)
    menu = language_menu(parent, settings)
    choices = [action for action in menu.actions() if action.isCheckable()]
    assert [action.data() for action in choices] == [SYSTEM, ENGLISH, "de", "es", "fr"]
    assert [action.text() for action in choices[1:]] == ["English", "Deutsch", "Español",
                                                         "Français"]
    assert [action.isChecked() for action in choices] == [False, False, True, False, False]
    choices[-1].trigger()
    assert app_language(settings) == "fr"
    assert i18n._("Members") == "Members"  # the app changes language at its next start only


def test_choosing_says_when_it_applies(qtbot: QtBot, make_book: Callable[..., Path]) -> None:
    window = MainWindow()
    qtbot.addWidget(window)
    window.show_book(Book.open(make_book()))
    menu = language_menu(window)
    next(action for action in menu.actions() if action.data() == "es").trigger()
    assert "Español" in window.statusBar().currentMessage()
    assert "next start" in window.statusBar().currentMessage()
    assert app_language() == "es"
