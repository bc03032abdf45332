"""CSV text for exports, written the same way by the command line and the desktop app.

A spreadsheet runs a cell that starts with "=", "+", "-" or "@" as a formula, so a member named
"=HYPERLINK(...)" could run code on the treasurer's computer when the export is opened: such
text cells are neutralised with a leading apostrophe. Numbers, including negative amounts, stay
plain numbers (decimal point, no grouping, no currency) so that the spreadsheet can add them up;
dates are ISO text.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO

from coopdesk.money import Money

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[-+]?[0-9]+(\.[0-9]+)?")


def neutralise_formula(text: str) -> str:
    """Prefix a text cell that a spreadsheet would evaluate, so it stays text."""
    return "'" + text if text.startswith(_FORMULA_START) else text


def plain_value(value: object) -> object:
    """A JSON- and CSV-friendly value: Money and Decimal as decimal strings, dates as ISO."""
    if isinstance(value, Money):
        return str(value.amount)
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def csv_cell(value: object) -> object:
    """What goes in one CSV cell: plain numbers as they are, None as empty, text neutralised."""
    plain = plain_value(value)
    if plain is None:
        return ""
    if isinstance(plain, str) and not _is_number(plain):
        return neutralise_formula(plain)
    return plain


def write_csv(out: IO[str], header: Sequence[str], rows: Iterable[Sequence[object]]) -> None:
    """Write a header line and one line per row of values (see `csv_cell`) to `out`."""
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([neutralise_formula(name) for name in header])
    for row in rows:
        writer.writerow([csv_cell(value) for value in row])


def csv_text(header: Sequence[str], rows: Iterable[Sequence[object]]) -> str:
    """The CSV text `write_csv` writes, for a file written whole (io.files.write_atomically)."""
    out = io.StringIO()
    write_csv(out, header, rows)
    return out.getvalue()


def _is_number(text: str) -> bool:
    """A plain decimal number as `plain_value` writes one ("-12.50"), nothing looser: "-inf"
    or "-1+2" starts like a formula and is text."""
    return _NUMBER.fullmatch(text) is not None
