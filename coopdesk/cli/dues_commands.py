"""`coopdesk plans|dues|payments|charges ...` and the dues reports, on the command line."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from coopdesk.book import Book
from coopdesk.cli.amounts import parse_amount, year_month
from coopdesk.cli.commands import open_book
from coopdesk.cli.output import warn_unused_columns, write_rows
from coopdesk.dues import plans, queries
from coopdesk.dues.accounts import PAYMENT_METHODS
from coopdesk.dues.bank_import import import_payments
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.payments import record_payment, reverse_payment, write_off_charge
from coopdesk.dues.run import preview_dues_run, run_dues
from coopdesk.dues.schedule import Frequency, PeriodBasis, Proration
from coopdesk.dues.summary import dues_summary
from coopdesk.errors import InputError
from coopdesk.formatting import Formatter
from coopdesk.io.bank_csv import parse_bank_csv
from coopdesk.io.files import read_bytes


def add_parsers(sub: Any, iso_date: Any, format_option: Any, report: Any) -> None:
    """Add the dues commands to the top-level subparsers, and the dues reports to `report`."""
    group = sub.add_parser("plans", help="dues plans and who is on them").add_subparsers(
        title="plans commands", metavar="ACTION", required=True)
    p = group.add_parser("list", help="the dues plans")
    format_option(p)
    p.set_defaults(handler=plans_list)
    p = group.add_parser("add", help="add a dues plan")
    p.add_argument("name")
    p.add_argument("--amount", required=True, help="per period, in the book's currency")
    p.add_argument("--frequency", required=True, choices=tuple(Frequency))
    p.add_argument("--basis", choices=tuple(PeriodBasis), default=PeriodBasis.FIXED,
                   help="fixed (calendar or fiscal) periods, or rolling from the join date")
    p.add_argument("--year-start", type=int, metavar="MM", help="first month of the year (default: the fiscal year's)")
    p.add_argument("--rollover-day", type=int, metavar="N",
                   help="members joining after day N of a period pay from the next period")
    p.add_argument("--proration", choices=tuple(Proration), default=Proration.NONE)
    p.set_defaults(handler=plans_add)
    p = group.add_parser("assign", help="put a member on a plan")
    p.add_argument("member", metavar="NUMBER")
    p.add_argument("plan", metavar="PLAN")
    p.add_argument("--from", dest="start", type=iso_date, required=True, metavar="DATE")
    p.add_argument("--to", dest="end", type=iso_date, metavar="DATE")
    rate = p.add_mutually_exclusive_group()
    rate.add_argument("--amount", help="a reduced rate (hardship, sliding scale)")
    rate.add_argument("--waive", action="store_true", help="no dues at all")
    p.add_argument("--reason", default="", help="why the rate is reduced or waived")
    p.set_defaults(handler=plans_assign)
    p = group.add_parser("assignments", help="who is on which plan")
    p.add_argument("--member", metavar="NUMBER")
    format_option(p)
    p.set_defaults(handler=plans_assignments)

    group = sub.add_parser("dues", help="dues runs").add_subparsers(
        title="dues commands", metavar="ACTION", required=True)
    p = group.add_parser("run", help="charge every period due up to a month (safe to repeat)")
    p.add_argument("--through", type=year_month, required=True, metavar="YYYY-MM")
    p.add_argument("--dry-run", action="store_true", help="show what would be charged; change nothing")
    format_option(p)
    p.set_defaults(handler=dues_run)

    group = sub.add_parser("payments", help="payments of dues").add_subparsers(
        title="payments commands", metavar="ACTION", required=True)
    p = group.add_parser("add", help="record a payment")
    p.add_argument("member", metavar="NUMBER")
    p.add_argument("amount")
    p.add_argument("--date", type=iso_date, required=True)
    p.add_argument("--method", choices=PAYMENT_METHODS, default="bank_transfer")
    p.add_argument("--reference", default="")
    p.add_argument("--memo", default="")
    p.add_argument("--payer", metavar="NUMBER", help="the member who paid, if someone else")
    p.set_defaults(handler=payments_add)
    p = group.add_parser("list", help="payments received")
    p.add_argument("--member", metavar="NUMBER")
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE")
    p.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE")
    format_option(p)
    p.set_defaults(handler=payments_list)
    p = group.add_parser("import", help="record the payments of a bank export (CSV)")
    p.add_argument("file", type=Path)
    p.add_argument("--dry-run", action="store_true", help="show the matches; record nothing")
    p.add_argument("--accept-matched", action="store_true",
                   help="record the matched rows even though some are unmatched")
    format_option(p)
    p.set_defaults(handler=payments_import)
    p = group.add_parser("reverse", help="reverse a payment recorded in error")
    p.add_argument("payment_id", type=int, metavar="ID")
    p.add_argument("--date", type=iso_date, help="date of the reversal (default today)")
    p.set_defaults(handler=payments_reverse)

    group = sub.add_parser("charges", help="dues charges").add_subparsers(
        title="charges commands", metavar="ACTION", required=True)
    p = group.add_parser("open", help="a member's charges not yet paid")
    p.add_argument("member", metavar="NUMBER")
    format_option(p)
    p.set_defaults(handler=charges_open)
    p = group.add_parser("write-off", help="give up an open charge, with the reason")
    p.add_argument("charge_id", type=int, metavar="ID")
    p.add_argument("--reason", required=True)
    p.add_argument("--amount", help="only part of what is open")
    p.add_argument("--date", type=iso_date, help="default today")
    p.set_defaults(handler=charges_write_off)

    p = report.add_parser("member-account", help="a member's dues account with running balance")
    p.add_argument("member", metavar="NUMBER")
    p.add_argument("--as-of", type=iso_date, metavar="DATE")
    format_option(p)
    p.set_defaults(handler=report_member_account)
    p = report.add_parser("arrears", help="members behind with their dues")
    p.add_argument("--as-of", type=iso_date, metavar="DATE")
    format_option(p)
    p.set_defaults(handler=report_arrears)
    p = report.add_parser("dues-summary", help="dues charged and collected per month")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--as-of", type=iso_date, metavar="DATE")
    format_option(p)
    p.set_defaults(handler=report_dues_summary)


def _show(args: argparse.Namespace, rows: Any, book: Book) -> int:
    write_rows(rows, args.format, sys.stdout, formatter=Formatter(book.settings.locale))
    return 0


def _amount(book: Book, text: str, what: str = "amount") -> Any:
    return parse_amount(text, Formatter(book.settings.locale), book.settings.currency, what)


def plans_list(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        return _show(args, book.read(plans.list_plans), book)


def plans_add(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        book.run(plans.add_plan, args.name, _amount(book, args.amount), args.frequency, args.basis,
                 args.year_start, args.rollover_day, args.proration)
    print(f"Added plan {args.name.strip()!r}")
    return 0


def plans_assign(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        amount = None if args.amount is None else _amount(book, args.amount)
        book.run(plans.assign_plan, args.member, args.plan, args.start, args.end, amount, args.waive,
                 args.reason)
    print(f"Member {args.member} is on plan {args.plan!r} from {args.start.isoformat()}")
    return 0


def plans_assignments(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        return _show(args, book.read(plans.list_assignments, args.member), book)


def dues_run(args: argparse.Namespace) -> int:
    year, month = args.through
    with open_book(args, read_only=args.dry_run) as book:
        if args.dry_run:
            return _show(args, book.read(preview_dues_run, year, month), book)
        result = book.run(run_dues, year, month).result
        total = Formatter(book.settings.locale).money(result.total)
    print(f"Charged {result.charges} period(s) to {result.members} member(s), {total} in all"
          if result.charges else f"Nothing to charge through {year}-{month:02d}: every period is charged already")
    return 0


def payments_add(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        payment = book.run(record_payment, args.member, args.date, _amount(book, args.amount), args.method,
                           args.reference, args.memo, args.payer).result
    print(f"Recorded payment {payment}")
    return 0


def payments_list(args: argparse.Namespace) -> int:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise InputError("--from is after --to")
    with open_book(args, read_only=True) as book:
        return _show(args, book.read(list_payments, args.member, args.date_from, args.date_to), book)


def payments_import(args: argparse.Namespace) -> int:
    data = read_bytes(args.file)
    with open_book(args, read_only=False) as book:
        parsed = parse_bank_csv(data, str(args.file), Formatter(book.settings.locale), book.settings.currency)
        warn_unused_columns(args.file, parsed.ignored_columns)
        parsed.refuse_if_problems()
        if args.dry_run:
            result = book.dry_run(import_payments, parsed.rows, accept_matched=args.accept_matched)
        else:
            result = book.run(import_payments, parsed.rows, accept_matched=args.accept_matched).result
        formatter = Formatter(book.settings.locale)
    write_rows(result.lines, args.format, sys.stdout, formatter=formatter)
    for skipped in parsed.skipped:
        print(f"line {skipped.line}: not a payment ({skipped.reason})", file=sys.stderr)
    recorded = sum(1 for line in result.lines if line.action == "recorded")
    if args.dry_run:
        print(f"Dry run: nothing recorded; {len(result.unmatched)} row(s) unmatched", file=sys.stderr)
        return 0
    if not result.applied:
        print(f"coopdesk: nothing recorded: {len(result.unmatched)} row(s) match no member. Record them "
              "by hand, or run again with --accept-matched to record the matched rows only", file=sys.stderr)
        return 1
    print(f"Recorded {recorded} payment(s)", file=sys.stderr)
    return 0


def payments_reverse(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        entry = book.run(reverse_payment, args.payment_id, args.date).result
    print(f"Reversed payment {args.payment_id} (entry {entry}); the charges it paid are open again")
    return 0


def charges_open(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        return _show(args, book.read(queries.open_charges, args.member), book)


def charges_write_off(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        amount = None if args.amount is None else _amount(book, args.amount)
        book.run(write_off_charge, args.charge_id, args.reason, args.date, amount)
    print(f"Wrote off charge {args.charge_id}")
    return 0


def report_member_account(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        return _show(args, book.read(queries.member_account, args.member, args.as_of), book)


def report_arrears(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        return _show(args, book.read(queries.arrears, args.as_of), book)


def report_dues_summary(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        return _show(args, book.read(dues_summary, args.year, args.as_of), book)
