"""Payments recorded together (`record_payments`): the book ends as recording them one by one
with `record_payment` would leave it, all or none, every problem named by its payment."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk import paths
from coopdesk.book import Book
from coopdesk.check import run_checks
from coopdesk.db.models import JournalEntry, Payment, Posting
from coopdesk.dues.bank_import import import_payments
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.payments import PaymentInput, record_payment, record_payments, reverse_payment, write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.queries import open_charges
from coopdesk.dues.run import run_dues
from coopdesk.dues.settlement import member_settlements
from coopdesk.errors import NotFound, ValidationError
from coopdesk.formatting import Formatter
from coopdesk.io.bank_csv import parse_bank_csv
from coopdesk.ledger import queries as ledger
from coopdesk.ledger.service import close_period
from coopdesk.members.service import add_member
from coopdesk.members.types import MemberInput
from coopdesk.money import Money

CLOSED_THROUGH = dt.date(2026, 1, 31)


def usd(text: str) -> Money:
    return Money(text, "USD")


def make_book(path: Path) -> None:
    """Six members on $10 a month from January 2026, charged to June, with a history: member 5's
    dues are paid by member 1 (a household), member 6 has no plan and so no charges, member 2
    holds credit, member 3's payment was reversed, one of member 4's charges is written off, and
    January is closed."""
    with Book.create(path, name="Riverside Food Co-op", currency="USD", locale="en_US") as book:
        book.run(add_plan, "Monthly", usd("10.00"), "monthly")
        for number in "123456":
            book.run(add_member, MemberInput(f"Member {number}", dt.date(2026, 1, 1), number=number,
                                             payer_number="1" if number == "5" else None))
            if number != "6":
                book.run(assign_plan, number, "Monthly", dt.date(2026, 1, 1))
        book.run(run_dues, 2026, 6)
        book.run(record_payment, "2", dt.date(2026, 1, 10), usd("80.00"))
        wrong = book.run(record_payment, "3", dt.date(2026, 1, 12), usd("15.00")).result
        book.run(reverse_payment, wrong, dt.date(2026, 1, 20))
        book.run(write_off_charge, book.read(open_charges, "4")[-1].charge_id, "hardship", dt.date(2026, 1, 25))
        book.run(close_period, CLOSED_THROUGH)


@pytest.fixture(scope="module")
def base_book(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The book the payments are recorded into, made once (copied for each example)."""
    folder = tmp_path_factory.mktemp("base")
    with pytest.MonkeyPatch.context() as patch:  # the autouse private data folder is per test
        patch.setattr(paths, "data_folder", lambda: folder / "user-data")
        make_book(folder / "base.coopdesk")
        yield folder / "base.coopdesk"


def book_state(session: Session) -> dict[str, Any]:
    """Everything recording payments can change, as people and the check see it, plus the rows
    themselves (entries without the time they were posted and their hashes)."""
    return {
        "entries": session.execute(select(JournalEntry.id, JournalEntry.entry_date, JournalEntry.kind,
                                          JournalEntry.memo, JournalEntry.source_ref, JournalEntry.reverses_id)
                                   .order_by(JournalEntry.id)).all(),
        "postings": session.execute(select(Posting.entry_id, Posting.line_no, Posting.account_id, Posting.amount,
                                           Posting.member_id).order_by(Posting.entry_id, Posting.line_no)).all(),
        "payments": session.execute(select(Payment.id, Payment.member_id, Payment.payer_id, Payment.pay_date,
                                           Payment.amount, Payment.method, Payment.reference, Payment.memo,
                                           Payment.fingerprint, Payment.entry_id).order_by(Payment.id)).all(),
        "payment list": list_payments(session),
        "member balances": ledger.member_balances(session),
        "trial balance": ledger.trial_balance(session),
        # What is open of each charge, and each member's credit: what the payments were applied to.
        "applied": {member_id: (sorted(settlement.open_by_charge.items()), settlement.credit)
                    for member_id, (_, settlement) in member_settlements(session).items()},
        "check": [(result.name, result.problems) for result in run_checks(session)],
    }


# Dates out of order, some on the same day; amounts from a cent to well over what is owed.
payment_inputs = st.lists(st.builds(
    PaymentInput,
    member_number=st.sampled_from("123456"),
    date=st.builds(lambda days: CLOSED_THROUGH + dt.timedelta(days=days), st.integers(1, 200)),
    amount=st.builds(lambda cents: Money.from_minor(cents, "USD"),
                     st.one_of(st.sampled_from([1000, 2000, 6000]), st.integers(1, 25_000))),
    method=st.sampled_from(["bank_transfer", "cash", "cheque"]),
    reference=st.sampled_from(["", "REF-1"]),
    memo=st.sampled_from(["", "June dues"]),
    payer_number=st.sampled_from([None, None, None, "1", "2", "5"]),
), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(payments=payment_inputs, same_member_twice=st.booleans())
def test_a_batch_leaves_the_book_as_recording_one_by_one(
        tmp_path_factory: pytest.TempPathFactory, base_book: Path, payments: list[PaymentInput],
        same_member_twice: bool) -> None:
    if same_member_twice:  # the same member paying again in the same batch, on another day
        payments = [*payments, PaymentInput(payments[0].member_number, dt.date(2026, 2, 1), usd("7.00"))]
    folder = tmp_path_factory.mktemp("batch")
    states, ids = [], []
    for name in ("one by one", "together"):
        path = folder / f"{name}.coopdesk"
        shutil.copy(base_book, path)
        with Book.open(path) as book:
            if name == "one by one":
                ids.append([book.run(record_payment, x.member_number, x.date, x.amount, x.method, x.reference,
                                     x.memo, x.payer_number).result for x in payments])
            else:
                ids.append(book.run(record_payments, payments).result)
            states.append(book.read(book_state))
            book.run(run_dues, 2026, 9)  # and the next dues run settles both alike
            states.append(book.read(book_state))
    assert ids[0] == ids[1]
    assert states[0] == states[2]
    assert states[1] == states[3]
    assert [problems for _, problems in states[2]["check"]] == [[]] * len(states[2]["check"])


@pytest.fixture
def coop(base_book: Path, tmp_path: Path) -> Iterator[Book]:
    shutil.copy(base_book, tmp_path / "coop.coopdesk")
    with Book.open(tmp_path / "coop.coopdesk") as book:
        yield book


def test_household_payers_and_ids_in_the_order_given(coop: Book) -> None:
    done = coop.run(record_payments, [
        PaymentInput("5", dt.date(2026, 3, 2), usd("10.00")),                    # the household's payer
        PaymentInput("5", dt.date(2026, 3, 1), usd("10.00"), payer_number="2"),  # someone else
        PaymentInput("1", dt.date(2026, 2, 27), usd("10.00"), "cash"),           # the payer themself
    ])
    first = done.result[0]
    assert done.result == [first, first + 1, first + 2]
    paid = {p.payment_id: (p.member_number, p.payer_number, p.method) for p in coop.read(list_payments)}
    assert [paid[i] for i in done.result] == [("5", "1", "bank_transfer"), ("5", "2", "bank_transfer"),
                                              ("1", None, "cash")]
    assert set(done.members) == set(coop.read(lambda s: s.execute(
        select(Payment.member_id).where(Payment.id.in_(done.result))).scalars().all()))


def test_nothing_is_recorded_when_any_payment_is_wrong_and_every_problem_names_its_payment(
        coop: Book) -> None:
    coop.run(record_payment, "1", dt.date(2026, 2, 5), usd("1.00"), fingerprint="bank-row-1")
    before = coop.read(book_state)
    with pytest.raises(ValidationError) as refused:
        coop.run(record_payments, [
            PaymentInput("2", dt.date(2026, 2, 5), usd("10.00"), fingerprint="bank-row-2"),
            PaymentInput("99", dt.date(2026, 2, 5), usd("10.00")),
            PaymentInput("3", dt.date(2026, 2, 5), usd("0.00"), "barter", payer_number="77"),
            PaymentInput("3", dt.date(2026, 1, 15), usd("10.00")),
            PaymentInput("4", dt.date(2026, 2, 5), Money("10.00", "EUR")),
            PaymentInput("4", dt.date(2026, 2, 6), usd("10.00"), fingerprint="bank-row-1"),
            PaymentInput("4", dt.date(2026, 2, 6), usd("10.00"), fingerprint="bank-row-2"),
            PaymentInput("6", dt.date(2026, 2, 6), usd("10.00")),  # fine, but not recorded either
        ])
    assert refused.value.problems == [
        "payment 2: no member with number '99'",
        "payment 3: amount: a payment must be more than zero, not 0.00",
        "payment 3: method: must be one of cash, cheque, bank_transfer, card, other, not 'barter'",
        "payment 3: payer: no member with number '77'",
        "payment 4: 2026-01-15 is in a closed period (closed through 2026-01-31)",
        "payment 5: amount: the book keeps USD, not EUR",
        "payment 6: this payment was imported before; it is not recorded twice",
        "payment 7: the same bank row as payment 1; it is not recorded twice",
    ]
    assert str(refused.value).startswith("payment refused: payment 2: no member")
    assert coop.read(book_state) == before


def test_one_payment_is_refused_as_record_payment_always_refused_it(coop: Book) -> None:
    with pytest.raises(NotFound, match="no member with number '99'"):
        coop.run(record_payments, [PaymentInput("99", dt.date(2026, 2, 5), usd("10.00"))])
    with pytest.raises(ValidationError) as refused:  # no "payment 1:" for a payment on its own
        coop.run(record_payment, "1", dt.date(2026, 1, 15), usd("10.00"))
    assert refused.value.problems == ["2026-01-15 is in a closed period (closed through 2026-01-31)"]


def test_no_payments_record_nothing(coop: Book) -> None:
    before = coop.read(book_state)
    done = coop.run(record_payments, [])
    assert (done.result, list(done.entries), list(done.members)) == ([], [], [])
    assert coop.read(book_state) == before


def test_a_bank_import_records_its_rows_as_one_by_one_and_never_twice(base_book: Path, tmp_path: Path) -> None:
    # 250 rows, recorded a hundred at a time: the same members in every chunk, member 5 paid
    # for by their household's payer, amounts from a month's dues to a year ahead, one row unmatched.
    text = "Date,Amount,Reference,Name\n" + "".join(
        f"2026-{2 + k % 6:02d}-{1 + k % 28:02d},{(5, 10, 25, 120)[k % 4]}.{k % 100:02d},"
        f"Member #{1 + k % 6} {k},Member {1 + k % 6}\n" for k in range(250)) + "2026-03-03,9.00,Gift,Someone Kind\n"
    rows = parse_bank_csv(text.encode(), "bank.csv", Formatter("en_US"), "USD").rows
    states = []
    for name in ("import", "one by one"):
        path = tmp_path / f"{name}.coopdesk"
        shutil.copy(base_book, path)
        with Book.open(path) as book:
            if name == "import":
                calls: list[int] = []
                done = book.run(import_payments, rows, accept_matched=True,
                                progress=lambda n, total: calls.append(n)).result
                assert calls == [100, 200, 251]
                assert [line.action for line in done.lines].count("recorded") == 250
                again = book.run(import_payments, rows, accept_matched=True).result
                assert {line.action for line in again.lines} == {"already recorded", "unmatched"}
            else:  # in one transaction, as the import
                book.run(lambda session: [
                    record_payment(session, row.reference.split()[1][1:], row.date, row.amount,
                                   reference=row.reference, memo=f"Bank import: {row.name}", fingerprint=row.fingerprint)
                    for row in rows[:-1]])
            states.append(book.read(book_state))
    assert states[0] == states[1]
    assert [problems for _, problems in states[0]["check"]] == [[]] * len(states[0]["check"])
