"""A state machine: capacity is never exceeded and admit/cancel match a brute-force model."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    Bundle,
    RuleBasedStateMachine,
    consumes,
    invariant,
    precondition,
    rule,
)

from creative_city.hubs import (
    AdmitMode,
    BookingRequest,
    DayHours,
    Hub,
    HubKind,
    Recurrence,
    Schedule,
    ScheduleHistory,
    Space,
    SpaceMode,
)
from creative_city.serialization import from_json, to_json
from creative_city.time import UTC, Interval

BASE = dt.datetime(2025, 3, 3, tzinfo=UTC)
STEP = dt.timedelta(minutes=30)
BUFFER = {"floor": 0, "studio": 1}  # in steps
CAPACITY = {"floor": 5, "studio": 3}

HUB = Hub(
    "h",
    "Hub",
    HubKind.CREATIVE_HUB,
    "UTC",
    Decimal(1000),
    dt.date(2025, 1, 1),
    hours=DayHours.every_day(dt.time(0), dt.time(0)),
    spaces=(
        Space("floor", "coworking", Decimal(100), CAPACITY["floor"], min_duration=STEP),
        Space(
            "studio",
            "studio",
            Decimal(40),
            CAPACITY["studio"],
            SpaceMode.EXCLUSIVE,
            buffer=STEP * BUFFER["studio"],
            min_duration=STEP,
        ),
    ),
)


def occupied(space, spans):
    """Steps blocked by spans (with the turnaround buffer), brute force."""
    return [(s, e + BUFFER[space]) for s, e in spans]


class Model:
    """Bookings as plain lists of (start step, end step); checks by brute force."""

    def __init__(self):
        self.bookings = {}  # id -> (space, headcount, [(s, e), ...])

    def load(self, space, t):
        total = 0
        for sp, n, spans in self.bookings.values():
            if sp != space:
                continue
            for s, e in occupied(space, spans):
                if s <= t < e:
                    total += CAPACITY[space] if space == "studio" else n
        return total

    def fits(self, space, headcount, spans):
        extra = {}
        for s, e in occupied(space, spans):
            for t in range(s, e):
                extra[t] = extra.get(t, 0) + 1
        if any(v > 1 for v in extra.values()):
            return False  # the request overlaps itself
        for s, e in occupied(space, spans):
            for t in range(s, e):
                if space == "studio":
                    if self.load(space, t) > 0:
                        return False
                    # An existing booking may start inside our buffer (checked above),
                    # or our span may start inside theirs (load covers it).
                elif self.load(space, t) + headcount > CAPACITY[space]:
                    return False
        if space == "studio":
            for sp, _, others in self.bookings.values():
                if sp != space:
                    continue
                for a, b in occupied(space, others):
                    for s, e in occupied(space, spans):
                        if a < e and s < b:
                            return False
        return True


class HubMachine(RuleBasedStateMachine):
    bookings = Bundle("bookings")

    def __init__(self):
        super().__init__()
        self.schedule = Schedule.of(HUB)
        self.model = Model()

    @rule(
        target=bookings,
        space=st.sampled_from(["floor", "studio"]),
        start=st.integers(0, 40),
        length=st.integers(1, 6),
        headcount=st.integers(1, 3),
        repeat=st.sampled_from([None, 2, 3]),
    )
    def admit(self, space, start, length, headcount, repeat):
        interval = Interval(BASE + STEP * start, BASE + STEP * (start + length))
        recurrence = None
        spans = [(start, start + length)]
        if repeat is not None:
            # Every 4 steps (2 hours): a length over 4 collides with itself.
            recurrence = Recurrence(f"FREQ=MINUTELY;INTERVAL=120;COUNT={repeat}")
            spans = [(start + 4 * k, start + 4 * k + length) for k in range(repeat)]
        expected = self.model.fits(space, headcount, spans)
        decision = self.schedule.admit(
            BookingRequest(space, interval, headcount, "t", recurrence), AdmitMode.WHOLE
        )
        assert decision.accepted == expected, (decision, spans)
        if decision.accepted:
            self.model.bookings[decision.booking_id] = (space, headcount, spans)
            return decision.booking_id
        return None

    @precondition(lambda self: any(self.model.bookings))
    @rule(booking=consumes(bookings))
    def cancel(self, booking):
        if booking is None or booking not in self.model.bookings:
            return
        self.schedule.cancel(booking)
        del self.model.bookings[booking]

    @precondition(lambda self: any(len(b[2]) > 1 for b in self.model.bookings.values()))
    @rule(data=st.data())
    def cancel_one_occurrence(self, data):
        candidates = sorted(k for k, b in self.model.bookings.items() if len(b[2]) > 1)
        booking = data.draw(st.sampled_from(candidates))
        space, n, spans = self.model.bookings[booking]
        index = data.draw(st.integers(0, len(spans) - 1))
        s, _ = spans[index]
        self.schedule.cancel_occurrence(booking, BASE + STEP * s)
        self.model.bookings[booking] = (space, n, spans[:index] + spans[index + 1 :])

    @invariant()
    def loads_match_the_model_and_never_exceed_capacity(self):
        for space in ("floor", "studio"):
            for t in range(60):
                load = self.schedule.load_at(space, BASE + STEP * t + STEP / 2)
                assert load <= CAPACITY[space]
                if space == "floor":
                    assert load == self.model.load(space, t)
                else:
                    # Exclusive: the booking itself (not its buffer) holds the capacity.
                    held = any(
                        s <= t < e
                        for sp, _, spans in self.model.bookings.values()
                        if sp == space
                        for s, e in spans
                    )
                    assert load == (CAPACITY[space] if held else 0)

    @invariant()
    def replaying_the_event_log_rebuilds_the_schedule(self):
        history = from_json(to_json(self.schedule.history()), ScheduleHistory)
        again = Schedule.replay(history.hubs, history.events)
        assert again.state() == self.schedule.state()

    @invariant()
    def bookings_match(self):
        assert sorted(b.id for b in self.schedule.bookings) == sorted(self.model.bookings)


HubMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=30, deadline=None)
TestHubMachine = HubMachine.TestCase
