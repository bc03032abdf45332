"""Timing helpers shared by the benchmarks: alternating runs, best and median, the ratio table.

Each benchmark times coopdesk ("ours") beside the same work done with raw `sqlite3`, in the same
run, and compares the ratio of the two with the project's target for that task. `Results`
collects the figures, prints each line as it is measured and the table at the end, and gives
them to `results.json`. See docs/performance.md.
"""

from __future__ import annotations

import platform
import resource
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import sqlalchemy

QUERY_RUNS = 5     # at least this many runs of each side of a query...
MIN_SECONDS = 1.0  # ...and more, until each side has run about this long...
MAX_RUNS = 30      # ...but never more than this


def interleaved_best(ours_fn: Callable[[], object], raw_fn: Callable[[], object], runs: int,
                     ) -> tuple[dict[str, float], dict[str, float]]:
    """Best and median seconds of each side ("ours", "raw"), run alternately so neither gets a
    warmer cache.

    At least `runs` runs each and, for quick queries, more: until each side has run for about
    MIN_SECONDS (at most MAX_RUNS), since the best of a few 50 ms runs is at the mercy of noise.
    """
    times: dict[str, list[float]] = {"ours": [], "raw": []}
    spent = 0.0
    while len(times["ours"]) < runs or (spent < MIN_SECONDS and len(times["ours"]) < MAX_RUNS):
        for side, fn in (("raw", raw_fn), ("ours", ours_fn)):
            start = time.perf_counter()
            fn()
            elapsed = time.perf_counter() - start
            times[side].append(elapsed)
            spent += elapsed / 2
    return ({side: min(t) for side, t in times.items()},
            {side: statistics.median(t) for side, t in times.items()})


def best_of(fn: Callable[[], object], runs: int) -> float:
    """The best of `runs` runs of `fn`, in seconds."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return min(times)


def peak_rss_mib() -> float:
    """The process's peak resident memory so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def versions() -> dict[str, str]:
    """What the figures depend on besides coopdesk, for results.json."""
    return {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "sqlalchemy": sqlalchemy.__version__}


def versions_text() -> str:
    return (f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version},"
            f" SQLAlchemy {sqlalchemy.__version__}")


@dataclass(frozen=True, slots=True)
class Result:
    """One timed task: ours beside raw (when there is a raw side) and the targets it must meet.

    `target` is the highest ratio ours/raw that passes (None: timed for information only);
    `seconds_target`, when given, a time ours must also stay under.
    """

    task: str
    ours_s: float
    raw_s: float | None = None
    target: float | None = None
    note: str = ""
    median_ratio: float | None = None
    seconds_target: float | None = None

    @property
    def ratio(self) -> float | None:
        return None if self.raw_s is None else self.ours_s / self.raw_s

    @property
    def passed(self) -> bool:
        ratio = self.ratio
        return ((self.target is None or (ratio is not None and ratio <= self.target))
                and (self.seconds_target is None or self.ours_s <= self.seconds_target))

    def as_json(self) -> dict[str, Any]:
        if self.raw_s is None:
            return {"task": self.task, "ours_s": self.ours_s}
        return {"task": self.task, "ours_s": self.ours_s, "raw_s": self.raw_s, "ratio": self.ratio,
                "median_ratio": self.median_ratio, "target": self.target,
                "seconds_target": self.seconds_target, "pass": self.passed, "note": self.note}

    def line(self, width: int) -> str:
        """The line printed as soon as the task is measured."""
        if self.ratio is None:
            return f"  {self.task:<{width}} ours {self.ours_s:8.3f} s  (no target) {self.note}".rstrip()
        target = f"(target {self.target:.1f}x)" if self.target is not None else "(no target)"
        return (f"  {self.task:<{width}} ours {self.ours_s:8.3f} s  raw {self.raw_s:8.3f} s"
                f"  ratio {self.ratio:5.2f}  {target} {self.note}")

    def row(self, width: int) -> str:
        """The task's row in the final table."""
        median = f"{self.median_ratio:7.2f}" if self.median_ratio is not None else f"{'-':>7}"
        raw = f"{self.raw_s:9.3f}" if self.raw_s is not None else f"{'-':>9}"
        ratio = f"{self.ratio:6.2f}" if self.ratio is not None else f"{'-':>6}"
        target = f"{self.target:6.1f}x" if self.target is not None else f"{'-':>7}"
        if self.target is None:
            result = "(no target)"
        elif self.passed:
            result = "pass"
        elif self.ratio is not None and self.ratio <= self.target:
            result = f"FAIL (over {self.seconds_target} s)"
        else:
            result = "FAIL"
        return f"{self.task:<{width}} {self.ours_s:9.3f} {raw} {ratio} {median} {target}  {result}"


class Results:
    """The figures of one benchmark run: printed as they come, then as a table."""

    def __init__(self, width: int) -> None:
        self.width = width  # of the task column
        self.all: list[Result] = []

    def record(self, task: str, ours_s: float, raw_s: float | None = None, target: float | None = None,
               note: str = "", *, median_ratio: float | None = None,
               seconds_target: float | None = None) -> Result:
        """Keep a task's figures and print them."""
        result = Result(task, ours_s, raw_s, target, note, median_ratio, seconds_target)
        self.all.append(result)
        print(result.line(self.width), flush=True)
        return result

    @property
    def targeted(self) -> list[Result]:
        return [r for r in self.all if r.target is not None]

    @property
    def extras(self) -> list[Result]:
        """The tasks timed for information, without a target."""
        return [r for r in self.all if r.target is None]

    @property
    def passed(self) -> bool:
        return all(r.passed for r in self.targeted)

    def print_table(self) -> None:
        print(f"{'task':<{self.width}} {'ours (s)':>9} {'raw (s)':>9} {'ratio':>6} {'median':>7}"
              f" {'target':>7}  result")
        for r in self.targeted + self.extras:
            print(r.row(self.width))
