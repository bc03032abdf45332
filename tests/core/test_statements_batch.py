"""Statements for a whole co-op: every member of the demo book, one combined PDF or a file
each, drawn here or by worker processes; balances that tie to the ledger; files that are
private, safely named, and hold only their own member."""

from __future__ import annotations

import datetime as dt
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from coopdesk.book import Book
from coopdesk.demo import DemoSummary, build_demo
from coopdesk.errors import BookError
from coopdesk.ledger import queries as ledger
from coopdesk.members.queries import list_members
from coopdesk.money import Money
from coopdesk.progress import Cancelled
from coopdesk.statements import batch
from coopdesk.statements.batch import write_statements
from coopdesk.statements.document import PrintOptions
from coopdesk.statements.fonts import missing_characters
from coopdesk.statements.queries import statements_for
from coopdesk.statements.types import Statement
from coopdesk.statements.wording import statement_text

TODAY = dt.date(2026, 11, 15)
FROM, TO = dt.date(2026, 1, 1), dt.date(2026, 10, 31)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, DemoSummary]]:
    path = tmp_path_factory.mktemp("demo") / "riverside.coopdesk"
    summary = build_demo(path, seed=7, today=TODAY)
    yield path, summary


@pytest.fixture
def workers_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes start fresh: they find the user's data folder from the environment,
    so point it here (the parent's data folder is patched by conftest, theirs is not), and
    make even a small batch go to them, in several shares and parts."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.setattr(batch, "SERIAL_UP_TO", 5)
    monkeypatch.setattr(batch, "POSTINGS_PER_SHARE", 300)
    monkeypatch.setattr(batch, "PART_STATEMENTS", 7)


def numbers_of(path: Path) -> list[str]:
    with Book.open(path, read_only=True) as book:
        return [row.number for row in book.read(list_members, TODAY)]


def all_statements(path: Path, date_from: dt.date = FROM) -> list[Statement]:
    with Book.open(path, read_only=True) as book:
        return book.read(statements_for, numbers_of(path), date_from, TO, today=TODAY)


def pages_text(path: Path) -> list[str]:
    return [page.extract_text().replace("\u00a0", " ") for page in PdfReader(path).pages]


def test_every_members_closing_balance_is_their_balance_in_the_ledger(demo: tuple[Path, DemoSummary]) -> None:
    path, summary = demo
    everything = all_statements(path, date_from=summary.first_day)
    with Book.open(path, read_only=True) as book:
        rows = book.read(ledger.member_balances, TO)
    ledgers: dict[str, Money] = {}
    for row in rows:
        if row.account_code in ("1100", "2000"):
            ledgers[row.member_number] = ledgers.get(row.member_number, Money("0", "USD")) + row.balance
    assert len(everything) == summary.members == 60
    for s in everything:
        assert s.opening_balance == Money("0", "USD")  # nothing before the demo's first day
        assert s.closing_balance == ledgers.get(s.member_number, Money("0", "USD")), s.member_number
    assert {s.language for s in everything} == {"en", "es", "fr", "de"}


def test_every_demo_name_prints_with_the_embedded_fonts(demo: tuple[Path, DemoSummary]) -> None:
    for s in all_statements(demo[0]):
        text = statement_text(s)
        assert missing_characters("".join((*text.recipient, *(r.description for r in text.rows),
                                           *(v for _, v in text.summary)))) == set()


@pytest.mark.parametrize("workers", [1, 2])
def test_one_combined_pdf_in_the_order_asked(demo: tuple[Path, DemoSummary], tmp_path: Path,
                                             workers: int, workers_env: None) -> None:
    path, _ = demo
    numbers = numbers_of(path)[::-1]
    out = tmp_path / "all.pdf"
    seen: list[tuple[int, int]] = []
    result = write_statements(path, numbers, FROM, TO, out, combined=True, today=TODAY,
                              workers=workers, progress=lambda done, total: seen.append((done, total)))
    assert (result.statements, result.files) == (len(numbers), (out,))
    pages = pages_text(out)
    assert len(pages) == result.pages
    assert seen[0] == (0, len(numbers)) and seen[-1] == (len(numbers), len(numbers))
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)
    firsts = [i for i, text in enumerate(pages) if "Page 1 of" in text or "Página 1 de" in text
              or "Page 1 sur" in text or "Seite 1 von" in text]
    assert len(firsts) == len(numbers)
    with Book.open(path, read_only=True) as book:
        names = {r.number: r.display_name for r in book.read(list_members, TODAY)}
    assert [names[n] in pages[i] for n, i in zip(numbers, firsts, strict=True)] == [True] * len(numbers)
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["all.pdf"]  # no part or temporary file left


def test_the_workers_draw_what_one_process_draws(demo: tuple[Path, DemoSummary], tmp_path: Path,
                                                 workers_env: None) -> None:
    path, _ = demo
    numbers = numbers_of(path)
    options = PrintOptions(invariant=True, duplex=True)
    here, there = tmp_path / "here.pdf", tmp_path / "there.pdf"
    write_statements(path, numbers, FROM, TO, here, combined=True, today=TODAY, workers=1, options=options)
    write_statements(path, numbers, FROM, TO, there, combined=True, today=TODAY, workers=2, options=options)
    assert pages_text(here) == pages_text(there)
    assert PdfReader(here).metadata == PdfReader(there).metadata


def test_duplex_starts_each_member_on_a_new_sheet(demo: tuple[Path, DemoSummary], tmp_path: Path,
                                                  workers_env: None) -> None:
    path, _ = demo
    numbers = numbers_of(path)
    each = write_statements(path, numbers, FROM, TO, tmp_path / "each", combined=False, today=TODAY)
    lengths = [len(PdfReader(file).pages) for file in each.files]
    assert any(n % 2 for n in lengths) and any(n % 2 == 0 for n in lengths)
    out = tmp_path / "duplex.pdf"
    result = write_statements(path, numbers, FROM, TO, out, combined=True, today=TODAY, workers=2,
                              options=PrintOptions(duplex=True))
    pages = pages_text(out)
    assert result.pages == len(pages) == sum(n + n % 2 for n in lengths)
    start = 0
    for number, file, n in zip(numbers, each.files, lengths, strict=True):
        assert start % 2 == 0  # a front side
        assert pages[start:start + n] == pages_text(file)
        if n % 2:
            assert pages[start + n].strip() == ""  # the blank back
        start += n + n % 2


def test_one_private_file_per_member_holding_only_that_member(demo: tuple[Path, DemoSummary],
                                                              tmp_path: Path, workers_env: None) -> None:
    path, _ = demo
    numbers = numbers_of(path)
    out = tmp_path / "statements"
    result = write_statements(path, numbers, FROM, TO, out, combined=False, today=TODAY, workers=2)
    assert len(result.files) == len(numbers) == len(list(out.iterdir()))
    assert stat.S_IMODE(os.stat(out).st_mode) == 0o700
    with Book.open(path, read_only=True) as book:
        names = {r.number: r.display_name for r in book.read(list_members, TODAY)}
    for number, file in zip(numbers, result.files, strict=True):
        assert file.parent == out and file.name.startswith(f"{number}-") and file.suffix == ".pdf"
        assert file.name.isascii() and " " not in file.name
        assert stat.S_IMODE(os.stat(file).st_mode) == 0o600
        text = "\n".join(pages_text(file))
        assert names[number] in text
        others = [name for n, name in names.items()
                  if n != number and name not in names[number] and names[number] not in name]
        assert [name for name in others if name in text] == []


def test_metadata_holds_the_title_and_the_coop_only(demo: tuple[Path, DemoSummary], tmp_path: Path,
                                                    workers_env: None) -> None:
    path, _ = demo
    numbers = numbers_of(path)[:8]
    for workers in (1, 2):
        out = tmp_path / f"meta-{workers}.pdf"
        write_statements(path, numbers, FROM, TO, out, combined=True, today=TODAY, workers=workers)
        check_metadata(out, tmp_path)
    files = write_statements(path, numbers[:2], FROM, TO, tmp_path / "each", combined=False,
                             today=TODAY).files
    for file in files:
        check_metadata(file, tmp_path)


def check_metadata(pdf: Path, tmp_path: Path) -> None:
    info = PdfReader(pdf).metadata
    assert info is not None
    values = {key: str(value) for key, value in info.items()}
    assert set(values) <= {"/Title", "/Author", "/Creator", "/Producer", "/CreationDate",
                           "/ModDate", "/Subject", "/Keywords", "/Trapped"}
    assert values["/Author"] == "Riverside Food Co-op" and values["/Creator"] == "coopdesk"
    assert values["/Title"].endswith(("Jan 1, 2026 to Oct 31, 2026", "1 ene 2026 al 31 oct 2026",
                                      "1 janv. 2026 au 31 oct. 2026", "01.01.2026 bis 31.10.2026"))
    assert values.get("/Subject", "") == "" and values.get("/Keywords", "") == ""
    private = (os.environ.get("USER"), os.environ.get("LOGNAME"), os.uname().nodename, str(tmp_path))
    assert [p for p in private if p and any(p in value for value in values.values())] == []
    assert str(tmp_path).encode() not in pdf.read_bytes()


def test_cancelling_leaves_no_combined_file(demo: tuple[Path, DemoSummary], tmp_path: Path,
                                            workers_env: None) -> None:
    path, _ = demo

    def stop(done: int, total: int) -> None:
        if done:
            raise Cancelled("stopped")

    for workers in (1, 2):
        out = tmp_path / f"stopped-{workers}.pdf"
        with pytest.raises(Cancelled):
            write_statements(path, numbers_of(path), FROM, TO, out, combined=True, today=TODAY,
                             workers=workers, progress=stop)
        assert list(tmp_path.iterdir()) == []


def test_a_worker_that_cannot_open_the_book_fails_its_share(tmp_path: Path) -> None:
    """A pool whose initializer raised would start new workers for ever: the error is kept
    and raised by the worker's first share instead, failing the batch."""
    class Ticks:
        def put(self, count: int) -> None: ...

    batch._start_worker(str(tmp_path / "missing.coopdesk"), None, Ticks())
    try:
        share = batch._Share(0, ("1",), (), FROM, TO, TODAY, PrintOptions(), tmp_path, tmp_path)
        with pytest.raises(BookError, match="missing.coopdesk"):
            batch._draw_share_in_worker(share, False)
    finally:
        batch._worker.clear()
