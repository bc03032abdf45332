"""Reading CSV files as people bring them, and member lists checked row by row before import."""

from __future__ import annotations

import csv
import datetime as dt
import io
import subprocess
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from coopdesk.book import Book
from coopdesk.errors import InputError
from coopdesk.formatting import Formatter
from coopdesk.io.csv_table import fold_header, match_columns, read_csv_table
from coopdesk.io.member_csv import MEMBER_COLUMNS, MemberRecord, parse_members_csv
from coopdesk.io.problems import ImportRefused, RowProblem
from coopdesk.members.importing import import_members
from coopdesk.members.queries import list_members

en_us, en_gb, de = Formatter("en_US"), Formatter("en_GB"), Formatter("de_DE")
BOM = b"\xef\xbb\xbf"


def lines(*rows: str, end: str = "\r\n") -> str:
    return "".join(row + end for row in rows)


def cells(data: bytes) -> list[tuple[int, dict[str, str]]]:
    return [(row.line, row.cells) for row in read_csv_table(data, "members.csv").rows]


# --- reading the file ----------------------------------------------------------------------------


def test_utf8_with_a_byte_order_mark() -> None:
    table = read_csv_table(BOM + lines("Name,City", "Zoë,Zürich").encode(), "m.csv")
    assert table.headers == ("Name", "City")  # the mark is not part of the first header
    assert table.encoding == "utf-8-sig"
    assert [row.cells for row in table.rows] == [{"Name": "Zoë", "City": "Zürich"}]


def test_utf8_without_a_mark() -> None:
    table = read_csv_table(lines("Name", "Zoë").encode(), "m.csv")
    assert (table.encoding, table.rows[0].cells) == ("utf-8", {"Name": "Zoë"})


def test_windows_1252() -> None:
    data = lines("Name;Notes", "Müller;Café – 5 €").encode("cp1252")
    table = read_csv_table(data, "m.csv")
    assert table.encoding == "cp1252"
    assert table.rows[0].cells == {"Name": "Müller", "Notes": "Café – 5 €"}


def test_utf16_from_excel_unicode_text() -> None:
    table = read_csv_table(lines("Name\tCity", "Zoë\tZürich").encode("utf-16"), "m.txt")
    assert (table.encoding, table.delimiter) == ("utf-16", "\t")
    assert table.rows[0].cells == {"Name": "Zoë", "City": "Zürich"}


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        (lines("Name,Amount", '"Smith, Jo","1,234.56"'), ","),
        (lines("Name;Betrag", "Müller, Anna;1.234,56"), ";"),
        (lines("Name\tAmount", "Smith, Jo\t1,234.56"), "\t"),
    ],
)
def test_delimiter_is_detected(text: str, delimiter: str) -> None:
    table = read_csv_table(text.encode(), "m.csv")
    assert table.delimiter == delimiter
    assert list(table.rows[0].cells.values())[0] in ("Smith, Jo", "Müller, Anna")


def test_delimiter_falls_back_to_the_header_count() -> None:
    # A single data row gives the sniffer too little to go on; the header decides.
    table = read_csv_table(b"a;b;c\n1,5;2,5;3,5\n", "m.csv")
    assert table.delimiter == ";"
    assert table.rows[0].cells == {"a": "1,5", "b": "2,5", "c": "3,5"}


def test_a_one_column_file_reads_whole_lines() -> None:
    table = read_csv_table(b"Name\nAnna\nBob\n", "m.csv")
    assert [row.cells for row in table.rows] == [{"Name": "Anna"}, {"Name": "Bob"}]


def test_line_numbers_count_quoted_line_breaks_and_blank_lines() -> None:
    text = lines(
        "Name,Address,City",
        '"Anna","1 Main St',  # line 2: the address goes on to line 3
        'Flat 2",Springfield',
        "",  # line 4, blank
        ",,",  # line 5, every cell blank
        "Bob,2 High St,Shelbyville",  # line 6
        "",
        "",
    )
    assert cells(text.encode()) == [
        (2, {"Name": "Anna", "Address": "1 Main St\r\nFlat 2", "City": "Springfield"}),
        (6, {"Name": "Bob", "Address": "2 High St", "City": "Shelbyville"}),
    ]


def test_old_mac_line_endings() -> None:
    assert cells(b"Name\rAnna\rBob\r") == [(2, {"Name": "Anna"}), (3, {"Name": "Bob"})]


def test_leading_blank_lines_move_the_header() -> None:
    table = read_csv_table(b"\n\nName\nAnna\n", "m.csv")
    assert (table.header_line, table.rows[0].line) == (3, 4)


def test_cells_are_stripped_and_short_rows_padded() -> None:
    assert cells(b"Name , City\n  Anna  \n") == [(2, {"Name": "Anna", "City": ""})]


def test_trailing_delimiters_are_not_columns() -> None:
    table = read_csv_table(b"Name;City;\nAnna;Bonn;\nBob;Berlin;;;\n", "m.csv")
    assert table.headers == ("Name", "City")
    assert table.problems == ()
    assert len(table.rows) == 2


def test_ragged_rows_are_problems_and_left_out() -> None:
    table = read_csv_table(b"Name,City\nAnna,Bonn\nMueller, Anna,Bonn\n", "m.csv")
    assert [row.line for row in table.rows] == [2]
    assert [str(problem) for problem in table.problems] == [
        "line 3: this row has 3 cells but the header has 2 columns: "
        "is there a comma in a cell that is not in quotes?"
    ]


def test_unnamed_columns_get_a_name() -> None:
    assert read_csv_table(b"Name,,City\nA,x,B\n", "m.csv").headers == ("Name", "column 2", "City")


def test_formula_guard_from_our_own_exports_is_taken_off() -> None:
    assert cells(b"Name,Phone,Note\n'=Anna,'+49 30 1234,'tis fine\n")[0][1] == {
        "Name": "=Anna", "Phone": "+49 30 1234", "Note": "'tis fine"
    }


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "members.csv is empty: there is no header line and no rows"),
        (b"\r\n \r\n", "members.csv is empty: there is no header line and no rows"),
        (BOM, "members.csv is empty: there is no header line and no rows"),
        (b"Name\x00\x01\x02", "members.csv is not a text file (it holds binary data): "
         "export the list as CSV first"),
        (b"PK\x03\x04\x14\x00", "members.csv is a spreadsheet workbook (.xlsx or .ods), not a CSV "
         "file: save it as CSV from the spreadsheet first"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1", "members.csv is an Excel workbook (.xls), not a CSV file: "
         "save it as CSV from the spreadsheet first"),
        (b"Name\nAnna\n\x81\x8d\n", "members.csv, line 3: the text is neither UTF-8 nor "
         "Windows-1252; save the file as CSV UTF-8"),
        (BOM + b"Name\n\xff\n", "members.csv, line 2: the file starts with a UTF-8 byte-order "
         "mark but is not UTF-8 text"),
        (b'Name,City\nAnna,Bonn\n"Bob,Berlin\nCarl,Kiel\n', 'members.csv, line 3: a quoted cell '
         'starts here but never ends: a closing " is missing'),
        (b'Name,City\n"Anna"x,Bonn\n', 'members.csv, line 2: a quoted cell is followed by more '
         'text: a " inside a cell must be written ""'),
    ],
)
def test_unreadable_files_are_refused_naming_the_source(data: bytes, message: str) -> None:
    with pytest.raises(InputError) as raised:
        read_csv_table(data, "members.csv")
    assert raised.value.message == message


def test_a_header_alone_has_no_rows() -> None:
    table = read_csv_table(b"Name,City\n", "m.csv")
    assert (table.headers, table.rows, table.problems) == (("Name", "City"), (), ())


# --- round trip ----------------------------------------------------------------------------------

_CP1252_TEXT = "".join(chr(c) for c in range(0x20, 0x7F)) + "äöüßÄÖÜéèçñàÉ€–’“”…"


def _cell(alphabet: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.text(alphabet, max_size=12).map(str.strip)


@settings(max_examples=150, deadline=None)
@given(data=st.data(), delimiter=st.sampled_from([",", ";", "\t"]),
       encoding=st.sampled_from(["utf-8", "utf-8-sig", "cp1252"]))
def test_what_csv_writer_writes_reads_back(
    data: st.DataObject, delimiter: str, encoding: str
) -> None:
    others = {",", ";", "\t"} - {delimiter}
    if encoding == "cp1252":
        alphabet: st.SearchStrategy[str] = st.sampled_from(_CP1252_TEXT + delimiter + '"\r\n')
    else:
        alphabet = st.characters(
            blacklist_categories=("Cs",), blacklist_characters="\x00\ufeff" + "".join(others)
        )
    # The delimiter and quotes may be in any cell (the writer quotes them); the other two
    # candidate delimiters may not, or no reader could tell which one separates the cells.
    alphabet = alphabet.filter(lambda char: char not in others and char != "'")
    width = data.draw(st.integers(1, 5))
    headers = data.draw(
        st.lists(_cell(alphabet).filter(bool), min_size=width, max_size=width, unique=True)
    )
    rows = data.draw(
        st.lists(
            st.lists(_cell(alphabet), min_size=width, max_size=width).filter(any), max_size=6
        )
    )
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter).writerows([headers, *rows])
    encoded = out.getvalue().encode(encoding)
    if encoding == "cp1252":
        # Text whose Windows-1252 bytes also decode as UTF-8 is read as UTF-8, by design.
        assume(encoded.isascii() or not _decodes_as_utf8(encoded))

    table = read_csv_table(encoded, "round-trip.csv")

    assert table.headers == tuple(headers)
    assert table.problems == ()
    assert [list(row.cells.values()) for row in table.rows] == rows


def _decodes_as_utf8(data: bytes) -> bool:
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


# --- columns -------------------------------------------------------------------------------------


@pytest.mark.parametrize("header", ["E-mail", "email", "E_Mail", "EMAIL", " e.mail ", "E-Mail:"])
def test_headers_fold_alike(header: str) -> None:
    assert fold_header(header) == "email"


def test_accents_and_units_fold_away() -> None:
    assert fold_header("Numéro") == fold_header("numero")
    assert fold_header("Betrag (EUR)") == fold_header("Betrag [€]") == "betrag"
    assert fold_header("Straße") == "strasse"


def test_match_columns_reports_duplicates_and_unknown_columns() -> None:
    spec = {"email": ("e-mail", "mail"), "postal_code": ("zip", "postcode")}
    found = match_columns(["Mail", "Shoe size", "ZIP", "E-Mail"], spec)
    assert found.columns == {"email": "Mail", "postal_code": "ZIP"}
    assert found.duplicates == {"email": ("Mail", "E-Mail")}
    assert found.unknown == ("Shoe size",)
    assert [str(p) for p in found.problems()] == [
        "line 1, column 'E-Mail': columns 'Mail' and 'E-Mail' both give the email: keep one"
    ]


def test_an_alias_given_to_two_fields_is_a_spec_mistake() -> None:
    with pytest.raises(ValueError, match="'Mail' is an alias of both 'email' and 'post'"):
        match_columns(["x"], {"email": ("mail",), "post": ("Mail",)})


def test_member_aliases_do_not_clash() -> None:
    assert match_columns([], MEMBER_COLUMNS).columns == {}


# --- problems ------------------------------------------------------------------------------------


def test_row_problem_says_where() -> None:
    assert str(RowProblem(7, "Join date", "'31/02/2026' is not a date")) == (
        "line 7, column 'Join date': '31/02/2026' is not a date"
    )
    assert str(RowProblem(3, None, "too many cells")) == "line 3: too many cells"


def test_import_refused_lists_ten_and_counts_the_rest() -> None:
    problems = [RowProblem(line, "Email", "not an e-mail address") for line in range(2, 15)]
    refused = ImportRefused("members.csv", problems)
    assert isinstance(refused, InputError)
    assert refused.problems == problems
    assert refused.message.splitlines() == [
        "members.csv: nothing was imported, 13 problems to fix first:",
        *(f"  line {line}, column 'Email': not an e-mail address" for line in range(2, 12)),
        "  … and 3 more",
    ]


def test_import_refused_for_one_problem() -> None:
    refused = ImportRefused("m.csv", [RowProblem(2, None, "no name")])
    assert refused.message == (
        "m.csv: nothing was imported, 1 problem to fix first:\n  line 2: no name"
    )


def test_import_refused_needs_a_problem() -> None:
    with pytest.raises(ValueError):
        ImportRefused("m.csv", [])


# --- member lists --------------------------------------------------------------------------------


def parse(text: str, formatter: Formatter = en_us, encoding: str = "utf-8") -> list[MemberRecord]:
    result = parse_members_csv(text.encode(encoding), "members.csv", formatter)
    assert result.problems == ()
    return list(result.records)


def problems(text: str, formatter: Formatter = en_us) -> list[str]:
    result = parse_members_csv(text.encode(), "members.csv", formatter)
    return [str(problem) for problem in result.problems]


def test_a_full_row() -> None:
    (record,) = parse(lines(
        "Member No,Name,Kind,Class,Joined,Left,Leave reason,Address line 1,Address line 2,"
        "Zip,Town,State,Country,E-mail,Phone,Mobile,Language,Paid by,Remarks",
        "M-7,Riverside Bakery,company,producer,2024-01-15,2026-03-31,moved,1 Main St,Unit 4,"
        "12345,Springfield,OR,US,shop@bakery.example,555-0100,555-0199,fr-ca,M-1,Bread on Fridays",
    ))
    assert record == MemberRecord(
        line=2, number="M-7", display_name="Riverside Bakery", sort_name="",
        kind="organisation", member_class="producer", join_date=dt.date(2024, 1, 15),
        leave_date=dt.date(2026, 3, 31), leave_reason="moved",
        address_lines=("1 Main St", "Unit 4"), postal_code="12345", city="Springfield",
        region="OR", country="US", email="shop@bakery.example", phone="555-0100 / 555-0199",
        language="fr_CA", payer_number="M-1", notes="Bread on Fridays",
    )


def test_empty_cells_are_none() -> None:
    (record,) = parse(lines("Name,Email,Joined,Zip", "Anna,,,"))
    assert (record.number, record.email, record.join_date, record.postal_code) == (
        None, None, None, None
    )
    assert (record.kind, record.address_lines) == ("person", ())


def test_first_and_last_name_columns() -> None:
    (anna, cher) = parse(lines("First name;Surname", "Anna;Müller", "Cher;"))
    assert (anna.display_name, anna.sort_name) == ("Anna Müller", "Müller, Anna")
    assert (cher.display_name, cher.sort_name) == ("Cher", "Cher")


def test_a_name_written_last_comma_first() -> None:
    (anna, jr, org) = parse(lines(
        "Name,Kind", '"Müller, Anna",', '"Martin King, Jr.",', '"Smith, Jones & Co",org'
    ))
    assert (anna.display_name, anna.sort_name) == ("Anna Müller", "Müller, Anna")
    # Left for the register to file as it files a name typed in the app (default_sort_name).
    assert (jr.display_name, jr.sort_name) == ("Martin King, Jr.", "")
    assert (org.display_name, org.sort_name) == ("Smith, Jones & Co", "")


def test_a_european_spreadsheet_export() -> None:
    text = lines(
        "Mitgliedsnummer;Vorname;Nachname;E-Mail;Straße;PLZ;Ort;Mitglied seit;Sprache",
        "0042;Jürgen;Müller;jm@example.de;Hauptstraße 1;50667;Köln;01.02.20;Deutsch",
        "0043;Zoë;Café;;;;;2026-03-31;Englisch",
        "", "", "",
    )
    first, second = parse(text, de, "cp1252")
    assert (first.number, first.display_name, first.city, first.join_date, first.language) == (
        "0042", "Jürgen Müller", "Köln", dt.date(2020, 2, 1), "de"
    )
    assert first.address_lines == ("Hauptstraße 1",)
    assert (second.display_name, second.join_date, second.language) == (
        "Zoë Café", dt.date(2026, 3, 31), "en"
    )


def test_a_tab_separated_file_with_a_byte_order_mark() -> None:
    data = BOM + lines("Nº\tNom\tPrénom\tCourriel", "7\tDurand\tÉlise\telise@example.fr").encode()
    (record,) = parse_members_csv(data, "membres.tsv", Formatter("fr_FR")).records
    assert (record.number, record.display_name, record.email) == (
        "7", "Élise Durand", "elise@example.fr"
    )


@pytest.mark.parametrize(
    ("written", "language"),
    [("fr", "fr"), ("FR", "fr"), ("fr_fr", "fr_FR"), ("de-DE", "de_DE"), ("French", "fr"),
     ("german", "de"), ("zh-hant-tw", "zh_Hant_TW"), ("Français", None)],
)
def test_languages(written: str, language: str | None) -> None:
    result = parse_members_csv(lines("Name,Language", f"Anna,{written}").encode(), "m.csv", en_us)
    if language is None:
        assert [str(p) for p in result.problems] == [
            f"line 2, column 'Language': {written!r} is not a language: "
            "write a code such as fr or fr_CA"
        ]
    else:
        assert result.records[0].language == language


@pytest.mark.parametrize(
    ("written", "kind"),
    [("Person", "person"), ("individual", "person"), ("org", "organisation"),
     ("Organization", "organisation"), ("COMPANY", "organisation"), ("Société", "organisation"),
     ("", "person")],
)
def test_kinds(written: str, kind: str) -> None:
    assert parse(lines("Name,Kind", f"X,{written}"))[0].kind == kind


def test_bad_dates_say_line_column_and_how_to_write_them() -> None:
    text = lines(
        "Name,Join date,Leave date",
        "Anna,2026-01-01,",
        "Bob,31/02/2026,",
        "Carl,1/2/2026,yesterday",
    )
    assert problems(text, en_gb) == [
        "line 3, column 'Join date': '31/02/2026' is not a date in en_GB: "
        "write it as 31/03/2026 or 2026-03-31",
        "line 4, column 'Leave date': 'yesterday' is not a date in en_GB: "
        "write it as 31/03/2026 or 2026-03-31",
    ]


def test_us_dates_are_month_first() -> None:
    (record,) = parse(lines("Name,Joined", "Anna,3/31/26"))
    assert record.join_date == dt.date(2026, 3, 31)
    assert problems(lines("Name,Joined", "Anna,31/3/26")) == [
        "line 2, column 'Joined': '31/3/26' is not a date in en_US: write it as 3/31/26 or "
        "2026-03-31"
    ]


def test_leaving_before_joining() -> None:
    assert problems(lines("Name,Joined,Left", "Anna,2026-03-01,2026-02-28")) == [
        "line 2, column 'Left': '2026-02-28' is before the join date '2026-03-01'"
    ]


@pytest.mark.parametrize("email", ["anna", "anna@example", "@example.org", "anna @example.org",
                                   "anna@@example.org", "anna@example..org", "anna@.org"])
def test_bad_emails(email: str) -> None:
    assert problems(lines("Name,Email", f"Anna,{email}")) in (
        [f"line 2, column 'Email': {email!r} is not an e-mail address"],
        [f"line 2, column 'Email': {email!r} holds more than one e-mail address: keep one "
         "(the rest can go in the notes)"],
    )


def test_good_emails() -> None:
    records = parse(lines("Name,Email", "A,anna.m+coop@mail.example.org", "B,mailto:b@x.de"))
    assert [record.email for record in records] == ["anna.m+coop@mail.example.org", "b@x.de"]


def test_two_emails_in_one_cell() -> None:
    assert problems(lines("Name,Email", '"Anna","a@x.org; b@y.org"')) == [
        "line 2, column 'Email': 'a@x.org; b@y.org' holds more than one e-mail address: keep one "
        "(the rest can go in the notes)"
    ]


def test_duplicate_numbers_are_reported_on_the_later_line() -> None:
    text = lines("No,Name", "7,Anna", "8,Bob", "7,Carl", "m-1,Dora", "M-1,Emil")
    result = parse_members_csv(text.encode(), "m.csv", en_us)
    assert [str(p) for p in result.problems] == [
        "line 4, column 'No': member number '7' is already used on line 2",
        "line 6, column 'No': member number 'M-1' is already used on line 5",
    ]
    assert [record.line for record in result.records] == [2, 3, 5]


def test_a_name_is_required() -> None:
    assert problems(lines("No,First name,Last name", "7,,", "8,Bob,")) == [
        "line 2, column 'Last name': a name is required"
    ]


def test_a_file_without_a_name_column() -> None:
    assert problems(lines("No,Email", "7,a@x.org")) == [
        "line 1: no column gives the members' names: the header needs a 'Name' column, "
        "or 'First name' and 'Last name'"
    ]


def test_every_problem_of_a_row_in_column_order() -> None:
    text = lines("Email,Name,Joined,Kind", "bad,,someday,robot")
    assert problems(text) == [
        "line 2, column 'Email': 'bad' is not an e-mail address",
        "line 2, column 'Name': a name is required",
        "line 2, column 'Joined': 'someday' is not a date in en_US: write it as 3/31/26 or "
        "2026-03-31",
        "line 2, column 'Kind': 'robot' is not a kind of member: write person or organisation",
    ]


def test_two_columns_for_one_field() -> None:
    assert problems(lines("Name,E-mail,Email address", "Anna,a@x.org,b@x.org")) == [
        "line 1, column 'Email address': columns 'E-mail' and 'Email address' both give the "
        "email: keep one"
    ]


def test_unknown_columns_are_ignored_not_refused() -> None:
    result = parse_members_csv(b"Name,Shoe size,Favourite colour\nAnna,38,green\n", "m.csv", en_us)
    assert result.problems == ()
    assert result.ignored_columns == ("Shoe size", "Favourite colour")


def test_a_long_member_number() -> None:
    assert problems(lines("No,Name", f"{'9' * 33},Anna")) == [
        "line 2, column 'No': a member number has at most 32 characters"
    ]


def test_ragged_rows_in_a_member_list() -> None:
    assert problems(lines("Name,City", "Anna,Bonn", "Müller, Anna,Bonn")) == [
        "line 3: this row has 3 cells but the header has 2 columns: "
        "is there a comma in a cell that is not in quotes?"
    ]


def test_refusing_a_member_list() -> None:
    result = parse_members_csv(lines("Name,Email", "Anna,a@x.org", "Bob,bob").encode(), "m.csv",
                               en_us)
    assert [record.display_name for record in result.records] == ["Anna"]
    with pytest.raises(ImportRefused) as refused:
        result.refuse_if_problems()
    assert refused.value.message == (
        "m.csv: nothing was imported, 1 problem to fix first:\n"
        "  line 3, column 'Email': 'bob' is not an e-mail address"
    )


def test_the_parsers_do_not_need_the_database() -> None:
    code = (
        "import sys, coopdesk.io.member_csv, coopdesk.io.bank_csv, coopdesk.io.payment_matching\n"
        "assert not any(m.startswith(('sqlalchemy', 'alembic')) for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True)


def test_imported_members_are_filed_like_members_typed_in(book: Book) -> None:
    """One name column: the register works out the sort name as it does for the app's form."""
    records = parse(lines("Name,Joined,Kind", "Farah Haddad,2024-01-15,",
                          "Ludwig van Beethoven,2024-01-15,", "The Grange,2024-01-15,org"))
    book.run(import_members, records, "members.csv")
    sort_names = {row.display_name: row.sort_name for row in book.read(list_members)}
    assert sort_names == {"Farah Haddad": "Haddad, Farah",
                          "Ludwig van Beethoven": "Beethoven, Ludwig van",
                          "The Grange": "Grange"}
