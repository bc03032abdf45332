"""The Dues screen's "Arrears" tab: members behind with their dues as of a date, sortable,
filterable, exported to CSV, and a double-click away from the member.

The CSV is the same file the command line writes (`coopdesk report arrears --format csv`):
the core's column names, plain numbers, ISO dates and text a spreadsheet would run as a formula
neutralised (coopdesk.io.csv_export), written whole or not at all (coopdesk.io.files). It
starts with a byte-order mark, which is how Excel knows the file is UTF-8 (Gonçalves, Weiß).
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.dues.queries import ArrearsRow, arrears
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.io.csv_export import csv_text
from coopdesk.io.files import write_atomically
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.arrears_model import ArrearsModel, Column
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.dues_dialogs import DuesDialogs
from coopdesk_ui.screens.dues_table import DuesTab, fit_columns, make_table
from coopdesk_ui.targets import MemberTarget
from coopdesk_ui.widgets.column_footer import ColumnFooter
from coopdesk_ui.widgets.date_edit import DateEdit

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
CSV_COLUMNS = tuple(field.name for field in dataclasses.fields(ArrearsRow))


def arrears_csv(rows: list[ArrearsRow]) -> str:
    """The arrears rows as CSV text, the core's fields as columns."""
    return csv_text(CSV_COLUMNS, ([getattr(row, name) for name in CSV_COLUMNS] for row in rows))


class ArrearsTab(DuesTab):
    """The arrears list with its date, filter, totals and export."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.model = ArrearsModel(context.formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterKeyColumn(-1)
        self.table = make_table(self.proxy, Column.NAME)
        self.table.sortByColumn(Column.MONTHS, Qt.SortOrder.DescendingOrder)
        self.table.setToolTip(_("Double-click a member to open them"))
        self.footer = ColumnFooter(self.table)
        self.as_of_edit = DateEdit(clock.today(), context.formatter.locale)
        self.as_of_edit.setToolTip(_("Charges due and payments received up to this day"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Filter by member, name or status"))
        self.filter_edit.setClearButtonEnabled(True)
        self.export_button = QPushButton(_("E&xport CSV") + ELLIPSIS)
        self.summary_label = QLabel()
        self.export_label = QLabel()
        self.export_label.setEnabled(False)
        self._lay_out()

        self.as_of_edit.dateChanged.connect(self.reload)
        self.filter_edit.textChanged.connect(self.proxy.setFilterFixedString)
        self.export_button.clicked.connect(self.export)
        self.table.doubleClicked.connect(self._open_member)

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        caption = QLabel(_("As &of"))
        caption.setBuddy(self.as_of_edit)
        bar.addWidget(caption)
        bar.addWidget(self.as_of_edit)
        bar.addSpacing(12)
        bar.addWidget(self.filter_edit)
        bar.addStretch(1)
        bar.addWidget(self.export_button)
        self.filter_edit.setMinimumWidth(260)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.summary_label)
        tabled = QVBoxLayout()
        tabled.setSpacing(0)
        tabled.addWidget(self.table, 1)
        tabled.addWidget(self.footer)
        layout.addLayout(tabled, 1)
        layout.addWidget(self.export_label)

    def reload(self) -> None:
        """Query the arrears as of the date shown, and show them with their totals."""
        if self.context.host.book is None:
            return  # the date was changed with no book open
        formatter = self.context.formatter
        self.model.set_formatter(formatter)
        self.as_of_edit.set_locale_name(formatter.locale)
        day = self.as_of_edit.value()
        rows = self.context.read(arrears, day)
        self.model.set_rows(rows)
        fit_columns(self.table)
        total = sum((row.amount for row in rows), Money.zero(self.context.currency))
        self.footer.clear()
        if rows:
            self.summary_label.setText(_("{members} owe {total} in all as of {day}.").format(
                members=ngettext("{n} member", "{n} members", len(rows)).format(n=len(rows)),
                total=formatter.money(total), day=formatter.date(day)))
            self.footer.set_text(Column.NUMBER, _("Total"), Qt.AlignmentFlag.AlignLeft)
            self.footer.set_text(Column.AMOUNT, formatter.money(total, with_symbol=False))
        else:
            self.summary_label.setText(_("No member is behind with their dues as of {day}.").format(
                day=formatter.date(day)))
        self.export_button.setEnabled(bool(rows))

    def clear(self) -> None:
        """Show nothing (no book is open)."""
        self.model.set_rows([])
        self.footer.clear()
        self.summary_label.clear()
        self.export_label.clear()
        self.export_button.setEnabled(False)

    def start_search(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    def export(self) -> None:
        """Write the arrears (all of them, whatever the filter) to a CSV file the user names."""
        book = self.context.host.book
        rows = list(self.model.rows())
        if book is None or not rows:
            return
        day = self.as_of_edit.value()
        suggested = book.path.parent / f"arrears-{day.isoformat()}.csv"
        path = DuesDialogs.ask_csv_path(self, _("Export the arrears list"), suggested)
        if path is None:
            return
        try:
            write_atomically(path, arrears_csv(rows), encoding="utf-8-sig")
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        self.export_label.setText(
            ngettext("Exported {n} member to {path}", "Exported {n} members to {path}",
                     len(rows)).format(n=len(rows), path=Path(path)))

    def _open_member(self, index: QModelIndex) -> None:
        self.context.navigate("members", MemberTarget(str(index.data(ID_ROLE))))
