"""Bank exports read into incoming payments, fingerprinted, and matched to members."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk.errors import InputError
from coopdesk.formatting import Formatter
from coopdesk.io.bank_csv import BANK_COLUMNS, BankCsv, fingerprint, parse_bank_csv
from coopdesk.io.csv_table import match_columns
from coopdesk.io.payment_matching import Match, MemberKey, PaymentMatcher, match_payment
from coopdesk.io.problems import ImportRefused
from coopdesk.money import Money

en_us, de = Formatter("en_US"), Formatter("de_DE")


def lines(*rows: str) -> bytes:
    return "".join(row + "\r\n" for row in rows).encode()


def bank(data: bytes, formatter: Formatter = en_us, currency: str = "USD") -> BankCsv:
    return parse_bank_csv(data, "bank.csv", formatter, currency)


def payments(data: bytes, formatter: Formatter = en_us, currency: str = "USD") -> list[tuple]:
    result = bank(data, formatter, currency)
    assert result.problems == ()
    return [(r.line, r.date, r.amount, r.reference, r.name) for r in result.rows]


def eur(text: str) -> Money:
    return Money(text, "EUR")


def usd(text: str) -> Money:
    return Money(text, "USD")


# --- reading -------------------------------------------------------------------------------------


def test_a_simple_export() -> None:
    data = lines("Date,Amount,Memo,Name", "2026-03-02,25.00,Dues M-0042 March,Anna Muller")
    assert payments(data) == [
        (2, dt.date(2026, 3, 2), usd("25"), "Dues M-0042 March", "Anna Muller")
    ]


def test_a_german_export_with_semicolons_and_grouped_amounts() -> None:
    data = (
        "Buchungstag;Valuta;Auftraggeber/Empfänger;Verwendungszweck;Betrag (EUR)\r\n"
        "02.03.2026;03.03.2026;Jürgen Müller;Mitgliedsbeitrag Nr. 42;1.234,56\r\n"
        "03.03.26;03.03.2026;;Spende;12,5\r\n"
        "\r\n\r\n"
    ).encode("cp1252")
    assert payments(data, de, "EUR") == [
        (2, dt.date(2026, 3, 2), eur("1234.56"), "Mitgliedsbeitrag Nr. 42", "Jürgen Müller"),
        (3, dt.date(2026, 3, 3), eur("12.50"), "Spende", None),
    ]


def test_plain_amounts_in_a_comma_locale() -> None:
    data = lines("Datum;Betrag;Verwendungszweck", "02.03.2026;1234.56;x", "02.03.2026;7;y")
    assert [p[2] for p in payments(data, de, "EUR")] == [eur("1234.56"), eur("7")]


def test_a_tab_separated_export_with_a_value_date_only() -> None:
    data = lines("Value date\tAmount\tDetails", "3/2/26\t$1,200.00\tMember 7")
    assert payments(data) == [(2, dt.date(2026, 3, 2), usd("1200"), "Member 7", None)]


def test_the_booking_date_wins_over_the_value_date() -> None:
    data = lines("Value date,Booking date,Amount", "2026-03-05,2026-03-02,5")
    assert payments(data)[0][1] == dt.date(2026, 3, 2)


def test_outgoing_rows_are_skipped_not_errors() -> None:
    data = lines(
        "Date,Amount,Memo",
        "2026-03-01,-500.00,Rent",
        "2026-03-02,25.00,Dues",
        "2026-03-03,0.00,Fee refund",
        "2026-03-04,(12.00),Bank fee",
        "not a date,-3,Outgoing rows are not checked further",
    )
    result = bank(data)
    assert result.problems == ()
    assert [row.line for row in result.rows] == [3]
    assert [(s.line, s.reason) for s in result.skipped] == [
        (2, "money going out (-500.00 USD), not a payment"),
        (4, "the amount is zero"),
        (5, "money going out (-12.00 USD), not a payment"),
        (6, "money going out (-3.00 USD), not a payment"),
    ]


def test_a_trailing_minus_means_money_going_out() -> None:
    result = bank(lines("Datum;Betrag;Text", "02.03.2026;12,50-;Gebühr"), de, "EUR")
    assert [s.reason for s in result.skipped] == ["money going out (-12.50 EUR), not a payment"]


def test_credit_and_debit_columns() -> None:
    data = lines(
        "Date,Description,Paid out,Paid in",
        "2026-03-01,Rent,500.00,",
        "2026-03-02,Dues 7,,25.00",
        "2026-03-03,Both,1.00,2.00",
        "2026-03-04,Neither,,",
    )
    result = bank(data)
    assert [(row.line, row.amount) for row in result.rows] == [(3, usd("25"))]
    assert [s.line for s in result.skipped] == [2]
    assert [str(p) for p in result.problems] == [
        "line 4, column 'Paid out': both credit and debit are filled in: keep one",
        "line 5, column 'Paid in': an amount is required, as a credit or a debit",
    ]


def test_an_unsigned_amount_with_a_debit_credit_marker() -> None:
    data = lines("Buchungstag;Umsatz;S/H;Verwendungszweck", "02.03.2026;25,00;H;Beitrag",
                 "02.03.2026;500,00;S;Miete", "02.03.2026;5,00;X;?")
    result = bank(data, de, "EUR")
    assert [(row.line, row.amount) for row in result.rows] == [(2, eur("25"))]
    assert [s.line for s in result.skipped] == [3]
    assert [str(p) for p in result.problems] == [
        "line 4, column 'S/H': 'X' does not say debit or credit: write S or H, DR or CR, "
        "debit or credit"
    ]


def test_bad_cells_say_line_column_and_why() -> None:
    data = lines(
        "Date,Amount,Memo",
        "2026-02-30,10.00,a",
        "3/2/26,12.345,b",
        "3/2/26,1.234,56,c",
        ",5.00,d",
        "3/2/26,,e",
    )
    assert [str(p) for p in bank(data).problems] == [
        "line 2, column 'Date': '2026-02-30' is not a date in en_US: write it as 3/31/26 or "
        "2026-03-31",
        "line 3, column 'Amount': '12.345' has more decimals than USD allows (2)",
        "line 4: this row has 4 cells but the header has 3 columns: is there a comma in a cell "
        "that is not in quotes?",
        "line 5, column 'Date': a date is required",
        "line 6, column 'Amount': an amount is required",
    ]


def test_amounts_that_are_not_amounts() -> None:
    result = bank(lines("Datum;Betrag;Text", "02.03.2026;12,50 USD;x", "02.03.2026;zwölf;y"),
                  de, "EUR")
    assert [str(p) for p in result.problems] == [
        "line 2, column 'Betrag': '12,50 USD' is not an amount in de_DE",
        "line 3, column 'Betrag': 'zwölf' is not an amount in de_DE",
    ]


def test_a_currency_column_must_hold_the_books_currency() -> None:
    data = lines("Date,Amount,Currency,Memo", "2026-03-02,5,USD,a", "2026-03-02,5,$,b",
                 "2026-03-02,5,EUR,c")
    result = bank(data)
    assert [row.line for row in result.rows] == [2, 3]
    assert [str(p) for p in result.problems] == [
        "line 4, column 'Currency': 'EUR' is not the book's currency (USD)"
    ]


def test_a_file_without_date_or_amount_columns() -> None:
    result = bank(lines("When,How much,Memo", "2026-03-02,5,a"))
    assert result.rows == ()
    assert [str(p) for p in result.problems] == [
        "line 1: no column gives the date: the header needs a 'Date' column (or 'Booking date', "
        "'Value date')",
        "line 1: no column gives the amount: the header needs an 'Amount' column, or 'Credit' and "
        "'Debit' columns",
    ]
    assert result.ignored_columns == ("When", "How much")


def test_refusing_a_bank_export() -> None:
    result = bank(lines("Date,Amount", "2026-03-02,five"))
    with pytest.raises(ImportRefused) as refused:
        result.refuse_if_problems()
    assert refused.value.message == (
        "bank.csv: nothing was imported, 1 problem to fix first:\n"
        "  line 2, column 'Amount': 'five' is not an amount in en_US"
    )


@pytest.mark.parametrize("data", [b"", b"\x00\x01binary", b"PK\x03\x04zip"])
def test_unreadable_exports_name_the_file(data: bytes) -> None:
    with pytest.raises(InputError, match="^bank.csv "):
        bank(data)


def test_bank_aliases_do_not_clash() -> None:
    assert match_columns([], BANK_COLUMNS).columns == {}


# --- fingerprints --------------------------------------------------------------------------------

EXPORT = lines(
    "Date,Amount,Memo,Name",
    "2026-03-02,25.00,Dues 7,Anna",
    "2026-03-02,25.00,Dues 7,Anna",  # a second, genuinely separate transfer
    "2026-03-02,25.00,Dues 8,Anna",
    "2026-03-03,25.00,Dues 7,Anna",
)


def test_fingerprints_are_stable_across_imports() -> None:
    first = [row.fingerprint for row in bank(EXPORT).rows]
    again = [row.fingerprint for row in bank(EXPORT.replace(b",", b";")).rows]
    assert first == again
    assert all(len(f) == 64 and int(f, 16) >= 0 for f in first)


def test_identical_transfers_on_one_day_stay_distinct() -> None:
    assert len({row.fingerprint for row in bank(EXPORT).rows}) == 4


def test_fingerprints_ignore_case_and_spacing_but_not_content() -> None:
    base = fingerprint(dt.date(2026, 3, 2), usd("25"), "Dues 7", "Anna", 0)
    assert fingerprint(dt.date(2026, 3, 2), usd("25"), " DUES   7 ", "anna", 0) == base
    for changed in (
        fingerprint(dt.date(2026, 3, 3), usd("25"), "Dues 7", "Anna", 0),
        fingerprint(dt.date(2026, 3, 2), usd("25.01"), "Dues 7", "Anna", 0),
        fingerprint(dt.date(2026, 3, 2), Money("25", "EUR"), "Dues 7", "Anna", 0),
        fingerprint(dt.date(2026, 3, 2), usd("25"), "Dues 8", "Anna", 0),
        fingerprint(dt.date(2026, 3, 2), usd("25"), "Dues 7", None, 0),
        fingerprint(dt.date(2026, 3, 2), usd("25"), "Dues 7", "Anna", 1),
    ):
        assert changed != base


def test_an_overlapping_export_gives_the_same_fingerprints_for_the_same_days() -> None:
    longer = EXPORT + lines("2026-03-04,30.00,Dues 9,Bob")
    first = [row.fingerprint for row in bank(EXPORT).rows]
    assert [row.fingerprint for row in bank(longer).rows][:4] == first


def test_skipped_rows_do_not_shift_occurrences() -> None:
    rent = lines("Date,Amount,Memo,Name", "2026-03-02,-500,Rent,")
    with_rent = rent + EXPORT.split(b"\r\n", 1)[1]
    expected = [row.fingerprint for row in bank(EXPORT).rows]
    assert [row.fingerprint for row in bank(with_rent).rows] == expected


# --- matching ------------------------------------------------------------------------------------

MEMBERS = [
    MemberKey(1, "42", "Anna Müller", "Müller, Anna"),
    MemberKey(2, "2026", "Bob Smith", "Smith, Bob"),
    MemberKey(3, "3", "Carla Díaz", "Díaz, Carla"),
    MemberKey(4, "57", "Anna Müller", "Müller, Anna"),
    MemberKey(5, "17", "Dora Strauß", "Strauß, Dora"),
    MemberKey(6, "M-0099", "Green Grocers", "Green Grocers"),
    MemberKey(7, "8", "Kim", "Kim"),
]


@pytest.mark.parametrize(
    ("reference", "name", "expected"),
    [
        # strong: a formatted number as written, separators and case aside
        ("Dues M-0099 March", None, Match(6, "number")),
        ("dues m0099", None, Match(6, "number")),
        ("DUES M.0099/2026", None, Match(6, "number")),
        ("Dues M 0099", None, Match(None, "no match")),
        ("Dues XM-0099", None, Match(None, "no match")),
        ("Dues M-00991", None, Match(None, "no match")),
        # strong: digits after a marker, leading zeros and a letter prefix aside
        ("Mitglied 42", None, Match(1, "number")),
        ("Beitrag Mitglieds-Nr. 0042", None, Match(1, "number")),
        ("member #42 for 3 months", None, Match(1, "number")),
        ("Nº 42", None, Match(1, "number")),
        ("Nr.42", None, Match(1, "number")),
        ("Membre 99", None, Match(6, "number")),
        ("Mitglied 2026 Beitrag", None, Match(2, "number")),
        # weak: a bare number standing alone
        ("Dues 42 March", None, Match(1, "number")),
        ("42", "Someone Else", Match(1, "number")),  # one member often pays for another
        # not member numbers: a year, dates, amounts, times, units
        ("Beitrag 2026", None, Match(None, "no match")),
        ("Dues 31.03.2026", None, Match(None, "no match")),
        ("Dues 2026-03-17", None, Match(None, "no match")),
        ("Dues 03/2026", None, Match(None, "no match")),
        ("Dues 42,00 EUR", None, Match(None, "no match")),
        ("Dues 42 EUR", None, Match(None, "no match")),
        ("Dues €42", None, Match(None, "no match")),
        ("Dues 3 months", None, Match(None, "no match")),
        ("Beitrag 3 Monate", None, Match(None, "no match")),
        ("Paid at 17:30", None, Match(None, "no match")),
        ("Dues 17-18", None, Match(None, "no match")),
        ("Dues Q3", None, Match(None, "no match")),
        # by name, in the reference or as the payer
        ("Beitrag Carla Diaz", None, Match(3, "name")),
        ("BEITRAG DIAZ, CARLA", None, Match(3, "name")),
        ("Dues", "DORA STRAUSS", Match(5, "name")),
        ("Dues", "Strauss, Dora", Match(5, "name")),
        ("Dues", "Frau Dora Strauß", Match(5, "name")),
        ("Dues Green Grocers", None, Match(6, "name")),
        ("Dues", "Kim", Match(7, "name")),
        ("Dues for Kim", None, Match(None, "no match")),  # one word in a text is too weak
        ("Dues Dora Strauß", "Carla Díaz", Match(5, "name")),  # the reference says who
        # ambiguous
        ("Dues", "Anna Müller",
         Match(None, "ambiguous: 2 members named 'Anna Müller' (42, 57)")),
        ("Dues Anna Mueller", None,
         Match(None, "ambiguous: 2 members named 'Anna Müller' (42, 57)")),
        ("Dues Carla Diaz and Dora Strauss", None,
         Match(None, "ambiguous: the name matches 2 members (3 Carla Díaz, 17 Dora Strauß)")),
        ("Mitglied 42 und Mitglied 17", None,
         Match(None, "ambiguous: the reference holds the numbers of 2 members "
                     "(17 Dora Strauß, 42 Anna Müller)")),
        ("Dues 42 and 17", None,
         Match(None, "ambiguous: the reference holds the numbers of 2 members "
                     "(17 Dora Strauß, 42 Anna Müller)")),
        ("Dues 3, Dora Strauss", None,
         Match(None, "ambiguous: the number in the reference is 3 Carla Díaz but the name is "
                     "17 Dora Strauß")),
        # a bare number and a name that agree settle an ambiguous name
        ("Dues 57 Anna Müller", None, Match(4, "number")),
        ("Dues 17 Dora Strauss", None, Match(5, "number")),
        # a strong number beats a name
        ("Mitglied 42, Dora Strauss", None, Match(1, "number")),
        # nothing
        ("Spende", None, Match(None, "no match")),
        ("", None, Match(None, "no match")),
        ("Mitglied 999", "Nobody", Match(None, "no match")),
    ],
)
def test_matching(reference: str, name: str | None, expected: Match) -> None:
    assert match_payment(reference, name, MEMBERS) == expected


def test_a_matcher_is_reused_for_many_payments() -> None:
    matcher = PaymentMatcher(MEMBERS)
    found = [matcher.match(ref, None) for ref in ("Mitglied 42", "Spende", "Carla Díaz")]
    assert [m.member_id for m in found] == [1, None, 3]
    assert [m.matched for m in found] == [True, False, True]


def test_numbers_with_and_without_leading_zeros() -> None:
    members = [MemberKey(1, "0042", "A B", "B, A"), MemberKey(2, "420", "C D", "D, C")]
    assert match_payment("Dues 42", None, members) == Match(1, "number")
    assert match_payment("Dues 0042", None, members) == Match(1, "number")
    assert match_payment("Dues 0420", None, members) == Match(2, "number")


def test_a_letter_and_digits_apart_are_not_a_number() -> None:
    members = [MemberKey(1, "A1", "A B", "B, A"), MemberKey(2, "B-2", "C D", "D, C")]
    assert match_payment("Dues for a 1 year membership", None, members) == Match(None, "no match")
    assert match_payment("Dues A1", None, members) == Match(1, "number")
    assert match_payment("Dues b2", None, members) == Match(2, "number")
    assert match_payment("Dues b-2-3", None, members) == Match(2, "number")


def test_a_number_of_digits_and_separators_is_not_read_out_of_a_date() -> None:
    members = [MemberKey(1, "03-2026", "A B", "B, A")]
    assert match_payment("Dues 03-2026", None, members) == Match(1, "number")
    assert match_payment("Dues 0320 26", None, members) == Match(None, "no match")
    assert match_payment("Paid 31-03-2026", None, members) == Match(None, "no match")


def test_matching_with_no_members() -> None:
    assert match_payment("Mitglied 42", "Anna", []) == Match(None, "no match")
