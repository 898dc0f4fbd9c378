"""Opening-hours checks computed lazily agree with a bisection into the year's windows.

``HubCalendar.covers`` computes only the windows of the local dates around a booking
(issue 7: ``hubs.admit`` used to compute a whole year of windows for one request). Its
answer must be the one of the definition: the booking lies inside the merged window of
``HubCalendar.year(year)`` that starts last at or before the booking's start. The model
here is that definition, on a calendar that never computed anything lazily.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_right
from decimal import Decimal

import attrs
from hypothesis import given
from hypothesis import strategies as st

from creative_city.hubs.calendar import _CHUNK_US, HubCalendar
from creative_city.hubs.model import (
    DatedHours,
    DayHours,
    Hub,
    HubKind,
    Space,
    TimeRange,
    to_us,
)
from creative_city.time import UTC

# Zones with daylight saving gaps and folds, half-hour DST (Lord Howe), a skipped
# date (Apia left out 30 December 2011), an offset change (Almaty, 1 March 2024) and
# offsets near the extremes (Kiritimati +14, Pago Pago -11).
ZONES = (
    "UTC",
    "Asia/Almaty",
    "Europe/Berlin",
    "America/New_York",
    "Australia/Lord_Howe",
    "Pacific/Apia",
    "Pacific/Kiritimati",
    "Pacific/Pago_Pago",
)
HOUR_US = 3_600_000_000


def reference(calendar: HubCalendar, year: int, start_us: int, end_us: int) -> bool:
    starts, ends = calendar.year(year)
    i = bisect_right(starts, start_us) - 1
    return i >= 0 and ends[i] >= end_us


times = st.builds(dt.time, st.integers(0, 23), st.sampled_from([0, 30]))


@st.composite
def hubs(draw: st.DrawFn) -> Hub:
    weekly = draw(
        st.lists(st.builds(DayHours, st.integers(0, 6), times, times), min_size=0, max_size=10)
    )
    if draw(st.booleans()):  # around the clock on some days: windows merge across dates
        weekly += [DayHours(d, dt.time(0), dt.time(0)) for d in draw(st.sets(st.integers(0, 6)))]
    exceptions = draw(
        st.lists(
            st.builds(
                DatedHours,
                st.dates(dt.date(2010, 12, 1), dt.date(2026, 1, 31)),
                st.lists(st.builds(TimeRange, times, times), max_size=2).map(tuple),
            ),
            max_size=6,
            unique_by=lambda e: e.day,
        )
    )
    return Hub(
        "h",
        "Hub",
        HubKind.CREATIVE_HUB,
        draw(st.sampled_from(ZONES)),
        Decimal(100),
        dt.date(2000, 1, 1),
        tuple(weekly),
        tuple(exceptions),
        spaces=(Space("s", "studio", Decimal(10), 2),),
    )


# Instants near year ends and DST changes, anywhere in a few years, and near the
# edges of the blocks of 16 UTC days whose windows are computed together.
dated = st.one_of(
    st.datetimes(dt.datetime(2011, 12, 25), dt.datetime(2012, 1, 8)),
    st.datetimes(dt.datetime(2023, 12, 25), dt.datetime(2024, 3, 10)),
    st.datetimes(dt.datetime(2024, 3, 20), dt.datetime(2024, 4, 10)),
    st.datetimes(dt.datetime(2024, 10, 20), dt.datetime(2025, 1, 8)),
    st.datetimes(dt.datetime(2011, 1, 1), dt.datetime(2026, 1, 1)),
).map(lambda moment: to_us(moment.replace(tzinfo=UTC)))
block_edges = st.builds(
    lambda block, offset: block * _CHUNK_US + offset,
    st.integers(936, 1277),  # the blocks of 2011 to 2025
    st.integers(-48 * HOUR_US, 48 * HOUR_US),
)
instants = st.one_of(dated, block_edges)


@given(
    hub=hubs(),
    checks=st.lists(
        st.tuples(
            instants,
            st.integers(-HOUR_US, 120 * HOUR_US),  # lengths up to five days, some <= 0
            st.integers(-1, 1),  # the year asked: the instant's UTC year, or one off
        ),
        min_size=1,
        max_size=12,
    ),
)
def test_covers_is_a_bisection_into_the_year(hub, checks):
    lazy = HubCalendar(hub)
    eager = HubCalendar(hub)
    for start_us, length, year_shift in checks:
        year = (dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=start_us)).year + year_shift
        end_us = start_us + length
        assert lazy.covers(year, start_us, end_us) == reference(eager, year, start_us, end_us)


def reference_between(calendar: HubCalendar, start_us: int, end_us: int) -> list[tuple[int, int]]:
    # The definition: each UTC year's merged windows clipped, touching ones merged.
    first = (dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=start_us)).year
    last = (dt.datetime(1970, 1, 1) + dt.timedelta(microseconds=end_us - 1)).year
    result: list[tuple[int, int]] = []
    for year in range(first, last + 1):
        for a, b in zip(*calendar.year(year), strict=True):
            a2, b2 = max(a, start_us), min(b, end_us)
            if a2 < b2:
                if result and a2 <= result[-1][1]:
                    result[-1] = (result[-1][0], max(result[-1][1], b2))
                else:
                    result.append((a2, b2))
    return result


@given(
    hub=hubs(),
    spans=st.lists(st.tuples(instants, st.integers(1, 40 * 24 * HOUR_US)), min_size=1, max_size=6),
)
def test_windows_between_are_the_years_windows_clipped(hub, spans):
    lazy = HubCalendar(hub)
    eager = HubCalendar(hub)
    for start_us, length in spans:
        end_us = start_us + length
        assert lazy.windows_between(start_us, end_us) == reference_between(eager, start_us, end_us)


def test_a_hub_open_around_the_clock_is_one_window_across_dates():
    # Merged windows run across date boundaries: a booking of several days fits.
    hub = Hub(
        "h",
        "Hub",
        HubKind.IT_HUB,
        "Asia/Almaty",
        Decimal(100),
        dt.date(2024, 1, 1),
        DayHours.every_day(dt.time(0), dt.time(0)),
        spaces=(Space("s", "studio", Decimal(10), 2),),
    )
    calendar = HubCalendar(hub)
    start = to_us(dt.datetime(2025, 3, 3, tzinfo=UTC))
    assert calendar.covers(2025, start, start + 60 * 24 * HOUR_US)
    # A closed day breaks the window.
    closed = attrs.evolve(hub, exceptions=(DatedHours(dt.date(2025, 4, 1), ()),))
    assert not HubCalendar(closed).covers(2025, start, start + 60 * 24 * HOUR_US)
    assert HubCalendar(closed).covers(2025, start, start + 20 * 24 * HOUR_US)
