"""Verified single-file copies of a book, written through SQLite's backup API.

A file copy of a live book can catch it mid-transaction; the backup API copies a consistent
snapshot even while another process has the book open. The copy is written to a temporary file
in the destination folder with mode 0600, checked, fsynced and only then renamed into place, so
a failed or interrupted backup never leaves a half-written file under the final name.
"""

from __future__ import annotations

import os
import sqlite3
import tempfile
from pathlib import Path

from coopdesk.db.engine import APPLICATION_ID, BUSY_TIMEOUT_SECONDS, sqlite_uri
from coopdesk.errors import BookError, CoopdeskError


def write_backup(book_path: Path, out: Path) -> Path:
    """Copy the book at `book_path` to `out` (a file, or a folder to put it in); return the path."""
    if out.is_dir():
        out = out / book_path.name
    if out.resolve() == book_path.resolve():
        raise CoopdeskError(f"{out}: a backup cannot overwrite the book itself")
    folder = out.parent if str(out.parent) else Path(".")
    if not folder.is_dir():
        raise CoopdeskError(f"{folder}: no such folder for the backup")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".tmp", dir=folder)
    os.close(fd)  # mkstemp made it 0600; SQLite writes into it
    tmp = Path(tmp_name)
    try:
        _copy(book_path, tmp, out)
        problems = verify_copy(tmp)
        if problems:
            raise CoopdeskError(f"{out}: the backup copy did not verify: {'; '.join(problems)}")
        _fsync(tmp)
        os.replace(tmp, out)
        _fsync_dir(folder)
    except OSError as exc:
        raise CoopdeskError(f"{out}: cannot write the backup ({exc.strerror or exc})") from exc
    finally:
        tmp.unlink(missing_ok=True)
    return out


def _copy(book_path: Path, dest: Path, out: Path) -> None:
    src = sqlite3.connect(sqlite_uri(book_path, "ro"), uri=True, timeout=BUSY_TIMEOUT_SECONDS)
    try:
        dst = sqlite3.connect(dest, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except sqlite3.Error as exc:
        # Either side may fail (a damaged book, a full or read-only destination): say both.
        raise BookError(f"the backup of {book_path} to {out} failed ({exc}); the book is unchanged") from exc
    finally:
        src.close()


def verify_copy(path: Path) -> list[str]:
    """Problems found in a backup file: it must be a sound coopdesk book."""
    conn = sqlite3.connect(sqlite_uri(path, "ro"), uri=True)
    try:
        problems: list[str] = []
        if conn.execute("PRAGMA application_id").fetchone()[0] != APPLICATION_ID:
            problems.append("not stamped as a coopdesk book")
        lines = [row[0] for row in conn.execute("PRAGMA integrity_check")]
        if lines != ["ok"]:
            problems.extend(lines)
        return problems
    except sqlite3.Error as exc:
        return [str(exc)]
    finally:
        conn.close()


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
