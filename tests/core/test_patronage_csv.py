"""Reading patronage records from CSV: header names, delimiters, BOM, Windows-1252, the locale's
decimal comma and dates, one measure for the whole file, and every bad cell with its line."""

from __future__ import annotations

import codecs
import datetime as dt
from decimal import Decimal

import pytest

from coopdesk.errors import InputError
from coopdesk.formatting import Formatter, ParseError
from coopdesk.io.patronage_csv import PatronageRow, parse_patronage_csv, parse_quantity
from coopdesk.io.problems import ImportRefused

EN = Formatter("en_US")
DE = Formatter("de_DE")


def test_a_plain_file_gives_one_row_per_record_with_its_line() -> None:
    data = (b"Member number,Date,Measure,Quantity,Reference\n"
            b"1,2025-03-01,Hours,1200,week 9\n"
            b"\n"
            b"2,04/01/2025,purchases,\"1,310.25\",\n")
    parsed = parse_patronage_csv(data, "p.csv", EN)
    assert parsed.problems == () and parsed.ignored_columns == ()
    assert parsed.rows == (
        PatronageRow(2, "1", dt.date(2025, 3, 1), "hours", Decimal("1200"), "week 9"),
        PatronageRow(4, "2", dt.date(2025, 4, 1), "purchases", Decimal("1310.25"), ""),
    )
    parsed.refuse_if_problems()  # nothing to refuse


def test_semicolons_bom_decimal_comma_and_german_headers() -> None:
    text = "Mitglied;Datum;Stunden;Notiz\r\n7;15.03.2025;1.234,5;Frühschicht\r\n8;2025-03-16;7,25;\r\n"
    parsed = parse_patronage_csv(codecs.BOM_UTF8 + text.encode("utf-8"), "h.csv", DE, measure="hours")
    assert (parsed.encoding, parsed.delimiter) == ("utf-8-sig", ";")
    assert [(r.line, r.member_number, r.date, r.measure_code, r.quantity, r.reference) for r in parsed.rows] == [
        (2, "7", dt.date(2025, 3, 15), "hours", Decimal("1234.5"), "Frühschicht"),
        (3, "8", dt.date(2025, 3, 16), "hours", Decimal("7.25"), ""),
    ]


def test_windows_1252_tabs_and_columns_nothing_uses() -> None:
    text = "member\tname\tday\tamount\tref\r\n12\tZoë Müller\t2025-05-02\t19.99\tKassenbon ½\r\n"
    parsed = parse_patronage_csv(text.encode("cp1252"), "till.csv", EN, measure="Purchases")
    assert (parsed.encoding, parsed.delimiter) == ("cp1252", "\t")
    assert parsed.ignored_columns == ("name",)
    (row,) = parsed.rows
    assert (row.member_number, row.measure_code, row.quantity, row.reference) == (
        "12", "purchases", Decimal("19.99"), "Kassenbon ½")


def test_a_measure_cell_wins_over_the_files_measure_which_fills_empty_cells() -> None:
    data = b"number,date,measure,hours\n1,2025-01-02,,3\n2,2025-01-02,purchases,4\n"
    parsed = parse_patronage_csv(data, "m.csv", EN, measure="hours")
    assert [r.measure_code for r in parsed.rows] == ["hours", "purchases"]
    refused = parse_patronage_csv(data, "m.csv", EN)
    assert [str(p) for p in refused.problems] == [
        "line 2, column 'measure': a measure is required, such as hours or purchases"]


def test_every_bad_cell_is_named_by_line_and_column() -> None:
    data = (b"Member;Date;Measure;Quantity;Ref\n"
            b";2025-01-01;hours;1;\n"
            b"2;31.02.2025;hours;1;\n"
            b"3;2025-01-03;half days;1;\n"
            b"4;2025-01-04;hours;-2;\n"
            b"5;2025-01-05;hours;1,0005;\n"
            b"6;2025-01-06;hours;viel;\n"
            b"7;2025-01-07;hours;0;\n"
            b"8;2025-01-08;hours;2;" + b"x" * 201 + b"\n"
            b"9;2025-01-09;hours;2;a;b\n"
            b"10;2025-01-10;hours;2,5;ok\n")
    parsed = parse_patronage_csv(data, "bad.csv", DE)
    assert [(p.line, p.column) for p in parsed.problems] == [
        (2, "Member"), (3, "Date"), (4, "Measure"), (5, "Quantity"), (6, "Quantity"), (7, "Quantity"),
        (8, "Quantity"), (9, "Ref"), (10, None)]
    messages = [p.message for p in parsed.problems]
    assert messages[0] == "a member number is required"
    assert "'31.02.2025' is not a date in de_DE" in messages[1]
    assert "'half days' is not a measure code" in messages[2]
    assert "more than zero" in messages[3] and "more than 3 decimals" in messages[4]
    assert "'viel' is not a number in de_DE" in messages[5]
    assert "at most 200 characters" in messages[7] and "6 cells but the header has 5" in messages[8]
    assert [r.line for r in parsed.rows] == [11]  # only the good row, and it is not imported alone
    with pytest.raises(ImportRefused) as refusal:
        parsed.refuse_if_problems()
    assert refusal.value.message.startswith("bad.csv: nothing was imported, 9 problems to fix first:")
    assert "line 3, column 'Date'" in refusal.value.message


def test_missing_columns_are_said_once_on_the_header_line() -> None:
    parsed = parse_patronage_csv(b"Who,When,How much\n1,2025-01-01,3\n", "x.csv", EN)
    assert parsed.rows == ()
    assert [(p.line, p.message.split(":")[0]) for p in parsed.problems] == [
        (1, "no column gives the member number"), (1, "no column gives the date"),
        (1, "no column gives the quantity"), (1, "no column gives the measure")]
    two = parse_patronage_csv(b"Member,Number,Date,Hours\n1,1,2025-01-01,3\n", "y.csv", EN, measure="hours")
    assert [str(p) for p in two.problems] == [
        "line 1, column 'Number': columns 'Member' and 'Number' both give the member number: keep one"]
    bad_measure = parse_patronage_csv(b"Member,Date,Hours\n1,2025-01-01,3\n", "z.csv", EN, measure="half days")
    assert "'half days' is not a measure code" in bad_measure.problems[0].message


def test_text_is_read_as_utf8_and_unreadable_files_are_refused() -> None:
    parsed = parse_patronage_csv("member,date,hours\n1,2025-01-01,2.5\n", "t.csv", EN, measure="hours")
    assert parsed.rows[0].quantity == Decimal("2.5")
    with pytest.raises(InputError, match="is empty"):
        parse_patronage_csv(b"", "empty.csv", EN)
    with pytest.raises(InputError, match="spreadsheet workbook"):
        parse_patronage_csv(b"PK\x03\x04rest", "book.xlsx", EN)


@pytest.mark.parametrize(("text", "formatter", "expected"), [
    ("1,234.5", EN, "1234.5"), ("1.234,5", DE, "1234.5"), ("7,25", DE, "7.25"), ("7.25", DE, "7.25"),
    ("0.001", EN, "0.001"), (" 12 ", EN, "12"),
])
def test_quantities_in_the_locale_or_plain(text: str, formatter: Formatter, expected: str) -> None:
    assert parse_quantity(text, formatter) == Decimal(expected)


@pytest.mark.parametrize("text", ["1,2,3", "0", "-1", "0.0001", "1e3", "NaN", ""])
def test_what_is_not_a_quantity(text: str) -> None:
    with pytest.raises(ParseError):
        parse_quantity(text, EN)
