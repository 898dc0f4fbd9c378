"""The oracle's envelope: every malformed request document gets an error answer."""

from __future__ import annotations

import json

import pytest

from creative_city.oracle import evaluate, evaluate_json, operations

GOOD_INPUT = {"amount": {"amount": "1.00", "currency": "KZT"}, "ratios": ["1"]}


@pytest.mark.parametrize(
    ("document", "field", "rule"),
    [
        ({"operation": 7, "input": {}}, "$.operation", "must be an operation name string"),
        ({"operation": "money", "input": {}}, "$.operation", "is not a known operation"),
        ({"operation": "nowhere.at_all", "input": {}}, "$.operation", "is not a known operation"),
        ({"operation": "money.nope", "input": {}}, "$.operation", "is not a known operation"),
        (
            {"operation": "money.allocate", "input": GOOD_INPUT, "extra": 1},
            "$.extra",
            "is not a known field",
        ),
        (
            {"operation": "money.allocate", "input": GOOD_INPUT, "version": 2},
            "$.version",
            "must be 1",
        ),
        (
            {"operation": "money.allocate", "input": GOOD_INPUT, "version": True},
            "$.version",
            "must be 1",
        ),
        ({"operation": "money.allocate"}, "$.input", "is required"),
    ],
)
def test_a_bad_envelope_is_answered_with_its_field_and_rule(document, field, rule):
    answer = evaluate(document)
    assert answer["operation"] == document.get("operation")
    assert answer["error"]["field"] == field
    assert answer["error"]["rule"].startswith(rule)


def test_an_unknown_operation_lists_every_known_one():
    rule = evaluate({"operation": "money.nope", "input": {}})["error"]["rule"]
    assert all(name in rule for name in operations())


def test_a_document_that_is_not_an_object_is_answered():
    for text in ("[]", "3", '"money.allocate"', "null"):
        answer, ok = evaluate_json(text)
        assert not ok
        assert json.loads(answer)["error"]["field"] == "$"


def test_evaluate_answers_a_non_mapping_with_an_error():
    answer = evaluate(["money.allocate"])  # type: ignore[arg-type]
    assert answer == {
        "operation": None,
        "error": {
            "type": "OracleError",
            "field": "$",
            "name": "",
            "rule": "a request document is a JSON object",
            "message": answer["error"]["message"],
        },
    }


def test_a_valid_envelope_with_version_one_is_answered():
    document = {"operation": "money.allocate", "input": GOOD_INPUT, "version": 1}
    assert evaluate(document)["output"]["shares"] == [{"amount": "1.00", "currency": "KZT"}]
