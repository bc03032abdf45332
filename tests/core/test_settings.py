"""The book's settings: the co-op's address, checked changes, and books older than the address."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
from pathlib import Path

import pytest

from coopdesk.book import Book
from coopdesk.book_setup import ClassDraft, PlanDraft, apply_setup
from coopdesk.dues.plans import list_plans
from coopdesk.dues.schedule import Frequency
from coopdesk.errors import ValidationError
from coopdesk.members.queries import list_classes
from coopdesk.money import Money
from coopdesk.settings import (
    BookSettings,
    PostalAddress,
    holds_amounts,
    load_settings,
    settings_problems,
    update_settings,
)

from .helpers import post, simple_entry, usd

ADDRESS = PostalAddress(lines=("12 Mill Lane", "Unit 4"), postal_code="05401", city="Burlington",
                        region="VT", country="US")
NEW_KEYS = ("address_lines", "postal_code", "city", "region", "country", "email", "phone")


def test_a_new_book_has_an_empty_address(book: Book) -> None:
    assert book.settings.address == PostalAddress()
    assert book.settings.address.is_empty
    assert (book.settings.email, book.settings.phone) == ("", "")


def test_update_stores_the_address_and_contact_and_says_settings_changed(book: Book) -> None:
    wanted = dataclasses.replace(book.settings, name="  Riverside Co-op ", address=ADDRESS,
                                 email="treasurer@riverside.coop", phone="+1 (802) 555-0100",
                                 grace_months=3)
    changes = book.run(update_settings, wanted)
    assert changes.settings and "settings" in changes.areas
    assert book.settings.name == "Riverside Co-op"  # the book re-read its settings
    stored = book.read(load_settings)
    assert stored.address == ADDRESS
    assert (stored.email, stored.phone, stored.grace_months) == (
        "treasurer@riverside.coop", "+1 (802) 555-0100", 3)


def test_blank_address_lines_and_stray_spaces_are_dropped(book: Book) -> None:
    address = PostalAddress(lines=(" 1 Main St ", "  ", ""), city=" Lyon ", country="fr")
    book.run(update_settings, dataclasses.replace(book.settings, address=address))
    assert book.settings.address == PostalAddress(lines=("1 Main St",), city="Lyon", country="FR")


def test_an_unchanged_update_notes_nothing(book: Book) -> None:
    changes = book.run(update_settings, book.settings)
    assert not changes.settings and changes.areas == frozenset()


def test_every_problem_is_reported_at_once_and_nothing_is_written(book: Book) -> None:
    bad = dataclasses.replace(
        book.settings, name=" ", locale="xx_YY", fiscal_year_start=13, grace_months=-1,
        email="treasurer at riverside", phone="call me", currency="ZZZ",
        address=PostalAddress(lines=("a", "b", "c", "d"), country="Narnia"))
    with pytest.raises(ValidationError) as caught:
        book.run(update_settings, bad)
    fields = sorted(problem.split(":")[0] for problem in caught.value.problems)
    assert fields == ["address_lines", "country", "currency", "email", "fiscal_year_start",
                      "grace_months", "locale", "name", "phone"]
    assert book.read(load_settings) == book.settings
    assert book.settings.name == "Riverside Food Co-op"


@pytest.mark.parametrize("email", ["a@b.co", "first.last+coop@mail.example.org"])
def test_plausible_emails_pass(email: str) -> None:
    assert settings_problems(BookSettings("Coop", "USD", "en_US", 1, email=email)) == []


@pytest.mark.parametrize("phone", ["555-0100", "+44 20 7946 0958", "(02) 9876 5432 ext. 12"])
def test_plausible_phone_numbers_pass(phone: str) -> None:
    assert settings_problems(BookSettings("Coop", "USD", "en_US", 1, phone=phone)) == []


def test_the_currency_may_change_until_the_book_holds_an_amount(book: Book) -> None:
    assert not book.read(holds_amounts)
    book.run(update_settings, dataclasses.replace(book.settings, currency="eur"))
    assert book.settings.currency == "EUR"
    book.run(update_settings, dataclasses.replace(book.settings, currency="USD"))
    post(book, simple_entry(dt.date(2026, 1, 15), "1000", "4900", "5.00"))
    assert book.read(holds_amounts)
    with pytest.raises(ValidationError, match="currency: the book already holds amounts in USD"):
        book.run(update_settings, dataclasses.replace(book.settings, currency="EUR"))
    assert book.settings.currency == "USD"


def test_a_dues_plan_alone_fixes_the_currency(book: Book) -> None:
    book.run(apply_setup, plans=[PlanDraft("Standard", usd("60.00"), Frequency.YEARLY)])
    assert book.read(holds_amounts)


def test_a_book_written_before_the_address_existed_still_loads(book_path: Path) -> None:
    Book.create(book_path, name="Old Co-op", currency="EUR", locale="fr_FR",
                fiscal_year_start=7).close()
    with sqlite3.connect(book_path) as conn:  # as an older coopdesk left it: no such keys
        conn.executemany("DELETE FROM settings WHERE key = ?", [(k,) for k in NEW_KEYS])
    conn.close()
    with Book.open(book_path) as book:
        assert book.settings == BookSettings("Old Co-op", "EUR", "fr_FR", 7)
        book.run(update_settings, dataclasses.replace(book.settings, address=ADDRESS))
        assert book.read(load_settings).address == ADDRESS


def test_setup_adds_settings_plans_and_classes_in_one_transaction(book: Book) -> None:
    changes = book.run(apply_setup, dataclasses.replace(book.settings, grace_months=4),
                       [PlanDraft("Standard", usd("60.00"), Frequency.YEARLY)],
                       [ClassDraft("Youth", "Youth members", True)])
    assert changes.settings
    assert book.settings.grace_months == 4
    assert [(p.name, p.amount, p.frequency) for p in book.read(list_plans)] == [
        ("Standard", usd("60.00"), "yearly")]
    assert ("youth", "Youth members", True) in [
        (c.code, c.name, c.votes) for c in book.read(list_classes)]


def test_a_refused_plan_keeps_the_settings_unchanged_too(book: Book) -> None:
    with pytest.raises(ValidationError, match="not EUR"):
        book.run(apply_setup, dataclasses.replace(book.settings, grace_months=5),
                 [PlanDraft("Standard", Money("60.00", "EUR"), Frequency.YEARLY)])
    assert book.read(load_settings).grace_months == 2
    assert book.read(list_plans) == []
