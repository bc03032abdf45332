"""Amounts and months typed on the command line."""

from __future__ import annotations

import argparse
import datetime as dt
import re

from coopdesk.errors import InputError
from coopdesk.formatting import Formatter, ParseError
from coopdesk.money import Money

_PLAIN = re.compile(r"^-?\d+(\.\d+)?$")


def parse_amount(text: str, formatter: Formatter, currency: str, what: str = "amount") -> Money:
    """An amount in the book's locale ("1.234,56" in de_DE), or plainly written ("1234.56")."""
    try:
        return formatter.parse_money(text, currency)
    except ParseError as exc:
        if _PLAIN.match(text.strip()):
            try:
                return Money(text.strip(), currency)
            except ValueError as inner:
                raise InputError(f"{what}: {inner}") from None
        raise InputError(f"{what}: {exc}") from None


def year_month(text: str) -> tuple[int, int]:
    """An argparse type for YYYY-MM."""
    try:
        day = dt.date.fromisoformat(text + "-01") if len(text) == 7 else None
    except ValueError:
        day = None
    if day is None:
        raise argparse.ArgumentTypeError(f"{text!r} is not a month (write YYYY-MM)")
    return day.year, day.month
