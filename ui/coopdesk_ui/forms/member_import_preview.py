"""What importing a member list would do, worked out before anything is written (no Qt here).

`read_member_file` reads and checks the file (`coopdesk.io.member_csv`). A file that is not a
member list at all (a workbook, binary data, a header without a name or join-date column: a
bank export, or a separator the reader does not know, which leaves the header as one column) is
refused with one message; a member list with wrong rows goes on to the preview, where each
problem is listed with its row and column.

`preview_members` is the real import run as dry runs (`Book.dry_run`): the rows that would be
added (with the number each would get) and the members already in the book. The import is all
or none, so a refusal says nothing of the other rows; the rows it names are set aside and the
rest tried again, so the preview still shows what the good rows would do, beside every problem.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from coopdesk.book import Book
from coopdesk.errors import CoopdeskError
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.io.csv_table import match_columns, read_csv_table
from coopdesk.io.files import read_bytes
from coopdesk.io.member_csv import MEMBER_COLUMNS, MemberCsv, MemberRecord, parse_members_csv
from coopdesk.io.problems import ImportRefused, RowProblem
from coopdesk.members.importing import ImportedMember, import_members
from coopdesk.progress import Progress, no_progress

# How the import names a field in its problems ("class", "join date: ...") -> MEMBER_COLUMNS.
_SERVICE_FIELDS = {
    "number": "number", "name": "display_name", "kind": "kind", "class": "member_class",
    "email": "email", "join date": "join_date", "leave date": "leave_date",
    "language": "language", "payer": "payer_number",
}


class FileRefused(Exception):
    """The file cannot be imported at all; `message` says why, for the user, in one piece."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass(frozen=True, slots=True)
class MemberFile:
    """A member list read and checked: its rows, and which of its columns gives each field."""

    path: Path
    parsed: MemberCsv
    columns: Mapping[str, str]


@dataclass(frozen=True, slots=True)
class PreviewRow:
    """One row of the file as the preview shows it; `in_book` is the name the book has for the
    member of an existing row (None for a new one)."""

    line: int
    number: str
    name: str
    member_class: str | None
    join_date: dt.date | None
    email: str | None
    city: str | None
    in_book: str | None = None


@dataclass(frozen=True, slots=True)
class MemberImportPreview:
    """What the import would do: new rows, rows already in the book, every problem by line."""

    to_add: tuple[PreviewRow, ...]
    existing: tuple[PreviewRow, ...]
    problems: tuple[RowProblem, ...]


def read_member_file(path: Path, formatter: Formatter) -> MemberFile:
    """The member list at `path`, read and checked; FileRefused for a file that cannot be read
    as a member list, or holds no member."""
    try:
        data = read_bytes(path)
        parsed = parse_members_csv(data, path.name, formatter)
    except CoopdeskError as exc:  # unreadable, empty, binary, a workbook: one message
        raise FileRefused(exc.message) from None
    table = read_csv_table(data, path.name)  # cannot fail now; its header says what the file is
    columns = match_columns(table.headers, MEMBER_COLUMNS).columns
    header_problems = [str(p) if p.column else p.message
                       for p in parsed.problems if p.line == table.header_line]
    if "join_date" not in columns and not header_problems:
        # Every member needs one (dues are planned from it): without the column every row
        # would be refused for it; a bank export with a "Name" column ends here too.
        header_problems.append(_("no column gives the date each member joined: the header "
                                 "needs a column such as \N{LEFT DOUBLE QUOTATION MARK}Joined"
                                 "\N{RIGHT DOUBLE QUOTATION MARK} or \N{LEFT DOUBLE QUOTATION MARK}"
                                 "Member since\N{RIGHT DOUBLE QUOTATION MARK}"))
    if header_problems:
        raise FileRefused(_file_message(path, table.headers, header_problems))
    if not parsed.records and not parsed.problems:
        raise FileRefused(_("{file} holds no members: there is nothing to import.").format(
            file=path.name))
    return MemberFile(path, parsed, columns)


def _file_message(path: Path, headers: Sequence[str], problems: Sequence[str]) -> str:
    lines = [_("{file} cannot be imported as a member list:").format(file=path.name)]
    lines += problems
    if len(headers) == 1:
        lines.append(_("Its header has only one column, \N{LEFT DOUBLE QUOTATION MARK}{header}"
                       "\N{RIGHT DOUBLE QUOTATION MARK}: are the columns separated by something "
                       "other than commas, semicolons or tabs? Save the list from the spreadsheet "
                       "as CSV.").format(header=headers[0]))
    return "\n".join(lines)


def preview_members(book: Book, member_file: MemberFile, names: Mapping[str, str], *,
                    progress: Progress = no_progress) -> MemberImportPreview:
    """What importing `member_file` would do, from dry runs of the import on `book` (nothing is
    kept). `names` maps the book's member numbers to their names, for the existing rows."""
    parsed = member_file.parsed
    problems = list(parsed.problems)
    records = list(parsed.records)
    results: Sequence[ImportedMember] = []
    while records:
        try:
            results = book.dry_run(import_members, records, parsed.source, progress=progress)
            break
        except ImportRefused as refused:
            problems += refused.problems
            refused_lines = {problem.line for problem in refused.problems}
            kept = [record for record in records if record.line not in refused_lines]
            # A problem of no row of the file leaves nothing to try again: show no rows.
            records = kept if len(kept) < len(records) else []
    by_line = {record.line: record for record in parsed.records}
    added = tuple(_row(by_line[r.line], r.number) for r in results if r.action == "added")
    existing = tuple(_row(by_line[r.line], r.number, names.get(r.number, r.name))
                     for r in results if r.action == "exists")
    return MemberImportPreview(added, existing, _in_file_columns(problems, member_file.columns))


def _row(record: MemberRecord, number: str, in_book: str | None = None) -> PreviewRow:
    return PreviewRow(record.line, number, record.display_name, record.member_class,
                      record.join_date, record.email, record.city, in_book)


def _in_file_columns(problems: Sequence[RowProblem],
                     columns: Mapping[str, str]) -> tuple[RowProblem, ...]:
    """`problems` by line, the import's own ones ("class", "join date: ...") named by the
    file's column when it has one and without the field's name repeated, so that they read
    like the reader's problems."""
    fixed = []
    for problem in problems:
        column, message = problem.column, problem.message
        label, colon, rest = message.partition(": ")
        if colon and (label in _SERVICE_FIELDS and column in (None, label)
                      or column in _SERVICE_FIELDS and label in ("date", "reason")):
            column, message = column or label, rest
        if column in _SERVICE_FIELDS:
            column = columns.get(_SERVICE_FIELDS[column], column)
        fixed.append(RowProblem(problem.line, column, message))
    return tuple(sorted(fixed, key=lambda p: p.line))
