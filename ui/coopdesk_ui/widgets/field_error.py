"""Validation shown at the field: a red line under the field it is about.

Every form says what is wrong under the field that must change, and refuses OK meanwhile. The
core reports problems as "field: what is wrong" (`member_problems`, `ValidationError.problems`);
`problems_by_field` and `route_problems` send each to the line under its field, the rest to a
line for the form as a whole.

Two kinds of line: a `FieldError` is said or cleared by its form as it sees fit (at each
keystroke, on leaving the field, on OK); a `FieldNote` remembers its field's problem and shows
it only once the user has left the field (not at each keystroke of an email address still
being typed), as the settings dialog and the new-book wizard do.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

#: The red of every problem the app shows in a form.
ERROR_STYLE = "color: #b00020;"

_Target = TypeVar("_Target")


class FieldError(QLabel):
    """An error line under a field: hidden while there is nothing to say.

    With `keep_height`, the line stays on one line and keeps its height while empty instead, so
    a form laid out on a grid (the payment entry form) never jumps as problems come and go.
    """

    def __init__(self, parent: QWidget | None = None, *, keep_height: bool = False) -> None:
        super().__init__(parent)
        self.setStyleSheet(ERROR_STYLE)
        self._keep_height = keep_height
        if keep_height:
            self.setMinimumHeight(self.fontMetrics().height())
        else:
            self.setWordWrap(True)
            self.hide()

    def say(self, text: str) -> None:
        """Show `text` ("" to clear: the line hides, unless it keeps its height)."""
        self.setText(text)
        if not self._keep_height:
            self.setVisible(bool(text))


class FieldNote(FieldError):
    """A problem with one field, on view only once the user has left the field (`touch`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self._touched = False
        self._problem = ""

    @property
    def problem(self) -> str:
        """What is wrong with the field now ("" when nothing), shown or not."""
        return self._problem

    def set_problem(self, problem: str) -> None:
        """Record the field's current problem; a fixed field's note goes away at once, a new
        problem is shown only if the user has already left the field once (`touch`)."""
        self._problem = problem
        self._show()

    def touch(self) -> None:
        """The user left the field: from now on its problem is on view."""
        self._touched = True
        self._show()

    def reset(self) -> None:
        """The field was emptied for new input: wait until the user leaves it again."""
        self._touched = False
        self._show()

    def _show(self) -> None:
        self.say(self._problem if self._touched else "")


def with_error(field: QWidget | QLayout, error: FieldError) -> QVBoxLayout:
    """`field` with `error` right under it, for the field column of a QFormLayout."""
    column = QVBoxLayout()
    column.setSpacing(2)
    if isinstance(field, QLayout):
        column.addLayout(field)
    else:
        column.addWidget(field)
    column.addWidget(error)
    return column


def with_note(field: QWidget, note: FieldNote) -> QWidget:
    """`field` with its note under it, as one cell of a form; the cell's label mnemonic
    puts the cursor in the field (`QFormLayout.addRow("&Name:", cell)` makes the cell the
    label's buddy)."""
    holder = QWidget()
    holder.setFocusProxy(field)
    column = with_error(field, note)
    column.setContentsMargins(0, 0, 0, 0)
    holder.setLayout(column)
    return holder


def problems_by_field(problems: Iterable[str], fields: Mapping[str, _Target],
                      rest: _Target) -> dict[_Target, list[str]]:
    """The core's problems grouped by where the form shows them: "email: ..." goes to
    `fields["email"]` (as "..."); a problem naming no field of `fields` goes to `rest`, whole.
    Each text is capitalised, as it starts a line of its own."""
    found: dict[_Target, list[str]] = {}
    for problem in problems:
        name, sep, text = problem.partition(": ")
        target = fields.get(name) if sep else None
        if target is None:
            target, text = rest, problem
        found.setdefault(target, []).append(text[:1].upper() + text[1:])
    return found


def route_problems(problems: Iterable[str], labels: Mapping[str, FieldError],
                   fallback: FieldError) -> None:
    """Show each core problem ("amount: ...") under its field; the rest under `fallback`.
    Lines that get no problem are left as they are."""
    for label, texts in problems_by_field(problems, labels, fallback).items():
        label.say("\n".join(texts))
