"""The platform against an independent reference model of the crowdfunding rules.

The model below restates the rules of the design (campaigns, pledges, match funding,
settlement, refunds) in the plainest way a reviewer can check: every total is a sum
over pledges computed afresh (the platform keeps running totals), fees are rounded
with ``decimal.Decimal.quantize`` (the platform with the library's rounding helper),
the platform fee is split by a largest-remainder written out here, and the pool's
``available`` is its budget minus what the pledges hold. Random histories (one or two
campaigns, sharing a pool or not; pledges, changes, cancellations valid or not; the
close; collections that fail; refunds before and after settlement, valid or not; the
settlement) run on both, and after every command the events the platform records
(every amount in them, the ``CampaignSettled`` totals included), its errors (class
and field) and every read-out (summary, tiers, stretch goals, statements, ledger
lines, the pool's position) must agree with the model's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import decimal
import re
from decimal import Decimal
from fractions import Fraction
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import example, given, target
from hypothesis import strategies as st

from creative_city.errors import (
    CreativeCityError,
    InvalidStateError,
    LimitExceededError,
    ValidationError,
)
from creative_city.funding import crowdfunding as cf
from creative_city.funding.crowdfunding import (
    CampaignDefinition,
    FeeBearer,
    FeePolicy,
    FundingModel,
    MatchPool,
    Platform,
    RefundFees,
    RewardTier,
    StretchGoal,
)
from creative_city.money import ROUNDING_MODES, Money
from creative_city.serialization import from_json, to_json

T0 = dt.datetime(2022, 10, 1, 9, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
TICK = dt.timedelta(microseconds=1)
DEADLINE = T0 + 30 * DAY
BACKERS = ("aigerim", "daniyar", "saule", "timur")


def kzt(units: int) -> Money:
    return Money.from_minor(units, "KZT")


# -- the reference model --------------------------------------------------------------------


def fee(amount: int, rate: str, rounding: str) -> int:
    """amount x rate, rounded to a whole minor unit with *rounding* (Decimal's own rule)."""
    with decimal.localcontext(decimal.Context(prec=80)):
        return int((Decimal(amount) * Decimal(rate)).quantize(Decimal(1), rounding=rounding))


def largest_remainder(total: int, weights: list[int]) -> list[int]:
    """Hamilton's method: floors of the quotas, then one unit each to the largest
    remainders (the earlier index first on a tie)."""
    whole = sum(weights)
    quotas = [Fraction(total * w, whole) for w in weights]
    shares = [q.numerator // q.denominator for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - shares[i]), i))
    for i in order[: total - sum(shares)]:
        shares[i] += 1
    return shares


@dataclasses.dataclass
class RPledge:
    id: str
    backer: str
    tier: str | None
    initial: int
    amount: int
    match: int = 0
    status: str = "active"
    collected: int = 0
    on_top: int = 0
    match_base: int = 0
    fee_charged: int = 0
    fee_returned: int = 0
    refunded: int = 0
    payout: int = 0
    match_paid: int = 0


@dataclasses.dataclass
class RPool:
    definition: MatchPool
    campaigns: list[RCampaign] = dataclasses.field(default_factory=list)

    def paid(self) -> int:
        return sum(p.match_paid for c in self.campaigns for p in c.pledges.values())

    def reserved(self) -> int:
        return sum(
            p.match
            for c in self.campaigns
            for p in c.pledges.values()
            if p.match_paid == 0 and c.status != "settled"
        )

    def available(self) -> int:
        return self.definition.budget.minor - self.paid() - self.reserved()

    def grant(self, campaign: RCampaign, amount: int, current: int) -> int:
        d = self.definition
        desired = amount * Fraction(d.factor).numerator // Fraction(d.factor).denominator
        if d.per_pledge_cap is not None:
            desired = min(desired, d.per_pledge_cap.minor)
        if desired <= current:
            return desired
        room = [desired - current, self.available()]
        if d.per_campaign_cap is not None:
            room.append(d.per_campaign_cap.minor - campaign.matched())
        return current + max(min(room), 0)


@dataclasses.dataclass
class RCampaign:
    definition: CampaignDefinition
    pool: RPool | None
    status: str = "live"
    pledges: dict[str, RPledge] = dataclasses.field(default_factory=dict)
    refunds: dict[str, tuple[str, int]] = dataclasses.field(default_factory=dict)

    @property
    def fees_policy(self) -> FeePolicy:
        return self.definition.fees

    def live(self, backer: str) -> int:
        return sum(
            p.amount
            for p in self.pledges.values()
            if p.backer == backer and p.status != "cancelled"
        )

    def pledged(self) -> int:
        return sum(p.amount for p in self.pledges.values() if p.status != "cancelled")

    def matched(self) -> int:
        return sum(p.match for p in self.pledges.values())

    def counted(self) -> int:
        counts = self.pool is not None and self.pool.definition.counts_toward_goal
        return self.pledged() + (self.matched() if counts else 0)

    def sold(self, tier: str) -> int:
        return sum(1 for p in self.pledges.values() if p.tier == tier and p.status != "cancelled")

    def backers(self) -> int:
        return len({p.backer for p in self.pledges.values() if p.status != "cancelled"})

    def held(self, p: RPledge) -> int:
        if p.status != "collected" or self.status == "settled":
            return 0
        return p.collected - p.refunded

    def on_top(self, amount: int) -> int:
        f = self.fees_policy
        extra = 0
        if f.platform_fee_bearer is FeeBearer.BACKER:
            extra += fee(amount, str(f.platform_rate), f.rounding)
        if f.payment_fee_bearer is FeeBearer.BACKER:
            extra += fee(amount, str(f.payment_rate), f.rounding)
        return extra

    def creator_fees(self, collected: list[RPledge]) -> list[int]:
        f = self.fees_policy
        amounts = [p.amount for p in collected]
        fees = [0] * len(amounts)
        if f.payment_fee_bearer is FeeBearer.CREATOR:
            fees = [fee(a, str(f.payment_rate), f.rounding) for a in amounts]
        if f.platform_fee_bearer is FeeBearer.CREATOR and amounts:
            total = fee(sum(amounts), str(f.platform_rate), f.rounding)
            fees = [x + y for x, y in zip(fees, largest_remainder(total, amounts), strict=True)]
        return fees


class Reject(Exception):  # noqa: N818 - the model's "the platform must raise this"
    def __init__(self, error: type[CreativeCityError], field: str, rule: str) -> None:
        super().__init__(error.__name__, field, rule)
        self.error = error
        self.field = field
        self.rule = rule


class Model:
    """The rules, applied to a command: the events' amounts, or the rejection."""

    def __init__(self, pool: MatchPool | None) -> None:
        self.pool = None if pool is None else RPool(pool)
        self.campaigns: dict[str, RCampaign] = {}

    def add(self, definition: CampaignDefinition) -> None:
        pool = self.pool if definition.pool_id is not None else None
        c = RCampaign(definition, pool)
        self.campaigns[definition.id] = c
        if pool is not None:
            pool.campaigns.append(c)

    def _status(self, c: RCampaign, *allowed: str) -> None:
        if c.status not in allowed:
            raise Reject(
                InvalidStateError, "campaign_id", f"the campaign is {c.status}, it must be"
            )

    def _window(self, c: RCampaign, at: dt.datetime) -> None:
        if not c.definition.launch <= at < c.definition.deadline:
            raise Reject(ValidationError, "at", "outside launch <= at < deadline")

    def _check_amount(self, c: RCampaign, p_tier: str | None, units: int) -> None:
        d = c.definition
        minimum = 1 if d.minimum_pledge is None else d.minimum_pledge.minor
        if units < minimum:
            raise Reject(ValidationError, "amount", "is below the minimum pledge")
        if p_tier is not None:
            tier = next(t for t in d.tiers if t.id == p_tier)
            if units < tier.minimum.minor:
                raise Reject(ValidationError, "amount", f"is below tier {tier.id!r}'s minimum")

    def pledge(
        self, cid: str, pid: str, backer: str, units: int, tier: str | None, *, at: dt.datetime
    ) -> list[Any]:
        c = self.campaigns[cid]
        self._status(c, "live")
        self._window(c, at)
        self._check_amount(c, None, units)
        if tier is not None:
            limit = next(t for t in c.definition.tiers if t.id == tier).limit
            self._check_amount(c, tier, units)
            if limit is not None and c.sold(tier) >= limit:
                raise Reject(
                    LimitExceededError, "tier_id", rf"is sold out \({limit} of {limit} taken\)"
                )
        cap = c.definition.per_backer_cap
        if cap is not None and c.live(backer) + units > cap.minor:
            raise Reject(LimitExceededError, "amount", f"above the per-backer cap {cap}")
        match = 0 if c.pool is None else c.pool.grant(c, units, 0)
        c.pledges[pid] = RPledge(pid, backer, tier, units, units, match)
        return [("pledge_created", units, match)]

    def change(self, cid: str, pid: str, units: int, *, at: dt.datetime) -> list[Any]:
        c = self.campaigns[cid]
        p = c.pledges[pid]
        self._status(c, "live")
        self._window(c, at)
        if p.status != "active":
            raise Reject(InvalidStateError, "pledge_id", f"cannot change a {p.status} pledge")
        if units == p.amount:
            return []
        self._check_amount(c, p.tier, units)
        cap = c.definition.per_backer_cap
        if cap is not None and units > p.amount and c.live(p.backer) - p.amount + units > cap.minor:
            raise Reject(LimitExceededError, "amount", f"above the per-backer cap {cap}")
        p.match = 0 if c.pool is None else c.pool.grant(c, units, p.match)
        p.amount = units
        return [("pledge_changed", units, p.match)]

    def cancel(self, cid: str, pid: str, *, at: dt.datetime) -> list[Any]:
        c = self.campaigns[cid]
        p = c.pledges[pid]
        if p.status == "cancelled":
            return []
        self._status(c, "live")
        self._window(c, at)
        p.status, p.match = "cancelled", 0
        return [("pledge_cancelled",)]

    def close(self, cid: str) -> list[Any]:
        c = self.campaigns[cid]
        self._status(c, "live")
        if c.definition.model is FundingModel.ALL_OR_NOTHING:
            funded = c.counted() >= c.definition.goal.minor
        else:
            funded = c.pledged() > 0
        event = ("campaign_closed", "funded" if funded else "failed", c.pledged(), c.matched())
        c.status = "funded" if funded else "failed"
        if not funded:
            for p in c.pledges.values():
                if p.status == "active":
                    p.status, p.match = "released", 0
        return [event]

    def collect(self, cid: str, pid: str, *, succeeded: bool) -> list[Any]:
        c = self.campaigns[cid]
        p = c.pledges[pid]
        self._status(c, "funded")
        if not succeeded:
            p.status, p.match = "collection_failed", 0
            return [("collection_failed",)]
        p.on_top = c.on_top(p.amount)
        p.collected = p.amount + p.on_top
        p.match_base = p.match
        p.status = "collected"
        return [("pledge_collected", p.collected)]

    def settle(self, cid: str) -> list[Any]:
        c = self.campaigns[cid]
        self._status(c, "funded")
        collected = [p for p in c.pledges.values() if p.status == "collected"]
        returns = c.fees_policy.refund_fees is RefundFees.RETURNED
        fees = payout = match_paid = 0
        for p, creator_fee in zip(collected, c.creator_fees(collected), strict=True):
            p.fee_charged = p.on_top + creator_fee
            p.fee_returned = p.fee_charged * p.refunded // p.collected if returns else 0
            net = p.fee_charged - p.fee_returned
            p.payout = p.collected - p.refunded - net
            p.match_paid = p.match
            fees, payout, match_paid = fees + net, payout + p.payout, match_paid + p.match
        c.status = "settled"
        return [("campaign_settled", fees, payout, match_paid)]

    def refund(self, cid: str, rid: str, pid: str, units: int) -> list[Any]:
        c = self.campaigns[cid]
        if rid in c.refunds:
            if c.refunds[rid] == (pid, units):
                return []
            raise Reject(ValidationError, "refund_id", "is already used for")
        p = c.pledges[pid]
        self._status(c, "funded", "settled")
        if p.status != "collected":
            raise Reject(
                InvalidStateError,
                "pledge_id",
                f"only collected pledges are refunded; it is {p.status}",
            )
        if units > p.collected - p.refunded:
            left = kzt(p.collected - p.refunded)
            raise Reject(LimitExceededError, "amount", f"exceeds what is refundable .* = {left}$")
        c.refunds[rid] = (pid, units)
        p.refunded += units
        if c.status == "settled":
            back = 0
            if c.fees_policy.refund_fees is RefundFees.RETURNED:
                back = p.fee_charged * p.refunded // p.collected - p.fee_returned
                p.fee_returned += back
            p.payout -= units - back
        kept = p.match_base * (p.collected - p.refunded) // p.collected
        if c.status == "settled":
            p.match_paid = kept
        p.match = kept
        return [("pledge_refunded", units)]


# -- comparing the platform with the model ---------------------------------------------------


def _event_tuple(event: Any) -> tuple[Any, ...]:
    if isinstance(event, (cf.PledgeCreated, cf.PledgeChanged)):
        name = "pledge_created" if isinstance(event, cf.PledgeCreated) else "pledge_changed"
        return (name, event.amount.minor, event.match.minor)
    if isinstance(event, cf.CampaignClosed):
        return ("campaign_closed", event.outcome.value, event.pledged.minor, event.matched.minor)
    if isinstance(event, cf.PledgeCollected):
        return ("pledge_collected", event.amount.minor)
    if isinstance(event, cf.CampaignSettled):
        return ("campaign_settled", event.fees.minor, event.payout.minor, event.match_paid.minor)
    if isinstance(event, cf.PledgeRefunded):
        return ("pledge_refunded", event.amount.minor)
    if isinstance(event, cf.PledgeCancelled):
        return ("pledge_cancelled",)
    assert isinstance(event, cf.CollectionFailed)
    return ("collection_failed",)


def run(platform: Platform, command: cf.Command, step: Any) -> None:
    """Run *command* on the platform and *step* on the model: the same outcome."""
    rejected: Reject | None = None
    try:
        expected = step()
    except Reject as reject:
        rejected = reject
    if rejected is not None:
        before, log = platform.state(), platform.events
        with pytest.raises(rejected.error) as info:
            platform.execute(command)
        assert info.value.field == rejected.field, (command, str(info.value))
        assert re.search(rejected.rule, info.value.rule), (command, str(info.value))
        assert platform.state() == before
        assert platform.events == log
        return
    events = platform.execute(command)
    assert [_event_tuple(e) for e in events] == expected, command
    assert all(e.at == command.at for e in events)  # every event at its command's instant


def check_readouts(platform: Platform, model: Model) -> None:
    """Every read-out of the platform equals the model's sums over its pledges."""
    for cid, c in model.campaigns.items():
        s = platform.summary(cid)
        goal = c.definition.goal.minor
        counted = c.counted()
        assert s.status.value == c.status
        assert s.pledged.minor == c.pledged()
        assert s.matched.minor == c.matched()
        assert s.counted.minor == counted
        assert s.percent_of_goal == Decimal(counted * 10_000 // goal) / 100
        assert s.goal_reached == (counted >= goal)
        assert s.backers == c.backers()
        pledges = list(c.pledges.values())
        assert s.collected.minor == sum(p.collected for p in pledges)
        assert s.fees.minor == sum(p.fee_charged - p.fee_returned for p in pledges)
        assert s.refunded.minor == sum(p.refunded for p in pledges)
        assert s.payout.minor == sum(p.payout for p in pledges)
        assert s.held.minor == sum(c.held(p) for p in pledges)
        assert s.match_paid.minor == sum(p.match_paid for p in pledges)
        assert [(g.stretch_goal_id, g.target, g.reached) for g in s.stretch_goals] == [
            (g.id, g.target, counted >= g.target.minor) for g in c.definition.stretch_goals
        ]
        assert [(t.tier_id, t.sold, t.limit, t.remaining) for t in s.tiers] == [
            (t.id, c.sold(t.id), t.limit, None if t.limit is None else t.limit - c.sold(t.id))
            for t in c.definition.tiers
        ]
        for p in pledges:
            line = platform.pledge_state(cid, p.id)
            assert (line.status.value, line.tier_id, line.backer) == (p.status, p.tier, p.backer)
            assert [
                m.minor
                for m in (
                    line.initial,
                    line.amount,
                    line.match,
                    line.collected,
                    line.fees,
                    line.refunded,
                    line.payout,
                    line.held,
                )
            ] == [
                p.initial,
                p.amount,
                p.match,
                p.collected,
                p.fee_charged - p.fee_returned,
                p.refunded,
                p.payout,
                c.held(p),
            ], p.id
        backers = sorted({p.backer for p in pledges})
        assert [s2.backer for s2 in platform.statements(cid)] == backers
        for backer in [*backers, "stranger"]:
            mine = [p for p in pledges if p.backer == backer]
            statement = platform.statement(cid, backer)
            assert statement.pledges == sum(1 for p in mine if p.status != "cancelled")
            assert [
                m.minor
                for m in (
                    statement.pledged,
                    statement.matched,
                    statement.collected,
                    statement.fees,
                    statement.refunded,
                    statement.payout,
                    statement.held,
                )
            ] == [
                sum(p.amount for p in mine if p.status != "cancelled"),
                sum(p.match for p in mine),
                sum(p.collected for p in mine),
                sum(p.fee_charged - p.fee_returned for p in mine),
                sum(p.refunded for p in mine),
                sum(p.payout for p in mine),
                sum(c.held(p) for p in mine),
            ], backer
    if model.pool is not None:
        pool = platform.pool_state(model.pool.definition.id)
        assert pool.available.minor == model.pool.available()
        assert pool.reserved.minor == model.pool.reserved()
        assert pool.paid.minor == model.pool.paid()
        assert {k: v.minor for k, v in pool.by_campaign.items()} == {
            c.definition.id: c.matched() for c in model.pool.campaigns
        }
    assert Platform.replay(platform.events).state() == platform.state()


# -- histories ------------------------------------------------------------------------------

RATES = ["0", "0.05", "0.03", "0.029", "0.0333", "0.1", "0.025", "0.005"]
FACTORS = ["1", "0.5", "2", "1.5", "0.33", "0.01"]


@st.composite
def fee_policies(draw: st.DrawFn) -> FeePolicy:
    return FeePolicy(
        platform_rate=draw(st.sampled_from(RATES)),
        payment_rate=draw(st.sampled_from(RATES)),
        rounding=draw(st.sampled_from(sorted(ROUNDING_MODES))),
        platform_fee_bearer=draw(st.sampled_from(FeeBearer)),
        payment_fee_bearer=draw(st.sampled_from(FeeBearer)),
        refund_fees=draw(st.sampled_from(RefundFees)),
    )


def _units(low: int, high: int) -> st.SearchStrategy[int]:
    return st.integers(low, high) | st.sampled_from([low, high])


@st.composite
def pools(draw: st.DrawFn) -> MatchPool:
    return MatchPool(
        "city",
        kzt(draw(_units(1, 30_000))),
        factor=draw(st.sampled_from(FACTORS)),
        per_pledge_cap=draw(st.none() | _units(1, 3_000).map(kzt)),
        per_campaign_cap=draw(st.none() | _units(1, 20_000).map(kzt)),
        counts_toward_goal=draw(st.booleans()),
    )


@st.composite
def definitions(draw: st.DrawFn, cid: str, pool: MatchPool | None) -> CampaignDefinition:
    minimum = draw(st.none() | _units(1, 300))
    cap = draw(st.none() | _units(300, 8_000))
    tiers = [
        RewardTier(f"t{i}", kzt(draw(_units(1, 1_500))), limit=draw(st.none() | _units(1, 3)))
        for i in range(draw(st.integers(0, 2)))
    ]
    goals = [
        StretchGoal(f"s{i}", kzt(draw(_units(1, 30_000)))) for i in range(draw(st.integers(0, 2)))
    ]
    return CampaignDefinition(
        id=cid,
        owner="studio",
        goal=kzt(draw(_units(1, 20_000))),
        launch=T0,
        deadline=DEADLINE,
        model=draw(st.sampled_from(FundingModel)),
        minimum_pledge=None if minimum is None else kzt(minimum),
        per_backer_cap=None if cap is None else kzt(cap),
        tiers=tiers,
        stretch_goals=goals,
        pool_id=None if pool is None or not draw(st.booleans()) else pool.id,
        fees=draw(fee_policies()),
    )


live_steps = st.tuples(
    st.sampled_from(["pledge", "pledge", "pledge", "change", "cancel"]),
    st.integers(0, 1),  # campaign
    st.integers(0, 99),  # backer or pledge, modulo
    _units(1, 6_000),
    st.integers(0, 2),  # tier (2: none)
)
after_steps = st.tuples(
    st.sampled_from(["refund", "refund", "retry", "over"]),
    st.integers(0, 99),
    st.integers(1, 10**6),
)


@st.composite
def histories(draw: st.DrawFn) -> dict[str, Any]:
    pool = draw(st.none() | pools())
    count = draw(st.integers(1, 2))
    return {
        "pool": pool,
        "campaigns": [draw(definitions(f"c{i}", pool)) for i in range(count)],
        "live": draw(st.lists(live_steps, max_size=24)),
        "collections": draw(st.lists(st.booleans(), min_size=24, max_size=24)),
        "before": draw(st.lists(after_steps, max_size=4)),
        "after": draw(st.lists(after_steps, max_size=4)),
        "last": draw(st.integers(0, 10**6)),  # microseconds before the deadline
    }


def _live_phase(platform: Platform, model: Model, history: dict[str, Any]) -> None:
    cids = list(model.campaigns)
    count = 0
    steps = history["live"]
    for index, (kind, ci, who, units, tier) in enumerate(steps):
        cid = cids[ci % len(cids)]
        c = model.campaigns[cid]
        # The last step comes at `last` microseconds before the deadline.
        at = DEADLINE - history["last"] * TICK if index == len(steps) - 1 else T0 + index * DAY
        ids = list(c.pledges)
        if kind == "pledge" or not ids:
            pid, backer = f"p{count}", BACKERS[who % len(BACKERS)]
            count += 1
            tiers = c.definition.tiers
            tier_id = tiers[tier].id if tier < len(tiers) else None
            command: cf.Command = cf.MakePledge(cid, pid, backer, kzt(units), at, tier_id)
            run(
                platform,
                command,
                partial(model.pledge, cid, pid, backer, units, tier_id, at=at),
            )
        elif kind == "change":
            pid = ids[who % len(ids)]
            command = cf.ChangePledge(cid, pid, kzt(units), at)
            run(platform, command, partial(model.change, cid, pid, units, at=at))
        else:
            pid = ids[who % len(ids)]
            run(platform, cf.CancelPledge(cid, pid, at), partial(model.cancel, cid, pid, at=at))
        check_readouts(platform, model)


def _refunds(platform: Platform, model: Model, steps: list[Any], tag: str) -> None:
    at = DEADLINE + 3 * DAY
    for index, (kind, which, units) in enumerate(steps):
        for cid, c in model.campaigns.items():
            if c.status not in ("funded", "settled") or not c.pledges:
                continue
            ids = list(c.pledges)
            pid = ids[which % len(ids)]
            p = c.pledges[pid]
            left = p.collected - p.refunded
            amount = units % left + 1 if left else units
            rid = f"{tag}{index}"
            if kind == "over":
                amount = left + 1
            elif kind == "retry" and c.refunds:
                rid, (pid, amount) = next(iter(c.refunds.items()))
                amount += units % 2  # the same refund again, or another amount
            command = cf.Refund(cid, rid, pid, kzt(amount), at)
            run(platform, command, partial(model.refund, cid, rid, pid, amount))
            check_readouts(platform, model)


def play(history: dict[str, Any]) -> tuple[Platform, Model]:
    platform, model = Platform(), Model(history["pool"])
    if history["pool"] is not None:
        platform.create_pool(history["pool"], at=T0 - DAY)
    for definition in history["campaigns"]:
        platform.create_campaign(definition, at=T0 - DAY)
        platform.launch(definition.id, at=T0 - DAY)
        model.add(definition)
    _live_phase(platform, model, history)
    outcomes = iter(history["collections"] * 2)
    for cid, c in model.campaigns.items():
        run(platform, cf.CloseCampaign(cid, DEADLINE), partial(model.close, cid))
        check_readouts(platform, model)
        if c.status != "funded":
            continue
        for pid, p in list(c.pledges.items()):
            if p.status == "active":
                ok = next(outcomes)
                command = cf.RecordCollection(cid, pid, ok, DEADLINE + DAY)
                run(platform, command, partial(model.collect, cid, pid, succeeded=ok))
    check_readouts(platform, model)
    _refunds(platform, model, history["before"], "rb")
    for cid in model.campaigns:
        run(platform, cf.Settle(cid, DEADLINE + 2 * DAY), partial(model.settle, cid))
    check_readouts(platform, model)
    _refunds(platform, model, history["after"], "ra")
    return platform, model


def _history(**changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "pool": None,
        "campaigns": [
            CampaignDefinition(id="c0", owner="studio", goal=kzt(100), launch=T0, deadline=DEADLINE)
        ],
        "live": [],
        "collections": [True] * 24,
        "before": [],
        "after": [],
        "last": 1,
    }
    return {**base, **changes}


def _definition(**changes: Any) -> CampaignDefinition:
    fields: dict[str, Any] = {
        "id": "c0",
        "owner": "studio",
        "goal": kzt(100),
        "launch": T0,
        "deadline": DEADLINE,
    }
    return CampaignDefinition(**{**fields, **changes})


@given(histories())
@example(  # a pledge at the last instant (deadline - 1 microsecond) counts
    _history(live=[("pledge", 0, 0, 100, 2)], last=1)
)
@example(  # a pledge at the deadline itself does not (half-open window)
    _history(live=[("pledge", 0, 0, 100, 2)], last=0)
)
@example(  # a new backer pledging exactly the cap is accepted; one unit more is not
    _history(
        campaigns=[_definition(per_backer_cap=kzt(500))],
        live=[("pledge", 0, 0, 500, 2), ("pledge", 0, 1, 501, 2)],
    )
)
@example(  # a cancel and a new pledge by the same backer: backer_count 1, then 1 again
    _history(
        live=[("pledge", 0, 0, 100, 2), ("cancel", 0, 0, 1, 2), ("pledge", 0, 0, 200, 2)],
    )
)
@example(  # refund before settlement with fees returned: charged x refunded // collected
    _history(
        campaigns=[
            _definition(
                fees=FeePolicy(
                    platform_rate="0.05",
                    payment_rate="0.03",
                    refund_fees=RefundFees.RETURNED,
                    rounding=decimal.ROUND_UP,
                )
            )
        ],
        live=[("pledge", 0, 0, 10_001, 2), ("pledge", 0, 1, 3_333, 2)],
        before=[("refund", 0, 2_500)],
        after=[("refund", 1, 1_000), ("refund", 0, 10**6)],
    )
)
@example(  # match money goes back on a refund after settlement (out of what was paid)
    _history(
        pool=MatchPool("city", kzt(10_000), factor="1", per_campaign_cap=kzt(150)),
        campaigns=[_definition(pool_id="city", goal=kzt(1))],
        live=[("pledge", 0, 0, 100, 2), ("pledge", 0, 1, 101, 2)],
        before=[("refund", 1, 49)],
        after=[("refund", 0, 29), ("refund", 0, 70)],
    )
)
@example(  # raising and lowering a matched pledge: the match follows (up to the caps)
    _history(
        pool=MatchPool(
            "city",
            kzt(10_000_000),
            factor="1",
            per_pledge_cap=kzt(40_000),
            per_campaign_cap=kzt(1_000_000),
        ),
        campaigns=[_definition(pool_id="city", goal=kzt(10_000))],
        live=[
            ("pledge", 0, 0, 10_000, 2),
            ("change", 0, 0, 15_000, 2),
            ("change", 0, 0, 5_000, 2),
            ("change", 0, 0, 12_000, 2),
            ("change", 0, 0, 50_000, 2),
            ("pledge", 0, 0, 3_000, 2),  # a second matched pledge: the statement sums both
        ],
    )
)
@example(  # backers counted through several pledges, cancels and a pledge after a cancel
    _history(
        live=[
            ("pledge", 0, 0, 100, 2),  # p0 by aigerim
            ("pledge", 0, 1, 100, 2),  # p1 by daniyar
            ("pledge", 0, 0, 100, 2),  # p2 by aigerim: still 2 backers
            ("cancel", 0, 0, 1, 2),  # p0: aigerim keeps p2, 2 backers
            ("cancel", 0, 2, 1, 2),  # p2: aigerim holds nothing, 1 backer
            ("pledge", 0, 0, 100, 2),  # p3 by aigerim again: 2 backers
        ],
    )
)
@example(  # keep-it-all with one minor unit pledged is funded
    _history(
        campaigns=[_definition(model=FundingModel.KEEP_IT_ALL, goal=kzt(10_000))],
        live=[("pledge", 0, 0, 1, 2)],
    )
)
@example(  # a stretch goal met exactly is reached
    _history(
        campaigns=[
            _definition(stretch_goals=[StretchGoal("s0", kzt(150)), StretchGoal("s1", kzt(151))])
        ],
        live=[("pledge", 0, 0, 100, 2), ("pledge", 0, 1, 50, 2)],
    )
)
@example(  # a changed pledge counts at its new amount toward the per-backer cap
    _history(
        campaigns=[_definition(per_backer_cap=kzt(500))],
        live=[
            ("pledge", 0, 0, 200, 2),
            ("change", 0, 0, 300, 2),
            ("pledge", 0, 0, 250, 2),  # 300 + 250 > 500: rejected
            ("pledge", 0, 0, 200, 2),  # 300 + 200 = 500: exactly the cap
        ],
    )
)
def test_the_platform_follows_the_rules(history):
    platform, model = play(history)
    # Push towards the boundaries: a pledge at the last instant, a pool spent to its
    # last unit, refunds that take a pledge to zero.
    target(-float(history["last"]), label="microseconds before the deadline")
    if model.pool is not None:
        target(-float(model.pool.available()), label="pool left")
    refunded = [
        p.collected - p.refunded for c in model.campaigns.values() for p in c.pledges.values()
    ]
    target(-float(min(refunded, default=1)), label="refunded to zero")
    assert platform.events  # the history did something


@pytest.mark.parametrize(
    ("amount", "rate", "rounding", "fee_units"),
    [
        # ties (x.5 minor units): 0.05 x 10 = 0.5, 0.05 x 30 = 1.5, 0.05 x 50 = 2.5
        (10, "0.05", decimal.ROUND_HALF_UP, 1),
        (10, "0.05", decimal.ROUND_HALF_DOWN, 0),
        (10, "0.05", decimal.ROUND_HALF_EVEN, 0),
        (30, "0.05", decimal.ROUND_HALF_EVEN, 2),
        (30, "0.05", decimal.ROUND_HALF_DOWN, 1),
        (50, "0.05", decimal.ROUND_HALF_UP, 3),
        (50, "0.05", decimal.ROUND_HALF_DOWN, 2),
        # ROUND_05UP rounds away from zero only when the last kept digit is 0 or 5
        (10, "0.05", decimal.ROUND_05UP, 1),  # 0.5 -> 1 (kept digit 0)
        (30, "0.05", decimal.ROUND_05UP, 1),  # 1.5 -> 1 (kept digit 1)
        (110, "0.05", decimal.ROUND_05UP, 6),  # 5.5 -> 6 (kept digit 5)
        (130, "0.05", decimal.ROUND_05UP, 6),  # 6.5 -> 6
        (1, "0.005", decimal.ROUND_UP, 1),
        (1, "0.005", decimal.ROUND_CEILING, 1),
        (1, "0.005", decimal.ROUND_FLOOR, 0),
        (199, "0.005", decimal.ROUND_DOWN, 0),
    ],
)
def test_fee_rounding_at_its_ties(amount, rate, rounding, fee_units):
    # The payment fee is per pledge, so one pledge of `amount` minor units carries
    # exactly amount x rate rounded by the policy's mode (Python's decimal module
    # documents each mode's tie rule).
    assert fee(amount, rate, rounding) == fee_units
    for bearer in FeeBearer:
        policy = FeePolicy(payment_rate=rate, rounding=rounding, payment_fee_bearer=bearer)
        history = _history(
            campaigns=[_definition(goal=kzt(1), fees=policy)],
            live=[("pledge", 0, 0, amount, 2)],
        )
        platform, _ = play(history)
        assert platform.summary("c0").fees.minor == fee_units
        settled = platform.events[-1]
        assert isinstance(settled, cf.CampaignSettled)
        on_top = fee_units if bearer is FeeBearer.BACKER else 0
        assert settled.fees.minor == fee_units
        assert settled.payout.minor == amount + on_top - fee_units


def test_the_platform_fee_is_split_by_largest_remainder_with_ties_to_the_earlier():
    assert largest_remainder(2, [1, 1, 1]) == [1, 1, 0]
    assert largest_remainder(332, [3333, 6667]) == [111, 221]
    assert largest_remainder(10, [5, 0, 5]) == [5, 0, 5]


def test_a_campaign_lasts_at_most_max_duration_of_elapsed_time_across_a_dst_change():
    # Asia/Damascus left summer time (UTC+3 -> UTC+2) on 2000-10-01 (IANA tz database):
    # 60 days of wall clock from 2000-09-01 00:00 to 2000-10-31 00:00 are 60 days and
    # 1 hour of elapsed time. Python subtracts datetimes of one zone by their wall clock,
    # so the duration is measured in UTC; a definition accepted here then survives its
    # JSON round trip (the offsets become fixed there).
    damascus = ZoneInfo("Asia/Damascus")
    launch = dt.datetime(2000, 9, 1, tzinfo=damascus)
    wall = dt.datetime(2000, 10, 31, tzinfo=damascus)
    assert wall - launch == 60 * DAY  # wall clock
    assert cf.definitions.elapsed(launch, wall) == 60 * DAY + dt.timedelta(hours=1)
    with pytest.raises(
        LimitExceededError, match=r"deadline = '2000-10-31T00:00:00\+02:00': must be at most"
    ):
        _definition(launch=launch, deadline=wall)
    last = wall - dt.timedelta(hours=1)  # exactly 60 days later
    definition = _definition(launch=launch, deadline=last)
    assert from_json(to_json(definition), CampaignDefinition) == definition
    # An extension is measured the same way.
    platform = Platform()
    platform.create_campaign(_definition(launch=launch, deadline=launch + DAY), at=launch)
    with pytest.raises(
        LimitExceededError, match=r"deadline = '.*': must be at most .*2000-10-30T23:00:00\+02:00"
    ):
        platform.extend_deadline("c0", wall, at=launch)
    platform.extend_deadline("c0", last, at=launch)
    assert platform.summary("c0").deadline == last


def test_the_campaign_handle_reads_what_the_platform_reads():
    platform, _ = play(_history(live=[("pledge", 0, 0, 100, 2), ("pledge", 0, 1, 50, 2)]))
    handle = cf.Campaign(platform, "c0")
    assert handle.statement("aigerim") == platform.statement("c0", "aigerim")
    assert handle.statement("aigerim").pledged == kzt(100)
    assert handle.statements() == platform.statements("c0")
    assert handle.summary() == platform.summary("c0")
    assert handle.tiers() == platform.tiers("c0")
    assert handle.state() == platform.campaign_state("c0")
