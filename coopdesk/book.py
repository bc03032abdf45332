"""A book: one co-op's SQLite file, opened safely, with one short transaction per action.

`Book.create` makes a new book; `Book.open` refuses anything that is not a sound coopdesk book
(without changing its bytes), upgrades an older book after a verified backup, opens a newer one
read-only, and takes the writer's lock. `book.run(service, ...)` runs one service in one
`BEGIN IMMEDIATE` transaction and returns what changed; `book.read(query, ...)` runs a query.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

from sqlalchemy import Engine
from sqlalchemy.exc import DatabaseError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from coopdesk import clock, known_books
from coopdesk.backup import write_backup
from coopdesk.changes import ChangeSet, collect_changes
from coopdesk.db import migrate
from coopdesk.db.engine import APPLICATION_ID, READ_ONLY_TXN, make_engine
from coopdesk.db.guard import foreign_schema_objects, missing_triggers, quick_check_problems
from coopdesk.db.header import read_header
from coopdesk.errors import BookError, BookInUse, CoopdeskError, ReadOnlyBook
from coopdesk.ledger.chart import create_default_chart
from coopdesk.lock import BookLock
from coopdesk.money import minor_digits
from coopdesk.settings import BookSettings, load_settings, save_settings

P = ParamSpec("P")
T = TypeVar("T")

BOOK_SUFFIX = ".coopdesk"


class Book:
    """An open book. Close it (or use it as a context manager) to release the lock."""

    def __init__(self, path: Path, engine: Engine, *, read_only: bool, lock: BookLock | None,
                 notices: list[str], seen: known_books.FileState | None = None) -> None:
        self.path = path
        self.read_only = read_only
        #: Things the user should be told about this opening (read-only, upgraded, ...).
        self.notices = notices
        self._engine = engine
        self._lock = lock
        #: The file as this book's own last write left it: a close records the book as known
        #: (its next opening skips quick_check) only if no other program changed it since.
        self._last_written = None if read_only else known_books.file_state(path)
        #: The file as it was checked at opening, or as this book's own last write left it.
        self._seen = seen
        self._write_sessions = sessionmaker(engine, expire_on_commit=False)
        self._read_sessions = sessionmaker(
            engine.execution_options(**{READ_ONLY_TXN: True}), expire_on_commit=False
        )
        self.settings: BookSettings = self.read(load_settings)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def create(cls, path: Path, *, name: str, currency: str = "USD", locale: str = "en_US",
               fiscal_year_start: int = 1) -> Book:
        """Create a new, empty book at `path` and open it."""
        create_book_file(Path(path), name=name, currency=currency, locale=locale,
                         fiscal_year_start=fiscal_year_start)
        return cls.open(path)

    @classmethod
    def open(cls, path: Path, *, read_only: bool = False,
             vouched: known_books.FileState | None = None) -> Book:
        """Open the book at `path`, refusing anything that is not a sound coopdesk book.

        A book written by an older coopdesk is upgraded first (after a verified backup), even
        when it is opened for reading, as long as its storage is writable and no one else has it
        open: a successor opening last year's book should find it just works.

        The file's structure is checked (quick_check) unless coopdesk on this computer closed
        the book cleanly and it is unchanged since (`known_books`), or the process that has it
        open vouches for its state (`vouch`) and it is still in that state; its schema always is.
        """
        path = Path(path)
        read_header(path)  # refuses foreign, empty and folder paths before SQLite sees them
        notices: list[str] = []
        writable = _writable(path)
        if not read_only and not writable:
            read_only = True
            notices.append("The book is on read-only storage: it is open for reading only.")
        lock: BookLock | None = None
        if not read_only:
            lock = BookLock(path)
            lock.acquire()
        try:
            engine = make_engine(path, read_only=read_only)
            revision, checked = _verify(path, engine, vouched)
            if revision not in migrate.revision_order():
                engine.dispose()
                if lock is not None:
                    lock.release()
                    lock = None
                read_only = True
                engine = make_engine(path, read_only=True)
                notices.append(
                    "This book was written by a newer version of coopdesk: it is open for "
                    "reading only. Update coopdesk to change it."
                )
            elif revision != migrate.head_revision():
                if lock is not None:
                    notices.append(_upgrade(path, engine, revision))
                else:
                    engine.dispose()
                    notices.append(_upgrade_for_reading(path, revision, writable))
                    engine = make_engine(path, read_only=True)
            if revision != migrate.head_revision():
                checked = known_books.file_state(path)  # upgraded by this process just now
            return cls(path, engine, read_only=read_only, lock=lock, notices=notices, seen=checked)
        except BaseException:
            if lock is not None:
                lock.release()
            raise

    def close(self) -> None:
        """Release the engine's connections and the writer's lock.

        A writer records the book as closed cleanly (`known_books`) between the two: with no
        connection left and the lock still held, no other coopdesk can write in between.
        """
        self._engine.dispose()
        if self._lock is not None:
            try:
                known_books.remember(self.path, self._last_written)
            finally:
                self._lock.release()
                self._lock = None

    def __enter__(self) -> Book:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- working with it ----------------------------------------------------------------

    def run(self, service: Callable[Concatenate[Session, P], T], /, *args: P.args,
            **kwargs: P.kwargs) -> ChangeSet:
        """Run one service in one transaction; commit, or roll back on any error."""
        if self.read_only:
            raise ReadOnlyBook("the book is open for reading only; nothing was changed")
        try:
            with self._write_sessions() as session, session.begin():
                result = service(session, *args, **kwargs)
                changes = collect_changes(session, result)
        except OperationalError as exc:
            raise _storage_error(self.path, exc) from exc
        except IntegrityError as exc:
            # Services validate first; this is the database's own rule (a trigger) speaking.
            raise CoopdeskError(f"refused by the book: {exc.orig}; nothing was changed") from exc
        finally:
            self._note_own_write()
        if changes.settings:
            self.settings = self.read(load_settings)
        return changes

    def dry_run(self, service: Callable[Concatenate[Session, P], T], /, *args: P.args,
                **kwargs: P.kwargs) -> T:
        """Run a service exactly as `run` would, then roll everything back; return its result.

        For "--dry-run" and previews: the result says what the write would do, checked by the
        same code and the same database rules, and nothing is kept.
        """
        if self.read_only:
            raise ReadOnlyBook("the book is open for reading only, so a trial run cannot be made")
        with self._write_sessions() as session:
            session.begin()
            try:
                return service(session, *args, **kwargs)
            finally:
                session.rollback()
                session.info.pop("coopdesk_changes", None)
                self._note_own_write()  # a rolled-back transaction may still have touched the file

    def read(self, query: Callable[Concatenate[Session, P], T], /, *args: P.args,
             **kwargs: P.kwargs) -> T:
        """Run a query in a read transaction and return its result."""
        with self._read_sessions() as session, session.begin():
            return query(session, *args, **kwargs)

    def session(self) -> Session:
        """A read session for a long job (statements for every member) in a worker thread."""
        return self._read_sessions()

    def _note_own_write(self) -> None:
        self._last_written = known_books.file_state(self.path)
        self._seen = self._last_written

    def vouch(self) -> known_books.FileState | None:
        """The file's state now, if nothing but this book changed it since it was checked at
        opening: another process of this program (a statements worker) may then open it without
        reading every page again (`open(vouched=...)`). None when someone else changed it."""
        state = known_books.file_state(self.path)
        if state is None or state != self._seen or not known_books.settled(state):
            return None
        return state


def create_book_file(path: Path, *, name: str, currency: str, locale: str,
                     fiscal_year_start: int, revision: str = "head") -> None:
    """Write a new book file: mode 0600, stamped, migrated, with settings and the default chart.

    `revision` other than "head" makes a book as an older coopdesk did (tests of upgrades).
    """
    if not name.strip():
        raise CoopdeskError("the co-op needs a name")
    minor_digits(currency)
    if not 1 <= fiscal_year_start <= 12:
        raise CoopdeskError(f"fiscal year start must be a month from 1 to 12, not {fiscal_year_start}")
    _check_locale(locale)
    if path.exists():
        raise BookError(f"{path}: a file is already there; choose another name")
    if not path.parent.is_dir():
        raise BookError(f"{path.parent}: no such folder")
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise BookError(f"{path}: cannot create the book ({exc.strerror})") from exc
    engine = make_engine(path, read_only=False)
    try:
        with engine.begin() as conn:
            conn.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")
            migrate.upgrade(conn, revision)
        with Session(engine) as session, session.begin():
            save_settings(session, BookSettings(name.strip(), currency, locale, fiscal_year_start))
            create_default_chart(session)
    except BaseException:
        engine.dispose()
        path.unlink(missing_ok=True)
        raise
    engine.dispose()


def _verify(path: Path, engine: Engine,
            vouched: known_books.FileState | None = None) -> tuple[str, known_books.FileState | None]:
    """The book's schema revision, after checking its structure and schema, and the file's
    state as checked (under SQLite's shared lock); else BookError.

    The structure (quick_check, which reads every page) is not checked again when coopdesk on
    this computer closed the book cleanly and its file is unchanged since (`known_books`). The
    fingerprint is read before SQLite first opens the file (and would play a hot journal back);
    once the read transaction holds SQLite's shared lock, so that no SQLite writer can change
    the file under the reads that follow, `stat` confirms nothing changed in between.
    """
    known = known_books.known(path)
    trusted = vouched if vouched is not None else (known.state if known is not None else None)
    try:
        with engine.execution_options(**{READ_ONLY_TXN: True}).connect() as conn:
            conn.exec_driver_sql("PRAGMA schema_version").scalar()  # takes the shared lock
            checked = known_books.file_state(path)
            if trusted is None or checked != trusted:
                problems = quick_check_problems(conn)
                if problems:
                    raise BookError(f"{path}: the book is damaged ({problems[0]})")
            revision = migrate.current_revision(conn)
            if revision is None:
                raise BookError(f"{path}: not a coopdesk book (it has no schema version)")
            newer = revision not in migrate.revision_order()
            foreign = foreign_schema_objects(conn, newer=newer)
            if foreign:
                raise BookError(
                    f"{path}: refused, the book holds {', '.join(foreign)} that coopdesk did not create"
                )
            missing = missing_triggers(conn)
            if missing:
                raise BookError(
                    f"{path}: refused, the book was altered outside coopdesk "
                    f"(its safeguard {missing[0]!r} is missing)"
                )
    except DatabaseError as exc:
        raise BookError(f"{path}: the book is damaged ({exc.orig})") from exc
    return revision, checked


def _upgrade_for_reading(path: Path, revision: str, writable: bool) -> str:
    """Upgrade an older book about to be read, if it can be done now; say what happened."""
    if not writable:
        return ("This book was written by an older version of coopdesk and is on read-only "
                "storage, so it cannot be upgraded; copy it to this computer to work with it.")
    lock = BookLock(path)
    try:
        lock.acquire()
    except BookInUse:
        return ("This book was written by an older version of coopdesk; it will be upgraded "
                "when it is next opened for writing.")
    engine = make_engine(path, read_only=False)
    try:
        return _upgrade(path, engine, revision)
    finally:
        engine.dispose()
        lock.release()


def _upgrade(path: Path, engine: Engine, revision: str) -> str:
    """Back the book up beside itself, then migrate it to the newest schema in one transaction;
    return the notice that tells the user."""
    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    backup = path.with_name(f"{path.stem}.before-upgrade-{revision}-{stamp}{path.suffix}")
    write_backup(path, backup)
    try:
        with engine.begin() as conn:
            migrate.upgrade(conn)
    except Exception as exc:
        raise BookError(
            f"{path}: the upgrade failed and the book was left as it was ({exc}); "
            f"a copy is at {backup.name}"
        ) from exc
    return f"The book was upgraded; the old version is kept as {backup.name}."


def _writable(path: Path) -> bool:
    # SQLite writes its rollback journal beside the book, so the folder must be writable too.
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _check_locale(locale: str) -> None:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError) as exc:
        raise CoopdeskError(f"unknown locale {locale!r} (use a code such as en_US or fr_FR)") from exc


def _storage_error(path: Path, exc: OperationalError) -> CoopdeskError:
    text = str(exc.orig)
    if "full" in text:
        return CoopdeskError(f"{path}: the disk is full; nothing was changed")
    if "locked" in text or "busy" in text:
        return CoopdeskError(f"{path}: the book is busy in another program; nothing was changed, try again")
    if "readonly" in text or "read-only" in text:
        return ReadOnlyBook(f"{path}: the book cannot be written; nothing was changed")
    return CoopdeskError(f"{path}: the book could not be written ({text}); nothing was changed")
