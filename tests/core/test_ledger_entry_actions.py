"""Typing an entry: what the form offers (entry_choices) and posting it undoably (PostEntry)."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.errors import CoopdeskError
from coopdesk.ledger.entry_actions import EntryUndone, PostEntry, undo_date
from coopdesk.ledger.entry_choices import entry_choices
from coopdesk.ledger.journal_page import JournalFilter, entry_detail, journal_page
from coopdesk.ledger.rules import entry_problems
from coopdesk.ledger.service import close_period
from coopdesk.ledger.types import EntryDraft, PostingDraft
from tests.core.helpers import add_members, usd

D = dt.date(2026, 3, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    moment = dt.datetime(2026, 6, 30, 12, tzinfo=dt.timezone.utc)
    monkeypatch.setattr(clock, "_now", lambda: moment)
    return moment.date()


def draft(book: Book, date: dt.date = D) -> EntryDraft:
    ids = {a.code: a.id for a in book.read(entry_choices).accounts}
    return EntryDraft(date, "manual", (PostingDraft(ids["5000"], 1250),
                                       PostingDraft(ids["1010"], -1250)), "Printer paper")


def test_choices_list_the_chart_members_currency_and_closed_date(book: Book) -> None:
    book.run(add_members, "M2", "M1")
    book.run(close_period, dt.date(2026, 1, 31))
    choices = book.read(entry_choices)
    codes = [a.code for a in choices.accounts]
    assert codes == sorted(codes) and "1100" in codes
    dues = next(a for a in choices.accounts if a.code == "1100")
    assert dues.member_ledger and dues.is_open and dues.name == "Dues receivable"
    assert [(m.number, m.name) for m in choices.members] == [("M1", "Member M1"),
                                                            ("M2", "Member M2")]
    assert choices.currency == "USD" and choices.closed_through == dt.date(2026, 1, 31)
    # The rules take them as posting does: a member account without a member is refused.
    rules = choices.rules()
    bad = EntryDraft(D, "manual", (PostingDraft(dues.id, 100), PostingDraft(dues.id, -100)))
    assert entry_problems(bad, rules, choices.closed_through) == [
        "line 1: account 1100 needs a member", "line 2: account 1100 needs a member"]


def test_post_entry_undo_posts_the_reversal_and_redo_posts_it_again(book: Book) -> None:
    action = PostEntry(draft(book), "entry of $12.50: Printer paper")
    assert action.label == "entry of $12.50: Printer paper"
    entry_id = book.run(action.do).result
    assert book.read(entry_detail, entry_id).entry.memo == "Printer paper"

    undone = book.run(action.undo).result
    assert undone == EntryUndone(entry_id, entry_id + 1)
    reversal = book.read(entry_detail, undone.reversal_id)
    assert reversal.entry.reverses == entry_id and reversal.entry.date == dt.date(2026, 6, 30)
    assert [p.amount for p in reversal.postings] == [usd("-12.50"), usd("12.50")]
    with pytest.raises(CoopdeskError):
        book.run(action.undo)  # nothing posted to take back now

    again = book.run(action.redo).result
    assert again == entry_id + 2 and action.entry_id == again
    assert len(book.read(journal_page, JournalFilter(), None, 10)) == 3


def test_undo_is_refused_when_the_entry_was_reversed_meanwhile(book: Book) -> None:
    from coopdesk.ledger.service import reverse_entry

    action = PostEntry(draft(book), "entry")
    entry_id = book.run(action.do).result
    book.run(reverse_entry, entry_id)
    with pytest.raises(CoopdeskError, match="already reversed"):
        book.run(action.undo)


def test_a_future_entry_is_undone_on_its_own_date(fixed_today: dt.date) -> None:
    later = fixed_today + dt.timedelta(days=5)
    assert undo_date(later) == later
    assert undo_date(D) == fixed_today
