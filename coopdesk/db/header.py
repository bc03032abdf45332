"""Reading a book's SQLite header by hand, before SQLite ever opens the file.

Opening a foreign or empty file with SQLite can change it (an empty file becomes a database
the moment a pragma is set). Checking the 100-byte header ourselves means a file that is not a
coopdesk book is refused with its bytes untouched.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from coopdesk.db.engine import APPLICATION_ID
from coopdesk.errors import BookError

SQLITE_MAGIC = b"SQLite format 3\x00"
HEADER_SIZE = 100


@dataclass(frozen=True, slots=True)
class BookHeader:
    page_size: int
    page_count: int
    user_version: int
    application_id: int


def read_header(path: Path) -> BookHeader:
    """The header of the coopdesk book at `path`, or a BookError saying why it is not one."""
    if not path.exists():
        raise BookError(f"{path}: no such file")
    if path.is_dir():
        raise BookError(f"{path}: is a folder, not a coopdesk book")
    try:
        with path.open("rb") as f:
            raw = f.read(HEADER_SIZE)
    except OSError as exc:
        raise BookError(f"{path}: cannot be read ({exc.strerror})") from exc
    if not raw:
        raise BookError(f"{path}: the file is empty, not a coopdesk book")
    if len(raw) < HEADER_SIZE or not raw.startswith(SQLITE_MAGIC):
        raise BookError(f"{path}: not a coopdesk book (not an SQLite database)")
    page_size = struct.unpack(">H", raw[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    page_count, = struct.unpack(">I", raw[28:32])
    user_version, = struct.unpack(">I", raw[60:64])
    application_id, = struct.unpack(">I", raw[68:72])
    if application_id != APPLICATION_ID:
        raise BookError(f"{path}: not a coopdesk book (an SQLite database of another program)")
    return BookHeader(page_size, page_count, user_version, application_id)
