"""The skeleton of the settings dialog's lists (plans, classes): the book's rows, and a form to
add one.

What is added is kept as a draft, shown in italics on the list and saved with the other
settings when the dialog's OK is clicked. A read-only book shows only the list.
"""

from __future__ import annotations

from typing import Any, Generic, Protocol, TypeVar

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coopdesk_ui.settings_list_table import list_table
from coopdesk_ui.settings_pending_model import PendingRowsModel
from coopdesk_ui.widgets.hint_label import hint_label

DraftT = TypeVar("DraftT")
DraftT_co = TypeVar("DraftT_co", covariant=True)


class DraftForm(Protocol[DraftT_co]):
    """What the tab asks of its form (a QWidget)."""

    @property
    def changed(self) -> SignalInstance: ...
    def draft(self) -> DraftT_co | None: ...
    def is_valid(self) -> bool: ...
    def touch(self) -> None: ...
    def clear(self) -> None: ...
    def set_editable(self, editable: bool) -> None: ...


class DraftListTab(QWidget, Generic[DraftT]):
    """A subclass makes its model and form, then calls `_build`; it says how a draft is
    shown (`_pending_row`) and tells the form what the list's rows take (`_rows_taken`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drafts: list[DraftT] = []

    def _build(self, model: PendingRowsModel, form: DraftForm[DraftT], add_text: str,
               hint_text: str) -> None:
        """Lay out `model`'s list, the `hint_text`, `form`, and its button `add_text`."""
        assert isinstance(form, QWidget)
        self.table = list_table(model, 0)  # the name, first in both lists
        self.add_button = QPushButton(add_text)
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        form.changed.connect(self._check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        self.hint = hint_label(hint_text)
        layout.addWidget(self.hint)
        layout.addWidget(form)
        layout.addLayout(buttons)
        self._form: DraftForm[DraftT] = form
        self._form_widget: QWidget = form
        self._list_model = model
        self._check()

    def drafts(self) -> list[DraftT]:
        """The drafts added in the dialog, in order."""
        return list(self._drafts)

    def add(self) -> bool:
        """Put the draft of the form on the list; False (its problems shown) if it is wrong."""
        draft = self._form.draft()
        if draft is None:
            self._form.touch()
            return False
        self._drafts.append(draft)
        self._list_model.add_row(self._pending_row(draft))
        self._rows_taken()
        self._form.clear()
        return True

    def set_editable(self, editable: bool) -> None:
        """A read-only book shows only the list."""
        for widget in (self.hint, self._form_widget, self.add_button):
            widget.setVisible(editable)
        self._form.set_editable(editable)

    def _check(self) -> None:
        self.add_button.setEnabled(self._form.is_valid())

    # -- what a subclass says -----------------------------------------------------------

    def _pending_row(self, draft: DraftT) -> Any:
        """The list's row for `draft`, pending."""
        raise NotImplementedError

    def _rows_taken(self) -> None:
        """Tell the form which names (or codes) the list's rows now take."""
        raise NotImplementedError
