"""``creative-city fuzz``: generated requests, the library as the reference, shrinking.

Each deliberately wrong implementation (tests/implementations/) is caught within the
default budget and its disagreement shrunk to a minimal request; the library agrees
with itself; the same seed gives the same run.
"""

from __future__ import annotations

import io
import json
import pathlib
import sys

import attrs
import pytest

from creative_city.cli import main
from creative_city.conformance.compare import Verdict
from creative_city.conformance.fuzzer import fuzz, render
from creative_city.conformance.runner import check
from creative_city.conformance.vectors import load_vectors

ROOT = pathlib.Path(__file__).resolve().parent.parent
IMPLEMENTATIONS = ROOT / "tests" / "implementations"
LIBRARY = [sys.executable, "-m", "creative_city", "eval", "--batch", "-"]


def implementation(name: str, *args: str) -> list[str]:
    return [sys.executable, str(IMPLEMENTATIONS / f"{name}.py"), *args]


def test_the_library_agrees_with_itself_on_every_operation():
    report = fuzz(LIBRARY, examples=12, seed=3)
    assert report.ok, [r.finding for r in report.results if r.finding]
    assert all(result.requests == 12 for result in report.results)
    assert not any(result.skipped for result in report.results)


def minimal(name: str, operation: str):
    report = fuzz(implementation(name), operations=operation, seed=1)  # the default budget
    (result,) = report.results
    assert result.finding is not None, f"{name}: no disagreement in {result.requests} requests"
    assert result.finding.shrunk
    assert result.finding.verdict is Verdict.FAIL
    return json.loads(result.finding.request)["input"], result.finding


def test_allocation_ties_to_the_later_share_are_found_and_shrunk():
    document, finding = minimal("allocate_ties_later", "money.allocate")
    assert document == {"amount": {"amount": "0.01", "currency": "KZT"}, "ratios": ["1", "1"]}
    assert finding.difference.path == "$.output.shares[0].amount"
    assert (finding.difference.expected, finding.difference.actual) == ("0.01", "0.00")


def test_xirr_on_act_360_is_found_and_shrunk():
    document, finding = minimal("xirr_act360", "fund.xirr")
    # Two flows are the least that have a rate; the ci profile's derandomized search
    # may stop at three (both are far below what it generated).
    assert 2 <= len(document["flows"]) <= 3
    assert finding.difference.path == "$.output.rate"


def test_a_recurrence_kept_in_a_dst_gap_is_found_and_shrunk():
    document, finding = minimal("expand_dst_shift", "hubs.expand")
    assert document["rule"] == "FREQ=DAILY;COUNT=3"
    assert document["zone"] == "Europe/Berlin"
    assert finding.difference.path == "$.output.occurrences[1]"


def test_a_platform_fee_on_failed_collections_is_found_and_shrunk():
    document, finding = minimal("settle_fee_on_failed", "crowdfunding.settle")
    assert len(document["failed_collections"]) == 1
    assert finding.difference.path == "$.output.fees.amount"


def test_the_same_seed_gives_the_same_run():
    first, second = (
        fuzz(implementation("allocate_ties_later"), operations="money.*", examples=30, seed=7)
        for _ in range(2)
    )
    assert [(r.operation, r.requests, r.finding) for r in first.results] == [
        (r.operation, r.requests, r.finding) for r in second.results
    ]
    # The report is the same bytes but for the time it took.
    assert render(attrs.evolve(first, seconds=0.0)) == render(attrs.evolve(second, seconds=0.0))


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["fuzz", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_save_writes_a_vector_that_conformance_replays(tmp_path):
    wrong = " ".join(implementation("allocate_ties_later"))
    code, out, _ = run_cli(
        "--against", wrong, "--operations", "money.allocate", "--seed", "1", "--save", str(tmp_path)
    )
    assert code == 1
    assert "FAIL money.allocate (shrunk)" in out
    assert "replay:         printf '%s\\n'" in out
    assert "rerun: creative-city fuzz --against" in out
    (saved,) = tmp_path.rglob("*.json")
    assert saved.parent.name == "money"
    (vector,) = load_vectors(tmp_path)
    assert vector.id == saved.relative_to(tmp_path).with_suffix("").as_posix()
    assert vector.source is None
    assert check(implementation("allocate_ties_later"), [vector]).totals()["fail"] == 1
    assert check(LIBRARY, [vector]).ok


def test_a_timeout_ends_the_operation_without_shrinking():
    report = fuzz(
        implementation("misbehaving", "hang", "tourism.growth"),
        operations="tourism.growth",
        seed=1,
        timeout=0.5,
    )
    (result,) = report.results
    assert result.finding is not None
    assert result.finding.verdict is Verdict.TIMEOUT
    assert not result.finding.shrunk
    assert result.requests == 1


def test_an_operation_not_implemented_is_skipped():
    report = fuzz(
        implementation("not_implemented"), operations="money.allocate,tourism.growth", seed=1
    )
    assert report.ok
    assert [(r.operation, r.skipped, r.requests) for r in report.results] == [
        ("money.allocate", True, 1),
        ("tourism.growth", True, 1),
    ]


def test_fuzz_without_hypothesis_says_how_to_install_it(monkeypatch):
    monkeypatch.setitem(sys.modules, "hypothesis", None)
    code, out, err = run_cli("--against", "anything")
    assert code == 2
    assert out == ""
    assert "pip install 'creative-city[testing]'" in err


@pytest.mark.parametrize(
    ("option", "message"),
    [
        (["--examples", "0"], "must be positive"),
        (["--timeout", "0"], "must be positive"),
        (["--operations", "nothing.*"], "matches no operation"),
    ],
)
def test_bad_options_are_usage_errors(option, message):
    code, _, err = run_cli("--against", " ".join(LIBRARY), *option)
    assert code == 2
    assert message in err
