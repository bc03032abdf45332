"""The fields of a dialog that pays out on a day by a method: the day, the method (bank
transfer first chosen), and under them the line saying what will be paid and the core's reason
when it refuses.

What will be paid is worked out by the core itself in a transaction rolled back
(`Book.dry_run`), so the line says exactly what "Pay" posts; each dialog words the line.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from coopdesk.dues.accounts import PAYMENT_METHODS
from coopdesk.errors import CoopdeskError
from coopdesk.i18n import _
from coopdesk_ui.book_host import BookHost
from coopdesk_ui.models.payment_list_model import method_label
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError

T = TypeVar("T")


def method_combo() -> QComboBox:
    """The payment methods, bank transfer first chosen."""
    combo = QComboBox()
    for method in PAYMENT_METHODS:
        combo.addItem(method_label(method), method)
    combo.setCurrentIndex(combo.findData("bank_transfer"))
    return combo


class PayFields(QWidget):
    """The day (captioned `date_caption`, first `day`) and the method of a payment, the line
    saying what it pays (`what_label`, bold) and why it cannot (`form_error`); `changed` is
    emitted when the day or the method changes."""

    changed = Signal()

    def __init__(self, day: dt.date, locale: str, date_caption: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date_edit = DateEdit(day, locale)
        self.method_combo = method_combo()
        self.what_label = QLabel()
        self.what_label.setWordWrap(True)
        font = self.what_label.font()
        font.setBold(True)
        self.what_label.setFont(font)
        self.form_error = FieldError()

        self.form = QFormLayout()
        for text, field in ((date_caption, self.date_edit), (_("Paid &from:"), self.method_combo)):
            caption = QLabel(text)
            caption.setBuddy(field)
            self.form.addRow(caption, field)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)  # the dialog's own margins frame these fields
        layout.addLayout(self.form)
        layout.addWidget(self.what_label)
        layout.addWidget(self.form_error)

        self.date_edit.dateChanged.connect(self.changed)
        self.method_combo.currentIndexChanged.connect(self.changed)

    def day(self) -> dt.date:
        return self.date_edit.value()

    def method(self) -> str:
        return str(self.method_combo.currentData())

    def dry_run(self, host: BookHost, service: Callable[[Session], T]) -> T | None:
        """What `service` would do, worked out by the core and rolled back; None when it cannot
        be paid, and the reason said here: the book is open for reading only, or the core
        refuses (its message under the fields)."""
        self.form_error.say("")
        book = host.book
        if book is None or book.read_only:
            self.what_label.setText(_("This book is open for reading only."))
            return None
        try:
            return book.dry_run(service)
        except CoopdeskError as exc:
            self.form_error.say(exc.message)
            self.what_label.clear()
            return None
