"""The "Close period" dialog: what closing means, the date closed so far, the new date.

Closing the books through a day is permanent: no entry can be posted on or before it any more
(reversals of older entries are dated later). The dialog says so before anything is done,
checks the date at the field (after the current closed date, before today: the core's own rules
in `close_period`), asks once more, and closes through the core in one transaction.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.i18n import _
from coopdesk.ledger.service import close_period
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.ledger_dialogs import LedgerDialogs
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import ERROR_STYLE


def suggested_close(today: dt.date, closed_through: dt.date | None) -> dt.date:
    """The last day of last month (the usual choice), or the day after the closed date if
    that is later, never today or after."""
    month_end = today.replace(day=1) - dt.timedelta(days=1)
    if closed_through is not None and month_end <= closed_through:
        return min(closed_through + dt.timedelta(days=1), today - dt.timedelta(days=1))
    return month_end


class PeriodCloseDialog(QDialog):
    """Choose the last day to close; accept() asks to confirm, then closes (or says why not)."""

    def __init__(self, context: AppContext, closed_through: dt.date | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(_("Close a period"))
        self.context = context
        self.closed_through = closed_through
        self.closed = False
        formatter = context.formatter
        today = clock.today()

        explanation = QLabel(_(
            "Closing the books through a date locks every day up to and including it. No entry "
            "can be posted on or before that date any more, so the accounts of the closed "
            "period stay exactly as they are, as approved or reported. A mistake found later "
            "is corrected by an entry dated after the closed period.\n\n"
            "Closing cannot be undone."))
        explanation.setWordWrap(True)
        if closed_through is None:
            current_text = _("No period has been closed yet.")
        else:
            current_text = _("The books are closed through {date}.").format(
                date=formatter.date(closed_through))
        self.current_label = QLabel(current_text)
        self.date_edit = DateEdit(suggested_close(today, closed_through), formatter.locale)
        yesterday = today - dt.timedelta(days=1)
        self.date_edit.setMaximumDate(QDate(yesterday.year, yesterday.month, yesterday.day))
        self.date_problem = QLabel()
        self.date_problem.setStyleSheet(ERROR_STYLE)
        self.date_problem.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Close the books"))

        date_label = QLabel(_("Close &through"))
        date_label.setBuddy(self.date_edit)
        form = QFormLayout()
        form.addRow(_("Closed so far"), self.current_label)
        form.addRow(date_label, self.date_edit)
        form.addRow("", self.date_problem)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

        self.date_edit.dateChanged.connect(self._check)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self._check()
        self.resize(480, self.sizeHint().height())

    def problem(self) -> str:
        """What is wrong with the date chosen ("" when nothing is)."""
        through = self.date_edit.value()
        if through >= clock.today():
            return _("Only a day that has ended can be closed; choose a date before today.")
        if self.closed_through is not None and through <= self.closed_through:
            return _("The books are already closed through {date}; choose a later date.").format(
                date=self.context.formatter.date(self.closed_through))
        return ""

    def accept(self) -> None:
        """Confirm, then close the books through the date chosen."""
        problem = self._check()
        if problem:
            return
        through = self.date_edit.value()
        question = _("Close the books through {date}? No entry can be posted on or before "
                     "that day after this, and it cannot be undone.").format(
            date=self.context.formatter.date(through))
        if not LedgerDialogs.confirm(self, question, _("Close the books")):
            return
        if self.context.write(close_period, through) is None:
            return
        self.closed = True
        super().accept()

    def _check(self) -> str:
        problem = self.problem()
        self.date_problem.setText(problem)
        self.ok_button.setEnabled(not problem)
        return problem
