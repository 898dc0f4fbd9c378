"""The three rules of docs/architecture.md, read off the source with :mod:`ast`.

1. The core (errors, money, time, serialization, operation) imports no part above it.
2. The domain parts (crowdfunding, venture, hubs, tourism) import only the core: they
   never import one another, the programme, the oracle or the command line.
3. Only the command line and the conformance runner do I/O: no other module imports a
   process, socket or HTTP module, reads the clock or opens a file by name.
"""

from __future__ import annotations

import ast
import pathlib

import pytest

SRC = pathlib.Path(__file__).resolve().parent.parent / "src" / "creative_city"

CORE = frozenset({"errors", "money", "time", "serialization", "operation", "_version"})
DOMAINS = frozenset({"funding.crowdfunding", "funding.venture", "hubs", "tourism"})
COMPOSITION = frozenset({"programme", "scenarios"})
# What each layer may import besides itself.
ALLOWED = {
    "core": CORE,
    "domain": CORE,
    "composition": CORE | DOMAINS | {"funding"},
}
# The I/O of these is their job: the command line, the runner of other
# implementations, and the scenario engines, which hand work to executors and to a
# Dask scheduler the caller names.
IO_MODULES = frozenset({"creative_city.__main__", "creative_city.scenarios.engines"})
IO_PACKAGES = ("creative_city.cli", "creative_city.conformance")
# ``time`` is the standard library's clock (the library's own is ``creative_city.time``).
FORBIDDEN_IMPORTS = frozenset(
    {"subprocess", "socket", "http", "urllib", "shutil", "tempfile", "time"}
)
CLOCK_CALLS = frozenset({"now", "today", "utcnow", "utctoday"})


def modules() -> list[tuple[str, ast.Module]]:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        relative = path.relative_to(SRC.parent).with_suffix("")
        name = ".".join(relative.parts).removesuffix(".__init__")
        found.append((name, ast.parse(path.read_text(encoding="utf-8"))))
    return found


def part_of(module: str) -> str:
    parts = module.split(".")[1:]
    if not parts:
        return ""
    if parts[0] == "funding" and len(parts) > 1:
        return f"funding.{parts[1]}"
    return parts[0]


def layer_of(part: str) -> str | None:
    if part in CORE:
        return "core"
    if part in DOMAINS:
        return "domain"
    if part in COMPOSITION:
        return "composition"
    return None  # the entry points and the test strategies may import anything


def imported(tree: ast.Module) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module)
    return names


MODULES = modules()


@pytest.mark.parametrize(("name", "tree"), MODULES, ids=[name for name, _ in MODULES])
def test_a_module_imports_only_its_own_layer_and_those_below(name, tree):
    part = part_of(name)
    layer = layer_of(part)
    if layer is None:
        return
    allowed = ALLOWED[layer] | {part}
    wrong = sorted(
        target
        for target in imported(tree)
        if target.startswith("creative_city.") and part_of(target) not in allowed
    )
    assert wrong == [], f"{name} ({layer}) imports {wrong}"


def test_the_rules_see_every_part():
    parts = {part_of(name) for name, _ in MODULES}
    assert parts >= CORE | DOMAINS | COMPOSITION


@pytest.mark.parametrize(("name", "tree"), MODULES, ids=[name for name, _ in MODULES])
def test_only_the_entry_points_do_io(name, tree):
    if name in IO_MODULES or name.startswith(IO_PACKAGES):
        return
    wrong = sorted(t for t in imported(tree) if t.partition(".")[0] in FORBIDDEN_IMPORTS)
    assert wrong == [], f"{name} imports {wrong}"
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name):
                assert function.id != "open", f"{name} opens a file (line {node.lineno})"
            if isinstance(function, ast.Attribute):
                assert function.attr not in CLOCK_CALLS, (
                    f"{name} reads the clock with .{function.attr}() (line {node.lineno})"
                )
