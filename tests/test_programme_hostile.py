"""Observations that broke the programme status and report (issue 14)."""

from __future__ import annotations

import io
import json

import pytest

from creative_city.cli import main
from creative_city.oracle import evaluate


def status(measurements, as_of="2031-11-27"):
    request = {"as_of": as_of, "observations": {"measurements": measurements}}
    return evaluate({"operation": "programme.status", "input": request})


@pytest.mark.parametrize("order", [(1, 2), (2, 1)])
def test_the_same_target_and_date_twice_is_an_error_naming_both(order):
    measurements = [{"target": "venture-fund", "on": "2024-01-01", "value": str(v)} for v in order]
    error = status(measurements)["error"]
    assert error["field"] == "$.input.observations.measurements[1]"
    assert "measurements[0]" in error["rule"]


@pytest.mark.parametrize("on", ["2030-12-31", "2031-06-30"])
@pytest.mark.parametrize(("value", "verdict"), [("10", "achieved"), ("1", "missed")])
def test_a_first_measurement_on_or_after_the_due_date_is_the_final_verdict(on, value, verdict):
    answer = status([{"target": "economy-share", "on": on, "value": value}])
    (target,) = (t for t in answer["output"]["targets"] if t["id"] == "economy-share")
    assert target["status"] == verdict
    assert "baseline_on" not in target["reason"]


def test_the_report_takes_a_measurement_after_the_due_date():
    observations = {"measurements": [{"target": "economy-share", "on": "2031-01-01", "value": "6"}]}
    out, err = io.StringIO(), io.StringIO()
    code = main(
        ["report", "--as-of", "2031-11-27", "--format", "json", "--observations", "-"],
        stdout=out,
        stderr=err,
        stdin=io.BytesIO(json.dumps(observations).encode()),
    )
    assert (code, err.getvalue()) == (0, "")
    assert json.loads(out.getvalue())


def test_the_report_refuses_the_same_target_and_date_twice():
    twice = [{"target": "economy-share", "on": "2031-01-01", "value": v} for v in ("6", "7")]
    err = io.StringIO()
    code = main(
        ["report", "--as-of", "2031-11-27", "--observations", "-"],
        stdout=io.StringIO(),
        stderr=err,
        stdin=io.BytesIO(json.dumps({"measurements": twice}).encode()),
    )
    assert code == 2
    assert "same target and date" in err.getvalue()
