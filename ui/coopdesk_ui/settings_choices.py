"""What the settings forms offer to choose from: locales, currencies, months, countries.

Lists, not free text, so that a treasurer picks "French (Canada)" rather than typing "fr_CA".
Names are in the app's own language; a locale is also named in its own language, since that
is how its speakers look for it. Everything comes from CLDR through Babel.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import babel.dates
import babel.numbers
from babel import Locale, UnknownLocaleError

from coopdesk.formatting import Formatter
from coopdesk.money import Money
from coopdesk.settings import NOT_COUNTRIES, PostalAddress

#: The locales most co-ops keep books in; the computer's and the book's own are added when not here.
COMMON_LOCALES = (
    "en_US", "en_GB", "en_CA", "en_AU", "en_NZ", "en_IE", "en_IN", "en_ZA", "en_KE", "en_NG",
    "en_PH", "en_SG", "fr_FR", "fr_CA", "fr_BE", "fr_CH", "de_DE", "de_AT", "de_CH", "it_IT",
    "es_ES", "es_MX", "es_AR", "es_CO", "es_CL", "es_PE", "es_US", "ca_ES", "eu_ES", "gl_ES",
    "pt_PT", "pt_BR", "nl_NL", "nl_BE", "sv_SE", "nb_NO", "da_DK", "fi_FI", "is_IS", "pl_PL",
    "cs_CZ", "hu_HU", "ro_RO", "el_GR", "tr_TR", "uk_UA", "he_IL", "ar_EG", "hi_IN", "ja_JP",
    "ko_KR", "zh_CN", "zh_TW", "id_ID", "sw_KE", "ga_IE", "cy_GB",
)
#: Currencies offered besides those of the common locales.
EXTRA_CURRENCIES = ("USD", "EUR", "GBP", "CHF")


def ui_language() -> str:
    """The language the app's own labels are in (English until catalogs come with issue 5)."""
    return "en"


@lru_cache(maxsize=None)
def locale_label(name: str) -> str:
    """"French (Canada) — français (Canada)": the locale in the app's language and its own."""
    locale = Locale.parse(name)
    here = locale.get_display_name(ui_language()) or name
    own = locale.get_display_name() or name
    return here if own == here else f"{here} \N{EM DASH} {own}"


def locale_choices(*also: str) -> list[tuple[str, str]]:
    """(label, locale) for the common locales and `also` (the computer's, the book's), sorted
    by label; names Babel does not know are left out."""
    names = dict.fromkeys(COMMON_LOCALES)
    for name in also:
        try:
            names.setdefault(str(Locale.parse(name)))
        except (UnknownLocaleError, ValueError, TypeError):
            continue
    return sorted(((locale_label(name), name) for name in names), key=lambda pair: pair[0].casefold())


def default_currency(locale: str) -> str:
    """The currency people use where `locale` is spoken (EUR for fr_FR), else USD."""
    try:
        territory = Locale.parse(locale).territory
    except (UnknownLocaleError, ValueError, TypeError):
        return "USD"
    found = babel.numbers.get_territory_currencies(territory, tender=True) if territory else []
    return found[0] if found else "USD"


@lru_cache(maxsize=None)
def currency_label(code: str) -> str:
    """"EUR — Euro"."""
    return f"{code} \N{EM DASH} {babel.numbers.get_currency_name(code, locale=ui_language())}"


def currency_choices(*also: str) -> list[tuple[str, str]]:
    """(label, code) for the currencies of the common locales, EXTRA_CURRENCIES and `also`,
    sorted by code (treasurers know their currency's code)."""
    codes = {default_currency(name) for name in COMMON_LOCALES}
    codes.update(EXTRA_CURRENCIES)
    codes.update(code for code in also if code and babel.numbers.is_currency(code))
    return [(currency_label(code), code) for code in sorted(codes)]


def month_choices() -> list[tuple[str, int]]:
    """(month name, month number) from January."""
    names = babel.dates.get_month_names("wide", context="stand-alone", locale=ui_language())
    return [(names[month], month) for month in range(1, 13)]


@lru_cache(maxsize=1)
def country_choices() -> tuple[tuple[str, str], ...]:
    """(country name, ISO code), sorted by name."""
    territories = Locale.parse(ui_language()).territories
    pairs = [(name, code) for code, name in territories.items()
             if len(code) == 2 and code.isalpha() and code not in NOT_COUNTRIES]
    return tuple(sorted(pairs, key=lambda pair: pair[0].casefold()))


def locale_sample(locale: str, currency: str, today: dt.date) -> tuple[str, str]:
    """How an amount and a date look in `locale`: what the treasurer will see everywhere."""
    formatter = Formatter(locale)
    digits = babel.numbers.get_currency_precision(currency)
    amount = Money("1234.56" if digits >= 2 else "1234", currency)
    return formatter.money(amount), formatter.date(today)


def country_name(code: str) -> str:
    """The country's name in the app's language ("" for no country)."""
    if not code:
        return ""
    return str(Locale.parse(ui_language()).territories.get(code, code))


def address_text(address: PostalAddress) -> str:
    """The address as lines of text, as on an envelope (without the co-op's name)."""
    town = " ".join(part for part in (address.postal_code, address.city) if part)
    lines = [*address.lines, town, address.region, country_name(address.country)]
    return "\n".join(line for line in lines if line)
