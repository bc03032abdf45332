"""Writing the demo co-op to a new book: the cast drawn, the months played, the book renamed into
place only once it is complete."""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass, replace
from pathlib import Path

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.demo.calendar import Calendar
from coopdesk.demo.coop import ADDRESS, COOP_NAME, CURRENCY, EMAIL, LOCALE, PHONE
from coopdesk.demo.simulation import Simulation
from coopdesk.demo.stories import draw_cast
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.queries import dues_facts
from coopdesk.errors import BookError, InputError
from coopdesk.members.queries import list_members
from coopdesk.members.types import Status
from coopdesk.settings import update_settings

MIN_MEMBERS, MAX_MEMBERS = 10, 1000
MIN_YEARS, MAX_YEARS = 1, 10


@dataclass(frozen=True, slots=True)
class DemoSummary:
    """What `build_demo` wrote; member counts by status on `today` (they add up to `members`)."""

    name: str
    path: Path
    first_day: dt.date
    today: dt.date
    members: int
    active: int
    in_arrears: int  # in grace or lapsed
    pending: int
    left: int  # withdrawn or deceased
    households: int
    payments: int
    entries: int


def build_demo(path: Path, *, members: int = 60, years: int = 3, seed: int = 1,
               today: dt.date | None = None) -> DemoSummary:
    """Write the demo co-op to a new book at `path` (an existing file is refused: BookError).

    `members` (10 to 1,000) joined over the last `years` (1 to 10) ending in the month of `today`
    (default: the clock's today); `seed` picks names, dates and habits. The book is built under a
    hidden name beside `path` and renamed when complete, so a build that fails or is killed
    midway never leaves a half-written demo at `path` (where `coopdesk gui --demo` would take it
    for a finished one).
    """
    problems = []
    if not MIN_MEMBERS <= members <= MAX_MEMBERS:
        problems.append(f"members: from {MIN_MEMBERS} to {MAX_MEMBERS:,}, not {members}")
    if not MIN_YEARS <= years <= MAX_YEARS:
        problems.append(f"years: from {MIN_YEARS} to {MAX_YEARS}, not {years}")
    if problems:
        raise InputError("demo refused: " + "; ".join(problems))
    path = Path(path)
    if path.exists():
        raise BookError(f"{path}: a file is already there; choose another name")
    cal = Calendar.ending(today or clock.today(), years)
    rng = random.Random(seed)
    cast = draw_cast(rng, members, cal)
    building = path.with_name(f".{path.name}.{os.getpid()}.part")
    book = Book.create(building, name=COOP_NAME, currency=CURRENCY, locale=LOCALE)
    try:
        book.run(update_settings, replace(book.settings, address=ADDRESS, email=EMAIL, phone=PHONE))
        simulation = Simulation(book, cast, cal, rng)
        simulation.play()
        summary = _summary(book, cal, households=cast.households, entries=len(simulation.entries))
        book.close()
        if path.exists():
            raise BookError(f"{path}: a file appeared there while the demo was being built")
        os.replace(building, path)
    except BaseException:
        book.close()
        building.unlink(missing_ok=True)
        raise
    return replace(summary, path=path)


def _summary(book: Book, cal: Calendar, *, households: int, entries: int) -> DemoSummary:
    facts = book.read(dues_facts, cal.today)
    statuses = [row.status for row in book.read(list_members, cal.today, facts)]
    count = statuses.count
    return DemoSummary(
        name=book.settings.name, path=book.path, first_day=cal.first, today=cal.today,
        members=len(statuses), active=count(Status.ACTIVE),
        in_arrears=count(Status.IN_GRACE) + count(Status.LAPSED), pending=count(Status.PENDING),
        left=count(Status.WITHDRAWN) + count(Status.DECEASED), households=households,
        payments=len(book.read(list_payments)), entries=entries)
