"""The Patronage screen on a small co-op: pools edited all at once and refused until they add
up to 100 %; a record added through the quick entry; the CSV import previewed then applied;
the allocation wizard's draft equal to the core's preview on the same terms, posted once, its
cash part paid; a read-only book offering no action."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.patronage.measures import list_pools
from coopdesk.patronage.queries import list_allocations
from coopdesk.patronage.records import list_records
from coopdesk.patronage.run import preview_allocation
from coopdesk.patronage.ui_queries import cash_owed_by_year
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.screens.patronage import PatronageScreen
from coopdesk_ui.screens.patronage_cash_dialog import CashDialog
from coopdesk_ui.screens.patronage_dialogs import PatronageDialogs
from coopdesk_ui.screens.patronage_import_dialog import RecordImportDialog
from coopdesk_ui.screens.patronage_pools_form import PoolsForm
from coopdesk_ui.screens.patronage_wizard import AllocationWizard

from .patronage_helpers import (  # noqa: F401  (fixtures)
    Y2025,
    answer_confirm,
    answer_forms,
    coop_path,
    no_real_patronage_dialogs,
    open_window,
    terms,
    texts,
    usd,
)


def patronage(window: MainWindow) -> PatronageScreen:
    screen = window.screens["patronage"]
    assert isinstance(screen, PatronageScreen)
    return screen


def book_of(window: MainWindow) -> Book:
    book = window.host.book
    assert book is not None
    return book


def test_the_pools_form_refuses_until_the_pools_add_up_to_100(
        qtbot: QtBot, coop_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, coop_path, "patronage")
    screen = patronage(window)
    assert texts(screen.measures.pool_model, 2) == ["60%", "40%"]
    seen: list[str] = []

    def fill(form: QDialog) -> None:
        assert isinstance(form, PoolsForm)
        form.rows[0].percent.setText("50")
        assert not form.ok_button.isEnabled()
        seen.append(form.total_error.text())
        form.accept()  # refused: nothing written, the form stays
        assert form.result() != QDialog.DialogCode.Accepted
        form.rows[1].percent.setText("50")
        form.rows[1].minimum.setText("10")
        assert form.ok_button.isEnabled() and form.total_error.text() == ""
        form.accept()

    answer_forms(monkeypatch, fill)
    screen.measures.edit_pools_button.click()
    assert seen == ["The pools add up to 90%; they must add up to 100 %."]
    pools = book_of(window).read(list_pools)
    assert [(p.class_code, p.percent, p.min_quantity) for p in pools] == [
        ("worker", Decimal(50), Decimal(0)), ("consumer", Decimal(50), Decimal(10))]
    assert texts(screen.measures.pool_model, 2) == ["50%", "50%"]  # refreshed from the write


def test_a_pool_added_and_removed_in_the_form(qtbot: QtBot, coop_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, coop_path, "patronage")

    def fill(form: QDialog) -> None:
        assert isinstance(form, PoolsForm)
        extra = form.add_row(None, "purchases", "10")
        assert not form.ok_button.isEnabled()
        form.remove_row(extra)
        form.add_row("worker", "hours", "5")
        assert "same class and measure" in form.rows[2].error.text()
        form.remove_row(form.rows[2])
        assert form.ok_button.isEnabled()
        form.reject()

    answer_forms(monkeypatch, fill)
    patronage(window).measures.edit_pools_button.click()
    assert len(book_of(window).read(list_pools)) == 2


def test_a_record_added_through_the_quick_entry_is_in_the_book(qtbot: QtBot,
                                                               coop_path: Path) -> None:
    window = open_window(qtbot, coop_path, "patronage")
    screen = patronage(window)
    screen.tabs.setCurrentWidget(screen.records)
    tab = screen.records
    assert tab.year_combo.currentText() == "2026"  # the newest year with records
    entry = tab.entry
    entry.member_edit.setText("Ana")
    entry.date_edit.set_value(dt.date(2026, 6, 2))
    entry.measure_combo.setCurrentIndex(entry.measure_combo.findData("purchases"))
    entry.quantity_edit.setText("12.5")
    entry.reference_edit.setText("receipt 7")
    qtbot.keyClick(entry.quantity_edit, "\r")
    records = book_of(window).read(list_records, member_number="4")
    assert [(r.date, r.measure_code, r.quantity, r.reference) for r in records][0] == (
        dt.date(2026, 6, 2), "purchases", Decimal("12.5"), "receipt 7")
    assert "Ana Ruiz" in texts(tab.model, 2)
    assert entry.quantity_edit.text() == "" and entry.member_edit.text() == "4 \N{EM DASH} Ana Ruiz"
    entry.quantity_edit.setText("abc")
    assert entry.add() is None
    assert entry.error.text() == "Type the quantity: a number above zero."


def test_the_records_filter_by_member_and_measure(qtbot: QtBot, coop_path: Path) -> None:
    window = open_window(qtbot, coop_path, "patronage")
    screen = patronage(window)
    screen.tabs.setCurrentWidget(screen.records)
    tab = screen.records
    tab.year_combo.setCurrentIndex(tab.year_combo.findText("2025"))
    assert tab.model.rowCount() == 5
    tab.measure_combo.setCurrentIndex(tab.measure_combo.findData("hours"))
    assert texts(tab.model, 1) == ["2", "1"]
    tab.member_filter.setText("Ada")
    assert texts(tab.model, 1) == ["1"]
    tab.member_filter.setText("Nobody at all")
    assert tab.model.rowCount() == 0
    tab.member_filter.clear()
    assert tab.model.rowCount() == 2


def test_a_csv_file_is_previewed_then_imported(qtbot: QtBot, coop_path: Path, tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, coop_path, "patronage")
    screen = patronage(window)
    screen.tabs.setCurrentWidget(screen.records)
    good = tmp_path / "hours.csv"
    good.write_text("member,date,quantity\n1,2026-02-01,8\n2,2026-02-01,7.5\n")
    bad = tmp_path / "bad.csv"
    bad.write_text("member,date,quantity\n99,2026-02-01,8\n")
    before = len(book_of(window).read(list_records))
    outcome: list[RecordImportDialog] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, RecordImportDialog)
        dialog.measure_combo.setCurrentIndex(dialog.measure_combo.findData("hours"))
        dialog.set_path(bad)
        assert dialog.go_next()
        assert dialog.problems and not dialog.import_button.isEnabled()
        assert len(book_of(window).read(list_records)) == before  # a dry run
        dialog.set_path(good)
        assert dialog.go_next()
        assert dialog.preview.added == 2 and dialog.import_button.isEnabled()
        assert len(book_of(window).read(list_records)) == before
        assert dialog.apply()
        outcome.append(dialog)

    answer_forms(monkeypatch, fill)
    screen.records.import_button.click()
    assert outcome
    assert len(book_of(window).read(list_records)) == before + 2


def wizard_on(window: MainWindow, qtbot: QtBot) -> AllocationWizard:
    screen = patronage(window)
    screen.tabs.setCurrentWidget(screen.allocation)
    wizard = screen.allocation.make_wizard()
    qtbot.addWidget(wizard)
    wizard.show()
    return wizard


def fill_terms(wizard: AllocationWizard) -> None:
    page = wizard.terms_page
    assert page.choose_year(Y2025)
    page.reserve_edit.setText("10")
    page.cash_edit.setText("20")
    page.min_payout_edit.setText("5.00")


def test_the_wizards_draft_is_the_cores_preview_on_the_same_terms(qtbot: QtBot,
                                                                  coop_path: Path) -> None:
    window = open_window(qtbot, coop_path, "patronage")
    wizard = wizard_on(window, qtbot)
    page = wizard.terms_page
    assert page.year_combo.currentText() == "2026"  # the newest year not allocated
    fill_terms(wizard)
    page.cash_edit.setText("15")
    assert page.cash_warning.isVisibleTo(page)
    page.cash_edit.setText("20")
    assert not page.cash_warning.isVisibleTo(page)
    page.reserve_edit.setText("110")
    assert not page.isComplete() and page.reserve_error.text() == "A percentage from 0 to 100."
    page.reserve_edit.setText("10")
    assert page.isComplete()
    wizard.next()
    assert wizard.currentPage() is wizard.draft_page
    expected = book_of(window).read(preview_allocation, terms())
    draft = wizard.draft_page
    assert draft.line_model.rows() == expected.lines
    assert draft.excluded_model.rows() == expected.excluded
    formatter = window.context.formatter
    result = expected.result
    assert draft.figures["surplus"].text() == formatter.money(result.terms.surplus)
    assert draft.figures["reserve"].text() == formatter.money(-result.reserve)
    assert draft.figures["cash"].text() == formatter.money(result.cash)
    assert draft.figures["retained"].text() == formatter.money(result.retained)
    assert texts(draft.excluded_model, 4) == [
        "not in good standing at the year's end (pending)"]
    # Sortable by raw amounts.
    draft.line_table.sortByColumn(4, draft.line_table.horizontalHeader().sortIndicatorOrder())
    amounts = [draft.line_proxy.index(r, 4).data(257) for r in range(draft.line_proxy.rowCount())]
    assert amounts == sorted(amounts) or amounts == sorted(amounts, reverse=True)


def test_the_draft_is_saved_as_pdf_where_the_user_says(
        qtbot: QtBot, coop_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "draft.pdf"
    asked: list[Path] = []

    def ask(cls: object, parent: object, suggested: Path) -> Path:
        asked.append(suggested)
        return target

    monkeypatch.setattr(PatronageDialogs, "ask_pdf_path", classmethod(ask))
    window = open_window(qtbot, coop_path, "patronage")
    wizard = wizard_on(window, qtbot)
    fill_terms(wizard)
    wizard.next()
    draft = wizard.draft_page
    assert draft.pdf_button.isVisible()
    draft.pdf_button.click()
    assert [path.name for path in asked] == ["allocation-2025-01-01-draft.pdf"]
    assert target.read_bytes().startswith(b"%PDF-")


def test_the_core_refuses_terms_at_the_field(qtbot: QtBot, coop_path: Path) -> None:
    window = open_window(qtbot, coop_path, "patronage")
    wizard = wizard_on(window, qtbot)
    fill_terms(wizard)
    wizard.terms_page.non_member_edit.setText("20,000.00")  # more than the surplus
    wizard.next()
    assert wizard.currentPage() is wizard.terms_page
    assert "Non-member part" in wizard.terms_page.form_error.text() or \
        wizard.terms_page.non_member_error.text()


def test_posting_once_then_paying_the_cash_part(qtbot: QtBot, coop_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, coop_path, "patronage")
    wizard = wizard_on(window, qtbot)
    fill_terms(wizard)
    wizard.next()
    wizard.next()
    post = wizard.post_page
    assert wizard.currentPage() is post
    assert post.date_edit.value() == dt.date(2026, 6, 30)  # today, after the year's end
    post.date_edit.set_value(dt.date(2025, 12, 31))
    assert not post.post_button.isEnabled() and "after its year ends" in post.date_error.text()
    post.date_edit.set_value(dt.date(2026, 3, 1))
    asked = answer_confirm(monkeypatch, answer=False)
    assert post.post() is None and book_of(window).read(list_allocations) == []
    assert "cannot be posted again" in asked[0]
    answer_confirm(monkeypatch, answer=True)
    posted = post.post()
    assert posted is not None
    (row,) = book_of(window).read(list_allocations)
    assert (row.year_start, row.posted_on, row.cash, row.retained) == (
        Y2025, dt.date(2026, 3, 1), posted.cash, posted.retained)
    assert not post.post_button.isEnabled()
    assert post.post() is None  # a second post from the same page does nothing
    assert len(book_of(window).read(list_allocations)) == 1
    wizard.back()
    assert wizard.currentPage() is post  # no going back to a draft now posted

    # The cash part, paid from the page.
    def pay(dialog: QDialog) -> None:
        assert isinstance(dialog, CashDialog)
        assert dialog.ok_button.isEnabled() and "4 members are paid" in dialog.what_label.text()
        dialog.accept()

    answer_forms(monkeypatch, pay)
    assert post.pay_button.isVisibleTo(post)
    post.pay_cash()
    assert book_of(window).read(cash_owed_by_year) == {Y2025: usd("0.00")}

    # The list shows the year posted and paid; a new wizard offers it as allocated only.
    screen = patronage(window)
    assert texts(screen.allocation.model, 0) == ["2025"]
    assert texts(screen.allocation.model, 8) == ["0.00"]
    assert not screen.allocation.pay_button.isEnabled()
    again = wizard_on(window, qtbot)
    assert again.terms_page.choose_year(Y2025)
    assert "already allocated" in again.terms_page.year_combo.currentText()
    assert not again.terms_page.isComplete()
    assert "allocated once" in again.terms_page.year_error.text()


def test_a_read_only_book_offers_no_action(qtbot: QtBot, coop_path: Path) -> None:
    window = open_window(qtbot, coop_path, "patronage", read_only=True)
    screen = patronage(window)
    assert "reading only" in screen.feedback.text()
    assert screen.measures.measure_model.rowCount() == 2
    assert not screen.measures.add_measure_button.isEnabled()
    assert not screen.measures.edit_pools_button.isEnabled()
    screen.tabs.setCurrentWidget(screen.records)
    assert screen.records.model.rowCount() == 1
    assert not screen.records.entry.add_button.isEnabled()
    assert not screen.records.import_button.isEnabled()
    screen.tabs.setCurrentWidget(screen.allocation)
    assert not screen.allocation.allocate_button.isEnabled()
    assert screen.allocation.allocate() is None
