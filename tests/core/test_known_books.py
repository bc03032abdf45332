"""Books closed cleanly here are not structure-checked again; anything else still is."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3
import stat
import time
from pathlib import Path

import pytest

from coopdesk import known_books, paths
from coopdesk.book import Book
from coopdesk.errors import BookError
from coopdesk.ledger import queries
from tests.core.helpers import post, simple_entry

D = dt.date(2026, 3, 1)
#: A short "racily clean" window for the tests; the real one is 2 s (FAT's granularity).
RACY_S = 0.1


@pytest.fixture(autouse=True)
def user_data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "user-data"
    monkeypatch.setattr(paths, "data_folder", lambda: data)
    monkeypatch.setattr(known_books, "RACY_NS", int(RACY_S * 1e9))
    return data


@pytest.fixture
def checks(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """Every quick_check `Book.open` runs, from now on."""
    import coopdesk.book

    done: list[Path] = []
    real = coopdesk.book.quick_check_problems

    def counted(conn):  # type: ignore[no-untyped-def]
        done.append(Path(conn.exec_driver_sql("PRAGMA database_list").all()[0][2]))
        return real(conn)

    monkeypatch.setattr(coopdesk.book, "quick_check_problems", counted)
    return done


def settle() -> None:
    """Let the window in which a file's times cannot show a change pass (see known_books)."""
    time.sleep(RACY_S * 1.2)


def known_book(path: Path, checks: list[Path], entries: int = 40) -> Path:
    """A book with some entries that coopdesk has closed cleanly, a while after its last write;
    `checks` starts counting afresh."""
    with Book.create(path, name="X") as book:
        post(book, *(simple_entry(D, "5000", "1010", "1.00", memo="x" * 300) for _ in range(entries)))
        settle()
    assert registered() == [str(path.resolve())]
    checks.clear()
    return path


def registered() -> list[str]:
    try:
        data = json.loads(known_books.registry_path().read_text(encoding="utf-8"))
    except FileNotFoundError:
        return []
    return list(data["books"])


def test_a_book_closed_cleanly_here_is_not_checked_again(book_path: Path, checks: list[Path]) -> None:
    known_book(book_path, checks)
    with Book.open(book_path) as book:
        assert book.read(queries.trial_balance)
    with Book.open(book_path, read_only=True) as book:
        assert book.read(queries.trial_balance)
    assert checks == []
    assert stat.S_IMODE(known_books.registry_path().stat().st_mode) == 0o600


def test_it_stays_known_across_sessions_of_work(book_path: Path, checks: list[Path]) -> None:
    known_book(book_path, checks)
    for _ in range(2):
        with Book.open(book_path) as book:
            post(book, simple_entry(D, "5000", "1010", "2.00"))
            settle()
        with Book.open(book_path) as book:  # opened and closed without a write
            pass
    assert checks == []
    assert registered() == [str(book_path.resolve())]


def test_a_close_right_after_a_write_does_not_vouch_for_the_book(book_path: Path, checks: list[Path]) -> None:
    # The file system may not be able to show a write made within its timestamp granularity.
    known_book(book_path, checks)
    with Book.open(book_path) as book:
        post(book, simple_entry(D, "5000", "1010", "2.00"))
    assert registered() == []
    Book.open(book_path).close()
    assert checks == [book_path]


def _sqlite_write(path: Path) -> None:
    conn = sqlite3.connect(path)
    conn.execute("UPDATE settings SET value = value || ' ' WHERE key = (SELECT min(key) FROM settings)")
    conn.commit()
    conn.close()


def _sqlite_write_keeping_times(path: Path) -> None:
    before = path.stat()
    _sqlite_write(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size


def _append(path: Path) -> None:
    with path.open("ab") as f:
        f.write(b"\0" * 4096)


def _touch(path: Path) -> None:
    os.utime(path)


def _rewritten_in_place_keeping_times(path: Path) -> None:
    # What `cp -p other.coopdesk book.coopdesk` does: same file (inode), bytes and times from
    # elsewhere. Only the status-change time, which no program can set, still tells.
    before = path.stat()
    path.write_bytes(path.read_bytes())
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    after = path.stat()
    assert (after.st_ino, after.st_size, after.st_mtime_ns) == (before.st_ino, before.st_size,
                                                                 before.st_mtime_ns)


CHANGED_ELSEWHERE = {
    "a row written by another SQLite program": _sqlite_write,
    "the same, with its times set back": _sqlite_write_keeping_times,
    "bytes appended": _append,
    "its time touched": _touch,
    "rewritten in place with its times kept": _rewritten_in_place_keeping_times,
}


@pytest.mark.parametrize("case", sorted(CHANGED_ELSEWHERE))
def test_a_book_changed_by_another_program_is_checked_again(book_path: Path, checks: list[Path],
                                                            case: str) -> None:
    known_book(book_path, checks)
    CHANGED_ELSEWHERE[case](book_path)
    Book.open(book_path, read_only=True).close()
    assert checks == [book_path]


def test_a_change_by_another_program_while_the_book_is_open_is_not_vouched_for(
        book_path: Path, checks: list[Path]) -> None:
    known_book(book_path, checks)
    with Book.open(book_path) as book:
        _sqlite_write(book_path)  # behind coopdesk's back, past its lock
        settle()
    assert registered() == []
    Book.open(book_path).close()
    assert checks == [book_path]


def test_a_book_damaged_after_a_clean_close_is_refused(book_path: Path, checks: list[Path]) -> None:
    known_book(book_path, checks, entries=200)
    data = bytearray(book_path.read_bytes())
    page_size = int.from_bytes(data[16:18], "big")
    last_page = len(data) // page_size - 1
    data[last_page * page_size + 8: last_page * page_size + 200] = b"\xff" * 192
    size = book_path.stat().st_size
    book_path.write_bytes(bytes(data))
    assert book_path.stat().st_size == size
    with pytest.raises(BookError, match="damaged"):
        Book.open(book_path)
    with pytest.raises(BookError, match="damaged"):
        Book.open(book_path, read_only=True)
    assert checks == [book_path, book_path]


def test_a_copy_of_a_known_book_is_checked(book_path: Path, tmp_path: Path, checks: list[Path]) -> None:
    known_book(book_path, checks)
    copy = tmp_path / "copy.coopdesk"
    shutil.copy2(book_path, copy)  # times preserved
    Book.open(copy).close()
    moved = tmp_path / "moved.coopdesk"
    book_path.rename(moved)  # the same file under another name
    Book.open(moved, read_only=True).close()
    assert checks == [copy, moved]


def test_a_book_with_a_journal_beside_it_is_checked(book_path: Path, checks: list[Path]) -> None:
    known_book(book_path, checks)
    book_path.with_name(book_path.name + "-journal").write_bytes(b"\0" * 512)
    Book.open(book_path).close()
    assert checks == [book_path]


GARBAGE = {
    "not JSON": b"{\"format\": 1, \"books\": {",
    "binary": bytes(range(256)),
    "a list": b"[1, 2, 3]",
    "another format": b'{"format": 99, "books": {}}',
    "entries of the wrong shape": b'{"format": 1, "books": {"/x": {"size": "big"}, "/y": [1]}}',
}


@pytest.mark.parametrize("case", sorted(GARBAGE))
def test_a_garbled_registry_means_the_book_is_checked(book_path: Path, checks: list[Path],
                                                      case: str) -> None:
    known_book(book_path, checks)
    known_books.registry_path().write_bytes(GARBAGE[case])
    with Book.open(book_path) as book:
        settle()
    assert checks == [book_path]
    assert registered() == [str(book_path.resolve())]  # the close wrote a sound registry again


def test_a_registry_that_cannot_be_read_or_written_never_fails_an_open_or_a_close(
        book_path: Path, user_data: Path, checks: list[Path]) -> None:
    user_data.parent.mkdir(parents=True, exist_ok=True)
    user_data.write_text("a file where the data folder should be")
    with Book.create(book_path, name="X") as book:
        post(book, simple_entry(D, "5000", "1010", "1.00"))
        settle()
    with Book.open(book_path):
        settle()
    assert checks == [book_path, book_path]
    user_data.unlink()
    user_data.mkdir()
    known_books.registry_path().mkdir()  # a folder where the registry should be
    with Book.open(book_path):
        settle()
    assert checks == [book_path] * 3


def test_reading_never_writes_the_registry(book_path: Path, checks: list[Path]) -> None:
    Book.create(book_path, name="X").close()  # closed right after its last write: not known
    time.sleep(RACY_S * 1.2)
    with Book.open(book_path, read_only=True):
        settle()
    assert not known_books.registry_path().exists()
    other = known_book(book_path.with_name("other.coopdesk"), checks)
    registry = known_books.registry_path()
    before = registry.read_bytes(), registry.stat().st_mtime_ns
    for path in (book_path, other):
        with Book.open(path, read_only=True):
            settle()
    assert (registry.read_bytes(), registry.stat().st_mtime_ns) == before
    assert checks == [book_path]  # but the known one was trusted


def test_the_fingerprint_holds_the_change_counter_sqlite_bumps_on_each_commit(book_path: Path) -> None:
    # Where the status-change time is not one (Windows: creation time), this tells a write by
    # another SQLite program whose times were set back.
    Book.create(book_path, name="X").close()
    before = known_books.fingerprint(book_path)
    _sqlite_write(book_path)
    after = known_books.fingerprint(book_path)
    assert before is not None and after is not None
    assert after.change_counter == before.change_counter + 1


def test_the_registry_forgets_books_that_are_gone_and_keeps_the_newest(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(known_books, "MAX_ENTRIES", 3)
    books = [known_book_among(tmp_path / f"b{i}.coopdesk") for i in range(4)]
    assert registered() == [str(p.resolve()) for p in books[1:]]
    books[2].unlink()
    with Book.open(books[0]):
        settle()
    assert registered() == [str(books[i].resolve()) for i in (1, 3, 0)]


def known_book_among(path: Path) -> Path:
    with Book.create(path, name="X"):
        settle()
    return path


def test_a_process_with_the_book_open_vouches_for_its_own_writes(book_path: Path,
                                                                  checks: list[Path]) -> None:
    known_book(book_path, checks)
    with Book.open(book_path) as book:
        post(book, simple_entry(D, "5000", "1010", "3.00"))
        assert book.vouch() is None  # a write this recent might hide another in the same tick
        settle()
        vouched = book.vouch()
        assert vouched is not None
        with Book.open(book_path, read_only=True, vouched=vouched) as worker:
            assert worker.read(queries.trial_balance)
        assert checks == []
        with Book.open(book_path, read_only=True) as unvouched:  # changed since the clean close
            assert unvouched.read(queries.trial_balance)
        assert checks == [book_path]


def test_no_vouching_for_a_file_another_program_changed(book_path: Path, checks: list[Path]) -> None:
    known_book(book_path, checks)
    with Book.open(book_path) as book:
        settle()
        stale = book.vouch()
        assert stale is not None
        _sqlite_write(book_path)
        settle()
        assert book.vouch() is None
        Book.open(book_path, read_only=True, vouched=stale).close()  # a stale voucher is no use
        assert checks == [book_path]
