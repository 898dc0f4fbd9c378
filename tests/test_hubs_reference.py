"""Admission against a brute-force reference: every occurrence checked pairwise.

The reference below knows nothing of the ledger's sorted arrays, the calendar's
bisections or the rule module: it keeps every admitted occurrence in a list and judges
a request by comparing it with each of them, minute by minute on the wall clock of a hub
in Asia/Almaty (UTC+5 all of 2025, no daylight saving: IANA tzdata). The schedule must
give the same decision, the same reasons in the same order (code, occurrence, instant,
booking clashed with, excess) and the same bookings, request after request, for single
and daily recurring requests in both admission modes.

The spaces: a shared floor (6 persons, 15 min turnaround), an exclusive studio (30 min
turnaround, 1 to 3 hours), a shared annex (2 hours' notice, at most 3 days ahead, open
from 8 January) and an exclusive booth with no turnaround or longest booking.
The hub is open 09:00-21:00 every day except 9 January (09:00-13:00); the studio and
the annex are closed on 8 January 12:00-14:00, the whole hub on 10 January 18:00-21:00
and on 11 January 09:00-09:15 (a closure with no reason given, ending exactly where a
booking may start) and 12 January 21:30-22:30 (after closing); the annex from 11 January
20:00 to 13 January 10:00 (over three days' hours); the booth
on 12 January 08:00-12:00, and 09:00-09:30 inside that.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
from hypothesis import example, given, target
from hypothesis import strategies as st

from creative_city.hubs import (
    AdmitMode,
    BookingRequest,
    Closure,
    DatedHours,
    DayHours,
    Hub,
    HubKind,
    ReasonCode,
    Recurrence,
    Schedule,
    Space,
    SpaceMode,
    TimeRange,
)
from creative_city.hubs.calendar import HubCalendar
from creative_city.time import Interval, zone

ALMATY = zone("Asia/Almaty")
ORIGIN = dt.datetime(2025, 1, 1, tzinfo=ALMATY)  # minute 0 of the reference's clock
DAY = 24 * 60


def minute(day, hour, minutes=0):
    """Minutes from 1 January 2025 00:00 (+05:00) to *day* January at hour:minutes."""
    return (day - 1) * DAY + hour * 60 + minutes


def when(m):
    return ORIGIN + dt.timedelta(minutes=m)


def iso(m):
    return when(m).isoformat()


def span(minutes):
    return dt.timedelta(minutes=minutes)


SPACES = {
    # id: (mode, capacity, buffer, min, max, notice, advance, opening minute)
    "floor": ("shared", 6, 15, 15, None, 0, None, minute(1, 0) - 122 * DAY),
    "studio": ("exclusive", 4, 30, 60, 180, 0, None, minute(1, 0) - 122 * DAY),
    "annex": ("shared", 5, 0, 15, None, 120, 3 * DAY, minute(8, 0)),
    "booth": ("exclusive", 2, 0, 15, None, 0, None, minute(1, 0) - 122 * DAY),
}
HOURS = {day: [(9 * 60, 21 * 60)] for day in range(1, 32)} | {9: [(9 * 60, 13 * 60)]}
CLOSURES = [  # (start, end, reason, spaces: empty = all)
    (minute(8, 12), minute(8, 14), "cleaning", ("studio", "annex")),
    (minute(10, 18), minute(10, 21), "event", ()),
    (minute(11, 9), minute(11, 9, 15), "", ()),
    (minute(12, 21, 30), minute(12, 22, 30), "night", ()),
    (minute(11, 20), minute(13, 10), "works", ("annex",)),
    (minute(12, 8), minute(12, 12), "refit", ("booth",)),
    (minute(12, 9), minute(12, 9, 30), "inspection", ("booth",)),  # inside the refit
]

HUB = Hub(
    "it-hub",
    "IT hub",
    HubKind.IT_HUB,
    "Asia/Almaty",
    Decimal(15000),
    dt.date(2024, 9, 1),
    hours=DayHours.every_day(dt.time(9), dt.time(21)),
    exceptions=(DatedHours(dt.date(2025, 1, 9), (TimeRange(dt.time(9), dt.time(13)),), "short"),),
    closures=tuple(
        Closure(Interval(when(a), when(b)), reason, spaces) for a, b, reason, spaces in CLOSURES
    ),
    spaces=(
        Space("floor", "coworking", Decimal(300), 6, buffer=dt.timedelta(minutes=15)),
        Space(
            "studio",
            "studio",
            Decimal(40),
            4,
            SpaceMode.EXCLUSIVE,
            buffer=dt.timedelta(minutes=30),
            min_duration=dt.timedelta(hours=1),
            max_duration=dt.timedelta(hours=3),
        ),
        Space(
            "annex",
            "coworking",
            Decimal(60),
            5,
            min_notice=dt.timedelta(hours=2),
            max_advance=dt.timedelta(days=3),
            opens_on=dt.date(2025, 1, 8),
        ),
        Space("booth", "booth", Decimal(6), 2, SpaceMode.EXCLUSIVE),
    ),
)

SPACE = {space.id: space for space in HUB.spaces}  # the limits as declared, for wording


class Reference:
    """Admitted occurrences as plain lists; every rule checked against each of them."""

    def __init__(self):
        self.bookings = {}  # id -> (space, headcount, [(s, e), ...])
        self.next = 1

    def occurrences(self, space):
        return [
            (key, s, e, n)
            for key, (where, n, spans) in self.bookings.items()
            if where == space
            for s, e in spans
        ]

    def reasons(self, space, s, e, asked, persons, *, own=()):
        """The reasons (code, at, booking, excess, message) [s, e) would be refused."""
        mode, capacity, buffer, shortest, longest, notice, advance, opening = SPACES[space]
        limits = SPACE[space]
        found = []
        if s < opening:
            text = f"space {space!r} opens {iso(opening)}; the booking starts {iso(s)}"
            found.append((ReasonCode.NOT_OPEN_YET, s, None, None, text))
        if e - s < shortest or (longest is not None and e - s > longest):
            text = (
                f"duration {span(e - s)} is outside [{limits.min_duration}, "
                f"{limits.max_duration or 'no limit'}] for space {space!r}"
            )
            found.append((ReasonCode.DURATION, None, None, None, text))
        if asked is not None and s - asked < notice:
            text = (
                f"starts {span(s - asked)} after the request; space {space!r} needs at least "
                f"{limits.min_notice} notice"
            )
            found.append((ReasonCode.NOTICE, s, None, None, text))
        if asked is not None and advance is not None and e - asked > advance:
            text = (
                f"ends {span(e - asked)} after the request; space {space!r} books at most "
                f"{limits.max_advance} ahead (measured to the booking's end)"
            )
            found.append((ReasonCode.NOTICE, e, None, None, text))
        day = s // DAY + 1
        if not any(
            minute(day, 0) + a <= s and e <= minute(day, 0) + b for a, b in HOURS.get(day, [])
        ):
            text = f"{iso(s)} to {iso(e)} is not inside the opening hours of hub 'it-hub'"
            found.append((ReasonCode.OUTSIDE_HOURS, s, None, None, text))
        found += [
            (
                ReasonCode.CLOSURE,
                a,
                None,
                None,
                f"hub 'it-hub' is closed {iso(a)} to {iso(b)} ({why or 'closure'})",
            )
            for a, b, why, spaces in sorted(CLOSURES)
            if (not spaces or space in spaces) and a < e and s < b
        ]
        others = [o for o in self.occurrences(space) if o[0] not in own]
        if mode == "exclusive":
            turnaround = f" (with {limits.buffer} turnaround)" if buffer else ""
            found += [
                (
                    ReasonCode.CONFLICT,
                    max(a, s),
                    key,
                    None,
                    f"conflicts with booking {key} at {iso(a)}{turnaround}",
                )
                for key, a, b, _ in sorted(others, key=lambda o: o[1])
                if s < b + buffer and a < e + buffer
            ]
        else:
            others += [o for o in self.occurrences(space) if o[0] in own]
            # The load on [t, t + 1 minute) for every minute the request (with its
            # buffer) spans; the first minute of the highest load.
            loads = [
                (sum(n for _, a, b, n in others if a <= t < b + buffer), t)
                for t in range(s, e + buffer)
            ]
            peak = max(load for load, _ in loads)
            if peak + persons > capacity:
                first = next(t for load, t in loads if load == peak)
                excess = peak + persons - capacity
                text = (
                    f"over capacity at {iso(first)} by {excess} persons "
                    f"({peak} booked + {persons} > {capacity})"
                )
                found.append((ReasonCode.OVER_CAPACITY, first, None, excess, text))
        return found

    def admit(self, request):
        space, s, e, persons, asked, count, every, mode = request
        key = f"B{self.next}"
        if count is None:
            found = self.reasons(space, s, e, asked, persons)
            if found:
                return False, key, [(None, *r) for r in found], 0, []
            self.bookings[key] = (space, persons, [(s, e)])
            self.next += 1
            return True, key, [], 1, []
        buffer = SPACES[space][2]
        self.bookings[key] = (space, persons, [])
        placed, skipped, last_end = [], [], None
        for k in range(count):
            a, b = s + k * every, e + k * every
            found = self.reasons(space, a, b, asked, persons, own=(key,))
            if last_end is not None and a < last_end:
                text = (
                    f"occurrence at {iso(a)} overlaps an earlier occurrence of the same "
                    f"booking (which ends {iso(last_end - buffer)})"
                )
                found.append((ReasonCode.SELF_OVERLAP, None, None, None, text))
            if mode is AdmitMode.WHOLE or not found:
                last_end = max(last_end or b + buffer, b + buffer)
            if found:
                skipped.append((a, found))
            else:
                placed.append((a, b))
                self.bookings[key][2].append((a, b))
        if not placed or (mode is AdmitMode.WHOLE and skipped):
            del self.bookings[key]
            reasons = [(a, *r) for a, found in skipped for r in found]
            return False, key, reasons, 0, [a for a, _ in skipped]
        self.next += 1
        return True, key, [], len(placed), [a for a, _ in skipped]

    def cancel(self, key, start=None):
        space, n, spans = self.bookings[key]
        rest = [o for o in spans if start is not None and o[0] != start]
        if rest:
            self.bookings[key] = (space, n, rest)
        else:
            del self.bookings[key]


def build(request):
    space, s, e, persons, asked, count, every, _ = request
    unit, size = ("DAILY", DAY) if every % DAY == 0 else ("HOURLY", 60)
    recurrence = (
        None if count is None else Recurrence(f"FREQ={unit};INTERVAL={every // size};COUNT={count}")
    )
    return BookingRequest(
        space,
        Interval(when(s), when(e)),
        persons,
        "t",
        recurrence=recurrence,
        requested_at=None if asked is None else when(asked),
    )


def seen(decision):
    """The decision as the reference words it: minutes and codes."""

    def minutes(moment):
        return None if moment is None else round((moment - ORIGIN).total_seconds()) // 60

    reasons = [
        (minutes(r.occurrence), r.code, minutes(r.at), r.booking, r.excess, r.message)
        for r in decision.reasons
    ]
    skipped = [minutes(o.start) for o in decision.skipped]
    return decision.accepted, decision.booking_id, reasons, decision.placed, skipped


@st.composite
def requests(draw, *, recurring=True):
    space = draw(st.sampled_from(sorted(SPACES)))
    capacity = SPACES[space][1]
    day = draw(st.integers(6, 12))
    s = minute(day, 0) + 15 * draw(st.integers(30, 88))  # 07:30 to 22:00
    e = s + 15 * draw(st.integers(1, 16))
    persons = draw(st.integers(1, capacity))
    needs_asked = SPACES[space][5] > 0
    asked = None
    if needs_asked or draw(st.booleans()):
        asked = s - 15 * draw(st.integers(-8, 300))
    count = draw(st.none() | st.integers(1, 4)) if recurring else None
    every = draw(st.sampled_from([DAY, 2 * DAY, 60, 120]))
    mode = draw(st.sampled_from(AdmitMode))
    return space, s, e, persons, asked, count, every, mode


def check_against_reference(history):
    schedule = Schedule.of(HUB)
    reference = Reference()
    for request in history:
        decision = schedule.admit(build(request), request[-1])
        accepted, key, reasons, placed, skipped = reference.admit(request)
        assert seen(decision) == (accepted, key, reasons, placed, skipped), request
    booked = {
        b.id: (b.space, b.headcount, [(o.start, o.end) for o in b.occurrences])
        for b in schedule.bookings
    }
    assert booked == {
        key: (space, n, [(when(s), when(e)) for s, e in spans])
        for key, (space, n, spans) in reference.bookings.items()
    }


def _gap_to_next(history):
    # How far the last request's end (plus buffer) is from the nearest start of an
    # earlier request in the same space: 0 is the boundary where half-open intervals
    # must not clash.
    space, s, e, *_ = history[-1]
    buffer = SPACES[space][2]
    earlier = [(r[1], r[2] + buffer) for r in history[:-1] if r[0] == space]
    gaps = [abs(e + buffer - a) for a, _ in earlier] + [abs(s - b) for _, b in earlier]
    return min(gaps, default=DAY)


# Boundaries a mutant revealed: each example sits exactly on one rule's limit.
_STUDIO_10_12 = ("studio", minute(6, 10), minute(6, 12), 1, None, None, DAY, AdmitMode.WHOLE)


@example(
    [
        _STUDIO_10_12,
        ("studio", minute(6, 12, 30), minute(6, 14), 1, None, None, DAY, AdmitMode.WHOLE),
    ]
)
@example(
    [
        _STUDIO_10_12,
        ("studio", minute(6, 12, 15), minute(6, 14), 1, None, None, DAY, AdmitMode.WHOLE),
    ]
)
@example(
    [
        _STUDIO_10_12,
        ("studio", minute(6, 8, 30), minute(6, 9, 30), 1, None, None, DAY, AdmitMode.WHOLE),
    ]
)
@example(
    [
        ("studio", minute(6, 9), minute(6, 10), 1, None, None, DAY, AdmitMode.WHOLE),
        ("studio", minute(6, 11), minute(6, 12), 1, None, None, DAY, AdmitMode.WHOLE),
        ("studio", minute(6, 13), minute(6, 14), 1, None, None, DAY, AdmitMode.WHOLE),
        ("studio", minute(6, 15), minute(6, 16), 1, None, None, DAY, AdmitMode.WHOLE),
        ("studio", minute(6, 9), minute(6, 17), 1, None, None, DAY, AdmitMode.WHOLE),
    ]
)  # every clash is reported, not every other one
@example(
    [
        ("floor", minute(6, 10), minute(6, 11), 6, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(6, 11), minute(6, 12), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(6, 11, 15), minute(6, 12), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(6, 9), minute(6, 9, 45), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(6, 9), minute(6, 10), 1, None, None, DAY, AdmitMode.WHOLE),
    ]
)  # the shared floor's 15 min turnaround counts, after a booking and not before it
@example(
    [
        ("annex", minute(8, 9), minute(8, 10), 1, minute(8, 7), None, DAY, AdmitMode.WHOLE),
        ("annex", minute(8, 10), minute(8, 11), 1, minute(8, 8, 15), None, DAY, AdmitMode.WHOLE),
        ("annex", minute(8, 11), minute(8, 12), 1, minute(5, 12), None, DAY, AdmitMode.WHOLE),
        ("annex", minute(8, 11), minute(8, 12), 1, minute(5, 11, 45), None, DAY, AdmitMode.WHOLE),
        ("annex", minute(8, 0), minute(8, 1), 1, minute(7, 20), None, DAY, AdmitMode.WHOLE),
        ("annex", minute(7, 23), minute(8, 0), 1, minute(7, 20), None, DAY, AdmitMode.WHOLE),
    ]
)  # notice exactly 2 h, advance exactly 3 days to the end, the annex's opening instant
@example(
    [
        ("studio", minute(6, 9), minute(6, 12), 1, None, None, DAY, AdmitMode.WHOLE),
        ("studio", minute(7, 9), minute(7, 12, 15), 1, None, None, DAY, AdmitMode.WHOLE),
        ("studio", minute(8, 9), minute(8, 10), 1, None, None, DAY, AdmitMode.WHOLE),
        ("studio", minute(9, 9), minute(9, 9, 45), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(6, 9), minute(6, 9, 15), 1, None, None, DAY, AdmitMode.WHOLE),
    ]
)  # durations exactly at and just past the studio's limits, and the floor's minimum
@example(
    [
        ("studio", minute(6, 18), minute(6, 21), 1, None, 2, DAY, AdmitMode.WHOLE),
        ("annex", minute(8, 9), minute(8, 10), 1, minute(8, 7), 2, DAY, AdmitMode.WHOLE),
        ("annex", minute(7, 23), minute(8, 0), 1, minute(7, 20), 2, DAY, AdmitMode.SKIP_CONFLICTS),
        (
            "annex",
            minute(10, 9),
            minute(10, 10),
            1,
            minute(7, 10),
            2,
            DAY,
            AdmitMode.SKIP_CONFLICTS,
        ),
        ("studio", minute(7, 9), minute(7, 12, 15), 1, None, 2, DAY, AdmitMode.WHOLE),
    ]
)  # the same limits on the recurring path: max duration, notice, advance, opening
@example(
    [
        ("studio", minute(8, 9), minute(8, 12), 1, None, None, DAY, AdmitMode.WHOLE),
        ("studio", minute(8, 14), minute(8, 15), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(10, 17), minute(10, 18), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(11, 9, 15), minute(11, 10), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(11, 9), minute(11, 10), 1, None, None, DAY, AdmitMode.WHOLE),
    ]
)  # closures end and start exactly where bookings do (half-open)
@example(
    [
        ("floor", minute(9, 12), minute(9, 13), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(9, 12), minute(9, 13, 15), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(6, 20), minute(6, 21), 1, None, 4, DAY, AdmitMode.SKIP_CONFLICTS),
        ("floor", minute(6, 8, 45), minute(6, 9, 30), 1, None, None, DAY, AdmitMode.WHOLE),
    ]
)  # opening hours: closing time is inclusive for the end, the short day, before opening
@example(
    [
        ("studio", minute(6, 10), minute(6, 12), 1, None, 3, DAY, AdmitMode.WHOLE),
        ("studio", minute(7, 11), minute(7, 13), 1, None, 3, DAY, AdmitMode.WHOLE),
        ("studio", minute(7, 11), minute(7, 13), 1, None, 3, DAY, AdmitMode.SKIP_CONFLICTS),
        ("floor", minute(6, 10), minute(6, 12), 5, None, 3, DAY, AdmitMode.SKIP_CONFLICTS),
        ("floor", minute(7, 10), minute(7, 12), 2, None, 2, DAY, AdmitMode.SKIP_CONFLICTS),
    ]
)  # a recurring request over an earlier one: whole refuses, skip places the rest
@example(
    [
        ("booth", minute(6, 10), minute(6, 11), 1, None, None, DAY, AdmitMode.WHOLE),
        ("booth", minute(6, 10, 30), minute(6, 10, 40), 1, None, None, DAY, AdmitMode.WHOLE),
        ("booth", minute(6, 11), minute(6, 12), 1, None, None, DAY, AdmitMode.WHOLE),
        ("floor", minute(6, 12), minute(6, 12, 14), 1, None, None, DAY, AdmitMode.WHOLE),
        ("booth", minute(12, 9, 30), minute(12, 10), 1, None, None, DAY, AdmitMode.WHOLE),
    ]
)  # a space with no turnaround and no longest booking says so; 14 minutes is too short
@example(
    [
        ("annex", minute(9, 9), minute(9, 10), 1, minute(8, 9), 3, 60, AdmitMode.WHOLE),
        ("studio", minute(6, 9), minute(6, 10), 1, None, 3, 60, AdmitMode.WHOLE),
        ("studio", minute(7, 9), minute(7, 9, 30), 1, None, 3, 60, AdmitMode.SKIP_CONFLICTS),
        ("floor", minute(6, 9), minute(6, 11), 2, None, 3, 60, AdmitMode.SKIP_CONFLICTS),
    ]
)  # hourly occurrences ending where the next starts (no buffer: fine; a buffer: overlap)
@given(st.lists(requests(), min_size=1, max_size=8))
def test_admission_matches_a_pairwise_reference(history):
    target(-_gap_to_next(history), label="distance from the next booking's start")
    check_against_reference(history)


@given(st.lists(requests(recurring=False), min_size=2, max_size=12))
def test_single_bookings_match_the_reference_at_their_boundaries(history):
    # Many single bookings in few spaces: target pushes the last one to end (with its
    # buffer) exactly where an earlier one starts, the half-open boundary.
    target(-_gap_to_next(history), label="distance from the next booking's start")
    check_against_reference(history)


def _us(m):
    return round(when(m).timestamp()) * 1_000_000


def _loads_match(schedule, reference):
    for space, (mode, capacity, buffer, *_) in SPACES.items():
        mine = sorted((a, b, n) for _, a, b, n in reference.occurrences(space))
        expected = [(_us(a), _us(b), capacity if mode == "exclusive" else n) for a, b, n in mine]
        assert schedule.spans(space) == expected
        occupancy = schedule.occupancy(space)
        points = {t for a, b, _ in mine for t in (a - 1, a, b - 1, b, b + buffer - 1, b + buffer)}
        held = {
            t: sum(capacity if mode == "exclusive" else n for a, b, n in mine if a <= t < b)
            for t in points
        }
        assert occupancy.peak == max(held.values(), default=0)
        for t, persons in held.items():
            assert occupancy.load_at(when(t)) == persons
            if space != "floor":  # the floor's load_at counts its turnaround too
                assert schedule.load_at(space, when(t)) == persons


@given(st.lists(requests(), min_size=1, max_size=6), st.data())
def test_cancelling_frees_what_the_reference_frees(history, data):
    schedule = Schedule.of(HUB)
    reference = Reference()
    for request in history:
        schedule.admit(build(request), request[-1])
        reference.admit(request)
    for _ in range(data.draw(st.integers(0, 3))):
        if not reference.bookings:
            break
        key = data.draw(st.sampled_from(sorted(reference.bookings)))
        starts = [a for a, _ in reference.bookings[key][2]]
        if data.draw(st.booleans()):
            assert schedule.cancel(key).id == key
            reference.cancel(key)
        else:
            start = data.draw(st.sampled_from(starts))
            rest = schedule.cancel_occurrence(key, when(start))
            reference.cancel(key, start)
            assert [o.start for o in rest.occurrences] == [when(a) for a in starts if a != start]
    _loads_match(schedule, reference)
    again = Schedule.replay((HUB,), schedule.events())
    assert again.state() == schedule.state()
    restored = Schedule.restore(schedule.state())
    _loads_match(restored, reference)
    _loads_match(again, reference)
    # What was freed can be booked again, by the same rules, in each of the three.
    follow = data.draw(requests())
    expected = reference.admit(follow)
    for copy in (schedule, again, restored):
        assert seen(copy.admit(build(follow), follow[-1])) == expected


class _Request(BookingRequest):
    """A subclass of BookingRequest is a BookingRequest."""


@example(
    [
        ("studio", minute(7, 10), minute(7, 11), 1, None, None, DAY, AdmitMode.WHOLE),
        ("studio", minute(6, 10), minute(6, 11), 1, None, 3, DAY, AdmitMode.WHOLE),
    ],
    AdmitMode.SKIP_CONFLICTS,
)  # the mode reaches every request: skip places 2 of the 3 occurrences
@given(st.lists(requests(), min_size=1, max_size=5), st.sampled_from(AdmitMode))
def test_admit_all_is_admit_in_turn(history, mode):
    reference = Reference()
    decisions = Schedule.of(HUB).admit_all([build(r) for r in history], mode)
    expected = [reference.admit((*r[:-1], mode)) for r in history]
    assert [seen(d) for d in decisions] == expected
    subclassed = Schedule.of(HUB).admit(_Request(**attrs.asdict(build(history[0]), recurse=False)))
    assert seen(subclassed) == Reference().admit((*history[0][:-1], AdmitMode.WHOLE))


def test_the_calendar_answers_at_its_edges():
    calendar = HubCalendar(HUB)
    us = _us
    # A window ending where the range starts, the next starting where it ends: none.
    assert calendar.windows_between(us(minute(6, 21)), us(minute(7, 9))) == []
    assert calendar.windows_between(us(minute(6, 20)), us(minute(7, 10))) == [
        (us(minute(6, 20)), us(minute(6, 21))),
        (us(minute(7, 9)), us(minute(7, 10))),
    ]
    # A closure starting a microsecond before a booking ends overlaps it; one ending
    # where a booking starts does not, even inside a longer one.
    refit, inspection = (c for c in HUB.closures if "booth" in c.spaces)
    start = us(minute(12, 9))
    assert calendar.closures_over("booth", start - 1, start + 1) == [refit, inspection]
    assert calendar.closures_over("booth", us(minute(12, 7)), start + 1) == [refit, inspection]
    assert calendar.closures_over("booth", us(minute(12, 7)), start) == [refit]
    assert calendar.closures_over("booth", us(minute(12, 9, 30)), us(minute(12, 13))) == [refit]


def test_the_whole_years_windows_answer_like_the_blocks():
    # After four blocks of 16 days, a year's checks bisect its whole windows: a booking
    # ending exactly at closing time still fits, one a microsecond longer does not.
    calendar = HubCalendar(HUB)
    for day in (1, 17, 33, 49, 65):  # five blocks of 2025
        assert calendar.covered(_us(minute(day, 10)), _us(minute(day, 11)))
    assert calendar.covered(_us(minute(6, 20)), _us(minute(6, 21)))
    assert not calendar.covered(_us(minute(6, 20)), _us(minute(6, 21)) + 1)
    assert calendar.covered(_us(minute(6, 9)), _us(minute(6, 21)))
    assert not calendar.covered(_us(minute(6, 9)) - 1, _us(minute(6, 10)))
