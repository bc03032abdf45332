"""The dashboard's figures on a small book whose every number is worked out by hand below, and,
on every day of that book under several grace allowances, against the same figures computed
another way: statuses from the members register, who owes from the arrears list, cash from the
ledger's balances, and collection settled here from the raw rows, sharing no code with coopdesk."""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from coopdesk.book import Book
from coopdesk.dashboard import Dashboard, dashboard
from coopdesk.dues.periods import add_months, fiscal_year_start
from coopdesk.dues.payments import record_payment, reverse_payment, write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.queries import arrears, dues_facts, open_charges
from coopdesk.dues.run import run_dues
from coopdesk.ledger.accounts import add_account
from coopdesk.ledger.queries import account_balances
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.members.queries import list_members
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.types import MemberInput, Status
from coopdesk.money import Money
from coopdesk.settings import load_settings, save_settings

TODAY = dt.date(2026, 3, 20)
OCT = dt.date(2025, 10, 1)


def usd(text: str) -> Money:
    return Money(text, "USD")


def entry(day: dt.date, debit: str, credit: str, amount: str, memo: str) -> EntrySpec:
    return EntrySpec(day, (PostingSpec(debit, usd(amount)), PostingSpec(credit, -usd(amount))), memo)


def build(path: Path, fiscal_year_start: int) -> Book:
    """A co-op on a $10-a-month plan, dues run through March 2026 (today is 20 March):

    1 Ada   joined Oct 2025, paid $30 on 5 Oct and $30 on 10 Jan: all paid          -> active
    2 Ben   joined Oct 2025, paid $10 on 3 Oct; November written off on 15 Jan,
            December to March open ($40, since December: 4 months)                 -> lapsed
    3 Cy    joined Feb 2026, paid $10 on 5 Mar, reversed on 6 Mar: $20 open, his
            first dues unpaid                                                       -> pending
    4 Di    joined Oct 2025, paid $50 on 1 Dec: March open ($10, 1 month)           -> in grace
    5 Eve   joined Oct 2025, paid $100 cash on 2 Oct: all paid, $40 of credit       -> active
    6 Fay   joined Oct 2025, withdrew 20 Jan: charged October to January, paid
            nothing ($40 open)                                                      -> withdrawn
    7 Gus   joins 1 April 2026: nothing charged yet                                 -> pending
    8 Hal   joined Oct 2025, died 10 Dec: charged October to December, paid $30     -> deceased

    Charged per month: October to December $60 (Ada, Ben, Di, Eve, Fay, Hal), January $50 (not
    Hal), February and March $50 (Cy, not Fay). Collected of each month's charges: October $50
    (not Fay), November and December $40 (not Ben: written off / open, not Fay), January and
    February $30 (Ada, Di, Eve), March $20 (Ada, Eve). April to September 2025: nothing charged,
    nothing paid. Owing: Ben $40, Cy $20, Di $10, Fay $40: 4 members, $110.

    Cash: bank $1,000 opening (1 Sep) + $30 + $30 (Ada) + $50 (Di) + $30 (Hal) + $10 - $10 (Cy)
    - $25 paper (10 Feb) = $1,115; cash box $10 (Ben) + $100 (Eve) = $110; savings (under the
    bank) $200 grant = total $1,425. Not cash: $75 of stock, and a $5 bank charge of 10 April.
    """
    book = Book.create(path, name="Riverside", currency="USD", locale="en_US",
                       fiscal_year_start=fiscal_year_start)
    book.run(add_plan, "Monthly", usd("10.00"), "monthly")
    joined = {"1": OCT, "2": OCT, "3": dt.date(2026, 2, 1), "4": OCT, "5": OCT, "6": OCT,
              "7": dt.date(2026, 4, 1), "8": OCT}
    for number, name in zip(joined, ("Ada", "Ben", "Cy", "Di", "Eve", "Fay", "Gus", "Hal"), strict=True):
        book.run(add_member, MemberInput(name, joined[number], number=number))
        book.run(assign_plan, number, "Monthly", joined[number])
    book.run(record_leaving, "6", dt.date(2026, 1, 20), "withdrew")
    book.run(record_leaving, "8", dt.date(2025, 12, 10), "deceased")
    book.run(run_dues, 2026, 3)
    book.run(add_account, "1011", "Savings", "asset", parent_code="1010")
    book.run(add_account, "1200", "Stock", "asset")
    book.run(post_specs, [
        entry(dt.date(2025, 9, 1), "1010", "3900", "1000.00", "Opening bank balance"),
        entry(dt.date(2026, 2, 10), "5000", "1010", "25.00", "Printer paper"),
        entry(dt.date(2026, 2, 12), "1011", "4900", "200.00", "Grant"),
        entry(dt.date(2026, 2, 12), "1200", "3900", "75.00", "Stock counted"),
        entry(dt.date(2026, 4, 10), "5900", "1010", "5.00", "Bank charge (after today)"),
    ])
    for number, day, amount, method in (
            ("1", dt.date(2025, 10, 5), "30.00", "bank_transfer"),
            ("1", dt.date(2026, 1, 10), "30.00", "bank_transfer"),
            ("2", dt.date(2025, 10, 3), "10.00", "cash"),
            ("4", dt.date(2025, 12, 1), "50.00", "cheque"),
            ("5", dt.date(2025, 10, 2), "100.00", "cash"),
            ("8", dt.date(2025, 10, 2), "30.00", "bank_transfer")):
        book.run(record_payment, number, day, usd(amount), method)
    wrong = book.run(record_payment, "3", dt.date(2026, 3, 5), usd("10.00")).result
    book.run(reverse_payment, wrong, dt.date(2026, 3, 6))
    november = book.read(open_charges, "2")[0]
    assert november.period_key == "2025-11"
    book.run(write_off_charge, november.charge_id, "Hardship", dt.date(2026, 1, 15))
    return book


@pytest.fixture
def july_book(tmp_path: Path) -> Iterator[Book]:
    with build(tmp_path / "july.coopdesk", fiscal_year_start=7) as book:
        yield book


@pytest.fixture
def january_book(tmp_path: Path) -> Iterator[Book]:
    with build(tmp_path / "january.coopdesk", fiscal_year_start=1) as book:
        yield book


def chart(figures: Dashboard) -> list[tuple[str, str, str]]:
    return [(f"{m.month:%Y-%m}", str(m.charged.amount), str(m.collected.amount)) for m in figures.months]


def test_every_figure_on_a_book_worked_out_by_hand(july_book: Book) -> None:
    figures = july_book.read(dashboard, TODAY)
    assert figures.as_of == TODAY
    assert (figures.fiscal_year_start, figures.grace_months) == (dt.date(2025, 7, 1), 2)
    assert (figures.active, figures.in_grace, figures.lapsed, figures.pending, figures.withdrawn,
            figures.deceased) == (2, 1, 1, 2, 1, 1)
    assert figures.count(Status.IN_GRACE) == 1
    assert (figures.charged_this_month, figures.collected_this_month) == (usd("50.00"), usd("20.00"))
    # Fiscal year from July 2025: October to March.
    assert figures.charged_this_year == usd("330.00")
    assert figures.collected_this_year == usd("210.00")
    assert figures.cash_balance == usd("1425.00")
    assert (figures.owing_members, figures.owed_total) == (4, usd("110.00"))
    assert chart(figures) == [
        ("2025-04", "0.00", "0.00"), ("2025-05", "0.00", "0.00"), ("2025-06", "0.00", "0.00"),
        ("2025-07", "0.00", "0.00"), ("2025-08", "0.00", "0.00"), ("2025-09", "0.00", "0.00"),
        ("2025-10", "60.00", "50.00"), ("2025-11", "60.00", "40.00"), ("2025-12", "60.00", "40.00"),
        ("2026-01", "50.00", "30.00"), ("2026-02", "50.00", "30.00"), ("2026-03", "50.00", "20.00"),
    ]


def test_a_calendar_fiscal_year_counts_from_january(january_book: Book) -> None:
    figures = january_book.read(dashboard, TODAY)
    assert figures.fiscal_year_start == dt.date(2026, 1, 1)
    assert (figures.charged_this_year, figures.collected_this_year) == (usd("150.00"), usd("80.00"))
    assert (figures.charged_this_month, figures.collected_this_month) == (usd("50.00"), usd("20.00"))


def test_earlier_days_see_only_what_had_happened_by_then(july_book: Book) -> None:
    # 5 March: Cy's payment is made, not yet reversed; the write-off (15 Jan) is made.
    march_5 = july_book.read(dashboard, dt.date(2026, 3, 5))
    assert march_5.collected_this_month == usd("20.00")  # Ada, Eve: Cy's $10 paid February
    assert march_5.months[-2].collected == usd("40.00")  # Ada, Cy, Di, Eve
    assert (march_5.owing_members, march_5.owed_total) == (4, usd("100.00"))
    assert march_5.pending == 1  # Cy has paid something; Gus has not joined
    # 31 December: Ada's second payment, the paper, the grant, the write-off are all later.
    december = july_book.read(dashboard, dt.date(2025, 12, 31))
    assert december.cash_balance == usd("1220.00")  # opening 1,000, Ada 30, Di 50, Hal 30, box 110
    assert (december.charged_this_month, december.collected_this_month) == (usd("60.00"), usd("40.00"))
    assert (december.owing_members, december.owed_total) == (2, usd("50.00"))  # Ben 20, Fay 30
    # Before anything: everything zero, and twelve empty months.
    empty = july_book.read(dashboard, dt.date(2025, 6, 1))
    assert empty.cash_balance == usd("0.00") and empty.owing_members == 0
    assert [m.charged for m in empty.months] == [usd("0.00")] * 12
    assert empty.active == 0 and empty.pending == 8


def collection_by_month(path: Path, day: dt.date) -> dict[str, tuple[Money, Money]]:
    """Month -> (charged, collected) by `day`, read from the file and settled oldest charge
    first in the plainest way, sharing no code with coopdesk."""
    iso = day.isoformat()
    raw = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        charges = raw.execute("SELECT id, member_id, amount, period_start FROM charges "
                              "WHERE period_start <= ? ORDER BY period_start, id", (iso,)).fetchall()
        payments = raw.execute(
            "SELECT p.member_id, p.amount FROM payments p LEFT JOIN journal_entries r "
            "ON r.reverses_id = p.entry_id AND r.entry_date <= ? "
            "WHERE p.pay_date <= ? AND r.id IS NULL", (iso, iso)).fetchall()
        write_offs = raw.execute("SELECT w.charge_id, w.amount FROM write_offs w JOIN journal_entries e"
                                 " ON e.id = w.entry_id WHERE e.entry_date <= ?", (iso,)).fetchall()
    finally:
        raw.close()
    paid: dict[int, int] = defaultdict(int)
    for member_id, amount in payments:
        paid[member_id] += amount
    written: dict[int, int] = defaultdict(int)
    for charge_id, amount in write_offs:
        written[charge_id] += amount
    months: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for charge_id, member_id, amount, start in charges:
        applied = min(amount - written[charge_id], paid[member_id])
        paid[member_id] -= applied
        months[start[:7]][0] += amount
        months[start[:7]][1] += applied
    return defaultdict(lambda: (usd("0"), usd("0")), {
        month: (Money.from_minor(charged, "USD"), Money.from_minor(collected, "USD"))
        for month, (charged, collected) in months.items()})


def reference(book: Book, day: dt.date) -> dict[str, object]:
    """The same figures computed another way: statuses from the members register, who owes from
    the arrears list, balances from the ledger, collection settled here from the raw rows."""
    statuses = Counter(row.status for row in book.read(list_members, day, book.read(dues_facts, day)))
    owing = book.read(arrears, day)
    collection = collection_by_month(book.path, day)
    start = fiscal_year_start(day, book.read(load_settings).fiscal_year_start)
    this_year = [pair for month, pair in collection.items() if f"{start:%Y-%m}" <= month <= f"{day:%Y-%m}"]
    balances = {row.code: row.balance for row in book.read(account_balances, day)}
    first = add_months(day.replace(day=1), -11)
    return {
        "statuses": {status: statuses.get(status, 0) for status in Status},
        "owing": (len(owing), sum((r.amount for r in owing), usd("0"))),
        "month": collection[f"{day:%Y-%m}"],
        "year": (sum((c for c, _ in this_year), usd("0")), sum((c for _, c in this_year), usd("0"))),
        "cash": balances["1000"] + balances["1010"] + balances["1011"],
        "chart": [collection[f"{m:%Y-%m}"] for m in (add_months(first, i) for i in range(12))],
    }


def ours(figures: Dashboard) -> dict[str, object]:
    return {
        "statuses": {status: figures.count(status) for status in Status},
        "owing": (figures.owing_members, figures.owed_total),
        "month": (figures.charged_this_month, figures.collected_this_month),
        "year": (figures.charged_this_year, figures.collected_this_year),
        "cash": figures.cash_balance,
        "chart": [(m.charged, m.collected) for m in figures.months],
    }


@pytest.mark.parametrize("grace", [0, 2, 13])
def test_agrees_with_the_register_arrears_and_summary_on_every_day(july_book: Book, grace: int) -> None:
    # The dashboard settles charge by charge only from a window (a year or so) back: the days
    # run on until the first charges fall before it (Ben's and Cy's oldest open ones too). A
    # grace of 13 months reaches back before the chart's first month; with none, every open
    # charge lapses.
    july_book.run(save_settings, replace(july_book.read(load_settings), grace_months=grace))
    day = dt.date(2025, 9, 25)
    while day <= dt.date(2027, 4, 30):
        assert ours(july_book.read(dashboard, day)) == reference(july_book, day), day
        day += dt.timedelta(days=11)
