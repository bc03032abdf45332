"""Meetings: eligibility at its edges, attendance and proxies at the door, the quorum worksheet,
and every figure of the annual report tied to the ledger (on the demo book)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from coopdesk.book import Book
from coopdesk.demo import build_demo
from coopdesk.dues.payments import record_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.dues.summary import dues_summary
from coopdesk.errors import CoopdeskError, ValidationError
from coopdesk.funds.queries import fund_details, list_funds
from coopdesk.ledger import queries as ledger
from coopdesk.meetings.annual_report import annual_report
from coopdesk.meetings.eligibility import voter_list
from coopdesk.meetings.queries import list_meetings, meeting_state
from coopdesk.meetings.quorum import Combine, QuorumRule
from coopdesk.meetings.service import MeetingDraft, add_meeting, record_attendance, remove_attendance
from coopdesk.members.queries import list_members
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money
from coopdesk.patronage.queries import list_allocations
from coopdesk.settings import load_settings, update_settings

RECORD = dt.date(2026, 3, 31)


def usd(text: str) -> Money:
    return Money(text, "USD")


@pytest.fixture
def coop(book: Book) -> Book:
    """Dues of 1.00 a month from January 2026, no grace: owing March's dues on the record date
    (31 March) is being in arrears."""
    book.run(update_settings, dataclasses.replace(book.read(load_settings), grace_months=0))
    book.run(add_plan, "Monthly", usd("1.00"), "monthly")
    people = [("1", "Ada Paid", "worker", dt.date(2026, 1, 1)),
              ("2", "Ben Late", "consumer", dt.date(2026, 1, 1)),
              ("3", "Cy Supporter", "supporter", dt.date(2026, 1, 1)),
              ("4", "Dee New", "consumer", dt.date(2026, 4, 1)),
              ("5", "Eve Gone", "worker", dt.date(2026, 1, 1)),
              ("6", "Fay Never", "worker", dt.date(2026, 1, 1)),
              ("7", "Gus Proxy", "worker", dt.date(2026, 1, 1))]
    for number, name, klass, joined in people:
        book.run(add_member, MemberInput(name, joined, number=number, class_code=klass))
        book.run(assign_plan, number, "Monthly", joined)
    book.run(run_dues, 2026, 4)
    book.run(record_payment, "1", RECORD, usd("3.00"))  # paid up on the record date
    book.run(record_payment, "2", dt.date(2026, 1, 2), usd("2.00"))
    book.run(record_payment, "2", RECORD + dt.timedelta(days=1), usd("1.00"))  # a day late
    for number in "357":
        book.run(record_payment, number, dt.date(2026, 1, 5), usd("3.00"))
    book.run(record_leaving, "5", RECORD, "withdrew")
    return book


def test_eligibility_at_its_edges_with_why(coop: Book) -> None:
    rows = {row.number: row for row in coop.read(voter_list, RECORD)}
    assert {n for n, row in rows.items() if row.eligible} == {"1", "7"}
    assert rows["2"].reason == "in_arrears" and "1 months" in rows["2"].why
    assert (rows["3"].reason, rows["4"].reason, rows["5"].reason, rows["6"].reason) == (
        "no_vote", "not_joined", "left", "pending")
    assert rows["5"].why == "left on 2026-03-31"
    # Ada's payment of the record date is what makes her eligible: the day before, she owed.
    earlier = {row.number: row for row in coop.read(voter_list, RECORD - dt.timedelta(days=1))}
    assert not earlier["1"].eligible and earlier["1"].reason == "pending"  # never paid yet


def test_attendance_at_the_door_and_the_quorum_worksheet(coop: Book) -> None:
    meeting = coop.run(add_meeting, MeetingDraft(dt.date(2026, 4, 20), RECORD,
                                                 quorum=QuorumRule(Decimal(50)),
                                                 proxies_allowed=True, max_proxies=1)).result
    state = coop.read(meeting_state, meeting)
    assert (state.worksheet.eligible, state.worksheet.needed, state.worksheet.reached) == (2, 1, False)
    with pytest.raises(CoopdeskError, match="may not vote: in arrears"):
        coop.run(record_attendance, meeting, "2")
    with pytest.raises(CoopdeskError, match="must be present to hold a proxy"):
        coop.run(record_attendance, meeting, "1", "7")
    coop.run(record_attendance, meeting, "7")
    coop.run(record_attendance, meeting, "1", "7")
    with pytest.raises(CoopdeskError, match="already represented"):
        coop.run(record_attendance, meeting, "1")
    state = coop.read(meeting_state, meeting)
    assert (state.worksheet.present, state.worksheet.by_proxy, state.worksheet.reached) == (1, 1, True)
    with pytest.raises(CoopdeskError, match="holds 1 proxies"):
        coop.run(remove_attendance, meeting, "7")
    coop.run(remove_attendance, meeting, "1")
    assert coop.read(meeting_state, meeting).worksheet.total == 1
    assert [m.title for m in coop.read(list_meetings)] == ["Annual meeting 2026"]


def test_proxy_rules_and_a_meeting_refused_all_at_once(coop: Book) -> None:
    no_proxies = coop.run(add_meeting, MeetingDraft(dt.date(2026, 5, 1), RECORD, kind="special",
                                                    quorum=QuorumRule(number=2))).result
    coop.run(record_attendance, no_proxies, "7")
    with pytest.raises(CoopdeskError, match="does not allow proxies"):
        coop.run(record_attendance, no_proxies, "1", "7")
    with pytest.raises(ValidationError) as refused:
        coop.run(add_meeting, MeetingDraft(dt.date(2026, 3, 1), RECORD, kind="picnic",
                                           quorum=QuorumRule(), max_proxies=3))
    assert len(refused.value.problems) == 4
    rule = coop.read(meeting_state, no_proxies).meeting.quorum
    assert (rule.number, rule.combine) == (2, Combine.GREATER)


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.coopdesk"
    build_demo(path, today=dt.date(2026, 11, 26))
    return path


def test_every_figure_of_the_annual_report_ties_to_the_ledger(demo: Path) -> None:
    year = dt.date(2025, 1, 1)
    end = dt.date(2025, 12, 31)
    with Book.open(demo, read_only=True) as book:
        report = book.read(annual_report, year)
        balances = {r.code: r for r in book.read(ledger.account_balances, end)}
        before = {r.code: r for r in book.read(ledger.account_balances, dt.date(2024, 12, 31))}
        members = book.read(list_members, end)
        funds = book.read(list_funds, end)
        fund = book.read(fund_details, funds[0].code, end)
        summary = book.read(dues_summary, 2025, end)
        allocations = book.read(list_allocations)
        entries = book.read(ledger.trial_balance)
    income = report.income
    for line in income.income + income.expenses:
        start = before[line.code].balance if line.code in before else usd("0")
        assert abs(balances[line.code].balance - start) == line.this_year, line.code
    assert income.surplus[0] == income.total_income[0] - income.total_expenses[0]
    sheet = report.balance_sheet
    assert sheet.total_assets == sheet.total_liabilities + sheet.total_equity
    assert sheet.total_assets == sum((b.balance for code, b in balances.items()
                                      if code.startswith("1")), usd("0"))
    m = report.membership
    assert m.at_start + m.joined - m.left == m.at_end
    assert m.at_end == sum(1 for row in members if row.join_date and row.join_date <= end
                           and (row.leave_date is None or row.leave_date > end))
    assert sum(count for _, count in m.by_class) == m.at_end
    assert report.dues.charged == sum((row.charged for row in summary), usd("0"))
    assert report.dues.collected == sum((row.collected for row in summary), usd("0"))
    (fund_year,) = report.funds
    assert fund_year.closing == fund.balance
    assert fund_year.opening + fund_year.contributions - fund_year.payouts - fund_year.refunds \
        + fund_year.other == fund_year.closing
    posted = next(a for a in allocations if a.year_start == year)
    assert report.patronage.allocated and report.patronage.retained == posted.retained
    assert report.patronage.cash + report.patronage.retained == posted.allocated
    assert report.chain.entries > 0 and report.chain.hash is not None and len(report.chain.hash) == 64
    assert report.members_by_year[-1] == (end, m.at_end)
    assert len(report.dues_by_month) == 12 and entries
