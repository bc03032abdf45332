"""The dues screen's table models: well-behaved Qt models whose roles give text, raw values
and ids, formatted in the book's locale."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import QAbstractTableModel, Qt
from pytestqt.modeltest import ModelTester

from coopdesk.dues.plans import AssignmentRow, PlanRow
from coopdesk.dues.queries import ArrearsRow
from coopdesk.dues.run import PlannedCharge
from coopdesk.dues.summary import SummaryRow
from coopdesk.formatting import Formatter
from coopdesk.money import Money
from coopdesk_ui.models import arrears_model, assignment_model, dues_collection_model, plan_model
from coopdesk_ui.models import dues_preview_model
from coopdesk_ui.models.arrears_model import ArrearsModel
from coopdesk_ui.models.assignment_model import AssignmentModel
from coopdesk_ui.models.dues_collection_model import DuesCollectionModel
from coopdesk_ui.models.dues_preview_model import DuesPreviewModel
from coopdesk_ui.models.plan_model import PlanModel
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


PLANS = [
    PlanRow("Standard", eur("1234.50"), "yearly", "fixed", 7, 305, "by_month"),
    PlanRow("Monthly", eur("9.00"), "monthly", "fixed", 1, None, "none"),
    PlanRow("Rolling", eur("25.00"), "quarterly", "rolling", 1, None, "none"),
]
ASSIGNMENTS = [
    AssignmentRow("10", "Standard", dt.date(2025, 1, 1), None, None, False, ""),
    AssignmentRow("9", "Standard", dt.date(2024, 1, 1), dt.date(2025, 6, 30), eur("5.00"), False,
                  "Student"),
    AssignmentRow("11", "Monthly", dt.date(2026, 2, 1), None, None, True, "Hardship"),
]
ARREARS = [
    ArrearsRow("29", "Thiago Gonçalves", 4, eur("1004.00"), "2026-08", dt.date(2026, 8, 1), "lapsed"),
    ArrearsRow("2", "Chloé Bérenger", 2, eur("2.00"), "2026-10", dt.date(2026, 10, 1), "in_grace"),
]
PLANNED = [
    PlannedCharge(1, "7", "Ann Lee", 1, "Monthly", "2026-06", dt.date(2026, 6, 1),
                  dt.date(2026, 6, 30), eur("9.00"), False),
    PlannedCharge(2, "12", "Bo Chan", 1, "Monthly", "2026-06", dt.date(2026, 6, 1),
                  dt.date(2026, 6, 30), eur("4.50"), True),
]
SUMMARY = [
    SummaryRow("2026-01", eur("1000.00"), eur("800.00"), eur("50.00"), eur("150.00"), "80.0"),
    SummaryRow("2026-02", eur("0.00"), eur("0.00"), eur("0.00"), eur("0.00"), ""),
]


def texts(model: QAbstractTableModel, row: int) -> list[str]:
    return [model.index(row, c).data() for c in range(model.columnCount())]


def test_plan_model(qtmodeltester: ModelTester) -> None:
    model = PlanModel(Formatter("de_DE"))
    qtmodeltester.check(model)
    model.set_rows(PLANS, {"Standard": 3})
    qtmodeltester.check(model)
    assert texts(model, 0) == ["Standard", "1.234,50", "Yearly",
                               "Years from Juli; joining after day 305: from the next period",
                               "By month", "3"]
    assert texts(model, 1)[2:] == ["Monthly", "Calendar months", "None", "0"]
    assert texts(model, 2)[3] == "From each member's start date"
    assert model.index(0, plan_model.Column.AMOUNT).data(SORT_ROLE) == Decimal("1234.50")
    assert model.index(0, plan_model.Column.AMOUNT).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert {model.index(1, c).data(ID_ROLE) for c in plan_model.Column} == {"Monthly"}
    model.set_rows([], {})
    qtmodeltester.check(model)


def test_assignment_model(qtmodeltester: ModelTester) -> None:
    model = AssignmentModel(Formatter("en_US"))
    qtmodeltester.check(model)
    model.set_rows(ASSIGNMENTS, {"9": "Ann Lee", "10": "Bo Chan"})
    qtmodeltester.check(model)
    assert texts(model, 0) == ["10", "Bo Chan", "Standard", "Jan 1, 2025", "", "Full", ""]
    assert texts(model, 1)[3:] == ["Jan 1, 2024", "Jun 30, 2025", "5.00", "Student"]
    assert texts(model, 2)[5:] == ["Waived", "Hardship"]
    assert model.index(1, assignment_model.Column.END).data(SORT_ROLE) == dt.date(2025, 6, 30)
    assert model.row_at(2).member_number == "11"
    proxy = RawValueSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(assignment_model.Column.NUMBER)  # numbers as numbers: 9 before 10
    assert [proxy.index(r, 0).data() for r in range(3)] == ["9", "10", "11"]
    proxy.sort(assignment_model.Column.RATE)  # waived, reduced, full
    assert [proxy.index(r, 0).data(ID_ROLE) for r in range(3)] == ["11", "9", "10"]
    assert assignment_model.is_current(ASSIGNMENTS[0], dt.date(2026, 1, 1))
    assert not assignment_model.is_current(ASSIGNMENTS[1], dt.date(2026, 1, 1))


def test_arrears_model(qtmodeltester: ModelTester) -> None:
    model = ArrearsModel(Formatter("de_DE"))
    qtmodeltester.check(model)
    model.set_rows(ARREARS)
    qtmodeltester.check(model)
    assert texts(model, 0) == ["29", "Thiago Gonçalves", "4", "1.004,00", "2026-08",
                               "01.08.2026", "Lapsed"]
    assert texts(model, 1)[6] == "In grace"
    column = arrears_model.Column
    assert model.index(0, column.AMOUNT).data(SORT_ROLE) == Decimal("1004.00")
    assert model.index(0, column.MONTHS).data(Qt.ItemDataRole.TextAlignmentRole) == RIGHT
    assert model.index(1, column.NAME).data(ID_ROLE) == "2"
    proxy = RawValueSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(column.NUMBER)
    assert [proxy.index(r, 0).data() for r in range(2)] == ["2", "29"]
    proxy.sort(column.AMOUNT, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, 0).data() for r in range(2)] == ["29", "2"]


def test_dues_preview_model(qtmodeltester: ModelTester) -> None:
    model = DuesPreviewModel(Formatter("en_US"))
    qtmodeltester.check(model)
    model.set_rows(PLANNED)
    qtmodeltester.check(model)
    assert texts(model, 0) == ["7", "Ann Lee", "Monthly", "2026-06", "Jun 1, 2026", "Jun 30, 2026",
                               "9.00"]
    assert texts(model, 1)[6] == "4.50 (prorated)"
    column = dues_preview_model.Column
    assert model.index(1, column.AMOUNT).data(SORT_ROLE) == Decimal("4.50")
    assert model.index(1, column.AMOUNT).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(1, column.PLAN).data(ID_ROLE) == "12"


def test_dues_collection_model(qtmodeltester: ModelTester) -> None:
    model = DuesCollectionModel(Formatter("en_US"))
    qtmodeltester.check(model)
    model.set_rows(SUMMARY)
    qtmodeltester.check(model)
    assert texts(model, 0) == ["January 2026", "1,000.00", "800.00", "50.00", "150.00", "80"]
    assert texts(model, 1) == ["February 2026", "", "", "", "", ""]  # nothing charged
    column = dues_collection_model.Column
    assert model.index(0, column.OUTSTANDING).data(SORT_ROLE) == Decimal("150.00")
    assert model.index(0, column.RATE).data(SORT_ROLE) == Decimal("80.0")
    assert model.index(1, column.MONTH).data(ID_ROLE) == "2026-02"
