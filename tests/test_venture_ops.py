"""Venture oracle operations: vectors run directly, byte stability, records for notebooks."""

from __future__ import annotations

import json
import pathlib

import pytest

from creative_city.errors import CreativeCityError
from creative_city.funding.venture.operations import OPERATIONS, rate_text
from creative_city.serialization import from_data, to_data, to_json

ROOT = (
    pathlib.Path(__file__).resolve().parents[1] / "src/creative_city/conformance/vectors/v1/venture"
)
VECTORS = sorted(ROOT.glob("*.json"))
BY_NAME = {op.name: op for op in OPERATIONS}


def test_the_four_operations_exist():
    assert {
        "fund.evaluate_proposal",
        "fund.statement",
        "fund.xirr",
        "fund.projection",
    } <= set(BY_NAME)


def test_enough_vectors_and_hand_checked_ones():
    vectors = [json.loads(p.read_text()) for p in VECTORS]
    assert len(vectors) >= 25
    assert sum(1 for v in vectors if v["source"]) >= 10
    assert any("error" in v["expected"] for v in vectors)
    assert {v["operation"] for v in vectors} == set(BY_NAME)


@pytest.mark.parametrize("path", VECTORS, ids=lambda p: p.stem)
def test_vector_runs_directly(path):
    vector = json.loads(path.read_text())
    op = BY_NAME[vector["operation"]]
    expected = vector["expected"]
    if "error" in expected:
        with pytest.raises(CreativeCityError) as caught:
            op.run(from_data(vector["input"], op.input_type))
        assert type(caught.value).__name__ == expected["error"]["type"]
        # Structure errors are relative to the input ($.x); run errors name $.input.x.
        field = caught.value.field.removeprefix("$").lstrip(".")
        assert expected["error"]["field"].endswith(field)
        return
    output = op.run(from_data(vector["input"], op.input_type))
    assert to_data(output) == expected["output"]
    assert to_json(output) == to_json(op.run(from_data(vector["input"], op.input_type)))


def test_rate_text_is_fixed_significant_digits():
    assert rate_text(0.3733625335188315, 6) == "0.373363"
    assert rate_text(-0.7688954706807806) == "-0.7688954707"
    assert rate_text(0.09999999999999998) == "0.1000000000"
    assert rate_text(1.854417828456178) == "1.854417828"


def test_results_have_records_and_readable_reprs():
    vector = json.loads((ROOT / "015-every-rule-broken.json").read_text())
    op = BY_NAME["fund.evaluate_proposal"]
    out = op.run(from_data(vector["input"], op.input_type))
    records = out.to_records()
    assert [r["rule_id"] for r in records][:2] == ["investment_period_open", "max_ownership"]
    assert all(set(r) == {"rule_id", "limit", "actual", "message"} for r in records)

    vector = json.loads((ROOT / "025-almaty-fund-story.json").read_text())
    op = BY_NAME["fund.statement"]
    statement = op.run(from_data(vector["input"], op.input_type))
    assert "Almaty City Venture Fund" in repr(statement)
    assert [r["lp_id"] for r in statement.to_records()] == ["city", "bank", "dfi"]

    vector = json.loads((ROOT / "010-three-year-projection.json").read_text())
    op = BY_NAME["fund.projection"]
    projection = op.run(from_data(vector["input"], op.input_type))
    assert repr(projection).startswith("Projection(3 years")
    assert [r["year"] for r in projection.to_records()] == [1, 2, 3]

    vector = json.loads((ROOT / "004-multiple-roots.json").read_text())
    op = BY_NAME["fund.xirr"]
    result = op.run(from_data(vector["input"], op.input_type))
    assert result.to_records() == [
        {"rate": "-0.7688954707", "chosen": True},
        {"rate": "1.854417828", "chosen": False},
    ]
