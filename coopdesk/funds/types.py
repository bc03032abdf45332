"""What a fund is and what a claim says, as plain frozen values."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

from coopdesk.money import Money


class ContributionKind(StrEnum):
    FIXED = "fixed"  # a fixed amount a month, charged by the dues run
    SHARE = "share"  # a share of each dues payment


class ClaimStatus(StrEnum):
    SUBMITTED = "submitted"
    APPROVED = "approved"
    PARTLY_APPROVED = "partly_approved"  # less than asked for, in amount or months
    DENIED = "denied"
    PAID = "paid"  # every payment of what was approved is made

    @property
    def is_open(self) -> bool:
        """Still to be paid (in part): approved, in full or in part."""
        return self in (ClaimStatus.APPROVED, ClaimStatus.PARTLY_APPROVED)


@dataclass(frozen=True, slots=True)
class FundPolicy:
    """The claim policy of a fund. None means no limit.

    `max_per_claim` caps each payment: a one-off claim, or each month of a monthly one.
    `max_per_member_year` caps what one member is paid in a fiscal year, counting the
    payments of every claim of theirs by the month they fall due. `balance_cap_months` caps a
    member's share of the fund at that many months of their contribution; the excess is
    refunded at the year end.
    """

    waiting_months: int = 0
    max_per_claim: Money | None = None
    max_per_member_year: Money | None = None
    max_months: int | None = None
    floor: Money | None = None
    balance_cap_months: int | None = None


@dataclass(frozen=True, slots=True)
class FundDraft:
    """A fund to add. `classes`: codes of the member classes that take part (empty: all)."""

    code: str
    name: str
    kind: ContributionKind
    start_date: dt.date
    contribution: Money | None = None    # FIXED: a month's contribution
    share_percent: Decimal | None = None  # SHARE: percent of each dues payment
    classes: tuple[str, ...] = ()
    policy: FundPolicy = FundPolicy()
    notes: str = ""


@dataclass(frozen=True, slots=True)
class Breach:
    """One way a claim goes beyond the fund's policy. `rule` names it for an override."""

    rule: str
    message: str


#: The rules a decision checks, in the order they are listed.
RULES = ("participation", "waiting_period", "max_per_claim", "max_months", "max_per_member_year",
         "floor")
