"""Hostile documents to the oracle (issue 14): JSON paths and messages without Python."""

from __future__ import annotations

import copy
import json

import pytest

from _vectors import VECTORS
from creative_city.oracle import evaluate

ADMIT = next(v for v in VECTORS if v["id"].endswith("026-headcount-above-capacity"))


def error_of(operation, data):
    answer = evaluate({"operation": operation, "input": data})
    assert "output" not in answer
    return answer["error"]


@pytest.mark.parametrize("vector", [v for v in VECTORS if "error" in v["expected"]], ids=str)
def test_every_error_vector_names_a_json_path_into_the_request(vector):
    assert vector["expected"]["error"]["field"].startswith("$"), vector["id"]


def test_an_unknown_enum_value_lists_the_allowed_ones():
    data = copy.deepcopy(ADMIT["input"])
    data["hubs"][0]["kind"] = "spaceship"
    error = error_of("hubs.admit", data)
    assert error["field"] == "$.input.hubs[0].kind"
    assert error["rule"].startswith("must be one of: art-and-science-centre, creative-hub")
    assert "HubKind" not in error["message"]
    assert "<" not in error["message"]


@pytest.mark.parametrize("value", [[], "x", 1, None, True])
def test_a_value_that_is_not_an_object_where_one_is_expected(value):
    data = copy.deepcopy(ADMIT["input"])
    data["hubs"][0] = value
    error = error_of("hubs.admit", data)
    assert error["field"] == "$.input.hubs[0]"
    assert error["rule"] == "must be a JSON object"
    assert "attribute" not in error["message"]


def test_an_input_that_is_a_list_is_not_a_python_message():
    error = error_of("money.allocate", [])
    assert (error["field"], error["rule"]) == ("$.input", "must be a JSON object")


def test_a_domain_error_deep_in_a_command_list_names_the_command():
    data = copy.deepcopy(ADMIT["input"])
    data["commands"].insert(0, {"type": "cancel", "booking_id": "B9"})
    error = error_of("hubs.admit", data)
    assert error["field"] == "$.input.commands[0].booking_id"


def test_fields_of_every_vector_answer_are_json_paths():
    for vector in VECTORS:
        answer = evaluate({"operation": vector["operation"], "input": vector["input"]})
        if "error" in answer:
            assert answer["error"]["field"].startswith("$.input"), vector["id"]
            json.dumps(answer)
