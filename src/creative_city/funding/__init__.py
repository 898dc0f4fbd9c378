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
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from creative_city.funding.crowdfunding import *  # noqa: F403
    from creative_city.funding.venture import *  # noqa: F403

# The two parts load on first use: importing one (say for an oracle operation) does
# not pay for the other. ``from creative_city.funding import xirr`` works as usual.
_PARTS = ("creative_city.funding.crowdfunding", "creative_city.funding.venture")


def _names() -> dict[str, str]:
    found: dict[str, str] = {}
    for part in _PARTS:
        for name in importlib.import_module(part).__all__:
            found[name] = part
    return found


def __getattr__(name: str) -> Any:  # noqa: ANN401
    if name == "__all__":
        return sorted(_names())
    part = _names().get(name)
    if part is None:
        message = f"module 'creative_city.funding' has no attribute {name!r}"
        raise AttributeError(message)
    return getattr(importlib.import_module(part), name)


def __dir__() -> list[str]:
    return sorted(_names())
