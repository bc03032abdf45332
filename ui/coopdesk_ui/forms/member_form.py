"""The member form: adding a member, or editing one, every field of the register's record.

The fields are checked as they are typed, with the core's own rules (`member_problems`: a name
is required, an email must look like one, the join date cannot fall after the leave date...)
plus the two the core checks against the book (the number is free, the payer exists), made
here against the register the screen already shows. A problem is shown under its field once
the user has typed there, and every problem on OK, which refuses until they are fixed. The
write itself is the caller's (`submit`): a member is saved in one write, or not at all, and
what the core still refuses is shown at the fields the same way.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from babel import Locale, UnknownLocaleError
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.members.queries import ClassRow, MemberDetail
from coopdesk.members.types import (
    EDITABLE_FIELDS,
    MemberInput,
    MemberKind,
    default_sort_name,
    member_problems,
)
from coopdesk_ui.models.member_labels import kind_label
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, problems_by_field, with_error

#: What the form does with what was typed: save it in one write and return [] (the form
#: closes), return the problems the core found (shown at the fields; the form stays open), or
#: return None when the user was told why nothing could be saved (the form closes).
Submit = Callable[[MemberInput, dict[str, Any]], Sequence[str] | None]

#: The field each problem's prefix names (the core's words, "join date: ...").
PROBLEM_FIELDS: dict[str, str] = {
    "name": "display_name", "display_name": "display_name", "number": "number",
    "sort name": "sort_name", "sort_name": "sort_name", "kind": "kind", "class": "class_code",
    "class_code": "class_code", "join date": "join_date", "join_date": "join_date",
    "leave date": "join_date", "email": "email", "phone": "phone", "language": "language",
    "payer": "payer_number", "payer_number": "payer_number", "address": "address_lines",
    "postal code": "postal_code", "city": "city", "region": "region", "country": "country",
    "notes": "notes",
}


class MemberForm(QDialog):
    """Add a member (`detail` None) or edit member `detail`; see the module docstring."""

    def __init__(self, submit: Submit, formatter: Formatter, classes: Sequence[ClassRow],
                 members: Mapping[str, str], *, detail: MemberDetail | None = None,
                 suggested_number: str = "", today: dt.date | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._submit = submit
        self._formatter = formatter
        self._members = members  # number -> name of everyone in the register
        self.detail = detail
        self._touched: set[str] = set()
        self._checked_all = False
        self.setWindowTitle(_("Add a member") if detail is None else
                            _("Edit member {number}").format(number=detail.number))

        # Made in the order they are laid out: that is the order Tab goes through them.
        self.name_edit = QLineEdit()
        self.number_edit = QLineEdit(suggested_number if detail is None else detail.number)
        self.number_edit.setPlaceholderText(_("Given automatically"))
        self.sort_name_edit = QLineEdit()
        self.kind_combo = QComboBox()
        for kind in MemberKind:
            self.kind_combo.addItem(kind_label(kind), kind.value)
        self.class_combo = QComboBox()
        self.class_combo.addItem(_("No class"), None)
        for member_class in classes:
            self.class_combo.addItem(member_class.name, member_class.code)
        self.join_date_edit = DateEdit(today or dt.date.today(), formatter.locale)
        self.payer_edit = QLineEdit()
        self.payer_edit.setPlaceholderText(_("Another member's number"))
        self.payer_hint = _hint()
        self.language_edit = QLineEdit()
        self.language_edit.setPlaceholderText(_("e.g. en, fr, es_MX"))
        self.language_hint = _hint()
        self.address_edit = QPlainTextEdit()
        self.address_edit.setTabChangesFocus(True)
        self.address_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)
        self.postal_code_edit = QLineEdit()
        self.city_edit = QLineEdit()
        self.region_edit = QLineEdit()
        self.country_edit = QLineEdit()
        self.email_edit = QLineEdit()
        self.phone_edit = QLineEdit()
        self.notes_edit = QPlainTextEdit()
        self.notes_edit.setTabChangesFocus(True)
        self.notes_edit.setFixedHeight(self.fontMetrics().lineSpacing() * 3 + 14)

        self.errors: dict[str, FieldError] = {name: FieldError() for name in EDITABLE_FIELDS}
        self.form_error = FieldError()
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setText(_("Add member") if detail is None else _("Save changes"))
        self.ok_button.setDefault(True)
        self._lay_out()
        if detail is not None:
            self._show(detail)
        self._connect()
        self.validate()
        self.name_edit.setFocus()

    # -- building -----------------------------------------------------------------------

    def _lay_out(self) -> None:
        who = QFormLayout()
        self._add_rows(who, (
            (_("&Name:"), "display_name", self.name_edit),
            (_("N&umber:"), "number", self.number_edit),
            (_("&Sort name:"), "sort_name", self.sort_name_edit),
            (_("&Kind:"), "kind", self.kind_combo),
            (_("&Class:"), "class_code", self.class_combo),
            (_("&Joined on:"), "join_date", self.join_date_edit),
            (_("&Paid for by:"), "payer_number", _with_hint(self.payer_edit, self.payer_hint)),
            (_("&Language:"), "language", _with_hint(self.language_edit, self.language_hint)),
        ))
        contact = QFormLayout()
        self._add_rows(contact, (
            (_("&Address:"), "address_lines", self.address_edit),
            (_("P&ostal code:"), "postal_code", self.postal_code_edit),
            (_("C&ity:"), "city", self.city_edit),
            (_("&Region:"), "region", self.region_edit),
            (_("Countr&y:"), "country", self.country_edit),
            (_("&Email:"), "email", self.email_edit),
            (_("P&hone:"), "phone", self.phone_edit),
            (_("No&tes:"), "notes", self.notes_edit),
        ))
        columns = QHBoxLayout()
        for title, form in ((_("Member"), who), (_("Contact"), contact)):
            box = QGroupBox(title)
            box.setLayout(form)
            box.setMinimumWidth(330)
            columns.addWidget(box, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(columns)
        layout.addWidget(self.form_error)
        layout.addWidget(self.buttons)

    def _add_rows(self, form: QFormLayout, rows: Sequence[tuple[str, str, QWidget]]) -> None:
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        for text, field, widget in rows:
            caption = QLabel(text)
            caption.setBuddy(self._input_of(field))
            form.addRow(caption, with_error(widget, self.errors[field]))

    def _input_of(self, field: str) -> QWidget:
        widget: QWidget = getattr(self, {
            "display_name": "name_edit", "class_code": "class_combo", "kind": "kind_combo",
            "join_date": "join_date_edit", "payer_number": "payer_edit",
            "address_lines": "address_edit",
        }.get(field, f"{field}_edit"))
        return widget

    def _show(self, detail: MemberDetail) -> None:
        self.name_edit.setText(detail.display_name)
        automatic = default_sort_name(detail.display_name, detail.kind)
        self.sort_name_edit.setText("" if detail.sort_name == automatic else detail.sort_name)
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(detail.kind)))
        self.class_combo.setCurrentIndex(max(0, self.class_combo.findData(detail.class_code)))
        if detail.join_date is not None:
            self.join_date_edit.set_value(detail.join_date)
        self.payer_edit.setText(detail.payer_number or "")
        self.language_edit.setText(detail.language or "")
        self.address_edit.setPlainText("\n".join(detail.address_lines))
        for field in ("postal_code", "city", "region", "country", "email", "phone"):
            line: QLineEdit = getattr(self, f"{field}_edit")
            line.setText(getattr(detail, field))
        self.notes_edit.setPlainText(detail.notes)

    def _connect(self) -> None:
        for field in EDITABLE_FIELDS:
            widget = self._input_of(field)
            touch = (lambda *_args, f=field: self._touch(f))
            if isinstance(widget, QLineEdit):
                widget.textChanged.connect(touch)
            elif isinstance(widget, QPlainTextEdit):
                widget.textChanged.connect(touch)
            elif isinstance(widget, QComboBox):
                widget.currentIndexChanged.connect(touch)
            elif isinstance(widget, DateEdit):
                widget.dateChanged.connect(touch)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    # -- what was typed -----------------------------------------------------------------

    def member_input(self) -> MemberInput:
        """The member as typed, blanks stripped; an empty sort name means the automatic one."""
        number = self.number_edit.text().strip()
        language = self.language_edit.text().strip()
        payer = self.payer_edit.text().strip()
        return MemberInput(
            display_name=" ".join(self.name_edit.text().split()),
            join_date=self.join_date_edit.value(),
            number=number if number or self.detail is not None else None,
            sort_name=self.sort_name_edit.text().strip(),
            kind=str(self.kind_combo.currentData()),
            class_code=self.class_combo.currentData(),
            address_lines=tuple(line.strip() for line in self.address_edit.toPlainText().split("\n")
                                if line.strip()),
            postal_code=self.postal_code_edit.text().strip(),
            city=self.city_edit.text().strip(),
            region=self.region_edit.text().strip(),
            country=self.country_edit.text().strip(),
            email=self.email_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
            language=language or None,
            payer_number=payer or None,
            notes=self.notes_edit.toPlainText().strip(),
        )

    def changes(self) -> dict[str, Any]:
        """The fields that differ from the member being edited (every field when adding)."""
        typed = self.member_input()
        if self.detail is None:
            return {name: getattr(typed, name) for name in EDITABLE_FIELDS}
        changed = {name: getattr(typed, name) for name in EDITABLE_FIELDS
                   if name != "sort_name" and getattr(typed, name) != getattr(self.detail, name)}
        effective = typed.sort_name or default_sort_name(typed.display_name, typed.kind)
        if effective != self.detail.sort_name:
            changed["sort_name"] = typed.sort_name
        return changed

    # -- checking -----------------------------------------------------------------------

    def problems(self) -> dict[str, list[str]]:
        """Everything that must change before the member can be saved, by field."""
        typed = self.member_input()
        leave_date = self.detail.leave_date if self.detail is not None else None
        found = problems_by_field(member_problems(typed, leave_date), PROBLEM_FIELDS, "")
        own = self.detail.number if self.detail is not None else None
        # The two checks the core makes against the book, made against the register shown.
        if typed.number and typed.number != own and typed.number in self._members:
            found.setdefault("number", []).append(
                _("Member number {number} is already taken").format(number=typed.number))
        if typed.payer_number is not None:
            if typed.payer_number == (own or typed.number):
                found.setdefault("payer_number", []).append(
                    _("A member cannot be their own payer; leave it empty"))
            elif typed.payer_number not in self._members:
                found.setdefault("payer_number", []).append(
                    _("No member has the number {number}").format(number=typed.payer_number))
        return found

    def validate(self) -> bool:
        """Show the problems of the fields typed in (of all after an OK); True when none."""
        found = self.problems()
        for field, error in self.errors.items():
            shown = field in self._touched or self._checked_all
            error.say("\n".join(found.get(field, [])) if shown else "")
        self.form_error.say("\n".join(found.get("", [])) if self._checked_all else "")
        self._show_hints()
        return not found

    def show_problems(self, problems: Sequence[str]) -> None:
        """Show problems found by the core under their fields."""
        found = problems_by_field(problems, PROBLEM_FIELDS, "")
        for field, error in self.errors.items():
            if field in found:
                error.say("\n".join(found[field]))
        self.form_error.say("\n".join(found.get("", [])))
        self._focus_first(found)

    def _touch(self, field: str) -> None:
        self._touched.add(field)
        self.validate()

    def _show_hints(self) -> None:
        typed = self.member_input()
        self.sort_name_edit.setPlaceholderText(_("Automatic: {name}").format(
            name=default_sort_name(typed.display_name, typed.kind)) if typed.display_name else "")
        payer = self._members.get(typed.payer_number or "")
        self.payer_hint.setText(payer or "")
        self.payer_hint.setVisible(bool(payer))
        language = _language_name(typed.language, self._formatter.locale)
        self.language_hint.setText(language)
        self.language_hint.setVisible(bool(language))

    def _focus_first(self, found: Mapping[str, object]) -> None:
        for field in EDITABLE_FIELDS:
            if field in found:
                self._input_of(field).setFocus()
                return

    # -- saving -------------------------------------------------------------------------

    def accept(self) -> None:
        self._checked_all = True
        if not self.validate():
            self._focus_first(self.problems())
            return
        changes = self.changes()
        if self.detail is not None and not changes:
            super().reject()  # nothing was changed: nothing to save
            return
        problems = self._submit(self.member_input(), changes)
        if problems is None:
            super().reject()
        elif problems:
            self.show_problems(problems)
        else:
            super().accept()


def _hint() -> QLabel:
    label = QLabel()
    label.setForegroundRole(QPalette.ColorRole.PlaceholderText)
    label.hide()
    return label


def _with_hint(field: QWidget, hint: QLabel) -> QWidget:
    box = QWidget()
    row = QHBoxLayout(box)
    row.setContentsMargins(0, 0, 0, 0)
    row.addWidget(field, 1)
    row.addWidget(hint)
    return box


def _language_name(code: str | None, ui_locale: str) -> str:
    """"French" for "fr" (in the book's language), or "" when `code` is not a language."""
    if not code:
        return ""
    try:
        name = Locale.parse(code.replace("-", "_")).get_display_name(ui_locale)
    except (UnknownLocaleError, ValueError, TypeError):
        return ""
    return name or ""
