"""The meetings of the book (date, title, kind, record date) with "New meeting…" and "Meeting
settings…", and what the selected meeting's rules are, in words, under the list.

The meeting selected here is the one the other tabs show (eligibility, the door, documents).
"""

from __future__ import annotations

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.i18n import _, ngettext
from coopdesk.meetings.queries import MeetingRow, MeetingState
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.meeting_labels import kind_label, proxies_text, quorum_text
from coopdesk_ui.screens.meeting_list_model import MeetingListModel
from coopdesk_ui.screens.patronage_tab import fit_columns, fit_height
from coopdesk_ui.widgets.hint_label import hint_label
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


class MeetingListTab(QWidget):
    """The meetings and the selected one's rules; `meeting_selected` carries its id or None."""

    meeting_selected = Signal(object)
    new_requested = Signal()
    settings_requested = Signal()

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self.model = MeetingListModel(formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table: QTableView = records_table(self.proxy, 1, sortable=True)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.new_button = QPushButton(_("&New meeting") + ELLIPSIS)
        self.settings_button = QPushButton(_("Meeting se&ttings") + ELLIPSIS)
        self.empty_hint = hint_label(self._hint(False))
        self.details_title = QLabel()
        font = self.details_title.font()
        font.setBold(True)
        font.setPointSizeF(font.pointSizeF() * 1.1)
        self.details_title.setFont(font)
        self.details: dict[str, QLabel] = {}
        self._lay_out()
        self.table.selectionModel().selectionChanged.connect(self._selected)
        self.table.activated.connect(lambda _index: self.settings_requested.emit())
        self.new_button.clicked.connect(self.new_requested)
        self.settings_button.clicked.connect(self.settings_requested)

    def _lay_out(self) -> None:
        actions = QHBoxLayout()
        actions.addWidget(self.empty_hint, 1)
        actions.addWidget(self.new_button)
        actions.addWidget(self.settings_button)
        form = QFormLayout()
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        for key, caption in (("when", _("Date:")), ("record", _("Record date:")),
                             ("kind", _("Kind:")), ("voters", _("Voters:")),
                             ("quorum", _("Quorum:")), ("proxies", _("Proxies:")),
                             ("attendance", _("Recorded at the door:")), ("notes", _("Notes:"))):
            value = QLabel()
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.details[key] = value
            form.addRow(caption, value)
        layout = QVBoxLayout(self)
        layout.addLayout(actions)
        layout.addWidget(self.table)
        layout.addSpacing(8)
        layout.addWidget(self.details_title)
        layout.addLayout(form)
        layout.addStretch(1)

    @staticmethod
    def _hint(any_meeting: bool) -> str:
        if any_meeting:
            return _("The meeting selected here is the one the other tabs show.")
        return _("No meeting yet. \u201cNew meeting\u2026\u201d sets one up: its date, the record "
                 "date that decides who may vote, the quorum and proxies.")

    # -- the list -------------------------------------------------------------------------

    def set_meetings(self, meetings: list[MeetingRow], formatter: Formatter) -> None:
        """Show `meetings` (selection kept by the caller through `select`)."""
        if formatter is not self._formatter:
            self._formatter = formatter
            self.model.set_formatter(formatter)
        self.table.selectionModel().blockSignals(True)
        self.model.set_rows(meetings)
        self.table.selectionModel().blockSignals(False)
        fit_columns(self.table, 1)
        fit_height(self.table, 3, 8)
        self.empty_hint.setText(self._hint(bool(meetings)))

    def select(self, meeting_id: int | None) -> None:
        """Select meeting `meeting_id` (None: none), without telling `meeting_selected`."""
        selection = self.table.selectionModel()
        selection.blockSignals(True)
        try:
            row = self.model.row_of(meeting_id) if meeting_id is not None else None
            if row is None:
                selection.clearSelection()
            else:
                index = self.proxy.mapFromSource(self.model.index(row, 0))
                selection.setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect
                                          | QItemSelectionModel.SelectionFlag.Rows)
        finally:
            selection.blockSignals(False)
        self.table.viewport().update()

    def selected_id(self) -> int | None:
        rows = self.table.selectionModel().selectedRows()
        return int(rows[0].data(ID_ROLE)) if len(rows) == 1 else None

    def _selected(self) -> None:
        self.meeting_selected.emit(self.selected_id())

    def set_writable(self, writable: bool) -> None:
        self.new_button.setEnabled(writable)
        self.settings_button.setEnabled(writable and self.selected_id() is not None)

    # -- the selected meeting -------------------------------------------------------------

    def show_details(self, state: MeetingState | None) -> None:
        """The selected meeting's rules in words (None: nothing selected)."""
        if state is None:
            self.details_title.clear()
            for label in self.details.values():
                label.clear()
            return
        f, meeting, worksheet = self._formatter, state.meeting, state.worksheet
        self.details_title.setText(meeting.title)
        texts = {
            "when": f.date(meeting.meeting_date, "full"),
            "record": f.date(meeting.record_date, "long"),
            "kind": kind_label(meeting.kind),
            "voters": _("{eligible} may vote, {excluded} may not").format(
                eligible=f.number(worksheet.eligible), excluded=f.number(len(state.excluded))),
            "quorum": _("{rule}: {needed} needed").format(
                rule=quorum_text(meeting.quorum, f), needed=f.number(worksheet.needed)),
            "proxies": proxies_text(meeting.proxies_allowed, meeting.max_proxies),
            "attendance": ngettext("{count} member", "{count} members", worksheet.total).format(
                count=f.number(worksheet.total)) if worksheet.total else _("No one yet"),
            "notes": meeting.notes or "\N{EM DASH}",
        }
        for key, text in texts.items():
            self.details[key].setText(text)
