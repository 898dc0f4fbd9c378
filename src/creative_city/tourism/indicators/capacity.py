"""Pressure on the city: nights per resident, and the bed-places a flow needs.

Tourism intensity relates visitors' nights to the resident population (Eurostat);
the capacity gap turns projected nights and a planned occupancy into the bed-places
needed, against those on offer (accommodation capacity is one of the barriers the
programme names, Zakon.kz, 12 September 2022).

>>> tourism_intensity(4_000_000, 2_000_000), capacity_gap(3_650_000, 50, 365, 15_000).gap
(Decimal('2000'), 5000)
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction

import attrs

from creative_city.errors import ValidationError
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import THOUSAND as _THOUSAND
from creative_city.tourism.indicators.arithmetic import base as _base
from creative_city.tourism.indicators.arithmetic import non_negative as _non_negative
from creative_city.tourism.indicators.arithmetic import positive_days as _positive_days

__all__ = ["CapacityGap", "capacity_gap", "tourism_intensity"]


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
    _positive_days(days)
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
