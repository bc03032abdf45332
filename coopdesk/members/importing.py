"""Importing a member list (already read and checked by `coopdesk.io.member_csv`).

All rows or none: every problem found while adding them is collected with its line, and any
problem refuses the whole import. A member already in the book (same number, or same name and
join date when the file has no numbers) is reported as existing, not added again, so importing
the same file twice changes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.db.models import Member, MemberClass
from coopdesk.errors import ValidationError
from coopdesk.io.member_csv import MemberRecord
from coopdesk.io.problems import ImportRefused, RowProblem
from coopdesk.members.service import add_member, edit_member, record_leaving
from coopdesk.members.types import LeaveReason, MemberInput
from coopdesk.progress import Progress, no_progress


@dataclass(frozen=True, slots=True)
class ImportedMember:
    line: int
    number: str
    name: str
    action: str  # "added" or "exists"


_REASONS = {
    "deceased": LeaveReason.DECEASED, "died": LeaveReason.DECEASED, "death": LeaveReason.DECEASED,
    "verstorben": LeaveReason.DECEASED, "décédé": LeaveReason.DECEASED, "fallecido": LeaveReason.DECEASED,
    "expelled": LeaveReason.EXPELLED, "excluded": LeaveReason.EXPELLED, "ausgeschlossen": LeaveReason.EXPELLED,
}


#: Progress is reported after every this many rows (each row is a few queries).
PROGRESS_STEP = 100


def import_members(session: Session, records: Sequence[MemberRecord], source: str, *,
                   progress: Progress = no_progress) -> list[ImportedMember]:
    """Add every new member of `records`; refuse them all (ImportRefused) on any problem.

    `progress` is told how many of the records are done; it may cancel the import (`Cancelled`).
    """
    total = len(records)
    existing_numbers = set(session.execute(select(Member.number)).scalars())
    existing_names = {(name, joined): number for name, joined, number in
                      session.execute(select(Member.display_name, Member.join_date, Member.number))}
    classes = _class_codes(session)
    problems: list[RowProblem] = []
    results: list[ImportedMember] = []
    payers: list[tuple[MemberRecord, str]] = []
    for done, record in enumerate(records):
        if done and done % PROGRESS_STEP == 0:
            progress(done, total)
        known = record.number if record.number in existing_numbers else existing_names.get(
            (record.display_name, record.join_date)) if record.number is None else None
        if known is not None:
            results.append(ImportedMember(record.line, known, record.display_name, "exists"))
            continue
        class_code = None
        if record.member_class is not None:
            class_code = classes.get(record.member_class.strip().casefold())
            if class_code is None:
                problems.append(RowProblem(record.line, "class", f"no member class {record.member_class!r} "
                                           f"(the classes are {', '.join(sorted(set(classes.values())))})"))
                continue
        try:
            member_id = add_member(session, _input(record, class_code))
        except ValidationError as exc:
            problems += [RowProblem(record.line, None, p) for p in exc.problems]
            continue
        number = session.get(Member, member_id).number  # type: ignore[union-attr]
        results.append(ImportedMember(record.line, number, record.display_name, "added"))
        if record.payer_number is not None:
            payers.append((record, number))
        if record.leave_date is not None:
            reason = _REASONS.get((record.leave_reason or "").strip().casefold(), LeaveReason.WITHDREW)
            try:
                record_leaving(session, number, record.leave_date, reason)
            except ValidationError as exc:
                problems += [RowProblem(record.line, "leave date", p) for p in exc.problems]
    # Payers last: a household's payer may come later in the file than the member they pay for.
    for record, number in payers:
        try:
            edit_member(session, number, {"payer_number": record.payer_number})
        except ValidationError as exc:
            problems += [RowProblem(record.line, "payer", p) for p in exc.problems]
    progress(total, total)
    if problems:
        raise ImportRefused(source, sorted(problems, key=lambda p: p.line))
    return results


def _input(record: MemberRecord, class_code: str | None) -> MemberInput:
    return MemberInput(
        display_name=record.display_name, join_date=record.join_date, number=record.number,
        sort_name=record.sort_name or "", kind=record.kind, class_code=class_code,
        address_lines=record.address_lines, postal_code=record.postal_code or "",
        city=record.city or "", region=record.region or "", country=record.country or "",
        email=record.email or "", phone=record.phone or "", language=record.language,
        notes=record.notes or "",
    )


def _class_codes(session: Session) -> dict[str, str]:
    """Class codes by code and by name, case-folded: a file may write either."""
    known: dict[str, str] = {}
    for code, name in session.execute(select(MemberClass.code, MemberClass.name)):
        known[code.casefold()] = code
        known[name.casefold()] = code
    return known
