"""The JSON Schemas state the bounds the commands enforce, and both agree (issue 14).

For every bound an operation's input states (``minimum``, ``maximum``, ``maxLength``
and a ``maxItems`` other than the parser's general cap), a conformance vector of the
operation is taken with the value at the bound and one past it: the schema accepts
the first and rejects the second, and so does the command (an error at that field).
"""

from __future__ import annotations

import copy

import jsonschema
import pytest

from _vectors import VECTORS
from creative_city.oracle import evaluate, operation_schema, operations
from creative_city.serialization import MAX_ITEMS


def input_bounds():
    for name in operations():
        request = operation_schema(name)["request"]
        reference = request["properties"]["input"].get("$ref", "")
        definition = request["$defs"].get(reference.rpartition("/")[2], {})
        for prop, schema in definition.get("properties", {}).items():
            for keyword in ("minimum", "maximum", "maxLength", "maxItems"):
                if keyword in schema and not (
                    keyword == "maxItems" and schema[keyword] == MAX_ITEMS
                ):
                    yield name, prop, keyword, schema[keyword]


BOUNDS = list(input_bounds())


def test_the_bounds_the_commands_enforce_are_stated():
    stated = {(name, prop, keyword) for name, prop, keyword, _ in BOUNDS}
    assert {
        ("hubs.expand", "max_occurrences", "minimum"),
        ("hubs.expand", "max_occurrences", "maximum"),
        ("crowdfunding.replay", "commands", "maxItems"),
    } <= stated


def at(keyword, bound, base):
    """The value at the bound (inside) and one past it (outside)."""
    if keyword == "minimum":
        return bound, bound - 1
    if keyword == "maximum":
        return bound, bound + 1
    if keyword == "maxLength":
        return "a" * bound, "a" * (bound + 1)
    item = base[-1] if base else None
    return [copy.deepcopy(item) for _ in range(bound)], [
        copy.deepcopy(item) for _ in range(bound + 1)
    ]


@pytest.mark.parametrize(("name", "prop", "keyword", "bound"), BOUNDS)
def test_schema_and_command_agree_on_each_side_of_the_bound(name, prop, keyword, bound):
    vectors = [v for v in VECTORS if v["operation"] == name and "output" in v["expected"]]
    vector = next(v for v in vectors if keyword != "maxItems" or v["input"].get(prop))
    schema = operation_schema(name)["request"]
    inside, outside = at(keyword, bound, vector["input"].get(prop))
    for value, accepted in ((inside, True), (outside, False)):
        request = {"operation": name, "input": {**vector["input"], prop: value}}
        schema_ok = jsonschema.Draft202012Validator(schema).is_valid(request)
        error = evaluate(request).get("error")
        # Rejected for the bound: an error at the field whose rule states the bound (not a
        # later rule about the value, such as "more occurrences than the bound allows").
        command_ok = error is None or not (
            error["field"] == f"$.input.{prop}" and str(bound) in error["rule"]
        )
        assert (schema_ok, command_ok) == (accepted, accepted), (value, error)
