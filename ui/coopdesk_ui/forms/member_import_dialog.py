"""Importing a member list: choose the file, see what it would do, then import.

The same two pages as the bank import (`bank_import_dialog`). Page one reads and checks the file
(`member_import_preview.read_member_file`): a file that is not a member list is refused there
with one message. Page two shows a dry run of the real import, in the background
(`coopdesk_ui.jobs.run_in_background`): the new members, the rows already in the book (importing the
same file again adds nobody), and every problem with its row, column and reason. The import is
all or none, so nothing can be imported while any problem is left: the treasurer fixes the
file and reads it again. "Import" runs the import behind a progress dialog that can cancel it
(`AppContext.run_long`); the register then shows the new members, the first one selected.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from pathlib import Path

from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.members.importing import ImportedMember, import_members
from coopdesk.progress import Progress
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.file_import_dialog import FileImportDialog
from coopdesk_ui.forms.member_import_dialogs import MemberImportDialogs
from coopdesk_ui.forms.member_import_preview import (
    FileRefused,
    MemberFile,
    MemberImportPreview,
    preview_members,
    read_member_file,
)
from coopdesk_ui.jobs import run_in_background
from coopdesk_ui.models import member_import_model, member_import_problem_model
from coopdesk_ui.models.member_import_model import EXISTING_ONLY, NEW_ONLY, MemberImportModel
from coopdesk_ui.models.member_import_problem_model import ImportProblemModel
from coopdesk_ui.targets import MemberTarget
from coopdesk_ui.widgets.records_table import preview_table

_PROBLEM_STYLE = "color: #b00020;"
_ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
_MESSAGE_MS = 10000
#: A table with more rows than this takes its share of the page and scrolls.
_FULL_HEIGHT_ROWS = 8
_NO_LIMIT = 16777215  # QWIDGETSIZE_MAX


class MemberImportDialog(FileImportDialog):
    """Two pages: choose the file, then preview and import. `outcome` is the import applied."""

    def __init__(self, context: AppContext, names: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._names = dict(names)
        self.member_file: MemberFile | None = None
        self.preview: MemberImportPreview | None = None
        self.outcome: list[ImportedMember] | None = None
        self.setWindowTitle(_("Import members from a list"))
        self.resize(900, 600)

        self.read_again_button = QPushButton(_("Read a&gain"))
        self.read_again_button.setToolTip(
            _("Read the file again, once you have fixed and saved it"))
        self.import_button = QPushButton()
        self._build(self.import_button, left=(self.read_again_button,))
        self.read_again_button.clicked.connect(self.go_next)
        self._show_page(0)

    # -- page one: the file ---------------------------------------------------------------

    def _make_choose_page(self) -> QWidget:
        page = self._file_page(
            _("Choose a member list saved as CSV from a spreadsheet. It needs a "
              "column with the members' names (or first and last names); a member "
              "number, join date, class, address, e-mail and phone are taken too. "
              "You will see who would be added before anyone is."),
            _("Path of the member list (.csv)"), _("&Browse") + _ELLIPSIS)
        self.file_problem.setTextFormat(Qt.TextFormat.PlainText)
        return page

    def _ask_path(self, start: Path | None) -> Path | None:
        return MemberImportDialogs.ask_csv_path(self, start)

    def go_next(self) -> bool:
        """Read the file and preview it; False (the reason said on page one) if it cannot be."""
        self.file_problem.clear()
        text = self.path_edit.text().strip()
        if not text:
            self.file_problem.setText(_("Choose the member list first."))
            return self._stay_on_file()
        try:
            member_file = read_member_file(Path(text), self.context.formatter)
            book, names = self.context.host.require(), self._names

            def dry_run(progress: Progress) -> MemberImportPreview:
                return preview_members(book, member_file, names, progress=progress)

            preview = run_in_background(self, _("Import members"),
                                        _("Checking the list against the book") + _ELLIPSIS,
                                        dry_run)
        except (FileRefused, CoopdeskError) as exc:  # the file, or the book refused the trial
            self.file_problem.setText(exc.message)
            return self._stay_on_file()
        if preview is None:  # cancelled: the file is still chosen
            return self._stay_on_file()
        self.member_file, self.preview = member_file, preview
        self._show_preview(member_file, preview)
        self._show_page(1)
        return True

    def _stay_on_file(self) -> bool:
        self.member_file = self.preview = None
        self._show_page(0)
        self.path_edit.setFocus()
        return False

    # -- page two: the preview ------------------------------------------------------------

    def _make_preview_page(self) -> QWidget:
        page = QWidget()
        formatter = self.context.formatter
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.problem_model = ImportProblemModel(formatter, self)
        self.new_model = MemberImportModel(formatter, existing=False, parent=self)
        self.existing_model = MemberImportModel(formatter, existing=True, parent=self)
        self.problem_title = QLabel()
        self.problem_title.setStyleSheet(_PROBLEM_STYLE)
        self.problem_table = _make_table(self.problem_model)
        self.new_title = QLabel()
        self.new_table = _make_table(self.new_model, hidden=EXISTING_ONLY)
        self.existing_title = QLabel()
        self.existing_table = _make_table(self.existing_model, hidden=NEW_ONLY)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setEnabled(False)  # muted: worth knowing, not a problem
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        for title, table, stretch in ((self.problem_title, self.problem_table, 2),
                                      (self.new_title, self.new_table, 3),
                                      (self.existing_title, self.existing_table, 2)):
            layout.addSpacing(4)
            layout.addWidget(title)
            layout.addWidget(table, stretch)
        layout.addWidget(self.note_label)
        layout.addStretch(0)  # below short tables, not inside them
        return page

    def _show_preview(self, member_file: MemberFile, preview: MemberImportPreview) -> None:
        self.problem_model.set_rows(preview.problems)
        self.new_model.set_rows(preview.to_add)
        self.existing_model.set_rows(preview.existing)
        _fit(self.problem_table, member_import_problem_model.Column.REASON)
        _fit(self.new_table, member_import_model.Column.NAME)
        _fit(self.existing_table, member_import_model.Column.IN_BOOK)
        new, existing, problems = len(preview.to_add), len(preview.existing), len(preview.problems)
        file = member_file.path.name

        self.problem_title.setText(ngettext(
            "<b>{count} problem</b> \N{EM DASH} fix it in the file",
            "<b>{count} problems</b> \N{EM DASH} fix them in the file",
            problems).format(count=problems))
        self.new_title.setText(ngettext(
            "<b>{count} new member</b> \N{EM DASH} added when you import",
            "<b>{count} new members</b> \N{EM DASH} added when you import", new).format(count=new)
            if new else _("<b>New members</b> \N{EM DASH} none"))
        self.existing_title.setText(ngettext(
            "<b>{count} already in the book</b> \N{EM DASH} left as they are",
            "<b>{count} already in the book</b> \N{EM DASH} left as they are",
            existing).format(count=existing))
        for widget, shown in ((self.problem_title, problems), (self.problem_table, problems),
                              (self.new_table, new), (self.existing_title, existing),
                              (self.existing_table, existing)):
            widget.setVisible(bool(shown))

        if problems:
            summary = ngettext(
                "{file} has {count} problem, listed below with its row and column.",
                "{file} has {count} problems, listed below with their rows and columns.",
                problems).format(file=file, count=problems)
            summary += " " + _("Nothing can be imported until every problem is fixed: correct "
                               "the file in the spreadsheet, save it as CSV, then press "
                               "\N{LEFT DOUBLE QUOTATION MARK}Read again"
                               "\N{RIGHT DOUBLE QUOTATION MARK}.")
        elif new:
            summary = ngettext("{count} new member will be added.",
                               "{count} new members will be added.", new).format(count=new)
            if existing:
                summary += " " + ngettext(
                    "{count} row is a member already in the book and is left as it is.",
                    "{count} rows are members already in the book and are left as they are.",
                    existing).format(count=existing)
            summary += " " + _("Nobody has been added yet.")
        else:
            summary = _("Everyone in {file} is already in the book: there is nobody to "
                        "add.").format(file=file)
        self.summary_label.setText(summary)

        notes = []
        parsed = member_file.parsed
        if parsed.encoding == "cp1252":
            notes.append(_("The file was read as Windows text (Windows-1252), not UTF-8: check "
                           "that accented names look right."))
        if parsed.ignored_columns:
            notes.append(_("Columns not used: {columns}.").format(
                columns=", ".join(parsed.ignored_columns)))
        self.note_label.setText("  ".join(notes))
        self.note_label.setVisible(bool(notes))

        if problems:
            self.import_button.setText(_("&Import"))
            self.import_button.setToolTip(_("Fix the problems in the file first"))
        elif new:
            self.import_button.setText(ngettext("&Import {count} member", "&Import {count} members",
                                                new).format(count=new))
            self.import_button.setToolTip("")
        else:
            self.import_button.setText(_("Nobody new to import"))
            self.import_button.setToolTip("")

    def can_import(self) -> bool:
        """Whether the preview shows members to add and no problem."""
        preview = self.preview
        return preview is not None and not preview.problems and bool(preview.to_add)

    def apply(self) -> bool:
        """Import the members, behind a progress dialog; close once they are. False if the
        import cannot be made, was cancelled or refused (then nothing was added)."""
        if not self.can_import() or self.member_file is None or not self.context.writable:
            return False
        parsed = self.member_file.parsed
        changes = self.context.run_long(_("Importing members"), import_members, parsed.records,
                                        parsed.source)
        if changes is None:
            return False
        self.outcome = list(changes.result)
        self._tell_window()
        self.accept()
        return True

    def added_count(self) -> int:
        """How many members the import applied added."""
        return sum(1 for row in self.outcome or () if row.action == "added")

    def _tell_window(self) -> None:
        added = [row for row in self.outcome or () if row.action == "added"]
        if added:
            self.context.navigate("members", MemberTarget(added[0].number))
        window = self.context.window
        if isinstance(window, QMainWindow):
            window.statusBar().showMessage(ngettext(
                "Imported {count} member from {file}.", "Imported {count} members from {file}.",
                len(added)).format(count=len(added), file=self.member_file.path.name
                                   if self.member_file else ""), _MESSAGE_MS)

    # -- pages and buttons --------------------------------------------------------------

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        previewing = page == 1
        self.back_button.setVisible(previewing)
        self.read_again_button.setVisible(previewing)
        self.next_button.setVisible(not previewing)
        self.import_button.setVisible(previewing)
        self.import_button.setEnabled(previewing and self.can_import() and self.context.writable)
        # Enter presses the button that moves on (Read again while there are problems to fix);
        # Esc cancels (QDialog).
        self.next_button.setDefault(not previewing)
        self.import_button.setDefault(previewing and self.import_button.isEnabled())
        self.read_again_button.setDefault(previewing and not self.import_button.isEnabled())
        if previewing:
            if self.import_button.isEnabled():
                self.import_button.setFocus()
            else:
                self.read_again_button.setFocus()
        self._follow_path()


def _make_table(model: QAbstractItemModel, hidden: Collection[int] = ()) -> QTableView:
    table = preview_table(model)
    for column in hidden:
        table.setColumnHidden(column, True)
    return table


def _fit(table: QTableView, stretch: int) -> None:
    """Columns as wide as their contents, `stretch` taking the rest; a table of a few rows as
    tall as they are, so the page shows no empty table bodies."""
    table.resizeColumnsToContents()
    table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
    rows = table.model().rowCount()
    if rows > _FULL_HEIGHT_ROWS:
        table.setMaximumHeight(_NO_LIMIT)
        return
    height = (table.horizontalHeader().sizeHint().height() + 2 * table.frameWidth()
              + rows * table.verticalHeader().defaultSectionSize())
    table.setMaximumHeight(height)
