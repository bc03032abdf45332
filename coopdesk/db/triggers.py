"""The triggers coopdesk puts in a book, by name.

Migrations create them from here, and the schema guard refuses a book holding any trigger that
is not in this registry with exactly this text: a book from elsewhere is untrusted input, and a
foreign trigger could rewrite postings behind the app's back. When a migration changes a trigger,
give the new one a new name and keep the old entry, so older books still pass the guard until
they are upgraded.
"""

from __future__ import annotations

import re

_IMMUTABLE = "SELECT RAISE(ABORT, 'posted {what} cannot be changed or deleted; post a reversal instead')"

TRIGGERS: dict[str, str] = {
    "coopdesk_entries_no_update": f"""
        CREATE TRIGGER coopdesk_entries_no_update BEFORE UPDATE ON journal_entries
        BEGIN {_IMMUTABLE.format(what='journal entries')}; END""",
    "coopdesk_entries_no_delete": f"""
        CREATE TRIGGER coopdesk_entries_no_delete BEFORE DELETE ON journal_entries
        BEGIN {_IMMUTABLE.format(what='journal entries')}; END""",
    "coopdesk_postings_no_update": f"""
        CREATE TRIGGER coopdesk_postings_no_update BEFORE UPDATE ON postings
        BEGIN {_IMMUTABLE.format(what='postings')}; END""",
    "coopdesk_postings_no_delete": f"""
        CREATE TRIGGER coopdesk_postings_no_delete BEFORE DELETE ON postings
        BEGIN {_IMMUTABLE.format(what='postings')}; END""",
    "coopdesk_entries_closed_period": """
        CREATE TRIGGER coopdesk_entries_closed_period BEFORE INSERT ON journal_entries
        WHEN NEW.entry_date <= (SELECT MAX(through_date) FROM period_closes)
        BEGIN SELECT RAISE(ABORT, 'the period of this entry is closed'); END""",
    "coopdesk_postings_closed_period": """
        CREATE TRIGGER coopdesk_postings_closed_period BEFORE INSERT ON postings
        WHEN (SELECT entry_date FROM journal_entries WHERE id = NEW.entry_id)
             <= (SELECT MAX(through_date) FROM period_closes)
        BEGIN SELECT RAISE(ABORT, 'the period of this entry is closed'); END""",
    "coopdesk_closes_no_update": """
        CREATE TRIGGER coopdesk_closes_no_update BEFORE UPDATE ON period_closes
        BEGIN SELECT RAISE(ABORT, 'a closed period cannot be reopened'); END""",
    "coopdesk_closes_no_delete": """
        CREATE TRIGGER coopdesk_closes_no_delete BEFORE DELETE ON period_closes
        BEGIN SELECT RAISE(ABORT, 'a closed period cannot be reopened'); END""",
}


def normalized_sql(sql: str) -> str:
    """Trigger text with white space folded, for comparing with what SQLite stored."""
    return re.sub(r"\s+", " ", sql).strip().rstrip(";").strip()


def is_known_trigger(name: str, sql: str | None) -> bool:
    """True when `name` is a coopdesk trigger and `sql` is exactly its text."""
    expected = TRIGGERS.get(name)
    return expected is not None and sql is not None and normalized_sql(sql) == normalized_sql(expected)
