"""`coopdesk patronage allocate|pay-cash|share|redeem|leave-payable|pay-capital`: the year's
allocation and the members' capital accounts on the command line (`patronage_commands` adds
these parsers to its own; the reports are in `patronage_reports`).

A draft (`allocate` or `redeem` without `--post`) changes nothing. With `--format csv|json` the
rows go to stdout and the summary and warnings to stderr, so the output can be piped.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from typing import Any

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.cli.commands import open_book
from coopdesk.cli.funds_commands import amount, formatter_of, show, whole_number
from coopdesk.dues.accounts import PAYMENT_METHODS
from coopdesk.errors import InputError
from coopdesk.formatting import Formatter
from coopdesk.money import Money
from coopdesk.patronage.capital import (
    make_capital_payable,
    pay_allocation_cash,
    pay_capital_due,
    record_share_payment,
)
from coopdesk.patronage.redemption import post_redemption, preview_redemption
from coopdesk.patronage.run import AllocationPreview, RunTerms, post_allocation, preview_allocation


def add_parsers(group: Any, iso_date: Any, format_option: Any) -> None:
    """Add the allocation and capital commands to `patronage`."""
    p = group.add_parser("allocate", help="the year's allocation: a draft, or posted with --post")
    p.add_argument("--year", type=int, required=True, metavar="YYYY",
                   help="the fiscal year starting in this calendar year")
    p.add_argument("--surplus", metavar="AMOUNT", help="the surplus to allocate (default: the ledger's "
                                                       "income less expenses of the year)")
    part = p.add_mutually_exclusive_group()
    part.add_argument("--non-member", metavar="AMOUNT", help="the part of the surplus earned from non-members")
    part.add_argument("--non-member-percent", metavar="P", help="the same, as a percentage of the surplus")
    p.add_argument("--reserve", required=True, metavar="P", help="percentage kept as unallocated reserve")
    p.add_argument("--cash", required=True, metavar="P", help="percentage of each allocation paid in cash")
    p.add_argument("--min-payout", default="0", metavar="AMOUNT",
                   help="a cash part below this is retained instead (default 0)")
    p.add_argument("--post", action="store_true", help="post the allocation (without: only show the draft)")
    p.add_argument("--date", type=iso_date, help="with --post: the day it is posted (default today)")
    format_option(p)
    p.set_defaults(handler=allocate)

    p = group.add_parser("pay-cash", help="pay members the cash part of a year's allocation")
    p.add_argument("--year", type=int, required=True, metavar="YYYY")
    p.add_argument("--date", type=iso_date, help="default today")
    p.add_argument("--method", choices=PAYMENT_METHODS, default="bank_transfer")
    p.set_defaults(handler=pay_cash)

    p = group.add_parser("share", help="record a membership share paid in")
    p.add_argument("--member", required=True, metavar="NUMBER")
    p.add_argument("--amount", required=True)
    p.add_argument("--date", type=iso_date, required=True)
    p.add_argument("--method", choices=PAYMENT_METHODS, default="bank_transfer")
    p.set_defaults(handler=share)

    p = group.add_parser("redeem", help="pay out retained patronage, oldest year first (--post)")
    p.add_argument("--amount", required=True)
    p.add_argument("--date", type=iso_date, help="default today")
    p.add_argument("--post", action="store_true", help="pay it (without: only show who would get what)")
    p.add_argument("--method", choices=PAYMENT_METHODS, default="bank_transfer")
    format_option(p)
    p.set_defaults(handler=redeem)

    p = group.add_parser("leave-payable", help="a member who left: their capital becomes payable on a schedule")
    p.add_argument("--member", required=True, metavar="NUMBER")
    p.add_argument("--installments", required=True, metavar="K")
    p.add_argument("--first-due", type=iso_date, required=True, metavar="DATE")
    p.add_argument("--every-months", default="12", metavar="N", help="months between installments (default 12)")
    p.add_argument("--date", type=iso_date, help="the day it becomes payable (default today)")
    p.set_defaults(handler=leave_payable)

    p = group.add_parser("pay-capital", help="pay former members every installment due")
    p.add_argument("--date", type=iso_date, help="pay what is due by this day (default today)")
    p.add_argument("--method", choices=PAYMENT_METHODS, default="bank_transfer")
    p.set_defaults(handler=pay_capital)


# -- shared with patronage_commands ------------------------------------------------------------

def percent(text: str, what: str) -> Decimal:
    """A percentage typed by the user: "10", "7.5", "7,5" or "7.5%"."""
    body = text.strip().removesuffix("%").strip()
    if "," in body and "." not in body:
        body = body.replace(",", ".")
    try:
        value = Decimal(body)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        raise InputError(f"{what}: {text!r} is not a percentage (write e.g. 7.5)")
    return value


def fiscal_year(book: Book, year: int) -> dt.date:
    """The first day of the fiscal year that starts in calendar year `year`."""
    if not 1900 <= year <= 9998:
        raise InputError(f"--year: {year} is not a year (write e.g. 2025)")
    return dt.date(year, book.settings.fiscal_year_start, 1)


def say(text: str, fmt: str) -> None:
    """A summary line: on stdout beside a table, on stderr beside CSV or JSON rows."""
    if fmt == "table":
        print(text)
    else:
        print(f"coopdesk: {text}", file=sys.stderr)


def _warn(warnings: list[str]) -> None:
    for warning in warnings:
        print(f"coopdesk: warning: {warning}", file=sys.stderr)


def _method(method: str) -> str:
    return method.replace("_", " ")


# -- the allocation ----------------------------------------------------------------------------

@dataclasses.dataclass(frozen=True, slots=True)
class AllocationLine:
    member_number: str
    member_name: str
    pool: str
    quantity: Decimal
    unit: str
    amount: Money
    cash: Money
    retained: Money
    cash_retained: bool  # the cash part was below the minimum payout


@dataclasses.dataclass(frozen=True, slots=True)
class SummaryLine:
    item: str
    amount: Money


def _terms(book: Book, args: argparse.Namespace) -> RunTerms:
    return RunTerms(
        year_start=fiscal_year(book, args.year),
        reserve_percent=percent(args.reserve, "--reserve"),
        cash_percent=percent(args.cash, "--cash"),
        min_payout=amount(book, args.min_payout, "--min-payout"),
        surplus=None if args.surplus is None else amount(book, args.surplus, "--surplus"),
        non_member=None if args.non_member is None else amount(book, args.non_member, "--non-member"),
        non_member_percent=None if args.non_member_percent is None
        else percent(args.non_member_percent, "--non-member-percent"))


def allocate(args: argparse.Namespace) -> int:
    if args.date is not None and not args.post:
        raise InputError("--date goes with --post: a draft is not posted on a day")
    with open_book(args, read_only=not args.post) as book:
        f = formatter_of(book)
        terms = _terms(book, args)
        preview = book.read(preview_allocation, terms)
        year = f"the fiscal year {preview.year_start.isoformat()} to {preview.year_end.isoformat()}"
        if args.post:
            posted = book.run(post_allocation, terms, args.date).result
            _warn(preview.result.warnings)
            print(f"Posted the allocation of {year} on {(args.date or clock.today()).isoformat()}: "
                  f"{f.money(posted.allocated)} to {posted.members} member(s) (cash "
                  f"{f.money(posted.cash)}, retained {f.money(posted.retained)}), "
                  f"{f.money(posted.to_reserve)} to the reserve")
            return 0
        if args.format != "table":
            _warn(preview.warnings)
            show(_lines(preview), args.format, book, AllocationLine)
            say(f"draft allocation of {year}: {f.money(preview.result.cash + preview.result.retained)} "
                 f"to {len({line.member_number for line in preview.lines})} member(s); nothing posted",
                 args.format)
            return 0
        print(f"Draft allocation of {year}: nothing posted (add --post to post it)")
        for warning in preview.warnings:
            print(f"Warning: {warning}")
        print()
        show(_summary(preview, f), "table", book, SummaryLine)
        print()
        show(_lines(preview), "table", book, AllocationLine)
        if preview.excluded:
            print("\nLeft out:")
        for x in preview.excluded:
            print(f"  {x.member_number} {x.member_name}, {x.pool} ({f.number(x.quantity)} {x.unit}): {x.why}")
    return 0


def _lines(preview: AllocationPreview) -> list[AllocationLine]:
    return [AllocationLine(line.member_number, line.member_name, line.pool, line.quantity, line.unit,
                           line.amount, line.cash, line.retained, line.cash_retained)
            for line in preview.lines]


def _summary(preview: AllocationPreview, f: Formatter) -> list[SummaryLine]:
    result = preview.result
    terms = result.terms
    source = ("from the ledger" if preview.surplus_source == "ledger"
              else f"entered; the ledger's is {f.money(preview.ledger_surplus)}")
    lines = [SummaryLine(f"Surplus ({source})", terms.surplus),
             SummaryLine("- earned from non-members", terms.non_member),
             SummaryLine(f"- reserve ({f.number(terms.reserve_percent)}%)", result.reserve)]
    if result.unallocated_pools.is_positive:
        lines.append(SummaryLine("- pools no eligible member shares in", result.unallocated_pools))
    lines.append(SummaryLine("= allocated to members", result.cash + result.retained))
    for pool in result.pools:
        if not pool.unallocated:
            lines.append(SummaryLine(f"  {preview.pool_labels[pool.id]} "
                                     f"({f.number(preview.pool_percents[pool.id])}%), "
                                     f"{pool.members} member(s)", pool.amount))
    lines += [SummaryLine(f"Paid in cash ({f.number(terms.cash_percent)}%)", result.cash),
              SummaryLine("Retained in capital accounts", result.retained),
              SummaryLine("To the reserve in all", result.to_reserve)]
    return lines


def pay_cash(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        year_start = fiscal_year(book, args.year)
        paid = book.run(pay_allocation_cash, year_start, args.date, args.method).result
        total = formatter_of(book).money(paid.total)
    if not paid.payments:
        print(f"Nothing to pay: the cash part of the year from {year_start.isoformat()} is paid")
    else:
        print(f"Paid the cash part of the year from {year_start.isoformat()} to {paid.payments} "
              f"member(s), {total} in all, by {_method(args.method)}")
    return 0


# -- capital accounts --------------------------------------------------------------------------

def share(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        paid = amount(book, args.amount, "--amount")
        entry = book.run(record_share_payment, args.member, paid, args.date, args.method).result
        shown = formatter_of(book).money(paid)
    print(f"Recorded member {args.member.strip()}'s share of {shown} on {args.date.isoformat()} "
          f"(entry {entry})")
    return 0


@dataclasses.dataclass(frozen=True, slots=True)
class RedemptionLine:
    member_number: str
    member_name: str
    year_start: dt.date | None  # None: retained before this book's allocations
    held: Money
    redeemed: Money


def redeem(args: argparse.Namespace) -> int:
    with open_book(args, read_only=not args.post) as book:
        f = formatter_of(book)
        paid = amount(book, args.amount, "--amount")
        if args.post:
            result = book.run(post_redemption, paid, args.date, args.method).result
            print(f"Redeemed {f.money(result.total)} of retained patronage for {result.members} "
                  f"member(s), by {_method(args.method)} on {(args.date or clock.today()).isoformat()}")
            return 0
        plan = book.read(preview_redemption, paid, args.date or clock.today())
        show([RedemptionLine(line.member_number, line.member_name, line.year_start, line.held, line.redeemed)
              for line in plan.lines], args.format, book, RedemptionLine)
        years = []
        if plan.years_in_full:
            years.append("the year(s) from " + ", ".join(y.isoformat() if y else "before the first allocation"
                                                          for y in plan.years_in_full) + " in full")
        if plan.year_in_part or plan.part_is_earlier:
            part = plan.year_in_part.isoformat() if plan.year_in_part else "before the first allocation"
            years.append(f"the year from {part} in part, pro rata")
        members = len({line.member_number for line in plan.lines})
        say(f"Redeeming {f.money(plan.total)} retires {' and '.join(years)}, for {members} member(s), "
             f"of {f.money(plan.retained_before)} retained; nothing paid (add --post to pay it)", args.format)
    return 0


def leave_payable(args: argparse.Namespace) -> int:
    installments = whole_number(args.installments, "--installments", least=1)
    every = whole_number(args.every_months, "--every-months", least=1)
    with open_book(args, read_only=False) as book:
        f = formatter_of(book)
        day = args.date or clock.today()
        result = book.run(make_capital_payable, args.member, day, installments=installments,
                          first_due=args.first_due, interval_months=every).result
        schedule = ", ".join(f"{due.isoformat()} {f.money(part)}" for due, part in result.installments)
        total = f.money(result.total)
    print(f"Member {args.member.strip()}'s capital of {total} is payable from {day.isoformat()} in "
          f"{len(result.installments)} installment(s): {schedule}")
    return 0


def pay_capital(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        day = args.date or clock.today()
        paid = book.run(pay_capital_due, day, args.method).result
        total = formatter_of(book).money(paid.total)
    if not paid.payments:
        print(f"Nothing to pay: no installment is due by {day.isoformat()}")
    else:
        print(f"Paid {paid.payments} installment(s) to former members, {total} in all, "
              f"by {_method(args.method)} on {day.isoformat()}")
    return 0
