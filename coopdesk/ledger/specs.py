"""Entries described by codes and amounts (as a person or a file writes them), made postable.

`EntrySpec` names accounts by code, members by number and funds by code, with `Money` amounts;
`resolve_specs` turns them into `EntryDraft`s for the book, listing every unknown name at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Account, Fund, Member
from coopdesk.errors import ValidationError
from coopdesk.ids import EntryId
from coopdesk.ledger.queries import book_currency
from coopdesk.ledger.service import post_entries
from coopdesk.ledger.types import EntryDraft, PostingDraft
from coopdesk.money import Money


@dataclass(frozen=True, slots=True)
class PostingSpec:
    account: str
    amount: Money
    member: str | None = None
    fund: str | None = None
    memo: str = ""


@dataclass(frozen=True, slots=True)
class EntrySpec:
    date: dt.date
    postings: tuple[PostingSpec, ...]
    memo: str = ""
    kind: str = "manual"
    source_ref: str | None = None


def resolve_specs(session: Session, specs: Sequence[EntrySpec]) -> list[EntryDraft]:
    """Drafts for `specs`, or a ValidationError naming every unknown code or wrong currency."""
    currency = book_currency(session)
    accounts = dict(session.execute(select(Account.code, Account.id)).all())
    members = dict(session.execute(select(Member.number, Member.id)).all())
    funds = dict(session.execute(select(Fund.code, Fund.id)).all())
    problems: list[str] = []
    drafts: list[EntryDraft] = []
    for index, spec in enumerate(specs, start=1):
        where = f"entry {index}" if len(specs) > 1 else "entry"
        postings = []
        for line, p in enumerate(spec.postings, start=1):
            if p.account not in accounts:
                problems.append(f"{where}, line {line}: no account with code {p.account!r}")
            if p.member is not None and p.member not in members:
                problems.append(f"{where}, line {line}: no member with number {p.member!r}")
            if p.fund is not None and p.fund not in funds:
                problems.append(f"{where}, line {line}: no fund with code {p.fund!r}")
            if p.amount.currency != currency:
                problems.append(f"{where}, line {line}: the amount is in {p.amount.currency}, "
                                f"the book keeps {currency}")
            postings.append(PostingDraft(
                account_id=accounts.get(p.account, -1),
                amount=p.amount.minor_units,
                member_id=members.get(p.member) if p.member is not None else None,
                fund_id=funds.get(p.fund) if p.fund is not None else None,
                memo=p.memo,
            ))
        drafts.append(EntryDraft(spec.date, spec.kind, tuple(postings), spec.memo, spec.source_ref))
    if problems:
        raise ValidationError(problems)
    return drafts


def post_specs(session: Session, specs: Sequence[EntrySpec]) -> list[EntryId]:
    """Resolve and post `specs`: all of them, or none."""
    return post_entries(session, resolve_specs(session, specs))
