"""Allocation: splitting whole minor units by ratios, by the largest remainder.

The Hamilton (largest-remainder) method: each share first gets the floor of its exact
quota; the units left over go one each to the shares with the largest remainders,
ties to the earlier index. Shares sum exactly to the whole, a zero ratio gets
nothing, and each share is within one unit of its exact quota.
:meth:`~creative_city.money.Money.allocate` splits money with it.

>>> allocate_units(100, [1, 1, 1])
[34, 33, 33]
>>> allocate_units(-5, [3, 7])
[-2, -3]
"""

from __future__ import annotations

import decimal
import functools
import itertools
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final, cast

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money.decimals import EXACT, MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS, to_decimal

__all__ = ["allocate_units"]


def allocate_units(units: int, ratios: Sequence[int | Decimal | Fraction]) -> list[int]:
    """Split the integer *units* by *ratios* (largest remainder; see :meth:`Money.allocate`).

    The building block for any pro-rata split of minor units, exposed for callers that
    work in integers (allocation tables, ledgers).

    Args:
        units: The whole, in minor units (may be negative).
        ratios: Non-negative weights, not all zero.

    Returns:
        The shares, summing exactly to *units*.

    >>> allocate_units(10, [1, 1, 1])
    [4, 3, 3]
    """
    if not isinstance(units, int) or isinstance(units, bool):
        raise InvalidTypeError("units", units, "must be an int")
    weights = _integer_weights(ratios)
    total = sum(weights)
    if total == 0:
        raise ValidationError("ratios", _preview(ratios), "must not all be zero")
    if units < 0:
        return [-s for s in _hamilton(-units, weights, total)]
    return _hamilton(units, weights, total)


def _preview(values: Sequence[object]) -> object:
    return list(values[:5]) + (["..."] if len(values) > 5 else [])


def _integer_weights(ratios: Sequence[int | Decimal | Fraction]) -> list[int]:
    """Return *ratios* as integers in the same proportions (checked: non-negative)."""
    if isinstance(ratios, (str, bytes)) or not isinstance(ratios, Sequence):
        raise InvalidTypeError("ratios", ratios, "must be a sequence of int, Decimal or Fraction")
    if not ratios:
        raise ValidationError("ratios", list(ratios), "must not be empty")
    if all(type(r) is int for r in ratios):
        if min(ratios) < 0:
            index = next(i for i, r in enumerate(ratios) if r < 0)
            raise ValidationError(f"ratios[{index}]", ratios[index], "must be >= 0")
        return list(ratios)  # type: ignore[arg-type]
    weights = _decimal_weights(ratios)
    if weights is not None:
        return weights
    exact: list[Fraction] = []
    for index, ratio in enumerate(ratios):
        field = f"ratios[{index}]"
        if isinstance(ratio, Fraction):
            value = ratio
        else:
            if not isinstance(ratio, (int, Decimal)) or isinstance(ratio, bool):
                raise InvalidTypeError(field, ratio, "must be int, Decimal or Fraction")
            value = Fraction(to_decimal(ratio, field))
        if value < 0:
            raise ValidationError(field, ratio, "must be >= 0")
        exact.append(value)
    scale = math.lcm(*(f.denominator for f in exact))
    return [int(f * scale) for f in exact]


def _decimal_weights(ratios: Sequence[int | Decimal | Fraction]) -> list[int] | None:
    """Return int and Decimal *ratios* as integers in the same proportions, or None.

    The common case, with the checks of :func:`to_decimal` done once, on the exact sum:
    when no ratio is negative each is at most the sum, and the sum's exponent is the
    smallest of theirs, so a sum below ``10**24`` with at most 30 fraction digits
    bounds them all. Each ratio is then read once: shifted by that exponent, it is a
    whole number (no ``Fraction`` is built, and nothing the garbage collector tracks).
    None when a ratio is of another type or anything fails a check: the general path
    then names the first failing ratio.
    """
    if not {*map(type, ratios)} <= _DECIMAL_OR_INT:
        return None
    numbers = cast("Sequence[int | Decimal]", ratios)  # checked just above
    try:
        total = functools.reduce(EXACT.add, numbers, _ZERO)
    except decimal.DecimalException:  # a signalling NaN, or too many digits to add exactly
        return None
    if not total.is_finite() or total.adjusted() >= MAX_INTEGER_DIGITS:
        return None
    exponent: int = total.as_tuple().exponent  # type: ignore[assignment]  # finite
    if exponent < -MAX_FRACTION_DIGITS:
        return None
    weights = list(map(int, map(EXACT.scaleb, numbers, itertools.repeat(-exponent))))
    return None if min(weights) < 0 else weights


_DECIMAL_OR_INT: Final = frozenset({Decimal, int})
_ZERO: Final = Decimal(0)


def _hamilton(units: int, weights: list[int], total: int) -> list[int]:
    products = [units * w for w in weights]
    shares = [p // total for p in products]
    leftover = units - sum(shares)
    if leftover:
        # The leftover units go to the largest remainders, ties to the earlier index:
        # find the remainder of the last winner (the threshold), give one unit to every
        # larger remainder and to the first equal ones in index order.
        remainders = [p % total for p in products]
        threshold = _kth_largest(remainders, leftover)
        shares = [s + (r > threshold) for s, r in zip(shares, remainders, strict=True)]
        ties = units - sum(shares)
        index = -1
        for _ in range(ties):
            index = remainders.index(threshold, index + 1)
            shares[index] += 1
    return shares


_SELECT_SORT_BELOW: Final = 256


def _kth_largest(values: list[int], k: int) -> int:
    """Return the *k*-th largest of *values* (1-based): a deterministic select.

    Partitions around a pivot taken from a sorted sample at the target rank, so large
    inputs shrink fast; when a step removes under a quarter of what is left (skewed
    data) it sorts the rest instead, which bounds the worst case at O(n log n).
    """
    while len(values) > _SELECT_SORT_BELOW:
        size = len(values)
        sample = sorted(values[:: max(1, size // 127)], reverse=True)
        pivot = sample[(k - 1) * len(sample) // size]
        above = [v for v in values if v > pivot]
        if k <= len(above):
            kept = above
        else:
            below = [v for v in values if v < pivot]
            if k <= size - len(below):
                return pivot
            k -= size - len(below)
            kept = below
        if len(kept) * 4 > size * 3:
            break
        values = kept
    else:
        return sorted(values, reverse=True)[k - 1]
    return sorted(kept, reverse=True)[k - 1]
