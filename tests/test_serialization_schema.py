"""JSON Schema of the wire form: what the converter writes, the schema accepts."""

from __future__ import annotations

import datetime as dt
import enum
import typing
from decimal import Decimal

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.money import Currency, ExchangeRates, Money, Rate
from creative_city.schema import json_schema
from creative_city.serialization import MAX_ITEMS, register_tagged_union, to_data
from creative_city.testing import strategies as ccst
from creative_city.time import Interval, Period

PUBLIC_TYPES = [
    (Currency, ccst.currency_objects()),
    (Money, ccst.money()),
    (Rate, ccst.rates()),
    (ExchangeRates, ccst.exchange_rates()),
    (Interval, ccst.intervals()),
    (Period, ccst.periods()),
    (tuple[Money, ...], st.lists(ccst.money(), max_size=3).map(tuple)),
]


@pytest.mark.parametrize(
    ("cls", "strategy"), PUBLIC_TYPES, ids=lambda x: getattr(x, "__name__", str(x))
)
def test_what_the_converter_writes_the_schema_accepts(cls, strategy):
    schema = json_schema(cls)
    jsonschema.Draft202012Validator.check_schema(schema)

    @given(strategy)
    def check(value):
        jsonschema.validate(to_data(value, cls), schema)

    check()


def test_scalars_have_no_definitions():
    assert json_schema(int, title="count") == {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "count",
        "type": "integer",
    }


@pytest.mark.parametrize(
    ("kind", "expected"),
    [
        (type(None), {"type": "null"}),
        (typing.Literal["a", 1], {"enum": ["a", 1]}),
        (int | None, {"anyOf": [{"type": "integer"}, {"type": "null"}]}),
        (list, {"type": "array", "items": {}, "maxItems": MAX_ITEMS}),
        (dict, {"type": "object", "additionalProperties": {}, "maxProperties": MAX_ITEMS}),
        (
            tuple[int, str],
            {
                "type": "array",
                "prefixItems": [{"type": "integer"}, {"type": "string"}],
                "minItems": 2,
                "maxItems": 2,
            },
        ),
        (
            dict[str, bool],
            {
                "type": "object",
                "additionalProperties": {"type": "boolean"},
                "maxProperties": MAX_ITEMS,
            },
        ),
    ],
)
def test_container_and_special_forms(kind, expected):
    schema = json_schema(kind)
    del schema["$schema"]
    assert schema == expected


def test_types_without_a_wire_form_have_no_schema():
    with pytest.raises(TypeError, match="no JSON Schema"):
        json_schema(complex)


@attrs.frozen
class Started:
    at: dt.date
    note: str = ""
    seen: int = attrs.field(init=False, default=0)


@attrs.frozen
class Stopped:
    at: dt.date


class Colour(enum.Enum):
    RED = "red"
    GREEN = "green"


@attrs.frozen
class Pair:
    left: Stopped
    right: Stopped
    colour: Colour


def test_a_class_is_defined_once_and_enums_list_their_values():
    defs = json_schema(Pair)["$defs"]
    assert set(defs) == {"Pair", "Stopped"}
    assert defs["Pair"]["properties"]["right"] == {"$ref": "#/$defs/Stopped"}
    assert defs["Pair"]["properties"]["colour"] == {"enum": ["red", "green"]}


Happened = Started | Stopped
register_tagged_union(Happened, tag="kind")


@attrs.frozen
class Log:
    """A log of events."""

    first: Happened
    rest: tuple[Happened, ...]
    amount: Decimal | None = None


def test_tagged_unions_and_classes():
    schema = json_schema(Log)
    defs = schema["$defs"]
    assert schema["$ref"] == "#/$defs/Log"
    assert defs["Log"]["description"] == "A log of events."
    assert defs["Log"]["required"] == ["first", "rest"]
    assert "description" not in defs["Stopped"]  # no docstring, no description
    assert set(defs["Started"]["properties"]) == {"at", "note"}  # init=False is not wire
    assert defs["Started.tagged"]["required"] == ["kind", "at"]
    assert defs["Started.tagged"]["properties"]["kind"] == {"const": "started"}
    document = {
        "first": {"kind": "started", "at": "2025-01-06", "note": "x"},
        "rest": [{"kind": "stopped", "at": "2025-01-07"}],
        "amount": "1.50",
    }
    jsonschema.validate(document, schema)
    log = Log(Started(dt.date(2025, 1, 6), "x"), (Stopped(dt.date(2025, 1, 7)),), Decimal("1.50"))
    assert to_data(log) == document
    with pytest.raises(jsonschema.ValidationError) as info:
        jsonschema.validate({**document, "rest": [{"kind": "paused"}]}, schema)
    assert list(info.value.absolute_path) == ["rest", 0]
