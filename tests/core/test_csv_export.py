"""CSV exports: formulas neutralised, numbers plain, dates ISO, written whole."""

from __future__ import annotations

import csv
import datetime as dt
import io
from decimal import Decimal
from pathlib import Path

import pytest

from coopdesk.io.csv_export import csv_cell, csv_text, neutralise_formula, plain_value, write_csv
from coopdesk.io.files import write_atomically
from coopdesk.money import Money


@pytest.mark.parametrize("text", ["=1+2", "+1 555 0100", "-Ann", "@SUM(A1)", "\tx", "\rx",
                                  "=HYPERLINK(\"http://x\")", "-inf", "-1+2", "+-1"])
def test_text_a_spreadsheet_would_run_is_neutralised(text: str) -> None:
    assert csv_cell(text) == "'" + text


@pytest.mark.parametrize("text", ["Ann", "12", "0012", "2026-08", "in_grace", ""])
def test_ordinary_text_is_left_alone(text: str) -> None:
    assert csv_cell(text) == text


def test_numbers_stay_plain_numbers_even_when_negative() -> None:
    assert csv_cell(Money("-12.50", "USD")) == "-12.50"
    assert csv_cell(Money("1234567.89", "USD")) == "1234567.89"  # no grouping, no symbol
    assert csv_cell(Money("5", "JPY")) == "5"
    assert csv_cell(Decimal("-0.5")) == "-0.5"
    assert csv_cell(-3) == -3
    assert csv_cell("-7.25") == "-7.25"


def test_dates_are_iso_and_none_is_empty() -> None:
    assert csv_cell(dt.date(2026, 8, 1)) == "2026-08-01"
    assert csv_cell(None) == ""
    assert plain_value(Money("1.00", "EUR")) == "1.00"


def test_header_cells_are_neutralised_too() -> None:
    assert neutralise_formula("=x") == "'=x"
    out = io.StringIO()
    write_csv(out, ["=name", "amount"], [])
    assert out.getvalue() == "'=name,amount\n"


def test_rows_read_back_with_the_csv_module() -> None:
    text = csv_text(["number", "name", "amount", "since"],
                    [("7", 'Smith, "Jo"', Money("-4.00", "USD"), dt.date(2026, 1, 1)),
                     ("8", "=cmd|' /C calc'!A0", Money("1.00", "USD"), None)])
    assert list(csv.reader(io.StringIO(text))) == [
        ["number", "name", "amount", "since"],
        ["7", 'Smith, "Jo"', "-4.00", "2026-01-01"],
        ["8", "'=cmd|' /C calc'!A0", "1.00", ""],
    ]


def test_an_export_written_atomically_reads_back_whole(tmp_path: Path) -> None:
    target = tmp_path / "arrears.csv"
    target.write_text("old contents")
    write_atomically(target, csv_text(["name"], [("Thiago Gonçalves",)]), encoding="utf-8-sig")
    assert target.read_text(encoding="utf-8-sig") == "name\nThiago Gonçalves\n"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["arrears.csv"]
