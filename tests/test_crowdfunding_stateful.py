"""Stateful properties of the crowdfunding platform (issue 3 invariants).

A RuleBasedStateMachine drives a platform with one match pool and three campaigns
(all-or-nothing in the pool, keep-it-all in the pool, all-or-nothing without a pool)
through random pledges, changes, cancellations, extensions, closes, collections,
settlements and refunds, valid or not, and checks after every step:

* collected = payout + fees + refunds + held, per pledge, per backer and per campaign,
  to the minor unit;
* the pool's budget = spent (reserved + paid) + available, and what it spent per
  campaign matches the campaigns' matched money;
* tier sold <= limit; refunded <= collected;
* replaying the event log (also through JSON) gives an equal state;
* a rejected command leaves the state equal to before;
* pledged money and tier counts agree with a simple model (a dict of live pledges).
"""

from __future__ import annotations

import datetime as dt
import decimal

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
)

from creative_city.errors import CreativeCityError
from creative_city.funding.crowdfunding import (
    CampaignDefinition,
    CampaignStatus,
    CancelCampaign,
    CancelPledge,
    ChangePledge,
    CloseCampaign,
    Command,
    EventLog,
    ExtendDeadline,
    FeeBearer,
    FeePolicy,
    FundingModel,
    MakePledge,
    MatchPool,
    Platform,
    PledgeCancelled,
    PledgeChanged,
    PledgeCreated,
    PledgeStatus,
    RecordCollection,
    Refund,
    RefundFees,
    RewardTier,
    Settle,
    StretchGoal,
)
from creative_city.money import Money
from creative_city.serialization import from_json, to_json

T0 = dt.datetime(2022, 10, 1, 9, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
CAMPAIGNS = ("aon", "kia", "solo")
BACKERS = ("aigerim", "daniyar", "saule", "timur")


def kzt(units: int) -> Money:
    return Money.from_minor(units, "KZT")


fee_policies = st.builds(
    FeePolicy,
    platform_rate=st.sampled_from(["0", "0.05", "0.1", "0.333"]),
    payment_rate=st.sampled_from(["0", "0.029", "0.03"]),
    rounding=st.sampled_from(
        [decimal.ROUND_HALF_EVEN, decimal.ROUND_HALF_UP, decimal.ROUND_DOWN, decimal.ROUND_UP]
    ),
    platform_fee_bearer=st.sampled_from(FeeBearer),
    payment_fee_bearer=st.sampled_from(FeeBearer),
    refund_fees=st.sampled_from(RefundFees),
)


class _PlatformMachine(RuleBasedStateMachine):
    """Shared set-up, helpers, settlement rules and invariants."""

    def _build(self, *, budget, factor, pledge_cap, campaign_cap, counts, fees, cap):
        self.platform = Platform()
        self.now = T0
        self.pool = MatchPool(
            "city",
            kzt(budget),
            factor=factor,
            per_pledge_cap=None if pledge_cap is None else kzt(pledge_cap),
            per_campaign_cap=None if campaign_cap is None else kzt(campaign_cap),
            counts_toward_goal=counts,
        )
        self.platform.create_pool(self.pool, at=T0)
        tiers = (RewardTier("vinyl", kzt(20_000), limit=2), RewardTier("thanks", kzt(1_000)))
        for cid, model, pool in (
            ("aon", FundingModel.ALL_OR_NOTHING, "city"),
            ("kia", FundingModel.KEEP_IT_ALL, "city"),
            ("solo", FundingModel.ALL_OR_NOTHING, None),
        ):
            definition = CampaignDefinition(
                id=cid,
                owner="studio",
                goal=kzt(100_000),
                launch=T0 + DAY,
                deadline=T0 + 10 * DAY,
                model=model,
                minimum_pledge=kzt(500),
                per_backer_cap=None if cap is None else kzt(cap),
                tiers=tiers,
                stretch_goals=(StretchGoal("video", kzt(150_000)),),
                max_duration=dt.timedelta(days=20),
                pool_id=pool,
                fees=fees,
            )
            self.platform.create_campaign(definition, at=T0)
            self.platform.launch(cid, at=T0)
        self.now = T0 + DAY
        self.model: dict[str, dict[str, tuple[int, str | None]]] = {c: {} for c in CAMPAIGNS}
        self.count = 0
        self.rejected = 0

    # -- helpers -----------------------------------------------------------------------

    def _try(self, command: Command) -> bool:
        before = self.platform.state()
        log_length = len(self.platform.events)
        try:
            events = self.platform.execute(command)
        except CreativeCityError as error:
            rejected = error
        else:
            rejected = None
        if rejected is not None:
            assert self.platform.state() == before, "a rejected command changed the state"
            assert len(self.platform.events) == log_length
            assert rejected.field
            assert rejected.rule in str(rejected)
            self.rejected += 1
            return False
        for event in events:
            pledges = self.model.get(getattr(event, "campaign_id", ""), {})
            if isinstance(event, PledgeCreated):
                pledges[event.pledge_id] = (event.amount.minor, event.tier_id)
            elif isinstance(event, PledgeChanged):
                pledges[event.pledge_id] = (event.amount.minor, pledges[event.pledge_id][1])
            elif isinstance(event, PledgeCancelled):
                del pledges[event.pledge_id]
        return True

    def _pledge_many(self, campaign, pledges):
        for backer, units in pledges:
            self.count += 1
            self._try(MakePledge(campaign, f"p{self.count}", backer, kzt(units), self.now))

    def _close(self, campaign, *, early):
        deadline = self.platform.summary(campaign).deadline
        at = self.now if early else max(self.now, deadline)
        if self._try(CloseCampaign(campaign, at)):
            self.now = at

    def _pledge_ids(self, campaign: str) -> list[str]:
        return sorted(p.id for p in self.platform.campaign_state(campaign).pledges)

    # -- settlement rules (both machines) ---------------------------------------------

    @rule(campaign=st.sampled_from(CAMPAIGNS), data=st.data(), succeeded=st.booleans())
    def collect(self, campaign, data, succeeded):
        ids = self._pledge_ids(campaign)
        if ids:
            pid = data.draw(st.sampled_from(ids))
            self._try(RecordCollection(campaign, pid, succeeded, self.now))

    @rule(campaign=st.sampled_from(CAMPAIGNS), succeeded=st.booleans())
    def collect_all(self, campaign, succeeded):
        for pledge in self.platform.campaign_state(campaign).pledges:
            if pledge.status is PledgeStatus.ACTIVE:
                self._try(RecordCollection(campaign, pledge.id, succeeded, self.now))
                succeeded = not succeeded

    @rule(campaign=st.sampled_from(CAMPAIGNS))
    def settle(self, campaign):
        self._try(Settle(campaign, self.now))

    @rule(
        campaign=st.sampled_from(CAMPAIGNS),
        data=st.data(),
        refund_id=st.sampled_from(["r1", "r2", "r3", "r4", "r5"]),
        fraction=st.sampled_from([0, 1, 2, 3, 4]),
        extra=st.integers(-2, 2),
    )
    def refund(self, campaign, data, refund_id, fraction, extra):
        collected = [p for p in self.platform.campaign_state(campaign).pledges if p.collected.minor]
        if collected:
            pledge = data.draw(st.sampled_from(collected))
            units = (pledge.collected.minor - pledge.refunded.minor) * fraction // 4 + extra
            self._try(Refund(campaign, f"{refund_id}", pledge.id, kzt(units), self.now))

    @precondition(lambda self: self.count > 0)
    @rule(campaign=st.sampled_from(CAMPAIGNS), kind=st.integers(0, 4))
    def bad_command(self, campaign, kind):
        naive = self.now.replace(tzinfo=None)
        commands = [
            MakePledge(campaign, "bad-naive", "x", kzt(1_000), naive),
            MakePledge(campaign, "bad-usd", "x", Money.of(10, "USD"), self.now),
            MakePledge("nope", "bad", "x", kzt(1_000), self.now),
            ChangePledge(campaign, "unknown-pledge", kzt(1_000), self.now),
            Refund(campaign, "bad-refund", "unknown-pledge", kzt(1), self.now),
        ]
        assert not self._try(commands[kind])

    # -- invariants ----------------------------------------------------------------------

    @invariant()
    def conservation(self):
        for cid in CAMPAIGNS:
            state = self.platform.campaign_state(cid)
            for p in state.pledges:
                assert p.collected == p.payout + p.fees + p.refunded + p.held
                assert p.refunded <= p.collected
                assert p.refunded.minor >= 0
                assert p.held.minor >= 0
            statements = self.platform.statements(cid)
            summary = state.summary
            for name in ("collected", "fees", "refunded", "payout", "held", "matched"):
                total = sum((getattr(s, name) for s in statements), kzt(0))
                assert total == getattr(summary, name), name
            for s in statements:
                assert s.collected == s.payout + s.fees + s.refunded + s.held
            assert summary.collected == (
                summary.payout + summary.fees + summary.refunded + summary.held
            )
            if summary.status is not CampaignStatus.SETTLED:
                assert summary.payout.minor == 0
                assert summary.fees.minor == 0
            else:
                assert summary.held.minor == 0

    @invariant()
    def pool_budget(self):
        pool = self.platform.pool_state("city")
        assert pool.available + pool.spent == pool.pool.budget
        assert pool.available.minor >= 0
        assert pool.reserved.minor >= 0
        assert sum(pool.by_campaign.values(), kzt(0)) == pool.spent
        for cid in ("aon", "kia"):
            matched = self.platform.summary(cid).matched
            assert pool.by_campaign[cid] == matched
            if self.pool.per_campaign_cap is not None:
                assert matched <= self.pool.per_campaign_cap
        assert self.platform.summary("solo").matched.minor == 0

    @invariant()
    def tiers_and_model(self):
        for cid in CAMPAIGNS:
            summary = self.platform.summary(cid)
            live = self.model[cid]
            assert summary.pledged.minor == sum(units for units, _ in live.values())
            for tier in summary.tiers:
                assert tier.sold == sum(1 for _, t in live.values() if t == tier.tier_id)
                if tier.limit is not None:
                    assert tier.sold <= tier.limit
                    assert tier.remaining == tier.limit - tier.sold
            if summary.percent_of_goal >= 100:
                assert summary.goal_reached
            if summary.status is CampaignStatus.FAILED:
                assert summary.matched.minor == 0

    @invariant()
    def replay_gives_equal_state(self):
        state = self.platform.state()
        assert Platform.replay(self.platform.events).state() == state
        log = from_json(to_json(self.platform.log()), EventLog)
        assert Platform.replay(log.events).state() == state


class CrowdfundingMachine(_PlatformMachine):
    """The whole lifecycle: pledges, changes, cancellations, extensions, closes."""

    @initialize(
        budget=st.integers(1, 400_000),
        factor=st.sampled_from(["1", "0.5", "2", "0.333"]),
        pledge_cap=st.none() | st.integers(1, 200_000),
        campaign_cap=st.none() | st.integers(1, 300_000),
        counts=st.booleans(),
        fees=fee_policies,
        cap=st.none() | st.integers(50_000, 300_000),
    )
    def setup(self, *, budget, factor, pledge_cap, campaign_cap, counts, fees, cap):
        self._build(
            budget=budget,
            factor=factor,
            pledge_cap=pledge_cap,
            campaign_cap=campaign_cap,
            counts=counts,
            fees=fees,
            cap=cap,
        )

    # -- rules -------------------------------------------------------------------------

    @rule(
        campaign=st.sampled_from(CAMPAIGNS),
        backer=st.sampled_from(BACKERS),
        units=st.integers(-100, 80_000),
        tier=st.sampled_from([None, None, "vinyl", "thanks", "unknown"]),
        retry=st.booleans(),
    )
    def pledge(self, campaign, backer, units, tier, retry):
        self.count += 1
        pid = f"p{self.count}"
        command = MakePledge(campaign, pid, backer, kzt(units), self.now, tier)
        if self._try(command) and retry:
            before = self.platform.state()
            assert self.platform.execute(command) == ()  # a retry records nothing
            assert self.platform.state() == before

    @rule(
        campaign=st.sampled_from(CAMPAIGNS),
        pledges=st.lists(
            st.tuples(st.sampled_from(BACKERS), st.integers(500, 60_000)), min_size=1, max_size=4
        ),
    )
    def pledge_burst(self, campaign, pledges):
        for backer, units in pledges:
            self.count += 1
            self._try(MakePledge(campaign, f"p{self.count}", backer, kzt(units), self.now))

    @rule(campaign=st.sampled_from(CAMPAIGNS), data=st.data(), units=st.integers(1, 250_000))
    def change(self, campaign, data, units):
        ids = self._pledge_ids(campaign)
        if ids:
            pid = data.draw(st.sampled_from(ids))
            self._try(ChangePledge(campaign, pid, kzt(units), self.now))

    @rule(campaign=st.sampled_from(CAMPAIGNS), data=st.data())
    def cancel(self, campaign, data):
        ids = self._pledge_ids(campaign)
        if ids:
            pid = data.draw(st.sampled_from(ids))
            self._try(CancelPledge(campaign, pid, self.now))

    @rule(hours=st.integers(1, 24 * 4))
    def advance(self, hours):
        self.now += dt.timedelta(hours=hours)

    @rule(campaign=st.sampled_from(CAMPAIGNS), days=st.integers(1, 12))
    def extend(self, campaign, days):
        deadline = self.platform.summary(campaign).deadline
        self._try(ExtendDeadline(campaign, deadline + dt.timedelta(days=days), self.now))

    @precondition(lambda self: self.count >= 6)
    @rule(campaign=st.sampled_from(CAMPAIGNS), when=st.sampled_from(["now", "deadline"]))
    def cancel_campaign(self, campaign, when):
        at = self.now if when == "now" else self.platform.summary(campaign).deadline
        self._try(CancelCampaign(campaign, at))

    @precondition(lambda self: self.count >= 3)
    @rule(campaign=st.sampled_from(CAMPAIGNS), early=st.booleans())
    def close(self, campaign, early):
        if not self.model[campaign] and campaign != "solo":
            return  # keep live campaigns without pledges open: closing them is covered by solo
        deadline = self.platform.summary(campaign).deadline
        at = self.now if early else max(self.now, deadline)
        if self._try(CloseCampaign(campaign, at)):
            self.now = at

    @precondition(lambda self: self.count >= 2)
    @rule(campaign=st.sampled_from(CAMPAIGNS), succeeded=st.booleans(), settle=st.booleans())
    def finish(self, campaign, succeeded, settle):
        """Close at the deadline, record every collection, maybe settle: the whole chain."""
        self.close(campaign, early=False)
        self.collect_all(campaign, succeeded)
        if settle:
            self.settle(campaign)


class SettlementMachine(_PlatformMachine):
    """Starts from closed campaigns that hold pledges, to dwell on collection, settlement
    and refunds (the lifecycle machine rarely gets that far in 40 steps)."""

    @initialize(
        budget=st.integers(1, 400_000),
        factor=st.sampled_from(["1", "0.5", "2", "0.333"]),
        pledge_cap=st.none() | st.integers(1, 200_000),
        campaign_cap=st.none() | st.integers(1, 300_000),
        counts=st.booleans(),
        fees=fee_policies,
        pledges=st.lists(
            st.tuples(
                st.sampled_from(CAMPAIGNS), st.sampled_from(BACKERS), st.integers(500, 60_000)
            ),
            min_size=1,
            max_size=12,
        ),
    )
    def setup(self, *, budget, factor, pledge_cap, campaign_cap, counts, fees, pledges):
        self._build(
            budget=budget,
            factor=factor,
            pledge_cap=pledge_cap,
            campaign_cap=campaign_cap,
            counts=counts,
            fees=fees,
            cap=None,
        )
        for campaign in CAMPAIGNS:
            self._pledge_many(campaign, [(b, u) for c, b, u in pledges if c == campaign])
        for campaign in CAMPAIGNS:
            self._close(campaign, early=False)


# Each step snapshots and replays the platform (twice, once through JSON): keep the run
# short in the ci profile; the two machines together take about 15 s.
CrowdfundingMachine.TestCase.settings = settings(settings.default, max_examples=50)
SettlementMachine.TestCase.settings = settings(settings.default, max_examples=50)
TestCrowdfundingMachine = CrowdfundingMachine.TestCase
TestSettlementMachine = SettlementMachine.TestCase
