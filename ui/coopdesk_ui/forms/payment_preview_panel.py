"""Beside the payment form, live: who pays, what the member owes, and where the money will go.

The member's open charges are read once when the member is found; each keystroke in the amount
then only recomputes `preview_payment` (pure), so the panel keeps up with typing.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGroupBox,
    QHeaderView,
    QLabel,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from coopdesk.dues.payment_preview import PaymentPreview, preview_payment
from coopdesk.dues.queries import OpenCharge
from coopdesk.formatting import Formatter
from coopdesk.i18n import _, ngettext
from coopdesk.money import Money
from coopdesk_ui.models.payment_application_model import Column, PaymentApplicationModel

_MUTED_STYLE = "color: palette(mid);"
_CREDIT_STYLE = "font-weight: bold;"


class PaymentPreviewPanel(QGroupBox):
    """"How it will be applied": payer, what is owed, the charges paid and the credit left."""

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(_("How the payment will be applied"), parent)
        self._formatter = formatter
        self._charges: tuple[OpenCharge, ...] = ()
        self._amount: Money | None = None
        self._has_member = False
        self.preview: PaymentPreview | None = None

        self.payer_label = QLabel()
        self.owed_label = QLabel()
        self.summary_label = QLabel()
        self.summary_label.setWordWrap(True)
        self.model = PaymentApplicationModel(formatter, self)
        self.table = self._make_table()
        self.credit_label = QLabel()
        self.credit_label.setStyleSheet(_CREDIT_STYLE)
        for label in (self.payer_label, self.owed_label, self.credit_label):
            label.setWordWrap(True)  # a long name wraps instead of narrowing the form
        layout = QVBoxLayout(self)
        layout.addWidget(self.payer_label)
        layout.addWidget(self.owed_label)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.table)
        layout.addWidget(self.credit_label)
        layout.addStretch(1)
        self.show_nothing()

    def set_formatter(self, formatter: Formatter) -> None:
        """Write amounts the way `formatter` does (another book, another locale)."""
        self._formatter = formatter
        self.model.set_formatter(formatter)

    def show_nothing(self) -> None:
        """No member found yet: say what the panel will show."""
        self._has_member = False
        self._charges = ()
        self.payer_label.setText(_("Find a member to see what they owe."))
        self.payer_label.setStyleSheet(_MUTED_STYLE)
        self.owed_label.clear()
        self._update()

    def show_member(self, payer: str, balance: Money, charges: Sequence[OpenCharge]) -> None:
        """The member found: who pays for them (`payer`), their balance (> 0 owed, < 0 credit)
        and their open charges, oldest first."""
        self._has_member = True
        self._charges = tuple(charges)
        self.payer_label.setText(payer)
        self.payer_label.setStyleSheet("")
        money = self._formatter.money
        if balance.is_positive:
            owed = ngettext("Owes {amount} ({count} open charge).",
                            "Owes {amount} ({count} open charges).", len(self._charges))
            self.owed_label.setText(owed.format(amount=money(balance), count=len(self._charges)))
        elif balance.is_negative:
            self.owed_label.setText(_("Owes nothing; has {amount} of credit.").format(
                amount=money(-balance)))
        else:
            self.owed_label.setText(_("Owes nothing."))
        self._update()

    def show_amount(self, amount: Money | None) -> None:
        """The amount typed (None while there is no valid amount)."""
        self._amount = amount
        self._update()

    def _update(self) -> None:
        amount = self._amount
        if not self._has_member or amount is None or not amount.is_positive:
            self.preview = None
            self.model.set_rows([])
            self.table.hide()
            self.summary_label.setText(_("Type an amount to see which charges it pays.")
                                       if self._has_member else "")
            self.summary_label.setVisible(self._has_member)
            self.credit_label.clear()
            return
        preview = preview_payment(self._charges, amount)
        self.preview = preview
        self.model.set_rows(preview.applied)
        self.table.setVisible(bool(preview.applied))
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(Column.PLAN, QHeaderView.ResizeMode.Stretch)
        money = self._formatter.money
        if preview.applied:
            settled = sum(1 for charge in preview.applied if charge.settled)
            text = ngettext("Pays {count} charge in full, oldest first",
                            "Pays {count} charges in full, oldest first", settled).format(count=settled)
            if settled < len(preview.applied):
                text += _(", and part of one")
            self.summary_label.setText(text + ":")
        else:
            self.summary_label.setText(_("Nothing is owed: all of it is kept as credit."))
        self.summary_label.show()
        if preview.credit.is_positive:
            self.credit_label.setText(_("Credit left over: {amount} (paid ahead)").format(
                amount=money(preview.credit)))
        elif preview.still_open.is_positive:
            self.credit_label.setText(_("Still owed afterwards: {amount}").format(
                amount=money(preview.still_open)))
        else:
            self.credit_label.setText(_("All paid up afterwards."))

    def _make_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        table.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard stays in the form
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setWordWrap(False)
        table.verticalHeader().hide()
        table.verticalHeader().setDefaultSectionSize(table.fontMetrics().height() + 6)
        table.horizontalHeader().setHighlightSections(False)
        # A few rows, then it scrolls: the list of payments below needs the height more.
        rows = table.verticalHeader().defaultSectionSize()
        table.setMaximumHeight(table.horizontalHeader().sizeHint().height() + 4 * rows + 4)
        return table
