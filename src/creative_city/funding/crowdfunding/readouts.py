"""Read-outs: frozen snapshots of the ledgers, in money.

* :class:`CampaignSummary`: a campaign's totals, percent of goal, backers, stretch
  goals and :class:`TierAvailability` (sold and remaining units per reward tier);
* :class:`BackerStatement`: one backer's sums over their pledges;
* :class:`PledgeState` and :class:`RefundRecord`: one pledge's ledger line, one refund;
* :class:`CampaignState`, :class:`PoolState`, :class:`PlatformState`: full snapshots,
  equal for equal histories.

The functions build them from the ledgers; a
:class:`~creative_city.funding.crowdfunding.Platform` calls them for its read-outs.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import TYPE_CHECKING

import attrs

from creative_city.funding.crowdfunding.definitions import (
    CampaignDefinition,
    CampaignStatus,
    MatchPool,
    PledgeStatus,
)
from creative_city.money import Currency, Money

if TYPE_CHECKING:
    from creative_city.funding.crowdfunding.ledgers import CampaignLedger, Ledgers, PledgeLine
    from creative_city.funding.crowdfunding.matching import PoolLedger

__all__ = [
    "BackerStatement",
    "CampaignState",
    "CampaignSummary",
    "PlatformState",
    "PledgeState",
    "PoolState",
    "RefundRecord",
    "StretchGoalStatus",
    "TierAvailability",
    "backer_statement",
    "campaign_state",
    "campaign_summary",
    "platform_state",
    "pledge_state",
    "pool_state",
    "refund_record",
    "tier_availability",
]


@attrs.frozen
class PledgeState:
    """One pledge's ledger line.

    ``collected = payout + fees + refunded + held`` holds at every step.
    """

    id: str
    backer: str
    tier_id: str | None
    status: PledgeStatus
    initial: Money
    amount: Money
    match: Money
    collected: Money
    fees: Money
    refunded: Money
    payout: Money
    held: Money


@attrs.frozen
class RefundRecord:
    """A refund, kept by id for idempotency."""

    refund_id: str
    pledge_id: str
    amount: Money


@attrs.frozen
class TierAvailability:
    """How many units of a reward tier are taken and left (``None``: unlimited)."""

    tier_id: str
    sold: int
    limit: int | None
    remaining: int | None


@attrs.frozen
class StretchGoalStatus:
    """Whether a stretch goal is reached."""

    stretch_goal_id: str
    target: Money
    reached: bool


@attrs.frozen
class BackerStatement:
    """One backer's position in a campaign (sums over their pledges).

    ``collected = payout + fees + refunded + held`` holds at every step.
    """

    backer: str
    pledges: int
    pledged: Money
    matched: Money
    collected: Money
    fees: Money
    refunded: Money
    payout: Money
    held: Money


@attrs.frozen
class CampaignSummary:
    """A campaign's read-outs.

    Attributes:
        campaign_id: The campaign.
        status: Its lifecycle state.
        deadline: The current deadline.
        pledged: The sum of pledges that are not cancelled.
        matched: Match money committed to the campaign (net of returns).
        counted: What counts toward the goal (pledged, plus matched if the pool says so).
        percent_of_goal: ``counted / goal`` in percent, rounded *down* to 0.01, so it
            never reads 100 before the goal is met.
        goal_reached: Whether ``counted >= goal``.
        backers: Distinct backers holding at least one pledge that is not cancelled.
        collected: Money charged to backers.
        fees: Fees charged (net of fees returned on refunds).
        refunded: Money refunded.
        payout: Money paid to the creator from backers (net of refunds after payout).
        held: Money collected and not yet paid, charged or refunded.
        match_paid: Match money paid to the creator.
        stretch_goals: Each stretch goal and whether it is reached.
        tiers: Each reward tier's availability.
    """

    campaign_id: str
    status: CampaignStatus
    deadline: _dt.datetime
    pledged: Money
    matched: Money
    counted: Money
    percent_of_goal: Decimal
    goal_reached: bool
    backers: int
    collected: Money
    fees: Money
    refunded: Money
    payout: Money
    held: Money
    match_paid: Money
    stretch_goals: tuple[StretchGoalStatus, ...]
    tiers: tuple[TierAvailability, ...]


@attrs.frozen
class CampaignState:
    """A full, frozen snapshot of one campaign: definition, summary and every ledger line."""

    definition: CampaignDefinition
    summary: CampaignSummary
    pledges: tuple[PledgeState, ...]
    refunds: tuple[RefundRecord, ...]


@attrs.frozen
class PoolState:
    """A match pool's position: ``budget = spent + available``, ``spent = reserved + paid``.

    Attributes:
        pool: The definition.
        available: Budget not committed.
        reserved: Committed to live or unpaid pledges.
        paid: Paid to creators (net of returns after payout).
        by_campaign: Committed or paid per campaign id.
    """

    pool: MatchPool
    available: Money
    reserved: Money
    paid: Money
    by_campaign: dict[str, Money]

    @property
    def spent(self) -> Money:
        """Reserved plus paid."""
        return self.reserved + self.paid


@attrs.frozen
class PlatformState:
    """A frozen snapshot of the whole platform (pools and campaigns, ordered by id)."""

    pools: tuple[PoolState, ...]
    campaigns: tuple[CampaignState, ...]


# -- from the ledgers ----------------------------------------------------------------


def _money(units: int, currency: Currency) -> Money:
    return Money.from_minor(units, currency)


def tier_availability(c: CampaignLedger) -> tuple[TierAvailability, ...]:
    """Return each reward tier's sold and remaining units, in the definition's order."""
    return tuple(
        TierAvailability(
            tier.id,
            c.tier_sold[tier.id],
            tier.limit,
            None if tier.limit is None else tier.limit - c.tier_sold[tier.id],
        )
        for tier in c.definition.tiers
    )


def campaign_summary(c: CampaignLedger) -> CampaignSummary:
    """Return the campaign's read-outs (``percent_of_goal`` rounded down to 0.01)."""
    cur = c.currency
    counted = c.counted
    return CampaignSummary(
        campaign_id=c.definition.id,
        status=c.status,
        deadline=c.deadline,
        pledged=_money(c.pledged, cur),
        matched=_money(c.matched, cur),
        counted=_money(counted, cur),
        percent_of_goal=Decimal(counted * 10_000 // c.goal).scaleb(-2),
        goal_reached=counted >= c.goal,
        backers=c.backer_count,
        collected=_money(c.collected, cur),
        fees=_money(c.fees, cur),
        refunded=_money(c.refunded, cur),
        payout=_money(c.payout, cur),
        held=_money(c.held, cur),
        match_paid=_money(c.match_paid, cur),
        stretch_goals=tuple(
            StretchGoalStatus(g.id, g.target, counted >= g.target.minor)
            for g in c.definition.stretch_goals
        ),
        tiers=tier_availability(c),
    )


def pledge_state(p: PledgeLine, currency: Currency) -> PledgeState:
    """Return pledge *p*'s ledger line in *currency* (its campaign's)."""
    b = p.books
    return PledgeState(
        id=p.id,
        backer=p.backer,
        tier_id=p.tier,
        status=p.status,
        initial=_money(p.initial, currency),
        amount=_money(p.amount, currency),
        match=_money(p.match, currency),
        collected=_money(b.collected, currency),
        fees=_money(b.fee_charged - b.fee_returned, currency),
        refunded=_money(b.refunded, currency),
        payout=_money(b.payout, currency),
        held=_money(b.held, currency),
    )


def backer_statement(c: CampaignLedger, backer: str) -> BackerStatement:
    """Return *backer*'s sums over their pledges in *c* (zeros for a stranger)."""
    count = pledged = matched = collected = fees = refunded = payout = held = 0
    record = c.backers.get(backer)
    for p in () if record is None else record.pledges():
        if p.status is not PledgeStatus.CANCELLED:
            count += 1
            pledged += p.amount
        matched += p.match
        b = p.books
        collected += b.collected
        fees += b.fee_charged - b.fee_returned
        refunded += b.refunded
        payout += b.payout
        held += b.held
    cur = c.currency
    return BackerStatement(
        backer=backer,
        pledges=count,
        pledged=_money(pledged, cur),
        matched=_money(matched, cur),
        collected=_money(collected, cur),
        fees=_money(fees, cur),
        refunded=_money(refunded, cur),
        payout=_money(payout, cur),
        held=_money(held, cur),
    )


def refund_record(c: CampaignLedger, refund_id: str) -> RefundRecord | None:
    """Return the refund recorded in *c* under *refund_id*, or ``None``."""
    found = c.refunds.get(refund_id) if isinstance(refund_id, str) else None
    return None if found is None else RefundRecord(refund_id, found.pledge_id, found.amount)


def pool_state(pool: PoolLedger) -> PoolState:
    """Return the pool's position, with what it commits to each campaign (by id)."""
    cur = pool.currency
    return PoolState(
        pool=pool.definition,
        available=_money(pool.available, cur),
        reserved=_money(pool.reserved, cur),
        paid=_money(pool.paid, cur),
        by_campaign={
            c.definition.id: _money(c.matched, cur)
            for c in sorted(pool.campaigns, key=lambda c: c.definition.id)
        },
    )


def campaign_state(c: CampaignLedger) -> CampaignState:
    """Return a full snapshot of *c*: definition, summary, every pledge and refund."""
    cur = c.currency
    return CampaignState(
        definition=c.definition,
        summary=campaign_summary(c),
        pledges=tuple(pledge_state(p, cur) for p in c.pledges.values()),
        refunds=tuple(RefundRecord(rid, e.pledge_id, e.amount) for rid, e in c.refunds.items()),
    )


def platform_state(ledgers: Ledgers) -> PlatformState:
    """Return a snapshot of every pool and campaign, ordered by id."""
    return PlatformState(
        pools=tuple(pool_state(ledgers.pools[p]) for p in sorted(ledgers.pools)),
        campaigns=tuple(campaign_state(ledgers.campaigns[c]) for c in sorted(ledgers.campaigns)),
    )
