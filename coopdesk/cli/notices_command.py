"""`coopdesk patronage-notices` and `coopdesk report allocation-pdf`: the patronage documents.

The written notices of a posted year's allocation, one page per member in their language (one
PDF to print, or one file per member), and the board's allocation table as a PDF: of a posted
year, or with `--draft` of the draft the given terms make. A fiscal year is named by the
calendar year it starts in (`--year 2025`) or by its first day (`--year 2025-07-01`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.cli.amounts import parse_amount
from coopdesk.cli.commands import open_book
from coopdesk.cli.statements_command import ProgressBar, _is_pdf_file
from coopdesk.errors import InputError
from coopdesk.formatting import Formatter
from coopdesk.money import Money
from coopdesk.patronage.allocation_pdf import draft_sheet, posted_sheet, write_allocation_pdf
from coopdesk.patronage.notice_data import allocation_members
from coopdesk.patronage.notices import write_notices
from coopdesk.patronage.run import RunTerms, preview_allocation
from coopdesk.statements.document import PrintOptions
from coopdesk.statements.layout import PRESETS


def add_parsers(sub: Any, iso_date: Any, report: Any) -> None:
    """Add `patronage-notices` to the top-level subparsers and `allocation-pdf` to reports."""
    p = sub.add_parser(
        "patronage-notices", help="write members' notices of allocation (PDF)",
        description="Write the written notice of a posted year's patronage allocation for each "
                    "member who shares in it (or those named), in their language: one PDF to "
                    "print or one PDF per member.")
    _year_option(p)
    p.add_argument("--members", metavar="N,N,...", help="only these members, by number")
    p.add_argument("--out", required=True, metavar="FILE.pdf|DIR/",
                   help="a .pdf file for one combined PDF, or a folder for one file per member")
    p.add_argument("--date", type=iso_date, metavar="DATE", help="the notices' date (default today)")
    p.add_argument("--paper", choices=tuple(PRESETS), default="a4",
                   help="a4: DIN 5008 window envelope (default); letter: US #10 window envelope")
    p.add_argument("--duplex", action="store_true",
                   help="for two-sided printing: each notice on a sheet of its own")
    p.set_defaults(handler=notices)

    p = report.add_parser(
        "allocation-pdf", help="the board's allocation table of a year as a PDF",
        description="The allocation table of a posted year as a PDF for the board, or with "
                    "--draft the draft of the year on the terms given.")
    _year_option(p)
    p.add_argument("--out", required=True, metavar="FILE.pdf", help="the PDF to write")
    p.add_argument("--paper", choices=tuple(PRESETS), default="a4", help="a4 (default) or letter")
    p.add_argument("--draft", action="store_true", help="the draft of a year not posted yet")
    p.add_argument("--reserve", metavar="P", help="with --draft: percent kept as reserve")
    p.add_argument("--cash", metavar="P", help="with --draft: percent paid in cash")
    p.add_argument("--min-payout", metavar="X", help="with --draft: minimum cash payout (default 0)")
    p.add_argument("--surplus", metavar="X", help="with --draft: the surplus (default: the ledger's)")
    part = p.add_mutually_exclusive_group()
    part.add_argument("--non-member", metavar="X", help="with --draft: the non-member part")
    part.add_argument("--non-member-percent", metavar="P",
                      help="with --draft: the non-member part as a percent of the surplus")
    p.set_defaults(handler=allocation_pdf)


def _year_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--year", required=True, metavar="YYYY|YYYY-MM-DD",
                   help="the fiscal year: the calendar year it starts in, or its first day")


def notices(args: argparse.Namespace) -> int:
    """Write the notices and say what was written."""
    combined = _is_pdf_file(args.out)
    out = Path(args.out)
    options = PrintOptions(layout=PRESETS[args.paper], duplex=args.duplex)
    with open_book(args, read_only=True) as book:
        year = year_start(book, args.year)
        if args.members:
            numbers = [n.strip() for n in args.members.split(",") if n.strip()]
            if not numbers:
                raise InputError("--members: name at least one member number")
        else:
            numbers = book.read(allocation_members, year)
            if not numbers:
                raise InputError("no member shares in that allocation: no notice written")
        bar = ProgressBar(sys.stderr)
        try:
            result = write_notices(book, year, numbers, out, combined=combined, options=options,
                                   today=args.date or clock.today(), progress=bar)
        finally:
            bar.finish()
    where = str(out) if combined else f"{len(result.files):,} files in {out}"
    print(f"Wrote {result.statements:,} notice(s), {result.pages:,} page(s): {where}")
    return 0


def allocation_pdf(args: argparse.Namespace) -> int:
    """Write the allocation table of a posted year, or of a draft."""
    out = Path(args.out)
    if not _is_pdf_file(args.out):
        raise InputError(f"{out}: name the .pdf file to write")
    terms_given = [name for name in ("reserve", "cash", "min_payout", "surplus", "non_member",
                                     "non_member_percent") if getattr(args, name) is not None]
    if terms_given and not args.draft:
        raise InputError(f"--{terms_given[0].replace('_', '-')}: terms are for a --draft; a "
                         "posted year prints with its own")
    with open_book(args, read_only=True) as book:
        year = year_start(book, args.year)
        if args.draft:
            if args.reserve is None or args.cash is None:
                raise InputError("--draft needs --reserve P and --cash P")
            write = Formatter(book.settings.locale)
            currency = book.settings.currency

            def amount(text: str | None, what: str) -> Money | None:
                return None if text is None else parse_amount(text, write, currency, what)

            terms = RunTerms(year, _percent(args.reserve, "--reserve"), _percent(args.cash, "--cash"),
                             amount(args.min_payout, "--min-payout") or Money.zero(currency),
                             surplus=amount(args.surplus, "--surplus"),
                             non_member=amount(args.non_member, "--non-member"),
                             non_member_percent=(None if args.non_member_percent is None else
                                                 _percent(args.non_member_percent,
                                                          "--non-member-percent")))
            sheet = book.read(draft_sheet, book.read(preview_allocation, terms))
        else:
            sheet = book.read(posted_sheet, year)
    pages = write_allocation_pdf(out, sheet, PRESETS[args.paper])
    what = "draft allocation table" if args.draft else "allocation table"
    print(f"Wrote the {what} of the fiscal year from {year.isoformat()}, {pages:,} page(s): {out}")
    return 0


def year_start(book: Book, text: str) -> dt.date:
    """The first day of the fiscal year named by `text`: YYYY (the year it starts in) or the
    day itself."""
    text = text.strip()
    if len(text) == 4 and text.isdigit():
        return dt.date(int(text), book.settings.fiscal_year_start, 1)
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise InputError(f"--year: {text!r} is not a year (write YYYY or YYYY-MM-DD)") from None


def _percent(text: str, what: str) -> Decimal:
    try:
        value = Decimal(text.strip().rstrip("%").strip().replace(",", "."))
    except InvalidOperation:
        raise InputError(f"{what}: {text!r} is not a percentage (write 20 or 12.5)") from None
    if not value.is_finite():
        raise InputError(f"{what}: {text!r} is not a percentage (write 20 or 12.5)")
    return value
