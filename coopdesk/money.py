"""Amounts of money: exact decimals in one currency, with named rounding and exact allocation.

A `Money` always holds a whole number of the currency's minor units (cents, fils, yen), which is
what the database stores. Floats are refused everywhere, every operation that can produce a
fraction of a minor unit names its rounding, and `allocate` splits an amount into parts that add
back to it exactly. Nothing here is locale-aware: see `coopdesk.formatting` for display.
"""

from __future__ import annotations

import decimal
import functools
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from typing import Any

import babel.numbers

__all__ = ["CurrencyMismatch", "Money", "Rounding", "allocate", "minor_digits"]


class Rounding(str, Enum):
    """A rounding policy, named after (and valued as) the `decimal` module's constant."""

    HALF_EVEN = decimal.ROUND_HALF_EVEN
    HALF_UP = decimal.ROUND_HALF_UP
    HALF_DOWN = decimal.ROUND_HALF_DOWN
    UP = decimal.ROUND_UP
    DOWN = decimal.ROUND_DOWN
    CEILING = decimal.ROUND_CEILING
    FLOOR = decimal.ROUND_FLOOR


class CurrencyMismatch(ValueError):
    """Two amounts in different currencies were added, subtracted or compared."""


@functools.lru_cache(maxsize=None)
def minor_digits(currency: str) -> int:
    """Number of decimals of `currency`'s minor unit (USD 2, JPY 0, KWD 3), from CLDR.

    Unknown codes raise ValueError rather than silently getting Babel's default of 2.
    """
    if not babel.numbers.is_currency(currency):
        raise ValueError(f"{currency!r} is not a known ISO 4217 currency code")
    return babel.numbers.get_currency_precision(currency)


def _as_decimal(value: object, what: str) -> Decimal:
    """`value` as a finite Decimal; floats (and bools) are refused because they are inexact."""
    if isinstance(value, float):
        raise TypeError(
            f"floats are refused for {what}: pass a Decimal, int or str, e.g. Decimal('0.1')"
        )
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise TypeError(f"{what} must be a Decimal, int or str, not {type(value).__name__}")
    if isinstance(value, str):
        try:
            value = Decimal(value.strip())
        except decimal.InvalidOperation:
            raise ValueError(f"{value!r} is not a decimal number") from None
    number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"{what} must be finite, not {number}")
    return number


def _round_to_int(value: Fraction, rounding: Rounding) -> int:
    """Round an exact rational to an integer, with `decimal`'s semantics for `rounding`."""
    whole, rest = divmod(value.numerator, value.denominator)
    if rest == 0:
        return whole
    # Only where `value` lies relative to the midpoint between `whole` and `whole + 1` matters, so
    # a stand-in a quarter, a half or three quarters past `whole` rounds exactly as `value` does.
    # This lets decimal itself apply the mode, with no precision lost to a division.
    quarters = 1 if 2 * rest < value.denominator else 2 if 2 * rest == value.denominator else 3
    with decimal.localcontext(prec=len(str(abs(whole))) + 4):
        stand_in = Decimal(4 * whole + quarters) / 4
        return int(stand_in.quantize(Decimal(1), rounding=rounding.value))


def _minor_per_major(digits: int) -> int:
    return int(10**digits)


def _from_minor(units: int, digits: int) -> Decimal:
    # Built from a string so that no decimal context can round a very large amount.
    return Decimal(f"{units}E-{digits}")


@dataclass(frozen=True, slots=True, init=False)
class Money:
    """An exact amount in one currency, always a whole number of its minor units.

    The constructor refuses amounts finer than the minor unit instead of rounding them: use
    `Money.of` to round on purpose. `amount` is stored quantized (`Money("1.5", "USD").amount`
    is `Decimal("1.50")`), so equal amounts have equal representations.
    """

    amount: Decimal
    currency: str
    # The same amount as an int of minor units, kept from construction: converting the Decimal
    # back exactly (through a Fraction) cost more than the rest of a large report's arithmetic.
    _units: int = field(default=0, init=False, repr=False, compare=False, hash=False)

    def __init__(self, amount: Decimal | int | str, currency: str) -> None:
        digits = minor_digits(currency)
        number = _as_decimal(amount, "an amount of money")
        exact_units = Fraction(number) * _minor_per_major(digits)
        if exact_units.denominator != 1:
            raise ValueError(f"{number} has more decimals than {currency} allows ({digits})")
        object.__setattr__(self, "amount", _from_minor(exact_units.numerator, digits))
        object.__setattr__(self, "currency", currency)
        object.__setattr__(self, "_units", exact_units.numerator)

    @classmethod
    def of(cls, value: Decimal | int | str, currency: str, rounding: Rounding) -> Money:
        """`value` rounded to `currency`'s minor unit with the named rounding."""
        exact = Fraction(_as_decimal(value, "an amount of money"))
        units = _round_to_int(exact * _minor_per_major(minor_digits(currency)), _checked(rounding))
        return cls.from_minor(units, currency)

    @classmethod
    def zero(cls, currency: str) -> Money:
        """No money in `currency`."""
        return cls.from_minor(0, currency)

    @classmethod
    def from_minor(cls, units: int, currency: str) -> Money:
        """The amount of `units` minor units (cents, ...), as the database stores it."""
        if type(units) is not int and (isinstance(units, bool) or not isinstance(units, int)):
            raise TypeError(f"minor units must be an int, not {type(units).__name__}")
        # A whole number of minor units is valid by construction, so this skips the constructor's
        # exactness check (Fraction arithmetic): reports build hundreds of thousands of these.
        money = object.__new__(cls)
        object.__setattr__(money, "amount", _from_minor(units, minor_digits(currency)))
        object.__setattr__(money, "currency", currency)
        object.__setattr__(money, "_units", units)
        return money

    @property
    def minor_units(self) -> int:
        """The amount as an exact integer of minor units, for storage."""
        return self._units

    @property
    def is_zero(self) -> bool:
        """Whether the amount is exactly zero."""
        return self.amount == 0

    @property
    def is_negative(self) -> bool:
        """Whether the amount is below zero."""
        return self.amount < 0

    @property
    def is_positive(self) -> bool:
        """Whether the amount is above zero."""
        return self.amount > 0

    def _same_currency(self, other: Money, operation: str) -> None:
        if other.currency != self.currency:
            raise CurrencyMismatch(
                f"cannot {operation} {self} and {other}: the currencies differ"
            )

    def _with_units(self, units: int) -> Money:
        return Money.from_minor(units, self.currency)

    def __add__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "add")
        return self._with_units(self.minor_units + other.minor_units)

    def __radd__(self, other: int) -> Money:
        # Only so that sum() works: it starts from the int 0.
        if type(other) is int and other == 0:
            return self
        return NotImplemented

    def __sub__(self, other: Money) -> Money:
        if not isinstance(other, Money):
            return NotImplemented
        self._same_currency(other, "subtract")
        return self._with_units(self.minor_units - other.minor_units)

    def __neg__(self) -> Money:
        return self._with_units(-self.minor_units)

    def __abs__(self) -> Money:
        return self._with_units(abs(self.minor_units))

    def __mul__(self, factor: int) -> Money:
        if isinstance(factor, bool) or not isinstance(factor, int):
            raise TypeError(
                f"Money can only be multiplied by an int with '*', not {type(factor).__name__}: "
                "use multiply(factor, rounding) to name how the result is rounded"
            )
        return self._with_units(self.minor_units * factor)

    __rmul__ = __mul__

    def multiply(self, factor: Decimal | int | str, rounding: Rounding) -> Money:
        """This amount times `factor`, rounded to the minor unit with the named rounding."""
        exact = self.minor_units * Fraction(_as_decimal(factor, "a factor"))
        return self._with_units(_round_to_int(exact, _checked(rounding)))

    def divide(self, divisor: Decimal | int | str, rounding: Rounding) -> Money:
        """This amount divided by `divisor`, rounded to the minor unit with the named rounding.

        To split an amount into parts that must add back to it, use `allocate` instead.
        """
        by = Fraction(_as_decimal(divisor, "a divisor"))
        if by == 0:
            raise ZeroDivisionError(f"cannot divide {self} by zero")
        return self._with_units(_round_to_int(self.minor_units / by, _checked(rounding)))

    def _compare(self, other: Money) -> tuple[int, int]:
        self._same_currency(other, "compare")
        return self.minor_units, other.minor_units

    def __lt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        mine, theirs = self._compare(other)
        return mine < theirs

    def __le__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        mine, theirs = self._compare(other)
        return mine <= theirs

    def __gt__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        mine, theirs = self._compare(other)
        return mine > theirs

    def __ge__(self, other: Money) -> bool:
        if not isinstance(other, Money):
            return NotImplemented
        mine, theirs = self._compare(other)
        return mine >= theirs

    def __str__(self) -> str:
        return f"{self.amount:f} {self.currency}"


def _checked(rounding: Rounding) -> Rounding:
    if not isinstance(rounding, Rounding):
        raise TypeError(f"rounding must be a Rounding, not {rounding!r}")
    return rounding


def allocate(total: Money, weights: Sequence[Decimal | int], key: Sequence[Any]) -> list[Money]:
    """Split `total` into parts proportional to `weights` that add up to exactly `total`.

    Largest remainder on minor units: each part gets the floor of its exact share, and the units
    left over go one each to the parts with the largest fractional remainders. Ties go to the
    smallest `key` (`key[i]` belongs to `weights[i]`; keys must be distinct and comparable), so
    the result does not depend on the order in which the caller lists the parts. A negative
    total is split by its absolute value, then every part is negated. Parts are returned in the
    order of `weights`.
    """
    if not weights:
        raise ValueError("cannot allocate over no weights")
    if len(key) != len(weights):
        raise ValueError(f"got {len(weights)} weights but {len(key)} keys")
    whole_weights = _whole_weights([_as_weight(weight) for weight in weights])
    ordered_keys = sorted(key)
    if any(a == b for a, b in zip(ordered_keys, ordered_keys[1:])):
        raise ValueError("allocation keys must be distinct, or ties could not be broken")
    weight_sum = sum(whole_weights)
    if weight_sum == 0:
        raise ValueError("cannot allocate when every weight is zero")

    # Integer arithmetic, exact: share i is units * w_i / sum, its floor the quotient and its
    # fraction the remainder over the same denominator, so remainders compare as integers.
    units = abs(total.minor_units)
    parts, remainders = [], []
    for weight in whole_weights:
        part, remainder = divmod(units * weight, weight_sum)
        parts.append(part)
        remainders.append(remainder)
    leftover = units - sum(parts)
    by_largest_remainder = sorted(range(len(parts)), key=lambda i: (-remainders[i], key[i]))
    for i in by_largest_remainder[:leftover]:
        parts[i] += 1

    sign = -1 if total.is_negative else 1
    return [Money.from_minor(sign * part, total.currency) for part in parts]


def _whole_weights(weights: Sequence[Decimal]) -> list[int]:
    """The weights times one power of ten, as whole numbers in the same proportions (exact:
    built from each Decimal's digits, so no context precision can round them)."""
    shapes = [w.as_tuple() for w in weights]
    places = max(0, max(-int(shape.exponent) for shape in shapes))
    return [int("".join(map(str, shape.digits)) or "0") * 10 ** (int(shape.exponent) + places)
            for shape in shapes]


def _as_weight(weight: object) -> Decimal:
    if isinstance(weight, float):
        raise TypeError("floats are refused as allocation weights: pass a Decimal or int")
    if isinstance(weight, str | bool):
        raise TypeError(f"an allocation weight must be a Decimal or int, not {weight!r}")
    number = _as_decimal(weight, "an allocation weight")
    if number < 0:
        raise ValueError(f"allocation weights cannot be negative, got {number}")
    return number
