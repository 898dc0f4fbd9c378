"""Crowdfunding value objects, commands, events and state snapshots (private module).

Everything here is frozen and round-trips through :mod:`creative_city.serialization`;
the public names are re-exported by :mod:`creative_city.funding.crowdfunding`.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import re
from decimal import Decimal
from typing import Final, Union

import attrs

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.money import ROUNDING_MODES, Money, to_decimal
from creative_city.serialization import register_tagged_union
from creative_city.time import at_local, require_aware

__all__ = [
    "DEFAULT_MAX_DURATION",
    "BackerStatement",
    "CampaignCancelled",
    "CampaignClosed",
    "CampaignCreated",
    "CampaignDefinition",
    "CampaignLaunched",
    "CampaignSettled",
    "CampaignState",
    "CampaignStatus",
    "CampaignSummary",
    "CancelCampaign",
    "CancelPledge",
    "ChangePledge",
    "CloseCampaign",
    "CollectionFailed",
    "Command",
    "CreateCampaign",
    "CreatePool",
    "DeadlineExtended",
    "Event",
    "EventLog",
    "ExtendDeadline",
    "FeeBearer",
    "FeePolicy",
    "FundingModel",
    "LaunchCampaign",
    "MakePledge",
    "MatchPool",
    "PlatformState",
    "PledgeCancelled",
    "PledgeChanged",
    "PledgeCollected",
    "PledgeCreated",
    "PledgeRefunded",
    "PledgeState",
    "PledgeStatus",
    "PoolCreated",
    "PoolState",
    "RecordCollection",
    "Refund",
    "RefundFees",
    "RefundRecord",
    "RewardTier",
    "Settle",
    "StretchGoal",
    "StretchGoalStatus",
    "TierAvailability",
    "deadline_on",
]

DEFAULT_MAX_DURATION: Final = _dt.timedelta(days=60)
"""The longest a campaign may run, launch to deadline, unless its definition says otherwise."""

MAX_TIERS: Final = 1_000
"""The most reward tiers (and, separately, stretch goals) one campaign may define."""

_ID: Final = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:\-]{0,99}")


# -- enums -------------------------------------------------------------------------


class FundingModel(enum.Enum):
    """How a campaign's outcome is decided at the deadline.

    ``ALL_OR_NOTHING``: funded only when the goal is met, otherwise every pledge is
    released (Kickstarter). ``KEEP_IT_ALL``: funded whenever anything was pledged.
    """

    ALL_OR_NOTHING = "all_or_nothing"
    KEEP_IT_ALL = "keep_it_all"


class CampaignStatus(enum.Enum):
    """A campaign's lifecycle: draft -> live -> funded | failed | cancelled; funded -> settled."""

    DRAFT = "draft"
    LIVE = "live"
    FUNDED = "funded"
    FAILED = "failed"
    CANCELLED = "cancelled"
    SETTLED = "settled"


class PledgeStatus(enum.Enum):
    """A pledge's lifecycle.

    ``ACTIVE`` until the deadline (or ``CANCELLED`` by its backer); ``RELEASED`` when
    the campaign fails or is cancelled; ``COLLECTED`` or ``COLLECTION_FAILED`` after a
    funded campaign tries to charge it.
    """

    ACTIVE = "active"
    CANCELLED = "cancelled"
    RELEASED = "released"
    COLLECTED = "collected"
    COLLECTION_FAILED = "collection_failed"


class FeeBearer(enum.Enum):
    """Who pays a fee: the creator (deducted from the payout) or the backer (charged on top)."""

    CREATOR = "creator"
    BACKER = "backer"


class RefundFees(enum.Enum):
    """What happens to fees when collected money is refunded.

    ``KEPT``: the platform keeps every fee; the creator bears the whole refund.
    ``RETURNED``: the fees on the refunded part go back, pro rata (rounded down, so
    a full refund returns exactly the fee charged).
    """

    KEPT = "kept"
    RETURNED = "returned"


# -- validators ----------------------------------------------------------------------


def _check_id(field: str, value: object) -> str:
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "must be a string id")
    if not _ID.fullmatch(value):
        raise ValidationError(
            field, value, "must be 1-100 characters: letters, digits and _ . : - (not first)"
        )
    return value


def _id_validator(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    _check_id(attribute.name, value)


def _optional_id_validator(
    _inst: object, attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None:
        _check_id(attribute.name, value)


def _aware_validator(
    _inst: object, attribute: attrs.Attribute[_dt.datetime], value: object
) -> None:
    require_aware(value, attribute.name)


def _positive_money(_inst: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if type(value) is not Money:
        raise InvalidTypeError(attribute.name, value, "must be Money")
    if value.minor <= 0:
        raise ValidationError(attribute.name, str(value), "must be > 0")


def _optional_positive_money(
    _inst: object, attribute: attrs.Attribute[Money | None], value: object
) -> None:
    if value is not None:
        _positive_money(_inst, attribute, value)  # type: ignore[arg-type]


def _bool_validator(_inst: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise InvalidTypeError(attribute.name, value, "must be a bool")


def _text_validator(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(attribute.name, value, "must be a string")
    if len(value) > 500:
        raise ValidationError(attribute.name, value, "must be at most 500 characters")


def _to_rate(value: object) -> Decimal:
    return to_decimal(value, "rate")


def _to_tuple(value: object) -> tuple[object, ...]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidTypeError("value", value, "must be a sequence")
    return tuple(value)


def _same_currency(field: str, value: Money | None, currency: object) -> None:
    if value is not None and value.currency != currency:
        raise CurrencyMismatchError(
            field, str(value), f"must be in the campaign currency {currency}"
        )


# -- definitions -----------------------------------------------------------------------


@attrs.frozen
class RewardTier:
    """A reward offered for pledges of at least *minimum*, optionally limited in number.

    Attributes:
        id: The tier's id, unique in its campaign.
        minimum: The smallest pledge that earns the reward.
        limit: How many backers can take it (``None``: unlimited).
        title: A label for people.
    """

    id: str = attrs.field(validator=_id_validator)
    minimum: Money = attrs.field(validator=_positive_money)
    limit: int | None = attrs.field(default=None)
    title: str = attrs.field(default="", validator=_text_validator)

    @limit.validator
    def _check_limit(self, _: attrs.Attribute[int | None], value: object) -> None:
        if value is None:
            return
        if type(value) is not int:
            raise InvalidTypeError("limit", value, "must be an int or None")
        if value < 1:
            raise ValidationError("limit", value, "must be >= 1 (None means unlimited)")


@attrs.frozen
class StretchGoal:
    """An extra target announced beyond the goal, reached when the total counted meets it.

    Attributes:
        id: The stretch goal's id, unique in its campaign.
        target: The total (counted toward the goal) that unlocks it.
        title: A label for people.
    """

    id: str = attrs.field(validator=_id_validator)
    target: Money = attrs.field(validator=_positive_money)
    title: str = attrs.field(default="", validator=_text_validator)


@attrs.frozen
class FeePolicy:
    """The platform fee and the payment fee, how they round and who bears them.

    Fees are computed on the pledge amount. A fee the *creator* bears is deducted from
    the payout; the platform fee is then computed once on the campaign's collected
    pledges and allocated to them by the largest-remainder method (no minor unit is
    lost), while the payment fee is computed per collected pledge (per transaction).
    A fee the *backer* bears is computed per pledge and charged on top of it at
    collection. Fees are charged at settlement on every collected pledge, also on
    money refunded before settlement; a payout can therefore end below zero (the
    creator owes it back), never a fee or a refund.

    Attributes:
        platform_rate: The platform's share, ``0 <= rate < 1`` (``"0.05"`` is 5 %).
        payment_rate: The payment processor's share, ``0 <= rate < 1``.
        rounding: The ``decimal.ROUND_*`` mode for every fee.
        platform_fee_bearer: Who pays the platform fee.
        payment_fee_bearer: Who pays the payment fee.
        refund_fees: Whether fees go back on refunds.
    """

    platform_rate: Decimal = attrs.field(default=Decimal(0), converter=_to_rate)
    payment_rate: Decimal = attrs.field(default=Decimal(0), converter=_to_rate)
    rounding: str = attrs.field(default=decimal.ROUND_HALF_EVEN)
    platform_fee_bearer: FeeBearer = attrs.field(default=FeeBearer.CREATOR)
    payment_fee_bearer: FeeBearer = attrs.field(default=FeeBearer.CREATOR)
    refund_fees: RefundFees = attrs.field(default=RefundFees.KEPT)

    @platform_rate.validator
    @payment_rate.validator
    def _check_rate(self, attribute: attrs.Attribute[Decimal], value: Decimal) -> None:
        if not 0 <= value < 1:
            raise ValidationError(attribute.name, str(value), "must be >= 0 and < 1")

    def __attrs_post_init__(self) -> None:
        if self.platform_rate + self.payment_rate >= 1:
            raise ValidationError(
                "payment_rate",
                str(self.payment_rate),
                f"platform_rate + payment_rate must be < 1 (platform_rate is {self.platform_rate})",
            )

    @rounding.validator
    def _check_rounding(self, _: attrs.Attribute[str], value: object) -> None:
        if value not in ROUNDING_MODES:
            raise ValidationError("rounding", value, "must be one of the decimal.ROUND_* modes")

    @platform_fee_bearer.validator
    @payment_fee_bearer.validator
    def _check_bearer(self, attribute: attrs.Attribute[FeeBearer], value: object) -> None:
        if not isinstance(value, FeeBearer):
            raise InvalidTypeError(attribute.name, value, "must be a FeeBearer")

    @refund_fees.validator
    def _check_refund(self, _: attrs.Attribute[RefundFees], value: object) -> None:
        if not isinstance(value, RefundFees):
            raise InvalidTypeError("refund_fees", value, "must be a RefundFees")


@attrs.frozen
class MatchPool:
    """A match-funding pool (public co-financing, after Goteo's matchers).

    Each pledge to a campaign that joined the pool is matched by ``factor`` times its
    amount (rounded down to the minor unit), capped per pledge, per campaign and by
    what is left of the budget (a partial match when it runs low).

    Attributes:
        id: The pool's id.
        budget: The pool's total budget.
        factor: Matched money per unit pledged (``"1"`` doubles a pledge: 1:1).
        per_pledge_cap: The most one pledge can attract (``None``: no cap).
        per_campaign_cap: The most one campaign can attract (``None``: no cap).
        counts_toward_goal: Whether matched money counts toward the campaign's goal.
    """

    id: str = attrs.field(validator=_id_validator)
    budget: Money = attrs.field(validator=_positive_money)
    factor: Decimal = attrs.field(default=Decimal(1), converter=_to_rate)
    per_pledge_cap: Money | None = attrs.field(default=None, validator=_optional_positive_money)
    per_campaign_cap: Money | None = attrs.field(default=None, validator=_optional_positive_money)
    counts_toward_goal: bool = attrs.field(default=True, validator=_bool_validator)

    @factor.validator
    def _check_factor(self, _: attrs.Attribute[Decimal], value: Decimal) -> None:
        if not 0 < value <= 100:
            raise ValidationError("factor", str(value), "must be > 0 and <= 100")

    def __attrs_post_init__(self) -> None:
        _same_currency("per_pledge_cap", self.per_pledge_cap, self.budget.currency)
        _same_currency("per_campaign_cap", self.per_campaign_cap, self.budget.currency)

    @property
    def currency(self) -> str:
        """The pool's currency code."""
        return self.budget.currency.code


def _check_duration(_inst: object, _: attrs.Attribute[_dt.timedelta], value: object) -> None:
    if not isinstance(value, _dt.timedelta):
        raise InvalidTypeError("max_duration", value, "must be a datetime.timedelta")
    if value <= _dt.timedelta(0):
        raise ValidationError("max_duration", str(value), "must be > 0")


@attrs.frozen
class CampaignDefinition:
    """What a creator declares when setting up a campaign.

    Pledges count when ``launch <= at < deadline``; the deadline is at most
    ``max_duration`` after the launch (60 days unless said otherwise). The currency
    is the goal's.

    Attributes:
        id: The campaign's id.
        owner: The creator's id.
        goal: The funding goal (> 0).
        launch: The first instant a pledge counts (aware).
        deadline: The first instant a pledge no longer counts (aware).
        model: All-or-nothing or keep-it-all.
        minimum_pledge: The smallest pledge accepted (``None``: any positive amount).
        per_backer_cap: The most one backer may have pledged at once (``None``: no cap).
        tiers: Reward tiers, ids unique.
        stretch_goals: Stretch goals, ids unique.
        max_duration: The longest allowed run, launch to deadline (also after extensions).
        pool_id: The match-funding pool the campaign joins, if any.
        fees: The fee policy applied at settlement.
        title: A label for people.
    """

    id: str = attrs.field(validator=_id_validator)
    owner: str = attrs.field(validator=_id_validator)
    goal: Money = attrs.field(validator=_positive_money)
    launch: _dt.datetime = attrs.field(validator=_aware_validator)
    deadline: _dt.datetime = attrs.field(validator=_aware_validator)
    model: FundingModel = attrs.field(default=FundingModel.ALL_OR_NOTHING)
    minimum_pledge: Money | None = attrs.field(default=None, validator=_optional_positive_money)
    per_backer_cap: Money | None = attrs.field(default=None, validator=_optional_positive_money)
    tiers: tuple[RewardTier, ...] = attrs.field(default=(), converter=_to_tuple)
    stretch_goals: tuple[StretchGoal, ...] = attrs.field(default=(), converter=_to_tuple)
    max_duration: _dt.timedelta = attrs.field(
        default=DEFAULT_MAX_DURATION, validator=_check_duration
    )
    pool_id: str | None = attrs.field(default=None, validator=_optional_id_validator)
    fees: FeePolicy = attrs.field(factory=FeePolicy)
    title: str = attrs.field(default="", validator=_text_validator)

    @model.validator
    def _check_model(self, _: attrs.Attribute[FundingModel], value: object) -> None:
        if not isinstance(value, FundingModel):
            raise InvalidTypeError("model", value, "must be a FundingModel")

    @fees.validator
    def _check_fees(self, _: attrs.Attribute[FeePolicy], value: object) -> None:
        if not isinstance(value, FeePolicy):
            raise InvalidTypeError("fees", value, "must be a FeePolicy")

    def __attrs_post_init__(self) -> None:
        currency = self.goal.currency
        _same_currency("minimum_pledge", self.minimum_pledge, currency)
        _same_currency("per_backer_cap", self.per_backer_cap, currency)
        if (
            self.minimum_pledge is not None
            and self.per_backer_cap is not None
            and self.per_backer_cap < self.minimum_pledge
        ):
            raise ValidationError(
                "per_backer_cap", str(self.per_backer_cap), "must be >= minimum_pledge"
            )
        if self.deadline <= self.launch:
            raise ValidationError(
                "deadline", self.deadline.isoformat(), f"must be after launch {self.launch}"
            )
        if self.deadline - self.launch > self.max_duration:
            raise LimitExceededError(
                "deadline",
                self.deadline.isoformat(),
                f"must be at most max_duration {self.max_duration} after launch",
            )
        for name, items in (("tiers", self.tiers), ("stretch_goals", self.stretch_goals)):
            if len(items) > MAX_TIERS:
                raise ValidationError(name, f"<{len(items)} items>", f"at most {MAX_TIERS}")
            kind = RewardTier if name == "tiers" else StretchGoal
            seen: set[str] = set()
            for index, item in enumerate(items):
                if not isinstance(item, kind):
                    raise InvalidTypeError(f"{name}[{index}]", item, f"must be a {kind.__name__}")
                if item.id in seen:
                    raise ValidationError(f"{name}[{index}].id", item.id, "ids must be unique")
                seen.add(item.id)
                amount = item.minimum if isinstance(item, RewardTier) else item.target
                _same_currency(
                    f"{name}[{index}].{'minimum' if name == 'tiers' else 'target'}",
                    amount,
                    currency,
                )

    @property
    def currency(self) -> str:
        """The campaign's currency code (the goal's)."""
        return self.goal.currency.code


def deadline_on(day: _dt.date, zone_name: str) -> _dt.datetime:
    """Return the instant a campaign "ends at 23:59:59 local time on *day* in *zone_name*".

    The instant is the campaign's (exclusive) deadline: a pledge at 23:59:58 local
    counts, one at 23:59:59 does not.

    Args:
        day: The local calendar date.
        zone_name: An IANA zone key such as ``"Asia/Almaty"``.

    >>> deadline_on(_dt.date(2022, 10, 31), "Asia/Almaty").isoformat()
    '2022-10-31T23:59:59+06:00'
    >>> deadline_on(_dt.date(2024, 10, 31), "Asia/Almaty").isoformat()
    '2024-10-31T23:59:59+05:00'
    """
    return at_local(day, _dt.time(23, 59, 59), zone_name)


# -- commands ------------------------------------------------------------------------


@attrs.frozen
class CreatePool:
    """Open a match-funding pool."""

    pool: MatchPool
    at: _dt.datetime


@attrs.frozen
class CreateCampaign:
    """Register a campaign as a draft."""

    definition: CampaignDefinition
    at: _dt.datetime


@attrs.frozen
class LaunchCampaign:
    """Take a draft campaign live."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class MakePledge:
    """Pledge *amount* (optionally for a reward tier); retrying the same pledge id is a no-op."""

    campaign_id: str
    pledge_id: str
    backer: str
    amount: Money
    at: _dt.datetime
    tier_id: str | None = None


@attrs.frozen
class ChangePledge:
    """Raise or lower a live pledge to *amount* (the same amount is a no-op)."""

    campaign_id: str
    pledge_id: str
    amount: Money
    at: _dt.datetime


@attrs.frozen
class CancelPledge:
    """Cancel a live pledge (cancelling it again is a no-op)."""

    campaign_id: str
    pledge_id: str
    at: _dt.datetime


@attrs.frozen
class ExtendDeadline:
    """Move the deadline later, before it passes and within the maximum duration."""

    campaign_id: str
    deadline: _dt.datetime
    at: _dt.datetime


@attrs.frozen
class CancelCampaign:
    """The creator cancels the campaign before its deadline; every pledge is released."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class CloseCampaign:
    """Decide the outcome at (or after) the deadline from the money pledged."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class RecordCollection:
    """Record whether charging a pledge succeeded (recording the same outcome again is a no-op)."""

    campaign_id: str
    pledge_id: str
    succeeded: bool
    at: _dt.datetime


@attrs.frozen
class Settle:
    """Charge the fees and pay the creator, once every pledge's collection is recorded."""

    campaign_id: str
    at: _dt.datetime


@attrs.frozen
class Refund:
    """Refund part or all of a collected pledge; idempotent by *refund_id*."""

    campaign_id: str
    refund_id: str
    pledge_id: str
    amount: Money
    at: _dt.datetime


Command = Union[  # noqa: UP007 - a runtime union for cattrs
    CreatePool,
    CreateCampaign,
    LaunchCampaign,
    MakePledge,
    ChangePledge,
    CancelPledge,
    ExtendDeadline,
    CancelCampaign,
    CloseCampaign,
    RecordCollection,
    Settle,
    Refund,
]
"""Every command; JSON form tagged by ``"type"`` (``"make_pledge"``, ...)."""


# -- events --------------------------------------------------------------------------


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


@attrs.frozen
class EventLog:
    """An event log as one JSON document (each event tagged by ``"type"``).

    >>> from creative_city.serialization import from_json, to_json
    >>> log = EventLog(())
    >>> from_json(to_json(log), EventLog) == log
    True
    """

    events: tuple[Event, ...] = attrs.field(converter=_to_tuple)


# -- read-outs and snapshots ---------------------------------------------------------------


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


register_tagged_union(Command, tag="type")
register_tagged_union(Event, tag="type")
