"""The decision on a claim: the fund's policy checked live, then approved (in full or in part)
or denied, saying who decided and when.

As the amount, the months or the day change, the dialog asks the core what the policy says of
granting that (`claim_breaches`) and lists every breach, each with a field for the reason to
approve anyway; Approve stays off until each has one (the core records them as overrides).
Granting less than asked reads "partly approved". Denying needs a reason. Who decided is
remembered for the next decision (the treasurer, or "Board, 14 May"). Decisions are final, as in
the core: a mistake is put right by reversing payouts, not by undoing the decision.
"""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.funds.claims import claim_breaches, deny_claim
from coopdesk.funds.claims import approve_claim as approve_in_book
from coopdesk.funds.queries import ClaimRow
from coopdesk.funds.types import RULES, Breach, ClaimStatus
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.amount_input import read_amount
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.screens.funds_labels import asked_text
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import ERROR_STYLE, FieldError, route_problems, with_error
from coopdesk_ui.widgets.hint_label import hint_label

#: Qt setting: who decided last (typed again at most decisions).
DECIDED_BY_KEY = "funds/decided_by"
_WITHIN_STYLE = "color: #1b6e20;"


class _BreachRow(QWidget):
    """One breach of the policy and the reason to approve anyway."""

    def __init__(self, rule: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.rule = rule
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setStyleSheet(ERROR_STYLE)
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(_("Why approve it anyway?"))
        column = QVBoxLayout(self)
        column.setContentsMargins(0, 0, 0, 4)
        column.setSpacing(2)
        column.addWidget(self.message)
        column.addWidget(self.reason_edit)


class DecisionDialog(QDialog):
    """Decides `claim`; `outcome` is the new status and `changes` the write's once decided."""

    def __init__(self, context: AppContext, claim: ClaimRow, parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.setWindowTitle(_("Decide claim {number}").format(number=claim.id))
        self.context = context
        self.claim = claim
        self.outcome: ClaimStatus | None = None
        self.changes: ChangeSet | None = None
        self.breaches: list[Breach] = []
        self._touched: set[QWidget] = set()
        formatter = context.formatter

        self.summary = QLabel(self._summary_text())
        self.summary.setWordWrap(True)
        self.amount_edit = QLineEdit(formatter.money(claim.amount, with_symbol=False))
        self.amount_edit.setFixedWidth(110)
        self.months_spin = QSpinBox()
        self.months_spin.setRange(1, claim.months)
        self.months_spin.setValue(claim.months)
        self.months_spin.setSuffix(" " + _("months"))
        self.months_spin.setVisible(claim.months > 1)
        self.date_edit = DateEdit(max(clock.today(), claim.submitted_date), formatter.locale)
        self.decided_by_edit = QLineEdit(str(QSettings().value(DECIDED_BY_KEY, "") or ""))
        self.decided_by_edit.setPlaceholderText(_("Your name, or the board and its meeting"))
        self.reason_edit = QLineEdit()
        self.reason_edit.setPlaceholderText(_("Needed to deny; optional to approve"))
        self.partly_note = hint_label()
        self.within_label = QLabel(_("Within the fund's policy: nothing to override."))
        self.within_label.setStyleSheet(_WITHIN_STYLE)
        self.breach_rows = {rule: _BreachRow(rule) for rule in RULES}
        self.approve_note = hint_label()

        self.amount_error = FieldError()
        self.decided_by_error = FieldError()
        self.reason_error = FieldError()
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.approve_button = QPushButton(_("&Approve"))
        self.deny_button = QPushButton(_("De&ny"))
        self.buttons.addButton(self.approve_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.deny_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.approve_button.setDefault(True)
        self._lay_out()

        self.amount_edit.textEdited.connect(lambda: self._touch(self.amount_edit))
        self.months_spin.valueChanged.connect(self.check_policy)
        self.date_edit.dateChanged.connect(self.check_policy)
        self.decided_by_edit.textEdited.connect(lambda: self._touch(self.decided_by_edit))
        self.reason_edit.textEdited.connect(self._follow_reason)
        for row in self.breach_rows.values():
            row.reason_edit.textEdited.connect(self.validate)
        self.approve_button.clicked.connect(self.approve)
        self.deny_button.clicked.connect(self.deny)
        self.buttons.rejected.connect(self.reject)
        self.check_policy()

    def _summary_text(self) -> str:
        claim, formatter = self.claim, self.context.formatter
        return _("{member} asks {asked} from {fund} for: {description} (event on {event}, "
                 "submitted on {submitted}).").format(
            member=member_text(claim.member_number, claim.member_name),
            asked=asked_text(claim.amount, claim.months, formatter), fund=claim.fund_code,
            description=claim.description, event=formatter.date(claim.event_date),
            submitted=formatter.date(claim.submitted_date))

    def _lay_out(self) -> None:
        grant = QHBoxLayout()
        grant.addWidget(self.amount_edit)
        grant.addWidget(QLabel(self.context.currency))
        if self.claim.months > 1:
            each = QLabel(_("each month, for"))
            grant.addWidget(each)
            grant.addWidget(self.months_spin)
        grant.addStretch(1)
        grant_column = with_error(grant, self.amount_error)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        rows: list[tuple[str, QWidget, QWidget | QVBoxLayout]] = [
            (_("&Grant:"), self.amount_edit, grant_column),
            (_("Decision da&te:"), self.date_edit, self.date_edit),
            (_("Decided &by:"), self.decided_by_edit,
             with_error(self.decided_by_edit, self.decided_by_error)),
            (_("&Reason:"), self.reason_edit, with_error(self.reason_edit, self.reason_error)),
        ]
        for text, buddy, field in rows:
            caption = QLabel(text)
            caption.setBuddy(buddy)
            if isinstance(field, QWidget):
                form.addRow(caption, field)
            else:
                form.addRow(caption, field)
        check = QGroupBox(_("Policy check"))
        check_column = QVBoxLayout(check)
        check_column.addWidget(self.within_label)
        for row in self.breach_rows.values():
            row.hide()
            check_column.addWidget(row)
        layout = QVBoxLayout(self)
        # Breaches come and go as the amount changes: the window grows to show them all.
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(self.summary)
        layout.addLayout(form)
        layout.addWidget(self.partly_note)
        layout.addWidget(check)
        layout.addWidget(self.approve_note)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        self.resize(600, self.sizeHint().height())

    # -- what the user chose --------------------------------------------------------------

    def _grant(self) -> tuple[Money | None, str]:
        amount, problem = read_amount(self.amount_edit.text(), self.context.formatter,
                                      self.context.currency,
                                      missing=_("Say how much is granted."))
        if amount is None:
            return None, problem
        if not amount.is_positive:
            return None, _("The amount granted must be more than zero (deny the claim instead).")
        if amount > self.claim.amount:
            return None, _("At most the {amount} asked for.").format(
                amount=self.context.formatter.money(self.claim.amount))
        return amount, ""

    def overrides(self) -> dict[str, str]:
        """The reasons given for the breaches listed now, by rule."""
        return {b.rule: self.breach_rows[b.rule].reason_edit.text().strip() for b in self.breaches}

    def is_partial(self) -> bool:
        grant = self._grant()[0]
        return grant is not None and (grant < self.claim.amount
                                      or self.months_spin.value() < self.claim.months)

    # -- checking -------------------------------------------------------------------------

    def _touch(self, field: QWidget) -> None:
        self._touched.add(field)
        if field is self.amount_edit:
            self.check_policy()
        else:
            self.validate()

    def _follow_reason(self) -> None:
        if self.reason_edit.text().strip():
            self.reason_error.say("")
        self.validate()

    def check_policy(self) -> None:
        """Ask the core what the policy says of granting what is filled in now."""
        grant = self._grant()[0]
        if grant is not None and self.context.host.book is not None:
            self.breaches = self.context.read(claim_breaches, self.claim.id, amount=grant,
                                              months=self.months_spin.value(),
                                              as_of=self.date_edit.value())
            found = {b.rule: b for b in self.breaches}
            for rule, row in self.breach_rows.items():
                breach = found.get(rule)
                row.setVisible(breach is not None)
                if breach is not None:
                    row.message.setText(breach.message[:1].upper() + breach.message[1:])
            self.within_label.setVisible(not self.breaches)
        self.validate()
        self._fit_height()

    def _fit_height(self) -> None:
        # Wrapped breach messages need more height than the layout's minimum tells Qt.
        layout = self.layout()
        if layout is None:
            return
        layout.activate()
        wanted = layout.totalHeightForWidth(self.width())
        if wanted > self.height():
            self.resize(self.width(), wanted)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._fit_height()

    def approval_problems(self) -> list[str]:
        """Why the claim cannot be approved as filled in (empty when it can)."""
        found = []
        if problem := self._grant()[1]:
            found.append(problem)
        if not self.decided_by_edit.text().strip():
            found.append(_("Say who decided."))
        missing = sum(1 for reason in self.overrides().values() if not reason)
        if missing:
            found.append(_("Give a reason for each breach of the policy to approve the claim "
                           "anyway."))
        return found

    def validate(self) -> bool:
        """Show what stands in the way of approving; Approve only when nothing does."""
        grant_problem = self._grant()[1]
        self.amount_error.say(grant_problem if self.amount_edit in self._touched else "")
        self.decided_by_error.say(_("Say who decided.")
                                  if self.decided_by_edit in self._touched
                                  and not self.decided_by_edit.text().strip() else "")
        self.partly_note.setText(_("Less than asked for: the claim will be partly approved.")
                                 if self.is_partial() else "")
        self.partly_note.setVisible(self.is_partial())
        problems = self.approval_problems()
        missing_reason = _("Give a reason for each breach of the policy to approve the claim "
                           "anyway.")
        self.approve_note.setText(missing_reason if missing_reason in problems else "")
        self.approve_note.setVisible(missing_reason in problems)
        writable = self.context.writable
        self.approve_button.setEnabled(writable and not problems)
        self.deny_button.setEnabled(writable)
        return not problems

    # -- deciding -------------------------------------------------------------------------

    def approve(self) -> bool:
        """Approve as filled in; whether the book now says so."""
        self._touched.update((self.amount_edit, self.decided_by_edit))
        if not self.validate():
            return False
        grant = self._grant()[0]
        assert grant is not None
        try:
            self.changes = self.context.host.run(
                approve_in_book, self.claim.id, decided_by=self.decided_by_edit.text().strip(),
                date=self.date_edit.value(), amount=grant, months=self.months_spin.value(),
                reason=self.reason_edit.text().strip(), overrides=self.overrides(),
                expected_version=self.claim.version)
        except ValidationError as exc:
            self._show_core_problems(exc.problems)
            self.check_policy()  # the book may have changed since the last check
            return False
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return False
        self.outcome = self.changes.result
        self._decided()
        return True

    def deny(self) -> bool:
        """Deny, saying why; whether the book now says so."""
        self._touched.add(self.decided_by_edit)
        self.validate()
        problems = False
        if not self.reason_edit.text().strip():
            self.reason_error.say(_("Say why the claim is denied."))
            problems = True
        if not self.decided_by_edit.text().strip():
            problems = True
        if problems:
            return False
        try:
            self.changes = self.context.host.run(
                deny_claim, self.claim.id, decided_by=self.decided_by_edit.text().strip(),
                reason=self.reason_edit.text().strip(), date=self.date_edit.value(),
                expected_version=self.claim.version)
        except ValidationError as exc:
            self._show_core_problems(exc.problems)
            return False
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return False
        self.outcome = ClaimStatus.DENIED
        self._decided()
        return True

    def _decided(self) -> None:
        QSettings().setValue(DECIDED_BY_KEY, self.decided_by_edit.text().strip())
        self.accept()

    def _show_core_problems(self, problems: list[str]) -> None:
        route_problems(problems, {"amount": self.amount_error, "months": self.amount_error,
                                  "decided by": self.decided_by_error,
                                  "reason": self.reason_error}, self.form_error)
