"""Packages that load their submodules on first use (private).

A package lists which submodule defines each public name and calls :func:`install`;
``from package import Name`` then imports that one submodule, ``package.__all__`` and
``dir(package)`` list the names, and ``package.submodule`` still works after
``import package``. Where a function shares its submodule's name (``occupancy``,
``seasonality``), the function wins, as it does with eager re-exports.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Mapping

__all__ = ["install"]


class _Package(types.ModuleType):
    # Importing a submodule binds it on its package, which would hide a function of
    # the same name: bind the function instead.
    def __setattr__(self, name: str, value: object) -> None:
        where: Mapping[str, str] = self.__dict__.get("_WHERE", {})
        if isinstance(value, types.ModuleType) and where.get(name) == name:
            value = getattr(value, name)
        super().__setattr__(name, value)


def install(package: str, where: Mapping[str, str]) -> None:
    """Make *package* load the submodule ``where[name]`` when *name* is first used.

    Args:
        package: The package's ``__name__``.
        where: Each public name (in ``__all__`` order) and its submodule's short name.
    """
    module = sys.modules[package]
    parts = frozenset(where.values())

    def __getattr__(name: str) -> object:  # noqa: N807 - the module hook (PEP 562)
        if name == "__all__":
            return list(where)
        part = where.get(name)
        if part is None:
            if name in parts:  # ``package.submodule`` after ``import package``
                return importlib.import_module(f"{package}.{name}")
            message = f"module {package!r} has no attribute {name!r}"
            raise AttributeError(message)
        value = getattr(importlib.import_module(f"{package}.{part}"), name)
        setattr(module, name, value)
        return value

    def __dir__() -> list[str]:  # noqa: N807 - the module hook (PEP 562)
        return sorted(where)

    module.__dict__["_WHERE"] = where
    module.__dict__["__getattr__"] = __getattr__
    module.__dict__["__dir__"] = __dir__
    module.__class__ = _Package
