"""The "Record leaving" form: the day a member left the co-op and why.

Leaving is not a field of the member form: it ends the member's dues and changes their status,
so it is its own act, recorded in the history like an edit (and undoable from the Edit menu).
A leave date before the member joined is refused at the field, as the core would refuse it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.members.queries import MemberDetail
from coopdesk.members.types import LeaveReason
from coopdesk_ui.models.member_labels import leave_reason_label
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, problems_by_field, with_error

#: Records the leaving (date, reason code): [] when saved, the core's problems to show at the
#: fields, or None when the user was told why nothing was saved.
SubmitLeaving = Callable[[dt.date, str], Sequence[str] | None]
_PROBLEM_FIELDS = {"date": "date", "leave date": "date", "reason": "reason"}


class LeavingForm(QDialog):
    """Asks when and why member `detail` left."""

    def __init__(self, submit: SubmitLeaving, formatter: Formatter, detail: MemberDetail,
                 today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._formatter = formatter
        self.detail = detail
        self.setWindowTitle(_("Record leaving"))
        self.setMinimumWidth(380)
        intro = QLabel(_("When and why did {name} (member {number}) leave the co-op?").format(
            name=detail.display_name, number=detail.number))
        intro.setWordWrap(True)
        self.date_edit = DateEdit(detail.leave_date or today, formatter.locale)
        self.reason_combo = QComboBox()
        for reason in LeaveReason:
            self.reason_combo.addItem(leave_reason_label(reason), reason.value)
        if detail.leave_reason is not None:
            self.reason_combo.setCurrentIndex(max(0, self.reason_combo.findData(detail.leave_reason)))
        self.date_error = FieldError()
        self.reason_error = FieldError()
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record leaving"))

        form = QFormLayout()
        for text, field, error in ((_("&Left on:"), self.date_edit, self.date_error),
                                   (_("&Reason:"), self.reason_combo, self.reason_error)):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, with_error(field, error))
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

        self.date_edit.dateChanged.connect(self.validate)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.validate()

    def date(self) -> dt.date:
        return self.date_edit.value()

    def reason(self) -> str:
        return str(self.reason_combo.currentData())

    def validate(self) -> bool:
        """Show whether the date can be the day the member left; True when it can."""
        joined = self.detail.join_date
        if joined is not None and self.date() < joined:
            self.date_error.say(_("A member cannot leave before they joined ({date})").format(
                date=self._formatter.date(joined)))
            return False
        self.date_error.say("")
        return True

    def accept(self) -> None:
        if not self.validate():
            self.date_edit.setFocus()
            return
        problems = self._submit(self.date(), self.reason())
        if problems is None:
            super().reject()
        elif problems:
            found = problems_by_field(problems, _PROBLEM_FIELDS, "")
            self.date_error.say("\n".join(found.get("date", [])))
            self.reason_error.say("\n".join(found.get("reason", [])))
            self.form_error.say("\n".join(found.get("", [])))
        else:
            super().accept()
