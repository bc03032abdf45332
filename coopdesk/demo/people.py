"""The demo's cast: each member to be, how they pay, and the events that involve some of them.

All of it is drawn (`stories.draw_cast`) before anything is written to the book; months are the
`Calendar`'s indexes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from coopdesk.demo.coop import STANDARD_PLAN
from coopdesk.members.types import LeaveReason, MemberInput


class Habit(StrEnum):
    """How a member pays their dues."""

    MONTHLY = "monthly"  # each month's dues in that month
    YEARLY = "yearly"  # a year ahead, in their renewal month
    BEHIND = "behind"  # stopped paying a few months ago
    CAUGHT_UP = "caught_up"  # missed three months, then paid them all at once
    NEW = "new"  # joined this month and has not paid yet


@dataclass(slots=True)
class Person:
    """A member to be: who they are, when they join and leave, and how they pay."""

    seq: int
    member: MemberInput
    join_month: int
    habit: Habit = Habit.MONTHLY
    plan: str = STANDARD_PLAN
    method: str = "bank_transfer"
    payer: Person | None = None  # the household member who pays for them
    leave_month: int | None = None
    leave_date: dt.date | None = None
    leave_reason: str = LeaveReason.WITHDREW
    owes_last_month: bool = False  # leaves without paying their last month
    behind_months: int = 0  # BEHIND: months left unpaid up to today
    skip_from: int = 0  # CAUGHT_UP: the first of the three months missed
    renewal_month: int = 1  # YEARLY: the month of the year they pay a year ahead

    @property
    def name(self) -> str:
        return self.member.display_name

    def present(self, index: int) -> bool:
        """A member during month `index` (the month they leave included)."""
        return self.join_month <= index and (self.leave_month is None or index <= self.leave_month)


@dataclass(frozen=True, slots=True)
class Waiver:
    """The board waives `person`'s dues for `months` months from `first_month`."""

    person: Person
    first_month: int
    months: int
    reason: str

    def covers(self, index: int) -> bool:
        return self.first_month <= index < self.first_month + self.months


@dataclass(frozen=True, slots=True)
class Mistake:
    """`payer`'s payment in `month`, first recorded on `wrong` and reversed `days_later`."""

    payer: Person
    wrong: Person
    month: int
    days_later: int = 4


@dataclass(frozen=True, slots=True)
class WriteOff:
    """What `person` still owes is written off in `month`."""

    person: Person
    month: int
    reason: str


@dataclass(frozen=True, slots=True)
class Cast:
    """Everyone in the demo, and the events that involve some of them."""

    people: list[Person]  # in the order they join (so member numbers follow it)
    households: int
    waiver: Waiver
    mistake: Mistake
    write_off: WriteOff
