"""A fund's solvency outlook read from the book: what the projection starts from."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.book import Book
from coopdesk.dues.payments import record_payment
from coopdesk.dues.run import run_dues
from coopdesk.funds.claims import ClaimDraft, approve_claim, deny_claim, pay_due_claims, submit_claim
from coopdesk.funds.outlook import fund_outlook, solvency_inputs
from coopdesk.funds.service import add_fund
from coopdesk.funds.solvency import PastClaim, RunningClaim
from coopdesk.funds.types import ContributionKind, FundDraft
from tests.core.test_funds import JAN, coop, sick_fund, usd  # noqa: F401 (coop is a fixture)


def claim(book: Book, member: str, event: dt.date, amount: str, months: int) -> int:
    return book.run(submit_claim, ClaimDraft("SICK", member, event, "Ill", usd(amount), months),
                    event).result


def test_the_inputs_are_the_funds_balance_members_and_claims(coop: Book) -> None:
    coop.run(add_fund, sick_fund())
    coop.run(run_dues, 2026, 6)  # two workers x 6 months x 10.00
    one_off = claim(coop, "1", dt.date(2026, 3, 1), "30.00", 1)
    monthly = claim(coop, "2", dt.date(2026, 5, 1), "20.00", 4)
    denied = claim(coop, "1", dt.date(2026, 5, 2), "99.00", 1)
    everything = {"floor": "test", "waiting_period": "test"}
    coop.run(approve_claim, one_off, decided_by="B", date=dt.date(2026, 3, 2), overrides=everything)
    coop.run(approve_claim, monthly, decided_by="B", date=dt.date(2026, 5, 2), overrides=everything)
    coop.run(deny_claim, denied, decided_by="B", reason="no", date=dt.date(2026, 5, 3))
    coop.run(pay_due_claims, dt.date(2026, 6, 15))  # the one-off, and May and June of the other
    inputs = coop.read(solvency_inputs, "SICK", dt.date(2026, 6, 30))
    assert inputs.balance == 120_00 - 30_00 - 2 * 20_00
    assert (inputs.floor, inputs.contributors, inputs.monthly_contributions) == (0, 2, 2 * 10_00)
    assert inputs.observed_member_months == 2 * 6  # January to June, since the fund began
    assert sorted(inputs.history, key=lambda c: c.monthly) == [PastClaim(20_00, 4), PastClaim(30_00, 1)]
    assert inputs.running == (RunningClaim(20_00, 2),)  # July and August still to pay
    outlook = coop.read(fund_outlook, "SICK", dt.date(2026, 6, 30), simulations=500)
    assert outlook == coop.read(fund_outlook, "SICK", dt.date(2026, 6, 30), simulations=500)
    assert 0 <= outlook.p_above_floor_36 <= outlook.p_above_floor_12 <= 1


def test_a_share_funds_monthly_income_is_a_twelfth_of_the_last_years(coop: Book) -> None:
    coop.run(add_fund, FundDraft("SICK", "Share fund", ContributionKind.SHARE, JAN,
                                 share_percent=Decimal("10")))
    coop.run(run_dues, 2026, 12)
    coop.run(record_payment, "1", dt.date(2026, 3, 1), usd("12.00"))
    coop.run(record_payment, "2", dt.date(2026, 4, 1), usd("6.01"))
    inputs = coop.read(solvency_inputs, "SICK", dt.date(2026, 12, 31))
    assert inputs.balance == 120 + 60
    assert inputs.monthly_contributions == (120 + 60) // 12
    assert inputs.contributors == 3 and inputs.history == ()
