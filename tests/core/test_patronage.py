"""Patronage and capital accounts through the public services: measures and pools, records, the
allocation run (draft, then posted once), capital accounts, redemption, leaving, 1099-PATR and
`coopdesk check`."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.db.models import CapitalMovement
from coopdesk.dues.payments import record_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.ledger import queries as ledger
from coopdesk.ledger.lookup import account_id_for
from coopdesk.ledger.service import post_entry
from coopdesk.ledger.types import EntryDraft, EntryKind, PostingDraft
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk.patronage.capital import (
    make_capital_payable,
    pay_allocation_cash,
    pay_capital_due,
    record_share_payment,
)
from coopdesk.patronage.measures import PoolDraft, add_measure, list_pools, set_pools
from coopdesk.patronage.queries import (
    allocation_table,
    capital_register,
    list_allocations,
    member_capital,
    notice_of_allocation,
    patr_1099,
)
from coopdesk.patronage.records import RecordInput, add_records, list_records
from coopdesk.patronage.redemption import post_redemption, preview_redemption
from coopdesk.patronage.run import RunTerms, ledger_surplus, post_allocation, preview_allocation

Y2025 = dt.date(2025, 1, 1)
END = dt.date(2025, 12, 31)


def usd(text: str) -> Money:
    return Money(text, "USD")


def problems(book: Book) -> list[str]:
    return [p for r in book.read(run_checks) for p in r.problems]


@pytest.fixture
def coop(book: Book) -> Book:
    """Two workers and three consumers, all paid up for 2025 but member 5, who owes the year;
    60 % of the surplus to workers by hours, 40 % to consumers by purchases."""
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    for number, klass in (("1", "worker"), ("2", "worker"), ("3", "consumer"), ("4", "consumer"),
                          ("5", "consumer")):
        book.run(add_member, MemberInput(f"Member {number}", dt.date(2024, 1, 1), number=number,
                                         class_code=klass))
        book.run(assign_plan, number, "Monthly", dt.date(2024, 1, 1))
    book.run(run_dues, 2025, 12)
    for number in "1234":
        book.run(record_payment, number, dt.date(2024, 1, 5), usd("24.00"))
    book.run(add_measure, "hours", "Hours worked", "hours")
    book.run(add_measure, "purchases", "Purchases", "USD")
    book.run(set_pools, [PoolDraft("worker", "hours", Decimal(60)),
                         PoolDraft("consumer", "purchases", Decimal(40))])
    book.run(add_records, [
        RecordInput("1", dt.date(2025, 3, 1), "hours", Decimal("1200")),
        RecordInput("2", dt.date(2025, 4, 1), "hours", Decimal("600.5")),
        RecordInput("2", dt.date(2026, 1, 1), "hours", Decimal("999")),  # next year: not counted
        RecordInput("3", dt.date(2025, 5, 1), "purchases", Decimal("310.25")),
        RecordInput("4", dt.date(2025, 6, 1), "purchases", Decimal("89.75")),
        RecordInput("5", dt.date(2025, 7, 1), "purchases", Decimal("500")),
    ])
    post_specs_income(book, "10000.00")
    return book


def post_specs_income(book: Book, amount: str) -> None:
    """Sales of the year, as the treasurer enters them: the surplus to allocate."""
    def post(session: Session) -> None:
        units = usd(amount).minor_units
        post_entry(session, EntryDraft(dt.date(2025, 6, 30), EntryKind.MANUAL, (
            PostingDraft(account_id_for(session, "1010"), units),
            PostingDraft(account_id_for(session, "4100"), -units)), memo="Sales"))

    book.run(post)


def terms(**changes: object) -> RunTerms:
    base = dict(year_start=Y2025, reserve_percent=Decimal(10), cash_percent=Decimal(20),
                min_payout=usd("5.00"))
    base.update(changes)
    return RunTerms(**base)  # type: ignore[arg-type]


def test_pools_must_add_up_and_records_go_in_all_or_none(coop: Book) -> None:
    assert [p.label for p in coop.read(list_pools)] == ["Worker by hours worked", "Consumer by purchases"]
    with pytest.raises(ValidationError, match="add up to 90"):
        coop.run(set_pools, [PoolDraft(None, "hours", Decimal(90))])
    before = len(coop.read(list_records))
    with pytest.raises(ValidationError) as refused:
        coop.run(add_records, [RecordInput("1", END, "hours", Decimal("1")),
                               RecordInput("99", END, "hours", Decimal("1")),
                               RecordInput("1", END, "miles", Decimal("1.0001"))])
    assert len(refused.value.problems) == 3
    assert len(coop.read(list_records)) == before


def test_the_draft_splits_by_class_measure_and_patronage_and_lists_who_is_left_out(coop: Book) -> None:
    preview = coop.read(preview_allocation, terms())
    surplus = coop.read(ledger_surplus, Y2025, END)
    assert preview.result.terms.surplus == surplus  # income less expenses of the year
    assert surplus == usd("10000.00") + usd("60.00")  # sales, and the year's dues charged
    result = preview.result
    assert result.reserve == usd("1006.00")
    assert [p.amount for p in result.pools] == [usd("5432.40"), usd("3621.60")]
    shares = {line.member_number: line for line in preview.lines}
    assert shares["1"].amount + shares["2"].amount == usd("5432.40")
    assert shares["3"].amount + shares["4"].amount == usd("3621.60")
    # 310.25 / 400 of 3,621.60 is 2,809.0035 and 89.75 / 400 of it 812.5965: the cent left
    # over goes to the larger remainder.
    assert (shares["3"].amount, shares["4"].amount) == (usd("2809.00"), usd("812.60"))
    assert [(x.member_number, x.why) for x in preview.excluded] == [
        ("5", "not in good standing at the year's end (pending)")]  # never paid a due
    assert all(line.cash + line.retained == line.amount for line in preview.lines)


def test_posting_once_after_the_year_and_the_capital_accounts_follow(coop: Book) -> None:
    with pytest.raises(ValidationError, match="after its year ends"):
        coop.run(post_allocation, terms(), dt.date(2025, 12, 31))
    posted = coop.run(post_allocation, terms(), dt.date(2026, 3, 1)).result
    assert posted.members == 4
    with pytest.raises(CoopdeskError, match="allocated once"):
        coop.run(post_allocation, terms(), dt.date(2026, 3, 2))
    (row,) = coop.read(list_allocations)
    assert row.allocated == row.cash + row.retained
    assert row.surplus == row.non_member + row.reserve + row.allocated
    table = coop.read(allocation_table, Y2025)
    register = {r.member_number: r for r in coop.read(capital_register)}
    for line in table:
        assert register[line.member_number].retained == line.retained
    balances = {r.code: r.balance for r in coop.read(ledger.account_balances)}
    assert -balances["3100"] == row.retained and -balances["2200"] == row.cash
    assert -balances["3200"] == row.reserve
    assert coop.read(preview_allocation, terms()).already_posted
    assert problems(coop) == []


def test_redemption_retires_the_oldest_year_first_then_pro_rata(coop: Book) -> None:
    coop.run(post_allocation, terms(), dt.date(2026, 3, 1))
    coop.run(post_allocation, terms(year_start=dt.date(2026, 1, 1), surplus=usd("1000.00")),
             dt.date(2027, 2, 1))
    years = {r.year_start: r for r in coop.read(list_allocations)}
    first_year = years[Y2025].retained
    plan = coop.read(preview_redemption, first_year + usd("100.00"), dt.date(2027, 3, 1))
    assert plan.years_in_full == (Y2025,) and plan.year_in_part == dt.date(2026, 1, 1)
    assert plan.total == first_year + usd("100.00")
    second = [line for line in plan.lines if line.year_start == dt.date(2026, 1, 1)]
    held = sum((line.held for line in second), usd("0"))
    for line in second:  # pro rata within the year, to the cent
        exact = Decimal(100) * line.held.amount / held.amount
        assert abs(line.redeemed.amount - exact) < Decimal("0.01")
    result = coop.run(post_redemption, first_year + usd("100.00"), dt.date(2027, 3, 1)).result
    assert result.total == first_year + usd("100.00")
    register = {r.member_number: r for r in coop.read(capital_register)}
    assert all(year != Y2025 for r in register.values() for year, _ in r.by_year)
    with pytest.raises(ValidationError, match="more than the"):
        coop.read(preview_redemption, usd("100000.00"))
    assert problems(coop) == []


def test_a_member_who_leaves_is_paid_back_on_a_schedule(coop: Book) -> None:
    coop.run(record_share_payment, "1", usd("100.00"), dt.date(2024, 2, 1))
    coop.run(post_allocation, terms(), dt.date(2026, 3, 1))
    with pytest.raises(ValidationError, match="record their leaving first"):
        coop.run(make_capital_payable, "1", dt.date(2026, 4, 1), installments=3,
                 first_due=dt.date(2026, 6, 30))
    coop.run(record_leaving, "1", dt.date(2026, 3, 31), "withdrew")
    capital = {r.member_number: r for r in coop.read(capital_register)}["1"].total
    payable = coop.run(make_capital_payable, "1", dt.date(2026, 4, 1), installments=3,
                       first_due=dt.date(2026, 6, 30)).result
    assert payable.total == capital
    assert [d for d, _ in payable.installments] == [dt.date(2026, 6, 30), dt.date(2027, 6, 30),
                                                    dt.date(2028, 6, 30)]
    assert sum((a for _, a in payable.installments), usd("0")) == capital
    row = {r.member_number: r for r in coop.read(capital_register)}["1"]
    assert (row.shares, row.retained, row.payable) == (usd("0"), usd("0"), capital)
    assert coop.run(pay_capital_due, dt.date(2027, 7, 1)).result.payments == 2
    assert coop.run(pay_capital_due, dt.date(2027, 7, 1)).result.payments == 0
    lines = coop.read(member_capital, "1")
    assert lines[-1].balance == payable.installments[-1][1]
    assert problems(coop) == []


def test_the_cash_part_is_paid_once_and_the_1099_patr_rows(coop: Book) -> None:
    coop.run(post_allocation, terms(), dt.date(2026, 3, 1))
    paid = coop.run(pay_allocation_cash, Y2025, dt.date(2026, 3, 15)).result
    (row,) = coop.read(list_allocations)
    assert paid.total == row.cash
    assert coop.run(pay_allocation_cash, Y2025, dt.date(2026, 3, 16)).result.payments == 0
    rows = {r.member_number: r for r in coop.read(patr_1099, 2026)}
    table = {r.member_number: r for r in coop.read(allocation_table, Y2025)}
    for number, line in table.items():  # qualified (20 % cash): box 1 is the whole allocation
        assert rows[number].patronage_dividends == line.amount
        assert rows[number].under_threshold == (line.amount < usd("10.00"))
    assert coop.read(patr_1099, 2025) == []
    notice = coop.read(notice_of_allocation, Y2025, "1")
    assert notice.allocation == table["1"].amount and notice.qualified
    assert notice.previous_balance + notice.credited - notice.redeemed == notice.balance
    assert problems(coop) == []


def test_check_finds_a_capital_record_without_its_posting(coop: Book) -> None:
    coop.run(post_allocation, terms(), dt.date(2026, 3, 1))

    def forge(session: Session) -> None:
        move = session.query(CapitalMovement).first()
        assert move is not None
        session.add(CapitalMovement(member_id=move.member_id, kind="share", allocation_id=None,
                                    account="3000", amount=500, movement_date=move.movement_date,
                                    entry_id=move.entry_id))

    coop.run(forge)
    assert any("posted 0 (minor units) to account 3000 for them, their capital records 500" in p
               for p in problems(coop))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(amounts=st.lists(st.integers(1, 400_000), min_size=1, max_size=4))
def test_redemptions_never_take_more_than_is_held_and_add_up(
        tmp_path_factory: pytest.TempPathFactory, amounts: list[int]) -> None:
    path = tmp_path_factory.mktemp("capital") / "coop.coopdesk"
    with Book.create(path, name="Capital co-op") as book:
        for number in "123":
            book.run(add_member, MemberInput(f"Member {number}", dt.date(2024, 1, 1), number=number))
        book.run(add_measure, "purchases", "Purchases", "USD")
        book.run(set_pools, [PoolDraft(None, "purchases", Decimal(100))])
        for year in (2024, 2025):
            book.run(add_records, [RecordInput(n, dt.date(year, 5, 1), "purchases", Decimal(int(n) * 7))
                                   for n in "123"])
            book.run(post_allocation, RunTerms(dt.date(year, 1, 1), Decimal(0), Decimal(0), usd("0"),
                                               surplus=usd("1234.57")), dt.date(year + 1, 1, 15))
        day = dt.date(2026, 2, 1)
        for units in amounts:
            held = sum((r.retained for r in book.read(capital_register)), usd("0"))
            amount = Money.from_minor(units, "USD")
            if amount > held:
                with pytest.raises(ValidationError):
                    book.read(preview_redemption, amount, day)
                continue
            plan = book.read(preview_redemption, amount, day)
            assert plan.total == amount
            assert all(line.redeemed <= line.held for line in plan.lines)
            book.run(post_redemption, amount, day)
            after = sum((r.retained for r in book.read(capital_register)), usd("0"))
            assert after == held - amount
        assert problems(book) == []


def test_capital_brought_in_by_hand_is_the_ledgers_and_redeemed_first(coop: Book) -> None:
    def opening(session: Session) -> None:  # retained patronage from the co-op's old spreadsheet
        post_entry(session, EntryDraft(dt.date(2024, 1, 1), EntryKind.OPENING, (
            PostingDraft(account_id_for(session, "3900"), 12_000),
            PostingDraft(account_id_for(session, "3100"), -12_000,
                         member_id=coop_member_id(session, "3"))), memo="Opening capital"))

    coop.run(opening)
    coop.run(post_allocation, terms(), dt.date(2026, 3, 1))
    assert problems(coop) == []
    row = {r.member_number: r for r in coop.read(capital_register)}["3"]
    assert row.retained == usd("120.00") + sum((amount for _, amount in row.by_year), usd("0"))
    plan = coop.read(preview_redemption, usd("100.00"), dt.date(2026, 4, 1))
    assert plan.year_in_part is None and plan.part_is_earlier
    assert [(line.member_number, line.year_start, line.redeemed) for line in plan.lines] == [
        ("3", None, usd("100.00"))]
    coop.run(post_redemption, usd("100.00"), dt.date(2026, 4, 1))
    assert problems(coop) == []


def coop_member_id(session: Session, number: str) -> int:
    from sqlalchemy import select

    from coopdesk.db.models import Member

    return int(session.execute(select(Member.id).where(Member.number == number)).scalar_one())
