"""The Patronage screen's records tab: the records of a year (or every year), of one member or
measure, newest first; the quick entry row under them; "Import CSV…".

The table shows at most `LIMIT` records (a year of a large co-op holds hundreds of thousands):
the filters narrow it, and the count says when more are not shown.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from coopdesk.i18n import _, ngettext
from coopdesk.patronage.measures import MeasureRow, list_measures
from coopdesk.patronage.records import RecordRow, list_records
from coopdesk.patronage.ui_queries import MemberName, PatronageYear, member_names, patronage_years
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs
from coopdesk_ui.screens.patronage_labels import year_text
from coopdesk_ui.screens.patronage_quick_entry import QuickEntry
from coopdesk_ui.screens.patronage_record_model import RecordModel
from coopdesk_ui.screens.patronage_tab import PatronageTab, fit_columns
from coopdesk_ui.widgets.member_finder import MemberFinder, MemberOption
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
#: The most records the table shows at once.
LIMIT = 2000
_ALL = "all"


def read_choices(session: Session) -> tuple[list[PatronageYear], list[MeasureRow], list[MemberName]]:
    """What the filters and the quick entry offer, in one read."""
    return patronage_years(session), list_measures(session), member_names(session)


class RecordsTab(PatronageTab):
    """Filters over the records table, the quick entry under it."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model = RecordModel(context.formatter, self)
        self.table = records_table(self.model, 2)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.year_combo = QComboBox()
        self.member_filter = MemberFinder()
        self.member_filter.setPlaceholderText(_("Every member"))
        self.member_filter.setClearButtonEnabled(True)
        self.member_filter.setMinimumWidth(200)
        self.measure_combo = QComboBox()
        self.count_label = QLabel()
        self.import_button = QPushButton(_("&Import CSV") + ELLIPSIS)
        self.import_button.setToolTip(_("Add the records of a list saved from a spreadsheet, "
                                        "after a preview"))
        self.entry = QuickEntry(context)
        self._lay_out()
        self.year_combo.currentIndexChanged.connect(self._show_records)
        self.measure_combo.currentIndexChanged.connect(self._show_records)
        self.member_filter.member_changed.connect(lambda _member: self._show_records())
        self.member_filter.textChanged.connect(self._member_text_changed)
        self.import_button.clicked.connect(self.import_records)
        self.clear()

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        for text, field in ((_("&Year:"), self.year_combo), (_("&Member:"), self.member_filter),
                            (_("Mea&sure:"), self.measure_combo)):
            caption = QLabel(text)
            caption.setBuddy(field)
            bar.addWidget(caption)
            bar.addWidget(field)
        bar.addSpacing(12)
        bar.addWidget(self.count_label)
        bar.addStretch(1)
        bar.addWidget(self.import_button)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.entry)

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        years, measures, members = self.context.read(read_choices)
        self.model.set_formatter(self.context.formatter)
        self._fill_years(years)
        self._fill_measures(measures)
        options = [MemberOption(m.number, m.name) for m in members]
        self.member_filter.blockSignals(True)
        self.member_filter.set_members(options)
        self.member_filter.blockSignals(False)
        self.entry.set_choices(options, measures)
        self._show_records()
        self.follow_writable()

    def clear(self) -> None:
        self.model.set_rows([])
        self.year_combo.clear()
        self.measure_combo.clear()
        self.count_label.clear()
        self.follow_writable()

    def follow_writable(self) -> None:
        writable = self.context.writable
        self.entry.set_enabled(writable)
        self.import_button.setEnabled(writable)
        self.entry.setToolTip("" if writable or self.context.host.book is None
                              else _("This book is open for reading only."))

    def start_search(self) -> None:
        self.member_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.member_filter.selectAll()

    def _fill_years(self, years: list[PatronageYear]) -> None:
        chosen = self.year_combo.currentData()
        self.year_combo.blockSignals(True)
        self.year_combo.clear()
        self.year_combo.addItem(_("Every year"), _ALL)
        for year in years:
            self.year_combo.addItem(year_text(year.year_start), year.year_start.isoformat())
        # First time: the newest year with records, not every year of a long-lived co-op.
        wanted = chosen if chosen is not None else (years[0].year_start.isoformat() if years else _ALL)
        self.year_combo.setCurrentIndex(max(0, self.year_combo.findData(wanted)))
        self.year_combo.blockSignals(False)

    def _fill_measures(self, measures: list[MeasureRow]) -> None:
        chosen = self.measure_combo.currentData()
        self.measure_combo.blockSignals(True)
        self.measure_combo.clear()
        self.measure_combo.addItem(_("Every measure"), None)
        for row in measures:
            self.measure_combo.addItem(row.name, row.code)
        self.measure_combo.setCurrentIndex(max(0, self.measure_combo.findData(chosen)))
        self.measure_combo.blockSignals(False)

    def _member_text_changed(self, text: str) -> None:
        if not text.strip():
            self._show_records()

    def _show_records(self) -> None:
        if self.context.host.book is None:
            return
        chosen = self.year_combo.currentData()
        date_from = date_to = None
        if isinstance(chosen, str) and chosen != _ALL:
            year = dt.date.fromisoformat(chosen)  # kept as text: findData cannot match a date
            date_from = year
            date_to = dt.date(year.year + 1, year.month, 1) - dt.timedelta(days=1)
        member = self.member_filter.member()
        if member is None and self.member_filter.text().strip():
            rows: list[RecordRow] = []  # a name that means no one yet: nothing, not everyone
        else:
            rows = self.context.read(list_records, date_from=date_from, date_to=date_to,
                                     member_number=member.number if member else None,
                                     measure_code=self.measure_combo.currentData(),
                                     limit=LIMIT + 1)
        more = len(rows) > LIMIT
        self.model.set_rows(rows[:LIMIT])
        fit_columns(self.table, 2)
        shown = self.context.formatter.number(min(len(rows), LIMIT))
        if more:
            self.count_label.setText(_("The newest {shown} records; narrow the filters to see "
                                       "others.").format(shown=shown))
        else:
            self.count_label.setText(ngettext("{count} record", "{count} records",
                                              len(rows)).format(count=shown))

    # -- importing ------------------------------------------------------------------------

    def import_records(self) -> None:
        """Open the import of a CSV of records (a preview first)."""
        if not self.context.writable:
            return
        from coopdesk_ui.screens.patronage_import_dialog import RecordImportDialog

        measures = [(self.measure_combo.itemData(i), self.measure_combo.itemText(i))
                    for i in range(1, self.measure_combo.count())]
        PatronageDialogs.run_form(RecordImportDialog(self.context, measures, self))
