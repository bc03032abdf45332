"""How the Funds screen words what the core stores: claim statuses, the status filter, a fund's
contribution, an amount asked "x months", and the solvency outlook.

Kept apart from the widgets so the models, the forms and the screen say the same thing the same
way, and tests can check the words without building a window.
"""

from __future__ import annotations

from decimal import Decimal
from enum import Enum
from fractions import Fraction

from coopdesk.formatting import Formatter
from coopdesk.funds.queries import FundRow
from coopdesk.funds.types import ClaimStatus, ContributionKind
from coopdesk.i18n import N_, _, ngettext
from coopdesk.money import Money
from coopdesk_ui.models.code_labels import code_label

STATUS_LABELS: dict[str, str] = {
    ClaimStatus.SUBMITTED: N_("To decide"),
    ClaimStatus.APPROVED: N_("Approved"),
    ClaimStatus.PARTLY_APPROVED: N_("Partly approved"),
    ClaimStatus.DENIED: N_("Denied"),
    ClaimStatus.PAID: N_("Paid"),
}
#: The order statuses sort in: what needs the treasurer first.
STATUS_ORDER: dict[ClaimStatus, int] = {status: n for n, status in enumerate(
    (ClaimStatus.SUBMITTED, ClaimStatus.APPROVED, ClaimStatus.PARTLY_APPROVED, ClaimStatus.PAID,
     ClaimStatus.DENIED))}

#: The solvency projection looks this many months ahead; beyond it the fund "lasts".
OUTLOOK_HORIZON_YEARS = 3


def status_label(status: ClaimStatus) -> str:
    """A claim's status as the treasurer reads it ("To decide" for submitted)."""
    return code_label(STATUS_LABELS, status.value)


class StatusFilter(Enum):
    """The claims the register shows, as a treasurer asks for them."""

    ALL = "all"
    TO_DECIDE = "to_decide"
    BEING_PAID = "being_paid"
    PAID = "paid"
    DENIED = "denied"

    @property
    def statuses(self) -> frozenset[ClaimStatus]:
        """The statuses it lets through (every one for ALL)."""
        return _FILTER_STATUSES[self]


_FILTER_STATUSES = {
    StatusFilter.ALL: frozenset(ClaimStatus),
    StatusFilter.TO_DECIDE: frozenset({ClaimStatus.SUBMITTED}),
    StatusFilter.BEING_PAID: frozenset({ClaimStatus.APPROVED, ClaimStatus.PARTLY_APPROVED}),
    StatusFilter.PAID: frozenset({ClaimStatus.PAID}),
    StatusFilter.DENIED: frozenset({ClaimStatus.DENIED}),
}
FILTER_LABELS: dict[StatusFilter, str] = {
    StatusFilter.ALL: N_("All claims"),
    StatusFilter.TO_DECIDE: N_("To decide"),
    StatusFilter.BEING_PAID: N_("Being paid"),
    StatusFilter.PAID: N_("Paid"),
    StatusFilter.DENIED: N_("Denied"),
}


def contribution_text(fund: FundRow, formatter: Formatter) -> str:
    """What a member puts in: "$10.00 a month" or "7.5 % of dues payments"."""
    if fund.kind is ContributionKind.FIXED and fund.contribution is not None:
        return _("{amount} a month").format(amount=formatter.money(fund.contribution))
    share = fund.share_percent if fund.share_percent is not None else Decimal(0)
    return _("{percent} of dues payments").format(percent=formatter.percent(share / 100, exact=True))


def asked_text(amount: Money, months: int, formatter: Formatter) -> str:
    """An amount once ("$60.00") or each month ("$25.00 × 3 months")."""
    if months <= 1:
        return formatter.money(amount, with_symbol=False)
    return ngettext("{amount} × {months} month", "{amount} × {months} months", months).format(
        amount=formatter.money(amount, with_symbol=False), months=months)


def times_text(amount: Money, months: int, formatter: Formatter) -> str:
    """The same, short, for a table cell: "60.00", "25.00 × 3"."""
    text = formatter.money(amount, with_symbol=False)
    return text if months <= 1 else f"{text} \N{MULTIPLICATION SIGN} {formatter.number(months)}"


def lasts_text(months_lasting: int | None) -> str:
    """How long the fund lasts at the expected rate of claims."""
    if months_lasting is None:
        return ngettext("Lasts beyond {years} year", "Lasts beyond {years} years",
                        OUTLOOK_HORIZON_YEARS).format(years=OUTLOOK_HORIZON_YEARS)
    return ngettext("Lasts {months} month", "Lasts {months} months",
                    months_lasting).format(months=months_lasting)


def lasts_short(months_lasting: int | None) -> str:
    """The same for a table cell: "14 months", "beyond 3 years"."""
    if months_lasting is None:
        return ngettext("beyond {years} year", "beyond {years} years",
                        OUTLOOK_HORIZON_YEARS).format(years=OUTLOOK_HORIZON_YEARS)
    return ngettext("{months} month", "{months} months", months_lasting).format(
        months=months_lasting)


def chance_text(chance: Fraction, formatter: Formatter) -> str:
    """The chance that the fund stays above its floor over the next 12 months."""
    return _("{percent} chance to stay above the floor over 12 months").format(
        percent=formatter.percent(fraction_decimal(chance)))


def fraction_decimal(value: Fraction) -> Decimal:
    """A probability as a Decimal for the formatter (which refuses floats)."""
    return Decimal(value.numerator) / Decimal(value.denominator)
