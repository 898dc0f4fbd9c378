"""Occupancy, utilisation, availability, placement, optimal schedule and rollout."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from creative_city.errors import ValidationError
from creative_city.hubs import (
    ALMATY_TARGETS,
    BookingRequest,
    Candidate,
    Closure,
    DayHours,
    Hub,
    HubKind,
    NetworkPlan,
    PlacementRequest,
    PlannedHub,
    RolloutStatus,
    Schedule,
    ScheduleState,
    Space,
    SpaceMode,
    TargetState,
    UtilisationReport,
    almaty_plan,
    best_schedule,
    free_slots,
    occupancy,
    place_batch,
    rollout_status,
    seats_for_area,
    sweep,
    utilisation,
)
from creative_city.hubs.operations import (
    OPERATIONS,
    Admit,
    AdmitInput,
    AvailabilityInput,
    Cancel,
    ExpandInput,
    ExpandOutput,
)
from creative_city.serialization import from_json, to_json
from creative_city.testing import hubs as hst
from creative_city.time import UTC, Interval, Period, zone

ALMATY = zone("Asia/Almaty")
BASE = dt.datetime(2025, 1, 1, tzinfo=UTC)


HOUR = dt.timedelta(hours=1)


def at(day, hour, minute=0, month=1, year=2025):
    return dt.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def hub(**changes):
    base = Hub(
        "it-hub",
        "IT hub",
        HubKind.IT_HUB,
        "Asia/Almaty",
        Decimal(15000),
        dt.date(2024, 9, 1),
        hours=DayHours.every_day(dt.time(9), dt.time(21)),
        spaces=(
            Space("floor", "coworking", Decimal(300), 10),
            Space("studio", "studio", Decimal(40), 4, SpaceMode.EXCLUSIVE),
        ),
    )
    return attrs.evolve(base, **changes)


# -- occupancy ------------------------------------------------------------------------

spans_strategy = st.lists(
    st.tuples(st.integers(0, 50), st.integers(1, 10), st.integers(1, 9)), max_size=40
)


def brute_peak(spans):
    best, where = 0, None
    for t in range(62):
        load = sum(n for s, length, n in spans if s <= t < s + length)
        if load > best:
            best, where = load, t
    return best, where


@given(spans_strategy)
def test_sweep_matches_brute_force(spans):
    starts = [s for s, _, _ in spans]
    ends = [s + length for s, length, _ in spans]
    persons = [n for _, _, n in spans]
    peak, where, until = sweep(starts, ends, persons)
    expected, first = brute_peak(spans)
    assert peak == expected
    assert where == first
    if peak:
        assert until is not None
        assert until > where


@given(spans_strategy)
def test_sweep_with_huge_times_uses_exact_integers(spans):
    offset = 10**19  # beyond float precision: the integer path
    starts = [offset + s for s, _, _ in spans]
    ends = [offset + s + length for s, length, _ in spans]
    peak, where, _ = sweep(starts, ends, [n for _, _, n in spans])
    expected, first = brute_peak(spans)
    assert peak == expected
    assert where == (None if first is None else offset + first)


@given(spans_strategy)
def test_occupancy_step_function_matches_brute_force(spans):
    items = [
        (Interval(BASE + dt.timedelta(hours=s), BASE + dt.timedelta(hours=s + length)), n)
        for s, length, n in spans
    ]
    occ = occupancy(items)
    expected, first = brute_peak(spans)
    assert occ.peak == expected
    for t in range(62):
        moment = BASE + dt.timedelta(hours=t, minutes=30)
        assert occ.load_at(moment) == sum(n for s, length, n in spans if s <= t < s + length)
    if first is not None:
        assert occ.peak_at == BASE + dt.timedelta(hours=first)


def test_sweep_rejects_bad_spans():
    with pytest.raises(
        ValidationError, match=r"^spans = 'end <= start': every span must have end > start$"
    ):
        sweep([5], [5], [1])
    with pytest.raises(ValidationError, match=r"^persons = 0: must be between 1 and 16777215$"):
        sweep([1], [5], [0])
    with pytest.raises(
        ValidationError, match=r"^spans = 2: starts, ends and persons must have equal lengths$"
    ):
        sweep([1, 2], [5], [1])


# -- utilisation ----------------------------------------------------------------------


def test_utilisation_worked_example():
    # Hand computation: open 09:00-21:00 = 12 h a day; January 2025 has 31 days, minus a
    # 12-hour maintenance closure on the 15th = 360 h. The floor seats 10: 3,600
    # seat-hours. Booked: 6 persons x 2 h + 4 persons x 3 h = 24 seat-hours -> 24/3600
    # = 1/150. Peak 10 persons (10:00-12:00 on the 6th). Average load = 24 / 360 persons,
    # peak-to-average = 10 / (24/360) = 150.
    closure = Closure(Interval(at(15, 9), at(15, 21)), "maintenance")
    schedule = Schedule.of(hub(closures=(closure,)))
    schedule.admit(BookingRequest("floor", Interval(at(6, 10), at(6, 12)), 6, "a"))
    schedule.admit(BookingRequest("floor", Interval(at(6, 10), at(6, 13)), 4, "b"))
    report = utilisation(schedule, Period.month(2025, 1))
    row = report.row("floor")
    assert row.available_seat_hours == 3600
    assert row.booked_seat_hours == 24
    assert row.utilisation == Fraction(1, 150)
    assert row.peak_occupancy == 10
    assert row.peak_to_average == 150
    # The studio: 4 seats x 360 h, nothing booked.
    studio = report.row("studio")
    assert studio.available_seat_hours == 1440
    assert studio.utilisation == 0
    assert studio.peak_to_average is None
    hub_row = report.row(hub="it-hub")
    assert hub_row.available_seat_hours == 5040
    assert hub_row.utilisation == Fraction(24, 5040)
    assert from_json(to_json(report), UtilisationReport) == report
    assert report.to_records()[0]["space"] == "floor"


@pytest.mark.parametrize(
    ("day", "hours"),
    [(dt.date(2024, 3, 31), 23), (dt.date(2024, 10, 27), 25), (dt.date(2024, 6, 1), 24)],
)
def test_a_23_or_25_hour_day_in_utilisation(day, hours):
    # Europe/Berlin: spring forward on 2024-03-31 (23 h), fall back on 2024-10-27 (25 h).
    berlin = Hub(
        "b",
        "Berlin hub",
        HubKind.CREATIVE_HUB,
        "Europe/Berlin",
        Decimal(500),
        dt.date(2024, 1, 1),
        hours=DayHours.every_day(dt.time(0), dt.time(0)),
        spaces=(Space("desk", "coworking", Decimal(10), 2),),
    )
    schedule = Schedule.of(berlin)
    period = Period.custom(day, day + dt.timedelta(days=1))
    whole_day = period.interval("Europe/Berlin")
    assert schedule.admit(BookingRequest("desk", whole_day, 1, "t")).accepted
    row = utilisation(schedule, period).row("desk")
    assert row.available_seat_hours == 2 * hours
    assert row.booked_seat_hours == hours
    assert row.utilisation == Fraction(1, 2)


def test_utilisation_rejects_unknown_hub():
    with pytest.raises(ValidationError, match=r"^hubs = 'nope': is not a hub of the schedule$"):
        utilisation(Schedule.of(hub()), Period.year(2025), ["nope"])


def test_utilisation_counts_a_space_from_its_own_opening_and_clips_to_the_period():
    # Hand computation, January 2025, a hub open around the clock:
    # * "annex" opens on the 16th: 16 days x 24 h x 5 seats;
    # * "later" opens in February: nothing available, utilisation undefined;
    # * the floor (10 seats) is closed 10:00-14:00 and 12:00-16:00 on the 20th: the
    #   closures overlap, so 6 hours are lost, not 8: (31 x 24 - 6) x 10;
    # * a 24-hour booking from 31 January 12:00 counts the 12 hours up to the end of
    #   January, and a February booking counts nothing.
    closures = (
        Closure(Interval(at(20, 10), at(20, 14)), "wiring", ("floor",)),
        Closure(Interval(at(20, 12), at(20, 16)), "paint", ("floor",)),
    )
    h = hub(
        hours=DayHours.every_day(dt.time(0), dt.time(0)),
        closures=closures,
        spaces=(
            Space("floor", "coworking", Decimal(300), 10),
            Space("annex", "coworking", Decimal(50), 5, opens_on=dt.date(2025, 1, 16)),
            Space("later", "coworking", Decimal(50), 5, opens_on=dt.date(2025, 2, 3)),
        ),
    )
    schedule = Schedule.of(h)
    assert schedule.admit(
        BookingRequest("floor", Interval(at(31, 12), at(31, 12) + 24 * HOUR), 2, "a")
    ).accepted
    assert schedule.admit(
        BookingRequest("floor", Interval(at(3, 9, month=2), at(3, 10, month=2)), 1, "b")
    ).accepted
    report = utilisation(schedule, Period.month(2025, 1))
    floor = report.row("floor")
    assert floor.available_seat_hours == (31 * 24 - 6) * 10
    assert floor.booked_seat_hours == 12 * 2  # 31 January 12:00 to midnight
    assert report.row("annex").available_seat_hours == 16 * 24 * 5
    later = report.row("later")
    assert (later.available_seat_hours, later.utilisation) == (0, None)
    assert report.row(hub="it-hub").available_seat_hours == (31 * 24 - 6) * 10 + 16 * 24 * 5
    assert "it-hub" in repr(report)


def test_utilisation_report_repr_lists_at_most_four_hubs():
    hubs = [
        hub(id=f"h{i}", spaces=(Space(f"s{i}", "coworking", Decimal(10), 2),)) for i in range(5)
    ]
    report = utilisation(Schedule(hubs), Period.month(2025, 1))
    shown = repr(report)
    assert shown.startswith("<UtilisationReport 2025-01 10 rows: h0 0.0%, h1 0.0%")
    assert "h4" not in shown
    assert shown.endswith(", ...>")


# -- availability and placement ---------------------------------------------------------


def test_free_slots_worked_example():
    schedule = Schedule.of(
        hub(
            spaces=(
                Space("floor", "coworking", Decimal(300), 10),
                Space(
                    "studio",
                    "studio",
                    Decimal(40),
                    4,
                    SpaceMode.EXCLUSIVE,
                    buffer=dt.timedelta(minutes=30),
                ),
            )
        )
    )
    schedule.admit(BookingRequest("studio", Interval(at(6, 11), at(6, 13)), 2, "a"))
    slots = free_slots(schedule, "studio", 2, dt.timedelta(hours=1), Interval(at(6, 9), at(6, 21)))
    # Free 09:00-10:30 (30 min turnaround before 11:00) and 13:30-21:00.
    assert [(s.interval.start, s.interval.end) for s in slots] == [
        (at(6, 9), at(6, 10, 30)),
        (at(6, 13, 30), at(6, 21)),
    ]
    assert (
        free_slots(schedule, "studio", 5, dt.timedelta(hours=1), Interval(at(6, 9), at(6, 21)))
        == ()
    )


@settings(deadline=None)
@given(
    st.lists(st.tuples(st.integers(9, 19), st.integers(1, 3), st.integers(1, 6)), max_size=8),
    st.integers(1, 6),
    st.integers(1, 4),
)
def test_every_free_slot_can_be_booked(existing, headcount, hours):
    schedule = Schedule.of(hub())
    for start, length, n in existing:
        end = min(start + length, 21)
        schedule.admit(BookingRequest("floor", Interval(at(6, start), at(6, end)), n, "x"))
    duration = dt.timedelta(hours=hours)
    slots = free_slots(schedule, "coworking", headcount, duration, Interval(at(6, 9), at(6, 21)))
    state = schedule.state()
    for slot in slots:
        trial = Schedule.restore(state)
        for begin in (slot.interval.start, slot.interval.end - duration):
            decision = trial.admit(
                BookingRequest("floor", Interval(begin, begin + duration), headcount, "y")
            )
            assert decision.accepted, (slot, decision)
            trial.cancel(decision.booking_id)


def test_free_slots_filter_by_hub_duration_limit_and_opening():
    other = hub(id="other", spaces=(Space("desk", "coworking", Decimal(10), 4),))
    capped = Space("short", "coworking", Decimal(10), 4, max_duration=HOUR)
    schedule = Schedule.of(
        hub(spaces=(Space("floor", "coworking", Decimal(300), 10), capped)), other
    )
    # A booking on another day is not in the way.
    schedule.admit(BookingRequest("floor", Interval(at(7, 9), at(7, 21)), 10, "x"))
    day = Interval(at(6, 9), at(6, 21))
    two_hours = free_slots(schedule, "coworking", 1, 2 * HOUR, day)
    assert [s.space for s in two_hours] == ["desk", "floor"]  # "short" books at most 1 h
    assert [s.space for s in free_slots(schedule, "coworking", 1, HOUR, day, hub="other")] == [
        "desk"
    ]
    assert (
        free_slots(
            schedule, "coworking", 1, HOUR, Interval(at(1, 9, year=2024), at(1, 21, year=2024))
        )
        == ()
    )


def test_free_slots_step_over_a_closure_and_a_full_shared_space():
    closure = Closure(Interval(at(6, 12), at(6, 13)), "cleaning")
    schedule = Schedule.of(hub(closures=(closure,)))
    schedule.admit(BookingRequest("floor", Interval(at(6, 15), at(6, 17)), 10, "x"))
    slots = free_slots(schedule, "coworking", 1, HOUR, Interval(at(6, 9), at(6, 21)))
    # Free 09:00-12:00, the closure, 13:00-15:00, the floor full to 17:00, 17:00-21:00.
    assert [(s.interval.start, s.interval.end) for s in slots] == [
        (at(6, 9), at(6, 12)),
        (at(6, 13), at(6, 15)),
        (at(6, 17), at(6, 21)),
    ]
    # Over two days, the full floor on the 6th leaves the 5th whole.
    two_days = free_slots(schedule, "coworking", 1, HOUR, Interval(at(5, 0), at(7, 0)))
    assert [(s.interval.start, s.interval.end) for s in two_days][:2] == [
        (at(5, 9), at(5, 21)),
        (at(6, 9), at(6, 12)),
    ]


def test_place_batch_by_priority_and_best_fit():
    schedule = Schedule.of(
        hub(
            spaces=(
                Space("small", "studio", Decimal(20), 2, SpaceMode.EXCLUSIVE),
                Space("large", "studio", Decimal(60), 6, SpaceMode.EXCLUSIVE),
            )
        )
    )
    slot = Interval(at(6, 10), at(6, 12))
    placements = place_batch(
        schedule,
        [
            PlacementRequest("low", "studio", slot, 2, "a", priority=1),
            PlacementRequest("high", "studio", slot, 2, "b", priority=5),
            PlacementRequest("big", "studio", slot, 5, "c", priority=3),
        ],
    )
    # high goes first to the best fit (small); big takes large; low finds nothing left.
    assert [(p.request, p.space) for p in placements] == [
        ("low", None),
        ("high", "small"),
        ("big", "large"),
    ]
    assert placements[0].reasons[0].code.value == "conflict"


def brute_best(candidates):
    best = 0
    for size in range(len(candidates) + 1):
        for subset in itertools.combinations(range(len(candidates)), size):
            chosen = [candidates[i].interval for i in subset]
            if all(not a.overlaps(b) for a, b in itertools.combinations(chosen, 2)):
                best = max(best, sum(candidates[i].weight for i in subset))
    return best


@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 6), st.integers(0, 9)), max_size=8))
def test_best_schedule_is_optimal(raw):
    candidates = [
        Candidate(Interval(BASE + dt.timedelta(hours=s), BASE + dt.timedelta(hours=s + n)), w)
        for s, n, w in raw
    ]
    selection = best_schedule(candidates)
    assert selection.total == brute_best(candidates)
    chosen = [candidates[i].interval for i in selection.chosen]
    assert all(not a.overlaps(b) for a, b in itertools.combinations(chosen, 2))
    assert sum(candidates[i].weight for i in selection.chosen) == selection.total


def test_seats_for_area():
    # 120 m2 at 4.5 m2 per workstation: 26.67 -> 26 whole workstations.
    assert seats_for_area(Decimal(120), Decimal("4.5")) == 26
    with pytest.raises(
        ValidationError, match=r"^area = Decimal\('0'\): must be a positive Decimal"
    ):
        seats_for_area(Decimal(0), Decimal("4.5"))


# -- rollout ----------------------------------------------------------------------------


def opened(plan, when, **areas):
    return attrs.evolve(
        plan,
        hubs=tuple(
            attrs.evolve(h, actual_opening=when, floor_area=areas.get(h.id, h.floor_area))
            for h in plan.hubs
        ),
    )


def test_rollout_almaty_targets_zakon_2022():
    # Zakon.kz, 12 September 2022: 3 creative hubs + 2 studios + an IT hub up to
    # 15,000 m2 by 2025; 8 creative and IT hubs by 2030.
    plan = almaty_plan()
    assert plan.targets == ALMATY_TARGETS
    before = rollout_status(plan, dt.date(2022, 9, 12))
    assert [t.state for t in before.targets] == [TargetState.ON_TRACK, TargetState.AT_RISK]
    done = opened(plan, dt.date(2025, 6, 1))
    status = rollout_status(done, dt.date(2025, 12, 31))
    first, second = status.targets
    assert first.met
    assert first.opened == (3, 1, 1, 1)
    assert second.opened == (4,)
    assert second.required == (8,)
    assert second.state is TargetState.AT_RISK
    late = rollout_status(done, dt.date(2031, 1, 1))
    assert late.targets[1].state is TargetState.MISSED
    assert from_json(to_json(status), RolloutStatus) == status


def test_rollout_it_hub_over_15000_m2_does_not_count():
    plan = opened(almaty_plan(), dt.date(2025, 6, 1), **{"it-hub": Decimal(15001)})
    status = rollout_status(plan, dt.date(2026, 1, 1))
    assert status.targets[0].opened == (3, 1, 1, 0)
    assert status.targets[0].state is TargetState.MISSED


def test_rollout_counts_only_hubs_opened_by_the_date():
    plan = NetworkPlan(
        tuple(
            PlannedHub(
                f"c{i}",
                f"C{i}",
                HubKind.CREATIVE_HUB,
                dt.date(2027, 1, 1),
                actual_opening=dt.date(2026 + i, 1, 1),
            )
            for i in range(8)
        )
    )
    status = rollout_status(plan, dt.date(2029, 6, 1))
    assert status.targets[1].opened == (4,)
    assert status.targets[1].state is TargetState.ON_TRACK
    assert rollout_status(plan, dt.date(2033, 1, 1)).targets[1].met


def test_values_round_trip_through_json():
    value = hub(closures=(Closure(Interval(at(15, 9), at(15, 21)), "maintenance"),))
    assert from_json(to_json(value), Hub) == value
    state = ScheduleState((value,))
    assert from_json(to_json(state), ScheduleState) == state
    plan = almaty_plan()
    assert from_json(to_json(plan), NetworkPlan) == plan


@settings(deadline=None)
@given(st.data())
def test_strategies_build_valid_admissible_values(data):
    value = data.draw(st.from_type(Hub))
    schedule = Schedule.of(value)
    request = data.draw(hst.booking_requests(hub=value))
    decision = schedule.admit(request)
    assert decision.accepted == (not decision.reasons)
    assert from_json(to_json(schedule.state()), ScheduleState) == schedule.state()
    plan = data.draw(st.from_type(NetworkPlan))
    assert from_json(to_json(plan), NetworkPlan) == plan


def test_operation_results_have_repr_and_records():
    ops = {op.name: op for op in OPERATIONS}
    assert set(ops) >= {
        "hubs.admit",
        "hubs.expand",
        "hubs.availability",
        "hubs.utilisation",
        "hubs.rollout_status",
    }
    start = dt.datetime(2025, 1, 6, 10, tzinfo=ALMATY)
    out = ops["hubs.expand"].run(ExpandInput("FREQ=DAILY;COUNT=4", start, "Asia/Almaty"))
    assert isinstance(out, ExpandOutput)
    assert "4 occurrences" in repr(out)
    assert [r["start"].day for r in out.to_records()] == [6, 7, 8, 9]
    h = hub()
    first = BookingRequest("studio", Interval(at(6, 10), at(6, 12)), 1, "a")
    clash = BookingRequest("studio", Interval(at(6, 11), at(6, 13)), 1, "b")
    admitted = ops["hubs.admit"].run(
        AdmitInput((h,), (Admit(first), Admit(clash), Cancel("B1"), Admit(clash)))
    )
    assert repr(admitted) == "<AdmitOutput 4 decisions, 3 accepted, 1 bookings>"
    assert [r["accepted"] for r in admitted.to_records()] == [True, False, True, True]
    free = ops["hubs.availability"].run(
        AvailabilityInput((h,), (first, clash), "studio", 1, HOUR, Interval(at(6, 9), at(6, 21)))
    )
    assert repr(free) == "<AvailabilityOutput 2 slots, 1 rejected>"
    assert free.rejected == ("B2",)
    assert [(r["start"], r["end"]) for r in free.to_records()] == [
        (at(6, 9), at(6, 10)),
        (at(6, 12), at(6, 21)),
    ]


def test_occupancy_repr_and_records():
    occ = occupancy([(Interval(at(6, 9), at(6, 11)), 3), (Interval(at(6, 10), at(6, 12)), 2)])
    assert repr(occ) == f"<Occupancy 4 steps, peak 5 at {at(6, 10).astimezone(UTC).isoformat()}>"
    assert [(r["start"], r["load"]) for r in occ.to_records()] == [
        (at(6, 9), 3),
        (at(6, 10), 5),
        (at(6, 11), 2),
        (at(6, 12), 0),
    ]
    assert repr(occupancy([])) == "<Occupancy 0 steps, peak 0 at ->"
