"""The statement's patronage sections: each allocation posted in the period and the capital
account at the period's end, equal to the allocation table and the capital register; only for
members who have any; printed in the member's language."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from pypdf import PdfReader

from coopdesk.book import Book
from coopdesk.formatting import Formatter
from coopdesk.i18n import translations
from coopdesk.money import Money
from coopdesk.patronage.queries import allocation_table, capital_register
from coopdesk.statements import labels
from coopdesk.statements.document import PrintOptions, statement_pdf
from coopdesk.statements.queries import statement_for, statements_for
from coopdesk.statements.types import Section
from tests.core.test_patronage_notices import Y2026, build_patronage_coop

FROM, TO, TODAY = dt.date(2027, 1, 1), dt.date(2027, 3, 31), dt.date(2027, 4, 2)


@pytest.fixture(scope="module")
def coop(tmp_path_factory: pytest.TempPathFactory) -> Book:
    path = tmp_path_factory.mktemp("sections") / "coop.coopdesk"
    with Book.create(path, name="Riverside Food Co-op", currency="USD", locale="en_US") as book:
        build_patronage_coop(book)
    return Book.open(path, read_only=True)


def rows(section: Section) -> dict[str, Money]:
    return {row.label: row.amount for row in section.rows}


def test_the_years_allocation_and_the_capital_account(coop: Book) -> None:
    statements = {s.member_number: s for s in coop.read(statements_for, list("12345"), FROM, TO,
                                                        today=TODAY)}
    table = {x.member_number: x for x in coop.read(allocation_table, Y2026)}
    register = {r.member_number: r for r in coop.read(capital_register, TO)}
    for number in "1234":
        allocation, capital = statements[number].patronage
        assert (allocation.title, allocation.detail) == (labels.PATRONAGE_SECTION, "2026")
        line = table[number]
        assert rows(allocation) == {labels.PATRONAGE_ALLOCATION: line.amount,
                                    labels.PATRONAGE_CASH: line.cash,
                                    labels.PATRONAGE_RETAINED: line.retained}
        r = register[number]
        assert capital.title == labels.CAPITAL_SECTION
        assert rows(capital) == {labels.CAPITAL_SHARES: r.shares, labels.CAPITAL_RETAINED: r.retained,
                                 labels.CAPITAL_TOTAL: r.total}
    assert statements["5"].patronage == ()  # no allocation, no capital
    assert rows(statements["1"].patronage[1])[labels.CAPITAL_SHARES] == Money("100.00", "USD")


def test_a_period_without_an_allocation_shows_the_capital_only(coop: Book) -> None:
    s = coop.read(statement_for, "2", dt.date(2027, 3, 1), dt.date(2027, 3, 31), today=TODAY)
    assert [section.title for section in s.patronage] == [labels.CAPITAL_SECTION]
    before = coop.read(statement_for, "2", dt.date(2025, 1, 1), dt.date(2025, 12, 31), today=TODAY)
    assert before.patronage == ()  # nothing in the capital account yet


@pytest.mark.parametrize("number", ["1", "2", "3", "4"])
def test_printed_in_the_members_language(coop: Book, number: str) -> None:
    s = coop.read(statement_for, number, FROM, TO, today=TODAY)
    out = io.BytesIO()
    statement_pdf(out, s, PrintOptions())
    text = " ".join("\n".join(p.extract_text() for p in PdfReader(out).pages).split())
    t = translations(s.locale).gettext
    write = Formatter(s.locale)
    expected = [t(labels.SECTION_NAMED).format(section=t(labels.PATRONAGE_SECTION), name="2026"),
                t(labels.CAPITAL_SECTION)]
    for section in s.patronage:
        for row in section.rows:
            expected += [t(row.label), write.money(row.amount)]
    assert [e for e in expected if " ".join(e.split()) not in text] == []
