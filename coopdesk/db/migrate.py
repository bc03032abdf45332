"""Running the Alembic migrations shipped inside the package."""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection


def alembic_config() -> Config:
    """An Alembic config pointing at the migrations in the installed package."""
    cfg = Config()
    cfg.set_main_option("script_location", str(files("coopdesk.db") / "migrations"))
    return cfg


@lru_cache(maxsize=1)
def script_directory() -> ScriptDirectory:
    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision this coopdesk knows."""
    head = script_directory().get_current_head()
    assert head is not None
    return head


def revision_order() -> list[str]:
    """Known revisions, oldest first."""
    return [rev.revision for rev in reversed(list(script_directory().walk_revisions()))]


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the book, or None when it has none."""
    return MigrationContext.configure(conn).get_current_revision()


def upgrade(conn: Connection, target: str = "head") -> None:
    """Migrate the book to `target` inside the caller's transaction on `conn`."""
    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)
    conn.exec_driver_sql(f"PRAGMA user_version = {schema_generation(target)}")


def schema_generation(revision: str) -> int:
    """A small integer for the header's user_version: how many migrations the book has seen."""
    order = revision_order()
    rev = head_revision() if revision == "head" else revision
    return order.index(rev) + 1
