"""How the Patronage and Capital accounts screens word what the core stores: fiscal years,
quantities with their unit, percentages, capital movements and the pools' "who by what".

Kept apart from the widgets so tables, forms and wizards say the same thing the same way.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from coopdesk.formatting import Formatter
from coopdesk.i18n import N_, _
from coopdesk.patronage.measures import PoolRow
from coopdesk_ui.models.code_labels import code_label

#: Capital movements as the core names them -> as a member's account reads them.
KIND_LABELS: dict[str, str] = {
    "share": N_("Share paid in"),
    "retained": N_("Retained"),
    "redeemed": N_("Redeemed"),
    "to_payable": N_("Made payable"),
    "payable": N_("Payable"),
    "paid": N_("Paid back"),
}


def kind_label(kind: str) -> str:
    """A capital movement's kind as the treasurer reads it."""
    return code_label(KIND_LABELS, kind)


def year_text(year_start: dt.date | None) -> str:
    """A fiscal year by name: "2025" for a calendar year, "2025–26" for one from July; None
    (retained patronage brought in from before this book's allocations) is "Earlier"."""
    if year_start is None:
        return _("Earlier")
    if year_start.month == 1:
        return str(year_start.year)
    return f"{year_start.year}\N{EN DASH}{(year_start.year + 1) % 100:02d}"


def percent_text(percent: Decimal, formatter: Formatter) -> str:
    """A percentage as stored (60 for 60 %), without trailing zeros: "60%", "12.5%"."""
    return _("{number}%").format(number=formatter.number(plain_number(percent)))


def quantity_text(quantity: Decimal, unit: str, formatter: Formatter) -> str:
    """A quantity with its unit: "1,200.5 hours"."""
    return _("{quantity} {unit}").format(quantity=formatter.number(plain_number(quantity)), unit=unit)


def pool_who(pool: PoolRow) -> str:
    """Who shares in a pool: the class's name, or every member."""
    return pool.class_name or _("Every member")


def pool_label(pool: PoolRow) -> str:
    """A pool as a line: "Worker by hours worked" (the core's label, translated in part)."""
    return _("{who} by {measure}").format(who=pool_who(pool), measure=pool.measure_name.lower())


def plain_number(value: Decimal) -> Decimal:
    """`value` without trailing zeros, and never in exponent form (1E+3 is 1000)."""
    normal = value.normalize()
    return normal.quantize(Decimal(1)) if normal == normal.to_integral_value() else normal
