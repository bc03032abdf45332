"""The "End assignment" form: the last day a member is on their current dues plan.

Ending is how a member moves to another plan (end this one, assign the next) or stops paying
dues under it; the period the end falls in is still charged in full (coopdesk.dues.schedule).
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.dues.plans import AssignmentRow, end_assignment
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk_ui.context import AppContext
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, route_problems, with_error


class EndAssignmentForm(QDialog):
    """Ends one open assignment; `changes` holds the write's ChangeSet once accepted."""

    def __init__(self, context: AppContext, assignment: AssignmentRow, member_name: str = "",
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.setWindowTitle(_("End a plan assignment"))
        self.context = context
        self.assignment = assignment
        self.changes: ChangeSet | None = None
        formatter = context.formatter
        who = member_text(assignment.member_number, member_name)
        self.end_edit = DateEdit(max(clock.today(), assignment.start_date), formatter.locale)
        self.end_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("End assignment"))

        form = QFormLayout()
        form.addRow(_("Member:"), QLabel(who))
        form.addRow(_("Plan:"), QLabel(assignment.plan))
        form.addRow(_("Since:"), QLabel(formatter.date(assignment.start_date)))
        caption = QLabel(_("&Last day on the plan:"))
        caption.setBuddy(self.end_edit)
        form.addRow(caption, with_error(self.end_edit, self.end_error))
        note = QLabel(_("The period this day falls in is still charged in full."))
        note.setEnabled(False)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.buttons)

        self.end_edit.dateChanged.connect(self.validate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.validate()

    def end(self) -> dt.date:
        return self.end_edit.value()

    def validate(self) -> bool:
        """Refuse an end before the start, at the field."""
        problem = ""
        if self.end() < self.assignment.start_date:
            problem = _("The assignment began on {start}: it cannot end before").format(
                start=self.context.formatter.date(self.assignment.start_date))
        self.end_error.say(problem)
        self.ok_button.setEnabled(not problem and self.context.writable)
        return not problem

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            self.changes = self.context.host.run(end_assignment, self.assignment.member_number,
                                                 self.end())
        except ValidationError as exc:
            route_problems(exc.problems, {}, self.end_error)
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
