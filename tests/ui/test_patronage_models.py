"""Every table model of the Patronage and Capital accounts screens passes pytest-qt's model
tester on the rows of a co-op with a posted allocation, a redemption and a former member; and
writes what it shows the way the book's formatter does."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pytestqt.modeltest import ModelTester

from coopdesk.book import Book
from coopdesk.formatting import Formatter
from coopdesk.members.service import record_leaving
from coopdesk.patronage.capital import make_capital_payable, record_share_payment
from coopdesk.patronage.importing import import_records
from coopdesk.patronage.measures import list_measures, list_pools
from coopdesk.patronage.queries import capital_register, list_allocations, member_capital
from coopdesk.patronage.records import list_records
from coopdesk.patronage.redemption import preview_redemption
from coopdesk.patronage.run import post_allocation, preview_allocation
from coopdesk.patronage.ui_queries import cash_owed_by_year
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.capital_history_model import CapitalHistoryModel
from coopdesk_ui.screens.capital_redemption_model import RedemptionModel
from coopdesk_ui.screens.capital_register_model import CapitalRegisterModel
from coopdesk_ui.screens.capital_year_model import CapitalYearModel
from coopdesk_ui.screens.patronage_allocation_model import AllocationModel, PostedYear
from coopdesk_ui.screens.patronage_draft_model import DraftLineModel
from coopdesk_ui.screens.patronage_excluded_model import ExcludedModel
from coopdesk_ui.screens.patronage_import_model import ImportedRecordModel
from coopdesk_ui.screens.patronage_measure_model import MeasureModel
from coopdesk_ui.screens.patronage_pool_model import PoolModel
from coopdesk_ui.screens.patronage_record_model import RecordModel
from coopdesk_ui.models.row_table_model import RowTableModel

from .patronage_helpers import coop_path, terms, texts, usd  # noqa: F401  (fixture)

F = Formatter("en_US")


def check(qtmodeltester: ModelTester, model: RowTableModel, rows: object) -> None:
    assert isinstance(rows, (list, tuple)) and rows, "a model is tested on rows"
    model.set_rows(rows)
    qtmodeltester.check(model)
    proxy = RawValueSortProxy()
    proxy.setSourceModel(model)
    for column in range(model.columnCount()):
        proxy.sort(column)  # every raw value sorts against the others of its column
    qtmodeltester.check(proxy)
    assert model.index(0, 0).data(ID_ROLE) is not None or isinstance(model, (DraftLineModel,))
    model.set_rows([])
    qtmodeltester.check(model)


def test_every_model_passes_the_model_tester(qtmodeltester: ModelTester, coop_path: Path) -> None:
    with Book.open(coop_path) as book:
        book.run(record_share_payment, "1", usd("100.00"), dt.date(2024, 2, 1))
        preview = book.read(preview_allocation, terms())
        book.run(post_allocation, terms(), dt.date(2026, 3, 1))
        book.run(record_leaving, "4", dt.date(2026, 3, 31), "withdrew")
        book.run(make_capital_payable, "4", dt.date(2026, 4, 1), installments=2,
                 first_due=dt.date(2026, 6, 30))
        plan = book.read(preview_redemption, usd("500.00"))
        owed = book.read(cash_owed_by_year)
        posted = [PostedYear(row, owed[row.year_start]) for row in book.read(list_allocations)]
        register = book.read(capital_register)
        check(qtmodeltester, MeasureModel(F), book.read(list_measures))
        check(qtmodeltester, PoolModel(F), book.read(list_pools))
        check(qtmodeltester, RecordModel(F), book.read(list_records))
        check(qtmodeltester, DraftLineModel(F), preview.lines)
        check(qtmodeltester, ExcludedModel(F), preview.excluded)
        check(qtmodeltester, AllocationModel(F), posted)
        check(qtmodeltester, CapitalRegisterModel(F), register)
        check(qtmodeltester, CapitalHistoryModel(F), book.read(member_capital, "4"))
        check(qtmodeltester, CapitalYearModel(F), register[0].by_year)
        check(qtmodeltester, RedemptionModel(F), plan.lines)
        result = book.dry_run(import_records, b"member,date,measure,quantity\n1,2026-02-01,hours,8\n",
                              locale="en_US")
        imported = ImportedRecordModel(F)
        imported.set_repeated([2])
        check(qtmodeltester, imported, result.records)


def test_amounts_are_formatted_right_aligned_and_sort_by_value(coop_path: Path) -> None:
    with Book.open(coop_path) as book:
        book.run(post_allocation, terms(), dt.date(2026, 3, 1))
        register = book.read(capital_register)
    model = CapitalRegisterModel(Formatter("de_DE"))
    model.set_rows(register)
    assert texts(model, 3)[0] == Formatter("de_DE").money(register[0].retained, with_symbol=False)
    assert "," in texts(model, 3)[0]  # German decimals
    index = model.index(0, 3)
    assert index.data(SORT_ROLE) == register[0].retained.amount
    from PySide6.QtCore import Qt
    assert index.data(Qt.ItemDataRole.TextAlignmentRole) & Qt.AlignmentFlag.AlignRight
    assert model.headerData(3, Qt.Orientation.Horizontal) == "Retained"
