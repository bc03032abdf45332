"""Formatter: money, numbers and dates as each locale writes them, and strict parsing back."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.errors import InputError
from coopdesk.formatting import Formatter, ParseError
from coopdesk.money import Money

LOCALES = ("en_US", "de_DE", "fr_FR", "es_ES")
NNBSP = "\u202f"  # narrow no-break space: CLDR's French group separator
NBSP = "\u00a0"  # no-break space: before the symbol in de/fr/es


@pytest.fixture(params=LOCALES)
def formatter(request: pytest.FixtureRequest) -> Formatter:
    return Formatter(request.param)


fr, de, en, es = (Formatter(name) for name in ("fr_FR", "de_DE", "en_US", "es_ES"))


# --- locales -------------------------------------------------------------------------------------


def test_locale_is_kept() -> None:
    assert de.locale == "de_DE"


@pytest.mark.parametrize("name", ["xx_YY", "en_XX", "", "en-US", "C"])
def test_unknown_locale_is_refused(name: str) -> None:
    with pytest.raises(ValueError, match=re.escape(f"{name!r} is not a locale")):
        Formatter(name)


# --- formatting money ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "money", "text"),
    [
        ("fr_FR", Money("-1234.5", "EUR"), f"-1{NNBSP}234,50{NBSP}€"),
        ("de_DE", Money("-1234.5", "EUR"), f"-1.234,50{NBSP}€"),
        ("es_ES", Money("-1234.5", "EUR"), f"-1.234,50{NBSP}€"),
        ("en_US", Money("-1234.5", "EUR"), "-€1,234.50"),
        ("en_US", Money("1234.5", "USD"), "$1,234.50"),
        ("en_US", Money("1234567", "JPY"), "¥1,234,567"),
        ("en_US", Money("-0.005", "KWD"), "-KWD0.005"),
        ("de_DE", Money("1234.5", "USD"), f"1.234,50{NBSP}$"),
        ("fr_FR", Money("1234.5", "USD"), f"1{NNBSP}234,50{NBSP}$US"),
        ("fr_FR", Money("1234", "JPY"), f"1{NNBSP}234{NBSP}JPY"),
        ("es_ES", Money("1234.5", "USD"), f"1.234,50{NBSP}US$"),
        ("de_DE", Money("0", "KWD"), f"0,000{NBSP}KWD"),
    ],
)
def test_money_follows_cldr(locale: str, money: Money, text: str) -> None:
    assert Formatter(locale).money(money) == text


@pytest.mark.parametrize(
    ("locale", "text"),
    [
        ("fr_FR", f"-1{NNBSP}234,50"),
        ("de_DE", "-1.234,50"),
        ("en_US", "-1,234.50"),
        ("es_ES", "-1.234,50"),
    ],
)
def test_money_without_symbol_keeps_all_decimals(locale: str, text: str) -> None:
    assert Formatter(locale).money(Money("-1234.5", "EUR"), with_symbol=False) == text


def test_money_without_symbol_follows_the_currency_digits() -> None:
    assert en.money(Money("5", "KWD"), with_symbol=False) == "5.000"
    assert en.money(Money("1234567", "JPY"), with_symbol=False) == "1,234,567"


# --- parsing money -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formatter_", "text", "expected"),
    [
        (de, "1.234,56", Money("1234.56", "EUR")),
        (de, "1234,56", Money("1234.56", "EUR")),
        (de, "  -1.234,56 € ", Money("-1234.56", "EUR")),
        (de, "EUR 12,5", Money("12.50", "EUR")),
        (de, "\u22125", Money("-5", "EUR")),
        (de, ",5", Money("0.50", "EUR")),
        (en, "1,234.56", Money("1234.56", "EUR")),
        (en, "-€1,234.56", Money("-1234.56", "EUR")),
        (en, "€-1,234.56", Money("-1234.56", "EUR")),
        (en, "1,234.500", Money("1234.50", "EUR")),
        (en, "12 EUR", Money("12", "EUR")),
        (fr, f"-1{NNBSP}234,50{NBSP}€", Money("-1234.50", "EUR")),
        (fr, "1 234,50 €", Money("1234.50", "EUR")),
        (fr, f"1{NBSP}234,50", Money("1234.50", "EUR")),
        (es, "1.234,5 US$", Money("1234.50", "USD")),
    ],
)
def test_parse_money(formatter_: Formatter, text: str, expected: Money) -> None:
    assert formatter_.parse_money(text, expected.currency) == expected


@pytest.mark.parametrize(
    ("formatter_", "text", "currency", "message"),
    [
        (de, "12,3,4", "EUR", "'12,3,4' is not an amount in de_DE"),
        (de, "1.2.3", "EUR", "'1.2.3' is not an amount in de_DE (did you mean 123?)"),
        (de, "1,234.56", "EUR", "'1,234.56' is not an amount in de_DE (did you mean 1.234,56?)"),
        (de, "30.00", "EUR", "'30.00' is not an amount in de_DE (did you mean 3.000 or 30?)"),
        (en, "12,34", "USD", "'12,34' is not an amount in en_US (did you mean 1,234 or 12.34?)"),
        (en, "12.345", "USD", "'12.345' has more decimals than USD allows (2)"),
        (en, "1.5", "JPY", "'1.5' has more decimals than JPY allows (0)"),
        (en, "", "USD", "'' is not an amount: it is empty"),
        (en, "   ", "USD", "'   ' is not an amount: it is empty"),
        (en, "$", "USD", "'$' is not an amount in en_US"),
        (en, "abc", "USD", "'abc' is not an amount in en_US"),
        (en, "+5", "USD", "'+5' is not an amount in en_US"),
        (en, "--5", "USD", "'--5' is not an amount in en_US"),
        (en, "1e3", "USD", "'1e3' is not an amount in en_US"),
        (en, "1_000", "USD", "'1_000' is not an amount in en_US"),
        (en, "NaN", "USD", "'NaN' is not an amount in en_US"),
        (en, "Infinity", "USD", "'Infinity' is not an amount in en_US"),
        (en, "€5", "USD", "'€5' is not an amount in en_US"),
        (en, "5 $ $", "USD", "'5 $ $' is not an amount in en_US"),
        (en, "١٢", "USD", "'١٢' is not an amount in en_US"),
        (de, "5 $", "EUR", "'5 $' is not an amount in de_DE"),
    ],
)
def test_parse_money_refuses_with_a_message_naming_the_text(
    formatter_: Formatter, text: str, currency: str, message: str
) -> None:
    with pytest.raises(ParseError) as caught:
        formatter_.parse_money(text, currency)
    assert str(caught.value) == message


def test_parse_error_is_a_value_error_and_an_input_error() -> None:
    with pytest.raises(ParseError) as caught:
        en.parse_money("x", "USD")
    assert isinstance(caught.value, ValueError)
    assert isinstance(caught.value, InputError)
    assert caught.value.message == "'x' is not an amount in en_US"


def test_parse_money_with_an_unknown_currency_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="not a known ISO 4217 currency code") as caught:
        en.parse_money("5", "usd")
    assert not isinstance(caught.value, ParseError)


@given(
    units=st.integers(min_value=-(10**12), max_value=10**12),
    currency=st.sampled_from(("USD", "EUR", "JPY", "KWD")),
    locale=st.sampled_from(LOCALES),
    with_symbol=st.booleans(),
)
def test_money_round_trips_through_text(
    units: int, currency: str, locale: str, with_symbol: bool
) -> None:
    formatter_ = Formatter(locale)
    money = Money.from_minor(units, currency)
    text = formatter_.money(money, with_symbol=with_symbol)
    assert formatter_.parse_money(text, currency) == money


# --- numbers -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formatter_", "value", "text"),
    [
        (en, Decimal("-1234567.891"), "-1,234,567.891"),
        (de, Decimal("-1234567.891"), "-1.234.567,891"),
        (fr, Decimal("1234567.891"), f"1{NNBSP}234{NNBSP}567,891"),
        (en, 1234, "1,234"),
        (en, Decimal("0.123456"), "0.123456"),
        (en, Decimal("1.50"), "1.5"),
    ],
)
def test_number(formatter_: Formatter, value: Decimal | int, text: str) -> None:
    assert formatter_.number(value) == text


def test_number_refuses_floats() -> None:
    with pytest.raises(TypeError, match="floats are refused"):
        en.number(1.5)  # type: ignore[arg-type]


# --- percentages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("formatter_", "value", "text"),
    [
        (en, Decimal("0.83"), "83%"),
        (en, Decimal("0.825"), "82%"),  # half to even
        (en, Decimal("12.345"), "1,234%"),
        (en, 0, "0%"),
        (de, Decimal("0.835"), f"84{NBSP}%"),
        (fr, 1, f"100{NBSP}%"),
        (es, Decimal("-0.5"), f"-50{NBSP}%"),
    ],
)
def test_percent(formatter_: Formatter, value: Decimal | int, text: str) -> None:
    assert formatter_.percent(value) == text


def test_percent_refuses_floats() -> None:
    with pytest.raises(TypeError, match="floats are refused"):
        en.percent(0.5)  # type: ignore[arg-type]


# --- dates ---------------------------------------------------------------------------------------

END_OF_QUARTER = datetime.date(2026, 3, 31)


@pytest.mark.parametrize(
    ("formatter_", "format_", "text"),
    [
        (en, "medium", "Mar 31, 2026"),
        (en, "short", "3/31/26"),
        (de, "medium", "31.03.2026"),
        (de, "short", "31.03.26"),
        (fr, "medium", "31 mars 2026"),
        (fr, "short", "31/03/2026"),
        (es, "short", "31/3/26"),
        (en, "yyyy-MM-dd", "2026-03-31"),
    ],
)
def test_date(formatter_: Formatter, format_: str, text: str) -> None:
    assert formatter_.date(END_OF_QUARTER, format_) == text


def test_date_defaults_to_medium() -> None:
    assert de.date(END_OF_QUARTER) == "31.03.2026"


@pytest.mark.parametrize(
    ("formatter_", "format_", "text"),
    [
        (en, "short", "Jun"),
        (en, "long", "June"),
        (en, "short_year", "Jun 2026"),
        (en, "long_year", "June 2026"),
        (de, "short", "Jun"),
        (de, "long", "Juni"),
        (fr, "short", "juin"),
        (fr, "long_year", "juin 2026"),
        (es, "long", "junio"),
        (es, "long_year", "junio de 2026"),
        (Formatter("ru_RU"), "long", "июнь"),  # the month on its own, not "июня" as in a date
    ],
)
def test_month(formatter_: Formatter, format_: str, text: str) -> None:
    assert formatter_.month(datetime.date(2026, 6, 30), format_) == text


def test_month_defaults_to_short_and_knows_its_formats() -> None:
    assert de.month(datetime.date(2026, 3, 1)) == "Mär"
    with pytest.raises(ValueError, match="'medium' is not a month format"):
        en.month(END_OF_QUARTER, "medium")


def test_parse_date_always_accepts_iso(formatter: Formatter) -> None:
    assert formatter.parse_date("2026-03-31") == END_OF_QUARTER
    assert formatter.parse_date(" 2026-03-31 ") == END_OF_QUARTER


@pytest.mark.parametrize(
    ("formatter_", "text"),
    [
        (en, "3/31/26"),
        (en, "3/31/2026"),
        (en, "03/31/2026"),
        (de, "31.03.26"),
        (de, "31.3.2026"),
        (fr, "31/03/2026"),
        (fr, "31/03/26"),
        (es, "31/3/26"),
    ],
)
def test_parse_date_in_the_short_format(formatter_: Formatter, text: str) -> None:
    assert formatter_.parse_date(text) == END_OF_QUARTER


@pytest.mark.parametrize(
    ("formatter_", "text"),
    [
        (en, "31/3/26"),  # day first in a month-first locale: Babel alone would swap it
        (de, "3.31.26"),
        (de, "31.03"),  # Babel alone raises IndexError
        (de, "1.2.3.4"),  # Babel alone reads 0003-02-01
        (de, "31.03.026"),
        (de, "31.03.20266"),
        (de, "31.003.26"),
        (de, "30.02.2026"),
        (en, "2026-02-30"),
        (en, "2026-3-31"),
        (en, "20260331"),
        (en, ""),
        (en, "tomorrow"),
        (en, "Mar 31, 2026"),
        (de, "31.03.26 abc"),
    ],
)
def test_parse_date_refuses_with_a_message_naming_the_text(
    formatter_: Formatter, text: str
) -> None:
    with pytest.raises(ParseError) as caught:
        formatter_.parse_date(text)
    assert str(caught.value).startswith(f"{text!r} is not a date in {formatter_.locale}")


def test_parse_date_error_shows_the_expected_form() -> None:
    with pytest.raises(ParseError, match=re.escape("write it as 31.03.26 or 2026-03-31")):
        de.parse_date("März")


@given(
    day=st.dates(min_value=datetime.date(2000, 1, 1), max_value=datetime.date(2099, 12, 31)),
    locale=st.sampled_from(LOCALES),
)
def test_short_dates_round_trip_this_century(day: datetime.date, locale: str) -> None:
    # Two-digit years are read as 20xx, so only this century survives a short format.
    formatter_ = Formatter(locale)
    assert formatter_.parse_date(formatter_.date(day, "short")) == day


@given(day=st.dates(min_value=datetime.date(1000, 1, 1)), locale=st.sampled_from(LOCALES))
def test_iso_dates_round_trip(day: datetime.date, locale: str) -> None:
    assert Formatter(locale).parse_date(day.isoformat()) == day
