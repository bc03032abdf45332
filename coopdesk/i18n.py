"""Translation of user-visible text: one gettext domain, catalogs kept with Babel.

Every label the app shows goes through `_` (or `ngettext`) from the start, so that adding a
language means adding a catalog under `coopdesk/locale/<lang>/LC_MESSAGES/coopdesk.po` (and its
compiled `.mo`, both made by `scripts/translations.sh`) and nothing else: the app offers every
language it finds a catalog for. `_` looks the text up in the language chosen with `use_language` at the moment it
is called, so a module may import `_` once and still follow a later change of language. Text
that must be marked where it is defined but translated later (a table of column titles built at
import time) is wrapped in `N_` and passed through `_` where it is shown.
"""

from __future__ import annotations

import gettext
from functools import lru_cache
from pathlib import Path

DOMAIN = "coopdesk"
LOCALE_DIR = Path(__file__).parent / "locale"

_current: gettext.NullTranslations = gettext.NullTranslations()


@lru_cache(maxsize=None)
def translations(language: str | None) -> gettext.NullTranslations:
    """The catalog for `language` ("fr", "es_MX"...), falling back to English text."""
    if not language:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def available_languages() -> tuple[str, ...]:
    """The languages with a compiled catalog ("de", "es", "fr"...), sorted; English, the text
    of the code itself, needs none and is not among them."""
    return tuple(sorted(mo.parent.parent.name for mo in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")))


def use_language(language: str | None) -> None:
    """Translate the text of every later `_` call into `language` (None: English)."""
    global _current
    _current = translations(language)


def _(message: str) -> str:
    """`message` in the language in use."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form for `count`, in the language in use."""
    return _current.ngettext(singular, plural, count)


def N_(message: str) -> str:
    """Mark `message` for translation without translating it yet."""
    return message
