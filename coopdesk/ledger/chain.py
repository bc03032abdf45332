"""The audit chain: each entry's hash covers its content and the previous entry's hash.

Editing, inserting or deleting any posted row behind the app's back breaks the chain from that
entry on, which `coopdesk check` reports. The text hashed uses `repr()` of every field, which is
unambiguous for any memo a user can type.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

GENESIS = "0" * 64

#: (line_no, account_id, amount, member_id, fund_id, memo) of one posting.
PostingFields = tuple[int, int, int, int | None, int | None, str]


def entry_hash(
    prev_hash: str,
    entry_id: int,
    date: dt.date,
    kind: str,
    memo: str,
    source_ref: str | None,
    reverses_id: int | None,
    posted_at: str,
    postings: Iterable[PostingFields],
) -> str:
    """The SHA-256 that chains this entry to the one before."""
    # str(kind): an enum member's repr would differ from the plain text read back from the book.
    head = repr((prev_hash, entry_id, date.isoformat(), str(kind), memo, source_ref, reverses_id, posted_at))
    body = repr(tuple(postings))
    return hashlib.sha256(f"{head}{body}".encode()).hexdigest()
