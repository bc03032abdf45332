"""Importing patronage records from a CSV file: choose the file, see what it would add, import.

The same two pages as the member import (`forms.member_import_dialog`). Page one: the file, and
the measure of rows when the file has no measure column. "Next" runs the real import in a
transaction rolled back (`Book.dry_run`, in the background): either every problem with its
row and column (nothing can be imported until the file is fixed: the import is all or none),
or the records it would add with the totals by measure, and the rows the book already holds
exactly (a file imported twice). "Import" then runs it behind a progress dialog that can cancel
it (`AppContext.run_long`).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.io.problems import ImportRefused, RowProblem
from coopdesk.patronage.importing import ImportResult, import_records
from coopdesk.progress import Progress
from coopdesk_ui.context import AppContext
from coopdesk_ui.jobs import run_in_background
from coopdesk_ui.models.member_import_problem_model import Column as ProblemColumn
from coopdesk_ui.models.member_import_problem_model import ImportProblemModel
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs
from coopdesk_ui.screens.patronage_import_model import ImportedRecordModel
from coopdesk_ui.screens.patronage_labels import quantity_text
from coopdesk_ui.widgets.field_error import FieldError
from coopdesk_ui.widgets.records_table import preview_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


class RecordImportDialog(QDialog):
    """Two pages: the file, then the preview and "Import". `outcome` is the import applied."""

    def __init__(self, context: AppContext, measures: Sequence[tuple[str, str]],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.data: bytes | None = None
        self.preview: ImportResult | None = None  # the dry run's
        self.problems: list[RowProblem] = []
        self.outcome: ImportResult | None = None
        self.setWindowTitle(_("Import patronage records"))
        self.resize(860, 560)

        self.path_edit = QLineEdit()
        self.path_edit.setPlaceholderText(_("Path of the records file (.csv)"))
        self.browse_button = QPushButton(_("&Browse") + ELLIPSIS)
        self.measure_combo = QComboBox()
        self.measure_combo.addItem(_("Named in the file"), None)
        for code, name in measures:
            self.measure_combo.addItem(name, code)
        self.file_error = FieldError()
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.problem_model = ImportProblemModel(context.formatter, self)
        self.record_model = ImportedRecordModel(context.formatter, self)
        self.problem_table = preview_table(self.problem_model)
        self.record_table = preview_table(self.record_model)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._preview_page())
        self.back_button = QPushButton(_("< &Back"))
        self.next_button = QPushButton(_("&Next >"))
        self.import_button = QPushButton(_("&Import"))
        self.cancel_button = QPushButton(_("Cancel"))
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button, self.cancel_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages, 1)
        layout.addLayout(buttons)
        self.browse_button.clicked.connect(self.browse)
        self.back_button.clicked.connect(lambda: self._show_page(0))
        self.next_button.clicked.connect(self.go_next)
        self.import_button.clicked.connect(self.apply)
        self.cancel_button.clicked.connect(self.reject)
        self.path_edit.textChanged.connect(lambda: self._show_page(0))
        self._show_page(0)

    def _file_page(self) -> QWidget:
        page = QWidget()
        intro = QLabel(_("Choose a list of patronage records saved as CSV from a spreadsheet: a "
                         "column with the member's number, the date, the measure (its code), the "
                         "quantity and, if you like, a reference. You will see what would be "
                         "added before anything is."))
        intro.setWordWrap(True)
        file_label = QLabel(_("&File:"))
        file_label.setBuddy(self.path_edit)
        measure_label = QLabel(_("&Measure of every row:"))
        measure_label.setBuddy(self.measure_combo)
        row = QHBoxLayout()
        row.addWidget(file_label)
        row.addWidget(self.path_edit, 1)
        row.addWidget(self.browse_button)
        measure_row = QHBoxLayout()
        measure_row.addWidget(measure_label)
        measure_row.addWidget(self.measure_combo)
        measure_row.addStretch(1)
        layout = QVBoxLayout(page)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addLayout(measure_row)
        layout.addWidget(self.file_error)
        layout.addStretch(1)
        return page

    def _preview_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary)
        layout.addWidget(self.problem_table, 1)
        layout.addWidget(self.record_table, 1)
        return page

    # -- page one -------------------------------------------------------------------------

    def browse(self) -> None:
        current = self.path_edit.text().strip()
        path = PatronageDialogs.ask_csv_path(self, Path(current).parent if current else None)
        if path is not None:
            self.path_edit.setText(str(path))

    def set_path(self, path: Path) -> None:
        self.path_edit.setText(str(path))

    def measure(self) -> str | None:
        data = self.measure_combo.currentData()
        return str(data) if data is not None else None

    def go_next(self) -> bool:
        """Read the file and try the import; False (the reason said on page one) if the file
        cannot be read at all."""
        text = self.path_edit.text().strip()
        if not text:
            self.file_error.say(_("Choose the file first."))
            return False
        path = Path(text)
        try:
            self.data = path.read_bytes()
        except OSError as exc:
            self.file_error.say(_("The file cannot be read: {reason}").format(
                reason=exc.strerror or str(exc)))
            return False
        book = self.context.host.require()
        data, measure, locale = self.data, self.measure(), book.settings.locale

        def dry_run(progress: Progress) -> ImportResult:
            return book.dry_run(import_records, data, locale=locale, measure=measure,
                                source=path.name, progress=progress)

        self.preview, self.problems = None, []
        try:
            result = run_in_background(self, _("Import patronage records"),
                                       _("Checking the file against the book") + ELLIPSIS, dry_run)
        except ImportRefused as exc:
            self.problems = list(exc.problems)
        except CoopdeskError as exc:
            self.file_error.say(exc.message)
            return False
        else:
            if result is None:  # cancelled
                return False
            self.preview = result
        self.file_error.say("")
        self._show_preview(path.name)
        self._show_page(1)
        return True

    # -- page two -------------------------------------------------------------------------

    def _show_preview(self, file: str) -> None:
        formatter = self.context.formatter
        self.problem_model.set_rows(self.problems)
        preview = self.preview
        self.record_model.set_repeated(preview.repeated if preview is not None else ())
        self.record_model.set_rows(preview.records if preview is not None else ())
        self.problem_table.setVisible(bool(self.problems))
        self.record_table.setVisible(preview is not None)
        for table, stretch in ((self.problem_table, ProblemColumn.REASON),
                               (self.record_table, 6)):
            table.resizeColumnsToContents()
            table.horizontalHeader().setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
        if preview is None:
            count = len(self.problems)
            self.summary.setText(ngettext(
                "{file} has {count} problem, listed below with its row and column.",
                "{file} has {count} problems, listed below with their rows and columns.",
                count).format(file=file, count=count) + " " + _(
                "Nothing can be imported until every problem is fixed: correct the file, save "
                "it, then press Next again."))
            return
        lines = [ngettext("{count} record will be added:", "{count} records will be added:",
                          preview.added).format(count=formatter.number(preview.added))]
        for total in preview.totals:
            lines.append("\N{BULLET} " + ngettext(
                "{measure}: {quantity} from {members} member",
                "{measure}: {quantity} from {members} members", total.members).format(
                measure=total.measure, quantity=quantity_text(total.quantity, total.unit, formatter),
                members=formatter.number(total.members)))
        if preview.repeated:
            lines.append(ngettext(
                "{count} row (grey) is exactly like a record already in the book: was this file "
                "imported before?",
                "{count} rows (grey) are exactly like records already in the book: was this "
                "file imported before?", len(preview.repeated)).format(count=len(preview.repeated)))
        lines.append(_("Nothing has been added yet."))
        self.summary.setText("<br>".join(_escape(line) for line in lines))

    def can_import(self) -> bool:
        return self.preview is not None and self.preview.added > 0 and self.context.writable

    def apply(self) -> bool:
        """Import the file for real; close once done. False if refused or cancelled."""
        if not self.can_import() or self.data is None:
            return False
        book = self.context.host.require()
        changes = self.context.run_long(_("Importing patronage records"), import_records,
                                        self.data, locale=book.settings.locale,
                                        measure=self.measure(),
                                        source=Path(self.path_edit.text().strip()).name)
        if changes is None:
            return False
        self.outcome = changes.result
        self.accept()
        return True

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        previewing = page == 1
        self.back_button.setVisible(previewing)
        self.next_button.setVisible(not previewing)
        self.import_button.setVisible(previewing)
        self.import_button.setEnabled(previewing and self.can_import())
        if previewing and self.preview is not None:
            self.import_button.setText(ngettext("&Import {count} record", "&Import {count} records",
                                                self.preview.added).format(count=self.preview.added))
        self.next_button.setEnabled(bool(self.path_edit.text().strip()))
        self.next_button.setDefault(not previewing)
        self.import_button.setDefault(previewing and self.import_button.isEnabled())


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
