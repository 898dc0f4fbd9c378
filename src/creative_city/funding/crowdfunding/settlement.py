"""Settlement and refunds: fees, the creator's payout, money going back to backers.

Fees are computed on the pledge amount and rounded with the policy's mode by
:func:`creative_city.money.round_quotient` (the library's one rounding rule):

* a fee the *backer* bears is computed per pledge and charged on top at collection
  (:func:`fee_on_top`);
* a fee the *creator* bears is charged at settlement: the payment fee per collected
  pledge, the platform fee once on the campaign's collected pledges and split over
  them by the largest-remainder method (no minor unit lost);
* with ``RefundFees.RETURNED`` the fees on money refunded go back pro rata, rounded
  down, so a full refund returns exactly the fee charged.

A refund comes out of the money held before settlement and out of the payout after
it; every pledge keeps ``collected = payout + fees + refunded + held``.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

from creative_city.funding.crowdfunding.definitions import (
    CampaignStatus,
    FeeBearer,
    FeePolicy,
    PledgeStatus,
    RefundFees,
)
from creative_city.funding.crowdfunding.matching import pay_match, return_refunded_match
from creative_city.money import allocate_units, round_quotient

if TYPE_CHECKING:
    from creative_city.funding.crowdfunding.ledgers import CampaignLedger, PledgeLine

__all__ = [
    "apply_refund",
    "fee_on_top",
    "settle",
    "settlement_plan",
    "settlement_totals",
]


def _fee(amount: int, rate: Decimal, rounding: str) -> int:
    exact = Fraction(rate)
    return round_quotient(amount * exact.numerator, exact.denominator, rounding)


def fee_on_top(policy: FeePolicy, amount: int) -> int:
    """Return the fees a backer pays on top of a pledge of *amount* minor units."""
    extra = 0
    if policy.platform_fee_bearer is FeeBearer.BACKER and policy.platform_rate:
        extra += _fee(amount, policy.platform_rate, policy.rounding)
    if policy.payment_fee_bearer is FeeBearer.BACKER and policy.payment_rate:
        extra += _fee(amount, policy.payment_rate, policy.rounding)
    return extra


def _creator_fees(policy: FeePolicy, amounts: list[int]) -> list[int]:
    """Return the fees the creator bears on each collected pledge of *amounts*."""
    fees = [0] * len(amounts)
    if policy.payment_fee_bearer is FeeBearer.CREATOR and policy.payment_rate:
        rate = Fraction(policy.payment_rate)
        num, den, rounding = rate.numerator, rate.denominator, policy.rounding
        fees = [round_quotient(amount * num, den, rounding) for amount in amounts]
    if policy.platform_fee_bearer is FeeBearer.CREATOR and policy.platform_rate and amounts:
        total = _fee(sum(amounts), policy.platform_rate, policy.rounding)
        if total:
            shares = allocate_units(total, amounts)
            fees = [fee + share for fee, share in zip(fees, shares, strict=True)]
    return fees


def settlement_plan(c: CampaignLedger) -> list[tuple[PledgeLine, int, int]]:
    """Return each collected pledge with the fees charged on it and the part returned.

    The part returned is what refunds made before settlement take back under
    ``RefundFees.RETURNED`` (pro rata, rounded down); 0 when fees are kept.
    """
    policy = c.definition.fees
    collected = [p for p in c.pledges.values() if p.status is PledgeStatus.COLLECTED]
    returns = policy.refund_fees is RefundFees.RETURNED
    plan = []
    for p, creator_fee in zip(
        collected, _creator_fees(policy, [p.amount for p in collected]), strict=True
    ):
        b = p.books
        charged = b.on_top + creator_fee
        returned = charged * b.refunded // b.collected if returns else 0
        plan.append((p, charged, returned))
    return plan


def settlement_totals(c: CampaignLedger) -> tuple[int, int, int]:
    """Return what settling *c* charges in fees, pays out and pays in matches."""
    fees = payout = match_paid = 0
    for p, charged, returned in settlement_plan(c):
        fees += charged - returned
        payout += p.books.held - (charged - returned)
        match_paid += p.match
    return fees, payout, match_paid


def settle(c: CampaignLedger) -> None:
    """Charge the fees, pay the creator and the matches: the held money is gone."""
    for p, charged, returned in settlement_plan(c):
        b = p.books
        net = charged - returned
        b.fee_charged = charged
        b.fee_returned = returned
        b.payout = b.held - net
        c.fees += net
        c.payout += b.payout
        c.held -= b.held
        b.held = 0
        pay_match(c, p)
    c.status = CampaignStatus.SETTLED


def apply_refund(c: CampaignLedger, p: PledgeLine, units: int) -> None:
    """Refund *units* of collected pledge *p* (checked: at most what is refundable).

    Before settlement the refund comes out of the money held; after it, out of the
    payout, less the fees returned with it under ``RefundFees.RETURNED``. The match
    on the refunded part goes back to the pool.
    """
    b = p.books
    b.refunded += units
    c.refunded += units
    settled = c.status is CampaignStatus.SETTLED
    if settled:
        returned = 0
        if c.definition.fees.refund_fees is RefundFees.RETURNED:
            returned = b.fee_charged * b.refunded // b.collected - b.fee_returned
            b.fee_returned += returned
            c.fees -= returned
        b.payout -= units - returned
        c.payout -= units - returned
    else:
        b.held -= units
        c.held -= units
    return_refunded_match(c, p, settled=settled)
