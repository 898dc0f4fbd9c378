"""Hypothesis strategies for the crowdfunding types (:mod:`creative_city.funding.crowdfunding`).

Every strategy builds valid values only. :func:`register` (called by the hypothesis
plugin) makes ``st.from_type(CampaignDefinition)`` and friends work.

>>> from hypothesis import given, settings
>>> @settings(max_examples=10)
... @given(platforms())
... def test(platform):
...     for cid in platform.campaign_ids:
...         s = platform.summary(cid)
...         assert s.collected == s.payout + s.fees + s.refunded + s.held
>>> test()
"""

from __future__ import annotations

import datetime as _dt
import decimal

from hypothesis import assume
from hypothesis import strategies as st

from creative_city.errors import CreativeCityError
from creative_city.funding.crowdfunding import (
    CampaignDefinition,
    CampaignStatus,
    FeeBearer,
    FeePolicy,
    FundingModel,
    MatchPool,
    Platform,
    PledgeStatus,
    RefundFees,
    RewardTier,
    StretchGoal,
)
from creative_city.money import Currency, Money, get_currency
from creative_city.testing.strategies import aware_datetimes

__all__ = [
    "campaign_definitions",
    "fee_policies",
    "match_pools",
    "platforms",
    "register",
    "reward_tiers",
    "stretch_goals",
]

_IDS = st.from_regex(r"[a-z][a-z0-9\-]{0,11}", fullmatch=True)


def _money(currency: Currency, low: int, high: int) -> st.SearchStrategy[Money]:
    return st.integers(low, high).map(lambda units: Money.from_minor(units, currency))


def fee_policies() -> st.SearchStrategy[FeePolicy]:
    """Fee policies: rates below 50 % each, any rounding, any bearers."""
    rates = st.decimals(min_value=0, max_value="0.49", places=4)
    return st.builds(
        FeePolicy,
        platform_rate=rates,
        payment_rate=rates,
        rounding=st.sampled_from(
            [decimal.ROUND_HALF_EVEN, decimal.ROUND_HALF_UP, decimal.ROUND_DOWN, decimal.ROUND_UP]
        ),
        platform_fee_bearer=st.sampled_from(FeeBearer),
        payment_fee_bearer=st.sampled_from(FeeBearer),
        refund_fees=st.sampled_from(RefundFees),
    )


@st.composite
def reward_tiers(draw: st.DrawFn, *, currency: str | Currency = "KZT") -> RewardTier:
    """Reward tiers with a positive minimum and an optional limit."""
    cur = get_currency(currency)
    return RewardTier(
        draw(_IDS),
        draw(_money(cur, 1, 10**7)),
        limit=draw(st.none() | st.integers(1, 1000)),
    )


@st.composite
def stretch_goals(draw: st.DrawFn, *, currency: str | Currency = "KZT") -> StretchGoal:
    """Stretch goals with a positive target."""
    cur = get_currency(currency)
    return StretchGoal(draw(_IDS), draw(_money(cur, 1, 10**10)))


@st.composite
def match_pools(draw: st.DrawFn, *, currency: str | Currency = "KZT") -> MatchPool:
    """Match pools: budget, factor 0.01-5, optional caps, counting or not."""
    cur = get_currency(currency)
    return MatchPool(
        draw(_IDS),
        draw(_money(cur, 1, 10**10)),
        factor=draw(st.decimals(min_value="0.01", max_value=5, places=2)),
        per_pledge_cap=draw(st.none() | _money(cur, 1, 10**8)),
        per_campaign_cap=draw(st.none() | _money(cur, 1, 10**9)),
        counts_toward_goal=draw(st.booleans()),
    )


@st.composite
def campaign_definitions(
    draw: st.DrawFn, *, currency: str | Currency = "KZT", pool_id: str | None = None
) -> CampaignDefinition:
    """Campaign definitions: 1 hour to 60 days long, tiers and stretch goals unique by id."""
    cur = get_currency(currency)
    launch = draw(aware_datetimes())
    seconds = draw(st.integers(3600, 60 * 86400))
    # Elapsed time, as the definition measures its duration (not wall-clock arithmetic).
    deadline = (launch.astimezone(_dt.UTC) + _dt.timedelta(seconds=seconds)).astimezone(
        launch.tzinfo
    )
    # Wall-clock arithmetic can land in a DST fold; such a datetime does not compare
    # equal after a JSON round trip (see aware_datetimes), so it is left out.
    assume(deadline.replace(fold=1 - deadline.fold).utcoffset() == deadline.utcoffset())
    minimum = draw(st.none() | _money(cur, 1, 10**4))
    cap = draw(st.none() | _money(cur, 10**4, 10**9))
    return CampaignDefinition(
        id=draw(_IDS),
        owner=draw(_IDS),
        goal=draw(_money(cur, 1, 10**10)),
        launch=launch,
        deadline=deadline,
        model=draw(st.sampled_from(FundingModel)),
        minimum_pledge=minimum,
        per_backer_cap=cap,
        tiers=draw(st.lists(reward_tiers(currency=cur), max_size=4, unique_by=lambda t: t.id)),
        stretch_goals=draw(
            st.lists(stretch_goals(currency=cur), max_size=3, unique_by=lambda g: g.id)
        ),
        pool_id=pool_id,
        fees=draw(fee_policies()),
    )


@st.composite
def platforms(draw: st.DrawFn, *, max_pledges: int = 12) -> Platform:
    """Platforms with one pool and one campaign carried through a random valid history.

    The campaign takes random pledges (some rejected commands are simply skipped),
    and is then left live, or closed and (when funded) collected, settled and partly
    refunded.
    """
    cur = get_currency(draw(st.sampled_from(["KZT", "USD", "JPY", "KWD"])))
    pool = draw(match_pools(currency=cur))
    definition = draw(campaign_definitions(currency=cur, pool_id=pool.id))
    platform = Platform()
    platform.create_pool(pool, at=definition.launch)
    platform.create_campaign(definition, at=definition.launch)
    platform.launch(definition.id, at=definition.launch)
    cid = definition.id
    tier_ids = [t.id for t in definition.tiers]
    for index in range(draw(st.integers(0, max_pledges))):
        units = draw(st.integers(1, 10**7))
        tier = draw(st.none() | st.sampled_from(tier_ids)) if tier_ids else None
        try:
            platform.pledge(
                cid,
                f"p{index}",
                f"b{draw(st.integers(0, 4))}",
                Money.from_minor(units, cur),
                at=definition.launch,
                tier_id=tier,
            )
        except CreativeCityError:
            continue
    stage = draw(st.sampled_from(["live", "closed", "settled"]))
    if stage == "live":
        return platform
    platform.close(cid, at=definition.deadline)
    if stage == "settled" and platform.summary(cid).status is CampaignStatus.FUNDED:
        for pledge in platform.campaign_state(cid).pledges:
            if pledge.status is PledgeStatus.ACTIVE:
                ok = draw(st.booleans())
                platform.record_collection(cid, pledge.id, succeeded=ok, at=definition.deadline)
        platform.settle(cid, at=definition.deadline)
        for pledge in platform.campaign_state(cid).pledges:
            if pledge.collected.minor and draw(st.booleans()):
                units = draw(st.integers(1, pledge.collected.minor))
                platform.refund(
                    cid, f"r-{pledge.id}", pledge.id, Money.from_minor(units, cur),
                    at=definition.deadline,
                )  # fmt: skip
    return platform


def register() -> None:
    """Register the strategies with hypothesis (``st.from_type`` support)."""
    st.register_type_strategy(FeePolicy, fee_policies())
    st.register_type_strategy(RewardTier, reward_tiers())
    st.register_type_strategy(StretchGoal, stretch_goals())
    st.register_type_strategy(MatchPool, match_pools())
    st.register_type_strategy(CampaignDefinition, campaign_definitions())
    st.register_type_strategy(Platform, platforms())
