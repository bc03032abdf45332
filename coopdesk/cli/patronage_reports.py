"""`coopdesk report allocation|capital-accounts|member-capital|1099-patr`: a posted year's
allocation member by member, the capital accounts register, one member's capital account, and
the amounts a US co-op reports on form 1099-PATR (a CSV its tax software imports).
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.cli.commands import open_book
from coopdesk.cli.funds_commands import formatter_of, show
from coopdesk.cli.patronage_capital_commands import SummaryLine, fiscal_year
from coopdesk.db.models import Member
from coopdesk.errors import InputError
from coopdesk.money import Money
from coopdesk.patronage.queries import (
    AllocationTableRow,
    CapitalLine,
    allocation_table,
    capital_register,
    list_allocations,
    member_capital,
    patr_1099,
)


def add_parsers(report: Any, iso_date: Any, format_option: Any) -> None:
    """Add the patronage reports to `report`."""
    p = report.add_parser("allocation", help="a posted year's allocation, member by member")
    p.add_argument("--year", type=int, required=True, metavar="YYYY")
    format_option(p)
    p.set_defaults(handler=report_allocation)
    p = report.add_parser("capital-accounts", help="every member's capital: shares, retained, payable")
    p.add_argument("--date", type=iso_date, metavar="DATE", help="as of this day (default: all)")
    format_option(p)
    p.set_defaults(handler=report_capital_accounts)
    p = report.add_parser("member-capital", help="one member's capital account with running balance")
    p.add_argument("member", metavar="NUMBER")
    format_option(p)
    p.set_defaults(handler=report_member_capital)
    p = report.add_parser("1099-patr", help="per member, the amounts for form 1099-PATR of a calendar year")
    p.add_argument("--year", type=int, required=True, metavar="YYYY")
    format_option(p)
    p.set_defaults(handler=report_1099_patr)


def report_allocation(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        f = formatter_of(book)
        year_start = fiscal_year(book, args.year)
        rows = book.read(allocation_table, year_start)  # NotFound when the year is not allocated
        if args.format != "table":
            return show(rows, args.format, book, AllocationTableRow)
        (a,) = [a for a in book.read(list_allocations) if a.year_start == year_start]
        print(f"Allocation of the fiscal year {a.year_start.isoformat()} to {a.year_end.isoformat()}, "
              f"posted on {a.posted_on.isoformat()}")
        if not a.qualified:
            print(f"Cash part {f.number(a.cash_percent)}%: the notices are not qualified written notices")
        summary = [SummaryLine(f"Surplus ({'from the ledger' if a.surplus_source == 'ledger' else 'entered'})",
                               a.surplus),
                   SummaryLine("- earned from non-members", a.non_member),
                   SummaryLine(f"- reserve ({f.number(a.reserve_percent)}%, and pools no one shared in)",
                               a.reserve),
                   SummaryLine(f"= allocated to {a.members} member line(s)", a.allocated)]
        summary += [SummaryLine(f"  {label} ({f.number(share)}%)", part) for label, share, part in a.pools]
        summary += [SummaryLine(f"Paid in cash ({f.number(a.cash_percent)}%)", a.cash),
                    SummaryLine("Retained in capital accounts", a.retained)]
        show(summary, "table", book, SummaryLine)
        print()
        return show(rows, "table", book, AllocationTableRow)


@dataclasses.dataclass(frozen=True, slots=True)
class CapitalAccountLine:
    member_number: str
    member_name: str
    shares: Money
    retained: Money
    payable: Money
    total: Money
    retained_by_year: str  # "2025-01-01 7243.20; 2026-01-01 120.00"


def report_capital_accounts(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        rows = [CapitalAccountLine(r.member_number, r.member_name, r.shares, r.retained, r.payable, r.total,
                                   "; ".join(f"{year.isoformat()} {part.amount}" for year, part in r.by_year))
                for r in book.read(capital_register, args.date)]
        if args.format == "table" and rows:
            zero = Money.zero(book.settings.currency)

            def total(name: str) -> Money:
                return sum((getattr(r, name) for r in rows), zero)

            rows.append(CapitalAccountLine("", "Total", total("shares"), total("retained"), total("payable"),
                                           total("total"), ""))
        return show(rows, args.format, book, CapitalAccountLine)


def report_member_capital(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        return show(book.read(member_capital, args.member.strip()), args.format, book, CapitalLine)


@dataclasses.dataclass(frozen=True, slots=True)
class PatrLine:
    """One recipient of form 1099-PATR, as a co-op's tax software imports it."""

    member_number: str
    name: str
    address_1: str
    address_2: str
    city: str
    region: str
    postal_code: str
    country: str
    box_1_patronage_dividends: Money
    box_5_nonqualified_redemptions: Money
    total: Money
    under_threshold: bool  # under $10 in all: not reported


_PATR_TABLE = ["member_number", "name", "box_1_patronage_dividends", "box_5_nonqualified_redemptions",
               "total", "under_threshold"]


def report_1099_patr(args: argparse.Namespace) -> int:
    if not 1900 <= args.year <= 9999:
        raise InputError(f"--year: {args.year} is not a year (write e.g. 2025)")
    with open_book(args, read_only=True) as book:
        if book.settings.currency != "USD":
            print(f"coopdesk: warning: form 1099-PATR is for US co-ops, in USD; this book keeps "
                  f"{book.settings.currency}, so no one is marked under the $10 threshold", file=sys.stderr)
        rows = book.read(_patr_lines, args.year)
        return show(rows, args.format, book, PatrLine, _PATR_TABLE)


def _patr_lines(session: Session, year: int) -> list[PatrLine]:
    rows = patr_1099(session, year)
    addresses = {number: (lines, city, region, postal, country) for number, lines, city, region, postal, country
                 in session.execute(select(Member.number, Member.address_lines, Member.city, Member.region,
                                           Member.postal_code, Member.country)
                                    .where(Member.number.in_([r.member_number for r in rows])))}
    found = []
    for r in rows:
        lines, city, region, postal, country = addresses[r.member_number]
        street = [line for line in lines.split("\n") if line.strip()]
        found.append(PatrLine(r.member_number, r.member_name, street[0] if street else "",
                              ", ".join(street[1:]), city, region, postal, country, r.patronage_dividends,
                              r.nonqualified_redeemed, r.total, r.under_threshold))
    return found
