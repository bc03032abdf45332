"""The Members screen's modal windows, behind one class that tests replace (as `Dialogs`).

The screen builds its forms itself and hands them here to be shown; a test replaces `run_form`
with a function that fills the form's fields and calls its `accept()`, as a user would.
"""

from __future__ import annotations

from PySide6.QtWidgets import QDialog


class MemberDialogs:
    """Modal windows of the Members screen; each classmethod shows one."""

    @classmethod
    def run_form(cls, form: QDialog) -> None:
        """Show `form` until the user saves or cancels it (the form does the saving)."""
        form.exec()
