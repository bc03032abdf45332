"""The Qt side of undo: a QUndoStack of core `Action`s (`coopdesk.undo`).

`perform(context, action)` makes the write through `context.write` (so a refusal shows a dialog
and never reaches the stack) and pushes a command for it. Qt calls `redo()` when a command is
pushed: that first call does nothing, the write being made. Later undo/redo calls run the
action's `undo`/`redo` as further writes; when one is refused (someone changed the member
meanwhile) the user is told and the command is marked obsolete, so the stack drops it instead
of pretending it happened.
"""

from __future__ import annotations

from PySide6.QtGui import QUndoCommand

from coopdesk.changes import ChangeSet
from coopdesk.undo import Action
from coopdesk_ui.context import AppContext


class ActionCommand(QUndoCommand):
    """One done `Action` on the undo stack."""

    def __init__(self, context: AppContext, action: Action) -> None:
        super().__init__(action.label)
        self.context = context
        self.action = action
        self._pushed = False

    def redo(self) -> None:
        if not self._pushed:
            self._pushed = True
            return
        if self.context.write(self.action.redo) is None:
            self.setObsolete(True)

    def undo(self) -> None:
        if self.context.write(self.action.undo) is None:
            self.setObsolete(True)


def perform(context: AppContext, action: Action) -> ChangeSet | None:
    """Do `action` on the open book and put it on the undo stack; None if it was refused."""
    changes = context.write(action.do)
    if changes is not None:
        context.undo_stack.push(ActionCommand(context, action))
    return changes
