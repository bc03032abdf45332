"""The claims half of the Funds screen: a claim recorded through its form, the decision dialog
checking the policy live and refusing approval until each breach has a reason, denial needing a
reason, paying what is due after saying what, reversing a payout, and the filters."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog
from pytestqt.qtbot import QtBot

from coopdesk.funds.payout_list import claim_payouts
from coopdesk.funds.queries import ClaimRow, claim_details, list_claims
from coopdesk.funds.types import ClaimStatus
from coopdesk_ui.models.claim_list_model import Column
from coopdesk_ui.screens.funds import FundsScreen
from coopdesk_ui.screens.funds_claim_form import ClaimForm
from coopdesk_ui.screens.funds_decision import DECIDED_BY_KEY, DecisionDialog
from coopdesk_ui.screens.funds_dialogs import FundsDialogs
from coopdesk_ui.screens.funds_labels import StatusFilter
from coopdesk_ui.screens.funds_pay import PayDialog
from coopdesk_ui.targets import ClaimTarget

from .funds_helpers import (  # noqa: F401  (fixtures)
    BROKEN_LEG,
    answer_forms,
    fund_book,
    funds_screen,
    no_real_fund_dialogs,
    open_window,
    texts,
    usd,
)


def claim_named(screen: FundsScreen, description: str) -> ClaimRow:
    return next(row for row in screen.claims.model.rows() if row.description == description)


def decision_dialog(qtbot: QtBot, screen: FundsScreen) -> DecisionDialog:
    dialog = DecisionDialog(screen.context, claim_named(screen, BROKEN_LEG), screen)
    qtbot.addWidget(dialog)
    return dialog


def rules(dialog: DecisionDialog) -> list[str]:
    shown = [rule for rule, row in dialog.breach_rows.items() if row.isVisibleTo(dialog)]
    assert shown == [b.rule for b in dialog.breaches]
    return shown


def test_the_register_lists_the_funds_claims_and_filters_them(qtbot: QtBot, fund_book: Path) -> None:
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)
    claims = screen.claims
    assert claims.fund_code() == "SICK"
    assert texts(claims.proxy, Column.DESCRIPTION) == [BROKEN_LEG, "Flu", "Glasses"]
    assert [claims.proxy.index(0, c).data() for c in (Column.MEMBER, Column.ASKED, Column.STATUS,
                                                      Column.PAID, Column.TO_PAY)] == [
        "1 \N{EM DASH} Ada Okafor", "100.00 \N{MULTIPLICATION SIGN} 3", "To decide", "", ""]
    assert [claims.proxy.index(1, c).data() for c in (Column.STATUS, Column.APPROVED,
                                                      Column.PAID)] == ["Paid", "40.00", "40.00"]
    assert claims.table.isColumnHidden(Column.FUND)
    claims.set_status_filter(StatusFilter.TO_DECIDE)
    assert texts(claims.proxy, Column.DESCRIPTION) == [BROKEN_LEG]
    claims.set_status_filter(StatusFilter.DENIED)
    assert texts(claims.proxy, Column.DESCRIPTION) == ["Glasses"]
    claims.set_status_filter(StatusFilter.ALL)
    claims.member_edit.setText("sam")
    assert texts(claims.proxy, Column.DESCRIPTION) == ["Flu", "Glasses"]
    assert claims.count_label.text() == "2 of 3"
    claims.member_edit.setText("1")
    assert texts(claims.proxy, Column.DESCRIPTION) == [BROKEN_LEG]
    claims.member_edit.clear()
    claims.choose_fund(None)
    assert not claims.table.isColumnHidden(Column.FUND)
    assert texts(claims.proxy, Column.FUND) == ["SICK"] * 3


def test_a_claim_is_recorded_through_the_form(qtbot: QtBot, fund_book: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)

    def fill(form: QDialog) -> None:
        assert isinstance(form, ClaimForm)
        assert form.fund_code() == "SICK" and not form.ok_button.isEnabled()
        form.member_finder.setText("sam")
        form.event_edit.set_value(dt.date(2026, 6, 20))
        form.description_edit.setText("Off work after a fall")
        form.amount_edit.setText("25")
        form.monthly_radio.setChecked(True)
        form.months_spin.setValue(4)
        assert form.validate() and form.ok_button.isEnabled()
        form.accept()

    answer_forms(monkeypatch, fill)
    assert screen.new_claim() is True
    row = [c for c in window.host.require().read(list_claims) if c.description.startswith("Off")][0]
    assert (row.member_number, row.event_date, row.amount, row.months, row.status,
            row.submitted_date) == ("2", dt.date(2026, 6, 20), usd("25.00"), 4,
                                    ClaimStatus.SUBMITTED, dt.date(2026, 6, 30))
    assert screen.claims.selected() == row  # the new claim is selected, its detail shown
    assert "Off work after a fall" in screen.claims.detail.text.text()


def test_the_claim_form_says_what_is_wrong_at_the_field(qtbot: QtBot, fund_book: Path) -> None:
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)
    from coopdesk_ui.widgets.member_finder import MemberOption

    form = ClaimForm(window.context, screen.funds_model.rows(), "SICK",
                     [MemberOption("1", "Ada Okafor"), MemberOption("2", "Sam Moreau")], screen)
    qtbot.addWidget(form)
    form.event_edit.set_value(dt.date(2026, 7, 2))
    form.amount_edit.setText("0")
    form.amount_edit.textEdited.emit("0")
    assert form.amount_error.text() == "The amount must be more than zero."
    assert form.event_error.text().startswith("A claim is for something that has happened")
    form.accept()
    assert form.result() != QDialog.DialogCode.Accepted
    assert form.member_error.text() == "Type the member's number or name."
    assert form.description_error.text() == "Say what happened."
    assert len(window.host.require().read(list_claims)) == 3


def test_the_decision_checks_the_policy_live_and_approves_with_reasons(
        qtbot: QtBot, fund_book: Path) -> None:
    QSettings().setValue(DECIDED_BY_KEY, "Board, 30 June")
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)
    dialog = decision_dialog(qtbot, screen)
    assert dialog.decided_by_edit.text() == "Board, 30 June"  # remembered
    # $100.00 x 3 against at most $80.00 a payment and $80.00 in the fund:
    assert rules(dialog) == ["max_per_claim", "floor"]
    assert not dialog.approve_button.isEnabled()
    assert dialog.approve_note.text().startswith("Give a reason for each breach")
    dialog.amount_edit.setText("80.00")
    dialog.amount_edit.textEdited.emit("80.00")
    assert rules(dialog) == ["floor"]  # live: at the cap exactly
    assert dialog.partly_note.text() == "Less than asked for: the claim will be partly approved."
    dialog.months_spin.setValue(1)
    assert rules(dialog) == [] and dialog.within_label.isVisibleTo(dialog)
    assert dialog.approve_button.isEnabled()
    dialog.months_spin.setValue(3)
    assert rules(dialog) == ["floor"] and not dialog.approve_button.isEnabled()
    floor_reason = dialog.breach_rows["floor"].reason_edit
    floor_reason.setText("the board tops the fund up in July")
    floor_reason.textEdited.emit(floor_reason.text())
    assert dialog.approve_button.isEnabled()
    dialog.decided_by_edit.setText("Treasurer")
    dialog.reason_edit.setText("capped at the policy's maximum")
    assert dialog.approve() is True
    assert dialog.outcome is ClaimStatus.PARTLY_APPROVED
    claim = window.host.require().read(claim_details, dialog.claim.id)
    assert (claim.status, claim.approved_amount, claim.approved_months, claim.decided_by,
            claim.decision_reason, claim.decision_date) == (
        ClaimStatus.PARTLY_APPROVED, usd("80.00"), 3, "Treasurer",
        "capped at the policy's maximum", dt.date(2026, 6, 30))
    assert [(rule, reason) for rule, _breach, reason in claim.overrides] == [
        ("floor", "the board tops the fund up in July")]
    assert QSettings().value(DECIDED_BY_KEY) == "Treasurer"
    row = claim_named(screen, BROKEN_LEG)
    assert row.status is ClaimStatus.PARTLY_APPROVED  # the register followed the ChangeSet


def test_approving_in_full_through_the_screen(qtbot: QtBot, fund_book: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, DecisionDialog)
        dialog.decided_by_edit.setText("Board")
        for rule in ("max_per_claim", "floor"):
            dialog.breach_rows[rule].reason_edit.setText("an exceptional case")
        dialog.validate()
        dialog.approve_button.click()

    answer_forms(monkeypatch, fill)
    screen.claims.select(claim_named(screen, BROKEN_LEG).id)
    assert screen.claims.decide_button.isEnabled()
    assert screen.decide() is True
    claim = claim_named(screen, BROKEN_LEG)
    assert claim.status is ClaimStatus.APPROVED
    assert [rule for rule, _b, _r in claim.overrides] == ["max_per_claim", "floor"]
    assert screen.feedback.text() == f"Claim {claim.id}: approved."
    assert not screen.claims.decide_button.isEnabled()  # decided: final


def test_denying_needs_a_reason(qtbot: QtBot, fund_book: Path) -> None:
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)
    dialog = decision_dialog(qtbot, screen)
    dialog.decided_by_edit.setText("Board")
    assert dialog.deny() is False
    assert dialog.reason_error.text() == "Say why the claim is denied."
    assert window.host.require().read(claim_details, dialog.claim.id).status is ClaimStatus.SUBMITTED
    dialog.reason_edit.setText("a sports injury, not covered")
    dialog.reason_edit.textEdited.emit(dialog.reason_edit.text())
    assert dialog.reason_error.text() == ""
    assert dialog.deny() is True and dialog.result() == QDialog.DialogCode.Accepted
    claim = window.host.require().read(claim_details, dialog.claim.id)
    assert (claim.status, claim.decision_reason, claim.decided_by) == (
        ClaimStatus.DENIED, "a sports injury, not covered", "Board")


def approve_broken_leg(window: object, screen: FundsScreen) -> int:
    from coopdesk.funds.claims import approve_claim

    claim = claim_named(screen, BROKEN_LEG)
    screen.context.host.run(approve_claim, claim.id, decided_by="Board", amount=usd("50.00"),
                            date=dt.date(2026, 6, 30), overrides={"floor": "topped up"})
    return claim.id


def test_paying_says_what_it_will_pay_then_posts_it(qtbot: QtBot, fund_book: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)
    claim_id = approve_broken_leg(window, screen)
    screen.claims.select(claim_id)
    assert screen.claims.pay_button.isEnabled()
    said: list[str] = []

    def fill(dialog: QDialog) -> None:
        assert isinstance(dialog, PayDialog)
        assert dialog.claim_radio.isChecked()
        # Due by 30 June: the payments of 10 May and 10 June.
        said.append(dialog.what_label.text())
        dialog.date_edit.set_value(dt.date(2026, 5, 31))
        said.append(dialog.what_label.text())
        dialog.date_edit.set_value(dt.date(2026, 6, 30))
        dialog.method_combo.setCurrentIndex(dialog.method_combo.findData("cash"))
        dialog.accept()

    answer_forms(monkeypatch, fill)
    assert screen.pay(screen.claims.selected()) is True
    assert said == ["2 payments, $100.00 in all, will be paid.",
                    "1 payment, $50.00 in all, will be paid."]
    claim = claim_named(screen, BROKEN_LEG)
    assert (claim.paid, claim.to_pay, claim.status) == (usd("100.00"), usd("50.00"),
                                                        ClaimStatus.PARTLY_APPROVED)
    assert screen.claims.proxy.index(0, Column.PAID).data() == "100.00"
    assert screen.claims.proxy.index(0, Column.TO_PAY).data() == "50.00"
    assert screen.funds_model.rows()[0].balance == usd("-20.00")
    assert [p.installment for p in screen.claims.detail.model.rows()] == [1, 2]
    assert screen.feedback.text() == "Paid 2 payments, $100.00 in all."


def test_nothing_due_means_nothing_to_pay(qtbot: QtBot, fund_book: Path) -> None:
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)
    dialog = PayDialog(window.context, "SICK", "Sick pay", None, screen)
    qtbot.addWidget(dialog)
    assert not dialog.claim_radio.isVisibleTo(dialog) and dialog.fund_radio.isChecked()
    assert dialog.what_label.text() == "Nothing is due by this day."
    assert not dialog.ok_button.isEnabled()


def test_a_payout_is_reversed_after_asking(qtbot: QtBot, fund_book: Path,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)
    flu = claim_named(screen, "Flu")
    screen.claims.select(flu.id)
    detail = screen.claims.detail
    assert detail.model.rowCount() == 1 and detail.reverse_button.isEnabled()
    asked: list[str] = []
    answers = iter((False, True))

    def confirm(cls: type, parent: object, description: str) -> bool:
        asked.append(description)
        return next(answers)

    monkeypatch.setattr(FundsDialogs, "confirm_reverse_payout", classmethod(confirm))
    detail.reverse_button.click()  # cancelled
    book = window.host.require()
    assert not book.read(claim_payouts, flu.id)[0].reversed
    detail.reverse_button.click()
    assert asked == ["$40.00 to 2 \N{EM DASH} Sam Moreau on Apr 5, 2026"] * 2
    payouts = book.read(claim_payouts, flu.id)
    assert [p.reversed_on for p in payouts] == [dt.date(2026, 6, 30)]
    flu = claim_named(screen, "Flu")
    assert (flu.status, flu.paid, flu.to_pay) == (ClaimStatus.APPROVED, usd("0.00"), usd("40.00"))
    assert screen.claims.selected() == flu  # still selected, the payout shown reversed
    assert detail.model.index(0, 3).data() == "on Jun 30, 2026"
    assert not detail.reverse_button.isEnabled()
    assert screen.funds_model.rows()[0].balance == usd("120.00")


def test_a_claim_target_shows_the_claim(qtbot: QtBot, fund_book: Path) -> None:
    window = open_window(qtbot, fund_book)
    screen = funds_screen(window)
    glasses = claim_named(screen, "Glasses")
    screen.claims.set_status_filter(StatusFilter.TO_DECIDE)
    window.show_screen("dashboard")
    window.context.navigate("funds", ClaimTarget(glasses.id))
    assert screen.tabs.currentWidget() is screen.claims
    assert screen.claims.selected() == glasses
