"""The demo co-op itself: its name, its currency and its two dues plans."""

from __future__ import annotations

from coopdesk.money import Money

COOP_NAME = "Riverside Food Co-op"
CURRENCY = "USD"
LOCALE = "en_US"
STANDARD_PLAN = "Standard — 1.00 a month"
REDUCED_PLAN = "Reduced — 0.50 a month"
PLAN_RATES = {STANDARD_PLAN: Money("1.00", CURRENCY), REDUCED_PLAN: Money("0.50", CURRENCY)}


def usd(cents: int) -> Money:
    return Money.from_minor(cents, CURRENCY)

