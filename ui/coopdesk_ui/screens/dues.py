"""The Dues screen (to be built)."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from coopdesk.i18n import _
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.placeholder import PlaceholderScreen


class DuesScreen(PlaceholderScreen):
    """Placeholder until the Dues screen is built."""

    key = "dues"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, _("This screen is being built."), parent)

    @property
    def title(self) -> str:
        return _("Dues")
