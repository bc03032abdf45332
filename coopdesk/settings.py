"""The book's settings: who the co-op is, where it is, and how its money is written.

Settings are key/value text rows, so a setting added later (the postal address came with the
desktop app) is simply absent from an older book and loads as its default: no migration.
`update_settings` is the one service that changes them; it validates every field first and
refuses to change the currency once amounts are stored (they are integer minor units of it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.models import DuesPlan, JournalEntry, Setting
from coopdesk.errors import ValidationError

#: How many lines of street address a letterhead has room for.
MAX_ADDRESS_LINES = 3
MAX_NAME_LENGTH = 120
MAX_FIELD_LENGTH = 100
#: More months than this of unpaid dues is not a grace allowance any more.
MAX_GRACE_MONTHS = 36

#: Two-letter CLDR regions that are not countries a co-op's post goes to.
NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ"})

# Loose on purpose: a treasurer's typo (no @, a space, no domain) is caught, nothing valid is.
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_PHONE = re.compile(r"\+?[0-9 ()./\-]+((ext\.?|x) ?[0-9]+)?", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class PostalAddress:
    """Where the co-op receives post; every part optional. `country` is an ISO 3166 code."""

    lines: tuple[str, ...] = ()
    postal_code: str = ""
    city: str = ""
    region: str = ""
    country: str = ""

    @property
    def is_empty(self) -> bool:
        return not (any(self.lines) or self.postal_code or self.city or self.region or self.country)


@dataclass(frozen=True, slots=True)
class BookSettings:
    name: str
    currency: str
    locale: str
    fiscal_year_start: int  # month, 1-12
    #: How many months of dues a member may owe and still be in good standing (in grace).
    grace_months: int = 2
    address: PostalAddress = PostalAddress()
    email: str = ""
    phone: str = ""

    def as_strings(self) -> dict[str, str]:
        """The settings as the book stores them, one text value per key."""
        return {
            "name": self.name,
            "currency": self.currency,
            "locale": self.locale,
            "fiscal_year_start": str(self.fiscal_year_start),
            "grace_months": str(self.grace_months),
            "address_lines": "\n".join(self.address.lines),
            "postal_code": self.address.postal_code,
            "city": self.address.city,
            "region": self.address.region,
            "country": self.address.country,
            "email": self.email,
            "phone": self.phone,
        }

    def cleaned(self) -> BookSettings:
        """The same settings with the spaces people type around text trimmed, blank address
        lines dropped and codes in their usual case."""
        address = self.address
        return replace(
            self,
            name=self.name.strip(),
            currency=self.currency.strip().upper(),
            locale=self.locale.strip(),
            address=PostalAddress(
                lines=tuple(line.strip() for line in address.lines if line.strip()),
                postal_code=address.postal_code.strip(),
                city=address.city.strip(),
                region=address.region.strip(),
                country=address.country.strip().upper(),
            ),
            email=self.email.strip(),
            phone=self.phone.strip(),
        )


def load_settings(session: Session) -> BookSettings:
    """The settings stored in the book (defaults for those an older book does not have)."""
    # The logo (a setting too, kept large) is read only by what prints it (`coopdesk.logo`).
    values = dict(session.execute(select(Setting.key, Setting.value)
                                  .where(Setting.key != "logo")).all())
    lines = values.get("address_lines", "")
    return BookSettings(
        name=values.get("name", ""),
        currency=values.get("currency", "USD"),
        locale=values.get("locale", "en_US"),
        fiscal_year_start=int(values.get("fiscal_year_start", "1")),
        grace_months=int(values.get("grace_months", "2")),
        address=PostalAddress(
            lines=tuple(line for line in lines.split("\n") if line),
            postal_code=values.get("postal_code", ""),
            city=values.get("city", ""),
            region=values.get("region", ""),
            country=values.get("country", ""),
        ),
        email=values.get("email", ""),
        phone=values.get("phone", ""),
    )


def save_settings(session: Session, settings: BookSettings) -> BookSettings:
    """Store `settings` as they are (within the caller's transaction); for a new book.
    Changes to an existing book go through `update_settings`, which checks them."""
    for key, value in settings.as_strings().items():
        session.merge(Setting(key=key, value=value))
    note_changes(session, area="settings", settings=True)
    return settings


def settings_problems(settings: BookSettings) -> list[str]:
    """Every reason `settings` cannot be stored, as "field: reason" (empty when they can).

    Pure, so a form can show the problems at its fields before anything is written. Pass
    `settings.cleaned()`: surrounding spaces count here.
    """
    problems: list[str] = []
    if not settings.name.strip():
        problems.append("name: the co-op needs a name")
    elif len(settings.name) > MAX_NAME_LENGTH:
        problems.append(f"name: at most {MAX_NAME_LENGTH} characters")
    if not is_currency(settings.currency):
        problems.append(f"currency: {settings.currency!r} is not an ISO 4217 currency code")
    if not is_locale(settings.locale):
        problems.append(f"locale: {settings.locale!r} is not a known locale (e.g. en_US, fr_FR)")
    if not 1 <= settings.fiscal_year_start <= 12:
        problems.append(f"fiscal_year_start: a month from 1 to 12, not {settings.fiscal_year_start}")
    if not 0 <= settings.grace_months <= MAX_GRACE_MONTHS:
        problems.append(f"grace_months: from 0 to {MAX_GRACE_MONTHS} months, not {settings.grace_months}")
    problems += address_problems(settings.address)
    if settings.email and not is_email(settings.email):
        problems.append(f"email: {settings.email!r} does not look like an email address")
    if settings.phone and not is_phone(settings.phone):
        problems.append(f"phone: {settings.phone!r} does not look like a phone number")
    for key in ("email", "phone"):
        value = getattr(settings, key)
        if len(value) > MAX_FIELD_LENGTH:
            problems.append(f"{key}: at most {MAX_FIELD_LENGTH} characters")
    return problems


def address_problems(address: PostalAddress) -> list[str]:
    """Every reason `address` cannot be stored, as "field: reason"."""
    problems: list[str] = []
    if len(address.lines) > MAX_ADDRESS_LINES:
        problems.append(f"address_lines: at most {MAX_ADDRESS_LINES} lines")
    if any("\n" in line or "\r" in line for line in address.lines):
        problems.append("address_lines: one line of the address per field")
    for field in fields(PostalAddress):
        value = getattr(address, field.name)
        texts = value if isinstance(value, tuple) else (value,)
        if any(len(text) > MAX_FIELD_LENGTH for text in texts):
            problems.append(f"{field.name}: at most {MAX_FIELD_LENGTH} characters")
    if address.country and not is_country(address.country):
        problems.append(f"country: {address.country!r} is not an ISO 3166 country code (e.g. US, FR)")
    return problems


def update_settings(session: Session, settings: BookSettings) -> BookSettings:
    """Change the book's settings to `settings` (cleaned of stray spaces) and note the change.

    Every problem is reported at once (ValidationError); the currency may change only while
    the book holds no amount yet, since amounts are stored as minor units of it. Returns the
    settings as stored.
    """
    settings = settings.cleaned()
    current = load_settings(session)
    problems = settings_problems(settings)
    if settings.currency != current.currency and holds_amounts(session):
        problems.append(f"currency: the book already holds amounts in {current.currency}, "
                        "so its currency cannot change")
    if problems:
        raise ValidationError(problems, subject="settings")
    before, after = current.as_strings(), settings.as_strings()
    changed = {key: value for key, value in after.items() if before.get(key) != value}
    for key, value in changed.items():
        session.merge(Setting(key=key, value=value))
    if changed:
        session.flush()
        note_changes(session, area="settings", settings=True)
    return settings


def holds_amounts(session: Session) -> bool:
    """Whether the book stores any amount (an entry or a dues plan), which fixes its currency."""
    for ids in (select(JournalEntry.id), select(DuesPlan.id)):
        if session.execute(ids.limit(1)).first() is not None:
            return True
    return False


def is_currency(code: str) -> bool:
    """Whether `code` is an ISO 4217 currency code that CLDR knows."""
    import babel.numbers

    return bool(code) and babel.numbers.is_currency(code)


def is_locale(name: str) -> bool:
    """Whether Babel knows locale `name` ("de_CH")."""
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(name)
    except (UnknownLocaleError, ValueError, TypeError):
        return False
    return True


def is_country(code: str) -> bool:
    """Whether `code` is a two-letter ISO 3166 country code that CLDR names."""
    from babel import Locale

    return (len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES
            and code in Locale("en").territories)


def is_email(text: str) -> bool:
    """Whether `text` looks like an email address (one @, a dotted domain, no spaces)."""
    return bool(_EMAIL.fullmatch(text))


def is_phone(text: str) -> bool:
    """Whether `text` looks like a phone number: digits, the usual separators, an extension."""
    return bool(_PHONE.fullmatch(text)) and sum(c.isdigit() for c in text) >= 3
