"""The JSON Schemas state the bounds the commands enforce, and both agree (issue 14).

For every bound an operation's request schema states anywhere in its input
(``minimum``, ``maximum``, ``minLength``, ``maxLength``, ``minItems`` and a
``maxItems`` other than the parser's general cap), a conformance vector that reaches
the object holding it is taken with the value at the bound and one past it: the
schema accepts the first and rejects the second, and so does the command (an error at
that field whose rule states the bound).
"""

from __future__ import annotations

import copy
import json

import jsonschema
import pytest

from _vectors import VECTORS
from creative_city.oracle import evaluate, operation_schema
from creative_city.serialization import MAX_ITEMS

KEYWORDS = ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems")


def _bounds(name):
    # (definition, property, keyword, bound) for every stated bound of the request.
    definitions = operation_schema(name)["request"]["$defs"]
    for definition, schema in definitions.items():
        for prop, node in schema.get("properties", {}).items():
            for keyword in KEYWORDS:
                if keyword in node and not (keyword == "maxItems" and node[keyword] == MAX_ITEMS):
                    yield definition.removesuffix(".tagged"), prop, keyword, node[keyword]


def _places(node, data, path, definitions):
    # Every (definition name, path) where *data* is an object of that definition.
    if "$ref" in node:
        name = node["$ref"].rpartition("/")[2]
        if isinstance(data, dict):
            yield name.removesuffix(".tagged"), path
        yield from _places(definitions[name], data, path, definitions)
    elif "anyOf" in node:
        for option in node["anyOf"]:
            check = jsonschema.Draft202012Validator({**option, "$defs": definitions})
            if check.is_valid(data):
                yield from _places(option, data, path, definitions)
                break
    elif isinstance(data, dict):
        for key, value in data.items():
            if key in node.get("properties", {}):
                yield from _places(node["properties"][key], value, (*path, key), definitions)
    elif isinstance(data, list) and "items" in node:
        for index, value in enumerate(data):
            yield from _places(node["items"], value, (*path, index), definitions)


def _cases():
    cases = {}
    for vector in VECTORS:
        if "output" not in vector["expected"]:
            continue
        name = vector["operation"]
        request = operation_schema(name)["request"]
        definitions = request["$defs"]
        node = request["properties"]["input"]
        found = {}
        for definition, path in _places(node, vector["input"], (), definitions):
            found.setdefault(definition, path)
        for definition, prop, keyword, bound in _bounds(name):
            if definition in found and _fits(vector["input"], found[definition], prop, keyword):
                key = (name, definition, prop, keyword)
                cases.setdefault(key, (bound, vector, found[definition]))
    return cases


def _fits(data, path, prop, keyword):
    # A bound on items needs an item to copy.
    for key in path:
        data = data[key]
    return not keyword.endswith("Items") or bool(data.get(prop))


CASES = _cases()


def test_the_bounds_the_commands_enforce_are_stated():
    stated = {(definition, prop, keyword) for _, definition, prop, keyword in CASES}
    assert {
        ("ExpandInput", "max_occurrences", "minimum"),
        ("ExpandInput", "max_occurrences", "maximum"),
        ("ExpandInput", "rule", "maxLength"),
        ("ReplayInput", "commands", "maxItems"),
        ("CampaignDefinition", "title", "maxLength"),
        ("CampaignDefinition", "tiers", "maxItems"),
        ("RewardTier", "title", "maxLength"),
        ("FundTerms", "name", "maxLength"),
        ("FundTerms", "term_years", "maximum"),
        ("ProjectionParameters", "life", "maximum"),
        ("ProjectionParameters", "contribution_rates", "minItems"),
        ("XirrInput", "digits", "maximum"),
        ("BookingRequest", "headcount", "minimum"),
        ("Space", "capacity", "minimum"),
        ("SeasonalityInput", "values", "minItems"),
        ("SeasonalityInput", "places", "maximum"),
    } <= stated


def _values(keyword, bound, base):
    """The value at the bound (inside) and one past it (outside)."""
    if keyword == "minimum":
        return bound, bound - 1
    if keyword == "maximum":
        return bound, bound + 1
    if keyword == "maxLength":
        return "a" * bound, "a" * (bound + 1)
    if keyword == "minLength":
        return "a" * max(bound, 1), "a" * (bound - 1)
    item = min(base, key=lambda one: len(json.dumps(one))) if base else None  # the cheapest
    inside = [copy.deepcopy(item) for _ in range(bound)]
    if keyword == "maxItems":
        return inside, [*inside, copy.deepcopy(item)]
    return inside, inside[:-1]


def _json_path(path):
    return "$.input" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


@pytest.mark.parametrize(("name", "definition", "prop", "keyword"), sorted(CASES), ids=str)
def test_schema_and_command_agree_on_each_side_of_the_bound(name, definition, prop, keyword):
    bound, vector, path = CASES[name, definition, prop, keyword]
    schema = operation_schema(name)["request"]
    holder = vector["input"]
    for key in path:
        holder = holder[key]
    inside, outside = _values(keyword, bound, holder.get(prop))
    field = _json_path((*path, prop))
    for value, accepted in ((inside, True), (outside, False)):
        data = copy.deepcopy(vector["input"])
        target = data
        for key in path:
            target = target[key]
        target[prop] = value
        request = {"operation": name, "input": data}
        schema_ok = jsonschema.Draft202012Validator(schema).is_valid(request)
        error = evaluate(request).get("error")
        # Rejected for the bound: an error at the field whose rule states the bound (not a
        # later rule about the value, such as "more occurrences than the bound allows").
        states = str(bound) in error["rule"] if error else False
        if keyword == "minLength" and bound == 1 and error:
            states = "non-empty" in error["rule"]
        command_ok = error is None or not (error["field"].startswith(field) and states)
        assert (schema_ok, command_ok) == (accepted, accepted), (value, error)
