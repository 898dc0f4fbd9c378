"""Funding: the "Creative City" crowdfunding platform and the city venture fund.

Two independent parts share this namespace:

* :mod:`creative_city.funding.crowdfunding`: campaigns, pledges, match funding,
  settlement and refunds;
* :mod:`creative_city.funding.venture`: the venture fund, capital calls, the
  investment policy, fund analytics (including :func:`xirr`) and projections.

Every public name of both is re-exported here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from creative_city._lazy import install

if TYPE_CHECKING:
    from creative_city.funding.crowdfunding import *  # noqa: F403
    from creative_city.funding.venture import *  # noqa: F403

# The two parts load on first use: importing one (say for an oracle operation) does
# not pay for the other. ``from creative_city.funding import xirr`` works as usual.
_WHERE: Final[dict[str, str]] = {
    "BackerStatement": "crowdfunding",
    "CallPurpose": "venture",
    "Campaign": "crowdfunding",
    "CampaignCancelled": "crowdfunding",
    "CampaignClosed": "crowdfunding",
    "CampaignCreated": "crowdfunding",
    "CampaignDefinition": "crowdfunding",
    "CampaignLaunched": "crowdfunding",
    "CampaignSettled": "crowdfunding",
    "CampaignState": "crowdfunding",
    "CampaignStatus": "crowdfunding",
    "CampaignSummary": "crowdfunding",
    "CancelCampaign": "crowdfunding",
    "CancelPledge": "crowdfunding",
    "CapitalCalled": "venture",
    "CapitalDistributed": "venture",
    "ChangePledge": "crowdfunding",
    "CloseCampaign": "crowdfunding",
    "CollectionFailed": "crowdfunding",
    "Command": "crowdfunding",
    "CommitmentMade": "venture",
    "CreateCampaign": "crowdfunding",
    "CreatePool": "crowdfunding",
    "DEFAULT_MAX_DURATION": "crowdfunding",
    "DeadlineExtended": "crowdfunding",
    "Event": "crowdfunding",
    "EventLog": "crowdfunding",
    "ExtendDeadline": "crowdfunding",
    "FeeBearer": "crowdfunding",
    "FeePolicy": "crowdfunding",
    "FollowOnReserve": "venture",
    "Fund": "venture",
    "FundAnalytics": "venture",
    "FundStatement": "venture",
    "FundTerms": "venture",
    "FundingModel": "crowdfunding",
    "Holding": "venture",
    "HoldingExited": "venture",
    "HoldingMarked": "venture",
    "HoldingStatus": "venture",
    "HoldingWrittenOff": "venture",
    "InvestmentMade": "venture",
    "InvestmentPeriodOpen": "venture",
    "InvestmentPeriodResumed": "venture",
    "InvestmentPeriodSuspended": "venture",
    "InvestmentPolicy": "venture",
    "InvestmentStage": "venture",
    "LPAmount": "venture",
    "LPKind": "venture",
    "LPStatement": "venture",
    "LaunchCampaign": "crowdfunding",
    "MakePledge": "crowdfunding",
    "MatchPool": "crowdfunding",
    "MaxOwnership": "venture",
    "MaxPublicShareOfRound": "venture",
    "MaxTicket": "venture",
    "MinTicket": "venture",
    "PerCompanyCap": "venture",
    "Platform": "crowdfunding",
    "PlatformState": "crowdfunding",
    "PledgeCancelled": "crowdfunding",
    "PledgeChanged": "crowdfunding",
    "PledgeCollected": "crowdfunding",
    "PledgeCreated": "crowdfunding",
    "PledgeRefunded": "crowdfunding",
    "PledgeState": "crowdfunding",
    "PledgeStatus": "crowdfunding",
    "PolicyDecision": "venture",
    "PoolCreated": "crowdfunding",
    "PoolState": "crowdfunding",
    "Projection": "venture",
    "ProjectionParameters": "venture",
    "ProjectionYear": "venture",
    "ProposedInvestment": "venture",
    "RecordCollection": "crowdfunding",
    "Refund": "crowdfunding",
    "RefundFees": "crowdfunding",
    "RefundRecord": "crowdfunding",
    "RewardTier": "crowdfunding",
    "RoundKind": "venture",
    "SectorConcentrationCap": "venture",
    "Settle": "crowdfunding",
    "StageConcentrationCap": "venture",
    "StretchGoal": "crowdfunding",
    "StretchGoalStatus": "crowdfunding",
    "TierAvailability": "crowdfunding",
    "Violation": "venture",
    "deadline_on": "crowdfunding",
    "decide": "crowdfunding",
    "evaluate": "venture",
    "project": "venture",
    "replay": "crowdfunding",
    "xirr": "venture",
    "xirr_roots": "venture",
    "xnpv": "venture",
}
"""The part that defines each public name (the package's ``__all__``, in order)."""

install(__name__, _WHERE)
