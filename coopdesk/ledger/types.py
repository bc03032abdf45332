"""Plain values the ledger works with: account types, entry kinds, drafts of entries."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum


class AccountType(StrEnum):
    ASSET = "asset"
    LIABILITY = "liability"
    EQUITY = "equity"
    INCOME = "income"
    EXPENSE = "expense"


class EntryKind(StrEnum):
    MANUAL = "manual"
    OPENING = "opening"
    DUES = "dues"
    PAYMENT = "payment"
    WRITE_OFF = "write_off"
    #: moves a member's money between dues receivable and prepayment credit as charges and
    #: payments settle each other (coopdesk.dues.settlement)
    APPLICATION = "application"
    CONTRIBUTION = "contribution"
    CLAIM = "claim"
    REFUND = "refund"
    ALLOCATION = "allocation"
    REDEMPTION = "redemption"
    REVERSAL = "reversal"


@dataclass(frozen=True, slots=True)
class PostingDraft:
    """One line of an entry to post. `amount` is in minor units (cents); positive = debit.

    Services build drafts from `Money` with `Money.minor_units`; the draft is the boundary with
    the database, which stores integers only.
    """

    account_id: int
    amount: int
    member_id: int | None = None
    fund_id: int | None = None
    memo: str = ""


@dataclass(frozen=True, slots=True)
class EntryDraft:
    """A journal entry to post: validated whole, then written with its postings in order."""

    date: dt.date
    kind: str
    postings: tuple[PostingDraft, ...]
    memo: str = ""
    source_ref: str | None = None
    reverses_id: int | None = None


@dataclass(frozen=True, slots=True)
class AccountRule:
    """What validation needs to know about one account."""

    id: int
    code: str
    is_open: bool
    member_ledger: bool
    fund_ledger: bool
