"""The demo co-op itself: its name, address, currency and its two dues plans."""

from __future__ import annotations

from coopdesk.money import Money
from coopdesk.settings import PostalAddress

COOP_NAME = "Riverside Food Co-op"
CURRENCY = "USD"
LOCALE = "en_US"
#: Where its letters come from (a made-up street of the members' made-up town).
ADDRESS = PostalAddress(lines=("200 Market Street",), postal_code="97520", city="Riverside",
                        region="OR", country="US")
EMAIL = "treasurer@riverside-coop.example"
PHONE = "+1 541 555 0142"
STANDARD_PLAN = "Standard — 1.00 a month"
REDUCED_PLAN = "Reduced — 0.50 a month"
PLAN_RATES = {STANDARD_PLAN: Money("1.00", CURRENCY), REDUCED_PLAN: Money("0.50", CURRENCY)}


def usd(cents: int) -> Money:
    return Money.from_minor(cents, CURRENCY)

