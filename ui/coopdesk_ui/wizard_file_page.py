"""The new-book wizard's fourth page: where the book file goes (never over an existing file)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from coopdesk import paths
from coopdesk.book import BOOK_SUFFIX
from coopdesk.i18n import _
from coopdesk_ui.dialogs import Dialogs
from coopdesk_ui.widgets.field_error import FieldNote
from coopdesk_ui.widgets.hint_label import hint_label

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


def suggested_folder() -> Path:
    """The user's documents folder, where people look for their files; else coopdesk's own."""
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if documents and Path(documents).is_dir():
        return Path(documents)
    return paths.data_folder()


def suggested_path(folder: Path, coop_name: str) -> Path:
    """A new file in `folder` named after the co-op, not taken yet ("riverside-co-op-2")."""
    stem = re.sub(r"[^\w]+", "-", coop_name.casefold()).strip("-_") or "my-coop"
    candidate = folder / f"{stem}{BOOK_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{number}{BOOK_SUFFIX}"
        number += 1
    return candidate


def book_path(text: str) -> Path:
    """The path typed, with the book suffix added when it has none."""
    path = Path(text.strip()).expanduser()
    return path if path.suffix or not path.name else path.with_suffix(BOOK_SUFFIX)


class FilePage(QWizardPage):
    """Complete when the path names a new file in an existing folder (or coopdesk's own data
    folder, made when needed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(_("Where to keep the book"))
        self.setSubTitle(_("The whole book is this one file. Keep it where your backups reach "
                           "it; coopdesk also keeps copies of it after each session."))
        self.path_edit = QLineEdit()
        self.choose_button = QPushButton(_("C&hoose") + ELLIPSIS)
        self.note = FieldNote()
        self.note.touch()  # the path is filled in for the user: say at once if it is taken
        self._suggested = ""
        row = QHBoxLayout()
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.choose_button)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("&Save the book as:"), row)
        form.addRow("", self.note)
        form.addRow("", hint_label(_("An existing file is never replaced.")))
        label = form.labelForField(row)
        if isinstance(label, QLabel):
            label.setBuddy(self.path_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addStretch(1)
        self.path_edit.textChanged.connect(self._check)
        self.path_edit.textChanged.connect(self.completeChanged)
        self.choose_button.clicked.connect(self._choose)

    def suggest(self, coop_name: str) -> None:
        """Propose a file named after the co-op, unless the user has typed or chosen a path."""
        if self.path_edit.text() == self._suggested:
            self._suggested = str(suggested_path(suggested_folder(), coop_name))
            self.path_edit.setText(self._suggested)
        self._check()

    def path(self) -> Path:
        return book_path(self.path_edit.text())

    def isComplete(self) -> bool:
        return not self.note.problem

    def initializePage(self) -> None:
        self.path_edit.setFocus()

    def _choose(self) -> None:
        chosen = Dialogs.ask_save_path(self, _("Save the new book as"), self.path())
        if chosen is not None:
            self.path_edit.setText(str(chosen))

    def _check(self) -> None:
        self.note.set_problem(path_problem(self.path_edit.text()))


def path_problem(text: str) -> str:
    """What is wrong with `text` as the place of a new book ("" when nothing)."""
    if not text.strip():
        return _("Say where to save the book.")
    if Path(text.strip()).expanduser().is_dir() or not book_path(text).name:
        return _("That is a folder: add a name for the book's file.")
    path = book_path(text)
    if not path.is_absolute():
        return _("Give the whole path of the file, or use Choose{ellipsis}").format(
            ellipsis=ELLIPSIS)
    if path.exists() or path.is_symlink():
        return _("A file is already there: choose another name.")
    if not path.parent.is_dir() and path.parent != paths.data_folder():
        return _("There is no folder {folder}.").format(folder=path.parent)
    return ""
