"""Importing a bank export: choose the file, see what it would record, then apply.

Page one reads and checks the file (`coopdesk.io.bank_csv`); a file that cannot be imported is
refused with one message listing its problems, and nothing happens. Page two shows a dry run of
the real import (`Book.dry_run`, in the background: `bank_import_preview_job`): the matched rows, each with its member and how it was found,
and the unmatched ones with why; nothing is recorded yet. "Apply" then records the matched rows
(all of them when every row matched). A row imported before is never recorded twice: the core
recognises it and the preview says "skipped".
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from PySide6.QtWidgets import QHeaderView, QLabel, QPushButton, QVBoxLayout, QWidget

from coopdesk.dues.bank_import import BankImport, import_payments
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.io.bank_csv import BankCsv, BankRow, parse_bank_csv
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.bank_import_preview_job import preview_import
from coopdesk_ui.forms.file_import_dialog import FileImportDialog
from coopdesk_ui.forms.payment_dialogs import PaymentDialogs
from coopdesk_ui.models.payment_import_model import MATCHED_ONLY, Column, PaymentImportModel
from coopdesk_ui.widgets.records_table import preview_table

_MATCHED = frozenset({"record", "recorded"})


class BankImportDialog(FileImportDialog):
    """Two pages: choose the file, then preview and apply. `outcome` is the import applied."""

    def __init__(self, context: AppContext, names: Mapping[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._names = dict(names)
        self._rows: tuple[BankRow, ...] = ()
        self.preview: BankImport | None = None
        self.outcome: BankImport | None = None
        self.setWindowTitle(_("Import payments from a bank export"))
        self.resize(900, 560)

        self.apply_button = QPushButton()
        self._build(self.apply_button)
        self._show_page(0)

    # -- page one: the file ---------------------------------------------------------------

    def _make_choose_page(self) -> QWidget:
        return self._file_page(
            _("Choose the CSV file your bank exports. Each payment that came in is "
              "matched to a member by the member number or name in its reference. "
              "You will see what would be recorded before anything is."),
            _("Path of the bank export (.csv)"), _("&Browse\N{HORIZONTAL ELLIPSIS}"))

    def _ask_path(self, start: Path | None) -> Path | None:
        return PaymentDialogs.ask_bank_csv_path(self, start)

    def go_next(self) -> bool:
        """Read the file and preview it; False (the problem said on the page) if it cannot be."""
        self.file_problem.clear()
        text = self.path_edit.text().strip()
        if not text:
            self.file_problem.setText(_("Choose the bank export first."))
            return False
        path = Path(text)
        try:
            data = path.read_bytes()
        except OSError as exc:
            self.file_problem.setText(_("{file} cannot be read: {reason}").format(
                file=path, reason=exc.strerror or exc))
            return False
        try:
            parsed = parse_bank_csv(data, path.name, self.context.formatter, self.context.currency)
            parsed.refuse_if_problems()
            if not parsed.rows:
                self.file_problem.setText(_("{file} holds no payments coming in: there is nothing "
                                            "to import.").format(file=path.name))
                return False
        except CoopdeskError as exc:  # ImportRefused lists the file's problems; one message
            self.file_problem.setText(exc.message)
            return False
        preview, refusal = preview_import(self.context.host.require(), parsed.rows, self)
        if preview is None:
            self.file_problem.setText(refusal)  # "" when the user cancelled the preview
            return False
        self._rows = parsed.rows
        self._show_preview(parsed, preview)
        self._show_page(1)
        return True

    # -- page two: the preview ------------------------------------------------------------

    def _make_preview_page(self) -> QWidget:
        page = QWidget()
        formatter = self.context.formatter
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.matched_model = PaymentImportModel(formatter, matched=True, parent=self)
        self.unmatched_model = PaymentImportModel(formatter, matched=False, parent=self)
        self.matched_title = QLabel()
        self.matched_table = preview_table(self.matched_model)
        self.unmatched_title = QLabel()
        self.unmatched_table = preview_table(self.unmatched_model)
        for column in MATCHED_ONLY:
            self.unmatched_table.setColumnHidden(column, True)
        self.note_label = QLabel()
        self.note_label.setWordWrap(True)
        self.note_label.setEnabled(False)
        layout = QVBoxLayout(page)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.matched_title)
        layout.addWidget(self.matched_table, 3)
        layout.addWidget(self.unmatched_title)
        layout.addWidget(self.unmatched_table, 2)
        layout.addWidget(self.note_label)
        return page

    def _show_preview(self, parsed: BankCsv, preview: BankImport) -> None:
        self.preview = preview
        matched = [line for line in preview.lines if line.action != "unmatched"]
        unmatched = preview.unmatched
        self.matched_model.set_rows(matched, self._names)
        self.unmatched_model.set_rows(unmatched, self._names)
        for table in (self.matched_table, self.unmatched_table):
            table.resizeColumnsToContents()
            table.horizontalHeader().setSectionResizeMode(Column.REFERENCE, QHeaderView.ResizeMode.Stretch)
        to_record = self.to_record()
        before = sum(1 for line in matched if line.action == "already recorded")
        summary = ngettext("{count} payment came in.", "{count} payments came in.",
                           len(preview.lines)).format(count=len(preview.lines))
        summary += " " + _("{matched} matched a member, {unmatched} did not.").format(
            matched=len(matched), unmatched=len(unmatched))
        if before:
            summary += " " + ngettext("{count} was imported before and is skipped.",
                                      "{count} were imported before and are skipped.",
                                      before).format(count=before)
        summary += " " + _("Nothing has been recorded yet.")
        self.summary_label.setText(summary)
        self.matched_title.setText(_("<b>Matched</b> \N{EM DASH} recorded when you apply"))
        self.unmatched_title.setText(
            _("<b>Not matched</b> \N{EM DASH} not recorded; record them by hand on the "
              "Payments screen") if unmatched else _("<b>Not matched</b> \N{EM DASH} none"))
        self.unmatched_table.setVisible(bool(unmatched))
        notes = []
        if parsed.skipped:
            notes.append(ngettext("{count} row is not a payment (money going out or zero) and "
                                  "is left out.",
                                  "{count} rows are not payments (money going out or zero) and "
                                  "are left out.", len(parsed.skipped)).format(count=len(parsed.skipped)))
        if parsed.ignored_columns:
            notes.append(_("Columns not used: {columns}.").format(
                columns=", ".join(parsed.ignored_columns)))
        self.note_label.setText("  ".join(notes))
        self.note_label.setVisible(bool(notes))
        if to_record == 0:
            self.apply_button.setText(_("Nothing new to record"))
        elif unmatched:
            self.apply_button.setText(ngettext("&Apply the {count} matched payment",
                                               "&Apply the {count} matched payments",
                                               to_record).format(count=to_record))
        else:
            self.apply_button.setText(ngettext("&Apply {count} payment", "&Apply all {count} payments",
                                               to_record).format(count=to_record))

    def to_record(self) -> int:
        """How many payments applying would record."""
        if self.preview is None:
            return 0
        return sum(1 for line in self.preview.lines if line.action in _MATCHED)

    def apply(self) -> bool:
        """Record the matched payments; close the dialog when they are. False if refused."""
        if self.preview is None or self.to_record() == 0:
            return False
        accept_matched = bool(self.preview.unmatched)
        changes = self.context.run_long(_("Importing payments"), import_payments, self._rows,
                                        accept_matched=accept_matched)
        if changes is None:
            return False
        self.outcome = changes.result
        self.accept()
        return True

    def recorded_count(self) -> int:
        """How many payments the import applied recorded."""
        if self.outcome is None:
            return 0
        return sum(1 for line in self.outcome.lines if line.action == "recorded")

    # -- pages and buttons --------------------------------------------------------------

    def _show_page(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        previewing = page == 1
        self.back_button.setVisible(previewing)
        self.next_button.setVisible(not previewing)
        self.apply_button.setVisible(previewing)
        self.apply_button.setEnabled(previewing and self.to_record() > 0)
        # Enter presses the button that moves on; Esc cancels (QDialog).
        self.next_button.setDefault(not previewing)
        self.apply_button.setDefault(previewing)
        if previewing:
            self.apply_button.setFocus()
        self._follow_path()
