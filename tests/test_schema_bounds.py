"""The JSON Schemas state the bounds the commands enforce, and both agree (issue 14).

For every bound a schema states (``minimum``, ``maximum``, ``minLength``,
``maxLength``, ``minItems``, a ``maxItems`` other than the parser's general cap, and a
decimal's range, stated as a pattern with the range in words), a document that reaches
the object holding it is taken with the value at the bound and one past it: the schema
accepts the first and rejects the second, and so does the command (an error at that
field whose rule states the bound). The documents are the conformance vectors for the
oracle operations' requests, and a few scenario specs for ``creative-city sweep``.

An id names one thing everywhere (a campaign in its definition and in every command),
so an id's value is changed at every place it names that thing; refused, the document
gets its error at one of those places (the first one checked).
"""

from __future__ import annotations

import copy
import decimal
import json
import pathlib
import re
import unicodedata
from decimal import Decimal
from typing import NamedTuple

import attrs
import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from _vectors import VECTORS
from creative_city.errors import CreativeCityError
from creative_city.funding.crowdfunding.definitions import ID_SCHEMA
from creative_city.money import get_currency
from creative_city.money.decimals import MAX_FRACTION_DIGITS
from creative_city.operation import SCHEMA_KEY
from creative_city.oracle import evaluate, operation_schema, operations
from creative_city.scenarios import ScenarioSpec
from creative_city.schema import decimal_bounds, json_schema, spec_schema
from creative_city.serialization import MAX_ITEMS

KEYWORDS = ("minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems")
ID_PATTERN = ID_SCHEMA["pattern"]
STEP = Decimal(1).scaleb(-MAX_FRACTION_DIGITS)  # the finest difference a decimal can state
EXACT = decimal.Context(prec=100)
SWEEPS = pathlib.Path(__file__).resolve().parent.parent / "examples" / "sweeps"


class Subject(NamedTuple):
    """What a schema describes: its documents, how to validate one and how to run one."""

    name: str
    root: dict  # the schema node of a document
    definitions: dict
    prefix: str  # the JSON path of a document in error fields
    documents: list
    valid: object  # document -> the schema accepts it
    error: object  # document -> the command's error (field, rule) or None


def _with_optional_parts(name, inputs):
    """The vectors' inputs, and one with the optional parts they leave out (so that each
    bound those parts state is checked): explicit tolerances, rollout targets with an
    area cap, a campaign's pledge minimum and cap."""
    extra = copy.deepcopy(inputs[0]) if inputs else None
    if name == "tourism.kpi_status":
        tolerances = {"at_risk": "5", "off_track": "15", "confidence": ["1", "1.25", "1.5", "2"]}
        extra["kpi"]["tolerances"] = tolerances
    elif name == "hubs.rollout_status":
        requirement = {"kinds": ["it-hub"], "count": 1, "max_area": "15000"}
        target = {"id": "it", "description": "an IT hub", "due_year": 2030, "source": "-"}
        extra["plan"]["targets"] = [{**target, "requirements": [requirement]}]
    elif name == "crowdfunding.replay":
        goal = extra["campaign"]["goal"]
        extra["campaign"]["minimum_pledge"] = {**goal, "amount": "0.01"}
        extra["campaign"]["per_backer_cap"] = {**goal}  # not the same object
    else:
        return inputs
    return [*inputs, extra]


def _operation(name):
    request = operation_schema(name)["request"]
    validator = jsonschema.Draft202012Validator(request)
    inputs = [v["input"] for v in VECTORS if v["operation"] == name and "output" in v["expected"]]
    return Subject(
        name,
        request["properties"]["input"],
        request["$defs"],
        "$.input",
        _with_optional_parts(name, inputs),
        lambda data: validator.is_valid({"operation": name, "input": data}),
        lambda data: evaluate({"operation": name, "input": data}).get("error"),
    )


def _spec_error(data):
    try:
        ScenarioSpec.from_json(json.dumps(data))
    except CreativeCityError as error:
        return {"field": error.field, "rule": error.rule}
    return None


def _example(name):
    return json.loads((SWEEPS / f"{name}.json").read_text())


def _fund(**parameters):
    document = _example("venture-fund-dpi-by-year-10")
    document["model"]["targets"] = [{"metric": "dpi", "year": 1, "at_least": "0.5"}]
    document["model"]["resolution"] = "0.01"
    document["parameters"] = parameters
    return document


def _specs():
    """Specs that reach every model and form, with whole bounds (so places may be 0)."""
    kpi = _example("services-exports-2030")
    kpi["model"].update(places=4, tolerances={"at_risk": "5", "confidence": ["0", "1", "2", "3"]})
    listed = _example("hubs-open-by-2027")
    del listed["model"]["pipeline"]
    listed["model"]["hubs"] = [{"id": "h1", "kind": "it-hub", "planned_opening": "2026-01-01"}]
    listed["parameters"] = {
        "delay_days": {"type": "uniform", "low": "0", "high": "90", "places": 0}
    }
    return [
        _fund(
            growth={"type": "uniform", "low": "0", "high": "1", "places": 2},
            bow={
                "type": "lognormal",
                "mu": "0",
                "sigma": "1",
                "low": "0",
                "high": "100",
                "places": 2,
            },
            distribution_yield={"type": "empirical", "values": ["0", "0.05"]},
        ),
        _fund(
            growth={"type": "grid", "values": ["0.05", "0.1"]},
            bow={"type": "normal", "mean": "2", "sd": "1", "low": "0", "high": "5", "places": 2},
            distribution_yield={
                "type": "triangular",
                "low": "0",
                "mode": "0",
                "high": "1",
                "places": 2,
            },
        ),
        kpi,
        _example("hubs-open-by-2027"),
        listed,
    ]


def _spec():
    schema = spec_schema()
    validator = jsonschema.Draft202012Validator(schema)
    return Subject("sweep", schema, schema["$defs"], "$", _specs(), validator.is_valid, _spec_error)


SUBJECTS = {name: _operation(name) for name in operations()} | {"sweep": _spec()}


# -- what a schema states --------------------------------------------------------------


def _decimal_range(description):
    """The bounds a decimal's description states: [(keyword, Decimal bound)]."""
    words = description.removeprefix("a decimal ").removeprefix("a fraction ").partition(":")[0]
    if match := re.fullmatch(r"from (-?[0-9]+) to (-?[0-9]+)", words):
        return [("minimum", Decimal(match[1])), ("maximum", Decimal(match[2]))]
    names = {"at least": "minimum", "above": "exclusiveMinimum"}
    names |= {"at most": "maximum", "below": "exclusiveMaximum"}
    return [
        (names[w.rpartition(" ")[0]], Decimal(w.rpartition(" ")[2])) for w in words.split(" and ")
    ]


def _bounds(definitions):
    # (definition, property, keyword, bound) for every stated bound.
    for definition, schema in definitions.items():
        for prop, node in schema.get("properties", {}).items():
            name = definition.removesuffix(".tagged")
            for keyword in KEYWORDS:
                if keyword in node and not (keyword == "maxItems" and node[keyword] == MAX_ITEMS):
                    yield name, prop, keyword, node[keyword]
            for where, option in _ranged(prop, node):
                for keyword, bound in _decimal_range(option["description"]):
                    yield name, where, keyword, bound


def _ranged(prop, node):
    # (where, schema) of each decimal or fraction with a range in the property *prop*:
    # its value, an optional value's option, money's amount ("goal.amount"), an item of
    # an array ("ratios[0]").
    for option in node.get("anyOf", [node]):
        if option.get("type") == "array":
            items = option.get("prefixItems", [option.get("items", {})])
            yield from ((f"{prop}[0]", item) for item in items[:1] if _has_range(item))
        elif "amount" in option.get("properties", {}):
            amount = option["properties"]["amount"]
            yield from [(f"{prop}.amount", amount)] if _has_range(amount) else []
        elif _has_range(option):
            yield prop, option


def _has_range(node):
    return node.get("description", "").startswith(("a decimal ", "a fraction "))


def _walk(node, data, path, definitions):
    # (schema node, path, value) for every value of *data*, the outermost node first.
    yield node, path, data
    if "$ref" in node:
        yield from _walk(definitions[node["$ref"].rpartition("/")[2]], data, path, definitions)
    elif "anyOf" in node:
        for option in node["anyOf"]:
            check = jsonschema.Draft202012Validator({**option, "$defs": definitions})
            if check.is_valid(data):
                yield from _walk(option, data, path, definitions)
                break
    elif isinstance(data, dict):
        for key, value in data.items():
            inner = node.get("properties", {}).get(key, node.get("additionalProperties"))
            if isinstance(inner, dict):
                yield from _walk(inner, value, (*path, key), definitions)
    elif isinstance(data, list) and "items" in node:
        for index, value in enumerate(data):
            yield from _walk(node["items"], value, (*path, index), definitions)


def _places(subject, data):
    # Every (definition name, path) where *data* holds an object of that definition.
    for node, path, value in _walk(subject.root, data, (), subject.definitions):
        if "$ref" in node and isinstance(value, dict):
            yield node["$ref"].rpartition("/")[2].removesuffix(".tagged"), path


def _id_paths(subject, data):
    # The paths of every id in *data* (strings whose schema is check_id's).
    found = []
    for node, path, value in _walk(subject.root, data, (), subject.definitions):
        if node.get("pattern") == ID_PATTERN and isinstance(value, str) and path not in found:
            found.append(path)
    return found


def _cases():
    cases = {}
    for subject in SUBJECTS.values():
        for document in subject.documents:
            found = {}
            for definition, path in _places(subject, document):
                found.setdefault(definition, path)
            for stated in _bounds(subject.definitions):
                where = found.get(stated[0])
                if where is not None and _fits(subject, document, where, stated):
                    cases.setdefault((subject.name, *stated[:3]), (stated[3], document, where))
    return cases


def _at(data, path):
    for key in path:
        data = data[key]
    return data


def _fits(subject, data, path, stated):
    # A bound on items needs an item to copy; one on an id, the id (to change everywhere).
    definition, prop, keyword, _ = stated
    holder = _at(data, path)
    if keyword.endswith("Items"):
        return bool(holder.get(prop))
    first, *inner = _subpath(prop)
    if inner:  # an item or money's amount: the document holds one to change
        return bool(holder.get(first))
    is_id = subject.definitions[definition]["properties"][prop].get("pattern") == ID_PATTERN
    return not is_id or (*path, prop) in _id_paths(subject, data)


def _subpath(prop):
    """The path of a property: ``"ratios[0]"`` is ``("ratios", 0)``, ``"goal.amount"``
    ``("goal", "amount")``."""
    return tuple(
        name or int(index) for name, index in re.findall(r"([^.\[\]]+)|\[([0-9]+)\]", prop)
    )


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
        # Decimals, fractions and money state their ranges as patterns.
        ("ProjectionParameters", "growth", "exclusiveMinimum"),
        ("ProjectionParameters", "contribution_rates[0]", "maximum"),
        ("ProjectionParameters", "commitment.amount", "exclusiveMinimum"),
        ("CampaignDefinition", "per_backer_cap.amount", "exclusiveMinimum"),
        ("FeePolicy", "platform_rate", "exclusiveMaximum"),
        ("MaxOwnership", "limit", "maximum"),
        ("Kpi", "baseline", "minimum"),
        ("Tolerances", "confidence[0]", "minimum"),
        ("KindCount", "max_area", "exclusiveMinimum"),
        ("PlannedHub", "floor_area", "exclusiveMinimum"),
        ("AllocateInput", "ratios[0]", "minimum"),
        ("FundTerms", "vintage", "minimum"),
        ("DayHours", "weekday", "maximum"),
        ("AvailabilityInput", "headcount", "minimum"),
    } <= stated


def test_every_bound_of_a_spec_is_checked():
    # Each bound the spec schema states is reached by one of the specs above.
    stated = {(d, p, k) for d, p, k, _ in _bounds(SUBJECTS["sweep"].definitions)}
    checked = {(d, p, k) for name, d, p, k in CASES if name == "sweep"}
    assert stated == checked
    assert {
        ("ScenarioSpec", "name", "minLength"),
        ("ScenarioSpec", "name", "maxLength"),
        ("ScenarioSpec", "samples", "maximum"),
        ("ScenarioSpec", "seed", "maximum"),
        ("Grid", "values", "maxItems"),
        ("Lognormal", "sigma", "maximum"),
        ("Lognormal", "sigma", "exclusiveMinimum"),
        ("Lognormal", "mu", "minimum"),
        ("Normal", "sd", "exclusiveMinimum"),
        ("Uniform", "places", "maximum"),
        ("KpiPath", "due_year", "maximum"),
        ("Pipeline", "every_months", "maximum"),
        ("HubRollout", "hubs", "maxItems"),
    } <= checked


def test_every_bound_of_an_operation_is_checked():
    # Each bound an operation's schema states is reached by a vector (or the vector with
    # its optional parts), but an id's length in a command no vector holds (the id's rule
    # is stated on every command: the test below).
    checked = {(d, p, k) for name, d, p, k in CASES if name != "sweep"}
    for name, subject in SUBJECTS.items():
        for definition, prop, keyword, _ in _bounds(subject.definitions):
            if name != "sweep" and (definition, prop, keyword) not in checked:
                node = subject.definitions[definition]["properties"][prop]
                assert node["pattern"] == ID_PATTERN, (name, definition, prop, keyword)


def test_every_id_of_a_crowdfunding_command_is_stated():
    # Campaign, pledge, backer, tier and refund ids in commands, and the failed pledges.
    definitions = SUBJECTS["crowdfunding.settle"].definitions
    stated = {
        (definition, prop)
        for definition, schema in definitions.items()
        for prop, node in schema["properties"].items()
        if node.get("pattern", node.get("items", {}).get("pattern")) == ID_PATTERN
    }
    for command in ("LaunchCampaign", "ExtendDeadline", "CancelCampaign", "Settle"):
        assert (command, "campaign_id") in stated
    for command in ("MakePledge", "ChangePledge", "CancelPledge", "RecordCollection", "Refund"):
        assert {(command, "campaign_id"), (command, "pledge_id")} <= stated
    assert {("MakePledge", "backer"), ("MakePledge", "tier_id"), ("Refund", "refund_id")} <= stated
    assert ("SettleInput", "failed_collections") in stated


# -- the value at the bound and one past it ----------------------------------------------


def _distinct(item, index):
    """The *index*-th copy of *item*, unlike the others where a list needs it (ids, grids)."""
    if isinstance(item, str) and re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", item):
        return f"{Decimal(item) + index * Decimal('0.0001'):f}"
    if isinstance(item, dict) and isinstance(item.get("id"), str):
        return {**item, "id": f"{item['id']}-{index}"}
    return copy.deepcopy(item)


def _values(keyword, bound, base, step=STEP):
    """The value at the bound (inside) and one past it (outside)."""
    if isinstance(bound, Decimal):  # a decimal's range: the finest step past it
        inside, outside = {
            "minimum": (bound, EXACT.subtract(bound, step)),
            "exclusiveMinimum": (EXACT.add(bound, step), bound),
            "maximum": (bound, EXACT.add(bound, step)),
            "exclusiveMaximum": (EXACT.subtract(bound, step), bound),
        }[keyword]
        return f"{inside:f}", f"{outside:f}"
    if keyword == "minimum":
        return bound, bound - 1
    if keyword == "maximum":
        return bound, bound + 1
    if keyword == "maxLength":
        return "a" * bound, "a" * (bound + 1)
    if keyword == "minLength":
        return "a" * max(bound, 1), "a" * (bound - 1)
    item = min(base, key=lambda one: len(json.dumps(one))) if base else None  # the cheapest
    inside = [_distinct(item, index) for index in range(bound)]
    if keyword == "maxItems":
        return inside, [*inside, _distinct(item, bound)]
    return inside, inside[:-1]


def _step(document, path, prop):
    """The finest step of the value at path.prop: money's minor unit, else a decimal's."""
    if not prop.endswith(".amount"):
        return STEP
    money = _at(document, (*path, *_subpath(prop)[:-1]))
    return Decimal(1).scaleb(-get_currency(money["currency"]).minor_units)


def _states(keyword, bound, rule):
    """Whether *rule* states the bound (not a later rule about the value)."""
    if keyword in ("minLength", "minItems") and bound == 1:
        return any(words in rule for words in ("non-empty", "at least one", "1 to", "1-"))
    spellings = {str(bound), f"{bound:,}"}
    if isinstance(bound, int) and bound > 0 and (bound + 1).bit_count() == 1:
        spellings.add(f"2**{bound.bit_length()} - 1")
    return any(spelling in rule for spelling in spellings)


def _json_path(prefix, path):
    return prefix + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _put(subject, document, path, prop, value):
    """A copy of *document* with *value* at path.prop (an id: everywhere it names the same
    thing); the JSON paths of the places changed."""
    data = copy.deepcopy(document)
    full = (*path, *(_subpath(prop) if isinstance(prop, str) else (prop,)))
    old = _at(data, full) if full[-1] in _at(data, full[:-1]) or full[-1] == 0 else None
    ids = _id_paths(subject, data)
    places = [p for p in ids if _at(data, p) == old] if full in ids else [full]
    for place in places:
        _at(data, place[:-1])[place[-1]] = copy.deepcopy(value)
    # Money's bound is reported at the money ("$.input.amount"), an item's at the item.
    return data, [
        _json_path(subject.prefix, place[:-1] if place[-1] == "amount" else place)
        for place in places
    ]


# A spec's value at the bound is accepted by the loader too, but for these: a rule that
# relates it to other values refuses it (the schema states each value's own bound).
REFUSED_FOR_ANOTHER_RULE = {
    # No lognormal of mu 100 puts 1 % of its mass below 10**24, the largest decimal.
    ("Lognormal", "mu", "maximum"): "$.parameters.bow.low",
    # A year before or after the calendar's leaves no room for the due year or baseline.
    ("KpiPath", "baseline_year", "maximum"): "$.model.due_year",
    ("KpiPath", "baseline_year", "minimum"): "$.model.due_year",
    ("KpiPath", "due_year", "maximum"): "$.model.due_year",
    ("KpiPath", "due_year", "minimum"): "$.model.due_year",
    # One pipeline hub cannot open two to eight early (the grid's values).
    ("Pipeline", "total", "minimum"): "$.parameters.open_early",
    # A compound path (the default) needs a positive baseline and target.
    ("KpiPath", "baseline", "minimum"): "$.model.baseline",
    ("KpiPath", "target", "minimum"): "$.model.target",
}

# An operation's value at the bound, refused by a rule that relates it to another value.
RELATED_RULE = {
    # The vector's platform rate (5 %) plus a payment rate just below 1 is not below 1.
    ("FeePolicy", "payment_rate", "exclusiveMaximum"): "platform_rate + payment_rate must be < 1",
}


@pytest.mark.parametrize(("name", "definition", "prop", "keyword"), sorted(CASES), ids=str)
def test_schema_and_command_agree_on_each_side_of_the_bound(name, definition, prop, keyword):
    subject = SUBJECTS[name]
    bound, document, path = CASES[name, definition, prop, keyword]
    inside, outside = _values(
        keyword, bound, _at(document, path).get(prop), _step(document, path, prop)
    )
    # One past the bound: refused by both, the command at the field (an id: at one of its
    # places) with a rule that states the bound.
    data, fields = _put(subject, document, path, prop, outside)
    error = subject.error(data)
    assert not subject.valid(data), outside
    assert error is not None, outside
    assert any(error["field"].startswith(field) for field in fields), error
    assert _states(keyword, bound, error["rule"]), error
    # At the bound: accepted by both; the command may refuse the document for another
    # rule (such as "1 to 50 years after baseline_year" or "more occurrences than the
    # bound allows"), but not with the rule of the bound at that field.
    data, fields = _put(subject, document, path, prop, inside)
    inner = subject.error(data)
    assert subject.valid(data), inside
    at_field = inner is not None and any(inner["field"].startswith(f) for f in fields)
    assert not (at_field and inner["rule"] == error["rule"]), inner
    if name == "sweep":  # a spec at the bound loads, but for the cases listed
        other = REFUSED_FOR_ANOTHER_RULE.get((definition, prop, keyword))
        assert (inner and inner["field"]) == other, inner
    elif (definition, prop, keyword) in RELATED_RULE:  # a rule relating it to another value
        assert inner["rule"].startswith(RELATED_RULE[definition, prop, keyword]), inner
    else:  # nor with any rule at that field that names the bound
        assert not (at_field and _states(keyword, bound, inner["rule"])), inner


# -- ids: what check_id accepts --------------------------------------------------------


def _id_cases():
    cases = {}
    for subject in SUBJECTS.values():
        for document in subject.documents:
            owners = {path: definition for definition, path in _places(subject, document)}
            for place in _id_paths(subject, document):
                # The definition holding the id (a list of ids: the one holding the list).
                holder = place[:-1] if isinstance(place[-1], str) else place[:-2]
                prop = place[-1] if isinstance(place[-1], str) else place[-2]
                cases.setdefault((subject.name, owners[holder], prop), (document, place))
    return cases


ID_CASES = _id_cases()
GOOD_IDS = ("a" * 100, "Z", "9a_.:-z")
# Not "a\n": Python's re (so the jsonschema package) lets "$" match before a final newline,
# which ECMA-262's does not.
BAD_IDS = ("", "a" * 101, "-a", ".a", "a b", "a/b", "é", "\na")
ID_RULE = "must be 1-100 characters: letters, digits and _ . : - (not first)"


def test_every_id_of_the_vectors_is_checked():
    checked = {(definition, prop) for name, definition, prop in ID_CASES if name != "sweep"}
    assert {
        ("CampaignDefinition", "id"),
        ("CampaignDefinition", "owner"),
        ("RewardTier", "id"),
        ("MatchPool", "id"),
        ("MakePledge", "campaign_id"),
        ("MakePledge", "pledge_id"),
        ("MakePledge", "backer"),
        ("MakePledge", "tier_id"),
        ("ChangePledge", "pledge_id"),
        ("CancelPledge", "pledge_id"),
        ("Refund", "refund_id"),
        ("Refund", "pledge_id"),
        ("SettleInput", "failed_collections"),
    } <= checked


@pytest.mark.parametrize(("name", "definition", "prop"), sorted(ID_CASES), ids=str)
def test_schema_and_command_agree_on_every_id(name, definition, prop):
    subject = SUBJECTS[name]
    document, place = ID_CASES[name, definition, prop]
    for value in GOOD_IDS:
        data, _ = _put(subject, document, place[:-1], place[-1], value)
        assert subject.valid(data), value
        assert subject.error(data) is None, value
    for value in BAD_IDS:
        # Everywhere it names the same thing: refused where it is first checked.
        data, fields = _put(subject, document, place[:-1], place[-1], value)
        error = subject.error(data)
        assert not subject.valid(data), value
        assert error["field"] in fields, (value, error)
        assert error["rule"] == ID_RULE, (value, error)
        # Here alone: an id no check_id accepted names nothing that exists.
        data = copy.deepcopy(document)
        _at(data, place[:-1])[place[-1]] = value
        error = subject.error(data)
        assert not subject.valid(data), value
        assert error["field"] == _json_path(subject.prefix, place), (value, error)
        assert error["rule"] == ID_RULE or error["rule"].startswith("is not a"), error


# -- decimals' ranges as patterns ------------------------------------------------------

decimal_texts = st.from_regex(r"[+-]?[0-9]{1,4}(\.[0-9]{1,4})?", fullmatch=True) | st.sampled_from(
    ["0", "-0", "+0.000", "10", "10.0", "010", "-100", "-100.00001", "99.99999", "100.1"]
)
sides = st.none() | st.tuples(
    st.sampled_from([-100, -10, -1, 0, 1, 9, 10, 99, 100, 1234]), st.booleans()
)


@given(decimal_texts, sides, sides)
def test_a_decimal_pattern_accepts_exactly_the_range(text, low, high):
    keywords = {}
    if low is not None:
        keywords["exclusive_minimum" if low[1] else "minimum"] = low[0]
    if high is not None:
        keywords["exclusive_maximum" if high[1] else "maximum"] = high[0]
    if not keywords:
        return
    value = Decimal(text)
    inside = low is None or (value > low[0] if low[1] else value >= low[0])
    inside = inside and (high is None or (value < high[0] if high[1] else value <= high[0]))
    pattern = decimal_bounds(**keywords)["pattern"]
    assert bool(re.search(pattern, text)) == inside
    assert jsonschema.Draft202012Validator({"pattern": pattern}).is_valid(text) == inside


def test_a_decimal_pattern_keeps_the_wire_form():
    pattern = decimal_bounds(minimum=0)["pattern"]
    for text in ("1e3", ".5", "5.", "1" * 25, "0." + "1" * 31, "NaN", "Infinity", " 1"):
        assert not re.search(pattern, text), text
    assert re.search(pattern, "1" * 24 + "." + "1" * 30)


@pytest.mark.parametrize(
    ("keywords", "message"),
    [({}, "at least one bound"), ({"minimum": 0, "exclusive_minimum": 0}, "not both")],
)
def test_a_decimal_range_needs_one_bound_per_side(keywords, message):
    with pytest.raises(TypeError, match=message):
        decimal_bounds(**keywords)
    with pytest.raises(TypeError, match="must be an int"):
        decimal_bounds(maximum=Decimal("0.5"))


def test_a_decimal_field_states_its_range_as_a_pattern():
    @attrs.frozen
    class Reading:
        """A reading."""

        level: Decimal = attrs.field(metadata={SCHEMA_KEY: {"minimum": 0, "maximum": 10}})
        spare: Decimal | None = attrs.field(
            default=None, metadata={SCHEMA_KEY: {"exclusiveMinimum": 0}}
        )
        count: int | None = attrs.field(default=None, metadata={SCHEMA_KEY: {"minimum": 1}})

    properties = json_schema(Reading)["$defs"]["Reading"]["properties"]
    assert properties["level"] == {"type": "string", **decimal_bounds(minimum=0, maximum=10)}
    assert properties["spare"]["anyOf"] == [
        {"type": "string", **decimal_bounds(exclusive_minimum=0)},
        {"type": "null"},
    ]
    assert properties["count"]["minimum"] == 1  # an integer keeps JSON Schema's keywords
    assert list(_bounds({"Reading": {"properties": properties}})) == [
        ("Reading", "level", "minimum", Decimal(0)),
        ("Reading", "level", "maximum", Decimal(10)),
        ("Reading", "spare", "exclusiveMinimum", Decimal(0)),
        ("Reading", "count", "minimum", 1),
    ]


# -- digits: ASCII only, as the schemas' patterns say ----------------------------------


def _patterned_strings(subject, document):
    # (path, text) of each string that holds a digit where its pattern asks for [0-9]
    # (not a name, whose pattern only asks for a non-space).
    for node, path, value in _walk(subject.root, document, (), subject.definitions):
        if (
            isinstance(value, str)
            and "0-9" in node.get("pattern", "")
            and re.search("[0-9]", value)
        ):
            yield path, value


PATTERNED = sorted(
    {
        (name, index, path)
        for name, subject in SUBJECTS.items()
        for index, document in enumerate(subject.documents)
        for path, _ in _patterned_strings(subject, document)
    },
    key=str,
)


@given(st.sampled_from(PATTERNED), st.characters(categories=["Nd"]), st.data())
def test_a_digit_of_another_script_is_refused_by_schema_and_command(place, digit, data):
    # Python's int(), Decimal() and Fraction() read any script's digits ("٢" is 2), and so
    # did the command: a decimal, a fraction, a period or a rule's number written with
    # Arabic-Indic digits was read. The schemas' patterns say [0-9], as a reader in
    # another language would: the command now refuses them too.
    name, index, path = place
    subject = SUBJECTS[name]
    document = copy.deepcopy(subject.documents[index])
    text = _at(document, path)
    spots = [i for i, char in enumerate(text) if char in "0123456789"]
    spot = data.draw(st.sampled_from(spots))
    zero = ord(digit) - int(unicodedata.digit(digit))  # the script's zero
    other = chr(zero + int(text[spot]))  # the same digit's value in that script
    changed = text[:spot] + other + text[spot + 1 :]
    _at(document, path[:-1])[path[-1]] = changed
    error = subject.error(document)
    if other in "0123456789":  # an ASCII digit: the document as it was
        return
    assert not subject.valid(document), changed
    assert error is not None, changed


def test_a_fraction_with_a_zero_denominator_is_refused_in_words():
    # The message once showed Python's "<Fraction(1, 0)>" (the ZeroDivisionError's text).
    document = next(d for d in SUBJECTS["fund.projection"].documents)
    for text in ("1/0", "-3/000"):
        data = {**document, "growth": text}
        error = SUBJECTS["fund.projection"].error(data)
        assert not SUBJECTS["fund.projection"].valid(data)
        assert error["field"] == "$.input.growth", error
        assert error["rule"] == "a fraction's denominator must not be 0", error
        assert "Fraction(" not in error["message"], error
