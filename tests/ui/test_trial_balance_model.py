"""TrialBalanceModel: a well-behaved Qt model whose roles give text, raw values and ids."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from coopdesk.formatting import Formatter
from coopdesk.ledger.queries import TrialBalanceRow
from coopdesk.money import Money
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.models.trial_balance_model import Column, TrialBalanceModel

def row(code: str, name: str, type_: str, debit: str = "0", credit: str = "0") -> TrialBalanceRow:
    return TrialBalanceRow(code, name, type_, Money(debit, "EUR"), Money(credit, "EUR"))


ROWS = [
    row("1000", "Cash", "asset", debit="9.00"),
    row("1010", "Bank account", "asset", debit="1234.50"),
    row("4000", "Dues income", "income", credit="1243.50"),
    row("5000", "Operating expenses", "expense"),
]


def test_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = TrialBalanceModel(Formatter("de_DE"))
    qtmodeltester.check(model)
    model.set_rows(ROWS)
    qtmodeltester.check(model)
    model.set_rows([])
    qtmodeltester.check(model)


def test_display_is_formatted_in_the_books_locale_and_zero_is_blank() -> None:
    model = TrialBalanceModel(Formatter("de_DE"))
    model.set_rows(ROWS)
    texts = [[model.index(r, c).data() for c in Column] for r in range(model.rowCount())]
    assert texts[1] == ["1010", "Bank account", "Asset", "1.234,50", ""]
    assert texts[2] == ["4000", "Dues income", "Income", "", "1.243,50"]
    assert texts[3][Column.DEBIT:] == ["", ""]
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in Column] == [
        "Code", "Account", "Type", "Debit", "Credit"]


def test_sort_and_id_roles_carry_raw_values() -> None:
    model = TrialBalanceModel(Formatter("en_US"))
    model.set_rows(ROWS)
    assert model.index(1, Column.DEBIT).data(SORT_ROLE) == Decimal("1234.50")
    assert model.index(3, Column.CREDIT).data(SORT_ROLE) == Decimal("0.00")
    assert model.index(1, Column.CODE).data(SORT_ROLE) == "1010"
    assert {model.index(2, c).data(ID_ROLE) for c in Column} == {"4000"}


def test_amounts_are_right_aligned_and_text_left_aligned() -> None:
    model = TrialBalanceModel(Formatter("en_US"))
    model.set_rows(ROWS)
    alignment = Qt.ItemDataRole.TextAlignmentRole
    assert model.index(0, Column.DEBIT).data(alignment) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, Column.CREDIT).data(alignment) & Qt.AlignmentFlag.AlignRight
    assert model.index(0, Column.NAME).data(alignment) & Qt.AlignmentFlag.AlignLeft
    assert model.headerData(Column.DEBIT, Qt.Orientation.Horizontal, alignment) & Qt.AlignmentFlag.AlignRight


def test_set_rows_resets_the_model(qtbot: QtBot) -> None:
    model = TrialBalanceModel(Formatter("en_US"))
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows(ROWS)
    assert model.rowCount() == len(ROWS)
    assert model.rows() == tuple(ROWS)
    assert model.rowCount(model.index(0, 0)) == 0  # a table: no row has children


def test_proxy_sorts_amounts_by_value_not_by_text() -> None:
    model = TrialBalanceModel(Formatter("en_US"))
    model.set_rows([row("1", "A", "asset", debit="10.00"), row("2", "B", "asset", debit="9.00"),
                    row("3", "C", "asset", debit="100.00")])
    proxy = RawValueSortProxy()
    proxy.setSourceModel(model)
    proxy.sort(Column.DEBIT, Qt.SortOrder.AscendingOrder)
    assert [proxy.index(r, Column.DEBIT).data() for r in range(3)] == ["9.00", "10.00", "100.00"]
    proxy.sort(Column.NAME, Qt.SortOrder.DescendingOrder)
    assert [proxy.index(r, Column.NAME).data() for r in range(3)] == ["C", "B", "A"]


def test_invalid_index_has_no_data() -> None:
    model = TrialBalanceModel(Formatter("en_US"))
    model.set_rows(ROWS)
    assert model.data(QModelIndex()) is None


def test_headers_and_account_types_follow_the_apps_language() -> None:
    from coopdesk.i18n import translations, use_language

    french = translations("fr").gettext
    use_language("fr")
    try:
        model = TrialBalanceModel(Formatter("fr_FR"))
        model.set_rows(ROWS)
        header = model.headerData(Column.DEBIT, Qt.Orientation.Horizontal,
                                  Qt.ItemDataRole.DisplayRole)
        kind = model.index(0, Column.TYPE).data()
    finally:
        use_language(None)
    assert (header, kind) == (french("Debit"), french("Asset"))
    assert (header, kind) != ("Debit", "Asset")
