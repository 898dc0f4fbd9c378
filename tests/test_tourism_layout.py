"""The tourism part's layout: re-exports derived from the modules, no name clashes.

``creative_city.tourism`` re-exports every public name of its parts eagerly; these
tests hold the re-exports to the modules' own ``__all__`` (nothing kept by hand), and
check that no function or class shadows a submodule of the same name.
"""

from __future__ import annotations

import importlib
import pathlib
import pkgutil
import subprocess
import sys
import types

import pytest

import creative_city.tourism
from creative_city.tourism import Measure, Universe
from creative_city.tourism.operations import OPERATIONS
from creative_city.tourism.tables import observation_set

PACKAGE = pathlib.Path(creative_city.tourism.__file__).parent


def modules() -> list[types.ModuleType]:
    return [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(creative_city.tourism.__path__, "creative_city.tourism.")
    ]


def leaves() -> list[types.ModuleType]:
    # The public modules that define names (not packages, not private, not the oracle's).
    return [
        module
        for module in modules()
        if not hasattr(module, "__path__")
        and not any(part.startswith("_") for part in module.__name__.split("."))
        and module.__name__ != "creative_city.tourism.operations"
    ]


def test_the_package_re_exports_exactly_its_modules_public_names():
    defined = {name: module for module in leaves() for name in module.__all__}
    assert sorted(creative_city.tourism.__all__) == sorted(defined)
    for name, module in defined.items():
        assert getattr(creative_city.tourism, name) is getattr(module, name), name
    assert "context" in creative_city.tourism.__all__


@pytest.mark.parametrize(
    "package",
    [
        "creative_city.tourism.indicators",
        "creative_city.tourism.tables",
        "creative_city.tourism.kpi",
    ],
)
def test_each_part_re_exports_its_modules(package):
    part = importlib.import_module(package)
    inside = [m for m in leaves() if m.__name__.startswith(f"{package}.")]
    assert sorted(part.__all__) == sorted(name for m in inside for name in m.__all__)


def test_no_name_shadows_a_submodule():
    for module in modules():
        if not hasattr(module, "__path__"):
            continue
        for info in pkgutil.iter_modules(module.__path__):
            found = getattr(module, info.name, None)
            assert found is None or isinstance(found, types.ModuleType), (
                f"{module.__name__}.{info.name} is a {type(found).__name__}, not the submodule"
            )


def test_one_operations_module_and_no_prefixed_file_names():
    names = {path.stem for path in PACKAGE.rglob("*.py")}
    assert not [name for name in names if name.startswith(("_ops", "tourism_", "_tourism"))]
    assert [op.name for op in OPERATIONS] == [
        "tourism.growth",
        "tourism.indicators",
        "tourism.seasonality",
        "tourism.kpi_status",
    ]


def test_no_module_is_over_600_lines():
    lengths = {path.name: len(path.read_text().splitlines()) for path in PACKAGE.rglob("*.py")}
    assert max(lengths.values()) <= 600, lengths


def test_importing_the_part_loads_no_lazy_machinery():
    probe = "import sys, creative_city.tourism; print('creative_city._lazy' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_the_index_looks_up_every_measure_and_universe_by_identity():
    # The grouping loop's identity tables are built from the enums; hold them to them.
    slots = observation_set._SLOT_BY_ID
    assert {id(m): i for i, m in enumerate(observation_set.SLOTS)} == slots
    assert set(Measure) - set(observation_set.SLOTS) == {Measure.POPULATION, Measure.INVESTMENT}
    assert {id(u): u.value for u in Universe} == observation_set._UNIVERSE_BY_ID
