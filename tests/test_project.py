"""Project conventions: the README's two commands, CI, public modules."""

from __future__ import annotations

import importlib
import pathlib
import pkgutil
import re
import typing

import pytest

import creative_city

ROOT = pathlib.Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text()
    assert readme.startswith("# creative-city")
    section = readme.split("## Quick start", 1)[1]
    block = re.search(r"```bash\n(.*?)```", section, re.DOTALL)
    assert block is not None
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_readme_opens_with_a_quick_start_of_exactly_two_commands():
    readme = (ROOT / "README.md").read_text()
    first_section = re.search(r"^## (.+)$", readme, re.MULTILINE)
    assert first_section is not None
    assert first_section.group(1) == "Quick start"
    assert len(quick_start_commands()) == 2


def test_ci_runs_the_readme_test_command_verbatim():
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert quick_start_commands()[1] in ci
    for tool in ("ruff check", "ruff format --check", "mypy --strict src"):
        assert any(tool in line for line in ci)


def public_modules() -> list[str]:
    return [
        info.name
        for info in pkgutil.walk_packages(creative_city.__path__, "creative_city.")
        if not any(part.startswith("_") for part in info.name.split("."))
    ]


@pytest.mark.parametrize("name", public_modules())
def test_every_public_module_has_an_all_of_documented_names(name):
    # Sorting of __all__ is enforced by ruff (RUF022, isort-style order).
    module = importlib.import_module(name)
    exported = getattr(module, "__all__", None)
    assert exported is not None, f"{name} has no __all__"
    assert module.__doc__, f"{name} has no docstring"
    for attribute in exported:
        value = getattr(module, attribute)
        # Type aliases (unions of event classes) are documented where they are defined.
        if typing.get_origin(value) is not None:
            continue
        if callable(value) and not isinstance(value, type(re)):
            assert getattr(value, "__doc__", None), f"{name}.{attribute} has no docstring"


def test_py_typed_is_shipped():
    assert (ROOT / "src" / "creative_city" / "py.typed").exists()


def test_changelog_follows_keep_a_changelog():
    text = (ROOT / "CHANGELOG.md").read_text()
    assert "## [Unreleased]" in text
    assert "Keep a Changelog" in text
