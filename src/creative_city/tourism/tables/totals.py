"""Ratios of sums over many observations: totals, bed-place occupancy, length of stay.

Occupancy over several periods or establishments is a ratio of sums, never a mean
of rates: summing first weights each month or establishment by its capacity, as
statistical offices do.

>>> from creative_city.tourism import Observation
>>> june = [
...     Observation.count("2022-06", "total", "accommodation", "nights", 4500),
...     Observation.count("2022-06", "total", "accommodation", "bed_places", 100),
... ]
>>> july = [
...     Observation.count("2022-07", "total", "accommodation", "nights", 1550),
...     Observation.count("2022-07", "total", "accommodation", "bed_places", 50),
... ]
>>> occupancy_of(june + july)  # 6,050 nights over 3,000 + 1,550 bed-days
Decimal('132.96703296703296703296703296703296703296703296703')
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.tourism.indicators.accommodation import (
    alos,
    gross_bed_place_occupancy,
    net_bed_place_occupancy,
)
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.observations import Measure, Observation, check_one_universe

__all__ = ["alos_of", "occupancy_of", "total_of"]


def _observations(values: Iterable[Observation]) -> list[Observation]:
    observations = list(values)
    for index, obs in enumerate(observations):
        if not isinstance(obs, Observation):
            raise InvalidTypeError(f"observations[{index}]", obs, "must be an Observation")
    return observations


def total_of(observations: Iterable[Observation], measure: Measure | str) -> Decimal:
    """Return the sum of *measure* over observations of one universe and currency.

    Raises:
        ValidationError: If the observations mix universes or currencies.
    """
    wanted = Measure(measure)
    chosen = [o for o in _observations(observations) if o.measure is wanted]
    check_one_universe(chosen)
    currencies = {(o.currency, o.basis) for o in chosen}
    if len(currencies) > 1:
        raise ValidationError(
            "observations", sorted(str(c) for c in currencies), "mix currencies or price bases"
        )
    total = Decimal(0)
    for obs in chosen:
        total = _CTX.add(total, obs.value)
    return total


def occupancy_of(observations: Iterable[Observation], *, net: bool = False) -> Decimal:
    """Return the bed-place occupancy rate (percent) of many observations: a ratio of sums.

    Gross: ``100 x sum(nights) / sum(bed_places x days of its period)``; net:
    ``100 x sum(nights) / sum(bed_days_available)`` (Eurostat definitions, see
    :func:`~creative_city.tourism.indicators.gross_bed_place_occupancy`). Summing
    first weights each month or establishment by its capacity; the mean of monthly
    rates would not, and is not what statistical offices publish.

    Raises:
        ValidationError: If the observations mix universes.
        UndefinedResultError: If the capacity sums to zero.
    """
    chosen = _observations(observations)
    check_one_universe(chosen)
    nights = total_of(chosen, Measure.NIGHTS)
    if net:
        return net_bed_place_occupancy(nights, total_of(chosen, Measure.BED_DAYS_AVAILABLE))
    potential = Decimal(0)
    for obs in chosen:
        if obs.measure is Measure.BED_PLACES:
            potential = _CTX.add(potential, _CTX.multiply(obs.value, obs.period.days))
    return gross_bed_place_occupancy(nights, potential, 1)


def alos_of(observations: Iterable[Observation]) -> Decimal:
    """Return the average length of stay of many observations: ``sum(nights) / sum(arrivals)``.

    Raises:
        ValidationError: If the observations mix universes.
        UndefinedResultError: If there were no arrivals.
    """
    chosen = _observations(observations)
    check_one_universe(chosen)
    return alos(total_of(chosen, Measure.NIGHTS), total_of(chosen, Measure.ARRIVALS))
