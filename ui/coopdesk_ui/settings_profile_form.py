"""The co-op's profile: its name, postal address and contact, as the letterhead will show it.

Used by the new-book wizard's first page and the settings dialog's first tab. The name is
required; every other field may be filled in later.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from coopdesk.i18n import _
from coopdesk.settings import (
    MAX_ADDRESS_LINES,
    MAX_FIELD_LENGTH,
    MAX_NAME_LENGTH,
    BookSettings,
    PostalAddress,
    is_email,
    is_phone,
)
from coopdesk_ui.settings_choices import country_choices
from coopdesk_ui.widgets.field_error import FieldNote, with_note


class ProfileForm(QWidget):
    """Name, address and contact fields; `changed` whenever any of them is edited."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_note, self.email_note, self.phone_note = FieldNote(), FieldNote(), FieldNote()
        self.name_edit = self._line(MAX_NAME_LENGTH, _("e.g. Riverside Food Co-op"))
        self.address_edits = [self._line(MAX_FIELD_LENGTH, _("Street and number") if i == 0 else "")
                              for i in range(MAX_ADDRESS_LINES)]
        self.postal_code_edit = self._line(20)
        self.city_edit = self._line(MAX_FIELD_LENGTH)
        self.region_edit = self._line(MAX_FIELD_LENGTH, _("State, province or county"))
        self.country_combo = QComboBox()
        self.country_combo.addItem(_("(not given)"), "")
        for name, code in country_choices():
            self.country_combo.addItem(name, code)
        self.email_edit = self._line(MAX_FIELD_LENGTH, _("e.g. treasurer@example.org"))
        self.phone_edit = self._line(MAX_FIELD_LENGTH)

        city_row = QHBoxLayout()
        city_row.setContentsMargins(0, 0, 0, 0)
        city_row.addWidget(self.postal_code_edit, 1)
        city_row.addWidget(self.city_edit, 3)
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(_("&Co-op name:"), with_note(self.name_edit, self.name_note))
        form.addRow(_("&Address:"), self.address_edits[0])
        for edit in self.address_edits[1:]:
            form.addRow("", edit)
        form.addRow(_("&Postal code, city:"), city_row)
        city_label = form.labelForField(city_row)
        if isinstance(city_label, QLabel):
            city_label.setBuddy(self.postal_code_edit)
        form.addRow(_("Re&gion:"), self.region_edit)
        form.addRow(_("Coun&try:"), self.country_combo)
        form.addRow(_("&Email:"), with_note(self.email_edit, self.email_note))
        form.addRow(_("P&hone:"), with_note(self.phone_edit, self.phone_note))
        for label, edit in ((self.name_note, self.name_edit), (self.email_note, self.email_edit),
                            (self.phone_note, self.phone_edit)):
            edit.editingFinished.connect(label.touch)
        self.country_combo.currentIndexChanged.connect(self.changed)
        self._check()

    # -- values -------------------------------------------------------------------------

    def set_settings(self, settings: BookSettings) -> None:
        """Show the profile part of `settings`."""
        self.name_edit.setText(settings.name)
        lines = list(settings.address.lines) + [""] * MAX_ADDRESS_LINES
        for edit, line in zip(self.address_edits, lines, strict=False):
            edit.setText(line)
        self.postal_code_edit.setText(settings.address.postal_code)
        self.city_edit.setText(settings.address.city)
        self.region_edit.setText(settings.address.region)
        self._select_country(settings.address.country)
        self.email_edit.setText(settings.email)
        self.phone_edit.setText(settings.phone)
        self._check()

    def applied_to(self, settings: BookSettings) -> BookSettings:
        """`settings` with this form's name, address and contact."""
        address = PostalAddress(
            lines=tuple(edit.text() for edit in self.address_edits),
            postal_code=self.postal_code_edit.text(),
            city=self.city_edit.text(),
            region=self.region_edit.text(),
            country=str(self.country_combo.currentData() or ""),
        )
        return dataclasses.replace(settings, name=self.name_edit.text(), address=address,
                                   email=self.email_edit.text(), phone=self.phone_edit.text()
                                   ).cleaned()

    def add_row(self, label: str, field: QWidget) -> None:
        """Add a field of the caller's under the contact fields (the settings' logo)."""
        form = self.layout()
        assert isinstance(form, QFormLayout)
        form.addRow(label, field)

    def is_valid(self) -> bool:
        """Whether every field is acceptable (the name is given, email and phone look right)."""
        return not any(note.problem for note in (self.name_note, self.email_note, self.phone_note))

    def set_editable(self, editable: bool) -> None:
        for edit in (self.name_edit, *self.address_edits, self.postal_code_edit, self.city_edit,
                     self.region_edit, self.email_edit, self.phone_edit):
            edit.setReadOnly(not editable)
        self.country_combo.setEnabled(editable)

    # -- checking -----------------------------------------------------------------------

    def _line(self, max_length: int, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit()
        edit.setMaxLength(max_length)
        edit.setPlaceholderText(placeholder)
        # `changed` is connected after the check, so listeners see the notes up to date. It is
        # relayed by Qt rather than emitted from Python: PySide 6.12.0's emit() drops a
        # reference to True on each call, which a keystroke-by-keystroke form would exhaust.
        edit.textChanged.connect(self._check)
        edit.textChanged.connect(self.changed)
        return edit

    def _check(self) -> None:
        name, email, phone = (e.text().strip() for e in (self.name_edit, self.email_edit,
                                                         self.phone_edit))
        self.name_note.set_problem("" if name else _("The co-op needs a name."))
        self.email_note.set_problem("" if not email or is_email(email) else
                                    _("This does not look like an email address "
                                      "(name@example.org)."))
        self.phone_note.set_problem("" if not phone or is_phone(phone) else
                                    _("A phone number has digits, spaces and + ( ) - . / only."))

    def _select_country(self, code: str) -> None:
        index = self.country_combo.findData(code)
        self.country_combo.setCurrentIndex(max(index, 0))

