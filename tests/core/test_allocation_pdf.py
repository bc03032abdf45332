"""The board's allocation table: its totals are the posted allocation's (or the draft's), the
PDF says them in the book's language with every member's line and the members left out, a
draft says so, and pages are numbered."""

from __future__ import annotations

import datetime as dt
import io
import stat
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from pypdf import PdfReader

from coopdesk.book import Book
from coopdesk.formatting import Formatter
from coopdesk.i18n import translations
from coopdesk.money import Money
from coopdesk.patronage import notice_labels as labels
from coopdesk.patronage.allocation_pdf import (
    AllocationSheet,
    allocation_pdf,
    draft_sheet,
    posted_sheet,
    why_text,
    write_allocation_pdf,
)
from coopdesk.patronage.notice_wording import percent_text
from coopdesk.patronage.queries import allocation_table, list_allocations
from coopdesk.patronage.run import RunTerms, preview_allocation
from coopdesk.statements import labels as statement_labels
from coopdesk.statements.layout import A4_DIN_5008_B, US_LETTER_10
from tests.core.test_patronage_notices import Y2025, Y2026, build_patronage_coop



@pytest.fixture(scope="module")
def coop(tmp_path_factory: pytest.TempPathFactory) -> Book:
    path = tmp_path_factory.mktemp("allocation") / "coop.coopdesk"
    with Book.create(path, name="Riverside Food Co-op", currency="USD", locale="en_US") as book:
        build_patronage_coop(book)
    return Book.open(path, read_only=True)


def flat(text: str) -> str:
    return " ".join(text.split())


def pdf(sheet: AllocationSheet, layout: object = A4_DIN_5008_B) -> tuple[list[str], PdfReader]:
    out = io.BytesIO()
    pages = allocation_pdf(out, sheet, layout, today=dt.date(2027, 2, 5))  # type: ignore[arg-type]
    reader = PdfReader(out)
    assert len(reader.pages) == pages
    return [flat(page.extract_text()) for page in reader.pages], reader


def test_the_posted_tables_totals_are_the_allocations(coop: Book) -> None:
    for year in (Y2025, Y2026):
        sheet = coop.read(posted_sheet, year)
        row = next(r for r in coop.read(list_allocations) if r.year_start == year)
        assert not sheet.draft and sheet.posted_on == row.posted_on
        assert (sheet.allocated, sheet.cash, sheet.retained) == (row.allocated, row.cash, row.retained)
        assert sheet.to_reserve == row.non_member + row.reserve
        assert sheet.surplus == sheet.to_reserve + sheet.allocated
        table = coop.read(allocation_table, year)
        assert [(x.number, x.pool, x.quantity, x.amount, x.cash, x.retained) for x in sheet.lines] == [
            (x.member_number, x.pool, x.quantity, x.amount, x.cash, x.retained) for x in table]
        assert sum((x.amount for x in sheet.lines), Money("0", "USD")) == row.allocated
        assert [p.amount for p in sheet.pools] == [amount for _, _, amount in row.pools]
    assert [x.number for x in coop.read(posted_sheet, Y2025).excluded] == ["5"]


@pytest.mark.parametrize("layout", [A4_DIN_5008_B, US_LETTER_10], ids=["a4", "letter"])
def test_the_pdf_says_the_terms_totals_and_every_line(coop: Book, layout: object) -> None:
    sheet = coop.read(posted_sheet, Y2025)
    (text,), reader = pdf(sheet, layout)
    page = reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    write = Formatter(sheet.locale)
    t = translations(sheet.locale).gettext
    expected = [
        sheet.coop_name, t(labels.TABLE_TITLE).format(year="2025"), t(labels.TERMS), t(labels.TOTALS),
        t(labels.SURPLUS), t(labels.SURPLUS_FROM_LEDGER), t(labels.ALLOCATED), t(labels.TO_RESERVE),
        t(labels.RESERVE).format(percent=percent_text(sheet.reserve_percent, sheet.locale)),
        t(labels.POSTED_ON).format(date=write.date(sheet.posted_on, "long")),  # type: ignore[arg-type]
        t(labels.EXCLUDED), t(statement_labels.PAGE).format(page=1, pages=1),
        write.money(sheet.surplus), write.money(sheet.allocated), write.money(sheet.cash),
        write.money(sheet.retained), write.money(sheet.to_reserve), write.money(sheet.min_payout),
        percent_text(sheet.cash_percent, sheet.locale),
        *(t(labels.POOL_SHARE).format(pool=p.label, percent=percent_text(p.percent, sheet.locale))
          for p in sheet.pools),
        *(write.money(p.amount) for p in sheet.pools),
    ]
    for line in sheet.lines:
        expected += [line.name, line.pool, f"{write.number(line.quantity)} {line.unit}",
                     write.money(line.amount), write.money(line.cash), write.money(line.retained)]
    for x in sheet.excluded:
        expected += [x.name, why_text(x.why, t)]
    assert [flat(e) for e in expected if flat(e) not in text] == []
    assert t(labels.DRAFT).upper() not in text


def test_in_the_books_language(coop: Book) -> None:
    sheet = replace(coop.read(posted_sheet, Y2025), language="de", locale="de_DE")
    (text,), _ = pdf(sheet)
    write = Formatter("de_DE")
    t = translations("de_DE").gettext
    for expected in (t(labels.TOTALS), t(statement_labels.PAGE).format(page=1, pages=1),
                     write.money(sheet.allocated), t(labels.TABLE_TITLE).format(year="2025")):
        assert flat(expected) in text


def test_a_draft_says_so_and_has_the_previews_figures(coop: Book, tmp_path: Path) -> None:
    terms = RunTerms(Y2026, Decimal(10), Decimal(15), Money("5.00", "USD"))
    preview = coop.read(preview_allocation, terms)  # 2026 is posted: the draft is still printable
    sheet = coop.read(draft_sheet, preview)
    result = preview.result
    assert sheet.draft and sheet.posted_on is None and not sheet.qualified
    assert (sheet.cash, sheet.retained, sheet.to_reserve) == (result.cash, result.retained,
                                                              result.to_reserve)
    assert sheet.allocated == result.allocated - result.unallocated_pools
    path = tmp_path / "draft.pdf"
    assert write_allocation_pdf(path, sheet, US_LETTER_10) == 1
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    reader = PdfReader(path)
    text = flat(reader.pages[0].extract_text())
    t = translations(sheet.locale).gettext
    title = f"{t(labels.DRAFT)}: {t(labels.TABLE_TITLE).format(year='2026')}"
    assert reader.metadata is not None and reader.metadata.title == title
    assert reader.metadata.author == "Riverside Food Co-op"
    for expected in (t(labels.DRAFT).upper(), flat(t(labels.DRAFT_NOTE)),
                     flat(t(labels.NOT_QUALIFIED_NOTE).format(
                         percent=percent_text(Decimal(20), sheet.locale)))):
        assert expected in text


def test_a_long_table_runs_over_pages_numbered_x_of_y(coop: Book) -> None:
    sheet = coop.read(posted_sheet, Y2025)
    long = replace(sheet, lines=sheet.lines * 40)
    texts, _ = pdf(long)
    t = translations(sheet.locale).gettext
    assert len(texts) > 2
    for number, text in enumerate(texts, start=1):
        assert t(statement_labels.PAGE).format(page=number, pages=len(texts)) in text
        assert t(labels.COLUMN_NAME) in text  # the header on every page
    assert sum(text.count(sheet.lines[0].name) for text in texts) == 40
    assert t(labels.EXCLUDED) in texts[-1]


def test_the_cli_writes_a_posted_table_and_a_draft(coop: Book, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from coopdesk.cli.main import main
    out = tmp_path / "table.pdf"
    assert main(["--book", str(coop.path), "report", "allocation-pdf", "--year", "2025",
                 "--out", str(out)]) == 0
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    draft = tmp_path / "draft.pdf"
    assert main(["--book", str(coop.path), "report", "allocation-pdf", "--year", "2026", "--draft",
                 "--reserve", "10", "--cash", "25", "--min-payout", "5", "--out", str(draft),
                 "--paper", "letter"]) == 0
    assert "draft" in capsys.readouterr().out
    assert main(["--book", str(coop.path), "report", "allocation-pdf", "--year", "2027",
                 "--out", str(tmp_path / "none.pdf")]) != 0
    assert "no allocation" in capsys.readouterr().err
    assert main(["--book", str(coop.path), "report", "allocation-pdf", "--year", "2025",
                 "--cash", "20", "--out", str(tmp_path / "none.pdf")]) != 0
    assert not (tmp_path / "none.pdf").exists()
