"""What a creator and a pool declare: definitions, policies and the status enums.

A campaign is set up with a :class:`CampaignDefinition` (goal, window, funding model,
reward tiers, stretch goals, caps, fee policy, match pool) and a match-funding pool
with a :class:`MatchPool`. Everything here is frozen, validated on construction and
round-trips through :mod:`creative_city.serialization`.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import re
import types
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.money import ROUNDING_MODES, Money, to_decimal
from creative_city.operation import SCHEMA_KEY, states
from creative_city.time import at_local, require_aware

__all__ = [
    "DEFAULT_MAX_DURATION",
    "ID_SCHEMA",
    "MAX_TIERS",
    "CampaignDefinition",
    "CampaignStatus",
    "FeeBearer",
    "FeePolicy",
    "FundingModel",
    "MatchPool",
    "PledgeStatus",
    "RefundFees",
    "RewardTier",
    "StretchGoal",
    "check_id",
    "deadline_on",
    "elapsed",
    "to_tuple",
]

DEFAULT_MAX_DURATION: Final = _dt.timedelta(days=60)
"""The longest a campaign may run, launch to deadline, unless its definition says otherwise."""

MAX_TIERS: Final = 1_000
"""The most reward tiers (and, separately, stretch goals) one campaign may define."""

_MAX_ID: Final = 100
_ID: Final = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_.:-]{{0,{_MAX_ID - 1}}}")

ID_SCHEMA: Final = types.MappingProxyType(
    {"pattern": f"^{_ID.pattern}$", "minLength": 1, "maxLength": _MAX_ID}
)
"""The JSON Schema keywords of an id: what :func:`check_id` accepts (command ids state them)."""


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


def check_id(field: str, value: object) -> str:
    """Return *value* if it is a valid id (pool, campaign, pledge, backer, tier, refund).

    Raises:
        InvalidTypeError: If *value* is not a string.
        ValidationError: If it is not 1-100 letters, digits and ``_ . : -`` (not first).
    """
    if not isinstance(value, str):
        raise InvalidTypeError(field, value, "must be a string id")
    if not _ID.fullmatch(value):
        raise ValidationError(
            field, value, f"must be 1-{_MAX_ID} characters: letters, digits and _ . : - (not first)"
        )
    return value


@states(**ID_SCHEMA)
def _id_validator(_inst: object, attribute: attrs.Attribute[str], value: str) -> None:
    check_id(attribute.name, value)


@states(**ID_SCHEMA)
def _optional_id_validator(
    _inst: object, attribute: attrs.Attribute[str | None], value: object
) -> None:
    if value is not None:
        check_id(attribute.name, value)


def _aware_validator(
    _inst: object, attribute: attrs.Attribute[_dt.datetime], value: object
) -> None:
    require_aware(value, attribute.name)


@states(exclusiveMinimum=0)
def _positive_money(_inst: object, attribute: attrs.Attribute[Money], value: object) -> None:
    if type(value) is not Money:
        raise InvalidTypeError(attribute.name, value, "must be Money")
    if value.minor <= 0:
        raise ValidationError(attribute.name, str(value), "must be > 0")


@states(exclusiveMinimum=0)
def _optional_positive_money(
    _inst: object, attribute: attrs.Attribute[Money | None], value: object
) -> None:
    if value is not None:
        _positive_money(_inst, attribute, value)  # type: ignore[arg-type]


def _bool_validator(_inst: object, attribute: attrs.Attribute[bool], value: object) -> None:
    if type(value) is not bool:
        raise InvalidTypeError(attribute.name, value, "must be a bool")


@states(maxLength=500)
def _text_validator(_inst: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not isinstance(value, str):
        raise InvalidTypeError(attribute.name, value, "must be a string")
    if len(value) > 500:
        raise ValidationError(attribute.name, value, "must be at most 500 characters")


_RATE: Final = {SCHEMA_KEY: {"minimum": 0, "exclusiveMaximum": 1}}


def _to_platform_rate(value: object) -> Decimal:
    return to_decimal(value, "platform_rate")


def _to_payment_rate(value: object) -> Decimal:
    return to_decimal(value, "payment_rate")


def _to_factor(value: object) -> Decimal:
    return to_decimal(value, "factor")


def elapsed(start: _dt.datetime, end: _dt.datetime) -> _dt.timedelta:
    """Return the time that passes from *start* to *end* (both aware), as a clock measures it.

    Python subtracts two datetimes of the same zone by their wall-clock readings; a
    campaign's duration is the elapsed time, so a daylight-saving change in between
    counts (measured in UTC).

    >>> from zoneinfo import ZoneInfo
    >>> damascus = ZoneInfo("Asia/Damascus")  # UTC+3 until 2000-09-30, then UTC+2
    >>> start = _dt.datetime(2000, 9, 1, tzinfo=damascus)
    >>> elapsed(start, _dt.datetime(2000, 10, 30, 23, 0, 1, tzinfo=damascus))
    datetime.timedelta(days=60, seconds=1)
    """
    return end.astimezone(_dt.UTC) - start.astimezone(_dt.UTC)


def to_tuple(value: object, field: str = "value") -> tuple[object, ...]:
    """Convert a sequence (not a string) to a tuple; the converter of tuple fields.

    Raises:
        InvalidTypeError: If *value* is a string, bytes or not iterable (naming *field*).
    """
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidTypeError(field, value, "must be a sequence")
    return tuple(value)


def _to_tiers(value: object) -> tuple[object, ...]:
    return to_tuple(value, "tiers")


def _to_stretch_goals(value: object) -> tuple[object, ...]:
    return to_tuple(value, "stretch_goals")


def _same_currency(field: str, value: Money | None, currency: object, owner: str) -> None:
    if value is not None and value.currency != currency:
        raise CurrencyMismatchError(
            field, str(value), f"must be in the {owner} currency {currency}"
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
    limit: int | None = attrs.field(default=None, metadata={SCHEMA_KEY: {"minimum": 1}})
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

    platform_rate: Decimal = attrs.field(
        default=Decimal(0), converter=_to_platform_rate, metadata=_RATE
    )
    payment_rate: Decimal = attrs.field(
        default=Decimal(0), converter=_to_payment_rate, metadata=_RATE
    )
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
    factor: Decimal = attrs.field(
        default=Decimal(1),
        converter=_to_factor,
        metadata={SCHEMA_KEY: {"exclusiveMinimum": 0, "maximum": 100}},
    )
    per_pledge_cap: Money | None = attrs.field(default=None, validator=_optional_positive_money)
    per_campaign_cap: Money | None = attrs.field(default=None, validator=_optional_positive_money)
    counts_toward_goal: bool = attrs.field(default=True, validator=_bool_validator)

    @factor.validator
    def _check_factor(self, _: attrs.Attribute[Decimal], value: Decimal) -> None:
        if not 0 < value <= 100:
            raise ValidationError("factor", str(value), "must be > 0 and <= 100")

    def __attrs_post_init__(self) -> None:
        _same_currency("per_pledge_cap", self.per_pledge_cap, self.budget.currency, "pool")
        _same_currency("per_campaign_cap", self.per_campaign_cap, self.budget.currency, "pool")

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
    tiers: tuple[RewardTier, ...] = attrs.field(
        default=(), converter=_to_tiers, metadata={SCHEMA_KEY: {"maxItems": MAX_TIERS}}
    )
    stretch_goals: tuple[StretchGoal, ...] = attrs.field(
        default=(), converter=_to_stretch_goals, metadata={SCHEMA_KEY: {"maxItems": MAX_TIERS}}
    )
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
        _same_currency("minimum_pledge", self.minimum_pledge, currency, "campaign")
        _same_currency("per_backer_cap", self.per_backer_cap, currency, "campaign")
        if (
            self.minimum_pledge is not None
            and self.per_backer_cap is not None
            and self.per_backer_cap < self.minimum_pledge
        ):
            raise ValidationError(
                "per_backer_cap", str(self.per_backer_cap), "must be >= minimum_pledge"
            )
        if elapsed(self.launch, self.deadline) <= _dt.timedelta(0):
            raise ValidationError(
                "deadline", self.deadline.isoformat(), f"must be after launch {self.launch}"
            )
        if elapsed(self.launch, self.deadline) > self.max_duration:
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
                    "campaign",
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
