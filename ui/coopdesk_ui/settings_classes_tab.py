"""The settings dialog's member classes: the book's classes, and a form to add one.

Classes added here are kept in the dialog (in italics) and saved with the other settings on OK.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from coopdesk.book_setup import ClassDraft
from coopdesk.i18n import _
from coopdesk.members.queries import ClassRow
from coopdesk_ui.settings_class_form import ClassForm
from coopdesk_ui.settings_classes_model import ClassesModel, ClassListRow, Column
from coopdesk_ui.settings_list_table import list_table
from coopdesk_ui.widgets.hint_label import hint_label


class ClassesTab(QWidget):
    def __init__(self, classes: Sequence[ClassRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._drafts: list[ClassDraft] = []
        self.model = ClassesModel(self)
        self.model.set_rows([ClassListRow(c.code, c.name, c.votes) for c in classes])
        self.table = list_table(self.model, Column.NAME)
        self.form = ClassForm()
        self.form.set_taken_codes({c.code for c in classes})
        self.add_button = QPushButton(_("Add c&lass"))
        self.add_button.setAutoDefault(False)
        self.add_button.clicked.connect(self.add)
        self.form.changed.connect(self._check)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.add_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        self.hint = hint_label(_("A new class is saved with the other settings when you "
                                      "click OK."))
        layout.addWidget(self.hint)
        layout.addWidget(self.form)
        layout.addLayout(buttons)
        self._check()

    def drafts(self) -> list[ClassDraft]:
        """The classes added in the dialog, in order."""
        return list(self._drafts)

    def add(self) -> bool:
        """Put the class of the form on the list; False (its problems shown) if it is wrong."""
        draft = self.form.draft()
        if draft is None:
            self.form.touch()
            return False
        self._drafts.append(draft)
        self.model.add_row(ClassListRow(draft.code, draft.name, draft.votes, pending=True))
        self.form.set_taken_codes({row.code for row in self.model.rows()})
        self.form.clear()
        return True

    def set_editable(self, editable: bool) -> None:
        """A read-only book shows only the list."""
        for widget in (self.hint, self.form, self.add_button):
            widget.setVisible(editable)
        self.form.set_editable(editable)

    def _check(self) -> None:
        self.add_button.setEnabled(self.form.is_valid())
