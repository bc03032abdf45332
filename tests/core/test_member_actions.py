"""Member edits and leavings as undoable actions: do, undo and redo on a real book, each a
recorded change, each refused when someone else changed the member in between."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk.book import Book
from coopdesk.errors import ValidationError
from coopdesk.members.actions import EditMember, RecordLeaving
from coopdesk.members.queries import member_detail, member_history
from coopdesk.members.service import EditConflict, add_member, cancel_leaving, edit_member
from coopdesk.members.types import MemberInput

JOINED = dt.date(2025, 3, 1)


@pytest.fixture
def coop(book: Book) -> Book:
    book.run(add_member, MemberInput("Ada Okafor", JOINED, number="1", email="ada@example.org",
                                     city="Riverside"))
    book.run(add_member, MemberInput("Ben Idris", JOINED, number="2"))
    return book


def history(book: Book, number: str) -> list[tuple[str, str | None, str | None]]:
    return [(row.field, row.before, row.after) for row in book.read(member_history, number)]


def test_edit_do_undo_redo_round_trip(coop: Book) -> None:
    version = coop.read(member_detail, "1").version
    action = EditMember("1", {"email": "ada.okafor@example.org", "city": "Millbrook"}, version)

    coop.run(action.do)
    detail = coop.read(member_detail, "1")
    assert (detail.email, detail.city) == ("ada.okafor@example.org", "Millbrook")
    assert detail.version == version + 1
    assert action.changed
    assert action.label == "Edit member 1 (Ada Okafor)"

    coop.run(action.undo)
    detail = coop.read(member_detail, "1")
    assert (detail.email, detail.city) == ("ada@example.org", "Riverside")
    assert detail.version == version + 2

    coop.run(action.redo)
    detail = coop.read(member_detail, "1")
    assert (detail.email, detail.city) == ("ada.okafor@example.org", "Millbrook")

    coop.run(action.undo)  # and back again: each step starts where the last one left
    assert coop.read(member_detail, "1").email == "ada@example.org"
    assert history(coop, "1")[1:] == [
        ("city", "Riverside", "Millbrook"), ("email", "ada@example.org", "ada.okafor@example.org"),
        ("city", "Millbrook", "Riverside"), ("email", "ada.okafor@example.org", "ada@example.org"),
        ("city", "Riverside", "Millbrook"), ("email", "ada@example.org", "ada.okafor@example.org"),
        ("city", "Millbrook", "Riverside"), ("email", "ada.okafor@example.org", "ada@example.org"),
    ]


def test_undo_puts_back_only_what_the_edit_changed(coop: Book) -> None:
    action = EditMember("1", {"email": "ada@example.org", "phone": "555 0101"})
    coop.run(action.do)
    assert action.before == {"phone": ""}  # the email was already that
    coop.run(edit_member, "1", {"city": "Lyon"})  # not part of the action...

    with pytest.raises(EditConflict):  # ...but it moved the member on: undo must not overwrite it
        coop.run(action.undo)
    assert coop.read(member_detail, "1").phone == "555 0101"


def test_undo_of_a_renumbering_finds_the_member_by_the_new_number(coop: Book) -> None:
    action = EditMember("1", {"number": "A-1", "display_name": "Ada N. Okafor"})
    coop.run(action.do)
    assert coop.read(member_detail, "A-1").display_name == "Ada N. Okafor"

    coop.run(action.undo)
    assert coop.read(member_detail, "1").display_name == "Ada Okafor"
    coop.run(action.redo)
    assert coop.read(member_detail, "A-1").display_name == "Ada N. Okafor"


def test_an_edit_that_changes_nothing_has_nothing_to_undo(coop: Book) -> None:
    version = coop.read(member_detail, "1").version
    action = EditMember("1", {"city": "Riverside"}, version)
    coop.run(action.do)
    assert not action.changed
    coop.run(action.undo)
    assert coop.read(member_detail, "1").version == version


def test_edit_refused_by_the_rules_writes_nothing(coop: Book) -> None:
    version = coop.read(member_detail, "1").version
    action = EditMember("1", {"display_name": "  ", "email": "not an email"}, version)
    with pytest.raises(ValidationError) as refused:
        coop.run(action.do)
    assert [p.split(":")[0] for p in refused.value.problems] == ["name", "email"]
    assert coop.read(member_detail, "1").version == version


def test_edit_of_a_stale_version_is_a_conflict(coop: Book) -> None:
    version = coop.read(member_detail, "1").version
    coop.run(edit_member, "1", {"phone": "555 0199"}, version)  # someone else, meanwhile
    with pytest.raises(EditConflict):
        coop.run(EditMember("1", {"city": "Lyon"}, version).do)
    assert coop.read(member_detail, "1").city == "Riverside"


def test_leaving_do_undo_redo_round_trip(coop: Book) -> None:
    version = coop.read(member_detail, "2").version
    action = RecordLeaving("2", dt.date(2026, 5, 31), "withdrew", version)

    coop.run(action.do)
    detail = coop.read(member_detail, "2", dt.date(2026, 6, 30))
    assert (detail.leave_date, detail.leave_reason, detail.status) == (
        dt.date(2026, 5, 31), "withdrew", "withdrawn")
    assert action.label == "Record that member 2 (Ben Idris) left"

    coop.run(action.undo)
    detail = coop.read(member_detail, "2", dt.date(2026, 6, 30))
    assert (detail.leave_date, detail.leave_reason, detail.status) == (None, None, "active")

    coop.run(action.redo)
    assert coop.read(member_detail, "2").leave_reason == "withdrew"
    assert history(coop, "2")[1:] == [
        ("leave_date", None, "2026-05-31"), ("leave_reason", None, "withdrew"),
        ("leave_date", "2026-05-31", None), ("leave_reason", "withdrew", None),
        ("leave_date", None, "2026-05-31"), ("leave_reason", None, "withdrew"),
    ]


def test_undoing_a_second_leaving_puts_back_the_first(coop: Book) -> None:
    coop.run(RecordLeaving("2", dt.date(2026, 5, 31), "withdrew").do)
    correction = RecordLeaving("2", dt.date(2026, 4, 2), "deceased")
    coop.run(correction.do)
    coop.run(correction.undo)
    detail = coop.read(member_detail, "2")
    assert (detail.leave_date, detail.leave_reason) == (dt.date(2026, 5, 31), "withdrew")


def test_leaving_before_joining_is_refused(coop: Book) -> None:
    with pytest.raises(ValidationError):
        coop.run(RecordLeaving("2", JOINED - dt.timedelta(days=1), "withdrew").do)
    assert coop.read(member_detail, "2").leave_date is None


def test_cancel_leaving_checks_the_version(coop: Book) -> None:
    coop.run(RecordLeaving("2", dt.date(2026, 5, 31), "withdrew").do)
    stale = coop.read(member_detail, "2").version - 1
    with pytest.raises(EditConflict):
        coop.run(cancel_leaving, "2", stale)
    changes = coop.run(cancel_leaving, "2")
    assert changes.members and coop.read(member_detail, "2").leave_date is None
