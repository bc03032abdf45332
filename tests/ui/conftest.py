"""GUI tests run headless and strict: offscreen Qt, and any Qt warning fails the test.

The strictness is set here, as markers on every test of this folder, rather than as
`qt_log_level_fail` in pyproject.toml: the core tests run where pytest-qt is not installed, and
there an unknown ini option is a warning, which this project turns into an error.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.money import Money

# Qt reads this when the QApplication is made (pytest-qt's qapp fixture, at the first GUI test),
# so it must be set before then; pytest-qt itself has imported the Qt modules by now.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

HERE = Path(__file__).parent
#: Qt messages that say nothing about coopdesk: the offscreen platform's own limits.
QT_NOISE = (r"^This plugin does not support propagateSizeHints\(\)$",)
TODAY = dt.date(2026, 6, 30)
ENTRY_DATES = (dt.date(2026, 3, 1), dt.date(2026, 3, 15), dt.date(2026, 4, 2))


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if not item.path.is_relative_to(HERE):
            continue
        if item.get_closest_marker("qt_log_level_fail") is None:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
        if item.get_closest_marker("qt_log_ignore") is None:
            item.add_marker(pytest.mark.qt_log_ignore(*QT_NOISE))


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Every GUI test runs on 30 June 2026, after the sample entries."""
    moment = dt.datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=dt.timezone.utc)
    monkeypatch.setattr(clock, "_now", lambda: moment)
    return TODAY


@pytest.fixture(autouse=True)
def private_user_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The user's data folder (backups, demo) and Qt settings (recent books) live in tmp_path,
    never in the real home folder."""
    from PySide6.QtCore import QSettings

    from coopdesk import paths

    data = tmp_path / "user-data"
    monkeypatch.setattr(paths, "data_folder", lambda: data)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope,
                      str(tmp_path / "qt-settings"))
    return data


@pytest.fixture(autouse=True)
def english(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Tests read English labels whatever the computer's language; none leaks another."""
    from coopdesk import i18n
    from coopdesk_ui import language

    computers = language.system_language  # still asked with explicit preferences by its tests
    monkeypatch.setattr(language, "system_language",
                        lambda preferred=None: "en" if preferred is None else computers(preferred))
    yield
    i18n.use_language(None)


@pytest.fixture(autouse=True)
def no_real_dialogs(monkeypatch: pytest.MonkeyPatch) -> None:
    """A test that reaches a dialog it did not answer fails instead of hanging on it."""
    from coopdesk_ui.dialogs import Dialogs

    def unexpected(*args: object, **kwargs: object) -> None:
        raise AssertionError(f"unexpected dialog: {args[1:]!r}")

    for name in ("error", "bug", "ask_open_read_only", "ask_open_path", "ask_save_path"):
        monkeypatch.setattr(Dialogs, name, classmethod(unexpected))


def usd(amount: str) -> Money:
    return Money(amount, "USD")


SAMPLE_ENTRIES = (
    EntrySpec(ENTRY_DATES[0], (PostingSpec("1010", usd("1200.00")),
                               PostingSpec("3900", usd("-1200.00"))), memo="Opening bank balance"),
    EntrySpec(ENTRY_DATES[1], (PostingSpec("1000", usd("85.50")),
                               PostingSpec("4100", usd("-85.50"))), memo="Bake sale"),
    EntrySpec(ENTRY_DATES[2], (PostingSpec("5000", usd("40.25")),
                               PostingSpec("1010", usd("-40.25"))), memo="Printer paper"),
)


@pytest.fixture
def entry_dates() -> tuple[dt.date, ...]:
    """The dates of the sample entries, oldest first."""
    return ENTRY_DATES


@pytest.fixture
def make_book(tmp_path: Path) -> Callable[..., Path]:
    """Makes a closed book in tmp_path holding the sample entries; returns its path."""

    def make(name: str = "Riverside Food Co-op", file: str = "riverside.coopdesk",
             entries: tuple[EntrySpec, ...] = SAMPLE_ENTRIES) -> Path:
        path = tmp_path / file
        with Book.create(path, name=name, currency="USD", locale="en_US") as book:
            if entries:
                book.run(post_specs, entries)
        return path

    return make


@pytest.fixture
def errors(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts of the error dialogs shown during the test (none is really shown)."""
    from coopdesk_ui.dialogs import Dialogs

    shown: list[str] = []
    monkeypatch.setattr(Dialogs, "error", classmethod(lambda cls, parent, text: shown.append(text)))
    return shown
