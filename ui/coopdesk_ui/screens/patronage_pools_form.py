"""The "Edit pools" form: every pool at once, each a member class (or every member), a measure,
a percentage of the allocated surplus and an optional minimum of patronage.

The pools are replaced as a whole (`set_pools`), so the form holds them all and refuses OK
until their percentages add up to exactly 100: the running total is said under the pools as
they are typed. Each row's own problems (a percentage that is not one, the same class and
measure twice) are said on the row's line. The core checks again.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

import babel.numbers
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.members.queries import ClassRow
from coopdesk.patronage.measures import MeasureRow, PoolDraft, PoolRow, set_pools
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.patronage_labels import plain_number, percent_text
from coopdesk_ui.widgets.field_error import FieldError
from coopdesk_ui.widgets.hint_label import hint_label

HUNDRED = Decimal(100)


def parse_decimal(text: str, formatter: Formatter) -> Decimal | None:
    """A number as typed in the book's locale ("12.5", "12,5" in German), or None."""
    text = text.strip().rstrip("%").strip()
    if not text:
        return None
    try:
        return babel.numbers.parse_decimal(text, locale=formatter.locale, strict=True)
    except babel.numbers.NumberFormatError:
        return None


@dataclass(slots=True)
class PoolFields:
    """The widgets of one pool's row."""

    who: QComboBox
    measure: QComboBox
    percent: QLineEdit
    minimum: QLineEdit
    remove: QPushButton
    error: FieldError


class PoolsForm(QDialog):
    """Sets the pools; `changes` holds the write's ChangeSet once accepted."""

    def __init__(self, context: AppContext, pools: Sequence[PoolRow],
                 classes: Sequence[ClassRow], measures: Sequence[MeasureRow],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.changes: ChangeSet | None = None
        self._classes = tuple(classes)
        self._measures = tuple(measures)
        self.rows: list[PoolFields] = []
        self.setWindowTitle(_("Pools: how the members' surplus divides"))
        self.grid = QGridLayout()
        self.grid.setHorizontalSpacing(8)
        for column, text in enumerate((_("Member class"), _("Measure"), _("Share (%)"),
                                       _("Minimum patronage"))):
            self.grid.addWidget(QLabel("<b>{}</b>".format(text)), 0, column)
        self.add_button = QPushButton(_("Add a &pool"))
        self.add_button.setAutoDefault(False)
        self.total_label = QLabel()
        self.total_error = FieldError()
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Save pools"))

        below = QHBoxLayout()
        below.addWidget(self.add_button)
        below.addStretch(1)
        below.addWidget(self.total_label)
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(_(
            "The surplus allocated to members is divided between these pools; each pool is "
            "shared by its members in proportion to their patronage in its measure. A "
            "single-class co-op has one pool of 100 %.")))
        layout.addLayout(self.grid)
        layout.addLayout(below)
        layout.addWidget(self.total_error)
        layout.addWidget(self.form_error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for pool in pools:
            self.add_row(pool.class_code, pool.measure_code,
                         self.context.formatter.number(plain_number(pool.percent)),
                         self.context.formatter.number(plain_number(pool.min_quantity))
                         if pool.min_quantity else "")
        if not pools:
            self.add_row(None, measures[0].code if measures else None, "100")
        self.resize(640, self.sizeHint().height())

    # -- rows -----------------------------------------------------------------------------

    def add_row(self, class_code: str | None = None, measure_code: str | None = None,
                percent: str = "", minimum: str = "") -> PoolFields:
        """A row for one more pool (filled with what is given)."""
        who = QComboBox()
        who.addItem(_("Every member"), None)
        for member_class in self._classes:
            who.addItem(member_class.name, member_class.code)
        who.setCurrentIndex(max(0, who.findData(class_code)))
        measure = QComboBox()
        for measure_row in self._measures:
            measure.addItem(measure_row.name, measure_row.code)
        if measure_code is not None:
            measure.setCurrentIndex(max(0, measure.findData(measure_code)))
        percent_edit = QLineEdit(percent)
        percent_edit.setFixedWidth(80)
        percent_edit.setPlaceholderText("60")
        minimum_edit = QLineEdit(minimum)
        minimum_edit.setFixedWidth(110)
        minimum_edit.setPlaceholderText(_("none"))
        remove = QPushButton(_("Remove"))
        remove.setAutoDefault(False)
        fields = PoolFields(who, measure, percent_edit, minimum_edit, remove, FieldError())
        line = 1 + 2 * len(self.rows)
        for column, widget in enumerate((who, measure, percent_edit, minimum_edit, remove)):
            self.grid.addWidget(widget, line, column)
        self.grid.addWidget(fields.error, line + 1, 0, 1, 5)
        self.rows.append(fields)
        who.currentIndexChanged.connect(self.validate)
        measure.currentIndexChanged.connect(self.validate)
        percent_edit.textChanged.connect(self.validate)
        minimum_edit.textChanged.connect(self.validate)
        remove.clicked.connect(lambda: self.remove_row(fields))
        self.validate()
        return fields

    def remove_row(self, fields: PoolFields) -> None:
        """Take a pool out (the rows below move up)."""
        index = self.rows.index(fields)
        rest = self.rows[index + 1:]
        for row in self.rows[index:]:
            for old in (row.who, row.measure, row.percent, row.minimum, row.remove, row.error):
                self.grid.removeWidget(old)
        for gone in (fields.who, fields.measure, fields.percent, fields.minimum, fields.remove,
                     fields.error):
            gone.deleteLater()
        del self.rows[index:]
        for row in rest:  # laid out again, in order, under the ones above
            line = 1 + 2 * len(self.rows)
            for column, widget in enumerate((row.who, row.measure, row.percent, row.minimum,
                                             row.remove)):
                self.grid.addWidget(widget, line, column)
            self.grid.addWidget(row.error, line + 1, 0, 1, 5)
            self.rows.append(row)
        self.validate()

    # -- checking -------------------------------------------------------------------------

    def drafts(self) -> list[PoolDraft]:
        """The pools as filled in (a row whose numbers are not numbers counts as 0)."""
        formatter = self.context.formatter
        return [PoolDraft(row.who.currentData(), str(row.measure.currentData() or ""),
                          parse_decimal(row.percent.text(), formatter) or Decimal(0),
                          parse_decimal(row.minimum.text(), formatter) or Decimal(0))
                for row in self.rows]

    def total(self) -> Decimal:
        return sum((draft.percent for draft in self.drafts()), Decimal(0))

    def validate(self) -> bool:
        """Say each row's problem and the total's; OK only when there are none."""
        formatter = self.context.formatter
        fine = bool(self.rows) and bool(self._measures)
        seen: set[tuple[str | None, str]] = set()
        for row in self.rows:
            problem = ""
            percent = parse_decimal(row.percent.text(), formatter)
            minimum = parse_decimal(row.minimum.text(), formatter)
            key = (row.who.currentData(), str(row.measure.currentData()))
            if percent is None or not Decimal(0) < percent <= HUNDRED:
                problem = _("The share is a percentage above 0 and at most 100.")
            elif row.minimum.text().strip() and (minimum is None or minimum < 0
                                                 or minimum != minimum.quantize(Decimal("0.001"))):
                problem = _("The minimum is a quantity of 0 or more, to three decimals at most.")
            elif key in seen:
                problem = _("The same class and measure are in another pool already.")
            seen.add(key)
            row.error.say(problem)
            fine = fine and not problem
        total = self.total()
        self.total_label.setText(_("Total: {percent}").format(percent=percent_text(total, formatter)))
        if not self._measures:
            self.total_error.say(_("Add a measure first: a pool shares by one."))
        elif not self.rows:
            self.total_error.say(_("Add at least one pool."))
        elif total != HUNDRED:
            self.total_error.say(_("The pools add up to {total}; they must add up to 100 %.").format(
                total=percent_text(total, formatter)))
            fine = False
        else:
            self.total_error.say("")
        self.form_error.say("")
        self.ok_button.setEnabled(fine and self.context.writable)
        return fine

    def accept(self) -> None:
        if not self.validate():
            return
        try:
            self.changes = self.context.host.run(set_pools, self.drafts())
        except ValidationError as exc:
            self.form_error.say("\n".join(p[:1].upper() + p[1:] for p in exc.problems))
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
