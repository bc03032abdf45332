"""The members' life stories: who joins when, who pays for whom, who falls behind, pays ahead,
leaves or dies, whose dues are waived or written off, and whose payment goes astray.

Everything is drawn from one generator, in a fixed order, before anything is written: the same
seed and calendar always give the same cast.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from coopdesk.demo.calendar import Calendar
from coopdesk.demo.coop import REDUCED_PLAN
from coopdesk.demo.names import NameMaker
from coopdesk.demo.people import Cast, Habit, Mistake, Person, Waiver, WriteOff
from coopdesk.members.types import LeaveReason, MemberKind


def draw_cast(rng: random.Random, size: int, cal: Calendar) -> Cast:
    """Draw the members, how each pays, and the events that involve them."""
    draw = _Draw(rng, cal)
    households = _households(draw, min(5, max(1, size // 15)))
    owing = _leavers(draw, max(1, size // 15))
    _deceased(draw)
    _behind(draw, max(2, size // 20))
    _prepayers(draw, max(1, size // 12))
    _caught_up(draw)
    draw.person(cal.last).habit = Habit.NEW
    waived = draw.person(0)
    if size >= 20:
        draw.person(draw.join_month(cal.last), kind=MemberKind.ORGANISATION)
        draw.person(draw.join_month(cal.last), abroad=True)
    while len(draw.people) < size:
        draw.person(draw.join_month(cal.last))
    people = draw.people
    _give_renewal_months(cal, [p for p in people if p.habit is Habit.YEARLY])
    for p in people:
        if p.leave_month is not None:
            p.leave_date = cal.date(p.leave_month, rng.randint(15, 28))
    _reduce(rng, [p for p in people if p is not waived], max(1, size // 12))
    waiver = Waiver(waived, max(1, cal.last - 8), 6,
                    "Hardship: out of work after the cannery closed; the board waived six months")
    assert owing.leave_month is not None
    write_off = WriteOff(owing, owing.leave_month + 3,
                         "Moved away without paying the last month; not worth chasing")
    mistake = _mistake(rng, people, cal.last - 2, waived)
    ordered = sorted(people, key=lambda p: (p.member.join_date or cal.first, p.payer is not None, p.seq))
    return Cast(ordered, households, waiver, mistake, write_off)


class _Draw:
    """Draws members one at a time, in a fixed order from one generator."""

    def __init__(self, rng: random.Random, cal: Calendar) -> None:
        self.rng = rng
        self.cal = cal
        self.people: list[Person] = []
        self._names = NameMaker(rng)
        self._founding_day = rng.randint(3, 12)

    def join_month(self, latest: int) -> int:
        """Founders join in the first month; the others over the years, up to `latest`."""
        return 0 if latest <= 0 or self.rng.random() < 0.35 else self.rng.randint(1, latest)

    def person(self, join_month: int, *, kind: str = MemberKind.PERSON, payer: Person | None = None,
               abroad: bool = False) -> Person:
        """A new member joining in month `join_month`; with `payer`, one of their household."""
        if payer is not None and join_month == payer.join_month:
            join_date = payer.member.join_date  # a couple joining together
        else:
            day = self._founding_day if join_month == 0 else self.cal.random_day(self.rng, join_month)
            join_date = self.cal.date(join_month, day)
        assert join_date is not None
        if abroad:
            member = self._names.person_abroad(join_date)
        elif kind == MemberKind.ORGANISATION:
            member = self._names.organisation(join_date)
        elif payer is not None:
            member = self._names.household_member(join_date, payer.member)
        else:
            member = self._names.person(join_date)
        made = Person(len(self.people), member, join_month, payer=payer)
        made.method = "cheque" if kind == MemberKind.ORGANISATION else _method(self.rng)
        if payer is not None:
            made.habit = payer.habit
        self.people.append(made)
        return made


def _households(draw: _Draw, count: int) -> int:
    """Members who pay for a partner or child who is a member too (one of them a year ahead)."""
    for k in range(count):
        payer = draw.person(draw.join_month(draw.cal.last - 1))
        payer.habit = Habit.YEARLY if k == 1 else Habit.MONTHLY
        together = draw.rng.random() < 0.6
        draw.person(payer.join_month if together else draw.rng.randint(payer.join_month, draw.cal.last),
                    payer=payer)
    return count


def _leavers(draw: _Draw, count: int) -> Person:
    """Members who withdrew before this month; the first left owing their last month (it is
    written off three months later). Returns that one."""
    last = draw.cal.last
    leavers = []
    for k in range(count):
        owing = k == 0
        leaver = draw.person(draw.join_month(last - (4 if owing else 2)))
        leaver.owes_last_month = owing
        leaver.leave_month = draw.rng.randint(leaver.join_month + 1, last - (3 if owing else 1))
        leavers.append(leaver)
    return leavers[0]


def _deceased(draw: _Draw) -> None:
    """A member who died, their dues paid to the end."""
    member = draw.person(draw.join_month(draw.cal.last - 3))
    member.leave_month = draw.rng.randint(member.join_month + 1, draw.cal.last - 1)
    member.leave_reason = LeaveReason.DECEASED


def _behind(draw: _Draw, count: int) -> None:
    """Members who stopped paying two to five months ago: the first two months (still in grace,
    which is two months), the second four (lapsed)."""
    for months in [2, 4] + [draw.rng.randint(2, 5) for _ in range(count - 2)]:
        member = draw.person(draw.join_month(draw.cal.last - months - 1))
        member.habit, member.behind_months = Habit.BEHIND, months


def _prepayers(draw: _Draw, count: int) -> None:
    """Members who pay a year ahead."""
    for _ in range(count):
        draw.person(draw.join_month(draw.cal.last)).habit = Habit.YEARLY


def _caught_up(draw: _Draw) -> None:
    """A member who missed three months in the past and then paid them all at once."""
    skip_from = draw.rng.randint(2, draw.cal.last - 4)
    member = draw.person(draw.join_month(skip_from - 1))
    member.habit, member.skip_from = Habit.CAUGHT_UP, skip_from


def _method(rng: random.Random) -> str:
    return rng.choices(("bank_transfer", "cash", "cheque"), weights=(65, 25, 10))[0]


def _give_renewal_months(cal: Calendar, yearly: Sequence[Person]) -> None:
    """Spread renewals two months apart back from today's month, so every member who pays a
    year ahead holds some credit today, whatever month it is; a household pays together."""
    payers = [p for p in yearly if p.payer is None]
    for k, p in enumerate(payers):
        p.renewal_month = cal.month_of_year(cal.last - (2 * k) % 12)
    for p in yearly:
        if p.payer is not None:
            p.renewal_month = p.payer.renewal_month


def _reduce(rng: random.Random, people: Sequence[Person], count: int) -> None:
    """Put a handful of members who pay for themselves on the reduced plan."""
    candidates = [p for p in people if p.member.kind == MemberKind.PERSON and p.payer is None
                  and p.habit in (Habit.MONTHLY, Habit.YEARLY, Habit.BEHIND)]
    for p in rng.sample(candidates, min(len(candidates), count)):
        p.plan = REDUCED_PLAN


def _mistake(rng: random.Random, people: Sequence[Person], month: int, waived: Person) -> Mistake:
    """A bank transfer of a member who pays monthly, first recorded on another member."""
    payers = [p for p in people if p.habit is Habit.MONTHLY and p.payer is None
              and p.leave_month is None and p.join_month < month and p.member.kind == MemberKind.PERSON]
    plain = [p for p in payers if p is not waived] or payers
    payer = rng.choice(plain)
    payer.method = "bank_transfer"
    others = [p for p in people if p is not payer and p.payer is None and p.present(month)
              and p.join_month < month]
    return Mistake(payer, rng.choice(others), month)
