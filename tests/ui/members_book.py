"""A small co-op for the Members screen's tests, built through the public services.

Five members joined on 1 January 2026, on $10 a month, dues charged through June (the tests
run on 30 June 2026):

=====  ==================  =========  ===========================  ===========  ============
No.    name                class      paid                         owes         status
=====  ==================  =========  ===========================  ===========  ============
1      Ada Okafor          worker     $60 on 5 June                nothing      active
2      Ben Idris           consumer   $75 on 1 February            -$15 credit  active
3      Chloé Bérenger      consumer   nothing                      $60          pending
4      Dan Wu              producer   $30 on 10 March              $30          lapsed
5      Eve Martin          supporter  $10 on 15 January, left      (left)       withdrawn
=====  ==================  =========  ===========================  ===========  ============
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coopdesk.book import Book
from coopdesk.dues.payments import record_payment
from coopdesk.dues.plans import add_plan, assign_plan
from coopdesk.dues.run import run_dues
from coopdesk.members.service import add_member, record_leaving
from coopdesk.members.types import MemberInput
from coopdesk.money import Money

JOINED = dt.date(2026, 1, 1)
MEMBERS = (
    ("1", "Ada Okafor", "worker", "ada@example.org"),
    ("2", "Ben Idris", "consumer", ""),
    ("3", "Chloé Bérenger", "consumer", "chloe@example.net"),
    ("4", "Dan Wu", "producer", ""),
    ("5", "Eve Martin", "supporter", ""),
)


def usd(text: str) -> Money:
    return Money(text, "USD")


def make_members_book(path: Path) -> Path:
    """Write the co-op above to `path` and close it."""
    with Book.create(path, name="Riverside Food Co-op", currency="USD", locale="en_US") as book:
        book.run(add_plan, "Monthly", usd("10.00"), "monthly")
        for number, name, member_class, email in MEMBERS:
            book.run(add_member, MemberInput(name, JOINED, number=number, class_code=member_class,
                                             email=email, city="Riverside"))
            book.run(assign_plan, number, "Monthly", JOINED)
        book.run(record_leaving, "5", dt.date(2026, 1, 31), "withdrew")
        book.run(run_dues, 2026, 6)
        book.run(record_payment, "1", dt.date(2026, 6, 5), usd("60.00"))
        book.run(record_payment, "2", dt.date(2026, 2, 1), usd("75.00"))
        book.run(record_payment, "4", dt.date(2026, 3, 10), usd("30.00"))
        book.run(record_payment, "5", dt.date(2026, 1, 15), usd("10.00"))
    return path
