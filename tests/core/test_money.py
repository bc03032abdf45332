"""Money: exact amounts, named rounding, and allocations that add back to the pool."""

from __future__ import annotations

import dataclasses
import decimal
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from coopdesk.money import CurrencyMismatch, Money, Rounding, allocate, minor_digits

CURRENCIES = ("USD", "JPY", "KWD")

currencies = st.sampled_from(CURRENCIES)
minor_amounts = st.integers(min_value=-(10**12), max_value=10**12)


def usd(amount: str) -> Money:
    return Money(amount, "USD")


# --- currencies and rounding names ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("currency", "digits"), [("USD", 2), ("EUR", 2), ("JPY", 0), ("KWD", 3)]
)
def test_minor_digits_come_from_cldr(currency: str, digits: int) -> None:
    assert minor_digits(currency) == digits


@pytest.mark.parametrize("code", ["usd", "ZZZ", "", "US"])
def test_unknown_currency_is_refused(code: str) -> None:
    with pytest.raises(ValueError, match="not a known ISO 4217 currency code"):
        minor_digits(code)
    with pytest.raises(ValueError, match="not a known ISO 4217 currency code"):
        Money("1", code)


def test_minor_digits_is_cached() -> None:
    minor_digits("USD")
    hits = minor_digits.cache_info().hits
    minor_digits("USD")
    assert minor_digits.cache_info().hits == hits + 1


def test_rounding_names_map_to_decimal_constants() -> None:
    assert {r.name: r.value for r in Rounding} == {
        "HALF_EVEN": decimal.ROUND_HALF_EVEN,
        "HALF_UP": decimal.ROUND_HALF_UP,
        "HALF_DOWN": decimal.ROUND_HALF_DOWN,
        "UP": decimal.ROUND_UP,
        "DOWN": decimal.ROUND_DOWN,
        "CEILING": decimal.ROUND_CEILING,
        "FLOOR": decimal.ROUND_FLOOR,
    }


# --- construction --------------------------------------------------------------------------------


@pytest.mark.parametrize("amount", [Decimal("12.5"), 12, "12.5", " 12.50 "])
def test_constructor_accepts_decimal_int_and_str(amount: Decimal | int | str) -> None:
    assert Money(amount, "USD").amount in (Decimal("12.50"), Decimal("12.00"))


def test_amount_is_stored_quantized_to_the_minor_unit() -> None:
    money = usd("1.5")
    assert money.amount == Decimal("1.50")
    assert str(money.amount) == "1.50"
    assert money.amount.as_tuple().exponent == -2
    assert Money(7, "JPY").amount.as_tuple().exponent == 0
    assert str(Money("1.5", "KWD").amount) == "1.500"


def test_trailing_zeros_beyond_the_minor_unit_are_fine() -> None:
    assert usd("1.500") == usd("1.5")
    assert Money("100.0", "JPY").amount == Decimal("100")


def test_negative_zero_is_plain_zero() -> None:
    assert str(Money("-0.00", "USD")) == "0.00 USD"
    assert not Money("-0", "USD").is_negative


@pytest.mark.parametrize(
    ("amount", "currency", "message"),
    [
        ("1.005", "USD", "1.005 has more decimals than USD allows (2)"),
        (Decimal("0.5"), "JPY", "0.5 has more decimals than JPY allows (0)"),
        ("0.0001", "KWD", "0.0001 has more decimals than KWD allows (3)"),
    ],
)
def test_amount_finer_than_the_minor_unit_is_refused(
    amount: Decimal | str, currency: str, message: str
) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        Money(amount, currency)


def test_float_is_refused() -> None:
    with pytest.raises(TypeError, match="floats are refused"):
        Money(1.5, "USD")  # type: ignore[arg-type]


@pytest.mark.parametrize("amount", [True, Fraction(1, 2), None, [1]])
def test_other_amount_types_are_refused(amount: object) -> None:
    with pytest.raises(TypeError):
        Money(amount, "USD")  # type: ignore[arg-type]


@pytest.mark.parametrize("amount", ["NaN", "Infinity", "-Infinity", Decimal("sNaN"), "nan"])
def test_non_finite_amounts_are_refused(amount: Decimal | str) -> None:
    with pytest.raises(ValueError, match="finite"):
        Money(amount, "USD")


def test_unparsable_string_is_refused() -> None:
    with pytest.raises(ValueError, match="'twelve' is not a decimal number"):
        Money("twelve", "USD")


def test_money_is_immutable() -> None:
    money = usd("1")
    with pytest.raises(dataclasses.FrozenInstanceError):
        money.amount = Decimal("2")  # type: ignore[misc]


def test_zero() -> None:
    assert Money.zero("KWD") == Money("0", "KWD")
    assert str(Money.zero("KWD")) == "0.000 KWD"
    assert Money.zero("USD").is_zero


# --- minor units ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("units", "currency", "text"),
    [(1250, "USD", "12.50 USD"), (-5, "KWD", "-0.005 KWD"), (1235, "JPY", "1235 JPY")],
)
def test_from_minor(units: int, currency: str, text: str) -> None:
    money = Money.from_minor(units, currency)
    assert str(money) == text
    assert money.minor_units == units


def test_minor_units_stay_exact_beyond_decimal_precision() -> None:
    huge = 10**40 + 1  # more digits than decimal's default 28-digit context
    assert Money.from_minor(huge, "USD").minor_units == huge
    assert (Money.from_minor(huge, "USD") + usd("0.01")).minor_units == huge + 1


@pytest.mark.parametrize("units", [1.0, True, "5", Decimal(5)])
def test_from_minor_needs_an_int(units: object) -> None:
    with pytest.raises(TypeError):
        Money.from_minor(units, "USD")  # type: ignore[arg-type]


@given(units=minor_amounts, currency=currencies)
def test_from_minor_round_trips(units: int, currency: str) -> None:
    assert Money.from_minor(units, currency).minor_units == units


# --- explicit rounding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rounding", "positive", "negative", "half"),
    [
        (Rounding.HALF_EVEN, "2.34", "-2.34", "0.02"),
        (Rounding.HALF_UP, "2.35", "-2.35", "0.03"),
        (Rounding.HALF_DOWN, "2.34", "-2.34", "0.02"),
        (Rounding.UP, "2.35", "-2.35", "0.03"),
        (Rounding.DOWN, "2.34", "-2.34", "0.02"),
        (Rounding.CEILING, "2.35", "-2.34", "0.03"),
        (Rounding.FLOOR, "2.34", "-2.35", "0.02"),
    ],
)
def test_of_rounds_with_the_named_mode(
    rounding: Rounding, positive: str, negative: str, half: str
) -> None:
    assert Money.of("2.345", "USD", rounding) == usd(positive)
    assert Money.of(Decimal("-2.345"), "USD", rounding) == usd(negative)
    assert Money.of("0.025", "USD", rounding) == usd(half)


def test_of_keeps_exact_values_and_rounds_to_yen() -> None:
    assert Money.of(12, "USD", Rounding.UP) == usd("12")
    assert Money.of("2.5", "JPY", Rounding.HALF_EVEN) == Money(2, "JPY")


def test_of_refuses_floats_and_unnamed_rounding() -> None:
    with pytest.raises(TypeError, match="floats are refused"):
        Money.of(2.5, "USD", Rounding.UP)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="must be a Rounding"):
        Money.of("2.5", "USD", decimal.ROUND_UP)  # type: ignore[arg-type]


def test_divide_names_its_rounding() -> None:
    assert usd("10.00").divide(3, Rounding.HALF_EVEN) == usd("3.33")
    assert usd("10.00").divide(3, Rounding.UP) == usd("3.34")
    assert usd("10.00").divide("2.5", Rounding.HALF_EVEN) == usd("4")
    assert usd("-10.00").divide(3, Rounding.FLOOR) == usd("-3.34")


def test_divide_by_zero() -> None:
    with pytest.raises(ZeroDivisionError):
        usd("1").divide(0, Rounding.HALF_EVEN)
    with pytest.raises(ZeroDivisionError):
        usd("1").divide(Decimal("0.00"), Rounding.HALF_EVEN)


def test_multiply_names_its_rounding() -> None:
    assert usd("10.00").multiply(Decimal("0.125"), Rounding.HALF_EVEN) == usd("1.25")
    assert usd("0.10").multiply("0.25", Rounding.HALF_EVEN) == usd("0.02")
    assert usd("0.10").multiply("0.25", Rounding.HALF_UP) == usd("0.03")
    assert Money(1000, "JPY").multiply("1.0825", Rounding.FLOOR) == Money(1082, "JPY")


@pytest.mark.parametrize("operation", ["multiply", "divide"])
def test_multiply_and_divide_refuse_floats_and_missing_rounding(operation: str) -> None:
    method = getattr(usd("10"), operation)
    with pytest.raises(TypeError, match="floats are refused"):
        method(1.5, Rounding.HALF_EVEN)
    with pytest.raises(TypeError, match="must be a Rounding"):
        method(2, "HALF_EVEN")
    with pytest.raises(TypeError):
        method(2)
    with pytest.raises(ValueError, match="finite"):
        method("NaN", Rounding.HALF_EVEN)


@given(
    units=minor_amounts,
    divisor=st.integers(min_value=1, max_value=1000) | st.integers(-1000, -1),
    rounding=st.sampled_from(Rounding),
)
def test_divide_matches_decimal_rounding(units: int, divisor: int, rounding: Rounding) -> None:
    # With 80 digits the quotient of these operands is never rounded across a midpoint.
    with decimal.localcontext(prec=80):
        expected = (Decimal(units) / divisor).quantize(Decimal(1), rounding=rounding.value)
    result = Money.from_minor(units, "USD").divide(divisor, rounding)
    assert result.minor_units == int(expected)


# --- arithmetic ----------------------------------------------------------------------------------


def test_add_subtract_negate_abs() -> None:
    assert usd("1.25") + usd("2.5") == usd("3.75")
    assert usd("1.25") - usd("2.5") == usd("-1.25")
    assert -usd("1.25") == usd("-1.25")
    assert abs(usd("-1.25")) == usd("1.25")


def test_sum_works_and_starts_from_zero() -> None:
    assert sum([usd("1.10"), usd("2.20"), usd("3.30")]) == usd("6.60")
    assert 0 + usd("1") == usd("1")


@pytest.mark.parametrize("other", [5, 0.0, Decimal(0), False])
def test_only_int_zero_adds_from_the_left(other: object) -> None:
    with pytest.raises(TypeError):
        other + usd("1")  # type: ignore[operator]


def test_money_plus_a_number_is_refused() -> None:
    with pytest.raises(TypeError):
        usd("1") + 0  # type: ignore[operator]
    with pytest.raises(TypeError):
        usd("1") - Decimal(1)  # type: ignore[operator]


def test_currency_mismatch() -> None:
    eur = Money("1", "EUR")
    with pytest.raises(CurrencyMismatch, match="currencies differ"):
        usd("1") + eur
    with pytest.raises(CurrencyMismatch):
        usd("1") - eur
    with pytest.raises(CurrencyMismatch):
        sum([usd("1"), eur])
    assert issubclass(CurrencyMismatch, ValueError)


def test_times_an_int_is_exact() -> None:
    assert usd("0.10") * 3 == usd("0.30")
    assert 3 * usd("0.10") == usd("0.30")
    assert usd("0.10") * -2 == usd("-0.20")


@pytest.mark.parametrize("factor", [Decimal("1.5"), 1.5, True, "2", Fraction(1, 2)])
def test_times_anything_but_an_int_points_to_multiply(factor: object) -> None:
    with pytest.raises(TypeError, match=re.escape("multiply(factor, rounding)")):
        usd("1") * factor  # type: ignore[operator]
    with pytest.raises(TypeError, match=re.escape("multiply(factor, rounding)")):
        factor * usd("1")  # type: ignore[arg-type]


def test_there_is_no_division_operator() -> None:
    with pytest.raises(TypeError):
        usd("1") / 2  # type: ignore[operator]
    with pytest.raises(TypeError):
        usd("1") // 2  # type: ignore[operator]


@given(a=minor_amounts, b=minor_amounts, currency=currencies)
def test_adding_then_subtracting_gives_back_the_amount(a: int, b: int, currency: str) -> None:
    first, second = Money.from_minor(a, currency), Money.from_minor(b, currency)
    assert (first + second) - second == first


# --- comparison and predicates -------------------------------------------------------------------


def test_comparisons_within_one_currency() -> None:
    assert usd("1") < usd("1.01")
    assert usd("1") <= usd("1.00")
    assert usd("2") > usd("-3")
    assert usd("2") >= usd("2")
    assert not usd("2") < usd("2")


@pytest.mark.parametrize("compare", ["__lt__", "__le__", "__gt__", "__ge__"])
def test_comparing_currencies_raises(compare: str) -> None:
    with pytest.raises(CurrencyMismatch):
        getattr(usd("1"), compare)(Money("1", "EUR"))


def test_comparing_with_a_number_raises() -> None:
    with pytest.raises(TypeError):
        usd("1") < 2  # type: ignore[operator]


def test_equality_and_hash() -> None:
    assert usd("1.5") == Money(Decimal("1.50"), "USD")
    assert hash(usd("1.5")) == hash(Money("1.50", "USD"))
    assert usd("1") != Money("1", "EUR")
    assert usd("1") != Decimal(1)
    assert len({usd("1"), usd("1.00"), Money("1", "EUR")}) == 2


def test_sign_predicates() -> None:
    assert usd("0").is_zero and not usd("0").is_negative and not usd("0").is_positive
    assert usd("-0.01").is_negative and not usd("-0.01").is_zero
    assert usd("0.01").is_positive


def test_str_is_plain_and_not_locale_aware() -> None:
    assert str(usd("12.5")) == "12.50 USD"
    assert str(Money(1234567, "JPY")) == "1234567 JPY"
    assert str(Money.from_minor(10**30, "USD")) == "1" + "0" * 28 + ".00 USD"


# --- allocation ----------------------------------------------------------------------------------


def test_allocate_splits_exactly() -> None:
    parts = allocate(usd("100.00"), [1, 1, 1], ["a", "b", "c"])
    assert parts == [usd("33.34"), usd("33.33"), usd("33.33")]
    assert sum(parts) == usd("100.00")


def test_allocate_gives_leftover_units_to_the_largest_remainders() -> None:
    parts = allocate(usd("0.10"), [Decimal("0.5"), 1, 1, 2], ["w", "x", "y", "z"])
    # Shares 1.1111.., 2.2222.., 2.2222.., 4.4444.. cents: floors 1+2+2+4 = 9, one cent left,
    # remainders .1111, .2222, .2222, .4444: the largest (z) gets it.
    assert [p.minor_units for p in parts] == [1, 2, 2, 5]


def test_allocate_breaks_equal_remainders_by_key() -> None:
    assert allocate(usd("0.02"), [1, 1, 1], ["c", "a", "b"]) == [usd("0"), usd("0.01"), usd("0.01")]
    assert allocate(usd("0.01"), [1, 1], [2, 1]) == [usd("0"), usd("0.01")]


def test_allocate_a_negative_total_negates_the_split() -> None:
    assert allocate(usd("-0.02"), [1, 1, 1], ["c", "a", "b"]) == [
        usd("0"),
        usd("-0.01"),
        usd("-0.01"),
    ]


def test_allocate_zero_weight_gets_nothing() -> None:
    parts = allocate(Money(10, "JPY"), [0, 1, 0, 2], [1, 2, 3, 4])
    assert [p.minor_units for p in parts] == [0, 3, 0, 7]


def test_allocate_zero_total() -> None:
    assert allocate(Money.zero("KWD"), [1, 2], ["a", "b"]) == [Money.zero("KWD")] * 2


@pytest.mark.parametrize(
    ("weights", "key", "error", "message"),
    [
        ([], [], ValueError, "no weights"),
        ([1, 2], ["a"], ValueError, "2 weights but 1 keys"),
        ([1, -1], ["a", "b"], ValueError, "cannot be negative"),
        ([0, Decimal("0.00")], ["a", "b"], ValueError, "every weight is zero"),
        ([1, 0.5], ["a", "b"], TypeError, "floats are refused"),
        ([1, "2"], ["a", "b"], TypeError, "Decimal or int"),
        ([1, True], ["a", "b"], TypeError, "Decimal or int"),
        ([1, Decimal("NaN")], ["a", "b"], ValueError, "finite"),
        ([1, 2], ["a", "a"], ValueError, "distinct"),
        ([1, 2], ["a", 1], TypeError, "not supported"),
    ],
)
def test_allocate_refuses_bad_input(
    weights: list[object], key: list[object], error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        allocate(usd("1"), weights, key)  # type: ignore[arg-type]


weights_strategy = st.lists(
    st.integers(min_value=0, max_value=1000)
    | st.decimals(min_value=0, max_value=1000, places=2, allow_nan=False, allow_infinity=False),
    min_size=1,
    max_size=12,
).filter(lambda weights: sum(weights) > 0)


@given(units=minor_amounts, currency=currencies, weights=weights_strategy)
def test_allocate_sums_exactly_and_stays_within_a_unit_of_each_share(
    units: int, currency: str, weights: list[Decimal | int]
) -> None:
    total = Money.from_minor(units, currency)
    parts = allocate(total, weights, list(range(len(weights))))
    assert sum(parts) == total
    weight_sum = sum(Fraction(w) for w in weights)
    for part, weight in zip(parts, weights, strict=True):
        exact_share = units * Fraction(weight) / weight_sum
        assert abs(part.minor_units - exact_share) < 1
        assert part.currency == currency


@given(
    units=st.integers(min_value=0, max_value=10**12),
    currency=currencies,
    weights=weights_strategy,
)
def test_allocate_never_gives_a_negative_part_from_a_positive_pool(
    units: int, currency: str, weights: list[Decimal | int]
) -> None:
    parts = allocate(Money.from_minor(units, currency), weights, list(range(len(weights))))
    assert not any(part.is_negative for part in parts)


@given(
    units=minor_amounts,
    currency=currencies,
    members=st.dictionaries(
        keys=st.text(alphabet="abcdefgh", max_size=3),
        values=st.integers(min_value=0, max_value=50),
        min_size=1,
        max_size=12,
    ).filter(lambda members: sum(members.values()) > 0),
    data=st.data(),
)
def test_allocate_is_deterministic_whatever_the_order(
    units: int, currency: str, members: dict[str, int], data: st.DataObject
) -> None:
    total = Money.from_minor(units, currency)
    names, weights = list(members), list(members.values())
    first = allocate(total, weights, names)
    assert allocate(total, weights, names) == first

    shuffled = data.draw(st.permutations(names))
    again = allocate(total, [members[name] for name in shuffled], shuffled)
    assert dict(zip(shuffled, again, strict=True)) == dict(zip(names, first, strict=True))


@given(units=st.integers(-10**12, 10**12),
       weights=st.lists(st.decimals(0, 10**9, places=4) | st.integers(0, 10**9), min_size=1, max_size=12))
def test_allocate_is_the_largest_remainder_of_the_exact_shares(units: int, weights: list) -> None:  # type: ignore[type-arg]
    """Against the definition, in Fractions: floor of each exact share, then the units left
    one each to the largest remainders, ties to the smaller key."""
    from fractions import Fraction
    from math import floor

    from coopdesk.money import allocate

    if not any(weights):
        weights = [1, *weights[1:]]
    total = Money.from_minor(units, "USD")
    exact = [Fraction(w) for w in weights]
    shares = [abs(units) * w / sum(exact) for w in exact]
    parts = [floor(s) for s in shares]
    order = sorted(range(len(parts)), key=lambda i: (-(shares[i] - parts[i]), i))
    for i in order[:abs(units) - sum(parts)]:
        parts[i] += 1
    sign = -1 if units < 0 else 1
    assert [m.minor_units for m in allocate(total, weights, list(range(len(weights))))] == [
        sign * p for p in parts]
