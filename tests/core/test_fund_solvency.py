"""The risk fund's solvency projection (`coopdesk.funds.solvency`): known cases, determinism,
exact monotonicity under common random numbers, an exact reference for the probabilities, the
edge cases and the input checks."""

from __future__ import annotations

import dataclasses
import math
import re
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from coopdesk.funds.solvency import (
    PastClaim,
    RunningClaim,
    SolvencyInputs,
    SolvencyOutlook,
    _new_claim_payouts,
    claim_rate,
    project_solvency,
    solvency_problems,
    standard_error,
)

SMALL = 200  # simulations where the exact figure does not matter


def fund(balance: int = 100_000, floor: int = 0, contributions: int = 10_000, contributors: int = 100,
         member_months: int = 1_200, history: tuple[PastClaim, ...] = (),
         running: tuple[RunningClaim, ...] = ()) -> SolvencyInputs:
    return SolvencyInputs(balance=balance, floor=floor, monthly_contributions=contributions,
                          contributors=contributors, observed_member_months=member_months,
                          history=history, running=running)


MIXED = (PastClaim(5_000, 1), PastClaim(20_000, 1), PastClaim(8_000, 3), PastClaim(15_000, 6),
         PastClaim(30_000, 1), PastClaim(12_000, 12))


# -- known cases ----------------------------------------------------------------------------------

def test_no_claims_and_no_history_means_the_fund_always_lasts() -> None:
    outlook = project_solvency(fund(balance=0, contributions=0), simulations=SMALL)
    assert outlook.months_lasting is None
    assert outlook.p_above_floor_12 == outlook.p_above_floor_36 == 1
    assert outlook.expected_claims_per_month == 0
    assert outlook.expected_monthly_payout == 0
    assert outlook.balance_percentiles_36 == (0, 0, 0)


def test_one_running_claim_runs_the_fund_down_in_ten_months() -> None:
    inputs = fund(balance=1_000, contributions=0, contributors=0, member_months=0,
                  running=(RunningClaim(100, 12),))
    outlook = project_solvency(inputs)
    assert outlook.months_lasting == 10  # 0 after month 10 is not below; -100 after month 11 is
    assert outlook.p_above_floor_12 == 0
    assert outlook.p_above_floor_36 == 0
    assert outlook.balance_percentiles_36 == (-200, -200, -200)
    assert outlook.simulations == 10_000 and outlook.seed == 20261126


def test_a_fund_far_above_any_plausible_claims_stays_above_its_floor() -> None:
    outlook = project_solvency(fund(balance=10**12, floor=10**6, history=MIXED), simulations=2_000)
    assert outlook.p_above_floor_12 == outlook.p_above_floor_36 == 1
    assert outlook.months_lasting is None


def test_expected_path_by_hand() -> None:
    # One claim per month on average, each paying 100 for two months: 100 in month 1 (the
    # claims started this month), 200 a month from month 2 on.
    inputs = fund(balance=1_000, contributions=0, contributors=10, member_months=10,
                  history=(PastClaim(100, 2),))
    outlook = project_solvency(inputs, simulations=SMALL)
    assert outlook.expected_claims_per_month == 1
    assert outlook.expected_monthly_payout == 200
    assert outlook.months_lasting == 5  # expected balance 900, 700, 500, 300, 100, then -100
    assert project_solvency(inputs, simulations=SMALL, horizon=5).months_lasting is None
    assert project_solvency(inputs, simulations=SMALL, horizon=6).months_lasting == 5


def test_expected_monthly_payout_rounds_half_to_even() -> None:
    # rate 1/4 a month x mean total claim 10 (one-off of 10) = 2.5 -> 2; x 14 = 3.5 -> 4
    quarter = {"contributors": 1, "member_months": 4}
    assert project_solvency(fund(history=(PastClaim(10, 1),), **quarter),
                            simulations=1).expected_monthly_payout == 2
    assert project_solvency(fund(history=(PastClaim(14, 1),), **quarter),
                            simulations=1).expected_monthly_payout == 4


def test_contributions_covering_expected_claims_never_run_out_on_the_expected_path() -> None:
    inputs = fund(balance=0, contributions=200, contributors=10, member_months=10,
                  history=(PastClaim(100, 2),))
    assert project_solvency(inputs, simulations=SMALL, horizon=600).months_lasting is None
    short = dataclasses.replace(inputs, monthly_contributions=199)
    assert project_solvency(short, simulations=SMALL, horizon=600).months_lasting is not None


def test_a_balance_below_the_floor_lasts_zero_months() -> None:
    outlook = project_solvency(fund(balance=-5_000, floor=0, contributions=0), simulations=SMALL)
    assert outlook.months_lasting == 0
    assert outlook.p_above_floor_12 == 0
    # Contributions can lift it above the floor by the end of month 1.
    lifted = project_solvency(fund(balance=-5_000, floor=0, contributions=6_000), simulations=SMALL)
    assert lifted.months_lasting == 0
    assert lifted.p_above_floor_12 == 1


def test_an_empty_fund_with_claims_and_no_contributions_fails_when_anyone_claims() -> None:
    inputs = fund(balance=0, contributions=0, contributors=10, member_months=1_000,
                  history=(PastClaim(1_000, 1),))
    outlook = project_solvency(inputs, simulations=4_000)
    assert outlook.months_lasting == 0
    # Below the floor unless no claim starts in months 0..11: exp(-0.01 x 12).
    expected = math.exp(-0.12)
    assert abs(float(outlook.p_above_floor_12) - expected) < 4 * math.sqrt(expected * (1 - expected) / 4_000)


def test_no_contributors_means_no_new_claims() -> None:
    outlook = project_solvency(fund(contributors=0, contributions=0, history=MIXED,
                                    running=(RunningClaim(1_000, 3),)), simulations=SMALL)
    assert outlook.expected_claims_per_month == 0
    assert outlook.balance_percentiles_36 == (97_000, 97_000, 97_000)


def test_huge_claims_give_the_same_answer_scaled() -> None:
    # Past 2**64 a month, the payouts are packed in wider fields and read back another way.
    scale = 10**16
    inputs = fund(balance=300_000, floor=50_000, contributions=15_000, history=MIXED,
                  running=(RunningClaim(7_000, 5),))
    huge = dataclasses.replace(
        inputs, balance=inputs.balance * scale, floor=inputs.floor * scale,
        monthly_contributions=inputs.monthly_contributions * scale,
        history=tuple(PastClaim(c.monthly * scale, c.months) for c in inputs.history),
        running=tuple(RunningClaim(c.monthly * scale, c.months_left) for c in inputs.running))
    small, big = project_solvency(inputs, simulations=500), project_solvency(huge, simulations=500)
    assert 0 < small.p_above_floor_36 < 1
    assert (big.p_above_floor_12, big.p_above_floor_36) == (small.p_above_floor_12,
                                                            small.p_above_floor_36)
    assert big.balance_percentiles_36 == tuple(p * scale for p in small.balance_percentiles_36)
    assert big.months_lasting == small.months_lasting
    assert abs(big.expected_monthly_payout - small.expected_monthly_payout * scale) < scale  # rounding


def test_claims_longer_than_the_simulation_are_cut_at_its_end() -> None:
    inputs = fund(balance=10**9, contributions=0, contributors=1, member_months=1,
                  history=(PastClaim(1, 100),))
    outlook = project_solvency(inputs, simulations=SMALL)
    assert outlook.expected_monthly_payout == 100  # one claim a month, 100 months of 1
    # Claims started in months 0..35 pay 36, 35, ..., 1 months of 1 within the simulation.
    assert 10**9 - 1_200 < outlook.balance_percentiles_36[1] < 10**9 - 300


# -- determinism ----------------------------------------------------------------------------------

def test_same_inputs_and_seed_give_the_same_outlook() -> None:
    inputs = fund(balance=200_000, floor=20_000, history=MIXED, running=(RunningClaim(5_000, 4),))
    first = project_solvency(inputs, simulations=1_000)
    assert project_solvency(inputs, simulations=1_000) == first
    assert isinstance(first.p_above_floor_36, Fraction)
    assert first.p_above_floor_36.denominator in (1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100, 125,
                                                   200, 250, 500, 1_000)


def test_another_seed_moves_the_percentiles_but_not_the_probabilities_much() -> None:
    inputs = fund(balance=200_000, floor=20_000, history=MIXED, running=(RunningClaim(5_000, 4),))
    a = project_solvency(inputs, simulations=4_000)
    b = project_solvency(inputs, simulations=4_000, seed=7)
    assert a.balance_percentiles_36 != b.balance_percentiles_36
    assert 0.05 < a.p_above_floor_36 < 0.95  # a case where the probabilities can differ
    for pa, pb in ((a.p_above_floor_12, b.p_above_floor_12), (a.p_above_floor_36, b.p_above_floor_36)):
        spread = math.hypot(standard_error(pa, 4_000), standard_error(pb, 4_000))
        assert abs(float(pa - pb)) <= 4 * spread


def test_standard_error() -> None:
    assert standard_error(Fraction(1, 2), 10_000) == pytest.approx(0.005)
    assert standard_error(Fraction(1), 10_000) == 0


# -- monotonicity: exact, because every variant meets the same claims ----------------------------

claims = st.lists(st.builds(PastClaim, monthly=st.integers(1, 50_000), months=st.integers(1, 30)),
                  min_size=1, max_size=8).map(tuple)
base = st.fixed_dictionaries({
    "balance": st.integers(-50_000, 500_000),
    "floor": st.integers(0, 100_000),
    "contributions": st.integers(0, 40_000),
    "contributors": st.integers(0, 60),
    "member_months": st.integers(1, 600),
    "history": claims,
    "running": st.lists(st.builds(RunningClaim, monthly=st.integers(1, 20_000),
                                  months_left=st.integers(1, 40)), max_size=3).map(tuple),
})


def probabilities(outlook: SolvencyOutlook) -> tuple[Fraction, Fraction]:
    return outlook.p_above_floor_12, outlook.p_above_floor_36


@settings(max_examples=60, deadline=None)
@given(base, st.integers(1, 200_000), st.integers(0, 2**32))
def test_more_balance_never_lowers_the_probabilities(kwargs: dict, more: int, seed: int) -> None:
    inputs = fund(**kwargs)
    low = project_solvency(inputs, simulations=60, seed=seed)
    high = project_solvency(dataclasses.replace(inputs, balance=inputs.balance + more),
                            simulations=60, seed=seed)
    assert all(h >= l for h, l in zip(probabilities(high), probabilities(low)))
    # The same claims: every simulation's balance moves by exactly `more`.
    assert high.balance_percentiles_36 == tuple(p + more for p in low.balance_percentiles_36)
    if low.months_lasting is not None and high.months_lasting is not None:
        assert high.months_lasting >= low.months_lasting
    assert not (low.months_lasting is None and high.months_lasting is not None)


@settings(max_examples=60, deadline=None)
@given(base, st.integers(1, 200_000), st.integers(0, 2**32))
def test_a_higher_floor_never_raises_the_probabilities(kwargs: dict, higher: int, seed: int) -> None:
    inputs = fund(**kwargs)
    low = project_solvency(inputs, simulations=60, seed=seed)
    high = project_solvency(dataclasses.replace(inputs, floor=inputs.floor + higher),
                            simulations=60, seed=seed)
    assert all(h <= l for h, l in zip(probabilities(high), probabilities(low)))
    assert high.balance_percentiles_36 == low.balance_percentiles_36


@settings(max_examples=60, deadline=None)
@given(base, st.integers(1, 50_000), st.integers(0, 2**32))
def test_more_contributions_never_lower_the_probabilities(kwargs: dict, more: int, seed: int) -> None:
    inputs = fund(**kwargs)
    low = project_solvency(inputs, simulations=60, seed=seed)
    high = project_solvency(
        dataclasses.replace(inputs, monthly_contributions=inputs.monthly_contributions + more),
        simulations=60, seed=seed)
    assert all(h >= l for h, l in zip(probabilities(high), probabilities(low)))
    assert high.balance_percentiles_36 == tuple(p + 36 * more for p in low.balance_percentiles_36)


@settings(max_examples=40, deadline=None)
@given(base, st.integers(0, 2**32))
def test_probabilities_are_shares_of_the_simulations(kwargs: dict, seed: int) -> None:
    outlook = project_solvency(fund(**kwargs), simulations=37, seed=seed)
    assert 0 <= outlook.p_above_floor_36 <= outlook.p_above_floor_12 <= 1
    assert (outlook.p_above_floor_36 * 37).denominator == 1
    low, middle, high = outlook.balance_percentiles_36
    assert low <= middle <= high


# -- against an exact reference --------------------------------------------------------------------

def poisson(mean: float, n: int) -> float:
    return math.exp(-mean + n * math.log(mean) - math.lgamma(n + 1))


def exact_stay_probability(units: int, per_month: int, mean: float, months: int) -> float:
    """One-off claims of one size, a Poisson(`mean`) number a month, contributions of
    `per_month` claims a month, `units` claims' worth above the floor now: the probability of
    never ending a month below the floor, by dynamic programming over the headroom."""
    top = units + per_month * months
    pmf = [poisson(mean, n) for n in range(top + per_month + 1)]
    alive = {units: 1.0}
    for _ in range(months):
        after: dict[int, float] = {}
        for headroom, p in alive.items():
            room = headroom + per_month
            for n in range(room + 1):  # at most `room` claims keep the balance at or above
                after[room - n] = after.get(room - n, 0.0) + p * pmf[n]
        alive = after
    return sum(alive.values())


def test_month_one_matches_the_poisson_distribution() -> None:
    # Contributions of 0 and a balance of 3 claims: month 1 alone breaks the floor with
    # P(N > 3), N ~ Poisson(2); the claims of month 0 (this month) pay in month 1.
    size, mean = 10_000, 2.0
    inputs = fund(balance=3 * size + 5_000, floor=5_000, contributions=0, contributors=200,
                  member_months=100, history=(PastClaim(size, 1),))
    runs = 10_000
    breaks_in_month_one = 1 - sum(poisson(mean, n) for n in range(4))
    # Staying 12 months with no contributions needs at most 3 claims in all 12 months, so
    # compare month 1 through the simulation's own draws instead: nothing else pays then.
    firsts = [paid[0] for paid in _new_claim_payouts(inputs.history, claim_rate(inputs), runs, 1)]
    share = sum(first > 3 * size for first in firsts) / runs
    assert abs(share - breaks_in_month_one) <= 4 * math.sqrt(
        breaks_in_month_one * (1 - breaks_in_month_one) / runs)
    assert all(first % size == 0 for first in firsts)


@pytest.mark.parametrize(("units", "per_month", "mean"), [(3, 2, 2.0), (6, 2, 2.4), (1, 1, 0.7)])
def test_probabilities_match_an_exact_calculation(units: int, per_month: int, mean: float) -> None:
    size, runs = 7_000, 10_000
    contributors = 500
    member_months = round(contributors / mean * 1_000)
    history = tuple(PastClaim(size, 1) for _ in range(1_000))
    inputs = fund(balance=units * size + 123, floor=123, contributions=per_month * size,
                  contributors=contributors, member_months=member_months, history=history)
    outlook = project_solvency(inputs, simulations=runs)
    for months, simulated in ((12, outlook.p_above_floor_12), (36, outlook.p_above_floor_36)):
        exact = exact_stay_probability(units, per_month, mean, months)
        assert abs(float(simulated) - exact) <= 4 * math.sqrt(exact * (1 - exact) / runs) + 1e-9, (
            months, float(simulated), exact)


# -- input checks ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("change", "message"), [
    ({"monthly_contributions": -1}, "the monthly contributions must be at least 0, not -1"),
    ({"contributors": -3}, "the number of contributors must be at least 0, not -3"),
    ({"observed_member_months": -1}, "the observed member-months must be at least 0, not -1"),
    ({"history": (PastClaim(100, 0),)}, "past claim 1's months must be at least 1, not 0"),
    ({"history": (PastClaim(100, 1), PastClaim(0, 2))},
     "past claim 2's monthly amount must be at least 1, not 0"),
    ({"running": (RunningClaim(100, 0),)}, "running claim 1's months left must be at least 1, not 0"),
    ({"balance": 10.5}, "the balance must be a whole number (minor units or a count), not 10.5"),
    ({"floor": True}, "the floor must be a whole number"),
    ({"observed_member_months": 0, "history": (PastClaim(100, 1),)},
     "1 past claims but no member-months observed"),
])
def test_bad_inputs_are_refused_with_a_clear_message(change: dict, message: str) -> None:
    inputs = dataclasses.replace(fund(), **change)
    with pytest.raises(ValueError, match="cannot project the fund's solvency: .*" + _escaped(message)):
        project_solvency(inputs, simulations=SMALL)


def _escaped(text: str) -> str:
    return re.escape(text)


def test_every_problem_is_named_at_once() -> None:
    inputs = dataclasses.replace(fund(), contributors=-1, history=(PastClaim(-5, 0),))
    problems = solvency_problems(inputs, simulations=0, horizon=0)
    assert problems == [
        "the number of contributors must be at least 0, not -1",
        "the number of simulations must be at least 1, not 0",
        "the horizon must be at least 1, not 0",
        "past claim 1's monthly amount must be at least 1, not -5",
        "past claim 1's months must be at least 1, not 0",
    ]
    assert solvency_problems(fund(history=MIXED)) == []
