"""Which book the app starts with, and how failures to open one reach the user."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coopdesk import paths
from coopdesk.book import Book
from coopdesk.ledger.queries import trial_balance
from coopdesk.lock import lock_path
from coopdesk_ui import app as app_module
from coopdesk_ui.dialogs import Dialogs
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.opening import open_book, open_startup_book, system_locale


@pytest.fixture
def default_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "data" / "coopdesk" / "book.coopdesk"
    monkeypatch.setattr(paths, "default_book_path", lambda: path)
    return path


@pytest.fixture
def system_locale_is() -> Iterator[Callable[[str], None]]:
    previous = QLocale()
    yield lambda name: QLocale.setDefault(QLocale(name))
    QLocale.setDefault(previous)


def test_first_run_creates_the_default_book_and_its_folder(
        default_path: Path, system_locale_is: Callable[[str], None]) -> None:
    system_locale_is("C")
    book = open_startup_book(None)
    assert book is not None
    with book:
        assert book.path == default_path
        assert (book.settings.name, book.settings.currency, book.settings.locale) == (
            "My co-op", "USD", "en_US")
        assert not book.read_only
        assert all(row.debit.is_zero and row.credit.is_zero for row in book.read(trial_balance))


def test_later_runs_open_the_default_book(default_path: Path, make_book: Callable[..., Path]) -> None:
    default_path.parent.mkdir(parents=True)
    made = make_book()
    made.rename(default_path)
    book = open_startup_book(None)
    assert book is not None
    with book:
        assert book.settings.name == "Riverside Food Co-op"


def test_a_given_path_is_opened_not_the_default(default_path: Path, make_book: Callable[..., Path]) -> None:
    path = make_book()
    book = open_startup_book(path)
    assert book is not None
    with book:
        assert book.path == path
    assert not default_path.exists()


def test_a_missing_given_path_is_an_error_not_a_new_book(tmp_path: Path, errors: list[str]) -> None:
    missing = tmp_path / "missing.coopdesk"
    assert open_startup_book(missing) is None
    assert len(errors) == 1 and "no such file" in errors[0]
    assert not missing.exists()


def test_a_default_folder_that_cannot_be_made_is_an_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, errors: list[str]) -> None:
    blocker = tmp_path / "data"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setattr(paths, "default_book_path", lambda: blocker / "book.coopdesk")
    assert open_startup_book(None) is None
    assert len(errors) == 1 and "Cannot create the folder" in errors[0]


def test_the_new_books_locale_follows_the_system_when_babel_knows_it(
        system_locale_is: Callable[[str], None]) -> None:
    system_locale_is("fr_FR")
    assert system_locale() == "fr_FR"
    system_locale_is("C")
    assert system_locale() == "en_US"


def test_a_book_in_use_is_not_opened_when_the_user_declines(
        make_book: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_book()
    monkeypatch.setattr(Dialogs, "ask_open_read_only", classmethod(lambda cls, parent, text: False))
    with Book.open(path):
        assert open_book(None, path) is None


def test_run_app_shows_the_book_and_closes_it_on_quit(
        qtbot: QtBot, make_book: Callable[..., Path], monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_book()
    seen: list[MainWindow] = []
    titles: list[str] = []

    def exec_until_user_quits(app: QApplication) -> int:
        windows = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]
        seen.extend(windows)
        titles.extend(w.windowTitle() for w in windows)
        assert lock_path(path).exists()
        windows[0].quit_action.trigger()
        return 0

    monkeypatch.setattr(QApplication, "exec", exec_until_user_quits)
    hook = sys.excepthook
    assert app_module.run_app(path) == 0
    assert len(seen) == 1
    qtbot.addWidget(seen[0])
    assert titles == ["Riverside Food Co-op \N{EM DASH} coopdesk"]
    assert not seen[0].isVisible()
    assert not lock_path(path).exists()
    assert QApplication.applicationName() == "coopdesk"
    assert sys.excepthook is hook
