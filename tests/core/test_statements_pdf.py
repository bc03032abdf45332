"""The printed statement: the text pypdf reads back from the PDF matches the statement's data,
in each member's language, with every character in the embedded fonts.

Expected words are looked up with `translations(locale).gettext`, so these tests hold before
and after the catalogs translate them; amounts and dates are written by a `Formatter` for the
statement's locale, independently of the statement's own wording code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import io

import pytest
from pypdf import PdfReader

from coopdesk.book import Book
from coopdesk.formatting import Formatter
from coopdesk.i18n import translations
from coopdesk.money import Money
from coopdesk.statements import labels
from coopdesk.statements.document import PrintOptions, statement_pdf
from coopdesk.statements.fonts import BOLD, REGULAR, missing_characters
from coopdesk.statements.layout import A4_DIN_5008_B, US_LETTER_10
from coopdesk.statements.queries import statement_for
from coopdesk.statements.types import Statement
from coopdesk.statements.wording import statement_text
from tests.core.test_statements_data import FROM, TO, TODAY, build_coop


@pytest.fixture(scope="module")
def statements(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Statement]:
    path = tmp_path_factory.mktemp("statements") / "coop.coopdesk"
    with Book.create(path, name="Riverside Food Co-op") as book:
        build_coop(book)
        return {n: book.read(statement_for, n, FROM, TO, today=TODAY) for n in "1234"}


def pdf_text(statement: Statement, options: PrintOptions = PrintOptions()) -> tuple[str, int]:
    """All the text of the statement's PDF, no-break spaces read as spaces (pypdf's reading of
    U+00A0; the narrow U+202F stays), and its number of pages."""
    out = io.BytesIO()
    pages = statement_pdf(out, statement, options)
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " "), pages


def spaced(text: str) -> str:
    return text.replace("\u00a0", " ")


@pytest.mark.parametrize(("number", "language"), [("1", "en"), ("4", "es"), ("2", "fr"), ("3", "de")])
@pytest.mark.parametrize("layout", [A4_DIN_5008_B, US_LETTER_10], ids=["a4", "letter"])
def test_the_pdf_says_what_the_data_says_in_the_members_language(
        statements: dict[str, Statement], number: str, language: str, layout: object) -> None:
    s = statements[number]
    assert s.language == language
    text, pages = pdf_text(s, PrintOptions(layout=layout))  # type: ignore[arg-type]
    write = Formatter(s.locale)
    t = translations(s.locale).gettext
    expected = [
        s.member_name, s.member_number, *s.recipient, s.letterhead.name,
        t(labels.TITLE), t(labels.COLUMN_DATE), t(labels.COLUMN_BALANCE), t(labels.BROUGHT_FORWARD),
        t(labels.CARRIED_FORWARD), t(labels.AMOUNT_DUE), t(labels.STATEMENT_DATE),
        t(labels.MEMBER_NUMBER), t(labels.PAGE).format(page=pages, pages=pages),
        write.date(s.statement_date, "long"),
        write.money(s.opening_balance), write.money(s.closing_balance), write.money(s.amount_due),
    ]
    for line in s.lines:
        expected.append(write.date(line.date, "medium"))
        for amount in (line.charge, line.credit):
            if amount.is_positive:
                expected.append(write.money(amount))
        if line.moved is None:
            expected.append(write.money(line.balance))
    missing = [spaced(e) for e in expected if spaced(e) not in text]
    assert missing == []


def test_labels_follow_the_catalog_of_each_statement_not_the_app(statements: dict[str, Statement]) -> None:
    titles = {n: pdf_text(s)[0] for n, s in statements.items()}
    for number, s in statements.items():
        assert translations(s.locale).gettext(labels.TITLE) in titles[number]
    if translations("fr_FR").gettext(labels.TITLE) != labels.TITLE:  # once the French catalog has it
        assert labels.TITLE not in titles["2"]


def test_french_thousands_print_with_a_narrow_no_break_space() -> None:
    s = _statement_with_big_amounts("fr", "fr_FR")
    text, _ = pdf_text(s)
    assert Formatter("fr_FR").money(Money("1234.50", "EUR")) == "1\u202f234,50\u00a0€"
    assert "1\u202f234,50 €" in text


def test_every_character_printed_is_in_the_embedded_fonts(statements: dict[str, Statement]) -> None:
    for s in [*statements.values(), _statement_with_big_amounts("fr", "fr_FR"),
              _statement_with_big_amounts("de", "de_DE")]:
        words = statement_text(s)
        everything = "".join(str(value) for value in _strings(words))
        assert missing_characters(everything, REGULAR) == set()
        assert missing_characters(everything, BOLD) == set()
    names = "Nguyễn Đức Łukasz Ó Súilleabháin Øster Yılmaz Şahin Ğ ß Œuvre Zoë Ångström"
    assert missing_characters(names) == set()


def test_the_fonts_are_embedded(statements: dict[str, Statement]) -> None:
    out = io.BytesIO()
    statement_pdf(out, statements["2"], PrintOptions())
    reader = PdfReader(out)
    fonts = [font.get_object() for page in reader.pages
             for font in page["/Resources"]["/Font"].values()]
    assert fonts and all("/FontFile2" in f["/FontDescriptor"] for f in fonts)
    assert {str(f["/BaseFont"]).split("+")[1] for f in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}


def test_long_statements_say_page_1_of_2(statements: dict[str, Statement]) -> None:
    s = statements["1"]
    long = dataclasses.replace(s, lines=s.lines * 6)
    text, pages = pdf_text(long)
    assert pages >= 2
    t = translations(s.locale).gettext
    for page in range(1, pages + 1):
        assert t(labels.PAGE).format(page=page, pages=pages) in text
    assert t(labels.CONTINUED).format(name=s.member_name, number=s.member_number) in text


def test_the_remittance_slip_names_the_member_and_the_amount_due(statements: dict[str, Statement]) -> None:
    s = statements["1"]
    text, _ = pdf_text(s, PrintOptions(slip=True))
    t = translations(s.locale).gettext
    assert t(labels.SLIP_TITLE) in text
    assert t(labels.SLIP_REFERENCE).format(number=s.member_number) in text
    assert f"{s.member_number} · {s.member_name}" in text
    assert text.count(spaced(Formatter(s.locale).money(s.amount_due))) >= 2  # summary and slip
    plain, _ = pdf_text(s)
    assert t(labels.SLIP_TITLE) not in plain


def _statement_with_big_amounts(language: str, locale: str) -> Statement:
    from tests.core.test_statements_golden import sample_statement

    s = sample_statement(currency="EUR")
    return dataclasses.replace(s, language=language, locale=locale,
                               opening_balance=Money("1234.50", "EUR"))


def _strings(words: object) -> list[str]:
    """Every string inside a (nested) dataclass of texts."""
    if isinstance(words, str):
        return [words]
    if dataclasses.is_dataclass(words):
        return [s for f in dataclasses.fields(words) for s in _strings(getattr(words, f.name))]
    if isinstance(words, tuple):
        return [s for item in words for s in _strings(item)]
    return []


def test_statement_dates_are_the_locales(statements: dict[str, Statement]) -> None:
    s = statements["3"]
    text, _ = pdf_text(s)
    assert Formatter("de_DE").date(dt.date(2026, 8, 5), "long") == "5. August 2026"
    assert "5. August 2026" in text


@pytest.mark.parametrize("months", [1, 12])
def test_later_sections_print_after_the_table(months: int) -> None:
    from coopdesk.statements.types import Section, SectionRow
    from tests.core.test_statements_golden import sample_statement

    fund = Section("Shared risk funds", (SectionRow("Contributions", Money("12.00", "USD"), "Sick pay"),
                                         SectionRow("Claims paid", Money("0.00", "USD"))))
    s = dataclasses.replace(sample_statement(months=months), risk_funds=(fund,),
                            patronage=(Section("Patronage", (SectionRow("Allocated", Money("3.10", "USD")),)),))
    text, _ = pdf_text(s, PrintOptions(layout=US_LETTER_10))
    closing = text.index(translations("en_US").gettext(labels.CARRIED_FORWARD))
    for words in ("Shared risk funds", "Contributions Sick pay", "$12.00", "Claims paid", "Patronage",
                  "Allocated", "$3.10"):
        assert text.index(words, closing) > closing
