"""The bulk reads behind a batch of statements: a fixed handful of queries for any number of
members, never a query per member.

A member's dues account is their postings on dues receivable and member prepayments (as in
`dues.queries.member_account`). What a statement needs of it is read in two parts: each
member's total over all time, which the member index holds already summed by member, and the
postings dated from the start of the period on, with their entries. The opening balance is the
total less what came from the start of the period on, so the years before it are never read
row by row.

The postings from a day on can be found two ways: through the entries' date index (cost: every
entry of the book since that day), or through the members' postings (cost: every posting of
those members, over all time). `period_postings` asks the cheaper, which it knows from the
totals' posting counts and an index count of the entries since the day: a month's statements
for everyone go by date, ten years for a handful of members go by member.

Queries that would name thousands of members read the whole table instead, filtered here: an
IN list of every member costs more than it saves (as in `dues.settlement`).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple, cast

from sqlalchemy import ColumnElement, Select, Table, func, or_, select
from sqlalchemy.orm import Session

from coopdesk.db.models import Payment, WriteOff, charges, funds, journal_entries, members, postings
from coopdesk.db.plain_rows import plain_rows

_payments = cast(Table, Payment.__table__)
_write_offs = cast(Table, WriteOff.__table__)

#: More members than this are read without an IN list (whole table, filtered in Python).
MANY = 400
#: Members per IN list when they are named.
CHUNK = 400


@dataclass(frozen=True, slots=True)
class MemberRecord:
    """What the register says about a member that a statement prints or derives from."""

    id: int
    number: str
    name: str
    street: tuple[str, ...]
    postal_code: str
    city: str
    region: str
    country: str
    language: str | None
    join_date: dt.date | None
    leave_date: dt.date | None
    leave_reason: str | None
    status_override: str | None


class AccountPosting(NamedTuple):
    """One posting on a member's dues account, with what its entry says."""

    member_id: int
    entry_id: int
    date: dt.date
    kind: str
    reverses_id: int | None
    account_id: int
    amount: int  # minor units; positive adds to what the member owes


@dataclass(frozen=True, slots=True)
class ChargePeriod:
    start: dt.date
    end: dt.date
    prorated: bool
    fund: str | None = None  # the fund's name, for a contribution charged through its plan


@dataclass(frozen=True, slots=True)
class EntryDetails:
    """What the statement's lines say beyond their amounts, by entry id."""

    charges: dict[int, ChargePeriod]  # a dues entry -> the period it charges
    write_offs: dict[int, ChargePeriod]  # a write-off entry -> the period of the charge
    methods: dict[int, str]  # a payment entry -> how it was paid
    reversed: dict[int, tuple[dt.date, str]]  # an entry reversed -> its date and kind
    memos: dict[int, str]  # an entry of another kind -> its memo


_MEMBER_COLUMNS = (members.c.id, members.c.number, members.c.display_name, members.c.address_lines,
                   members.c.postal_code, members.c.city, members.c.region, members.c.country,
                   members.c.language, members.c.join_date, members.c.leave_date,
                   members.c.leave_reason, members.c.status_override)


def member_records(session: Session, numbers: Collection[str]) -> dict[str, MemberRecord]:
    """The register's records of the members numbered `numbers`, by number (unknown numbers
    are simply absent)."""
    wanted = set(numbers)
    query = select(*_MEMBER_COLUMNS)
    records = {}
    for row in _rows_for(session, query, members.c.number, wanted):
        if row[1] in wanted:
            street = tuple(line for line in (row[3] or "").split("\n") if line)
            records[row[1]] = MemberRecord(row[0], row[1], row[2], street, *row[4:])
    return records


def account_totals(session: Session, accounts: Sequence[int],
                   member_ids: Collection[int]) -> dict[int, tuple[int, int]]:
    """Each member's dues account over all time: (sum in minor units, number of postings)."""
    # The member index (member_id, account_id, amount) holds these already grouped; with the
    # account compared as an expression SQLite reads that index rather than the account one.
    query = (select(postings.c.member_id, func.sum(postings.c.amount), func.count())
             .where(postings.c.member_id.is_not(None), _one_of(postings.c.account_id + 0, accounts))
             .group_by(postings.c.member_id))
    wanted = set(member_ids)
    return {row[0]: (int(row[1]), int(row[2]))
            for row in _rows_for(session, query, postings.c.member_id, wanted) if row[0] in wanted}


def period_postings(session: Session, accounts: Sequence[int], member_ids: Collection[int],
                    since: dt.date, member_postings: int) -> dict[int, list[AccountPosting]]:
    """Each member's dues-account postings dated `since` or later, in date and entry order.

    `member_postings` is how many postings those members have over all time (from
    `account_totals`): the cost of finding them by member, to weigh against finding them by date.
    """
    wanted = set(member_ids)
    columns = (postings.c.member_id, journal_entries.c.id, journal_entries.c.entry_date,
               journal_entries.c.kind, journal_entries.c.reverses_id, postings.c.account_id,
               postings.c.amount)
    joined = journal_entries.join(postings, postings.c.entry_id == journal_entries.c.id)
    # An entry found by date costs about half what a posting found by member costs (an index
    # step and a row for the posting, another for its entry), measured on ten years of dues for
    # 5,000 members: by member, then, only when the entries since are more than twice as many.
    if _entries_since_exceed(session, since, 2 * member_postings):
        # By member: the postings' member index, each posting's entry by its id.
        query = (select(*columns).select_from(joined)
                 .where(journal_entries.c.entry_date >= since, _one_of(postings.c.account_id, accounts)))
        rows = _rows_for(session, query, postings.c.member_id, wanted)
        rows.sort(key=_date_and_entry)
    else:
        # By date: the entries' date index, then each entry's postings. The account is compared
        # as an expression and the member not at all (these accounts' postings all name one),
        # or SQLite would walk the account or member index over every posting of the book.
        query = (select(*columns).select_from(joined)
                 .where(journal_entries.c.entry_date >= since,
                        _one_of(postings.c.account_id + 0, accounts))
                 .order_by(journal_entries.c.entry_date, journal_entries.c.id))  # the index's order
        rows = plain_rows(session, query)
    by_member: dict[int, list[AccountPosting]] = defaultdict(list)
    make = AccountPosting._make
    for row in rows:
        if row[0] in wanted:
            by_member[row[0]].append(make(row))
    return by_member


def _date_and_entry(row: tuple[Any, ...]) -> tuple[dt.date, int]:
    return row[2], row[1]


def entry_details(session: Session, found: Collection[AccountPosting]) -> EntryDetails:
    """What the lines made of `found` postings say besides their amounts."""
    by_kind: dict[str, set[int]] = defaultdict(set)
    members_of: dict[str, set[int]] = defaultdict(set)
    reversed_ids: set[int] = set()
    for posting in found:
        by_kind[posting.kind].add(posting.entry_id)
        members_of[posting.kind].add(posting.member_id)
        if posting.reverses_id is not None:
            reversed_ids.add(posting.reverses_id)
    details = EntryDetails({}, {}, {}, {}, {})
    fund_of_plan = dict(session.execute(select(funds.c.plan_id, funds.c.name)
                                        .where(funds.c.plan_id.is_not(None))).all())
    if by_kind["dues"]:
        query = (select(charges.c.entry_id, charges.c.period_start, charges.c.period_end,
                        charges.c.prorated, charges.c.plan_id)
                 .where(charges.c.entry_id >= min(by_kind["dues"])))
        for entry_id, start, end, prorated, plan_id in _rows_for(session, query, charges.c.member_id,
                                                                  members_of["dues"]):
            if entry_id in by_kind["dues"]:
                details.charges[entry_id] = ChargePeriod(start, end, bool(prorated),
                                                         fund_of_plan.get(plan_id))
    if by_kind["write_off"]:
        query = (select(_write_offs.c.entry_id, charges.c.period_start, charges.c.period_end,
                        charges.c.prorated, charges.c.plan_id)
                 .select_from(_write_offs.join(charges, charges.c.id == _write_offs.c.charge_id))
                 .where(_write_offs.c.entry_id >= min(by_kind["write_off"])))
        for entry_id, start, end, prorated, plan_id in _rows_for(session, query, charges.c.member_id,
                                                                  members_of["write_off"]):
            if entry_id in by_kind["write_off"]:
                details.write_offs[entry_id] = ChargePeriod(start, end, bool(prorated),
                                                            fund_of_plan.get(plan_id))
    if by_kind["payment"]:
        methods: Select[Any] = (select(_payments.c.entry_id, _payments.c.method)
                                .where(_payments.c.entry_id >= min(by_kind["payment"])))
        for entry_id, method in _rows_for(session, methods, _payments.c.member_id,
                                          members_of["payment"]):
            if entry_id in by_kind["payment"]:
                details.methods[entry_id] = method
    for chunk in _chunks(sorted(reversed_ids)):
        for entry_id, date, kind in session.execute(
                select(journal_entries.c.id, journal_entries.c.entry_date, journal_entries.c.kind)
                .where(journal_entries.c.id.in_(chunk))):
            details.reversed[entry_id] = (date, kind)
    others = set().union(*(ids for kind, ids in by_kind.items() if kind not in _DESCRIBED))
    for chunk in _chunks(sorted(others)):
        for entry_id, memo in session.execute(
                select(journal_entries.c.id, journal_entries.c.memo)
                .where(journal_entries.c.id.in_(chunk))):
            details.memos[entry_id] = memo or ""
    return details


#: Entry kinds whose lines are described from their own records, not their memo.
_DESCRIBED = frozenset({"dues", "payment", "write_off", "reversal", "application"})


def _entries_since_exceed(session: Session, since: dt.date, limit: int) -> bool:
    """Whether more than `limit` entries are dated `since` or later (counted on the date index,
    stopping at the limit)."""
    if limit <= 0:
        return True
    capped = (select(journal_entries.c.id).where(journal_entries.c.entry_date >= since)
              .limit(limit + 1).subquery())
    count = session.execute(select(func.count()).select_from(capped)).scalar_one()
    return int(count) > limit


def _one_of(column: ColumnElement[Any], values: Sequence[int]) -> ColumnElement[bool]:
    """`column IN values` written out as equalities, which `plain_rows` can run."""
    return or_(*(column == value for value in values))


def _rows_for(session: Session, query: Select[Any], member_column: ColumnElement[Any],
              wanted: Collection[Any]) -> list[tuple[Any, ...]]:
    """The rows of `query` for the `wanted` values of `member_column`: through IN lists for a
    few, the whole query for many (the caller keeps the rows it wants either way)."""
    if len(wanted) > MANY:
        return plain_rows(session, query)
    rows: list[tuple[Any, ...]] = []
    for chunk in _chunks(sorted(wanted)):  # (plain_rows cannot expand an IN list)
        rows += [tuple(row) for row in session.execute(query.where(member_column.in_(chunk)))]
    return rows


def _chunks(values: Sequence[Any], size: int = CHUNK) -> Iterator[Sequence[Any]]:
    for start in range(0, len(values), size):
        yield values[start:start + size]

