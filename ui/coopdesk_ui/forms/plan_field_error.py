"""Validation shown at the field, for the dues forms: a red line under the field it is about.

The core refuses a write with `ValidationError.problems`, each "field: what is wrong"; the forms
check the same things as the user types, and route the core's words to the same labels, so a
problem is always shown beside what must change.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from PySide6.QtWidgets import QLabel, QLayout, QVBoxLayout, QWidget

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


def route_problems(problems: Iterable[str], labels: Mapping[str, FieldError],
                   fallback: FieldError) -> None:
    """Show each core problem ("amount: ...") under its field; the rest under `fallback`."""
    said: dict[FieldError, list[str]] = {}
    for problem in problems:
        field, sep, text = problem.partition(": ")
        label = labels.get(field) if sep else None
        if label is None:
            label, text = fallback, problem
        said.setdefault(label, []).append(_capitalised(text))
    for label, texts in said.items():
        label.say("\n".join(texts))


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]
