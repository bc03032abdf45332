"""Opening books from the desktop app: the user's choice, or the default book on first run.

Every failure is a `CoopdeskError` whose message goes to `Dialogs.error`, never a traceback.
A book another program is writing to can still be opened for reading, if the user agrees.
"""

from __future__ import annotations

from pathlib import Path

from babel import Locale, UnknownLocaleError
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QWidget

from coopdesk import paths
from coopdesk.book import Book
from coopdesk.errors import BookInUse, CoopdeskError
from coopdesk_ui.dialogs import Dialogs

NEW_BOOK_NAME = "My co-op"
NEW_BOOK_CURRENCY = "USD"
FALLBACK_LOCALE = "en_US"


def system_locale() -> str:
    """The computer's locale (e.g. "fr_FR") if Babel knows it, else en_US ("C" on bare systems)."""
    name = QLocale().name()
    try:
        return str(Locale.parse(name))
    except (UnknownLocaleError, ValueError, TypeError):
        return FALLBACK_LOCALE


def open_book(parent: QWidget | None, path: Path) -> Book | None:
    """The book at `path` opened for writing (or for reading, if it is in use and the user
    agrees); None once the user has been told why it could not be opened."""
    try:
        return Book.open(path)
    except BookInUse as exc:
        if not Dialogs.ask_open_read_only(parent, _sentence(exc.message)):
            return None
        try:
            return Book.open(path, read_only=True)
        except CoopdeskError as again:
            _tell(parent, again)
            return None
    except CoopdeskError as exc:
        _tell(parent, exc)
        return None


def open_startup_book(path: Path | None) -> Book | None:
    """The book the app starts with: `path` if given, else the default book, which is created
    as a new empty book (with its folder) the first time the app runs."""
    if path is not None:
        return open_book(None, Path(path))
    default = paths.default_book_path()
    if default.exists():
        return open_book(None, default)
    try:
        default.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        Dialogs.error(None, f"Cannot create the folder {default.parent} ({exc.strerror}).")
        return None
    try:
        return Book.create(default, name=NEW_BOOK_NAME, currency=NEW_BOOK_CURRENCY,
                           locale=system_locale())
    except CoopdeskError as exc:
        Dialogs.error(None, f"A new book could not be created.\n\n{_sentence(exc.message)}")
        return None


def open_demo_book(parent: QWidget | None) -> Book | None:
    """The demo co-op, written to the data folder the first time; None once told why not."""
    path = paths.demo_book_path()
    if not path.exists():
        from coopdesk.demo import build_demo  # only needed once per computer

        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            build_demo(path)
        except (CoopdeskError, OSError) as exc:
            reason = exc.message if isinstance(exc, CoopdeskError) else str(exc)
            Dialogs.error(parent, f"The demo co-op could not be written.\n\n{_sentence(reason)}")
            return None
    return open_book(parent, path)


def _tell(parent: QWidget | None, exc: CoopdeskError) -> None:
    Dialogs.error(parent, f"The book could not be opened.\n\n{_sentence(exc.message)}")


def _sentence(message: str) -> str:
    """A core message ("the book is in use by ...") written as a sentence for a dialog."""
    text = message[:1].upper() + message[1:]
    return text if text.endswith((".", "?", "!")) else text + "."
