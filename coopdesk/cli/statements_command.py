"""`coopdesk statements`: members' statements of account as PDFs, for printing or sending."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path
from typing import Any, TextIO

from coopdesk import clock
from coopdesk.cli.commands import open_book
from coopdesk.errors import InputError
from coopdesk.statements.batch import write_statements
from coopdesk.statements.document import PrintOptions
from coopdesk.statements.layout import PRESETS
from coopdesk.statements.selection import STATUS_CHOICES, statement_members


def add_parsers(sub: Any, iso_date: Any) -> None:
    """Add the `statements` command to the top-level subparsers."""
    p = sub.add_parser(
        "statements", help="write members' statements of account (PDF)",
        description="Write each member's statement of account for a period, in their language: "
                    "one PDF to print (each member on a new page) or one PDF per member. "
                    "Without --members or --status: every member of the period, and former "
                    "members whose account is not settled.")
    p.add_argument("--from", dest="date_from", type=iso_date, required=True, metavar="DATE",
                   help="first day of the period")
    p.add_argument("--to", dest="date_to", type=iso_date, required=True, metavar="DATE",
                   help="last day of the period")
    who = p.add_mutually_exclusive_group()
    who.add_argument("--members", metavar="N,N,...", help="only these members, by number")
    who.add_argument("--status", choices=STATUS_CHOICES,
                     help="only members of this status on the statement date")
    p.add_argument("--out", required=True, metavar="FILE.pdf|DIR/",
                   help="a .pdf file for one combined PDF, or a folder for one file per member")
    p.add_argument("--date", type=iso_date, metavar="DATE",
                   help="the statements' date (default today; not before --to)")
    p.add_argument("--paper", choices=tuple(PRESETS), default="a4",
                   help="a4: DIN 5008 window envelope (default); letter: US #10 window envelope")
    p.add_argument("--duplex", action="store_true",
                   help="for two-sided printing: each member starts on a new sheet")
    p.add_argument("--slip", action="store_true", help="add a tear-off remittance slip")
    p.add_argument("--workers", type=int, metavar="N", help=argparse.SUPPRESS)
    p.set_defaults(handler=statements)


def statements(args: argparse.Namespace) -> int:
    """Write the statements and say what was written."""
    combined = _is_pdf_file(args.out)
    out = Path(args.out)
    today = args.date or clock.today()
    options = PrintOptions(layout=PRESETS[args.paper], slip=args.slip, duplex=args.duplex)
    with open_book(args, read_only=True) as book:
        if args.members:
            numbers = [n.strip() for n in args.members.split(",") if n.strip()]
            if not numbers:
                raise InputError("--members: name at least one member number")
        else:
            numbers = book.read(statement_members, args.date_from, args.date_to, today=today,
                                status=args.status)
            if not numbers:
                raise InputError("no member matches: no statement written")
        bar = ProgressBar(sys.stderr)
        try:
            result = write_statements(book, numbers, args.date_from, args.date_to, out,
                                      combined=combined, options=options, today=today,
                                      progress=bar, workers=args.workers)
        finally:
            bar.finish()
    where = str(out) if combined else f"{len(result.files):,} files in {out}"
    print(f"Wrote {result.statements:,} statement(s), {result.pages:,} page(s): {where}")
    return 0


def _is_pdf_file(out: str) -> bool:
    """Whether --out names one PDF (FILE.pdf) rather than a folder (DIR/ or an existing one)."""
    return (Path(out).suffix.lower() == ".pdf" and not out.endswith(("/", os.sep))
            and not Path(out).is_dir())


class ProgressBar:
    """A one-line bar on a terminal ("Statements [#####.....] 512/1,000"), redrawn at most ten
    times a second; nothing at all when the stream is not a terminal (a log, a pipe)."""

    WIDTH = 30

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._live = stream.isatty()
        self._last = 0.0
        self._drawn = False

    def __call__(self, done: int, total: int) -> None:
        if not self._live:
            return
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        filled = self.WIDTH * done // max(1, total)
        self._stream.write(f"\rStatements [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
                           f"{done:,}/{total:,}")
        self._stream.flush()
        self._drawn = True

    def finish(self) -> None:
        if self._drawn:
            self._stream.write("\n")
            self._stream.flush()
