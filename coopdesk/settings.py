"""The book's settings: who the co-op is and how its money is written."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from coopdesk.changes import note_changes
from coopdesk.db.models import Setting


@dataclass(frozen=True, slots=True)
class BookSettings:
    name: str
    currency: str
    locale: str
    fiscal_year_start: int  # month, 1-12
    #: How many months of dues a member may owe and still be in good standing (in grace).
    grace_months: int = 2

    def as_strings(self) -> dict[str, str]:
        return {
            "name": self.name,
            "currency": self.currency,
            "locale": self.locale,
            "fiscal_year_start": str(self.fiscal_year_start),
            "grace_months": str(self.grace_months),
        }


def load_settings(session: Session) -> BookSettings:
    """The settings stored in the book."""
    values = dict(session.execute(select(Setting.key, Setting.value)).all())
    return BookSettings(
        name=values.get("name", ""),
        currency=values.get("currency", "USD"),
        locale=values.get("locale", "en_US"),
        fiscal_year_start=int(values.get("fiscal_year_start", "1")),
        grace_months=int(values.get("grace_months", "2")),
    )


def save_settings(session: Session, settings: BookSettings) -> BookSettings:
    """Store `settings` (within the caller's transaction)."""
    for key, value in settings.as_strings().items():
        session.merge(Setting(key=key, value=value))
    note_changes(session, area="settings", settings=True)
    return settings
