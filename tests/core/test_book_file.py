"""Creating, opening and refusing book files; the lock; backups."""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from coopdesk.backup import verify_copy, write_backup
from coopdesk.book import Book
from coopdesk.db import migrate
from coopdesk.db.engine import APPLICATION_ID, PRAGMAS
from coopdesk.errors import BookError, BookInUse, CoopdeskError, ReadOnlyBook
from coopdesk.ledger import queries
from coopdesk.ledger.chart import DEFAULT_CHART
from coopdesk.lock import lock_path
from tests.core.helpers import file_digest, held_by_another_process, post, simple_entry

D = dt.date(2026, 3, 1)


def test_a_new_book_is_private_stamped_and_at_the_newest_schema(book: Book, book_path: Path) -> None:
    assert stat.S_IMODE(book_path.stat().st_mode) == 0o600
    raw = sqlite3.connect(book_path)
    try:
        assert raw.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
        assert raw.execute("PRAGMA user_version").fetchone()[0] == len(migrate.revision_order())
        revision = raw.execute("SELECT version_num FROM alembic_version").fetchone()[0]
    finally:
        raw.close()
    assert revision == migrate.head_revision()
    assert book.settings.name == "Riverside Food Co-op"
    assert book.settings.currency == "USD"
    codes = [row.code for row in book.read(queries.list_accounts)]
    assert codes == sorted(spec.code for spec in DEFAULT_CHART)


def test_every_connection_has_the_safety_pragmas(book: Book) -> None:
    def read_pragmas(session):  # type: ignore[no-untyped-def]
        conn = session.connection()
        return {name: conn.exec_driver_sql(f"PRAGMA {name}").scalar() for name in PRAGMAS}

    for _ in range(2):  # each read opens a fresh connection
        assert book.read(read_pragmas) == PRAGMAS


def test_creating_over_an_existing_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "taken.coopdesk"
    path.write_text("keep me")
    with pytest.raises(BookError, match="already there"):
        Book.create(path, name="X")
    assert path.read_text() == "keep me"


@pytest.mark.parametrize("currency, locale, month", [("XYZ", "en_US", 1), ("USD", "xx_QQ", 1), ("USD", "en_US", 13)])
def test_creating_with_bad_settings_leaves_no_file(tmp_path: Path, currency: str, locale: str, month: int) -> None:
    path = tmp_path / "new.coopdesk"
    with pytest.raises((CoopdeskError, ValueError)):
        Book.create(path, name="X", currency=currency, locale=locale, fiscal_year_start=month)
    assert not path.exists()


def _other_sqlite_db(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()


def _damaged_book(path: Path) -> None:
    with Book.create(path, name="X") as book:
        post(book, *(simple_entry(D, "5000", "1010", "1.00", memo="x" * 500) for _ in range(40)))
    data = bytearray(path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    for page in range(2, len(data) // page_size):  # scribble over every page but the header page
        data[page * page_size + 8: page * page_size + 200] = b"\xff" * 192
    path.write_bytes(bytes(data))


def _book_with(sql: str):  # type: ignore[no-untyped-def]
    def make(path: Path) -> None:
        Book.create(path, name="X").close()
        conn = sqlite3.connect(path)
        conn.execute(sql)
        conn.commit()
        conn.close()
    return make


REFUSED = {
    "text file": (lambda p: p.write_text("name,amount\nAda,12\n"), "not an SQLite database"),
    "empty file": (lambda p: p.write_bytes(b""), "empty"),
    "other program's database": (_other_sqlite_db, "another program"),
    "damaged book": (_damaged_book, "damaged"),
    "foreign trigger": (_book_with(
        "CREATE TRIGGER sneaky AFTER INSERT ON postings BEGIN UPDATE settings SET value='x'; END"),
        "trigger 'sneaky'"),
    "foreign view": (_book_with("CREATE VIEW v AS SELECT 1"), "view 'v'"),
    "missing coopdesk trigger": (_book_with("DROP TRIGGER coopdesk_postings_no_update"),
                                 "'coopdesk_postings_no_update' is missing"),
}


@pytest.mark.parametrize("case", sorted(REFUSED))
def test_a_file_that_is_not_a_sound_book_is_refused_unchanged(tmp_path: Path, case: str) -> None:
    make, message = REFUSED[case]
    path = tmp_path / "suspect.coopdesk"
    make(path)
    before = file_digest(path)
    with pytest.raises(BookError, match=message):
        Book.open(path)
    with pytest.raises(BookError):
        Book.open(path, read_only=True)
    assert file_digest(path) == before
    assert not lock_path(path).exists()


def test_a_folder_or_a_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BookError, match="is a folder"):
        Book.open(tmp_path)
    with pytest.raises(BookError, match="no such file"):
        Book.open(tmp_path / "missing.coopdesk")


def test_a_book_from_a_newer_coopdesk_opens_read_only(book_path: Path) -> None:
    Book.create(book_path, name="X").close()
    conn = sqlite3.connect(book_path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_future'")
    conn.commit()
    conn.close()
    with Book.open(book_path) as book:
        assert book.read_only
        assert any("newer version" in n for n in book.notices)
        assert book.read(queries.account_balances)  # still readable
        with pytest.raises(ReadOnlyBook):
            post(book, simple_entry(D, "5000", "1010", "1.00"))


def test_a_second_writer_is_told_who_holds_the_book(book: Book, book_path: Path) -> None:
    with pytest.raises(BookInUse) as refused:
        Book.open(book_path)
    assert f"process {os.getpid()}" in refused.value.message
    assert "in use by" in refused.value.message
    with Book.open(book_path, read_only=True) as reader:  # reading is still allowed
        assert reader.read_only


def test_the_lock_is_released_on_close(book_path: Path) -> None:
    Book.create(book_path, name="X").close()
    assert not lock_path(book_path).exists()
    Book.open(book_path).close()
    Book.open(book_path).close()


def test_a_lock_left_by_a_dead_process_is_taken_over(book_path: Path) -> None:
    Book.create(book_path, name="X").close()
    with held_by_another_process(book_path) as holder:
        with pytest.raises(BookInUse, match=f"process {holder.pid}"):
            Book.open(book_path)
    assert lock_path(book_path).exists()  # the dead process left its lock file behind
    with Book.open(book_path) as book:
        assert not book.read_only


def test_a_book_on_read_only_storage_opens_read_only(book_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Book.create(book_path, name="X").close()
    before = file_digest(book_path)
    # Tests run as root, who can write anywhere; pretend the stick is write-protected.
    monkeypatch.setattr("coopdesk.book.os.access", lambda path, mode: False)
    with Book.open(book_path) as book:
        assert book.read_only
        assert any("read-only storage" in n for n in book.notices)
        assert book.read(queries.list_accounts)
        with pytest.raises(ReadOnlyBook):
            post(book, simple_entry(D, "5000", "1010", "1.00"))
    assert not lock_path(book_path).exists()
    assert file_digest(book_path) == before


def test_backup_is_a_verified_private_copy_even_while_the_book_is_open(book: Book, tmp_path: Path) -> None:
    post(book, simple_entry(D, "5000", "1010", "12.34"))
    out = tmp_path / "copies"
    out.mkdir()
    written = write_backup(book.path, out)  # `book` still holds the writer's lock
    assert written == out / book.path.name
    assert stat.S_IMODE(written.stat().st_mode) == 0o600
    assert verify_copy(written) == []
    with Book.open(written, read_only=True) as copy:
        assert copy.read(queries.trial_balance) == book.read(queries.trial_balance)
    assert [p.name for p in out.iterdir()] == [book.path.name]  # no temporary file left


def test_backup_works_while_another_process_has_the_book_open(book_path: Path, tmp_path: Path) -> None:
    with Book.create(book_path, name="X") as book:
        post(book, simple_entry(D, "5000", "1010", "7.00"))
    with held_by_another_process(book_path):
        result = subprocess.run([sys.executable, "-m", "coopdesk.cli.main", "--book", str(book_path),
                                 "backup", str(tmp_path / "copy.coopdesk")], capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
    with Book.open(tmp_path / "copy.coopdesk", read_only=True) as copy:
        assert copy.read(queries.register, "5000").closing_balance.amount == 7


def test_backup_refuses_to_overwrite_the_book(book: Book) -> None:
    with pytest.raises(CoopdeskError, match="cannot overwrite"):
        write_backup(book.path, book.path)
