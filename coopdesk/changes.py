"""What one write changed, so views refresh only what they must.

Services note what they touch with `note_changes(session, ...)`; `Book.run` gathers the notes
of its transaction into a `ChangeSet` that it returns once the commit succeeded.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy.orm import Session

_KEY = "coopdesk_changes"


@dataclass(frozen=True, slots=True)
class ChangeSet:
    """The result of one committed write and the ids of what it changed, by kind."""

    result: Any = None
    areas: frozenset[str] = frozenset()
    entries: frozenset[int] = frozenset()
    accounts: frozenset[int] = frozenset()
    members: frozenset[int] = frozenset()
    funds: frozenset[int] = frozenset()
    settings: bool = False


@dataclass(slots=True)
class _Notes:
    areas: set[str] = field(default_factory=set)
    entries: set[int] = field(default_factory=set)
    accounts: set[int] = field(default_factory=set)
    members: set[int] = field(default_factory=set)
    funds: set[int] = field(default_factory=set)
    settings: bool = False


def note_changes(
    session: Session,
    *,
    area: str,
    entries: Iterable[int] = (),
    accounts: Iterable[int] = (),
    members: Iterable[int] = (),
    funds: Iterable[int] = (),
    settings: bool = False,
) -> None:
    """Record, for the current transaction, what a service changed."""
    notes: _Notes = session.info.setdefault(_KEY, _Notes())
    notes.areas.add(area)
    notes.entries.update(entries)
    notes.accounts.update(accounts)
    notes.members.update(i for i in members if i is not None)
    notes.funds.update(i for i in funds if i is not None)
    notes.settings = notes.settings or settings


def collect_changes(session: Session, result: Any) -> ChangeSet:
    """The ChangeSet of everything noted on `session`, carrying the service's `result`."""
    notes: _Notes = session.info.pop(_KEY, _Notes())
    return ChangeSet(
        result=result,
        areas=frozenset(notes.areas),
        entries=frozenset(notes.entries),
        accounts=frozenset(notes.accounts),
        members=frozenset(notes.members),
        funds=frozenset(notes.funds),
        settings=notes.settings,
    )
