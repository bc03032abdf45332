"""Postal addresses as the post reads them: the lines that go in an envelope's window.

Where the postal code goes depends on the country: after the city and region in North America
and Australia ("Springfield, IL 62704"), on a line of its own in the United Kingdom, before the
city almost everywhere else ("75011 Paris", "10115 Berlin"). The country is written out, in
capitals on the last line, only for post that crosses a border, in the language of the country
it is posted in (UPU practice).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

from babel import Locale, UnknownLocaleError

#: Countries writing "City, REGION POSTCODE" on one line.
_CITY_REGION_CODE = frozenset({"US", "CA", "AU", "PR"})
#: Countries writing the postcode on a line of its own, after the town.
_CODE_LINE = frozenset({"GB", "IE", "IM", "JE", "GG"})


def postal_lines(name: str, street: Sequence[str], postal_code: str, city: str, region: str,
                 country: str, *, home_country: str, home_locale: str) -> tuple[str, ...]:
    """`name` and the address lines for the window, blank parts left out.

    `home_country` is where the letter is posted (ISO code; "" when unknown), `home_locale`
    names the language the country line is written in.
    """
    country = country.strip().upper()
    lines = [name.strip(), *(line.strip() for line in street if line.strip())]
    city, postal_code, region = city.strip(), postal_code.strip(), region.strip()
    kind = country or home_country.strip().upper()
    if kind in _CITY_REGION_CODE:
        place = ", ".join(part for part in (city, " ".join(p for p in (region, postal_code) if p)) if part)
        lines.append(place)
    elif kind in _CODE_LINE:
        lines += [city, region, postal_code]
    else:
        lines += [" ".join(part for part in (postal_code, city) if part), region]
    if country and country != home_country.strip().upper():
        lines.append(_country_name(country, home_locale).upper())
    return tuple(line for line in lines if line)


@lru_cache(maxsize=256)
def _country_name(code: str, locale: str) -> str:
    try:
        names = Locale.parse(locale).territories
    except (UnknownLocaleError, ValueError):
        names = Locale("en").territories
    return str(names.get(code, code))
