"""The skeleton of the two-page import dialogs (member list, bank export): choose a file, then
see what importing it would do and apply it.

Page one is an intro, the file's path with a Browse button, and where a file that cannot be
read or imported says why. Page two is the subclass's preview. Below both: Back, Next, the
subclass's apply button and Cancel (and, to the left, any buttons the subclass adds); Next is
enabled once a path is typed. A subclass builds its preview page, says how to ask for the file
(`_ask_path`), how to read it (`go_next`), to apply it (`apply`), and which buttons show on
which page (`_show_page`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.i18n import _
from coopdesk_ui.widgets.field_error import ERROR_STYLE


class FileImportDialog(QDialog):
    """Choose a file, then preview and apply; see the module docstring."""

    def _build(self, apply_button: QPushButton, left: Sequence[QPushButton] = ()) -> None:
        """Make the pages and the buttons (`left` before the stretch), and connect them."""
        self.pages = QStackedWidget()
        self.pages.addWidget(self._make_choose_page())
        self.pages.addWidget(self._make_preview_page())
        self.back_button = QPushButton(_("< &Back"))
        self.next_button = QPushButton(_("&Next >"))
        self.cancel_button = QPushButton(_("Cancel"))
        buttons = QHBoxLayout()
        for button in left:
            buttons.addWidget(button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, apply_button, self.cancel_button):
            buttons.addWidget(button)
        for button in (*left, self.back_button, self.next_button, apply_button,
                       self.cancel_button):
            button.setAutoDefault(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)

        self.back_button.clicked.connect(self.go_back)
        self.next_button.clicked.connect(self.go_next)
        apply_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)
        self.path_edit.textChanged.connect(self._follow_path)

    # -- page one: the file ---------------------------------------------------------------

    def _file_page(self, intro_text: str, placeholder: str, browse_text: str) -> QWidget:
        """Page one: `intro_text`, the path (`placeholder` when empty), Browse, the problem."""
        page = QWidget()
        intro = QLabel(intro_text)
        intro.setWordWrap(True)
        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(placeholder)
        label = QLabel(_("&File"))
        label.setBuddy(self.path_edit)
        self.browse_button = QPushButton(browse_text)
        self.browse_button.setAutoDefault(False)
        self.browse_button.clicked.connect(self.browse)
        self.file_problem = QLabel()
        self.file_problem.setStyleSheet(ERROR_STYLE)
        self.file_problem.setWordWrap(True)
        self.file_problem.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.file_problem)
        layout.addStretch(1)
        return page

    def browse(self) -> None:
        """Ask for the file and put its path in the field."""
        current = self.path_edit.text().strip()
        path = self._ask_path(Path(current).parent if current else None)
        if path is not None:
            self.path_edit.setText(str(path))
            self.next_button.setFocus()

    def set_path(self, path: Path) -> None:
        """Put `path` in the file field (what Browse does, without asking)."""
        self.path_edit.setText(str(path))

    def go_back(self) -> None:
        """Back to choosing the file."""
        self._show_page(0)
        self.path_edit.setFocus()

    def _follow_path(self) -> None:
        self.next_button.setEnabled(bool(self.path_edit.text().strip()))

    # -- what a subclass says -------------------------------------------------------------

    def _make_choose_page(self) -> QWidget:
        raise NotImplementedError

    def _make_preview_page(self) -> QWidget:
        raise NotImplementedError

    def _ask_path(self, start: Path | None) -> Path | None:
        """Ask the user for the file, starting in folder `start`; None if they cancel."""
        raise NotImplementedError

    def go_next(self) -> bool:
        """Read the file and preview it; False (the reason said on page one) if it cannot be."""
        raise NotImplementedError

    def apply(self) -> bool:
        """Apply the import previewed; False if it was not."""
        raise NotImplementedError

    def _show_page(self, page: int) -> None:
        raise NotImplementedError
