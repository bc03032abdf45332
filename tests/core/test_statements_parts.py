"""The pure parts of statements: language and locale, postal lines, file names, the page plan,
the words of each kind of line, and joining PDFs drawn in parts."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from coopdesk.i18n import translations
from coopdesk.money import Money
from coopdesk.statements import labels
from coopdesk.statements.document import PrintOptions, draw_statements, new_canvas
from coopdesk.statements.files import ascii_words, statement_file_names, write_bytes_atomically
from coopdesk.statements.joining import NotOurPdf, info_dictionary, join_pdfs
from coopdesk.statements.language import statement_locale
from coopdesk.statements.layout import A4_DIN_5008_B, US_LETTER_10
from coopdesk.statements.paging import plan_pages
from coopdesk.statements.postal import postal_lines
from coopdesk.statements.types import LineKind, StatementLine
from coopdesk.statements.wording import _writer, describe
from tests.core.test_statements_golden import sample_statement


@pytest.mark.parametrize(("member", "book", "country", "expected"), [
    (None, "en_US", "", ("en", "en_US")),
    ("fr", "en_US", "", ("fr", "fr_FR")),  # no French of the US: French of France
    ("fr", "de_CH", "", ("fr", "fr_CH")),  # the co-op's country when CLDR knows the pair
    ("es", "en_US", "", ("es", "es_US")),
    ("es", "en_US", "MX", ("es", "es_MX")),  # the co-op's address says where it is
    ("de-DE", "en_US", "", ("de", "de_DE")),
    ("fr_CA", "en_US", "", ("fr", "fr_CA")),  # a member's own country is kept
    ("xx", "fr_FR", "", ("fr", "fr_FR")),  # unknown: the book's
])
def test_the_statement_language_and_locale(member: str | None, book: str, country: str,
                                           expected: tuple[str, str]) -> None:
    assert statement_locale(member, book, country) == expected


def test_a_language_without_catalog_or_promise_falls_back_to_the_books() -> None:
    assert statement_locale("ja", "de_DE") == ("de", "de_DE")


@pytest.mark.parametrize(("country", "expected"), [
    ("US", ("Ada Okafor", "12 Mill Road", "Riverside, OR 97520")),
    ("FR", ("Ada Okafor", "12 Mill Road", "97520 Riverside", "OR", "FRANCE")),
    ("GB", ("Ada Okafor", "12 Mill Road", "Riverside", "OR", "97520", "UNITED KINGDOM")),
])
def test_postal_lines_follow_the_country(country: str, expected: tuple[str, ...]) -> None:
    assert postal_lines("Ada Okafor", ("12 Mill Road", " "), "97520", "Riverside", "OR", country,
                        home_country="US", home_locale="en_US") == expected


def test_the_country_line_is_written_in_the_posting_countrys_language() -> None:
    lines = postal_lines("Jürgen Müller", ("Hauptstraße 5",), "10115", "Berlin", "", "DE",
                         home_country="FR", home_locale="fr_FR")
    assert lines == ("Jürgen Müller", "Hauptstraße 5", "10115 Berlin", "ALLEMAGNE")


def test_file_names_are_safe_ascii_and_unique() -> None:
    assert ascii_words("Zoë Weiß-Nguyễn / Łukasz Ø") == "Zoe-Weiss-Nguyen-Lukasz-O"
    names = statement_file_names([
        ("12", "Chloé Lefèvre"), ("a/b", "../../etc/passwd"), ("CON", ""), ("13", "日本 太郎"),
        ("7", "Ann"), ("7", "ANN"), ("", ""),
    ])
    assert names == ["12-Chloe-Lefevre.pdf", "a-b-etc-passwd.pdf", "member-CON.pdf", "13.pdf",
                     "7-Ann.pdf", "7-ANN-2.pdf", "member.pdf"]
    assert all("/" not in n and "\\" not in n and not n.startswith(".") for n in names)


def test_files_are_written_whole_and_private(tmp_path: Path) -> None:
    target = tmp_path / "x.pdf"
    write_bytes_atomically(target, b"%PDF-1.3 first")
    write_bytes_atomically(target, b"%PDF-1.3 second")
    assert target.read_bytes() == b"%PDF-1.3 second"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["x.pdf"]


@pytest.mark.parametrize("layout", [A4_DIN_5008_B, US_LETTER_10])
def test_the_page_plan(layout: object) -> None:
    one = plan_pages(layout, 5, 0, slip=False)  # type: ignore[arg-type]
    assert one.rows == ((0, 5),) and one.pages == 1
    first = plan_pages(layout, 1000, 0, slip=False).rows[0][1]  # type: ignore[arg-type]
    with_slip = plan_pages(layout, 1000, 0, slip=True).rows[0][1]  # type: ignore[arg-type]
    with_notes = plan_pages(layout, 1000, 2, slip=False).rows[0][1]  # type: ignore[arg-type]
    assert 8 <= with_slip < with_notes < first  # the slip takes the bottom third
    plan = plan_pages(layout, 200, 1, slip=True)  # type: ignore[arg-type]
    assert plan.rows[0][0] == 0 and plan.rows[-1][1] == 200
    assert all(a[1] == b[0] for a, b in zip(plan.rows, plan.rows[1:]))
    later = plan.rows[1][1] - plan.rows[1][0]
    assert later > first
    full = plan_pages(layout, first, 0, slip=False, section_rows=(3, 2))  # type: ignore[arg-type]
    assert full.pages == 2 and full.sections_page == 1 and full.rows[1] == (first, first)
    room = plan_pages(layout, 3, 0, slip=False, section_rows=(3,))  # type: ignore[arg-type]
    assert room.pages == 1 and room.sections_page == 0


@pytest.mark.parametrize("locale", ["en_US", "fr_FR", "de_DE", "es_ES"])
def test_every_kind_of_line_has_its_words(locale: str) -> None:
    t = translations(locale).gettext
    write = _writer(locale)
    usd = Money("1.00", "USD")
    base = StatementLine(dt.date(2026, 3, 1), LineKind.CHARGE, usd, Money("0", "USD"), usd, 1)
    cases = {
        LineKind.CHARGE: dict(period_start=dt.date(2026, 3, 1), period_end=dt.date(2026, 3, 31)),
        LineKind.PAYMENT: dict(method="cheque"),
        LineKind.WRITE_OFF: dict(period_start=dt.date(2026, 1, 1), period_end=dt.date(2026, 3, 31)),
        LineKind.REVERSAL: dict(reversed_date=dt.date(2026, 2, 10), reversed_kind="payment"),
        LineKind.CREDIT_APPLIED: dict(moved=usd),
        LineKind.CREDIT_KEPT: dict(moved=usd),
        LineKind.ADJUSTMENT: dict(memo="  Late fee "),
    }
    words = {kind: describe(dataclasses.replace(base, kind=kind, **extra), write, t)  # type: ignore[arg-type]
             for kind, extra in cases.items()}
    month = write.period(dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    assert words[LineKind.CHARGE] == t(labels.DUES_FOR).format(period=month)
    assert words[LineKind.PAYMENT] == t(labels.PAYMENT_BY).format(method=t(labels.METHODS["cheque"]))
    assert words[LineKind.ADJUSTMENT] == t(labels.ADJUSTMENT_MEMO).format(memo="Late fee")
    assert "–" in words[LineKind.WRITE_OFF]  # a quarter: first and last month
    assert len(set(words.values())) == len(words)
    plain = {kind: describe(dataclasses.replace(base, kind=kind), write, t) for kind in labels.PLAIN}
    assert plain == {kind: t(message) for kind, message in labels.PLAIN.items()}


def test_dues_periods_are_named_as_people_name_them() -> None:
    write = _writer("en_US")
    assert write.period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == "March 2026"
    assert write.period(dt.date(2026, 1, 1), dt.date(2026, 3, 31)) == "Jan 2026 – Mar 2026"
    assert write.period(dt.date(2026, 3, 15), dt.date(2026, 4, 14)) == "Mar 15, 2026 – Apr 14, 2026"
    assert _writer("de_DE").period(dt.date(2026, 3, 1), dt.date(2026, 3, 31)) == "März 2026"


def _part(path: Path, statements: int, months: int) -> Path:
    options = PrintOptions(invariant=True)
    with path.open("wb") as out:
        canvas = new_canvas(out, options, title="", coop_name="")
        draw_statements(canvas, [sample_statement(months=months)] * statements, options)
        canvas.save()
    return path


def test_parts_join_into_one_pdf_in_order(tmp_path: Path) -> None:
    parts = [_part(tmp_path / "a.pdf", 1, 1), _part(tmp_path / "b.pdf", 2, 12), _part(tmp_path / "c.pdf", 1, 3)]
    out = io.BytesIO()
    info = info_dictionary(title="Statement of account, 2026", author="Riverside Food Co-op",
                           creator="coopdesk", producer="ReportLab")
    pages = join_pdfs(parts, out, info=info)
    joined = PdfReader(out, strict=True)
    separate = [page.extract_text() for part in parts for page in PdfReader(part).pages]
    assert pages == len(joined.pages) == len(separate) == 1 + 4 + 1
    assert [page.extract_text() for page in joined.pages] == separate
    assert joined.metadata is not None and joined.metadata.title == "Statement of account, 2026"
    subsets = {}
    for page in joined.pages:
        for font in page["/Resources"]["/Font"].values():
            subsets[font.idnum] = str(font.get_object()["/BaseFont"])
    assert len(set(subsets.values())) == len(subsets) == 2 * len(parts)  # each subset its own name


def test_joining_refuses_what_it_did_not_write(tmp_path: Path) -> None:
    odd = tmp_path / "odd.pdf"
    odd.write_bytes(b"%PDF-1.4\nnot really\n")
    with pytest.raises(NotOurPdf):
        join_pdfs([odd], io.BytesIO(), info=b"<< >>")
