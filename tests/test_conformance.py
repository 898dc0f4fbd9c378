"""Run every conformance vector through the oracle and check it against its schema."""

from __future__ import annotations

import json
import pathlib
import re

import jsonschema
import pytest

from creative_city.oracle import evaluate, evaluate_json, operation_schema, operations
from creative_city.serialization import from_data

ROOT = pathlib.Path(__file__).resolve().parent.parent / "src/creative_city/conformance/vectors"
VECTORS = sorted(ROOT.glob("v*/**/*.json"))


def load(path: pathlib.Path) -> dict[str, object]:
    return json.loads(path.read_text())


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: str(p.relative_to(ROOT)))
def test_vector(path):
    vector = load(path)
    keys = {"id", "description", "operation", "input", "expected", "source"}
    assert keys <= set(vector) <= keys | {"derivation"}  # derivation: see docs/testing.md
    assert vector["id"] == str(path.relative_to(ROOT / "v1").with_suffix(""))
    assert vector["source"] is None or (isinstance(vector["source"], str) and vector["source"])
    request = {"operation": vector["operation"], "input": vector["input"]}
    answer = evaluate(request)
    expected = vector["expected"]
    if "output" in expected:
        assert answer.get("error") is None, answer.get("error")
        assert answer["output"] == expected["output"]
        operation = operations()[vector["operation"]]
        result = operation.run(from_data(vector["input"], operation.input_type))
        if hasattr(result, "to_records"):  # notebook read-out: plain dicts
            assert all(isinstance(row, dict) for row in result.to_records())
        schema = operation_schema(vector["operation"])
        jsonschema.validate(request, schema["request"])
        jsonschema.validate(answer, schema["answer"])
    else:
        assert "output" not in answer, answer
        assert answer["error"]["type"] == expected["error"]["type"]
        assert answer["error"]["field"] == expected["error"]["field"]
    # Byte-for-byte stable.
    text = json.dumps(request)
    assert evaluate_json(text) == evaluate_json(text)


def test_every_operation_has_vectors():
    covered = {load(path)["operation"] for path in VECTORS}
    assert set(operations()) <= covered, sorted(set(operations()) - covered)


@pytest.mark.parametrize("name", list(operations()))
def test_schemas_are_valid_json_schema(name):
    schema = operation_schema(name)
    jsonschema.Draft202012Validator.check_schema(schema["request"])
    jsonschema.Draft202012Validator.check_schema(schema["answer"])


def test_enough_vectors_and_enough_of_them_hand_checked():
    sources = [load(path)["source"] for path in VECTORS]
    assert len(sources) >= 120
    assert sum(1 for s in sources if s) >= 40


def test_vector_ids_are_unique():
    ids = [load(path)["id"] for path in VECTORS]
    assert len(ids) == len(set(ids))


def test_docs_list_every_operation_with_an_existing_example():
    text = (ROOT.parents[3] / "docs" / "oracle.md").read_text()
    listed = dict(re.findall(r"^\| `([a-z_.]+)` \| .* \| `([a-z0-9/_-]+)` \|$", text, re.MULTILINE))
    assert set(listed) == set(operations())
    for vector_id in listed.values():
        assert (ROOT / "v1" / f"{vector_id}.json").exists(), vector_id
