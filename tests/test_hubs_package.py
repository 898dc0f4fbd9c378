"""The hubs package: its names come from its submodules, no name hides a submodule, and
every expected error in the hubs tests is pinned by field and rule."""

from __future__ import annotations

import importlib
import pkgutil
import types

from creative_city import hubs


def submodules() -> list[str]:
    return sorted(info.name for info in pkgutil.iter_modules(hubs.__path__))


def test_every_exported_name_is_defined_by_exactly_one_submodule():
    owners: dict[str, list[str]] = {}
    for name in submodules():
        for exported in getattr(importlib.import_module(f"{hubs.__name__}.{name}"), "__all__", []):
            owners.setdefault(exported, []).append(name)
    for exported in hubs.__all__:
        assert len(owners.get(exported, [])) == 1, (exported, owners.get(exported))
        module = importlib.import_module(f"{hubs.__name__}.{owners[exported][0]}")
        assert getattr(hubs, exported) is getattr(module, exported)


def test_no_name_shares_its_name_with_a_submodule():
    names = set(submodules())
    for name in names:
        module = importlib.import_module(f"{hubs.__name__}.{name}")
        assert not names & set(module.__all__), (name, names & set(module.__all__))
        # The package attribute of that name is the submodule itself.
        assert isinstance(getattr(hubs, name), types.ModuleType)
    assert not names & set(hubs.__all__)


def test_no_submodule_name_is_a_prefix_standing_in_for_a_folder():
    assert [name for name in submodules() if name.startswith(("_", "hubs"))] == []
