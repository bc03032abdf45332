"""The welcome page: three large choices, each saying what it does, and the recent books."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCommandLinkButton
from pytestqt.qtbot import QtBot

from coopdesk_ui.welcome import WelcomePage


def make_page(qtbot: QtBot) -> WelcomePage:
    page = WelcomePage()
    qtbot.addWidget(page)
    page.resize(1000, 640)
    page.show()
    return page


def test_each_choice_explains_itself_in_one_line(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    for button in (page.create_button, page.open_button, page.demo_button):
        assert button.description() and "\n" not in button.description()
        # one line at the page's width: the button is no taller than a one-line description
        lines = button.fontMetrics().horizontalAdvance(button.description()) / button.width()
        assert lines < 0.95, button.text()


def test_the_choices_emit_their_signals_by_mouse_and_keyboard(qtbot: QtBot) -> None:
    page = make_page(qtbot)
    with qtbot.waitSignal(page.create_requested, timeout=1000):
        qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(page.open_requested, timeout=1000):
        qtbot.keyClick(page.open_button, Qt.Key.Key_Space)
    with qtbot.waitSignal(page.demo_requested, timeout=1000):
        qtbot.keyClick(page.demo_button, Qt.Key.Key_Return)
    assert all(b.focusPolicy() & Qt.FocusPolicy.TabFocus
               for b in (page.create_button, page.open_button, page.demo_button))


def test_recent_books_are_listed_with_their_folder_and_open_on_click(qtbot: QtBot,
                                                                     tmp_path: Path) -> None:
    page = make_page(qtbot)
    books = [tmp_path / "a" / "riverside.coopdesk", tmp_path / "hillside.coopdesk"]
    page.show_recent(books)
    links = [b for b in page.findChildren(QCommandLinkButton) if b.text().endswith(".coopdesk")]
    assert [(b.text(), b.description()) for b in links] == [
        ("riverside.coopdesk", str(tmp_path / "a")), ("hillside.coopdesk", str(tmp_path))]
    assert page.recent_heading.isVisible()
    with qtbot.waitSignal(page.recent_requested, timeout=1000) as signal:
        qtbot.mouseClick(links[1], Qt.MouseButton.LeftButton)
    assert signal.args == [books[1]]
    with qtbot.waitSignal(page.recent_requested, timeout=1000) as signal:
        qtbot.keyClick(links[0], Qt.Key.Key_Return)
    assert signal.args == [books[0]]


def test_showing_no_recent_books_removes_the_list(qtbot: QtBot, tmp_path: Path) -> None:
    page = make_page(qtbot)
    page.show_recent([tmp_path / "old.coopdesk"])
    page.show_recent([])
    qtbot.waitUntil(lambda: not [b for b in page.findChildren(QCommandLinkButton)
                                 if b.text() == "old.coopdesk"])
    assert not page.recent_heading.isVisible()
