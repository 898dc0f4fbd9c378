"""Tourism conformance vectors: enough of them, hand-checked ones, and all reproduced."""

from __future__ import annotations

import json
import pathlib

import pytest

from creative_city.oracle import evaluate, evaluate_json
from creative_city.tourism.operations import OPERATIONS

ROOT = (
    pathlib.Path(__file__).resolve().parents[1] / "src/creative_city/conformance/vectors/v1/tourism"
)
VECTORS = sorted(ROOT.glob("*.json"))


def test_enough_vectors_and_hand_checked_ones():
    documents = [json.loads(path.read_text()) for path in VECTORS]
    assert len(documents) >= 25
    assert sum(1 for d in documents if d["source"]) >= 10
    assert any("error" in d["expected"] for d in documents if d["source"])
    assert {d["operation"] for d in documents} == {op.name for op in OPERATIONS}


@pytest.mark.parametrize("path", VECTORS, ids=[p.stem for p in VECTORS])
def test_vector(path):
    document = json.loads(path.read_text())
    assert document["id"] == f"tourism/{path.stem}"
    request = {"operation": document["operation"], "input": document["input"]}
    answer = evaluate(request)
    expected = document["expected"]
    if "output" in expected:
        assert answer.get("output") == expected["output"], answer.get("error")
    else:
        error = answer["error"]
        assert {"type": error["type"], "field": error["field"]} == expected["error"]
    text = json.dumps(request)
    assert evaluate_json(text) == evaluate_json(text)  # byte-stable
