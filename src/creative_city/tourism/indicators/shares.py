"""Shares of a whole, and changes of a share in percentage points.

A share is a percentage of a whole (foreign nights as a share of all nights). When a
share moves from 20 % to 25 % it rises by 5 percentage points, a percent change of
+25 % of the share itself: :func:`percentage_points` and
:func:`~creative_city.tourism.indicators.growth.percent_change` answer different
questions.
"""

from __future__ import annotations

from decimal import Decimal

from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import HUNDRED as _HUNDRED
from creative_city.tourism.indicators.arithmetic import base as _base
from creative_city.tourism.indicators.arithmetic import non_negative as _non_negative
from creative_city.tourism.indicators.arithmetic import number as _number

__all__ = ["percentage_points", "share"]


def share(part: int | Decimal, whole: int | Decimal) -> Decimal:
    """Return *part* as a percentage of *whole*: ``100 x part / whole``.

    Raises:
        UndefinedResultError: If *whole* is zero.

    >>> share(35, 140)
    Decimal('25')
    """
    numerator = _non_negative(part, "part")
    denominator = _base(whole, "whole", "a share of it")
    return _CTX.divide(_CTX.multiply(numerator, _HUNDRED), denominator)


def percentage_points(new_percent: int | Decimal, old_percent: int | Decimal) -> Decimal:
    """Return the change of a percentage in percentage points: ``new - old``.

    A share moving from 20 % to 25 % rose by 5 percentage points, which is a
    percent change of +25 % of the share itself; the two must not be confused.

    >>> from creative_city.tourism.indicators.growth import percent_change
    >>> percentage_points(25, 20), percent_change(25, 20)
    (Decimal('5'), Decimal('25.00'))
    """
    return _CTX.subtract(_number(new_percent, "new_percent"), _number(old_percent, "old_percent"))
