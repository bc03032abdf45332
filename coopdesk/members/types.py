"""Plain values of the member register, and the pure checks of what a treasurer typed."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, fields
from enum import StrEnum

from babel import Locale, UnknownLocaleError


class MemberKind(StrEnum):
    PERSON = "person"
    ORGANISATION = "organisation"


class LeaveReason(StrEnum):
    WITHDREW = "withdrew"
    DECEASED = "deceased"
    EXPELLED = "expelled"
    OTHER = "other"


class Status(StrEnum):
    PENDING = "pending"
    ACTIVE = "active"
    IN_GRACE = "in_grace"
    LAPSED = "lapsed"
    WITHDRAWN = "withdrawn"
    DECEASED = "deceased"

    @property
    def in_good_standing(self) -> bool:
        return self in (Status.ACTIVE, Status.IN_GRACE)


@dataclass(frozen=True, slots=True)
class MemberInput:
    """Everything a treasurer types about a member (the register's editable fields).

    Classes and payers are named as people see them: by class code and member number.
    """

    display_name: str
    join_date: dt.date | None
    number: str | None = None
    sort_name: str = ""
    kind: str = MemberKind.PERSON
    class_code: str | None = None
    address_lines: tuple[str, ...] = ()
    postal_code: str = ""
    city: str = ""
    region: str = ""
    country: str = ""
    email: str = ""
    phone: str = ""
    language: str | None = None
    payer_number: str | None = None
    notes: str = ""


EDITABLE_FIELDS = tuple(f.name for f in fields(MemberInput))

_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
MAX_NUMBER_LENGTH = 32


def member_problems(member: MemberInput, leave_date: dt.date | None = None) -> list[str]:
    """Every reason `member` cannot be saved as typed, field by field; empty when it can."""
    problems: list[str] = []
    if not member.display_name.strip():
        problems.append("name: a name is required")
    if member.number is not None:
        number = member.number.strip()
        if not number:
            problems.append("number: the member number cannot be blank (leave it out to have one assigned)")
        elif len(number) > MAX_NUMBER_LENGTH:
            problems.append(f"number: at most {MAX_NUMBER_LENGTH} characters")
    if member.kind not in tuple(MemberKind):
        problems.append(f"kind: must be person or organisation, not {member.kind!r}")
    email = member.email.strip()
    if email and not _EMAIL.match(email):
        problems.append(f"email: {email!r} does not look like an e-mail address")
    if member.join_date is None:
        problems.append("join date: the date the member joined is required")
    elif leave_date is not None and leave_date < member.join_date:
        problems.append(f"leave date: {leave_date.isoformat()} is before the join date "
                        f"{member.join_date.isoformat()}")
    if member.language is not None and not is_known_language(member.language):
        problems.append(f"language: {member.language!r} is not a language code such as en, fr or de_DE")
    return problems


def is_known_language(code: str) -> bool:
    """True when Babel knows `code` as a locale (en, fr_FR, de-DE...)."""
    try:
        Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return False
    return True


#: Name particles. Written in lower case ("Ludwig van Beethoven", "Jean de La Fontaine") they
#: are not part of the surname, and go after the given name, as Dutch, German and French
#: address books file them; capitalised ("Martin Van Buren", "Ursula K. Le Guin") they are.
_PARTICLES = frozenset({"van", "von", "de", "der", "den", "des", "du", "la", "le", "les", "ter",
                        "ten", "te", "het", "zu", "zum", "zur", "vom", "da", "das", "do", "dos",
                        "di", "del", "della", "d'", "d\u2019"})
_ELIDED = ("d'", "d\u2019")  # joined to the surname: "Charles d'Artagnan"


def default_sort_name(display_name: str, kind: str) -> str:
    """The name to file a member under, from the name as written.

    A person: "Surname, given names and particles": "Okafor, Ada", "Beethoven, Ludwig van",
    "La Fontaine, Jean de", "Van Buren, Martin". The surname is what follows the lower-case
    particles after the first name or, without them, the last word with any capitalised
    particles before it. An organisation: its name, without a leading "The".
    """
    words = display_name.split()
    if kind != MemberKind.PERSON:
        if len(words) > 1 and words[0].casefold() == "the":
            words = words[1:]
        return " ".join(words)
    if "," in display_name:
        # Already "Surname, Given", or with a suffix ("Martin King, Jr."): filed as written,
        # since guessing could only make it worse.
        return " ".join(words)
    words = words[:1] + [part for word in words[1:] for part in _split_elided(word)]
    if len(words) < 2:
        return " ".join(words)
    # From the second word: a first name is never a particle ("Van Morrison").
    start = next((i for i in range(1, len(words)) if words[i] in _PARTICLES), len(words))
    end = start
    while end < len(words) and words[end] in _PARTICLES:
        end += 1
    if end == len(words):  # no lower-case particle, or nothing after it
        end = len(words) - 1
        while end > 1 and words[end - 1].casefold() in _PARTICLES:
            end -= 1
    return f"{' '.join(words[end:])}, {' '.join(words[:end])}"


def _split_elided(word: str) -> list[str]:
    for elided in _ELIDED:
        if word.startswith(elided) and len(word) > len(elided):
            return [elided, word[len(elided):]]
    return [word]
