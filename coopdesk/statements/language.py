"""Which language a member's statement is written in, and which locale writes its figures.

A member reads their statement in the language the register names for them, if coopdesk
writes statements in it, else in the book's. Amounts and dates follow that language as it is
written in the co-op's country where CLDR knows the pair (French in Belgium: "fr_BE"), else
as it is written where the language is most at home (French with a US co-op: "fr_FR"), so a
French member never gets French words with American figures.
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError
from babel.core import get_global

from coopdesk.i18n import DOMAIN, LOCALE_DIR

#: The languages the statements issue promises, catalog or not (labels stay English until the
#: catalog comes). Any other language with a catalog is offered too.
PROMISED_LANGUAGES = frozenset({"en", "es", "fr", "de"})


@lru_cache(maxsize=256)
def statement_locale(member_language: str | None, book_locale: str,
                     country: str = "") -> tuple[str, str]:
    """The statement's (language, locale) for a member, e.g. ("fr", "fr_FR").

    `member_language` is the register's preferred statement language ("fr", "de-DE", None);
    `book_locale` the book's locale ("en_US"); `country` the co-op's country from its address
    (ISO code), when set, else the book locale's. A member's code that names a country
    ("fr_CA") is used whole for the figures.
    """
    book = Locale.parse(book_locale)
    chosen = _parsed(member_language)
    if chosen is None or chosen.language not in statement_languages():
        chosen = book
    if chosen.territory:
        return chosen.language, str(chosen)
    return chosen.language, str(_with_country(chosen.language, country or book.territory))


@lru_cache(maxsize=None)
def statement_languages() -> frozenset[str]:
    """The languages statements are written in: the promised ones and any with a catalog."""
    found = set(PROMISED_LANGUAGES)
    if LOCALE_DIR.is_dir():
        for folder in LOCALE_DIR.iterdir():
            if (folder / "LC_MESSAGES" / f"{DOMAIN}.mo").is_file():
                found.add(folder.name.split("_")[0])
    return frozenset(found)


@lru_cache(maxsize=None)
def _with_country(language: str, country: str | None) -> Locale:
    if country:
        try:
            return Locale.parse(f"{language}_{country}")
        except (UnknownLocaleError, ValueError):
            pass
    likely = get_global("likely_subtags").get(language)
    if likely:
        parts = likely.split("_")
        return Locale(language, parts[-1]) if len(parts) > 1 else Locale(language)
    return Locale(language)


def _parsed(code: str | None) -> Locale | None:
    if not code:
        return None
    try:
        return Locale.parse(code.strip().replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        return None
