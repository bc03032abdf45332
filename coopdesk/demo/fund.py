"""The demo co-op's hardship fund: members in every class but supporters put 50 cents a month
into it (charged with their dues), and a few of them claim on it over the years: one paid at
once, one paid over three months, one denied, one partly approved over the policy's cap with
the board's reason, and one still waiting for the board's decision."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coopdesk.demo.calendar import Calendar
from coopdesk.demo.coop import CURRENCY
from coopdesk.demo.people import Cast, Person
from coopdesk.funds.claims import ClaimDraft, approve_claim, deny_claim, pay_due_claims, submit_claim
from coopdesk.funds.service import add_fund
from coopdesk.funds.types import ContributionKind, FundDraft, FundPolicy
from coopdesk.money import Money

FUND_CODE = "HARDSHIP"
CONTRIBUTION = Money("0.50", CURRENCY)
CLASSES = ("consumer", "worker", "producer")
BOARD = "Board meeting"


def fund_draft(cal: Calendar) -> FundDraft:
    return FundDraft(
        FUND_CODE, "Hardship fund", ContributionKind.FIXED, cal.date(0, 1),
        contribution=CONTRIBUTION, classes=CLASSES,
        policy=FundPolicy(waiting_months=3, max_per_claim=Money("25.00", CURRENCY),
                          max_per_member_year=Money("60.00", CURRENCY), max_months=3,
                          floor=Money("10.00", CURRENCY), balance_cap_months=24),
        notes="Helps a member through a hard month: illness, a lost job, a broken fridge.")


def takes_part(p: Person) -> bool:
    return p.member.class_code in CLASSES


@dataclass(frozen=True, slots=True)
class DemoClaim:
    at: float  # where in the demo's months it comes, from 0 (first) to 1 (this month)
    description: str
    amount: str
    months: int
    decision: str  # "approve", "deny", "partly" (over the cap, approved at the cap), "pending"


CLAIMS = (
    DemoClaim(0.35, "Hospital stay, two weeks off work", "20.00", 1, "approve"),
    DemoClaim(0.55, "Laid off; looking for work", "15.00", 3, "approve"),
    DemoClaim(0.7, "New television", "25.00", 1, "deny"),
    DemoClaim(0.85, "Flooded kitchen, repairs", "40.00", 1, "partly"),
    DemoClaim(1.0, "Broken wrist, cannot work for a month", "20.00", 1, "pending"),
)


class DemoFund:
    """Plays the fund's part of each demo month."""

    def __init__(self, cast: Cast, cal: Calendar, numbers: dict[int, str]) -> None:
        self.cast = cast
        self.cal = cal
        self.numbers = numbers
        self.claimants: set[int] = set()
        self.months = {round(claim.at * cal.last): claim for claim in CLAIMS}

    def month(self, session: Session, index: int) -> None:
        if index == 0:
            add_fund(session, fund_draft(self.cal))
        claim = self.months.get(index)
        if claim is not None and index >= 4:
            self._claim(session, index, claim)
        pay_due_claims(session, self.cal.by_today(index, 20))

    def _claim(self, session: Session, index: int, claim: DemoClaim) -> None:
        person = self._claimant(index, claim.months)
        if person is None:
            return
        self.claimants.add(person.seq)
        event = self.cal.by_today(index, 3)
        claim_id = submit_claim(session, ClaimDraft(FUND_CODE, self.numbers[person.seq], event,
                                                    claim.description, Money(claim.amount, CURRENCY),
                                                    claim.months), event + dt.timedelta(days=2))
        decided = self.cal.by_today(index, 12)
        if decided < event + dt.timedelta(days=2):
            return  # this month is too young for a decision: it waits for the board
        if claim.decision == "approve":
            approve_claim(session, claim_id, decided_by=BOARD, date=decided,
                          overrides={"floor": "the board tops the fund up if it must"})
        elif claim.decision == "deny":
            deny_claim(session, claim_id, decided_by=BOARD, date=decided,
                       reason="The fund is for hardship, not for purchases.")
        elif claim.decision == "partly":
            approve_claim(session, claim_id, decided_by=BOARD, date=decided,
                          amount=Money("25.00", CURRENCY), reason="Approved up to the fund's maximum.",
                          overrides={"floor": "the board tops the fund up if it must"})

    def _claimant(self, index: int, months: int) -> Person | None:
        """The first member (by when they joined) who takes part, is past the waiting period,
        stays for the claim's months and has not claimed yet."""
        for p in self.cast.people:
            if (takes_part(p) and p.seq not in self.claimants and p.join_month <= index - 4
                    and p.present(index) and p.payer is None
                    and (p.leave_month is None or p.leave_month > index + months)):
                return p
        return None
