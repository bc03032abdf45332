"""Which charges a member's payments have settled: oldest first, the rest is credit.

Pure: the caller gives the member's charges (oldest first by period), what was written off each,
and the total paid; it gets each charge's open amount and the credit left over. A reversed
payment simply stops counting, so the applications follow any correction by themselves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ChargeDue:
    """One charge: its id, amount and the part written off, in minor units."""

    charge_id: int
    amount: int
    written_off: int = 0


@dataclass(frozen=True, slots=True)
class Settlement:
    #: charge id -> amount still open, in minor units, for every charge given.
    open_by_charge: dict[int, int]
    #: paid beyond every charge: a prepayment credit that later charges consume.
    credit: int

    @property
    def total_open(self) -> int:
        return sum(self.open_by_charge.values())


def settle(charges: Sequence[ChargeDue], paid: int) -> Settlement:
    """Apply `paid` to `charges` in the order given (oldest first)."""
    if paid < 0:
        raise ValueError(f"paid cannot be negative ({paid})")
    remaining = paid
    open_by_charge: dict[int, int] = {}
    for charge in charges:
        due = charge.amount - charge.written_off
        if due < 0:
            raise ValueError(f"charge {charge.charge_id} has more written off than charged")
        applied = min(due, remaining)
        remaining -= applied
        open_by_charge[charge.charge_id] = due - applied
    return Settlement(open_by_charge, remaining)
