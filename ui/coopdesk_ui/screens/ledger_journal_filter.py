"""The journal's filter bar: a period (or a custom range of dates), a kind, and search text.

It only says what to list (`criteria()` -> JournalFilter) and when that changed (`changed`);
the journal tab does the reading. Typing in the search field waits for a pause before saying
so, since on a large book a search that matches little reads far.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from enum import Enum

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from coopdesk import clock
from coopdesk.i18n import _
from coopdesk.ledger.journal_page import JournalFilter
from coopdesk_ui.models.journal_model import KIND_LABELS
from coopdesk_ui.widgets.date_edit import DateEdit

#: How long typing must pause before the journal is searched.
SEARCH_PAUSE_MS = 350


class Period(Enum):
    ALL = "all"
    THIS_MONTH = "this_month"
    LAST_MONTH = "last_month"
    THIS_YEAR = "this_year"
    LAST_YEAR = "last_year"
    CUSTOM = "custom"


def period_label(period: Period) -> str:
    return {
        Period.ALL: _("All dates"),
        Period.THIS_MONTH: _("This month"),
        Period.LAST_MONTH: _("Last month"),
        Period.THIS_YEAR: _("This year"),
        Period.LAST_YEAR: _("Last year"),
        Period.CUSTOM: _("From – to"),
    }[period]


def period_range(period: Period, today: dt.date) -> tuple[dt.date | None, dt.date | None]:
    """The first and last day of a named period around `today` (None: unbounded)."""
    month_start = today.replace(day=1)
    if period is Period.THIS_MONTH:
        return month_start, today
    if period is Period.LAST_MONTH:
        last_day = month_start - dt.timedelta(days=1)
        return last_day.replace(day=1), last_day
    if period is Period.THIS_YEAR:
        return today.replace(month=1, day=1), today
    if period is Period.LAST_YEAR:
        return dt.date(today.year - 1, 1, 1), dt.date(today.year - 1, 12, 31)
    return None, None


class JournalFilterBar(QWidget):
    """Period, From/To (for a custom range), kind and search; `changed` when any changes."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = clock.today()
        self.period_combo = QComboBox()
        for period in Period:
            self.period_combo.addItem(period_label(period), period)
        self.from_edit = DateEdit(today.replace(day=1))
        self.to_edit = DateEdit(today)
        self.from_label = QLabel(_("&From"))
        self.from_label.setBuddy(self.from_edit)
        self.to_label = QLabel(_("t&o"))
        self.to_label.setBuddy(self.to_edit)
        self.kind_combo = QComboBox()
        self.kind_combo.addItem(_("All kinds"), None)
        for kind, label in KIND_LABELS.items():
            self.kind_combo.addItem(_(label), str(kind))
        self.search_edit = QLineEdit()
        self.search_edit.setPlaceholderText(_("Search memos or an entry number"))
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.setMinimumWidth(220)
        self._pause = QTimer(self)
        self._pause.setSingleShot(True)
        self._pause.setInterval(SEARCH_PAUSE_MS)

        show_label = QLabel(_("&Show"))
        show_label.setBuddy(self.period_combo)
        kind_label = QLabel(_("&Kind"))
        kind_label.setBuddy(self.kind_combo)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        for widget in (show_label, self.period_combo, self.from_label, self.from_edit,
                       self.to_label, self.to_edit):
            row.addWidget(widget)
        row.addSpacing(12)
        row.addWidget(kind_label)
        row.addWidget(self.kind_combo)
        row.addStretch(1)
        row.addWidget(self.search_edit, 1)
        self._show_range_edits()

        self.period_combo.currentIndexChanged.connect(self._on_period)
        self.from_edit.dateChanged.connect(self._on_dates)
        self.to_edit.dateChanged.connect(self._on_dates)
        self.kind_combo.currentIndexChanged.connect(self.changed)
        self.search_edit.textChanged.connect(self._pause.start)
        self.search_edit.returnPressed.connect(self._search_now)
        self._pause.timeout.connect(self.changed)

    def criteria(self) -> JournalFilter:
        """What the user asked to see."""
        period: Period = self.period_combo.currentData()
        date_from: dt.date | None
        date_to: dt.date | None
        if period is Period.CUSTOM:
            date_from, date_to = self.from_edit.value(), self.to_edit.value()
        else:
            date_from, date_to = period_range(period, clock.today())
        kind = self.kind_combo.currentData()
        return JournalFilter(date_from, date_to, kind, self.search_edit.text().strip())

    def set_locale_name(self, name: str) -> None:
        """Write the dates as locale `name` does."""
        self.from_edit.set_locale_name(name)
        self.to_edit.set_locale_name(name)

    def show_everything(self) -> None:
        """All dates, all kinds, no search (without announcing it)."""
        def apply() -> None:
            self.period_combo.setCurrentIndex(0)
            self.kind_combo.setCurrentIndex(0)
            self.search_edit.clear()
        self._quietly(apply)

    def show_range(self, date_from: dt.date, date_to: dt.date) -> None:
        """A custom range of dates (without announcing it)."""
        def apply() -> None:
            self.period_combo.setCurrentIndex(self.period_combo.findData(Period.CUSTOM))
            self.from_edit.set_value(date_from)
            self.to_edit.set_value(date_to)
        self._quietly(apply)

    def _quietly(self, change: Callable[[], None]) -> None:
        widgets = (self.period_combo, self.kind_combo, self.search_edit, self.from_edit,
                   self.to_edit)
        for widget in widgets:
            widget.blockSignals(True)
        try:
            change()
        finally:
            for widget in widgets:
                widget.blockSignals(False)
        self._pause.stop()
        self._show_range_edits()

    def _on_period(self) -> None:
        period: Period = self.period_combo.currentData()
        if period is not Period.CUSTOM:
            start, end = period_range(period, clock.today())
            if start is not None and end is not None:
                for edit, value in ((self.from_edit, start), (self.to_edit, end)):
                    edit.blockSignals(True)
                    edit.set_value(value)
                    edit.blockSignals(False)
        self._show_range_edits()
        self.changed.emit()

    def _on_dates(self) -> None:
        if self.from_edit.value() > self.to_edit.value():
            # Keep the range a range: the other end follows the one being changed.
            edit = self.to_edit if self.sender() is self.from_edit else self.from_edit
            value = (self.from_edit if edit is self.to_edit else self.to_edit).value()
            edit.blockSignals(True)
            edit.set_value(value)
            edit.blockSignals(False)
        self.changed.emit()

    def _search_now(self) -> None:
        if self._pause.isActive():
            self._pause.stop()
            self.changed.emit()

    def _show_range_edits(self) -> None:
        custom = self.period_combo.currentData() is Period.CUSTOM
        for widget in (self.from_label, self.from_edit, self.to_label, self.to_edit):
            widget.setVisible(custom)
