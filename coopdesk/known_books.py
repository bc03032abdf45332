"""Books that coopdesk on this computer closed cleanly, so that reopening one need not re-check it.

`Book.open` runs SQLite's `quick_check` on a book before anything runs on it (DESIGN: a book that
came from elsewhere is untrusted input). That reads every page: seconds on a large book. A book
that this user's coopdesk itself closed cleanly, and that no one has touched since, did not come
from elsewhere, so its structure need not be checked again (its schema still is, every time).

The registry is a small JSON file in the user's data folder, written whole or not at all (mode
0600). It maps a book's resolved path to the fingerprint of its file at that clean close:

- device and inode: the same file, not a copy of it at the same path;
- size, modification and status-change times in nanoseconds: a write by any program changes
  them. The status-change time (ctime) cannot be set back by a program, so a file copied over
  the book with its times preserved (`cp -p`, many file managers) still looks changed;
- the SQLite header's file change counter (bytes 24..27), which SQLite bumps on every commit in
  rollback-journal mode, so a write by another SQLite program shows even with equal times.

An entry is written only when the book is, at close, exactly as coopdesk's own last write left
it (`Book` notes the file's state after each of its transactions), so a change made by another
program while the book was open is never vouched for. It is not written when the close comes
less than `RACY_NS` after the file last changed: a file system stamps times with a granularity
(2 s on FAT), and a write in the same tick would leave the times as they were (Git's "racily
clean" problem). A journal beside the book (a transaction in progress, or a hot journal left by
a crash) means "check it", as does anything wrong with the registry itself: missing, unreadable,
garbage, or a folder that cannot be written. Nothing here ever raises.

Reading the change counter means opening the book file, and on POSIX systems closing any
descriptor of a file drops every advisory lock the process holds on it, SQLite's included
(sqlite.org/howtocorrupt.html, 2.2). So the header is read only where `read_header` already
reads it, before the book's engine first connects, and at close, once the engine is disposed;
in between, `file_state` looks with `stat` alone.

Two coopdesk processes closing books at the same moment may each rewrite the file; the one
that loses has its entry missing, which only means its book is checked next time.
"""

from __future__ import annotations

import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from coopdesk import paths
from coopdesk.io.files import write_atomically

FILE_NAME = "known-books.json"
#: The registry keeps at most this many books, the most recently closed.
MAX_ENTRIES = 50
#: A close this soon after the file's last change is not recorded (timestamp granularity).
RACY_NS = 2_000_000_000
_FORMAT = 1
_HEADER_SIZE = 100
_JOURNAL_SUFFIXES = ("-journal", "-wal")

#: Device, inode, size, mtime and ctime (ns): what `stat` alone says about a file.
FileState = tuple[int, int, int, int, int]


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What the file system and the SQLite header say about a book file, at one moment."""

    device: int
    inode: int
    size: int
    mtime_ns: int
    ctime_ns: int
    change_counter: int

    @property
    def state(self) -> FileState:
        return (self.device, self.inode, self.size, self.mtime_ns, self.ctime_ns)

    @property
    def last_changed_ns(self) -> int:
        return max(self.mtime_ns, self.ctime_ns)


def registry_path() -> Path:
    return paths.data_folder() / FILE_NAME


def file_state(path: Path) -> FileState | None:
    """What `stat` says about the book file now (None if it cannot); safe at any time, as it
    opens no descriptor of the file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def settled(state: FileState) -> bool:
    """Whether a file in `state` last changed long enough ago (`RACY_NS`) that a write since
    would show in its times."""
    return time.time_ns() - max(state[3], state[4]) >= RACY_NS


def fingerprint(path: Path) -> Fingerprint | None:
    """The book file's fingerprint now; None when it cannot be read, or when a journal beside
    it says a transaction is in progress or was cut short.

    It opens the file: call it only while this process has no SQLite connection on the book
    (see the module's notes).
    """
    try:
        if _has_journal(path):
            return None
        with open(path, "rb") as file:
            header = file.read(_HEADER_SIZE)
            st = os.fstat(file.fileno())
    except OSError:
        return None
    if len(header) < _HEADER_SIZE:
        return None
    return Fingerprint(
        device=st.st_dev,
        inode=st.st_ino,
        size=st.st_size,
        mtime_ns=st.st_mtime_ns,
        ctime_ns=st.st_ctime_ns,
        change_counter=int.from_bytes(header[24:28], "big"),
    )


def _has_journal(path: Path) -> bool:
    """Whether a journal lies beside the book: a transaction in progress, or one cut short by a
    crash (a hot journal, which SQLite plays back when it next reads the book)."""
    try:
        return any(_journal(path, suffix).exists() for suffix in _JOURNAL_SUFFIXES)
    except OSError:
        return True


def known(path: Path) -> Fingerprint | None:
    """The book file's fingerprint, if coopdesk on this computer closed the book cleanly and the
    file is exactly as it was then; None whenever in doubt. It opens the file (see
    `fingerprint`)."""
    try:
        now = fingerprint(path)
        if now is None or _load().get(_key(path)) != now:
            return None
        return now
    except Exception:  # the registry only ever saves time; in doubt, the book is checked
        return None


def remember(path: Path, last_written: FileState | None) -> None:
    """Record the book at `path` as closed cleanly, if its file is still exactly as coopdesk's
    own last write left it (`last_written`); otherwise make sure it is not recorded.

    Call it with the book's engine disposed and its writer's lock still held, so that no other
    coopdesk can write between the fingerprint and the record. Never raises.
    """
    try:
        key = _key(path)
        now = fingerprint(path)
        if now is not None and (now.state != last_written
                                or time.time_ns() - now.last_changed_ns < RACY_NS):
            now = None
        entries = _load()
        if now is None and key not in entries:
            return
        entries.pop(key, None)
        if now is not None:
            entries[key] = now  # last: the most recently closed
        _save(entries)
    except Exception:  # never fail a close over the registry
        return


def _key(path: Path) -> str:
    return str(Path(path).resolve())


def _journal(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def _load() -> dict[str, Fingerprint]:
    """The registry's entries, oldest first; empty when it is missing or unreadable."""
    try:
        data = json.loads(registry_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict) or data.get("format") != _FORMAT:
        return {}
    books = data.get("books")
    if not isinstance(books, dict):
        return {}
    entries: dict[str, Fingerprint] = {}
    for key, fields in books.items():
        entry = _entry(fields)
        if isinstance(key, str) and entry is not None:
            entries[key] = entry
    return entries


def _entry(fields: Any) -> Fingerprint | None:
    names = Fingerprint.__dataclass_fields__
    if not isinstance(fields, dict) or set(fields) != set(names):
        return None
    if not all(type(value) is int for value in fields.values()):
        return None
    return Fingerprint(**fields)


def _save(entries: dict[str, Fingerprint]) -> None:
    """Write the registry, keeping only books still as recorded, and at most MAX_ENTRIES."""
    kept = {key: entry for key, entry in entries.items() if file_state(Path(key)) == entry.state}
    newest = list(kept.items())[-MAX_ENTRIES:]
    text = json.dumps({"format": _FORMAT, "books": {key: asdict(e) for key, e in newest}},
                      indent=1)
    folder = registry_path().parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomically(registry_path(), text + "\n")

