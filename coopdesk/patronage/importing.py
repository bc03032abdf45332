"""Importing patronage records from a CSV file, all rows or none.

The file is read and checked by `coopdesk.io.patronage_csv`; the rows then go to `add_records`
in one call, which checks members, measures and quantities against the book. Any problem of
either, each named by the file's line (and column, where one is to blame), refuses the whole
file (`ImportRefused`) and nothing is added. Run it in `Book.dry_run` for a preview: the same
checks, the same result, nothing kept.

Rows identical to a record already in the book (member, day, measure, quantity and reference)
are added all the same (two equal shifts on one day are two records) but listed in `repeated`,
so that a file imported twice can be noticed before it is.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Member, PatronageMeasure, PatronageRecord
from coopdesk.errors import ValidationError
from coopdesk.formatting import Formatter
from coopdesk.io.patronage_csv import PatronageCsv, PatronageRow, parse_patronage_csv
from coopdesk.io.problems import ImportRefused, RowProblem, in_file_order
from coopdesk.patronage.measures import from_stored, to_stored
from coopdesk.patronage.records import RecordInput, add_records
from coopdesk.progress import Progress, no_progress

__all__ = ["ImportResult", "ImportedRecord", "MeasureTotal", "import_records"]

_RECORD_PROBLEM = re.compile(r"record (\d+): (.*)", re.DOTALL)
# Which column a problem of `add_records` is about, by how it starts.
_PROBLEM_FIELDS = (("no member", "member_number"), ("no measure", "measure"),
                   ("quantity", "quantity"), ("reference", "reference"))


@dataclass(frozen=True, slots=True)
class ImportedRecord:
    line: int
    member_number: str
    member_name: str
    date: dt.date
    measure: str
    quantity: Decimal
    unit: str
    reference: str


@dataclass(frozen=True, slots=True)
class MeasureTotal:
    measure: str
    unit: str
    records: int
    members: int
    quantity: Decimal


@dataclass(frozen=True, slots=True)
class ImportResult:
    """What an import added (or, in a dry run, would add)."""

    source: str
    added: int
    records: tuple[ImportedRecord, ...]
    totals: tuple[MeasureTotal, ...]     # by measure code
    repeated: tuple[int, ...]            # lines equal to a record already in the book
    ignored_columns: tuple[str, ...]
    encoding: str
    delimiter: str


def import_records(session: Session, text_or_bytes: bytes | str, *, locale: str,
                   measure: str | None = None, source: str = "the file",
                   progress: Progress = no_progress) -> ImportResult:
    """Add every record of the CSV file `text_or_bytes`; refuse them all (ImportRefused) on any
    problem. `measure` is the measure code of rows that name none (see `parse_patronage_csv`);
    `locale` is the book's, for numbers and dates. `progress` may cancel (`Cancelled`)."""
    progress(0, 3)
    parsed = parse_patronage_csv(text_or_bytes, source, Formatter(locale), measure=measure)
    parsed.refuse_if_problems()
    rows = parsed.rows
    if not rows:
        raise ImportRefused(source, [RowProblem(1, None, "the file has no records, only a header")])
    progress(1, 3)
    repeated = _repeated(session, rows)
    progress(2, 3)
    try:
        added = add_records(session, [RecordInput(r.member_number, r.date, r.measure_code, r.quantity,
                                                  r.reference) for r in rows])
    except ValidationError as exc:
        raise ImportRefused(source, _row_problems(exc.problems, rows, parsed)) from None
    progress(3, 3)
    names = dict(session.execute(select(Member.number, Member.display_name).where(
        Member.number.in_({r.member_number.strip() for r in rows}))).all())
    units = dict(session.execute(select(PatronageMeasure.code, PatronageMeasure.unit)).all())
    records = tuple(ImportedRecord(r.line, r.member_number.strip(), names.get(r.member_number.strip(), ""),
                                   r.date, r.measure_code, r.quantity, units.get(r.measure_code, ""),
                                   r.reference.strip()) for r in rows)
    return ImportResult(source, added, records, _totals(records), repeated, parsed.ignored_columns,
                        parsed.encoding, parsed.delimiter)


def _row_problems(problems: Sequence[str], rows: Sequence[PatronageRow],
                  parsed: PatronageCsv) -> list[RowProblem]:
    """`add_records`' problems ("record N: ...", or unnumbered for a single record) by line."""
    found = []
    for problem in problems:
        match = _RECORD_PROBLEM.fullmatch(problem)
        index, message = (int(match.group(1)) - 1, match.group(2)) if match else (0, problem)
        line = rows[index].line if 0 <= index < len(rows) else 1
        field = next((f for start, f in _PROBLEM_FIELDS if message.startswith(start)), None)
        found.append(RowProblem(line, parsed.columns.get(field) if field else None, message))
    headers = list(dict.fromkeys(parsed.columns.values()))
    return list(in_file_order(found, headers))


def _repeated(session: Session, rows: Sequence[PatronageRow]) -> tuple[int, ...]:
    """The lines whose record the book already has, exactly."""
    days = [r.date for r in rows]
    existing = set(tuple(row) for row in session.execute(
        select(Member.number, PatronageRecord.record_date, PatronageMeasure.code,
               PatronageRecord.quantity, PatronageRecord.reference)
        .join(Member, Member.id == PatronageRecord.member_id)
        .join(PatronageMeasure, PatronageMeasure.id == PatronageRecord.measure_id)
        .where(PatronageRecord.record_date.between(min(days), max(days)))))
    lines = []
    for r in rows:
        try:
            key = (r.member_number.strip(), r.date, r.measure_code, to_stored(r.quantity),
                   r.reference.strip())
        except ValueError:
            continue
        if key in existing:
            lines.append(r.line)
    return tuple(lines)


def _totals(records: Sequence[ImportedRecord]) -> tuple[MeasureTotal, ...]:
    by_measure: dict[str, list[ImportedRecord]] = {}
    for record in records:
        by_measure.setdefault(record.measure, []).append(record)
    return tuple(MeasureTotal(code, group[0].unit, len(group), len({r.member_number for r in group}),
                              from_stored(sum(to_stored(r.quantity) for r in group)))
                 for code, group in sorted(by_measure.items()))
