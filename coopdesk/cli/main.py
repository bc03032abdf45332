"""`coopdesk [--book PATH] COMMAND`: the command line over the book's services.

Errors are one clear line on stderr and a non-zero exit code (2 for a file that is not a usable
book), never a traceback unless `--debug` is given.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from coopdesk import __version__
from coopdesk.cli import (
    claims_commands,
    commands,
    demo_command,
    dues_commands,
    funds_commands,
    meeting_commands,
    members_commands,
    notices_command,
    patronage_commands,
    statements_command,
)
from coopdesk.cli.output import FORMATS
from coopdesk.db.models import ACCOUNT_TYPES
from coopdesk.errors import CoopdeskError
from coopdesk.paths import default_book_path

EXIT_UNEXPECTED = 70


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `coopdesk` console script."""
    parser = build_parser()
    args = parser.parse_args(argv)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        return commands.open_app_or_help(args, parser)
    try:
        return handler(args)
    except CoopdeskError as exc:
        if args.debug:
            raise
        print(f"coopdesk: {exc.message}", file=sys.stderr)
        return exc.exit_code
    except BrokenPipeError:
        # The reader of our output went away (`coopdesk report ... | head`): not an error of ours.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        print("coopdesk: interrupted; nothing half-done was kept", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: say so in one line, keep the traceback for --debug
        if args.debug:
            raise
        print(f"coopdesk: unexpected error: {type(exc).__name__}: {exc} "
              "(run again with --debug for details)", file=sys.stderr)
        return EXIT_UNEXPECTED


def iso_date(text: str) -> dt.date:
    """An argparse type for YYYY-MM-DD dates."""
    try:
        if len(text) != 10:
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a date (write YYYY-MM-DD)") from None


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="coopdesk",
        description="Bookkeeping for small cooperatives. Without a command, opens the desktop app.",
    )
    parser.add_argument("--book", type=Path, default=None,
                        help=f"the book to use (default: {default_book_path()})")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    parser.add_argument("--version", action="version", version=f"coopdesk {__version__}")
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")

    p = sub.add_parser("init", help="create a new book")
    p.add_argument("path", type=Path, nargs="?", help="where to create it (default: --book)")
    p.add_argument("--name", required=True, help="the co-op's name")
    p.add_argument("--currency", default="USD", help="ISO currency code (default USD)")
    p.add_argument("--locale", default="en_US", help="language and region, e.g. fr_FR (default en_US)")
    p.add_argument("--fiscal-year-start", type=int, default=1, metavar="MM",
                   help="month the fiscal year starts (1-12, default 1)")
    p.set_defaults(handler=commands.init)

    p = sub.add_parser("check", help="check the book: file, entries, trial balance, audit chain")
    p.set_defaults(handler=commands.check)

    p = sub.add_parser("gui", help="open the desktop app")
    p.add_argument("--demo", action="store_true",
                   help="open the demo co-op (written to your data folder the first time)")
    p.set_defaults(handler=commands.gui)

    accounts = sub.add_parser("accounts", help="the chart of accounts").add_subparsers(
        title="accounts commands", metavar="ACTION", required=True)
    p = accounts.add_parser("list", help="list the accounts")
    _format_option(p)
    p.set_defaults(handler=commands.accounts_list)
    p = accounts.add_parser("add", help="add an account to the chart")
    p.add_argument("code")
    p.add_argument("name")
    p.add_argument("--type", required=True, choices=ACCOUNT_TYPES)
    p.add_argument("--parent", metavar="CODE", help="the account it sits under (same type)")
    ledger = p.add_mutually_exclusive_group()
    ledger.add_argument("--member-ledger", action="store_true", help="its postings name a member")
    ledger.add_argument("--fund-ledger", action="store_true", help="its postings name a fund")
    p.set_defaults(handler=commands.accounts_add)
    p = accounts.add_parser("close", help="close an account whose balance is zero")
    p.add_argument("code")
    p.set_defaults(handler=commands.accounts_close)
    p = accounts.add_parser("reopen", help="open a closed account again")
    p.add_argument("code")
    p.set_defaults(handler=commands.accounts_reopen)

    entries = sub.add_parser("entries", help="journal entries").add_subparsers(
        title="entries commands", metavar="ACTION", required=True)
    p = entries.add_parser("post", help="post entries described in a JSON file (- for stdin)")
    p.add_argument("file", help="the JSON file")
    p.set_defaults(handler=commands.entries_post)
    p = entries.add_parser("list", help="the journal: entries with their postings")
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="DATE", help="from this day")
    p.add_argument("--to", dest="date_to", type=iso_date, metavar="DATE", help="up to this day")
    _format_option(p)
    p.set_defaults(handler=commands.entries_list)
    p = entries.add_parser("show", help="one entry with its postings")
    p.add_argument("entry_id", type=int, metavar="ID")
    _format_option(p)
    p.set_defaults(handler=commands.entries_show)
    p = entries.add_parser("reverse", help="post the reversal of an entry")
    p.add_argument("entry_id", type=int, metavar="ID")
    p.add_argument("--date", type=iso_date, help="date of the reversal (default today)")
    p.add_argument("--memo", help="memo of the reversal")
    p.set_defaults(handler=commands.entries_reverse)

    period = sub.add_parser("period", help="accounting periods").add_subparsers(
        title="period commands", metavar="ACTION", required=True)
    p = period.add_parser("close", help="lock every date up to a day")
    p.add_argument("--through", type=iso_date, required=True, metavar="DATE")
    p.set_defaults(handler=commands.period_close)

    report = sub.add_parser("report", help="reports").add_subparsers(
        title="reports", metavar="REPORT", required=True)
    p = report.add_parser("trial-balance", help="debit and credit balance of every account")
    _report_options(p)
    p.set_defaults(handler=commands.report_trial_balance)
    p = report.add_parser("balances", help="balances by account, member or fund")
    _report_options(p)
    p.add_argument("--by", choices=("account", "member", "fund"), default="account")
    p.add_argument("--account", metavar="CODE", help="with --by member: one account only")
    p.set_defaults(handler=commands.report_balances)
    p = report.add_parser("register", help="an account's postings with running balance")
    _report_options(p)
    p.add_argument("--account", metavar="CODE", required=True)
    p.set_defaults(handler=commands.report_register)

    members_commands.add_parsers(sub, iso_date, _format_option)
    dues_commands.add_parsers(sub, iso_date, _format_option, report)
    funds_commands.add_parsers(sub, iso_date, _format_option, report)
    claims_commands.add_parsers(sub, iso_date, _format_option, report)
    patronage_commands.add_parsers(sub, iso_date, _format_option, report)
    demo_command.add_parsers(sub)
    statements_command.add_parsers(sub, iso_date)
    notices_command.add_parsers(sub, iso_date, report)
    meeting_commands.add_parsers(sub, iso_date, _format_option, report)

    p = sub.add_parser("backup", help="write a verified copy of the book")
    p.add_argument("out", type=Path, help="file or folder to write it to")
    p.set_defaults(handler=commands.backup)
    return parser


def _format_option(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=FORMATS, default="table")


def _report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--as-of", type=iso_date, metavar="DATE", help="up to and including this day")
    _format_option(p)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
