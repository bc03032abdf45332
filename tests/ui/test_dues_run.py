"""The "Run dues through…" dialog: the preview is what gets charged, posting charges it once,
and a cancelled run leaves the book as it was."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.book import Book
from coopdesk.dues.queries import arrears, open_charges
from coopdesk.dues.run import run_dues
from coopdesk.ledger.queries import trial_balance
from coopdesk.money import Money
from coopdesk_ui import jobs
from coopdesk_ui.forms.dues_run_dialog import DuesRunDialog
from coopdesk_ui.main_window import MainWindow
from coopdesk_ui.models.dues_preview_model import Column
from coopdesk_ui.screens.dues_dialogs import DuesDialogs

from .conftest import TODAY
from .dues_helpers import (  # noqa: F401  (fixtures)
    coop,
    coop_on_plan,
    dues_screen,
    no_real_dues_dialogs,
    open_window,
    usd,
)


def run_dialog(qtbot: QtBot, window: MainWindow) -> DuesRunDialog:
    dialog = DuesRunDialog(window.context)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def dues_receivable(book: Book) -> Money:
    rows = {row.code: row for row in book.read(trial_balance, TODAY)}
    return rows["1100"].debit - rows["1100"].credit if "1100" in rows else usd("0")


def test_the_preview_shows_every_charge_of_this_month_by_default(
        qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    dialog = run_dialog(qtbot, window)
    assert dialog.year_month() == (2026, 6)
    # Ann (7) on the plan since January, Bo (12) since joining on 15 March (charged in full).
    assert dialog.summary_label.text() == (
        "Will charge 10 periods to 2 members, $100.00 in all, through June 2026.")
    model = dialog.model
    assert model.rowCount() == 10
    rows = [(model.index(r, Column.NUMBER).data(), model.index(r, Column.PERIOD).data(),
             model.index(r, Column.AMOUNT).data()) for r in range(model.rowCount())]
    # In the register's order (by sort name: Chan before Lee), each member's periods in order.
    assert rows == [("12", f"2026-{m:02d}", "10.00") for m in range(3, 7)] + [
        ("7", f"2026-{m:02d}", "10.00") for m in range(1, 7)]
    assert dialog.footer.text(Column.AMOUNT) == "100.00"
    assert dialog.post_button.isEnabled()
    assert dues_receivable(window.host.require()) == usd("0")  # a preview writes nothing


def test_choosing_another_month_previews_it(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    dialog = run_dialog(qtbot, window)
    dialog.set_month(2026, 3)
    assert dialog.summary_label.text() == (
        "Will charge 4 periods to 2 members, $40.00 in all, through March 2026.")
    dialog.set_month(2025, 12)
    assert dialog.summary_label.text() == (
        "Nothing to charge through December 2025: no period falls due that is not charged "
        "already.")
    assert dialog.model.rowCount() == 0 and not dialog.post_button.isEnabled()
    assert not dialog.table.isVisible()  # the sentence says it all


def test_posting_charges_what_was_previewed_and_a_second_run_charges_nothing(
        qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    dialog = run_dialog(qtbot, window)
    dialog.post_button.click()
    assert dialog.summary_label.text() == (
        "Charged 10 periods to 2 members, $100.00 in all, through June 2026.")
    assert dialog.run_result is not None and dialog.run_result.charges == 10
    assert not dialog.post_button.isEnabled()
    book = window.host.require()
    assert dues_receivable(book) == usd("100.00")
    assert [c.period_key for c in book.read(open_charges, "12")] == [
        "2026-03", "2026-04", "2026-05", "2026-06"]
    assert {row.member_number: row.amount for row in book.read(arrears, TODAY)} == {
        "7": usd("60.00"), "12": usd("40.00")}

    again = run_dialog(qtbot, window)
    assert again.model.rowCount() == 0 and not again.post_button.isEnabled()
    assert again.summary_label.text().startswith("Nothing to charge through June 2026")
    again.post()  # even if asked: nothing previewed, nothing posted
    assert dues_receivable(book) == usd("100.00")
    changes = window.context.run_long("Charging dues", run_dues, 2026, 6)  # behind its back
    assert changes is not None and changes.result.charges == 0
    assert dues_receivable(book) == usd("100.00")


@pytest.mark.parametrize("cancel_after", [0, 10], ids=["before-posting", "all-posted"])
def test_cancelling_the_run_leaves_nothing_charged(
        qtbot: QtBot, coop_on_plan: Path, monkeypatch: pytest.MonkeyPatch,
        cancel_after: int) -> None:
    """Cancel is pressed when the run reports `cancel_after` charges posted: before any, or
    when all ten are written but not yet committed."""
    window = open_window(qtbot, coop_on_plan)
    reported: list[tuple[int, int]] = []
    report = jobs._Worker.report

    def press_cancel(worker: jobs._Worker, done: int, total: int) -> None:
        reported.append((done, total))
        if done >= cancel_after:
            worker.cancel_requested.set()  # what the progress dialog's Cancel button does
        report(worker, done, total)

    monkeypatch.setattr(jobs._Worker, "report", press_cancel)
    dialog = run_dialog(qtbot, window)
    dialog.post_button.click()
    assert reported[-1] == (cancel_after, 10)
    assert dialog.summary_label.text().startswith("Cancelled: nothing was charged.")
    assert dialog.run_result is None
    book = window.host.require()
    assert dues_receivable(book) == usd("0")
    assert book.read(open_charges, "7") == []
    assert dialog.model.rowCount() == 10 and dialog.post_button.isEnabled()  # still to do


def test_the_screens_button_runs_dues_and_the_arrears_follow(
        qtbot: QtBot, coop_on_plan: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, coop_on_plan)
    screen = dues_screen(window)
    screen.tabs.setCurrentWidget(screen.arrears)
    assert screen.arrears.model.rowCount() == 0
    shown: list[DuesRunDialog] = []

    def run_form(cls: type, dialog: QDialog) -> bool:
        assert isinstance(dialog, DuesRunDialog)
        shown.append(dialog)
        dialog.post_button.click()
        return False  # closed with Close

    monkeypatch.setattr(DuesDialogs, "run_form", classmethod(run_form))
    screen.run_button.click()
    assert len(shown) == 1
    assert [row.member_number for row in screen.arrears.model.rows()] == ["7", "12"]


def test_a_book_without_plans_has_nothing_to_charge(qtbot: QtBot, coop: Path) -> None:
    window = open_window(qtbot, coop)
    dialog = run_dialog(qtbot, window)
    assert dialog.model.rowCount() == 0
    assert not dialog.post_button.isEnabled()
    assert dialog.summary_label.text().startswith("Nothing to charge through June 2026")


def test_a_read_only_book_previews_but_never_posts(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan, read_only=True)
    dialog = run_dialog(qtbot, window)
    assert dialog.model.rowCount() == 10
    assert not dialog.post_button.isEnabled()
    dialog.post()
    assert dues_receivable(window.host.require()) == usd("0")


def test_period_dates_and_amounts_use_the_books_locale(qtbot: QtBot, coop_on_plan: Path) -> None:
    window = open_window(qtbot, coop_on_plan)
    dialog = run_dialog(qtbot, window)
    assert dialog.model.index(0, Column.START).data() == "Mar 1, 2026"
    assert dialog.model.index(0, Column.END).data() == "Mar 31, 2026"
    assert dialog.month_combo.currentText() == "June"
