"""The sidebar's screens, made the first time they are asked for.

Building every screen at launch imports every screen's forms and models (a third of a second of
a 1.5 s budget) for screens the treasurer may not open today. The registry knows each screen's
key and title up front and imports and builds the screen on first use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from importlib import import_module

from PySide6.QtWidgets import QStackedWidget

from coopdesk.i18n import N_, _
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.base import Screen

#: key -> (module, class, title): the order of the sidebar.
SCREENS: dict[str, tuple[str, str, str]] = {
    "dashboard": ("coopdesk_ui.screens.dashboard", "DashboardScreen", N_("Dashboard")),
    "members": ("coopdesk_ui.screens.members", "MembersScreen", N_("Members")),
    "dues": ("coopdesk_ui.screens.dues", "DuesScreen", N_("Dues")),
    "payments": ("coopdesk_ui.screens.payments", "PaymentsScreen", N_("Payments")),
    "statements": ("coopdesk_ui.screens.statements", "StatementsScreen", N_("Statements")),
    "funds": ("coopdesk_ui.screens.funds", "FundsScreen", N_("Funds")),
    "patronage": ("coopdesk_ui.screens.patronage", "PatronageScreen", N_("Patronage dividends")),
    "capital": ("coopdesk_ui.screens.capital", "CapitalScreen", N_("Capital accounts")),
    "meetings": ("coopdesk_ui.screens.meetings", "MeetingsScreen", N_("Annual meeting")),
    "ledger": ("coopdesk_ui.screens.ledger", "LedgerScreen", N_("Ledger")),
}


class ScreenRegistry(Mapping[str, Screen]):
    """Every screen by key; looking one up builds it (once) and adds it to the stack."""

    def __init__(self, context: AppContext, stack: QStackedWidget,
                 on_created: Callable[[Screen], None] = lambda screen: None) -> None:
        self._context = context
        self._stack = stack
        self._on_created = on_created
        self._made: dict[str, Screen] = {}

    def title(self, key: str) -> str:
        """The screen's title, without building it."""
        return _(SCREENS[key][2])

    def created(self) -> list[Screen]:
        """The screens built so far."""
        return list(self._made.values())

    def __getitem__(self, key: str) -> Screen:
        screen = self._made.get(key)
        if screen is None:
            module, name, _title = SCREENS[key]
            factory: type[Screen] = getattr(import_module(module), name)
            screen = factory(self._context)
            self._made[key] = screen
            self._stack.addWidget(screen)
            self._on_created(screen)
        return screen

    def __iter__(self) -> Iterator[str]:
        return iter(SCREENS)

    def __len__(self) -> int:
        return len(SCREENS)
