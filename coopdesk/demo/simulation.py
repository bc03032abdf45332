"""Playing the demo's months through the app's services, as a treasurer would have kept the book."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import replace

from sqlalchemy.orm import Session

from coopdesk.book import Book
from coopdesk.demo.calendar import Calendar
from coopdesk.demo.coop import CURRENCY, PLAN_RATES
from coopdesk.demo.fund import DemoFund
from coopdesk.demo.meeting import add_annual_meeting
from coopdesk.demo.patronage import DemoPatronage
from coopdesk.demo.habits import Payment, PaymentHabits
from coopdesk.demo.other_money import cash_change, cash_deposit, month_entries
from coopdesk.demo.people import Cast
from coopdesk.dues.payments import PaymentInput, record_payments, reverse_payment, write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan, end_assignment
from coopdesk.dues.queries import open_charges
from coopdesk.dues.run import last_day_of_month, run_dues
from coopdesk.ledger.specs import EntrySpec, post_specs
from coopdesk.members.service import add_member, next_member_number, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money


class Simulation:
    """Plays the demo month by month, as a treasurer would have kept the book.

    Each month: new members are registered and put on their plan, the dues run charges the
    month, the month's bills are entered, the payments received (the bank statement's, then the
    cash and cheques), then who left. Each month is one transaction, calling the services the
    app calls for each of those actions: where a transaction ends leaves no trace in the book,
    and with `synchronous=FULL` a commit costs some 10 ms on a laptop's disk, so one per action
    (over 200 in the default demo) would add seconds to the build.
    """

    def __init__(self, book: Book, cast: Cast, cal: Calendar, rng: random.Random) -> None:
        self.book = book
        self.cast = cast
        self.cal = cal
        self.rng = rng
        self.numbers: dict[int, str] = {}  # person seq -> member number
        self.habits = PaymentHabits(cast, cal, rng, self.numbers)
        self.cash_on_hand = Money.zero(CURRENCY)
        self.entries: set[int] = set()
        self.fund = DemoFund(cast, cal, self.numbers)
        self.patronage = DemoPatronage(cast, cal, self.numbers)

    def play(self) -> None:
        for index in range(self.cal.last + 1):
            self.entries |= self.book.run(self._month, index).entries
        self.book.run(add_annual_meeting, self.cal.today)

    def _month(self, session: Session, index: int) -> None:
        """Month `index`, in the order the treasurer kept it (the plans are made first)."""
        if index == 0:
            for plan, rate in PLAN_RATES.items():
                add_plan(session, plan, rate, "monthly")
        self._members_join(session, index)
        self._waiver(session, index)
        run_dues(session, *self.cal.year_month(index))
        self._post(session, month_entries(self.rng, self.cal, index))
        self._payments(session, index)
        self._members_leave(session, index)
        self._write_off(session, index)
        self.fund.month(session, index)
        self.patronage.month(session, index)
        deposit = cash_deposit(self.cal, index, self.cash_on_hand)
        if deposit is not None:
            self._post(session, [deposit])

    def _post(self, session: Session, specs: Sequence[EntrySpec]) -> None:
        if not specs:
            return
        post_specs(session, specs)
        self.cash_on_hand += cash_change(specs)

    def _members_join(self, session: Session, index: int) -> None:
        for p in self.cast.people:
            if p.join_month != index:
                continue
            member = p.member
            if p.payer is not None:
                member = replace(member, payer_number=self.numbers[p.payer.seq])
            self.numbers[p.seq] = _enrol(session, member, p.plan)
            self.habits.joined(p, index)

    def _waiver(self, session: Session, index: int) -> None:
        """End the member's plan when the waiver starts; put them back on it when it ends."""
        waiver = self.cast.waiver
        number = self.numbers.get(waiver.person.seq)
        if number is None:
            return
        first_day = self.cal.date(index, 1)
        if index == waiver.first_month:
            end_assignment(session, number, first_day - dt.timedelta(days=1))
            until = last_day_of_month(*self.cal.year_month(waiver.first_month + waiver.months - 1))
            assign_plan(session, number, waiver.person.plan, first_day, end=until, waived=True,
                        reason=waiver.reason)
        elif index == waiver.first_month + waiver.months:
            assign_plan(session, number, waiver.person.plan, first_day)

    def _payments(self, session: Session, index: int) -> None:
        """The month's payments, recorded together: the bank statement's, then the cash and
        cheques received."""
        due = self.habits.month(index)
        mistake = self.cast.mistake
        right = wrong = None
        if index == mistake.month:
            right = next(x for x in due if x.person is mistake.payer)
            wrong = replace(right, member_number=self.numbers[mistake.wrong.seq], payer_number=None)
            due[due.index(right)] = wrong
        bank = [x for x in due if x.method == "bank_transfer"]
        received = [x for x in due if x.method != "bank_transfer"]
        ids = _record_payments(session, bank + received)
        self.cash_on_hand += sum((x.amount for x in received if x.method == "cash"), Money.zero(CURRENCY))
        if right is not None and wrong is not None:
            self._correct(session, right, ids[bank.index(wrong)])

    def _correct(self, session: Session, payment: Payment, wrong_id: int) -> None:
        """Reverse the payment recorded on the wrong member a few days later; record it again."""
        mistake = self.cast.mistake
        reverse_payment(session, wrong_id, date=payment.date + dt.timedelta(days=mistake.days_later))
        memo = f"{payment.memo}; first recorded on member {self.numbers[mistake.wrong.seq]} by mistake"
        _record_payments(session, [replace(payment, memo=memo)])

    def _members_leave(self, session: Session, index: int) -> None:
        for p in self.cast.people:
            if p.leave_month == index and p.leave_date is not None:
                record_leaving(session, self.numbers[p.seq], p.leave_date, p.leave_reason)

    def _write_off(self, session: Session, index: int) -> None:
        write_off = self.cast.write_off
        if index != write_off.month:
            return
        for charge in open_charges(session, self.numbers[write_off.person.seq]):
            write_off_charge(session, charge.charge_id, write_off.reason, date=self.cal.by_today(index, 10))


def _enrol(session: Session, member: MemberInput, plan: str) -> str:
    """Register a member and put them on a plan from the day they join (the new-member form);
    return the number the book gave them."""
    number = next_member_number(session)
    add_member(session, replace(member, number=number))
    assert member.join_date is not None
    assign_plan(session, number, plan, member.join_date)
    return number


def _record_payments(session: Session, payments: Sequence[Payment]) -> list[int]:
    """Record payments entered in one sitting; return their ids, in order."""
    return record_payments(session, [PaymentInput(x.member_number, x.date, x.amount, x.method, x.reference,
                                                  x.memo, x.payer_number) for x in payments])
