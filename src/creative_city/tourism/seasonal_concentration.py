"""Seasonal concentration of a 12-month series: Gini, months-equivalent, peak/mean, CV.

:func:`seasonality` measures how much of a year falls in its peak months (the
seasonality tables apply it to every year, segment and universe).

The Gini coefficient of seasonal concentration (Lundtorp, "Measuring tourism
seasonality", in Baum and Lundtorp (eds.), *Seasonality in Tourism*, 2001) is the
population Gini of the twelve monthly values sorted in ascending order
``y_1 <= ... <= y_n``::

    G = 2 * sum(i * y_i) / (n * sum(y)) - (n + 1) / n

It is 0 when every month is equal and ``(n - 1) / n`` (11/12 for months) when the
whole year falls in one month.

>>> flat = seasonality([100] * 12)
>>> flat.gini, flat.months_equivalent, flat.peak_to_mean
(Decimal('0'), Decimal('12'), Decimal('1'))
>>> one = seasonality([0] * 11 + [1200])
>>> round(one.gini, 10), one.months_equivalent  # 11/12
(Decimal('0.9166666667'), Decimal('1'))
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import InvalidTypeError, UndefinedResultError, ValidationError
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import quantum as _quantum

__all__ = ["Seasonality", "gini", "seasonality"]

# Sums of at most a few thousand values of <= 54 digits are exact at this precision.
_EXACT: Final = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow, decimal.Inexact],
)


_EXACT_ROUNDING: Final = decimal.Context(prec=200, rounding=decimal.ROUND_HALF_EVEN)


def _levels(values: Sequence[int | Decimal]) -> list[Decimal]:
    if isinstance(values, (str, bytes)) or not isinstance(values, Sequence):
        raise InvalidTypeError("values", values, "must be a sequence of int or Decimal")
    levels = []
    for index, value in enumerate(values):
        field = f"values[{index}]"
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            raise InvalidTypeError(field, value, "must be int or Decimal")
        number = Decimal(value)
        if not number.is_finite():
            raise ValidationError(field, value, "must be finite")
        if number < 0:
            raise ValidationError(field, number, "must be >= 0 (tourism counts are never negative)")
        levels.append(number)
    if not levels:
        raise ValidationError("values", [], "must not be empty")
    return levels


def _sum(values: Sequence[Decimal]) -> Decimal:
    total = Decimal(0)
    for value in values:
        total = _EXACT.add(total, value)
    return total


def gini(values: Sequence[int | Decimal]) -> Decimal:
    """Return the population Gini coefficient of non-negative *values*.

    Formula (values sorted ascending, ``i`` from 1): ``G = (2 * sum(i * y_i) -
    (n + 1) * sum(y)) / (n * sum(y))``; sums are exact, the one division is correctly
    rounded to :data:`~creative_city.tourism.indicators.PRECISION` digits. Always in
    ``[0, (n - 1) / n]``.

    Raises:
        UndefinedResultError: If every value is zero (no distribution to measure).
        ValidationError: For negative values or an empty series.

    >>> gini([1, 1, 1, 1]), gini([0, 0, 0, 4])
    (Decimal('0'), Decimal('0.75'))
    """
    levels = sorted(_levels(values))
    total = _sum(levels)
    if total == 0:
        raise UndefinedResultError("values", "all zero", "sum to zero: no seasonal pattern")
    weighted = _sum([_EXACT.multiply(Decimal(i), y) for i, y in enumerate(levels, start=1)])
    n = len(levels)
    numerator = _EXACT.subtract(_EXACT.multiply(2, weighted), _EXACT.multiply(n + 1, total))
    return _CTX.divide(numerator, _EXACT.multiply(n, total))


@attrs.frozen
class Seasonality:
    """Seasonality measures of one 12-month series.

    Attributes:
        gini: Gini coefficient of seasonal concentration, in ``[0, 11/12]``.
        months_equivalent: ``total / peak month``: how many peak months would carry
            the whole year (12 = no seasonality, 1 = everything in one month).
        peak_to_mean: ``peak month / monthly mean`` (Lundtorp's seasonality ratio,
            from 1 to 12); the inverse of the seasonal load factor.
        coefficient_of_variation: population standard deviation / mean (a ratio).
        peak_month: The month (1-12) of the peak; the first one on ties.
        total: The sum of the twelve months.
    """

    gini: Decimal
    months_equivalent: Decimal
    peak_to_mean: Decimal
    coefficient_of_variation: Decimal
    peak_month: int
    total: Decimal

    def quantized(self, places: int) -> Seasonality:
        """Return a copy with every ratio rounded half-even to *places* decimals."""
        quantum = _quantum(places)
        return attrs.evolve(
            self,
            gini=self.gini.quantize(quantum, context=_CTX),
            months_equivalent=self.months_equivalent.quantize(quantum, context=_CTX),
            peak_to_mean=self.peak_to_mean.quantize(quantum, context=_CTX),
            coefficient_of_variation=self.coefficient_of_variation.quantize(quantum, context=_CTX),
            total=self.total.quantize(quantum, context=_EXACT_ROUNDING),
        )

    def to_records(self) -> list[dict[str, object]]:
        """Return the measures as one plain dict in a list (for notebooks)."""
        return [attrs.asdict(self)]


def seasonality(values: Sequence[int | Decimal]) -> Seasonality:
    """Return the seasonality measures of twelve monthly values (January first).

    Formulas: Gini as in :func:`gini`; months-equivalent ``= total / peak``;
    peak/mean ``= peak / (total / 12)``; coefficient of variation
    ``= sqrt(sum((y - mean)^2) / 12) / mean``.

    Raises:
        ValidationError: Unless there are exactly 12 non-negative values.
        UndefinedResultError: If the year's total is zero.

    >>> s = seasonality([50, 50, 80, 100, 120, 150, 200, 200, 120, 90, 60, 80])
    >>> round(s.gini, 4), s.months_equivalent, s.peak_month
    (Decimal('0.2538'), Decimal('6.5'), 7)
    """
    levels = _levels(values)
    if len(levels) != 12:
        raise ValidationError(
            "values", f"<{len(levels)} values>", "a seasonality profile has exactly 12 months"
        )
    total = _sum(levels)
    if total == 0:
        raise UndefinedResultError("values", "all zero", "sum to zero: no seasonal pattern")
    peak = max(levels)
    mean = _CTX.divide(total, 12)
    squares = _sum(
        [_EXACT.multiply(_EXACT.subtract(y, mean), _EXACT.subtract(y, mean)) for y in levels]
    )
    deviation = _CTX.sqrt(_CTX.divide(squares, 12))
    return Seasonality(
        gini=gini(levels),
        months_equivalent=_CTX.divide(total, peak),
        peak_to_mean=_CTX.divide(peak, mean),
        coefficient_of_variation=_CTX.divide(deviation, mean),
        peak_month=levels.index(peak) + 1,
        total=total,
    )
