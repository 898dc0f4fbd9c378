"""``creative_city.funding``, ``hubs`` and ``tourism`` load their submodules on first use.

Their public names stay where they were (``from creative_city.hubs import Hub``,
``creative_city.tourism.cagr``, ``from creative_city.tourism import *``); each package
keeps a table of which submodule defines which name, checked here against the
submodules' ``__all__``.
"""

from __future__ import annotations

import importlib
import subprocess
import sys

import pytest

PACKAGES = {
    "creative_city.funding": ("crowdfunding", "venture"),
    "creative_city.hubs": (
        "_kinds",
        "admission",
        "availability",
        "model",
        "occupancy",
        "recurrence",
        "rollout",
        "utilisation",
    ),
    "creative_city.tourism": ("indicators", "kpi", "observations", "seasonality", "tables"),
}
# Public in a submodule but never re-exported by the package.
NOT_REEXPORTED = {"creative_city.tourism": {"context"}}


@pytest.mark.parametrize("package", sorted(PACKAGES))
def test_the_package_re_exports_its_submodules_public_names(package):
    module = importlib.import_module(package)
    defined = {}
    for part in PACKAGES[package]:
        submodule = importlib.import_module(f"{package}.{part}")
        for name in submodule.__all__:
            defined.setdefault(name, getattr(submodule, name))
    expected = set(defined) - NOT_REEXPORTED.get(package, set())
    assert set(module.__all__) == expected
    assert len(module.__all__) == len(set(module.__all__))
    for name in module.__all__:
        assert getattr(module, name) is defined[name], name
    assert dir(module) == sorted(module.__all__)
    with pytest.raises(AttributeError, match="no attribute 'no_such_name'"):
        _ = module.no_such_name


def test_a_function_named_like_its_submodule_stays_the_function():
    # Loading the submodule binds it on the package; the function must win.
    importlib.import_module("creative_city.hubs.occupancy")
    importlib.import_module("creative_city.tourism.seasonality")
    hubs = sys.modules["creative_city.hubs"]
    tourism = sys.modules["creative_city.tourism"]
    assert callable(hubs.occupancy)
    assert hubs.occupancy is sys.modules["creative_city.hubs.occupancy"].occupancy
    assert tourism.seasonality is sys.modules["creative_city.tourism.seasonality"].seasonality


def test_names_load_only_their_submodule():
    code = (
        "import sys\n"
        "from creative_city.hubs import Hub\n"
        "from creative_city.tourism import cagr\n"
        "import creative_city.tourism\n"
        "assert creative_city.tourism.cagr is cagr\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('creative_city.'))))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    loaded = set(result.stdout.split())
    assert {"creative_city.hubs.model", "creative_city.tourism.indicators"} <= loaded
    assert not loaded & {
        "creative_city.hubs.admission",
        "creative_city.hubs.rollout",
        "creative_city.tourism.tables",
        "creative_city.tourism.kpi",
    }


def test_star_import_gives_every_public_name():
    namespace: dict[str, object] = {}
    exec("from creative_city.tourism import *", namespace)  # noqa: S102 - the statement under test
    tourism = importlib.import_module("creative_city.tourism")
    assert set(namespace) - {"__builtins__"} == set(tourism.__all__)
