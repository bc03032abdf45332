"""A demo co-op: a realistic book in which a treasurer trying coopdesk finds every screen filled.

An empty book shows empty screens, and a treasurer deciding whether coopdesk suits their co-op
must see at once what it does with arrears, prepayment credit, households and members who left;
screenshots, manual pages and developers need the same. `build_demo` writes such a book:
"Riverside Food Co-op", 60 members by default, whose books run over the last three years up to
the current month. It contains:

- members with plausible, varied, international names (accents included), postal addresses,
  e-mail and phone for most, a preferred language (es, fr, de) for some, all four default
  member classes, one organisation and one member living abroad;
- two dues plans, "Standard — 1.00 a month" and "Reduced — 0.50 a month" (a handful of members);
- households: a few members whose partner or child is a member too, and who pay for both;
- most members paying in the month their dues fall due, by bank transfer, cash or cheque; a few
  paying a year ahead (prepayment credit); one who missed three months and caught up at once;
- a few in arrears, from two to five months (in grace and lapsed), and a member who joined this
  month and has not paid yet (pending);
- members who withdrew, one who died, and one who left owing a month that was later written off;
- a hardship waiver of six months, with its reason;
- a payment recorded against the wrong member, reversed, and recorded for the right one;
- the co-op's other money: opening bank balance and cash float, hall rent, insurance, newsletter
  printing, bank charges, bulk-order handling fees, a grant, donations, and the cash taken in
  deposited at the bank each quarter.

Everything is written through the app's public services, in transactions as the app makes them
(one per action; a month's bank statement, cash receipts and bills each in one), so the book holds
only what the app itself could have written and `coopdesk check` passes on it. Everything is
drawn from `random.Random(seed)` and dated relative to `today`: a seed and a day always give the
same co-op (the audit timestamps of postings and of register changes aside).
"""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from pathlib import Path
from typing import Concatenate, ParamSpec, TypeVar

from sqlalchemy.orm import Session

from coopdesk import clock
from coopdesk.book import Book
from coopdesk.dues.payment_list import list_payments
from coopdesk.dues.payments import record_payment, reverse_payment, write_off_charge
from coopdesk.dues.plans import add_plan, assign_plan, end_assignment
from coopdesk.dues.queries import dues_facts, open_charges
from coopdesk.dues.run import last_day_of_month, run_dues
from coopdesk.errors import BookError, InputError
from coopdesk.ledger.specs import EntrySpec, PostingSpec, post_specs
from coopdesk.members.queries import list_members
from coopdesk.members.service import add_member, next_member_number, record_leaving
from coopdesk.members.types import LeaveReason, MemberInput, MemberKind, Status
from coopdesk.money import Money

P = ParamSpec("P")
T = TypeVar("T")

COOP_NAME = "Riverside Food Co-op"
CURRENCY = "USD"
STANDARD_PLAN = "Standard — 1.00 a month"
REDUCED_PLAN = "Reduced — 0.50 a month"
PLAN_RATES = {STANDARD_PLAN: Money("1.00", CURRENCY), REDUCED_PLAN: Money("0.50", CURRENCY)}
MIN_MEMBERS, MAX_MEMBERS = 10, 1000
MIN_YEARS, MAX_YEARS = 1, 10

_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


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
    calendar = _Calendar.ending(today or clock.today(), years)
    rng = random.Random(seed)
    cast = _cast(rng, members, calendar)
    building = path.with_name(f".{path.name}.{os.getpid()}.part")
    book = Book.create(building, name=COOP_NAME, currency=CURRENCY, locale="en_US")
    try:
        simulation = _Simulation(book, cast, calendar, rng)
        simulation.play()
        summary = _summary(book, simulation, cast, calendar)
        book.close()
        if path.exists():
            raise BookError(f"{path}: a file appeared there while the demo was being built")
        os.replace(building, path)
    except BaseException:
        book.close()
        building.unlink(missing_ok=True)
        raise
    return replace(summary, path=path)


# -- the calendar of the demo -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Calendar:
    """The demo's months, numbered from 0 (the first month of the books) to `last` (today's)."""

    first: dt.date  # the first day of month 0
    today: dt.date

    @classmethod
    def ending(cls, today: dt.date, years: int) -> _Calendar:
        months_back = 12 * years - 1
        index = today.year * 12 + today.month - 1 - months_back
        return cls(dt.date(index // 12, index % 12 + 1, 1), today)

    @property
    def last(self) -> int:
        return (self.today.year - self.first.year) * 12 + self.today.month - self.first.month

    def year_month(self, index: int) -> tuple[int, int]:
        absolute = self.first.year * 12 + self.first.month - 1 + index
        return absolute // 12, absolute % 12 + 1

    def date(self, index: int, day: int) -> dt.date:
        """Day `day` of month `index` (its last day, if the month is shorter)."""
        year, month = self.year_month(index)
        return dt.date(year, month, min(day, last_day_of_month(year, month).day))

    def by_today(self, index: int, day: int) -> dt.date:
        """Day `day` of month `index`, or today if that is later: what has happened by today."""
        return min(self.date(index, day), self.today)

    def random_day(self, rng: random.Random, index: int, latest: int = 28) -> int:
        """A day from 1 to `latest` of month `index`: of those up to today, in today's month."""
        return rng.randint(1, min(latest, self.today.day) if index == self.last else latest)

    def label(self, index: int) -> str:
        year, month = self.year_month(index)
        return f"{_MONTHS[month - 1]} {year}"

    def month_of_year(self, index: int) -> int:
        return self.year_month(index)[1]


# -- who the members are and how they pay (drawn before anything is written) ------------------


class _Habit(StrEnum):
    """How a member pays their dues."""

    MONTHLY = "monthly"  # each month's dues in that month
    YEARLY = "yearly"  # a year ahead, in their renewal month
    BEHIND = "behind"  # stopped paying a few months ago
    CAUGHT_UP = "caught_up"  # missed three months, then paid them all at once
    NEW = "new"  # joined this month and has not paid yet


@dataclass(slots=True)
class _Person:
    """A member to be: who they are, when they join and leave, and how they pay."""

    seq: int
    member: MemberInput
    join_month: int
    habit: _Habit = _Habit.MONTHLY
    plan: str = STANDARD_PLAN
    method: str = "bank_transfer"
    payer: _Person | None = None  # the household member who pays for them
    leave_month: int | None = None
    leave_date: dt.date | None = None
    leave_reason: str = LeaveReason.WITHDREW
    owes_last_month: bool = False  # leaves without paying their last month
    behind_months: int = 0  # BEHIND: months left unpaid up to today
    skip_from: int = 0  # CAUGHT_UP: the first of the three months missed
    renewal_month: int = 1  # YEARLY: the month of the year they pay a year ahead

    @property
    def name(self) -> str:
        return self.member.display_name

    def present(self, index: int) -> bool:
        """A member during month `index` (the month they leave included)."""
        return self.join_month <= index and (self.leave_month is None or index <= self.leave_month)


@dataclass(frozen=True, slots=True)
class _Waiver:
    person: _Person
    first_month: int
    months: int
    reason: str

    def covers(self, index: int) -> bool:
        return self.first_month <= index < self.first_month + self.months


@dataclass(frozen=True, slots=True)
class _Mistake:
    """`payer`'s payment in `month`, first recorded on `wrong` and reversed `days_later`."""

    payer: _Person
    wrong: _Person
    month: int
    days_later: int = 4


@dataclass(frozen=True, slots=True)
class _WriteOff:
    person: _Person
    month: int
    reason: str


@dataclass(frozen=True, slots=True)
class _Cast:
    people: list[_Person]  # in the order they join (so member numbers follow it)
    households: int
    waiver: _Waiver
    mistake: _Mistake
    write_off: _WriteOff


def _cast(rng: random.Random, size: int, cal: _Calendar) -> _Cast:
    """Draw the members, how each pays, and the events that involve them."""
    draw = _Draw(rng, cal)
    households = _households(draw, min(5, max(1, size // 15)))
    owing = _leavers(draw, max(1, size // 15))
    _deceased(draw)
    _behind(draw, max(2, size // 20))
    _prepayers(draw, max(1, size // 12))
    _caught_up(draw)
    draw.person(cal.last).habit = _Habit.NEW
    waived = draw.person(0)
    if size >= 20:
        draw.person(draw.join_month(cal.last), kind=MemberKind.ORGANISATION)
        draw.person(draw.join_month(cal.last), abroad=True)
    while len(draw.people) < size:
        draw.person(draw.join_month(cal.last))
    people = draw.people
    _give_renewal_months(cal, [p for p in people if p.habit is _Habit.YEARLY])
    for p in people:
        if p.leave_month is not None:
            p.leave_date = cal.date(p.leave_month, rng.randint(15, 28))
    _reduce(rng, [p for p in people if p is not waived], max(1, size // 12))
    waiver = _Waiver(waived, max(1, cal.last - 8), 6,
                     "Hardship: out of work after the cannery closed; the board waived six months")
    assert owing.leave_month is not None
    write_off = _WriteOff(owing, owing.leave_month + 3,
                          "Moved away without paying the last month; not worth chasing")
    mistake = _mistake(rng, people, cal.last - 2, waived)
    ordered = sorted(people, key=lambda p: (p.member.join_date or cal.first, p.payer is not None, p.seq))
    return _Cast(ordered, households, waiver, mistake, write_off)


class _Draw:
    """Draws members one at a time, in a fixed order from one generator."""

    def __init__(self, rng: random.Random, cal: _Calendar) -> None:
        self.rng = rng
        self.cal = cal
        self.people: list[_Person] = []
        self._names = _NameMaker(rng)
        self._founding_day = rng.randint(3, 12)

    def join_month(self, latest: int) -> int:
        """Founders join in the first month; the others over the years, up to `latest`."""
        return 0 if latest <= 0 or self.rng.random() < 0.35 else self.rng.randint(1, latest)

    def person(self, join_month: int, *, kind: str = MemberKind.PERSON, payer: _Person | None = None,
               abroad: bool = False) -> _Person:
        """A new member joining in month `join_month`; with `payer`, one of their household."""
        if payer is not None and join_month == payer.join_month:
            join_date = payer.member.join_date  # a couple joining together
        else:
            day = self._founding_day if join_month == 0 else self.cal.random_day(self.rng, join_month)
            join_date = self.cal.date(join_month, day)
        assert join_date is not None
        if abroad:
            member = self._names.person_abroad(join_date)
        elif kind == MemberKind.ORGANISATION:
            member = self._names.organisation(join_date)
        elif payer is not None:
            member = self._names.household_member(join_date, payer.member)
        else:
            member = self._names.person(join_date)
        made = _Person(len(self.people), member, join_month, payer=payer)
        made.method = "cheque" if kind == MemberKind.ORGANISATION else _method(self.rng)
        if payer is not None:
            made.habit = payer.habit
        self.people.append(made)
        return made


def _households(draw: _Draw, count: int) -> int:
    """Members who pay for a partner or child who is a member too (one of them a year ahead)."""
    for k in range(count):
        payer = draw.person(draw.join_month(draw.cal.last - 1))
        payer.habit = _Habit.YEARLY if k == 1 else _Habit.MONTHLY
        together = draw.rng.random() < 0.6
        draw.person(payer.join_month if together else draw.rng.randint(payer.join_month, draw.cal.last),
                    payer=payer)
    return count


def _leavers(draw: _Draw, count: int) -> _Person:
    """Members who withdrew before this month; the first left owing their last month (it is
    written off three months later). Returns that one."""
    last = draw.cal.last
    leavers = []
    for k in range(count):
        owing = k == 0
        leaver = draw.person(draw.join_month(last - (4 if owing else 2)))
        leaver.owes_last_month = owing
        leaver.leave_month = draw.rng.randint(leaver.join_month + 1, last - (3 if owing else 1))
        leavers.append(leaver)
    return leavers[0]


def _deceased(draw: _Draw) -> None:
    """A member who died, their dues paid to the end."""
    member = draw.person(draw.join_month(draw.cal.last - 3))
    member.leave_month = draw.rng.randint(member.join_month + 1, draw.cal.last - 1)
    member.leave_reason = LeaveReason.DECEASED


def _behind(draw: _Draw, count: int) -> None:
    """Members who stopped paying two to five months ago: the first two months (still in grace,
    which is two months), the second four (lapsed)."""
    for months in [2, 4] + [draw.rng.randint(2, 5) for _ in range(count - 2)]:
        member = draw.person(draw.join_month(draw.cal.last - months - 1))
        member.habit, member.behind_months = _Habit.BEHIND, months


def _prepayers(draw: _Draw, count: int) -> None:
    """Members who pay a year ahead."""
    for _ in range(count):
        draw.person(draw.join_month(draw.cal.last)).habit = _Habit.YEARLY


def _caught_up(draw: _Draw) -> None:
    """A member who missed three months in the past and then paid them all at once."""
    skip_from = draw.rng.randint(2, draw.cal.last - 4)
    member = draw.person(draw.join_month(skip_from - 1))
    member.habit, member.skip_from = _Habit.CAUGHT_UP, skip_from


def _method(rng: random.Random) -> str:
    return rng.choices(("bank_transfer", "cash", "cheque"), weights=(65, 25, 10))[0]


def _give_renewal_months(cal: _Calendar, yearly: Sequence[_Person]) -> None:
    """Spread renewals two months apart back from today's month, so every member who pays a
    year ahead holds some credit today, whatever month it is; a household pays together."""
    payers = [p for p in yearly if p.payer is None]
    for k, p in enumerate(payers):
        p.renewal_month = cal.month_of_year(cal.last - (2 * k) % 12)
    for p in yearly:
        if p.payer is not None:
            p.renewal_month = p.payer.renewal_month


def _reduce(rng: random.Random, people: Sequence[_Person], count: int) -> None:
    """Put a handful of members who pay for themselves on the reduced plan."""
    candidates = [p for p in people if p.member.kind == MemberKind.PERSON and p.payer is None
                  and p.habit in (_Habit.MONTHLY, _Habit.YEARLY, _Habit.BEHIND)]
    for p in rng.sample(candidates, min(len(candidates), count)):
        p.plan = REDUCED_PLAN


def _mistake(rng: random.Random, people: Sequence[_Person], month: int, waived: _Person) -> _Mistake:
    """A bank transfer of a member who pays monthly, first recorded on another member."""
    payers = [p for p in people if p.habit is _Habit.MONTHLY and p.payer is None
              and p.leave_month is None and p.join_month < month and p.member.kind == MemberKind.PERSON]
    plain = [p for p in payers if p is not waived] or payers
    payer = rng.choice(plain)
    payer.method = "bank_transfer"
    others = [p for p in people if p is not payer and p.payer is None and p.present(month)
              and p.join_month < month]
    return _Mistake(payer, rng.choice(others), month)


# -- names, addresses and languages -------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Culture:
    """Names that go together, and the statement language some of their bearers prefer
    (None: the book's own)."""

    language: str | None
    first_names: tuple[str, ...]
    family_names: tuple[str, ...]
    weight: int


_CULTURES = (
    _Culture(None, ("Ada", "Sam", "Grace", "Marcus", "Priya", "Noah", "Hannah", "DeShawn", "Maya",
                    "Owen", "Ruth", "Walter", "Imani", "Caleb", "Tessa", "Jamal", "Erin", "Hiroshi",
                    "Mei", "Ravi"),
             ("Okafor", "Johnson", "O'Brien", "Washington", "Patel", "Kim", "Rivera", "Anderson",
              "Thompson", "Goldberg", "Yamamoto", "Hughes", "Mbeki", "Chen", "Baptiste", "Reyes"), 40),
    _Culture("es", ("José", "María", "Lucía", "Andrés", "Inés", "Joaquín", "Sofía", "Martín",
                    "Camila", "Raúl", "Begoña", "Íñigo"),
             ("García", "Fernández", "López", "Martínez", "Sánchez", "Pérez", "Gómez", "Díaz",
              "Muñoz", "Ortega", "Ibáñez", "Castaño"), 15),
    _Culture("fr", ("Chloé", "Léa", "Amélie", "Étienne", "François", "Hélène", "Noël", "Margaux",
                    "Théo", "Benoît", "Anaïs", "Jérôme"),
             ("Lefèvre", "Dubois", "Moreau", "Girard", "Rousseau", "Lambert", "Fontaine",
              "Chevalier", "Mercier", "Bérenger", "Faure"), 10),
    _Culture("de", ("Zoë", "Jürgen", "Anja", "Lukas", "Jörg", "Katrin", "Matthias", "Till",
                    "Annika", "Günther", "Lena", "Sören"),
             ("Müller", "Schäfer", "Köhler", "Weiß", "Becker", "Hoffmann", "Schröder", "Krüger",
              "Vogel", "Brandt", "Hübner"), 10),
    _Culture(None, ("Łukasz", "Agnieszka", "Małgorzata", "Wojciech", "Zofia", "Piotr"),
             ("Nowak", "Wójcik", "Mazur", "Krawczyk", "Kaczmarek", "Zając"), 4),
    _Culture(None, ("Ayşe", "Emre", "Elif", "Barış", "Zeynep", "Oğuz"),
             ("Yılmaz", "Çelik", "Şahin", "Öztürk", "Aydın", "Doğan"), 4),
    _Culture(None, ("Åsa", "Søren", "Ingrid", "Bjørn", "Sigrid", "Mikael"),
             ("Lindqvist", "Nørgaard", "Håkansson", "Ekström", "Sjöberg", "Østergaard"), 4),
    _Culture(None, ("João", "Conceição", "Thiago", "Luíza", "Gonçalo", "Beatriz"),
             ("Gonçalves", "Araújo", "Magalhães", "Simões", "Assunção", "Brandão"), 5),
    _Culture(None, ("Siobhán", "Niamh", "Seán", "Ciarán", "Aoife", "Pádraig"),
             ("O'Connor", "Gallagher", "Doherty", "Kavanagh", "Ó Súilleabháin"), 3),
    _Culture(None, ("Thảo", "Minh", "Linh", "Quang", "Huệ", "Đức"),
             ("Nguyễn", "Trần", "Phạm", "Lê", "Võ"), 4),
    _Culture(None, ("Oksana", "Dmytro", "Olena", "Taras", "Iryna", "Bohdan"),
             ("Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Melnyk"), 3),
)
_INITIALS = "ABCDEFGHJKLMNPRSTVW"
_STREETS = ("Willow Street", "Mill Road", "Front Street", "Cedar Avenue", "Ferry Lane",
            "Orchard Way", "Bridge Street", "Elm Court", "River Road", "Maple Avenue",
            "Depot Street", "Harbor View Drive", "Linden Terrace", "Quarry Hill Road")
_TOWNS = (("Riverside", "OR", "97520"), ("Millbrook", "OR", "97523"), ("Cedar Falls", "OR", "97527"))
_ORGANISATIONS = ("Riverside Community Garden", "Millbrook Seed Library", "Cedar Falls Grange Hall",
                  "Ferry Lane Bakery Collective")
_DOMAINS = ("example.org", "example.net", "example.com")
_NOTES = ("Prefers statements by post.", "Volunteers at the Saturday pick-up.",
          "Helps with the bulk orders.", "Sits on the membership committee.", "")


class _NameMaker:
    """Members with unique names and plausible contact details, drawn from one generator."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[str] = set()

    def person(self, join_date: dt.date) -> MemberInput:
        """A member living near the co-op, of any culture, in any class."""
        rng = self._rng
        culture = rng.choices(_CULTURES, weights=[c.weight for c in _CULTURES])[0]
        name = self._unique(lambda: (rng.choice(culture.first_names), rng.choice(culture.family_names)))
        town, region, postal = rng.choices(_TOWNS, weights=(75, 15, 10))[0]
        street = f"{rng.randint(2, 1480)} {rng.choice(_STREETS)}"
        lines = (street, f"Apt {rng.randint(1, 4)}{rng.choice('ABCD')}") if rng.random() < 0.2 else (street,)
        return MemberInput(
            name, join_date, sort_name=_sort_name(name),
            class_code=rng.choices(("consumer", "worker", "producer", "supporter"), weights=(70, 12, 8, 10))[0],
            address_lines=lines, city=town, region=region, postal_code=postal, country="US",
            email=self._email(name, 0.8), phone=self._phone() if rng.random() < 0.7 else "",
            language=culture.language if culture.language and rng.random() < 0.5 else None,
            notes=rng.choice(_NOTES) if rng.random() < 0.15 else "")

    def household_member(self, join_date: dt.date, payer: MemberInput) -> MemberInput:
        """The partner or child of `payer`: same family name, address, phone and language."""
        family = _family_name(payer.display_name)
        culture = next(c for c in _CULTURES if family in c.family_names)
        name = self._unique(lambda: (self._rng.choice(culture.first_names), family))
        return MemberInput(name, join_date, sort_name=_sort_name(name), class_code=payer.class_code,
                           address_lines=payer.address_lines, city=payer.city, region=payer.region,
                           postal_code=payer.postal_code, country=payer.country,
                           email=self._email(name, 0.5), phone=payer.phone, language=payer.language,
                           notes=f"Dues paid by {payer.display_name}.")

    def organisation(self, join_date: dt.date) -> MemberInput:
        """A local group that is a member in its own name."""
        name = self._rng.choice(_ORGANISATIONS)  # the demo has one
        return MemberInput(name, join_date, kind=MemberKind.ORGANISATION, class_code="producer",
                           address_lines=(f"{self._rng.randint(10, 999)} {self._rng.choice(_STREETS)}",),
                           city="Riverside", region="OR", postal_code="97520", country="US",
                           email=".".join(_ascii(name).lower().split()[:2]) + "@example.org",
                           phone=self._phone(), notes="Pays by cheque from its own account.")

    def person_abroad(self, join_date: dt.date) -> MemberInput:
        """A supporter who moved back to Lyon and reads their statements in French."""
        french = next(c for c in _CULTURES if c.language == "fr")
        name = self._unique(lambda: (self._rng.choice(french.first_names), self._rng.choice(french.family_names)))
        return MemberInput(name, join_date, sort_name=_sort_name(name), class_code="supporter",
                           address_lines=(f"{self._rng.randint(2, 40)} rue des Capucins",),
                           postal_code="69001", city="Lyon", country="FR",
                           email=self._email(name, 1.0), language="fr",
                           notes="Moved back to France; stays on as a supporter.")

    def _unique(self, draw: Callable[[], tuple[str, str]]) -> str:
        """A name not given yet: (first, family) drawn until one is new, with a middle initial
        once plain names grow scarce (a large demo has more members than combinations)."""
        for attempt in itertools.count():
            first, family = draw()
            name = f"{first} {family}" if attempt < 20 else f"{first} {self._rng.choice(_INITIALS)}. {family}"
            if name not in self._used:
                self._used.add(name)
                return name
        raise AssertionError("unreachable")

    def _email(self, name: str, chance: float) -> str:
        if self._rng.random() >= chance:
            return ""
        first = _ascii(name.split(" ", 1)[0]).lower()
        last = _ascii(_family_name(name)).lower().replace("'", "").replace(" ", "")
        local = self._rng.choice((f"{first}.{last}", f"{first[0]}{last}", f"{first}{self._rng.randint(1, 99)}"))
        return f"{local}@{self._rng.choice(_DOMAINS)}"

    def _phone(self) -> str:
        # 555-0100 to 555-0199 are the numbers set aside for fiction.
        return f"+1 541 555 01{self._rng.randint(0, 99):02d}"


def _family_name(display_name: str) -> str:
    """The family name of a name made here: what follows the first name and any initial."""
    rest = display_name.split(" ", 1)[1]
    return rest.split(". ", 1)[1] if rest[:1] in _INITIALS and rest[1:3] == ". " else rest


def _sort_name(display_name: str) -> str:
    """"Ó Súilleabháin, Pádraig": the family name first, whole (the app's default guess takes
    the last word, which a family name of two words defeats)."""
    family = _family_name(display_name)
    return f"{family}, {display_name[:-len(family)].strip()}"


# Letters that Unicode does not decompose into a base letter and an accent.
_UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "ł": "l", "Ł": "L", "ı": "i", "đ": "d", "Đ": "D",
                               "ß": "ss", "æ": "ae", "Æ": "AE"})


def _ascii(text: str) -> str:
    """`text` without accents (for e-mail addresses): "Zoë Müller" -> "Zoe Muller"."""
    folded = unicodedata.normalize("NFKD", text.translate(_UNDECOMPOSED))
    return "".join(c for c in folded if not unicodedata.combining(c))


# -- playing the months through the app's services ---------------------------------------------


@dataclass(frozen=True, slots=True)
class _Payment:
    """One payment as `record_payment` takes it; `person` is who it is recorded for."""

    person: _Person
    member_number: str
    date: dt.date
    amount: Money
    method: str
    reference: str
    memo: str
    payer_number: str | None


@dataclass(slots=True)
class _Simulation:
    """Plays the demo month by month, as a treasurer would have kept the book.

    Each month: new members are registered and put on their plan, the dues run charges the
    month, the month's bills are entered, the payments received, then who left. One action is
    one transaction, except that the month's bills are entered together and its payments in two
    sittings: the bank statement's (a bank import records them in one transaction too) and the
    cash and cheques received. A commit costs some 10 ms on a laptop's disk (synchronous=FULL)
    and three years of a 60-member co-op hold over a thousand payments: one commit each would
    double the build's time.
    """

    book: Book
    cast: _Cast
    cal: _Calendar
    rng: random.Random
    numbers: dict[int, str] = field(default_factory=dict)  # person seq -> member number
    paid_through: dict[int, int] = field(default_factory=dict)  # person seq -> month index
    cash_on_hand: Money = Money.zero(CURRENCY)
    entries: set[int] = field(default_factory=set)
    receipt: int = 100

    def play(self) -> None:
        for plan, rate in PLAN_RATES.items():
            self._do(add_plan, plan, rate, "monthly")
        for index in range(self.cal.last + 1):
            self._members_join(index)
            self._waiver(index)
            self._do(run_dues, *self.cal.year_month(index))
            self._post(_coop_entries(self.rng, self.cal, index))
            self._payments(index)
            self._members_leave(index)
            self._write_off(index)
            self._deposit_cash(index)

    def _do(self, service: Callable[Concatenate[Session, P], T], /, *args: P.args,
            **kwargs: P.kwargs) -> T:
        """Run one service in its own transaction, as one action in the app; keep its entries."""
        changes = self.book.run(service, *args, **kwargs)
        self.entries |= changes.entries
        result: T = changes.result
        return result

    def _post(self, specs: Sequence[EntrySpec]) -> None:
        if not specs:
            return
        self._do(post_specs, specs)
        for spec in specs:
            for posting in spec.postings:
                if posting.account == _CASH:
                    self.cash_on_hand += posting.amount

    def _members_join(self, index: int) -> None:
        for p in self.cast.people:
            if p.join_month != index:
                continue
            member = p.member
            if p.payer is not None:
                member = replace(member, payer_number=self.numbers[p.payer.seq])
            self.numbers[p.seq] = self._do(_enrol, member, p.plan)
            self.paid_through[p.seq] = index - 1

    def _waiver(self, index: int) -> None:
        """End the member's plan when the waiver starts; put them back on it when it ends."""
        waiver = self.cast.waiver
        number = self.numbers.get(waiver.person.seq)
        if number is None:
            return
        first_day = self.cal.date(index, 1)
        if index == waiver.first_month:
            self._do(end_assignment, number, first_day - dt.timedelta(days=1))
            until = last_day_of_month(*self.cal.year_month(waiver.first_month + waiver.months - 1))
            self._do(assign_plan, number, waiver.person.plan, first_day, end=until, waived=True,
                     reason=waiver.reason)
        elif index == waiver.first_month + waiver.months:
            self._do(assign_plan, number, waiver.person.plan, first_day)

    def _payments(self, index: int) -> None:
        """The month's payments: the bank statement's, then the cash and cheques received."""
        days = {p.seq: self.cal.random_day(self.rng, index, 14) for p in self.cast.people if p.payer is None}
        due = [payment for p in self.cast.people
               if (payment := self._payment_due(p, index, days[(p.payer or p).seq])) is not None]
        due.sort(key=lambda x: (x.date, x.person.seq))
        mistake = self.cast.mistake
        right = wrong = None
        if index == mistake.month:
            right = next(x for x in due if x.person is mistake.payer)
            wrong = replace(right, member_number=self.numbers[mistake.wrong.seq], payer_number=None)
            due[due.index(right)] = wrong
        bank = [x for x in due if x.method == "bank_transfer"]
        received = [x for x in due if x.method != "bank_transfer"]
        bank_ids = self._do(_record_payments, bank) if bank else []
        if received:
            self._do(_record_payments, received)
        self.cash_on_hand += sum((x.amount for x in received if x.method == "cash"), Money.zero(CURRENCY))
        if right is not None and wrong is not None:
            self._correct(right, bank_ids[bank.index(wrong)])

    def _correct(self, payment: _Payment, wrong_id: int) -> None:
        """Reverse the payment recorded on the wrong member a few days later; record it again."""
        mistake = self.cast.mistake
        self._do(reverse_payment, wrong_id, date=payment.date + dt.timedelta(days=mistake.days_later))
        memo = f"{payment.memo}; first recorded on member {self.numbers[mistake.wrong.seq]} by mistake"
        self._do(_record_payments, [replace(payment, memo=memo)])

    def _payment_due(self, p: _Person, index: int, day: int) -> _Payment | None:
        """What `p` pays in month `index` (for the months not yet paid up to the one they pay
        through), or None when they pay nothing this month."""
        if not p.present(index) or not self._pays_in(p, index):
            return None
        paid = self.paid_through[p.seq]
        if paid >= index:
            return None
        through = index
        if p.habit is _Habit.YEARLY:
            through = index + (p.renewal_month - self.cal.month_of_year(index) - 1) % 12
        if p.leave_month is not None:
            through = min(through, p.leave_month)
        amount = sum((self._rate(p, m) for m in range(paid + 1, through + 1)), Money.zero(CURRENCY))
        self.paid_through[p.seq] = through
        if amount.is_zero:
            return None
        if index == p.join_month and p.member.join_date is not None:
            day = max(day, p.member.join_date.day)
        payer = p.payer or p
        return _Payment(p, self.numbers[p.seq], self.cal.by_today(index, day), amount, payer.method,
                        self._reference(payer, index), self._memo(paid + 1, through),
                        None if p.payer is None else self.numbers[p.payer.seq])

    def _pays_in(self, p: _Person, index: int) -> bool:
        habit = (p.payer or p).habit
        if habit is _Habit.NEW:
            return False
        if habit is _Habit.BEHIND:
            return index <= self.cal.last - p.behind_months
        if habit is _Habit.CAUGHT_UP:
            return not p.skip_from <= index < p.skip_from + 3
        return not (p.owes_last_month and index == p.leave_month)

    def _rate(self, p: _Person, index: int) -> Money:
        waiver = self.cast.waiver
        if p is waiver.person and waiver.covers(index):
            return Money.zero(CURRENCY)
        return PLAN_RATES[p.plan]

    def _reference(self, payer: _Person, index: int) -> str:
        if payer.method == "cash":
            self.receipt += 1
            return f"Receipt {self.receipt}"
        if payer.method == "cheque":
            return f"Cheque {self.rng.randint(100100, 109999)}"
        year, month = self.cal.year_month(index)
        number = self.numbers[payer.seq]
        return self.rng.choice((f"Dues member {number} {_MONTHS[month - 1][:3]} {year}",
                                f"Membership {number}", f"{payer.name} co-op dues",
                                f"COOP DUES #{number} {month:02d}/{year}"))

    def _memo(self, first: int, through: int) -> str:
        if first == through:
            return f"Dues {self.cal.label(first)}"
        return f"Dues {self.cal.label(first)} to {self.cal.label(through)}"

    def _members_leave(self, index: int) -> None:
        for p in self.cast.people:
            if p.leave_month == index and p.leave_date is not None:
                self._do(record_leaving, self.numbers[p.seq], p.leave_date, p.leave_reason)

    def _write_off(self, index: int) -> None:
        write_off = self.cast.write_off
        if index != write_off.month:
            return
        for charge in self.book.read(open_charges, self.numbers[write_off.person.seq]):
            self._do(write_off_charge, charge.charge_id, write_off.reason, date=self.cal.by_today(index, 10))

    def _deposit_cash(self, index: int) -> None:
        """At the end of each quarter the cash taken in goes to the bank, but for a float."""
        deposit = self.cash_on_hand - _CASH_FLOAT
        day = self.cal.date(index, 26)
        if index % 3 != 2 or not deposit.is_positive or day > self.cal.today:
            return
        self._post([EntrySpec(day, (PostingSpec(_BANK, deposit), PostingSpec(_CASH, -deposit)),
                              memo="Cash from dues and events paid in at the bank")])


def _enrol(session: Session, member: MemberInput, plan: str) -> str:
    """Register a member and put them on a plan from the day they join (the new-member form);
    return the number the book gave them."""
    number = next_member_number(session)
    add_member(session, replace(member, number=number))
    assert member.join_date is not None
    assign_plan(session, number, plan, member.join_date)
    return number


def _record_payments(session: Session, payments: Sequence[_Payment]) -> list[int]:
    """Record payments entered in one sitting; return their ids, in order."""
    return [record_payment(session, x.member_number, x.date, x.amount, x.method, reference=x.reference,
                           memo=x.memo, payer_number=x.payer_number)
            for x in payments]


# -- the co-op's other money ---------------------------------------------------------------------

_CASH, _BANK, _OPENING = "1000", "1010", "3900"
_OPERATING_INCOME, _OTHER_INCOME, _EXPENSES, _BANK_CHARGES = "4100", "4900", "5000", "5900"
_CASH_FLOAT = Money("50.00", CURRENCY)


def _usd(cents: int) -> Money:
    return Money.from_minor(cents, CURRENCY)


def _entry(date: dt.date, memo: str, debit: str, credit: str, amount: Money, kind: str = "manual") -> EntrySpec:
    return EntrySpec(date, (PostingSpec(debit, amount), PostingSpec(credit, -amount)), memo=memo, kind=kind)


def _coop_entries(rng: random.Random, cal: _Calendar, index: int) -> list[EntrySpec]:
    """The month's ordinary entries of a small co-op, none after today, in date order."""
    label = cal.label(index)
    month = cal.month_of_year(index)
    specs = []
    if index == 0:
        specs.append(EntrySpec(cal.date(0, 1), (
            PostingSpec(_BANK, Money("1250.00", CURRENCY)), PostingSpec(_CASH, _CASH_FLOAT),
            PostingSpec(_OPENING, -Money("1300.00", CURRENCY)),
        ), memo="Opening balances taken over from the old spreadsheet", kind="opening"))
    specs.append(_entry(cal.date(index, 3), f"Hall rent, {label} (St. Brigid's parish hall)",
                        _EXPENSES, _BANK, Money("30.00", CURRENCY)))
    specs.append(_entry(cal.date(index, 20), f"Bulk-order handling fees, {label}", _BANK,
                        _OPERATING_INCOME, _usd(rng.randint(1800, 6500))))
    if index % 3 == 1:
        specs.append(_entry(cal.date(index, 12), "Printing the members' newsletter (copy shop, cash)",
                            _EXPENSES, _CASH, _usd(rng.randint(1800, 3400))))
    if index % 12 == 2:
        specs.append(_entry(cal.date(index, 15), "Liability insurance, annual premium", _EXPENSES, _BANK,
                            Money("185.00", CURRENCY)))
    if index == min(6, cal.last - 1):
        specs.append(_entry(cal.date(index, 18), "Grant from the Riverside Community Foundation "
                            "(walk-in cooler)", _BANK, _OTHER_INCOME, Money("750.00", CURRENCY)))
    if month == 12:
        specs.append(_entry(cal.date(index, 14), "Donations at the winter potluck (cash box)",
                            _CASH, _OTHER_INCOME, _usd(rng.randint(4000, 12000))))
    specs.append(_entry(cal.date(index, 28), f"Bank account fee, {label}", _BANK_CHARGES, _BANK,
                        Money("2.50", CURRENCY)))
    return sorted((s for s in specs if s.date <= cal.today), key=lambda s: s.date)


# -- what was written ----------------------------------------------------------------------------


def _summary(book: Book, simulation: _Simulation, cast: _Cast, cal: _Calendar) -> DemoSummary:
    facts = book.read(dues_facts, cal.today)
    statuses = [row.status for row in book.read(list_members, cal.today, facts)]
    count = statuses.count
    return DemoSummary(
        name=book.settings.name, path=book.path, first_day=cal.first, today=cal.today,
        members=len(statuses), active=count(Status.ACTIVE),
        in_arrears=count(Status.IN_GRACE) + count(Status.LAPSED), pending=count(Status.PENDING),
        left=count(Status.WITHDRAWN) + count(Status.DECEASED), households=cast.households,
        payments=len(book.read(list_payments)), entries=len(simulation.entries))
