"""The dashboard's quick standing facts give every member the status the register gives them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from coopdesk.book import Book
from coopdesk.dues.standing import standing_facts
from coopdesk.db.models import Member
from coopdesk.demo import build_demo
from coopdesk.dues.queries import dues_facts
from coopdesk.members.status import StatusFacts, derive_status
from coopdesk.members.queries import DuesFacts
from coopdesk.settings import load_settings


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.coopdesk"
    build_demo(path, members=80, years=3, today=dt.date(2026, 11, 26), seed=11)
    return path


@pytest.mark.parametrize("as_of", [dt.date(2024, 6, 30), dt.date(2025, 1, 31), dt.date(2025, 12, 31),
                                   dt.date(2026, 3, 1), dt.date(2026, 11, 26)])
def test_the_same_status_as_the_register_for_every_member(demo: Path, as_of: dt.date) -> None:
    with Book.open(demo, read_only=True) as book:
        quick = book.read(standing_facts, as_of)
        full = book.read(dues_facts, as_of)
        grace = book.read(load_settings).grace_months
        members = book.read(lambda s: list(s.execute(select(
            Member.id, Member.join_date, Member.leave_date, Member.leave_reason,
            Member.status_override)).all()))
    assert members
    for member_id, joined, left, reason, override in members:
        f = full.get(member_id, DuesFacts())
        first_unpaid, months = quick.get(member_id, (False, 0))
        expected = derive_status(StatusFacts(joined, left, reason, override, f.first_dues_unpaid,
                                             f.months_in_arrears), as_of, grace)
        assert derive_status(StatusFacts(joined, left, reason, override, first_unpaid, months),
                             as_of, grace) == expected, member_id
