"""The settings dialog (being built)."""

from __future__ import annotations

from coopdesk.i18n import _
from coopdesk_ui.context import AppContext


def edit_settings(context: AppContext) -> None:
    """Show the co-op's settings for editing."""
    context.tell(_("The settings dialog is being built."))
