"""The Dues screen: plans and who is on them, the dues run, the arrears list, and collection.

Each tab queries the book only when it is on view: opening the screen on a book of thousands of
members draws the plans without computing the arrears too. A write (a plan added, a dues run, a
payment on another screen) marks every tab stale; the one on view reloads at once, the others
when they are next shown.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coopdesk.i18n import _
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.dues_run_dialog import DuesRunDialog
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.dues_arrears import ArrearsTab
from coopdesk_ui.screens.dues_collection import CollectionTab
from coopdesk_ui.screens.dues_dialogs import DuesDialogs
from coopdesk_ui.screens.dues_plans import PlansTab
from coopdesk_ui.screens.dues_table import DuesTab, heading

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


class DuesScreen(Screen):
    """Tabs for plans, arrears and collection, under a "Run dues through…" button."""

    key = "dues"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.plans = PlansTab(context)
        self.arrears = ArrearsTab(context)
        self.collection = CollectionTab(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.plans, _("&Plans"))
        self.tabs.addTab(self.arrears, _("A&rrears"))
        self.tabs.addTab(self.collection, _("&Collection"))
        self._stale_tabs: set[DuesTab] = set()
        self.run_button = QPushButton(_("Run &dues through") + ELLIPSIS)
        self.run_button.setToolTip(_("Charge every member the dues periods due up to a month"))

        top = QHBoxLayout()
        top.addWidget(heading(self.title))
        top.addStretch(1)
        top.addWidget(self.run_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)

        self.run_button.clicked.connect(self.run_dues)
        self.tabs.currentChanged.connect(self._load_current_tab)

    @property
    def title(self) -> str:
        return _("Dues")

    def reload(self) -> None:
        writable = self.context.writable
        self.run_button.setEnabled(writable)
        self.run_button.setToolTip(
            _("Charge every member the dues periods due up to a month") if writable
            else _("This book is open for reading only."))
        self._stale_tabs = {self.plans, self.arrears, self.collection}
        self._load_current_tab()

    def clear(self) -> None:
        self.run_button.setEnabled(False)
        self._stale_tabs.clear()
        for tab in self._tabs():
            tab.clear()

    def start_search(self) -> None:
        current = self.tabs.currentWidget()
        if isinstance(current, DuesTab):
            current.start_search()

    def run_dues(self) -> None:
        """Open the "Run dues through…" dialog (its preview, then its posting)."""
        if self.context.writable:
            DuesDialogs.run_form(DuesRunDialog(self.context, self))

    def _tabs(self) -> list[DuesTab]:
        return [self.plans, self.arrears, self.collection]

    def _load_current_tab(self) -> None:
        current = self.tabs.currentWidget()
        if (isinstance(current, DuesTab) and current in self._stale_tabs
                and self.context.host.book is not None):
            self._stale_tabs.discard(current)
            current.reload()
