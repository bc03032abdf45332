"""The red line under a field saying what is wrong with it, shown only once it matters.

A note appears when the user leaves a field that is wrong (not at each keystroke of an email
address still being typed) and disappears as soon as the field is right again. The form's
OK or Next button is refused meanwhile whether or not the note is on view.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

ERROR_STYLE = "color: #b00020;"


class FieldNote(QLabel):
    """A problem with one field; empty and hidden when there is none."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._touched = False
        self._problem = ""
        self.hide()

    @property
    def problem(self) -> str:
        """What is wrong with the field now ("" when nothing), shown or not."""
        return self._problem

    def set_problem(self, problem: str) -> None:
        """Record the field's current problem; a fixed field's note goes away at once, a new
        problem is shown only if the user has already left the field once (`touch`)."""
        self._problem = problem
        self._show(visible=bool(problem) and self._touched)

    def touch(self) -> None:
        """The user left the field: from now on its problem is on view."""
        self._touched = True
        self._show(visible=bool(self._problem))

    def reset(self) -> None:
        """The field was emptied for new input: wait until the user leaves it again."""
        self._touched = False
        self._show(visible=False)

    def _show(self, *, visible: bool) -> None:
        self.setText(self._problem if visible else "")
        self.setVisible(visible)


def hint_label(text: str = "") -> QLabel:
    """A quieter line of help beside a field (the palette's placeholder colour)."""
    label = QLabel(text)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label


def with_note(field: QWidget, note: FieldNote) -> QWidget:
    """`field` with its note under it, as one cell of a form; the cell's label mnemonic
    puts the cursor in the field."""
    holder = QWidget()
    holder.setFocusProxy(field)
    column = QVBoxLayout(holder)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(note)
    return holder
