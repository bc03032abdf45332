"""Risk funds through the public services: contributions by the dues run or split off payments,
the claim lifecycle, year-end refunds, the fund's reports and `coopdesk check`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.db.models import ClaimPayout
from coopdesk.dues.payments import record_payment, reverse_payment
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.plans import add_plan, assign_plan, list_plans
from coopdesk.dues.queries import open_charges
from coopdesk.dues.run import run_dues
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.funds.audit import funds_tie_out
from coopdesk.funds.claims import (
    ClaimDraft,
    approve_claim,
    claim_breaches,
    deny_claim,
    pay_claim,
    pay_due_claims,
    reverse_payout,
    submit_claim,
)
from coopdesk.funds.queries import (
    claim_details,
    fund_details,
    fund_statement,
    list_claims,
    list_funds,
    member_fund_totals,
)
from coopdesk.funds.refunds import post_refunds, preview_refunds
from coopdesk.funds.service import add_fund, update_fund
from coopdesk.funds.types import ClaimStatus, ContributionKind, FundDraft, FundPolicy
from coopdesk.ledger import queries as ledger
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money

JAN = dt.date(2026, 1, 1)


@pytest.fixture(autouse=True)
def early_2027(monkeypatch: pytest.MonkeyPatch) -> None:
    """These stories are told in February 2027, the year 2026 they are about being over."""
    monkeypatch.setattr(clock, "_now", lambda: dt.datetime(2027, 2, 1, 12, tzinfo=dt.timezone.utc))


def usd(text: str) -> Money:
    return Money(text, "USD")


def problems(book: Book) -> list[str]:
    return [p for r in book.read(run_checks) for p in r.problems]


@pytest.fixture
def coop(book: Book) -> Book:
    """Three members on a dollar a month: two workers, one supporter (no fund for them)."""
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    for number, name, klass in (("1", "Ada Okafor", "worker"), ("2", "Sam Moreau", "worker"),
                                ("3", "Lee Park", "supporter")):
        book.run(add_member, MemberInput(name, JAN, number=number, class_code=klass))
        book.run(assign_plan, number, "Monthly", JAN)
    return book


def sick_fund(**policy: object) -> FundDraft:
    return FundDraft("sick", "Sick pay", ContributionKind.FIXED, JAN, contribution=usd("10.00"),
                     classes=("worker",), policy=FundPolicy(**policy))  # type: ignore[arg-type]


def balance(book: Book, code: str = "SICK") -> Money:
    return book.read(fund_details, code).balance


def test_a_fund_gets_its_own_account_and_a_plan_no_one_sees(coop: Book) -> None:
    ids = coop.run(add_fund, sick_fund()).result
    assert [row.name for row in coop.read(list_plans)] == ["Monthly"]
    fund = coop.read(list_funds)[0]
    assert (fund.code, fund.account_code, fund.classes, fund.members_taking_part) == (
        "SICK", "2400", ("worker",), 2)
    assert ids.plan_id is not None
    with pytest.raises(ValidationError, match="already a fund SICK"):
        coop.run(add_fund, sick_fund())
    with pytest.raises(ValidationError) as refused:
        coop.run(add_fund, FundDraft("", "", ContributionKind.SHARE, JAN, share_percent=Decimal("120"),
                                     classes=("nobody",)))
    assert len(refused.value.problems) == 4  # code, name, share, classes: all at once
    with pytest.raises(CoopdeskError, match="no dues plan 'fund:SICK'"):
        coop.run(assign_plan, "3", "fund:SICK", JAN)


def test_the_dues_run_charges_contributions_once_to_members_taking_part(coop: Book) -> None:
    coop.run(add_fund, sick_fund())
    result = coop.run(run_dues, 2026, 3).result
    assert (result.charges, result.total) == (3 * 3 + 2 * 3, usd("69.00"))
    assert coop.run(run_dues, 2026, 3).result.charges == 0
    assert balance(coop) == usd("60.00")
    assert {r.code: r.balance for r in coop.read(ledger.account_balances)}["4000"] == usd("-9.00")
    charges = coop.read(open_charges, "1")
    assert [(c.plan, c.period_key) for c in charges][:2] == [("Monthly", "2026-01"),
                                                              ("Risk fund: Sick pay", "2026-01")]
    assert coop.read(open_charges, "3") and all(c.plan == "Monthly" for c in coop.read(open_charges, "3"))
    coop.run(record_payment, "1", dt.date(2026, 3, 5), usd("33.00"))
    assert coop.read(open_charges, "1") == []
    totals = {row.member_number: row for row in coop.read(member_fund_totals, "SICK")}
    assert totals["1"].contributions == usd("30.00") and "3" not in totals
    assert problems(coop) == []


def test_a_member_who_leaves_stops_contributing(coop: Book) -> None:
    coop.run(add_fund, sick_fund())
    coop.run(record_leaving, "2", dt.date(2026, 2, 10), "withdrew")
    coop.run(run_dues, 2026, 6)
    totals = {row.member_number: row.contributions for row in coop.read(member_fund_totals, "SICK")}
    assert totals == {"1": usd("60.00"), "2": usd("20.00")}


def test_a_share_of_each_dues_payment_goes_to_the_fund_and_a_reversal_takes_it_back(coop: Book) -> None:
    coop.run(add_fund, FundDraft("EMERG", "Emergency fund", ContributionKind.SHARE, JAN,
                                 share_percent=Decimal("12.5")))
    coop.run(run_dues, 2026, 2)
    coop.run(record_payment, "3", dt.date(2026, 2, 3), usd("2.01"))  # 12.5 % = 0.25125
    assert balance(coop, "EMERG") == usd("0.25")
    income = {r.code: r.balance for r in coop.read(ledger.account_balances)}["4000"]
    assert income == usd("-6.00") + usd("0.25")
    payment = coop.read(list_payments)[0]
    coop.run(reverse_payment, payment.payment_id, dt.date(2026, 2, 4))
    assert balance(coop, "EMERG") == usd("0.00")
    statement = coop.read(fund_statement, "EMERG", JAN, dt.date(2026, 12, 31))
    assert statement.contributions == usd("0.00")
    assert problems(coop) == []


def monthly_claim(coop: Book, amount: str = "100.00", months: int = 3,
                  event: dt.date = dt.date(2026, 5, 10)) -> int:
    return coop.run(submit_claim, ClaimDraft("SICK", "1", event, "Broken leg", usd(amount), months),
                    dt.date(2026, 5, 12)).result


def test_a_claim_is_decided_against_the_policy_and_overrides_are_recorded(coop: Book) -> None:
    coop.run(add_fund, sick_fund(waiting_months=6, max_per_claim=usd("80.00")))
    coop.run(run_dues, 2026, 5)
    claim = monthly_claim(coop)
    assert [b.rule for b in coop.read(claim_breaches, claim, as_of=dt.date(2026, 5, 12))] == [
        "waiting_period", "max_per_claim", "floor"]
    with pytest.raises(ValidationError) as refused:
        coop.run(approve_claim, claim, decided_by="Board, 14 May", date=dt.date(2026, 5, 14),
                 overrides={"waiting_period": "joined before the fund began"})
    assert len(refused.value.problems) == 2  # max_per_claim and floor, each with what to do
    assert coop.read(claim_details, claim).status is ClaimStatus.SUBMITTED
    status = coop.run(approve_claim, claim, decided_by="Board, 14 May", date=dt.date(2026, 5, 14),
                      amount=usd("80.00"), reason="capped at the policy's maximum",
                      overrides={"waiting_period": "joined before the fund began",
                                 "floor": "the board tops the fund up"}).result
    assert status is ClaimStatus.PARTLY_APPROVED
    row = coop.read(claim_details, claim)
    assert [rule for rule, _breach, _reason in row.overrides] == ["waiting_period", "floor"]
    assert (row.decided_by, row.approved_amount, row.to_pay) == ("Board, 14 May", usd("80.00"), usd("240.00"))
    with pytest.raises(CoopdeskError, match="already decided"):
        coop.run(deny_claim, claim, decided_by="x", reason="y")


def test_a_monthly_claim_pays_month_by_month_and_never_twice(coop: Book) -> None:
    coop.run(add_fund, sick_fund())
    coop.run(run_dues, 2026, 12)  # 240.00 in the fund
    claim = monthly_claim(coop, amount="25.00")  # 75.00 of the 100.00 in the fund by May
    coop.run(approve_claim, claim, decided_by="Treasurer", date=dt.date(2026, 5, 12))
    first = coop.run(pay_claim, claim, dt.date(2026, 6, 9)).result  # 10 May due; 10 June not yet
    assert (first.payouts, first.total) == (1, usd("25.00"))
    again = coop.run(pay_due_claims, dt.date(2026, 6, 10)).result
    assert (again.payouts, again.total) == (1, usd("25.00"))
    assert coop.run(pay_due_claims, dt.date(2026, 6, 30)).result.payouts == 0
    assert coop.read(claim_details, claim).status is ClaimStatus.APPROVED
    coop.run(pay_due_claims, dt.date(2026, 9, 1))
    row = coop.read(claim_details, claim)
    assert (row.status, row.paid, row.to_pay) == (ClaimStatus.PAID, usd("75.00"), usd("0.00"))
    assert balance(coop) == usd("240.00") - usd("75.00")
    statement = coop.read(fund_statement, "SICK", JAN, dt.date(2026, 12, 31))
    assert (statement.contributions, statement.payouts, statement.closing) == (
        usd("240.00"), usd("75.00"), usd("165.00"))
    assert problems(coop) == []


def test_a_payout_reversed_is_due_again(coop: Book) -> None:
    coop.run(add_fund, sick_fund())
    coop.run(run_dues, 2026, 12)
    claim = monthly_claim(coop, amount="60.00", months=1)
    coop.run(approve_claim, claim, decided_by="Treasurer", date=dt.date(2026, 5, 12))
    coop.run(pay_claim, claim, dt.date(2026, 5, 12))
    assert coop.read(claim_details, claim).status is ClaimStatus.PAID

    def payout_id(session: Session) -> int:
        return session.query(ClaimPayout.id).scalar()  # type: ignore[no-any-return]

    coop.run(reverse_payout, coop.read(payout_id), dt.date(2026, 5, 13))
    assert coop.read(claim_details, claim).status is ClaimStatus.APPROVED
    assert balance(coop) == usd("240.00")
    assert coop.run(pay_claim, claim, dt.date(2026, 5, 14)).result.payouts == 1
    assert problems(coop) == []


def test_a_denial_needs_who_and_why(coop: Book) -> None:
    coop.run(add_fund, sick_fund())
    claim = monthly_claim(coop)
    with pytest.raises(ValidationError) as refused:
        coop.run(deny_claim, claim, decided_by=" ", reason="")
    assert len(refused.value.problems) == 2
    coop.run(deny_claim, claim, decided_by="Board", reason="not a sickness", date=dt.date(2026, 5, 20))
    assert [c.status for c in coop.read(list_claims, statuses=[ClaimStatus.DENIED])] == [ClaimStatus.DENIED]
    with pytest.raises(CoopdeskError, match="only an approved claim"):
        coop.run(pay_claim, claim)


def test_a_claim_refuses_bad_input_all_at_once(coop: Book) -> None:
    coop.run(add_fund, sick_fund())
    with pytest.raises(ValidationError) as refused:
        coop.run(submit_claim, ClaimDraft("SICK", "99", dt.date(2026, 7, 1), "", usd("0"), 0),
                 dt.date(2026, 6, 1))
    assert len(refused.value.problems) == 5


def test_the_refund_above_the_cap_at_the_year_end(coop: Book) -> None:
    coop.run(add_fund, sick_fund(balance_cap_months=6))
    coop.run(run_dues, 2026, 12)  # members 1 and 2 each put 120.00 in; cap 60.00 each
    claim = monthly_claim(coop, amount="30.01", months=1)
    coop.run(approve_claim, claim, decided_by="Treasurer", date=dt.date(2026, 5, 12))
    coop.run(pay_claim, claim, dt.date(2026, 5, 12))
    year_end = dt.date(2026, 12, 31)
    plan = coop.read(preview_refunds, "SICK", year_end)
    # 209.99 shared 1:1 -> 105.00 and 104.99 (largest remainder, ties to the lower id)
    assert [(r.member_number, r.share, r.refund) for r in plan.rows] == [
        ("1", usd("105.00"), usd("45.00")), ("2", usd("104.99"), usd("44.99"))]
    result = coop.run(post_refunds, "SICK", year_end).result
    assert (result.members, result.total) == (2, usd("89.99"))
    assert balance(coop) == usd("120.00")
    with pytest.raises(CoopdeskError, match="already posted"):
        coop.run(post_refunds, "SICK", year_end)
    statement = coop.read(fund_statement, "SICK", JAN, year_end)
    assert statement.refunds == usd("89.99")
    assert statement.opening + statement.contributions - statement.payouts - statement.refunds == statement.closing
    assert problems(coop) == []


def test_check_finds_a_payout_record_without_its_posting(coop: Book) -> None:
    coop.run(add_fund, sick_fund())
    coop.run(run_dues, 2026, 6)
    claim = monthly_claim(coop, amount="60.00", months=1)
    coop.run(approve_claim, claim, decided_by="Treasurer", date=dt.date(2026, 5, 12))
    coop.run(pay_claim, claim, dt.date(2026, 5, 12))

    def forge(session: Session) -> None:  # a second record of the same payout
        payout = session.query(ClaimPayout).one()
        session.add(ClaimPayout(claim_id=payout.claim_id, installment=2, amount=payout.amount,
                                entry_id=payout.entry_id))

    coop.run(forge)
    assert any("payouts that stand add up to 12000" in p for p in problems(coop))


def test_changing_the_policy_and_contribution(coop: Book) -> None:
    coop.run(add_fund, sick_fund())
    coop.run(run_dues, 2026, 2)
    coop.run(update_fund, "sick", contribution=usd("12.00"), policy=FundPolicy(max_months=6),
             classes=("worker", "supporter"), name="Sick pay fund")
    coop.run(run_dues, 2026, 3)
    fund = coop.read(fund_details, "SICK")
    assert (fund.name, fund.contribution, fund.policy.max_months, fund.members_taking_part) == (
        "Sick pay fund", usd("12.00"), 6, 3)
    # January and February as charged; March at the new rate, for all three (the supporter's
    # months before are charged too: the class counts as it is now).
    assert balance(coop) == usd("40.00") + usd("36.00") + usd("24.00")
    with pytest.raises(ValidationError, match="share of payments"):
        coop.run(update_fund, "SICK", share_percent=Decimal("5"))


# -- the fund's balance at every step (Hypothesis) ------------------------------------------

_step = st.one_of(
    st.tuples(st.just("dues"), st.integers(1, 12)),
    st.tuples(st.just("pay"), st.sampled_from("123"), st.integers(1, 5000)),
    st.tuples(st.just("reverse payment"), st.integers(0, 20)),
    st.tuples(st.just("claim"), st.integers(1, 9000), st.integers(1, 4), st.integers(1, 12)),
    st.tuples(st.just("pay claims"), st.integers(1, 12)),
    st.tuples(st.just("reverse payout"), st.integers(0, 20)),
    st.tuples(st.just("refund"),),
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(_step, min_size=1, max_size=12))
def test_a_funds_balance_is_contributions_less_payouts_and_refunds_at_every_step(
        tmp_path_factory: pytest.TempPathFactory, steps: list[tuple[object, ...]]) -> None:
    path = tmp_path_factory.mktemp("fund") / "coop.coopdesk"
    with Book.create(path, name="Fund co-op") as book:
        book.run(add_plan, "Monthly", usd("1.00"), "monthly")
        for number in "123":
            book.run(add_member, MemberInput(f"Member {number}", JAN, number=number,
                                             class_code="worker"))
            book.run(assign_plan, number, "Monthly", JAN)
        book.run(add_fund, sick_fund(balance_cap_months=3))
        book.run(add_fund, FundDraft("EMERG", "Emergency", ContributionKind.SHARE, JAN,
                                     share_percent=Decimal("7.5")))
        everything = {rule: "tested" for rule in ("participation", "waiting_period", "max_per_claim",
                                                  "max_months", "max_per_member_year", "floor")}
        refunded = False
        for step in steps:
            kind = step[0]
            if kind == "dues":
                book.run(run_dues, 2026, int(step[1]))  # type: ignore[call-overload]
            elif kind == "pay":
                book.run(record_payment, str(step[1]), dt.date(2026, 6, 1),
                         Money.from_minor(int(step[2]), "USD"))  # type: ignore[call-overload]
            elif kind == "reverse payment":
                payments = [p for p in book.read(list_payments) if not p.reversed]
                if payments:
                    book.run(reverse_payment, payments[int(step[1]) % len(payments)].payment_id,  # type: ignore[call-overload]
                             dt.date(2026, 6, 2))
            elif kind == "claim":
                claim = book.run(submit_claim, ClaimDraft(
                    "SICK", "1", dt.date(2026, int(step[3]), 1), "Ill",  # type: ignore[call-overload]
                    Money.from_minor(int(step[1]), "USD"), int(step[2])),  # type: ignore[call-overload]
                    dt.date(2026, 12, 31)).result
                book.run(approve_claim, claim, decided_by="Board", date=dt.date(2026, 12, 31),
                         overrides=everything)
            elif kind == "pay claims":
                book.run(pay_due_claims, dt.date(2026, int(step[1]), 28))  # type: ignore[call-overload]
            elif kind == "reverse payout":
                ids = book.read(lambda s: [p.id for p in s.query(ClaimPayout).order_by(ClaimPayout.id)])
                if ids:
                    try:
                        book.run(reverse_payout, ids[int(step[1]) % len(ids)], dt.date(2026, 12, 31))  # type: ignore[call-overload]
                    except CoopdeskError:
                        pass  # already reversed: refused, nothing changed
            elif kind == "refund" and not refunded:
                book.run(post_refunds, "SICK", dt.date(2026, 12, 31))
                refunded = True
            for code in ("SICK", "EMERG"):
                statement = book.read(fund_statement, code, JAN, dt.date(2027, 12, 31))
                assert statement.opening == usd("0")
                assert statement.other == usd("0")
                assert statement.closing == (statement.contributions - statement.payouts
                                             - statement.refunds)
                assert statement.closing == book.read(fund_details, code).balance
            assert book.read(funds_tie_out) == []


def test_the_members_statement_shows_contributions_and_payouts(coop: Book) -> None:
    import io

    from pypdf import PdfReader

    from coopdesk.statements.document import PrintOptions, statement_pdf
    from coopdesk.statements.queries import statement_for

    coop.run(add_fund, sick_fund())
    coop.run(run_dues, 2026, 6)
    claim = monthly_claim(coop, amount="40.00", months=1)
    coop.run(approve_claim, claim, decided_by="Treasurer", date=dt.date(2026, 5, 12))
    coop.run(pay_claim, claim, dt.date(2026, 5, 20))
    statement = coop.read(statement_for, "1", dt.date(2026, 4, 1), dt.date(2026, 6, 30),
                          today=dt.date(2026, 6, 30))
    (section,) = statement.risk_funds
    assert section.detail == "Sick pay"
    assert [(row.label, row.amount) for row in section.rows] == [
        ("Your contributions in this period", usd("30.00")),
        ("Paid to you for claims in this period", usd("40.00")),
        ("Your contributions in all", usd("60.00"))]
    out = io.BytesIO()
    statement_pdf(out, statement, PrintOptions())
    text = "\n".join(page.extract_text() for page in PdfReader(out).pages)
    assert "Sick pay for April 2026" in text
    assert "Risk fund: Sick pay" in text and "$40.00" in text
    other = coop.read(statement_for, "3", dt.date(2026, 4, 1), dt.date(2026, 6, 30),
                      today=dt.date(2026, 6, 30))
    assert other.risk_funds == ()  # a supporter takes no part


def test_refunds_wait_for_the_year_to_end(coop: Book, monkeypatch: pytest.MonkeyPatch) -> None:
    coop.run(add_fund, sick_fund(balance_cap_months=1))
    coop.run(run_dues, 2026, 12)
    assert coop.read(preview_refunds, "SICK", dt.date(2026, 12, 31)).rows  # a preview any time
    monkeypatch.setattr(clock, "_now", lambda: dt.datetime(2026, 12, 30, 12, tzinfo=dt.timezone.utc))
    with pytest.raises(CoopdeskError, match="not over yet"):
        coop.run(post_refunds, "SICK", dt.date(2026, 12, 31))
    monkeypatch.setattr(clock, "_now", lambda: dt.datetime(2026, 12, 31, 12, tzinfo=dt.timezone.utc))
    assert coop.run(post_refunds, "SICK", dt.date(2026, 12, 31)).result.members == 2
