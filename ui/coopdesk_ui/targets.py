"""What one screen may ask another to show (`context.navigate(key, target)`).

Plain values, so screens agree on them without importing each other.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class MemberTarget:
    """The members screen, with this member selected and their detail shown."""

    number: str


@dataclass(frozen=True, slots=True)
class OwingMembersTarget:
    """The members screen, filtered to the members who owe dues (in arrears) today."""


@dataclass(frozen=True, slots=True)
class EntryTarget:
    """The ledger's journal, with this entry selected."""

    entry_id: int


@dataclass(frozen=True, slots=True)
class FundTarget:
    """The funds screen, with this fund (by code) selected."""

    code: str


@dataclass(frozen=True, slots=True)
class ClaimTarget:
    """The funds screen, with this claim selected in the claims register."""

    claim_id: int
