"""Typed ids, so an entry id is never passed where an account id is expected."""

from typing import NewType

AccountId = NewType("AccountId", int)
EntryId = NewType("EntryId", int)
MemberId = NewType("MemberId", int)
FundId = NewType("FundId", int)
