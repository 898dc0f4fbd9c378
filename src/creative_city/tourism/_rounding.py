"""Decimal results rounded to a few places, from a binary floating-point first guess (private).

The tables round every ratio to ``places`` decimals (6 by default). Computing a
logarithm, a power or a square root to :data:`~creative_city.tourism.indicators.PRECISION`
digits only to keep six of them costs tens of microseconds per cell. This module
uses Ziv's rounding test instead (Ziv, "Fast evaluation of elementary mathematical
functions with correctly rounded last bit", ACM TOMS 17(3), 1991): compute the value
in binary floating point together with a bound on its error; when every number
within that bound rounds to the same result, that result is the one the exact
computation would give. Only when the guess lies too close to a rounding tie (a
half unit in the last place kept) does :func:`rounded` return ``None``, and the
caller falls back to the exact :mod:`decimal` computation. Results are therefore
identical to the exact path, only faster; the property tests check it.

>>> rounded(0.1234567, 1e-15, 6)
Decimal('0.123457')
>>> rounded(0.0000005, 1e-15, 6) is None  # a tie: only the exact path may decide
True
"""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Final

__all__ = ["UNIT", "rounded"]

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
_ZEROS: Final = tuple(
    (Decimal((0, (0,), -p)), Decimal((1, (0,), -p))) for p in range(_MAX_PLACES + 1)
)


def rounded(approx: float, error: float, places: int) -> Decimal | None:
    """Return the value near *approx* rounded half-even to *places* decimals, if certain.

    Args:
        approx: A floating-point approximation of the exact value ``x``.
        error: A bound on ``|x - approx|`` (absolute, >= 0).
        places: Decimal places to keep (0 to 30).

    Call it inside a decimal context of at least 28 digits (the tables' own).

    Returns:
        ``x`` rounded half-even to *places* decimals, with exponent ``-places``
        exactly as ``Decimal.quantize`` would give it (including the sign of a
        zero), or ``None`` when the bound does not settle the rounding: *approx* is
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
    if units == 0:
        # quantize keeps the sign of what it rounds: -0.0000001 becomes -0.000000.
        if abs(approx) <= error:
            return None
        return _ZEROS[places][approx < 0]
    # An exact product (at most 13 digits): the caller's context has >= 28 digits.
    return Decimal(units) * _QUANTA[places]
