"""Bad input is refused where it enters: every constructor and operation names the field.

Each case builds or calls something with one value wrong and checks the error's class,
the field it names and that it states a rule. A schedule that refuses a request is left
unchanged (``test_hubs_admission``); here the values never get that far.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from creative_city.errors import (
    CreativeCityError,
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.hubs import (
    BookingRequest,
    Candidate,
    Closure,
    DatedHours,
    DayHours,
    Hub,
    HubKind,
    KindCount,
    NetworkPlan,
    PlannedHub,
    Recurrence,
    Schedule,
    Space,
    TimeRange,
    best_schedule,
    expand,
    free_slots,
    occupancy,
    utilisation,
)
from creative_city.time import UTC, Interval, Period, zone

ALMATY = zone("Asia/Almaty")
HOUR = dt.timedelta(hours=1)


def at(day, hour, month=1):
    return dt.datetime(2025, month, day, hour, tzinfo=ALMATY)


def space(space_id="floor", **changes):
    fields = {"kind": "coworking", "area": Decimal(100), "capacity": 10} | changes
    return Space(space_id, **fields)


def hub(hub_id="h", spaces=(), **changes):
    fields = {
        "name": "Hub",
        "kind": HubKind.CREATIVE_HUB,
        "zone": "Asia/Almaty",
        "floor_area": Decimal(1000),
        "opening_date": dt.date(2024, 1, 1),
        "hours": DayHours.every_day(dt.time(9), dt.time(21)),
        "spaces": spaces or (space(),),
    } | changes
    return Hub(hub_id, **fields)


def refused(error, field, build):
    with pytest.raises(error) as info:
        build()
    assert type(info.value) is error, type(info.value)
    assert isinstance(info.value, CreativeCityError)
    assert info.value.field == field
    assert info.value.rule
    return info.value


@pytest.mark.parametrize(
    ("error", "field", "build"),
    [
        (InvalidTypeError, "time", lambda: TimeRange(dt.time(9, tzinfo=UTC), dt.time(17))),
        (ValidationError, "weekday", lambda: DayHours(7, dt.time(9), dt.time(17))),
        (InvalidTypeError, "day", lambda: DatedHours("2025-01-01")),
        (ValidationError, "id", lambda: space(" ")),
        (ValidationError, "kind", lambda: space(kind="")),
        (ValidationError, "area", lambda: space(area=Decimal(0))),
        (ValidationError, "area", lambda: space(area=100)),
        (ValidationError, "capacity", lambda: space(capacity=0)),
        (ValidationError, "capacity", lambda: space(capacity=True)),
        (InvalidTypeError, "mode", lambda: space(mode="shared")),
        (ValidationError, "buffer", lambda: space(buffer=-HOUR)),
        (ValidationError, "min_notice", lambda: space(min_notice=3600)),
        (ValidationError, "min_duration", lambda: space(min_duration=dt.timedelta(0))),
        (
            ValidationError,
            "max_duration",
            lambda: space(min_duration=2 * HOUR, max_duration=HOUR),
        ),
        (ValidationError, "max_advance", lambda: space(min_notice=HOUR, max_advance=HOUR)),
        (InvalidTypeError, "opens_on", lambda: space(opens_on="2025-01-01")),
        (ValidationError, "id", lambda: hub("")),
        (InvalidTypeError, "kind", lambda: hub(kind="creative-hub")),
        (ValidationError, "floor_area", lambda: hub(floor_area=Decimal(-1))),
        (InvalidTypeError, "opening_date", lambda: hub(opening_date=at(1, 9))),
        (
            ValidationError,
            "exceptions",
            lambda: hub(exceptions=(DatedHours(dt.date(2025, 1, 1)),) * 2),
        ),
        (ValidationError, "spaces", lambda: hub(spaces=(space("a"), space("a")))),
        (
            ValidationError,
            "spaces",
            lambda: hub(floor_area=Decimal(150), spaces=(space("a"), space("b"))),
        ),
        (
            ValidationError,
            "closure.spaces",
            lambda: hub(closures=(Closure(Interval(at(1, 9), at(1, 10)), spaces=("nowhere",)),)),
        ),
    ],
)
def test_the_hub_model_refuses_bad_values(error, field, build):
    refused(error, field, build)


def test_a_hubs_space_is_found_by_id_or_named_in_the_error():
    h = hub(spaces=(space("a"), space("b")))
    assert h.space("b").id == "b"
    error = refused(ValidationError, "space", lambda: h.space("c"))
    assert "'h'" in error.rule


def test_hub_windows_follow_the_daylight_saving_change():
    # Central European Summer Time began on 31 March 2024 at 02:00 local (EU Directive
    # 2000/84/EC: the last Sunday of March): a 24-hour hub is open 23 hours that day,
    # and a hub open 02:00-03:00 is not open at all (the hour does not exist).
    berlin = zone("Europe/Berlin")
    day = dt.date(2024, 3, 31)
    around_the_clock = hub(zone="Europe/Berlin", hours=DayHours.every_day(dt.time(0), dt.time(0)))
    (window,) = around_the_clock.windows(day, day + dt.timedelta(days=1))
    assert window.start == dt.datetime(2024, 3, 31, tzinfo=berlin)
    assert window.duration == 23 * HOUR
    lost_hour = hub(zone="Europe/Berlin", hours=DayHours.every_day(dt.time(2), dt.time(3)))
    assert lost_hour.windows(day, day + dt.timedelta(days=1)) == ()
    (next_day,) = lost_hour.windows(day + dt.timedelta(days=1), day + dt.timedelta(days=2))
    assert next_day.duration == HOUR


@pytest.mark.parametrize(
    ("error", "field", "build"),
    [
        (
            ValidationError,
            "tenant",
            lambda: BookingRequest("floor", Interval(at(6, 9), at(6, 10)), 1, " "),
        ),
        (
            ValidationError,
            "interval",
            lambda: BookingRequest("floor", (at(6, 9), at(6, 10)), 1, "t"),
        ),
        (
            InvalidTypeError,
            "recurrence.exdates",
            lambda: Recurrence("FREQ=DAILY;COUNT=2", exdates=at(6, 9)),
        ),
        (InvalidTypeError, "recurrence.rule", lambda: Recurrence(b"FREQ=DAILY")),
        (ValidationError, "recurrence.rule", lambda: Recurrence("FREQ=DAILY;" + "X" * 1000)),
        (
            ValidationError,
            "recurrence.rule",
            lambda: Recurrence("FREQ=DAILY;UNTIL=20250230T000000Z"),
        ),
        (
            ValidationError,
            "floor_area",
            lambda: PlannedHub("p", "P", HubKind.IT_HUB, dt.date(2025, 1, 1), Decimal(0)),
        ),
        (ValidationError, "count", lambda: KindCount((HubKind.IT_HUB,), 0)),
        (ValidationError, "kinds", lambda: KindCount((), 1)),
        (
            ValidationError,
            "hubs",
            lambda: NetworkPlan((PlannedHub("p", "P", HubKind.IT_HUB, dt.date(2025, 1, 1)),) * 2),
        ),
    ],
)
def test_requests_recurrences_and_plans_refuse_bad_values(error, field, build):
    refused(error, field, build)


def test_an_invalid_until_date_is_named():
    error = refused(
        ValidationError, "recurrence.rule", lambda: Recurrence("FREQ=DAILY;UNTIL=20250230T000000Z")
    )
    assert error.rule == "UNTIL is not a valid date"


def test_rdates_count_toward_the_bound_and_never_repeat_an_occurrence():
    start = at(6, 10)
    both = Recurrence("FREQ=DAILY;COUNT=2", rdates=(start, at(9, 10)), max_occurrences=3)
    assert expand(both, start, "Asia/Almaty") == (start, at(7, 10), at(9, 10))
    over = Recurrence("FREQ=DAILY;COUNT=2", rdates=(at(9, 10), at(10, 10)), max_occurrences=3)
    error = refused(
        LimitExceededError, "recurrence.max_occurrences", lambda: expand(over, start, "Asia/Almaty")
    )
    assert error.value == 3
    window_end = at(9, 10)  # the RDATE on the 9th is not before it
    bounded = expand(both, start, "Asia/Almaty", window_end=window_end)
    assert bounded == (start, at(7, 10))


@pytest.mark.parametrize(
    ("field", "build"),
    [
        ("hubs", lambda: Schedule(["h"])),
        ("space.id", lambda: Schedule.of(hub("a"), hub("b"))),
        ("hubs", lambda: Schedule.of(hub("a"), hub("a", spaces=(space("desk"),)))),
        ("request", lambda: Schedule.of(hub()).admit(("floor", at(6, 9), at(6, 10)))),
        ("request.space", lambda: Schedule.of(hub()).space("nowhere")),
    ],
)
def test_a_schedule_refuses_bad_hubs_and_requests(field, build):
    refused(ValidationError, field, build)


def test_notice_limits_need_the_request_time():
    schedule = Schedule.of(hub(spaces=(space(min_notice=HOUR),)))
    request = BookingRequest("floor", Interval(at(6, 10), at(6, 11)), 1, "t")
    error = refused(ValidationError, "request.requested_at", lambda: schedule.admit(request))
    assert "'floor'" in error.rule
    timed = BookingRequest("floor", Interval(at(6, 10), at(6, 11)), 1, "t", requested_at=at(6, 8))
    assert schedule.admit(timed).accepted


def test_admit_all_hub_of_and_cancelling_the_last_occurrence():
    h = hub()
    schedule = Schedule.of(h)
    assert schedule.hub_of("floor") is h
    weekly = BookingRequest(
        "floor", Interval(at(6, 10), at(6, 11)), 2, "t", Recurrence("FREQ=WEEKLY;COUNT=2")
    )
    decisions = schedule.admit_all(
        [weekly, BookingRequest("floor", Interval(at(7, 9), at(7, 10)), 1, "t")]
    )
    assert [d.booking_id for d in decisions] == ["B1", "B2"]
    refused(InvalidStateError, "start", lambda: schedule.cancel_occurrence("B1", at(6, 11)))
    schedule.cancel_occurrence("B1", at(6, 10))
    rest = schedule.cancel_occurrence("B1", at(13, 10))
    assert rest.occurrences == ()
    assert [b.id for b in schedule.bookings] == ["B2"]
    refused(InvalidStateError, "booking_id", lambda: schedule.booking("B1"))


@pytest.mark.parametrize(
    ("field", "call"),
    [
        ("headcount", lambda s: free_slots(s, "coworking", 0, HOUR, Interval(at(6, 0), at(7, 0)))),
        ("duration", lambda s: free_slots(s, "coworking", 1, -HOUR, Interval(at(6, 0), at(7, 0)))),
        ("window", lambda s: free_slots(s, "coworking", 1, HOUR, (at(6, 0), at(7, 0)))),
        ("period", lambda s: utilisation(s, Interval(at(1, 0), at(31, 0)))),
        ("persons", lambda _: occupancy([(Interval(at(6, 9), at(6, 10)), 0)])),
        (
            "candidates[1].weight",
            lambda _: best_schedule(
                [
                    Candidate(Interval(at(6, 9), at(6, 10)), 1),
                    Candidate(Interval(at(6, 9), at(6, 10)), -1),
                ]
            ),
        ),
    ],
)
def test_reports_and_searches_refuse_bad_arguments(field, call):
    refused(ValidationError, field, lambda: call(Schedule.of(hub())))


def test_utilisation_report_rows_are_found_or_named():
    report = utilisation(
        Schedule.of(hub("a"), hub("b", spaces=(space("desk"),))), Period.month(2025, 1), ["b"]
    )
    assert [(r.scope, r.hub, r.space) for r in report.rows] == [
        ("space", "b", "desk"),
        ("hub", "b", None),
    ]
    assert report.row("desk").hub == "b"
    assert report.row(hub="b").space is None
    refused(ValidationError, "space", lambda: report.row("floor"))
    refused(ValidationError, "hub", lambda: report.row(hub="a"))
