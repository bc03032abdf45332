"""The default chart of accounts every new co-op book starts with."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.models import Account


@dataclass(frozen=True, slots=True)
class AccountSpec:
    code: str
    name: str
    type: str
    member_ledger: bool = False
    fund_ledger: bool = False


DEFAULT_CHART: tuple[AccountSpec, ...] = (
    AccountSpec("1000", "Cash", "asset"),
    AccountSpec("1010", "Bank account", "asset"),
    AccountSpec("1100", "Dues receivable", "asset", member_ledger=True),
    AccountSpec("2000", "Member prepayments", "liability", member_ledger=True),
    AccountSpec("2100", "Claims payable", "liability", member_ledger=True),
    AccountSpec("2200", "Patronage payable", "liability", member_ledger=True),
    AccountSpec("2300", "Capital payable to former members", "liability", member_ledger=True),
    AccountSpec("3000", "Member share capital", "equity", member_ledger=True),
    AccountSpec("3100", "Retained patronage", "equity", member_ledger=True),
    AccountSpec("3200", "Unallocated reserve", "equity"),
    AccountSpec("3900", "Opening balances", "equity"),
    AccountSpec("4000", "Dues income", "income"),
    AccountSpec("4100", "Operating income", "income"),
    AccountSpec("4900", "Other income", "income"),
    AccountSpec("5000", "Operating expenses", "expense"),
    AccountSpec("5100", "Dues written off", "expense"),
    AccountSpec("5900", "Bank charges", "expense"),
)


def create_default_chart(session: Session) -> None:
    """Add the default chart to a new book (within the caller's transaction)."""
    accounts = [
        Account(
            code=spec.code,
            name=spec.name,
            type=spec.type,
            is_open=True,
            member_ledger=spec.member_ledger,
            fund_ledger=spec.fund_ledger,
        )
        for spec in DEFAULT_CHART
    ]
    session.add_all(accounts)
    session.flush()
    note_changes(session, area="accounts", accounts=[a.id for a in accounts])
