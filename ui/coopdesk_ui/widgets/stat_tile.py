"""Tiles for a dashboard: one figure in large type, a caption saying what it counts, and an
optional line of detail under it.

`StatTile` only shows; `ButtonTile` is a push button (focus, Space and Enter, a hand cursor, a
button to screen readers) for a figure the user can open. Both take their colours from the
palette, so they follow the theme.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QVBoxLayout, QWidget

_FRAME = ("{kind}#statTile {{ background: palette(base); border: 1px solid palette(mid);"
          " border-radius: 6px; text-align: left; }}")
_BUTTON_STATES = ("QPushButton#statTile:hover { border-color: palette(highlight); }"
                  "QPushButton#statTile:focus { border: 2px solid palette(highlight); }"
                  "QPushButton#statTile:pressed { background: palette(button); }")


class _TileText:
    """The three labels of a tile, stacked in `owner`'s layout."""

    def __init__(self, owner: QWidget, caption: str) -> None:
        self.value = QLabel("\N{EM DASH}")
        font = QFont(self.value.font())
        font.setPointSizeF(font.pointSizeF() * 1.9)
        font.setBold(True)
        self.value.setFont(font)
        self.caption = QLabel(caption)
        self.caption.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        layout = QVBoxLayout(owner)
        layout.setContentsMargins(14, 10, 14, 10)
        layout.setSpacing(2)
        layout.addWidget(self.caption)
        layout.addWidget(self.value)
        layout.addWidget(self.detail)
        layout.addStretch(1)
        self.follow_palette(owner.palette())

    def follow_palette(self, palette: QPalette) -> None:
        """Write the detail in the theme's muted text colour. (A style sheet rule, since a
        push button's style sheet would override a palette set on the labels on it.)"""
        muted = palette.color(QPalette.ColorRole.PlaceholderText)  # often text, half transparent
        self.detail.setStyleSheet(
            f"color: rgba({muted.red()}, {muted.green()}, {muted.blue()}, {muted.alpha()});")

    def set(self, value: str, detail: str = "") -> None:
        self.value.setText(value)
        self.detail.setText(detail)
        self.detail.setVisible(bool(detail))

    def spoken(self) -> str:
        """The tile read aloud: caption, figure, detail."""
        return ", ".join(t for t in (self.caption.text(), self.value.text(), self.detail.text()) if t)


class StatTile(QFrame):
    """A figure with its caption, read-only."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statTile")
        self.setStyleSheet(_FRAME.format(kind="QFrame"))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._text = _TileText(self, caption)
        self.set_value("\N{EM DASH}")

    def set_value(self, value: str, detail: str = "") -> None:
        """Show `value` in large type, and `detail` (if any) under it."""
        self._text.set(value, detail)
        self.setAccessibleName(self._text.spoken())

    def set_caption(self, caption: str) -> None:
        self._text.caption.setText(caption)
        self.setAccessibleName(self._text.spoken())

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._text.follow_palette(self.palette())

    def value_text(self) -> str:
        return self._text.value.text()

    def caption_text(self) -> str:
        return self._text.caption.text()

    def detail_text(self) -> str:
        return self._text.detail.text()


class ButtonTile(QPushButton):
    """A figure with its caption that the user clicks (or presses) to see what it counts."""

    def __init__(self, caption: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statTile")
        self.setStyleSheet(_FRAME.format(kind="QPushButton") + _BUTTON_STATES)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self._text = _TileText(self, caption)
        for label in (self._text.value, self._text.caption, self._text.detail):
            # Clicks go to the button underneath, not to the labels on it.
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.set_value("\N{EM DASH}")

    def set_value(self, value: str, detail: str = "") -> None:
        """Show `value` in large type, and `detail` (if any) under it."""
        self._text.set(value, detail)
        self.setAccessibleName(self._text.spoken())
        self.updateGeometry()

    def value_text(self) -> str:
        return self._text.value.text()

    def caption_text(self) -> str:
        return self._text.caption.text()

    def detail_text(self) -> str:
        return self._text.detail.text()

    def sizeHint(self) -> QSize:
        # A push button sizes itself by its own text, which it has none of: use the labels'.
        layout = self.layout()
        return layout.sizeHint() if layout is not None else super().sizeHint()

    def minimumSizeHint(self) -> QSize:
        layout = self.layout()
        return layout.minimumSize() if layout is not None else super().minimumSizeHint()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self._text.follow_palette(self.palette())
