"""The Annual meeting screen's table models pass the model tester with rows in them, show
formatted text and sort by raw values; the labels say the core's codes and rules in words; the
check-in rules refuse what the core refuses, in the app's words."""

from __future__ import annotations

import dataclasses
import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from pytestqt.modeltest import ModelTester

from coopdesk.book import Book
from coopdesk.formatting import Formatter
from coopdesk.meetings.eligibility import VoterRow
from coopdesk.meetings.queries import MeetingState, list_meetings, meeting_state
from coopdesk.meetings.quorum import Combine, QuorumRule
from coopdesk.meetings.service import record_attendance
from coopdesk_ui.models.roles import ID_ROLE, SORT_ROLE
from coopdesk_ui.models.sort_proxy import RawValueSortProxy
from coopdesk_ui.screens.meeting_attendance_model import AttendanceModel
from coopdesk_ui.screens.meeting_check_in import (
    check_in_refusal,
    proxy_holder_refusal,
    proxy_member_refusal,
    removal_refusal,
)
from coopdesk_ui.screens.meeting_excluded_model import ExcludedVoterModel
from coopdesk_ui.screens.meeting_labels import proxies_text, quorum_text, reason_text
from coopdesk_ui.screens.meeting_list_model import MeetingListModel
from coopdesk_ui.screens.meeting_voter_model import VoterModel

from .meeting_helpers import coop_path  # noqa: F401  (fixture)

EN = Formatter("en_US")


@pytest.fixture
def state(coop_path: Path) -> MeetingState:
    """The meeting with Gus present and Ada by his proxy."""
    with Book.open(coop_path) as book:
        meeting = book.read(list_meetings)[0].id
        book.run(record_attendance, meeting, "7")
        book.run(record_attendance, meeting, "1", "7")
        return book.read(meeting_state, meeting)


def test_every_model_passes_the_model_tester(qtmodeltester: ModelTester, coop_path: Path,
                                             state: MeetingState) -> None:
    with Book.open(coop_path, read_only=True) as book:
        meetings = book.read(list_meetings)
    for model, rows in ((MeetingListModel(EN), meetings), (VoterModel(EN), state.eligible),
                        (ExcludedVoterModel(EN), state.excluded),
                        (AttendanceModel(EN), state.attendance)):
        model.set_rows(rows)
        assert model.rowCount() == len(rows) > 0
        qtmodeltester.check(model)
        proxy = RawValueSortProxy()
        proxy.setSourceModel(model)
        qtmodeltester.check(proxy)


def test_the_models_show_text_and_ids(coop_path: Path, state: MeetingState) -> None:
    meetings = MeetingListModel(EN)
    with Book.open(coop_path, read_only=True) as book:
        meetings.set_rows(book.read(list_meetings))
    row = [meetings.index(0, c).data() for c in range(4)]
    assert row == ["Apr 20, 2026", "Annual meeting 2026", "Annual", "Mar 31, 2026"]
    assert meetings.index(0, 0).data(ID_ROLE) == state.meeting.id
    assert meetings.index(0, 3).data(SORT_ROLE) == dt.date(2026, 3, 31)
    attendance = AttendanceModel(EN)
    attendance.set_rows(state.attendance)
    assert [attendance.index(r, 2).data() for r in range(2)] == [
        "By proxy of 7 \N{EM DASH} Gus Proxy", "Present"]
    assert attendance.index(0, 0).data(ID_ROLE) == "1"


def test_numbers_sort_as_numbers(state: MeetingState) -> None:
    voters = VoterModel(EN)
    rows = [VoterRow(n, str(n), f"M{n}", f"M{n}", None, None, True, None) for n in (10, 2, 33)]
    voters.set_rows(rows)
    proxy = RawValueSortProxy()
    proxy.setSourceModel(voters)
    proxy.sort(0)
    assert [proxy.index(r, 0).data() for r in range(3)] == ["2", "10", "33"]


def test_the_quorum_and_proxies_in_words() -> None:
    assert quorum_text(QuorumRule(Decimal("12.5")), EN) == "12.5% of the eligible voters"
    assert quorum_text(QuorumRule(number=1), EN) == "1 member"
    assert quorum_text(QuorumRule(Decimal(10), 5, Combine.LESSER), EN) == (
        "10% of the eligible voters or 5 members, whichever is lesser")
    assert quorum_text(QuorumRule(Decimal(10), 5), Formatter("fr_FR")).startswith("10\u00a0%")
    assert proxies_text(False, None) == "No proxies"
    assert proxies_text(True, None) == "Proxies allowed, no maximum"
    assert proxies_text(True, 2) == "Proxies allowed, at most 2 per member"


def test_reasons_in_words() -> None:
    def row(reason: str, **extra: object) -> VoterRow:
        return VoterRow(1, "1", "A", "A", None, None, False, reason,
                        **extra)  # type: ignore[arg-type]

    assert reason_text(row("in_arrears", months_in_arrears=2), EN) == (
        "in arrears on the record date (2 months)")
    assert reason_text(row("in_arrears", months_in_arrears=2), EN, short=True) == (
        "in arrears (2 months)")
    assert reason_text(row("left", left_on=dt.date(2026, 1, 3)), EN) == "left on Jan 3, 2026"
    assert reason_text(row("status"), EN) == "not in good standing (set in the register)"
    assert reason_text(row("a_new_code"), EN) == "a_new_code"  # a newer book's code, as it is


def test_the_check_in_rules_refuse_what_the_core_refuses(state: MeetingState) -> None:
    assert check_in_refusal(state, "8", EN) == ""
    assert check_in_refusal(state, "7", EN) == "Gus Proxy is already recorded as present."
    assert check_in_refusal(state, "1", EN) == (
        "Ada Paid is already represented by the proxy of Gus Proxy.")
    assert check_in_refusal(state, "99", EN) == "No member has the number \u201c99\u201d."
    assert proxy_member_refusal(state, "6", EN) == (
        "Fay Never may not vote: first dues not paid by the record date.")
    assert proxy_holder_refusal(state, "8", "8", EN) == "A member cannot hold their own proxy."
    assert proxy_holder_refusal(state, "8", "2", EN) == (
        "Ben Late may not vote: in arrears on the record date (1 month). So they cannot hold a "
        "proxy.")
    assert proxy_holder_refusal(state, "8", "7", EN) == (
        "Gus Proxy already holds 1 proxy, the most this meeting allows.")
    assert removal_refusal(state, "7") == "Gus Proxy holds 1 proxy: remove it first."
    assert removal_refusal(state, "1") == ""
    no_proxies = MeetingState(dataclasses.replace(state.meeting, proxies_allowed=False,
                                                  max_proxies=None),
                              state.voters, (), state.worksheet)
    assert proxy_member_refusal(no_proxies, "8", EN) == "This meeting does not allow proxies."
    assert proxy_holder_refusal(no_proxies, "8", "7", EN) == (
        "Gus Proxy must be recorded as present to hold a proxy.")
