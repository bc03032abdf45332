"""The selected fund's statement for a period, beside the funds table: opening balance,
contributions, payouts, refunds, other movements and the closing balance, with the action
"Year-end refunds…".

It only shows what it is given and says what the user asked for (another period, the refunds);
the screen reads the book.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.funds.queries import FundRow, FundStatement
from coopdesk.i18n import _
from coopdesk.money import Money
from coopdesk_ui.screens.dues_table import heading
from coopdesk_ui.widgets.date_edit import DateEdit
from coopdesk_ui.widgets.hint_label import hint_label

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"
_RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


class FundStatementPanel(QWidget):
    """The statement of one fund; see the module docstring."""

    #: The user changed the dates: the screen reads the statement again.
    period_changed = Signal()
    #: "Year-end refunds…".
    refunds_requested = Signal()

    def __init__(self, formatter: Formatter, period: tuple[dt.date, dt.date],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self._writable = False
        self._fund: FundRow | None = None
        self.title = heading(_("Statement"))
        self.from_edit = DateEdit(period[0], formatter.locale)
        self.to_edit = DateEdit(period[1], formatter.locale)
        from_label = QLabel(_("Fro&m"))
        from_label.setBuddy(self.from_edit)
        to_label = QLabel(_("t&o"))
        to_label.setBuddy(self.to_edit)
        self.figures: dict[str, QLabel] = {}
        self.captions: dict[str, QLabel] = {}
        self.refunds_button = QPushButton(_("&Year-end refunds") + ELLIPSIS)
        self.note = hint_label()

        dates = QHBoxLayout()
        dates.addWidget(from_label)
        dates.addWidget(self.from_edit)
        dates.addWidget(to_label)
        dates.addWidget(self.to_edit)
        dates.addStretch(1)
        figures = QFormLayout()
        figures.setLabelAlignment(Qt.AlignmentFlag.AlignLeft)
        figures.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        for key, caption in (("opening", _("Opening balance")), ("contributions", _("Contributions")),
                             ("payouts", _("Payouts")), ("refunds", _("Refunds")),
                             ("other", _("Other entries")), ("closing", _("Closing balance"))):
            label = QLabel(caption)
            figure = QLabel()
            figure.setAlignment(_RIGHT)
            figure.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            if key == "closing":
                for widget in (label, figure):
                    font = widget.font()
                    font.setBold(True)
                    widget.setFont(font)
                line = QFrame()
                line.setFrameShape(QFrame.Shape.HLine)
                line.setFrameShadow(QFrame.Shadow.Sunken)
                figures.addRow(line)
            figures.addRow(label, figure)
            self.captions[key] = label
            self.figures[key] = figure
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(dates)
        layout.addLayout(figures)
        layout.addSpacing(8)
        layout.addWidget(self.note)
        layout.addWidget(self.refunds_button)
        layout.addStretch(1)

        self.from_edit.dateChanged.connect(self.period_changed)
        self.to_edit.dateChanged.connect(self.period_changed)
        self.refunds_button.clicked.connect(self.refunds_requested)
        self.show_statement(None, None)

    def period(self) -> tuple[dt.date, dt.date]:
        return self.from_edit.value(), self.to_edit.value()

    def set_period(self, start: dt.date, end: dt.date) -> None:
        """Show the statement from `start` to `end` (without asking to read it again)."""
        for edit, day in ((self.from_edit, start), (self.to_edit, end)):
            edit.blockSignals(True)
            edit.set_value(day)
            edit.blockSignals(False)

    def set_formatter(self, formatter: Formatter) -> None:
        self._formatter = formatter
        for edit in (self.from_edit, self.to_edit):
            edit.blockSignals(True)
            edit.set_locale_name(formatter.locale)
            edit.blockSignals(False)

    def set_writable(self, writable: bool) -> None:
        self._writable = writable
        self._follow_fund()

    def show_statement(self, fund: FundRow | None, statement: FundStatement | None) -> None:
        """Show `fund`'s `statement` (None: no fund chosen, or the dates are the wrong way)."""
        self._fund = fund
        self.title.setText(_("Statement of {fund}").format(fund=fund.name) if fund is not None
                           else _("Statement"))
        if statement is None:
            for figure in self.figures.values():
                figure.clear()
        else:
            amounts = {"opening": statement.opening, "contributions": statement.contributions,
                       "payouts": -statement.payouts, "refunds": -statement.refunds,
                       "other": statement.other, "closing": statement.closing}
            for key, amount in amounts.items():
                self.figures[key].setText(self._money(amount))
        other_shown = statement is not None and not statement.other.is_zero
        self.captions["other"].setVisible(other_shown)
        self.figures["other"].setVisible(other_shown)
        self._follow_fund()

    def _money(self, amount: Money) -> str:
        return self._formatter.money(amount)

    def _follow_fund(self) -> None:
        fund = self._fund
        has_cap = fund is not None and fund.policy.balance_cap_months is not None
        self.refunds_button.setEnabled(self._writable and has_cap)
        if fund is None:
            self.note.setText(_("Pick a fund to see its statement."))
        elif not has_cap:
            self.note.setText(_("This fund has no balance cap, so nothing is refunded at the "
                                "year end."))
        elif not self._writable:
            self.note.setText(_("This book is open for reading only."))
        else:
            self.note.clear()
        self.note.setVisible(bool(self.note.text()))
