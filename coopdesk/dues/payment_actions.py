"""Recording a payment as an undoable action (`coopdesk.undo.Action`).

The ledger is append-only, so a recorded payment is never deleted: undoing it posts the
reversal of its entry (`reverse_payment`), which reopens the charges it paid, and redoing it
records the same payment again as a new payment. The action remembers the payment its last
`do`/`redo` made, so an undo after a redo reverses the newer one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.dues.payments import payment_is_reversed, record_payment, reverse_payment
from coopdesk.errors import CoopdeskError
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class PaymentUndone:
    """What undoing a payment did: `reversal_entry_id` reverses payment `payment_id`."""

    payment_id: int
    reversal_entry_id: int
    label: str


@dataclass(frozen=True, slots=True)
class PaymentRedone:
    """What redoing a payment did: it was recorded again as payment `payment_id`."""

    payment_id: int
    label: str


def reversal_date(pay_date: dt.date) -> dt.date:
    """The day a payment taken back now is reversed: today, or its own date if later, so the
    payment and its reversal net to nothing on every day after the payment."""
    return max(clock.today(), pay_date)


class RecordPayment:
    """Record one payment of dues; undo posts its reversal; redo records it again."""

    def __init__(self, member_number: str, date: dt.date, amount: Money, method: str = "bank_transfer",
                 reference: str = "", memo: str = "", payer_number: str | None = None, *,
                 member_name: str = "", formatter: Formatter | None = None) -> None:
        self.member_number = member_number
        self.date = date
        self.amount = amount
        self.method = method
        self.reference = reference
        self.memo = memo
        self.payer_number = payer_number
        #: The payment the last `do` or `redo` recorded; None before `do` and after `undo`.
        self.payment_id: int | None = None
        who = member_name or _("member {number}").format(number=member_number)
        shown = formatter.money(amount) if formatter is not None else str(amount)
        self._label = _("payment of {amount} by {member}").format(amount=shown, member=who)

    @property
    def label(self) -> str:
        """What the Edit menu says after Undo/Redo: "payment of $12.00 by Ana Ruiz"."""
        return self._label

    def do(self, session: Session) -> int:
        """Record the payment; returns its id."""
        self.payment_id = record_payment(session, self.member_number, self.date, self.amount,
                                         self.method, reference=self.reference, memo=self.memo,
                                         payer_number=self.payer_number)
        return self.payment_id

    def undo(self, session: Session) -> PaymentUndone:
        """Post the reversal of the payment made (the charges it paid are open again)."""
        payment_id = self.payment_id
        if payment_id is None:
            raise CoopdeskError(_("this payment was not recorded, so there is nothing to undo"))
        if payment_is_reversed(session, payment_id):
            raise CoopdeskError(_("this payment has been reversed already; there is nothing to undo"))
        entry_id = reverse_payment(session, payment_id, reversal_date(self.date))
        self.payment_id = None
        return PaymentUndone(payment_id, entry_id, self._label)

    def redo(self, session: Session) -> PaymentRedone:
        """Record the payment again (a new payment: the undone one stays reversed)."""
        return PaymentRedone(self.do(session), self._label)
