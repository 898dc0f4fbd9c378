"""Rounding: the library's one rule for turning an exact quotient into whole units.

Every fee, share, conversion and projection that becomes whole minor units is
rounded by :func:`round_quotient`, exactly, with integers, in one of the
``decimal.ROUND_*`` modes; :func:`round_fraction` uses it for decimal places.
Rounding is policy, so a mode is always named by the caller.

>>> round_fraction(Fraction(2, 3), 2, decimal.ROUND_HALF_EVEN)
Decimal('0.67')
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction
from typing import Final

from creative_city.errors import ValidationError
from creative_city.money.decimals import EXACT

__all__ = ["ROUNDING_MODES", "check_rounding", "round_fraction", "round_quotient"]

ROUNDING_MODES: Final = frozenset(
    {
        decimal.ROUND_05UP,
        decimal.ROUND_CEILING,
        decimal.ROUND_DOWN,
        decimal.ROUND_FLOOR,
        decimal.ROUND_HALF_DOWN,
        decimal.ROUND_HALF_EVEN,
        decimal.ROUND_HALF_UP,
        decimal.ROUND_UP,
    }
)
"""The ``decimal`` rounding modes accepted wherever a rounding must be named."""


def check_rounding(rounding: object) -> str:
    """Return *rounding* if it is one of :data:`ROUNDING_MODES`.

    Raises:
        ValidationError: If it is not.
    """
    if rounding not in ROUNDING_MODES:
        raise ValidationError("rounding", rounding, "must be one of the decimal.ROUND_* modes")
    return rounding


def round_quotient(numerator: int, denominator: int, rounding: str) -> int:
    """Return the integer ``numerator / denominator`` rounded with one ``decimal.ROUND_*`` mode.

    The library's one rounding rule: every exact quotient that becomes whole minor units
    (fees, shares, conversions, projections) is rounded here, exactly, with integers.

    Args:
        numerator: Any integer.
        denominator: A positive integer.
        rounding: A ``decimal.ROUND_*`` mode.

    Returns:
        The rounded quotient.

    Raises:
        ValidationError: If *rounding* is not a ``decimal`` rounding mode, or the
            denominator is not positive.

    >>> round_quotient(5, 2, decimal.ROUND_HALF_EVEN), round_quotient(7, 2, decimal.ROUND_HALF_EVEN)
    (2, 4)
    >>> round_quotient(-5, 2, decimal.ROUND_HALF_UP), round_quotient(-5, 2, decimal.ROUND_FLOOR)
    (-3, -3)
    >>> round_quotient(51, 10, decimal.ROUND_05UP), round_quotient(61, 10, decimal.ROUND_05UP)
    (6, 6)
    """
    rounding = check_rounding(rounding)
    if denominator <= 0:
        raise ValidationError("denominator", denominator, "must be a positive integer")
    q, r = divmod(numerator, denominator)  # floor division: q <= exact < q + 1
    if not r:
        return q
    negative = numerator < 0
    toward_zero = q + 1 if negative else q
    away = q if negative else q + 1
    match rounding:
        case decimal.ROUND_FLOOR:
            return q
        case decimal.ROUND_CEILING:
            return q + 1
        case decimal.ROUND_DOWN:
            return toward_zero
        case decimal.ROUND_UP:
            return away
        case decimal.ROUND_05UP:
            return away if toward_zero % 10 in (0, 5) else toward_zero
    twice = 2 * r
    if twice != denominator:
        return q + 1 if twice > denominator else q
    if rounding == decimal.ROUND_HALF_UP:
        return away
    if rounding == decimal.ROUND_HALF_DOWN:
        return toward_zero
    return q if q % 2 == 0 else q + 1  # ROUND_HALF_EVEN


def round_fraction(value: Fraction, places: int, rounding: str) -> Decimal:
    """Round an exact fraction to *places* decimal places with one rounding step.

    Args:
        value: The exact value.
        places: Digits after the point (may be 0).
        rounding: A ``decimal.ROUND_*`` mode.

    Returns:
        A ``Decimal`` with exactly *places* fraction digits.

    >>> round_fraction(Fraction(1, 3), 2, decimal.ROUND_HALF_UP)
    Decimal('0.33')
    >>> round_fraction(Fraction(-5, 2), 0, decimal.ROUND_HALF_EVEN)
    Decimal('-2')
    """
    scaled = Fraction(value) * 10**places
    units = round_quotient(scaled.numerator, scaled.denominator, rounding)
    return Decimal(units).scaleb(-places, context=EXACT)
