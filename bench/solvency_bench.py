"""Solvency benchmark: the risk fund's projection for a 5,000-member fund, against the
straightforward per-claim Python loop a first version would be, in the same run.

The inputs are synthetic and seeded, so every run projects the same fund: 5,000 contributors
paying 45.00 a month; a claim history of 36 months (180,000 member-months) at about 1% a
member-month, so 50 new claims a month: 40% one-off claims of 50.00 to 2,000.00, the rest
paying 50.00 to 2,000.00 a month for 1 to 24 months (most short); 180 claims running now;
a balance of 1,000,000.00 and a floor of 250,000.00.

- ours: `project_solvency` with its defaults (10,000 simulations of 36 months, about 18
  million claims), best and median of `--runs` runs.
- naive: the same model written plainly: for each simulation and month a Poisson count (the
  same inversion tables), each claim drawn with `random.choice` from the history and its
  monthly amount added to each month it pays, then the balance checked month by month. Run for
  `--naive-simulations` simulations (default 500) and scaled up to 10,000.

Target (issue 6): the projection under 2 s on the 5,000-member book, reading included; the
projection itself under 1 s here (the lead adds the book reading).

    .venv/bin/python bench/solvency_bench.py [--runs N] [--naive-simulations N]

Prints a table and writes bench/out/solvency.json. See docs/performance.md.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import time
from bisect import bisect_right
from fractions import Fraction
from pathlib import Path
from typing import Any

from coopdesk.funds.solvency import (
    SIMULATED_MONTHS,
    PastClaim,
    RunningClaim,
    SolvencyInputs,
    _poisson_thresholds,
    claim_rate,
    project_solvency,
    standard_error,
)

SECONDS_TARGET = 1.0
SIMULATIONS = 10_000


def fund_inputs(members: int = 5_000, months: int = 36, seed: int = 6) -> SolvencyInputs:
    """The synthetic 5,000-member fund described in the module's docstring."""
    rng = random.Random(seed)
    history = []
    for _ in range(round(members * months * 0.01)):
        amount = rng.randrange(5_000, 200_001)
        if rng.random() < 0.4:
            history.append(PastClaim(amount, 1))
        else:
            history.append(PastClaim(amount, min(24, 1 + int(rng.expovariate(1 / 5)))))
    running = tuple(RunningClaim(rng.randrange(5_000, 200_001), rng.randrange(1, 24))
                    for _ in range(180))
    return SolvencyInputs(balance=100_000_000, floor=25_000_000,
                          monthly_contributions=members * 4_500, contributors=members,
                          observed_member_months=members * months, history=tuple(history),
                          running=running)


def naive(inputs: SolvencyInputs, simulations: int, seed: int = 1) -> tuple[int, int]:
    """The straightforward loop: every claim drawn and added month by month in Python."""
    rng = random.Random(seed)
    months = SIMULATED_MONTHS
    thresholds = _poisson_thresholds(claim_rate(inputs))
    running = [0] * months
    for claim in inputs.running:
        for month in range(min(claim.months_left, months)):
            running[month] += claim.monthly
    stayed_12 = stayed_36 = 0
    for _ in range(simulations):
        payouts = list(running)
        for start in range(months):
            for _ in range(bisect_right(thresholds, rng.getrandbits(53))):
                claim = rng.choice(inputs.history)
                for month in range(start, min(start + claim.months, months)):
                    payouts[month] += claim.monthly
        balance, first_below = inputs.balance, None
        for month, paid in enumerate(payouts):
            balance += inputs.monthly_contributions - paid
            if balance < inputs.floor and first_below is None:
                first_below = month
        stayed_36 += first_below is None
        stayed_12 += first_below is None or first_below >= 12
    return stayed_12, stayed_36


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of ours (default 5)")
    parser.add_argument("--naive-simulations", type=int, default=500,
                        help="simulations of the naive loop, scaled up (default 500)")
    parser.add_argument("--out", type=Path, default=Path(__file__).parent / "out")
    args = parser.parse_args(argv)

    inputs = fund_inputs()
    rate = claim_rate(inputs)
    print(f"fund: {inputs.contributors:,} contributors, {len(inputs.history):,} past claims, "
          f"{float(rate):.1f} new claims a month expected, {len(inputs.running)} running",
          flush=True)

    ours: list[float] = []
    naive_times: list[float] = []
    outlook = None
    for _ in range(args.runs):  # alternating, so both sides meet the same machine
        start = time.perf_counter()
        naive(inputs, args.naive_simulations)
        naive_times.append((time.perf_counter() - start) * SIMULATIONS / args.naive_simulations)
        start = time.perf_counter()
        outlook = project_solvency(inputs, simulations=SIMULATIONS)
        ours.append(time.perf_counter() - start)
        print(f"  ours {ours[-1]:6.3f} s   naive (scaled) {naive_times[-1]:7.2f} s", flush=True)
    assert outlook is not None

    for sims in (2_000, 5_000):
        start = time.perf_counter()
        project_solvency(inputs, simulations=sims)
        print(f"  ours at {sims:,} simulations: {time.perf_counter() - start:.3f} s", flush=True)

    best, median = min(ours), statistics.median(ours)
    naive_best = min(naive_times)
    passed = best <= SECONDS_TARGET
    se_12 = standard_error(outlook.p_above_floor_12, SIMULATIONS)
    se_36 = standard_error(outlook.p_above_floor_36, SIMULATIONS)
    print()
    print(f"{'task':<44} {'best (s)':>9} {'median':>8} {'naive (s)':>10} {'speed-up':>9}"
          f" {'target':>7}  result")
    print(f"{'projection, 10,000 simulations x 36 months':<44} {best:9.3f} {median:8.3f}"
          f" {naive_best:10.2f} {naive_best / best:8.1f}x {SECONDS_TARGET:6.1f}s  "
          f"{'pass' if passed else 'FAIL'}")
    print(f"outlook: lasts {outlook.months_lasting} months at the expected rate; "
          f"P(above floor) 12 months {float(outlook.p_above_floor_12):.4f} (SE {se_12:.4f}), "
          f"36 months {float(outlook.p_above_floor_36):.4f} (SE {se_36:.4f}); "
          f"expected payout {outlook.expected_monthly_payout / 100:,.2f}/month; "
          f"balance at 36 (5/50/95%): "
          + ", ".join(f"{p / 100:,.2f}" for p in outlook.balance_percentiles_36))
    print(f"{os.cpu_count()} cores; load average {os.getloadavg()[0]:.2f}; "
          f"Python {sys.version.split()[0]}")

    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "solvency.json").write_text(json.dumps({
        "task": "project_solvency, 5,000 contributors, 10,000 simulations x 36 months",
        "ours_best_s": best, "ours_median_s": median, "ours_runs_s": ours,
        "naive_scaled_best_s": naive_best, "naive_scaled_runs_s": naive_times,
        "naive_simulations": args.naive_simulations, "seconds_target": SECONDS_TARGET,
        "pass": passed, "expected_claims_per_month": str(rate),
        "outlook": {"months_lasting": outlook.months_lasting,
                    "p_above_floor_12": str(outlook.p_above_floor_12),
                    "p_above_floor_36": str(outlook.p_above_floor_36),
                    "standard_errors": [se_12, se_36],
                    "expected_monthly_payout": outlook.expected_monthly_payout,
                    "balance_percentiles_36": outlook.balance_percentiles_36},
        "cores": os.cpu_count(), "load_average": os.getloadavg(),
        "python": sys.version.split()[0],
    }, indent=2, default=str))
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
