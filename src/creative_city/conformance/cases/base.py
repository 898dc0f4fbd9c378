"""What the case strategies share: their registry, money and time helpers, DST days.

A case strategy draws the ``input`` document of one operation's request, as plain
JSON data. It is registered with :func:`case` under the operation's name; the
strategies are built from the library's own (:mod:`creative_city.testing`) and
serialized with :func:`creative_city.serialization.to_data`, so the documents have
the shapes the oracle reads.
"""

from __future__ import annotations

import datetime as _dt
import functools
import zoneinfo
from collections.abc import Callable, Sequence
from typing import Any, Final, TypeVar

from hypothesis import strategies as st

from creative_city.money import Money, get_currency
from creative_city.serialization import to_data

__all__ = [
    "CASES",
    "CURRENCIES",
    "DST_ZONES",
    "Case",
    "case",
    "dst_changes",
    "money",
    "pick",
    "stamp",
]

Case = Callable[[], st.SearchStrategy[dict[str, Any]]]
"""A function returning the strategy of one operation's input documents."""

CASES: dict[str, Case] = {}
"""The case strategy of each operation, filled by :func:`case`."""

CURRENCIES: Final = ("KZT", "USD", "JPY", "KWD")
"""Currencies with 2, 0 and 3 minor digits (the tenge first: shrinking picks it)."""

DST_ZONES: Final = ("Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Almaty")
"""Zones whose clocks change: an hour, half an hour, and Almaty's one change in 2024."""

F = TypeVar("F", bound=Case)
T = TypeVar("T")


def case(operation: str) -> Callable[[F], F]:
    """Register the decorated function as the case strategy of *operation*."""

    def register(function: F) -> F:
        if operation in CASES:
            message = f"two case strategies for {operation}"
            raise RuntimeError(message)
        CASES[operation] = function
        return function

    return register


def pick(draw: st.DrawFn, options: Sequence[T]) -> T:
    """Draw one of *options*, the first when shrinking.

    As ``draw(st.sampled_from(options))``, without building (and validating) a new
    strategy on every draw, which hypothesis does for ``sampled_from``.
    """
    return options[draw(st.integers(0, len(options) - 1))]


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
