"""A shared risk fund's solvency projection: how long it lasts, and how likely it stays above its floor.

What it answers, for a board: from the fund's balance now, the contributions coming in, the
claims already being paid and the fund's claim history (how often members claim, how much and
for how long), how many months the fund lasts at the expected rate of claims, and the
probability that it never falls below its floor in the next 12 and the next 36 months.

The model, month by month (month 1 is the next month; 0 is the current one):

- Each month's contributions come in as they are now; each running claim pays its monthly
  amount for its months left, from month 1.
- New claims start each month, the current one included, in a Poisson number whose mean is
  the history's rate (claims per member-month contributed) times the members contributing
  now. No history: no new claims.
- Each new claim is a past claim drawn at random, every one alike (a bootstrap): its monthly
  amount and its number of months. It pays from the month after it starts, for that many
  months (a one-off: once).
- At each month's end: balance += contributions - that month's payouts. The fund is below its
  floor when a month ends with balance < floor.

`months_lasting` follows the expected path: running claims as they are, and each month's new
claims at the mean rate, each paying the history's mean monthly amount for as long as its
duration says (the mean of amount x [still paying] over the history, exactly, as Fractions).
It is the number of months before the first month whose expected balance ends below the floor,
0 if the balance is already below it, and None if that does not happen within `horizon`.

The probabilities come from a Monte Carlo simulation of 36 months with a fixed seed: the same
inputs give the same outlook every run on every machine (`random.Random` is the same Mersenne
Twister everywhere; the Poisson tables are computed with `decimal`, not the platform's libm;
random bytes are read in a fixed byte order). The random draws depend only on the claim
history, the claim rate, the seed and the number of simulations, never on the balance, the
floor, the contributions or the running claims: a larger balance, a lower floor or more
contributions meet exactly the same new claims in every simulation, so they can never lower a
probability (common random numbers).

Money: balances, contributions and payouts are integer minor units throughout, never floats.
Floats appear nowhere in the simulation either: random draws are integers (53-bit uniforms
compared with integer Poisson thresholds, random bytes picking past claims), and the
probabilities are exact `Fraction(stayed, simulations)`. Their standard error,
sqrt(p(1 - p) / simulations), is at most 0.005 at the default 10,000 simulations
(`standard_error`).

Speed (the 5,000-member fund: 50 new claims a month, about 18 million claims in 10,000
simulations of 36 months): claims are not simulated one by one in Python. Each past claim's
payouts are precomputed as one integer holding its monthly amount in a fixed-width bit field
per month of its duration (a payout vector). A simulation draws each month's count, then reads
that many random 16-bit numbers as indices into a table of 65,536 payout vectors (each past
claim repeated equally often, the few left-over indices mapping to a zero vector, with the
Poisson mean raised in proportion so that the claims that count keep their rate exactly:
Poisson thinning). `sum(map(table.__getitem__, indices))` adds a month's claims field by field
in C; shifting each month's sum to its month and adding gives the simulation's payouts for all
36 months in one integer, read back with `int.to_bytes`. The fields are wide enough that no
sum can carry into its neighbour (the widest month possible in any simulation is checked first).
"""

from __future__ import annotations

import math
import random
import sys
from array import array
from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from itertools import accumulate, compress, count, repeat
from operator import gt, lshift
from typing import Literal

__all__ = ["PastClaim", "RunningClaim", "SIMULATED_MONTHS", "SolvencyInputs", "SolvencyOutlook",
           "claim_rate", "project_solvency", "solvency_problems", "standard_error"]

SIMULATED_MONTHS = 36
"""The simulation's length: the outlook's longest probability and its balance percentiles."""

_SLOTS = 1 << 16          # random 16-bit indices pick past claims
_UNIFORM_BITS = 53        # a Poisson count is drawn by comparing a 53-bit uniform integer...
_ONE = 1 << _UNIFORM_BITS  # ...with the cumulative probabilities scaled to this
_PERCENTILES = (5, 50, 95)
_FIELD_CODES: dict[int, Literal["I", "Q"]] = {}  # field width in bits -> array typecode
for _code in ("I", "Q"):
    _FIELD_CODES.setdefault(array(_code).itemsize * 8, _code)


@dataclass(frozen=True, slots=True)
class PastClaim:
    """A claim paid (or approved) in the observed window: what it paid each month, for how many months (1 = one-off)."""

    monthly: int  # minor units (cents), > 0
    months: int   # >= 1


@dataclass(frozen=True, slots=True)
class RunningClaim:
    """A claim being paid now: its monthly amount and the months it still pays, from month 1."""

    monthly: int      # minor units still to pay each month, > 0
    months_left: int  # >= 1


@dataclass(frozen=True, slots=True)
class SolvencyInputs:
    """What the projection starts from; every amount in minor units."""

    balance: int                 # fund balance now (may be below the floor, even negative)
    floor: int                   # the fund may not go below this (0 if none)
    monthly_contributions: int   # coming in per month now (contributors x contribution)
    contributors: int            # members contributing now
    observed_member_months: int  # member-months of contributing in the claim-history window
    history: tuple[PastClaim, ...]   # claims that started in that window
    running: tuple[RunningClaim, ...] = ()


@dataclass(frozen=True, slots=True)
class SolvencyOutlook:
    """The projection's answer; see the module's docstring for how each figure is reached."""

    months_lasting: int | None   # at the expected rate: months before the balance ends a month below the floor; None = not within the horizon
    p_above_floor_12: Fraction   # share of simulations never below the floor in months 1..12
    p_above_floor_36: Fraction   # the same over months 1..36
    expected_claims_per_month: Fraction   # claim rate x contributors
    expected_monthly_payout: int          # new claims' payouts per month once running claims end: rate x mean total claim, rounded half-even
    balance_percentiles_36: tuple[int, int, int]  # 5th, 50th, 95th percentile (nearest rank) of the balance at month 36
    simulations: int
    seed: int


def standard_error(probability: Fraction, simulations: int) -> float:
    """The standard error of a simulated probability, sqrt(p(1 - p) / n): at most 0.5 / sqrt(n)."""
    return math.sqrt(probability * (1 - probability) / simulations)


def solvency_problems(inputs: SolvencyInputs, *, simulations: int = 10_000,
                      horizon: int = 36) -> list[str]:
    """Every reason the projection cannot be made from these inputs (empty when it can)."""
    problems: list[str] = []

    def whole(value: object, what: str, least: int | None) -> bool:
        if isinstance(value, bool) or not isinstance(value, int):
            problems.append(f"{what} must be a whole number (minor units or a count), not {value!r}")
            return False
        if least is not None and value < least:
            problems.append(f"{what} must be at least {least}, not {value}")
            return False
        return True

    whole(inputs.balance, "the balance", None)
    whole(inputs.floor, "the floor", None)
    whole(inputs.monthly_contributions, "the monthly contributions", 0)
    whole(inputs.contributors, "the number of contributors", 0)
    member_months = whole(inputs.observed_member_months, "the observed member-months", 0)
    whole(simulations, "the number of simulations", 1)
    whole(horizon, "the horizon", 1)
    for number, claim in enumerate(inputs.history, start=1):
        whole(claim.monthly, f"past claim {number}'s monthly amount", 1)
        whole(claim.months, f"past claim {number}'s months", 1)
    for number, running in enumerate(inputs.running, start=1):
        whole(running.monthly, f"running claim {number}'s monthly amount", 1)
        whole(running.months_left, f"running claim {number}'s months left", 1)
    if member_months and inputs.history and inputs.observed_member_months == 0:
        problems.append(f"{len(inputs.history)} past claims but no member-months observed: "
                        "a claim rate needs the member-months the claims came from")
    if len(inputs.history) > _SLOTS:
        problems.append(f"{len(inputs.history):,} past claims: at most {_SLOTS:,} can be drawn "
                        "from; take a shorter window")
    return problems


def project_solvency(inputs: SolvencyInputs, *, simulations: int = 10_000, seed: int = 20261126,
                     horizon: int = 36) -> SolvencyOutlook:
    """How many months the fund lasts at the expected rate of claims, and the probability that it
    stays above its floor over the next 12 and 36 months (see the module's docstring).

    `simulations` sets the Monte Carlo sample (standard error at most 0.5 / sqrt(simulations));
    `horizon` how far `months_lasting` looks. Raises ValueError naming every bad input.
    """
    problems = solvency_problems(inputs, simulations=simulations, horizon=horizon)
    if problems:
        raise ValueError("cannot project the fund's solvency: " + "; ".join(problems))

    rate = claim_rate(inputs)
    months = SIMULATED_MONTHS
    running = _running_payouts(inputs.running, months)
    # Headroom at each month's end before new claims: what new claims may take, cumulatively,
    # without the balance ending that month below the floor.
    headroom = [inputs.balance - inputs.floor + inputs.monthly_contributions * month - paid
                for month, paid in enumerate(accumulate(running), start=1)]
    final_before_new = inputs.balance + inputs.monthly_contributions * months - sum(running)

    stayed_12 = stayed_36 = 0
    finals: list[int] = []
    for paid in _new_claim_payouts(inputs.history, rate, simulations, seed):
        cumulative = list(accumulate(paid))
        first_below = next(compress(count(), map(gt, cumulative, headroom)), None)
        if first_below is None:
            stayed_12 += 1
            stayed_36 += 1
        elif first_below >= 12:
            stayed_12 += 1
        finals.append(final_before_new - cumulative[-1])

    finals.sort()
    percentiles = tuple(finals[-(-q * simulations // 100) - 1] for q in _PERCENTILES)
    mean_total = _mean_total_claim(inputs.history)
    return SolvencyOutlook(
        months_lasting=_months_lasting(inputs, rate, horizon),
        p_above_floor_12=Fraction(stayed_12, simulations),
        p_above_floor_36=Fraction(stayed_36, simulations),
        expected_claims_per_month=rate,
        expected_monthly_payout=round(rate * mean_total),
        balance_percentiles_36=(percentiles[0], percentiles[1], percentiles[2]),
        simulations=simulations,
        seed=seed,
    )


def claim_rate(inputs: SolvencyInputs) -> Fraction:
    """Expected new claims per month: the history's claims per member-month x contributors now."""
    if not inputs.history or inputs.contributors == 0:
        return Fraction(0)
    return Fraction(len(inputs.history), inputs.observed_member_months) * inputs.contributors


# -- the expected path ---------------------------------------------------------------------------

def _running_payouts(running: Sequence[RunningClaim], months: int) -> list[int]:
    """What the running claims pay in each of months 1..`months`."""
    ending = [0] * (months + 1)  # ending[m]: monthly amounts whose last payment was month m
    for claim in running:
        ending[min(claim.months_left, months)] += claim.monthly
    paying = sum(claim.monthly for claim in running)
    payouts = []
    for month in range(1, months + 1):
        payouts.append(paying)
        paying -= ending[month]
    return payouts


def _still_paying(history: Sequence[PastClaim]) -> list[Fraction]:
    """Entry j: the mean over past claims of monthly x [it still pays j months after its first]."""
    if not history:
        return []
    longest = max(claim.months for claim in history)
    ending = [0] * (longest + 1)
    for claim in history:
        ending[claim.months] += claim.monthly
    paying = sum(claim.monthly for claim in history)
    means = []
    for age in range(longest):
        means.append(Fraction(paying, len(history)))
        paying -= ending[age + 1]
    return means


def _mean_total_claim(history: Sequence[PastClaim]) -> Fraction:
    if not history:
        return Fraction(0)
    return Fraction(sum(claim.monthly * claim.months for claim in history), len(history))


def _months_lasting(inputs: SolvencyInputs, rate: Fraction, horizon: int) -> int | None:
    """Months before the expected balance first ends a month below the floor (see the docstring)."""
    if inputs.balance < inputs.floor:
        return 0
    by_age = _still_paying(inputs.history)
    running = _running_payouts(inputs.running, horizon)
    balance = Fraction(inputs.balance)
    new_claims_paying = Fraction(0)  # expected payout in month m of the claims started before m
    for month in range(1, horizon + 1):
        if month - 1 < len(by_age):
            new_claims_paying += rate * by_age[month - 1]
        balance += inputs.monthly_contributions - running[month - 1] - new_claims_paying
        if balance < inputs.floor:
            return month - 1
    return None


# -- the simulation --------------------------------------------------------------------------------

def _new_claim_payouts(history: Sequence[PastClaim], rate: Fraction, simulations: int,
                       seed: int) -> Iterator[Sequence[int]]:
    """Each simulation's payouts of new claims in months 1..36, in order of simulation.

    Depends on the history, the rate, the count and the seed only (common random numbers).
    """
    months = SIMULATED_MONTHS
    if rate == 0:
        nothing = (0,) * months
        for _ in range(simulations):
            yield nothing
        return
    rng = random.Random(seed)
    replicas = _SLOTS // len(history)
    # Indices past replicas * len(history) draw a zero vector; the count's mean is raised so that
    # the real past claims are drawn at exactly `rate` (Poisson thinning).
    thresholds = _poisson_thresholds(rate * _SLOTS / (replicas * len(history)))
    counts = [list(map(bisect_right, repeat(thresholds, months),
                       map(rng.getrandbits, repeat(_UNIFORM_BITS, months))))
              for _ in range(simulations)]

    # Every field must hold the most a month can pay in any simulation: its claims, each at most
    # the largest monthly amount.
    most = max(map(sum, counts)) * max(claim.monthly for claim in history)
    width = 32 if most < 1 << 32 else 64 if most < 1 << 64 else 8 * math.ceil(most.bit_length() / 8)
    code = _FIELD_CODES.get(width)
    ones = [0]
    for _ in range(months):
        ones.append(ones[-1] << width | 1)
    vectors = [claim.monthly * ones[min(claim.months, months)] for claim in history]
    table = [vector for vector in vectors for _ in range(replicas)]
    table += [0] * (_SLOTS - len(table))
    pick = table.__getitem__
    shifts = [width * month for month in range(months)]
    keep = (1 << width * months) - 1
    size = width // 8 * months
    swap = sys.byteorder == "big"

    for month_counts in counts:
        slots = array("H", rng.randbytes(2 * sum(month_counts)))
        if swap:
            slots.byteswap()  # the indices are read little-endian everywhere
        ends = list(accumulate(month_counts))
        starts = [0, *ends[:-1]]
        started = [sum(map(pick, slots[start:end])) for start, end in zip(starts, ends)]
        payouts = (sum(map(lshift, started, shifts)) & keep).to_bytes(size, sys.byteorder)
        if code is not None:
            yield memoryview(payouts).cast(code)
        else:
            step = width // 8
            yield [int.from_bytes(payouts[at:at + step], sys.byteorder)
                   for at in range(0, size, step)]


def _poisson_thresholds(mean: Fraction) -> list[int]:
    """The Poisson(`mean`) distribution function at 0, 1, 2, ... scaled to 2**53 and rounded,
    up to where it reaches 2**53: a uniform integer below 2**53 is below exactly as many of
    them as the count it stands for. Computed with `decimal` so every machine gets the same."""
    with localcontext() as context:
        context.prec = 40
        context.Emin = -10**9
        exact_mean = Decimal(mean.numerator) / Decimal(mean.denominator)
        term = (-exact_mean).exp()
        total = term
        thresholds = []
        n = 0
        while True:
            scaled = int((total * _ONE).to_integral_value(rounding=ROUND_HALF_EVEN))
            if scaled >= _ONE:
                thresholds.append(_ONE)
                return thresholds
            thresholds.append(scaled)
            n += 1
            term = term * exact_mean / n
            total += term
