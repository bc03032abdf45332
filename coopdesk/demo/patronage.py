"""The demo co-op's patronage: members' purchases, month by month, from the start of the last
complete calendar year (the demo's fiscal year) to today, and that year's allocation, posted in
March of the next: 10 % to the reserve, 20 % paid in cash, the rest retained in the members'
capital accounts, no cash cheque under 1.00, and the cash paid a week later. Supporters buy
nothing."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from sqlalchemy.orm import Session

from coopdesk.demo.calendar import Calendar
from coopdesk.demo.coop import CURRENCY
from coopdesk.demo.people import Cast
from coopdesk.money import Money
from coopdesk.patronage.capital import pay_allocation_cash
from coopdesk.patronage.measures import PoolDraft, add_measure, set_pools
from coopdesk.patronage.records import RecordInput, add_records
from coopdesk.patronage.run import RunTerms, post_allocation

MEASURE = "purchases"


class DemoPatronage:
    """Plays the patronage part of each demo month."""

    def __init__(self, cast: Cast, cal: Calendar, numbers: dict[int, str]) -> None:
        self.cast = cast
        self.cal = cal
        self.numbers = numbers
        # Its own random numbers: the rest of the demo draws exactly what it drew before.
        self.rng = random.Random(cal.first.toordinal())
        self.year = cal.today.year - 1  # the last complete (calendar = fiscal) year
        self.first_index = (self.year - cal.first.year) * 12 + 1 - cal.first.month

    def month(self, session: Session, index: int) -> None:
        if index == max(self.first_index, 0):
            add_measure(session, MEASURE, "Purchases", CURRENCY)
            set_pools(session, [PoolDraft(None, MEASURE, Decimal(100))])
        if index >= self.first_index:
            self._purchases(session, index)
        year, month = self.cal.year_month(index)
        if (year, month) == (self.year + 1, 3) and self.first_index >= 0:
            year_start = dt.date(self.year, 1, 1)
            post_allocation(session, RunTerms(year_start, Decimal(10), Decimal(20),
                                              Money("1.00", CURRENCY)), self.cal.by_today(index, 15))
            pay_allocation_cash(session, year_start, self.cal.by_today(index, 22), "bank_transfer")

    def _purchases(self, session: Session, index: int) -> None:
        records = []
        for p in self.cast.people:
            if not p.present(index) or p.member.class_code == "supporter" or p.seq not in self.numbers:
                continue
            day = self.cal.by_today(index, self.rng.randint(1, 28))
            if p.join_month == index and p.member.join_date is not None and day < p.member.join_date:
                continue
            spent = Decimal(self.rng.randint(1_500, 30_000)).scaleb(-2)
            records.append(RecordInput(self.numbers[p.seq], day, MEASURE, spent,
                                       f"Till {self.cal.year_month(index)[1]:02d}-{p.seq}"))
        if records:
            add_records(session, records)
