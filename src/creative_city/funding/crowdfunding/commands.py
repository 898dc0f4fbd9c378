"""Commands: what a caller asks the platform to do (checked by :func:`decide`).

Every command is frozen and names the instant it is made (``at``). Its JSON form is
tagged by ``"type"`` (``"make_pledge"``, ...).
"""

from __future__ import annotations

import datetime as _dt
from typing import Union

import attrs

from creative_city.funding.crowdfunding.definitions import CampaignDefinition, MatchPool
from creative_city.money import Money
from creative_city.serialization import register_tagged_union

__all__ = [
    "CancelCampaign",
    "CancelPledge",
    "ChangePledge",
    "CloseCampaign",
    "Command",
    "CreateCampaign",
    "CreatePool",
    "ExtendDeadline",
    "LaunchCampaign",
    "MakePledge",
    "RecordCollection",
    "Refund",
    "Settle",
]


@attrs.frozen
class CreatePool:
    """Open a match-funding pool."""

    pool: MatchPool
    at: _dt.datetime


@attrs.frozen
class CreateCampaign:
    """Register a campaign as a draft."""

    definition: CampaignDefinition
    at: _dt.datetime


@attrs.frozen
class LaunchCampaign:
    """Take a draft campaign live."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class MakePledge:
    """Pledge *amount* (optionally for a reward tier); retrying the same pledge id is a no-op."""

    campaign_id: str
    pledge_id: str
    backer: str
    amount: Money
    at: _dt.datetime
    tier_id: str | None = None


@attrs.frozen
class ChangePledge:
    """Raise or lower a live pledge to *amount* (the same amount is a no-op)."""

    campaign_id: str
    pledge_id: str
    amount: Money
    at: _dt.datetime


@attrs.frozen
class CancelPledge:
    """Cancel a live pledge (cancelling it again is a no-op)."""

    campaign_id: str
    pledge_id: str
    at: _dt.datetime


@attrs.frozen
class ExtendDeadline:
    """Move the deadline later, before it passes and within the maximum duration."""

    campaign_id: str
    deadline: _dt.datetime
    at: _dt.datetime


@attrs.frozen
class CancelCampaign:
    """The creator cancels the campaign before its deadline; every pledge is released."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class CloseCampaign:
    """Decide the outcome at (or after) the deadline from the money pledged."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class RecordCollection:
    """Record whether charging a pledge succeeded (recording the same outcome again is a no-op)."""

    campaign_id: str
    pledge_id: str
    succeeded: bool
    at: _dt.datetime


@attrs.frozen
class Settle:
    """Charge the fees and pay the creator, once every pledge's collection is recorded."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class Refund:
    """Refund part or all of a collected pledge; idempotent by *refund_id*."""

    campaign_id: str
    refund_id: str
    pledge_id: str
    amount: Money
    at: _dt.datetime


Command = Union[  # noqa: UP007 - a runtime union for cattrs
    CreatePool,
    CreateCampaign,
    LaunchCampaign,
    MakePledge,
    ChangePledge,
    CancelPledge,
    ExtendDeadline,
    CancelCampaign,
    CloseCampaign,
    RecordCollection,
    Settle,
    Refund,
]
"""Every command; JSON form tagged by ``"type"`` (``"make_pledge"``, ...)."""

register_tagged_union(Command, tag="type")
