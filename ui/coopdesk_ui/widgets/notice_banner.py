"""A strip above a screen telling the user what they must know about the open book.

The core reports such things as `Book.notices` (read-only storage, upgraded with a backup,
written by a newer version); a banner keeps them in sight without a modal dialog.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from coopdesk.i18n import _

_STYLE = """
QFrame#noticeBanner { background: #fff4ce; border: 1px solid #e3c567; border-radius: 4px; }
QFrame#noticeBanner QLabel { color: #3d3000; }
"""


class NoticeBanner(QFrame):
    """Shows a list of notices, one per line, until dismissed or replaced; hidden when empty."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("noticeBanner")
        self.setStyleSheet(_STYLE)
        self._label = QLabel()
        self._label.setWordWrap(True)
        dismiss = QPushButton(_("Dismiss"))
        dismiss.setFlat(True)
        dismiss.clicked.connect(self.hide)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 6, 6)
        layout.addWidget(self._label, 1)
        layout.addWidget(dismiss)
        self.hide()

    def show_notices(self, notices: Sequence[str]) -> None:
        """Show `notices`, or hide the banner when there are none."""
        self._label.setText("\n".join(notices))
        self.setVisible(bool(notices))

    def text(self) -> str:
        """The notices shown, one per line."""
        return self._label.text()
