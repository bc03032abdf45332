"""The "Run dues through…" dialog: pick a month, see every charge it would post, then post.

Nothing is written until "Post charges": the preview is the core's own `preview_dues_run`, so
what is shown is what `run_dues` charges. The run goes through `context.run_long` (a worker
thread, a progress dialog, Cancel rolls it all back). A run repeated for the same month charges
nothing, and the dialog says so rather than showing an empty table.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.dues.run import DuesRunResult, PlannedCharge, preview_dues_run, run_dues
from coopdesk.i18n import _, ngettext
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.dues_preview_model import Column, DuesPreviewModel
from coopdesk_ui.models.plan_model import month_name
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.widgets.column_footer import ColumnFooter
from coopdesk_ui.widgets.records_table import records_table


class DuesRunDialog(QDialog):
    """Previews and posts a dues run; `run_result` is the run's outcome once posted."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.setWindowTitle(_("Run dues"))
        self.context = context
        self.run_result: DuesRunResult | None = None
        self.planned: list[PlannedCharge] = []
        today = clock.today()

        self.month_combo = QComboBox()
        for month in range(1, 13):
            self.month_combo.addItem(month_name(context.formatter, month), month)
        self.month_combo.setCurrentIndex(today.month - 1)
        self.year_spin = QSpinBox()
        self.year_spin.setRange(1900, 9999)
        self.year_spin.setGroupSeparatorShown(False)
        self.year_spin.setKeyboardTracking(False)  # preview 2027, not 2, 20 and 202
        self.year_spin.setValue(today.year)
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        font = self.summary_label.font()
        font.setBold(True)
        self.summary_label.setFont(font)
        self.model = DuesPreviewModel(context.formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table = self._make_table()
        self.footer = ColumnFooter(self.table)
        self.buttons = QDialogButtonBox()
        self.post_button = QPushButton(_("&Post charges"))
        self.buttons.addButton(self.post_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self._lay_out()

        self.month_combo.currentIndexChanged.connect(self.refresh_preview)
        self.year_spin.valueChanged.connect(self.refresh_preview)
        self.post_button.clicked.connect(self.post)
        self.buttons.rejected.connect(self.reject)
        self.resize(760, 520)
        self.refresh_preview()

    def _lay_out(self) -> None:
        picker = QHBoxLayout()
        caption = QLabel(_("Charge every period due &through the end of"))
        caption.setBuddy(self.month_combo)
        picker.addWidget(caption)
        picker.addWidget(self.month_combo)
        picker.addWidget(self.year_spin)
        picker.addStretch(1)
        note = QLabel(_("Periods already charged are never charged again, so running a month "
                        "twice is safe. Nothing is posted until you press Post charges."))
        note.setWordWrap(True)
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(picker)
        layout.addWidget(note)
        layout.addWidget(self.summary_label)
        tabled = QVBoxLayout()
        tabled.setSpacing(0)
        tabled.addWidget(self.table)
        tabled.addWidget(self.footer)
        layout.addLayout(tabled, 1)
        layout.addStretch(0)  # takes the room when there is no table
        layout.addWidget(self.buttons)

    def _make_table(self) -> QTableView:
        table = records_table(self.proxy, Column.NAME, sortable=True,
                              selection=QAbstractItemView.SelectionMode.ExtendedSelection)
        table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)  # the core's order: by member name
        return table

    # -- the month and what it would charge -----------------------------------------------

    def year_month(self) -> tuple[int, int]:
        """The month chosen, as (year, month)."""
        return self.year_spin.value(), int(self.month_combo.currentData())

    def set_month(self, year: int, month: int) -> None:
        """Choose `year`-`month` (the preview follows)."""
        self.year_spin.setValue(year)
        self.month_combo.setCurrentIndex(month - 1)

    def month_text(self) -> str:
        year, month = self.year_month()
        return self.context.formatter.month(dt.date(year, month, 1), "long_year")

    def total(self) -> Money:
        """What the previewed charges add up to."""
        return sum((c.amount for c in self.planned), Money.zero(self.context.currency))

    def refresh_preview(self) -> None:
        """Ask the core what a run through the chosen month would charge, and show it."""
        self.planned = self.context.read(preview_dues_run, *self.year_month())
        self.model.set_rows(self.planned)
        # An empty table says nothing the sentence above it does not.
        self.table.setVisible(bool(self.planned))
        self.footer.setVisible(bool(self.planned))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(Column.NAME,
                                                           QHeaderView.ResizeMode.Stretch)
        self.footer.clear()
        if self.planned:
            self.summary_label.setText(self.preview_text())
            self.footer.set_text(Column.AMOUNT, self.context.formatter.money(self.total(),
                                                                              with_symbol=False))
            self.footer.set_text(Column.NUMBER, _("Total"), Qt.AlignmentFlag.AlignLeft)
        else:
            self.summary_label.setText(_(
                "Nothing to charge through {month}: no period falls due that is not charged "
                "already.").format(month=self.month_text()))
        self.post_button.setEnabled(bool(self.planned) and self.context.writable)
        if not self.context.writable:
            self.post_button.setToolTip(_("This book is open for reading only."))

    def preview_text(self) -> str:
        """"Will charge 12 periods to 10 members, $120.00 in all, through November 2026."."""
        members = len({c.member_id for c in self.planned})
        return _("Will charge {periods} to {members}, {total} in all, through {month}.").format(
            periods=ngettext("{n} period", "{n} periods", len(self.planned)).format(
                n=len(self.planned)),
            members=ngettext("{n} member", "{n} members", members).format(n=members),
            total=self.context.formatter.money(self.total()), month=self.month_text())

    # -- posting --------------------------------------------------------------------------

    def post(self) -> None:
        """Post the charges in the background; then say what was charged."""
        if not self.planned or not self.context.writable:
            return
        year, month = self.year_month()
        month_text = self.month_text()
        changes = self.context.run_long(
            _("Charging dues through {month}\N{HORIZONTAL ELLIPSIS}").format(month=month_text),
            run_dues, year, month)
        self.refresh_preview()
        if changes is None:
            self.summary_label.setText(_("Cancelled: nothing was charged.") + " "
                                       + self.summary_label.text())
            return
        result: DuesRunResult = changes.result
        self.run_result = result
        self.close_button.setText(_("Close"))
        self.close_button.setDefault(True)  # Enter now closes
        self.summary_label.setText(self.result_text(result, month_text))

    def result_text(self, result: DuesRunResult, month_text: str) -> str:
        if not result.charges:
            return _("Nothing was charged through {month}: every period due was charged "
                     "already.").format(month=month_text)
        return _("Charged {periods} to {members}, {total} in all, through {month}.").format(
            periods=ngettext("{n} period", "{n} periods", result.charges).format(n=result.charges),
            members=ngettext("{n} member", "{n} members", result.members).format(n=result.members),
            total=self.context.formatter.money(result.total), month=month_text)
