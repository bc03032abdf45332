"""The Annual meeting screen: meetings, who may vote, the door, and the printed pack.

Four tabs over the meeting selected in the first: "Meetings" (the list, "New meeting…",
"Meeting settings…", the rules in words), "Eligibility" (who may vote on the record date, who
may not and why, the voter roll as CSV), "At the door" (check-in by number or name, proxies,
the quorum worksheet following arrivals) and "Documents" (the meeting pack as PDFs). The meeting
first selected is the next one to come (else the latest), since that is the one being prepared.

Every write goes through the core in one transaction and the screen refreshes from the
ChangeSet every view is given (areas "meetings", "members", "dues": a payment or a member's
leaving changes who may vote). A check-in refreshes only the attendance and the worksheet: who
may vote did not change, and a doorway cannot wait for the whole register to be read again.
Meetings have no undo (the core has no Actions for them); a check-in made by mistake is removed.
A book open for reading shows everything and offers no action that writes.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.meetings.queries import (
    MeetingRow,
    MeetingState,
    attendance_list,
    list_meetings,
    meeting_state,
)
from coopdesk.meetings.quorum import Worksheet
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.dues_table import heading
from coopdesk_ui.screens.meeting_dialogs import MeetingDialogs
from coopdesk_ui.screens.meeting_door import MeetingDoor
from coopdesk_ui.screens.meeting_eligibility import EligibilityTab
from coopdesk_ui.screens.meeting_form import MeetingForm
from coopdesk_ui.screens.meeting_list_tab import MeetingListTab
from coopdesk_ui.screens.meeting_pack import DocumentsTab, write_pack_in_background

#: What a write must touch for this screen to read the book again.
AREAS = frozenset({"meetings", "members", "dues"})
_NOTE_STYLE = "color: palette(dark);"


def first_meeting(meetings: list[MeetingRow]) -> int | None:
    """The meeting to show first: the next to come (the soonest from today on), else the
    latest held."""
    today = clock.today()
    coming = [m for m in meetings if m.meeting_date >= today]
    if coming:
        return min(coming, key=lambda m: (m.meeting_date, m.id)).id
    return meetings[0].id if meetings else None  # list_meetings gives the latest first


class MeetingsScreen(Screen):
    """Meetings, eligibility, the door and the pack; see the module docstring."""

    key = "meetings"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        formatter = context.formatter
        self.state: MeetingState | None = None
        self._meetings: list[MeetingRow] = []
        self._book_path: Path | None = None
        self._attendance_only = False
        self.meetings = MeetingListTab(formatter)
        self.eligibility = EligibilityTab(formatter)
        self.door = MeetingDoor(formatter, self.write_attendance)
        self.documents = DocumentsTab()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.meetings, _("&Meetings"))
        self.tabs.addTab(self.eligibility, _("E&ligibility"))
        self.tabs.addTab(self.door, _("At the &door"))
        self.tabs.addTab(self.documents, _("D&ocuments"))
        self.meeting_label = QLabel()
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setStyleSheet(_NOTE_STYLE)
        top = QHBoxLayout()
        top.addWidget(heading(self.title))
        top.addSpacing(12)
        top.addWidget(self.meeting_label)
        top.addWidget(self.feedback, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.meetings.meeting_selected.connect(self._meeting_selected)
        self.meetings.new_requested.connect(self.new_meeting)
        self.meetings.settings_requested.connect(self.meeting_settings)
        self.eligibility.export_button.clicked.connect(self.export_voter_roll)
        self.documents.pack_button.clicked.connect(self.write_pack)
        self.tabs.currentChanged.connect(self._tab_changed)
        self.clear()

    @property
    def title(self) -> str:
        return _("Annual meeting")

    # -- Screen -------------------------------------------------------------------------

    def reload(self) -> None:
        book = self.context.host.require()
        if self._attendance_only and self.state is not None:
            self._reload_attendance()
            return
        if book.path != self._book_path:
            self._book_path = book.path
            keep: int | None = None
        else:
            keep = self.state.meeting.id if self.state is not None else None
        self._meetings = self.context.read(list_meetings)
        self.meetings.set_meetings(self._meetings, self.context.formatter)
        ids = {m.id for m in self._meetings}
        self._show_meeting(keep if keep in ids else first_meeting(self._meetings))

    def clear(self) -> None:
        self._book_path = None
        self._meetings = []
        self.meetings.set_meetings([], self.context.formatter)
        self._show_state(None)

    def is_affected(self, changes: ChangeSet) -> bool:
        return bool(changes.areas & AREAS or changes.members)

    def start_search(self) -> None:
        if self.tabs.currentWidget() is self.door:
            self.door.start_search()
            return
        self.tabs.setCurrentWidget(self.eligibility)
        self.eligibility.start_search()

    # -- the selected meeting -------------------------------------------------------------

    def _meeting_selected(self, meeting_id: int | None) -> None:
        if self.context.host.book is not None:
            self._show_meeting(meeting_id)

    def _show_meeting(self, meeting_id: int | None) -> None:
        state = self.context.read(meeting_state, meeting_id) if meeting_id is not None else None
        self.meetings.select(meeting_id)
        self._show_state(state)

    def _show_state(self, state: MeetingState | None) -> None:
        self.state = state
        formatter = self.context.formatter
        self.meetings.show_details(state)
        self.eligibility.show_state(state, formatter)
        self.door.show_state(state, formatter, writable=self.context.writable)
        self.documents.follow(state)
        self.meeting_label.setText("" if state is None else _("{title}, {date}").format(
            title=state.meeting.title, date=formatter.date(state.meeting.meeting_date)))
        self._follow_writable()

    def _reload_attendance(self) -> None:
        """After a check-in: the attendance read again, the worksheet counted from it, with the
        eligibility already shown (a check-in does not change it)."""
        state = self.state
        assert state is not None
        attendance = tuple(self.context.read(attendance_list, state.meeting.id))
        present = sum(1 for row in attendance if row.proxy_holder_number is None)
        worksheet = Worksheet(state.worksheet.eligible, state.worksheet.needed, present,
                              len(attendance) - present)
        self._show_state(MeetingState(state.meeting, state.voters, attendance, worksheet))

    def write_attendance(self, service: Callable[..., object], *args: object) -> ChangeSet:
        """Run an attendance write (the door's); the core's refusal is raised to the door."""
        self._attendance_only = True
        try:
            return self.context.host.run(service, *args)
        finally:
            self._attendance_only = False

    def _follow_writable(self) -> None:
        writable = self.context.writable
        self.meetings.set_writable(writable)
        read_only = _("This book is open for reading only: meetings can be looked at, not "
                      "changed.")
        if self.context.host.book is not None and not writable:
            self.feedback.setText(read_only)
        elif self.feedback.text() == read_only:
            self.feedback.clear()

    def _tab_changed(self) -> None:
        if self.tabs.currentWidget() is self.door:
            self.door.start_search()  # arriving at the door: ready to type the first name

    # -- actions --------------------------------------------------------------------------

    def new_meeting(self) -> None:
        if not self.context.writable:
            return
        form = MeetingForm(self.context, parent=self)
        if MeetingDialogs.run_form(form) and form.meeting_id is not None:
            self._show_meeting(form.meeting_id)

    def meeting_settings(self) -> None:
        state = self.state
        if state is None or not self.context.writable:
            return
        form = MeetingForm(self.context, state.meeting, attendance=len(state.attendance),
                           parent=self)
        MeetingDialogs.run_form(form)

    def export_voter_roll(self) -> None:
        """Save the voter roll as CSV where the user says."""
        book, state = self.context.host.book, self.state
        if book is None or state is None:
            return
        suggested = book.path.parent / _("voter-roll-{date}.csv").format(
            date=state.meeting.meeting_date.isoformat())
        path = MeetingDialogs.ask_csv_path(self, suggested)
        if path is None:
            return
        try:
            self.eligibility.export(path)
        except CoopdeskError as exc:
            self.context.tell(exc.message)
        except OSError as exc:
            self.context.tell(_("The voter roll could not be written to \u201c{file}\u201d: "
                                "{reason}.").format(file=path, reason=exc.strerror or str(exc)))

    def write_pack(self) -> None:
        """Write the meeting pack into a folder the user chooses, in the background."""
        book, state = self.context.host.book, self.state
        if book is None or state is None:
            return
        folder = MeetingDialogs.ask_folder(self, book.path.parent)
        if folder is None:
            return
        try:
            paths = write_pack_in_background(self.context.window, book, state.meeting.id, folder)
        except (CoopdeskError, OSError) as exc:
            self.context.tell(self.documents.report_failure(exc))
            return
        if paths is not None:
            self.documents.show_written(paths, folder)
