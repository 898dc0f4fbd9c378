"""The generated requests: one case per operation, mostly valid, aimed where rules bite."""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import zoneinfo

import pytest
from hypothesis import Phase, find, given, settings
from hypothesis import strategies as st

from creative_city.conformance import fuzzer
from creative_city.conformance.cases import CASES, Seeded, draw_input, inputs
from creative_city.conformance.cases.base import dst_changes
from creative_city.conformance.cases.invalid import mutate, spots
from creative_city.oracle import evaluate_json, operations

LIBRARY = [sys.executable, "-m", "creative_city", "eval", "--batch", "-"]


def test_every_operation_has_a_case():
    assert sorted(CASES) == sorted(operations())


def seeded(operation, seeds=range(60), *, invalid=False):
    # The documents the fuzzer sends for these request seeds.
    sources = [Seeded(random.Random(s)) for s in seeds]  # noqa: S311 - test data
    return [draw_input(operation, source, invalid=invalid) for source in sources]


@pytest.mark.parametrize("operation", sorted(operations()))
def test_most_generated_requests_are_accepted(operation):
    answers = [
        evaluate_json(json.dumps({"operation": operation, "input": document}))[1]
        for document in seeded(operation)
    ]
    assert sum(answers) >= len(answers) / 3, f"{operation}: {sum(answers)} of {len(answers)}"


@pytest.mark.parametrize("operation", sorted(operations()))
def test_the_cases_are_hypothesis_strategies_too(operation):
    @settings(max_examples=5, database=None, deadline=None)
    @given(inputs(operation))
    def answered(document):
        answer, _ = evaluate_json(json.dumps({"operation": operation, "input": document}))
        assert set(json.loads(answer)) & {"output", "error"}

    answered()


def test_allocations_are_often_ties():
    # Equal remainders: two or more equal positive ratios.
    tied = [
        d for d in seeded("money.allocate") if any(d["ratios"].count(r) > 1 for r in ("1", "2"))
    ]
    assert len(tied) >= 10


def test_pledges_land_on_the_deadline_instant():
    at_deadline = [
        d
        for d in seeded("crowdfunding.replay", range(200))
        if any(
            dt.datetime.fromisoformat(c["at"])
            == dt.datetime.fromisoformat(d["campaign"]["deadline"])
            for c in d["commands"]
            if c["type"] == "make_pledge"
        )
    ]
    assert len(at_deadline) >= 10


def test_bookings_touch_end_to_start():
    touching = [
        d
        for d in seeded("hubs.utilisation", range(100))
        if {r["interval"]["start"] for r in d["requests"]}
        & {r["interval"]["end"] for r in d["requests"]}
    ]
    assert len(touching) >= 10


def test_cash_flows_with_two_roots_are_drawn():
    three = [
        d for d in seeded("fund.xirr") if len(d["flows"]) == 3 and d["flows"][0]["amount"] == "-100"
    ]
    assert len(three) >= 5


def test_one_document_in_five_is_broken():
    valid = seeded("tourism.seasonality", range(200))
    drawn = seeded("tourism.seasonality", range(200), invalid=True)
    broken = sum(a != b for a, b in zip(valid, drawn, strict=True))
    assert 20 <= broken <= 60


def test_the_clock_changes_are_found_in_the_zone_data():
    changes = dst_changes()
    berlin = [(local, gap) for zone, local, _, gap in changes if zone == "Europe/Berlin"]
    assert (dt.datetime(2024, 3, 31, 2, 0), True) in berlin
    assert (dt.datetime(2024, 10, 27, 2, 0), False) in berlin
    for zone, local, minutes, gap in changes:
        aware = local.replace(tzinfo=zoneinfo.ZoneInfo(zone))
        exists = aware.astimezone(dt.UTC).astimezone(aware.tzinfo).replace(tzinfo=None) == local
        assert exists is not gap
        assert minutes in {30, 60}


def test_recurrences_start_the_day_before_a_gap_at_a_time_it_skips():
    document = find(
        inputs("hubs.expand", invalid=False),
        lambda d: d["rule"].startswith("FREQ=DAILY") and d["zone"] == "Europe/Berlin",
        settings=settings(database=None, phases=[Phase.generate, Phase.shrink]),
    )
    start = dt.datetime.fromisoformat(document["start"])
    next_day = (start + dt.timedelta(days=1)).replace(tzinfo=None)
    zone = zoneinfo.ZoneInfo("Europe/Berlin")
    aware = next_day.replace(tzinfo=zone)
    assert aware.astimezone(dt.UTC).astimezone(zone).replace(tzinfo=None) != next_day


def differences(left, right, path=()):
    # The paths where two JSON documents differ (a member one side lacks counts).
    if isinstance(left, dict) and isinstance(right, dict):
        for key in left.keys() | right.keys():
            if key not in left or key not in right:
                yield (*path, key)
            else:
                yield from differences(left[key], right[key], (*path, key))
    elif isinstance(left, list) and isinstance(right, list) and len(left) == len(right):
        for index, (a, b) in enumerate(zip(left, right, strict=True)):
            yield from differences(a, b, (*path, index))
    elif left != right or type(left) is not type(right):
        yield path


@given(st.data())
def test_a_mutation_breaks_exactly_one_place(data):
    document = json.loads(json.dumps(data.draw(inputs("money.convert", invalid=False))))
    path, kind = data.draw(st.sampled_from(spots(document)))
    broken = mutate(document, path, kind, data.draw(st.integers(0, 2)))
    expected = [(*path, "unexpected")] if kind == "extra" else [path]
    assert list(differences(document, broken)) == expected


def test_invalid_documents_get_errors_naming_the_broken_place():
    naive = mutate({"start": "2024-03-30T02:30:00+01:00"}, ("start",), "naive", 0)
    request = {
        "operation": "hubs.expand",
        "input": {**naive, "rule": "FREQ=DAILY;COUNT=2", "zone": "Europe/Berlin"},
    }
    answer = json.loads(evaluate_json(json.dumps(request))[0])
    assert answer["error"]["field"] == "$.input.start"
    money = mutate(
        {"amount": {"amount": "1.00", "currency": "KZT"}}, ("amount", "amount"), "float", 0
    )
    assert money == {"amount": {"amount": 1.0, "currency": "KZT"}}


def floats(value):
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(floats(item) for item in value.values())
    return isinstance(value, list) and any(floats(item) for item in value)


def test_inputs_mix_valid_and_invalid_documents():
    found = find(
        inputs("money.allocate"),
        lambda d: "unexpected" in d or floats(d),
        settings=settings(database=None, max_examples=500),
    )
    assert found


def test_a_failure_of_the_library_itself_is_reported_apart(monkeypatch):
    real = fuzzer.evaluate_json

    def failing(line, *args, **kwargs):
        if '"ratios":["0"' in line:
            message = "a bug of the library"
            raise OverflowError(message)
        return real(line, *args, **kwargs)

    monkeypatch.setattr(fuzzer, "evaluate_json", failing)
    report = fuzzer.fuzz(LIBRARY, operations="money.allocate", examples=40, seed=0)
    (result,) = report.results
    assert report.ok
    assert result.library_failure is not None
    assert result.library_failure.startswith("OverflowError: a bug of the library on ")
    assert "LIBRARY BUG money.allocate" in fuzzer.render(report)


def test_an_operation_without_a_case_is_a_key_error():
    with pytest.raises(KeyError, match=r"no\.such"):
        inputs("no.such")
