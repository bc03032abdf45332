"""Undoable actions: the core says how a write is taken back; the app only hosts the stack.

An `Action` is a small object made for one user action (record this payment, change these
fields of that member). `do` makes the write; `undo` takes it back with a further write (the
ledger is append-only, so undoing a payment posts its reversal); `redo` makes it again. Each
method takes the caller's session like any service, so `Book.run(action.do)` is one
transaction and the action keeps what it needs (the payment id it made, the member's version)
on itself between calls. Undo/redo may be refused like any write (a `CoopdeskError`), e.g. when
someone else edited the member meanwhile.
"""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session


class Action(Protocol):
    """One user action that can be done, undone and redone, in that order."""

    @property
    def label(self) -> str:
        """What the action did, for the Edit menu ("Payment of $12.00 by Ana Ruiz")."""
        ...

    def do(self, session: Session) -> object: ...

    def undo(self, session: Session) -> object: ...

    def redo(self, session: Session) -> object: ...
