"""The new-book wizard (being built): for now a new book with the defaults, where the user says."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from coopdesk import paths
from coopdesk.book import Book
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk_ui.dialogs import Dialogs
from coopdesk_ui.opening import system_locale


def create_book_with_wizard(parent: QWidget | None) -> Book | None:
    """Ask where and create a new book; None if the user cancelled or it failed (told)."""
    path = Dialogs.ask_save_path(parent, _("Create a new co-op book"),
                                 paths.data_folder() / "my-coop.coopdesk")
    if path is None:
        return None
    try:
        return Book.create(path, name=_("My co-op"), currency="USD", locale=system_locale())
    except CoopdeskError as exc:
        Dialogs.error(parent, _("A new book could not be created.") + "\n\n" + exc.message)
        return None
