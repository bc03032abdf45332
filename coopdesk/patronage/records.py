"""Patronage records: a member's hours, purchases or sales on a day, in a measure.

`add_records` adds any number at once, all or none: every problem of every record is found
first and named by its place ("record 3: ..."). Quantities are Decimals with at most three
decimals, stored as thousandths. The year's totals per member and measure are one grouped
query over the records' date index (`patronage_totals`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.bulk import insert_rows
from coopdesk.db.models import Member, PatronageMeasure, PatronageRecord, patronage_records
from coopdesk.errors import ValidationError
from coopdesk.patronage.measures import from_stored, to_stored

MAX_REFERENCE = 200


@dataclass(frozen=True, slots=True)
class RecordInput:
    member_number: str
    date: dt.date
    measure_code: str
    quantity: Decimal
    reference: str = ""


@dataclass(frozen=True, slots=True)
class RecordRow:
    id: int
    member_number: str
    member_name: str
    date: dt.date
    measure_code: str
    quantity: Decimal
    unit: str
    reference: str


def add_records(session: Session, records: Sequence[RecordInput]) -> int:
    """Add the records, all or none; how many were added."""
    numbers = {r.member_number.strip() for r in records}
    members = dict(session.execute(select(Member.number, Member.id)
                                   .where(Member.number.in_(numbers))).all()) if numbers else {}
    measures = dict(session.execute(select(PatronageMeasure.code, PatronageMeasure.id)).all())
    problems: list[str] = []
    rows = []
    for index, r in enumerate(records, start=1):
        found = []
        member_id = members.get(r.member_number.strip())
        if member_id is None:
            found.append(f"no member with number {r.member_number!r}")
        measure_id = measures.get(r.measure_code.strip().lower())
        if measure_id is None:
            found.append(f"no measure {r.measure_code!r} (measures: {', '.join(sorted(measures)) or 'none yet'})")
        units = 0
        try:
            units = to_stored(r.quantity)
            if units <= 0:
                found.append(f"quantity: more than zero, not {r.quantity}")
        except (TypeError, ValueError) as exc:
            found.append(f"quantity: {exc}")
        if len(r.reference) > MAX_REFERENCE:
            found.append(f"reference: at most {MAX_REFERENCE} characters")
        if found:
            prefix = f"record {index}: " if len(records) > 1 else ""
            problems += [prefix + problem for problem in found]
        else:
            rows.append((member_id, measure_id, r.date, units, r.reference.strip()))
    if problems:
        raise ValidationError(problems, subject="patronage")
    if rows:
        insert_rows(session, patronage_records,
                    ("member_id", "measure_id", "record_date", "quantity", "reference"), rows)
    note_changes(session, area="patronage", members={row[0] for row in rows if row[0] is not None})
    return len(rows)


def list_records(session: Session, *, date_from: dt.date | None = None,
                 date_to: dt.date | None = None, member_number: str | None = None,
                 measure_code: str | None = None, limit: int | None = None) -> list[RecordRow]:
    """Records, newest first, filtered."""
    query = (select(PatronageRecord.id, Member.number, Member.display_name, PatronageRecord.record_date,
                    PatronageMeasure.code, PatronageRecord.quantity, PatronageMeasure.unit,
                    PatronageRecord.reference)
             .join(Member, Member.id == PatronageRecord.member_id)
             .join(PatronageMeasure, PatronageMeasure.id == PatronageRecord.measure_id)
             .order_by(PatronageRecord.record_date.desc(), PatronageRecord.id.desc()))
    if date_from is not None:
        query = query.where(PatronageRecord.record_date >= date_from)
    if date_to is not None:
        query = query.where(PatronageRecord.record_date <= date_to)
    if member_number is not None:
        query = query.where(Member.number == member_number)
    if measure_code is not None:
        query = query.where(PatronageMeasure.code == measure_code.strip().lower())
    if limit is not None:
        query = query.limit(limit)
    return [RecordRow(i, number, name, day, code, from_stored(quantity), unit, reference)
            for i, number, name, day, code, quantity, unit, reference in session.execute(query)]


def patronage_totals(session: Session, date_from: dt.date, date_to: dt.date) -> dict[tuple[int, int], int]:
    """(member id, measure id) -> the thousandths of patronage recorded in the period."""
    query = (select(patronage_records.c.member_id, patronage_records.c.measure_id,
                    func.sum(patronage_records.c.quantity))
             .where(patronage_records.c.record_date.between(date_from, date_to))
             .group_by(patronage_records.c.member_id, patronage_records.c.measure_id))
    return {(member_id, measure_id): int(total) for member_id, measure_id, total in session.execute(query)}
