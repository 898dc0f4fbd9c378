"""Scalar tourism indicators: growth, CAGR, trend, index numbers, shares, occupancy, ADR.

Every function takes ``int`` or ``Decimal`` (never floats) and returns a ``Decimal``
computed in a local decimal context of :data:`PRECISION` significant digits with
``ROUND_HALF_EVEN`` (the caller's context is never used nor changed). Divisions are
correctly rounded at that precision, so results are deterministic on every platform;
round them for display with ``round(value, places)``.

A zero base never yields ``inf``, ``NaN`` or a silent ``0``: the function raises
:class:`~creative_city.errors.UndefinedResultError` saying why. Negative counts raise
:class:`~creative_city.errors.ValidationError`.

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
"""

from __future__ import annotations

import decimal
import math
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from creative_city.errors import InvalidTypeError, UndefinedResultError, ValidationError
from creative_city.money import Money, round_fraction
from creative_city.tourism.observations import Measure, Observation

__all__ = [
    "PRECISION",
    "CapacityGap",
    "Comparison",
    "adr",
    "alos",
    "cagr",
    "capacity_gap",
    "chain_link",
    "compare",
    "compound_value",
    "context",
    "gross_bed_place_occupancy",
    "growth_multiple",
    "index_series",
    "multiple_to_percent_change",
    "net_bed_place_occupancy",
    "percent_change",
    "percent_change_to_multiple",
    "percentage_points",
    "rebase",
    "revpar",
    "room_occupancy",
    "share",
    "tourism_intensity",
    "trend_growth",
]

PRECISION: Final = 50
"""Significant digits of every intermediate and returned ``Decimal`` (ROUND_HALF_EVEN)."""

_HUNDRED: Final = Decimal(100)
_THOUSAND: Final = Decimal(1000)
_ONE: Final = Decimal(1)


def context() -> decimal.Context:
    """Return a fresh copy of the decimal context every indicator computes in.

    ``PRECISION`` digits, ``ROUND_HALF_EVEN``, and traps on invalid operations,
    division by zero and overflow (so a bug can never leak ``NaN`` or ``Infinity``).
    """
    return decimal.Context(
        prec=PRECISION,
        rounding=decimal.ROUND_HALF_EVEN,
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )


_CTX: Final = context()


def _number(value: object, field: str) -> Decimal:
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError(field, value, "must be finite (NaN and Infinity are rejected)")
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        raise InvalidTypeError(field, value, "must be int or Decimal, never float (inexact)")
    raise InvalidTypeError(field, value, "must be int or Decimal")


def _non_negative(value: object, field: str) -> Decimal:
    number = _number(value, field)
    if number < 0:
        raise ValidationError(field, number, "must be >= 0 (tourism counts are never negative)")
    return number


def _base(value: object, field: str, what: str) -> Decimal:
    number = _non_negative(value, field)
    if number == 0:
        raise UndefinedResultError(field, number, f"is zero, so {what} does not exist")
    return number


# -- growth ------------------------------------------------------------------------


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

    >>> round(cagr(Decimal("58.8235294117647"), 100, 5) * 100, 1)
    Decimal('11.2')
    """
    first = _base(start, "start", "a growth rate from it")
    last = _non_negative(end, "end")
    span = _years(years)
    if last == 0:
        return -_ONE
    ratio = _CTX.divide(last, first)
    return _CTX.subtract(_CTX.power(ratio, _CTX.divide(_ONE, span)), _ONE)


def compound_value(start: int | Decimal, rate: int | Decimal, years: int | Decimal) -> Decimal:
    """Return ``start x (1 + rate) ** years``: the compound trajectory, inverse of :func:`cagr`.

    Args:
        start: The first value (>= 0).
        rate: The annual growth rate as a fraction (> -1).
        years: Elapsed years (>= 0).

    Raises:
        ValidationError: If *rate* <= -1 with a fractional *years*, or *years* < 0.

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


# -- index numbers ---------------------------------------------------------------------


def index_series(
    values: Sequence[int | Decimal], base_position: int = 0, base: int | Decimal = 100
) -> tuple[Decimal, ...]:
    """Return the index of *values* with ``values[base_position]`` = *base*.

    Formula: ``I_t = base x values[t] / values[base_position]``.

    Raises:
        UndefinedResultError: If the base-period value is zero.
        ValidationError: If *base_position* is out of range or a value negative.

    >>> index_series([80, 100, 120], base_position=1)
    (Decimal('80'), Decimal('100'), Decimal('120'))
    """
    levels = [_non_negative(v, f"values[{i}]") for i, v in enumerate(values)]
    _check_position(base_position, len(levels))
    reference = _base(levels[base_position], f"values[{base_position}]", "an index on it")
    scale = _number(base, "base")
    return tuple(_CTX.divide(_CTX.multiply(v, scale), reference) for v in levels)


def _check_position(position: object, size: int) -> None:
    if not isinstance(position, int) or isinstance(position, bool):
        raise InvalidTypeError("base_position", position, "must be an int")
    if not 0 <= position < size:
        raise ValidationError("base_position", position, f"must be in 0..{size - 1}")


def chain_link(links: Sequence[int | Decimal], base: int | Decimal = 100) -> tuple[Decimal, ...]:
    """Chain period-on-period growth multiples into an index starting at *base*.

    Formula: ``I_0 = base``, ``I_t = I_(t-1) x link_t``; *links* are growth
    multiples (``current / previous``) of consecutive periods, as published when
    the basket or the sample changes every period. The result has
    ``len(links) + 1`` entries.

    >>> chain_link([Decimal("1.1"), Decimal("0.5")])
    (Decimal('100'), Decimal('110.0'), Decimal('55.00'))
    """
    level = _number(base, "base")
    levels = [level]
    for index, link in enumerate(links):
        level = _CTX.multiply(level, _non_negative(link, f"links[{index}]"))
        levels.append(level)
    return tuple(levels)


def rebase(
    index: Sequence[int | Decimal], base_position: int, base: int | Decimal = 100
) -> tuple[Decimal, ...]:
    """Rebase an index so that ``index[base_position]`` becomes *base* (ratios unchanged).

    Raises:
        UndefinedResultError: If the new base period's level is zero.

    >>> rebase([Decimal(100), Decimal(110), Decimal(55)], 1)[2]
    Decimal('50')
    """
    return index_series(index, base_position, base)


# -- shares --------------------------------------------------------------------------


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

    >>> percentage_points(25, 20), percent_change(25, 20)
    (Decimal('5'), Decimal('25.00'))
    """
    return _CTX.subtract(_number(new_percent, "new_percent"), _number(old_percent, "old_percent"))


# -- accommodation -------------------------------------------------------------------


def alos(nights: int | Decimal, arrivals: int | Decimal) -> Decimal:
    """Return the average length of stay: ``nights / arrivals`` (nights per guest).

    Source: Eurostat, "Methodological manual for tourism statistics" (2014): nights
    spent divided by arrivals of the same establishments and period.

    Raises:
        UndefinedResultError: If there were no arrivals.
    """
    return _CTX.divide(
        _non_negative(nights, "nights"), _base(arrivals, "arrivals", "an average length of stay")
    )


def gross_bed_place_occupancy(
    nights: int | Decimal, bed_places: int | Decimal, days: int
) -> Decimal:
    """Return the gross occupancy rate of bed-places, in percent.

    Formula (Eurostat, "Methodological manual on the design and implementation of
    surveys on inbound tourism", 2000, Appendix A): ``U_e = 100 x P / G_p`` where
    ``P`` is the nights spent and ``G_p = bed_places x days`` the potential
    bed-days of the period. Extra beds are not in the capacity, so the rate may
    exceed 100 %.

    Raises:
        UndefinedResultError: If there are no bed-places.

    >>> gross_bed_place_occupancy(4500, 100, 30)
    Decimal('150')
    """
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        raise ValidationError("days", days, "must be an int > 0")
    capacity = _base(bed_places, "bed_places", "an occupancy rate")
    potential = _CTX.multiply(capacity, Decimal(days))
    return _CTX.divide(_CTX.multiply(_non_negative(nights, "nights"), _HUNDRED), potential)


def net_bed_place_occupancy(nights: int | Decimal, bed_days_available: int | Decimal) -> Decimal:
    """Return the net occupancy rate of bed-places, in percent.

    Formula (Eurostat, Statistics Explained, "Glossary: Net occupancy rate"; same
    manual as above, ``U_n = 100 x P / G_d``): nights spent divided by the bed-places
    actually available summed over the days of the period, net of seasonal and other
    temporary closures. It may exceed 100 % since extra beds are excluded.

    Raises:
        UndefinedResultError: If no bed-day was available.
    """
    available = _base(bed_days_available, "bed_days_available", "a net occupancy rate")
    return _CTX.divide(_CTX.multiply(_non_negative(nights, "nights"), _HUNDRED), available)


def room_occupancy(rooms_sold: int | Decimal, rooms_available: int | Decimal) -> Decimal:
    """Return the room occupancy rate in percent: ``100 x rooms sold / rooms available``.

    Source: Eurostat, Statistics Explained, "Glossary: Net occupancy rate" (bedrooms
    used divided by bedrooms available, both summed over the days of the period).

    Raises:
        UndefinedResultError: If no room was available.
    """
    available = _base(rooms_available, "rooms_available", "a room occupancy rate")
    return _CTX.divide(_CTX.multiply(_non_negative(rooms_sold, "rooms_sold"), _HUNDRED), available)


def _money_per(revenue: Money, units: int | Decimal, field: str, what: str) -> Money:
    if not isinstance(revenue, Money):
        raise InvalidTypeError("revenue", revenue, "must be Money")
    count = _base(units, field, what)
    currency = revenue.currency
    exact = Fraction(revenue.minor, 10**currency.minor_units) / Fraction(count)
    return Money.of(round_fraction(exact, currency.minor_units, decimal.ROUND_HALF_EVEN), currency)


def adr(revenue: Money, rooms_sold: int | Decimal) -> Money:
    """Return the average daily rate: room revenue per room sold, rounded half-even.

    Formula (STR and hotel industry usage): ``ADR = room revenue / rooms sold``.

    Raises:
        UndefinedResultError: If no room was sold.

    >>> adr(Money.of(1_500_000, "KZT"), 60)
    Money('25000.00', 'KZT')
    """
    return _money_per(revenue, rooms_sold, "rooms_sold", "an average daily rate")


def revpar(revenue: Money, rooms_available: int | Decimal) -> Money:
    """Return revenue per available room: ``room revenue / rooms available``.

    Equal to ``ADR x room occupancy`` (before rounding).

    Raises:
        UndefinedResultError: If no room was available.

    >>> revpar(Money.of(1_500_000, "KZT"), 100)
    Money('15000.00', 'KZT')
    """
    return _money_per(revenue, rooms_available, "rooms_available", "a revenue per room")


def tourism_intensity(nights: int | Decimal, population: int | Decimal) -> Decimal:
    """Return nights spent per 1,000 residents: ``1000 x nights / population``.

    Source: Eurostat, Statistics Explained, "Glossary: Tourism intensity" (2021):
    the ratio of nights spent at tourist accommodation establishments to the
    permanent resident population of the area.

    Raises:
        UndefinedResultError: If the population is zero.

    >>> tourism_intensity(4_000_000, 2_000_000)
    Decimal('2000')
    """
    residents = _base(population, "population", "a tourism intensity")
    return _CTX.divide(_CTX.multiply(_non_negative(nights, "nights"), _THOUSAND), residents)


# -- capacity gap --------------------------------------------------------------------


@attrs.frozen
class CapacityGap:
    """Bed-places needed to serve projected nights at a target occupancy, versus available.

    Attributes:
        projected_nights: The nights to serve in the period.
        target_occupancy: The planned gross bed-place occupancy, in percent.
        days: The days in the period.
        needed: Bed-places needed, ``ceil(nights / (occupancy / 100 x days))``.
        available: Bed-places on offer.
        gap: ``needed - available``: positive is a shortage, negative a surplus.
    """

    projected_nights: Decimal
    target_occupancy: Decimal
    days: int
    needed: int
    available: int
    gap: int

    def to_records(self) -> list[dict[str, object]]:
        """Return the gap as one plain dict in a list (for notebooks)."""
        return [attrs.asdict(self)]


def capacity_gap(
    projected_nights: int | Decimal,
    target_occupancy: int | Decimal,
    days: int,
    available_bed_places: int,
) -> CapacityGap:
    """Return the accommodation capacity gap for *projected_nights*.

    Formula: bed-places needed = ``ceil(100 x nights / (occupancy x days))``, the
    inverse of the gross occupancy rate; gap = needed - available. Whole bed-places
    are needed, so the need is rounded up.

    Args:
        projected_nights: Nights to serve in the period (>= 0).
        target_occupancy: The planned gross occupancy in percent (> 0).
        days: Days in the period (> 0).
        available_bed_places: Bed-places on offer (>= 0).

    Raises:
        UndefinedResultError: If the target occupancy is zero.

    >>> capacity_gap(3_650_000, 50, 365, 15_000).gap  # 20,000 needed
    5000
    """
    nights = _non_negative(projected_nights, "projected_nights")
    occupancy = _base(target_occupancy, "target_occupancy", "a bed-place need")
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        raise ValidationError("days", days, "must be an int > 0")
    if (
        not isinstance(available_bed_places, int)
        or isinstance(available_bed_places, bool)
        or available_bed_places < 0
    ):
        raise ValidationError("available_bed_places", available_bed_places, "must be an int >= 0")
    exact = Fraction(nights) * 100 / (Fraction(occupancy) * days)
    needed = math.ceil(exact)
    return CapacityGap(
        nights, occupancy, days, needed, available_bed_places, needed - available_bed_places
    )


# -- same period last year -------------------------------------------------------------


@attrs.frozen
class Comparison:
    """A figure compared with the same period one year earlier (H1 with H1, YTD with YTD).

    Attributes:
        measure: The measure compared.
        segment: The segment label.
        universe: The universe.
        current_period: The later period.
        previous_period: The same period a year earlier.
        current: The current figure (per day when *per_day*).
        previous: The previous figure (per day when *per_day*).
        current_days: Days in the current period.
        previous_days: Days in the previous period.
        length_mismatch: Whether the periods have different numbers of days (H1 2024
            has 182, H1 2023 has 181): compare per day to remove the leap-day effect.
        per_day: Whether the figures were divided by the days of their periods.
        multiple: ``current / previous``, or ``None`` when undefined.
        percent_change: ``(multiple - 1) x 100``, or ``None`` when undefined.
        undefined: Why the multiple is undefined, else ``None``.
    """

    measure: Measure
    segment: str
    universe: str
    current_period: str
    previous_period: str
    current: Decimal
    previous: Decimal
    current_days: int
    previous_days: int
    length_mismatch: bool
    per_day: bool
    multiple: Decimal | None
    percent_change: Decimal | None
    undefined: str | None

    def to_records(self) -> list[dict[str, object]]:
        """Return the comparison as one plain dict in a list (for notebooks)."""
        record = attrs.asdict(self)
        record["measure"] = self.measure.value
        return [record]


def _quantum(places: int) -> Decimal:
    if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 30:
        raise ValidationError("places", places, "must be an int from 0 to 30")
    return Decimal(1).scaleb(-places)


def compare(
    current: Observation, previous: Observation, *, per_day: bool = False, places: int = 6
) -> Comparison:
    """Compare *current* with *previous*, the same period one year earlier.

    The periods must line up: *previous* must be ``current.period.year_earlier()``
    (H1 with H1, Q3 with Q3, YTD through 30 June with YTD through 30 June), with the
    same measure, segment and universe. When the periods have different lengths the
    result is flagged; with ``per_day=True`` both figures are divided by their days
    first. A zero previous figure gives an undefined multiple with the reason.

    Args:
        current: The later observation.
        previous: The observation one year earlier.
        per_day: Divide each figure by the days of its period first.
        places: Decimal places of the multiple, percent change and per-day figures.

    Raises:
        ValidationError: If the periods, measures, segments or universes do not line up.

    >>> now = Observation.count("2024-H1", "foreign", "border", "arrivals", 182_000)
    >>> then = Observation.count("2023-H1", "foreign", "border", "arrivals", 181_000)
    >>> c = compare(now, then)
    >>> c.length_mismatch, c.current_days, c.previous_days, c.multiple
    (True, 182, 181, Decimal('1.005525'))
    >>> compare(now, then, per_day=True).multiple
    Decimal('1.000000')
    """
    quantum = _quantum(places)
    for name in ("measure", "segment", "universe"):
        if getattr(current, name) != getattr(previous, name):
            raise ValidationError(
                f"previous.{name}",
                str(getattr(previous, name)),
                f"must equal current.{name} {getattr(current, name)!s} to compare",
            )
    if previous.period != current.period.year_earlier():
        raise ValidationError(
            "previous.period",
            str(previous.period),
            f"must be {current.period.year_earlier()}, the same period one year before "
            f"{current.period} (H1 with H1, YTD with YTD)",
        )
    if current.currency != previous.currency or current.basis != previous.basis:
        raise ValidationError(
            "previous.currency",
            f"{previous.currency} {previous.basis}",
            "must have the same currency and price basis as current",
        )
    now, then = current.value, previous.value
    if per_day:
        now = _CTX.divide(now, Decimal(current.period.days)).quantize(quantum, context=_CTX)
        then = _CTX.divide(then, Decimal(previous.period.days)).quantize(quantum, context=_CTX)
    multiple: Decimal | None = None
    change: Decimal | None = None
    reason: str | None = None
    if then == 0:
        reason = f"previous {previous.measure.value} is zero: no growth multiple exists"
    else:
        exact = _CTX.divide(now, then)
        multiple = exact.quantize(quantum, context=_CTX)
        change = _CTX.multiply(_CTX.subtract(exact, _ONE), _HUNDRED).quantize(quantum, context=_CTX)
    return Comparison(
        measure=current.measure,
        segment=current.segment.label,
        universe=current.universe.value,
        current_period=str(current.period),
        previous_period=str(previous.period),
        current=now,
        previous=then,
        current_days=current.period.days,
        previous_days=previous.period.days,
        length_mismatch=current.period.days != previous.period.days,
        per_day=per_day,
        multiple=multiple,
        percent_change=change,
        undefined=reason,
    )
