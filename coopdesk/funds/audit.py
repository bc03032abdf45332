"""The funds' tie-out that `coopdesk check` runs: each fund's account agrees with its records.

For every fund: every posting on its account names it (and no other account names it); what
the dues run posted to it equals the contributions charged under its plan; what claims took
from it (less reversals) equals the payouts that stand; what refunds took equals the refunds
recorded. A fund's balance is then its contributions less its payouts and refunds, with nothing
unexplained but manual entries, which the fund statement shows as "other".
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import Charge, Fund, FundRefund, Posting
from coopdesk.funds.claims import standing_payouts
from coopdesk.funds.queries import PAYOUTS, REFUNDS, movements, source_of
from coopdesk.ledger.types import EntryKind


def funds_tie_out(session: Session) -> list[str]:
    """One line per disagreement between a fund's account and its records."""
    problems = []
    funds = list(session.execute(select(Fund).where(Fund.account_id.is_not(None))
                                 .order_by(Fund.code)).scalars())
    accounts = {fund.account_id: fund for fund in funds}
    for account_id, fund_id, count in session.execute(
            select(Posting.account_id, Posting.fund_id, func.count())
            .where(Posting.account_id.in_(list(accounts)) | Posting.fund_id.in_([f.id for f in funds]))
            .group_by(Posting.account_id, Posting.fund_id)):
        owner = accounts.get(account_id)
        if owner is None or owner.id != fund_id:
            problems.append(f"{count} posting(s) on account id {account_id} name fund id {fund_id}, "
                            "which does not keep its money there")
    for fund in funds:
        by_source: dict[str, int] = {}
        dues_posted = 0
        for kind, reversed_kind, _day, total in movements(session, [fund.account_id or 0]):
            source = source_of(kind, reversed_kind)
            by_source[source] = by_source.get(source, 0) - total
            if kind == EntryKind.DUES:
                dues_posted -= total
        charged = 0 if fund.plan_id is None else int(session.execute(
            select(func.coalesce(func.sum(Charge.amount), 0)).where(Charge.plan_id == fund.plan_id)
        ).scalar_one())
        if dues_posted != charged:
            problems.append(f"fund {fund.code}: the dues run posted {dues_posted} (minor units) to "
                            f"it, but its contributions charged add up to {charged}")
        paid = sum(sum(by_claim.values()) for by_claim in standing_payouts(session, [fund.id]).values())
        if -by_source.get(PAYOUTS, 0) != paid:
            problems.append(f"fund {fund.code}: claims took {-by_source.get(PAYOUTS, 0)} (minor units) "
                            f"from it, but the payouts that stand add up to {paid}")
        refunded = int(session.execute(select(func.coalesce(func.sum(FundRefund.amount), 0))
                                       .where(FundRefund.fund_id == fund.id)).scalar_one())
        if -by_source.get(REFUNDS, 0) != refunded:
            problems.append(f"fund {fund.code}: refunds took {-by_source.get(REFUNDS, 0)} (minor "
                            f"units) from it, but the refunds recorded add up to {refunded}")
    return problems
