"""Crowdfunding: worked examples, every bad input of issue 3, JSON, properties.

Expected figures are computed by hand in the comments (or come from the cited rules).
"""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.errors import (
    CreativeCityError,
    CurrencyMismatchError,
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.funding import crowdfunding as cf
from creative_city.funding.crowdfunding import (
    CampaignDefinition,
    CampaignStatus,
    Command,
    EventLog,
    FeeBearer,
    FeePolicy,
    FundingModel,
    MatchPool,
    Platform,
    PlatformState,
    PledgeStatus,
    RefundFees,
    RewardTier,
    StretchGoal,
    deadline_on,
)
from creative_city.funding.crowdfunding.operations import OPERATIONS
from creative_city.money import ROUNDING_MODES, Money
from creative_city.serialization import from_data, from_json, to_data, to_json

T0 = dt.datetime(2022, 10, 1, 9, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)


def usd(amount: str | int) -> Money:
    return Money.of(amount, "USD")


def kzt(amount: str | int) -> Money:
    return Money.of(amount, "KZT")


def campaign(platform: Platform, cid: str = "c", **overrides: object) -> CampaignDefinition:
    fields: dict[str, object] = {
        "id": cid,
        "owner": "creator",
        "goal": kzt(1_000),
        "launch": T0,
        "deadline": T0 + 30 * DAY,
    }
    fields.update(overrides)
    definition = CampaignDefinition(**fields)  # type: ignore[arg-type]
    platform.create_campaign(definition, at=T0 - DAY)
    platform.launch(cid, at=T0 - DAY)
    return definition


def settle_all(platform: Platform, cid: str, failures: tuple[str, ...] = ()) -> None:
    deadline = platform.summary(cid).deadline
    if platform.summary(cid).status is CampaignStatus.LIVE:
        platform.close(cid, at=deadline)
    for pledge in platform.campaign_state(cid).pledges:
        if pledge.status is PledgeStatus.ACTIVE:
            platform.record_collection(
                cid, pledge.id, succeeded=pledge.id not in failures, at=deadline + DAY
            )
    platform.settle(cid, at=deadline + 2 * DAY)


# -- worked examples ------------------------------------------------------------------------


def test_kickstarter_all_or_nothing_success_and_failed_payments():
    # Kickstarter, "Kickstarter fees" (help centre, 2024): funding is all-or-nothing;
    # 5 % platform fee, payment processing 3 % (+ USD 0.20 per pledge, a fixed part this
    # policy leaves out); a pledge that cannot be charged after success does not
    # un-fund the project. Goal USD 10,000; 40 backers x USD 250 = USD 10,000: funded
    # (the goal is met exactly).
    p = Platform()
    campaign(p, goal=usd(10_000), fees=FeePolicy(platform_rate="0.05", payment_rate="0.03"))
    for i in range(40):
        p.pledge("c", f"p{i}", f"b{i}", usd(250), at=T0 + DAY)
    assert p.summary("c").percent_of_goal == Decimal("100.00")
    settle_all(p, "c", failures=("p7",))
    s = p.summary("c")
    assert s.status is CampaignStatus.SETTLED  # outcome kept: funded, then settled
    assert s.pledged == usd(10_000)
    # 39 pledges collected: 9,750; platform 5 % = 487.50; payment 3 % x 250 = 7.50 x 39
    # = 292.50; fees 780.00; payout 9,750 - 780 = 8,970.00.
    assert s.collected == usd(9_750)
    assert s.fees == usd("780.00")
    assert s.payout == usd("8970.00")
    assert s.held == usd(0)
    assert p.pledge_state("c", "p7").status is PledgeStatus.COLLECTION_FAILED


def test_all_or_nothing_failure_charges_nobody():
    # Kickstarter, "Kickstarter basics" (2024): if the goal is not met, no one is charged.
    p = Platform()
    campaign(p, goal=usd(10_000), fees=FeePolicy(platform_rate="0.05"))
    p.pledge("c", "p1", "a", usd("9999.99"), at=T0)
    assert p.summary("c").percent_of_goal == Decimal("99.99")  # never 100 before the goal
    (closed,) = p.close("c", at=T0 + 30 * DAY)
    assert closed.outcome is CampaignStatus.FAILED
    s = p.summary("c")
    assert (s.collected, s.fees, s.payout) == (usd(0), usd(0), usd(0))
    assert p.pledge_state("c", "p1").status is PledgeStatus.RELEASED
    with pytest.raises(InvalidStateError, match=r"campaign_id = 'c': .*the campaign is failed"):
        p.record_collection("c", "p1", succeeded=True, at=T0 + 31 * DAY)
    with pytest.raises(
        InvalidStateError, match=r"campaign_id = 'c': cannot settle: the campaign is failed"
    ):
        p.settle("c", at=T0 + 31 * DAY)


def test_keep_it_all_keeps_what_was_raised():
    # Indiegogo, "Flexible funding" (help centre, 2023): the campaign keeps the money
    # raised even if the goal is not met. Goal 1,000,000 KZT, pledged 250,000: funded.
    p = Platform()
    campaign(
        p,
        goal=kzt(1_000_000),
        model=FundingModel.KEEP_IT_ALL,
        fees=FeePolicy(platform_rate="0.05"),
    )
    p.pledge("c", "p1", "a", kzt(150_000), at=T0)
    p.pledge("c", "p2", "b", kzt(100_000), at=T0)
    assert p.close("c", at=T0 + 30 * DAY)[0].outcome is CampaignStatus.FUNDED
    settle_all(p, "c")
    s = p.summary("c")
    # 5 % of 250,000 = 12,500; payout 237,500.
    assert (s.collected, s.fees, s.payout) == (kzt(250_000), kzt(12_500), kzt(237_500))
    assert p.statement("c", "a").fees == kzt(7_500)  # 150/250 of 12,500
    assert p.statement("c", "b").fees == kzt(5_000)


def test_keep_it_all_with_nothing_pledged_fails():
    p = Platform()
    campaign(p, model=FundingModel.KEEP_IT_ALL)
    assert p.close("c", at=T0 + 30 * DAY)[0].outcome is CampaignStatus.FAILED


def test_goteo_matchfunding_doubles_pledges_within_caps():
    # Goteo, "Matchfunding" (2017): each citizen contribution is doubled (1:1) by the
    # public fund, within the fund's limits. Pool EUR 1,000, cap EUR 100 per pledge and
    # EUR 500 per campaign.
    p = Platform()
    pool = MatchPool(
        "city", Money.of(1_000, "EUR"), per_pledge_cap=Money.of(100, "EUR"),
        per_campaign_cap=Money.of(500, "EUR"),
    )  # fmt: skip
    p.create_pool(pool, at=T0 - DAY)
    campaign(p, goal=Money.of(2_000, "EUR"), pool_id="city")
    matches = []
    for i, amount in enumerate([50, 150, 300, 200, 100, 80]):
        (event,) = p.pledge("c", f"p{i}", f"b{i}", Money.of(amount, "EUR"), at=T0)
        matches.append(event.match.amount)  # type: ignore[union-attr]
    # 50 -> 50; 150 -> 100 (pledge cap); 300 -> 100; 200 -> 100; 100 -> 100 (450 so
    # far); 80 -> 50 (campaign cap 500 reached).
    assert matches == [50, 100, 100, 100, 100, 50]
    assert p.summary("c").matched == Money.of(500, "EUR")
    # Cancelling the first pledge returns its 50; the next pledge can use them.
    p.cancel_pledge("c", "p0", at=T0 + DAY)
    assert p.pool_state("city").available == Money.of(550, "EUR")
    (event,) = p.pledge("c", "p9", "b9", Money.of(100, "EUR"), at=T0 + DAY)
    assert event.match == Money.of(50, "EUR")  # type: ignore[union-attr]
    # counted toward the goal: pledged 880 - 50 + 100 = 930, matched 500: 1,430 of
    # 2,000 = 71.5 %.
    assert p.summary("c").percent_of_goal == Decimal("71.50")


def test_match_pool_running_out_is_shared_by_campaigns():
    # Pool 120 KZT, 1:1, no caps, two campaigns: A's 100 gets 100, B's 100 gets the 20
    # left (partial match); A's pledge cancelled frees 100 for B's next pledge of 30.
    p = Platform()
    p.create_pool(MatchPool("city", kzt(120)), at=T0 - DAY)
    campaign(p, "a", pool_id="city")
    campaign(p, "b", pool_id="city")
    assert p.pledge("a", "p1", "x", kzt(100), at=T0)[0].match == kzt(100)  # type: ignore[union-attr]
    assert p.pledge("b", "p2", "y", kzt(100), at=T0)[0].match == kzt(20)  # type: ignore[union-attr]
    assert p.pool_state("city").available == kzt(0)
    p.cancel_pledge("a", "p1", at=T0)
    assert p.pledge("b", "p3", "y", kzt(30), at=T0)[0].match == kzt(30)  # type: ignore[union-attr]
    pool = p.pool_state("city")
    assert (pool.available, pool.reserved) == (kzt(70), kzt(50))
    assert pool.by_campaign == {"a": kzt(0), "b": kzt(50)}


def test_failed_campaign_returns_every_match():
    p = Platform()
    p.create_pool(MatchPool("city", kzt(1_000), factor="0.5"), at=T0 - DAY)
    campaign(p, goal=kzt(10_000), pool_id="city")
    p.pledge("c", "p1", "x", kzt("100.01"), at=T0)  # 0.5 x 100.01 = 50.005 -> 50.00 (down)
    assert p.summary("c").matched == kzt(50)
    p.close("c", at=T0 + 30 * DAY)
    assert p.summary("c").matched == kzt(0)
    assert p.pool_state("city").available == kzt(1_000)


def test_matched_money_counts_only_if_the_pool_says_so():
    for counts, outcome in ((True, CampaignStatus.FUNDED), (False, CampaignStatus.FAILED)):
        p = Platform()
        p.create_pool(MatchPool("city", kzt(1_000), counts_toward_goal=counts), at=T0 - DAY)
        campaign(p, goal=kzt(1_000), pool_id="city")
        p.pledge("c", "p1", "x", kzt(500), at=T0)  # 500 + 500 matched
        assert p.close("c", at=T0 + 30 * DAY)[0].outcome is outcome


def test_partial_refund_with_fees_kept_and_returned():
    # Collected 10,000 KZT, platform fee 5 % = 500, payout 9,500. Refund 2,500:
    # kept fees -> payout 9,500 - 2,500 = 7,000, fees 500;
    # returned fees -> 500 x 2,500 / 10,000 = 125 back: fees 375, payout 7,125.
    for policy, fees, payout in ((RefundFees.KEPT, 500, 7_000), (RefundFees.RETURNED, 375, 7_125)):
        p = Platform()
        campaign(p, fees=FeePolicy(platform_rate="0.05", refund_fees=policy))
        p.pledge("c", "p1", "a", kzt(10_000), at=T0)
        settle_all(p, "c")
        assert p.summary("c").payout == kzt(9_500)
        at = T0 + 40 * DAY
        assert len(p.refund("c", "r1", "p1", kzt(2_500), at=at)) == 1
        assert p.refund("c", "r1", "p1", kzt(2_500), at=at) == ()  # same id: refunds once
        s = p.summary("c")
        assert (s.refunded, s.fees, s.payout) == (kzt(2_500), kzt(fees), kzt(payout))
        with pytest.raises(
            ValidationError, match=r"refund_id = 'r1': is already used for 2500\.00 KZT on pledge"
        ):
            p.refund("c", "r1", "p1", kzt(2_000), at=at)
        with pytest.raises(
            LimitExceededError,
            match=r"amount = '7500\.01 KZT': exceeds what is refundable .* = 7500\.00 KZT",
        ):
            p.refund("c", "r2", "p1", kzt("7500.01"), at=at)
        p.refund("c", "r2", "p1", kzt(7_500), at=at)
        s = p.summary("c")
        # Full refund: with returned fees every fee goes back.
        assert s.fees == (kzt(500) if policy is RefundFees.KEPT else kzt(0))
        assert s.collected == s.payout + s.fees + s.refunded + s.held


def test_refund_before_settlement_comes_out_of_held_money():
    p = Platform()
    campaign(p, fees=FeePolicy(platform_rate="0.1"))
    p.pledge("c", "p1", "a", kzt(1_000), at=T0)
    p.close("c", at=T0 + 30 * DAY)
    p.record_collection("c", "p1", succeeded=True, at=T0 + 31 * DAY)
    p.refund("c", "r1", "p1", kzt(400), at=T0 + 31 * DAY)
    assert p.summary("c").held == kzt(600)
    p.settle("c", at=T0 + 32 * DAY)
    # Fee on the collected 1,000 = 100 (kept); payout 1,000 - 100 - 400 = 500.
    s = p.summary("c")
    assert (s.fees, s.payout, s.held) == (kzt(100), kzt(500), kzt(0))


def test_platform_fee_is_allocated_without_losing_a_tiyn():
    # Three pledges of 0.10 KZT, platform 5 %: the fee on the total is 0.015 -> 0.02
    # (half-even); split by Hamilton over equal weights: 0.01, 0.01, 0.00. Rounding
    # each pledge instead would give 0.005 -> 0.00 three times and lose 0.02.
    p = Platform()
    campaign(p, goal=kzt("0.30"), fees=FeePolicy(platform_rate="0.05"))
    for i in range(3):
        p.pledge("c", f"p{i}", f"b{i}", kzt("0.10"), at=T0)
    settle_all(p, "c")
    assert [p.pledge_state("c", f"p{i}").fees for i in range(3)] == [
        kzt("0.01"),
        kzt("0.01"),
        kzt("0.00"),
    ]
    assert p.summary("c").payout == kzt("0.28")


def test_fees_borne_by_the_backer_are_charged_on_top():
    # 1,000 KZT pledged; platform 5 % on top (50) and payment 3 % kept by the creator
    # (30): the backer pays 1,050, fees 80, the creator gets 970.
    p = Platform()
    policy = FeePolicy(
        platform_rate="0.05", payment_rate="0.03", platform_fee_bearer=FeeBearer.BACKER
    )
    campaign(p, fees=policy)
    p.pledge("c", "p1", "a", kzt(1_000), at=T0)
    settle_all(p, "c")
    st_ = p.statement("c", "a")
    assert (st_.collected, st_.fees, st_.payout) == (kzt(1_050), kzt(80), kzt(970))


def test_stretch_goals_and_tiers():
    p = Platform()
    campaign(
        p,
        tiers=(RewardTier("vinyl", kzt(100), limit=1, title="Signed vinyl"),),
        stretch_goals=(StretchGoal("video", kzt(1_500)),),
    )
    p.pledge("c", "p1", "a", kzt(1_000), at=T0, tier_id="vinyl")
    assert p.tiers("c")[0].remaining == 0
    before = p.state()
    with pytest.raises(
        LimitExceededError, match=r"tier_id = 'vinyl': is sold out \(1 of 1 taken\)"
    ):
        p.pledge("c", "p2", "b", kzt(600), at=T0, tier_id="vinyl")
    assert p.state() == before
    p.cancel_pledge("c", "p1", at=T0)  # frees the unit
    p.pledge("c", "p2", "b", kzt(1_600), at=T0, tier_id="vinyl")
    s = p.summary("c")
    assert s.tiers[0].sold == 1
    assert s.stretch_goals[0].reached
    assert s.backers == 1  # a cancelled their only pledge


def test_several_pledges_per_backer_raise_lower_and_cap():
    p = Platform()
    campaign(p, minimum_pledge=kzt(10), per_backer_cap=kzt(500))
    p.pledge("c", "p1", "a", kzt(200), at=T0)
    p.pledge("c", "p2", "a", kzt(200), at=T0)
    with pytest.raises(
        LimitExceededError, match=r"amount = '301\.00 KZT': .* above the per-backer cap 500\.00"
    ):
        p.raise_pledge("c", "p2", kzt(301), at=T0)
    p.raise_pledge("c", "p2", kzt(300), at=T0)
    with pytest.raises(ValidationError, match=r"amount = '100\.00 KZT': must be >= .*lower_pledge"):
        p.raise_pledge("c", "p2", kzt(100), at=T0)
    p.lower_pledge("c", "p1", kzt(10), at=T0)
    with pytest.raises(
        ValidationError, match=r"amount = '9\.99 KZT': is below the minimum pledge 10\.00"
    ):
        p.lower_pledge("c", "p1", kzt("9.99"), at=T0)
    st_ = p.statement("c", "a")
    assert (st_.pledges, st_.pledged) == (2, kzt(310))
    assert p.summary("c").backers == 1


def test_deadline_on_local_end_of_day():
    # Asia/Almaty was UTC+6 until 2024-03-01, UTC+5 since (IANA tz database 2024a).
    assert deadline_on(dt.date(2022, 10, 31), "Asia/Almaty") == dt.datetime(
        2022, 10, 31, 17, 59, 59, tzinfo=dt.UTC
    )
    assert deadline_on(dt.date(2024, 10, 31), "Asia/Almaty") == dt.datetime(
        2024, 10, 31, 18, 59, 59, tzinfo=dt.UTC
    )


def test_pledge_window_is_half_open():
    p = Platform()
    d = campaign(p)
    p.pledge("c", "p1", "a", kzt(1), at=d.launch)
    p.pledge("c", "p2", "a", kzt(1), at=d.deadline - dt.timedelta(microseconds=1))
    for at in (d.deadline, d.launch - dt.timedelta(seconds=1)):
        with pytest.raises(
            ValidationError, match=r"at = '.*': cannot pledge outside launch <= at < deadline"
        ):
            p.pledge("c", "p3", "a", kzt(1), at=at)


def test_deadline_extension_rules():
    p = Platform()
    campaign(p)  # launch T0, deadline T0 + 30 days, max 60 days
    with pytest.raises(ValidationError, match=r"deadline = '.*': must be after the current"):
        p.extend_deadline("c", T0 + 29 * DAY, at=T0)
    with pytest.raises(
        LimitExceededError, match=r"deadline = '.*': must be at most max_duration 60 days"
    ):
        p.extend_deadline("c", T0 + 60 * DAY + dt.timedelta(seconds=1), at=T0)
    p.extend_deadline("c", T0 + 60 * DAY, at=T0)
    assert p.summary("c").deadline == T0 + 60 * DAY
    with pytest.raises(InvalidStateError, match=r"at = '.*': the deadline .* has passed"):
        p.extend_deadline("c", T0 + 60 * DAY, at=T0 + 60 * DAY)


def test_lifecycle_transitions_that_are_not_allowed():
    p = Platform()
    campaign(p)
    checks = [
        (lambda: p.launch("c", at=T0), r"campaign_id = 'c': cannot launch: .* is live"),
        (lambda: p.close("c", at=T0 + DAY), r"at = '.*': the campaign runs until its deadline"),
        (lambda: p.settle("c", at=T0), r"campaign_id = 'c': cannot settle: .* must be funded"),
        (lambda: p.cancel_campaign("c", at=T0 + 30 * DAY), r"at = '.*': cannot cancel after"),
    ]
    for check, message in checks:
        before = p.state()
        with pytest.raises(InvalidStateError, match=message):
            check()
        assert p.state() == before
    p.pledge("c", "p1", "a", kzt(2_000), at=T0)
    p.close("c", at=T0 + 30 * DAY)
    with pytest.raises(
        InvalidStateError,
        match=r"campaign_id = 'c': 1 pledge\(s\) still await a recorded collection",
    ):
        p.settle("c", at=T0 + 31 * DAY)
    with pytest.raises(
        InvalidStateError,
        match=r"campaign_id = 'c': cannot cancel the campaign: the campaign is funded",
    ):
        p.cancel_campaign("c", at=T0 + 31 * DAY)
    with pytest.raises(
        InvalidStateError,
        match=r"pledge_id = 'p1': only collected pledges are refunded; it is active",
    ):
        p.refund("c", "r1", "p1", kzt(1), at=T0 + 31 * DAY)


def test_creator_cancellation_releases_everything():
    p = Platform()
    p.create_pool(MatchPool("city", kzt(100)), at=T0 - DAY)
    campaign(p, pool_id="city")
    p.pledge("c", "p1", "a", kzt(70), at=T0)
    p.cancel_campaign("c", at=T0 + DAY)
    assert p.summary("c").status is CampaignStatus.CANCELLED
    assert p.pledge_state("c", "p1").status is PledgeStatus.RELEASED
    assert p.pool_state("city").available == kzt(100)
    with pytest.raises(
        InvalidStateError, match=r"campaign_id = 'c': cannot pledge: the campaign is cancelled"
    ):
        p.pledge("c", "p2", "a", kzt(10), at=T0 + DAY)


def test_retries_are_safe():
    p = Platform()
    campaign(p)
    assert len(p.pledge("c", "p1", "a", kzt(100), at=T0)) == 1
    p.raise_pledge("c", "p1", kzt(150), at=T0)
    assert p.pledge("c", "p1", "a", kzt(100), at=T0) == ()  # the original request, again
    with pytest.raises(
        ValidationError, match=r"pledge_id = 'p1': is already used by a different pledge"
    ):
        p.pledge("c", "p1", "b", kzt(100), at=T0)
    assert p.change_pledge("c", "p1", kzt(150), at=T0) == ()
    p.cancel_pledge("c", "p1", at=T0)
    assert p.cancel_pledge("c", "p1", at=T0) == ()
    p.pledge("c", "p2", "a", kzt(1_000), at=T0)
    p.close("c", at=T0 + 30 * DAY)
    p.record_collection("c", "p2", succeeded=True, at=T0 + 31 * DAY)
    assert p.record_collection("c", "p2", succeeded=True, at=T0 + 31 * DAY) == ()
    with pytest.raises(
        InvalidStateError,
        match=r"succeeded = False: the pledge's collection is already recorded as collected",
    ):
        p.record_collection("c", "p2", succeeded=False, at=T0 + 31 * DAY)


# -- bad input (issue 3 list): each raises the library error and changes nothing -------------


def _bad_inputs() -> list[tuple[str, Command, type[CreativeCityError], str]]:
    at = T0 + DAY
    naive = at.replace(tzinfo=None)
    return [
        ("naive timestamp", cf.MakePledge("c", "x", "a", kzt(50), naive), InvalidTypeError, "at"),
        ("before launch", cf.MakePledge("c", "x", "a", kzt(50), T0 - DAY), ValidationError, "at"),
        (
            "after deadline",
            cf.MakePledge("c", "x", "a", kzt(50), T0 + 31 * DAY),
            ValidationError,
            "at",
        ),
        ("below minimum", cf.MakePledge("c", "x", "a", kzt(4), at), ValidationError, "amount"),
        ("above cap", cf.MakePledge("c", "x", "a", kzt(901), at), LimitExceededError, "amount"),
        ("raise above cap", cf.ChangePledge("c", "p1", kzt(901), at), LimitExceededError, "amount"),
        (
            "wrong currency",
            cf.MakePledge("c", "x", "a", usd(50), at),
            CurrencyMismatchError,
            "amount",
        ),
        ("zero amount", cf.MakePledge("c", "x", "a", kzt(0), at), ValidationError, "amount"),
        ("negative amount", cf.MakePledge("c", "x", "a", kzt(-5), at), ValidationError, "amount"),
        ("float amount", cf.MakePledge("c", "x", "a", 5.0, at), InvalidTypeError, "amount"),  # type: ignore[arg-type]
        (
            "unknown campaign",
            cf.MakePledge("nope", "x", "a", kzt(50), at),
            ValidationError,
            "campaign_id",
        ),
        ("unknown pledge", cf.CancelPledge("c", "nope", at), ValidationError, "pledge_id"),
        (
            "unknown tier",
            cf.MakePledge("c", "x", "a", kzt(50), at, "nope"),
            ValidationError,
            "tier_id",
        ),
        (
            "below tier minimum",
            cf.MakePledge("c", "x", "a", kzt(50), at, "gold"),
            ValidationError,
            "amount",
        ),
        ("bad pledge id", cf.MakePledge("c", "", "a", kzt(50), at), ValidationError, "pledge_id"),
        (
            "unknown refund pledge",
            cf.Refund("c", "r1", "nope", kzt(1), at),
            ValidationError,
            "pledge_id",
        ),
        (
            "refund while live",
            cf.Refund("c", "r1", "p1", kzt(1), at),
            InvalidStateError,
            "campaign_id",
        ),
        ("close while open", cf.CloseCampaign("c", at), InvalidStateError, "at"),
        ("settle while live", cf.Settle("c", at), InvalidStateError, "campaign_id"),
        (
            "collect while live",
            cf.RecordCollection("c", "p1", True, at),
            InvalidStateError,
            "campaign_id",
        ),
        ("launch twice", cf.LaunchCampaign("c", at), InvalidStateError, "campaign_id"),
        ("not a command", "pledge", InvalidTypeError, "command"),  # type: ignore[list-item]
    ]


BAD_INPUT_RULES = {
    "naive timestamp": "datetimes must be timezone-aware",
    "before launch": "cannot pledge outside launch <= at < deadline",
    "after deadline": "cannot pledge outside launch <= at < deadline",
    "below minimum": "is below the minimum pledge 5.00 KZT",
    "above cap": "would bring backer 'a' to 911.00 KZT, above the per-backer cap 900.00 KZT",
    "raise above cap": "would bring backer 'a' to 901.00 KZT, above the per-backer cap 900.00 KZT",
    "wrong currency": "must be in the campaign currency KZT",
    "zero amount": "must be > 0",
    "negative amount": "must be > 0",
    "float amount": "must be Money",
    "unknown campaign": "is not a known campaign",
    "unknown pledge": "is not a pledge of campaign 'c'",
    "unknown tier": "is not a reward tier of this campaign",
    "below tier minimum": "is below tier 'gold''s minimum 100.00 KZT",
    "bad pledge id": "must be 1-100 characters",
    "unknown refund pledge": "is not a pledge of campaign 'c'",
    "refund while live": "cannot refund: the campaign is live, it must be funded or settled",
    "close while open": "the campaign runs until its deadline",
    "settle while live": "cannot settle: the campaign is live, it must be funded",
    "collect while live": "cannot record a collection: the campaign is live, it must be funded",
    "launch twice": "cannot launch: the campaign is live, it must be draft",
    "not a command": "is not a crowdfunding command",
}
"""The rule each bad input breaks, as its error states it."""


@pytest.mark.parametrize(("label", "command", "error", "field"), _bad_inputs())
def test_bad_input_raises_and_changes_nothing(label, command, error, field):
    p = Platform()
    campaign(
        p,
        minimum_pledge=kzt(5),
        per_backer_cap=kzt(900),
        tiers=(RewardTier("gold", kzt(100), limit=3),),
    )
    p.pledge("c", "p1", "a", kzt(10), at=T0)
    before, events = p.state(), p.events
    with pytest.raises(error) as info:
        p.execute(command)
    assert info.value.field == field, label
    assert str(info.value).startswith(f"{field} = ")
    assert BAD_INPUT_RULES[label] in info.value.rule, label
    assert p.state() == before
    assert p.events == events


def test_refund_errors_after_collection():
    p = Platform()
    campaign(p)
    p.pledge("c", "p1", "a", kzt(1_000), at=T0)
    settle_all(p, "c")
    at = T0 + 40 * DAY
    before = p.state()
    for amount, error, message in (
        (kzt(0), ValidationError, r"amount = '0\.00 KZT': must be > 0"),
        (
            kzt("1000.01"),
            LimitExceededError,
            r"amount = '1000\.01 KZT': exceeds what is refundable",
        ),
        (usd(1), CurrencyMismatchError, r"amount = '1\.00 USD': must be in the campaign currency"),
    ):
        with pytest.raises(error, match=message):
            p.refund("c", "r1", "p1", amount, at=at)
    with pytest.raises(ValidationError, match=r"refund_id = 'r1': is not a refund of campaign 'c'"):
        p.refund_record("c", "r1")  # unknown refund id
    assert p.state() == before
    p.refund("c", "r1", "p1", kzt(5), at=at)
    assert p.refund_record("c", "r1") == cf.RefundRecord("r1", "p1", kzt(5))


DEFINITION_RULES = {
    ("ValidationError", "goal"): "must be > 0",
    ("ValidationError", "deadline"): "must be after launch",
    ("LimitExceededError", "deadline"): "must be at most max_duration 60 days",
    ("InvalidTypeError", "launch"): "datetimes must be timezone-aware",
    ("CurrencyMismatchError", "minimum_pledge"): "must be in the campaign currency KZT",
    ("ValidationError", "tiers[1].id"): "ids must be unique",
    ("CurrencyMismatchError", "tiers[0].minimum"): "must be in the campaign currency KZT",
    ("ValidationError", "per_backer_cap"): "must be >= minimum_pledge",
    ("InvalidTypeError", "goal"): "must be Money",
    ("InvalidTypeError", "owner"): "must be a string id",
    ("ValidationError", "owner"): "must be 1-100 characters",
    ("ValidationError", "pool_id"): "must be 1-100 characters",
    ("InvalidTypeError", "title"): "must be a string",
    ("ValidationError", "title"): "must be at most 500 characters",
    ("InvalidTypeError", "model"): "must be a FundingModel",
    ("InvalidTypeError", "fees"): "must be a FeePolicy",
    ("InvalidTypeError", "max_duration"): "must be a datetime.timedelta",
    ("ValidationError", "max_duration"): "must be > 0",
    ("InvalidTypeError", "tiers"): "must be a sequence",
    ("InvalidTypeError", "stretch_goals"): "must be a sequence",
    ("InvalidTypeError", "tiers[0]"): "must be a RewardTier",
    ("ValidationError", "tiers"): "at most 1000",
    ("CurrencyMismatchError", "stretch_goals[0].target"): "must be in the campaign currency KZT",
    ("ValidationError", "stretch_goals[1].id"): "ids must be unique",
    ("ValidationError", "limit"): "must be >= 1 (None means unlimited)",
    ("InvalidTypeError", "limit"): "must be an int or None",
    ("InvalidTypeError", "minimum"): "must be Money",
    ("InvalidTypeError", "id"): "must be a string id",
    ("ValidationError", "target"): "must be > 0",
    ("ValidationError", "platform_rate"): "must be >= 0 and < 1",
    ("ValidationError", "payment_rate"): "must be >= 0 and < 1",
    ("InvalidTypeError", "platform_fee_bearer"): "must be a FeeBearer",
    ("InvalidTypeError", "payment_fee_bearer"): "must be a FeeBearer",
    ("InvalidTypeError", "refund_fees"): "must be a RefundFees",
    ("ValidationError", "factor"): "must be > 0 and <= 100",
    ("InvalidTypeError", "counts_toward_goal"): "must be a bool",
    ("ValidationError", "per_campaign_cap"): "must be > 0",
    ("CurrencyMismatchError", "per_campaign_cap"): "must be in the pool currency KZT",
}
"""The rule each bad definition, tier, policy or pool breaks, by error class and field."""


@pytest.mark.parametrize(
    ("fields", "error", "field"),
    [
        ({"goal": kzt(0)}, ValidationError, "goal"),
        ({"deadline": T0}, ValidationError, "deadline"),
        ({"deadline": T0 + 61 * DAY}, LimitExceededError, "deadline"),
        ({"launch": T0.replace(tzinfo=None)}, InvalidTypeError, "launch"),
        ({"minimum_pledge": usd(1)}, CurrencyMismatchError, "minimum_pledge"),
        (
            {"tiers": (RewardTier("t", kzt(1)), RewardTier("t", kzt(2)))},
            ValidationError,
            "tiers[1].id",
        ),
        ({"tiers": (RewardTier("t", usd(1)),)}, CurrencyMismatchError, "tiers[0].minimum"),
        ({"per_backer_cap": kzt(1), "minimum_pledge": kzt(2)}, ValidationError, "per_backer_cap"),
        ({"goal": 100}, InvalidTypeError, "goal"),
        ({"owner": 7}, InvalidTypeError, "owner"),
        ({"owner": "-o"}, ValidationError, "owner"),
        ({"pool_id": "a b"}, ValidationError, "pool_id"),
        ({"title": 5}, InvalidTypeError, "title"),
        ({"title": "x" * 501}, ValidationError, "title"),
        ({"model": "keep_it_all"}, InvalidTypeError, "model"),
        ({"fees": {"platform_rate": "0.05"}}, InvalidTypeError, "fees"),
        ({"max_duration": 30}, InvalidTypeError, "max_duration"),
        ({"max_duration": dt.timedelta(0)}, ValidationError, "max_duration"),
        ({"tiers": "gold"}, InvalidTypeError, "tiers"),
        ({"stretch_goals": 3}, InvalidTypeError, "stretch_goals"),
        ({"tiers": (StretchGoal("t", kzt(1)),)}, InvalidTypeError, "tiers[0]"),
        ({"tiers": [RewardTier(f"t{i}", kzt(1)) for i in range(1_001)]}, ValidationError, "tiers"),
        (
            {"stretch_goals": (StretchGoal("s", usd(1)),)},
            CurrencyMismatchError,
            "stretch_goals[0].target",
        ),
        (
            {"stretch_goals": (StretchGoal("s", kzt(1)), StretchGoal("s", kzt(2)))},
            ValidationError,
            "stretch_goals[1].id",
        ),
    ],
)
def test_bad_definitions(fields, error, field):
    base = {"id": "c", "owner": "o", "goal": kzt(100), "launch": T0, "deadline": T0 + DAY}
    with pytest.raises(error) as info:
        CampaignDefinition(**{**base, **fields})
    assert info.value.field == field
    assert DEFINITION_RULES[error.__name__, field] in info.value.rule


def test_bad_policies_and_pools():
    with pytest.raises(
        ValidationError, match=r"payment_rate = '0\.4': platform_rate \+ payment_rate must be < 1"
    ):
        FeePolicy(platform_rate="0.6", payment_rate="0.4")
    with pytest.raises(
        ValidationError, match=r"rounding = 'nearest': must be one of the decimal\.ROUND_\* modes"
    ):
        FeePolicy(rounding="nearest")
    with pytest.raises(InvalidTypeError, match=r"platform_rate = 0\.05: .*never float"):
        FeePolicy(platform_rate=0.05)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"factor = '0': must be > 0 and <= 100"):
        MatchPool("p", kzt(1), factor="0")
    with pytest.raises(
        CurrencyMismatchError,
        match=r"per_pledge_cap = '1\.00 USD': must be in the pool currency KZT",
    ):
        MatchPool("p", kzt(1), per_pledge_cap=usd(1))
    p = Platform()
    p.create_pool(MatchPool("usd", usd(100)), at=T0)
    with pytest.raises(
        CurrencyMismatchError,
        match=r"definition\.pool_id = 'usd': the pool is in USD, the campaign",
    ):
        campaign(p, pool_id="usd")
    with pytest.raises(ValidationError, match=r"definition\.pool_id = 'nope': is not a known pool"):
        campaign(p, pool_id="nope")


# -- JSON ------------------------------------------------------------------------------------


def test_events_commands_and_states_round_trip_through_json():
    p = Platform()
    p.create_pool(MatchPool("city", kzt(300), factor="0.5"), at=T0 - DAY)
    campaign(
        p,
        pool_id="city",
        tiers=(RewardTier("t", kzt(10), limit=5),),
        fees=FeePolicy(platform_rate="0.05", refund_fees=RefundFees.RETURNED),
    )
    p.pledge("c", "p1", "a", kzt(800), at=T0, tier_id="t")
    p.pledge("c", "p2", "b", kzt(300), at=T0)
    settle_all(p, "c", failures=("p2",))
    p.refund("c", "r1", "p1", kzt(100), at=T0 + 40 * DAY)
    log = from_json(to_json(p.log()), EventLog)
    assert list(log.events) == list(p.events)
    assert Platform.replay(log.events).state() == p.state()
    state = p.state()
    assert from_json(to_json(state), PlatformState) == state
    data = to_data(p.log())
    assert data["events"][3]["type"] == "pledge_created"
    data["events"][3]["type"] = "pledge_teleported"
    with pytest.raises(
        ValidationError, match=r"\$\.events\[3\]\.type = 'pledge_teleported': must be one of"
    ):
        from_data(data, EventLog)

    @attrs.frozen
    class Batch:
        commands: tuple[Command, ...]

    batch = Batch((cf.MakePledge("c", "p3", "a", kzt(1), T0, None), cf.Settle("c", T0)))
    text = to_json(batch)
    assert '"type":"make_pledge"' in text
    assert from_json(text, Batch) == batch


# -- properties ------------------------------------------------------------------------------


@given(
    goal=st.integers(1, 10**9),
    pledges=st.lists(st.integers(1, 10**8), min_size=1, max_size=8),
)
def test_percent_never_reads_100_before_the_goal(goal, pledges):
    p = Platform()
    campaign(p, goal=Money.from_minor(goal, "KZT"))
    for i, units in enumerate(pledges):
        p.pledge("c", f"p{i}", "a", Money.from_minor(units, "KZT"), at=T0)
    s = p.summary("c")
    exact = Fraction(sum(pledges) * 100, goal)
    assert s.percent_of_goal <= exact < s.percent_of_goal + Decimal("0.01")
    assert (s.percent_of_goal >= 100) == s.goal_reached == (sum(pledges) >= goal)


@given(
    pledges=st.lists(st.integers(1, 10**7), min_size=1, max_size=10),
    rate=st.sampled_from(["0.05", "0.029", "0.1234", "0.3"]),
    rounding=st.sampled_from([decimal.ROUND_HALF_EVEN, decimal.ROUND_UP, decimal.ROUND_DOWN]),
)
def test_platform_fee_split_sums_to_the_rounded_total(pledges, rate, rounding):
    p = Platform()
    campaign(p, goal=kzt("0.01"), fees=FeePolicy(platform_rate=rate, rounding=rounding))
    for i, units in enumerate(pledges):
        p.pledge("c", f"p{i}", f"b{i}", Money.from_minor(units, "KZT"), at=T0)
    settle_all(p, "c")
    total = Money.from_minor(sum(pledges), "KZT").multiply(rate, rounding=rounding)
    fees = [p.pledge_state("c", f"p{i}").fees for i in range(len(pledges))]
    assert sum(fees, kzt(0)) == total == p.summary("c").fees
    exact_total = Fraction(total.minor)
    for units, fee in zip(pledges, fees, strict=True):
        quota = exact_total * units / sum(pledges)
        assert abs(fee.minor - quota) < 1


@given(
    amount=st.integers(1, 10**9),
    budget=st.integers(1, 10**9),
    factor=st.decimals(min_value="0.01", max_value="5", places=2),
    cap=st.none() | st.integers(1, 10**9),
)
def test_a_match_never_exceeds_factor_caps_or_budget(amount, budget, factor, cap):
    p = Platform()
    pool = MatchPool(
        "city",
        Money.from_minor(budget, "KZT"),
        factor=factor,
        per_pledge_cap=None if cap is None else Money.from_minor(cap, "KZT"),
    )
    p.create_pool(pool, at=T0 - DAY)
    campaign(p, pool_id="city")
    (event,) = p.pledge("c", "p1", "a", Money.from_minor(amount, "KZT"), at=T0)
    match = event.match.minor  # type: ignore[union-attr]
    expected = min(int(amount * factor), budget, cap if cap is not None else budget)
    assert match == expected  # rounded down, then capped, then limited by the budget


@given(st.from_type(CampaignDefinition), st.from_type(MatchPool), st.from_type(FeePolicy))
def test_definitions_round_trip_through_json(definition, pool, policy):
    assert from_json(to_json(definition), CampaignDefinition) == definition
    assert from_json(to_json(pool), MatchPool) == pool
    assert from_json(to_json(policy), FeePolicy) == policy


@given(st.from_type(Platform))
def test_generated_platforms_replay_and_conserve(platform):
    assert Platform.replay(platform.events).state() == platform.state()
    for cid in platform.campaign_ids:
        s = platform.summary(cid)
        assert s.collected == s.payout + s.fees + s.refunded + s.held
    for pid in platform.pool_ids:
        pool = platform.pool_state(pid)
        assert pool.available + pool.spent == pool.pool.budget


def test_decide_is_pure_and_replay_rejects_broken_logs():
    p = Platform()
    campaign(p)
    before = p.state()
    events = p.decide(cf.MakePledge("c", "p1", "a", kzt(10), T0))
    assert len(events) == 1
    assert p.state() == before  # deciding records nothing
    with pytest.raises(
        ValidationError,
        match=r"events\[0\] = .*: refers to a pool, campaign or pledge not in the log",
    ):
        Platform.replay(events)  # a pledge without its campaign
    with pytest.raises(
        InvalidTypeError, match=r"events\[2\] = 'pledge': is not a crowdfunding event"
    ):
        Platform.replay([*p.events, "pledge"])  # type: ignore[list-item]


def test_campaign_handle_and_records():
    p = Platform()
    definition = CampaignDefinition(
        id="zine", owner="press", goal=kzt(100), launch=T0, deadline=T0 + DAY
    )
    zine = cf.Campaign.launch(p, definition, at=T0)
    zine.pledge("p1", "a", kzt(60), at=T0)
    zine.pledge("p2", "b", kzt(50), at=T0)
    zine.lower_pledge("p2", kzt(40), at=T0)
    assert zine.summary().percent_of_goal == Decimal("100.00")
    zine.close(at=T0 + DAY)
    zine.record_collection("p1", succeeded=True, at=T0 + DAY)
    zine.record_collection("p2", succeeded=True, at=T0 + DAY)
    zine.settle(at=T0 + DAY)
    zine.refund("r1", "p2", kzt(40), at=T0 + 2 * DAY)
    assert zine.statement("b").payout == kzt(0)
    assert repr(zine) == "Campaign('zine', status='settled')"
    with pytest.raises(ValidationError, match=r"campaign_id = 'nope': is not a known campaign"):
        cf.Campaign(p, "nope")
    ops = {op.name: op for op in OPERATIONS}
    out = ops["crowdfunding.replay"].run(
        ops["crowdfunding.replay"].input_type(definition, commands=())
    )
    rows = out.to_records()
    assert rows == [
        {
            "backer": "(total)",
            "pledges": None,
            "pledged": Decimal("0.00"),
            "matched": Decimal("0.00"),
            "collected": Decimal("0.00"),
            "fees": Decimal("0.00"),
            "refunded": Decimal("0.00"),
            "payout": Decimal("0.00"),
            "held": Decimal("0.00"),
            "currency": "KZT",
            "status": "live",
            "percent_of_goal": Decimal("0.00"),
            "backers": 0,
        }
    ]


@given(
    amounts=st.lists(st.integers(1, 10**9), min_size=1, max_size=6),
    rate=st.sampled_from(["0.029", "0.05", "0.0125", "0.3333"]),
    rounding=st.sampled_from(sorted(ROUNDING_MODES)),
)
def test_payment_fees_round_each_pledge_with_the_policy_mode(amounts, rate, rounding):
    # The payment fee is per pledge: amount x rate rounded to the tiyn with the policy's
    # mode, whoever bears it (on top at collection, or out of the payout at settlement).
    # The expected figures come from the decimal module, not from the library.
    def expected(units: int) -> int:
        with decimal.localcontext(prec=60):
            return int((Decimal(units) * Decimal(rate)).quantize(Decimal(1), rounding=rounding))

    for bearer in FeeBearer:
        p = Platform()
        policy = FeePolicy(payment_rate=rate, rounding=rounding, payment_fee_bearer=bearer)
        campaign(p, goal=kzt("0.01"), fees=policy)
        for i, units in enumerate(amounts):
            p.pledge("c", f"p{i}", f"b{i}", Money.from_minor(units, "KZT"), at=T0)
        settle_all(p, "c")
        for i, units in enumerate(amounts):
            line = p.pledge_state("c", f"p{i}")
            assert line.fees.minor == expected(units), (bearer, units)
            on_top = expected(units) if bearer is FeeBearer.BACKER else 0
            assert line.collected.minor == units + on_top
            assert line.payout.minor == units - (0 if on_top else expected(units))


# -- the rules behind every guard -------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "error", "field"),
    [
        (lambda: RewardTier("t", kzt(1), limit=0), ValidationError, "limit"),
        (lambda: RewardTier("t", kzt(1), limit=True), InvalidTypeError, "limit"),
        (lambda: RewardTier("t", kzt(1), limit="3"), InvalidTypeError, "limit"),
        (lambda: RewardTier("t", "1.00"), InvalidTypeError, "minimum"),
        (lambda: RewardTier(5, kzt(1)), InvalidTypeError, "id"),
        (lambda: StretchGoal("s", kzt(-1)), ValidationError, "target"),
        (lambda: FeePolicy(platform_rate="-0.01"), ValidationError, "platform_rate"),
        (lambda: FeePolicy(payment_rate="1"), ValidationError, "payment_rate"),
        (lambda: FeePolicy(platform_fee_bearer="creator"), InvalidTypeError, "platform_fee_bearer"),
        (lambda: FeePolicy(payment_fee_bearer=None), InvalidTypeError, "payment_fee_bearer"),
        (lambda: FeePolicy(refund_fees="kept"), InvalidTypeError, "refund_fees"),
        (lambda: MatchPool("p", kzt(1), factor="100.01"), ValidationError, "factor"),
        (
            lambda: MatchPool("p", kzt(1), counts_toward_goal=1),
            InvalidTypeError,
            "counts_toward_goal",
        ),
        (
            lambda: MatchPool("p", kzt(1), per_campaign_cap=kzt(0)),
            ValidationError,
            "per_campaign_cap",
        ),
        (
            lambda: MatchPool("p", kzt(1), per_campaign_cap=usd(1)),
            CurrencyMismatchError,
            "per_campaign_cap",
        ),
    ],
)
def test_bad_tiers_goals_policies_and_pools(build, error, field):
    with pytest.raises(error) as info:
        build()
    assert info.value.field == field
    assert DEFINITION_RULES[error.__name__, field] in info.value.rule


def test_limits_at_their_bounds_are_accepted():
    # The bounds themselves are allowed: a limit of 1, a factor of 100, a rate just below 1,
    # 1,000 tiers, a 500-character title.
    assert RewardTier("t", kzt(1), limit=1).limit == 1
    assert MatchPool("p", kzt(1), factor="100").factor == 100
    assert FeePolicy(platform_rate="0.5", payment_rate="0.49").payment_rate == Decimal("0.49")
    tiers = [RewardTier(f"t{i}", kzt(1)) for i in range(1_000)]
    base = {"id": "c", "owner": "o", "goal": kzt(100), "launch": T0, "deadline": T0 + DAY}
    assert len(CampaignDefinition(**base, tiers=tiers, title="x" * 500).tiers) == 1_000
    assert MatchPool("p", usd(1)).currency == "USD"


def test_pools_and_campaigns_are_created_once():
    p = Platform()
    pool = MatchPool("city", kzt(1_000))
    assert len(p.create_pool(pool, at=T0)) == 1
    assert p.create_pool(pool, at=T0) == ()  # a retry
    with pytest.raises(
        ValidationError, match=r"pool\.id = 'city': is already used by a different pool"
    ) as info:
        p.create_pool(MatchPool("city", kzt(2_000)), at=T0)
    assert info.value.field == "pool.id"
    with pytest.raises(InvalidTypeError, match=r"pool = 'city': must be a MatchPool") as info:
        p.execute(cf.CreatePool("city", T0))  # type: ignore[arg-type]
    assert info.value.field == "pool"
    definition = CampaignDefinition(
        id="c", owner="o", goal=kzt(100), launch=T0, deadline=T0 + DAY, pool_id="city"
    )
    assert len(p.create_campaign(definition, at=T0)) == 1
    assert p.create_campaign(definition, at=T0) == ()  # a retry
    with pytest.raises(
        ValidationError, match=r"definition\.id = 'c': is already used by a campaign"
    ) as info:
        p.create_campaign(attrs.evolve(definition, owner="other"), at=T0)
    assert info.value.field == "definition.id"
    with pytest.raises(
        InvalidTypeError, match=r"definition = 'c': must be a CampaignDefinition"
    ) as info:
        p.execute(cf.CreateCampaign("c", T0))  # type: ignore[arg-type]
    assert info.value.field == "definition"
    with pytest.raises(
        ValidationError, match=r"at = '.*': cannot launch at or after the deadline"
    ) as info:
        p.launch("c", at=T0 + DAY)  # the window [launch, deadline) is over
    assert p.summary("c").status is CampaignStatus.DRAFT
    assert len(p.events) == 2
    assert p.pool_ids == ("city",)
    assert p.definition("c") == definition
    with pytest.raises(
        ValidationError, match=r"pool_id = 'town': is not a known match pool"
    ) as info:
        p.pool_state("town")
    assert info.value.field == "pool_id"


def test_pledges_that_are_not_live_cannot_change_and_collections_name_a_bool():
    p = Platform()
    campaign(p)
    p.pledge("c", "p1", "a", kzt(100), at=T0)
    p.pledge("c", "p2", "a", kzt(1_000), at=T0)
    p.cancel_pledge("c", "p1", at=T0)
    with pytest.raises(
        InvalidStateError, match=r"pledge_id = 'p1': cannot change a cancelled pledge"
    ) as info:
        p.change_pledge("c", "p1", kzt(200), at=T0)
    assert info.value.field == "pledge_id"
    p.close("c", at=T0 + 30 * DAY)
    with pytest.raises(InvalidTypeError, match=r"succeeded = 'yes': must be a bool") as info:
        p.record_collection("c", "p2", succeeded="yes", at=T0 + 31 * DAY)  # type: ignore[arg-type]
    assert info.value.field == "succeeded"
    with pytest.raises(
        InvalidStateError, match=r"pledge_id = 'p1': cannot collect a cancelled pledge"
    ):
        p.record_collection("c", "p1", succeeded=True, at=T0 + 31 * DAY)
    p.record_collection("c", "p2", succeeded=False, at=T0 + 31 * DAY)
    with pytest.raises(
        InvalidStateError,
        match=r"pledge_id = 'p2': only collected pledges are refunded; it is collection_failed",
    ):
        p.refund("c", "r1", "p2", kzt(1), at=T0 + 32 * DAY)


def test_a_failed_campaign_releases_live_pledges_and_keeps_cancelled_ones():
    # Pool 1:1, budget 1,000. Pledges 300 (matched 300) and 200 (cancelled: its 200 match
    # went back at once); the 1,000 goal is missed with 300 + 300 counted: the live pledge
    # is released, its match returned, the cancelled one stays cancelled.
    p = Platform()
    p.create_pool(MatchPool("city", kzt(1_000)), at=T0 - DAY)
    campaign(p, pool_id="city")
    p.pledge("c", "p1", "a", kzt(300), at=T0)
    p.pledge("c", "p2", "b", kzt(200), at=T0)
    p.cancel_pledge("c", "p2", at=T0)
    assert p.pool_state("city").reserved == kzt(300)
    (closed,) = p.close("c", at=T0 + 30 * DAY)
    assert closed.outcome is CampaignStatus.FAILED  # type: ignore[union-attr]
    statuses = [line.status for line in p.campaign_state("c").pledges]
    assert statuses == [PledgeStatus.RELEASED, PledgeStatus.CANCELLED]
    pool = p.pool_state("city")
    assert (pool.available, pool.reserved, pool.paid) == (kzt(1_000), kzt(0), kzt(0))
    assert p.summary("c").pledged == kzt(300)  # what was pledged stays on record
    assert p.statement("c", "b").pledges == 0


def test_a_broken_log_is_reported_with_its_place():
    p = Platform()
    campaign(p)
    good = list(p.events)
    # A match for a campaign that joined no pool does not fit the log before it.
    stray = cf.PledgeCreated("c", "p1", "a", kzt(10), None, kzt(10), T0)
    with pytest.raises(ValidationError, match=r"events\[2\] = .*: does not fit the log") as info:
        Platform.replay([*good, stray])
    assert info.value.field == "events[2]"
    bad_amount = cf.PledgeCreated("c", "p1", "a", "10", None, kzt(0), T0)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"events\[2\] = .*: does not fit the log before it"):
        cf.replay([*good, bad_amount])
    assert cf.replay(good).state() == p.state()
    assert repr(cf.replay(good)) == "Platform(pools=0, campaigns=1, events=2)"


def test_the_campaign_handle_runs_every_command():
    p = Platform()
    definition = CampaignDefinition(
        id="zine",
        owner="press",
        goal=kzt(100),
        launch=T0,
        deadline=T0 + DAY,
        tiers=(RewardTier("print", kzt(30), limit=2),),
    )
    zine = cf.Campaign.launch(p, definition, at=T0)
    zine.pledge("p1", "a", kzt(30), at=T0, tier_id="print")
    zine.raise_pledge("p1", kzt(50), at=T0)
    with pytest.raises(
        ValidationError, match=r"amount = '60\.00 KZT': must be <= .*\(use raise_pledge\)"
    ):
        zine.lower_pledge("p1", kzt(60), at=T0)
    with pytest.raises(
        ValidationError, match=r"amount = '40\.00 KZT': must be >= .*\(use lower_pledge\)"
    ):
        zine.raise_pledge("p1", kzt(40), at=T0)
    zine.pledge("p2", "b", kzt(30), at=T0, tier_id="print")
    zine.cancel_pledge("p2", at=T0)
    assert zine.tiers() == (cf.TierAvailability("print", 1, 2, 1),)
    zine.extend_deadline(T0 + 2 * DAY, at=T0)
    assert zine.summary().deadline == T0 + 2 * DAY
    assert [s.backer for s in zine.statements()] == ["a", "b"]
    assert zine.state() == p.campaign_state("zine")
    zine.cancel(at=T0 + DAY)
    assert zine.summary().status is CampaignStatus.CANCELLED
    assert zine.state().pledges[0].status is PledgeStatus.RELEASED


def test_the_settle_operation_with_a_closed_campaign_and_a_cancelled_pledge():
    ops = {op.name: op for op in OPERATIONS}
    settle = ops["crowdfunding.settle"]
    definition = CampaignDefinition(id="c", owner="o", goal=kzt(100), launch=T0, deadline=T0 + DAY)
    commands = (
        cf.MakePledge("c", "p1", "a", kzt(80), T0),
        cf.MakePledge("c", "p2", "b", kzt(40), T0),
        cf.CancelPledge("c", "p2", T0),
        cf.MakePledge("c", "p3", "b", kzt(30), T0),
        cf.CloseCampaign("c", T0 + DAY),
    )
    out = settle.run(
        settle.input_type(
            definition, FeePolicy(platform_rate="0.1"), commands=commands, failed_collections=["p3"]
        )
    )
    # 110 pledged; p3 fails to pay, so 80 is collected; 10 % of 80 = 8 in fees.
    assert (out.outcome, out.status) == (CampaignStatus.FUNDED, CampaignStatus.SETTLED)
    assert (out.collected, out.fees, out.payout) == (kzt(80), kzt(8), kzt(72))
    assert out.failed_collections == ("p3",)
    with pytest.raises(
        InvalidTypeError, match=r"commands = 'make_pledge': must be a list of commands"
    ):
        settle.input_type(definition, FeePolicy(), commands="make_pledge")
    with pytest.raises(
        InvalidTypeError, match=r"failed_collections = 'p1': must be a list of pledge ids"
    ):
        settle.input_type(definition, FeePolicy(), failed_collections="p1")
    with pytest.raises(
        LimitExceededError, match=r"commands = '<10001 items>': a document holds at most 10000"
    ):
        settle.input_type(definition, FeePolicy(), commands=[commands[0]] * 10_001)


def test_refunds_return_the_match_from_reserved_before_settlement_and_paid_after():
    # Pool 1:1, budget 1,000. One pledge of 600 draws a 600 match (1,200 counted, goal
    # 1,000: funded). A refund of 150 before settlement keeps 600 x 450 / 600 = 450 of the
    # match: 150 goes back from reserved. Settlement pays 450; refunding the other 450
    # afterwards returns the rest from paid, and the pool is whole again.
    p = Platform()
    p.create_pool(MatchPool("city", kzt(1_000)), at=T0 - DAY)
    campaign(p, pool_id="city")
    p.pledge("c", "p1", "a", kzt(600), at=T0)
    assert p.percent_of_goal("c") == Decimal("120.00")
    p.close("c", at=T0 + 30 * DAY)
    p.record_collection("c", "p1", succeeded=True, at=T0 + 31 * DAY)
    p.refund("c", "r1", "p1", kzt(150), at=T0 + 31 * DAY)
    pool = p.pool_state("city")
    assert (pool.available, pool.reserved, pool.paid) == (kzt(550), kzt(450), kzt(0))
    assert p.pledge_state("c", "p1").match == kzt(450)
    p.settle("c", at=T0 + 32 * DAY)
    pool = p.pool_state("city")
    assert (pool.available, pool.reserved, pool.paid) == (kzt(550), kzt(0), kzt(450))
    assert p.summary("c").match_paid == kzt(450)
    p.refund("c", "r2", "p1", kzt(450), at=T0 + 33 * DAY)
    pool = p.pool_state("city")
    assert (pool.available, pool.reserved, pool.paid) == (kzt(1_000), kzt(0), kzt(0))
    s = p.summary("c")
    assert (s.match_paid, s.matched, s.refunded, s.payout) == (kzt(0), kzt(0), kzt(600), kzt(0))
