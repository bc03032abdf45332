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


def default_sort_name(display_name: str, kind: str) -> str:
    """"Okafor, Ada" for a person named "Ada Okafor"; an organisation sorts by its name."""
    name = " ".join(display_name.split())
    if kind != MemberKind.PERSON or " " not in name:
        return name
    first, last = name.rsplit(" ", 1)
    return f"{last}, {first}"
