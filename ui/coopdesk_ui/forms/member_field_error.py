"""Validation shown at the field, for the member forms: a red line under the field it is about.

The core reports problems as "field: what is wrong" (`member_problems`, `ValidationError`);
`problems_by_field` sorts them by field so each is shown under what must change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

_STYLE = "color: #b00020;"


class FieldError(QLabel):
    """An error line under a field: hidden while there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setStyleSheet(_STYLE)
        self.setWordWrap(True)
        self.hide()

    def say(self, text: str) -> None:
        """Show `text`, or hide the line when it is empty."""
        self.setText(text)
        self.setVisible(bool(text))


def with_error(field: QWidget, error: FieldError) -> QWidget:
    """`field` with `error` right under it, as one widget for a QFormLayout's field column."""
    box = QWidget()
    column = QVBoxLayout(box)
    column.setContentsMargins(0, 0, 0, 0)
    column.setSpacing(2)
    column.addWidget(field)
    column.addWidget(error)
    return box


def problems_by_field(problems: Iterable[str], fields: Mapping[str, str]) -> dict[str, list[str]]:
    """The core's problems grouped by form field: "email: ..." goes to `fields["email"]`; a
    problem naming no field of the form goes under "" (the form as a whole)."""
    found: dict[str, list[str]] = {}
    for problem in problems:
        name, sep, text = problem.partition(": ")
        field = fields.get(name) if sep else None
        if field is None:
            field, text = "", problem
        found.setdefault(field, []).append(text[:1].upper() + text[1:])
    return found
