"""Importing a bank export (read and checked by `coopdesk.io.bank_csv`) as dues payments.

Each incoming transfer is matched to a member (member number in the reference, then name:
`coopdesk.io.payment_matching`). Nothing is recorded while any row is unmatched, unless the
treasurer accepts the matched ones only; a row imported before (same fingerprint) is never
recorded twice. All recorded payments go in one transaction, a hundred rows at a time through
`record_payments`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Member, Payment
from coopdesk.dues.payments import PaymentInput, record_payments
from coopdesk.io.bank_csv import BankRow
from coopdesk.io.payment_matching import MemberKey, PaymentMatcher
from coopdesk.money import Money
from coopdesk.progress import Progress, no_progress


@dataclass(frozen=True, slots=True)
class ImportLine:
    line: int
    date: dt.date
    amount: Money
    reference: str
    name: str | None
    member_number: str | None
    matched_by: str
    action: str  # "record", "recorded", "already recorded", "unmatched"


@dataclass(frozen=True, slots=True)
class BankImport:
    lines: list[ImportLine]
    applied: bool

    @property
    def unmatched(self) -> list[ImportLine]:
        return [line for line in self.lines if line.action == "unmatched"]


#: Progress is reported after every this many rows, whose payments are recorded together.
PROGRESS_STEP = 100


def import_payments(session: Session, rows: Sequence[BankRow], *, accept_matched: bool = False,
                    progress: Progress = no_progress) -> BankImport:
    """Match `rows` and record their payments: all of them, or with `accept_matched` the matched
    ones only; when some are unmatched and `accept_matched` is off, record nothing.

    `progress` is told how many of the rows are done; it may cancel the import (`Cancelled`).
    """
    total = len(rows)
    members = session.execute(select(Member.id, Member.number, Member.display_name, Member.sort_name)).all()
    numbers = {member_id: number for member_id, number, *_ in members}
    matcher = PaymentMatcher([MemberKey(m_id, number, name, sort) for m_id, number, name, sort in members])
    imported = set(session.execute(select(Payment.fingerprint).where(Payment.fingerprint.is_not(None))).scalars())
    planned: list[tuple[BankRow, ImportLine]] = []
    for row in rows:
        match = matcher.match(row.reference, row.name)
        number = numbers.get(match.member_id) if match.member_id is not None else None
        if row.fingerprint in imported:
            action = "already recorded"
        elif number is None:
            action = "unmatched"
        else:
            action = "record"
        planned.append((row, ImportLine(row.line, row.date, row.amount, row.reference, row.name, number,
                                        match.how, action)))
    unmatched = any(line.action == "unmatched" for _, line in planned)
    if unmatched and not accept_matched:
        progress(total, total)
        return BankImport([line for _, line in planned], applied=False)
    lines: list[ImportLine] = []
    for start in range(0, total, PROGRESS_STEP):
        chunk = planned[start:start + PROGRESS_STEP]
        # The member's household payer, if any, is recorded as the payer by `record_payments`.
        record_payments(session, [
            PaymentInput(line.member_number, row.date, row.amount, "bank_transfer", reference=row.reference,
                         memo=f"Bank import: {row.name or row.reference}"[:200], fingerprint=row.fingerprint)
            for row, line in chunk if line.action == "record" and line.member_number is not None])
        lines.extend(replace(line, action="recorded") if line.action == "record" else line for _, line in chunk)
        if start + len(chunk) < total:
            progress(start + len(chunk), total)
    progress(total, total)
    return BankImport(lines, applied=True)
