"""`coopdesk members ...` and `coopdesk classes ...`: the member register on the command line."""

from __future__ import annotations

import argparse
import io
import sys
from dataclasses import fields
from pathlib import Path
from typing import Any

from sqlalchemy import select

from coopdesk.cli.commands import open_book
from coopdesk.cli.output import warn_unused_columns, write_rows
from coopdesk.formatting import Formatter
from coopdesk.io.csv_export import write_csv
from coopdesk.io.files import read_bytes, write_atomically
from coopdesk.io.member_csv import parse_members_csv
from coopdesk.members.importing import import_members
from coopdesk.db.models import Member
from coopdesk.dues.queries import dues_facts
from coopdesk.members import queries
from coopdesk.members.service import add_class, add_member, edit_member, record_leaving
from coopdesk.members.types import LeaveReason, MemberInput, MemberKind, Status

#: Options for the register's fields: (option, MemberInput field, help).
FIELD_OPTIONS = (
    ("--number", "number", "member number (default: the next free number)"),
    ("--sort-name", "sort_name", "name to sort by (default: 'Last, First')"),
    ("--class", "class_code", "member class code (see: coopdesk classes list)"),
    ("--postal-code", "postal_code", None),
    ("--city", "city", None),
    ("--region", "region", "state, province or county"),
    ("--country", "country", None),
    ("--email", "email", None),
    ("--phone", "phone", None),
    ("--language", "language", "statement language, e.g. fr or de_DE"),
    ("--payer", "payer_number", "number of the member who pays this member's dues"),
    ("--notes", "notes", None),
)


def add_parsers(sub: Any, iso_date: Any, format_option: Any) -> None:
    """Add the members and classes commands to the top-level subparsers."""
    members = sub.add_parser("members", help="the member register").add_subparsers(
        title="members commands", metavar="ACTION", required=True)

    p = members.add_parser("list", help="list the members with their status")
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="status on this day (default today)")
    p.add_argument("--status", choices=tuple(Status))
    p.add_argument("--class", dest="class_code", metavar="CODE")
    format_option(p)
    p.set_defaults(handler=members_list)

    p = members.add_parser("show", help="one member's record")
    p.add_argument("number")
    format_option(p)
    p.set_defaults(handler=members_show)

    p = members.add_parser("history", help="every change made to a member")
    p.add_argument("number")
    format_option(p)
    p.set_defaults(handler=members_history)

    p = members.add_parser("add", help="add a member")
    p.add_argument("name", help="display name, e.g. 'Ada Okafor'")
    p.add_argument("--joined", type=iso_date, required=True, metavar="DATE")
    p.add_argument("--kind", choices=tuple(MemberKind), default=MemberKind.PERSON)
    p.add_argument("--address", action="append", default=None, metavar="LINE",
                   help="an address line (repeat for more lines)")
    _field_options(p)
    p.set_defaults(handler=members_add)

    p = members.add_parser("edit", help="change fields of a member's record")
    p.add_argument("member", metavar="NUMBER")
    p.add_argument("--name", dest="display_name")
    p.add_argument("--joined", type=iso_date, metavar="DATE")
    p.add_argument("--kind", choices=tuple(MemberKind))
    p.add_argument("--address", action="append", default=None, metavar="LINE")
    _field_options(p)
    p.set_defaults(handler=members_edit)

    p = members.add_parser("leave", help="record that a member left")
    p.add_argument("number")
    p.add_argument("--date", type=iso_date, required=True)
    p.add_argument("--reason", choices=tuple(LeaveReason), default=LeaveReason.WITHDREW)
    p.set_defaults(handler=members_leave)

    p = members.add_parser("import", help="add the members of a CSV file (all rows or none)")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="check the file and show what would be added")
    format_option(p)
    p.set_defaults(handler=members_import)

    p = members.add_parser("export", help="write the register to a CSV file")
    p.add_argument("file", type=Path)
    p.set_defaults(handler=members_export)

    classes = sub.add_parser("classes", help="member classes").add_subparsers(
        title="classes commands", metavar="ACTION", required=True)
    p = classes.add_parser("list", help="the member classes and who votes")
    format_option(p)
    p.set_defaults(handler=classes_list)
    p = classes.add_parser("add", help="add a member class")
    p.add_argument("code")
    p.add_argument("name")
    p.add_argument("--votes", action="store_true", help="members of this class vote")
    p.set_defaults(handler=classes_add)


def _field_options(p: argparse.ArgumentParser) -> None:
    for option, dest, help_text in FIELD_OPTIONS:
        p.add_argument(option, dest=dest, help=help_text)


def _given_fields(args: argparse.Namespace) -> dict[str, Any]:
    names = [dest for _, dest, _ in FIELD_OPTIONS] + ["display_name", "kind"]
    given = {name: getattr(args, name) for name in names if getattr(args, name, None) is not None}
    if getattr(args, "joined", None) is not None:
        given["join_date"] = args.joined
    if args.address is not None:
        given["address_lines"] = tuple(args.address)
    return given


def members_list(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        rows = book.read(_members_with_status, args.as_of, args.status, args.class_code)
    write_rows(rows, args.format, sys.stdout)
    return 0


def _members_with_status(session: Any, as_of: Any, status: str | None,
                         class_code: str | None) -> list[queries.MemberRow]:
    return queries.list_members(session, as_of, dues_facts(session, as_of), status, class_code)


def _detail_with_status(session: Any, number: str) -> queries.MemberDetail:
    member_id = session.execute(select(Member.id).where(Member.number == number)).scalar_one_or_none()
    facts = dues_facts(session).get(member_id) if member_id is not None else None
    return queries.member_detail(session, number, None, facts)


def members_show(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        detail = book.read(_detail_with_status, args.number)
    if args.format == "table":
        for name, value in _fields(detail):
            print(f"{name.replace('_', ' '):>24}  {value}")
    else:
        write_rows([detail], args.format, sys.stdout)
    return 0


def _fields(detail: queries.MemberDetail) -> list[tuple[str, str]]:
    shown = []
    for name in detail.__dataclass_fields__:
        value = getattr(detail, name)
        if isinstance(value, tuple):
            value = ", ".join(value)
        shown.append((name, "" if value is None else str(value)))
    return shown


def members_history(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        rows = book.read(queries.member_history, args.number)
    write_rows(rows, args.format, sys.stdout)
    return 0


def members_add(args: argparse.Namespace) -> int:
    fields = _given_fields(args)
    fields["display_name"] = args.name
    with open_book(args, read_only=False) as book:
        changes = book.run(add_member, MemberInput(**fields))
        number = book.read(_number_of, changes.result)
    print(f"Added member {number}")
    return 0


def _number_of(session: Any, member_id: int) -> str:
    return str(session.get(Member, member_id).number)


def members_edit(args: argparse.Namespace) -> int:
    changes = _given_fields(args)
    if not changes:
        print("coopdesk: nothing to change; give the fields to change, e.g. --email", file=sys.stderr)
        return 2
    with open_book(args, read_only=False) as book:
        book.run(edit_member, args.member, changes)
    print(f"Updated member {args.member}")
    return 0


def members_leave(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        book.run(record_leaving, args.number, args.date, args.reason)
    print(f"Member {args.number} left on {args.date.isoformat()} ({args.reason})")
    return 0


def members_import(args: argparse.Namespace) -> int:
    data = read_bytes(args.file)
    with open_book(args, read_only=False) as book:
        parsed = parse_members_csv(data, str(args.file), Formatter(book.settings.locale))
        warn_unused_columns(args.file, parsed.ignored_columns)
        parsed.refuse_if_problems()
        if args.dry_run:
            rows = book.dry_run(import_members, parsed.records, str(args.file))
        else:
            rows = book.run(import_members, parsed.records, str(args.file)).result
    added = sum(1 for r in rows if r.action == "added")
    if args.format == "table":
        for r in rows:
            print(f"line {r.line}: {r.number} {r.name}: {'already in the book' if r.action == 'exists' else 'added'}")
        verb = "would be added" if args.dry_run else "added"
        print(f"{added} member(s) {verb}, {len(rows) - added} already in the book")
    else:
        write_rows(rows, args.format, sys.stdout)
    return 0


#: The export's columns: a member's fields, the address as the three lines `members import`
#: reads back (address_1..3), so an exported register imports into another book as it is.
ADDRESS_COLUMNS = ("address_1", "address_2", "address_3")


def members_export(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        rows = book.read(_export_rows)
    names = [field.name for field in fields(queries.MemberDetail)]
    at = names.index("address_lines")
    header = [*names[:at], *ADDRESS_COLUMNS, *names[at + 1:]]

    def cells(row: queries.MemberDetail) -> list[object]:
        lines = list(row.address_lines[:2]) + [", ".join(row.address_lines[2:])]
        lines += [""] * (len(ADDRESS_COLUMNS) - len(lines))
        values = [getattr(row, name) for name in names]
        return [*values[:at], *(line or None for line in lines), *values[at + 1:]]

    out = io.StringIO()
    write_csv(out, header, (cells(row) for row in rows))
    write_atomically(args.file, out.getvalue(), encoding="utf-8-sig")  # a BOM so spreadsheets see UTF-8
    print(f"Wrote {len(rows)} member(s) to {args.file}")
    return 0


def _export_rows(session: Any) -> list[queries.MemberDetail]:
    return queries.member_details(session, None, dues_facts(session))


def classes_list(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        rows = book.read(queries.list_classes)
    write_rows(rows, args.format, sys.stdout)
    return 0


def classes_add(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        book.run(add_class, args.code, args.name, args.votes)
    print(f"Added class {args.code.strip().lower()}")
    return 0
