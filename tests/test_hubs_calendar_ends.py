"""Recurrence at a DST gap and at the ends of the calendar (issue 14)."""

from __future__ import annotations

import copy
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.errors import ValidationError
from creative_city.hubs.recurrence import Recurrence, expand
from creative_city.oracle import evaluate
from creative_city.time import zone

NEW_YORK = zone("America/New_York")


def test_a_nonexistent_local_time_is_not_counted():
    # RFC 5545 section 3.3.10: "Such recurrence instances MUST be ignored and MUST NOT
    # be counted as part of the recurrence set." 2007-03-11 02:30 does not exist there.
    out = expand(
        Recurrence("FREQ=DAILY;COUNT=3"),
        dt.datetime(2007, 3, 10, 2, 30, tzinfo=NEW_YORK),
        "America/New_York",
    )
    assert [o.date().isoformat() for o in out] == ["2007-03-10", "2007-03-12", "2007-03-13"]


@given(st.integers(1, 40), st.sampled_from(["America/New_York", "Europe/Berlin"]))
def test_count_is_the_number_of_occurrences_across_a_gap(count, name):
    # Daily at 02:30 from a week before the spring gap: COUNT occurrences, all existing.
    tz = zone(name)
    start = dt.datetime(2024, 3, 3 if name == "America/New_York" else 24, 2, 30, tzinfo=tz)
    out = expand(Recurrence(f"FREQ=DAILY;COUNT={count}"), start, name)
    assert len(out) == count
    assert all(o.hour == 2 for o in out)


def expand_request(rule, start, zone_name="Asia/Almaty"):
    request = {"rule": rule, "start": start, "zone": zone_name}
    return evaluate({"operation": "hubs.expand", "input": request})


@pytest.mark.parametrize(
    ("rule", "start", "zone_name"),
    [
        ("FREQ=DAILY;COUNT=3", "9999-12-31T10:00:00+05:00", "Asia/Almaty"),
        ("FREQ=DAILY;COUNT=3", "0001-01-01T00:00:00+05:00", "Asia/Almaty"),
        ("FREQ=DAILY;COUNT=3", "9999-12-31T23:00:00-05:00", "America/New_York"),
        ("FREQ=YEARLY", "9990-01-01T10:00:00+05:00", "Asia/Almaty"),
    ],
)
def test_the_calendar_ends_is_said_not_overflowed_or_truncated(rule, start, zone_name):
    answer = expand_request(rule, start, zone_name)
    error = answer["error"]
    assert error["type"] == "ValidationError"
    assert "the calendar ends at 9999-12-31" in error["rule"]
    assert "datetime.datetime" not in error["message"]


def test_until_at_the_last_day_of_the_calendar():
    answer = expand_request("FREQ=DAILY;UNTIL=99991231T000000Z", "9999-12-29T10:00:00+05:00")
    assert answer["output"]["occurrences"] == [
        "9999-12-29T10:00:00+05:00",
        "9999-12-30T10:00:00+05:00",
    ]


def test_a_start_at_the_first_day_that_fits_in_utc():
    answer = expand_request("FREQ=DAILY;COUNT=2", "0001-01-01T10:00:00+05:00")
    assert answer["output"]["occurrences"][0].startswith("0001-01-01T")


def test_library_error_for_an_instant_past_the_end():
    with pytest.raises(
        ValidationError,
        match=r"^recurrence.rule = '<1 occurrences by 9999-12-31>': the calendar ends at 9999",
    ):
        expand(
            Recurrence("FREQ=DAILY;COUNT=3"),
            dt.datetime(9999, 12, 31, tzinfo=dt.UTC),
            "UTC",
        )


def vector_input(operation):
    from _vectors import VECTORS  # noqa: PLC0415

    return next(
        copy.deepcopy(v["input"])
        for v in VECTORS
        if v["operation"] == operation and "output" in v["expected"]
    )


def test_a_utilisation_period_of_0001_01():
    data = vector_input("hubs.utilisation")
    data["period"] = "0001-01"
    error = evaluate({"operation": "hubs.utilisation", "input": data})["error"]
    assert error["field"] == "$.input.period"
    assert "the calendar starts at 0001-01-01" in error["rule"]


def test_an_availability_window_from_0001_to_9999():
    data = vector_input("hubs.availability")
    data["window"] = {"start": "0001-01-01T00:00:00+00:00", "end": "9999-12-31T00:00:00+00:00"}
    answer = evaluate({"operation": "hubs.availability", "input": data})
    assert "the calendar ends at 9999-12-31" in answer["error"]["rule"]


def test_a_kpi_due_9999_12_31():
    data = vector_input("tourism.kpi_status")
    data["kpi"]["due"] = "9999-12-31"
    answer = evaluate({"operation": "tourism.kpi_status", "input": data})
    assert answer["error"]["type"] == "ValidationError"
    assert "the calendar ends at 9999-12-31" in answer["error"]["rule"]
