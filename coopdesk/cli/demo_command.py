"""`coopdesk demo PATH`: write a realistic demo co-op to try the app on (`coopdesk.demo`)."""

from __future__ import annotations

import argparse
import shlex
from pathlib import Path
from typing import Any

from coopdesk.demo import build_demo


def add_parsers(sub: Any) -> None:
    """Add the `demo` command to the top-level subparsers."""
    p = sub.add_parser(
        "demo", help="write a demo co-op with a few years of members, dues and payments",
        description="Write a new book holding a realistic small co-op (members, households, "
                    "dues, payments, arrears, leavers) to try coopdesk on. The same seed on the "
                    "same day always gives the same co-op.")
    p.add_argument("path", type=Path, metavar="PATH", help="the new book's file (must not exist)")
    p.add_argument("--members", type=int, default=60, metavar="N", help="how many members (default 60)")
    p.add_argument("--years", type=int, default=3, metavar="Y",
                   help="years of history, up to this month (default 3)")
    p.add_argument("--seed", type=int, default=1, metavar="S",
                   help="another seed gives another co-op (default 1)")
    p.set_defaults(handler=demo)


def demo(args: argparse.Namespace) -> int:
    """Build the demo book and say what is in it, and how to open it."""
    summary = build_demo(args.path, members=args.members, years=args.years, seed=args.seed)
    print(f"Wrote the demo co-op {summary.name!r} to {summary.path}: {summary.members:,} members "
          f"({summary.active:,} active, {summary.in_arrears:,} in arrears, {summary.pending:,} "
          f"pending, {summary.left:,} left), {summary.payments:,} payments, "
          f"{summary.entries:,} entries from {summary.first_day.isoformat()}")
    print(f"Open it with: coopdesk --book {shlex.quote(str(summary.path))}")
    return 0
