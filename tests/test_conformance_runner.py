"""``creative-city conformance``: the vectors against other implementations.

The library itself passes every vector; each deliberately wrong implementation
(tests/implementations/) fails exactly the vectors that pin its bug; each badly
behaved one is reported as such, with the request, and the run goes on.
"""

from __future__ import annotations

import io
import json
import pathlib
import re
import sys
from xml.etree import ElementTree as ET

import pytest

from creative_city.cli import main
from creative_city.conformance.compare import Verdict
from creative_city.conformance.runner import check
from creative_city.conformance.vectors import load_vectors, shipped_vectors
from creative_city.oracle import ORACLE_VERSION, operations

ROOT = pathlib.Path(__file__).resolve().parent.parent
IMPLEMENTATIONS = ROOT / "tests" / "implementations"
LIBRARY = [sys.executable, "-m", "creative_city", "eval", "--batch", "-"]


def implementation(name: str, *args: str) -> list[str]:
    return [sys.executable, str(IMPLEMENTATIONS / f"{name}.py"), *args]


def failing(report) -> dict[str, str]:
    return {r.vector.id: r.verdict.value for r in report.results if r.verdict.failed}


def run_cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(["conformance", *args], stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


def test_the_library_passes_every_shipped_vector():
    report = check(LIBRARY)
    assert report.ok
    assert report.totals()["pass"] == len(load_vectors()) == len(report.results)
    assert set(report.by_operation()) == set(operations())
    assert report.starts == 1


def test_the_shipped_vectors_are_those_of_the_oracle_version():
    assert shipped_vectors().name == f"v{ORACLE_VERSION}"
    assert len(load_vectors()) >= 120


@pytest.mark.parametrize(
    ("name", "operation", "expected"),
    [
        (
            "allocate_ties_later",
            "money.allocate",
            {
                "money/001-hundred-three-ways",
                "money/002-five-cents-three-seven",
                "money/004-negative-amount",
                "money/005-yen-no-minor-units",
                "money/006-dinar-three-minor-units",
                "money/008-one-tiyn-two-ways",
                "money/010-ten-tiyn-three-ways",
                "money/014-two-leftovers",
            },
        ),
        (
            "xirr_act360",
            "fund.xirr",
            {
                "venture/001-excel-xirr-example",
                "venture/002-two-whole-years",
                "venture/003-leap-year-act-365f",
                "venture/004-multiple-roots",
                "venture/008-two-roots-tie-break",
            },
        ),
        ("expand_dst_shift", "hubs.expand", {"hubs/010-berlin-gap-skipped"}),
        (
            "settle_fee_on_failed",
            "crowdfunding.settle",
            {
                "crowdfunding/004-failed-collection-keeps-outcome",
                "crowdfunding/033-settle-returned-fees-rounding-up",
                "crowdfunding/034-settle-with-match-paid",
            },
        ),
    ],
)
def test_a_wrong_implementation_fails_the_vectors_of_its_bug(name, operation, expected):
    code, out, _ = run_cli("--against", " ".join(implementation(name)), "--operations", operation)
    assert code == 1
    named = set(re.findall(r"^FAIL +(\S+): differs at \$\.output", out, re.MULTILINE))
    assert named == expected
    assert f"FAILED: {len(expected)} fail" in out


def test_a_failure_names_the_first_differing_path_and_both_values():
    report = check(implementation("expand_dst_shift"), operations="hubs.expand")
    (result,) = [r for r in report.results if r.verdict is Verdict.FAIL]
    assert result.difference is not None
    assert result.difference.path == "$.output.occurrences[1]"
    assert result.difference.expected == "2024-04-01T02:30:00+02:00"
    assert result.difference.actual == "2024-03-31T02:30:00+01:00"


BAD = "hubs.availability"  # two vectors; the misbehaving implementation picks on them
OTHERS = "tourism.seasonality"  # seven vectors answered correctly around them


@pytest.mark.parametrize(
    ("mode", "verdict", "reason"),
    [
        ("hang", "timeout", "no answer within 3 s; restarted"),
        ("exit", "crash", "exited with code 3 before answering; restarted"),
        ("not-json", "garbage", "not JSON: Segmentation fault?"),
        ("two-lines", "garbage", "2 lines for one request"),
        ("flood", None, None),
    ],
)
def test_a_badly_behaved_implementation_is_reported_and_the_run_goes_on(mode, verdict, reason):
    # 3 s, not less: each restart imports the library again, and on a loaded machine
    # that alone has taken more than a second.
    report = check(
        implementation("misbehaving", mode, BAD), operations=f"{BAD},{OTHERS}", timeout=3.0
    )
    counts = report.by_operation()
    assert counts[OTHERS]["pass"] == 7
    if verdict is None:
        assert report.ok
        assert counts[BAD]["pass"] == 2
        return
    assert counts[BAD][verdict] == 2
    for result in report.results:
        if result.vector.operation == BAD:
            assert result.reason.startswith(reason)
            assert json.loads(result.exchange.request)["operation"] == BAD
    if mode == "exit":
        assert "Traceback: the implementation gave up" in report.results[0].exchange.stderr


def test_answers_out_of_step_are_garbage_and_the_next_answers_are_their_own():
    # The lagging implementation answers each request with the previous one's answer:
    # the first answer that names another operation is garbage, and the restart puts
    # the next answer back in step.
    report = check(implementation("misbehaving", "lag", BAD), operations=f"{BAD},{OTHERS}")
    first_other = next(r for r in report.results if r.vector.operation == OTHERS)
    assert first_other.verdict is Verdict.GARBAGE
    assert first_other.reason.startswith("answers another request")
    assert report.results[report.results.index(first_other) + 1].verdict is Verdict.PASS
    assert report.starts >= 2


def test_a_command_that_cannot_start_is_a_usage_error():
    code, out, err = run_cli("--against", "/nonexistent/impl --flag")
    assert code == 2
    assert out == ""
    assert "cannot start" in err


def test_no_matching_vector_is_a_usage_error():
    code, _, err = run_cli("--against", " ".join(LIBRARY), "--operations", "nothing.*")
    assert code == 2
    assert "matches no vector" in err


def test_json_and_junit_reports(tmp_path):
    junit = tmp_path / "report.xml"
    code, out, _ = run_cli(
        "--against",
        " ".join(implementation("allocate_ties_later")),
        "--operations",
        "money.allocate,tourism.growth",
        "--format",
        "json",
        "--junit",
        str(junit),
    )
    assert code == 1
    data = json.loads(out)
    assert data["ok"] is False
    assert data["totals"]["fail"] == 8
    assert data["operations"]["tourism.growth"]["pass"] == 11
    failed = [r for r in data["results"] if r["verdict"] == "fail"]
    assert {"id", "path", "expected", "actual", "request", "received"} <= set(failed[0])
    root = ET.fromstring(junit.read_text())  # noqa: S314 - our own report
    assert root.get("tests") == "31"
    assert root.get("failures") == "8"
    assert [suite.get("name") for suite in root] == ["money.allocate", "tourism.growth"]
    assert len(root.findall(".//failure")) == 8


def test_own_vectors_folder(tmp_path):
    vector = {
        "id": "money/900-own",
        "description": "One of our own",
        "operation": "money.allocate",
        "input": {"amount": {"amount": "0.01", "currency": "KZT"}, "ratios": ["1", "1"]},
        "expected": {
            "output": {
                "shares": [
                    {"amount": "0.01", "currency": "KZT"},
                    {"amount": "0.00", "currency": "KZT"},
                ]
            }
        },
        "source": None,
    }
    (tmp_path / "money").mkdir()
    (tmp_path / "money" / "900-own.json").write_text(json.dumps(vector))
    args = ("--vectors", str(tmp_path))
    assert run_cli("--against", " ".join(LIBRARY), *args)[0] == 0
    code, out, _ = run_cli("--against", " ".join(implementation("allocate_ties_later")), *args)
    assert code == 1
    assert "FAIL    money/900-own" in out
    (tmp_path / "money" / "901-broken.json").write_text('{"id": "x"}')
    code, _, err = run_cli("--against", " ".join(LIBRARY), *args)
    assert code == 2
    assert "money/901-broken.json" in err


@pytest.fixture(scope="module")
def docs_example(tmp_path_factory) -> list[str]:
    # The minimal implementation of docs/conformance.md, saved as the docs say.
    text = (ROOT / "docs" / "conformance.md").read_text()
    block = re.search(r"`my_impl\.py`:\n\n```python\n(.*?)```", text, re.DOTALL)
    assert block is not None
    path = tmp_path_factory.mktemp("docs") / "my_impl.py"
    path.write_text(block.group(1))
    return [sys.executable, str(path)]


def test_the_handshake_names_the_implementation(docs_example):
    report = check(docs_example, operations="money.allocate")
    assert report.implementation is not None
    assert str(report.implementation) == "my-impl (0.1, python)"


def test_the_docs_minimal_implementation_passes_what_it_covers_and_skips_the_rest(docs_example):
    code, out, _ = run_cli("--against", " ".join(docs_example), "--operations", "money.*")
    assert code == 0
    assert "OK: 20 passed, 11 skipped" in out
    assert out.startswith("conformance of my-impl (0.1, python) [")
