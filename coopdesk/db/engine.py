"""The SQLite engine for one book, with the pragmas that keep its file safe.

Every connection gets the same pragmas (DESIGN.md, "Keeping the books safe"). Python 3.11's
sqlite3 driver would otherwise open transactions lazily and run DDL outside them; we switch
it to autocommit and emit BEGIN ourselves (SQLAlchemy's documented recipe), so a write is one
`BEGIN IMMEDIATE` transaction and a migration that fails midway rolls back whole.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.pool import NullPool

#: "Coop" in ASCII: the SQLite header field that marks a file as a coopdesk book.
APPLICATION_ID = 0x436F6F70

#: Pragmas set on every connection, and the values a test expects to read back.
PRAGMAS: dict[str, object] = {
    "journal_mode": "delete",
    "synchronous": 2,  # FULL
    "foreign_keys": 1,
    "trusted_schema": 0,
    "cell_size_check": 1,
    "mmap_size": 0,
}

#: Execution option that asks for a plain deferred BEGIN (reads) instead of BEGIN IMMEDIATE.
READ_ONLY_TXN = "coopdesk_read_only_txn"

BUSY_TIMEOUT_SECONDS = 10.0


def sqlite_uri(path: Path, mode: str) -> str:
    """A `file:` URI for `path`; mode is "ro", "rw" or "rwc"."""
    return f"file:{quote(str(path.absolute()))}?mode={mode}"


def connect(path: Path, mode: str) -> sqlite3.Connection:
    """A raw DB-API connection in autocommit mode with the book's pragmas set."""
    conn = sqlite3.connect(
        sqlite_uri(path, mode),
        uri=True,
        isolation_level=None,
        check_same_thread=False,
        timeout=BUSY_TIMEOUT_SECONDS,
    )
    apply_pragmas(conn, read_only=(mode == "ro"))
    return conn


def apply_pragmas(conn: sqlite3.Connection, *, read_only: bool) -> None:
    """Set the safety pragmas on a fresh connection."""
    for name, value in PRAGMAS.items():
        if read_only and name == "journal_mode":
            continue  # changing the journal mode is a write; a read-only book keeps DELETE anyway
        conn.execute(f"PRAGMA {name} = {value}")


def make_engine(path: Path, *, read_only: bool, create: bool = False) -> Engine:
    """An engine on the book at `path`; BEGIN IMMEDIATE for writes unless read-only."""
    mode = "ro" if read_only else ("rwc" if create else "rw")
    # NullPool: a desktop book sees few, short transactions; not keeping idle connections open
    # means a closed book leaves no file handle behind and the lock file tells the truth.
    engine = create_engine(
        "sqlite+pysqlite://", creator=lambda: connect(path, mode), poolclass=NullPool
    )

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        deferred = read_only or conn.get_execution_options().get(READ_ONLY_TXN, False)
        conn.exec_driver_sql("BEGIN" if deferred else "BEGIN IMMEDIATE")

    return engine
