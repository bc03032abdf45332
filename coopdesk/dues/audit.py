"""The dues tie-out that `coopdesk check` runs: the ledger agrees with the charges and payments.

For every member, dues receivable must equal their open charges and the prepayment account
their credit, both recomputed from the charge, payment and write-off records.
"""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.db.models import Member, Posting
from coopdesk.dues.accounts import DUES_RECEIVABLE, PREPAYMENTS
from coopdesk.dues.settlement import member_settlements
from coopdesk.ledger.lookup import account_id_for


def dues_tie_out(session: Session) -> list[str]:
    """One line per member whose dues sub-ledger disagrees with their charges and payments."""
    receivable = account_id_for(session, DUES_RECEIVABLE)
    prepayments = account_id_for(session, PREPAYMENTS)
    balances: dict[tuple[int | None, int], int] = {
        (member_id, account_id): int(total) for member_id, account_id, total in session.execute(
            select(Posting.member_id, Posting.account_id, func.sum(Posting.amount))
            .where(Posting.account_id.in_((receivable, prepayments)), Posting.member_id.is_not(None))
            .group_by(Posting.member_id, Posting.account_id))
    }
    settled = member_settlements(session)
    numbers = dict(session.execute(select(Member.id, Member.number)).all())
    problems = []
    for member_id in sorted({m for m, _ in balances if m is not None} | set(settled)):
        total_open, credit = 0, 0
        if member_id in settled:
            total_open, credit = settled[member_id][1].total_open, settled[member_id][1].credit
        owed = balances.get((member_id, receivable), 0)
        held = -balances.get((member_id, prepayments), 0)
        if owed != total_open or held != credit:
            problems.append(
                f"member {numbers.get(member_id, member_id)}: dues receivable {owed} and credit {held} "
                f"(minor units) do not match open charges {total_open} and credit {credit}")
    return problems
