"""Admission: half-open intervals, every reason, recurrence modes, cancellation, bad input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import attrs
import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from creative_city.errors import (
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
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
    ScheduleHistory,
    ScheduleState,
    Space,
    SpaceMode,
    TimeRange,
)
from creative_city.serialization import from_json, to_json
from creative_city.time import Interval, zone

ALMATY = zone("Asia/Almaty")


def at(day, hour, minute=0, month=1, year=2025):
    return dt.datetime(year, month, day, hour, minute, tzinfo=ALMATY)


def iv(day, h1, h2, month=1):
    return Interval(at(day, h1, month=month), at(day, h2, month=month))


def make_hub(**changes):
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
            Space(
                "studio",
                "studio",
                Decimal(40),
                4,
                SpaceMode.EXCLUSIVE,
                min_duration=dt.timedelta(hours=1),
                max_duration=dt.timedelta(hours=4),
            ),
        ),
    )
    return attrs.evolve(base, **changes)


def req(space, interval, headcount=1, tenant="t", **kw):
    return BookingRequest(space, interval, headcount, tenant, **kw)


def test_back_to_back_bookings_never_clash():
    schedule = Schedule.of(make_hub())
    assert schedule.admit(req("studio", iv(6, 10, 12))).accepted
    assert schedule.admit(req("studio", iv(6, 12, 14))).accepted
    assert schedule.admit(req("studio", iv(6, 9, 10))).accepted


@given(st.lists(st.integers(1, 3), min_size=1, max_size=10), st.integers(1, 4))
def test_back_to_back_chain_all_admitted(lengths, headcount):
    schedule = Schedule.of(make_hub())
    start = at(6, 9)
    for hours in lengths:
        end = start + dt.timedelta(hours=hours)
        if end > at(6, 21):
            break
        decision = schedule.admit(req("studio", Interval(start, end), headcount))
        assert decision.accepted, decision
        start = end


def test_rejection_lists_every_reason():
    hub = make_hub(
        closures=(Closure(iv(6, 20, 21), "maintenance"),),
    )
    schedule = Schedule.of(hub)
    assert schedule.admit(req("studio", iv(6, 19, 20))).accepted
    # 19:30-22:30: 3 h (ok), but after closing, through the closure, over booking B1.
    decision = schedule.admit(
        req("studio", Interval(at(6, 19, 30), at(6, 22, 30)), requested_at=at(6, 19))
    )
    codes = sorted(r.code.value for r in decision.reasons)
    assert not decision.accepted
    assert codes == ["closure", "conflict", "outside-hours"]
    conflict = next(r for r in decision.reasons if r.code is ReasonCode.CONFLICT)
    assert conflict.booking == "B1"


def test_duration_and_not_open_yet_and_notice_together():
    hub = make_hub()
    space = attrs.evolve(
        hub.spaces[1], min_notice=dt.timedelta(hours=2), max_advance=dt.timedelta(days=7)
    )
    schedule = Schedule.of(attrs.evolve(hub, spaces=(hub.spaces[0], space)))
    early = Interval(
        dt.datetime(2024, 8, 30, 10, tzinfo=ALMATY), dt.datetime(2024, 8, 30, 10, 30, tzinfo=ALMATY)
    )
    decision = schedule.admit(
        req("studio", early, requested_at=dt.datetime(2024, 8, 30, 9, tzinfo=ALMATY))
    )
    codes = sorted(r.code.value for r in decision.reasons)
    assert codes == ["duration", "not-open-yet", "notice"]


def test_advance_limit_is_measured_to_the_end():
    hub = make_hub()
    space = attrs.evolve(hub.spaces[1], max_advance=dt.timedelta(days=7))
    schedule = Schedule.of(attrs.evolve(hub, spaces=(hub.spaces[0], space)))
    asked = at(6, 12)
    # Starts inside the 7-day horizon but ends 1 hour past it: refused (Seatsurfing #2658).
    late = Interval(at(13, 11), at(13, 13))
    decision = schedule.admit(req("studio", late, requested_at=asked))
    assert [r.code for r in decision.reasons] == [ReasonCode.NOTICE]
    fine = Interval(at(13, 10), at(13, 12))
    assert schedule.admit(req("studio", fine, requested_at=asked)).accepted


def test_shared_capacity_reports_instant_and_excess():
    schedule = Schedule.of(make_hub())
    assert schedule.admit(req("floor", iv(6, 9, 12), 6)).accepted
    assert schedule.admit(req("floor", iv(6, 11, 14), 3)).accepted
    decision = schedule.admit(req("floor", iv(6, 10, 13), 4))
    (reason,) = decision.reasons
    assert reason.code is ReasonCode.OVER_CAPACITY
    # 11:00-12:00 holds 6 + 3 = 9; with 4 more that is 13 > 10, by 3 persons.
    assert reason.at == at(6, 11)
    assert reason.excess == 3


def test_midnight_crossing_booking_in_a_late_hub():
    hub = make_hub(hours=DayHours.every_day(dt.time(18), dt.time(2)))
    schedule = Schedule.of(hub)
    crossing = Interval(at(6, 23), at(7, 1))
    assert schedule.admit(req("floor", crossing, 10)).accepted
    # The next evening window starts at 18:00 on the 7th: 01:00-03:00 runs past 02:00.
    decision = schedule.admit(req("floor", Interval(at(7, 1), at(7, 3)), 1))
    assert [r.code for r in decision.reasons] == [ReasonCode.OUTSIDE_HOURS]
    # Capacity at 00:30 is taken by the crossing booking.
    decision = schedule.admit(req("floor", Interval(at(7, 0), at(7, 0, 30)), 1))
    assert [r.code for r in decision.reasons] == [ReasonCode.OVER_CAPACITY]


def test_24_hour_hub_admits_across_midnight():
    hub = make_hub(hours=DayHours.every_day(dt.time(0), dt.time(0)))
    schedule = Schedule.of(hub)
    assert schedule.admit(req("floor", Interval(at(6, 22), at(7, 6)), 2)).accepted


def test_dated_exception_closes_a_holiday_and_shortens_a_day():
    hub = make_hub(
        exceptions=(
            DatedHours(dt.date(2025, 3, 21), (), "Nauryz"),
            DatedHours(dt.date(2025, 3, 20), (TimeRange(dt.time(9), dt.time(14)),), "short day"),
        )
    )
    schedule = Schedule.of(hub)
    holiday = Interval(at(21, 10, month=3), at(21, 11, month=3))
    assert schedule.admit(req("floor", holiday)).reasons[0].code is ReasonCode.OUTSIDE_HOURS
    short = Interval(at(20, 13, month=3), at(20, 15, month=3))
    assert schedule.admit(req("floor", short)).reasons[0].code is ReasonCode.OUTSIDE_HOURS
    assert schedule.admit(req("floor", Interval(at(20, 12, month=3), at(20, 14, month=3))))


def test_booking_longer_than_its_repeat_interval_collides_with_itself():
    hub = make_hub(hours=DayHours.every_day(dt.time(0), dt.time(0)))
    space = attrs.evolve(hub.spaces[1], max_duration=None)
    schedule = Schedule.of(attrs.evolve(hub, spaces=(hub.spaces[0], space)))
    request = req(
        "studio", Interval(at(6, 10), at(7, 12)), recurrence=Recurrence("FREQ=DAILY;COUNT=3")
    )
    decision = schedule.admit(request)
    assert not decision.accepted
    assert {r.code for r in decision.reasons} == {ReasonCode.SELF_OVERLAP}
    assert [s.start.day for s in decision.skipped] == [7, 8]
    assert schedule.bookings == ()
    # Skipping conflicts keeps every other day's booking (6th and 8th overlap neither).
    skip = schedule.admit(
        req(
            "studio",
            Interval(at(6, 10), at(7, 12)),
            recurrence=Recurrence("FREQ=DAILY;COUNT=3"),
        ),
        AdmitMode.SKIP_CONFLICTS,
    )
    assert skip.accepted
    assert [s.start.day for s in skip.skipped] == [7]
    assert [o.start.astimezone(ALMATY).day for o in schedule.bookings[0].occurrences] == [6, 8]


def test_recurring_whole_vs_skip_and_which_dates_were_skipped():
    schedule = Schedule.of(make_hub())
    assert schedule.admit(req("studio", iv(13, 10, 11))).accepted
    weekly = req("studio", iv(6, 10, 12), recurrence=Recurrence("FREQ=WEEKLY;COUNT=4"))
    whole = schedule.admit(weekly)
    assert not whole.accepted
    assert [s.start.date() for s in whole.skipped] == [dt.date(2025, 1, 13)]
    assert len(schedule.bookings) == 1
    skip = schedule.admit(weekly, AdmitMode.SKIP_CONFLICTS)
    assert skip.accepted
    assert skip.placed == 3
    assert [s.start.date() for s in skip.skipped] == [dt.date(2025, 1, 13)]


def test_cancelling_frees_capacity_and_one_occurrence():
    schedule = Schedule.of(make_hub())
    weekly = schedule.admit(
        req("floor", iv(6, 10, 12), 10, recurrence=Recurrence("FREQ=WEEKLY;COUNT=3"))
    )
    assert weekly.accepted
    assert not schedule.admit(req("floor", iv(13, 10, 11), 1)).accepted
    rest = schedule.cancel_occurrence(weekly.booking_id, at(13, 10))
    assert len(rest.occurrences) == 2
    assert schedule.admit(req("floor", iv(13, 10, 11), 1)).accepted
    assert not schedule.admit(req("floor", iv(20, 10, 11), 1)).accepted
    schedule.cancel(weekly.booking_id)
    assert schedule.admit(req("floor", iv(20, 10, 11), 10)).accepted
    with pytest.raises(InvalidStateError) as info:
        schedule.cancel(weekly.booking_id)
    assert info.value.field == "booking_id"
    assert info.value.rule == "is not an admitted booking"


def test_state_round_trips_through_json_and_restores():
    schedule = Schedule.of(make_hub())
    schedule.admit(req("floor", iv(6, 10, 12), 4, recurrence=Recurrence("FREQ=DAILY;COUNT=2")))
    schedule.admit(req("studio", iv(6, 10, 12)))
    state = schedule.state()
    again = from_json(to_json(state), ScheduleState)
    assert again == state
    restored = Schedule.restore(again)
    assert restored.load_at("floor", at(7, 11)) == 4
    assert restored.admit(req("floor", iv(7, 10, 12), 7)).reasons[0].excess == 1


def _unchanged(schedule, call):
    before = to_json(schedule.state())
    call()
    assert to_json(schedule.state()) == before


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: req("floor", iv(6, 10, 11), 0), ValidationError, "headcount"),
        (lambda: req("floor", iv(6, 10, 11), -2), ValidationError, "headcount"),
        (lambda: req("", iv(6, 10, 11)), ValidationError, "space"),
        (
            lambda: req("floor", Interval(dt.datetime(2025, 1, 6, 10), at(6, 11))),
            InvalidTypeError,
            "datetime",
        ),
        (lambda: req("floor", Interval(at(6, 11), at(6, 10))), ValidationError, "end"),
        (lambda: req("floor", Interval(at(6, 11), at(6, 11))), ValidationError, "end"),
        (
            lambda: req("floor", iv(6, 10, 11), recurrence=Recurrence("FREQ=NEVER")),
            ValidationError,
            "recurrence.rule",
        ),
    ],
)
def test_bad_requests_cannot_even_be_built(build, error, field):
    with pytest.raises(error) as info:
        build()
    assert info.value.field == field
    assert info.value.rule


@pytest.mark.parametrize(
    ("request_", "error", "field"),
    [
        (req("nowhere", iv(6, 10, 11)), ValidationError, "request.space"),
        (req("floor", iv(6, 10, 11), 11), LimitExceededError, "request.headcount"),
        (req("studio", iv(6, 10, 11), 5), LimitExceededError, "request.headcount"),
        (
            req("floor", iv(6, 10, 11), recurrence=Recurrence("FREQ=DAILY", max_occurrences=50)),
            LimitExceededError,
            "recurrence.max_occurrences",
        ),
    ],
)
def test_bad_requests_raise_and_change_nothing(request_, error, field):
    schedule = Schedule.of(make_hub())
    schedule.admit(req("floor", iv(6, 9, 10), 3))

    def call():
        with pytest.raises(error) as info:
            schedule.admit(request_)
        assert info.value.field == field
        assert field in str(info.value)

    _unchanged(schedule, call)


def test_rejected_request_changes_nothing():
    schedule = Schedule.of(make_hub())
    schedule.admit(req("studio", iv(6, 10, 12)))
    weekly = req("studio", iv(6, 11, 12), recurrence=Recurrence("FREQ=DAILY;COUNT=5"))
    _unchanged(schedule, lambda: schedule.admit(weekly))


def test_duplicate_booking_id_is_an_error():
    schedule = Schedule.of(make_hub())
    schedule.admit(req("floor", iv(6, 9, 10), id="X"))
    with pytest.raises(ValidationError) as info:
        schedule.admit(req("floor", iv(6, 11, 12), id="X"))
    assert info.value.field == "request.id"
    assert info.value.rule == "is already a booking id"


def test_decision_repr_and_records():
    schedule = Schedule.of(make_hub())
    schedule.admit(req("studio", iv(6, 10, 12)))
    decision = schedule.admit(req("studio", iv(6, 11, 12)))
    assert "rejected" in repr(decision)
    assert "B1" in repr(decision)
    (record,) = decision.to_records()
    assert record["code"] == "conflict"
    assert record["booking"] == "B1"


def test_event_log_replays_to_the_same_state():
    schedule = Schedule.of(make_hub())
    schedule.admit(req("floor", iv(6, 10, 12), 4, recurrence=Recurrence("FREQ=DAILY;COUNT=3")))
    schedule.admit(req("studio", iv(6, 10, 12), id="session-1"))
    schedule.admit(req("studio", iv(6, 14, 15)))
    schedule.cancel_occurrence("B1", at(7, 10))
    schedule.cancel("session-1")
    history = from_json(to_json(schedule.history()), ScheduleHistory)
    assert [type(e).__name__ for e in history.events] == [
        "BookingAdmitted",
        "BookingAdmitted",
        "BookingAdmitted",
        "OccurrenceCancelled",
        "BookingCancelled",
    ]
    again = Schedule.replay(history.hubs, history.events)
    assert again.state() == schedule.state()
    assert again.admit(req("floor", iv(9, 10, 11))).booking_id == "B3"


def test_only_the_closures_that_overlap_are_reasons():
    # A month-long closure holds a short one; a booking after the short one ends meets
    # only the long one (the short one starts later but ends first).
    hub = make_hub(
        closures=(
            Closure(Interval(at(1, 0), at(31, 0)), "refit"),
            Closure(Interval(at(5, 9), at(5, 12)), "inspection"),
        )
    )
    decision = Schedule.of(hub).admit(req("floor", iv(6, 10, 11)))
    (reason,) = decision.reasons
    assert reason.code is ReasonCode.CLOSURE
    assert "(refit)" in reason.message


ONE_PATH_HUB = make_hub(
    exceptions=(DatedHours(dt.date(2025, 1, 9), (TimeRange(dt.time(9), dt.time(13)),), "short"),),
    closures=(Closure(iv(8, 12, 14), "cleaning", ("studio", "annex")),),
    spaces=(
        Space("floor", "coworking", Decimal(300), 6),
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
    ),
)

one_path_requests = st.builds(
    lambda space, day, hour, half_hours, headcount, notice: req(
        space,
        Interval(
            at(day, hour),
            at(day, hour) + dt.timedelta(minutes=30 * half_hours),
        ),
        min(headcount, {"floor": 6, "studio": 4, "annex": 5}[space]),
        requested_at=at(day, hour) - dt.timedelta(hours=notice),
    ),
    st.sampled_from(["floor", "studio", "annex"]),
    st.integers(6, 10),
    st.integers(7, 21),
    st.integers(1, 8),
    st.integers(1, 6),
    st.integers(-2, 100),
)


@given(st.lists(one_path_requests, max_size=12), one_path_requests)
@example(  # too little notice (1 hour of 2): the reason names the occurrence
    [], req("annex", Interval(at(9, 10), at(9, 11)), 1, requested_at=at(9, 9))
)
@example(  # too far ahead (the end 4 days after the request, of 3)
    [], req("annex", Interval(at(9, 10), at(9, 11)), 1, requested_at=at(5, 11))
)
def test_one_occurrence_of_a_rule_is_judged_like_a_single_booking(existing, request_):
    # One admission path: a request, and the same request as a recurrence with one
    # occurrence, meet the same rules and get the same reasons, word for word.
    schedule = Schedule.of(ONE_PATH_HUB)
    schedule.admit_all(existing)
    state = schedule.state()
    single = Schedule.restore(state)
    recurring = Schedule.restore(state)
    once = single.admit(request_)
    ruled = recurring.admit(attrs.evolve(request_, recurrence=Recurrence("FREQ=DAILY;COUNT=1")))
    assert once.accepted == ruled.accepted
    assert [attrs.evolve(r, occurrence=None) for r in ruled.reasons] == list(once.reasons)
    assert all(r.occurrence == request_.interval.start for r in ruled.reasons)
    assert once.accepted or ruled.reasons  # a refusal says why
    assert single.state() == recurring.state()
