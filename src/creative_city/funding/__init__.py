"""Funding: the "Creative City" crowdfunding platform and the city venture fund.

Two independent parts share this namespace:

* :mod:`creative_city.funding.crowdfunding`: campaigns, pledges, match funding,
  settlement and refunds;
* :mod:`creative_city.funding.venture`: the venture fund, capital calls, the
  investment policy, fund analytics (including :func:`xirr`) and projections.

Every public name of both is re-exported here.
"""

from __future__ import annotations

from creative_city.funding import crowdfunding, venture
from creative_city.funding.crowdfunding import *  # noqa: F403 - the part's __all__
from creative_city.funding.venture import *  # noqa: F403 - the part's __all__

__all__ = sorted([*crowdfunding.__all__, *venture.__all__])  # noqa: PLE0605 - derived
