"""The Patronage screen: measures and pools, the records, and the year's allocation.

Three tabs, each loaded only while on view (as the Dues screen's): "Measures & pools" (what
patronage is counted in and how the surplus divides between member classes), "Records" (the
records of a year, the quick entry, the CSV import), "Allocation" (the posted years, the
allocation wizard, paying the cash part). Every write goes through the core in one transaction
and the screen refreshes from the ChangeSet every view is given (areas "patronage" and
"capital", and members, whose names the tables show). Patronage has no undo: the core has no
Actions for it; a posted allocation is final, as its entries are. A book open for reading
shows everything and offers no action.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QTabWidget, QVBoxLayout, QWidget

from coopdesk.changes import ChangeSet
from coopdesk.i18n import _
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.base import Screen
from coopdesk_ui.screens.dues_table import heading
from coopdesk_ui.screens.patronage_allocation_tab import AllocationTab
from coopdesk_ui.screens.patronage_measures_tab import MeasuresTab
from coopdesk_ui.screens.patronage_records_tab import RecordsTab
from coopdesk_ui.screens.patronage_tab import PatronageTab

#: What a write must touch for this screen to read the book again.
AREAS = frozenset({"patronage", "capital", "members"})
_NOTE_STYLE = "color: palette(dark);"


class PatronageScreen(Screen):
    """Tabs for measures and pools, records, and allocation."""

    key = "patronage"

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.measures = MeasuresTab(context)
        self.records = RecordsTab(context)
        self.allocation = AllocationTab(context)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.measures, _("Measures && &pools"))
        self.tabs.addTab(self.records, _("&Records"))
        self.tabs.addTab(self.allocation, _("A&llocation"))
        self._stale_tabs: set[PatronageTab] = set()
        self.feedback = QLabel()
        self.feedback.setWordWrap(True)
        self.feedback.setStyleSheet(_NOTE_STYLE)
        top = QHBoxLayout()
        top.addWidget(heading(self.title))
        top.addWidget(self.feedback, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tabs, 1)
        self.tabs.currentChanged.connect(self._load_current_tab)
        self.clear()

    @property
    def title(self) -> str:
        return _("Patronage dividends")

    def reload(self) -> None:
        self._stale_tabs = set(self._tabs())
        self._load_current_tab()
        self._follow_writable()

    def clear(self) -> None:
        self._stale_tabs.clear()
        for tab in self._tabs():
            tab.clear()
        self._follow_writable()

    def is_affected(self, changes: ChangeSet) -> bool:
        # Patronage and capital writes; members' names and classes; entries move the surplus.
        return bool(changes.areas & AREAS or changes.members or changes.entries)

    def start_search(self) -> None:
        self.tabs.setCurrentWidget(self.records)
        self.records.start_search()

    def _tabs(self) -> list[PatronageTab]:
        return [self.measures, self.records, self.allocation]

    def _load_current_tab(self) -> None:
        current = self.tabs.currentWidget()
        if (isinstance(current, PatronageTab) and current in self._stale_tabs
                and self.context.host.book is not None):
            self._stale_tabs.discard(current)
            current.reload()

    def _follow_writable(self) -> None:
        if self.context.host.book is not None and not self.context.writable:
            self.feedback.setText(_("This book is open for reading only: patronage can be "
                                    "looked at, not changed."))
        else:
            self.feedback.clear()
