"""Hypothesis strategies for the hubs domain (hubs, spaces, requests, plans).

>>> from hypothesis import given
>>> @given(hubs())
... def test(hub):
...     assert sum(s.area for s in hub.spaces) <= hub.floor_area
>>> test()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from hypothesis import strategies as st

from creative_city.hubs import (
    BookingRequest,
    Closure,
    DayHours,
    Hub,
    HubKind,
    NetworkPlan,
    PlannedHub,
    Recurrence,
    Space,
    SpaceMode,
)
from creative_city.time import Interval, zone

__all__ = [
    "booking_requests",
    "hubs",
    "network_plans",
    "planned_hubs",
    "recurrences",
    "register",
    "spaces",
]

_ZONES = ("Asia/Almaty", "Europe/Berlin", "America/New_York", "UTC")


@st.composite
def spaces(draw: st.DrawFn, *, space_id: str | None = None) -> Space:
    """Spaces of either mode, 1-50 persons, optional buffer and duration limits."""
    mode = draw(st.sampled_from(SpaceMode))
    capacity = draw(st.integers(1, 50))
    min_minutes = draw(st.sampled_from([15, 30, 60]))
    max_minutes = draw(st.one_of(st.none(), st.integers(min_minutes, 24 * 60)))
    return Space(
        space_id or draw(st.from_regex(r"[a-z]{1,8}", fullmatch=True)),
        draw(st.sampled_from(["coworking", "studio", "meeting", "lab"])),
        Decimal(draw(st.integers(5, 500))),
        capacity,
        mode,
        buffer=_dt.timedelta(minutes=draw(st.sampled_from([0, 0, 15, 30]))),
        min_duration=_dt.timedelta(minutes=min_minutes),
        max_duration=None if max_minutes is None else _dt.timedelta(minutes=max_minutes),
    )


@st.composite
def hubs(draw: st.DrawFn, *, max_spaces: int = 5) -> Hub:
    """Hubs with weekday or all-week hours, a few spaces and maybe a closure."""
    count = draw(st.integers(1, max_spaces))
    items = tuple(draw(spaces(space_id=f"s{i}")) for i in range(count))
    opens = _dt.time(draw(st.integers(0, 10)))
    closes = _dt.time(draw(st.integers(opens.hour + 1, 23)))
    hours = draw(st.sampled_from([DayHours.every_day, DayHours.weekdays]))(opens, closes)
    name = draw(st.sampled_from(_ZONES))
    opening = draw(st.dates(_dt.date(2020, 1, 1), _dt.date(2030, 12, 31)))
    closures: tuple[Closure, ...] = ()
    if draw(st.booleans()):
        start = _dt.datetime.combine(opening, _dt.time(12), tzinfo=zone(name))
        closures = (Closure(Interval.starting(start, _dt.timedelta(days=1)), "maintenance"),)
    return Hub(
        draw(st.from_regex(r"[a-z]{1,10}", fullmatch=True)),
        "Hub",
        draw(st.sampled_from(HubKind)),
        name,
        sum((s.area for s in items), Decimal(0)) + Decimal(draw(st.integers(0, 1000))),
        opening,
        hours=hours,
        closures=closures,
        spaces=items,
    )


def recurrences() -> st.SearchStrategy[Recurrence]:
    """Small bounded rules (daily, weekly, monthly with a COUNT)."""
    return st.builds(
        lambda freq, count, interval: Recurrence(f"FREQ={freq};INTERVAL={interval};COUNT={count}"),
        st.sampled_from(["DAILY", "WEEKLY", "MONTHLY"]),
        st.integers(1, 20),
        st.integers(1, 3),
    )


@st.composite
def booking_requests(draw: st.DrawFn, *, hub: Hub | None = None) -> BookingRequest:
    """Requests for a space of *hub* (drawn when not given), sometimes recurring."""
    chosen = hub or draw(hubs())
    space = draw(st.sampled_from(chosen.spaces))
    day = draw(st.dates(chosen.opening_date, chosen.opening_date + _dt.timedelta(days=60)))
    start = _dt.datetime.combine(day, _dt.time(draw(st.integers(0, 22))), tzinfo=zone(chosen.zone))
    minutes = draw(st.integers(15, 240))
    return BookingRequest(
        space.id,
        Interval.starting(start, _dt.timedelta(minutes=minutes)),
        draw(st.integers(1, space.capacity)),
        draw(st.sampled_from(["tenant-a", "tenant-b", "tenant-c"])),
        draw(st.one_of(st.none(), recurrences())),
    )


@st.composite
def planned_hubs(draw: st.DrawFn) -> PlannedHub:
    """Planned hubs, opened or not, 2022-2032."""
    planned = draw(st.dates(_dt.date(2022, 1, 1), _dt.date(2032, 12, 31)))
    actual = draw(st.one_of(st.none(), st.dates(_dt.date(2022, 1, 1), _dt.date(2032, 12, 31))))
    area = draw(st.one_of(st.none(), st.integers(100, 30_000).map(Decimal)))
    return PlannedHub(
        draw(st.from_regex(r"[a-z]{1,10}", fullmatch=True)),
        "Hub",
        draw(st.sampled_from(HubKind)),
        planned,
        area,
        actual,
    )


def network_plans() -> st.SearchStrategy[NetworkPlan]:
    """Network plans against the Almaty targets."""
    return st.lists(planned_hubs(), max_size=12, unique_by=lambda h: h.id).map(
        lambda items: NetworkPlan(tuple(items))
    )


def register() -> None:
    """Register the strategies with ``st.register_type_strategy`` (hypothesis plugin)."""
    st.register_type_strategy(Space, spaces())
    st.register_type_strategy(Hub, hubs())
    st.register_type_strategy(Recurrence, recurrences())
    st.register_type_strategy(BookingRequest, booking_requests())
    st.register_type_strategy(PlannedHub, planned_hubs())
    st.register_type_strategy(NetworkPlan, network_plans())
