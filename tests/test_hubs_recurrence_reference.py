"""Recurrence expansion against a reference that walks the wall clock itself.

For HOURLY, DAILY and WEEKLY rules the wall-clock times a rule makes are the start
plus whole steps (RFC 5545 section 3.3.10); the reference below takes them one by one
and places each in the zone with the standard library's ``zoneinfo`` (not the
library's zone handling): a local time that does not exist is skipped and not counted,
an ambiguous one is taken at its first occurrence (fold=0, DESIGN.md), UNTIL is
inclusive and compared as an instant, COUNT counts the times that exist (EXDATE removes
occurrences after counting, RFC 5545 section 3.8.5.1), RDATEs are added once, a window
stops before its end, and more than ``max_occurrences`` is an error. Starts lie on the
days around daylight-saving changes in Berlin, New York, Almaty (2024: UTC+6 to UTC+5)
and Lord Howe Island (a 30-minute change).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import time
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from creative_city.errors import LimitExceededError
from creative_city.hubs.recurrence import Recurrence, expand

UTC = dt.UTC
STEPS = {"HOURLY": dt.timedelta(hours=1), "DAILY": dt.timedelta(days=1)}
STEPS["WEEKLY"] = 7 * STEPS["DAILY"]
CHANGES = {  # zone: days with a change of UTC offset (IANA tzdata)
    "Europe/Berlin": [dt.date(2024, 3, 31), dt.date(2024, 10, 27)],
    "America/New_York": [dt.date(2024, 3, 10), dt.date(2024, 11, 3)],
    "Asia/Almaty": [dt.date(2024, 3, 1)],
    "Australia/Lord_Howe": [dt.date(2024, 4, 7), dt.date(2024, 10, 6)],
}


def place(naive, zone):
    """The instant of a wall-clock time, or None if it does not exist (fold=0)."""
    moment = naive.replace(tzinfo=zone)
    instant = moment.astimezone(UTC)
    return instant if instant.astimezone(zone).replace(tzinfo=None) == naive else None


def reference(case):
    zone = ZoneInfo(case["zone"])
    naive = case["start"]
    found = {}
    produced = 0
    k = 0
    while case["count"] is None or produced < case["count"]:
        t = naive + k * case["interval"] * STEPS[case["freq"]]
        k += 1
        instant = place(t, zone)
        if instant is None:
            continue
        if case["until"] is not None and instant > case["until"]:
            break
        if case["window_end"] is not None and instant >= case["window_end"]:
            break
        produced += 1
        if produced > case["bound"]:
            raise LimitExceededError("recurrence.max_occurrences", case["bound"], "bound")
        if instant not in case["exdates"]:
            found.setdefault(instant, t.replace(tzinfo=zone))
    for extra in case["rdates"]:
        instant = extra.astimezone(UTC)
        if instant in found or instant in case["exdates"]:
            continue
        if case["window_end"] is not None and instant >= case["window_end"]:
            continue
        found[instant] = extra.astimezone(zone)
        if len(found) > case["bound"]:
            raise LimitExceededError("recurrence.max_occurrences", case["bound"], "bound")
    return [found[i].isoformat() for i in sorted(found)]


@st.composite
def cases(draw):
    zone = draw(st.sampled_from(sorted(CHANGES)))
    day = draw(st.sampled_from(CHANGES[zone])) + dt.timedelta(days=draw(st.integers(-8, 1)))
    start = dt.datetime.combine(
        day, dt.time(draw(st.integers(0, 23)), draw(st.sampled_from([0, 30])))
    )
    freq = draw(st.sampled_from(sorted(STEPS)))
    interval = draw(st.integers(1, 3))
    tz = ZoneInfo(zone)
    first = place(start, tz) or (start + dt.timedelta(hours=1)).replace(tzinfo=tz).astimezone(UTC)
    start = first.astimezone(tz).replace(tzinfo=None)
    span = dt.timedelta(minutes=30 * draw(st.integers(0, 24 * 20)))
    ending = draw(st.sampled_from(["count", "until", "window", "none"]))
    instants = st.integers(-4, 24 * 12).map(lambda h: first + dt.timedelta(minutes=30 * h))
    exdates = draw(st.lists(instants, max_size=3))
    rdates = draw(st.lists(instants, max_size=3))
    return {
        "zone": zone,
        "start": start,
        "freq": freq,
        "interval": interval,
        "count": draw(st.integers(1, 12)) if ending == "count" else None,
        "until": first + span if ending == "until" else None,
        "window_end": first + span if ending in {"window", "none"} and span else None,
        "exdates": set(exdates),
        "rdates": [d.astimezone(ZoneInfo(draw(st.sampled_from(sorted(CHANGES))))) for d in rdates],
        "bound": draw(st.integers(1, 40)),
    }


def rule_of(case):
    parts = [f"FREQ={case['freq']}", f"INTERVAL={case['interval']}"]
    if case["count"] is not None:
        parts.append(f"COUNT={case['count']}")
    if case["until"] is not None:
        parts.append(f"UNTIL={case['until']:%Y%m%dT%H%M%SZ}")
    return ";".join(parts)


def library(case):
    tz = ZoneInfo(case["zone"])
    recurrence = Recurrence(
        rule_of(case),
        exdates=tuple(sorted(case["exdates"])),
        rdates=tuple(case["rdates"]),
        max_occurrences=case["bound"],
    )
    start = case["start"].replace(tzinfo=tz)
    found = expand(recurrence, start, case["zone"], window_end=case["window_end"])
    return [moment.isoformat() for moment in found]


def _case(zone, start, freq, **changes):
    base = {
        "zone": zone,
        "start": start,
        "freq": freq,
        "interval": 1,
        "count": None,
        "until": None,
        "window_end": None,
        "exdates": set(),
        "rdates": [],
        "bound": 40,
    }
    return base | changes


def _at(zone, *fields):
    return dt.datetime(*fields, tzinfo=ZoneInfo(zone)).astimezone(UTC)


@example(_case("Europe/Berlin", dt.datetime(2024, 3, 30, 2, 30), "DAILY", count=3))
@example(_case("Europe/Berlin", dt.datetime(2024, 10, 27, 0, 30), "HOURLY", count=5))
@example(  # UNTIL 02:00 CET: 02:30 CEST (00:30Z) comes before it though its wall clock is later
    _case(
        "Europe/Berlin",
        dt.datetime(2024, 10, 27, 0, 30),
        "HOURLY",
        until=dt.datetime(2024, 10, 27, 1, tzinfo=UTC),
    )
)
@example(  # UNTIL exactly on an occurrence: inclusive
    _case(
        "Asia/Almaty",
        dt.datetime(2024, 2, 27, 23, 30),
        "DAILY",
        until=_at("Asia/Almaty", 2024, 3, 1, 23, 30),
    )
)
@example(  # a window ending exactly on an occurrence: that one is out
    _case(
        "Asia/Almaty",
        dt.datetime(2024, 2, 27, 23, 30),
        "DAILY",
        window_end=_at("Asia/Almaty", 2024, 3, 1, 23, 30),
        rdates=[_at("Asia/Almaty", 2024, 3, 1, 23, 30), _at("Asia/Almaty", 2024, 2, 28, 12)],
    )
)
@example(  # UNTIL a day past the last wall-clock time before it, across the change
    _case(
        "America/New_York",
        dt.datetime(2024, 11, 1, 23, 30),
        "HOURLY",
        interval=3,
        until=_at("America/New_York", 2024, 11, 3, 1, 0),
    )
)
@example(  # the bound reached exactly by the rule, then passed by an RDATE
    _case(
        "Europe/Berlin",
        dt.datetime(2024, 3, 28, 9),
        "DAILY",
        count=3,
        bound=3,
        rdates=[_at("Europe/Berlin", 2024, 3, 28, 12)],
    )
)
@example(  # an EXDATE still counts toward COUNT
    _case(
        "Australia/Lord_Howe",
        dt.datetime(2024, 4, 6, 1, 30),
        "HOURLY",
        count=4,
        exdates={_at("Australia/Lord_Howe", 2024, 4, 6, 2, 30)},
    )
)
@given(cases())
def test_expansion_matches_a_wall_clock_reference(case):
    try:
        expected = reference(case)
    except LimitExceededError:
        with pytest.raises(LimitExceededError) as info:
            library(case)
        assert info.value.field == "recurrence.max_occurrences"
        assert info.value.value == case["bound"]
        assert info.value.rule == "the recurrence produces more occurrences than the bound allows"
        return
    assert library(case) == expected


@contextlib.contextmanager
def machine_zone(posix):
    """Run with the machine's local zone set to the POSIX TZ string *posix*."""
    saved = os.environ.get("TZ")
    os.environ["TZ"] = posix
    time.tzset()
    try:
        yield
    finally:
        if saved is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = saved
        time.tzset()


def outcome(compute, case):
    try:
        return compute(case)
    except LimitExceededError as error:
        return (error.field, error.value)


@pytest.mark.skipif(not hasattr(time, "tzset"), reason="the machine's zone is set by tzset")
@example(  # UNTIL on an occurrence, an EXDATE on another, the machine at UTC+5:45
    _case(
        "Asia/Almaty",
        dt.datetime(2024, 2, 27, 23, 30),
        "DAILY",
        until=_at("Asia/Almaty", 2024, 3, 1, 23, 30),
        exdates={_at("Asia/Almaty", 2024, 2, 28, 23, 30)},
    ),
    "<+0545>-5:45",
)
@example(  # the same UNTIL, the machine at UTC-9:30
    _case(
        "Asia/Almaty",
        dt.datetime(2024, 2, 27, 23, 30),
        "DAILY",
        until=_at("Asia/Almaty", 2024, 3, 1, 23, 30),
    ),
    "<-0930>9:30",
)
@example(  # an HOURLY rule and a window, the machine at UTC+5:45
    _case(
        "Europe/Berlin",
        dt.datetime(2024, 10, 27, 0, 30),
        "HOURLY",
        window_end=_at("Europe/Berlin", 2024, 10, 27, 6, 0),
    ),
    "<+0545>-5:45",
)
@given(cases(), st.sampled_from(["<+0545>-5:45", "<-0930>9:30"]))
def test_the_machines_own_zone_changes_no_occurrence(case, machine):
    # Only the hub's zone and UTC take part: an instant read in the machine's zone (a
    # conversion without a zone, a naive UNTIL) would move UNTIL, EXDATEs and windows.
    expected = outcome(reference, case)
    with machine_zone(machine):
        found = outcome(library, case)
    assert found == expected
