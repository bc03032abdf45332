"""How a payment not yet recorded will be applied: which open charges it settles, and the credit.

The payment entry form shows this live, keystroke by keystroke, so it is pure and cheap: it takes
the member's open charges (`coopdesk.dues.queries.open_charges`, read once when the member is
chosen) and the amount typed, and applies the amount oldest charge first exactly as the
settlement will (`coopdesk.dues.fifo.settle`), the rest being prepayment credit. Nothing here
reads or writes the book.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from coopdesk.dues.fifo import ChargeDue, settle
from coopdesk.money import CurrencyMismatch, Money

if TYPE_CHECKING:  # a type only: importing the queries module would bring in SQLAlchemy
    from coopdesk.dues.queries import OpenCharge


@dataclass(frozen=True, slots=True)
class AppliedCharge:
    """One open charge the payment pays (all of what is open, or `applied` of it)."""

    charge_id: int
    plan: str
    period_key: str
    period_start: dt.date
    open: Money
    applied: Money

    @property
    def settled(self) -> bool:
        """Whether the payment pays all that is open of this charge."""
        return self.applied == self.open


@dataclass(frozen=True, slots=True)
class PaymentPreview:
    """Where a payment's money goes: `applied` to charges, oldest first, and `credit` left over.

    `sum(applied) + credit == amount`, and `still_open` is what the member will owe after it.
    """

    amount: Money
    applied: tuple[AppliedCharge, ...]
    credit: Money
    still_open: Money

    @property
    def applied_total(self) -> Money:
        """The part of the payment that settles charges."""
        return sum((charge.applied for charge in self.applied), Money.zero(self.amount.currency))


def preview_payment(charges: Sequence[OpenCharge], amount: Money) -> PaymentPreview:
    """How `amount` will be applied to `charges` (the member's open charges, oldest first).

    Only charges the payment reaches are listed. Raises ValueError for a negative amount and
    CurrencyMismatch for charges in another currency than the amount.
    """
    currency = amount.currency
    if amount.is_negative:
        raise ValueError(f"a payment cannot be negative ({amount})")
    for charge in charges:
        if charge.open.currency != currency:
            raise CurrencyMismatch(f"charge {charge.charge_id} is in {charge.open.currency}, "
                                   f"the payment in {currency}")
    dues = [ChargeDue(charge.charge_id, charge.open.minor_units) for charge in charges]
    settlement = settle(dues, amount.minor_units)
    applied = []
    for charge in charges:
        paid = charge.open.minor_units - settlement.open_by_charge[charge.charge_id]
        if paid > 0:
            applied.append(AppliedCharge(charge.charge_id, charge.plan, charge.period_key,
                                         charge.period_start, charge.open,
                                         Money.from_minor(paid, currency)))
    return PaymentPreview(amount, tuple(applied), Money.from_minor(settlement.credit, currency),
                          Money.from_minor(settlement.total_open, currency))
