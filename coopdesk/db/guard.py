"""Checks that a book's file is sound and its schema is the one coopdesk made.

A book may come from another laptop, a USB stick or an e-mail: it is untrusted input. Before
anything runs on it we check its integrity and that it holds no trigger or view that coopdesk
did not create.
"""

from __future__ import annotations

import sqlite3

from sqlalchemy import Connection
from sqlalchemy.exc import DatabaseError

from coopdesk.db import migrate
from coopdesk.db.triggers import expected_triggers, is_known_trigger


def foreign_schema_objects(conn: Connection, *, newer: bool = False) -> list[str]:
    """Triggers and views in the book that coopdesk did not create, as readable lines.

    A book from a newer coopdesk (`newer`) may hold coopdesk triggers this version does not
    know; it is only ever opened read-only, so they cannot fire, and they are let through.
    """
    rows = conn.exec_driver_sql(
        "SELECT type, name, sql FROM sqlite_master WHERE type IN ('trigger', 'view') ORDER BY name"
    ).all()
    found: list[str] = []
    for kind, name, sql in rows:
        if newer and kind == "trigger" and name.startswith("coopdesk_"):
            continue
        if kind == "view" or not is_known_trigger(name, sql):
            found.append(f"{kind} {name!r}")
    return found


def missing_triggers(conn: Connection) -> list[str]:
    """The coopdesk triggers that guard the ledger but are missing from the book."""
    if conn.dialect.name != "sqlite":
        return []
    present = {row[0] for row in conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'").all()}
    expected = expected_triggers(migrate.revision_order(), migrate.current_revision(conn))
    return sorted(expected - present)


def quick_check_problems(conn: Connection) -> list[str]:
    """SQLite's quick_check: an empty list when the file's structure is sound."""
    try:
        lines = [row[0] for row in conn.exec_driver_sql("PRAGMA quick_check").all()]
    except (sqlite3.DatabaseError, DatabaseError) as exc:
        return [str(getattr(exc, "orig", exc))]
    return [] if lines == ["ok"] else lines
