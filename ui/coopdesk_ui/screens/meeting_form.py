"""The meeting form: a new meeting, or a meeting's settings (the same form).

Date, record date (two weeks before the meeting unless the treasurer picks another day), kind,
title (left empty: "Annual meeting 2026" in the app's language), the quorum rule
(`meeting_quorum_field`), proxies and the most one member may hold, notes. Every field is
checked as it changes, the problem said under it and OK refused meanwhile; the core checks again
(`meeting_problems`) and its problems go under the field they name.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk.meetings.queries import MeetingRow
from coopdesk.meetings.service import KINDS, MeetingDraft, add_meeting, update_meeting
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.meeting_labels import default_title, kind_label
from coopdesk_ui.screens.meeting_quorum_field import QuorumField
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, route_problems, with_error
from coopdesk_ui.widgets.hint_label import hint_label

#: The record date offered: this long before the meeting.
RECORD_DAYS_BEFORE = 14
#: A new meeting is offered this far ahead (notice periods are often two to four weeks).
NEW_MEETING_DAYS_AHEAD = 28
MAX_PROXIES = 99


class MeetingForm(QDialog):
    """Adds a meeting (`meeting` None) or changes `meeting`; once accepted, `changes` holds the
    write's ChangeSet and `meeting_id` the meeting's id."""

    def __init__(self, context: AppContext, meeting: MeetingRow | None = None, *,
                 attendance: int = 0, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.meeting = meeting
        self.changes: ChangeSet | None = None
        self.meeting_id: int | None = meeting.id if meeting is not None else None
        formatter = context.formatter
        self.setWindowTitle(_("New meeting") if meeting is None
                            else _("Settings of {meeting}").format(meeting=meeting.title))
        day = clock.today() + dt.timedelta(days=NEW_MEETING_DAYS_AHEAD)
        self.date_edit = DateEdit(day, formatter.locale)
        self.record_edit = DateEdit(day - dt.timedelta(days=RECORD_DAYS_BEFORE), formatter.locale)
        self.kind_combo = QComboBox()
        for kind in KINDS:
            self.kind_combo.addItem(kind_label(kind), kind)
        self.title_edit = QLineEdit()
        self.quorum = QuorumField(formatter)
        self.proxies_check = QCheckBox(_("Members may vote by p&roxy"))
        self.max_spin = QSpinBox()
        self.max_spin.setRange(0, MAX_PROXIES)
        self.max_spin.setSpecialValueText(_("no maximum"))  # 0: the core's None
        self.max_spin.setValue(1)
        self.max_spin.setMinimumWidth(110)
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)  # Tab leaves the box, as in every other field
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 4 + 12)
        self.notes_edit.setPlaceholderText(_("Place, time, agenda\N{HORIZONTAL ELLIPSIS}"))
        self.record_error = FieldError()
        self.quorum_error = FieldError()
        self.proxies_error = FieldError()
        self.form_error = FieldError()
        self.attendance_hint = hint_label(
            _("Attendance is already recorded: it stays as it is if you change the record date "
              "or the rules.") if attendance else "")
        self.attendance_hint.setVisible(bool(attendance))
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Add meeting") if meeting is None else _("Save settings"))
        self._record_follows = meeting is None
        self._filling = False
        self._lay_out()
        self._fill(meeting)

        self.date_edit.dateChanged.connect(self._date_changed)
        self.record_edit.dateChanged.connect(self._record_changed)
        self.kind_combo.currentIndexChanged.connect(self._follow_title)
        self.quorum.changed.connect(self.validate)
        self.proxies_check.toggled.connect(self._follow_proxies)
        self.max_spin.valueChanged.connect(self.validate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._follow_proxies()
        self._follow_title()

    def _lay_out(self) -> None:
        proxies = QHBoxLayout()
        proxies.addWidget(self.proxies_check)
        proxies.addSpacing(12)
        self.max_caption = QLabel(_("At &most per member:"))
        self.max_caption.setBuddy(self.max_spin)
        proxies.addWidget(self.max_caption)
        proxies.addWidget(self.max_spin)
        proxies.addStretch(1)
        when = QHBoxLayout()
        when.addWidget(self.date_edit)
        when.addStretch(1)
        record = QHBoxLayout()
        record.addWidget(self.record_edit)
        record_hint = hint_label(_("Members in good standing on this day may vote."))
        record_hint.setWordWrap(False)
        record.addWidget(record_hint, 1)
        kind = QHBoxLayout()
        kind.addWidget(self.kind_combo)
        kind.addStretch(1)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows: list[tuple[str, QWidget | None, QWidget | QLayout]] = [
            (_("&Date:"), self.date_edit, when),
            (_("R&ecord date:"), self.record_edit, with_error(record, self.record_error)),
            (_("&Kind:"), self.kind_combo, kind),
            (_("&Title:"), self.title_edit, self.title_edit),
            (_("Quorum:"), None, with_error(self.quorum, self.quorum_error)),
            (_("Proxies:"), None, with_error(proxies, self.proxies_error)),
            (_("&Notes:"), self.notes_edit, self.notes_edit),
        ]
        for text, buddy, field in rows:
            caption = QLabel(text)
            if buddy is not None:
                caption.setBuddy(buddy)
            if isinstance(field, QWidget):
                form.addRow(caption, field)
            else:
                form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.attendance_hint)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(600)

    def _fill(self, meeting: MeetingRow | None) -> None:
        if meeting is None:
            return
        self._filling = True
        try:
            self.date_edit.set_value(meeting.meeting_date)
            self.record_edit.set_value(meeting.record_date)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(meeting.kind)))
            self.title_edit.setText(meeting.title)
            self.quorum.set_rule(meeting.quorum)
            self.proxies_check.setChecked(meeting.proxies_allowed)
            self.max_spin.setValue((meeting.max_proxies or 0) if meeting.proxies_allowed else 1)
            self.notes_edit.setPlainText(meeting.notes)
        finally:
            self._filling = False

    # -- following the fields -------------------------------------------------------------

    def _date_changed(self) -> None:
        if self._record_follows:
            self._filling = True
            try:
                self.record_edit.set_value(self.date_edit.value()
                                           - dt.timedelta(days=RECORD_DAYS_BEFORE))
            finally:
                self._filling = False
        self._follow_title()

    def _record_changed(self) -> None:
        if not self._filling:
            self._record_follows = False  # the treasurer chose the day: it stays theirs
        self.validate()

    def _follow_title(self) -> None:
        self.title_edit.setPlaceholderText(self.default_title())
        self.validate()

    def _follow_proxies(self) -> None:
        allowed = self.proxies_check.isChecked()
        self.max_spin.setEnabled(allowed)
        self.max_caption.setEnabled(allowed)
        self.validate()

    def default_title(self) -> str:
        return default_title(str(self.kind_combo.currentData()), self.date_edit.value(),
                             self.context.formatter)

    # -- what the user chose --------------------------------------------------------------

    def max_proxies(self) -> int | None:
        if not self.proxies_check.isChecked() or self.max_spin.value() == 0:
            return None
        return self.max_spin.value()

    def draft(self) -> MeetingDraft | None:
        """The meeting as filled in, or None while a field has a problem."""
        rule, _problem = self.quorum.rule()
        if rule is None or self.problems():
            return None
        return MeetingDraft(self.date_edit.value(), self.record_edit.value(),
                            str(self.kind_combo.currentData()),
                            self.title_edit.text().strip() or self.default_title(), rule,
                            self.proxies_check.isChecked(), self.max_proxies(),
                            self.notes_edit.toPlainText().strip())

    def problems(self) -> dict[FieldError, str]:
        """What must change before the meeting can be written, by the line that shows it."""
        found: dict[FieldError, str] = {}
        if self.record_edit.value() > self.date_edit.value():
            found[self.record_error] = _("The record date must be on or before the meeting's "
                                         "date.")
        problem = self.quorum.rule()[1]
        if problem:
            found[self.quorum_error] = problem
        return found

    def validate(self) -> bool:
        """Show every problem under its field; OK only when there is none."""
        found = self.problems()
        for line in (self.record_error, self.quorum_error, self.proxies_error):
            line.say(found.get(line, ""))
        self.form_error.say("")
        self.ok_button.setEnabled(not found and self.context.writable)
        return not found

    # -- writing --------------------------------------------------------------------------

    def accept(self) -> None:
        if not self.validate() or not self.context.writable:
            return
        draft = self.draft()
        if draft is None:
            return
        try:
            if self.meeting is None:
                self.changes = self.context.host.run(add_meeting, draft)
                self.meeting_id = int(self.changes.result)
            else:
                self.changes = self.context.host.run(update_meeting, self.meeting.id, draft)
        except ValidationError as exc:
            self._show_core_problems(exc.problems)
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()

    def _show_core_problems(self, problems: Sequence[str]) -> None:
        lines = {"record date": self.record_error, "quorum": self.quorum_error,
                 "quorum percentage": self.quorum_error, "quorum number": self.quorum_error,
                 "maximum proxies": self.proxies_error}
        route_problems(problems, lines, self.form_error)
        self.ok_button.setEnabled(True)  # the user may change a field and try again
