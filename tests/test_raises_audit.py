"""Every expected error in the suite is pinned beyond its class (issue 22).

A ``pytest.raises`` that checks only the class lets an error raised for another field
or another rule pass. So each one in ``tests/`` states what it expects: a ``match=``
pattern (the library's messages read ``field = value: rule``), or the test reads the
caught error afterwards: its ``field``, ``rule`` or message, or, for the few errors
that are not the library's, the exit code or the path they carry.
"""

from __future__ import annotations

import ast
import pathlib

TESTS = pathlib.Path(__file__).parent
READS = ("value.field", "value.rule", "value.code", "value.absolute_path")


def _loose(path: pathlib.Path) -> list[str]:
    """The ``pytest.raises`` of *path* that state nothing beyond the class."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    loose = []
    for function in ast.walk(tree):
        if not isinstance(function, ast.FunctionDef):
            continue
        text = ast.unparse(function)
        for node in ast.walk(function):
            if not isinstance(node, ast.With):
                continue
            for item in node.items:
                call = item.context_expr
                if not (isinstance(call, ast.Call) and ast.unparse(call.func) == "pytest.raises"):
                    continue
                if any(keyword.arg == "match" for keyword in call.keywords):
                    continue
                name = item.optional_vars.id if isinstance(item.optional_vars, ast.Name) else None
                reads = [f"{name}.{read}" for read in READS] + [f"str({name}.value)"]
                if name is None or not any(read in text for read in reads):
                    loose.append(f"{path.name}:{node.lineno}")
    return loose


def test_every_expected_error_is_pinned_beyond_its_class() -> None:
    loose = [place for path in sorted(TESTS.glob("test_*.py")) for place in _loose(path)]
    assert loose == []


def test_the_audit_finds_a_raises_that_checks_only_the_class(tmp_path: pathlib.Path) -> None:
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "def test_loose():\n"
        "    with pytest.raises(ValueError):\n"
        "        f()\n"
        "def test_matched():\n"
        "    with pytest.raises(ValueError, match='x = 1: must be > 1'):\n"
        "        f()\n"
        "def test_read():\n"
        "    with pytest.raises(ValueError) as caught:\n"
        "        f()\n"
        "    assert caught.value.field == 'x'\n",
        encoding="utf-8",
    )
    assert _loose(sample) == ["test_sample.py:2"]
