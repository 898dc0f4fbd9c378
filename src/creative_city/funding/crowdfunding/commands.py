"""Commands: what a caller asks the platform to do (checked by :func:`decide`).

Every command is frozen and names the instant it is made (``at``). Its JSON form is
tagged by ``"type"`` (``"make_pledge"``, ...). Its ids are checked when it is decided
(a new pledge, backer or refund id by
:func:`~creative_city.funding.crowdfunding.definitions.check_id`; the others must name
what exists, whose ids passed it), so their schema states what it accepts.
"""

from __future__ import annotations

import datetime as _dt
from typing import Final, Union

import attrs

from creative_city.funding.crowdfunding.definitions import (
    ID_SCHEMA,
    CampaignDefinition,
    MatchPool,
)
from creative_city.money import Money
from creative_city.operation import SCHEMA_KEY
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


_ID: Final = {SCHEMA_KEY: ID_SCHEMA}
"""The metadata of an id field: the schema states what ``check_id`` accepts."""


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

    campaign_id: str = attrs.field(metadata=_ID)
    at: _dt.datetime


@attrs.frozen
class MakePledge:
    """Pledge *amount* (optionally for a reward tier); retrying the same pledge id is a no-op."""

    campaign_id: str = attrs.field(metadata=_ID)
    pledge_id: str = attrs.field(metadata=_ID)
    backer: str = attrs.field(metadata=_ID)
    amount: Money
    at: _dt.datetime
    tier_id: str | None = attrs.field(default=None, metadata=_ID)


@attrs.frozen
class ChangePledge:
    """Raise or lower a live pledge to *amount* (the same amount is a no-op)."""

    campaign_id: str = attrs.field(metadata=_ID)
    pledge_id: str = attrs.field(metadata=_ID)
    amount: Money
    at: _dt.datetime


@attrs.frozen
class CancelPledge:
    """Cancel a live pledge (cancelling it again is a no-op)."""

    campaign_id: str = attrs.field(metadata=_ID)
    pledge_id: str = attrs.field(metadata=_ID)
    at: _dt.datetime


@attrs.frozen
class ExtendDeadline:
    """Move the deadline later, before it passes and within the maximum duration."""

    campaign_id: str = attrs.field(metadata=_ID)
    deadline: _dt.datetime
    at: _dt.datetime


@attrs.frozen
class CancelCampaign:
    """The creator cancels the campaign before its deadline; every pledge is released."""

    campaign_id: str = attrs.field(metadata=_ID)
    at: _dt.datetime


@attrs.frozen
class CloseCampaign:
    """Decide the outcome at (or after) the deadline from the money pledged."""

    campaign_id: str = attrs.field(metadata=_ID)
    at: _dt.datetime


@attrs.frozen
class RecordCollection:
    """Record whether charging a pledge succeeded (recording the same outcome again is a no-op)."""

    campaign_id: str = attrs.field(metadata=_ID)
    pledge_id: str = attrs.field(metadata=_ID)
    succeeded: bool
    at: _dt.datetime


@attrs.frozen
class Settle:
    """Charge the fees and pay the creator, once every pledge's collection is recorded."""

    campaign_id: str = attrs.field(metadata=_ID)
    at: _dt.datetime


@attrs.frozen
class Refund:
    """Refund part or all of a collected pledge; idempotent by *refund_id*."""

    campaign_id: str = attrs.field(metadata=_ID)
    refund_id: str = attrs.field(metadata=_ID)
    pledge_id: str = attrs.field(metadata=_ID)
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
