"""Accommodation ratios: length of stay, bed-place and room occupancy, ADR and RevPAR.

The definitions are Eurostat's (nights spent, arrivals, bed-places, bed-days and
rooms of the same establishments and period) and the hotel industry's (ADR, RevPAR).
A rate over several periods or establishments is a ratio of sums
(:func:`~creative_city.tourism.tables.occupancy_of`), never a mean of rates.
Occupancy may exceed 100 %: extra beds are not in the capacity.

>>> alos(4500, 1500), gross_bed_place_occupancy(4500, 100, 30)
(Decimal('3'), Decimal('150'))
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from fractions import Fraction

from creative_city.errors import InvalidTypeError
from creative_city.money import Money, round_fraction
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import HUNDRED as _HUNDRED
from creative_city.tourism.indicators.arithmetic import base as _base
from creative_city.tourism.indicators.arithmetic import non_negative as _non_negative
from creative_city.tourism.indicators.arithmetic import positive_days as _positive_days

__all__ = [
    "adr",
    "alos",
    "gross_bed_place_occupancy",
    "net_bed_place_occupancy",
    "revpar",
    "room_occupancy",
]


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
    _positive_days(days)
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
