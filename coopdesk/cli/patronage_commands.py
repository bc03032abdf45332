"""`coopdesk patronage ...` and the patronage reports: measures, pools and records here; the
allocation and capital accounts in `patronage_capital_commands`, the reports in
`patronage_reports`.

Amounts, percentages and quantities typed by the user are read in the book's locale ("7,5" in
de_DE) or plainly ("7.5"); a fiscal year is named by the calendar year it starts in
(`--year 2025` is the year from the first of the book's fiscal-year month in 2025).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

from coopdesk.book import Book
from coopdesk.cli import patronage_capital_commands as capital
from coopdesk.cli import patronage_reports as reports
from coopdesk.cli.commands import open_book
from coopdesk.cli.funds_commands import check_period, formatter_of, show
from coopdesk.cli.output import warn_unused_columns
from coopdesk.cli.patronage_capital_commands import percent, say
from coopdesk.errors import InputError
from coopdesk.formatting import ParseError
from coopdesk.io.files import read_bytes
from coopdesk.io.patronage_csv import parse_quantity
from coopdesk.patronage.importing import ImportedRecord, MeasureTotal, import_records
from coopdesk.patronage.measures import MeasureRow, PoolDraft, add_measure, list_measures, list_pools, set_pools
from coopdesk.patronage.records import RecordInput, RecordRow, add_records, list_records

#: The class of a pool for every member (`pools set all:purchases:100`).
ALL_MEMBERS = "all"


def add_parsers(sub: Any, iso_date: Any, format_option: Any, report: Any) -> None:
    """Add `patronage ...` to the top-level subparsers, and the patronage reports to `report`."""
    group = sub.add_parser("patronage", help="patronage dividends and member capital accounts"
                           ).add_subparsers(title="patronage commands", metavar="ACTION", required=True)

    measures = group.add_parser("measures", help="what patronage is counted in (hours, purchases...)")
    format_option(measures)
    measures.set_defaults(handler=measures_list)
    actions = measures.add_subparsers(title="measures commands", metavar="ACTION")
    p = actions.add_parser("list", help="the measures (the default)")
    format_option(p)
    p.set_defaults(handler=measures_list)
    p = actions.add_parser("add", help="add a measure")
    p.add_argument("code", metavar="CODE", help="a short code, such as hours")
    p.add_argument("name", metavar="NAME", help="what is counted, such as \"Hours worked\"")
    p.add_argument("--unit", required=True, help="such as hours, USD or kg")
    p.set_defaults(handler=measures_add)

    pools = group.add_parser("pools", help="how the members' surplus divides between member classes")
    format_option(pools)
    pools.set_defaults(handler=pools_list)
    actions = pools.add_subparsers(title="pools commands", metavar="ACTION")
    p = actions.add_parser("list", help="the pools (the default)")
    format_option(p)
    p.set_defaults(handler=pools_list)
    p = actions.add_parser("set", help="replace the pools (their percentages add up to 100)",
                           description="Each pool is CLASS:MEASURE:PERCENT, with :min=QUANTITY for "
                                       "the least patronage that shares in it; CLASS 'all' is every "
                                       "member. E.g. worker:hours:60 consumer:purchases:40:min=10")
    p.add_argument("pools", nargs="+", metavar="CLASS:MEASURE:PERCENT[:min=Q]")
    p.set_defaults(handler=pools_set)

    p = group.add_parser("records", help="patronage records, newest first")
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE")
    p.add_argument("--member", metavar="NUMBER")
    p.add_argument("--measure", metavar="CODE")
    p.add_argument("--limit", type=int, metavar="N", help="at most N records")
    format_option(p)
    p.set_defaults(handler=records_list)

    p = group.add_parser("add", help="record a member's patronage on a day")
    p.add_argument("--member", required=True, metavar="NUMBER")
    p.add_argument("--date", type=iso_date, required=True)
    p.add_argument("--measure", required=True, metavar="CODE")
    p.add_argument("--quantity", required=True, metavar="Q")
    p.add_argument("--reference", default="")
    p.set_defaults(handler=records_add)

    p = group.add_parser("import", help="add the records of a CSV file (all rows or none)",
                         description="Columns: member number, date, measure, quantity, reference "
                                     "(optional). Without a measure column, give --measure.")
    p.add_argument("file", type=Path)
    p.add_argument("--measure", metavar="CODE", help="the measure of rows that name none")
    p.add_argument("--dry-run", action="store_true", help="check the file and show what would be added")
    format_option(p)
    p.set_defaults(handler=records_import)

    capital.add_parsers(group, iso_date, format_option)
    reports.add_parsers(report, iso_date, format_option)


def quantity(book: Book, text: str, what: str) -> Decimal:
    try:
        return parse_quantity(text, formatter_of(book))
    except ParseError as exc:
        raise InputError(f"{what}: {exc.message}") from None


# -- measures and pools ------------------------------------------------------------------------

def measures_list(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        return show(book.read(list_measures), args.format, book, MeasureRow)


def measures_add(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        book.run(add_measure, args.code, args.name, args.unit)
    print(f"Added measure {args.code.strip().lower()} ({args.name.strip()}, in {args.unit.strip()})")
    return 0


@dataclasses.dataclass(frozen=True, slots=True)
class PoolLine:
    pool: str
    member_class: str
    measure: str
    unit: str
    percent: Decimal
    min_quantity: Decimal


def pools_list(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        rows = [PoolLine(p.label, p.class_code or ALL_MEMBERS, p.measure_code, p.unit, p.percent,
                         p.min_quantity) for p in book.read(list_pools)]
        return show(rows, args.format, book, PoolLine)


def pools_set(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        drafts = [_pool(book, text) for text in args.pools]
        book.run(set_pools, drafts)
        labels = [f"{p.label} {p.percent}%" for p in book.read(list_pools)]
    print(f"Set {len(labels)} pool(s): {', '.join(labels)}")
    return 0


def _pool(book: Book, text: str) -> PoolDraft:
    parts = [part.strip() for part in text.split(":")]
    if len(parts) not in (3, 4) or not all(parts):
        raise InputError(f"pool {text!r}: write CLASS:MEASURE:PERCENT[:min=QUANTITY], "
                         "e.g. worker:hours:60 or all:purchases:100")
    class_code, measure, share, *rest = parts
    least = Decimal(0)
    if rest:
        key, equals, value = rest[0].partition("=")
        if key.strip().lower() != "min" or not equals:
            raise InputError(f"pool {text!r}: the fourth part is min=QUANTITY, e.g. min=10")
        if value.strip().strip("0.,"):  # "min=0" (or 0.0, 0,0) is no minimum
            least = quantity(book, value, f"pool {text!r}: min")
    return PoolDraft(None if class_code.lower() == ALL_MEMBERS else class_code, measure.lower(),
                     percent(share, f"pool {text!r}"), least)


# -- records -----------------------------------------------------------------------------------

def records_list(args: argparse.Namespace) -> int:
    check_period(args.date_from, args.date_to)
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit: at least 1")
    with open_book(args, read_only=True) as book:
        rows = book.read(list_records, date_from=args.date_from, date_to=args.date_to,
                         member_number=args.member, measure_code=args.measure, limit=args.limit)
        columns = ["date", "member_number", "member_name", "measure_code", "quantity", "unit", "reference"]
        return show(rows, args.format, book, RecordRow, columns)


def records_add(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        record = RecordInput(args.member, args.date, args.measure, quantity(book, args.quantity, "--quantity"),
                             args.reference)
        book.run(add_records, [record])
        shown = formatter_of(book).number(record.quantity)
    print(f"Recorded {shown} {args.measure.strip().lower()} for member {args.member.strip()} "
          f"on {args.date.isoformat()}")
    return 0


def records_import(args: argparse.Namespace) -> int:
    data = read_bytes(args.file)
    with open_book(args, read_only=False) as book:
        options: dict[str, Any] = {"locale": book.settings.locale, "measure": args.measure,
                                   "source": str(args.file)}
        if args.dry_run:
            result = book.dry_run(import_records, data, **options)
        else:
            result = book.run(import_records, data, **options).result
        warn_unused_columns(args.file, result.ignored_columns)
        if args.format == "table":
            show(result.totals, args.format, book, MeasureTotal)
        else:
            show(result.records, args.format, book, ImportedRecord)
    if result.repeated:
        lines = ", ".join(str(line) for line in result.repeated[:10])
        more = f" and {len(result.repeated) - 10} more" if len(result.repeated) > 10 else ""
        print(f"coopdesk: warning: {len(result.repeated)} row(s) equal a record already in the book "
              f"(line {lines}{more}): was this file imported before?", file=sys.stderr)
    members = len({r.member_number for r in result.records})
    summary = (f"{result.added} record(s) of {members} member(s) "
               + ("would be added; nothing was changed (dry run)" if args.dry_run else "added"))
    say(summary, args.format)
    return 0
