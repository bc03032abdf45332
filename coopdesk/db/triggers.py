"""The triggers coopdesk puts in a book, by name, with the migration that first made each.

Migrations create them from here, and the schema guard refuses a book holding any trigger that
is not in this registry with exactly this text, or missing one its schema revision should have:
a book from elsewhere is untrusted input, and a foreign trigger could rewrite postings behind the
app's back. When a migration changes a trigger, give the new one a new name and keep the old
entry, so older books still pass the guard until they are upgraded.
"""

from __future__ import annotations

import re

_IMMUTABLE = "SELECT RAISE(ABORT, 'posted {what} cannot be changed or deleted; post a reversal instead')"

#: Triggers of the ledger (revision 0001).
LEDGER_TRIGGERS: dict[str, str] = {
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


#: Triggers of the member register (revision 0003): the change history is append-only.
MEMBER_TRIGGERS: dict[str, str] = {
    "coopdesk_member_changes_no_update": """
        CREATE TRIGGER coopdesk_member_changes_no_update BEFORE UPDATE ON member_changes
        BEGIN SELECT RAISE(ABORT, 'the history of member changes cannot be altered'); END""",
    "coopdesk_member_changes_no_delete": """
        CREATE TRIGGER coopdesk_member_changes_no_delete BEFORE DELETE ON member_changes
        BEGIN SELECT RAISE(ABORT, 'the history of member changes cannot be altered'); END""",
}

def _immutable(table: str, what: str) -> dict[str, str]:
    return {
        f"coopdesk_{table}_no_{verb.lower()}": f"""
        CREATE TRIGGER coopdesk_{table}_no_{verb.lower()} BEFORE {verb} ON {table}
        BEGIN SELECT RAISE(ABORT, 'recorded {what} cannot be changed or deleted; reverse them instead'); END"""
        for verb in ("UPDATE", "DELETE")
    }


#: Triggers of dues and payments (revision 0004): charges, payments and write-offs are records
#: of posted entries, as immutable as the entries themselves.
DUES_TRIGGERS: dict[str, str] = {
    **_immutable("charges", "charges"),
    **_immutable("payments", "payments"),
    **_immutable("write_offs", "write-offs"),
}

#: Triggers of the risk funds (revision 0005): claim payouts and year-end refunds are records of
#: posted entries; the overrides of a claim's policy, with their reasons, are its audit trail.
FUND_TRIGGERS: dict[str, str] = {
    **_immutable("claim_payouts", "claim payouts"),
    **_immutable("fund_refunds", "fund refunds"),
    **_immutable("claim_overrides", "policy overrides"),
}

#: Triggers of patronage (revision 0006): posted allocations, their lines and the capital
#: movements are records of posted entries.
PATRONAGE_TRIGGERS: dict[str, str] = {
    **_immutable("allocations", "allocations"),
    **_immutable("allocation_lines", "allocations"),
    **_immutable("capital_movements", "capital movements"),
}

#: Every trigger coopdesk has ever created, by name.
TRIGGERS: dict[str, str] = {**LEDGER_TRIGGERS, **MEMBER_TRIGGERS, **DUES_TRIGGERS, **FUND_TRIGGERS,
                            **PATRONAGE_TRIGGERS}

#: Which revision first created each group of triggers.
_SINCE: tuple[tuple[str, dict[str, str]], ...] = (
    ("0001", LEDGER_TRIGGERS), ("0003", MEMBER_TRIGGERS), ("0004", DUES_TRIGGERS),
    ("0005", FUND_TRIGGERS), ("0006", PATRONAGE_TRIGGERS))


def expected_triggers(revision_order: list[str], revision: str | None) -> set[str]:
    """The names of the triggers a book at `revision` must hold; none are required of a book
    from a newer coopdesk, which decides its own (it is opened read-only)."""
    if revision not in revision_order:
        return set()
    reached = revision_order[: revision_order.index(revision) + 1]
    return {name for since, group in _SINCE if since in reached for name in group}


def normalized_sql(sql: str) -> str:
    """Trigger text with white space folded, for comparing with what SQLite stored."""
    return re.sub(r"\s+", " ", sql).strip().rstrip(";").strip()


def is_known_trigger(name: str, sql: str | None) -> bool:
    """True when `name` is a coopdesk trigger and `sql` is exactly its text."""
    expected = TRIGGERS.get(name)
    return expected is not None and sql is not None and normalized_sql(sql) == normalized_sql(expected)
