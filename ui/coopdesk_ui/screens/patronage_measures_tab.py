"""The Patronage screen's first tab: the measures patronage is counted in, and the pools that
say how the members' surplus divides between member classes ("Add measure…", "Edit pools…")."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from sqlalchemy.orm import Session

from coopdesk.i18n import _
from coopdesk.members.queries import ClassRow, list_classes
from coopdesk.patronage.measures import MeasureRow, PoolRow, list_measures, list_pools
from coopdesk_ui.context import AppContext
from coopdesk_ui.screens.dues_table import heading
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs
from coopdesk_ui.screens.patronage_labels import percent_text
from coopdesk_ui.screens.patronage_measure_form import MeasureForm
from coopdesk_ui.screens.patronage_measure_model import MeasureModel
from coopdesk_ui.screens.patronage_pool_model import PoolModel
from coopdesk_ui.screens.patronage_pools_form import HUNDRED, PoolsForm
from coopdesk_ui.screens.patronage_tab import PatronageTab, fit_columns, fit_height
from coopdesk_ui.widgets.hint_label import hint_label
from coopdesk_ui.widgets.records_table import records_table

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


def read_measures(session: Session) -> tuple[list[MeasureRow], list[PoolRow], list[ClassRow]]:
    """Measures, pools and member classes, in one read."""
    return list_measures(session), list_pools(session), list_classes(session)


class MeasuresTab(PatronageTab):
    """Measures above, pools below, each with its action."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self._classes: list[ClassRow] = []
        self.measure_model = MeasureModel(context.formatter, self)
        self.pool_model = PoolModel(context.formatter, self)
        self.measure_table = records_table(self.measure_model, 1)
        self.pool_table = records_table(self.pool_model, 1)
        for table in (self.measure_table, self.pool_table):
            table.horizontalHeader().setDefaultAlignment(
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.add_measure_button = QPushButton(_("Add &measure") + ELLIPSIS)
        self.edit_pools_button = QPushButton(_("Edit &pools") + ELLIPSIS)
        self.pools_note = QLabel()
        self.pools_note.setWordWrap(True)

        measures_bar = QHBoxLayout()
        measures_bar.addWidget(heading(_("Measures")))
        measures_bar.addWidget(hint_label(_("What members' patronage is counted in.")), 1)
        measures_bar.addWidget(self.add_measure_button)
        pools_bar = QHBoxLayout()
        pools_bar.addWidget(heading(_("Pools")))
        pools_bar.addWidget(hint_label(_("How the surplus allocated to members divides between "
                                         "member classes, and by what measure.")), 1)
        pools_bar.addWidget(self.edit_pools_button)
        layout = QVBoxLayout(self)
        layout.addLayout(measures_bar)
        layout.addWidget(self.measure_table)
        layout.addSpacing(12)
        layout.addLayout(pools_bar)
        layout.addWidget(self.pool_table)
        layout.addWidget(self.pools_note)
        layout.addStretch(1)
        self.add_measure_button.clicked.connect(self.add_measure)
        self.edit_pools_button.clicked.connect(self.edit_pools)
        self.clear()

    def reload(self) -> None:
        measures, pools, self._classes = self.context.read(read_measures)
        formatter = self.context.formatter
        for model in (self.measure_model, self.pool_model):
            model.set_formatter(formatter)
        self.measure_model.set_rows(measures)
        self.pool_model.set_rows(pools)
        total = sum((pool.percent for pool in pools), start=HUNDRED - HUNDRED)
        if not measures:
            note = _("Add a measure first, such as hours worked or purchases; then set the pools.")
        elif not pools:
            note = _("No pools yet: set how the surplus divides before allocating a year.")
        elif total != HUNDRED:
            note = _("The pools add up to {total}, not 100 %.").format(
                total=percent_text(total, formatter))
        else:
            note = ""
        self.pools_note.setText(note)
        self.pools_note.setVisible(bool(note))
        fit_columns(self.measure_table, 1)
        fit_columns(self.pool_table, 1)
        fit_height(self.measure_table)
        fit_height(self.pool_table)
        self.follow_writable()

    def clear(self) -> None:
        self._classes = []
        self.measure_model.set_rows([])
        self.pool_model.set_rows([])
        self.pools_note.hide()
        fit_height(self.measure_table)
        fit_height(self.pool_table)
        self.follow_writable()

    def follow_writable(self) -> None:
        writable = self.context.writable
        self.add_measure_button.setEnabled(writable)
        self.edit_pools_button.setEnabled(writable and self.measure_model.rowCount() > 0)
        tip = "" if writable or self.context.host.book is None else _(
            "This book is open for reading only.")
        for button in (self.add_measure_button, self.edit_pools_button):
            button.setToolTip(tip)

    def add_measure(self) -> None:
        """Open the form for a new measure."""
        if self.context.writable:
            codes = [row.code for row in self.measure_model.rows()]
            PatronageDialogs.run_form(MeasureForm(self.context, codes, self))

    def edit_pools(self) -> None:
        """Open the form editing every pool at once."""
        if self.context.writable and self.measure_model.rowCount():
            PatronageDialogs.run_form(PoolsForm(self.context, self.pool_model.rows(), self._classes,
                                                self.measure_model.rows(), self))
