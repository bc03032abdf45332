"""Importing patronage records from CSV: all rows or none, the book's problems named by the file's
lines, a dry run that changes nothing (the file's bytes), a file imported twice noticed, cancel."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from coopdesk.book import Book
from coopdesk.io.problems import ImportRefused
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.patronage.importing import ImportResult, import_records
from coopdesk.patronage.measures import add_measure
from coopdesk.patronage.records import list_records, patronage_totals
from coopdesk.progress import Cancelled
from tests.core.helpers import file_digest

GOOD = ("Member;Date;Measure;Quantity;Reference\r\n"
        "1;2025-03-01;hours;12,5;Frühschicht\r\n"
        "2;2025-03-02;purchases;310,25;till 4\r\n"
        "1;2025-03-08;hours;8;\r\n").encode("cp1252")


@pytest.fixture
def coop(book: Book) -> Book:
    for number in "12":
        book.run(add_member, MemberInput(f"Member {number}", dt.date(2024, 1, 1), number=number))
    book.run(add_measure, "hours", "Hours worked", "hours")
    book.run(add_measure, "purchases", "Purchases", "USD")
    return book


def test_a_good_file_is_added_whole_with_totals_per_measure(coop: Book) -> None:
    result: ImportResult = coop.run(import_records, GOOD, locale="de_DE", source="march.csv").result
    assert (result.source, result.added, result.repeated, result.encoding) == ("march.csv", 3, (), "cp1252")
    assert [(r.line, r.member_number, r.member_name, r.measure, r.quantity, r.unit) for r in result.records] == [
        (2, "1", "Member 1", "hours", Decimal("12.5"), "hours"),
        (3, "2", "Member 2", "purchases", Decimal("310.25"), "USD"),
        (4, "1", "Member 1", "hours", Decimal("8"), "hours")]
    assert [(t.measure, t.records, t.members, t.quantity) for t in result.totals] == [
        ("hours", 2, 1, Decimal("20.5")), ("purchases", 1, 1, Decimal("310.25"))]
    rows = coop.read(list_records)
    assert [(r.member_number, r.date, r.quantity, r.reference) for r in rows] == [
        ("1", dt.date(2025, 3, 8), Decimal("8"), ""), ("2", dt.date(2025, 3, 2), Decimal("310.25"), "till 4"),
        ("1", dt.date(2025, 3, 1), Decimal("12.5"), "Frühschicht")]
    # Importing it again is allowed (two equal shifts are two records) but every row is flagged.
    again = coop.run(import_records, GOOD, locale="de_DE").result
    assert again.repeated == (2, 3, 4)


def test_the_dry_run_says_the_same_and_changes_nothing(coop: Book, book_path: Path) -> None:
    before = file_digest(book_path)
    preview = coop.dry_run(import_records, GOOD, locale="de_DE", source="march.csv")
    assert file_digest(book_path) == before
    assert coop.read(list_records) == []
    result = coop.run(import_records, GOOD, locale="de_DE", source="march.csv").result
    assert (preview.added, preview.records, preview.totals) == (result.added, result.records, result.totals)


def test_the_books_problems_are_named_by_line_and_nothing_is_added(coop: Book, book_path: Path) -> None:
    bad = GOOD + "9;2025-03-09;hours;1;\r\n2;2025-03-10;miles;3;\r\n".encode()
    before = file_digest(book_path)
    with pytest.raises(ImportRefused) as refused:
        coop.run(import_records, bad, locale="de_DE", source="bad.csv")
    assert [str(p) for p in refused.value.problems] == [
        "line 5, column 'Member': no member with number '9'",
        "line 6, column 'Measure': no measure 'miles' (measures: hours, purchases)"]
    assert refused.value.message.startswith("bad.csv: nothing was imported, 2 problems")
    assert file_digest(book_path) == before and coop.read(list_records) == []
    # A single row: add_records does not number its problems; the line is still the row's.
    with pytest.raises(ImportRefused) as one:
        coop.run(import_records, "member,date,hours\n9,2025-01-01,2\n", locale="en_US", measure="hours")
    assert [str(p) for p in one.value.problems] == ["line 2, column 'member': no member with number '9'"]


def test_parse_problems_refuse_before_the_book_is_asked(coop: Book) -> None:
    bad = GOOD.replace(b"12,5", b"zw\xf6lf")
    with pytest.raises(ImportRefused) as refused:
        coop.run(import_records, bad, locale="de_DE")
    assert [str(p) for p in refused.value.problems] == [
        "line 2, column 'Quantity': 'zwölf' is not a number in de_DE"]
    with pytest.raises(ImportRefused, match="no records, only a header"):
        coop.run(import_records, "member,date,measure,quantity\n", locale="en_US")
    assert coop.read(list_records) == []


def test_the_files_measure_and_cancelling(coop: Book) -> None:
    data = "member,date,hours\n1,2025-04-01,3\n2,2025-04-01,4.5\n"
    seen: list[tuple[int, int]] = []

    def cancel_at_the_end(done: int, total: int) -> None:
        seen.append((done, total))
        if done == total:
            raise Cancelled()

    with pytest.raises(Cancelled):
        coop.run(import_records, data, locale="en_US", measure="hours", progress=cancel_at_the_end)
    assert seen[-1] == (3, 3) and coop.read(list_records) == []
    coop.run(import_records, data, locale="en_US", measure="HOURS")
    totals = coop.read(patronage_totals, dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    assert sorted(totals.values()) == [3000, 4500]
