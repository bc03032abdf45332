"""The quick entry of one patronage record under the records table: member (number or name),
date, measure, quantity, reference, "Add".

Made for a pile of timesheets: Enter in any field adds the record; the member, date and measure
stay for the next one, the quantity and reference are emptied and the cursor goes back to the
member. Problems are said on the line under the row (the member not found, a quantity that is
not one); the core's own ("quantity: at most 3 decimals") too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QPushButton, QWidget

from coopdesk import clock
from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk.patronage.measures import MeasureRow
from coopdesk.patronage.records import RecordInput, add_records
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.patronage_pools_form import parse_decimal
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError
from coopdesk_ui.widgets.member_finder import MemberFinder, MemberOption


class QuickEntry(QWidget):
    """One line to add a record; `added` carries the write's ChangeSet."""

    added = Signal(object)

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.member_edit = MemberFinder()
        self.member_edit.setMinimumWidth(200)
        self.date_edit = DateEdit(clock.today(), context.formatter.locale)
        self.measure_combo = QComboBox()
        self.quantity_edit = QLineEdit()
        self.quantity_edit.setFixedWidth(100)
        self.quantity_edit.setPlaceholderText("0")
        self.reference_edit = QLineEdit()
        self.reference_edit.setPlaceholderText(_("Timesheet, receipt\N{HORIZONTAL ELLIPSIS}"))
        self.add_button = QPushButton(_("A&dd record"))
        self.error = FieldError()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        captions = ((_("Mem&ber"), self.member_edit), (_("Da&te"), self.date_edit),
                    (_("Meas&ure"), self.measure_combo), (_("&Quantity"), self.quantity_edit),
                    (_("Re&ference"), self.reference_edit))
        for column, (text, field) in enumerate(captions):
            caption = QLabel(text)
            caption.setBuddy(field)
            grid.addWidget(caption, 0, column)
            grid.addWidget(field, 1, column)
        grid.addWidget(self.add_button, 1, len(captions))
        grid.addWidget(self.error, 2, 0, 1, len(captions) + 1)
        grid.setColumnStretch(0, 2)
        grid.setColumnStretch(4, 3)
        for field in (self.member_edit, self.quantity_edit, self.reference_edit):
            field.returnPressed.connect(self.add)
        self.add_button.clicked.connect(self.add)

    def set_choices(self, members: Sequence[MemberOption], measures: Sequence[MeasureRow]) -> None:
        """The members and measures the fields offer (the book changed)."""
        self.member_edit.set_members(members)
        chosen = self.measure_combo.currentData()
        self.measure_combo.clear()
        for row in measures:
            self.measure_combo.addItem(_("{name} ({unit})").format(name=row.name, unit=row.unit),
                                       row.code)
        self.measure_combo.setCurrentIndex(max(0, self.measure_combo.findData(chosen)))
        self.date_edit.set_locale_name(self.context.formatter.locale)

    def set_enabled(self, enabled: bool) -> None:
        for widget in (self.member_edit, self.date_edit, self.measure_combo, self.quantity_edit,
                       self.reference_edit, self.add_button):
            widget.setEnabled(enabled)

    def record(self) -> tuple[RecordInput | None, str]:
        """The record as typed, or None and what is wrong with it."""
        member = self.member_edit.member()
        if member is None:
            return None, self.member_edit.problem()
        if self.measure_combo.currentData() is None:
            return None, _("Add a measure first, on the first tab.")
        quantity = parse_decimal(self.quantity_edit.text(), self.context.formatter)
        if quantity is None or quantity <= 0:
            return None, _("Type the quantity: a number above zero.")
        if quantity != quantity.quantize(Decimal("0.001")):
            return None, _("A quantity has three decimals at most.")
        return RecordInput(member.number, self.date_edit.value(),
                           str(self.measure_combo.currentData()), quantity,
                           self.reference_edit.text().strip()), ""

    def add(self) -> ChangeSet | None:
        """Add the record typed; None (the reason said under the row) if it cannot be."""
        if not self.context.writable:
            return None
        record, problem = self.record()
        if record is None:
            self.error.say(problem)
            return None
        try:
            changes = self.context.host.run(add_records, [record])
        except ValidationError as exc:
            self.error.say("\n".join(p[:1].upper() + p[1:] for p in exc.problems))
            return None
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return None
        self.error.say("")
        self.member_edit.choose(record.member_number)  # written in full: who it went to
        self.quantity_edit.clear()
        self.reference_edit.clear()
        self.member_edit.setFocus()
        self.member_edit.selectAll()
        self.added.emit(changes)
        return changes

    def date(self) -> dt.date:
        return self.date_edit.value()
