"""The hubs package: its names come from its submodules, no name hides a submodule, and
every expected error in the hubs tests is pinned by field and rule."""

from __future__ import annotations

import ast
import importlib
import pathlib
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


def test_every_expected_error_in_the_hubs_tests_is_pinned_beyond_its_class():
    # A pytest.raises in these tests states the field and the rule: with match= (the
    # message is "field = value: rule"), or by reading the caught error's field, rule or
    # message afterwards (the venture tests' audit, for tests/test_hubs*.py).
    loose = []
    for path in sorted(pathlib.Path(__file__).parent.glob("test_hubs*.py")):
        tree = ast.parse(path.read_text())
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef):
                continue
            text = ast.unparse(function)
            for node in ast.walk(function):
                if not isinstance(node, ast.With):
                    continue
                for item in node.items:
                    call = item.context_expr
                    if not (
                        isinstance(call, ast.Call) and ast.unparse(call.func) == "pytest.raises"
                    ):
                        continue
                    if any(k.arg == "match" for k in call.keywords):
                        continue
                    name = item.optional_vars.id if item.optional_vars is not None else None
                    field = f"{name}.value.field"
                    rule = [f"{name}.value.rule", f"str({name}.value)"]
                    if name is None or field not in text or not any(r in text for r in rule):
                        loose.append(f"{path.name}:{node.lineno}")
    assert loose == []
