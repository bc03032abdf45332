"""The Funds screen's table models pass pytest-qt's model tester, empty and filled, and say
amounts, statuses and outlooks in the treasurer's words."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction
from types import SimpleNamespace

from PySide6.QtCore import Qt
from pytestqt.modeltest import ModelTester

from coopdesk.formatting import Formatter
from coopdesk.funds.payout_list import PayoutRow
from coopdesk.funds.queries import ClaimRow, FundRow
from coopdesk.funds.refunds import RefundRow
from coopdesk.funds.types import ClaimStatus, ContributionKind, FundPolicy
from coopdesk.money import Money
from coopdesk_ui.models import claim_list_model, fund_list_model
from coopdesk_ui.models.claim_filter_model import ClaimFilterProxy
from coopdesk_ui.models.claim_list_model import ClaimListModel
from coopdesk_ui.models.claim_payout_model import PayoutModel
from coopdesk_ui.models.fund_list_model import FundListModel, OutlookState
from coopdesk_ui.models.fund_refund_model import RefundModel
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.screens.funds_labels import StatusFilter, contribution_text, lasts_text

FORMATTER = Formatter("en_US")
DAY = dt.date(2026, 5, 12)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


def fund(code: str, name: str, kind: ContributionKind = ContributionKind.FIXED) -> FundRow:
    fixed = kind is ContributionKind.FIXED
    return FundRow(code, name, "2400", kind, usd("10.00") if fixed else None,
                   None if fixed else Decimal("7.50"), dt.date(2026, 1, 1), (), FundPolicy(),
                   usd("1234.50"), 12, 1, "")


def claim(claim_id: int, status: ClaimStatus, member: str = "12", months: int = 1) -> ClaimRow:
    approved = usd("25.00") if status not in (ClaimStatus.SUBMITTED, ClaimStatus.DENIED) else None
    return ClaimRow(claim_id, "SICK", member, f"Member {member}", DAY, DAY, "Off work",
                    usd("30.00"), months, status, approved, months if approved else None,
                    DAY if approved else None, "", "Board", usd("25.00") if status is
                    ClaimStatus.PAID else usd("0.00"), usd("0.00"), (), 2)


def test_fund_list_model_passes_the_model_tester(qtmodeltester: ModelTester) -> None:
    model = FundListModel(FORMATTER)
    qtmodeltester.check(model)
    model.set_rows([fund("SICK", "Sick pay"), fund("HELP", "Emergency help", ContributionKind.SHARE)])
    qtmodeltester.check(model)
    model.set_outlook("SICK", SimpleNamespace(months_lasting=None,  # type: ignore[arg-type]
                                              p_above_floor_12=Fraction(1)))
    model.set_outlook("HELP", OutlookState.FAILED, "no contributions yet")
    qtmodeltester.check(model)
    row = [model.index(0, c).data() for c in fund_list_model.Column]
    assert row == ["Sick pay", "$10.00 a month", "12", "1,234.50", "1", "beyond 3 years", "100%"]
    assert model.index(1, fund_list_model.Column.CONTRIBUTION).data() == "7.5% of dues payments"
    assert model.index(1, fund_list_model.Column.LASTS).data() == "\N{EM DASH}"
    assert "no contributions yet" in model.index(1, fund_list_model.Column.LASTS).data(
        Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, fund_list_model.Column.BALANCE).data(SORT_ROLE) == Decimal("1234.50")
    assert model.index(1, 0).data(ID_ROLE) == "HELP"
    model.set_outlook("GONE", OutlookState.FAILED)  # a fund of an older list: ignored


def test_claim_models_pass_the_model_tester_and_filter(qtmodeltester: ModelTester) -> None:
    model = ClaimListModel(FORMATTER)
    qtmodeltester.check(model)
    rows = [claim(3, ClaimStatus.SUBMITTED, "12", 3), claim(2, ClaimStatus.PAID, "7"),
            claim(1, ClaimStatus.DENIED, "7")]
    model.set_rows(rows)
    qtmodeltester.check(model)
    assert model.index(0, claim_list_model.Column.ASKED).data() == "30.00 \N{MULTIPLICATION SIGN} 3"
    assert model.index(0, claim_list_model.Column.ASKED).data(SORT_ROLE) == Decimal("90.00")
    assert model.index(1, claim_list_model.Column.STATUS).data() == "Paid"
    assert model.index(0, claim_list_model.Column.STATUS).data() == "To decide"
    proxy = ClaimFilterProxy()
    proxy.setSourceModel(model)
    qtmodeltester.check(proxy)
    proxy.set_status(StatusFilter.PAID)
    assert proxy.rowCount() == 1 and proxy.index(0, 0).data(ID_ROLE) == 2
    proxy.set_status(StatusFilter.ALL)
    proxy.set_member_text("member 7")
    assert sorted(proxy.index(r, 0).data(ID_ROLE) for r in range(proxy.rowCount())) == [1, 2]
    qtmodeltester.check(proxy)


def test_payout_and_refund_models_pass_the_model_tester(qtmodeltester: ModelTester) -> None:
    payouts = PayoutModel(FORMATTER)
    qtmodeltester.check(payouts)
    payouts.set_rows([PayoutRow(5, 1, 1, DAY, usd("25.00"), 40, None),
                      PayoutRow(6, 1, 2, DAY, usd("25.00"), 41, dt.date(2026, 5, 13))], months=3)
    qtmodeltester.check(payouts)
    assert [payouts.index(1, c).data() for c in range(4)] == [
        "2 of 3", "May 12, 2026", "25.00", "on May 13, 2026"]
    refunds = RefundModel(FORMATTER)
    qtmodeltester.check(refunds)
    refunds.set_rows([RefundRow(1, "12", "Ana Ruiz", usd("105.00"), usd("60.00"), usd("45.00"))])
    qtmodeltester.check(refunds)
    assert [refunds.index(0, c).data() for c in range(5)] == [
        "12", "Ana Ruiz", "105.00", "60.00", "45.00"]


def test_words_for_contributions_and_outlooks() -> None:
    assert contribution_text(fund("S", "S"), Formatter("de_DE")) == "10,00\u00a0$ a month"
    assert contribution_text(fund("H", "H", ContributionKind.SHARE), Formatter("de_DE")) == (
        "7,5\u00a0% of dues payments")
    assert lasts_text(1) == "Lasts 1 month" and lasts_text(None) == "Lasts beyond 3 years"
