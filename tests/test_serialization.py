"""Strict JSON: round trips for every public type, and bad documents."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.errors import CreativeCityError, InvalidTypeError, ValidationError
from creative_city.money import Currency, ExchangeRates, Money, Rate
from creative_city.serialization import (
    check_bounds,
    from_data,
    from_json,
    loads,
    register_tagged_union,
    to_data,
    to_json,
)
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
    with pytest.raises(CreativeCityError):
        from_json("{}", Money)
    with pytest.raises(ValueError):  # noqa: PT011 - the builtin family is the point
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
    with pytest.raises(InvalidTypeError):
        from_data(["opened"], list[Happening])
