"""Locale-aware display and parsing of money, numbers and dates, all through one object.

Every screen, report and export formats through a `Formatter`, so the locale is decided in one
place and every text follows CLDR (via Babel) the same way. Parsing is strict: what a treasurer
types is either read exactly as meant or refused with a `ParseError` naming the text.
"""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import babel.dates
import babel.numbers
from babel import Locale, UnknownLocaleError

from coopdesk.errors import InputError
from coopdesk.money import Money, minor_digits

__all__ = ["Formatter", "ParseError"]

# Invisible direction marks that some locales (Arabic, Hebrew) put around numbers and dates.
_BIDI_MARKS = re.compile("[\u200e\u200f\u061c]")
_MINUS_SIGNS = ("-", "\u2212")
_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# Three numbers with separators between them; a trailing "." as in "26. 3. 31." is allowed.
_NUMERIC_DATE = re.compile(r"([0-9]+)\W+([0-9]+)\W+([0-9]+)\W*")
# `Formatter.month`'s formats as CLDR skeletons: the locale picks its own pattern for them.
_MONTH_SKELETONS = {"short": "MMM", "short_year": "yMMM", "long_year": "yMMMM"}


class ParseError(InputError, ValueError):
    """Text typed by the user is not a valid amount or date; the message names the text."""


class Formatter:
    """Formats and parses money, numbers and dates for one locale (e.g. "de_DE")."""

    def __init__(self, locale: str) -> None:
        try:
            self._locale = Locale.parse(locale)
        except (ValueError, TypeError, UnknownLocaleError) as exc:
            raise ValueError(f"{locale!r} is not a locale Babel knows, e.g. 'en_US'") from exc
        self._name = str(self._locale)
        self._group = babel.numbers.get_group_symbol(self._locale)
        self._decimal = babel.numbers.get_decimal_symbol(self._locale)
        self._minus_signs = (*_MINUS_SIGNS, babel.numbers.get_minus_sign_symbol(self._locale))
        self._number_body = re.compile(f"[0-9{re.escape(self._group + self._decimal)}]+")
        self._plain_pattern = self._locale.decimal_formats[None].pattern

    @property
    def locale(self) -> str:
        """The locale identifier, e.g. "fr_FR"."""
        return self._name

    def money(self, m: Money, *, with_symbol: bool = True) -> str:
        """`m` as the locale writes amounts, always with all of its currency's decimals.

        Without the symbol the locale's plain number pattern is used, for columns whose header
        already names the currency.
        """
        pattern = None if with_symbol else self._plain_pattern
        return babel.numbers.format_currency(
            m.amount, m.currency, format=pattern, locale=self._locale, currency_digits=True
        )

    def parse_money(self, text: str, currency: str) -> Money:
        """The amount of `currency` written in `text`, as typed or as `money()` writes it.

        Accepts an optional currency symbol or code before or after the number and a leading
        minus. Refuses grouping that does not follow the locale and more decimals than the
        currency has, rather than guessing.
        """
        digits = minor_digits(currency)
        body = _BIDI_MARKS.sub("", text).strip()
        if not body:
            raise ParseError(f"{text!r} is not an amount: it is empty")
        negative, body = self._take_minus(body)
        body = self._drop_currency(body, currency)
        if not negative:
            negative, body = self._take_minus(body)
        if self._group in babel.numbers.SPACE_CHARS:
            # People type an ordinary space where CLDR puts a narrow no-break space.
            body = babel.numbers.SPACE_CHARS_RE.sub(self._group, body)
        if not self._number_body.fullmatch(body):
            raise ParseError(f"{text!r} is not an amount in {self._name}")
        try:
            value = babel.numbers.parse_decimal(body, self._locale, strict=True)
        except babel.numbers.NumberFormatError as exc:
            # Babel's guesses can be nonsense for money ("1,23456" EUR): offer only valid ones.
            fitting = [s for s in exc.suggestions or [] if self._decimals(s) <= digits]
            hint = f" (did you mean {' or '.join(fitting)}?)" if fitting else ""
            raise ParseError(f"{text!r} is not an amount in {self._name}{hint}") from None
        try:
            amount = Money(-value if negative else value, currency)
        except ValueError:
            raise ParseError(
                f"{text!r} has more decimals than {currency} allows ({digits})"
            ) from None
        return amount

    def _decimals(self, number: str) -> int:
        return len(number.partition(self._decimal)[2])

    def _take_minus(self, body: str) -> tuple[bool, str]:
        for sign in self._minus_signs:
            if body.startswith(sign):
                return True, body[len(sign) :].strip()
        return False, body

    def _drop_currency(self, body: str, currency: str) -> str:
        symbol = _BIDI_MARKS.sub("", babel.numbers.get_currency_symbol(currency, self._locale))
        # Longest first, so that "US$" is not cut down to "US" by a "$".
        for token in sorted({symbol, currency}, key=len, reverse=True):
            if body.startswith(token):
                return body[len(token) :].strip()
            if body.endswith(token):
                return body[: -len(token)].strip()
        return body

    def number(self, d: Decimal | int) -> str:
        """`d` with the locale's separators and every significant decimal (none are hidden)."""
        if isinstance(d, float):
            raise TypeError("floats are refused: format a Decimal or int")
        return babel.numbers.format_decimal(d, locale=self._locale, decimal_quantization=False)

    def date(self, d: datetime.date, format: str = "medium") -> str:
        """`d` in one of the locale's formats: "short", "medium", "long", "full" or a pattern."""
        return babel.dates.format_date(d, format, locale=self._locale)

    def month(self, d: datetime.date, format: str = "short") -> str:
        """The month of `d` on its own, as the locale names it: "short" ("Jun", "juin"),
        "long" ("June", "juin"), "short_year" ("Jun 2026") or "long_year" ("June 2026",
        "junio de 2026"), for chart axes, headings and periods."""
        if format == "long":
            # No locale has a skeleton for the full month alone; "LLLL" is its stand-alone name
            # (Russian "июнь", not the "июня" of a date).
            return babel.dates.format_date(d, "LLLL", locale=self._locale)
        skeleton = _MONTH_SKELETONS.get(format)
        if skeleton is None:
            raise ValueError(f"{format!r} is not a month format: use short, long, short_year "
                             "or long_year")
        return babel.dates.format_skeleton(skeleton, d, locale=self._locale)

    def percent(self, x: Decimal | int, *, exact: bool = False) -> str:
        """The fraction `x` (0.83 for 83 %) as a percentage the way the locale writes it
        ("83%", "83\u00a0%"): whole, rounded half to even, or with `exact` every decimal it has
        (0.075: "7.5%", "7,5\u00a0%")."""
        if isinstance(x, float):
            raise TypeError("floats are refused: format a Decimal or int")
        return babel.numbers.format_percent(x, locale=self._locale, decimal_quantization=not exact)

    def parse_date(self, text: str) -> datetime.date:
        """The date written in `text`, either ISO ("2026-03-31") or in the locale's short format.

        Stricter than Babel: exactly three numbers, a year of two or four digits (two meaning
        20xx), and day and month must be where the locale puts them, never swapped to fit.
        """
        stripped = _BIDI_MARKS.sub("", text).strip()
        short_pattern = babel.dates.get_date_format("short", self._locale).pattern
        try:
            if _ISO_DATE.fullmatch(stripped):
                return datetime.date.fromisoformat(stripped)
            # Quoted literals of the pattern, such as Bulgarian "'г'", are not part of the date.
            numeric = stripped
            for literal in re.findall("'([^']+)'", short_pattern):
                numeric = numeric.replace(literal, "")
            fields = _NUMERIC_DATE.fullmatch(numeric.strip())
            if fields is None:
                raise ValueError("not three numbers")
            year, month, day = (fields.group(i + 1) for i in _field_order(short_pattern))
            if len(year) not in (2, 4) or len(month) > 2 or len(day) > 2:
                raise ValueError("field widths do not match a date")
            parsed = babel.dates.parse_date(numeric, self._locale, format="short")
            # Babel swaps day and month when the month is above 12; a ledger date must not move.
            if (parsed.month, parsed.day) != (int(month), int(day)):
                raise ValueError("day and month are the other way round")
        except ValueError:
            raise ParseError(
                f"{text!r} is not a date in {self._name}: write it as "
                f"{self.date(datetime.date(2026, 3, 31), 'short')} or 2026-03-31"
            ) from None
        return parsed


def _field_order(date_pattern: str) -> tuple[int, int, int]:
    """Positions (0, 1, 2) of year, month and day in a CLDR date pattern such as "dd.MM.yy"."""
    fields = re.sub("'[^']*'", "", date_pattern)
    first_use = {
        field: min(fields.find(letter) for letter in letters if letter in fields)
        for field, letters in (("y", "yY"), ("M", "ML"), ("d", "d"))
    }
    ranked = sorted(first_use, key=first_use.__getitem__)
    return ranked.index("y"), ranked.index("M"), ranked.index("d")
