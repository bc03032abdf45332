"""The choices of a batch of statements, as the treasurer makes them: the period, who gets one,
the paper and how it is printed.

The form says at the field what makes no statement possible (a period ending before it starts
or after today, a member number nobody has), and `problem()` is what the screen disables its
actions on. The core refuses the same (`queries.check_period`), in its own words.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.statements.choices import member_numbers
from coopdesk.statements.layout import A4_DIN_5008_B, US_LETTER_10
from coopdesk.statements.selection import ARREARS
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.field_error import FieldError, with_error
from coopdesk_ui.widgets.member_finder import MemberFinder, MemberOption

#: paper key -> how the treasurer knows it (translated where shown).
PAPERS = {
    A4_DIN_5008_B.name: N_("A4 (DIN 5008 window envelope)"),
    US_LETTER_10.name: N_("US Letter (#10 window envelope)"),
}


class Who(StrEnum):
    """Who gets a statement."""

    EVERYONE = "everyone"
    ARREARS = "arrears"
    CHOSEN = "chosen"


@dataclass(frozen=True, slots=True)
class StatementChoices:
    """What the form says, as plain data."""

    date_from: dt.date
    date_to: dt.date
    who: Who
    numbers: tuple[str, ...]  # the chosen members (Who.CHOSEN), as typed
    paper: str
    slip: bool
    duplex: bool

    @property
    def status(self) -> str | None:
        """What `statement_members` narrows the batch to (None: everyone)."""
        return ARREARS if self.who is Who.ARREARS else None


class StatementChoicesForm(QWidget):
    """Period, who, paper, slip and duplex; `changed` on any change."""

    changed = Signal()

    def __init__(self, today: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self._known: dict[str, MemberOption] = {}

        self.date_from = DateEdit(today)
        self.date_to = DateEdit(today)
        self.from_error = FieldError()
        self.to_error = FieldError()
        period = QGroupBox(_("Period"))
        period_form = QFormLayout(period)
        for text, edit, error in ((_("Fr&om:"), self.date_from, self.from_error),
                                  (_("&To:"), self.date_to, self.to_error)):
            label = QLabel(text)
            label.setBuddy(edit)  # the field sits in a layout with its error line
            period_form.addRow(label, with_error(edit, error))

        self.everyone = QRadioButton(_("Ever&yone with an account in the period"))
        self.everyone.setToolTip(_("Every member of the period, and former members who still "
                                   "owe or hold credit."))
        self.arrears = QRadioButton(_("Members &behind with their dues"))
        self.arrears.setToolTip(_("Members whose dues are overdue on the statement date (in "
                                  "grace or lapsed), and former members who left owing."))
        self.chosen = QRadioButton(_("Only t&hese members:"))
        self._who = QButtonGroup(self)
        for button in (self.everyone, self.arrears, self.chosen):
            self._who.addButton(button)
        self.everyone.setChecked(True)
        self.numbers = QLineEdit()
        self.numbers.setPlaceholderText(_("Member numbers, e.g. 12, 15"))
        self.numbers.setAccessibleName(_("Member numbers"))
        self.numbers_error = FieldError()
        self.finder = MemberFinder()
        self.finder.setPlaceholderText(_("Find a member by number or name"))
        self.add_button = QPushButton(_("&Add"))
        self.add_button.setAutoDefault(False)
        self.add_button.setEnabled(False)
        find_row = QHBoxLayout()
        find_row.addWidget(self.finder, 1)
        find_row.addWidget(self.add_button)
        who = QGroupBox(_("Who gets a statement"))
        who_layout = QVBoxLayout(who)
        who_layout.addWidget(self.everyone)
        who_layout.addWidget(self.arrears)
        who_layout.addWidget(self.chosen)
        chosen_box = QVBoxLayout()
        chosen_box.setContentsMargins(20, 0, 0, 0)
        chosen_box.addLayout(with_error(self.numbers, self.numbers_error))
        chosen_box.addLayout(find_row)
        who_layout.addLayout(chosen_box)

        self.paper = QComboBox()
        for key, name in PAPERS.items():
            self.paper.addItem(_(name), key)
        self.slip = QCheckBox(_("Add a remittance &slip"))
        self.slip.setToolTip(_("A tear-off slip at the foot of the first page, with the member "
                               "number, for members to send back with their payment."))
        self.duplex = QCheckBox(_("T&wo-sided printing"))
        self.duplex.setToolTip(_("Each member's statement starts on a new sheet."))
        printing = QGroupBox(_("Paper"))
        printing_form = QFormLayout(printing)
        printing_form.addRow(_("&Paper:"), self.paper)
        printing_form.addRow(self.slip)
        printing_form.addRow(self.duplex)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(period)
        layout.addWidget(who)
        layout.addWidget(printing)

        for edit in (self.date_from, self.date_to):
            edit.dateChanged.connect(self._follow)
        self._who.buttonToggled.connect(self._follow)
        self.numbers.textChanged.connect(self._follow)
        self.numbers.textEdited.connect(lambda _text: self.chosen.setChecked(True))
        self.finder.member_changed.connect(
            lambda member: self.add_button.setEnabled(member is not None))
        self.finder.returnPressed.connect(self.add_found_member)
        self.add_button.clicked.connect(self.add_found_member)
        for box in (self.slip, self.duplex):
            box.toggled.connect(self._follow)
        self.paper.currentIndexChanged.connect(self._follow)
        self._follow()

    # -- what the book brings ----------------------------------------------------------

    def set_members(self, members: list[MemberOption]) -> None:
        """The register, to find members in and to check chosen numbers against."""
        self._known = {m.number: m for m in members}
        self.finder.set_members(members)
        self._follow()

    def set_defaults(self, date_from: dt.date, date_to: dt.date, paper: str, locale: str) -> None:
        """Start afresh for a book: its default period and paper, dates in its locale."""
        blocked = [w.blockSignals(True) for w in (self.date_from, self.date_to, self.paper)]
        try:
            for edit in (self.date_from, self.date_to):
                edit.set_locale_name(locale)
            self.date_from.set_value(date_from)
            self.date_to.set_value(date_to)
            self.paper.setCurrentIndex(max(0, self.paper.findData(paper)))
        finally:
            for widget, was in zip((self.date_from, self.date_to, self.paper), blocked, strict=True):
                widget.blockSignals(was)
        self._follow()

    def set_today(self, today: dt.date) -> None:
        """The statements' date (the day may change while the app is open)."""
        if today != self._today:
            self._today = today
            self._follow()

    # -- what the treasurer chose --------------------------------------------------------

    def choices(self) -> StatementChoices:
        who = (Who.CHOSEN if self.chosen.isChecked()
               else Who.ARREARS if self.arrears.isChecked() else Who.EVERYONE)
        return StatementChoices(self.date_from.value(), self.date_to.value(), who,
                                tuple(member_numbers(self.numbers.text())),
                                str(self.paper.currentData()), self.slip.isChecked(),
                                self.duplex.isChecked())

    def paper_name(self) -> str:
        """The chosen paper as the treasurer knows it."""
        return self.paper.currentText()

    def problem(self) -> str:
        """What makes no statement possible now ("" when nothing does); also shown at its field."""
        return self.to_error.text() or self.from_error.text() or self.numbers_error.text()

    def add_found_member(self) -> None:
        """Add the member the finder names to the chosen members."""
        member = self.finder.member()
        if member is None:
            return
        numbers = member_numbers(self.numbers.text())
        if member.number not in numbers:
            numbers.append(member.number)
        self.numbers.setText(", ".join(numbers))
        self.chosen.setChecked(True)
        self.finder.clear()

    def _follow(self) -> None:
        choices = self.choices()
        self.from_error.say("")
        self.to_error.say("")
        if choices.date_from > choices.date_to:
            self.to_error.say(_("The period ends before it starts."))
        elif choices.date_to > self._today:
            self.to_error.say(_("The period cannot end after today, the statements' date."))
        self.numbers_error.say(self._numbers_problem(choices) if choices.who is Who.CHOSEN else "")
        self.changed.emit()

    def _numbers_problem(self, choices: StatementChoices) -> str:
        if not choices.numbers:
            return _("Type the numbers of the members, or find them below.")
        unknown = [n for n in choices.numbers if n not in self._known]
        if not unknown:
            return ""
        return _("No member has the number {numbers}.").format(numbers=", ".join(unknown))
