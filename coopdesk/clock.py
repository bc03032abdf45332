"""The one place the core asks what day and time it is, so tests can fix it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

_now: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.timezone.utc)  # noqa: E731


def now() -> dt.datetime:
    """The current moment, timezone-aware (UTC)."""
    return _now()


def today() -> dt.date:
    """The current local calendar day: what a treasurer means by "today"."""
    return now().astimezone().date()


def set_clock(fn: Callable[[], dt.datetime]) -> None:
    """Replace the clock (tests only)."""
    global _now
    _now = fn
