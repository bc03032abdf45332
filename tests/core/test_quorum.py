"""Each quorum rule, at its edges."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.meetings.quorum import Combine, QuorumRule, Worksheet, quorum_needed


@pytest.mark.parametrize(("rule", "eligible", "needed"), [
    (QuorumRule(percent=Decimal(10)), 45, 5),     # 4.5 rounds up
    (QuorumRule(percent=Decimal(10)), 40, 4),     # exactly 4
    (QuorumRule(percent=Decimal(10)), 41, 5),     # 4.1 rounds up
    (QuorumRule(percent=Decimal("33.33")), 300, 100),  # 99.99
    (QuorumRule(number=15), 200, 15),
    (QuorumRule(number=15), 12, 12),              # never more than can come
    (QuorumRule(Decimal(10), 15, Combine.GREATER), 200, 20),
    (QuorumRule(Decimal(10), 15, Combine.GREATER), 100, 15),
    (QuorumRule(Decimal(10), 15, Combine.LESSER), 200, 15),
    (QuorumRule(Decimal(10), 15, Combine.LESSER), 100, 10),
    (QuorumRule(percent=Decimal(1)), 10, 1),      # never less than one
])
def test_the_quorum_needed(rule: QuorumRule, eligible: int, needed: int) -> None:
    assert quorum_needed(rule, eligible) == needed


def test_a_rule_needs_a_percentage_or_a_number() -> None:
    assert len(QuorumRule().problems()) == 1
    assert len(QuorumRule(Decimal(0), 0).problems()) == 2
    with pytest.raises(ValueError):
        quorum_needed(QuorumRule(), 10)


def test_the_worksheet_is_reached_at_exactly_the_quorum() -> None:
    assert not Worksheet(45, 5, 3, 1).reached and Worksheet(45, 5, 3, 1).still_needed == 1
    assert Worksheet(45, 5, 4, 1).reached and Worksheet(45, 5, 4, 1).total == 5


@given(percent=st.decimals(Decimal("0.01"), 100, places=2), eligible=st.integers(1, 10_000))
def test_a_percentage_quorum_is_the_least_count_that_reaches_it(percent: Decimal, eligible: int) -> None:
    needed = quorum_needed(QuorumRule(percent=percent), eligible)
    assert needed * 100 >= percent * eligible
    assert needed == 1 or (needed - 1) * 100 < percent * eligible
