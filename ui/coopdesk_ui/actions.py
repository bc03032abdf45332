"""Menu and toolbar actions made one way: text, slot, standard shortcut, theme icon."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QIcon, QKeySequence


def make_action(parent: QObject, text: str, slot: Callable[..., object], *,
                shortcut: QKeySequence | QKeySequence.StandardKey | None = None,
                icon: str | None = None) -> QAction:
    """An action showing `text` that calls `slot`; the shortcut also shows in its tooltip."""
    action = QAction(text, parent)
    if shortcut is not None:
        action.setShortcut(shortcut)
    if icon is not None and QIcon.hasThemeIcon(icon):
        action.setIcon(QIcon.fromTheme(icon))
    action.triggered.connect(slot)
    return action
