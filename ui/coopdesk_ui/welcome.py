"""What the window shows when no book is open: create, open, or try the demo co-op.

Each choice is a large button saying in one line what it does, for a volunteer opening the app
for the first time; below them, the books opened recently, each one click away.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QCommandLinkButton, QLabel, QVBoxLayout, QWidget

from coopdesk.i18n import _

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
COLUMN_WIDTH = 520
# The three choices framed like cards, so they read as buttons before the mouse is over them.
CHOICE_STYLE = """
QCommandLinkButton#choice { border: 1px solid palette(mid); border-radius: 6px;
                            background: palette(base); padding: 10px; }
QCommandLinkButton#choice:hover { border-color: palette(highlight); }
QCommandLinkButton#choice:focus { border: 2px solid palette(highlight); }
"""


class WelcomePage(QWidget):
    """Three big choices and the recently opened books."""

    create_requested = Signal()
    open_requested = Signal()
    demo_requested = Signal()
    recent_requested = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        heading = QLabel(_("Welcome to coopdesk"))
        heading.setFont(_scaled(heading.font(), 1.8, bold=True))
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel(_("The books of your co-op: members, dues, payments and the ledger."))
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro.setWordWrap(True)
        self.create_button = QCommandLinkButton(
            _("Create a new co-op book") + ELLIPSIS,
            _("Your co-op's name, currency and language, and a first dues plan."))
        self.open_button = QCommandLinkButton(
            _("Open a book") + ELLIPSIS,
            _("A coopdesk book on this computer, a USB stick or a shared folder."))
        self.demo_button = QCommandLinkButton(
            _("Try the demo co-op"),
            _("A made-up co-op with three years of books, to look around safely."))
        self.create_button.clicked.connect(self.create_requested)
        self.open_button.clicked.connect(self.open_requested)
        self.demo_button.clicked.connect(self.demo_requested)
        self.recent_heading = QLabel(_("Recently opened"))
        self.recent_heading.setFont(_scaled(self.recent_heading.font(), 1.1, bold=True))
        self.recent_heading.hide()
        self._recent = QVBoxLayout()
        self._recent.setSpacing(0)

        column = QVBoxLayout()
        column.addStretch(1)
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(20)
        for button in (self.create_button, self.open_button, self.demo_button):
            button.setObjectName("choice")
            button.setAutoDefault(True)  # Enter, not only Space, presses the focused choice
            button.setStyleSheet(CHOICE_STYLE)
            column.addWidget(button)
            column.addSpacing(6)
        column.addSpacing(20)
        column.addWidget(self.recent_heading)
        column.addLayout(self._recent)
        column.addStretch(2)
        holder = QWidget()
        holder.setLayout(column)
        holder.setFixedWidth(COLUMN_WIDTH)
        outer = QVBoxLayout(self)
        outer.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        self.create_button.setFocus()

    def show_recent(self, books: list[Path]) -> None:
        """List `books` under the three choices: the file's name, and the folder it is in."""
        while (item := self._recent.takeAt(0)) is not None:
            widget = item.widget()
            if widget is not None:
                widget.deleteLater()
        self.recent_heading.setVisible(bool(books))
        for path in books:
            button = RecentBookButton(path)
            button.chosen.connect(self.recent_requested)
            self._recent.addWidget(button)


class RecentBookButton(QCommandLinkButton):
    """A recently opened book: its file name, and the folder it is in."""

    chosen = Signal(Path)

    def __init__(self, path: Path, parent: QWidget | None = None) -> None:
        super().__init__(path.name, str(path.parent), parent)
        self.path = path
        self.setToolTip(str(path))
        self.setAutoDefault(True)
        self.clicked.connect(self._choose)

    def _choose(self) -> None:
        self.chosen.emit(self.path)


def _scaled(font: QFont, factor: float, *, bold: bool) -> QFont:
    scaled = QFont(font)
    scaled.setPointSizeF(font.pointSizeF() * factor)
    scaled.setBold(bold)
    return scaled
