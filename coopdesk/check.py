"""`coopdesk check`: every check that proves a book sound, in one place.

Later features (dues, funds, patronage) add their sub-ledger tie-outs to `CHECKS`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coopdesk.db import migrate
from coopdesk.db.guard import foreign_schema_objects, missing_triggers
from coopdesk.dues.audit import dues_tie_out
from coopdesk.funds.audit import funds_tie_out
from coopdesk.patronage.audit import capital_tie_out
from coopdesk.ledger.audit import chain_problems, trial_balance_problems, unbalanced_entries

Check = Callable[[Session], list[str]]


def integrity_problems(session: Session) -> list[str]:
    """SQLite's full integrity check and its foreign-key check."""
    conn = session.connection()
    lines = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check").all()]
    problems = [] if lines == ["ok"] else [f"file integrity: {line}" for line in lines]
    for table, rowid, parent, _fk in conn.exec_driver_sql("PRAGMA foreign_key_check").all():
        problems.append(f"row {rowid} of {table} points to a missing row of {parent}")
    return problems


def schema_problems(session: Session) -> list[str]:
    conn = session.connection()
    newer = migrate.current_revision(conn) not in migrate.revision_order()
    return [f"the book holds {obj} that coopdesk did not create"
            for obj in foreign_schema_objects(conn, newer=newer)] + [
        f"the safeguard trigger {name!r} is missing" for name in missing_triggers(conn)]


CHECKS: list[tuple[str, Check]] = [
    ("file integrity", integrity_problems),
    ("schema", schema_problems),
    ("entries balance", unbalanced_entries),
    ("trial balance", trial_balance_problems),
    ("audit chain", chain_problems),
    ("dues sub-ledger", dues_tie_out),
    ("risk funds", funds_tie_out),
    ("capital accounts", capital_tie_out),
]


@dataclass(frozen=True, slots=True)
class CheckResult:
    name: str
    problems: list[str]


def run_checks(session: Session) -> list[CheckResult]:
    """Run every check; each result lists its problems (none when it passed)."""
    return [CheckResult(name, check(session)) for name, check in CHECKS]
