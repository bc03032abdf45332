"""The "Add measure" form: what patronage is counted in (a code, a name, a unit).

Checked as typed (the problem under its field, OK refused meanwhile); the core checks again and
its problems ("code: ...") go under the field they name.
"""

from __future__ import annotations

from collections.abc import Collection

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.changes import ChangeSet
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.i18n import _
from coopdesk.patronage.measures import add_measure
from coopdesk_ui.context import AppContext
from coopdesk_ui.widgets.field_error import FieldError, route_problems, with_error
from coopdesk_ui.widgets.hint_label import hint_label

MAX_CODE = 32


class MeasureForm(QDialog):
    """Adds a measure; `changes` holds the write's ChangeSet once accepted."""

    def __init__(self, context: AppContext, taken_codes: Collection[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent if parent is not None else context.window)
        self.context = context
        self.changes: ChangeSet | None = None
        self._taken = {code.casefold() for code in taken_codes}
        self._touched: set[QLineEdit] = set()
        self.setWindowTitle(_("Add a patronage measure"))
        self.code_edit = QLineEdit()
        self.code_edit.setMaxLength(MAX_CODE)
        self.code_edit.setPlaceholderText(_("e.g. hours"))
        self.name_edit = QLineEdit()
        self.name_edit.setPlaceholderText(_("e.g. Hours worked"))
        self.unit_edit = QLineEdit()
        self.unit_edit.setMaxLength(32)
        self.unit_edit.setPlaceholderText(_("e.g. hours, USD, kg"))
        self.code_error, self.name_error, self.unit_error = FieldError(), FieldError(), FieldError()
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("&Add"))

        form = QFormLayout()
        for text, field, error in ((_("&Code:"), self.code_edit, self.code_error),
                                   (_("&Name:"), self.name_edit, self.name_error),
                                   (_("&Unit:"), self.unit_edit, self.unit_error)):
            caption = QLabel(text)
            caption.setBuddy(field)
            form.addRow(caption, with_error(field, error))
        layout = QVBoxLayout(self)
        layout.addWidget(hint_label(_("A measure is what members' patronage is counted in: "
                                      "hours worked, purchases, sales delivered\N{HORIZONTAL ELLIPSIS}")))
        layout.addLayout(form)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)
        for field in (self.code_edit, self.name_edit, self.unit_edit):
            field.textEdited.connect(lambda _text, f=field: self._touch(f))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.validate()

    def problems(self) -> dict[FieldError, str]:
        """What must change before the measure can be added, by the line that shows it."""
        found: dict[FieldError, str] = {}
        code = self.code_edit.text().strip()
        if not code:
            found[self.code_error] = _("A short code, such as hours or purchases.")
        elif not all(c.isalnum() or c in "-_" for c in code):
            found[self.code_error] = _("Letters, digits, - and _ only.")
        elif code.casefold() in self._taken:
            found[self.code_error] = _("There is already a measure {code}.").format(code=code.lower())
        if not self.name_edit.text().strip():
            found[self.name_error] = _("Say what is counted, such as Hours worked.")
        if not self.unit_edit.text().strip():
            found[self.unit_error] = _("The unit it is counted in, such as hours or USD.")
        return found

    def validate(self) -> bool:
        found = self.problems()
        for error, field in ((self.code_error, self.code_edit), (self.name_error, self.name_edit),
                             (self.unit_error, self.unit_edit)):
            error.say(found.get(error, "") if field in self._touched else "")
        self.form_error.say("")
        self.ok_button.setEnabled(not found and self.context.writable)
        return not found

    def _touch(self, field: QLineEdit) -> None:
        self._touched.add(field)
        self.validate()

    def accept(self) -> None:
        self._touched.update((self.code_edit, self.name_edit, self.unit_edit))
        if not self.validate():
            return
        try:
            self.changes = self.context.host.run(add_measure, self.code_edit.text(),
                                                 self.name_edit.text(), self.unit_edit.text())
        except ValidationError as exc:
            route_problems(exc.problems, {"code": self.code_error, "name": self.name_error,
                                          "unit": self.unit_error}, self.form_error)
            return
        except CoopdeskError as exc:
            self.context.tell(exc.message)
            return
        super().accept()
