"""A fund's solvency outlook read from the book: the inputs of `solvency.project_solvency`.

- Balance and floor: the fund's account on the day, and its policy's floor.
- Contributions coming in a month: the members taking part that day times the fixed
  contribution; for a fund taking a share of payments, a twelfth of what came in over the last
  twelve months.
- The claim history: the claims approved (in full or in part, paid or not) whose event falls in
  the `HISTORY_MONTHS` before the day (or since the fund began, if later), each as what it pays
  a month and for how many months, against the member-months of taking part in that window;
  denied and undecided claims are not counted.
- Running claims: what approved claims still have to pay, month by month.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.db.models import Claim
from coopdesk.dues.periods import shift_months
from coopdesk.funds.claims import fund_balance_units, standing_payouts
from coopdesk.funds.participation import taking_part
from coopdesk.funds.policy import installment_dates
from coopdesk.funds.queries import CONTRIBUTIONS, movements, source_of
from coopdesk.funds.service import fund_by_code
from coopdesk.funds.solvency import (
    PastClaim,
    RunningClaim,
    SolvencyInputs,
    SolvencyOutlook,
    project_solvency,
)
from coopdesk.funds.types import ClaimStatus, ContributionKind

#: How far back the claim history reaches.
HISTORY_MONTHS = 36
#: Simulations of an outlook the app or the command line shows: under a second on the
#: 5,000-member book (docs/performance.md), with a standard error of at most 0.7 points on its
#: probabilities, which are shown to the point.
SIMULATIONS = 5_000


def solvency_inputs(session: Session, code: str, as_of: dt.date | None = None) -> SolvencyInputs:
    """What the projection starts from, for fund `code` on `as_of` (today by default)."""
    fund = fund_by_code(session, code)
    day = as_of or clock.today()
    assert fund.start_date is not None
    window_start = max(shift_months(day, -HISTORY_MONTHS), fund.start_date)
    taking = taking_part(session, fund)
    contributors = sum(1 for t in taking.values()
                       if t.since <= day and (t.until is None or t.until >= day))
    if fund.contribution_kind == ContributionKind.FIXED:
        monthly = contributors * fund.contribution
    else:
        year_ago = shift_months(day, -12)
        came_in = -sum(total for kind, reversed_kind, entry_day, total
                       in movements(session, [fund.account_id or 0])
                       if year_ago < entry_day <= day and source_of(kind, reversed_kind) == CONTRIBUTIONS)
        monthly = came_in // 12
    member_months = sum(_months_between(max(t.since, window_start),
                                        min(t.until or day, day)) for t in taking.values())
    history, running = [], []
    standing = standing_payouts(session, [fund.id])
    for claim in session.execute(select(Claim).where(
            Claim.fund_id == fund.id,
            Claim.status.in_([ClaimStatus.APPROVED, ClaimStatus.PARTLY_APPROVED, ClaimStatus.PAID]),
            Claim.decision_date <= day)).scalars():
        amount, months = claim.approved_amount or 0, claim.approved_months or 1
        if window_start <= claim.event_date <= day and amount > 0:
            history.append(PastClaim(amount, months))
        if ClaimStatus(claim.status).is_open and amount > 0:
            paid = standing.get(claim.id, {})
            left = sum(1 for i, due in enumerate(installment_dates(claim.event_date, months), start=1)
                       if i not in paid and due > day)
            if left:
                running.append(RunningClaim(amount, left))
    return SolvencyInputs(
        balance=fund_balance_units(session, fund, day), floor=fund.floor,
        monthly_contributions=monthly, contributors=contributors,
        observed_member_months=member_months, history=tuple(history), running=tuple(running))


def fund_outlook(session: Session, code: str, as_of: dt.date | None = None, *,
                 simulations: int = SIMULATIONS) -> SolvencyOutlook:
    """How long fund `code` lasts and how likely it stays above its floor (see `solvency`)."""
    return project_solvency(solvency_inputs(session, code, as_of), simulations=simulations)


def _months_between(start: dt.date, end: dt.date) -> int:
    """Whole months from `start` to `end` (0 when `end` is before `start`), counting a month
    begun as one: a member who took part for a day took part that month."""
    if end < start:
        return 0
    return (end.year - start.year) * 12 + end.month - start.month + 1
