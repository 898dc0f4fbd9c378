"""Sweep results: records, pandas, text and JSON carry the same figures."""

from __future__ import annotations

import json
import pathlib
from decimal import Decimal

import pytest

from creative_city.errors import ValidationError
from creative_city.scenarios import ScenarioSpec, SweepResult, sweep
from creative_city.serialization import from_json

ROOT = pathlib.Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def result() -> SweepResult:
    spec = ScenarioSpec.from_json((ROOT / "examples/sweeps/hubs-open-by-2027.json").read_text())
    return sweep(spec, samples=25, seed=3)


def test_results_round_trip_through_json(result):
    assert from_json(result.to_json(), SweepResult) == result
    document = json.loads(result.to_json(indent=2))
    assert document["model"] == "hub_rollout"
    assert document["cells"][3]["grid"] == {"open_early": "5"}


def test_records_are_flat_with_the_same_keys(result):
    records = result.to_records()
    keys = {tuple(r) for r in records}
    assert keys == {
        (
            "open_early",
            "kind",
            "name",
            "year",
            "samples",
            "count",
            "probability",
            "standard_error",
            "p5",
            "p50",
            "p95",
        )
    }
    events = [r for r in records if r["kind"] == "event"]
    assert [r["open_early"] for r in events] == [Decimal(n) for n in range(2, 9)]
    assert [r["probability"] for r in events] == [c.events[0].probability for c in result.cells]
    fans = [r for r in records if r["kind"] == "quantiles"]
    assert len(fans) == 7 * len(result.cells[0].quantiles)


def test_pandas_export_keeps_the_exact_values(result):
    pytest.importorskip("pandas")
    frame = result.to_pandas()
    assert list(frame.columns) == list(result.to_records()[0])
    assert frame.loc[0, "probability"] == result.cells[0].events[0].probability


def test_text_report_lists_every_cell_and_fan(result):
    text = result.to_text()
    assert text.startswith("hubs-open-by-2027: hub_rollout, 25 samples per cell, seed 3")
    assert text.count("Quantiles (open_early = ") == 7
    first = result.cells[0].events[0]
    assert f"open_early = 2  {first.probability} ± {first.standard_error}" in text


def test_asking_for_an_unknown_event_names_the_known_ones(result):
    with pytest.raises(ValidationError, match="'hubs-2030 met'"):
        result.cells[0].probability("hubs-2031 met")
    assert result.cells[0].fan("nothing") == ()
