"""The members' payment habits: what each pays in a month, when, how, and with what reference.

`PaymentHabits` keeps the month each member has paid through, so that one who skipped months
pays them all when they pay again and one who pays a year ahead pays nothing until their next
renewal. It decides; `simulation` records what it decides through the payment service.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Mapping
from dataclasses import dataclass

from coopdesk.demo.calendar import MONTH_NAMES, Calendar
from coopdesk.demo.coop import CURRENCY, PLAN_RATES
from coopdesk.demo.fund import CONTRIBUTION, takes_part
from coopdesk.demo.people import Cast, Habit, Person
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class Payment:
    """One payment as `record_payments` takes it; `person` is who it is recorded for."""

    person: Person
    member_number: str
    date: dt.date
    amount: Money
    method: str
    reference: str
    memo: str
    payer_number: str | None


class PaymentHabits:
    """What each member pays, month by month, as their habit says.

    `numbers` maps each person's `seq` to the member number the book gave them; it fills up as
    members join.
    """

    def __init__(self, cast: Cast, cal: Calendar, rng: random.Random, numbers: Mapping[int, str]) -> None:
        self.cast = cast
        self.cal = cal
        self.rng = rng
        self.numbers = numbers
        self.paid_through: dict[int, int] = {}  # person seq -> month index
        self.receipt = 100

    def joined(self, p: Person, index: int) -> None:
        """`p` joined in month `index`: their dues are owed from that month."""
        self.paid_through[p.seq] = index - 1

    def month(self, index: int) -> list[Payment]:
        """The payments made in month `index`, in date order; a household's payer pays for all
        of it on one day."""
        days = {p.seq: self.cal.random_day(self.rng, index, 14) for p in self.cast.people if p.payer is None}
        due = [payment for p in self.cast.people
               if (payment := self._payment_due(p, index, days[(p.payer or p).seq])) is not None]
        due.sort(key=lambda x: (x.date, x.person.seq))
        return due

    def _payment_due(self, p: Person, index: int, day: int) -> Payment | None:
        """What `p` pays in month `index` (for the months not yet paid up to the one they pay
        through), or None when they pay nothing this month."""
        if not p.present(index) or not self._pays_in(p, index):
            return None
        paid = self.paid_through[p.seq]
        if paid >= index:
            return None
        through = index
        if p.habit is Habit.YEARLY:
            through = index + (p.renewal_month - self.cal.month_of_year(index) - 1) % 12
        if p.leave_month is not None:
            through = min(through, p.leave_month)
        amount = sum((self._rate(p, m) for m in range(paid + 1, through + 1)), Money.zero(CURRENCY))
        self.paid_through[p.seq] = through
        if amount.is_zero:
            return None
        if index == p.join_month and p.member.join_date is not None:
            day = max(day, p.member.join_date.day)
        payer = p.payer or p
        return Payment(p, self.numbers[p.seq], self.cal.by_today(index, day), amount, payer.method,
                       self._reference(payer, index), self._memo(paid + 1, through),
                       None if p.payer is None else self.numbers[p.payer.seq])

    def _pays_in(self, p: Person, index: int) -> bool:
        habit = (p.payer or p).habit
        if habit is Habit.NEW:
            return False
        if habit is Habit.BEHIND:
            return index <= self.cal.last - p.behind_months
        if habit is Habit.CAUGHT_UP:
            return not p.skip_from <= index < p.skip_from + 3
        return not (p.owes_last_month and index == p.leave_month)

    def _rate(self, p: Person, index: int) -> Money:
        """What `p` owes for month `index`: their plan's dues (unless waived) and their
        contribution to the hardship fund."""
        contribution = CONTRIBUTION if takes_part(p) else Money.zero(CURRENCY)
        waiver = self.cast.waiver
        if p is waiver.person and waiver.covers(index):
            return contribution
        return PLAN_RATES[p.plan] + contribution

    def _reference(self, payer: Person, index: int) -> str:
        if payer.method == "cash":
            self.receipt += 1
            return f"Receipt {self.receipt}"
        if payer.method == "cheque":
            return f"Cheque {self.rng.randint(100100, 109999)}"
        year, month = self.cal.year_month(index)
        number = self.numbers[payer.seq]
        return self.rng.choice((f"Dues member {number} {MONTH_NAMES[month - 1][:3]} {year}",
                                f"Membership {number}", f"{payer.name} co-op dues",
                                f"COOP DUES #{number} {month:02d}/{year}"))

    def _memo(self, first: int, through: int) -> str:
        if first == through:
            return f"Dues {self.cal.label(first)}"
        return f"Dues {self.cal.label(first)} to {self.cal.label(through)}"
