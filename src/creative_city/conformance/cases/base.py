"""What the cases share: their registry, money and time helpers, DST days.

A case builds the ``input`` document of one operation's request, as plain JSON data,
from a :class:`~creative_city.conformance.cases.choices.Choices` source that makes
every decision (so that the same seed gives the same document, and a failing one can
be replayed and shrunk). It is registered with :func:`case` under the operation's
name. Values are built with the library's own types where they have rules (a fund's
history, an observation) and serialized with
:func:`creative_city.serialization.to_data`, so the documents have the shapes the
oracle reads.
"""

from __future__ import annotations

import datetime as _dt
import functools
import zoneinfo
from collections.abc import Callable
from typing import Any, Final, TypeVar

from creative_city.conformance.cases.choices import Choices
from creative_city.money import Money, get_currency
from creative_city.serialization import to_data
from creative_city.time import Period

__all__ = [
    "CASES",
    "CURRENCIES",
    "DST_ZONES",
    "Case",
    "case",
    "dst_changes",
    "money",
    "period",
    "stamp",
]

Case = Callable[[Choices], Any]
"""A function building one input document of an operation from a source of choices."""

CASES: dict[str, Case] = {}
"""The case of each operation, filled by :func:`case`."""

CURRENCIES: Final = ("KZT", "USD", "JPY", "KWD")
"""Currencies with 2, 0 and 3 minor digits (the tenge first: shrinking picks it)."""

DST_ZONES: Final = ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Almaty")
"""Zones whose clocks change: an hour, half an hour, and Almaty's one change in 2024."""

F = TypeVar("F", bound=Case)


def case(operation: str) -> Callable[[F], F]:
    """Register the decorated function as the case of *operation*."""

    def register(function: F) -> F:
        if operation in CASES:
            message = f"two cases for {operation}"
            raise RuntimeError(message)
        CASES[operation] = function
        return function

    return register


def money(minor: int, currency: str) -> dict[str, str]:
    """Return the JSON of an amount in minor units of *currency*.

    >>> money(5, "KZT"), money(5, "JPY")
    ({'amount': '0.05', 'currency': 'KZT'}, {'amount': '5', 'currency': 'JPY'})
    """
    data: dict[str, str] = to_data(Money.from_minor(minor, get_currency(currency)))
    return data


def stamp(local: _dt.datetime, zone: str) -> str:
    """Return wall-clock time *local* in *zone* as ISO 8601 with its offset (earlier fold)."""
    return local.replace(tzinfo=zoneinfo.ZoneInfo(zone)).isoformat()


def _exists(local: _dt.datetime, zone: zoneinfo.ZoneInfo) -> bool:
    aware = local.replace(tzinfo=zone)
    return aware.astimezone(_dt.UTC).astimezone(zone).replace(tzinfo=None) == local


@functools.cache
def dst_changes() -> tuple[tuple[str, _dt.datetime, int, bool], ...]:
    """Return the clock changes of :data:`DST_ZONES` in 2022-2026.

    Each is ``(zone, local start, minutes, gap)``: from *local start*, *minutes* of
    wall-clock time either do not exist (a gap, clocks forward) or happen twice (a
    fold, clocks back). Computed from the zone data, so no date is kept by hand.
    """
    found = []
    for name in DST_ZONES:
        zone = zoneinfo.ZoneInfo(name)
        day = _dt.date(2022, 1, 1)
        while day.year < 2027:
            # A week at a time; the day of a change is found inside a week that has one.
            week = [day + _dt.timedelta(days=offset) for offset in range(8)]
            offsets = [_noon_offset(each, zone) for each in week]
            if offsets[0] != offsets[-1]:
                for each, first, second in zip(week, offsets, offsets[1:], strict=False):
                    if first != second:
                        found.append(_change(name, zone, each, second - first))
            day = week[-1]
    return tuple(found)


def _noon_offset(day: _dt.date, zone: zoneinfo.ZoneInfo) -> _dt.timedelta:
    return _dt.datetime.combine(day, _dt.time(12), tzinfo=zone).utcoffset() or _dt.timedelta()


def _change(
    name: str, zone: zoneinfo.ZoneInfo, day: _dt.date, shift: _dt.timedelta
) -> tuple[str, _dt.datetime, int, bool]:
    # The change happens between noon of *day* and noon of the next day: the first
    # quarter hour after noon that does not exist, or exists twice, starts it.
    local = _dt.datetime.combine(day, _dt.time(12))
    while True:
        local += _dt.timedelta(minutes=15)
        if not _exists(local, zone):
            return name, local, abs(int(shift.total_seconds() // 60)), True
        aware = local.replace(tzinfo=zone)
        if aware.utcoffset() != aware.replace(fold=1).utcoffset():
            return name, local, abs(int(shift.total_seconds() // 60)), False


_PERIOD_KINDS: Final = ("year", "half", "quarter", "month", "ytd", "custom")


def period(source: Choices) -> Period:
    """Return a calendar period of any kind in 1990-2060.

    The distribution of :func:`creative_city.testing.strategies.periods`.
    """
    year = source.integer(1990, 2060)
    kind = source.pick(_PERIOD_KINDS)
    if kind == "year":
        return Period.year(year)
    if kind == "half":
        return Period.half(year, source.integer(1, 2))
    if kind == "quarter":
        return Period.quarter(year, source.integer(1, 4))
    if kind == "month":
        return Period.month(year, source.integer(1, 12))
    start = source.date(_dt.date(year, 1, 1), _dt.date(year, 12, 31))
    if kind == "ytd":
        return Period.year_to_date(start)
    return Period.custom(start, start + _dt.timedelta(days=source.integer(1, 800)))
