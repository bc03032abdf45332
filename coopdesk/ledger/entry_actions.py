"""Posting a typed journal entry as an undoable action (`coopdesk.undo.Action`).

The ledger is append-only: undoing a posted entry posts its reversal, and redoing it posts the
same entry again as a new one. The action remembers the entry its last `do`/`redo` posted, so
an undo after a redo reverses the newer one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk.ids import EntryId
from coopdesk.ledger.service import post_entry, reverse_entry
from coopdesk.ledger.types import EntryDraft


@dataclass(frozen=True, slots=True)
class EntryUndone:
    """What undoing an entry did: `reversal_id` reverses entry `entry_id`."""

    entry_id: int
    reversal_id: int


def undo_date(entry_date: dt.date) -> dt.date:
    """The day an entry taken back now is reversed: today, or its own date if later, so the
    entry and its reversal net to nothing on every day after the entry."""
    return max(clock.today(), entry_date)


class PostEntry:
    """Post one entry; undo posts its reversal; redo posts it again."""

    def __init__(self, draft: EntryDraft, label: str) -> None:
        self.draft = draft
        self._label = label
        #: The entry the last `do` or `redo` posted; None before `do` and after `undo`.
        self.entry_id: EntryId | None = None

    @property
    def label(self) -> str:
        """What the Edit menu names ("entry: Printer paper")."""
        return self._label

    def do(self, session: Session) -> EntryId:
        """Post the entry; returns its number."""
        self.entry_id = post_entry(session, self.draft)
        return self.entry_id

    def undo(self, session: Session) -> EntryUndone:
        """Post the reversal of the entry posted (refused if it was reversed meanwhile)."""
        entry_id = self.entry_id
        if entry_id is None:
            raise CoopdeskError(_("this entry was not posted, so there is nothing to undo"))
        reversal = reverse_entry(session, entry_id, date=undo_date(self.draft.date))
        self.entry_id = None
        return EntryUndone(entry_id, reversal)

    def redo(self, session: Session) -> EntryId:
        """Post the entry again (a new entry: the undone one stays reversed)."""
        return self.do(session)
