"""The selected claim in full, under the claims register: the decision (who, when, why, each
override and its reason) and the payouts one by one, with "Reverse payout…" for a payment made
wrongly.

It shows what it is given and says what the user asked for; the screen reads and writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QTableView, QVBoxLayout, QWidget

from coopdesk.formatting import Formatter
from coopdesk.funds.payout_list import PayoutRow
from coopdesk.funds.queries import ClaimRow
from coopdesk.funds.types import ClaimStatus
from coopdesk.i18n import _
from coopdesk_ui.models.claim_payout_model import Column, PayoutModel
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.screens.funds_labels import asked_text, status_label
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
_PAYOUTS_WIDTH = 400


class ClaimDetailPane(QWidget):
    """One claim, or a hint to pick one."""

    #: "Reverse payout…" on the selected payout (its PayoutRow).
    reverse_requested = Signal(object)

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._writable = False
        self.claim: ClaimRow | None = None
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.model = PayoutModel(formatter, self)
        self.table: QTableView = records_table(self.model, Column.DATE)
        self.payouts_label = QLabel(_("Payouts"))
        font = self.payouts_label.font()
        font.setBold(True)
        self.payouts_label.setFont(font)
        self.reverse_button = QPushButton(_("Reverse pa&yout") + ELLIPSIS)
        self.reverse_button.setToolTip(_("Post the reversal of the selected payout, made wrongly: "
                                         "the money goes back into the fund"))
        payouts = QWidget()
        payouts.setFixedWidth(_PAYOUTS_WIDTH)
        column = QVBoxLayout(payouts)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.payouts_label)
        column.addWidget(self.table, 1)
        column.addWidget(self.reverse_button)
        self.payouts = payouts
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addSpacing(12)
        layout.addWidget(payouts)
        self.table.selectionModel().selectionChanged.connect(self._follow_selection)
        self.reverse_button.clicked.connect(self._ask_reverse)
        self.show_claim(None, ())

    def set_formatter(self, formatter: Formatter) -> None:
        self._formatter = formatter
        self.model.set_formatter(formatter)

    def set_writable(self, writable: bool) -> None:
        self._writable = writable
        self._follow_selection()

    def show_claim(self, claim: ClaimRow | None, payouts: Sequence[PayoutRow]) -> None:
        """Show `claim` and its `payouts` (None: a hint to pick a claim)."""
        self.claim = claim
        self.model.set_rows(payouts, (claim.approved_months or 1) if claim is not None else 1)
        self.table.resizeColumnsToContents()
        has_payouts = bool(payouts)
        self.payouts.setVisible(has_payouts)
        self.text.setText(self._claim_html(claim) if claim is not None
                          else _("Pick a claim to see its decision and payouts."))
        if has_payouts:
            self.select_payout(payouts[-1].payout_id)
        self._follow_selection()

    def selected(self) -> PayoutRow | None:
        rows = self.table.selectionModel().selectedRows()
        if len(rows) != 1:
            return None
        return self.model.rows()[rows[0].row()]

    def select_payout(self, payout_id: int) -> bool:
        for position, row in enumerate(self.model.rows()):
            if row.payout_id == payout_id:
                self.table.selectionModel().setCurrentIndex(
                    self.model.index(position, 0),
                    QItemSelectionModel.SelectionFlag.ClearAndSelect
                    | QItemSelectionModel.SelectionFlag.Rows)
                return True
        return False

    def _claim_html(self, claim: ClaimRow) -> str:
        formatter = self._formatter
        lines = [
            f"<b>{escape(member_text(claim.member_number, claim.member_name))}</b>",
            escape(claim.description),
            escape(_("Event on {date}; asked {asked}.").format(
                date=formatter.date(claim.event_date),
                asked=asked_text(claim.amount, claim.months, formatter))),
            "<b>" + escape(status_label(claim.status)) + "</b>",
        ]
        if claim.decision_date is not None:
            lines.append(escape(_("Decided on {date} by {who}.").format(
                date=formatter.date(claim.decision_date), who=claim.decided_by)))
        if claim.approved_amount is not None:
            lines.append(escape(_("Granted {granted}.").format(granted=asked_text(
                claim.approved_amount, claim.approved_months or 1, formatter))))
        if claim.decision_reason:
            lines.append(escape(_("Reason: {reason}").format(reason=claim.decision_reason)))
        for _rule, breach, reason in claim.overrides:
            lines.append(escape(_("Beyond the policy: {breach}. Approved because: {reason}").format(
                breach=breach, reason=reason)))
        if claim.status.is_open or claim.status is ClaimStatus.PAID:
            lines.append(escape(_("Paid {paid}; still to pay {to_pay}.").format(
                paid=formatter.money(claim.paid), to_pay=formatter.money(claim.to_pay))))
        return "<br>".join(lines)

    def _follow_selection(self) -> None:
        row = self.selected()
        self.reverse_button.setEnabled(self._writable and row is not None and not row.reversed)

    def _ask_reverse(self) -> None:
        row = self.selected()
        if row is not None and not row.reversed and self._writable:
            self.reverse_requested.emit(row)
