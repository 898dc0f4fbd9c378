"""Events: the facts a command caused, in the order they happened (the audit trail).

The fold (:mod:`creative_city.funding.crowdfunding.fold`) applies them to the ledgers
without checking them again. Their JSON form is tagged by ``"type"``
(``"pledge_created"``, ...); an :class:`EventLog` is a whole log as one document.
"""

from __future__ import annotations

import datetime as _dt
from typing import Union

import attrs

from creative_city.funding.crowdfunding.definitions import (
    CampaignDefinition,
    CampaignStatus,
    MatchPool,
    to_tuple,
)
from creative_city.money import Money
from creative_city.serialization import register_tagged_union

__all__ = [
    "CampaignCancelled",
    "CampaignClosed",
    "CampaignCreated",
    "CampaignLaunched",
    "CampaignSettled",
    "CollectionFailed",
    "DeadlineExtended",
    "Event",
    "EventLog",
    "PledgeCancelled",
    "PledgeChanged",
    "PledgeCollected",
    "PledgeCreated",
    "PledgeRefunded",
    "PoolCreated",
]


@attrs.frozen
class PoolCreated:
    """A match pool was opened."""

    pool: MatchPool
    at: _dt.datetime


@attrs.frozen
class CampaignCreated:
    """A campaign was registered as a draft."""

    definition: CampaignDefinition
    at: _dt.datetime


@attrs.frozen
class CampaignLaunched:
    """A campaign went live."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class PledgeCreated:
    """A pledge was made; *match* is what the pool committed to it."""

    campaign_id: str
    pledge_id: str
    backer: str
    amount: Money
    tier_id: str | None
    match: Money
    at: _dt.datetime


@attrs.frozen
class PledgeChanged:
    """A pledge's amount changed; *amount* and *match* are the new values."""

    campaign_id: str
    pledge_id: str
    amount: Money
    match: Money
    at: _dt.datetime


@attrs.frozen
class PledgeCancelled:
    """A backer cancelled a pledge; its reward unit and match were freed."""

    campaign_id: str
    pledge_id: str
    at: _dt.datetime


@attrs.frozen
class DeadlineExtended:
    """The deadline moved to *deadline*."""

    campaign_id: str
    deadline: _dt.datetime
    at: _dt.datetime


@attrs.frozen
class CampaignCancelled:
    """The creator cancelled; every pledge was released and every match returned."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class CampaignClosed:
    """The outcome (funded or failed) was frozen from *pledged* (+ *matched* if it counts)."""

    campaign_id: str
    outcome: CampaignStatus
    pledged: Money
    matched: Money
    at: _dt.datetime


@attrs.frozen
class PledgeCollected:
    """A pledge was charged: *amount* is what the backer paid (pledge + fees on top)."""

    campaign_id: str
    pledge_id: str
    amount: Money
    at: _dt.datetime


@attrs.frozen
class CollectionFailed:
    """Charging a pledge failed; its match went back to the pool."""

    campaign_id: str
    pledge_id: str
    at: _dt.datetime


@attrs.frozen
class CampaignSettled:
    """Fees were charged and the creator paid (totals for the audit trail)."""

    campaign_id: str
    fees: Money
    payout: Money
    match_paid: Money
    at: _dt.datetime


@attrs.frozen
class PledgeRefunded:
    """Part or all of a collected pledge went back to its backer."""

    campaign_id: str
    refund_id: str
    pledge_id: str
    amount: Money
    at: _dt.datetime


Event = Union[  # noqa: UP007 - a runtime union for cattrs
    PoolCreated,
    CampaignCreated,
    CampaignLaunched,
    PledgeCreated,
    PledgeChanged,
    PledgeCancelled,
    DeadlineExtended,
    CampaignCancelled,
    CampaignClosed,
    PledgeCollected,
    CollectionFailed,
    CampaignSettled,
    PledgeRefunded,
]
"""Every event; JSON form tagged by ``"type"`` (``"pledge_created"``, ...)."""


def _to_events(value: object) -> tuple[object, ...]:
    return to_tuple(value, "events")


@attrs.frozen
class EventLog:
    """An event log as one JSON document (each event tagged by ``"type"``).

    >>> from creative_city.serialization import from_json, to_json
    >>> log = EventLog(())
    >>> from_json(to_json(log), EventLog) == log
    True
    """

    events: tuple[Event, ...] = attrs.field(converter=_to_events)


register_tagged_union(Event, tag="type")
