"""A claim's payouts one by one (coopdesk.funds.payout_list): what the app lists to reverse."""

from __future__ import annotations

import datetime as dt

from coopdesk.book import Book
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.funds.claims import ClaimDraft, approve_claim, pay_claim, reverse_payout, submit_claim
from coopdesk.funds.payout_list import claim_payouts
from coopdesk.funds.service import add_fund
from coopdesk.funds.types import ContributionKind, FundDraft
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money

JAN = dt.date(2026, 1, 1)


def usd(text: str) -> Money:
    return Money(text, "USD")


def test_payouts_are_listed_by_installment_with_their_reversals(book: Book) -> None:
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    for number, name in (("1", "Ada Okafor"), ("2", "Sam Moreau")):
        book.run(add_member, MemberInput(name, JAN, number=number))
        book.run(assign_plan, number, "Monthly", JAN)
    book.run(add_fund, FundDraft("SICK", "Sick pay", ContributionKind.FIXED, JAN,
                                 contribution=usd("50.00")))
    book.run(run_dues, 2026, 6)
    other = book.run(submit_claim, ClaimDraft("SICK", "2", dt.date(2026, 4, 1), "Flu", usd("5.00")),
                     dt.date(2026, 4, 2)).result
    claim = book.run(submit_claim, ClaimDraft("SICK", "1", dt.date(2026, 4, 10), "Broken leg",
                                              usd("20.00"), 3), dt.date(2026, 4, 12)).result
    for decided in (other, claim):
        book.run(approve_claim, decided, decided_by="Board", date=dt.date(2026, 4, 12))
    book.run(pay_claim, other, dt.date(2026, 4, 12))
    assert book.read(claim_payouts, claim) == []
    book.run(pay_claim, claim, dt.date(2026, 5, 15))  # April and May
    first, second = book.read(claim_payouts, claim)
    assert [(p.installment, p.date, p.amount, p.reversed) for p in (first, second)] == [
        (1, dt.date(2026, 5, 15), usd("20.00"), False), (2, dt.date(2026, 5, 15), usd("20.00"), False)]
    book.run(reverse_payout, second.payout_id, dt.date(2026, 5, 16))
    book.run(pay_claim, claim, dt.date(2026, 5, 17))
    rows = book.read(claim_payouts, claim)
    assert [(p.installment, p.reversed_on) for p in rows] == [
        (1, None), (2, dt.date(2026, 5, 16)), (2, None)]
    assert {p.claim_id for p in rows} == {claim}
    assert rows[2].date == dt.date(2026, 5, 17) and rows[2].payout_id != second.payout_id
