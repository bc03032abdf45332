"""Dues periods and the calendar arithmetic behind them: month steps, fiscal alignment, keys.

Pure date arithmetic, no money. Periods are always whole calendar months apart, never a fixed
number of days (a "30-day month" drifts), and month steps clamp to the end of a short month
instead of overflowing into the next one (31 January plus one month is 28 or 29 February).
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

__all__ = [
    "Frequency",
    "Period",
    "PeriodBasis",
    "add_months",
    "fiscal_year_start",
    "fixed_period_containing",
    "months_since",
    "rolling_period",
    "shift_months",
]

_ONE_DAY = timedelta(days=1)


class Frequency(StrEnum):
    """How often dues fall due."""

    MONTHLY = "monthly"
    QUARTERLY = "quarterly"
    YEARLY = "yearly"

    @property
    def months(self) -> int:
        """Calendar months in one period."""
        return _MONTHS[self]

    @property
    def longest_days(self) -> int:
        """Days in the longest possible period (31, 92 or 366), the bound of a rollover day."""
        return _LONGEST_DAYS[self]


_MONTHS = {Frequency.MONTHLY: 1, Frequency.QUARTERLY: 3, Frequency.YEARLY: 12}
# Quarters starting in July or October have 31 + 31 + 30 days (or 31 + 30 + 31).
_LONGEST_DAYS = {Frequency.MONTHLY: 31, Frequency.QUARTERLY: 92, Frequency.YEARLY: 366}


class PeriodBasis(StrEnum):
    """Whether periods are the same for every member or run from each member's join date."""

    FIXED = "fixed"
    """Calendar months, or quarters and years aligned to the plan's year start."""
    ROLLING = "rolling"
    """Periods counted from the member's own start date."""


@dataclass(frozen=True, slots=True)
class Period:
    """One dues period, from `start` to `end` inclusive.

    `frequency`, `basis` and `year_start_month` say which scheme produced it, which is what its
    `key` is made of.
    """

    start: date
    end: date
    frequency: Frequency
    basis: PeriodBasis
    year_start_month: int = 1

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"a period cannot end ({self.end}) before it starts ({self.start})")

    @property
    def key(self) -> str:
        """A stable text id, unique among one plan's periods, so a dues run can be repeated.

        Monthly fixed "2026-03"; calendar quarters and years "2026-Q1" and "2026"; fiscal ones
        (year not starting in January) "FY2026/2027-Q1" and "FY2026/2027", named by the
        calendar years they span so that they never collide with calendar keys; rolling periods
        "R2026-03-15", their start date.
        """
        if self.basis is PeriodBasis.ROLLING:
            return f"R{self.start.isoformat()}"
        if self.frequency is Frequency.MONTHLY:
            return f"{self.start.year:04d}-{self.start.month:02d}"
        first_month = self.year_start_month
        year_from = self.start.year if self.start.month >= first_month else self.start.year - 1
        year = f"{year_from:04d}" if first_month == 1 else f"FY{year_from:04d}/{year_from + 1:04d}"
        if self.frequency is Frequency.YEARLY:
            return year
        return f"{year}-Q{(self.start.month - first_month) % 12 // 3 + 1}"


def shift_months(anchor: date, months: int) -> date:
    """`anchor` moved by whole calendar months, its day clamped to the end of a short month."""
    index = anchor.year * 12 + anchor.month - 1 + months
    year, month_index = divmod(index, 12)
    month = month_index + 1
    return date(year, month, min(anchor.day, calendar.monthrange(year, month)[1]))


def fixed_period_containing(day: date, frequency: Frequency, year_start_month: int) -> Period:
    """The fixed period `day` falls in: a calendar month, or a quarter or year that starts on
    the first of `year_start_month` (quarters at that month, +3, +6 and +9)."""
    month_index = day.year * 12 + day.month - 1
    offset = (month_index - (year_start_month - 1)) % frequency.months
    year, month0 = divmod(month_index - offset, 12)
    start = date(year, month0 + 1, 1)
    end = shift_months(start, frequency.months) - _ONE_DAY
    return Period(start, end, frequency, PeriodBasis.FIXED, year_start_month)


def rolling_period(anchor: date, index: int, frequency: Frequency) -> Period:
    """The `index`-th period (from 0) of a rolling plan that started on `anchor`.

    Every boundary is computed from the anchor, never from the previous boundary, so a clamped
    month end does not stick: from 31 January the periods start 31 Jan, 28 Feb, 31 Mar, ...
    """
    start = shift_months(anchor, index * frequency.months)
    end = shift_months(anchor, (index + 1) * frequency.months) - _ONE_DAY
    return Period(start, end, frequency, PeriodBasis.ROLLING)


def fiscal_year_start(day: date, start_month: int) -> date:
    """The first day of the fiscal year (starting in month `start_month`) that holds `day`."""
    year = day.year if day.month >= start_month else day.year - 1
    return date(year, start_month, 1)


def add_months(first_of_month: date, months: int) -> date:
    """The first day of the month `months` after (before, when negative) `first_of_month`'s."""
    year, month0 = divmod(first_of_month.year * 12 + first_of_month.month - 1 + months, 12)
    return date(year, month0 + 1, 1)


def months_since(start: date, day: date) -> int:
    """Months a charge due on `start` has been unpaid by `day`, its own month counting one
    (as the arrears list counts them)."""
    return max(0, (day.year - start.year) * 12 + day.month - start.month + 1)
