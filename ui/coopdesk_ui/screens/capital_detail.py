"""The Capital accounts screen's detail pane: the selected member's capital account.

Their shares, retained patronage and payable as of the register's day; the movements with a
running balance (`member_capital`), the retained patronage by allocation year (the order it
is redeemed in), and, for a member who left, the installments their capital is paid back in.
The screen reads; the pane only shows, and holds the "Make payable (left)…" button.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from coopdesk.formatting import Formatter
from coopdesk.i18n import _
from coopdesk.patronage.queries import CapitalLine, CapitalRow
from coopdesk.patronage.ui_queries import Installment
from coopdesk_ui.models.member_labels import member_text
from coopdesk_ui.screens.capital_history_model import CapitalHistoryModel
from coopdesk_ui.screens.capital_year_model import CapitalYearModel
from coopdesk_ui.screens.patronage_tab import fit_columns
from coopdesk_ui.widgets.hint_label import hint_label
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


class CapitalDetailPane(QWidget):
    """Shows one member's capital account (`show_member`) or a hint to pick one."""

    def __init__(self, formatter: Formatter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._formatter = formatter
        self.number: str | None = None
        self.name_label = QLabel()
        font = QFont(self.name_label.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.name_label.setFont(font)
        self.name_label.setWordWrap(True)
        self.left_label = QLabel()
        self.figures: dict[str, QLabel] = {}
        figures = QFormLayout()
        for key, caption in (("shares", _("Shares paid in")), ("retained", _("Retained patronage")),
                             ("payable", _("Payable after leaving")), ("total", _("Total"))):
            label = QLabel()
            label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            self.figures[key] = label
            figures.addRow(caption, label)
        self.payable_button = QPushButton(_("Make pa&yable (left)") + ELLIPSIS)
        self.payable_button.setToolTip(_("A member who left: their capital becomes a debt to "
                                         "them, paid back on a schedule"))
        self.history_model = CapitalHistoryModel(formatter, self)
        self.year_model = CapitalYearModel(formatter, self)
        self.history_table = records_table(self.history_model, 1)
        self.year_table = records_table(self.year_model, 0)
        self.schedule_label = QLabel()
        self.schedule_label.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self.history_table, _("History"))
        self.tabs.addTab(self.year_table, _("Retained by year"))
        self.hint = hint_label(_("Pick a member to see their capital account."))
        self.body = QWidget()
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addWidget(self.name_label)
        body.addWidget(self.left_label)
        body.addLayout(figures)
        body.addWidget(self.payable_button, 0, Qt.AlignmentFlag.AlignLeft)
        body.addWidget(self.schedule_label)
        body.addWidget(self.tabs, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.body, 1)
        self.clear()

    def set_formatter(self, formatter: Formatter) -> None:
        self._formatter = formatter
        self.history_model.set_formatter(formatter)
        self.year_model.set_formatter(formatter)

    def clear(self) -> None:
        self.number = None
        self.history_model.set_rows([])
        self.year_model.set_rows([])
        self.body.hide()
        self.hint.show()

    def show_member(self, row: CapitalRow, lines: Sequence[CapitalLine],
                    left_on: dt.date | None, installments: Sequence[Installment]) -> None:
        formatter = self._formatter
        self.number = row.member_number
        self.name_label.setText(member_text(row.member_number, row.member_name))
        self.left_label.setText(_("Left the co-op on {date}.").format(date=formatter.date(left_on))
                                if left_on is not None else "")
        self.left_label.setVisible(left_on is not None)
        for key in self.figures:
            self.figures[key].setText(formatter.money(getattr(row, key)))
        self.history_model.set_rows(lines)
        self.year_model.set_rows(row.by_year)
        fit_columns(self.history_table, 1)
        fit_columns(self.year_table, 0)
        if installments:
            text = "; ".join(_("{date}: {amount}{paid}").format(
                date=formatter.date(i.due_date, "short"), amount=formatter.money(i.amount),
                paid=_(" (paid)") if i.paid else "") for i in installments)
            self.schedule_label.setText(_("Paid back in installments: {list}").format(list=text))
        else:
            self.schedule_label.clear()
        self.schedule_label.setVisible(bool(installments))
        self.hint.hide()
        self.body.show()
