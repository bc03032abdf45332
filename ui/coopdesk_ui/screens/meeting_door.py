"""At the door: checking members in as they arrive, with the quorum worksheet beside the list.

Made for a busy doorway: one large field takes a number or a name and Enter records the member
as present (the field empties and waits for the next); "By proxy…" records a member represented
by one who is here. A refusal is said in the banner above the list in plain words, nothing
written and no window to close; the field keeps the text, selected, so the next name replaces
it. "Remove" (or Delete) takes back a mistake after asking. The writes go through `write`, the
screen's, which refreshes only the attendance and the worksheet (eligibility did not change).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QFont, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.meetings.queries import MeetingState
from coopdesk.meetings.service import record_attendance, remove_attendance
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.meeting_attendance_model import AttendanceModel, sample_time
from coopdesk_ui.screens.meeting_check_in import check_in_refusal, removal_refusal, voter
from coopdesk_ui.screens.meeting_dialogs import MeetingDialogs
from coopdesk_ui.screens.meeting_door_banner import DoorBanner
from coopdesk_ui.screens.meeting_labels import quorum_text
from coopdesk_ui.screens.meeting_proxy_dialog import ProxyDialog
from coopdesk_ui.screens.meeting_worksheet import WorksheetPanel
from coopdesk_ui.widgets.hint_label import hint_label
from coopdesk_ui.widgets.member_finder import MemberFinder, MemberOption
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
#: The check-in field's type, as a multiple of the window's font.
FIELD_SCALE = 1.6
RECORDED_COLUMN = 3
#: The widest the member column grows for a long name (the attendance column takes the rest).
MAX_NAME_WIDTH = 280

#: Runs an attendance write on the open book (raising the core's refusal) and refreshes.
AttendanceWriter = Callable[..., ChangeSet]


class MeetingDoor(QWidget):
    """The check-in field, the banner, who is recorded, and the worksheet."""

    def __init__(self, formatter: Formatter, write: AttendanceWriter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._write = write
        self._writable = False
        self.state: MeetingState | None = None
        self.finder = MemberFinder()
        self.finder.setPlaceholderText(_("Number or name"))
        self.finder.setClearButtonEnabled(True)
        font = QFont(self.finder.font())
        font.setPointSizeF(font.pointSizeF() * FIELD_SCALE)
        self.finder.setFont(font)
        self.finder.setMinimumHeight(self.finder.fontMetrics().height() + 16)
        self.check_in_button = QPushButton(_("&Check in"))
        self.proxy_button = QPushButton(_("By &proxy") + ELLIPSIS)
        self.remove_button = QPushButton(_("&Remove") + ELLIPSIS)
        self.remove_button.setToolTip(_("Take back a member recorded by mistake (Delete)"))
        self.banner = DoorBanner()
        self.model = AttendanceModel(formatter, self)
        self.proxy = RawValueSortProxy(self)
        self.proxy.setSourceModel(self.model)
        self.table: QTableView = records_table(self.proxy, 2, sortable=True)
        self.table.horizontalHeader().setDefaultAlignment(
            Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        # The latest arrival on top: the one the treasurer just typed is there to see.
        self.table.sortByColumn(RECORDED_COLUMN, Qt.SortOrder.DescendingOrder)
        self.count_label = QLabel()
        self.worksheet = WorksheetPanel()
        self._lay_out()
        self.finder.returnPressed.connect(self.check_in)
        self.check_in_button.clicked.connect(self.check_in)
        self.proxy_button.clicked.connect(self.record_proxy)
        self.remove_button.clicked.connect(self.remove_selected)
        self.table.installEventFilter(self)  # Delete on the list removes, as the button does
        self.table.selectionModel().selectionChanged.connect(lambda *_a: self._follow_actions())
        self.show_state(None, formatter, writable=False)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (watched is self.table and isinstance(event, QKeyEvent)
                and event.type() == QEvent.Type.KeyPress
                and event.matches(QKeySequence.StandardKey.Delete)):
            self.remove_selected()
            return True
        return super().eventFilter(watched, event)

    def _lay_out(self) -> None:
        caption = QLabel(_("Chec&k in:"))
        caption.setBuddy(self.finder)
        font = QFont(caption.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        caption.setFont(font)
        field = QHBoxLayout()
        field.addWidget(caption)
        field.addWidget(self.finder, 1)
        field.addWidget(self.check_in_button)
        field.addWidget(self.proxy_button)
        under_list = QHBoxLayout()
        under_list.addWidget(self.count_label, 1)
        under_list.addWidget(self.remove_button)
        left = QVBoxLayout()
        left.addLayout(field)
        left.addWidget(hint_label(_("Type a member's number or part of their name and press "
                                    "Enter: they are recorded as present.")))
        left.addWidget(self.banner)
        left.addWidget(self.table, 1)
        left.addLayout(under_list)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 3)
        layout.addSpacing(12)
        right = QVBoxLayout()
        right.addWidget(self.worksheet)
        right.addStretch(1)
        layout.addLayout(right, 2)

    # -- showing --------------------------------------------------------------------------

    def show_state(self, state: MeetingState | None, formatter: Formatter, *,
                   writable: bool) -> None:
        """Show `state` (None: no meeting); `writable` when check-ins may be recorded."""
        new_meeting = (state is None or self.state is None
                       or state.meeting.id != self.state.meeting.id)
        same_voters = (state is not None and self.state is not None
                       and state.voters is self.state.voters)
        self.state = state
        self._writable = writable
        if formatter is not self._formatter:
            self._formatter = formatter
            self.model.set_formatter(formatter)
        if new_meeting:
            self.banner.clear()
            self.finder.clear()
        if not same_voters:  # a check-in leaves the register as it was: no need to re-offer it
            self.finder.set_members([MemberOption(v.number, v.name) for v in state.voters]
                                    if state is not None else [])
        self.model.set_rows(state.attendance if state is not None else ())
        if not same_voters:
            self._fit_columns(state)
        if state is None:
            self.count_label.clear()
            self.worksheet.show_worksheet(None, None, "")
        else:
            worksheet = state.worksheet
            self.count_label.setText(_("{present} present, {proxies} by proxy").format(
                present=formatter.number(worksheet.present),
                proxies=formatter.number(worksheet.by_proxy)))
            self.worksheet.show_worksheet(worksheet, formatter,
                                          quorum_text(state.meeting.quorum, formatter))
        self._follow_actions()

    def _fit_columns(self, state: MeetingState | None) -> None:
        """Columns as wide as any voter's number and name will need, set once per meeting:
        fitted to the rows at each arrival, they would jump about (or clip the next name)."""
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        voters = state.voters if state is not None else ()
        samples = {0: [v.number for v in voters], 1: [v.name for v in voters],
                   RECORDED_COLUMN: [sample_time(self._formatter)]}
        for column, texts in samples.items():
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            wide = max([metrics.horizontalAdvance(t) for t in texts + [title]]) + 24
            header.resizeSection(column, min(wide, MAX_NAME_WIDTH))

    def _follow_actions(self) -> None:
        can = self._writable and self.state is not None
        for widget in (self.finder, self.check_in_button):
            widget.setEnabled(can)
        allows = self.state is not None and self.state.meeting.proxies_allowed
        self.proxy_button.setEnabled(can and allows)
        self.proxy_button.setToolTip("" if allows or self.state is None
                                     else _("This meeting does not allow proxies"))
        self.remove_button.setEnabled(can and self.selected_number() is not None)

    def selected_number(self) -> str | None:
        """The member number of the attendance row selected, if one is."""
        rows = self.table.selectionModel().selectedRows()
        return str(rows[0].data(ID_ROLE)) if len(rows) == 1 else None

    def start_search(self) -> None:
        self.finder.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.finder.selectAll()

    # -- recording ------------------------------------------------------------------------

    def check_in(self) -> None:
        """Record the member the field names as present, or say in the banner why not."""
        state = self.state
        if state is None or not self._writable or not self.finder.text().strip():
            return
        member = self.finder.member()
        if member is None:
            self._refuse(self.finder.problem())
            return
        refusal = check_in_refusal(state, member.number, self._formatter)
        if refusal:
            self._refuse(refusal)
            return
        if self._run(record_attendance, state.meeting.id, member.number):
            self.banner.say_done(_("{name} is recorded as present.").format(name=member.name))
            self.finder.clear()
        self.finder.setFocus()

    def record_proxy(self) -> None:
        """Ask who is represented by whom, and record it."""
        state = self.state
        if state is None or not self._writable or not state.meeting.proxies_allowed:
            return
        dialog = ProxyDialog(state, self._formatter, self)
        if not MeetingDialogs.run_form(dialog):
            return
        choice = dialog.choice()
        if choice is None:
            return
        number, holder = choice
        if self._run(record_attendance, state.meeting.id, number, holder):
            member, holding = voter(state, number), voter(state, holder)
            self.banner.say_done(_("{name} is recorded, represented by {holder}.").format(
                name=member.name if member else number,
                holder=holding.name if holding else holder))
        self.finder.setFocus()

    def remove_selected(self) -> None:
        """Take back the selected member's attendance, after asking."""
        state, number = self.state, self.selected_number()
        if state is None or number is None or not self._writable:
            return
        refusal = removal_refusal(state, number)
        if refusal:
            self._refuse(refusal)
            return
        member = voter(state, number)
        name = member.name if member is not None else number
        if not MeetingDialogs.confirm(
                self, _("Remove {name} from the attendance?").format(name=name),
                _("For a mistake at the door: {name} is no longer counted toward the quorum. "
                  "A member who leaves early stays counted, as the quorum is taken at the "
                  "start.").format(name=name),
                _("Remove")):
            return
        if self._run(remove_attendance, state.meeting.id, number):
            self.banner.say_done(_("{name} is no longer recorded.").format(name=name))

    def _run(self, service: Callable[..., object], *args: object) -> bool:
        try:
            self._write(service, *args)
        except CoopdeskError as exc:
            self._refuse(exc.message)
            return False
        return True

    def _refuse(self, text: str) -> None:
        self.banner.say_refused(text)
        self.finder.selectAll()  # the next name typed replaces the refused one
