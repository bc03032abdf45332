"""Schema migrations: models agree with them, older books upgrade safely, failures roll back."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, event

from coopdesk.backup import verify_copy
from coopdesk.book import Book, create_book_file
from coopdesk.db import migrate
from coopdesk.db.engine import APPLICATION_ID, make_engine
from coopdesk.db.models import Base
from coopdesk.errors import BookError
from coopdesk.ledger import queries
from coopdesk.lock import BookLock
from tests.core.helpers import file_digest


def stored_revision(path: Path) -> str:
    conn = sqlite3.connect(path)
    try:
        return str(conn.execute("SELECT version_num FROM alembic_version").fetchone()[0])
    finally:
        conn.close()


def test_the_models_describe_the_migrated_schema(book: Book) -> None:
    engine = make_engine(book.path, read_only=True)
    try:
        with engine.connect() as conn:
            diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    finally:
        engine.dispose()
    assert diffs == []


@pytest.fixture
def old_book(tmp_path: Path) -> Path:
    """A book as the oldest released schema left it (made with an older coopdesk)."""
    order = migrate.revision_order()
    if len(order) < 2:
        pytest.fail("there is one migration only; nothing to upgrade from")
    path = tmp_path / "old.coopdesk"
    create_book_file(path, name="Old Co-op", currency="USD", locale="en_US", fiscal_year_start=1,
                     revision=order[0])
    assert stored_revision(path) == order[0]
    return path


def test_an_older_book_is_upgraded_after_a_verified_backup(old_book: Path) -> None:
    with Book.open(old_book) as book:
        assert not book.read_only
        assert any("upgraded" in n for n in book.notices)
        assert book.read(queries.list_accounts)
    assert stored_revision(old_book) == migrate.head_revision()
    backups = list(old_book.parent.glob("old.before-upgrade-*.coopdesk"))
    assert len(backups) == 1
    assert verify_copy(backups[0]) == []
    assert stored_revision(backups[0]) == migrate.revision_order()[0]


def test_an_older_book_opened_for_reading_is_upgraded_too(old_book: Path) -> None:
    with Book.open(old_book, read_only=True) as book:
        assert book.read_only
        assert any("upgraded" in n for n in book.notices)
    assert stored_revision(old_book) == migrate.head_revision()
    assert len(list(old_book.parent.glob("old.before-upgrade-*.coopdesk"))) == 1


def test_an_older_book_in_use_elsewhere_is_read_as_it_is(old_book: Path) -> None:
    holder = BookLock(old_book)
    holder.acquire()  # another coopdesk has it open (and will upgrade it itself)
    try:
        before = file_digest(old_book)
        with Book.open(old_book, read_only=True) as book:
            assert any("will be upgraded" in n for n in book.notices)
            assert book.read(queries.list_accounts)
        assert file_digest(old_book) == before
    finally:
        holder.release()


@pytest.fixture
def failing_statement() -> Iterator[dict[str, Any]]:
    """Make the N-th SQL statement of the next migration fail, as a full disk or a bug would.

    Counting starts with the first write transaction (BEGIN IMMEDIATE) once armed: opening a
    book reads and checks it first, and the upgrade is its first write.
    """
    plan: dict[str, Any] = {"fail_at": None, "seen": 0, "active": False, "counting": False}

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if not plan["active"]:
            return
        if statement == "BEGIN IMMEDIATE":
            plan["counting"] = True
            return
        if not plan["counting"]:
            return
        plan["seen"] += 1
        if plan["seen"] == plan["fail_at"]:
            raise sqlite3.OperationalError("injected failure")

    event.listen(Engine, "before_cursor_execute", before)
    yield plan
    event.remove(Engine, "before_cursor_execute", before)


@pytest.mark.parametrize("fail_at", [1, 2, "last"])
def test_a_migration_that_fails_midway_leaves_the_book_exactly_as_it_was(
        old_book: Path, failing_statement: dict[str, Any], fail_at: int | str) -> None:
    before = file_digest(old_book)
    statements = _count_upgrade_statements(old_book)
    failing_statement["fail_at"] = statements if fail_at == "last" else fail_at
    failing_statement["active"] = True
    with pytest.raises(BookError, match="upgrade failed and the book was left as it was"):
        Book.open(old_book)
    failing_statement["active"] = False
    assert file_digest(old_book) == before
    assert stored_revision(old_book) == migrate.revision_order()[0]
    with Book.open(old_book) as book:  # and a later attempt still upgrades it
        assert book.read(queries.list_accounts)


def _count_upgrade_statements(path: Path) -> int:
    """How many statements the upgrade runs, counted on a throw-away copy."""
    copy = path.with_name("count.coopdesk")
    copy.write_bytes(path.read_bytes())
    count = 0

    def before(*args: Any) -> None:
        nonlocal count
        count += 1

    engine = make_engine(copy, read_only=False)
    try:
        with engine.begin() as conn:
            event.listen(conn, "before_cursor_execute", before)
            migrate.upgrade(conn)
    finally:
        engine.dispose()
        copy.unlink()
    assert count >= 3
    return count


def test_application_id_marks_every_revision(old_book: Path) -> None:
    conn = sqlite3.connect(old_book)
    try:
        assert conn.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    finally:
        conn.close()


def test_the_quick_reading_of_revisions_agrees_with_alembic() -> None:
    """Opening a book reads revisions without Alembic; Alembic must see the same chain."""
    alembic_order = [rev.revision for rev in reversed(list(migrate.script_directory().walk_revisions()))]
    assert migrate.revision_order() == alembic_order
    assert migrate.head_revision() == migrate.script_directory().get_current_head()
