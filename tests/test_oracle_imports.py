"""The oracle knows every operation, and one request loads only its own part.

``creative_city.oracle`` maps the namespace of each operation name (``hubs`` in
``hubs.admit``) to its part's ``operations`` module. These tests keep that table
complete against the package's modules and the conformance vectors, and check, in
fresh interpreters, that a request does not load the other parts.
"""

from __future__ import annotations

import importlib
import json
import pathlib
import pkgutil
import subprocess
import sys

import pytest

import creative_city
from creative_city.oracle import _OPERATION_MODULES, operations

ROOT = pathlib.Path(__file__).resolve().parent.parent
VECTORS = sorted((ROOT / "src/creative_city/conformance/vectors").glob("v*/**/*.json"))


def operations_modules() -> list[str]:
    # Every module named ``operations`` anywhere in the package.
    return sorted(
        info.name
        for info in pkgutil.walk_packages(creative_city.__path__, "creative_city.")
        if info.name.rpartition(".")[2] == "operations"
    )


def test_the_oracle_table_names_every_operations_module():
    assert sorted(_OPERATION_MODULES.values()) == operations_modules()


def test_operations_are_exactly_those_of_the_conformance_vectors():
    named = {json.loads(path.read_text())["operation"] for path in VECTORS}
    assert set(operations()) == named


def test_operations_are_exactly_those_the_parts_declare():
    declared = {}
    for module in operations_modules():
        for operation in importlib.import_module(module).OPERATIONS:
            assert operation.name not in declared, f"{operation.name} is defined twice"
            assert _OPERATION_MODULES[operation.name.partition(".")[0]] == module
            declared[operation.name] = operation
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
        ("hubs.admit", ["creative_city.funding", "creative_city.tourism"]),
        ("hubs.expand", ["creative_city.funding", "creative_city.tourism"]),
        ("tourism.growth", ["creative_city.funding", "creative_city.hubs"]),
        # funding loads a part only when one of its names is asked for: a fund request
        # never pays for crowdfunding (24% of a one-shot eval), nor the reverse.
        (
            "fund.xirr",
            ["creative_city.hubs", "creative_city.tourism", "creative_city.funding.crowdfunding"],
        ),
        (
            "crowdfunding.replay",
            ["creative_city.hubs", "creative_city.tourism", "creative_city.funding.venture"],
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


def test_funding_reexports_exactly_its_two_parts_names():
    from creative_city import funding  # noqa: PLC0415
    from creative_city.funding import crowdfunding, venture  # noqa: PLC0415

    assert funding.__all__ == sorted([*crowdfunding.__all__, *venture.__all__])
    assert len(set(funding.__all__)) == len(funding.__all__)  # no name in both parts
    for name in funding.__all__:
        part = crowdfunding if name in crowdfunding.__all__ else venture
        assert getattr(funding, name) is getattr(part, name)
    assert set(funding.__all__) <= set(dir(funding))
    with pytest.raises(AttributeError, match="has no attribute 'nothing_here'"):
        _ = funding.nothing_here
