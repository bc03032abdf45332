"""Who may vote at the selected meeting, and who may not and why, as of its record date.

Two tables side by side, both narrowed by one filter (number, name, class or reason): the
voters, and "May not vote" with the reason in words, so the board can settle questions before
the meeting rather than at the door. "Export CSV…" writes the voter roll (every eligible
voter, whatever the filter) as the command line's `meeting eligible --format csv` does.
"""

from __future__ import annotations

import io
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.i18n import _, ngettext
from coopdesk.io.csv_export import write_csv
from coopdesk.io.files import write_atomically
from coopdesk.meetings.eligibility import VoterRow
from coopdesk.meetings.queries import MeetingState
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.dues_table import heading
from coopdesk_ui.screens.meeting_excluded_model import ExcludedVoterModel
from coopdesk_ui.screens.meeting_voter_model import VoterModel
from coopdesk_ui.screens.patronage_tab import fit_columns
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
#: The voter roll's CSV columns (as the command line names them).
CSV_HEADER = ("number", "name", "class")


def voter_roll_csv(voters: tuple[VoterRow, ...]) -> str:
    """The eligible voters as CSV text: number, name, class (its name, or code)."""
    out = io.StringIO()
    write_csv(out, CSV_HEADER, ((v.number, v.name, v.class_name or v.class_code or "")
                                for v in voters if v.eligible))
    return out.getvalue()


class EligibilityTab(QWidget):
    """The voters and the members who may not vote, filtered together."""

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self.state: MeetingState | None = None
        self.voter_model = VoterModel(formatter, self)
        self.excluded_model = ExcludedVoterModel(formatter, self)
        self.voter_proxy = self._proxy(self.voter_model)
        self.excluded_proxy = self._proxy(self.excluded_model)
        self.voter_table = self._table(self.voter_proxy, 1)
        self.excluded_table = self._table(self.excluded_proxy, 3)
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Number, name, class or reason"))
        self.filter_edit.setClearButtonEnabled(True)
        self.filter_edit.setMinimumWidth(260)
        self.summary = QLabel()
        self.voters_heading = heading("")
        self.excluded_heading = heading("")
        self.export_button = QPushButton(_("E&xport CSV") + ELLIPSIS)
        self.export_button.setToolTip(_("Save the voter roll (number, name, class) for a "
                                        "spreadsheet"))
        self.export_label = QLabel()
        self.export_label.setWordWrap(True)
        self._lay_out()
        self.filter_edit.textChanged.connect(self._filter)
        self.show_state(None, formatter)

    @staticmethod
    def _proxy(model: VoterModel | ExcludedVoterModel) -> RawValueSortProxy:
        proxy = RawValueSortProxy(model)
        proxy.setSourceModel(model)
        proxy.setFilterKeyColumn(-1)  # any column: number, name, class or reason
        return proxy

    @staticmethod
    def _table(proxy: RawValueSortProxy, stretch: int) -> QTableView:
        table = records_table(proxy, stretch, sortable=True)
        table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
        return table

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        caption = QLabel(_("F&ilter:"))
        caption.setBuddy(self.filter_edit)
        bar.addWidget(caption)
        bar.addWidget(self.filter_edit)
        bar.addSpacing(12)
        bar.addWidget(self.summary, 1)
        bar.addWidget(self.export_button)
        voters = QVBoxLayout()
        voters.addWidget(self.voters_heading)
        voters.addWidget(self.voter_table, 1)
        excluded = QVBoxLayout()
        excluded.addWidget(self.excluded_heading)
        excluded.addWidget(self.excluded_table, 1)
        tables = QHBoxLayout()
        tables.addLayout(voters, 5)
        tables.addSpacing(12)
        tables.addLayout(excluded, 7)
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addLayout(tables, 1)
        layout.addWidget(self.export_label)

    def show_state(self, state: MeetingState | None, formatter: Formatter) -> None:
        """Show who may vote at `state`'s meeting (None: no meeting)."""
        if state is None or self.state is None or state.meeting.id != self.state.meeting.id:
            self.export_label.clear()
        self.state = state
        if formatter is not self._formatter:
            self._formatter = formatter
            self.voter_model.set_formatter(formatter)
            self.excluded_model.set_formatter(formatter)
        self.voter_model.set_rows(state.eligible if state is not None else ())
        self.excluded_model.set_rows(state.excluded if state is not None else ())
        fit_columns(self.voter_table, 1)
        fit_columns(self.excluded_table, 3)
        self.export_button.setEnabled(state is not None and bool(state.eligible))
        self._follow_counts()

    def _filter(self, text: str) -> None:
        for proxy in (self.voter_proxy, self.excluded_proxy):
            proxy.setFilterFixedString(text.strip())
        self._follow_counts()

    def _follow_counts(self) -> None:
        number = self._formatter.number
        voters, excluded = self.voter_model.rowCount(), self.excluded_model.rowCount()
        shown_voters, shown_excluded = self.voter_proxy.rowCount(), self.excluded_proxy.rowCount()
        self.voters_heading.setText(_("May vote ({count})").format(count=number(voters)))
        self.excluded_heading.setText(_("May not vote ({count})").format(count=number(excluded)))
        if self.state is None:
            self.summary.clear()
        elif self.filter_edit.text().strip():
            self.summary.setText(_("Showing {voters} of {all_voters} voters and {excluded} of "
                                   "{all_excluded} others").format(
                voters=number(shown_voters), all_voters=number(voters),
                excluded=number(shown_excluded), all_excluded=number(excluded)))
        else:
            self.summary.setText(_("As of the record date, {date}").format(
                date=self._formatter.date(self.state.meeting.record_date)))

    def start_search(self) -> None:
        self.filter_edit.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_edit.selectAll()

    def export(self, path: Path) -> None:
        """Write the voter roll to `path` (whole or not at all) and say so under the tables;
        a file that cannot be written raises the core's InputError or an OSError."""
        if self.state is None:
            return
        write_atomically(path, voter_roll_csv(self.state.voters), encoding="utf-8-sig")
        count = len(self.state.eligible)
        self.export_label.setText(ngettext("Exported {count} voter to {path}",
                                           "Exported {count} voters to {path}", count).format(
            count=self._formatter.number(count), path=path))
