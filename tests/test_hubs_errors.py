"""Every hubs error names its field, the value and the rule, word for word.

Each case is an input the hubs part refuses, with the exact message (``field = value:
rule``) it must give: a mutant that drops the value, renames the field or rewords the
rule fails here. The last test checks that every ``pytest.raises`` of the hubs tests
states more than the error's class.
"""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import attrs
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
    HubKind,
    KindCount,
    NetworkPlan,
    PlannedHub,
    Recurrence,
    Schedule,
    almaty_plan,
    free_slots,
    rollout_status,
    utilisation,
)
from creative_city.hubs.load import occupancy
from creative_city.hubs.placement import Candidate, best_schedule
from creative_city.hubs.recurrence import expand
from creative_city.time import Interval, Period, zone
from test_hubs_reference import HUB

A = zone("Asia/Almaty")


def at(d, h, m=0):
    return dt.datetime(2025, 1, d, h, m, tzinfo=A)


def iv(d, a, b):
    return Interval(at(d, a), at(d, b))


END_UTC = dt.datetime(9999, 12, 31, 22, tzinfo=dt.UTC)
END_NEW_YORK = dt.datetime(9999, 12, 30, 20, tzinfo=zone("America/New_York"))
LAST_UTC = dt.datetime(9999, 12, 31, 23, tzinfo=dt.UTC)
FIRST = dt.datetime(1, 1, 1, 1, tzinfo=A)  # Almaty's local mean time then: +05:07:48


def fresh():
    schedule = Schedule.of(HUB)
    schedule.admit(BookingRequest("studio", iv(6, 10, 11), 1, "t"))
    return schedule


CASES = [
    (
        "schedule of a non-hub",
        lambda: Schedule(["hub"]),
        ValidationError,
        "hubs = 'hub': must be Hub values",
    ),
    (
        "two hubs share a space id",
        lambda: Schedule.of(HUB, attrs.evolve(HUB, id="other")),
        ValidationError,
        "space.id = 'floor': must be unique across hubs",
    ),
    (
        "two hubs share an id",
        lambda: Schedule.of(HUB, attrs.evolve(HUB, spaces=(), closures=())),
        ValidationError,
        "hubs = ['it-hub', 'it-hub']: hub ids must be unique",
    ),
    (
        "unknown booking",
        lambda: fresh().booking("B9"),
        InvalidStateError,
        "booking_id = 'B9': is not an admitted booking",
    ),
    (
        "unknown space",
        lambda: fresh().space("roof"),
        ValidationError,
        "request.space = 'roof': is not a space of these hubs",
    ),
    (
        "admit into an unknown space",
        lambda: fresh().admit(BookingRequest("roof", iv(6, 10, 11), 1, "t")),
        ValidationError,
        "request.space = 'roof': is not a space of these hubs",
    ),
    (
        "a space id that is no string",
        lambda: fresh().space(["floor"]),
        ValidationError,
        "request.space = ['floor']: is not a space of these hubs",
    ),
    (
        "admit a non-request",
        lambda: fresh().admit("B1"),
        ValidationError,
        "request = 'B1': must be a BookingRequest",
    ),
    (
        "headcount over capacity",
        lambda: fresh().admit(BookingRequest("studio", iv(6, 12, 13), 5, "t")),
        LimitExceededError,
        "request.headcount = 5: must not exceed the capacity of space 'studio' (4)",
    ),
    (
        "duplicate booking id",
        lambda: fresh().admit(BookingRequest("studio", iv(6, 10, 11), 1, "t", id="B1")),
        ValidationError,
        "request.id = 'B1': is already a booking id",
    ),
    (
        "no request time with notice limits",
        lambda: fresh().admit(BookingRequest("annex", iv(9, 10, 11), 1, "t")),
        ValidationError,
        "request.requested_at = None: is required: space 'annex' has notice limits",
    ),
    (
        "cancel an unknown booking",
        lambda: fresh().cancel("B9"),
        InvalidStateError,
        "booking_id = 'B9': is not an admitted booking",
    ),
    (
        "cancel an occurrence that is none",
        lambda: fresh().cancel_occurrence("B1", at(6, 11)),
        InvalidStateError,
        "start = '2025-01-06T11:00:00+05:00': is not an occurrence of booking B1",
    ),
    (
        "cancel an occurrence at a naive time",
        lambda: fresh().cancel_occurrence("B1", dt.datetime(2025, 1, 6, 10)),
        InvalidTypeError,
        (
            "start = datetime.datetime(2025, 1, 6, 10, 0): "
            "datetimes must be timezone-aware (naive datetimes are rejected)"
        ),
    ),
    (
        "load at a naive instant",
        lambda: fresh().load_at("floor", dt.datetime(2025, 1, 6, 10)),
        InvalidTypeError,
        (
            "instant = datetime.datetime(2025, 1, 6, 10, 0): "
            "datetimes must be timezone-aware (naive datetimes are rejected)"
        ),
    ),
    (
        "request with headcount 0",
        lambda: BookingRequest("floor", iv(6, 10, 11), 0, "t"),
        ValidationError,
        "headcount = 0: must be an int >= 1",
    ),
    (
        "request with headcount True",
        lambda: BookingRequest("floor", iv(6, 10, 11), True, "t"),
        ValidationError,
        "headcount = True: must be an int >= 1",
    ),
    (
        "request with a blank tenant",
        lambda: BookingRequest("floor", iv(6, 10, 11), 1, " "),
        ValidationError,
        "tenant = ' ': must be a non-empty string",
    ),
    (
        "request with no space",
        lambda: BookingRequest("", iv(6, 10, 11), 1, "t"),
        ValidationError,
        "space = '': must be a space id string",
    ),
    (
        "request with a tuple interval",
        lambda: BookingRequest("floor", (at(6, 10), at(6, 11)), 1, "t"),
        ValidationError,
        re.compile("^interval = \\(datetime\\.datetime\\(.*\\.\\.\\.: must be an Interval$"),
    ),
    (
        "request at a naive time",
        lambda: BookingRequest(
            "floor", iv(6, 10, 11), 1, "t", requested_at=dt.datetime(2025, 1, 1)
        ),
        InvalidTypeError,
        (
            "requested_at = datetime.datetime(2025, 1, 1, 0, 0): "
            "datetimes must be timezone-aware (naive datetimes are rejected)"
        ),
    ),
    (
        "free slots for 0 persons",
        lambda: free_slots(fresh(), "studio", 0, dt.timedelta(hours=1), iv(6, 9, 21)),
        ValidationError,
        "headcount = 0: must be an int >= 1",
    ),
    (
        "free slots for no time",
        lambda: free_slots(fresh(), "studio", 1, dt.timedelta(0), iv(6, 9, 21)),
        ValidationError,
        "duration = datetime.timedelta(0): must be a timedelta > 0",
    ),
    (
        "free slots for minutes as an int",
        lambda: free_slots(fresh(), "studio", 1, 60, iv(6, 9, 21)),
        ValidationError,
        "duration = 60: must be a timedelta > 0",
    ),
    (
        "free slots in a tuple window",
        lambda: free_slots(fresh(), "studio", 1, dt.timedelta(hours=1), (at(6, 9), at(6, 21))),
        ValidationError,
        re.compile("^window = \\(datetime\\.datetime\\(.*\\.\\.\\.: must be an Interval$"),
    ),
    (
        "utilisation of a non-period",
        lambda: utilisation(fresh(), "2025-01"),
        ValidationError,
        "period = '2025-01': must be a Period",
    ),
    (
        "utilisation of an unknown hub",
        lambda: utilisation(fresh(), Period.month(2025, 1), ["nowhere"]),
        ValidationError,
        "hubs = 'nowhere': is not a hub of the schedule",
    ),
    (
        "a report row that is none",
        lambda: utilisation(fresh(), Period.month(2025, 1)).row("roof"),
        ValidationError,
        "space = 'roof': has no row",
    ),
    (
        "a hub row that is none",
        lambda: utilisation(fresh(), Period.month(2025, 1)).row(hub="nowhere"),
        ValidationError,
        "hub = 'nowhere': has no row",
    ),
    (
        "a negative weight",
        lambda: best_schedule([Candidate(iv(6, 9, 10), 1), Candidate(iv(6, 10, 11), -1)]),
        ValidationError,
        "candidates[1].weight = -1: must be >= 0",
    ),
    (
        "planned hub with area 0",
        lambda: PlannedHub("h", "H", HubKind.IT_HUB, dt.date(2025, 1, 1), Decimal(0)),
        ValidationError,
        "floor_area = Decimal('0'): must be a Decimal m2 > 0",
    ),
    (
        "planned hub with a float area",
        lambda: PlannedHub("h", "H", HubKind.IT_HUB, dt.date(2025, 1, 1), 10.0),
        ValidationError,
        "floor_area = 10.0: must be a Decimal m2 > 0",
    ),
    (
        "planned hub opening as text",
        lambda: PlannedHub("h", "H", HubKind.IT_HUB, "2025-01-01"),
        InvalidTypeError,
        "planned_opening = '2025-01-01': must be a datetime.date (not a datetime)",
    ),
    (
        "actual opening as text",
        lambda: PlannedHub(
            "h", "H", HubKind.IT_HUB, dt.date(2025, 1, 1), actual_opening="2025-01-01"
        ),
        InvalidTypeError,
        "actual_opening = '2025-01-01': must be a datetime.date (not a datetime)",
    ),
    (
        "kind count 0",
        lambda: KindCount((HubKind.IT_HUB,), 0),
        ValidationError,
        "count = 0: must be an int >= 1",
    ),
    (
        "kind count of no kind",
        lambda: KindCount((), 1),
        ValidationError,
        "kinds = (): must name at least one kind",
    ),
    (
        "plan with a hub twice",
        lambda: NetworkPlan((PlannedHub("h", "H", HubKind.IT_HUB, dt.date(2025, 1, 1)),) * 2),
        ValidationError,
        "hubs = ['h', 'h']: hub ids must be unique",
    ),
    (
        "status as of a datetime text",
        lambda: rollout_status(almaty_plan(), "2025-13-01"),
        InvalidTypeError,
        "as_of = '2025-13-01': must be a datetime.date (not a datetime)",
    ),
    (
        "occupancy of 0 persons",
        lambda: occupancy([(iv(6, 9, 10), 0)]),
        ValidationError,
        "persons = 0: must be an int >= 1",
    ),
    (
        "a start past the calendar's end in the zone",
        lambda: expand(Recurrence("FREQ=DAILY;COUNT=3"), END_UTC, "Asia/Almaty"),
        ValidationError,
        (
            "start = '9999-12-31T22:00:00+00:00': the calendar ends at 9999-12-31 "
            "(and starts at 0001-01-01)"
        ),
    ),
    (
        "an occurrence past the calendar's end in UTC",
        lambda: expand(Recurrence("FREQ=DAILY;COUNT=3"), END_NEW_YORK, "America/New_York"),
        ValidationError,
        (
            "recurrence.rule = '9999-12-31T20:00:00-05:00': the calendar ends at 9999-12-31 "
            "(and starts at 0001-01-01)"
        ),
    ),
    (
        "an EXDATE before the calendar starts in UTC",
        lambda: expand(Recurrence("FREQ=DAILY;COUNT=3", exdates=(FIRST,)), at(6, 9), "Asia/Almaty"),
        ValidationError,
        (
            "recurrence.exdates = '0001-01-01T01:00:00+05:07:48': the calendar ends at 9999-12-31 "
            "(and starts at 0001-01-01)"
        ),
    ),
    (
        "an RDATE before the calendar starts in UTC",
        lambda: expand(Recurrence("FREQ=DAILY;COUNT=3", rdates=(FIRST,)), at(6, 9), "Asia/Almaty"),
        ValidationError,
        (
            "recurrence.rdates = '0001-01-01T01:00:00+05:07:48': the calendar ends at 9999-12-31 "
            "(and starts at 0001-01-01)"
        ),
    ),
    (
        "an RDATE past the calendar's end in the zone",
        lambda: expand(
            Recurrence("FREQ=DAILY;COUNT=1", rdates=(LAST_UTC,)), at(6, 9), "Asia/Almaty"
        ),
        ValidationError,
        (
            "recurrence.rdates = '9999-12-31T23:00:00+00:00': the calendar ends at 9999-12-31 "
            "(and starts at 0001-01-01)"
        ),
    ),
    (
        "max occurrences 0",
        lambda: Recurrence("FREQ=DAILY", max_occurrences=0),
        ValidationError,
        "recurrence.max_occurrences = 0: must be an int from 1 to 100000",
    ),
    (
        "exdates not a list",
        lambda: Recurrence("FREQ=DAILY", exdates=at(6, 9)),
        InvalidTypeError,
        (
            "recurrence.exdates = datetime.datetime(2025, 1, 6, 9, 0, "
            "tzinfo=tzfile('Asia/Almaty')): must be a sequence of aware datetimes"
        ),
    ),
    (
        "rdates naive",
        lambda: Recurrence("FREQ=DAILY", rdates=(dt.datetime(2025, 1, 6),)),
        InvalidTypeError,
        (
            "recurrence.rdates = datetime.datetime(2025, 1, 6, 0, 0): "
            "datetimes must be timezone-aware (naive datetimes are rejected)"
        ),
    ),
    (
        "rule not text",
        lambda: Recurrence(None),
        InvalidTypeError,
        "recurrence.rule = None: must be an RRULE string",
    ),
    (
        "window end naive",
        lambda: expand(
            Recurrence("FREQ=DAILY;COUNT=2"),
            at(6, 9),
            "Asia/Almaty",
            window_end=dt.datetime(2025, 2, 1),
        ),
        InvalidTypeError,
        (
            "window_end = datetime.datetime(2025, 2, 1, 0, 0): "
            "datetimes must be timezone-aware (naive datetimes are rejected)"
        ),
    ),
]


@pytest.mark.parametrize(
    ("call", "error_type", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_error_names_its_field_value_and_rule(call, error_type, message):
    with pytest.raises(CreativeCityError) as info:
        call()
    assert type(info.value) is error_type
    if isinstance(message, re.Pattern):
        assert message.match(str(info.value)), str(info.value)
    else:
        assert str(info.value) == message
    assert str(info.value).startswith(info.value.field + " = ")
    assert str(info.value).endswith(": " + info.value.rule) or info.value.rule in str(info.value)


def test_a_refused_request_or_cancellation_changes_nothing():
    schedule = fresh()
    state = schedule.state()
    for name, call, *_ in CASES:
        if "cancel" in name or "admit" in name or "headcount over" in name:
            with pytest.raises(CreativeCityError) as info:
                call()
            assert info.value.field
            assert info.value.rule
    assert schedule.state() == state


def test_a_bound_of_one_occurrence_is_allowed():
    one = Recurrence("FREQ=DAILY;COUNT=1", max_occurrences=1)
    assert len(expand(one, at(6, 9), "Asia/Almaty")) == 1
