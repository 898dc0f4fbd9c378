"""The oracle knows every operation, and one request loads only what it needs (issue 7).

``creative_city.oracle`` maps each operation name to the module that defines it, so
that ``creative-city eval`` imports one operation's code, not its whole domain. These
tests keep that table complete and check, in fresh interpreters, that a request does
not load other operations' modules.
"""

from __future__ import annotations

import importlib
import json
import pathlib
import subprocess
import sys

import pytest

from creative_city.oracle import operations

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = sorted((ROOT / "conformance").glob("v*/**/*.json"))

# Each domain's public module that gathers its operations.
GATHERING = (
    "creative_city._core_ops",
    "creative_city.funding.crowdfunding_ops",
    "creative_city.funding.venture_ops",
    "creative_city.hubs.operations",
    "creative_city.programme.operations",
    "creative_city.tourism.operations",
)


def test_operations_are_exactly_those_of_the_conformance_vectors():
    named = {json.loads(path.read_text())["operation"] for path in VECTORS}
    assert set(operations()) == named


def test_operations_are_exactly_those_the_domains_declare():
    declared = {
        operation.name: operation
        for module in GATHERING
        for operation in importlib.import_module(module).OPERATIONS
    }
    assert sorted(declared) == list(operations())
    for name, operation in operations().items():
        assert declared[name] is operation


def smallest_request(operation: str) -> str:
    # The smallest vector of the operation with an output (not an error).
    paths = [
        p
        for p in VECTORS
        if json.loads(p.read_text())["operation"] == operation
        and "output" in json.loads(p.read_text())["expected"]
    ]
    vector = json.loads(min(paths, key=lambda p: p.stat().st_size).read_text())
    return json.dumps({"operation": operation, "input": vector["input"]})


PROBE = """
import sys
from creative_city.oracle import evaluate_json
answer, ok = evaluate_json(sys.stdin.read())
print(ok, " ".join(sorted(sys.modules)))
"""


@pytest.mark.parametrize(
    ("operation", "not_loaded"),
    [
        (
            "money.allocate",
            ["creative_city.funding", "creative_city.hubs", "creative_city.tourism", "dateutil.tz"],
        ),
        (
            "hubs.admit",
            [
                "creative_city.hubs.availability",
                "creative_city.hubs.occupancy",
                "creative_city.hubs.rollout",
                "creative_city.hubs.utilisation",
            ],
        ),
        ("hubs.expand", ["creative_city.hubs.admission", "creative_city.hubs.model"]),
        ("hubs.rollout_status", ["creative_city.hubs.admission", "creative_city.hubs.model"]),
        (
            "tourism.growth",
            ["creative_city.tourism.kpi", "creative_city.tourism.tables", "creative_city.hubs"],
        ),
        (
            "programme.status",
            [
                "creative_city.hubs.admission",
                "creative_city.hubs.model",
                "creative_city.tourism.seasonality",
                "creative_city.tourism.tables",
            ],
        ),
        (
            "fund.xirr",
            ["creative_city.funding._venture_fund", "creative_city.funding.crowdfunding"],
        ),
    ],
)
def test_a_request_loads_only_its_operation(operation, not_loaded):
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        input=smallest_request(operation),
        capture_output=True,
        text=True,
        check=True,
    )
    ok, modules = result.stdout.split(" ", 1)
    assert ok == "True", result.stdout
    loaded = set(modules.split())
    assert sorted(loaded & set(not_loaded)) == []


def test_eval_on_the_command_line_does_not_build_the_parser(tmp_path):
    request = tmp_path / "request.json"
    request.write_text(smallest_request("money.allocate"))
    code = (
        "import sys\n"
        "from creative_city.cli import main\n"
        f"code = main(['eval', {str(request)!r}])\n"
        "assert 'argparse' not in sys.modules, 'argparse was imported'\n"
        "sys.exit(code)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["output"]["shares"]
