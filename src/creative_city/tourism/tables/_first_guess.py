"""Rates rounded to a few places from a binary floating-point first guess (private).

The growth and seasonality tables round every CAGR, trend and coefficient of
variation to ``places`` decimals (6 by default). Computing a power, a logarithm, an
exponential or a square root to :data:`~creative_city.tourism.indicators.PRECISION`
digits only to keep six of them costs microseconds to tens of microseconds per
value. This module uses Ziv's rounding test instead (Ziv, "Fast evaluation of
elementary mathematical functions with correctly rounded last bit", ACM TOMS 17(3),
1991): compute the value in binary floating point together with a bound on its
error; when every number within that bound rounds to the same result, that result
is the one the exact computation would give. Only when the guess lies too close to
a rounding tie (a half unit in the last place kept) does :func:`rounded` return
``None``, and the caller falls back to the exact :mod:`decimal` computation. Results
are therefore identical to the exact path, only faster; the property tests check it.

What it buys (``benchmarks/bench_tourism.py``, which switches it off to compare): the
growth table of 200 ten-year series in a fifth of the time of the exact path (about
5 against 28 ms of CPU), the seasonality table of 2,000 years in about three
quarters (18 against 25 ms).

>>> rounded(0.1234567, 1e-15, 6)
Decimal('0.123457')
>>> rounded(0.0000005, 1e-15, 6) is None  # a tie: only the exact path may decide
True
"""

from __future__ import annotations

import math
import operator
import sys
from decimal import Decimal
from typing import Final

from creative_city.tourism.indicators.arithmetic import CTX as _CTX

__all__ = ["UNIT", "cagr_guess", "rounded", "trend_guess"]

UNIT: Final = 2.0**-53
"""The unit roundoff of IEEE 754 binary64: every correctly rounded operation errs by at
most this fraction of its result."""

_MAX_PLACES: Final = 15
# |scaled| below 2**40 keeps 12 bits after the binary point, so ``scaled - floor(scaled)``
# is exact and the spacing of floats there (<= 2**-12) is far below the tie margin.
_MAX_SCALED: Final = 2.0**40
_SLACK: Final = 2.0**-10
_POW10: Final = tuple(10.0**p for p in range(_MAX_PLACES + 1))  # exact up to 10**22
_QUANTA: Final = tuple(Decimal(1).scaleb(-p) for p in range(_MAX_PLACES + 1))
_ZEROS: Final = tuple(Decimal((0, (0,), -p)) for p in range(_MAX_PLACES + 1))


def rounded(approx: float, error: float, places: int) -> Decimal | None:
    """Return the value near *approx* rounded half-even to *places* decimals, if certain.

    Args:
        approx: A floating-point approximation of the exact value ``x``.
        error: A bound on ``|x - approx|`` (absolute, >= 0).
        places: Decimal places to keep (0 to 30).

    Returns:
        ``x`` rounded half-even to *places* decimals, with exponent ``-places``
        exactly as ``Decimal.quantize`` would give it (but a zero has no sign, as
        :func:`~creative_city.tourism.indicators.arithmetic.shown` gives it), or
        ``None`` when the bound does not settle the rounding: *approx* is
        within *error* of a tie, too large, not finite, or *places* is too many for
        binary floating point. ``None`` means: compute exactly.
    """
    if places > _MAX_PLACES:
        return None
    scale = _POW10[places]
    scaled = approx * scale
    if not -_MAX_SCALED < scaled < _MAX_SCALED:  # also rejects NaN
        return None
    # The product rounds once more (by at most 2**-13 here), hence the slack.
    margin = error * scale * (1 + 4 * UNIT) + _SLACK
    if margin >= 0.25:
        return None
    low = math.floor(scaled)
    fraction = scaled - low
    if abs(fraction - 0.5) <= margin:
        return None
    units = low + 1 if fraction > 0.5 else low
    if units == 0:  # zero has no sign to report, whichever side it is rounded from
        return _ZEROS[places]
    # An exact product (at most 13 digits), whatever the caller's context.
    return _CTX.multiply(Decimal(units), _QUANTA[places])


# Each guess bounds the float error of its result from the unit roundoff u of every
# step (libm's log, exp and expm1 err by less than one unit in the last place, 2u),
# doubles the bound, and returns None (use the exact path) whenever the rounding is not
# certain.
_FLOAT_RANGE: Final = (sys.float_info.min, sys.float_info.max)


def cagr_guess(first: Decimal, last: Decimal, span: int, places: int) -> Decimal | None:
    """Return ``cagr(first, last, span)`` rounded half-even to *places*, or ``None``.

    ``None`` when the float guess cannot settle the rounding: the caller then computes
    :func:`~creative_city.tourism.cagr` exactly. *first* and *last* are > 0.
    """
    low, high = _FLOAT_RANGE
    start, end = float(first), float(last)  # correctly rounded: relative error <= u
    if not (low <= start <= high and low <= end <= high):
        return None
    ratio = end / start  # <= 3u in all
    if not low <= ratio <= high:
        return None
    log_ratio = math.log(ratio)  # abs error <= 3u (ratio) + 2u |log ratio|
    exponent = log_ratio / span  # one more rounding: u |exponent|
    growth = math.expm1(exponent)
    exponent_error = (3 + 2 * abs(log_ratio)) * UNIT / span + UNIT * abs(exponent)
    error = 2 * (math.exp(exponent) * exponent_error * 1.01 + 2 * UNIT * abs(growth))
    return rounded(growth, error, places)


def trend_guess(levels: list[Decimal], places: int) -> Decimal | None:
    """Return ``trend_growth(levels)`` rounded half-even to *places*, or ``None``.

    ``None`` when the float guess cannot settle the rounding: the caller then computes
    :func:`~creative_city.tourism.trend_growth` exactly. The levels are > 0.
    """
    # Times 0..n-1, weights w_t = 2t - (n - 1): slope = 2 sum(w ln y) / sum(w^2).
    low, high = _FLOAT_RANGE
    logs = []
    for level in levels:
        value = float(level)
        if not low <= value <= high:
            return None
        logs.append(math.log(value))
    n = len(logs)
    weights = range(1 - n, n, 2)
    total = math.fsum(map(operator.mul, weights, logs))
    squares = n * (n * n - 1) // 3
    slope = 2 * total / squares
    growth = math.expm1(slope)
    # Each log errs by <= u (conversion) + 2u |ln y|, each product by u |w ln y| more;
    # fsum adds one rounding of the total.
    largest = max(map(abs, logs))
    sum_error = sum(map(abs, weights)) * UNIT * (1.01 + 3 * largest) + UNIT * abs(total)
    slope_error = 2 * sum_error / squares + UNIT * abs(slope)
    error = 2 * (math.exp(slope) * slope_error * 1.01 + 2 * UNIT * abs(growth))
    return rounded(growth, error, places)
