"""The settings dialog's member classes: the book's classes, and a form to add one.

Classes added here are kept in the dialog (in italics) and saved with the other settings on OK.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QWidget

from coopdesk.book_setup import ClassDraft
from coopdesk.i18n import _
from coopdesk.members.queries import ClassRow
from coopdesk_ui.settings_class_form import ClassForm
from coopdesk_ui.settings_classes_model import ClassesModel, ClassListRow
from coopdesk_ui.settings_draft_tab import DraftListTab


class ClassesTab(DraftListTab[ClassDraft]):
    def __init__(self, classes: Sequence[ClassRow], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ClassesModel(self)
        self.model.set_rows([ClassListRow(c.code, c.name, c.votes) for c in classes])
        self.form = ClassForm()
        self.form.set_taken_codes({c.code for c in classes})
        self._build(self.model, self.form, _("Add c&lass"),
                    _("A new class is saved with the other settings when you "
                      "click OK."))

    def _pending_row(self, draft: ClassDraft) -> ClassListRow:
        return ClassListRow(draft.code, draft.name, draft.votes, pending=True)

    def _rows_taken(self) -> None:
        self.form.set_taken_codes({row.code for row in self.model.rows()})
