"""Every crowdfunding error, word for word: the field, the value and the rule.

Each case breaks one rule of a definition, a policy, a pool or a command and checks
the error's class and its whole message (``field = value: rule``); the messages are
what a caller reads, so a changed field, value or rule text is a changed behaviour.
(That a rejected command changes nothing is checked by test_crowdfunding_reference.)
"""

# The messages are quoted whole, as a caller reads them, so some lines are long.
# ruff: noqa: E501

from __future__ import annotations

import datetime as dt

import pytest

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
    FeePolicy,
    MatchPool,
    Platform,
    RewardTier,
    StretchGoal,
)
from creative_city.money import Money

T0 = dt.datetime(2022, 10, 1, 9, tzinfo=dt.UTC)
DAY = dt.timedelta(days=1)
TICK = dt.timedelta(microseconds=1)
DEADLINE = T0 + 30 * DAY


def kzt(amount: str | int) -> Money:
    return Money.of(amount, "KZT")


def usd(amount: str | int) -> Money:
    return Money.of(amount, "USD")


def definition(**changes: object) -> CampaignDefinition:
    fields: dict[str, object] = {
        "id": "c",
        "owner": "studio",
        "goal": kzt(1_000),
        "launch": T0,
        "deadline": DEADLINE,
        "minimum_pledge": kzt(5),
        "per_backer_cap": kzt(900),
        "tiers": [RewardTier("gold", kzt(100), limit=1)],
        "pool_id": "city",
    }
    return CampaignDefinition(**{**fields, **changes})  # type: ignore[arg-type]


def draft() -> Platform:
    p = Platform()
    p.create_pool(MatchPool("city", kzt(1_000)), at=T0 - DAY)
    p.create_campaign(definition(), at=T0 - DAY)
    return p


def draft_alone() -> Platform:
    p = Platform()
    p.create_campaign(definition(pool_id=None), at=T0)
    return p


STRAY = cf.PledgeCreated("c", "p1", "a", kzt(10), None, kzt(10), T0)
"""A pledge with a match in a campaign that joined no pool: it does not fit the log."""


def live() -> Platform:
    p = draft()
    p.launch("c", at=T0 - DAY)
    p.pledge("c", "p1", "a", kzt(10), at=T0)
    return p


def sold_out() -> Platform:
    p = live()
    p.pledge("c", "p9", "a", kzt(100), at=T0, tier_id="gold")
    return p


def cancelled_pledge() -> Platform:
    p = live()
    p.cancel_pledge("c", "p1", at=T0)
    return p


def usd_pool() -> Platform:
    p = Platform()
    p.create_pool(MatchPool("dollars", usd(1_000)), at=T0)
    return p


def funded() -> Platform:
    p = live()
    p.pledge("c", "p0", "b", kzt(20), at=T0)
    p.cancel_pledge("c", "p0", at=T0)
    p.pledge("c", "p2", "b", kzt(890), at=T0)
    p.close("c", at=DEADLINE)
    return p


def collected() -> Platform:
    p = funded()
    p.record_collection("c", "p1", succeeded=True, at=DEADLINE)
    p.record_collection("c", "p2", succeeded=False, at=DEADLINE)
    return p


def refunded() -> Platform:
    p = collected()
    p.refund("c", "r1", "p1", kzt(1), at=DEADLINE)
    return p


CASES = [  # label, the call, the error's class, its message
    # decisions: the guards every command shares
    (
        "not a command",
        lambda: live().execute("pledge"),
        InvalidTypeError,
        "command = 'pledge': is not a crowdfunding command",
    ),
    (
        "naive at",
        lambda: live().pledge("c", "x", "a", kzt(50), at=T0.replace(tzinfo=None)),
        InvalidTypeError,
        "at = datetime.datetime(2022, 10, 1, 9, 0): datetimes must be timezone-aware (naive datetimes are rejected)",
    ),
    (
        "amount not money",
        lambda: live().pledge("c", "x", "a", 5, at=T0),
        InvalidTypeError,
        "amount = 5: must be Money",
    ),
    (
        "amount in usd",
        lambda: live().pledge("c", "x", "a", usd(50), at=T0),
        CurrencyMismatchError,
        "amount = '50.00 USD': must be in the campaign currency KZT",
    ),
    (
        "amount zero",
        lambda: live().pledge("c", "x", "a", kzt(0), at=T0),
        ValidationError,
        "amount = '0.00 KZT': must be > 0",
    ),
    (
        "before launch",
        lambda: live().pledge("c", "x", "a", kzt(50), at=T0 - TICK),
        ValidationError,
        "at = '2022-10-01T08:59:59.999999+00:00': cannot pledge outside launch <= at < deadline [2022-10-01T09:00:00+00:00, 2022-10-31T09:00:00+00:00)",
    ),
    (
        "at the deadline",
        lambda: live().pledge("c", "x", "a", kzt(50), at=DEADLINE),
        ValidationError,
        "at = '2022-10-31T09:00:00+00:00': cannot pledge outside launch <= at < deadline [2022-10-01T09:00:00+00:00, 2022-10-31T09:00:00+00:00)",
    ),
    (
        "below minimum",
        lambda: live().pledge("c", "x", "a", kzt("4.99"), at=T0),
        ValidationError,
        "amount = '4.99 KZT': is below the minimum pledge 5.00 KZT",
    ),
    (
        "unknown tier",
        lambda: live().pledge("c", "x", "a", kzt(50), at=T0, tier_id="tin"),
        ValidationError,
        "tier_id = 'tin': is not a reward tier of this campaign",
    ),
    (
        "below tier minimum",
        lambda: live().pledge("c", "x", "a", kzt("99.99"), at=T0, tier_id="gold"),
        ValidationError,
        "amount = '99.99 KZT': is below tier 'gold''s minimum 100.00 KZT",
    ),
    (
        "sold out",
        lambda: sold_out().pledge("c", "x", "b", kzt(100), at=T0, tier_id="gold"),
        LimitExceededError,
        "tier_id = 'gold': is sold out (1 of 1 taken)",
    ),
    (
        "above cap",
        lambda: live().pledge("c", "x", "a", kzt("890.01"), at=T0),
        LimitExceededError,
        "amount = '890.01 KZT': would bring backer 'a' to 900.01 KZT, above the per-backer cap 900.00 KZT",
    ),
    (
        "raise above cap",
        lambda: live().change_pledge("c", "p1", kzt("900.01"), at=T0),
        LimitExceededError,
        "amount = '900.01 KZT': would bring backer 'a' to 900.01 KZT, above the per-backer cap 900.00 KZT",
    ),
    (
        "pledge id reused",
        lambda: live().pledge("c", "p1", "b", kzt(10), at=T0),
        ValidationError,
        "pledge_id = 'p1': is already used by a different pledge",
    ),
    (
        "bad pledge id",
        lambda: live().pledge("c", "-x", "a", kzt(10), at=T0),
        ValidationError,
        "pledge_id = '-x': must be 1-100 characters: letters, digits and _ . : - (not first)",
    ),
    (
        "pledge id not a string",
        lambda: live().pledge("c", 7, "a", kzt(10), at=T0),
        InvalidTypeError,
        "pledge_id = 7: must be a string id",
    ),
    (
        "unknown campaign",
        lambda: live().pledge("nope", "x", "a", kzt(10), at=T0),
        ValidationError,
        "campaign_id = 'nope': is not a known campaign",
    ),
    (
        "unknown pledge",
        lambda: live().cancel_pledge("c", "nope", at=T0),
        ValidationError,
        "pledge_id = 'nope': is not a pledge of campaign 'c'",
    ),
    (
        "pledge to a draft",
        lambda: draft().pledge("c", "x", "a", kzt(10), at=T0),
        InvalidStateError,
        "campaign_id = 'c': cannot pledge: the campaign is draft, it must be live",
    ),
    (
        "change a cancelled pledge",
        lambda: cancelled_pledge().change_pledge("c", "p1", kzt(20), at=T0),
        InvalidStateError,
        "pledge_id = 'p1': cannot change a cancelled pledge",
    ),
    (
        "raise by lowering",
        lambda: live().raise_pledge("c", "p1", kzt(5), at=T0),
        ValidationError,
        "amount = '5.00 KZT': must be >= the pledge's current 10.00 KZT (use lower_pledge)",
    ),
    (
        "lower by raising",
        lambda: live().lower_pledge("c", "p1", kzt(20), at=T0),
        ValidationError,
        "amount = '20.00 KZT': must be <= the pledge's current 10.00 KZT (use raise_pledge)",
    ),
    # decisions: one per command
    (
        "pool not a pool",
        lambda: Platform().execute(cf.CreatePool("city", T0)),
        InvalidTypeError,
        "pool = 'city': must be a MatchPool",
    ),
    (
        "pool id reused",
        lambda: live().create_pool(MatchPool("city", kzt(1)), at=T0),
        ValidationError,
        "pool.id = 'city': is already used by a different pool",
    ),
    (
        "definition not a definition",
        lambda: Platform().execute(cf.CreateCampaign("c", T0)),
        InvalidTypeError,
        "definition = 'c': must be a CampaignDefinition",
    ),
    (
        "campaign id reused",
        lambda: live().create_campaign(definition(owner="other"), at=T0),
        ValidationError,
        "definition.id = 'c': is already used by a campaign",
    ),
    (
        "unknown pool",
        lambda: Platform().create_campaign(definition(pool_id="town"), at=T0),
        ValidationError,
        "definition.pool_id = 'town': is not a known pool",
    ),
    (
        "pool in usd",
        lambda: usd_pool().create_campaign(definition(pool_id="dollars"), at=T0),
        CurrencyMismatchError,
        "definition.pool_id = 'dollars': the pool is in USD, the campaign in KZT",
    ),
    (
        "launch at the deadline",
        lambda: draft().launch("c", at=DEADLINE),
        ValidationError,
        "at = '2022-10-31T09:00:00+00:00': cannot launch at or after the deadline",
    ),
    (
        "launch twice",
        lambda: live().launch("c", at=T0),
        InvalidStateError,
        "campaign_id = 'c': cannot launch: the campaign is live, it must be draft",
    ),
    (
        "extend after the deadline",
        lambda: live().extend_deadline("c", DEADLINE + DAY, at=DEADLINE),
        InvalidStateError,
        "at = '2022-10-31T09:00:00+00:00': the deadline 2022-10-31T09:00:00+00:00 has passed",
    ),
    (
        "extend earlier",
        lambda: live().extend_deadline("c", DEADLINE - DAY, at=T0),
        ValidationError,
        "deadline = '2022-10-30T09:00:00+00:00': must be after the current 2022-10-31T09:00:00+00:00",
    ),
    (
        "extend too far",
        lambda: live().extend_deadline("c", T0 + 60 * DAY + TICK, at=T0),
        LimitExceededError,
        "deadline = '2022-11-30T09:00:00.000001+00:00': must be at most max_duration 60 days, 0:00:00 after launch (no later than 2022-11-30T09:00:00+00:00)",
    ),
    (
        "cancel after the deadline",
        lambda: live().cancel_campaign("c", at=DEADLINE),
        InvalidStateError,
        "at = '2022-10-31T09:00:00+00:00': cannot cancel after the deadline 2022-10-31T09:00:00+00:00",
    ),
    (
        "close before the deadline",
        lambda: live().close("c", at=DEADLINE - TICK),
        InvalidStateError,
        "at = '2022-10-31T08:59:59.999999+00:00': the campaign runs until its deadline 2022-10-31T09:00:00+00:00",
    ),
    (
        "collection not a bool",
        lambda: funded().record_collection("c", "p1", succeeded=1, at=DEADLINE),
        InvalidTypeError,
        "succeeded = 1: must be a bool",
    ),
    (
        "collection recorded otherwise",
        lambda: collected().record_collection("c", "p1", succeeded=False, at=DEADLINE),
        InvalidStateError,
        "succeeded = False: the pledge's collection is already recorded as collected",
    ),
    (
        "collect a cancelled pledge",
        lambda: funded().record_collection("c", "p0", succeeded=True, at=DEADLINE),
        InvalidStateError,
        "pledge_id = 'p0': cannot collect a cancelled pledge",
    ),
    (
        "settle awaiting",
        lambda: funded().settle("c", at=DEADLINE),
        InvalidStateError,
        "campaign_id = 'c': 2 pledge(s) still await a recorded collection",
    ),
    (
        "refund id reused",
        lambda: refunded().refund("c", "r1", "p1", kzt(2), at=DEADLINE),
        ValidationError,
        "refund_id = 'r1': is already used for 1.00 KZT on pledge 'p1'; a retry must repeat the same pledge and amount",
    ),
    (
        "refund a failed collection",
        lambda: collected().refund("c", "r9", "p2", kzt(1), at=DEADLINE),
        InvalidStateError,
        "pledge_id = 'p2': only collected pledges are refunded; it is collection_failed",
    ),
    (
        "refund above refundable",
        lambda: refunded().refund("c", "r2", "p1", kzt("9.01"), at=DEADLINE),
        LimitExceededError,
        "amount = '9.01 KZT': exceeds what is refundable on pledge 'p1': collected 10.00 KZT minus refunded 1.00 KZT = 9.00 KZT",
    ),
    (
        "refund while live",
        lambda: live().refund("c", "r1", "p1", kzt(1), at=T0),
        InvalidStateError,
        "campaign_id = 'c': cannot refund: the campaign is live, it must be funded or settled",
    ),
    # ledgers and platform
    (
        "unknown pool state",
        lambda: live().pool_state("town"),
        ValidationError,
        "pool_id = 'town': is not a known match pool",
    ),
    (
        "unknown refund",
        lambda: collected().refund_record("c", "r9"),
        ValidationError,
        "refund_id = 'r9': is not a refund of campaign 'c'",
    ),
    (
        "unknown campaign handle",
        lambda: cf.Campaign(live(), "nope"),
        ValidationError,
        "campaign_id = 'nope': is not a known campaign",
    ),
    (
        "replay a stranger",
        lambda: Platform.replay(["pledge"]),
        InvalidTypeError,
        "events[0] = 'pledge': is not a crowdfunding event",
    ),
    (
        "replay without the campaign",
        lambda: Platform.replay(live().events[2:]),
        ValidationError,
        "events[0] = CampaignLaunched(campaign_id='c', at=datetime.datetime(2022, 9, 30, 9, 0, tzinfo=datetime.timezone.utc)): refers to a pool, campaign or pledge not in the log",
    ),
    (
        "raise in usd",
        lambda: live().raise_pledge("c", "p1", usd(50), at=T0),
        CurrencyMismatchError,
        "amount = '50.00 USD': must be in the campaign currency KZT",
    ),
    (
        "change in usd",
        lambda: live().change_pledge("c", "p1", usd(50), at=T0),
        CurrencyMismatchError,
        "amount = '50.00 USD': must be in the campaign currency KZT",
    ),
    (
        "change an unknown pledge",
        lambda: live().change_pledge("c", "nope", usd(50), at=T0),
        ValidationError,
        "pledge_id = 'nope': is not a pledge of campaign 'c'",
    ),
    (
        "change after the close",
        lambda: funded().change_pledge("c", "p1", kzt(20), at=T0),
        InvalidStateError,
        "campaign_id = 'c': cannot change a pledge: the campaign is funded, it must be live",
    ),
    (
        "extend after the close",
        lambda: funded().extend_deadline("c", DEADLINE + DAY, at=T0),
        InvalidStateError,
        "campaign_id = 'c': cannot extend the deadline: the campaign is funded, it must be draft or live",
    ),
    (
        "extend to a naive deadline",
        lambda: live().extend_deadline("c", (DEADLINE + DAY).replace(tzinfo=None), at=T0),
        InvalidTypeError,
        "deadline = datetime.datetime(2022, 11, 1, 9, 0): datetimes must be timezone-aware (naive datetimes are rejected)",
    ),
    (
        "extend to the same deadline",
        lambda: live().extend_deadline("c", DEADLINE, at=T0),
        ValidationError,
        "deadline = '2022-10-31T09:00:00+00:00': must be after the current 2022-10-31T09:00:00+00:00",
    ),
    (
        "log not a list",
        lambda: cf.EventLog("pledge"),
        InvalidTypeError,
        "events = 'pledge': must be a sequence",
    ),
    (
        "to_tuple of a string",
        lambda: cf.definitions.to_tuple("gold"),
        InvalidTypeError,
        "value = 'gold': must be a sequence",
    ),
    (
        "change below the tier minimum",
        lambda: sold_out().change_pledge("c", "p9", kzt("99.99"), at=T0),
        ValidationError,
        "amount = '99.99 KZT': is below tier 'gold''s minimum 100.00 KZT",
    ),
    (
        "change at the deadline",
        lambda: live().change_pledge("c", "p1", kzt(20), at=DEADLINE),
        ValidationError,
        "at = '2022-10-31T09:00:00+00:00': cannot change a pledge outside launch <= at < deadline [2022-10-01T09:00:00+00:00, 2022-10-31T09:00:00+00:00)",
    ),
    (
        "cancel after the close",
        lambda: funded().cancel_pledge("c", "p1", at=T0),
        InvalidStateError,
        "campaign_id = 'c': cannot cancel a pledge: the campaign is funded, it must be live",
    ),
    (
        "cancel at the deadline",
        lambda: live().cancel_pledge("c", "p1", at=DEADLINE),
        ValidationError,
        "at = '2022-10-31T09:00:00+00:00': cannot cancel a pledge outside launch <= at < deadline [2022-10-01T09:00:00+00:00, 2022-10-31T09:00:00+00:00)",
    ),
    (
        "bad refund id",
        lambda: collected().refund("c", "-r", "p1", kzt(1), at=DEADLINE),
        ValidationError,
        "refund_id = '-r': must be 1-100 characters: letters, digits and _ . : - (not first)",
    ),
    (
        "bad backer id",
        lambda: live().pledge("c", "x", "-a", kzt(10), at=T0),
        ValidationError,
        "backer = '-a': must be 1-100 characters: letters, digits and _ . : - (not first)",
    ),
    (
        "close twice",
        lambda: funded().close("c", at=DEADLINE),
        InvalidStateError,
        "campaign_id = 'c': cannot close the campaign: the campaign is funded, it must be live",
    ),
    # ids that are not strings (a list cannot even be looked up) are unknown, not a crash
    (
        "unhashable campaign id",
        lambda: live().cancel_pledge(["c"], "p1", at=T0),
        ValidationError,
        "campaign_id = ['c']: is not a known campaign",
    ),
    (
        "unhashable pledge id",
        lambda: live().cancel_pledge("c", ["p1"], at=T0),
        ValidationError,
        "pledge_id = ['p1']: is not a pledge of campaign 'c'",
    ),
    (
        "unhashable tier id",
        lambda: live().pledge("c", "x", "a", kzt(100), at=T0, tier_id=["gold"]),
        ValidationError,
        "tier_id = ['gold']: is not a reward tier of this campaign",
    ),
    (
        "unhashable pool id",
        lambda: live().pool_state(["city"]),
        ValidationError,
        "pool_id = ['city']: is not a known match pool",
    ),
    (
        "unhashable refund id",
        lambda: refunded().refund_record("c", ["r1"]),
        ValidationError,
        "refund_id = ['r1']: is not a refund of campaign 'c'",
    ),
    (
        "replay a match without a pool",
        lambda: Platform.replay([*draft_alone().events, STRAY]),
        ValidationError,
        "events[1] = PledgeCreated(campaign_id='c', pledge_id='p1', backer='a', amount=Money('10.00', 'KZT'), tier_id=None, match=Money('1...: does not fit the log before it",
    ),
    (
        "cap in usd",
        lambda: definition(per_backer_cap=usd(900)),
        CurrencyMismatchError,
        "per_backer_cap = '900.00 USD': must be in the campaign currency KZT",
    ),
    # definitions
    ("id not a string", lambda: definition(id=5), InvalidTypeError, "id = 5: must be a string id"),
    (
        "id too long",
        lambda: definition(id="x" * 101),
        ValidationError,
        "id = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx': must be 1-100 characters: letters, digits and _ . : - (not first)",
    ),
    ("goal not money", lambda: definition(goal=100), InvalidTypeError, "goal = 100: must be Money"),
    (
        "goal zero",
        lambda: definition(goal=kzt(0)),
        ValidationError,
        "goal = '0.00 KZT': must be > 0",
    ),
    (
        "naive launch",
        lambda: definition(launch=T0.replace(tzinfo=None)),
        InvalidTypeError,
        "launch = datetime.datetime(2022, 10, 1, 9, 0): datetimes must be timezone-aware (naive datetimes are rejected)",
    ),
    (
        "deadline at launch",
        lambda: definition(deadline=T0),
        ValidationError,
        "deadline = '2022-10-01T09:00:00+00:00': must be after launch 2022-10-01 09:00:00+00:00",
    ),
    (
        "deadline too far",
        lambda: definition(deadline=T0 + 60 * DAY + TICK),
        LimitExceededError,
        "deadline = '2022-11-30T09:00:00.000001+00:00': must be at most max_duration 60 days, 0:00:00 after launch",
    ),
    (
        "title not text",
        lambda: definition(title=5),
        InvalidTypeError,
        "title = 5: must be a string",
    ),
    (
        "title too long",
        lambda: definition(title="x" * 501),
        ValidationError,
        "title = 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...: must be at most 500 characters",
    ),
    (
        "model not a model",
        lambda: definition(model="keep_it_all"),
        InvalidTypeError,
        "model = 'keep_it_all': must be a FundingModel",
    ),
    (
        "fees not a policy",
        lambda: definition(fees={}),
        InvalidTypeError,
        "fees = {}: must be a FeePolicy",
    ),
    (
        "duration not a timedelta",
        lambda: definition(max_duration=60),
        InvalidTypeError,
        "max_duration = 60: must be a datetime.timedelta",
    ),
    (
        "duration zero",
        lambda: definition(max_duration=dt.timedelta(0)),
        ValidationError,
        "max_duration = '0:00:00': must be > 0",
    ),
    (
        "cap below minimum",
        lambda: definition(minimum_pledge=kzt(2), per_backer_cap=kzt(1)),
        ValidationError,
        "per_backer_cap = '1.00 KZT': must be >= minimum_pledge",
    ),
    (
        "minimum in usd",
        lambda: definition(minimum_pledge=usd(1)),
        CurrencyMismatchError,
        "minimum_pledge = '1.00 USD': must be in the campaign currency KZT",
    ),
    (
        "tiers a string",
        lambda: definition(tiers="gold"),
        InvalidTypeError,
        "tiers = 'gold': must be a sequence",
    ),
    (
        "tier of the wrong kind",
        lambda: definition(tiers=[StretchGoal("s", kzt(1))]),
        InvalidTypeError,
        "tiers[0] = StretchGoal(id='s', target=Money('1.00', 'KZT'), title=''): must be a RewardTier",
    ),
    (
        "goal of the wrong kind",
        lambda: definition(stretch_goals=[RewardTier("t", kzt(1))]),
        InvalidTypeError,
        "stretch_goals[0] = RewardTier(id='t', minimum=Money('1.00', 'KZT'), limit=None, title=''): must be a StretchGoal",
    ),
    (
        "tier ids repeat",
        lambda: definition(tiers=[RewardTier("t", kzt(1)), RewardTier("t", kzt(2))]),
        ValidationError,
        "tiers[1].id = 't': ids must be unique",
    ),
    (
        "tier in usd",
        lambda: definition(tiers=[RewardTier("t", usd(1))]),
        CurrencyMismatchError,
        "tiers[0].minimum = '1.00 USD': must be in the campaign currency KZT",
    ),
    (
        "stretch goal in usd",
        lambda: definition(stretch_goals=[StretchGoal("s", usd(1))]),
        CurrencyMismatchError,
        "stretch_goals[0].target = '1.00 USD': must be in the campaign currency KZT",
    ),
    (
        "too many stretch goals",
        lambda: definition(stretch_goals=[StretchGoal(f"s{i}", kzt(1)) for i in range(1_001)]),
        ValidationError,
        "stretch_goals = '<1001 items>': at most 1000",
    ),
    (
        "limit zero",
        lambda: RewardTier("t", kzt(1), limit=0),
        ValidationError,
        "limit = 0: must be >= 1 (None means unlimited)",
    ),
    (
        "limit a bool",
        lambda: RewardTier("t", kzt(1), limit=True),
        InvalidTypeError,
        "limit = True: must be an int or None",
    ),
    (
        "platform rate 1",
        lambda: FeePolicy(platform_rate="1"),
        ValidationError,
        "platform_rate = '1': must be >= 0 and < 1",
    ),
    (
        "payment rate negative",
        lambda: FeePolicy(payment_rate="-0.01"),
        ValidationError,
        "payment_rate = '-0.01': must be >= 0 and < 1",
    ),
    (
        "rates sum to 1",
        lambda: FeePolicy(platform_rate="0.5", payment_rate="0.5"),
        ValidationError,
        "payment_rate = '0.5': platform_rate + payment_rate must be < 1 (platform_rate is 0.5)",
    ),
    (
        "payment rate a float",
        lambda: FeePolicy(payment_rate=0.03),
        InvalidTypeError,
        "payment_rate = 0.03: must be int, str or Decimal, never float (floats are inexact)",
    ),
    (
        "rounding unknown",
        lambda: FeePolicy(rounding="ROUND_NEAREST"),
        ValidationError,
        "rounding = 'ROUND_NEAREST': must be one of the decimal.ROUND_* modes",
    ),
    (
        "bearer a string",
        lambda: FeePolicy(payment_fee_bearer="backer"),
        InvalidTypeError,
        "payment_fee_bearer = 'backer': must be a FeeBearer",
    ),
    (
        "refund fees a string",
        lambda: FeePolicy(refund_fees="returned"),
        InvalidTypeError,
        "refund_fees = 'returned': must be a RefundFees",
    ),
    (
        "factor zero",
        lambda: MatchPool("p", kzt(1), factor="0"),
        ValidationError,
        "factor = '0': must be > 0 and <= 100",
    ),
    (
        "factor above 100",
        lambda: MatchPool("p", kzt(1), factor="100.01"),
        ValidationError,
        "factor = '100.01': must be > 0 and <= 100",
    ),
    (
        "factor a float",
        lambda: MatchPool("p", kzt(1), factor=0.5),
        InvalidTypeError,
        "factor = 0.5: must be int, str or Decimal, never float (floats are inexact)",
    ),
    (
        "pool budget zero",
        lambda: MatchPool("p", kzt(0)),
        ValidationError,
        "budget = '0.00 KZT': must be > 0",
    ),
    (
        "pool cap in usd",
        lambda: MatchPool("p", kzt(1), per_campaign_cap=usd(1)),
        CurrencyMismatchError,
        "per_campaign_cap = '1.00 USD': must be in the pool currency KZT",
    ),
    (
        "counts a number",
        lambda: MatchPool("p", kzt(1), counts_toward_goal=1),
        InvalidTypeError,
        "counts_toward_goal = 1: must be a bool",
    ),
]


@pytest.mark.parametrize(
    ("call", "error_type", "message"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_each_error_names_its_field_value_and_rule(call, error_type, message):
    with pytest.raises(CreativeCityError) as info:
        call()
    assert type(info.value) is error_type
    assert str(info.value) == message
    assert message.startswith(f"{info.value.field} = ")


def test_a_cap_equal_to_the_minimum_pledge_is_allowed():
    assert definition(minimum_pledge=kzt(5), per_backer_cap=kzt(5)).per_backer_cap == kzt(5)


def test_the_shortest_campaign_lasts_one_microsecond():
    # max_duration must be > 0: one microsecond is allowed, and so is a campaign that long.
    short = definition(deadline=T0 + TICK, max_duration=TICK)
    assert short.max_duration == TICK
    assert short.deadline - short.launch == TICK


def test_a_raise_or_lower_to_the_same_amount_is_a_no_op():
    p = live()
    assert p.raise_pledge("c", "p1", kzt(10), at=T0) == ()
    assert p.lower_pledge("c", "p1", kzt(10), at=T0) == ()


def test_every_event_carries_the_instant_of_its_command():
    p = live()
    (extended,) = p.extend_deadline("c", DEADLINE + DAY, at=T0 + DAY)
    assert extended.at == T0 + DAY
    (cancelled,) = p.cancel_campaign("c", at=T0 + 2 * DAY)
    assert cancelled.at == T0 + 2 * DAY
