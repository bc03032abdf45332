"""The member register: adding, editing with history and conflicts, leaving, status rules."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.book import Book
from coopdesk.dues.payments import write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.queries import open_charges
from coopdesk.dues.run import preview_dues_run, run_dues
from coopdesk.errors import NotFound, ValidationError
from coopdesk.members.queries import DuesFacts, list_classes, list_members, member_detail, member_history
from coopdesk.members.service import (
    EditConflict,
    add_class,
    add_member,
    cancel_leaving,
    edit_member,
    record_leaving,
    set_status_override,
)
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.members.types import MemberInput, Status, default_sort_name
from coopdesk.money import Money

JOINED = dt.date(2025, 3, 1)


def ada(**changes: object) -> MemberInput:
    fields = {"display_name": "Ada Okafor", "join_date": JOINED, "class_code": "worker",
              "email": "ada@example.org", "address_lines": ("12 Mill Lane",), "city": "Riverside"}
    fields.update(changes)
    return MemberInput(**fields)  # type: ignore[arg-type]


def test_a_new_member_gets_the_next_number_and_a_sort_name(book: Book) -> None:
    book.run(add_member, ada(number="7"))
    book.run(add_member, ada(display_name="Riverside Bakery Ltd", kind="organisation", number="B-1"))
    book.run(add_member, ada(display_name="Lena  Lindqvist"))
    rows = book.read(list_members)
    assert [(r.number, r.display_name, r.sort_name) for r in rows] == [
        ("8", "Lena Lindqvist", "Lindqvist, Lena"),
        ("7", "Ada Okafor", "Okafor, Ada"),
        ("B-1", "Riverside Bakery Ltd", "Riverside Bakery Ltd"),
    ]
    assert {r.status for r in rows} == {"active"}


def test_a_member_is_never_half_saved(book: Book) -> None:
    book.run(add_member, ada(number="1"))
    with pytest.raises(ValidationError) as refused:
        book.run(add_member, ada(number="1", display_name=" ", email="ada@", class_code="pirate",
                                 payer_number="99", language="xx_YY"))
    assert refused.value.problems == [
        "name: a name is required",
        "email: 'ada@' does not look like an e-mail address",
        "language: 'xx_YY' is not a language code such as en, fr or de_DE",
        "class: no member class 'pirate' (the classes are worker, consumer, producer, supporter)",
        "payer: no member with number '99'",
        "number: member number '1' is already taken",
    ]
    assert len(book.read(list_members)) == 1


def test_every_change_is_recorded(book: Book) -> None:
    book.run(add_member, ada(number="1"))
    book.run(add_member, ada(number="2", display_name="Sam Okafor"))
    book.run(edit_member, "2", {"payer_number": "1", "email": "sam@example.org", "city": "Riverside"})
    history = book.read(member_history, "2")
    assert [(c.field, c.before, c.after) for c in history] == [
        ("created", None, "2"),
        ("email", "ada@example.org", "sam@example.org"),
        ("payer_number", None, "1"),
    ]
    assert book.read(member_detail, "2").payer_number == "1"
    with pytest.raises(ValidationError, match="cannot be their own payer"):
        book.run(edit_member, "1", {"payer_number": "1"})
    raw = sqlite3.connect(book.path)
    try:
        with pytest.raises(sqlite3.IntegrityError, match="cannot be altered"):
            raw.execute("DELETE FROM member_changes")
    finally:
        raw.close()


def test_two_windows_editing_the_same_member_do_not_overwrite_each_other(book: Book) -> None:
    book.run(add_member, ada(number="1"))
    version = book.read(member_detail, "1").version  # both windows open the member
    book.run(edit_member, "1", {"phone": "555-0101"}, expected_version=version)
    with pytest.raises(EditConflict, match="changed elsewhere"):
        book.run(edit_member, "1", {"city": "Hilltop"}, expected_version=version)
    detail = book.read(member_detail, "1")
    assert (detail.phone, detail.city, detail.version) == ("555-0101", "Riverside", version + 1)


def test_an_edit_that_changes_nothing_keeps_the_version(book: Book) -> None:
    book.run(add_member, ada(number="1"))
    book.run(edit_member, "1", {"city": "Riverside"})
    assert book.read(member_detail, "1").version == 1
    assert [c.field for c in book.read(member_history, "1")] == ["created"]


def test_leaving_and_dying_change_the_status_from_that_day(book: Book) -> None:
    book.run(add_member, ada(number="1"))
    book.run(add_member, ada(number="2", display_name="Tom Moreau"))
    book.run(record_leaving, "1", dt.date(2026, 5, 31), "withdrew")
    book.run(record_leaving, "2", dt.date(2026, 6, 2), "deceased")
    on = lambda day: {r.number: r.status for r in book.read(list_members, day)}  # noqa: E731
    assert on(dt.date(2026, 5, 30)) == {"1": "active", "2": "active"}
    assert on(dt.date(2026, 5, 31)) == {"1": "withdrawn", "2": "active"}
    assert on(dt.date(2026, 6, 2)) == {"1": "withdrawn", "2": "deceased"}
    with pytest.raises(ValidationError, match="before the member joined"):
        book.run(record_leaving, "1", dt.date(2020, 1, 1), "withdrew")
    with pytest.raises(ValidationError, match="reason: must be one of"):
        book.run(record_leaving, "1", dt.date(2026, 7, 1), "bored")


def test_a_leaving_taken_back_is_recorded_in_the_history(book: Book) -> None:
    book.run(add_member, ada(number="1"))
    book.run(record_leaving, "1", dt.date(2026, 5, 31), "withdrew")
    version = book.read(member_detail, "1").version
    with pytest.raises(EditConflict):
        book.run(cancel_leaving, "1", version - 1)  # read before the leaving: refused
    assert book.read(member_detail, "1").leave_date == dt.date(2026, 5, 31)

    changes = book.run(cancel_leaving, "1", version)
    assert changes.members == {_id(book, "1")}
    detail = book.read(member_detail, "1")
    assert (detail.leave_date, detail.leave_reason, detail.version) == (None, None, version + 1)
    assert {r.number: r.status for r in book.read(list_members, dt.date(2026, 6, 1))} == {
        "1": "active"}
    assert [(c.field, c.before, c.after) for c in book.read(member_history, "1")][-2:] == [
        ("leave_date", "2026-05-31", None), ("leave_reason", "withdrew", None)]
    with pytest.raises(NotFound):
        book.run(cancel_leaving, "9")


def test_a_status_override_wins_and_needs_a_reason(book: Book) -> None:
    book.run(add_member, ada(number="1"))
    with pytest.raises(ValidationError, match="say why"):
        book.run(set_status_override, "1", "lapsed")
    book.run(set_status_override, "1", "lapsed", reason="Asked to pause membership")
    assert book.read(member_detail, "1").status == "lapsed"
    book.run(set_status_override, "1", None)
    assert book.read(member_detail, "1").status == "active"


def test_status_and_class_filters(book: Book) -> None:
    book.run(add_member, ada(number="1"))
    book.run(add_member, ada(number="2", class_code="supporter"))
    book.run(add_member, ada(number="3", join_date=dt.date(2030, 1, 1)))
    today = dt.date(2026, 1, 1)
    assert [r.number for r in book.read(list_members, today, class_code="supporter")] == ["2"]
    assert [r.number for r in book.read(list_members, today, status="pending")] == ["3"]
    arrears = {_id(book, "1"): DuesFacts(months_in_arrears=3)}
    assert [r.number for r in book.read(list_members, today, arrears, status="lapsed")] == ["1"]


def _id(book: Book, number: str) -> int:
    from sqlalchemy import select

    from coopdesk.db.models import Member
    return book.read(lambda s: s.execute(select(Member.id).where(Member.number == number)).scalar_one())


def test_classes_are_configurable(book: Book) -> None:
    assert [(c.code, c.votes) for c in book.read(list_classes)] == [
        ("worker", True), ("consumer", True), ("producer", True), ("supporter", False)]
    book.run(add_class, "Founder", "Founding member", True)
    assert book.read(list_classes)[-1].code == "founder"
    with pytest.raises(ValidationError, match="already a class"):
        book.run(add_class, "founder", "Again", False)
    with pytest.raises(NotFound):
        book.read(member_detail, "404")


@pytest.mark.parametrize("months, expected", [(0, "active"), (1, "in_grace"), (2, "in_grace"), (3, "lapsed")])
def test_grace_allowance_edges(months: int, expected: str) -> None:
    facts = StatusFacts(join_date=JOINED, months_in_arrears=months)
    assert derive_status(facts, dt.date(2026, 1, 1), grace_months=2) == expected


@given(
    join=st.dates(dt.date(2020, 1, 1), dt.date(2026, 12, 31)),
    leave=st.one_of(st.none(), st.dates(dt.date(2020, 1, 1), dt.date(2027, 12, 31))),
    day=st.dates(dt.date(2019, 1, 1), dt.date(2028, 12, 31)),
    months=st.integers(0, 24), grace=st.integers(0, 6), unpaid=st.booleans(),
)
def test_good_standing_is_active_or_in_grace_and_never_after_leaving(
        join: dt.date, leave: dt.date | None, day: dt.date, months: int, grace: int, unpaid: bool) -> None:
    status = derive_status(StatusFacts(join, leave, "withdrew", None, unpaid, months), day, grace)
    if leave is not None and leave <= day:
        assert status == Status.WITHDRAWN
    elif day < join:
        assert status == Status.PENDING
    assert status.in_good_standing == (status in (Status.ACTIVE, Status.IN_GRACE))
    if status.in_good_standing:
        assert months <= grace and not unpaid and join <= day


@pytest.mark.parametrize("name, kind, expected", [
    ("Ada Okafor", "person", "Okafor, Ada"),
    ("Cher", "person", "Cher"),                                        # one word
    ("  Lena   Lindqvist ", "person", "Lindqvist, Lena"),              # spacing tidied
    ("Anne-Marie Dupont-Moretti", "person", "Dupont-Moretti, Anne-Marie"),  # hyphens join
    ("Mary Ann Smith", "person", "Smith, Mary Ann"),
    # Lower-case particles go after the given name; the surname proper is what follows them.
    ("Ludwig van Beethoven", "person", "Beethoven, Ludwig van"),
    ("Vincent van Gogh", "person", "Gogh, Vincent van"),
    ("Jan van der Berg", "person", "Berg, Jan van der"),
    ("Otto von Bismarck", "person", "Bismarck, Otto von"),
    ("Jean de La Fontaine", "person", "La Fontaine, Jean de"),          # "La" is the surname's
    ("Jean-Paul  de la Fontaine", "person", "Fontaine, Jean-Paul de la"),
    ("Charles d'Artagnan", "person", "Artagnan, Charles d'"),
    ("Miguel de Cervantes Saavedra", "person", "Cervantes Saavedra, Miguel de"),
    # Capitalised, they are part of the surname; a first name is never a particle.
    ("Martin Van Buren", "person", "Van Buren, Martin"),
    ("Ursula K. Le Guin", "person", "Le Guin, Ursula K."),
    ("Martin King, Jr.", "person", "Martin King, Jr."),  # a comma: filed as written
    ("Okafor, Ada", "person", "Okafor, Ada"),
    ("Van Morrison", "person", "Morrison, Van"),
    # An organisation files under its name, less a leading "The".
    ("Bike Co-op", "organisation", "Bike Co-op"),
    ("The Green Grocers", "organisation", "Green Grocers"),
    ("The", "organisation", "The"),
    ("Theatre-Werkstatt van Gogh", "organisation", "Theatre-Werkstatt van Gogh"),
])
def test_default_sort_names(name: str, kind: str, expected: str) -> None:
    assert default_sort_name(name, kind) == expected


def test_a_member_added_without_a_sort_name_is_filed_under_their_surname(book: Book) -> None:
    for name in ("Ludwig van Beethoven", "Ada Okafor", "Jean de La Fontaine"):
        book.run(add_member, MemberInput(name, JOINED))
    assert [r.sort_name for r in book.read(list_members)] == [
        "Beethoven, Ludwig van", "La Fontaine, Jean de", "Okafor, Ada"]


def test_the_join_date_is_fixed_once_dues_are_charged(book: Book) -> None:
    book.run(add_plan, "Monthly", Money("5.00", "USD"), "monthly", basis="rolling")
    book.run(add_member, ada(number="1"))
    book.run(assign_plan, "1", "Monthly", JOINED)
    book.run(edit_member, "1", {"join_date": dt.date(2025, 3, 15)})  # nothing charged yet: fine
    book.run(run_dues, 2025, 5)
    version = book.read(member_detail, "1").version
    with pytest.raises(ValidationError) as refused:
        book.run(edit_member, "1", {"join_date": dt.date(2025, 3, 1), "city": "Elsewhere"})
    assert refused.value.problems == [
        "join date: member 1 has been charged dues since 2025-03-15, planned from the join date, so "
        "it can no longer change; write off the charges made in error instead (and note the real "
        "date in the member's notes)"]
    detail = book.read(member_detail, "1")
    assert (detail.join_date, detail.city, detail.version) == (dt.date(2025, 3, 15), "Riverside", version)
    # A form saved with the join date as it was changes the other fields.
    book.run(edit_member, "1", {"join_date": dt.date(2025, 3, 15), "city": "Elsewhere"})
    assert book.read(member_detail, "1").city == "Elsewhere"
    # Writing every charge off does not free it: the charges are still there, planned from it.
    for charge in book.read(open_charges, "1"):
        book.run(write_off_charge, charge.charge_id, "Joined later than recorded")
    with pytest.raises(ValidationError, match="join date: member 1 has been charged"):
        book.run(edit_member, "1", {"join_date": dt.date(2025, 4, 1)})
    assert book.read(preview_dues_run, 2025, 5) == []
