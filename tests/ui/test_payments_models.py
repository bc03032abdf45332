"""The Payments screen's table models: payments, a payment's application, a bank import."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from coopdesk.dues.bank_import import ImportLine
from coopdesk.dues.payment_list import PaymentRow
from coopdesk.dues.payment_preview import preview_payment
from coopdesk.dues.queries import OpenCharge
from coopdesk.formatting import Formatter
from coopdesk.money import Money
from coopdesk_ui.models import payment_application_model as application
from coopdesk_ui.models import payment_import_model as imports
from coopdesk_ui.models import payment_list_model as payments
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy


def eur(text: str) -> Money:
    return Money(text, "EUR")


PAYMENTS = [
    PaymentRow(7, dt.date(2026, 3, 2), "10", "Ana Ruiz", None, eur("1234.50"), "bank_transfer",
               "DUES #10", "", False),
    PaymentRow(8, dt.date(2026, 3, 2), "9", "Carla Ruiz", "10", eur("30.00"), "cash", "", "for March", True),
]
NAMES = {"10": "Ana Ruiz", "9": "Carla Ruiz"}


def test_payment_list_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = payments.PaymentListModel(Formatter("de_DE"))
    qtmodeltester.check(model)
    model.set_rows(PAYMENTS, NAMES)
    qtmodeltester.check(model)
    model.set_rows([], NAMES)
    qtmodeltester.check(model)


def test_payment_list_shows_formatted_text_and_keeps_raw_values_and_ids() -> None:
    model = payments.PaymentListModel(Formatter("de_DE"))
    model.set_rows(PAYMENTS, NAMES)
    texts = [[model.index(r, c).data() for c in payments.Column] for r in range(2)]
    assert texts[0] == ["02.03.2026", "10", "Ana Ruiz", "", "Bank transfer", "DUES #10", "1.234,50", ""]
    assert texts[1] == ["02.03.2026", "9", "Carla Ruiz", "10 \N{EM DASH} Ana Ruiz", "Cash", "", "30,00",
                        "Reversed"]
    assert model.index(0, payments.Column.AMOUNT).data(SORT_ROLE) == Decimal("1234.50")
    assert {model.index(1, c).data(ID_ROLE) for c in payments.Column} == {8}
    assert model.index(1, payments.Column.MEMBER).data(Qt.ItemDataRole.ToolTipRole) == "for March"
    right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
    assert model.index(0, payments.Column.AMOUNT).data(Qt.ItemDataRole.TextAlignmentRole) == right
    assert model.index(1, 0).data(Qt.ItemDataRole.ForegroundRole) is not None  # greyed: reversed
    assert model.index(0, 0).data(Qt.ItemDataRole.ForegroundRole) is None
    assert model.row_of(8) == 1 and model.row_of(99) is None


def test_payment_list_sorts_member_numbers_as_numbers() -> None:
    model = payments.PaymentListModel(Formatter("en_US"))
    model.set_rows(PAYMENTS, NAMES)
    proxy = RawValueSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(payments.Column.NUMBER, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, payments.Column.NUMBER).data() for r in range(2)] == ["9", "10"]


CHARGES = [OpenCharge(1, "Monthly", "2026-01", dt.date(2026, 1, 1), eur("10.00"), eur("4.00")),
           OpenCharge(2, "Monthly", "2026-02", dt.date(2026, 2, 1), eur("10.00"), eur("10.00"))]


def test_application_model_passes_the_model_tester_and_shows_what_is_paid(
        qtmodeltester: ModelTester) -> None:
    model = application.PaymentApplicationModel(Formatter("en_US"))
    qtmodeltester.check(model)
    model.set_rows(preview_payment(CHARGES, eur("9.00")).applied)
    qtmodeltester.check(model)
    texts = [[model.index(r, c).data() for c in application.Column] for r in range(model.rowCount())]
    assert texts == [["2026-01", "Monthly", "4.00", "0.00"],
                     ["2026-02", "Monthly", "5.00", "5.00"]]
    assert model.index(1, application.Column.LEFT).data(SORT_ROLE) == Decimal("5.00")
    assert model.index(1, 0).data(ID_ROLE) == 2


IMPORT_LINES = [
    ImportLine(2, dt.date(2026, 5, 3), eur("20.00"), "Mitglied 10", "A. Ruiz", "10", "number", "record"),
    ImportLine(3, dt.date(2026, 5, 4), eur("5.00"), "Spende", "Jemand", None, "no match", "unmatched"),
    ImportLine(4, dt.date(2026, 5, 4), eur("5.00"), "Carla Ruiz", None, "9", "name", "already recorded"),
]


def test_import_model_passes_the_model_tester_and_says_how_each_row_matched(
        qtmodeltester: ModelTester) -> None:
    model = imports.PaymentImportModel(Formatter("de_DE"), matched=True)
    qtmodeltester.check(model)
    model.set_rows(IMPORT_LINES, NAMES)
    qtmodeltester.check(model)
    texts = [[model.index(r, c).data() for c in imports.Column] for r in range(3)]
    assert texts[0] == ["2", "03.05.2026", "20,00", "Mitglied 10", "A. Ruiz", "10 \N{EM DASH} Ana Ruiz",
                        "member number", "will be recorded"]
    assert texts[1][imports.Column.MEMBER:] == ["", "no member's number or name found in it",
                                                "not recorded"]
    assert texts[2][imports.Column.HOW:] == ["name", "skipped: imported before"]
    assert model.index(2, 0).data(ID_ROLE) == 4
    unmatched = imports.PaymentImportModel(Formatter("de_DE"), matched=False)
    header = unmatched.headerData(imports.Column.HOW, Qt.Orientation.Horizontal)
    assert header == "Why not matched"
