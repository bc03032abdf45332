"""Paying the cash part of a posted allocation: on a day, from the bank or the cash box.

Before anything is posted the dialog says how many members are paid and how much in all,
worked out by the core in a transaction rolled back (`Book.dry_run`), so the figure is exactly
what "Pay" posts. Nothing owed means nothing to press.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QVBoxLayout, QWidget

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _, ngettext
from coopdesk.patronage.capital import PaidResult, pay_allocation_cash
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.patronage_labels import year_text
from coopdesk_ui.widgets.pay_fields import PayFields, method_combo

__all__ = ["CashDialog", "method_combo"]  # method_combo lived here: imports of it still work


class CashDialog(QDialog):
    """Pays what is still owed of the cash part of the year from `year_start`; `changes` is
    set once paid."""

    def __init__(self, context: AppContext, year_start: dt.date, posted_on: dt.date,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.year_start = year_start
        self.preview: PaidResult | None = None
        self.changes: ChangeSet | None = None
        self.setWindowTitle(_("Pay the cash part of {year}").format(year=year_text(year_start)))
        self.fields = PayFields(max(clock.today(), posted_on), context.formatter.locale,
                                _("Paid &on:"))
        self.date_edit = self.fields.date_edit
        self.method_combo = self.fields.method_combo
        self.what_label = self.fields.what_label
        self.form_error = self.fields.form_error
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Pay"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.fields)
        layout.addWidget(self.buttons)
        self.fields.changed.connect(self.update_preview)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.update_preview()

    def _service(self) -> partial[PaidResult]:
        return partial(pay_allocation_cash, year_start=self.year_start, date=self.fields.day(),
                       method=self.fields.method())

    def update_preview(self) -> None:
        """Say what "Pay" would post, as the core works it out (and rolls back)."""
        self.preview = self.fields.dry_run(self.context.host, self._service())
        if self.preview is None:
            self.ok_button.setEnabled(False)
            return
        count = self.preview.payments
        self.what_label.setText(ngettext(
            "{count} member is paid {total} in all.", "{count} members are paid {total} in all.",
            count).format(count=count, total=self.context.formatter.money(self.preview.total))
            if count else _("Nothing is owed: the cash part of this year is paid."))
        self.ok_button.setEnabled(count > 0)

    def accept(self) -> None:
        self.update_preview()
        if self.preview is None or not self.preview.payments:
            return
        try:
            self.changes = self.context.host.run(self._service())
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
