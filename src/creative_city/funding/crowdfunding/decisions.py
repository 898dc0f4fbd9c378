"""The decision logic: :func:`decide` checks a command and returns the events it causes.

Deciding is pure: it reads the platform's ledgers and changes nothing. A command that
breaks a rule raises the library's error naming the field, the value and the rule; a
retry of a command already applied (the same pledge id and terms, the same refund id
and amount, the same collection outcome, a pledge already cancelled or already at that
amount) returns no event. One function per command, registered in a table by the
command's class.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Final

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.funding.crowdfunding.commands import (
    CancelCampaign,
    CancelPledge,
    ChangePledge,
    CloseCampaign,
    Command,
    CreateCampaign,
    CreatePool,
    ExtendDeadline,
    LaunchCampaign,
    MakePledge,
    RecordCollection,
    Refund,
    Settle,
)
from creative_city.funding.crowdfunding.definitions import (
    CampaignDefinition,
    CampaignStatus,
    FundingModel,
    MatchPool,
    PledgeStatus,
    RewardTier,
    check_id,
    elapsed,
)
from creative_city.funding.crowdfunding.events import (
    CampaignCancelled,
    CampaignClosed,
    CampaignCreated,
    CampaignLaunched,
    CampaignSettled,
    CollectionFailed,
    DeadlineExtended,
    Event,
    PledgeCancelled,
    PledgeChanged,
    PledgeCollected,
    PledgeCreated,
    PledgeRefunded,
    PoolCreated,
)
from creative_city.funding.crowdfunding.settlement import fee_on_top, settlement_totals
from creative_city.money import Currency, Money
from creative_city.time import require_aware

if TYPE_CHECKING:
    from creative_city.funding.crowdfunding.ledgers import CampaignLedger, Ledgers, PledgeLine
    from creative_city.funding.crowdfunding.platform import Platform

__all__ = ["check_direction", "decide"]


def decide(platform: Platform, command: Command) -> tuple[Event, ...]:
    """Validate *command* against *platform* and return the events it causes.

    Pure: the platform is not changed. An empty tuple means the command is a retry
    of one already applied (same pledge id and terms, same refund id and amount,
    same collection outcome, a pledge already cancelled or already at that amount).

    Raises:
        ValidationError: Bad values, unknown ids, timestamps outside the window.
        InvalidTypeError: Wrong types, naive datetimes.
        CurrencyMismatchError: Money in another currency than the campaign's.
        InvalidStateError: The campaign or pledge is in the wrong state.
        LimitExceededError: A cap, tier limit, duration or refundable amount exceeded.
    """
    decider = _DECIDERS.get(type(command))
    if decider is None:
        raise InvalidTypeError("command", command, "is not a crowdfunding command")
    ledgers = platform._ledgers  # noqa: SLF001 - the package's own platform
    events: tuple[Event, ...] = decider(ledgers, command)
    return events


def check_direction(
    ledgers: Ledgers, campaign_id: str, pledge_id: str, amount: Money, *, up: bool
) -> None:
    """Check that *amount* raises (*up*) or lowers the pledge (an equal amount passes).

    Raises:
        ValidationError: If the amount goes the other way (or the ids are unknown).
    """
    campaign = ledgers.campaign(campaign_id)
    pledge = campaign.pledge(pledge_id)
    units = _amount(amount, campaign.currency, "amount")
    if (units < pledge.amount) if up else (units > pledge.amount):
        raise ValidationError(
            "amount",
            str(amount),
            f"must be {'>=' if up else '<='} the pledge's current "
            f"{campaign.as_money(pledge.amount)} "
            f"(use {'lower_pledge' if up else 'raise_pledge'})",
        )


# -- guards ------------------------------------------------------------------------------


def _amount(value: object, currency: Currency, field: str) -> int:
    if type(value) is not Money:
        raise InvalidTypeError(field, value, "must be Money")
    if value.currency != currency:
        raise CurrencyMismatchError(
            field, str(value), f"must be in the campaign currency {currency}"
        )
    if value.minor <= 0:
        raise ValidationError(field, str(value), "must be > 0")
    return value.minor


def _at(value: object) -> _dt.datetime:
    return require_aware(value, "at")


def _require_status(c: CampaignLedger, allowed: tuple[CampaignStatus, ...], action: str) -> None:
    """Check the campaign's state; the error names the command's ``campaign_id``."""
    if c.status not in allowed:
        names = " or ".join(s.value for s in allowed)
        raise InvalidStateError(
            "campaign_id",
            c.definition.id,
            f"cannot {action}: the campaign is {c.status.value}, it must be {names}",
        )


def _utc(instant: _dt.datetime) -> _dt.datetime:
    # Python orders two datetimes of the same zone by their wall-clock readings (fold
    # ignored), so inside a repeated hour the later instant may sort first. An instant
    # in UTC compared with one in another zone is compared on the time line (each side's
    # UTC offset, which reads the fold): one side in UTC is enough.
    return instant.astimezone(_dt.UTC)


def _in_window(c: CampaignLedger, at: _dt.datetime, action: str) -> None:
    if not c.definition.launch <= _utc(at) < c.deadline:
        raise ValidationError(
            "at",
            at.isoformat(),
            f"cannot {action} outside launch <= at < deadline "
            f"[{c.definition.launch.isoformat()}, {c.deadline.isoformat()})",
        )


def _require_bool(value: object, field: str) -> bool:
    if type(value) is not bool:
        raise InvalidTypeError(field, value, "must be a bool")
    return value


def _live_pledge(c: CampaignLedger, pledge_id: object, action: str) -> PledgeLine:
    p = c.pledge(pledge_id)
    if p.status is not PledgeStatus.ACTIVE:
        raise InvalidStateError(
            "pledge_id", pledge_id, f"cannot {action} a {p.status.value} pledge"
        )
    return p


def _check_minimum(c: CampaignLedger, units: int, amount: Money) -> None:
    if units < c.minimum:
        raise ValidationError(
            "amount",
            str(amount),
            f"is below the minimum pledge {c.as_money(c.minimum)}",
        )


def _check_tier_minimum(tier: RewardTier, units: int, amount: Money) -> None:
    if units < tier.minimum.minor:
        raise ValidationError(
            "amount", str(amount), f"is below tier {tier.id!r}'s minimum {tier.minimum}"
        )


def _check_cap(c: CampaignLedger, backer: str, total: int, amount: Money) -> None:
    """Check that *backer*'s live pledges would total at most the per-backer cap."""
    if c.cap is not None and total > c.cap:
        raise LimitExceededError(
            "amount",
            str(amount),
            f"would bring backer {backer!r} to {c.as_money(total)}, above the "
            f"per-backer cap {c.as_money(c.cap)}",
        )


# -- one decider per command -------------------------------------------------------------


def _decide_create_pool(ledgers: Ledgers, cmd: CreatePool) -> tuple[Event, ...]:
    at = _at(cmd.at)
    if not isinstance(cmd.pool, MatchPool):
        raise InvalidTypeError("pool", cmd.pool, "must be a MatchPool")
    known = ledgers.pools.get(cmd.pool.id)
    if known is not None:
        if known.definition == cmd.pool:
            return ()
        raise ValidationError("pool.id", cmd.pool.id, "is already used by a different pool")
    return (PoolCreated(cmd.pool, at),)


def _decide_create_campaign(ledgers: Ledgers, cmd: CreateCampaign) -> tuple[Event, ...]:
    at = _at(cmd.at)
    definition = cmd.definition
    if not isinstance(definition, CampaignDefinition):
        raise InvalidTypeError("definition", definition, "must be a CampaignDefinition")
    known = ledgers.campaigns.get(definition.id)
    if known is not None:
        if known.definition == definition:
            return ()
        raise ValidationError("definition.id", definition.id, "is already used by a campaign")
    if definition.pool_id is not None:
        pool = ledgers.pools.get(definition.pool_id)
        if pool is None:
            raise ValidationError("definition.pool_id", definition.pool_id, "is not a known pool")
        if pool.currency != definition.goal.currency:
            raise CurrencyMismatchError(
                "definition.pool_id",
                definition.pool_id,
                f"the pool is in {pool.currency}, the campaign in {definition.currency}",
            )
    return (CampaignCreated(definition, at),)


def _decide_launch(ledgers: Ledgers, cmd: LaunchCampaign) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    at = _at(cmd.at)
    _require_status(c, (CampaignStatus.DRAFT,), "launch")
    if _utc(at) >= c.deadline:
        raise ValidationError("at", at.isoformat(), "cannot launch at or after the deadline")
    return (CampaignLaunched(c.definition.id, at),)


def _decide_pledge(ledgers: Ledgers, cmd: MakePledge) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    pledge_id = check_id("pledge_id", cmd.pledge_id)
    backer = check_id("backer", cmd.backer)
    known = c.pledges.get(pledge_id)
    if known is not None:
        if (
            known.backer == backer
            and known.tier == cmd.tier_id
            and type(cmd.amount) is Money
            and cmd.amount == c.as_money(known.initial)
        ):
            return ()
        raise ValidationError("pledge_id", pledge_id, "is already used by a different pledge")
    _require_status(c, (CampaignStatus.LIVE,), "pledge")
    at = _at(cmd.at)
    _in_window(c, at, "pledge")
    units = _amount(cmd.amount, c.currency, "amount")
    _check_minimum(c, units, cmd.amount)
    tier_id = cmd.tier_id
    if tier_id is not None:
        tier = c.tiers.get(tier_id) if isinstance(tier_id, str) else None
        if tier is None:
            raise ValidationError("tier_id", tier_id, "is not a reward tier of this campaign")
        _check_tier_minimum(tier, units, cmd.amount)
        if tier.limit is not None and c.tier_sold[tier_id] >= tier.limit:
            raise LimitExceededError(
                "tier_id", tier_id, f"is sold out ({tier.limit} of {tier.limit} taken)"
            )
    if c.cap is not None:
        record = c.backers.get(backer)
        _check_cap(c, backer, (0 if record is None else record.live) + units, cmd.amount)
    match = 0 if c.pool is None else c.pool.grant(c.matched, units, 0)
    return (
        PledgeCreated(
            c.definition.id,
            pledge_id,
            backer,
            cmd.amount,
            tier_id,
            c.as_money(match),
            at,
        ),
    )


def _decide_change(ledgers: Ledgers, cmd: ChangePledge) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    p = c.pledge(cmd.pledge_id)
    units = _amount(cmd.amount, c.currency, "amount")
    _require_status(c, (CampaignStatus.LIVE,), "change a pledge")
    at = _at(cmd.at)
    _in_window(c, at, "change a pledge")
    p = _live_pledge(c, cmd.pledge_id, "change")
    if units == p.amount:
        return ()
    _check_minimum(c, units, cmd.amount)
    if p.tier is not None:
        _check_tier_minimum(c.tiers[p.tier], units, cmd.amount)
    if c.cap is not None and units > p.amount:
        _check_cap(c, p.backer, c.backers[p.backer].live - p.amount + units, cmd.amount)
    match = 0 if c.pool is None else c.pool.grant(c.matched, units, p.match)
    return (PledgeChanged(c.definition.id, p.id, cmd.amount, c.as_money(match), at),)


def _decide_cancel_pledge(ledgers: Ledgers, cmd: CancelPledge) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    p = c.pledge(cmd.pledge_id)
    if p.status is PledgeStatus.CANCELLED:
        return ()
    _require_status(c, (CampaignStatus.LIVE,), "cancel a pledge")
    at = _at(cmd.at)
    _in_window(c, at, "cancel a pledge")
    p = _live_pledge(c, cmd.pledge_id, "cancel")
    return (PledgeCancelled(c.definition.id, p.id, at),)


def _decide_extend(ledgers: Ledgers, cmd: ExtendDeadline) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    _require_status(c, (CampaignStatus.DRAFT, CampaignStatus.LIVE), "extend the deadline")
    at = _at(cmd.at)
    deadline = require_aware(cmd.deadline, "deadline")
    if _utc(at) >= c.deadline:
        raise InvalidStateError(
            "at", at.isoformat(), f"the deadline {c.deadline.isoformat()} has passed"
        )
    if _utc(deadline) <= c.deadline:
        raise ValidationError(
            "deadline", deadline.isoformat(), f"must be after the current {c.deadline.isoformat()}"
        )
    launch = c.definition.launch
    if elapsed(launch, deadline) > c.definition.max_duration:
        limit = (launch.astimezone(_dt.UTC) + c.definition.max_duration).astimezone(launch.tzinfo)
        raise LimitExceededError(
            "deadline",
            deadline.isoformat(),
            f"must be at most max_duration {c.definition.max_duration} after launch "
            f"(no later than {limit.isoformat()})",
        )
    return (DeadlineExtended(c.definition.id, deadline, at),)


def _decide_cancel_campaign(ledgers: Ledgers, cmd: CancelCampaign) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    _require_status(c, (CampaignStatus.DRAFT, CampaignStatus.LIVE), "cancel the campaign")
    at = _at(cmd.at)
    if _utc(at) >= c.deadline:
        raise InvalidStateError(
            "at", at.isoformat(), f"cannot cancel after the deadline {c.deadline.isoformat()}"
        )
    return (CampaignCancelled(c.definition.id, at),)


def _decide_close(ledgers: Ledgers, cmd: CloseCampaign) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    _require_status(c, (CampaignStatus.LIVE,), "close the campaign")
    at = _at(cmd.at)
    if _utc(at) < c.deadline:
        raise InvalidStateError(
            "at", at.isoformat(), f"the campaign runs until its deadline {c.deadline.isoformat()}"
        )
    if c.definition.model is FundingModel.ALL_OR_NOTHING:
        funded = c.counted >= c.goal
    else:
        funded = c.pledged > 0
    outcome = CampaignStatus.FUNDED if funded else CampaignStatus.FAILED
    return (
        CampaignClosed(
            c.definition.id,
            outcome,
            c.as_money(c.pledged),
            c.as_money(c.matched),
            at,
        ),
    )


def _decide_collection(ledgers: Ledgers, cmd: RecordCollection) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    p = c.pledge(cmd.pledge_id)
    succeeded = _require_bool(cmd.succeeded, "succeeded")
    if p.status in (PledgeStatus.COLLECTED, PledgeStatus.COLLECTION_FAILED):
        if (p.status is PledgeStatus.COLLECTED) == succeeded:
            return ()
        raise InvalidStateError(
            "succeeded",
            succeeded,
            f"the pledge's collection is already recorded as {p.status.value}",
        )
    _require_status(c, (CampaignStatus.FUNDED,), "record a collection")
    at = _at(cmd.at)
    p = _live_pledge(c, cmd.pledge_id, "collect")
    if not succeeded:
        return (CollectionFailed(c.definition.id, p.id, at),)
    charged = p.amount + fee_on_top(c.definition.fees, p.amount)
    return (PledgeCollected(c.definition.id, p.id, c.as_money(charged), at),)


def _decide_settle(ledgers: Ledgers, cmd: Settle) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    _require_status(c, (CampaignStatus.FUNDED,), "settle")
    at = _at(cmd.at)
    if c.active:
        raise InvalidStateError(
            "campaign_id",
            c.definition.id,
            f"{c.active} pledge(s) still await a recorded collection",
        )
    fees, payout, match_paid = settlement_totals(c)
    return (
        CampaignSettled(
            c.definition.id,
            c.as_money(fees),
            c.as_money(payout),
            c.as_money(match_paid),
            at,
        ),
    )


def _decide_refund(ledgers: Ledgers, cmd: Refund) -> tuple[Event, ...]:
    c = ledgers.campaign(cmd.campaign_id)
    refund_id = check_id("refund_id", cmd.refund_id)
    known = c.refunds.get(refund_id)
    if known is not None:
        if (
            known.pledge_id == cmd.pledge_id
            and type(cmd.amount) is Money
            and (cmd.amount == known.amount)
        ):
            return ()
        raise ValidationError(
            "refund_id",
            refund_id,
            f"is already used for {known.amount} on pledge {known.pledge_id!r}; "
            "a retry must repeat the same pledge and amount",
        )
    p = c.pledge(cmd.pledge_id)
    units = _amount(cmd.amount, c.currency, "amount")
    _require_status(c, (CampaignStatus.FUNDED, CampaignStatus.SETTLED), "refund")
    at = _at(cmd.at)
    if p.status is not PledgeStatus.COLLECTED:
        raise InvalidStateError(
            "pledge_id",
            p.id,
            f"only collected pledges are refunded; it is {p.status.value}",
        )
    b = p.books
    refundable = b.collected - b.refunded
    if units > refundable:
        raise LimitExceededError(
            "amount",
            str(cmd.amount),
            f"exceeds what is refundable on pledge {p.id!r}: collected "
            f"{c.as_money(b.collected)} minus refunded {c.as_money(b.refunded)} "
            f"= {c.as_money(refundable)}",
        )
    return (PledgeRefunded(c.definition.id, refund_id, p.id, cmd.amount, at),)


_DECIDERS: Final[dict[type, Callable[[Ledgers, Any], tuple[Event, ...]]]] = {
    CreatePool: _decide_create_pool,
    CreateCampaign: _decide_create_campaign,
    LaunchCampaign: _decide_launch,
    MakePledge: _decide_pledge,
    ChangePledge: _decide_change,
    CancelPledge: _decide_cancel_pledge,
    ExtendDeadline: _decide_extend,
    CancelCampaign: _decide_cancel_campaign,
    CloseCampaign: _decide_close,
    RecordCollection: _decide_collection,
    Settle: _decide_settle,
    Refund: _decide_refund,
}
