"""Every argument of the tourism indicators is checked, and its error names it exactly.

The reference is the function's own signature: a bad value given for parameter ``p``
(or for element 1 of a list ``p``) raises an error whose ``field`` is ``p`` (or
``p[1]``), whose ``value`` is the value given, and whose ``rule`` is the one rule for
that kind of value (design rules, Core: errors name field, value and rule). The
property tests below draw which argument is bad and how; the zero-base and boundary
examples pin the rules one value at a time.
"""

from __future__ import annotations

import inspect
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from creative_city.errors import (
    CreativeCityError,
    InvalidTypeError,
    UndefinedResultError,
    ValidationError,
)
from creative_city.money import Money
from creative_city.tourism.indicators import (
    adr,
    alos,
    cagr,
    capacity_gap,
    chain_link,
    compound_value,
    gross_bed_place_occupancy,
    growth_multiple,
    index_series,
    multiple_to_percent_change,
    net_bed_place_occupancy,
    percent_change,
    percent_change_to_multiple,
    percentage_points,
    rebase,
    revpar,
    room_occupancy,
    share,
    tourism_intensity,
    trend_growth,
)
from creative_city.tourism.indicators.arithmetic import MAX_PLACES, places, positive_days, quantum

D = Decimal
KZT = Money.of(100, "KZT")

# Valid arguments for each function; every numeric one is then replaced by bad values.
GOOD = {
    growth_multiple: {"current": 28, "previous": 10},
    percent_change: {"current": 28, "previous": 10},
    multiple_to_percent_change: {"multiple": D("2.8")},
    percent_change_to_multiple: {"percent": 180},
    cagr: {"start": 100, "end": 121, "years": 2},
    compound_value: {"start": 100, "rate": D("0.1"), "years": 2},
    alos: {"nights": 30, "arrivals": 10},
    gross_bed_place_occupancy: {"nights": 30, "bed_places": 2, "days": 30},
    net_bed_place_occupancy: {"nights": 30, "bed_days_available": 60},
    room_occupancy: {"rooms_sold": 3, "rooms_available": 7},
    adr: {"revenue": KZT, "rooms_sold": 3},
    revpar: {"revenue": KZT, "rooms_available": 7},
    tourism_intensity: {"nights": 30, "population": 2000},
    capacity_gap: {
        "projected_nights": 3000,
        "target_occupancy": 75,
        "days": 30,
        "available_bed_places": 10,
    },
    share: {"part": 1, "whole": 4},
    percentage_points: {"new_percent": 5, "old_percent": 3},
    chain_link: {"links": [D("1.1"), D("0.9")], "base": 100},
    index_series: {"values": [50, 100, 150], "base_position": 0, "base": 100},
    rebase: {"index": [50, 100, 150], "base_position": 1, "base": 100},
    trend_growth: {"values": [100, 110, 121], "times": [0, 1, 2]},
}
# Parameters that are not a plain number (their own rules are pinned below).
OTHER = {"days", "base_position", "available_bed_places", "revenue"}
# Numbers that may be negative: rates, percentages and the index base.
SIGNED = {
    (percent_change_to_multiple, "percent"),
    (compound_value, "rate"),
    (percentage_points, "new_percent"),
    (percentage_points, "old_percent"),
    (multiple_to_percent_change, "multiple"),
    (trend_growth, "times"),
    (index_series, "base"),
    (rebase, "base"),
    (chain_link, "base"),
    (compound_value, "years"),
    (cagr, "years"),
}
NUMBERS = [
    (function, name)
    for function, arguments in GOOD.items()
    for name in inspect.signature(function).parameters
    if name in arguments and name not in OTHER
]
BAD_TYPES = [
    (2.5, InvalidTypeError, "must be int or Decimal, never float (inexact)"),
    ("3", InvalidTypeError, "must be int or Decimal"),
    (True, InvalidTypeError, "must be int or Decimal"),
    (None, InvalidTypeError, "must be int or Decimal"),
    (D("NaN"), ValidationError, "must be finite (NaN and Infinity are rejected)"),
    (D("-Infinity"), ValidationError, "must be finite (NaN and Infinity are rejected)"),
]


def _call(function, name, bad):
    arguments = dict(GOOD[function])
    if isinstance(arguments[name], list):  # element 1 of a list is the bad one
        arguments[name] = [arguments[name][0], bad, *arguments[name][2:]]
        field = f"{name}[1]"
    else:
        arguments[name] = bad
        field = name
    try:
        function(**arguments)
    except CreativeCityError as error:
        return error, field
    pytest.fail(f"{function.__name__}({name}={bad!r}) was accepted")


def test_the_good_arguments_are_good():
    for function, arguments in GOOD.items():
        function(**arguments)


@given(st.sampled_from(NUMBERS), st.sampled_from(BAD_TYPES))
@example(NUMBERS[0], BAD_TYPES[0])
def test_a_bad_number_is_named_by_its_parameter(number, bad):
    function, name = number
    value, error_type, rule = bad
    error, field = _call(function, name, value)
    assert type(error) is error_type
    assert (error.field, error.rule) == (field, rule)
    assert str(error.value) == str(value)  # the value given (NaN equals nothing)
    assert str(error).startswith(f"{field} = ")


@pytest.mark.parametrize(
    "number", [n for n in NUMBERS if n not in SIGNED], ids=lambda n: f"{n[0].__name__}-{n[1]}"
)
def test_a_negative_count_is_named_by_its_parameter(number):
    function, name = number
    error, field = _call(function, name, -1)
    assert type(error) is ValidationError
    assert (error.field, error.value, error.rule) == (
        field,
        -1,
        "must be >= 0 (tourism counts are never negative)",
    )
    assert (
        str(error) == f"{field} = Decimal('-1'): must be >= 0 (tourism counts are never negative)"
    )


@pytest.mark.parametrize(
    ("call", "field", "what"),
    [
        (lambda: growth_multiple(5, 0), "previous", "a growth multiple (current / previous)"),
        (lambda: percent_change(5, 0), "previous", "a growth multiple (current / previous)"),
        (lambda: cagr(0, 5, 2), "start", "a growth rate from it"),
        (lambda: alos(5, 0), "arrivals", "an average length of stay"),
        (lambda: gross_bed_place_occupancy(5, 0, 30), "bed_places", "an occupancy rate"),
        (lambda: net_bed_place_occupancy(5, 0), "bed_days_available", "a net occupancy rate"),
        (lambda: room_occupancy(1, 0), "rooms_available", "a room occupancy rate"),
        (lambda: adr(KZT, 0), "rooms_sold", "an average daily rate"),
        (lambda: revpar(KZT, 0), "rooms_available", "a revenue per room"),
        (lambda: tourism_intensity(5, 0), "population", "a tourism intensity"),
        (lambda: share(1, 0), "whole", "a share of it"),
        (lambda: capacity_gap(5, 0, 30, 1), "target_occupancy", "a bed-place need"),
        (lambda: index_series([0, 1], 0), "values[0]", "an index on it"),
        (lambda: rebase([1, 0], 1), "index[1]", "an index on it"),
        (lambda: trend_growth([1, 0, 2]), "values[1]", "its logarithm (log-linear trend)"),
    ],
)
def test_a_zero_base_says_what_does_not_exist(call, field, what):
    with pytest.raises(UndefinedResultError) as caught:
        call()
    assert (caught.value.field, caught.value.value) == (field, 0)
    assert caught.value.rule == f"is zero, so {what} does not exist"


@given(st.integers(-3, MAX_PLACES + 3) | st.sampled_from([True, False, D(3), 3.0, "3"]))
@example(MAX_PLACES)
@example(MAX_PLACES + 1)
@example(0)
@example(-1)
@example(True)
@example(D(3))
def test_places_are_an_int_from_0_to_30(value):
    if type(value) is int and 0 <= value <= MAX_PLACES:
        assert places(value) == value
        assert quantum(value) == D(1).scaleb(-value)
        assert quantum(value).as_tuple().exponent == -value
        return
    with pytest.raises(ValidationError) as caught:
        places(value)
    assert (caught.value.field, caught.value.rule) == ("places", "must be an int from 0 to 30")
    assert caught.value.value is value


@given(st.integers(-3, 3) | st.sampled_from([True, D(30), 30.0, "30"]))
@example(0)
@example(1)
@example(True)
@example(D(30))
def test_days_are_an_int_above_zero(value):
    if type(value) is int and value > 0:
        assert positive_days(value) == value
        return
    with pytest.raises(ValidationError) as caught:
        positive_days(value)
    assert (caught.value.field, caught.value.rule) == ("days", "must be an int > 0")
    assert caught.value.value is value
    with pytest.raises(ValidationError) as caught:
        gross_bed_place_occupancy(30, 2, value)
    assert (caught.value.field, caught.value.value) == ("days", value)
    assert caught.value.rule == "must be an int > 0"
    with pytest.raises(ValidationError, match=r"^days = .*: must be an int > 0$"):
        capacity_gap(3000, 75, value, 10)
