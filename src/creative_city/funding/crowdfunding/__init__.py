"""The "Creative City" crowdfunding platform: campaigns, pledges, match funding, settlement.

The platform is event-sourced. A :class:`Platform` is changed only by *commands*
(:class:`MakePledge`, :class:`CloseCampaign`, :class:`Refund`, ...): :func:`decide`
validates a command against the current state without touching it and returns the
*events* it causes (or raises the library's error, changing nothing); the events are
then folded into the state. The event log (:attr:`Platform.events`) is the audit trail:
:meth:`Platform.replay` rebuilds an equal platform from it, and :meth:`Platform.state`
returns a frozen :class:`PlatformState` snapshot. Commands, events and snapshots
round-trip through JSON.

Folding an event costs O(1) (the fold works on private mutable ledgers, so replaying
a million events takes seconds, not hours); only snapshots, campaign failure,
cancellation and settlement walk a campaign's pledges.

Where things live (one module per job; everything public is re-exported here):

* :mod:`~creative_city.funding.crowdfunding.definitions`: campaigns, reward tiers,
  stretch goals, fee policies, match pools, the status enums;
* :mod:`~creative_city.funding.crowdfunding.commands` and
  :mod:`~creative_city.funding.crowdfunding.events`: what is asked, what happened;
* :mod:`~creative_city.funding.crowdfunding.decisions`: :func:`decide`;
* :mod:`~creative_city.funding.crowdfunding.fold`: events applied to the
  :mod:`~creative_city.funding.crowdfunding.ledgers` (per campaign, pledge, backer);
* :mod:`~creative_city.funding.crowdfunding.matching`: match funding;
* :mod:`~creative_city.funding.crowdfunding.settlement`: fees, payout, refunds;
* :mod:`~creative_city.funding.crowdfunding.readouts`: summaries, statements, tier
  availability, snapshots;
* :mod:`~creative_city.funding.crowdfunding.platform`: :class:`Platform`, :class:`Campaign`;
* :mod:`~creative_city.funding.crowdfunding.operations`: the oracle's operations.

Money rules (see ``docs/crowdfunding.md``):

* the outcome is frozen at the deadline from *pledged* money (plus matched money if
  the pool counts it); failed collections afterwards only reduce the payout;
* every pledge ledger line keeps ``collected = payout + fees + refunded + held`` to
  the minor unit, and so do backers and campaigns; a pool keeps
  ``budget = available + reserved + paid``;
* matches round down, fees round with the policy's mode, the platform fee is split
  over pledges by the largest-remainder method.

>>> import datetime as dt
>>> from creative_city.money import Money
>>> t0 = dt.datetime(2022, 10, 1, tzinfo=dt.UTC)
>>> kzt = lambda amount: Money.of(amount, "KZT")
>>> platform = Platform()
>>> _ = platform.create_campaign(
...     CampaignDefinition(
...         id="album",
...         owner="studio-1",
...         goal=kzt(100_000),
...         launch=t0,
...         deadline=t0 + dt.timedelta(days=30),
...     ),
...     at=t0,
... )
>>> _ = platform.launch("album", at=t0)
>>> _ = platform.pledge("album", "p1", "aigerim", kzt(60_000), at=t0 + dt.timedelta(days=1))
>>> _ = platform.pledge("album", "p2", "daniyar", kzt(39_999), at=t0 + dt.timedelta(days=2))
>>> platform.summary("album").percent_of_goal  # 99.999 % reads 99.99, never 100
Decimal('99.99')
>>> platform.close("album", at=t0 + dt.timedelta(days=30))[0].outcome
<CampaignStatus.FAILED: 'failed'>
"""

from __future__ import annotations

from creative_city.funding.crowdfunding.commands import (
    CancelCampaign,
    CancelPledge,
    ChangePledge,
    CloseCampaign,
    Command,
    CreateCampaign,
    CreatePool,
    ExtendDeadline,
    LaunchCampaign,
    MakePledge,
    RecordCollection,
    Refund,
    Settle,
)
from creative_city.funding.crowdfunding.decisions import (
    decide,
)
from creative_city.funding.crowdfunding.definitions import (
    DEFAULT_MAX_DURATION,
    CampaignDefinition,
    CampaignStatus,
    FeeBearer,
    FeePolicy,
    FundingModel,
    MatchPool,
    PledgeStatus,
    RefundFees,
    RewardTier,
    StretchGoal,
    deadline_on,
)
from creative_city.funding.crowdfunding.events import (
    CampaignCancelled,
    CampaignClosed,
    CampaignCreated,
    CampaignLaunched,
    CampaignSettled,
    CollectionFailed,
    DeadlineExtended,
    Event,
    EventLog,
    PledgeCancelled,
    PledgeChanged,
    PledgeCollected,
    PledgeCreated,
    PledgeRefunded,
    PoolCreated,
)
from creative_city.funding.crowdfunding.platform import (
    Campaign,
    Platform,
    replay,
)
from creative_city.funding.crowdfunding.readouts import (
    BackerStatement,
    CampaignState,
    CampaignSummary,
    PlatformState,
    PledgeState,
    PoolState,
    RefundRecord,
    StretchGoalStatus,
    TierAvailability,
)

__all__ = [
    "DEFAULT_MAX_DURATION",
    "BackerStatement",
    "Campaign",
    "CampaignCancelled",
    "CampaignClosed",
    "CampaignCreated",
    "CampaignDefinition",
    "CampaignLaunched",
    "CampaignSettled",
    "CampaignState",
    "CampaignStatus",
    "CampaignSummary",
    "CancelCampaign",
    "CancelPledge",
    "ChangePledge",
    "CloseCampaign",
    "CollectionFailed",
    "Command",
    "CreateCampaign",
    "CreatePool",
    "DeadlineExtended",
    "Event",
    "EventLog",
    "ExtendDeadline",
    "FeeBearer",
    "FeePolicy",
    "FundingModel",
    "LaunchCampaign",
    "MakePledge",
    "MatchPool",
    "Platform",
    "PlatformState",
    "PledgeCancelled",
    "PledgeChanged",
    "PledgeCollected",
    "PledgeCreated",
    "PledgeRefunded",
    "PledgeState",
    "PledgeStatus",
    "PoolCreated",
    "PoolState",
    "RecordCollection",
    "Refund",
    "RefundFees",
    "RefundRecord",
    "RewardTier",
    "Settle",
    "StretchGoal",
    "StretchGoalStatus",
    "TierAvailability",
    "deadline_on",
    "decide",
    "replay",
]
