"""A date field that speaks `datetime.date` and writes dates as the book's locale does."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate, QLocale
from PySide6.QtWidgets import QDateEdit, QWidget


class DateEdit(QDateEdit):
    """A QDateEdit with a calendar popup, four-digit years and `datetime.date` accessors."""

    def __init__(self, value: dt.date, locale: str = "en_US", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.set_locale_name(locale)
        self.set_value(value)

    def set_locale_name(self, name: str) -> None:
        """Write dates in the short format of locale `name` (e.g. "de_DE"), years in full."""
        locale = QLocale(name)
        self.setLocale(locale)
        self.calendarWidget().setLocale(locale)
        pattern = locale.dateFormat(QLocale.FormatType.ShortFormat)
        if "yyyy" not in pattern:
            # Two-digit years make 1926 and 2026 look alike; a ledger date must not be ambiguous.
            pattern = pattern.replace("yy", "yyyy")
        self.setDisplayFormat(pattern)

    def value(self) -> dt.date:
        """The date shown."""
        shown = self.date()
        return dt.date(shown.year(), shown.month(), shown.day())

    def set_value(self, value: dt.date) -> None:
        """Show `value`."""
        self.setDate(QDate(value.year, value.month, value.day))
