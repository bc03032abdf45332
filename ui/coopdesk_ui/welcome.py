"""What the window shows when no book is open: create, open, or try the demo co-op."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.i18n import _

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


class WelcomePage(QWidget):
    """Three big choices and the recently opened books."""

    create_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(_("Welcome to coopdesk"))
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.8)
        font.setBold(True)
        heading.setFont(font)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel(_("The books of your co-op: members, dues, payments and the ledger."))
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.create_button = QPushButton(_("Create a new co-op book") + ELLIPSIS)
        self.open_button = QPushButton(_("Open a book") + ELLIPSIS)
        self.demo_button = QPushButton(_("Try the demo co-op"))
        self.create_button.clicked.connect(self.create_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self._recent = QVBoxLayout()

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(24)
        for button in (self.create_button, self.open_button, self.demo_button):
            button.setMinimumHeight(button.sizeHint().height() * 3 // 2)
            column.addWidget(button)
        column.addSpacing(16)
        column.addLayout(self._recent)
        column.addStretch(2)
        outer = QVBoxLayout(self)
        holder = QWidget()
        holder.setLayout(column)
        holder.setMaximumWidth(460)
        outer.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)

    def show_recent(self, books: list[Path]) -> None:
        """List `books` as links under the three choices."""
        while (item := self._recent.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        if not books:
            return
        self._recent.addWidget(QLabel(_("Recently opened:")))
        for path in books:
            button = QPushButton(path.name)
            button.setFlat(True)
            button.setToolTip(str(path))
            button.clicked.connect(lambda _checked=False, p=path: self.recent_requested.emit(p))
            self._recent.addWidget(button)
