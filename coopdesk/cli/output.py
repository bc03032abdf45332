"""Printing rows as a table, CSV or JSON, the same way for every listing and report.

JSON is an array with one object per row, keys in snake_case, amounts as decimal strings (never
floats), dates as ISO text. CSV is written by `coopdesk.io.csv_export`, as the desktop app
writes its exports: text cells that a spreadsheet would run as a formula are neutralised;
amounts stay plain numbers.
"""

from __future__ import annotations

import dataclasses
import json
import sys
from collections.abc import Sequence
from typing import IO, Any

from coopdesk.formatting import Formatter
from coopdesk.io.csv_export import neutralise_formula, plain_value, write_csv
from coopdesk.money import Money

__all__ = ["FORMATS", "neutralise_formula", "row_dicts", "warn_unused_columns", "write_rows"]

FORMATS = ("table", "csv", "json")


def row_dicts(rows: Sequence[Any]) -> list[dict[str, Any]]:
    """Rows (frozen dataclasses) as dicts of plain values, fields in declaration order."""
    return [{f.name: plain_value(getattr(row, f.name)) for f in dataclasses.fields(row)}
            for row in rows]


def warn_unused_columns(source: object, columns: Sequence[str]) -> None:
    """Tell the user which columns of an imported file nothing read (a misspelt header?)."""
    if columns:
        print(f"coopdesk: {source}: column(s) not used: {', '.join(columns)}", file=sys.stderr)


def write_rows(rows: Sequence[Any], fmt: str, out: IO[str], *, columns: Sequence[str] | None = None,
               formatter: Formatter | None = None) -> None:
    """Write `rows` (dataclass instances) to `out` in format `fmt`."""
    if fmt == "json":
        json.dump(row_dicts(rows), out, ensure_ascii=False, indent=2)
        out.write("\n")
        return
    names = list(columns) if columns is not None else (
        [f.name for f in dataclasses.fields(rows[0])] if rows else []
    )
    if fmt == "csv":
        write_csv(out, names, ([getattr(row, name) for name in names] for row in rows))
        return
    _write_table(rows, names, out, formatter)


def _write_table(rows: Sequence[Any], names: Sequence[str], out: IO[str],
                 formatter: Formatter | None) -> None:
    if not rows:
        out.write("(nothing to show)\n")
        return
    headers = [name.replace("_", " ") for name in names]
    cells: list[list[str]] = []
    right = [False] * len(names)
    for row in rows:
        line = []
        for i, name in enumerate(names):
            value = getattr(row, name)
            if isinstance(value, Money):
                right[i] = True
                line.append(formatter.money(value, with_symbol=False) if formatter else str(value.amount))
            elif isinstance(value, bool):
                line.append("yes" if value else "")
            elif isinstance(value, int):
                right[i] = True
                line.append(str(value))
            elif value is None:
                line.append("")
            else:
                line.append(str(plain_value(value)))
        cells.append(line)
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(headers)]

    def fmt_line(values: Sequence[str]) -> str:
        return "  ".join(v.rjust(w) if r else v.ljust(w)
                         for v, w, r in zip(values, widths, right)).rstrip()

    out.write(fmt_line(headers) + "\n")
    out.write("  ".join("-" * w for w in widths) + "\n")
    for line in cells:
        out.write(fmt_line(line) + "\n")
