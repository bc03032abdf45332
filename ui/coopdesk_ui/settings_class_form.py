"""A member class to add: its name, the short code the register and imports use, and whether
its members vote."""

from __future__ import annotations

import re

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QWidget

from coopdesk.book_setup import ClassDraft
from coopdesk.i18n import _
from coopdesk_ui.widgets.field_error import FieldNote, with_note

CODE_LENGTH = 32


def code_for(name: str) -> str:
    """The code proposed for a class called `name` ("Youth members" -> "youth-members")."""
    return re.sub(r"[^\w]+", "-", name.casefold()).strip("-_")[:CODE_LENGTH]


class ClassForm(QWidget):
    """The code follows the name until the user edits the code itself."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._taken: set[str] = set()
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(80)
        self.name_edit.setPlaceholderText(_("e.g. Youth members"))
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(CODE_LENGTH)
        self.votes_check = QCheckBox(_("Its members &vote at meetings"))
        self.votes_check.setChecked(True)
        self.name_note, self.code_note = FieldNote(), FieldNote()
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("Class &name:"), with_note(self.name_edit, self.name_note))
        form.addRow(_("&Code:"), with_note(self.code_edit, self.code_note))
        form.addRow("", self.votes_check)
        self.name_edit.textEdited.connect(self._name_edited)
        for edit, note in ((self.name_edit, self.name_note), (self.code_edit, self.code_note)):
            edit.textChanged.connect(self._check)
            edit.textChanged.connect(self.changed)  # relayed by Qt: see ProfileForm._line
            edit.editingFinished.connect(note.touch)
        self._code_follows_name = True
        self.code_edit.textEdited.connect(self._code_edited)
        self._check()

    def set_taken_codes(self, codes: set[str]) -> None:
        self._taken = {code.casefold() for code in codes}
        self._check()

    def draft(self) -> ClassDraft | None:
        """The class as filled in, or None while a field is wrong."""
        if not self.is_valid():
            return None
        return ClassDraft(self.code_edit.text().strip().lower(), self.name_edit.text().strip(),
                          self.votes_check.isChecked())

    def is_valid(self) -> bool:
        return not (self.name_note.problem or self.code_note.problem)

    def has_input(self) -> bool:
        """Whether anything was typed (that OK must not silently drop)."""
        return bool(self.name_edit.text().strip() or self.code_edit.text().strip())

    def clear(self) -> None:
        self.name_edit.clear()
        self.code_edit.clear()
        self.votes_check.setChecked(True)
        self._code_follows_name = True
        self.name_note.reset()
        self.code_note.reset()

    def set_editable(self, editable: bool) -> None:
        self.name_edit.setReadOnly(not editable)
        self.code_edit.setReadOnly(not editable)
        self.votes_check.setEnabled(editable)

    def touch(self) -> None:
        self.name_note.touch()
        self.code_note.touch()

    def _name_edited(self, name: str) -> None:
        if self._code_follows_name:
            self.code_edit.setText(code_for(name))

    def _code_edited(self) -> None:
        self._code_follows_name = not self.code_edit.text()

    def _check(self) -> None:
        self.name_note.set_problem("" if self.name_edit.text().strip() else
                                   _("A class needs a name."))
        code = self.code_edit.text().strip()
        if not code:
            self.code_note.set_problem(_("A class needs a short code, e.g. youth."))
        elif code.casefold() in self._taken:
            self.code_note.set_problem(_("There is already a class with this code."))
        else:
            self.code_note.set_problem("")
