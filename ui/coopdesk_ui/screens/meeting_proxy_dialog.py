""""By proxy…" at the door: a member represented by the proxy of a member who is present.

Both are found by number or name (the member finder); the holder among those present in person.
Each field says at once why its member will not do (may not vote, already recorded, holds the
most proxies the meeting allows...), and OK waits until both will. The dialog only chooses: the
door writes the attendance (`MeetingDoor.record_proxy`), as it does for everyone checked in.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.meetings.queries import MeetingState
from coopdesk_ui.screens.meeting_check_in import proxy_holder_refusal, proxy_member_refusal
from coopdesk_ui.screens.meeting_labels import proxies_text
from coopdesk_ui.widgets.field_error import FieldError, with_error
from coopdesk_ui.widgets.hint_label import hint_label
from coopdesk_ui.widgets.member_finder import MemberFinder, MemberOption


class ProxyDialog(QDialog):
    """Chooses who is represented and who holds the proxy; `choice()` once accepted."""

    def __init__(self, state: MeetingState, formatter: Formatter,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.state = state
        self._formatter = formatter
        self.setWindowTitle(_("Record a proxy"))
        present = {row.member_number for row in state.attendance if row.proxy_holder_number is None}
        self.member_edit = MemberFinder([MemberOption(v.number, v.name) for v in state.voters])
        self.holder_edit = MemberFinder([MemberOption(v.number, v.name) for v in state.voters
                                         if v.number in present])
        self.holder_edit.setPlaceholderText(_("A member who is here"))
        for finder in (self.member_edit, self.holder_edit):
            finder.setMinimumWidth(320)
        self.member_error = FieldError()
        self.holder_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Record proxy"))
        form = QFormLayout()
        member_caption = QLabel(_("&Represented:"))
        member_caption.setBuddy(self.member_edit)
        holder_caption = QLabel(_("Proxy &held by:"))
        holder_caption.setBuddy(self.holder_edit)
        form.addRow(member_caption, with_error(self.member_edit, self.member_error))
        form.addRow(holder_caption, with_error(self.holder_edit, self.holder_error))
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(proxies_text(state.meeting.proxies_allowed,
                                                 state.meeting.max_proxies) + "."))
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._touched: set[MemberFinder] = set()
        self.member_edit.textEdited.connect(lambda _t: self._touch(self.member_edit))
        self.holder_edit.textEdited.connect(lambda _t: self._touch(self.holder_edit))
        self.member_edit.member_changed.connect(lambda _m: self.validate())
        self.holder_edit.member_changed.connect(lambda _m: self.validate())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.validate()

    def choice(self) -> tuple[str, str] | None:
        """(the represented member's number, the holder's number), when both will do."""
        member, holder = self.member_edit.member(), self.holder_edit.member()
        if member is None or holder is None or self.problems():
            return None
        return member.number, holder.number

    def problems(self) -> dict[FieldError, str]:
        """What is wrong, by the line under the field it is about."""
        found: dict[FieldError, str] = {}
        member = self.member_edit.member()
        if member is None:
            found[self.member_error] = self.member_edit.problem()
        elif problem := proxy_member_refusal(self.state, member.number, self._formatter):
            found[self.member_error] = problem
        holder = self.holder_edit.member()
        if holder is None:
            found[self.holder_error] = (self.holder_edit.problem() if self.holder_edit.members()
                                        else _("No one is recorded as present yet."))
        elif problem := proxy_holder_refusal(self.state, member.number if member else None,
                                             holder.number, self._formatter):
            found[self.holder_error] = problem
        return found

    def validate(self) -> bool:
        found = self.problems()
        for line, field in ((self.member_error, self.member_edit),
                            (self.holder_error, self.holder_edit)):
            # A member's refusal is news at once; "type a name" waits until they typed.
            text = found.get(line, "")
            typed = field in self._touched or field.member() is not None
            line.say(text if typed else "")
        self.ok_button.setEnabled(not found)
        return not found

    def accept(self) -> None:
        self._touched.update((self.member_edit, self.holder_edit))
        if self.validate():
            super().accept()

    def _touch(self, field: MemberFinder) -> None:
        self._touched.add(field)
        self.validate()
