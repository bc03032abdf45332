"""The small reads behind the app's Patronage and Capital accounts screens: the years that can
be allocated, the cash still owed of each allocation, members' names, a former member's
installments."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from coopdesk.book import Book
from coopdesk.errors import NotFound
from coopdesk.members.service import record_leaving
from coopdesk.patronage.capital import (
    make_capital_payable,
    pay_allocation_cash,
    pay_capital_due,
    record_share_payment,
)
from coopdesk.patronage.queries import list_allocations
from coopdesk.patronage.records import RecordInput, add_records
from coopdesk.patronage.run import post_allocation
from coopdesk.patronage.ui_queries import (
    Installment,
    PatronageYear,
    capital_schedule,
    cash_owed_by_year,
    member_names,
    patronage_years,
)
from coopdesk.settings import load_settings, update_settings

from .test_patronage import Y2025, coop, terms, usd  # noqa: F401  (the fixture)


def test_years_with_patronage_or_an_allocation_newest_first(coop: Book) -> None:
    assert coop.read(patronage_years) == [
        PatronageYear(dt.date(2026, 1, 1), dt.date(2026, 12, 31), 1, False),
        PatronageYear(Y2025, dt.date(2025, 12, 31), 5, False)]
    coop.run(post_allocation, terms(), dt.date(2026, 3, 1))
    years = coop.read(patronage_years)
    assert [(y.year_start, y.allocated) for y in years] == [(dt.date(2026, 1, 1), False),
                                                            (Y2025, True)]


def test_years_follow_the_books_fiscal_year(coop: Book) -> None:
    settings = coop.read(load_settings)
    coop.run(update_settings, dataclasses.replace(settings, fiscal_year_start=7))
    # Records of 2025-03 to -07 and 2026-01: the years from July 2024 and July 2025.
    assert [(y.year_start, y.records) for y in coop.read(patronage_years)] == [
        (dt.date(2025, 7, 1), 2), (dt.date(2024, 7, 1), 4)]


def test_cash_owed_until_paid(coop: Book) -> None:
    assert coop.read(cash_owed_by_year) == {}
    coop.run(post_allocation, terms(), dt.date(2026, 3, 1))
    (allocation,) = coop.read(list_allocations)
    assert coop.read(cash_owed_by_year) == {Y2025: allocation.cash}
    assert allocation.cash.is_positive
    coop.run(pay_allocation_cash, Y2025, dt.date(2026, 3, 15))
    assert coop.read(cash_owed_by_year) == {Y2025: usd("0.00")}


def test_member_names_and_a_former_members_installments(coop: Book) -> None:
    names = coop.read(member_names)
    assert [(m.number, m.leave_date) for m in names] == [(n, None) for n in "12345"]
    coop.run(record_share_payment, "1", usd("100.00"), dt.date(2024, 2, 1))
    coop.run(record_leaving, "1", dt.date(2026, 3, 31), "withdrew")
    assert {m.number: m.leave_date for m in coop.read(member_names)}["1"] == dt.date(2026, 3, 31)
    assert coop.read(capital_schedule, "1") == []
    coop.run(make_capital_payable, "1", dt.date(2026, 4, 1), installments=2,
             first_due=dt.date(2026, 6, 30))
    coop.run(pay_capital_due, dt.date(2026, 7, 1))
    assert coop.read(capital_schedule, "1") == [
        Installment(dt.date(2026, 6, 30), usd("50.00"), True),
        Installment(dt.date(2027, 6, 30), usd("50.00"), False)]
    with pytest.raises(NotFound):
        coop.read(capital_schedule, "99")


def test_records_add_to_their_year(coop: Book) -> None:
    coop.run(add_records, [RecordInput("1", dt.date(2025, 12, 31), "hours", Decimal(1)),
                           RecordInput("1", dt.date(2027, 1, 1), "hours", Decimal(1))])
    assert [(y.year_start.year, y.records) for y in coop.read(patronage_years)] == [
        (2027, 1), (2026, 1), (2025, 6)]
