"""Statement data: every kind of line, the balances, what is due and the standing, checked
against the ledger and the register computed independently (no PDF here)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coopdesk.book import Book
from coopdesk.dues.payments import record_payment, reverse_payment, write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.queries import dues_facts, open_charges
from coopdesk.dues.run import run_dues
from coopdesk.errors import InputError, NotFound
from coopdesk.ledger import queries as ledger
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.members.queries import list_members
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk.settings import PostalAddress, update_settings
from coopdesk.statements import reading
from coopdesk.statements.queries import statement_for, statements_for
from coopdesk.statements.selection import statement_members
from coopdesk.statements.types import LineKind, Standing, Statement

FROM, TO, TODAY = dt.date(2026, 2, 1), dt.date(2026, 7, 31), dt.date(2026, 8, 5)
MEMBERS = {
    "1": MemberInput("Ada Okafor", dt.date(2026, 1, 1), number="1",
                     address_lines=("12 Mill Road",), postal_code="97520", city="Riverside",
                     region="OR", country="US"),
    "2": MemberInput("Chloé Lefèvre", dt.date(2026, 1, 1), number="2", language="fr",
                     address_lines=("29 rue des Capucins",), postal_code="69001", city="Lyon",
                     country="FR"),
    "3": MemberInput("Jürgen Müller", dt.date(2026, 1, 1), number="3", language="de",
                     address_lines=("Hauptstraße 5",), postal_code="10115", city="Berlin",
                     country="DE"),
    "4": MemberInput("José García", dt.date(2026, 1, 1), number="4", language="es"),
    "5": MemberInput("Walter Hughes", dt.date(2026, 1, 1), number="5"),
    "6": MemberInput("Imani Mbeki", dt.date(2026, 7, 1), number="6"),
}


def usd(text: str) -> Money:
    return Money(text, "USD")


def build_coop(book: Book) -> Book:
    """A co-op whose member 1 has every kind of line between February and July 2026.

    Member 2 pays ahead (credit at the end), 3 pays two months then stops (lapsed), 4 never
    pays (pending: first dues unpaid), 5 pays up and leaves in May, 6 joins in July.
    """
    book.run(update_settings, replace(
        book.settings, address=PostalAddress(("214 Riverside Avenue",), "97520", "Riverside",
                                             "OR", "US"), email="treasurer@riverside.coop"))
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    for number, member in MEMBERS.items():
        book.run(add_member, member)
        book.run(assign_plan, number, "Monthly", member.join_date)
    book.run(run_dues, 2026, 2)
    book.run(record_payment, "1", dt.date(2026, 2, 10), usd("5.00"), "cash")  # 3.00 kept as credit
    book.run(record_payment, "2", dt.date(2026, 2, 12), usd("9.00"))
    book.run(record_payment, "3", dt.date(2026, 3, 3), usd("2.00"), "cheque")
    book.run(run_dues, 2026, 5)  # March to May come out of member 1's credit
    book.run(record_payment, "5", dt.date(2026, 5, 20), usd("5.00"))
    book.run(record_leaving, "5", dt.date(2026, 5, 31), "withdrew")
    book.run(run_dues, 2026, 7)
    june = next(c for c in book.read(open_charges, "1") if c.period_key == "2026-06")
    book.run(write_off_charge, june.charge_id, "hardship", dt.date(2026, 7, 15))
    wrong = book.run(record_payment, "1", dt.date(2026, 7, 20), usd("1.00")).result
    book.run(reverse_payment, wrong, dt.date(2026, 7, 25))
    book.run(post_specs, [EntrySpec(dt.date(2026, 7, 28), (
        PostingSpec("1100", usd("0.50"), member="1"), PostingSpec("4900", usd("-0.50"))),
        memo="Late fee")])
    return book


@pytest.fixture
def coop(book: Book) -> Book:
    return build_coop(book)


def ledger_balance(book: Book, number: str, as_of: dt.date) -> Money:
    """The member's dues account in the ledger: receivable plus prepayments, as of a day."""
    rows = book.read(ledger.member_balances, as_of)
    return sum((r.balance for r in rows if r.member_number == number
                and r.account_code in ("1100", "2000")), usd("0"))


def statement(book: Book, number: str) -> Statement:
    return book.read(statement_for, number, FROM, TO, today=TODAY)


def test_every_kind_of_line_with_its_running_balance(coop: Book) -> None:
    s = statement(coop, "1")
    assert s.opening_balance == usd("1.00")  # January's dues, paid only in February
    lines = [(line.date, line.kind, line.charge.amount, line.credit.amount, line.balance.amount,
              line.moved and line.moved.amount) for line in s.lines]
    D, K, z = dt.date, LineKind, usd("0").amount
    expected = [
        (D(2026, 2, 1), K.CHARGE, usd("1").amount, z, usd("2").amount, None),
        (D(2026, 2, 10), K.PAYMENT, z, usd("5").amount, usd("-3").amount, None),
        (D(2026, 2, 10), K.CREDIT_KEPT, z, z, usd("-3").amount, usd("3").amount),
        (D(2026, 3, 1), K.CHARGE, usd("1").amount, z, usd("-2").amount, None),
        (D(2026, 4, 1), K.CHARGE, usd("1").amount, z, usd("-1").amount, None),
        (D(2026, 5, 1), K.CHARGE, usd("1").amount, z, usd("0").amount, None),
        (D(2026, 5, 1), K.CREDIT_APPLIED, z, z, usd("0").amount, usd("3").amount),
        (D(2026, 6, 1), K.CHARGE, usd("1").amount, z, usd("1").amount, None),
        (D(2026, 7, 1), K.CHARGE, usd("1").amount, z, usd("2").amount, None),
        (D(2026, 7, 15), K.WRITE_OFF, z, usd("1").amount, usd("1").amount, None),
        (D(2026, 7, 20), K.PAYMENT, z, usd("1").amount, usd("0").amount, None),
        (D(2026, 7, 25), K.REVERSAL, usd("1").amount, z, usd("1").amount, None),
        (D(2026, 7, 28), K.ADJUSTMENT, usd("0.50").amount, z, usd("1.50").amount, None),
    ]
    assert lines == expected
    by_kind = {line.kind: line for line in s.lines}
    assert (by_kind[K.CHARGE].period_start, by_kind[K.CHARGE].period_end) == (D(2026, 7, 1), D(2026, 7, 31))
    assert by_kind[K.WRITE_OFF].period_start == D(2026, 6, 1)
    assert by_kind[K.PAYMENT].method == "bank_transfer" and s.lines[1].method == "cash"
    assert (by_kind[K.REVERSAL].reversed_date, by_kind[K.REVERSAL].reversed_kind) == (D(2026, 7, 20), "payment")
    assert by_kind[K.ADJUSTMENT].memo == "Late fee"
    assert all(line.memo == "" for line in s.lines if line.kind is not K.ADJUSTMENT)


def test_balances_agree_with_the_ledger(coop: Book) -> None:
    for number in MEMBERS:
        s = statement(coop, number)
        assert s.opening_balance == ledger_balance(coop, number, FROM - dt.timedelta(days=1))
        assert s.closing_balance == ledger_balance(coop, number, TO)
        assert s.opening_balance + s.total_charged - s.total_credited == s.closing_balance
        assert (s.lines[-1].balance if s.lines else s.opening_balance) == s.closing_balance


def test_what_is_due_and_by_when(coop: Book) -> None:
    owing, in_credit = statement(coop, "1"), statement(coop, "2")
    assert (owing.amount_due, owing.due_date) == (usd("1.50"), dt.date(2026, 9, 4))
    assert in_credit.closing_balance == usd("-2.00")  # paid nine months, charged seven
    assert (in_credit.amount_due, in_credit.due_date) == (usd("0.00"), None)


def test_standing_is_the_registers_status_on_the_statement_date(coop: Book) -> None:
    register = {row.number: row.status for row in coop.read(list_members, TODAY,
                                                             coop.read(dues_facts, TODAY))}
    statements = {s.member_number: s for s in coop.read(statements_for, list(MEMBERS), FROM, TO,
                                                        today=TODAY)}
    assert {n: s.status for n, s in statements.items()} == register
    assert {n: s.standing for n, s in statements.items()} == {
        "1": Standing.GOOD,  # July owed: in grace
        "2": Standing.GOOD,
        "3": Standing.IN_ARREARS,
        "4": Standing.PENDING,
        "5": Standing.ENDED,
        "6": Standing.PENDING,
    }
    assert statements["3"].months_in_arrears == 6  # March to August
    assert statements["4"].months_in_arrears == 8  # January to August
    assert statements["5"].left_on == dt.date(2026, 5, 31)


def test_a_batch_equals_statements_one_by_one(coop: Book) -> None:
    batch = coop.read(statements_for, ["6", "1", "3"], FROM, TO, today=TODAY)
    assert [s.member_number for s in batch] == ["6", "1", "3"]
    assert batch == [statement(coop, n) for n in ("6", "1", "3")]
    with_facts = coop.read(statements_for, ["6", "1", "3"], FROM, TO, today=TODAY,
                           dues=coop.read(dues_facts, TODAY))
    assert with_facts == batch


@pytest.mark.parametrize("by_date", [True, False])
def test_the_reading_plans_give_the_same_statements(coop: Book, by_date: bool,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    expected = coop.read(statements_for, list(MEMBERS), FROM, TO, today=TODAY)
    monkeypatch.setattr(reading, "_entries_since_exceed", lambda *args: not by_date)
    monkeypatch.setattr(reading, "MANY", 2 if by_date else 100)  # the whole table, or IN lists...
    monkeypatch.setattr(reading, "CHUNK", 2)  # ...of two members each
    assert coop.read(statements_for, list(MEMBERS), FROM, TO, today=TODAY) == expected


def test_language_locale_and_address(coop: Book) -> None:
    s = {n: statement(coop, n) for n in ("1", "2", "3", "4")}
    assert [(s[n].language, s[n].locale) for n in "1234"] == [
        ("en", "en_US"), ("fr", "fr_FR"), ("de", "de_DE"), ("es", "es_US")]
    assert s["1"].recipient == ("Ada Okafor", "12 Mill Road", "Riverside, OR 97520")
    assert s["2"].recipient == ("Chloé Lefèvre", "29 rue des Capucins", "69001 Lyon", "FRANCE")
    assert s["3"].recipient == ("Jürgen Müller", "Hauptstraße 5", "10115 Berlin", "GERMANY")
    assert s["1"].letterhead.name == "Riverside Food Co-op"
    assert s["1"].letterhead.address == ("214 Riverside Avenue", "Riverside, OR 97520")
    assert s["1"].letterhead.logo is None
    assert s["1"].risk_funds == () and s["1"].patronage == ()


def test_a_period_must_end_after_it_starts_and_by_the_statement_date(coop: Book) -> None:
    with pytest.raises(InputError, match="ends"):
        coop.read(statement_for, "1", TO, FROM, today=TODAY)
    with pytest.raises(InputError, match="cannot cover days after it"):
        coop.read(statement_for, "1", FROM, TODAY + dt.timedelta(days=1), today=TODAY)
    with pytest.raises(NotFound, match="'9', '10'"):
        coop.read(statements_for, ["1", "9", "10"], FROM, TO, today=TODAY)


def test_who_gets_a_statement(coop: Book) -> None:
    everyone = coop.read(statement_members, FROM, TO, today=TODAY)
    assert sorted(everyone) == sorted(MEMBERS)  # 5 left in May, within the period
    assert coop.read(statement_members, dt.date(2026, 6, 1), TO, today=TODAY) == [
        n for n in everyone if n != "5"]  # left before June with nothing owed
    assert sorted(coop.read(statement_members, FROM, TO, today=TODAY, status="arrears")) == ["1", "3", "4", "6"]
    assert coop.read(statement_members, FROM, TO, today=TODAY, status="lapsed") == ["3"]
    assert coop.read(statement_members, FROM, TO, today=TODAY, status="pending") == ["4", "6"]
    with pytest.raises(InputError, match="not a status"):
        coop.read(statement_members, FROM, TO, today=TODAY, status="happy")
