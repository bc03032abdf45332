"""The lock beside a book that keeps a second writer out.

The lock file (`BOOK.lock`) holds who has the book: host, process id and since when. The
operating system's advisory lock on that file (flock) is what really excludes: it is released
when the holding process dies, however it dies, so a lock left behind by a crashed app is simply
taken over. On a system without flock we fall back to asking whether the recorded process is
still alive on this host.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from coopdesk import clock
from coopdesk.errors import BookInUse

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class LockHolder:
    host: str
    pid: int
    since: str


def lock_path(book_path: Path) -> Path:
    return book_path.with_name(book_path.name + ".lock")


def read_holder(book_path: Path) -> LockHolder | None:
    """Who the lock file says holds the book (it may be stale)."""
    try:
        data = json.loads(lock_path(book_path).read_text(encoding="utf-8"))
        return LockHolder(str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class BookLock:
    """An exclusive writer's lock on one book; release() or process death frees it."""

    def __init__(self, book_path: Path) -> None:
        self.book_path = book_path
        self.path = lock_path(book_path)
        self._file: IO[str] | None = None

    def acquire(self) -> None:
        """Take the lock, or raise BookInUse naming the holder."""
        for _attempt in range(5):
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
            file = os.fdopen(fd, "r+", encoding="utf-8")
            if not self._try_os_lock(file):
                file.close()
                raise self._in_use()
            if _same_file(file, self.path):
                break
            file.close()  # the holder released and removed it meanwhile: lock the new one
        else:
            raise self._in_use()
        holder = LockHolder(socket.gethostname(), os.getpid(), clock.now().isoformat(timespec="seconds"))
        file.seek(0)
        file.truncate()
        json.dump({"host": holder.host, "pid": holder.pid, "since": holder.since}, file)
        file.flush()
        os.fsync(file.fileno())
        self._file = file

    def release(self) -> None:
        if self._file is None:
            return
        try:
            self.path.unlink(missing_ok=True)
        finally:
            self._file.close()  # closing releases the flock
            self._file = None

    def _try_os_lock(self, file: IO[str]) -> bool:
        if fcntl is not None:
            try:
                fcntl.flock(file.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                return False
            return True
        holder = read_holder(self.book_path)
        return holder is None or not _alive_here(holder)

    def _in_use(self) -> BookInUse:
        holder = read_holder(self.book_path)
        if holder is None:
            return BookInUse("the book is in use by another process", host="?", pid=0, since="?")
        return BookInUse(
            f"the book is in use by {holder.host}, process {holder.pid}, since {holder.since}",
            host=holder.host,
            pid=holder.pid,
            since=holder.since,
        )


def _same_file(file: IO[str], path: Path) -> bool:
    try:
        on_disk = path.stat()
    except FileNotFoundError:
        return False
    mine = os.fstat(file.fileno())
    return (mine.st_dev, mine.st_ino) == (on_disk.st_dev, on_disk.st_ino)


def _alive_here(holder: LockHolder) -> bool:
    if holder.host != socket.gethostname():
        return True  # another machine's process: we cannot tell, so assume it is alive
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
