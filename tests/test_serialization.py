"""Strict JSON: round trips for every public type, and bad documents."""

from __future__ import annotations

import collections.abc
import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from cattrs.errors import IterableValidationError
from hypothesis import given
from hypothesis import strategies as st

from creative_city.errors import CreativeCityError, InvalidTypeError, ValidationError
from creative_city.money import Currency, ExchangeRates, Money, Rate
from creative_city.serialization import (
    check_bounds,
    from_data,
    from_json,
    loads,
    register_hooks,
    register_tagged_union,
    tagged_union_tag,
    to_data,
    to_json,
)
from creative_city.serialization.paths import library_error
from creative_city.testing import strategies as ccst
from creative_city.time import Interval, Period

PUBLIC_TYPES = [
    (Currency, ccst.currency_objects()),
    (Money, ccst.money()),
    (Rate, ccst.rates()),
    (ExchangeRates, ccst.exchange_rates()),
    (Interval, ccst.intervals()),
    (Period, ccst.periods()),
]


@pytest.mark.parametrize(
    ("cls", "strategy"), PUBLIC_TYPES, ids=lambda x: getattr(x, "__name__", "")
)
def test_every_public_type_round_trips(cls, strategy):
    @given(strategy)
    def check(value):
        text = to_json(value)
        assert from_json(text, cls) == value
        assert to_json(from_json(text, cls)) == text  # canonical: same bytes again

    check()


@given(
    st.decimals(
        allow_nan=False, allow_infinity=False, places=4, min_value=-(10**20), max_value=10**20
    )
)
def test_decimals_travel_as_plain_strings(value):
    text = to_data(value)
    assert isinstance(text, str)
    assert "E" not in text
    assert "e" not in text
    assert from_data(text, Decimal) == value


@given(st.fractions())
def test_fractions_round_trip(value):
    assert from_data(to_data(value), Fraction) == value


@given(
    st.timedeltas(min_value=dt.timedelta(days=-1000), max_value=dt.timedelta(days=1000)).map(
        lambda d: dt.timedelta(days=d.days, seconds=d.seconds)
    )
)
def test_durations_round_trip(value):
    assert from_data(to_data(value), dt.timedelta) == value


def test_wire_forms():
    assert to_json(Money.of("100", "KZT")) == '{"amount":"100.00","currency":"KZT"}'
    assert to_data(Period.half(2022, 1)) == "2022-H1"
    assert to_data(dt.timedelta(hours=1, minutes=30)) == "PT1H30M"
    assert to_data(dt.timedelta(days=2)) == "P2D"
    assert to_data(dt.timedelta(0)) == "PT0S"
    assert to_data(Fraction(1, 3)) == "1/3"
    interval = Interval(
        dt.datetime(2025, 1, 6, 10, tzinfo=dt.timezone(dt.timedelta(hours=5))),
        dt.datetime(2025, 1, 6, 11, tzinfo=dt.UTC),
    )
    assert to_data(interval) == {
        "start": "2025-01-06T05:00:00+00:00",
        "end": "2025-01-06T11:00:00+00:00",
    }


@pytest.mark.parametrize(
    ("text", "cls", "path", "error"),
    [
        ('{"amount": 1.5, "currency": "USD"}', Money, "$.amount", InvalidTypeError),
        ('{"amount": "1.005", "currency": "USD"}', Money, "$.amount", ValidationError),
        ('{"amount": "1", "currency": "XXY"}', Money, "$.currency", ValidationError),
        ('{"amount": "1", "currency": "USD", "memo": 1}', Money, "$.memo", ValidationError),
        ('{"amount": "1"}', Money, "$.currency", ValidationError),
        ('{"amount": true, "currency": "USD"}', Money, "$.amount", InvalidTypeError),
        (
            '{"start": "2025-01-01T00:00:00", "end": "2025-01-02T00:00:00Z"}',
            Interval,
            "$.start",
            ValidationError,
        ),
        (
            '{"start": "2025-01-02T00:00:00Z", "end": "2025-01-01T00:00:00Z"}',
            Interval,
            "$.end",
            ValidationError,
        ),
        (
            '{"start": "2025-01-01T00:00:00Z", "end": "2025-01-02T00:00:00Z", "x": 1}',
            Interval,
            "$.x",
            ValidationError,
        ),
        ('"2022-H3"', Period, "$", ValidationError),
        ('"2022-13"', Period, "$", ValidationError),
        (
            (
                '{"rates": [{"on": "2024-01-01", "base": "USD", "quote": "KZT", "rate": "450", '
                '"src": 1}]}'
            ),
            ExchangeRates,
            "$.rates[0].src",
            ValidationError,
        ),
        (
            '{"rates": [{"on": "2024-01-01", "base": "USD", "quote": "KZT", "rate": "-4"}]}',
            ExchangeRates,
            "$.rates[0].rate",
            ValidationError,
        ),
        (
            '{"rates": [{"on": "2024-02-30", "base": "USD", "quote": "KZT", "rate": "4"}]}',
            ExchangeRates,
            "$.rates[0].on",
            ValidationError,
        ),
        ('{"rates": "none"}', ExchangeRates, "$.rates", InvalidTypeError),
        (
            '{"numeric": "398", "code": "KZT", "minor_units": 2, "name": ""}',
            Currency,
            "$",
            InvalidTypeError,
        ),
    ],
)
def test_bad_documents_name_the_path(text, cls, path, error):
    with pytest.raises(error) as info:
        from_json(text, cls)
    assert info.value.field == path


@attrs.frozen
class Tier:
    limit: int
    names: tuple[str, ...] = ()


@pytest.mark.parametrize(
    ("data", "path"),
    [
        ({"limit": "3"}, "$.limit"),
        ({"limit": True}, "$.limit"),
        ({"limit": 3.0}, "$.limit"),
        ({"limit": 3, "names": "abc"}, "$.names"),
        ({"limit": 3, "names": ["a", 1]}, "$.names[1]"),
        ([{"limit": 1}, {"limit": -0.5}], "$[1].limit"),
    ],
)
def test_scalars_do_not_coerce(data, path):
    cls = list[Tier] if isinstance(data, list) else Tier
    with pytest.raises(InvalidTypeError) as info:
        from_data(data, cls)
    assert info.value.field == path


@attrs.frozen
class Shelf:
    tier: Tier
    tiers: tuple[Tier, ...]
    label: str


def _shelf_data(tiers: int) -> dict[str, object]:
    return {
        "tier": {"limit": 1, "names": ["a"]},
        "tiers": [{"limit": i} for i in range(tiers)],
        "label": "x",
    }


@given(st.integers(0, 4), st.data())
def test_a_missing_key_is_named_once_at_its_path(tiers, data):
    """Drop one required key anywhere in a nested document: the error's field is that
    key's JSON path, exactly (the key is not repeated, nothing is appended)."""
    document = _shelf_data(tiers)
    places = [("$", document, key) for key in ("tier", "tiers", "label")]
    places.append(("$.tier", document["tier"], "limit"))
    places += [(f"$.tiers[{i}]", row, "limit") for i, row in enumerate(document["tiers"])]
    parent_path, parent, key = data.draw(st.sampled_from(places))
    del parent[key]
    with pytest.raises(ValidationError) as info:
        from_data(document, Shelf)
    assert info.value.field == f"{parent_path}.{key}"
    assert info.value.rule == "is required"


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ("[1, 2", "not valid JSON"),
        ('{"a": NaN}', "NaN"),
        ('{"a": Infinity}', "NaN"),
        ('{"a": 1, "a": 2}', "duplicate key"),
        ("[" * 100 + "]" * 100, "deeper"),
        (b"\xff\xfe", "not valid JSON"),
    ],
)
def test_malformed_json_is_rejected(text, fragment):
    with pytest.raises(ValidationError, match=fragment):
        loads(text)


def test_size_bounds():
    with pytest.raises(ValidationError, match="at most 10 bytes"):
        loads("[" + "1," * 10 + "1]", max_bytes=10)
    with pytest.raises(ValidationError, match="more than 3 items") as info:
        loads('{"a": [[1, 2, 3, 4]]}', max_items=3)
    assert info.value.field == "$.a[0]"
    with pytest.raises(ValidationError, match="deeper than 2"):
        check_bounds([[[1]]], max_depth=2)


def test_errors_are_library_errors_and_value_errors():
    with pytest.raises(CreativeCityError, match=r"^\$\.amount = None: is required in money$"):
        from_json("{}", Money)
    with pytest.raises(ValueError, match=r"^\$\.amount = None: is required"):
        from_json("{}", Money)


@attrs.frozen
class Opened:
    at: dt.date


@attrs.frozen
class Closed:
    at: dt.date
    reason: str = ""


Happening = Opened | Closed
register_tagged_union(Happening)


def test_tagged_unions_round_trip_and_name_bad_tags():
    events = [Opened(dt.date(2025, 1, 6)), Closed(dt.date(2025, 2, 1), "done")]
    data = to_data(events, list[Happening])
    assert data == [
        {"type": "opened", "at": "2025-01-06"},
        {"type": "closed", "at": "2025-02-01", "reason": "done"},
    ]
    assert from_data(data, list[Happening]) == events
    with pytest.raises(ValidationError, match="closed, opened") as info:
        from_data([{"type": "paused", "at": "2025-01-06"}], list[Happening])
    assert info.value.field == "$[0].type"
    with pytest.raises(ValidationError) as info:
        from_data([{"type": "closed", "at": "2025-01-06", "extra": 1}], list[Happening])
    assert info.value.field == "$[0].extra"
    with pytest.raises(InvalidTypeError, match=r"^\$\[0\] = 'opened': must be a JSON object with"):
        from_data(["opened"], list[Happening])


# -- scalars: each wire form and each way to get it wrong -------------------------


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        ("12.50", Decimal, Decimal("12.50")),
        (7, Decimal, Decimal(7)),
        (3, Fraction, Fraction(3)),
        ("-2/6", Fraction, Fraction(-1, 3)),
        ("0.25", Fraction, Fraction(1, 4)),
        ("2025-01-06T10:00Z", dt.datetime, dt.datetime(2025, 1, 6, 10, tzinfo=dt.UTC)),
        ("2025-01-06", dt.date, dt.date(2025, 1, 6)),
        ("09:30", dt.time, dt.time(9, 30)),
        ("-P1DT2H", dt.timedelta, -dt.timedelta(days=1, hours=2)),
        ("PT90S", dt.timedelta, dt.timedelta(seconds=90)),
        (1, float, 1.0),
        (2.5, float, 2.5),
        (False, bool, False),
        ("KZT", Currency, Currency("KZT", 398, 2, "Tenge")),
        ("2022-Q3", Period, Period.quarter(2022, 3)),
    ],
)
def test_scalar_wire_forms_are_read(data, kind, expected):
    assert from_data(data, kind) == expected


@pytest.mark.parametrize(
    ("data", "kind", "error", "rule"),
    [
        (None, Decimal, InvalidTypeError, "decimal string"),
        (1.5, Decimal, InvalidTypeError, "never floats"),
        (True, Decimal, InvalidTypeError, "decimal string"),
        ("1e3", Decimal, ValidationError, "plain decimal"),
        (1.5, Fraction, InvalidTypeError, "fraction string"),
        ("1/x", Fraction, ValidationError, "plain decimal"),
        ("2025-02-30T10:00:00+05:00", dt.datetime, ValidationError, "not a valid datetime"),
        (20250106, dt.datetime, ValidationError, "with an offset"),
        ("2025-02-30", dt.date, ValidationError, "not a valid calendar date"),
        ("06.01.2025", dt.date, ValidationError, "YYYY-MM-DD"),
        ("25:00", dt.time, ValidationError, "not a valid time of day"),
        ("9:30", dt.time, ValidationError, "HH:MM"),
        ("P", dt.timedelta, ValidationError, "ISO 8601 duration"),
        ("PT", dt.timedelta, ValidationError, "ISO 8601 duration"),
        ("P1DT", dt.timedelta, ValidationError, "ISO 8601 duration"),
        (60, dt.timedelta, ValidationError, "ISO 8601 duration"),
        ("P99999999D", dt.timedelta, ValidationError, "ISO 8601 duration"),
        ("1", float, InvalidTypeError, "JSON number"),
        (True, float, InvalidTypeError, "JSON number"),
        (1, bool, InvalidTypeError, "true or false"),
        (1, str, InvalidTypeError, "JSON string"),
        (398, Currency, InvalidTypeError, "ISO 4217 code string"),
        ("ZZZ", Currency, ValidationError, "not a known ISO 4217 code"),
        (2022, Period, InvalidTypeError, "period label"),
        ("2022-H3", Period, ValidationError, "H1"),
        ([1], Money, InvalidTypeError, '"amount"'),
        ({"amount": "1", "currency": 398}, Money, InvalidTypeError, "ISO 4217 code string"),
        ({"currency": "KZT"}, Money, ValidationError, "required in money"),
    ],
)
def test_scalar_errors_say_the_rule_at_the_value(data, kind, error, rule):
    with pytest.raises(error, match=rule) as info:
        from_data({"x": data}, dict[str, kind])
    assert type(info.value) is error
    assert info.value.field.startswith("$.x")


def test_durations_are_whole_seconds_on_the_wire():
    with pytest.raises(ValidationError, match="whole seconds"):
        to_data(dt.timedelta(milliseconds=1))
    assert to_data(-dt.timedelta(days=1, seconds=61)) == "-P1DT1M1S"
    longest = "P9999999DT999999999H999999999M999999999999S"
    assert from_data(longest, dt.timedelta) > dt.timedelta(days=60_000_000)
    assert to_data(dt.time(9, 30)) == "09:30:00"
    assert to_data(Currency("KZT", 398, 2, "Tenge")) == "KZT"


# -- arrays and objects: the JSON type first, then cattrs' own hooks -------------


@pytest.mark.parametrize(
    ("data", "kind", "expected"),
    [
        ([1, 2], list[int], [1, 2]),
        ([1, 2], tuple[int, ...], (1, 2)),
        ([1, "a"], tuple[int, str], (1, "a")),
        (["a"], collections.abc.Sequence[str], ("a",)),
        (["a"], collections.abc.MutableSequence[str], ["a"]),
        ([1, 1, 2], frozenset[int], frozenset({1, 2})),
        ([1, 2], set[int], {1, 2}),
        ([1, 2], collections.abc.Set[int], frozenset({1, 2})),
        ([1, "a"], list, [1, "a"]),
        ({"a": 1}, dict[str, int], {"a": 1}),
        ({"a": {"b": "1.5"}}, collections.abc.Mapping[str, dict[str, Decimal]], {"a": {"b": 1.5}}),
        ({"a": [1]}, dict, {"a": [1]}),
        (None, tuple[int, ...] | None, None),
    ],
)
def test_containers_are_read(data, kind, expected):
    result = from_data(data, kind)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    ("data", "kind", "path", "rule"),
    [
        ("ab", list[str], "$", "must be a JSON array"),
        ({"a": 1}, tuple[int, ...], "$", "must be a JSON array"),
        ("ab", frozenset[str], "$", "must be a JSON array"),
        ((1, 2), list[int], "$", "must be a JSON array"),
        ([1, 2, 3], tuple[int, int], "$", "exactly 2 items"),
        ([1], tuple[int, int], "$", "exactly 2 items"),
        ([1, "2"], tuple[int, int], "$[1]", "JSON integer"),
        ([1, "2"], set[int], "$[1]", "JSON integer"),
        ([[1], [2, "x"]], list[list[int]], "$[1][1]", "JSON integer"),
        ([1], dict[str, int], "$", "must be a JSON object"),
        ({"a": 1, "b": "2"}, dict[str, int], "$.b", "JSON integer"),
        ({"a": {"b": [1, None]}}, dict[str, dict[str, list[int]]], "$.a.b[1]", "JSON integer"),
        (["x"], tuple[int, ...] | None, "$[0]", "JSON integer"),
    ],
)
def test_container_errors_name_the_path(data, kind, path, rule):
    with pytest.raises(InvalidTypeError, match=rule) as info:
        from_data(data, kind)
    assert info.value.field == path


class NoWireForm:
    pass


@attrs.frozen
class Holder:
    thing: NoWireForm


@attrs.frozen
class Positive:
    n: int = attrs.field(validator=attrs.validators.gt(0))


def test_other_failures_become_library_errors():
    with pytest.raises(InvalidTypeError, match="has no JSON form") as info:
        from_data({"thing": 1}, Holder)  # found when the class's hook is made
    assert info.value.field == "$"
    with pytest.raises(ValidationError, match="is invalid") as info:
        from_data({"n": 0}, Positive)
    assert info.value.field == "$"
    with pytest.raises(InvalidTypeError, match=r"must be a JSON object$") as info:
        from_data([1], Positive)  # not "<'list' object has no attribute 'keys'>"
    assert info.value.field == "$"
    with pytest.raises(InvalidTypeError, match=r"must be a JSON object$") as info:
        from_data(True, Tier)
    assert info.value.field == "$"
    with pytest.raises(ValidationError, match="is not a known field") as info:
        from_data({"n": 1, "b": 2, "a": 3}, Positive)
    assert info.value.field == "$.a"  # the first unknown key, in sorted order


def test_library_error_takes_the_first_error_of_a_plain_group():
    group = ExceptionGroup("two", [ValueError("first"), KeyError("second")])
    error = library_error(group, "$.x")
    assert (type(error), error.field, error.value) == (ValidationError, "$.x", "<first>")


def test_documents_are_text():
    with pytest.raises(InvalidTypeError, match="str or bytes"):
        loads({"a": 1})  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="deeper than 64"):
        loads("[" * 100_000 + "]" * 100_000, max_bytes=10**6)
    assert loads(b'{"a": "\xc3\xa9"}') == {"a": "\u00e9"}


def test_library_error_of_a_group_without_notes_stays_at_the_path():
    group = IterableValidationError("no notes", [ValueError("v")], list)
    error = library_error(group, "$.x")
    assert (error.field, error.value) == ("$.x", "<v>")


class Code:
    def __init__(self, text: str) -> None:
        self.text = text

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Code) and other.text == self.text

    __hash__ = None  # type: ignore[assignment]


class Label:
    def __init__(self, text: str) -> None:
        self.text = text


def test_register_hooks_one_way_or_both():
    register_hooks(Code, structure=lambda data, _: Code(data))
    assert from_data("a1", Code) == Code("a1")
    register_hooks(Label, unstructure=lambda label: label.text)
    assert to_data(Label("b2")) == "b2"


def test_tagged_union_tags():
    assert tagged_union_tag(Happening) == "type"
    assert tagged_union_tag(Opened | None) is None
    with pytest.raises(InvalidTypeError, match="not a member"):
        to_data([Tier(1)], list[Happening])
