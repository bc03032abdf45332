"""The line at the door that says what just happened, in large type and without a modal window:
who was recorded (green), or why not (red, "Ben Late may not vote: in arrears on the record
date."). A dialog would stop the queue at the door; a banner is read at a glance and replaced by
the next check-in.
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QWidget

_DONE = ("QFrame#doorBanner { background: #dff3e4; border: 1px solid #8cc59b; border-radius: 4px; }"
         " QFrame#doorBanner QLabel { color: #14532d; }")
_REFUSED = ("QFrame#doorBanner { background: #fde7e9; border: 1px solid #e8a1a8;"
            " border-radius: 4px; } QFrame#doorBanner QLabel { color: #7f0d1a; }")
#: The banner's type, as a multiple of the window's font.
SCALE = 1.35


class DoorBanner(QFrame):
    """One sentence, green or red; hidden when there is nothing to say."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("doorBanner")
        self._label = QLabel()
        self._label.setWordWrap(True)
        font = QFont(self._label.font())
        font.setPointSizeF(font.pointSizeF() * SCALE)
        self._label.setFont(font)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 8)
        layout.addWidget(self._label)
        self.refused = False
        self.hide()

    def say_done(self, text: str) -> None:
        """What was recorded."""
        self._say(text, refused=False)

    def say_refused(self, text: str) -> None:
        """Why nothing was recorded."""
        self._say(text, refused=True)

    def clear(self) -> None:
        self._label.clear()
        self.hide()

    def text(self) -> str:
        """The sentence shown ("" when hidden)."""
        return "" if self.isHidden() else self._label.text()

    def _say(self, text: str, *, refused: bool) -> None:
        self.refused = refused
        self.setStyleSheet(_REFUSED if refused else _DONE)
        self._label.setText(text)
        self.setVisible(bool(text))
        self.setAccessibleDescription(text)
