"""A screen that is still to be built: says so instead of showing an empty table."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.base import Screen


class PlaceholderScreen(Screen):
    """A titled page with a muted line of text."""

    def __init__(self, context: AppContext, text: str, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        label = QLabel(text)
        label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        label.setEnabled(False)
        QVBoxLayout(self).addWidget(label)

    def reload(self) -> None:
        pass

    def clear(self) -> None:
        pass
