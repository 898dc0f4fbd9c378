"""Match funding (public co-financing, after Goteo's matchers): a pool's ledger and rules.

A pool matches each pledge by its factor, rounded down to the minor unit, up to a
per-pledge cap, a per-campaign cap and what is left of its budget (a partial match
when it runs low). Its budget sits in three heaps that always sum to it:

* ``available``: not committed;
* ``reserved``: committed to pledges that are live or collected but not paid out;
* ``paid``: paid to creators at settlement.

A cancelled pledge, a failed collection, a failed or cancelled campaign and a refund
(pro rata, the match kept rounded down) give the match back to ``available``.
"""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from creative_city.funding.crowdfunding.definitions import MatchPool

if TYPE_CHECKING:
    from creative_city.funding.crowdfunding.ledgers import CampaignLedger, PledgeLine
    from creative_city.money import Currency

__all__ = [
    "PoolLedger",
    "commit_match",
    "pay_match",
    "release_match",
    "return_refunded_match",
]


@attrs.define(eq=False)
class PoolLedger:
    """A match pool's position, in minor units: ``budget = available + reserved + paid``.

    Attributes:
        definition: The pool as declared.
        currency: The pool's currency.
        num: The factor's numerator.
        den: The factor's denominator.
        pledge_cap: The most one pledge can attract, if capped.
        campaign_cap: The most one campaign can attract, if capped.
        available: Budget not committed.
        reserved: Committed to pledges not paid out.
        paid: Paid to creators.
        campaigns: The campaigns that joined the pool, in the order they did.
    """

    definition: MatchPool
    currency: Currency
    num: int
    den: int
    pledge_cap: int | None
    campaign_cap: int | None
    available: int
    reserved: int = 0
    paid: int = 0
    campaigns: list[CampaignLedger] = attrs.Factory(list)

    @classmethod
    def open(cls, pool: MatchPool) -> PoolLedger:
        """Open the ledger of a pool just created: its whole budget is available."""
        factor = Fraction(pool.factor)
        pledge_cap, campaign_cap = pool.per_pledge_cap, pool.per_campaign_cap
        return cls(
            definition=pool,
            currency=pool.budget.currency,
            num=factor.numerator,
            den=factor.denominator,
            pledge_cap=None if pledge_cap is None else pledge_cap.minor,
            campaign_cap=None if campaign_cap is None else campaign_cap.minor,
            available=pool.budget.minor,
        )

    def grant(self, campaign_matched: int, amount: int, current: int) -> int:
        """Return the match for a pledge of *amount* that attracts *current* now.

        The match is ``amount * factor`` rounded down, then capped per pledge. Lowering
        a pledge lowers its match; raising it takes the extra from the budget left and,
        with a per-campaign cap, from the room left under that cap.

        Args:
            campaign_matched: What the pool already commits to the pledge's campaign.
            amount: The pledge's amount.
            current: The match the pledge attracts now (0 for a new pledge).
        """
        desired = amount * self.num // self.den
        if self.pledge_cap is not None and desired > self.pledge_cap:
            desired = self.pledge_cap
        if desired <= current:
            return desired
        extra = min(desired - current, self.available)
        if self.campaign_cap is not None:
            extra = min(extra, self.campaign_cap - campaign_matched)
        return current + max(extra, 0)


# The campaign's pool is never None below: a pledge has a match only in a campaign that
# joined a pool (a log that breaks this is reported by replay as not fitting).


def commit_match(c: CampaignLedger, p: PledgeLine, match: int) -> None:
    """Set the match committed to live pledge *p* to *match* (reserved from the pool)."""
    extra = match - p.match
    p.match = match
    c.matched += extra
    pool = c.pool
    pool.available -= extra  # type: ignore[union-attr]
    pool.reserved += extra  # type: ignore[union-attr]


def release_match(c: CampaignLedger, p: PledgeLine) -> None:
    """Give the whole match of pledge *p* (not paid out) back to the pool."""
    if p.match:
        c.matched -= p.match
        pool = c.pool
        pool.available += p.match  # type: ignore[union-attr]
        pool.reserved -= p.match  # type: ignore[union-attr]
        p.match = 0


def pay_match(c: CampaignLedger, p: PledgeLine) -> None:
    """Pay the match of collected pledge *p* to the creator (at settlement)."""
    if p.match:
        pool = c.pool
        pool.reserved -= p.match  # type: ignore[union-attr]
        pool.paid += p.match  # type: ignore[union-attr]
        c.match_paid += p.match


def return_refunded_match(c: CampaignLedger, p: PledgeLine, *, settled: bool) -> None:
    """Give back the match on the refunded part of collected pledge *p*.

    The match kept is ``match_base * (collected - refunded) / collected`` rounded down,
    so a full refund returns the whole match. After settlement (*settled*) the match
    returned comes out of what was paid, before it out of what was reserved.
    """
    b = p.books
    back = p.match - b.match_base * (b.collected - b.refunded) // b.collected
    if back:
        pool = c.pool
        p.match -= back
        c.matched -= back
        pool.available += back  # type: ignore[union-attr]
        if settled:
            pool.paid -= back  # type: ignore[union-attr]
            c.match_paid -= back
        else:
            pool.reserved -= back  # type: ignore[union-attr]
