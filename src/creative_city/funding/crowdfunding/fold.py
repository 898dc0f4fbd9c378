"""The fold: apply an event to the ledgers (events are facts, not checked again).

:data:`HANDLERS` maps each event class to the function that applies it. A pledge
event costs O(1); only a campaign's failure, cancellation and settlement walk its
pledges. :meth:`~creative_city.funding.crowdfunding.Platform.execute` folds the
events that :func:`~creative_city.funding.crowdfunding.decide` returned, and
:meth:`~creative_city.funding.crowdfunding.Platform.replay` folds a recorded log.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Final

from creative_city.funding.crowdfunding.definitions import CampaignStatus, PledgeStatus
from creative_city.funding.crowdfunding.events import (
    CampaignCancelled,
    CampaignClosed,
    CampaignCreated,
    CampaignLaunched,
    CampaignSettled,
    CollectionFailed,
    DeadlineExtended,
    PledgeCancelled,
    PledgeChanged,
    PledgeCollected,
    PledgeCreated,
    PledgeRefunded,
    PoolCreated,
)
from creative_city.funding.crowdfunding.ledgers import (
    BackerRecord,
    Books,
    CampaignLedger,
    Ledgers,
    PledgeLine,
)
from creative_city.funding.crowdfunding.matching import PoolLedger, commit_match, release_match
from creative_city.funding.crowdfunding.settlement import apply_refund, settle

__all__ = ["HANDLERS"]


def _on_pool_created(ledgers: Ledgers, e: PoolCreated) -> None:
    ledgers.pools[e.pool.id] = PoolLedger.open(e.pool)


def _on_campaign_created(ledgers: Ledgers, e: CampaignCreated) -> None:
    d = e.definition
    pool = None if d.pool_id is None else ledgers.pools[d.pool_id]
    campaign = CampaignLedger.open(d, pool)
    ledgers.campaigns[d.id] = campaign
    if pool is not None:
        pool.campaigns.append(campaign)


def _on_launched(ledgers: Ledgers, e: CampaignLaunched) -> None:
    ledgers.campaigns[e.campaign_id].status = CampaignStatus.LIVE


def _on_pledge_created(ledgers: Ledgers, e: PledgeCreated) -> None:
    c = ledgers.campaigns[e.campaign_id]
    units = e.amount.minor
    backer = e.backer
    pledge_id = e.pledge_id
    record = c.backers.get(backer)
    pledge = PledgeLine(
        pledge_id, backer, e.tier_id, units, units, None if record is None else record.latest
    )
    c.pledges[pledge_id] = pledge
    c.pledged += units
    c.active += 1
    if record is None:
        c.backers[backer] = BackerRecord(pledge, 1, units)
        c.backer_count += 1
    else:
        if not record.count:
            c.backer_count += 1
        record.count += 1
        record.live += units
        record.latest = pledge
    if e.tier_id is not None:
        c.tier_sold[e.tier_id] += 1
    match = e.match.minor
    if match:
        commit_match(c, pledge, match)


def _on_pledge_changed(ledgers: Ledgers, e: PledgeChanged) -> None:
    c = ledgers.campaigns[e.campaign_id]
    p = c.pledges[e.pledge_id]
    units = e.amount.minor
    delta = units - p.amount
    p.amount = units
    c.pledged += delta
    c.backers[p.backer].live += delta
    match = e.match.minor
    if match != p.match:
        commit_match(c, p, match)


def _retire(c: CampaignLedger, p: PledgeLine, status: PledgeStatus) -> None:
    """Take live pledge *p* out of the active ones, its match back to the pool."""
    release_match(c, p)
    p.status = status
    c.active -= 1


def _on_pledge_cancelled(ledgers: Ledgers, e: PledgeCancelled) -> None:
    c = ledgers.campaigns[e.campaign_id]
    p = c.pledges[e.pledge_id]
    _retire(c, p, PledgeStatus.CANCELLED)
    c.pledged -= p.amount
    record = c.backers[p.backer]
    record.live -= p.amount
    record.count -= 1
    if not record.count:
        c.backer_count -= 1
    if p.tier is not None:
        c.tier_sold[p.tier] -= 1


def _on_deadline_extended(ledgers: Ledgers, e: DeadlineExtended) -> None:
    ledgers.campaigns[e.campaign_id].deadline = e.deadline


def _release_all(c: CampaignLedger) -> None:
    for p in c.pledges.values():
        if p.status is PledgeStatus.ACTIVE:
            _retire(c, p, PledgeStatus.RELEASED)


def _on_campaign_cancelled(ledgers: Ledgers, e: CampaignCancelled) -> None:
    c = ledgers.campaigns[e.campaign_id]
    c.status = CampaignStatus.CANCELLED
    _release_all(c)


def _on_campaign_closed(ledgers: Ledgers, e: CampaignClosed) -> None:
    c = ledgers.campaigns[e.campaign_id]
    c.status = e.outcome
    if e.outcome is CampaignStatus.FAILED:
        _release_all(c)


def _on_pledge_collected(ledgers: Ledgers, e: PledgeCollected) -> None:
    c = ledgers.campaigns[e.campaign_id]
    p = c.pledges[e.pledge_id]
    units = e.amount.minor
    p.status = PledgeStatus.COLLECTED
    p.books = Books.of_collection(units, units - p.amount, p.match)
    c.active -= 1
    c.collected += units
    c.held += units


def _on_collection_failed(ledgers: Ledgers, e: CollectionFailed) -> None:
    c = ledgers.campaigns[e.campaign_id]
    _retire(c, c.pledges[e.pledge_id], PledgeStatus.COLLECTION_FAILED)


def _on_campaign_settled(ledgers: Ledgers, e: CampaignSettled) -> None:
    settle(ledgers.campaigns[e.campaign_id])


def _on_pledge_refunded(ledgers: Ledgers, e: PledgeRefunded) -> None:
    c = ledgers.campaigns[e.campaign_id]
    p = c.pledges[e.pledge_id]
    c.refunds[e.refund_id] = e
    apply_refund(c, p, e.amount.minor)


HANDLERS: Final[dict[type, Callable[[Ledgers, Any], None]]] = {
    PoolCreated: _on_pool_created,
    CampaignCreated: _on_campaign_created,
    CampaignLaunched: _on_launched,
    PledgeCreated: _on_pledge_created,
    PledgeChanged: _on_pledge_changed,
    PledgeCancelled: _on_pledge_cancelled,
    DeadlineExtended: _on_deadline_extended,
    CampaignCancelled: _on_campaign_cancelled,
    CampaignClosed: _on_campaign_closed,
    PledgeCollected: _on_pledge_collected,
    CollectionFailed: _on_collection_failed,
    CampaignSettled: _on_campaign_settled,
    PledgeRefunded: _on_pledge_refunded,
}
"""The function that applies each event class to the ledgers."""
