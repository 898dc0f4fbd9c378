"""Fixtures for every test, loaded as a plugin by the root conftest.py."""

from __future__ import annotations

import sys

import pytest

# Rule results the library remembers (bounded functools caches), by module and name.
_REMEMBERED = (("creative_city.funding.venture.projection", "_bowed_fraction"),)


@pytest.fixture(autouse=True)
def _forget_remembered_results() -> None:
    """Start every test with the library's caches of rule results empty.

    A test then always runs the rule itself. Mutation testing needs it: mutmut forks
    each mutant's run from a process that has already run the tests, and a warm cache
    would answer with the unmutated rule's results.
    """
    for module_name, name in _REMEMBERED:
        module = sys.modules.get(module_name)
        if module is not None:
            getattr(module, name).cache_clear()
