"""The demo's months: numbered from 0, the first month of the books, to today's."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from coopdesk.dues.run import last_day_of_month

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass(frozen=True, slots=True)
class Calendar:
    """The demo's months, numbered from 0 (the first month of the books) to `last` (today's)."""

    first: dt.date  # the first day of month 0
    today: dt.date

    @classmethod
    def ending(cls, today: dt.date, years: int) -> Calendar:
        """`years` of months ending with today's."""
        months_back = 12 * years - 1
        index = today.year * 12 + today.month - 1 - months_back
        return cls(dt.date(index // 12, index % 12 + 1, 1), today)

    @property
    def last(self) -> int:
        return (self.today.year - self.first.year) * 12 + self.today.month - self.first.month

    def year_month(self, index: int) -> tuple[int, int]:
        absolute = self.first.year * 12 + self.first.month - 1 + index
        return absolute // 12, absolute % 12 + 1

    def date(self, index: int, day: int) -> dt.date:
        """Day `day` of month `index` (its last day, if the month is shorter)."""
        year, month = self.year_month(index)
        return dt.date(year, month, min(day, last_day_of_month(year, month).day))

    def by_today(self, index: int, day: int) -> dt.date:
        """Day `day` of month `index`, or today if that is later: what has happened by today."""
        return min(self.date(index, day), self.today)

    def random_day(self, rng: random.Random, index: int, latest: int = 28) -> int:
        """A day from 1 to `latest` of month `index`: of those up to today, in today's month."""
        return rng.randint(1, min(latest, self.today.day) if index == self.last else latest)

    def label(self, index: int) -> str:
        """"March 2025"."""
        year, month = self.year_month(index)
        return f"{MONTH_NAMES[month - 1]} {year}"

    def month_of_year(self, index: int) -> int:
        return self.year_month(index)[1]
