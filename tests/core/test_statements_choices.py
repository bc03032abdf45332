"""The starting choices of a batch of statements, and the rules of the treasurer's choices."""

from __future__ import annotations

import datetime as dt

import pytest

from coopdesk.statements.choices import (
    MAX_OFFSET_MM,
    adjusted_layout,
    default_paper,
    default_period,
    member_numbers,
)
from coopdesk.statements.layout import A4_DIN_5008_B, US_LETTER_10


@pytest.mark.parametrize(("today", "start_month", "start"), [
    (dt.date(2026, 6, 30), 1, dt.date(2026, 1, 1)),
    (dt.date(2026, 6, 30), 7, dt.date(2025, 7, 1)),
    (dt.date(2026, 7, 1), 7, dt.date(2026, 7, 1)),
    (dt.date(2026, 3, 31), 4, dt.date(2025, 4, 1)),
])
def test_the_default_period_is_the_fiscal_year_so_far(today: dt.date, start_month: int,
                                                       start: dt.date) -> None:
    assert default_period(today, start_month) == (start, today)


@pytest.mark.parametrize(("locale", "paper"), [
    ("en_US", "letter"), ("fr_CA", "letter"), ("en_CA", "letter"),
    ("en_GB", "a4"), ("de_DE", "a4"), ("es_MX", "a4"), ("fr", "a4"), ("xx_YY", "a4"),
])
def test_letter_where_offices_use_it_else_a4(locale: str, paper: str) -> None:
    assert default_paper(locale) == paper


def test_the_address_window_moves_and_nothing_else() -> None:
    layout = adjusted_layout("a4", 2.5, -1.0)
    assert layout.address == A4_DIN_5008_B.address.moved(2.5, -1.0)
    assert layout.address.x == A4_DIN_5008_B.address.x + 2.5
    assert layout.address.y == A4_DIN_5008_B.address.y - 1.0
    assert layout.info == A4_DIN_5008_B.info
    assert layout.letterhead == A4_DIN_5008_B.letterhead
    assert adjusted_layout("letter") is US_LETTER_10


def test_offsets_are_held_within_the_limit() -> None:
    layout = adjusted_layout("letter", 99.0, -99.0)
    assert layout.address.x == US_LETTER_10.address.x + MAX_OFFSET_MM
    assert layout.address.y == US_LETTER_10.address.y - MAX_OFFSET_MM


def test_member_numbers_are_read_in_order_once_each() -> None:
    assert member_numbers(" 12, 15;17  12,,") == ["12", "15", "17"]
    assert member_numbers("  ") == []
