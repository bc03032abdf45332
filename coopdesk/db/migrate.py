"""Running the Alembic migrations shipped inside the package.

Opening a book only needs to know which revisions exist and which one the book is at; that is
read from the migration files' `revision =` lines and the `alembic_version` table, without
importing Alembic (about 0.17 s of the app's launch). Alembic itself is imported only to
upgrade. A test checks the quick reading against Alembic's own.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib.resources import files
from typing import TYPE_CHECKING

from sqlalchemy import Connection, text
from sqlalchemy.exc import OperationalError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

_REVISION_LINE = re.compile(r'^(down_revision|revision) = (?:"([^"]*)"|None)$', re.MULTILINE)


def alembic_config() -> Config:
    """An Alembic config pointing at the migrations in the installed package."""
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(files("coopdesk.db") / "migrations"))
    return cfg


@lru_cache(maxsize=1)
def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def head_revision() -> str:
    """The newest schema revision this coopdesk knows."""
    return revision_order()[-1]


@lru_cache(maxsize=1)
def _revision_chain() -> tuple[str, ...]:
    parents: dict[str | None, str] = {}
    for path in (files("coopdesk.db") / "migrations" / "versions").iterdir():
        if not path.name.endswith(".py") or path.name.startswith("__"):
            continue
        found = dict((key, value or None) for key, value in _REVISION_LINE.findall(path.read_text()))
        if "revision" in found:
            parents[found.get("down_revision")] = str(found["revision"])
    chain: list[str] = []
    parent: str | None = None
    while parent in parents:
        parent = parents[parent]
        chain.append(parent)
    return tuple(chain)


def revision_order() -> list[str]:
    """Known revisions, oldest first."""
    return list(_revision_chain())


def current_revision(conn: Connection) -> str | None:
    """The revision stamped in the book, or None when it has none."""
    try:
        rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except OperationalError:
        return None  # no alembic_version table: not stamped
    return str(rows[0][0]) if len(rows) == 1 else None


def upgrade(conn: Connection, target: str = "head") -> None:
    """Migrate the book to `target` inside the caller's transaction on `conn`."""
    from alembic import command

    cfg = alembic_config()
    cfg.attributes["connection"] = conn
    command.upgrade(cfg, target)
    conn.exec_driver_sql(f"PRAGMA user_version = {schema_generation(target)}")


def schema_generation(revision: str) -> int:
    """A small integer for the header's user_version: how many migrations the book has seen."""
    order = revision_order()
    rev = head_revision() if revision == "head" else revision
    return order.index(rev) + 1
