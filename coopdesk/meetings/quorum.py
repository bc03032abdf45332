"""The quorum, as bylaws write it: a percentage of the eligible voters, a fixed number of
members, or both, taking the greater or the lesser of the two.

A percentage is rounded up (a quorum of 10 % of 45 voters is 5 members: 4.5 are not enough),
and a quorum is never more than the eligible voters, nor less than one. Pure: no book.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction


class Combine(StrEnum):
    GREATER = "greater"
    LESSER = "lesser"


@dataclass(frozen=True, slots=True)
class QuorumRule:
    percent: Decimal | None = None
    number: int | None = None
    combine: Combine = Combine.GREATER

    def problems(self) -> list[str]:
        found = []
        if self.percent is None and self.number is None:
            found.append("quorum: a percentage of the eligible voters, a number of members, or both")
        if self.percent is not None and not Decimal(0) < self.percent <= Decimal(100):
            found.append("quorum percentage: above 0 and at most 100")
        if self.number is not None and self.number < 1:
            found.append("quorum number: at least 1")
        return found


def quorum_needed(rule: QuorumRule, eligible: int) -> int:
    """How many eligible voters (present or by proxy) make the meeting quorate."""
    if rule.problems():
        raise ValueError("; ".join(rule.problems()))
    needs = []
    if rule.percent is not None:
        needs.append(math.ceil(Fraction(rule.percent) * eligible / 100))
    if rule.number is not None:
        needs.append(rule.number)
    needed = max(needs) if rule.combine is Combine.GREATER else min(needs)
    return max(1, min(needed, eligible)) if eligible else 1


@dataclass(frozen=True, slots=True)
class Worksheet:
    """The quorum worksheet: filled in at the door."""

    eligible: int
    needed: int
    present: int
    by_proxy: int

    @property
    def total(self) -> int:
        return self.present + self.by_proxy

    @property
    def reached(self) -> bool:
        return self.total >= self.needed

    @property
    def still_needed(self) -> int:
        return max(0, self.needed - self.total)
