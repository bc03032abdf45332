"""Which dues periods a member owes for, and how much for each: the pure heart of a dues run.

A dues run asks `due_periods` for every member's plan assignment and charges each returned
period once, keyed by member, plan and `Period.key`; asking again with the same or a later
`through` date returns the same periods first, so a repeated run charges nothing twice.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeGuard

from coopdesk.dues.periods import (
    Frequency,
    Period,
    PeriodBasis,
    fixed_period_containing,
    rolling_period,
)
from coopdesk.money import Money, Rounding

__all__ = [
    "Due",
    "Frequency",
    "Period",
    "PeriodBasis",
    "PlanTerms",
    "Proration",
    "due_periods",
    "plan_terms_problems",
]


class Proration(StrEnum):
    """How a member who joins after a fixed period has started is charged for it."""

    NONE = "none"
    """The full amount."""
    BY_MONTH = "by_month"
    """The amount times the months left in the period (the join month counted whole)."""
    BY_DAY = "by_day"
    """The amount times the days left in the period (the join day included)."""


@dataclass(frozen=True, slots=True)
class PlanTerms:
    """What a dues plan charges and when; invalid terms raise ValueError listing every problem.

    - `year_start_month`: the month fixed quarters and years start in (1 = calendar year, 7 = a
      fiscal year from July). Monthly fixed periods are calendar months whatever it is, and
      rolling plans ignore it.
    - `rollover_day` (fixed plans only): a day of the period, counted from 1 = its first day. A
      member who joins on a later day is not charged for the period they join in: their first
      charge is the whole NEXT period, which buys the rest of this one too. Joining on the
      rollover day itself still charges this period. For a calendar-year plan, 305 is 1 November
      (31 October in a leap year, as the count is in days); a number beyond a short period's
      length never triggers. None = no rollover.
    - `proration` (fixed plans only): how the first, partial period of a member who joins after
      its first day (and not after the rollover day) is charged; see `Proration`.
    """

    amount: Money
    frequency: Frequency
    basis: PeriodBasis
    year_start_month: int = 1
    rollover_day: int | None = None
    proration: Proration = Proration.NONE

    def __post_init__(self) -> None:
        problems = plan_terms_problems(
            self.amount,
            self.frequency,
            self.basis,
            self.year_start_month,
            self.rollover_day,
            self.proration,
        )
        if problems:
            raise ValueError("invalid dues plan terms: " + "; ".join(problems))


def plan_terms_problems(
    amount: object,
    frequency: object,
    basis: object,
    year_start_month: object,
    rollover_day: object,
    proration: object,
) -> list[str]:
    """Every reason these values cannot make a `PlanTerms` (empty when they can), so that a
    plan form can show them all before anything is saved."""
    problems: list[str] = []
    if not isinstance(amount, Money):
        problems.append(f"the amount must be Money, not {type(amount).__name__}")
    elif amount.is_negative:
        problems.append(f"the amount cannot be negative ({amount})")
    if not isinstance(frequency, Frequency):
        problems.append(f"the frequency must be a Frequency, not {frequency!r}")
    if not isinstance(basis, PeriodBasis):
        problems.append(f"the basis must be a PeriodBasis, not {basis!r}")
    if not isinstance(proration, Proration):
        problems.append(f"the proration must be a Proration, not {proration!r}")
    if not _is_int(year_start_month) or not 1 <= year_start_month <= 12:
        problems.append(f"the year start month must be 1 to 12, not {year_start_month!r}")
    if rollover_day is not None:
        longest = frequency.longest_days if isinstance(frequency, Frequency) else 366
        if not _is_int(rollover_day) or not 1 <= rollover_day <= longest:
            problems.append(
                f"the rollover day must be a day of the period, 1 to {longest}, "
                f"not {rollover_day!r}"
            )
    if basis is PeriodBasis.ROLLING:
        if rollover_day is not None:
            problems.append("a rollover day only applies to fixed periods, not rolling ones")
        if proration is not Proration.NONE and isinstance(proration, Proration):
            problems.append("proration only applies to fixed periods: rolling ones start whole")
    return problems


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


@dataclass(frozen=True, slots=True)
class Due:
    """One period a member owes for, and how much; `prorated` when only part of it is charged."""

    period: Period
    amount: Money
    prorated: bool


def due_periods(
    terms: PlanTerms,
    start: date,
    end: date | None,
    through: date,
    *,
    first_period_is_joining: bool = True,
    amount: Money | None = None,
) -> list[Due]:
    """Every period owed, in order, by a member on the plan from `start` to `end` (inclusive,
    None = still on it), among the periods that start on or before `through`.

    The caller passes the last day of the month given as `--through`. Nothing is due if
    `through` is before `start`. A period that starts after `end` is not due; the period in
    which the member leaves is due in full (no refund for a partial last period).

    Fixed plans: the first period is the one `start` falls in. With `first_period_is_joining`
    (the member joins the co-op), the plan's rollover day and proration decide it: after the
    rollover day it is skipped, otherwise it is charged in full or prorated. Without it (a move
    from another plan, which charged its own last period in full), the member starts with the
    next full period, or this one if `start` is its first day; neither rollover nor proration
    applies. Rolling plans: periods run from `start`, each charged in full.

    `amount` replaces the plan's amount for this member (a reduced rate; proration applies to
    it); zero means waived and nothing is due. A prorated charge that rounds to zero is left out.
    """
    rate = _member_rate(terms, amount)
    for day, what in ((start, "start"), (through, "through")):
        _check_date(day, what)
    if end is not None:
        _check_date(end, "end")
        if end < start:
            raise ValueError(f"the member cannot leave the plan ({end}) before joining ({start})")
    if rate.is_zero or through < start:
        return []
    last_start = through if end is None else min(through, end)

    dues: list[Due] = []
    for index, period in enumerate(_periods_from(terms, start)):
        if period.start > last_start:
            break
        if index == 0 and period.start < start:
            if not first_period_is_joining or _after_rollover(terms, period, start):
                continue
            parts, of_parts = _share(terms.proration, period, start)
            # Multiplying first keeps the arithmetic on whole minor units, and `divide` rounds
            # the exact rational quotient: no Decimal division ever loses precision.
            charge = (rate * parts).divide(of_parts, Rounding.HALF_UP)
            if not charge.is_zero:
                dues.append(Due(period, charge, prorated=parts < of_parts))
        else:
            dues.append(Due(period, rate, prorated=False))
    return dues


def _member_rate(terms: PlanTerms, override: Money | None) -> Money:
    if override is None:
        return terms.amount
    if not isinstance(override, Money):
        raise TypeError(f"the member's amount must be Money, not {type(override).__name__}")
    if override.currency != terms.amount.currency:
        raise ValueError(
            f"the member's amount ({override}) is not in the plan's currency "
            f"({terms.amount.currency})"
        )
    if override.is_negative:
        raise ValueError(f"the member's amount cannot be negative ({override})")
    return override


def _check_date(day: object, what: str) -> None:
    # A datetime is a date, but comparing one with a date raises: refuse it up front.
    if not isinstance(day, date) or isinstance(day, datetime):
        raise TypeError(f"{what} must be a date, not {type(day).__name__}")


def _periods_from(terms: PlanTerms, start: date) -> Iterator[Period]:
    """The plan's periods from the one `start` falls in, without end."""
    if terms.basis is PeriodBasis.ROLLING:
        for index in itertools.count():
            yield rolling_period(start, index, terms.frequency)
    period = fixed_period_containing(start, terms.frequency, terms.year_start_month)
    while True:
        yield period
        period = fixed_period_containing(
            period.end + timedelta(days=1), terms.frequency, terms.year_start_month
        )


def _after_rollover(terms: PlanTerms, period: Period, joined: date) -> bool:
    day_of_period = (joined - period.start).days + 1
    return terms.rollover_day is not None and day_of_period > terms.rollover_day


def _share(proration: Proration, period: Period, joined: date) -> tuple[int, int]:
    """The part of `period` charged to a member who joined on `joined`, as (parts, of_parts)."""
    if proration is Proration.BY_MONTH:
        months_left = (period.end.year - joined.year) * 12 + period.end.month - joined.month + 1
        return months_left, period.frequency.months
    if proration is Proration.BY_DAY:
        return (period.end - joined).days + 1, (period.end - period.start).days + 1
    return 1, 1

