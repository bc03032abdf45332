"""What each `coopdesk` command does: open the book, call a service or query, print."""

from __future__ import annotations

import argparse
import importlib.util
import sys
from collections.abc import Callable
from importlib.metadata import EntryPoint, entry_points
from pathlib import Path
from typing import Any

from coopdesk.backup import write_backup
from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.cli.entries_file import parse_entries
from coopdesk.cli.output import write_rows
from coopdesk.errors import BookError, InputError
from coopdesk.formatting import Formatter
from coopdesk.io.files import read_bytes
from coopdesk.ledger import queries
from coopdesk.ledger.journal import journal
from coopdesk.ledger.accounts import add_account, close_account, reopen_account
from coopdesk.ledger.service import close_period, reverse_entry
from coopdesk.ledger.specs import post_specs
from coopdesk.paths import default_book_path, demo_book_path

GUI_HINT = (
    "The desktop app needs the 'gui' extra. Install it with:\n"
    "    pip install 'coopdesk[gui]'\n"
    "(from a clone: pip install -e '.[gui]'), then run coopdesk again."
)


def book_path(args: argparse.Namespace) -> Path:
    return Path(args.book) if args.book is not None else default_book_path()


def open_book(args: argparse.Namespace, *, read_only: bool) -> Book:
    """Open the book named on the command line, telling the user any notice about it."""
    path = book_path(args)
    if args.book is None and not path.exists():
        raise BookError(f"there is no book yet at {path}; create one with: coopdesk init --name \"Your co-op\"")
    book = Book.open(path, read_only=read_only)
    for notice in book.notices:
        print(f"coopdesk: {notice}", file=sys.stderr)
    return book


def _desktop_entry_point() -> EntryPoint | None:
    """The desktop app, found through its entry point: the core never imports Qt itself."""
    if importlib.util.find_spec("PySide6") is None:
        return None
    found = entry_points(group="coopdesk.frontends", name="desktop")
    return next(iter(found), None)


def gui_available() -> bool:
    return _desktop_entry_point() is not None


def open_app_or_help(args: argparse.Namespace, parser: argparse.ArgumentParser) -> int:
    """`coopdesk` alone: open the desktop app, or say how to get it."""
    if gui_available():
        return gui(args)
    parser.print_help()
    print("\n" + GUI_HINT)
    return 0


def gui(args: argparse.Namespace) -> int:
    entry = _desktop_entry_point()
    if entry is None:
        print(GUI_HINT, file=sys.stderr)
        return 1
    book = args.book
    if getattr(args, "demo", False):
        book = demo_book_path()
        if not book.exists():
            from coopdesk.demo import build_demo

            book.parent.mkdir(parents=True, exist_ok=True)
            print(f"Writing the demo co-op to {book} ...", file=sys.stderr)
            build_demo(book)
    run_app = entry.load()
    return int(run_app(book))


def init(args: argparse.Namespace) -> int:
    path = args.path if args.path is not None else book_path(args)
    if args.path is None and args.book is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    with Book.create(path, name=args.name, currency=args.currency.upper(), locale=args.locale,
                     fiscal_year_start=args.fiscal_year_start) as book:
        print(f"Created {book.settings.name!r} at {book.path}")
    return 0


def check(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        results = book.read(run_checks)
    failed = 0
    for result in results:
        if result.problems:
            failed += len(result.problems)
            for problem in result.problems:
                print(f"FAIL {result.name}: {problem}")
        else:
            print(f"ok   {result.name}")
    if failed:
        print(f"{failed} problem(s) found", file=sys.stderr)
        return 1
    return 0


def accounts_list(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        rows = book.read(queries.list_accounts)
    write_rows(rows, args.format, sys.stdout)
    return 0


def accounts_add(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        book.run(add_account, args.code, args.name, args.type, parent_code=args.parent,
                 member_ledger=args.member_ledger, fund_ledger=args.fund_ledger)
    print(f"Added account {args.code.strip()}")
    return 0


def accounts_close(args: argparse.Namespace) -> int:
    return _write_and_say(args, f"Closed account {args.code}", close_account, args.code)


def accounts_reopen(args: argparse.Namespace) -> int:
    return _write_and_say(args, f"Reopened account {args.code}", reopen_account, args.code)


def _write_and_say(args: argparse.Namespace, done: str, service: Callable[..., object],
                   *service_args: object) -> int:
    """Run one service on the book for writing, then print what was done."""
    with open_book(args, read_only=False) as book:
        book.run(service, *service_args)
    print(done)
    return 0


def entries_post(args: argparse.Namespace) -> int:
    text = _read_text(args.file)
    with open_book(args, read_only=False) as book:
        specs = parse_entries(text, book.settings.currency, source=args.file)
        changes = book.run(post_specs, specs)
    for entry_id in changes.result:
        print(entry_id)
    return 0


JOURNAL_COLUMNS = ("entry_id", "date", "kind", "memo", "line_no", "account_code", "member_number",
                   "fund_code", "amount", "line_memo", "reversed_by")


def entries_list(args: argparse.Namespace) -> int:
    if args.date_from and args.date_to and args.date_from > args.date_to:
        raise InputError(f"--from {args.date_from.isoformat()} is after --to {args.date_to.isoformat()}")
    return _show_journal(args, date_from=args.date_from, date_to=args.date_to)


def entries_show(args: argparse.Namespace) -> int:
    return _show_journal(args, entry_id=args.entry_id)


def _show_journal(args: argparse.Namespace, **criteria: Any) -> int:
    with open_book(args, read_only=True) as book:
        rows = book.read(journal, **criteria)
        formatter = Formatter(book.settings.locale)
    # The table shows what a person reads; csv and json carry every field.
    columns = JOURNAL_COLUMNS if args.format == "table" else None
    write_rows(rows, args.format, sys.stdout, columns=columns, formatter=formatter)
    return 0


def entries_reverse(args: argparse.Namespace) -> int:
    with open_book(args, read_only=False) as book:
        changes = book.run(reverse_entry, args.entry_id, date=args.date, memo=args.memo)
    print(changes.result)
    return 0


def period_close(args: argparse.Namespace) -> int:
    return _write_and_say(args, f"Closed through {args.through.isoformat()}", close_period, args.through)


def report_trial_balance(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        rows = book.read(queries.trial_balance, args.as_of)
        formatter = Formatter(book.settings.locale)
    write_rows(rows, args.format, sys.stdout, formatter=formatter)
    return 0


def report_balances(args: argparse.Namespace) -> int:
    if args.account is not None and args.by != "member":
        raise InputError("--account goes with --by member")
    with open_book(args, read_only=True) as book:
        formatter = Formatter(book.settings.locale)
        if args.by == "member":
            rows: list[object] = list(book.read(queries.member_balances, args.as_of, args.account))
        elif args.by == "fund":
            rows = list(book.read(queries.fund_balances, args.as_of))
        else:
            rows = list(book.read(queries.account_balances, args.as_of))
    write_rows(rows, args.format, sys.stdout, formatter=formatter)
    return 0


def report_register(args: argparse.Namespace) -> int:
    with open_book(args, read_only=True) as book:
        rows = book.read(queries.register, args.account, args.as_of)
        formatter = Formatter(book.settings.locale)
    write_rows(rows, args.format, sys.stdout, formatter=formatter)
    return 0


def backup(args: argparse.Namespace) -> int:
    source = book_path(args)
    with Book.open(source, read_only=True):  # refuses anything that is not a sound book
        pass
    written = write_backup(source, args.out)
    print(f"Backup written to {written}")
    return 0


def _read_text(name: str) -> str:
    if name == "-":
        return sys.stdin.read()
    data = read_bytes(Path(name))  # refuses a missing file, a folder, an unreadable one
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: not UTF-8 text (byte {exc.start})") from None
