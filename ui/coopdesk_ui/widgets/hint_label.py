"""A quieter line of help beside or under a field, as the settings dialog and wizard give."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QLabel


def hint_label(text: str = "") -> QLabel:
    """A quieter line of help beside a field (the palette's placeholder colour)."""
    label = QLabel(text)
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.setWordWrap(True)
    return label
