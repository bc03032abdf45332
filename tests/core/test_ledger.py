"""Posting, reversing, closing periods, immutability, the audit chain and the ledger's reports."""

from __future__ import annotations

import datetime as dt
import sqlite3
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.db.models import Account
from coopdesk.errors import CoopdeskError, NotFound, ValidationError
from coopdesk.ledger import queries
from coopdesk.ledger.service import close_period, post_entries, reverse_entry
from coopdesk.ledger.specs import EntrySpec, PostingSpec
from coopdesk.ledger.types import EntryDraft, PostingDraft
from coopdesk.money import Money
from tests.core.helpers import add_fund, add_members, post, simple_entry, usd

D = dt.date(2026, 3, 1)


def problems(book: Book) -> list[str]:
    return [p for result in book.read(run_checks) for p in result.problems]


def balances(book: Book, as_of: dt.date | None = None) -> dict[str, Money]:
    return {row.code: row.balance for row in book.read(queries.account_balances, as_of)}


def test_posting_moves_balances_and_keeps_the_trial_balance_even(book: Book) -> None:
    book.run(add_members, "M1", "M2")
    # Two members leave: their retained patronage becomes payable to them; one is paid part.
    post(book,
         simple_entry(D, "3100", "2300", "5.00", member="M1"),
         simple_entry(D, "3100", "2300", "5.00", member="M2"),
         simple_entry(D.replace(day=9), "2300", "1000", "3.50", member="M1"))
    b = balances(book)
    assert b["3100"] == usd("10.00") and b["2300"] == usd("-6.50") and b["1000"] == usd("-3.50")
    rows = book.read(queries.trial_balance)
    assert sum(r.debit.amount for r in rows) == sum(r.credit.amount for r in rows) == Decimal("10.00")
    members = {(r.member_number, r.account_code): r.balance for r in book.read(queries.member_balances)}
    assert members == {("M1", "2300"): usd("-1.50"), ("M1", "3100"): usd("5.00"),
                       ("M2", "2300"): usd("-5.00"), ("M2", "3100"): usd("5.00")}
    assert problems(book) == []


def test_the_change_set_names_what_changed(book: Book) -> None:
    (m1,) = book.run(add_members, "M1").result
    changes = book.run(post_entries, [EntryDraft(D, "dues", (
        PostingDraft(_account_id(book, "1100"), 500, member_id=m1),
        PostingDraft(_account_id(book, "4000"), -500)))])
    assert changes.areas == {"ledger"}
    assert changes.entries == set(changes.result) and len(changes.result) == 1
    assert changes.members == {m1}
    assert changes.accounts == {_account_id(book, "1100"), _account_id(book, "4000")}


def _account_id(book: Book, code: str) -> int:
    def find(session: Session) -> int:
        return session.query(Account.id).filter(Account.code == code).scalar()  # type: ignore[no-any-return]
    return book.read(find)


def test_a_refused_entry_in_a_batch_posts_nothing(book: Book) -> None:
    good = simple_entry(D, "5000", "1010", "1.00")
    bad = EntrySpec(D, (PostingSpec("5000", usd("2.00")), PostingSpec("1010", usd("-1.00"))))
    with pytest.raises(ValidationError, match="entry 2: the postings do not balance"):
        post(book, good, bad, good)
    assert book.read(queries.register, "5000") == []


def test_member_and_fund_sub_ledgers(book: Book) -> None:
    book.run(add_members, "M1")
    fund_id = book.run(add_fund, "SICK").result

    def add_fund_account(session: Session) -> None:
        session.add(Account(code="2500", name="Sick fund", type="liability", is_open=True,
                            member_ledger=False, fund_ledger=True))

    book.run(add_fund_account)
    post(book, EntrySpec(D, (PostingSpec("1010", usd("30.00")), PostingSpec("2500", usd("-30.00"), fund="SICK"))))
    rows = book.read(queries.fund_balances)
    assert [(r.fund_code, r.account_code, r.balance) for r in rows] == [("SICK", "2500", usd("-30.00"))]
    with pytest.raises(ValidationError, match="account 2500 needs a fund"):
        post(book, EntrySpec(D, (PostingSpec("1010", usd("1.00")), PostingSpec("2500", usd("-1.00")))))
    with pytest.raises(ValidationError, match="no member with number 'M9'"):
        post(book, simple_entry(D, "1100", "4000", "1.00", member="M9"))
    assert fund_id


def test_reversal_mirrors_the_entry_once_only(book: Book) -> None:
    (entry,) = post(book, simple_entry(D, "5000", "1010", "12.00", memo="Hall rent"))
    reversal = book.run(reverse_entry, entry, date=D.replace(day=2)).result
    assert balances(book)["5000"] == usd("0.00")
    register = book.read(queries.register, "5000")
    assert [(r.entry_id, r.kind, r.amount, r.balance) for r in register] == [
        (entry, "manual", usd("12.00"), usd("12.00")),
        (reversal, "reversal", usd("-12.00"), usd("0.00")),
    ]
    assert register[1].memo == f"Reversal of entry {entry}: Hall rent"
    with pytest.raises(CoopdeskError, match=f"already reversed by entry {reversal}"):
        book.run(reverse_entry, entry)
    with pytest.raises(CoopdeskError, match="itself the reversal"):
        book.run(reverse_entry, reversal)
    with pytest.raises(NotFound):
        book.run(reverse_entry, 999)
    assert problems(book) == []


def test_posted_rows_are_immutable_in_the_database(book: Book) -> None:
    post(book, simple_entry(D, "5000", "1010", "12.00"))
    raw = sqlite3.connect(book.path)
    try:
        for sql in ("UPDATE postings SET amount = 1", "DELETE FROM postings",
                    "UPDATE journal_entries SET memo = 'x'", "DELETE FROM journal_entries"):
            with pytest.raises(sqlite3.IntegrityError, match="cannot be changed or deleted"):
                raw.execute(sql)
    finally:
        raw.close()
    assert balances(book)["5000"] == usd("12.00")


def test_a_closed_period_accepts_nothing(book: Book) -> None:
    post(book, simple_entry(dt.date(2026, 1, 15), "5000", "1010", "1.00"))
    book.run(close_period, dt.date(2026, 1, 31))
    with pytest.raises(ValidationError, match="closed period"):
        post(book, simple_entry(dt.date(2026, 1, 31), "5000", "1010", "1.00"))
    post(book, simple_entry(dt.date(2026, 2, 1), "5000", "1010", "1.00"))
    with pytest.raises(CoopdeskError, match="already closed through 2026-01-31"):
        book.run(close_period, dt.date(2026, 1, 10))
    with pytest.raises(CoopdeskError, match="not yet past"):
        book.run(close_period, dt.date.today() + dt.timedelta(days=1))
    (entry,) = post(book, simple_entry(dt.date(2026, 2, 3), "5000", "1010", "1.00"))
    with pytest.raises(ValidationError, match="closed period"):  # a reversal dated in the closed period
        book.run(reverse_entry, entry, date=dt.date(2026, 1, 20))
    raw = sqlite3.connect(book.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="period of this entry is closed"):
            raw.execute("INSERT INTO journal_entries (entry_date, kind, memo, posted_at, prev_hash, hash)"
                        " VALUES ('2026-01-05', 'manual', '', 'x', 'x', 'y')")
        with pytest.raises(sqlite3.IntegrityError, match="cannot be reopened"):
            raw.execute("DELETE FROM period_closes")
    finally:
        raw.close()


def _tamper(book: Book, *statements: str) -> None:
    raw = sqlite3.connect(book.path)
    try:
        raw.execute("DROP TRIGGER coopdesk_postings_no_update")
        raw.execute("DROP TRIGGER coopdesk_entries_no_update")
        raw.execute("DROP TRIGGER coopdesk_entries_no_delete")
        raw.execute("DROP TRIGGER coopdesk_postings_no_delete")
        for sql in statements:
            raw.execute(sql)
        raw.commit()
    finally:
        raw.close()


@pytest.mark.parametrize("statements, expected", [
    (["UPDATE postings SET amount = amount + 100 WHERE id = 3",
      "UPDATE postings SET amount = amount - 100 WHERE id = 4"], "broken at entry 2"),
    (["UPDATE journal_entries SET memo = 'edited' WHERE id = 1"], "broken at entry 1"),
    (["DELETE FROM postings WHERE entry_id = 2", "DELETE FROM journal_entries WHERE id = 2"],
     "broken before entry 3"),
])
def test_check_detects_edits_behind_the_apps_back(book: Book, statements: list[str], expected: str) -> None:
    post(book, *(simple_entry(D, "5000", "1010", f"{n}.00") for n in (1, 2, 3)))
    assert problems(book) == []
    _tamper(book, *statements)
    found = problems(book)
    assert any(expected in p for p in found), found
    assert any("safeguard trigger" in p for p in found)


def test_check_finds_an_unbalanced_entry(book: Book) -> None:
    post(book, simple_entry(D, "5000", "1010", "1.00"))
    _tamper(book, "UPDATE postings SET amount = 7 WHERE id = 1")
    found = problems(book)
    assert "entry 1 does not balance (its postings sum to -93 minor units)" in found
    assert "the trial balance is off by -93 minor units" in found


def test_reports_as_of_a_date(book: Book) -> None:
    post(book, simple_entry(dt.date(2026, 1, 10), "5000", "1010", "1.00"),
         simple_entry(dt.date(2026, 2, 10), "5000", "1010", "2.00"))
    assert balances(book, dt.date(2026, 1, 9))["5000"] == usd("0.00")
    assert balances(book, dt.date(2026, 1, 10))["5000"] == usd("1.00")
    assert balances(book, dt.date(2026, 2, 10))["5000"] == usd("3.00")
    assert [r.balance for r in book.read(queries.register, "1010", dt.date(2026, 2, 1))] == [usd("-1.00")]
    with pytest.raises(NotFound, match="no account with code '8888'"):
        book.read(queries.register, "8888")


ACCOUNT_CODES = ["1000", "1010", "4000", "4100", "5000", "5900"]
amounts = st.integers(min_value=-10**9, max_value=10**9).filter(lambda n: n != 0)
entries = st.lists(
    st.tuples(
        st.dates(dt.date(2020, 1, 1), dt.date(2026, 10, 31)),
        st.lists(st.tuples(st.sampled_from(ACCOUNT_CODES), amounts), min_size=1, max_size=4),
    ),
    min_size=1, max_size=8,
)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=entries)
def test_balances_are_always_the_sum_of_postings(book: Book, batch: list) -> None:  # type: ignore[type-arg]
    """Whatever balanced entries are posted, each account's balance is the sum of its lines,
    the trial balance stays even and the chain verifies."""
    before = balances(book)
    specs, expected = [], dict(before)
    for date, lines in batch:
        postings = [PostingSpec(code, Money.from_minor(n, "USD")) for code, n in lines]
        total = sum(n for _, n in lines)
        postings.append(PostingSpec("3900", Money.from_minor(-total, "USD")))
        specs.append(EntrySpec(date, tuple(postings)))
        for p in postings:
            expected[p.account] = expected[p.account] + p.amount
    post(book, *specs)
    after = balances(book)
    assert after == expected
    rows = book.read(queries.trial_balance)
    assert sum(r.debit.amount for r in rows) == sum(r.credit.amount for r in rows)
    assert problems(book) == []


def test_a_register_is_an_immutable_sequence_of_rows(book: Book) -> None:
    post(book, *(simple_entry(dt.date(2026, 1, day), "5000", "1010", f"{day}.00") for day in (3, 1, 2)))
    reg = book.read(queries.register, "5000")
    assert len(reg) == 3
    assert [r.date.day for r in reg] == [1, 2, 3]  # date order, whatever the posting order
    assert [r.balance for r in reg] == [usd("1.00"), usd("3.00"), usd("6.00")]
    assert reg[-1] == list(reg)[-1] and reg[1:] == list(reg)[1:]
    assert reg.closing_balance == usd("6.00") == balances(book)["5000"]
    assert reg == book.read(queries.register, "5000") and reg != []
    assert book.read(queries.register, "1000").closing_balance == usd("0.00")
    with pytest.raises(TypeError):
        hash(reg)
