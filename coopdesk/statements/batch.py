"""Statements for many members at once: one PDF to print, or one file per member.

A batch is cut into shares of members, in the order asked for, one per worker process (more
when the period is long: a share holds about `POSTINGS_PER_SHARE` postings, so a ten-year
statement for thousands of members never sits in memory whole). A few statements are drawn
right here; more by the workers, one per core (multiprocessing, "spawn", so that a caller
with threads, such as the desktop app, is never forked). Each worker opens the book read-only
(`Book.open`), reads its share with the batch's few queries (`statements_for`) and draws it:
to the members' own files, or to parts of the combined PDF of at most `PART_STATEMENTS`
statements each (so that no canvas holds thousands of pages), joined in order at the end
(`joining`).

The status facts of every member (one pass over the book's charges, about a second on ten
years of 5,000 members) are read here while the workers start and read their shares, and
handed to them in a private file: the workers need them only when they build the statements
from what they have read.

Files are written whole or not at all, mode 0600 (`files`); members' files on two threads of
the process that drew them, so that waiting for the disk overlaps drawing. `progress(done,
total)` is told as statements are drawn and may raise `Cancelled`: the workers are stopped and
the combined file is not written (members' files already written stay, complete).
"""

from __future__ import annotations

import datetime as dt
import io
import math
import multiprocessing
import os
import pickle
import queue
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFInfo  # type: ignore[import-untyped]
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.db.models import journal_entries, members
from coopdesk.dues.queries import dues_facts
from coopdesk.errors import InputError, NotFound
from coopdesk.known_books import FileState
from coopdesk.members.queries import DuesFacts
from coopdesk.progress import Progress, no_progress
from coopdesk.settings import load_settings
from coopdesk.statements.document import (
    CREATOR,
    PrintOptions,
    draw_statements,
    new_canvas,
    statement_pdf,
)
from coopdesk.statements.files import (
    statement_file_names,
    write_bytes_atomically,
    write_file_atomically,
)
from coopdesk.statements.joining import info_dictionary, join_pdfs
from coopdesk.statements.queries import FEW_FOR_FACTS, check_period, statements_for
from coopdesk.statements.reading import member_records
from coopdesk.statements.wording import document_title

#: Up to this many statements are drawn in the calling process: starting workers costs more.
SERIAL_UP_TO = 60
#: About this many postings are read for one share of members (bounds each process's memory).
POSTINGS_PER_SHARE = 250_000
#: Statements drawn on one canvas, saved as one part of a combined PDF.
PART_STATEMENTS = 250
_FACTS_FILE = "facts.pickle"


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What a batch wrote: how many statements and pages, and the files."""

    statements: int
    pages: int
    files: tuple[Path, ...]


@dataclass(frozen=True, slots=True)
class _Share:
    """One share of a batch, as a worker gets it (plain, picklable data)."""

    index: int
    numbers: tuple[str, ...]
    file_names: tuple[str, ...]  # per-member files; empty for a combined PDF
    date_from: dt.date
    date_to: dt.date
    today: dt.date
    options: PrintOptions
    out: Path  # the folder of the members' files
    work: Path  # the batch's private folder: parts of a combined PDF, the status facts


def write_statements(source: Book | Path, numbers: Sequence[str], date_from: dt.date,
                     date_to: dt.date, out: Path, *, combined: bool,
                     options: PrintOptions = PrintOptions(), today: dt.date | None = None,
                     progress: Progress = no_progress, workers: int | None = None) -> BatchResult:
    """Write the statements of `numbers` for `date_from`..`date_to`, dated `today`.

    `combined`: one PDF at `out` (a file), each member from a new page, or a new sheet with
    `options.duplex`; otherwise one PDF per member in the folder `out` (made if missing), named
    by number and name. `source` is an open book, or the path of one to open read-only.
    `workers` caps the processes (default: one per core; 1 draws everything here).
    """
    day = today or clock.today()
    check_period(date_from, date_to, day)
    if not numbers:
        raise InputError("no members to write statements for")
    book = Book.open(source, read_only=True) if isinstance(source, Path) else source
    try:
        out = Path(out)
        folder = _prepare_target(out, combined)
        work = Path(tempfile.mkdtemp(prefix=".statements-", dir=folder))  # mode 0700
        try:
            return _write(book, list(numbers), date_from, date_to, day, out, work, combined,
                          options, progress, workers or os.cpu_count() or 1)
        finally:
            shutil.rmtree(work, ignore_errors=True)
    finally:
        if book is not source:
            book.close()


def _write(book: Book, numbers: list[str], date_from: dt.date, date_to: dt.date, day: dt.date,
           out: Path, work: Path, combined: bool, options: PrintOptions, progress: Progress,
           workers: int) -> BatchResult:
    total = len(numbers)
    progress(0, total)
    many = total > FEW_FOR_FACTS
    if total <= SERIAL_UP_TO or workers == 1:
        done = 0

        def tick() -> None:
            nonlocal done
            done += 1
            progress(done, total)

        with book.session() as session, session.begin():
            title, coop, shares = _plan(session, numbers, date_from, date_to, day, options,
                                        combined, out, work, 1)
            facts = dues_facts(session, day) if many else None
            drawn = [part for share in shares for part in _draw_share(session, share, facts, tick)]
        return _finish(drawn, shares, out, combined, title, coop, options, total)
    with _worker_pool(book.path, book.vouch(), workers) as (pool, ticks):
        with book.session() as session, session.begin():
            title, coop, shares = _plan(session, numbers, date_from, date_to, day, options,
                                        combined, out, work, workers)
        pending = [pool.apply_async(_draw_share_in_worker, (share, many)) for share in shares]
        if many:  # while the workers start and read their shares
            with book.session() as session, session.begin():
                facts = dues_facts(session, day)
            write_file_atomically(work / _FACTS_FILE, lambda stream: pickle.dump(facts, stream))
        done = 0
        while not all(result.ready() for result in pending):
            done += _drain(ticks, timeout=0.2)
            progress(done, total)
            for result in pending:
                if result.ready() and not result.successful():
                    result.get()  # raises the worker's error here
        drawn = [part for result in pending for part in result.get()]
    result = _finish(drawn, shares, out, combined, title, coop, options, total)
    progress(total, total)
    return result


def _prepare_target(out: Path, combined: bool) -> Path:
    """The folder the batch writes in (made, private, for members' files)."""
    if combined:
        if out.is_dir():
            raise InputError(f"{out}: is a folder; name the PDF file to write")
        if not out.parent.is_dir():
            raise InputError(f"{out.parent}: no such folder")
        return out.parent
    if out.exists() and not out.is_dir():
        raise InputError(f"{out}: is a file; name a folder for one PDF per member")
    if not out.parent.is_dir():
        raise InputError(f"{out.parent}: no such folder")
    out.mkdir(mode=0o700, exist_ok=True)
    return out


def _plan(session: Session, numbers: list[str], date_from: dt.date, date_to: dt.date,
          day: dt.date, options: PrintOptions, combined: bool, out: Path, work: Path,
          workers: int) -> tuple[str, str, list[_Share]]:
    """The document's title, the co-op's name and the shares of the batch."""
    records = member_records(session, numbers)
    unknown = [n for n in numbers if n not in records]
    if unknown:
        raise NotFound(f"no member with number {', '.join(repr(n) for n in unknown)}")
    settings = load_settings(session)
    names = [] if combined else statement_file_names([(n, records[n].name) for n in numbers])
    count = max(workers, math.ceil(_postings_estimate(session, len(numbers), date_from, date_to)
                                   / POSTINGS_PER_SHARE))
    count = min(count, len(numbers))
    shares = []
    for index in range(count):
        start, end = index * len(numbers) // count, (index + 1) * len(numbers) // count
        shares.append(_Share(index, tuple(numbers[start:end]), tuple(names[start:end]),
                             date_from, date_to, day, options, out, work))
    return document_title(settings.locale, date_from, date_to), settings.name, shares


def _postings_estimate(session: Session, count: int, date_from: dt.date, date_to: dt.date) -> int:
    """About how many dues-account postings `count` members have in the period: the book's
    entries in it, shared out by member (dues, payments and applications each post once or
    twice to a member's account)."""
    entries = session.execute(select(func.count()).select_from(journal_entries).where(
        journal_entries.c.entry_date.between(date_from, date_to))).scalar_one()
    everyone = session.execute(select(func.count()).select_from(members)).scalar_one()
    return int(2 * entries * count / max(1, everyone))


def _draw_share(session: Session, share: _Share, facts: Mapping[int, DuesFacts] | None,
                tick: Callable[[], None]) -> list[tuple[Path | None, int]]:
    """Read and draw one share: (part, pages) for each part of a combined PDF, or (None,
    pages) for each member's file."""
    statements = statements_for(session, share.numbers, share.date_from, share.date_to,
                                today=share.today, dues=facts)
    options = share.options
    if share.file_names:
        drawn: list[tuple[Path | None, int]] = []
        with _FileWriter() as writer:
            for name, statement in zip(share.file_names, statements, strict=True):
                data = io.BytesIO()
                drawn.append((None, statement_pdf(data, statement, options)))
                writer.write(share.out / name, data.getvalue())
                tick()
        return drawn
    parts: list[tuple[Path | None, int]] = []
    for start in range(0, len(statements), PART_STATEMENTS):
        part = share.work / f"part-{share.index:04d}-{start // PART_STATEMENTS:05d}.pdf"
        with part.open("xb") as stream:
            canvas = new_canvas(stream, options, title="", coop_name="")
            pages = draw_statements(canvas, statements[start:start + PART_STATEMENTS], options, tick)[1]
            canvas.save()
        parts.append((part, pages))
    return parts


class _FileWriter:
    """Writes members' files (whole, private: `write_bytes_atomically`) on two threads, so that
    waiting for the disk (each file is fsynced) overlaps drawing the next statements. At most
    `_WRITES_PENDING` files wait; the first error is raised here."""

    def __init__(self) -> None:
        self._threads = ThreadPoolExecutor(max_workers=2, thread_name_prefix="statement-files")
        self._pending: list[Future[None]] = []

    def write(self, path: Path, data: bytes) -> None:
        self._pending.append(self._threads.submit(write_bytes_atomically, path, data))
        if len(self._pending) >= _WRITES_PENDING:
            self._pending.pop(0).result()

    def __enter__(self) -> _FileWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            for future in self._pending:
                if exc[0] is None:
                    future.result()
        finally:
            self._threads.shutdown(wait=True, cancel_futures=True)


_WRITES_PENDING = 16


def _finish(drawn: list[tuple[Path | None, int]], shares: list[_Share], out: Path, combined: bool,
            title: str, coop: str, options: PrintOptions, total: int) -> BatchResult:
    pages = sum(count for _, count in drawn)
    if not combined:
        return BatchResult(total, pages, tuple(out / name for s in shares for name in s.file_names))
    info = info_dictionary(title=title, author=coop, creator=CREATOR, producer=PDFInfo.producer,
                           date=_pdf_date(options))
    parts = [part for part, _ in drawn if part is not None]
    write_file_atomically(out, lambda stream: join_pdfs(parts, stream, info=info))
    return BatchResult(total, pages, (out,))


@contextmanager
def _worker_pool(book_path: Path, vouched: FileState | None,
                 workers: int) -> Iterator[tuple[Any, Any]]:
    """A pool of `workers` processes, each with the book open read-only, and the queue they
    report progress on; stopped on the way out, whatever happened. The caller, which has the
    book open and checked, vouches for the file (`Book.vouch`), so the workers need not read
    every page of it again when the app has changed the book since it was last closed."""
    context = multiprocessing.get_context("spawn")
    ticks = context.Queue()
    pool = context.Pool(workers, initializer=_start_worker, initargs=(str(book_path), vouched, ticks))
    try:
        yield pool, ticks
    finally:
        pool.terminate()
        pool.join()
        ticks.close()


def _drain(ticks: Any, timeout: float) -> int:
    """How many statements the workers reported drawn since last asked (waiting up to
    `timeout` for the first report)."""
    count = 0
    try:
        count += ticks.get(timeout=timeout)
        while True:
            count += ticks.get_nowait()
    except queue.Empty:
        return count


def _pdf_date(options: PrintOptions) -> str:
    if options.invariant:
        return "D:20000101000000+00'00'"
    return clock.now().strftime("D:%Y%m%d%H%M%S+00'00'")


# -- in the workers ---------------------------------------------------------------------

_worker: dict[str, Any] = {}
#: A worker reports every this many statements drawn (fewer messages, still a smooth bar).
_TICK = 5


def _start_worker(book_path: str, vouched: FileState | None, ticks: Any) -> None:
    _worker["ticks"] = ticks
    try:
        _worker["book"] = Book.open(Path(book_path), read_only=True, vouched=vouched)
    except Exception as exc:  # kept for the first share to raise: a pool whose initializer
        _worker["error"] = exc  # fails would start new workers for ever


def _draw_share_in_worker(share: _Share, many: bool) -> list[tuple[Path | None, int]]:
    """`_draw_share` in a worker, reporting progress on the pool's queue."""
    if "error" in _worker:
        raise _worker["error"]
    book: Book = _worker["book"]
    ticks = _worker["ticks"]
    unreported = 0

    def tick() -> None:
        nonlocal unreported
        unreported += 1
        if unreported == _TICK:
            ticks.put(unreported)
            unreported = 0

    facts = _FactsWhenReady(share.work / _FACTS_FILE) if many else None
    with book.session() as session, session.begin():
        drawn = _draw_share(session, share, facts, tick)
    if unreported:
        ticks.put(unreported)
    return drawn


class _FactsWhenReady(Mapping[int, DuesFacts]):
    """The status facts the parent writes to `path`, read (waiting for them) when first used."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._facts: dict[int, DuesFacts] | None = None

    def _loaded(self) -> dict[int, DuesFacts]:
        if self._facts is None:
            while not self._path.exists():  # written whole, then renamed: never half there
                time.sleep(0.02)
            with self._path.open("rb") as stream:
                self._facts = pickle.load(stream)
        return self._facts

    def __getitem__(self, key: int) -> DuesFacts:
        return self._loaded()[key]

    def __iter__(self) -> Iterator[int]:
        return iter(self._loaded())

    def __len__(self) -> int:
        return len(self._loaded())
