"""The Dues screen's "Plans" tab: the plans with their terms, and who is on which plan.

"New plan…", "Assign…" and "End assignment…" open the forms of coopdesk_ui.forms; the write's
ChangeSet reaches every view through the book host, this tab included. Assignments that ended
before today are hidden unless asked for: a co-op's history of moves would bury who pays what.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QCheckBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coopdesk import clock
from coopdesk.dues.plans import AssignmentRow, list_assignments, list_plans
from coopdesk.i18n import _
from coopdesk.members.queries import list_members
from coopdesk_ui.context import AppContext
from coopdesk_ui.forms.assign_end_form import EndAssignmentForm
from coopdesk_ui.forms.assign_form import AssignForm
from coopdesk_ui.forms.plan_form import PlanForm
from coopdesk_ui.models import assignment_model, plan_model
from coopdesk_ui.models.assignment_model import AssignmentModel, is_current
from coopdesk_ui.models.plan_model import PlanModel
from coopdesk_ui.models.roles import ID_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.dues_dialogs import DuesDialogs
from coopdesk_ui.screens.dues_table import DuesTab, fit_columns, heading, make_table
from coopdesk_ui.targets import MemberTarget

ELLIPSIS = "\N{HORIZONTAL ELLIPSIS}"


class PlansTab(DuesTab):
    """Plans over assignments, each table with its actions."""

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._assignments: list[AssignmentRow] = []
        self._names: dict[str, str] = {}

        self.plan_model = PlanModel(context.formatter, self)
        self.plan_proxy = RawValueSortProxy(self)
        self.plan_proxy.setSourceModel(self.plan_model)
        self.plan_table = make_table(self.plan_proxy, plan_model.Column.PERIODS)
        self.plan_table.sortByColumn(plan_model.Column.NAME, Qt.SortOrder.AscendingOrder)
        # As tall as its few rows, so the assignments get the room.
        self.plan_table.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        self.plan_table.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Maximum)
        self.new_plan_button = QPushButton(_("&New plan") + ELLIPSIS)

        self.assignment_model = AssignmentModel(context.formatter, self)
        self.assignment_proxy = RawValueSortProxy(self)
        self.assignment_proxy.setSourceModel(self.assignment_model)
        self.assignment_proxy.setFilterKeyColumn(-1)  # the filter looks at every column
        self.assignment_table = make_table(self.assignment_proxy, assignment_model.Column.REASON)
        self.assignment_table.sortByColumn(assignment_model.Column.NUMBER,
                                           Qt.SortOrder.AscendingOrder)
        self.assignment_table.setToolTip(_("Double-click a member to open them"))
        self.filter_edit = QLineEdit()
        self.filter_edit.setPlaceholderText(_("Filter by member, name or plan"))
        self.filter_edit.setClearButtonEnabled(True)
        self.show_ended_check = QCheckBox(_("Show &ended"))
        self.assign_button = QPushButton(_("&Assign") + ELLIPSIS)
        self.end_button = QPushButton(_("E&nd assignment") + ELLIPSIS)
        self._lay_out()

        self.new_plan_button.clicked.connect(self.new_plan)
        self.assign_button.clicked.connect(self.assign)
        self.end_button.clicked.connect(self.end_selected)
        self.filter_edit.textChanged.connect(self.assignment_proxy.setFilterFixedString)
        self.show_ended_check.toggled.connect(self._show_assignments)
        self.assignment_table.selectionModel().selectionChanged.connect(self._follow_selection)
        self.assignment_table.doubleClicked.connect(self._open_member)

    def _lay_out(self) -> None:
        plans_bar = QHBoxLayout()
        plans_bar.addWidget(heading(_("Plans")))
        plans_bar.addStretch(1)
        plans_bar.addWidget(self.new_plan_button)
        assignments_bar = QHBoxLayout()
        assignments_bar.addWidget(heading(_("Who is on which plan")))
        assignments_bar.addStretch(1)
        assignments_bar.addWidget(self.filter_edit)
        assignments_bar.addWidget(self.show_ended_check)
        assignments_bar.addWidget(self.assign_button)
        assignments_bar.addWidget(self.end_button)
        self.filter_edit.setMinimumWidth(220)
        layout = QVBoxLayout(self)
        layout.addLayout(plans_bar)
        layout.addWidget(self.plan_table)
        layout.addSpacing(8)
        layout.addLayout(assignments_bar)
        layout.addWidget(self.assignment_table, 1)

    # -- loading --------------------------------------------------------------------------

    def reload(self) -> None:
        """Query the plans, assignments and member names, and show them."""
        formatter = self.context.formatter
        self.plan_model.set_formatter(formatter)
        self.assignment_model.set_formatter(formatter)
        plans = self.context.read(list_plans)
        self._assignments = self.context.read(list_assignments)
        self._names = {row.number: row.display_name for row in self.context.read(list_members)}
        today = clock.today()
        on_plan = Counter(row.plan for row in self._assignments if is_current(row, today))
        self.plan_model.set_rows(plans, on_plan)
        self._show_assignments()
        fit_columns(self.plan_table)
        self.set_writable(self.context.writable)

    def clear(self) -> None:
        """Show nothing (no book is open)."""
        self._assignments, self._names = [], {}
        self.plan_model.set_rows([], {})
        self.assignment_model.set_rows([], {})
        self.set_writable(False)

    def set_writable(self, writable: bool) -> None:
        """Offer the writing actions only on a book that may be changed."""
        tip = "" if writable else _("This book is open for reading only.")
        for button in (self.new_plan_button, self.assign_button):
            button.setEnabled(writable)
            button.setToolTip(tip)
        self.end_button.setToolTip(tip)
        self._follow_selection()

    def _show_assignments(self) -> None:
        today = clock.today()
        shown = (self._assignments if self.show_ended_check.isChecked() else
                 [row for row in self._assignments if row.end_date is None or row.end_date >= today])
        self.assignment_model.set_rows(shown, self._names)
        fit_columns(self.assignment_table)
        self._follow_selection()

    def start_search(self) -> None:
        self.filter_edit.setFocus()
        self.filter_edit.selectAll()

    # -- actions --------------------------------------------------------------------------

    def selected_plan(self) -> str | None:
        """The name of the plan selected in the plans table, if any."""
        rows = self.plan_table.selectionModel().selectedRows()
        return str(rows[0].data(ID_ROLE)) if rows else None

    def selected_assignment(self) -> AssignmentRow | None:
        """The assignment selected in the assignments table, if any."""
        rows = self.assignment_table.selectionModel().selectedRows()
        if not rows:
            return None
        return self.assignment_model.row_at(self.assignment_proxy.mapToSource(rows[0]).row())

    def new_plan(self) -> None:
        """Open the "New plan" form."""
        if not self.context.writable:
            return
        form = PlanForm(self.context, [row.name for row in self.plan_model.rows()], self)
        DuesDialogs.run_form(form)

    def assign(self) -> None:
        """Open the "Assign" form, on the selected plan if one is."""
        if not self.context.writable:
            return
        DuesDialogs.run_form(AssignForm(self.context, plan=self.selected_plan(), parent=self))

    def end_selected(self) -> None:
        """Open the "End assignment" form for the selected, still open assignment."""
        row = self.selected_assignment()
        if row is None or row.end_date is not None or not self.context.writable:
            return
        DuesDialogs.run_form(EndAssignmentForm(self.context, row,
                                               self._names.get(row.member_number, ""), self))

    def _follow_selection(self) -> None:
        row = self.selected_assignment()
        self.end_button.setEnabled(self.context.writable and row is not None
                                   and row.end_date is None)

    def _open_member(self, index: QModelIndex) -> None:
        self.context.navigate("members", MemberTarget(str(index.data(ID_ROLE))))
