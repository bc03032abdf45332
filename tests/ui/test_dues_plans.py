"""The Dues screen's Plans tab and its forms: plans and assignments go into the book through
the forms, with every problem shown at its field first."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import QDialog, QWidget
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.plans import AssignmentRow, PlanRow, list_assignments, list_plans
from coopdesk.dues.schedule import PeriodBasis
from coopdesk_ui.forms.assign_end_form import EndAssignmentForm
from coopdesk_ui.forms.assign_form import AssignForm
from coopdesk_ui.forms.plan_form import PlanForm
from coopdesk_ui.models import assignment_model, plan_model
from coopdesk_ui.screens.dues_dialogs import DuesDialogs
from coopdesk_ui.targets import MemberTarget

from .dues_helpers import (  # noqa: F401  (fixtures)
    coop,
    coop_on_plan,
    dues_screen,
    no_real_dues_dialogs,
    open_window,
    usd,
)


def texts(model: object, column: int) -> list[str]:
    from PySide6.QtCore import QAbstractItemModel
    assert isinstance(model, QAbstractItemModel)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def answer_forms(monkeypatch: pytest.MonkeyPatch, fill: object) -> list[QDialog]:
    """Make the screen's forms be filled by `fill(form)` and accepted, as a user would."""
    shown: list[QDialog] = []

    def run_form(cls: type, dialog: QDialog) -> bool:
        shown.append(dialog)
        fill(dialog)  # type: ignore[operator]
        dialog.accept()
        return dialog.result() == QDialog.DialogCode.Accepted

    monkeypatch.setattr(DuesDialogs, "run_form", classmethod(run_form))
    return shown


# -- the tab ----------------------------------------------------------------------------


def test_the_tab_shows_plans_and_who_is_on_them(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    tab = dues_screen(window).plans
    assert tab.isVisible()
    row = [tab.plan_proxy.index(0, c).data() for c in plan_model.Column]
    assert row == ["Monthly", "10.00", "Monthly", "Calendar months", "None", "2"]
    assert texts(tab.assignment_proxy, assignment_model.Column.NUMBER) == ["7", "12"]
    assert texts(tab.assignment_proxy, assignment_model.Column.NAME) == ["Ann Lee", "Bo Chan"]
    tab.filter_edit.setText("bo")
    assert texts(tab.assignment_proxy, assignment_model.Column.NAME) == ["Bo Chan"]


def test_a_double_click_on_an_assignment_opens_the_member(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    tab = dues_screen(window).plans
    asked: list[tuple[str, object]] = []
    window.context.navigate_requested.connect(lambda key, target: asked.append((key, target)))
    tab.assignment_table.doubleClicked.emit(tab.assignment_proxy.index(1, 2))
    assert asked == [("members", MemberTarget("12"))]


def test_a_read_only_book_offers_no_writing_action(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan, read_only=True)
    screen = dues_screen(window)
    tab = screen.plans
    tab.assignment_table.selectRow(0)
    assert not screen.run_button.isEnabled()
    assert not tab.new_plan_button.isEnabled()
    assert not tab.assign_button.isEnabled()
    assert not tab.end_button.isEnabled()
    assert texts(tab.plan_proxy, 0) == ["Monthly"]  # still shown


# -- new plan -----------------------------------------------------------------------------


def test_a_plan_added_through_the_form_is_in_the_book_and_the_table(
        qtbot: QtBot, coop_on_plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, coop_on_plan)
    tab = dues_screen(window).plans

    def fill(form: PlanForm) -> None:
        qtbot.keyClicks(form.name_edit, "Quarterly 2027")
        qtbot.keyClicks(form.amount_edit, "1,230.50")
        form.frequency_combo.setCurrentIndex(form.frequency_combo.findData("quarterly"))
        form.year_start_combo.setCurrentIndex(6)  # July
        form.rollover_check.setChecked(True)
        form.rollover_spin.setValue(60)
        form.proration_combo.setCurrentIndex(form.proration_combo.findData("by_month"))

    shown = answer_forms(monkeypatch, fill)
    tab.new_plan_button.click()
    assert len(shown) == 1 and shown[0].result() == QDialog.DialogCode.Accepted
    plans = window.host.require().read(list_plans)
    assert PlanRow("Quarterly 2027", usd("1230.50"), "quarterly", "fixed", 7, 60,
                   "by_month") in plans
    assert texts(tab.plan_proxy, 0) == ["Monthly", "Quarterly 2027"]
    assert tab.plan_proxy.index(1, plan_model.Column.PERIODS).data() == (
        "Quarters of a year from July; joining after day 60: from the next period")


def test_the_plan_form_shows_problems_at_the_field_and_refuses_until_fixed(
        qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    form = PlanForm(window.context, ["Monthly"])
    qtbot.addWidget(form)
    form.show()
    assert not form.ok_button.isEnabled()
    assert not form.name_error.isVisible()  # nothing typed yet: nothing to complain about
    qtbot.keyClicks(form.name_edit, "monthly")
    assert form.name_error.text() == "There is already a plan with this name."
    form.name_edit.clear()
    qtbot.keyClicks(form.name_edit, "Solidarity")
    assert not form.name_error.isVisible()
    qtbot.keyClicks(form.amount_edit, "12,5")
    assert form.amount_error.isVisible() and "12,5" in form.amount_error.text()
    form.amount_edit.clear()
    qtbot.keyClicks(form.amount_edit, "-3")
    assert form.amount_error.text() == "The amount cannot be negative."
    assert not form.ok_button.isEnabled()
    form.accept()  # Enter with problems left: nothing is written
    assert form.result() != QDialog.DialogCode.Accepted
    assert [p.name for p in window.host.require().read(list_plans)] == ["Monthly"]
    form.amount_edit.clear()
    qtbot.keyClicks(form.amount_edit, "3")
    assert form.ok_button.isEnabled() and not form.amount_error.isVisible()


def test_rolling_plans_have_no_fixed_period_terms(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    form = PlanForm(window.context)
    qtbot.addWidget(form)
    form.rollover_check.setChecked(True)
    form.proration_combo.setCurrentIndex(2)
    form.basis_combo.setCurrentIndex(form.basis_combo.findData("rolling"))
    assert not form.rollover_check.isEnabled() and not form.proration_combo.isEnabled()
    assert not form.year_start_combo.isEnabled()
    form.name_edit.setText("Rolling")
    form.amount_edit.setText("20")
    form.accept()
    assert form.result() == QDialog.DialogCode.Accepted
    rolling = [p for p in window.host.require().read(list_plans) if p.name == "Rolling"]
    assert rolling[0].basis == PeriodBasis.ROLLING
    assert (rolling[0].rollover_day, rolling[0].proration) == (None, "none")


# -- assign -------------------------------------------------------------------------------


def test_a_member_assigned_through_the_form_is_on_the_plan(
        qtbot: QtBot, coop_on_plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, coop_on_plan)
    tab = dues_screen(window).plans
    tab.plan_table.selectRow(0)

    def fill(form: AssignForm) -> None:
        assert form.plan() == "Monthly"  # the plan selected in the table
        form.member_finder.setText("carla")  # typing would pop the completer up
        assert form.member_info.text() == "Carla Weiß"
        form.start_edit.set_value(dt.date(2026, 2, 1))
        form.reduced_radio.setChecked(True)
        qtbot.keyClicks(form.amount_edit, "4.50")
        qtbot.keyClicks(form.reason_edit, "Student")

    answer_forms(monkeypatch, fill)
    tab.assign_button.click()
    rows = window.host.require().read(list_assignments, "3")
    assert rows == [AssignmentRow("3", "Monthly", dt.date(2026, 2, 1), None, usd("4.50"), False,
                                  "Student")]
    assert "Carla Weiß" in texts(tab.assignment_proxy, assignment_model.Column.NAME)
    assert tab.plan_proxy.index(0, plan_model.Column.ASSIGNED).data() == "3"


def test_a_waiver_is_assigned_by_number(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    form = AssignForm(window.context)
    qtbot.addWidget(form)
    form.member_finder.setText("4")
    form.waived_radio.setChecked(True)
    assert not form.ok_button.isEnabled()  # a waiver needs its reason
    qtbot.keyClicks(form.reason_edit, "Board decision")
    assert form.ok_button.isEnabled()
    form.accept()
    assert window.host.require().read(list_assignments, "4") == [
        AssignmentRow("4", "Monthly", dt.date(2026, 6, 30), None, None, True, "Board decision")]


def test_the_assign_form_shows_problems_at_the_field(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    form = AssignForm(window.context)
    qtbot.addWidget(form)
    form.show()
    form.member_finder.setText("Weiß")
    assert form.member_error.text() == (
        "2 members match \u201cWeiß\u201d: type more, or pick one from the list.")
    form.member_finder.clear()
    form.member_finder.setText("Zed")
    assert form.member_error.text() == "No member has the number or name \u201cZed\u201d."
    form.member_finder.clear()
    form.member_finder.setText("7")  # Ann is on Monthly since 1 January
    assert form.start_error.text() == (
        "The member is on Monthly since Jan 1, 2026: end that assignment first")
    assert not form.ok_button.isEnabled()
    form.member_finder.clear()
    form.member_finder.setText("Dieter")
    form.until_check.setChecked(True)
    form.until_edit.set_value(dt.date(2026, 1, 1))
    assert form.start_error.text() == "The assignment cannot end before it starts"
    form.until_check.setChecked(False)
    form.reduced_radio.setChecked(True)
    qtbot.keyClicks(form.amount_edit, "-1")
    qtbot.keyClicks(form.reason_edit, "x")
    assert form.amount_error.text() == "The amount cannot be negative."
    assert not form.ok_button.isEnabled()
    form.accept()
    assert window.host.require().read(list_assignments, "4") == []


def test_the_member_finder_takes_the_completers_text(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    form = AssignForm(window.context)
    qtbot.addWidget(form)
    form.member_finder.setText("4 \N{EM DASH} Dieter Weiß")
    member = form.member_finder.member()
    assert member is not None and member.number == "4"


# -- end assignment -------------------------------------------------------------------


def test_ending_the_selected_assignment(qtbot: QtBot, coop_on_plan: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, coop_on_plan)
    tab = dues_screen(window).plans
    assert not tab.end_button.isEnabled()  # nothing selected
    tab.assignment_table.selectionModel().select(
        tab.assignment_proxy.index(1, 0),
        QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
    assert tab.end_button.isEnabled()

    def fill(form: EndAssignmentForm) -> None:
        assert form.assignment.member_number == "12"
        form.end_edit.set_value(dt.date(2026, 3, 1))  # before the start: refused at the field
        assert "cannot end before" in form.end_error.text()
        assert not form.ok_button.isEnabled()
        form.end_edit.set_value(dt.date(2026, 5, 31))

    answer_forms(monkeypatch, fill)
    tab.end_button.click()
    rows = window.host.require().read(list_assignments, "12")
    assert rows[0].end_date == dt.date(2026, 5, 31)
    # Ended before today: hidden unless asked for.
    assert texts(tab.assignment_proxy, 0) == ["7"]
    tab.show_ended_check.setChecked(True)
    assert texts(tab.assignment_proxy, 0) == ["7", "12"]
    assert tab.assignment_proxy.index(1, assignment_model.Column.END).data() == "May 31, 2026"
    tab.assignment_table.selectRow(1)
    assert not tab.end_button.isEnabled()  # already ended


def assert_tab_visits_in_order(form: QDialog, widgets: list[QWidget]) -> None:
    """Tab from the first of `widgets` reaches the others in this order (the offscreen
    platform activates no window, so the dialog's own focus is followed)."""
    widgets[0].setFocus()
    visited: list[QWidget] = []
    for _ in range(4 * len(widgets)):
        widget = form.focusWidget()
        assert widget is not None
        if widget in widgets and widget not in visited:
            visited.append(widget)
        form.focusNextChild()
    assert visited == widgets


def test_the_plan_form_works_from_the_keyboard(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    form = PlanForm(window.context)
    qtbot.addWidget(form)
    form.show()
    form.rollover_check.setChecked(True)
    form.frequency_combo.setCurrentIndex(form.frequency_combo.findData("yearly"))
    assert_tab_visits_in_order(form, [
        form.name_edit, form.amount_edit, form.frequency_combo, form.basis_combo,
        form.year_start_combo, form.rollover_check, form.rollover_spin, form.proration_combo])
    qtbot.keyClicks(form.name_edit, "Yearly")
    qtbot.keyClicks(form.amount_edit, "120")
    qtbot.keyClick(form.amount_edit, Qt.Key.Key_Return)  # Enter = Add plan
    assert form.result() == QDialog.DialogCode.Accepted
    assert "Yearly" in [p.name for p in window.host.require().read(list_plans)]


def test_the_assign_form_works_from_the_keyboard(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    form = AssignForm(window.context)
    qtbot.addWidget(form)
    form.show()
    form.until_check.setChecked(True)
    form.reduced_radio.setChecked(True)
    assert_tab_visits_in_order(form, [
        form.member_finder, form.plan_combo, form.start_edit, form.until_check, form.until_edit,
        form.amount_edit, form.reason_edit])
    form.until_check.setChecked(False)
    form.member_finder.setText("Bo")
    qtbot.keyClick(form.member_finder, Qt.Key.Key_Escape)  # Esc = Cancel
    assert form.result() == QDialog.DialogCode.Rejected
    assert window.host.require().read(list_assignments, "3") == []


def test_a_refusal_by_the_core_is_shown_under_its_field(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    form = PlanForm(window.context)  # not told the existing names: the core refuses
    qtbot.addWidget(form)
    form.show()
    form.name_edit.setText("Monthly")
    form.amount_edit.setText("5")
    form.accept()
    assert form.result() != QDialog.DialogCode.Accepted
    assert form.name_error.isVisible()
    assert form.name_error.text() == "There is already a plan called 'Monthly'"
    with Book.open(coop_on_plan, read_only=True) as book:
        assert len(book.read(list_plans)) == 1


def test_closing_the_book_empties_the_screen(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    screen = dues_screen(window)
    assert screen.plans.plan_model.rowCount() == 1
    window.host.close()
    assert screen.plans.plan_model.rowCount() == 0
    assert screen.plans.assignment_model.rowCount() == 0
    assert not screen.run_button.isEnabled()
