"""What every screen of the sidebar has in common: following the book, lazily.

A screen queries the book only when it is on view. When the book is opened, closed or changed
while the screen is hidden, it just remembers that it is stale and reloads the next time it is
shown; so opening a large book draws the dashboard without querying every other screen first.
"""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QWidget

from coopdesk.changes import ChangeSet
from coopdesk_ui.context import AppContext


class Screen(QWidget):
    """A page of the main window. Subclasses implement `reload` and `clear`, and may narrow
    `is_affected` and handle `show_target`."""

    #: The key other screens navigate by ("members"); set by each subclass.
    key = ""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._stale = True
        host = context.host
        host.opened.connect(self._book_switched)
        host.closed.connect(self._book_closed)
        host.changed.connect(self._book_changed)

    @property
    def title(self) -> str:
        """The screen's name in the sidebar and the window title (translated)."""
        raise NotImplementedError

    def reload(self) -> None:
        """Query the open book and show it (called only while a book is open)."""
        raise NotImplementedError

    def clear(self) -> None:
        """Show nothing: no book is open."""
        raise NotImplementedError

    def is_affected(self, changes: ChangeSet) -> bool:
        """Whether a write changed what this screen shows; by default, any write does."""
        return True

    def show_target(self, target: object) -> None:
        """Bring `target` (a member number, an entry id...) into view; by default nothing."""

    def start_search(self) -> None:
        """Edit > Find: put the cursor in the screen's search field, if it has one."""

    def refresh(self) -> None:
        """Query again now if on view, else when next shown."""
        self._stale = True
        if self.isVisible():
            self._load()

    def _load(self) -> None:
        self._stale = False
        if self.context.host.book is None:
            self.clear()
        else:
            self.reload()

    def _book_switched(self) -> None:
        self.refresh()

    def _book_closed(self) -> None:
        """Forget the closed book's data at once, shown or not (it is cheap, and a closed book's
        members should not linger in hidden widgets)."""
        self._stale = False
        self.clear()

    def _book_changed(self, changes: ChangeSet) -> None:
        if changes.settings or self.is_affected(changes):
            self.refresh()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if self._stale:
            self._load()
