"""The ledgers behind a platform: what the fold writes and the read-outs read.

The state of a :class:`~creative_city.funding.crowdfunding.Platform` is kept here in
minor units (ints), in mutable records, so that folding a pledge event costs O(1).
Nothing outside the package sees them: the read-outs turn them into frozen snapshots.

* :class:`Books`: a collected pledge's money, ``collected = payout + fees + refunded
  + held``;
* :class:`PledgeLine`: one pledge: status, amounts, match and books;
* :class:`BackerRecord`: one backer's pledges in a campaign;
* :class:`CampaignLedger`: one campaign: status, totals, pledges, backers, tiers, refunds;
* :class:`Ledgers`: every pool and campaign, and the lookups that commands make.

A match pool's ledger lives with the matching rules, in
:mod:`creative_city.funding.crowdfunding.matching`.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterator
from typing import TYPE_CHECKING, Final

import attrs

from creative_city.errors import ValidationError
from creative_city.funding.crowdfunding.definitions import (
    CampaignDefinition,
    CampaignStatus,
    PledgeStatus,
    RewardTier,
)
from creative_city.money import Money

if TYPE_CHECKING:
    from creative_city.funding.crowdfunding.events import PledgeRefunded
    from creative_city.funding.crowdfunding.matching import PoolLedger
    from creative_city.money import Currency

__all__ = [
    "NO_BOOKS",
    "BackerRecord",
    "Books",
    "CampaignLedger",
    "Ledgers",
    "PledgeLine",
]

# The records below are mutable entries of a ledger, compared by identity (eq=False).


@attrs.define(eq=False)
class Books:
    """A collected pledge's money, in minor units.

    ``collected = payout + (fee_charged - fee_returned) + refunded + held`` at every step.

    Attributes:
        collected: What the backer paid (the pledge plus fees charged on top).
        on_top: The fees the backer paid on top of the pledge.
        match_base: The pledge's match when it was collected (refunds return it pro rata).
        fee_charged: The fees charged at settlement (on top and the creator's).
        fee_returned: The part of them returned with refunds.
        refunded: Money refunded to the backer.
        payout: Money paid to the creator.
        held: Money collected and not yet paid, charged or refunded.
    """

    collected: int = 0
    on_top: int = 0
    match_base: int = 0
    fee_charged: int = 0
    fee_returned: int = 0
    refunded: int = 0
    payout: int = 0
    held: int = 0

    @classmethod
    def of_collection(cls, collected: int, on_top: int, match_base: int) -> Books:
        """Open the books of a pledge just collected: everything it paid is held."""
        return cls(collected, on_top, match_base, held=collected)


NO_BOOKS: Final = Books()
"""The books of every pledge not collected: shared zeros, never written."""


@attrs.define(eq=False)
class PledgeLine:
    """One pledge: who, for which tier, how much, its match and its books.

    Attributes:
        id: The pledge id.
        backer: The backer's id.
        tier: The reward tier's id, if any.
        initial: The amount first pledged.
        amount: The amount pledged now.
        match: The match the pool commits to it now.
        status: Where it is in its lifecycle.
        books: Its money once collected (:data:`NO_BOOKS` before).
        previous: The same backer's pledge made before this one (``None`` for the first).
    """

    id: str
    backer: str
    tier: str | None
    initial: int
    amount: int
    previous: PledgeLine | None = attrs.field(default=None, repr=False)
    match: int = 0
    status: PledgeStatus = PledgeStatus.ACTIVE
    books: Books = NO_BOOKS


@attrs.define(eq=False)
class BackerRecord:
    """One backer in one campaign.

    The backer's pledges are chained, newest first, through :attr:`PledgeLine.previous`:
    recording a pledge adds no container, and a statement walks only that backer's
    pledges.

    Attributes:
        latest: The backer's latest pledge.
        count: How many of their pledges are not cancelled.
        live: The money pledged by those (their sum, for the per-backer cap).
    """

    latest: PledgeLine
    count: int
    live: int

    def pledges(self) -> Iterator[PledgeLine]:
        """Yield every pledge the backer made (cancelled ones too), newest first."""
        pledge: PledgeLine | None = self.latest
        while pledge is not None:
            yield pledge
            pledge = pledge.previous


@attrs.define(eq=False)
class CampaignLedger:
    """One campaign: its definition, status, totals (minor units) and entries.

    Attributes:
        definition: What the creator declared.
        pool: The match pool's ledger, if the campaign joined one.
        currency: The campaign's currency.
        goal: The goal.
        minimum: The smallest pledge accepted (1 minor unit without a minimum).
        cap: The per-backer cap, if any.
        tiers: The reward tiers by id.
        tier_sold: Units taken per tier id.
        deadline: The current deadline.
        status: Where the campaign is in its lifecycle.
        pledges: Every pledge by id, in the order made.
        backers: Every backer by id.
        backer_count: Backers holding a pledge that is not cancelled.
        refunds: Every refund by id.
        active: Pledges still active (not cancelled, released or collected).
        pledged: The sum of pledges that are not cancelled.
        matched: Match money committed to the campaign.
        collected: Money charged to backers.
        fees: Fees charged, net of fees returned.
        refunded: Money refunded.
        payout: Money paid to the creator.
        held: Money collected and not yet paid, charged or refunded.
        match_paid: Match money paid to the creator.
    """

    definition: CampaignDefinition
    pool: PoolLedger | None
    currency: Currency
    goal: int
    minimum: int
    cap: int | None
    tiers: dict[str, RewardTier]
    tier_sold: dict[str, int]
    deadline: _dt.datetime
    status: CampaignStatus = CampaignStatus.DRAFT
    pledges: dict[str, PledgeLine] = attrs.Factory(dict)
    backers: dict[str, BackerRecord] = attrs.Factory(dict)
    backer_count: int = 0
    refunds: dict[str, PledgeRefunded] = attrs.Factory(dict)
    active: int = 0
    pledged: int = 0
    matched: int = 0
    collected: int = 0
    fees: int = 0
    refunded: int = 0
    payout: int = 0
    held: int = 0
    match_paid: int = 0

    @classmethod
    def open(cls, definition: CampaignDefinition, pool: PoolLedger | None) -> CampaignLedger:
        """Open the ledger of a campaign just created (a draft, nothing pledged)."""
        minimum, cap = definition.minimum_pledge, definition.per_backer_cap
        return cls(
            definition=definition,
            pool=pool,
            currency=definition.goal.currency,
            goal=definition.goal.minor,
            minimum=1 if minimum is None else minimum.minor,
            cap=None if cap is None else cap.minor,
            tiers={t.id: t for t in definition.tiers},
            tier_sold={t.id: 0 for t in definition.tiers},
            deadline=definition.deadline,
        )

    @property
    def counted(self) -> int:
        """What counts toward the goal: pledged, plus matched if the pool says so."""
        if self.pool is not None and self.pool.definition.counts_toward_goal:
            return self.pledged + self.matched
        return self.pledged

    def as_money(self, units: int) -> Money:
        """Return *units* minor units in the campaign's currency."""
        return Money.from_minor(units, self.currency)

    def pledge(self, pledge_id: object) -> PledgeLine:
        """Return the pledge *pledge_id*.

        Raises:
            ValidationError: If the campaign has no such pledge.
        """
        found = self.pledges.get(pledge_id) if isinstance(pledge_id, str) else None
        if found is None:
            raise ValidationError(
                "pledge_id", pledge_id, f"is not a pledge of campaign {self.definition.id!r}"
            )
        return found


@attrs.define(eq=False)
class Ledgers:
    """Every match pool and campaign of a platform, by id.

    Attributes:
        pools: The match pools' ledgers.
        campaigns: The campaigns' ledgers.
    """

    pools: dict[str, PoolLedger] = attrs.Factory(dict)
    campaigns: dict[str, CampaignLedger] = attrs.Factory(dict)

    def campaign(self, campaign_id: object) -> CampaignLedger:
        """Return the campaign *campaign_id*.

        Raises:
            ValidationError: If there is no such campaign.
        """
        found = self.campaigns.get(campaign_id) if isinstance(campaign_id, str) else None
        if found is None:
            raise ValidationError("campaign_id", campaign_id, "is not a known campaign")
        return found

    def pool(self, pool_id: object) -> PoolLedger:
        """Return the match pool *pool_id*.

        Raises:
            ValidationError: If there is no such pool.
        """
        found = self.pools.get(pool_id) if isinstance(pool_id, str) else None
        if found is None:
            raise ValidationError("pool_id", pool_id, "is not a known match pool")
        return found
