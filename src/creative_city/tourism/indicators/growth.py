"""Growth between two levels and over many: multiples, percent changes, CAGR, trend.

Growth multiple versus percent change. "Foreign tourists grew 2.8 times" (Zakon.kz,
12 September 2022) is a *multiple*: current / previous = 2.8. The *percent change* is
(multiple - 1) x 100 = +180 %, not +280 %. Multiples chain by multiplication
(x2.8 then x1.5 is x4.2), percent changes do not add.

>>> growth_multiple(280, 100), percent_change(280, 100)
(Decimal('2.8'), Decimal('180.0'))
>>> growth_multiple(Decimal("2.8"), Decimal("1.4"))  # foreign vs domestic growth
Decimal('2')
>>> round(cagr(1, Decimal("1.7"), 5), 4)  # investment x1.7 over five years
Decimal('0.1120')

Over many levels, :func:`cagr` looks at the two ends and :func:`trend_growth` fits
every point (log-linear least squares); :func:`compound_value` is the inverse of
:func:`cagr`.
"""

from __future__ import annotations

import decimal
from collections.abc import Sequence
from decimal import Decimal

from creative_city.errors import LimitExceededError, UndefinedResultError, ValidationError
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import HUNDRED as _HUNDRED
from creative_city.tourism.indicators.arithmetic import ONE as _ONE
from creative_city.tourism.indicators.arithmetic import base as _base
from creative_city.tourism.indicators.arithmetic import non_negative as _non_negative
from creative_city.tourism.indicators.arithmetic import number as _number

__all__ = [
    "cagr",
    "compound_value",
    "growth_multiple",
    "multiple_to_percent_change",
    "percent_change",
    "percent_change_to_multiple",
    "trend_growth",
]


def growth_multiple(current: int | Decimal, previous: int | Decimal) -> Decimal:
    """Return the growth multiple ``current / previous`` ("grew 2.8 times").

    Formula: ``M = current / previous``, computed to :data:`PRECISION` significant
    digits. Multiples chain: ``M(a, b) * M(b, c) = M(a, c)``.

    Args:
        current: The later level (>= 0).
        previous: The earlier level, the base (> 0).

    Raises:
        UndefinedResultError: If *previous* is zero.
        ValidationError: If a level is negative.

    >>> growth_multiple(0, 5)
    Decimal('0')
    >>> growth_multiple(5, 0)
    Traceback (most recent call last):
    ...
    creative_city.errors.UndefinedResultError: previous = Decimal('0'): is zero, so a \
growth multiple (current / previous) does not exist
    """
    now = _non_negative(current, "current")
    base = _base(previous, "previous", "a growth multiple (current / previous)")
    return _CTX.divide(now, base)


def percent_change(current: int | Decimal, previous: int | Decimal) -> Decimal:
    """Return the percent change ``(current / previous - 1) x 100`` (x2.8 is +180 %).

    Raises:
        UndefinedResultError: If *previous* is zero.
        ValidationError: If a level is negative.
    """
    return multiple_to_percent_change(growth_multiple(current, previous))


def multiple_to_percent_change(multiple: int | Decimal) -> Decimal:
    """Return the percent change of a growth *multiple*: ``(M - 1) x 100``.

    >>> multiple_to_percent_change(Decimal("2.8")), multiple_to_percent_change(Decimal("1.4"))
    (Decimal('180.0'), Decimal('40.0'))
    """
    value = _non_negative(multiple, "multiple")
    return _CTX.multiply(_CTX.subtract(value, _ONE), _HUNDRED)


def percent_change_to_multiple(percent: int | Decimal) -> Decimal:
    """Return the growth multiple of a percent change: ``1 + p / 100`` (+180 % is x2.8).

    Raises:
        ValidationError: If *percent* is below -100 (a level cannot fall below zero).
    """
    value = _number(percent, "percent")
    if value < -100:
        raise ValidationError("percent", value, "must be >= -100 (levels never go below zero)")
    return _CTX.add(_ONE, _CTX.divide(value, _HUNDRED))


def _years(value: object, field: str = "years") -> Decimal:
    years = _number(value, field)
    if years <= 0:
        raise ValidationError(field, years, "must be > 0")
    return years


def cagr(start: int | Decimal, end: int | Decimal, years: int | Decimal) -> Decimal:
    """Return the compound annual growth rate from *start* to *end* over *years*.

    Formula: ``CAGR = (end / start) ** (1 / years) - 1``, as a fraction (``0.112``
    is 11.2 % a year), computed with the context's correctly rounded ``power`` at
    :data:`PRECISION` digits. The inverse is :func:`compound_value`.

    Worked example (Zakon.kz, 12 September 2022): investment grew 1.7 times over
    five years to 100 bn KZT, so the base was 100 / 1.7 = 58.8 bn and the growth
    about 11.2 % a year.

    Args:
        start: The first value (> 0).
        end: The last value (>= 0; ``0`` gives ``-1``, a total loss).
        years: The elapsed years (> 0; fractions allowed as ``Decimal``).

    Raises:
        UndefinedResultError: If *start* is zero.
        ValidationError: If a value is negative or *years* is not positive.
        LimitExceededError: If the rate is beyond the decimal range (a growth over a
            tiny fraction of a year).

    >>> round(cagr(Decimal("58.8235294117647"), 100, 5) * 100, 1)
    Decimal('11.2')
    """
    first = _base(start, "start", "a growth rate from it")
    last = _non_negative(end, "end")
    span = _years(years)
    if last == 0:
        return -_ONE
    ratio = _CTX.divide(last, first)
    try:
        return _CTX.subtract(_CTX.power(ratio, _CTX.divide(_ONE, span)), _ONE)
    except decimal.Overflow:  # a tiny span: (end / start) ** (1 / years) is past 10**999999
        raise LimitExceededError(
            "years", span, "the yearly rate over so short a span is beyond any decimal"
        ) from None


def compound_value(start: int | Decimal, rate: int | Decimal, years: int | Decimal) -> Decimal:
    """Return ``start x (1 + rate) ** years``: the compound trajectory, inverse of :func:`cagr`.

    Args:
        start: The first value (>= 0).
        rate: The annual growth rate as a fraction (>= -1; ``-1`` is a total loss).
        years: Elapsed years (>= 0).

    Raises:
        ValidationError: If *years* < 0 (checked first) or *rate* < -1.

    >>> compound_value(100, Decimal("0.1"), 2)
    Decimal('121.00')
    """
    first = _non_negative(start, "start")
    growth = _CTX.add(_ONE, _number(rate, "rate"))
    span = _number(years, "years")
    if span < 0:
        raise ValidationError("years", span, "must be >= 0")
    if growth < 0:
        raise ValidationError("rate", rate, "must be >= -1 (a level cannot fall below zero)")
    if span == 0:
        return first
    if growth == 0:
        return Decimal(0)
    if span == span.to_integral_value():
        return _CTX.multiply(first, _CTX.power(growth, int(span)))
    return _CTX.multiply(first, _CTX.power(growth, span))


def trend_growth(
    values: Sequence[int | Decimal], times: Sequence[int | Decimal] | None = None
) -> Decimal:
    """Return the trend growth rate per unit of time by log-linear least squares.

    Fits ``ln(y_t) = a + b t`` by ordinary least squares and returns ``exp(b) - 1``.
    Unlike :func:`cagr`, which looks only at the two ends, the trend uses every point,
    so one odd year moves it less. On an exactly geometric series both agree.

    Args:
        values: The levels (> 0), at least two.
        times: Their times (default ``0, 1, 2, ...``); at least two distinct.

    Raises:
        UndefinedResultError: If a level is zero (its logarithm does not exist) or all
            times are equal.
        ValidationError: For fewer than two points or a length mismatch.

    >>> round(trend_growth([100, 110, 121, Decimal("133.1")]), 10)
    Decimal('0.1000000000')
    """
    if len(values) < 2:
        raise ValidationError("values", list(values), "a trend needs at least two points")
    levels = [
        _base(v, f"values[{i}]", "its logarithm (log-linear trend)") for i, v in enumerate(values)
    ]
    if times is None:
        return _even_trend(levels)
    if len(times) != len(values):
        raise ValidationError(
            "times", list(times), f"must have as many entries as values ({len(values)})"
        )
    xs = [_number(t, f"times[{i}]") for i, t in enumerate(times)]
    logs = [_CTX.ln(v) for v in levels]
    n = Decimal(len(xs))
    mean_x = _CTX.divide(_sum(xs), n)
    mean_y = _CTX.divide(_sum(logs), n)
    sxx = _sum([_CTX.multiply(_CTX.subtract(x, mean_x), _CTX.subtract(x, mean_x)) for x in xs])
    if sxx == 0:
        raise UndefinedResultError("times", [str(x) for x in xs], "are all equal: no slope")
    sxy = _sum(
        [
            _CTX.multiply(_CTX.subtract(x, mean_x), _CTX.subtract(y, mean_y))
            for x, y in zip(xs, logs, strict=True)
        ]
    )
    return _CTX.subtract(_CTX.exp(_CTX.divide(sxy, sxx)), _ONE)


def _even_trend(levels: list[Decimal]) -> Decimal:
    # Times 0..n-1: with integer weights w_t = 2t - (n - 1), the OLS slope is
    # b = 2 * sum(w ln y) / sum(w^2) = 2 * ln(prod(y^w)) / sum(w^2): one logarithm
    # instead of n (each costs tens of microseconds at PRECISION digits).
    n = len(levels)
    up, down = _ONE, _ONE
    squares = 0
    for t, level in enumerate(levels):
        weight = 2 * t - (n - 1)
        squares += weight * weight
        if weight > 0:
            up = _CTX.multiply(up, _CTX.power(level, weight))
        elif weight < 0:
            down = _CTX.multiply(down, _CTX.power(level, -weight))
    slope = _CTX.divide(_CTX.multiply(2, _CTX.ln(_CTX.divide(up, down))), squares)
    return _CTX.subtract(_CTX.exp(slope), _ONE)


def _sum(values: Sequence[Decimal]) -> Decimal:
    total = Decimal(0)
    for value in values:
        total = _CTX.add(total, value)
    return total
