"""Availability and utilisation against a minute-by-minute reference.

The hub and its rules are those of ``test_hubs_reference`` (Asia/Almaty, UTC+5 all of
2025, open 09:00-21:00 except 9 January, closures on the 8th, 10th and 11th, a shared
floor with a 15 min turnaround, an exclusive studio with 30 min, an annex opening on
8 January). Every boundary lies on a whole minute, so walking the minutes one by one
and asking of each whether it is open, closed, booked or full is an exact reference
with no sorted arrays, sweeps or bisections: free slots are the maximal runs of free
minutes, available and booked seat-hours are counts of minutes.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
from hypothesis import example, given, target
from hypothesis import strategies as st

from creative_city.hubs import (
    Booking,
    BookingRequest,
    DayHours,
    Hub,
    HubKind,
    Schedule,
    ScheduleState,
    Space,
    free_slots,
    utilisation,
)
from creative_city.time import Interval, Period
from test_hubs_reference import (
    CLOSURES,
    DAY,
    HOURS,
    HUB,
    ORIGIN,
    SPACES,
    minute,
    when,
)

KINDS = {"floor": "coworking", "studio": "studio", "annex": "coworking", "booth": "booth"}


def minutes_of(moment):
    return round((moment - ORIGIN).total_seconds()) // 60


def booked_spans(schedule):
    """(space, start, end, persons) of every occurrence, in minutes."""
    return [
        (b.space, minutes_of(o.start), minutes_of(o.end), b.headcount)
        for b in schedule.bookings
        for o in b.occurrences
    ]


def is_open(space, m):
    """Whether minute [m, m + 1) is inside the hours, after opening, outside closures."""
    day = m // DAY + 1
    if m < SPACES[space][7]:
        return False
    if not any(minute(day, 0) + a <= m < minute(day, 0) + b for a, b in HOURS.get(day, [])):
        return False
    return not any(a <= m < b for a, b, _, spaces in CLOSURES if not spaces or space in spaces)


def loads(space, spans, lo, hi, *, buffer):
    """Persons in *space* on each minute of [lo, hi) (an exclusive booking holds the
    whole space), each booking counted on its minutes plus the turnaround if *buffer*."""
    mode, capacity, gap = SPACES[space][:3]
    extra = gap if buffer else 0
    persons = [0] * (hi - lo)
    for where, a, b, n in spans:
        if where == space:
            for m in range(max(a, lo), min(b + extra, hi)):
                persons[m - lo] = capacity if mode == "exclusive" else persons[m - lo] + n
    return persons


def free_minutes(space, spans, headcount, w0, w1):
    """Whether each minute of [w0, w1) is free in *space* for *headcount*."""
    mode, capacity, buffer = SPACES[space][:3]
    if mode == "exclusive":
        # Free when no booking, its turnaround after it or a new booking's turnaround
        # before it (a booking ending on this minute + buffer) holds it.
        mine = [(a, b) for where, a, b, _ in spans if where == space]
        return [
            is_open(space, m) and not any(a - buffer <= m < b + buffer for a, b in mine)
            for m in range(w0, w1)
        ]
    # Room for the headcount on this minute and through the turnaround after it.
    load = loads(space, spans, w0, w1 + buffer + 1, buffer=True)
    return [
        is_open(space, m)
        and all(x + headcount <= capacity for x in load[m - w0 : m - w0 + buffer + 1])
        for m in range(w0, w1)
    ]


def reference_slots(spans, kind, headcount, duration, window):
    w0, w1 = window
    found = []
    for space in sorted(SPACES):
        _, capacity, _, _, longest = SPACES[space][:5]
        if KINDS[space] != kind or capacity < headcount:
            continue
        if longest is not None and longest < duration:
            continue
        run = None
        for m, free in zip(
            [*range(w0, w1), w1],
            [*free_minutes(space, spans, headcount, w0, w1), False],
            strict=True,
        ):
            if free:
                run = m if run is None else run
                continue
            if run is not None and m - run >= duration:
                found.append((run, space, m))
            run = None
    return [(space, a, b) for a, space, b in sorted(found)]


def schedule_of(spans):
    """A schedule holding *spans* as bookings, restored without checks (reports read
    what is booked, whatever the rules: bookings may cross midnight or overlap)."""
    bookings = tuple(
        Booking(f"B{k}", space, "t", n, (Interval(when(a), when(b)),))
        for k, (space, a, b, n) in enumerate(spans, 1)
    )
    return Schedule.restore(ScheduleState((HUB,), bookings, len(bookings) + 1))


@st.composite
def span(draw):
    space = draw(st.sampled_from(sorted(SPACES)))
    a = 15 * draw(st.integers(4 * 96, 13 * 96))
    b = a + 15 * draw(st.integers(1, 120))
    return space, a, b, draw(st.integers(1, SPACES[space][1]))


def _no_double_booking(spans):
    # An exclusive space never holds two bookings at once (admission sees to it).
    kept = []
    for space, a, b, n in spans:
        if SPACES[space][0] != "exclusive" or not any(
            where == space and a < d and c < b for where, c, d, _ in kept
        ):
            kept.append((space, a, b, n))
    return kept


singles = st.lists(span(), max_size=8).map(_no_double_booking)


@example(
    [("studio", minute(6, 11), minute(6, 13), 1), ("floor", minute(6, 10), minute(6, 12), 5)],
    "studio",
    1,
    60,
    (minute(6, 9), minute(6, 21)),
)
@example(
    [("floor", minute(6, 10), minute(6, 11), 2), ("floor", minute(6, 9), minute(6, 11), 2)],
    "coworking",
    5,
    15,
    (minute(6, 9), minute(6, 14)),
)  # two bookings ending together: both leave
@example(
    [("floor", minute(6, 10), minute(6, 11), 1)], "coworking", 6, 15, (minute(6, 9), minute(6, 14))
)
@example(
    [("floor", minute(6, 10), minute(6, 12), 4), ("floor", minute(6, 11), minute(6, 11, 30), 2)],
    "coworking",
    2,
    15,
    (minute(6, 9), minute(6, 14)),
)  # room again the moment the load plus the headcount is the capacity exactly
@example(
    [("studio", minute(6, 16), minute(6, 17), 1), ("studio", minute(7, 10), minute(7, 11), 1)],
    "studio",
    1,
    180,
    (minute(6, 15), minute(7, 15)),
)  # a window over two days; a slot exactly the studio's longest booking
@example(
    [("studio", minute(6, 12), minute(6, 13), 1), ("floor", minute(6, 8), minute(6, 9), 6)],
    "studio",
    1,
    60,
    (minute(6, 9), minute(6, 12)),
)  # a booking starting where the window ends still takes its turnaround off the window
@example(
    [("floor", minute(6, 8), minute(6, 9), 6), ("floor", minute(6, 11, 45), minute(6, 13), 6)],
    "coworking",
    1,
    60,
    (minute(6, 9), minute(6, 12)),
)  # the floor's turnaround after a booking ending at the window's start, and before one
@example(
    [("floor", minute(6, 10), minute(6, 12), 5)],
    "coworking",
    2,
    30,
    (minute(6, 9), minute(6, 14)),
)  # the floor is full on 10:00-12:15 (turnaround included) for 2 more
@example(
    [("floor", minute(8, 10), minute(8, 12), 5)],
    "coworking",
    1,
    45,
    (minute(7, 20), minute(8, 14)),
)  # the annex opens at midnight on the 8th and closes for cleaning at 12:00
@given(
    singles,
    st.sampled_from(["coworking", "studio", "booth"]),
    st.integers(1, 6),
    st.integers(1, 16).map(lambda n: 15 * n),
    st.tuples(st.integers(5 * 96, 12 * 96), st.integers(1, 96)).map(
        lambda t: (15 * t[0], 15 * (t[0] + t[1]))
    ),
)
def test_free_slots_are_the_runs_of_free_minutes(history, kind, headcount, duration, window):
    schedule = schedule_of(history)
    assert booked_spans(schedule) == history
    w0, w1 = window
    slots = free_slots(
        schedule, kind, headcount, dt.timedelta(minutes=duration), Interval(when(w0), when(w1))
    )
    got = [(s.space, minutes_of(s.interval.start), minutes_of(s.interval.end)) for s in slots]
    expected = reference_slots(booked_spans(schedule), kind, headcount, duration, window)
    target(-min((abs(b - a - duration) for _, a, b in expected), default=DAY))
    assert got == expected


def reference_rows(spans, first_day, last_day):
    p0, p1 = minute(first_day, 0), minute(last_day, 0)
    rows = {}
    hub_load = [0] * (p1 - p0)
    for space in [s.id for s in HUB.spaces]:
        capacity = SPACES[space][1]
        open_minutes = sum(1 for m in range(p0, p1) if is_open(space, m))
        persons = loads(space, spans, p0, p1, buffer=False)
        exclusive = SPACES[space][0] == "exclusive"
        booked = sum(
            (capacity if exclusive else n) * (min(b, p1) - max(a, p0))
            for where, a, b, n in spans
            if where == space and max(a, p0) < min(b, p1)
        )
        hub_load = [x + y for x, y in zip(hub_load, persons, strict=True)]
        rows[space] = (capacity * open_minutes, booked, max(persons, default=0), open_minutes)
    available = sum(r[0] for r in rows.values())
    booked = sum(r[1] for r in rows.values())
    longest = max(r[3] for r in rows.values())
    rows[None] = (available, booked, max(hub_load, default=0), longest)
    return {
        key: (
            Fraction(a, 60),
            Fraction(b, 60),
            Fraction(b, a) if a else None,
            peak,
            Fraction(peak * open_minutes, b) if b else None,
        )
        for key, (a, b, peak, open_minutes) in rows.items()
    }


@example(
    [
        ("floor", minute(7, 20), minute(8, 1), 2),
        ("studio", minute(9, 12), minute(10, 2), 1),
        ("annex", minute(7, 9), minute(8, 10), 3),
        ("floor", minute(9, 23), minute(10, 0), 1),
    ],
    8,
    2,
)  # bookings across the period's ends are clipped; one past closing counts as booked
@example(
    [("floor", minute(7, 23), minute(8, 0), 2), ("studio", minute(7, 22), minute(8, 0), 1)],
    8,
    1,
)  # bookings ending exactly where the period starts count for nothing
@example([("annex", minute(12, 10), minute(12, 11), 1)], 11, 2)  # closures over days, at night
@given(singles, st.integers(5, 11), st.integers(1, 2))
def test_utilisation_counts_minutes_like_the_reference(history, first_day, days):
    schedule = schedule_of(history)
    last_day = first_day + days
    period = Period.custom(dt.date(2025, 1, first_day), dt.date(2025, 1, last_day))
    report = utilisation(schedule, period)
    got = {
        row.space: (
            row.available_seat_hours,
            row.booked_seat_hours,
            row.utilisation,
            row.peak_occupancy,
            row.peak_to_average,
        )
        for row in report.rows
    }
    assert [row.scope for row in report.rows] == ["space"] * len(SPACES) + ["hub"]
    assert got == reference_rows(booked_spans(schedule), first_day, last_day)


def test_report_records_follow_the_rows():
    spans = [("floor", minute(6, 10), minute(6, 12), 3), ("studio", minute(7, 9), minute(7, 10), 1)]
    period = Period.custom(dt.date(2025, 1, 6), dt.date(2025, 1, 8))
    report = utilisation(schedule_of(spans), period, ["it-hub"])
    assert report.to_records() == [
        {
            "period": "2025-01-06/2025-01-08",
            "scope": row.scope,
            "hub": "it-hub",
            "space": row.space,
            "available_seat_hours": float(row.available_seat_hours),
            "booked_seat_hours": float(row.booked_seat_hours),
            "utilisation": None if row.utilisation is None else float(row.utilisation),
            "peak_occupancy": row.peak_occupancy,
            "peak_to_average": None if row.peak_to_average is None else float(row.peak_to_average),
        }
        for row in report.rows
    ]
    assert report.to_records()[0]["utilisation"] == 3 * 2 / (6 * 24)  # 6 h a day x 2 days
    assert report.to_records()[-1]["scope"] == "hub"


def _small_hub(name, opening):
    return Hub(
        name,
        name,
        HubKind.CREATIVE_HUB,
        "Asia/Almaty",
        Decimal(100),
        opening,
        hours=DayHours.every_day(dt.time(9), dt.time(21)),
        spaces=(Space(f"{name}-desk", "coworking", Decimal(10), 2),),
    )


def test_a_report_repr_names_four_hubs_at_most():
    late = dt.date(2026, 1, 1)  # opens after the period: nothing available, no utilisation
    hubs = [_small_hub("a", dt.date(2024, 1, 1))] + [_small_hub(n, late) for n in "bcde"]
    hubs.append(attrs.evolve(_small_hub("f", dt.date(2024, 1, 1)), hours=()))  # never open
    schedule = Schedule.of(*hubs)
    schedule.admit(
        BookingRequest("a-desk", Interval(when(minute(6, 9)), when(minute(6, 21))), 1, "t")
    )
    period = Period.month(2025, 1)
    report = utilisation(schedule, period)
    assert report.row(hub="b").utilisation is None
    assert report.row(hub="f").available_seat_hours == 0
    assert repr(report) == (
        "<UtilisationReport 2025-01 12 rows: a 1.6%, b 0.0%, c 0.0%, d 0.0%, ...>"
    )  # 12 h booked of 2 seats x 12 h x 31 days: 1/62
    four = utilisation(schedule, period, ["a", "b", "c", "d"])
    assert repr(four) == "<UtilisationReport 2025-01 8 rows: a 1.6%, b 0.0%, c 0.0%, d 0.0%>"
    assert [r.scope for r in four.rows] == ["space"] * 4 + ["hub"] * 4
    assert [r.hub for r in four.rows] == list("abcd") * 2
