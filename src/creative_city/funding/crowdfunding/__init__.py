"""The "Creative City" crowdfunding platform: campaigns, pledges, match funding, settlement.

The platform is event-sourced. A :class:`Platform` is changed only by *commands*
(:class:`MakePledge`, :class:`CloseCampaign`, :class:`Refund`, ...): :func:`decide`
validates a command against the current state without touching it and returns the
*events* it causes (or raises the library's error, changing nothing); the events are
then folded into the state. The event log (:attr:`Platform.events`) is the audit trail:
:meth:`Platform.replay` rebuilds an equal platform from it, and :meth:`Platform.state`
returns a frozen :class:`PlatformState` snapshot. Commands, events and snapshots
round-trip through JSON.

Folding an event costs O(1) (the fold works on private mutable ledgers, so replaying
a million events takes seconds, not hours); only snapshots, campaign failure,
cancellation and settlement walk a campaign's pledges.

Money rules (see ``docs/crowdfunding.md``):

* the outcome is frozen at the deadline from *pledged* money (plus matched money if
  the pool counts it); failed collections afterwards only reduce the payout;
* every pledge ledger line keeps ``collected = payout + fees + refunded + held`` to
  the minor unit, and so do backers and campaigns; a pool keeps
  ``budget = available + reserved + paid``;
* matches round down, fees round with the policy's mode, the platform fee is split
  over pledges by the largest-remainder method.

>>> import datetime as dt
>>> from creative_city.money import Money
>>> t0 = dt.datetime(2022, 10, 1, tzinfo=dt.UTC)
>>> kzt = lambda amount: Money.of(amount, "KZT")
>>> platform = Platform()
>>> _ = platform.create_campaign(
...     CampaignDefinition(
...         id="album",
...         owner="studio-1",
...         goal=kzt(100_000),
...         launch=t0,
...         deadline=t0 + dt.timedelta(days=30),
...     ),
...     at=t0,
... )
>>> _ = platform.launch("album", at=t0)
>>> _ = platform.pledge("album", "p1", "aigerim", kzt(60_000), at=t0 + dt.timedelta(days=1))
>>> _ = platform.pledge("album", "p2", "daniyar", kzt(39_999), at=t0 + dt.timedelta(days=2))
>>> platform.summary("album").percent_of_goal  # 99.999 % reads 99.99, never 100
Decimal('99.99')
>>> platform.close("album", at=t0 + dt.timedelta(days=30))[0].outcome
<CampaignStatus.FAILED: 'failed'>
"""

from __future__ import annotations

import datetime as _dt
import decimal
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.funding.crowdfunding.model import (
    DEFAULT_MAX_DURATION,
    BackerStatement,
    CampaignCancelled,
    CampaignClosed,
    CampaignCreated,
    CampaignDefinition,
    CampaignLaunched,
    CampaignSettled,
    CampaignState,
    CampaignStatus,
    CampaignSummary,
    CancelCampaign,
    CancelPledge,
    ChangePledge,
    CloseCampaign,
    CollectionFailed,
    Command,
    CreateCampaign,
    CreatePool,
    DeadlineExtended,
    Event,
    EventLog,
    ExtendDeadline,
    FeeBearer,
    FeePolicy,
    FundingModel,
    LaunchCampaign,
    MakePledge,
    MatchPool,
    PlatformState,
    PledgeCancelled,
    PledgeChanged,
    PledgeCollected,
    PledgeCreated,
    PledgeRefunded,
    PledgeState,
    PledgeStatus,
    PoolCreated,
    PoolState,
    RecordCollection,
    Refund,
    RefundFees,
    RefundRecord,
    RewardTier,
    Settle,
    StretchGoal,
    StretchGoalStatus,
    TierAvailability,
    _check_id,
    deadline_on,
)
from creative_city.money import Currency, Money, allocate_units
from creative_city.time import require_aware

__all__ = [
    "DEFAULT_MAX_DURATION",
    "BackerStatement",
    "Campaign",
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
    "Platform",
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
    "decide",
    "replay",
]

# Pledge status codes in the private ledger (ints are cheaper than enums in the fold).
_ACTIVE: Final = 0
_CANCELLED: Final = 1
_RELEASED: Final = 2
_COLLECTED: Final = 3
_FAILED: Final = 4
_STATUS: Final = (
    PledgeStatus.ACTIVE,
    PledgeStatus.CANCELLED,
    PledgeStatus.RELEASED,
    PledgeStatus.COLLECTED,
    PledgeStatus.COLLECTION_FAILED,
)
# Pledges that still count in "pledged" (everything but cancelled ones).
_COUNTED: Final = frozenset({_ACTIVE, _RELEASED, _COLLECTED, _FAILED})


def _round_units(numerator: int, denominator: int, rounding: str) -> int:
    """Round the non-negative ``numerator / denominator`` to an int with *rounding*."""
    q, r = divmod(numerator, denominator)
    if not r:
        return q
    if rounding in (decimal.ROUND_FLOOR, decimal.ROUND_DOWN):
        return q
    if rounding in (decimal.ROUND_CEILING, decimal.ROUND_UP):
        return q + 1
    if rounding == decimal.ROUND_05UP:
        return q + 1 if q % 10 in (0, 5) else q
    twice = 2 * r
    if twice != denominator:
        return q + 1 if twice > denominator else q
    if rounding == decimal.ROUND_HALF_UP:
        return q + 1
    if rounding == decimal.ROUND_HALF_DOWN:
        return q
    return q + (q % 2)  # ROUND_HALF_EVEN


_BULK: Final = 1 << 30


def _round_many(numerators: list[int], denominator: int, rounding: str) -> list[int]:
    """Round each non-negative ``n / denominator`` to an int (one branch per batch)."""
    d = denominator
    if rounding in (decimal.ROUND_FLOOR, decimal.ROUND_DOWN):
        return [n // d for n in numerators]
    if rounding in (decimal.ROUND_CEILING, decimal.ROUND_UP):
        return [-(-n // d) for n in numerators]
    if rounding == decimal.ROUND_HALF_UP:
        return [(2 * n + d) // (2 * d) for n in numerators]
    if rounding == decimal.ROUND_HALF_DOWN:
        return [(2 * n + d - 1) // (2 * d) for n in numerators]
    if rounding == decimal.ROUND_HALF_EVEN:
        # q = round half up; on an exact tie (remainder 0) with q odd, step back to even.
        return [
            q - (q & 1 if not r else 0) for q, r in (divmod(2 * n + d, 2 * d) for n in numerators)
        ]
    return [_round_units(n, d, rounding) for n in numerators]


# -- private ledgers -------------------------------------------------------------------


class _Books:
    """A collected pledge's money: ``collected = payout + fees + refunded + held``."""

    __slots__ = (
        "collected",
        "fee_charged",
        "fee_returned",
        "held",
        "match_base",
        "on_top",
        "payout",
        "refunded",
    )

    def __init__(self, collected: int = 0, on_top: int = 0, match_base: int = 0) -> None:
        self.collected = collected
        self.on_top = on_top  # fees the backer paid on top of the pledge
        self.match_base = match_base  # the match when collected (refunds return it pro rata)
        self.fee_charged = 0
        self.fee_returned = 0
        self.refunded = 0
        self.payout = 0
        self.held = collected


_NO_BOOKS: Final = _Books()  # shared, never written: pledges not collected read zeros


class _Pledge:
    __slots__ = ("amount", "backer", "books", "id", "initial", "match", "status", "tier")

    def __init__(
        self, pledge_id: str, backer: str, tier: str | None, amount: int, match: int
    ) -> None:
        self.id = pledge_id
        self.backer = backer
        self.tier = tier
        self.initial = amount
        self.amount = amount
        self.match = match
        self.status = _ACTIVE
        self.books = _NO_BOOKS


# A backer's record is a plain list (cheaper to build than an object; there is one per
# backer): [pledges not cancelled, live pledged money, pledge id, pledge id, ...].
_COUNT: Final = 0
_LIVE: Final = 1
_FIRST_ID: Final = 2


class _Pool:
    __slots__ = (
        "available",
        "campaign_cap",
        "campaigns",
        "currency",
        "definition",
        "den",
        "num",
        "paid",
        "pledge_cap",
        "reserved",
    )

    def __init__(self, pool: MatchPool) -> None:
        self.definition = pool
        self.currency = pool.budget.currency
        factor = Fraction(pool.factor)
        self.num = factor.numerator
        self.den = factor.denominator
        self.pledge_cap = None if pool.per_pledge_cap is None else pool.per_pledge_cap.minor
        self.campaign_cap = None if pool.per_campaign_cap is None else pool.per_campaign_cap.minor
        self.available = pool.budget.minor
        self.reserved = 0
        self.paid = 0
        self.campaigns: list[_Campaign] = []

    def grant(self, campaign_matched: int, amount: int, current: int) -> int:
        """Return the new match for a pledge of *amount* that now attracts *current*.

        *campaign_matched* is what the pool already committed to the pledge's campaign.
        """
        desired = amount * self.num // self.den
        if self.pledge_cap is not None and desired > self.pledge_cap:
            desired = self.pledge_cap
        if desired <= current:
            return desired
        extra = min(desired - current, self.available)
        if self.campaign_cap is not None:
            room = self.campaign_cap - campaign_matched
            extra = min(extra, room)
        return current + max(extra, 0)


class _Campaign:
    __slots__ = (
        "active",
        "backer_count",
        "backers",
        "cap",
        "collected",
        "currency",
        "deadline",
        "definition",
        "fees",
        "goal",
        "held",
        "match_paid",
        "matched",
        "minimum",
        "payout",
        "pledged",
        "pledges",
        "pool",
        "refunded",
        "refunds",
        "status",
        "tier_sold",
        "tiers",
    )

    def __init__(self, definition: CampaignDefinition, pool: _Pool | None) -> None:
        self.definition = definition
        self.currency = definition.goal.currency
        self.goal = definition.goal.minor
        self.minimum = 1 if definition.minimum_pledge is None else definition.minimum_pledge.minor
        self.cap = None if definition.per_backer_cap is None else definition.per_backer_cap.minor
        self.tiers: dict[str, RewardTier] = {t.id: t for t in definition.tiers}
        self.tier_sold: dict[str, int] = dict.fromkeys(self.tiers, 0)
        self.pool = pool
        self.status = CampaignStatus.DRAFT
        self.deadline = definition.deadline
        self.pledges: dict[str, _Pledge] = {}
        self.backers: dict[str, list[Any]] = {}
        self.backer_count = 0  # backers holding a pledge that is not cancelled
        self.refunds: dict[str, tuple[str, int]] = {}
        self.active = 0
        self.pledged = 0
        self.matched = 0
        self.collected = 0
        self.fees = 0
        self.refunded = 0
        self.payout = 0
        self.held = 0
        self.match_paid = 0

    @property
    def counted(self) -> int:
        if self.pool is not None and self.pool.definition.counts_toward_goal:
            return self.pledged + self.matched
        return self.pledged


# -- the platform ------------------------------------------------------------------------


class Platform:
    """The crowdfunding platform: match pools and campaigns, changed only by commands.

    Use the command methods (:meth:`create_campaign`, :meth:`pledge`, :meth:`close`,
    :meth:`settle`, :meth:`refund`, ...) or :meth:`execute` with a command object.
    Each returns the events it recorded (an empty tuple when the command was a
    retry that changes nothing). A rejected command raises and changes nothing.

    Read-outs: :meth:`summary`, :meth:`statement`, :meth:`statements`,
    :meth:`tiers`, :meth:`pool_state`, :meth:`campaign_state`, :meth:`state`.
    """

    __slots__ = ("_campaigns", "_events", "_pools")

    def __init__(self) -> None:
        self._pools: dict[str, _Pool] = {}
        self._campaigns: dict[str, _Campaign] = {}
        self._events: list[Event] = []

    # -- event sourcing --------------------------------------------------------------

    @classmethod
    def replay(cls, events: Iterable[Event]) -> Platform:
        """Rebuild a platform by folding *events* in order (the log is trusted).

        Args:
            events: A recorded event log, e.g. :attr:`events` of another platform.

        Raises:
            InvalidTypeError: If an item is not a crowdfunding event.
            ValidationError: If an event refers to something the log never created.
        """
        platform = cls()
        log = list(events)
        handlers = _HANDLERS
        index = 0
        try:
            for index, event in enumerate(log):  # noqa: B007 - index reported on error
                handlers[type(event)](platform, event)
        except KeyError:
            event = log[index]
            if type(event) not in handlers:
                raise InvalidTypeError(
                    f"events[{index}]", event, "is not a crowdfunding event"
                ) from None
            raise ValidationError(
                f"events[{index}]", event, "refers to a pool, campaign or pledge not in the log"
            ) from None
        except (AttributeError, TypeError):
            raise ValidationError(
                f"events[{index}]", log[index], "does not fit the log before it"
            ) from None
        platform._events = log
        return platform

    @property
    def events(self) -> tuple[Event, ...]:
        """The event log, oldest first."""
        return tuple(self._events)

    def log(self) -> EventLog:
        """The event log as an :class:`EventLog` (for JSON: ``to_json(platform.log())``)."""
        return EventLog(self._events)

    def decide(self, command: Command) -> tuple[Event, ...]:
        """Return the events *command* would record, without recording them.

        Raises:
            CreativeCityError: If the command is not allowed (nothing changes).
        """
        return decide(self, command)

    def execute(self, command: Command) -> tuple[Event, ...]:
        """Validate *command*, record its events and return them.

        Raises:
            CreativeCityError: If the command is not allowed (nothing changes).
        """
        events = decide(self, command)
        handlers = _HANDLERS
        for event in events:
            handlers[type(event)](self, event)
        self._events.extend(events)
        return events

    # -- commands --------------------------------------------------------------------

    def create_pool(self, pool: MatchPool, *, at: _dt.datetime) -> tuple[Event, ...]:
        """Open a match-funding pool (:class:`CreatePool`)."""
        return self.execute(CreatePool(pool, at))

    def create_campaign(
        self, definition: CampaignDefinition, *, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """Register a draft campaign (:class:`CreateCampaign`)."""
        return self.execute(CreateCampaign(definition, at))

    def launch(self, campaign_id: str, *, at: _dt.datetime) -> tuple[Event, ...]:
        """Take a draft live (:class:`LaunchCampaign`)."""
        return self.execute(LaunchCampaign(campaign_id, at))

    def pledge(
        self,
        campaign_id: str,
        pledge_id: str,
        backer: str,
        amount: Money,
        *,
        at: _dt.datetime,
        tier_id: str | None = None,
    ) -> tuple[Event, ...]:
        """Pledge *amount* (:class:`MakePledge`); retrying the same pledge is a no-op."""
        return self.execute(MakePledge(campaign_id, pledge_id, backer, amount, at, tier_id))

    def change_pledge(
        self, campaign_id: str, pledge_id: str, amount: Money, *, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """Raise or lower a pledge to *amount* (:class:`ChangePledge`)."""
        return self.execute(ChangePledge(campaign_id, pledge_id, amount, at))

    def raise_pledge(
        self, campaign_id: str, pledge_id: str, amount: Money, *, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """Raise a pledge to *amount*; lowering through this method is an error."""
        self._check_direction(campaign_id, pledge_id, amount, up=True)
        return self.change_pledge(campaign_id, pledge_id, amount, at=at)

    def lower_pledge(
        self, campaign_id: str, pledge_id: str, amount: Money, *, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """Lower a pledge to *amount*; raising through this method is an error."""
        self._check_direction(campaign_id, pledge_id, amount, up=False)
        return self.change_pledge(campaign_id, pledge_id, amount, at=at)

    def _check_direction(
        self, campaign_id: str, pledge_id: str, amount: Money, *, up: bool
    ) -> None:
        campaign = _campaign(self, campaign_id)
        pledge = _pledge(campaign, pledge_id)
        units = _amount(amount, campaign.currency, "amount")
        if (units < pledge.amount) if up else (units > pledge.amount):
            raise ValidationError(
                "amount",
                str(amount),
                f"must be {'>=' if up else '<='} the pledge's current "
                f"{_money(pledge.amount, campaign.currency)} "
                f"(use {'lower_pledge' if up else 'raise_pledge'})",
            )

    def cancel_pledge(
        self, campaign_id: str, pledge_id: str, *, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """Cancel a pledge (:class:`CancelPledge`); cancelling again is a no-op."""
        return self.execute(CancelPledge(campaign_id, pledge_id, at))

    def extend_deadline(
        self, campaign_id: str, deadline: _dt.datetime, *, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """Move the deadline later (:class:`ExtendDeadline`)."""
        return self.execute(ExtendDeadline(campaign_id, deadline, at))

    def cancel_campaign(self, campaign_id: str, *, at: _dt.datetime) -> tuple[Event, ...]:
        """Cancel the campaign before its deadline (:class:`CancelCampaign`)."""
        return self.execute(CancelCampaign(campaign_id, at))

    def close(self, campaign_id: str, *, at: _dt.datetime) -> tuple[Event, ...]:
        """Freeze the outcome at or after the deadline (:class:`CloseCampaign`)."""
        return self.execute(CloseCampaign(campaign_id, at))

    def record_collection(
        self, campaign_id: str, pledge_id: str, *, succeeded: bool, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """Record a collection outcome (:class:`RecordCollection`)."""
        return self.execute(RecordCollection(campaign_id, pledge_id, succeeded, at))

    def settle(self, campaign_id: str, *, at: _dt.datetime) -> tuple[Event, ...]:
        """Charge fees and pay the creator (:class:`Settle`)."""
        return self.execute(Settle(campaign_id, at))

    def refund(
        self,
        campaign_id: str,
        refund_id: str,
        pledge_id: str,
        amount: Money,
        *,
        at: _dt.datetime,
    ) -> tuple[Event, ...]:
        """Refund part or all of a collected pledge (:class:`Refund`), idempotent by id."""
        return self.execute(Refund(campaign_id, refund_id, pledge_id, amount, at))

    # -- read-outs -------------------------------------------------------------------

    @property
    def campaign_ids(self) -> tuple[str, ...]:
        """Every campaign id, sorted."""
        return tuple(sorted(self._campaigns))

    @property
    def pool_ids(self) -> tuple[str, ...]:
        """Every pool id, sorted."""
        return tuple(sorted(self._pools))

    def definition(self, campaign_id: str) -> CampaignDefinition:
        """Return the campaign's definition (with its original deadline)."""
        return _campaign(self, campaign_id).definition

    def summary(self, campaign_id: str) -> CampaignSummary:
        """Return the campaign's read-outs (totals, percent of goal, backers, tiers)."""
        c = _campaign(self, campaign_id)
        cur = c.currency
        counted = c.counted
        return CampaignSummary(
            campaign_id=campaign_id,
            status=c.status,
            deadline=c.deadline,
            pledged=_money(c.pledged, cur),
            matched=_money(c.matched, cur),
            counted=_money(counted, cur),
            percent_of_goal=Decimal(counted * 10_000 // c.goal).scaleb(-2),
            goal_reached=counted >= c.goal,
            backers=c.backer_count,
            collected=_money(c.collected, cur),
            fees=_money(c.fees, cur),
            refunded=_money(c.refunded, cur),
            payout=_money(c.payout, cur),
            held=_money(c.held, cur),
            match_paid=_money(c.match_paid, cur),
            stretch_goals=tuple(
                StretchGoalStatus(g.id, g.target, counted >= g.target.minor)
                for g in c.definition.stretch_goals
            ),
            tiers=_tiers(c),
        )

    def percent_of_goal(self, campaign_id: str) -> Decimal:
        """Return what counts toward the goal, in percent of it, rounded down to 0.01."""
        return self.summary(campaign_id).percent_of_goal

    def tiers(self, campaign_id: str) -> tuple[TierAvailability, ...]:
        """Return each reward tier's sold and remaining units."""
        return _tiers(_campaign(self, campaign_id))

    def statement(self, campaign_id: str, backer: str) -> BackerStatement:
        """Return *backer*'s statement in the campaign (zeros for a stranger)."""
        c = _campaign(self, campaign_id)
        return _statement(c, backer)

    def statements(self, campaign_id: str) -> tuple[BackerStatement, ...]:
        """Return every backer's statement, sorted by backer id."""
        c = _campaign(self, campaign_id)
        return tuple(_statement(c, backer) for backer in sorted(c.backers))

    def pledge_state(self, campaign_id: str, pledge_id: str) -> PledgeState:
        """Return one pledge's ledger line."""
        c = _campaign(self, campaign_id)
        return _pledge_state(_pledge(c, pledge_id), c.currency)

    def refund_record(self, campaign_id: str, refund_id: str) -> RefundRecord:
        """Return the refund recorded under *refund_id* (to check a retry's outcome).

        Raises:
            ValidationError: If no refund has that id in the campaign.
        """
        c = _campaign(self, campaign_id)
        found = c.refunds.get(refund_id) if isinstance(refund_id, str) else None
        if found is None:
            raise ValidationError(
                "refund_id", refund_id, f"is not a refund of campaign {campaign_id!r}"
            )
        return RefundRecord(refund_id, found[0], _money(found[1], c.currency))

    def pool_state(self, pool_id: str) -> PoolState:
        """Return the pool's position (``budget = available + reserved + paid``)."""
        pool = self._pools.get(pool_id)
        if pool is None:
            raise ValidationError("pool_id", pool_id, "is not a known match pool")
        cur = pool.currency
        return PoolState(
            pool=pool.definition,
            available=_money(pool.available, cur),
            reserved=_money(pool.reserved, cur),
            paid=_money(pool.paid, cur),
            by_campaign={
                c.definition.id: _money(c.matched, cur)
                for c in sorted(pool.campaigns, key=lambda c: c.definition.id)
            },
        )

    def campaign_state(self, campaign_id: str) -> CampaignState:
        """Return a full frozen snapshot of the campaign (every pledge and refund)."""
        c = _campaign(self, campaign_id)
        cur = c.currency
        return CampaignState(
            definition=c.definition,
            summary=self.summary(campaign_id),
            pledges=tuple(_pledge_state(p, cur) for p in c.pledges.values()),
            refunds=tuple(
                RefundRecord(rid, pid, _money(units, cur))
                for rid, (pid, units) in c.refunds.items()
            ),
        )

    def state(self) -> PlatformState:
        """Return a frozen snapshot of everything (equal for equal histories)."""
        return PlatformState(
            pools=tuple(self.pool_state(p) for p in sorted(self._pools)),
            campaigns=tuple(self.campaign_state(c) for c in sorted(self._campaigns)),
        )

    def __repr__(self) -> str:
        return (
            f"Platform(pools={len(self._pools)}, campaigns={len(self._campaigns)}, "
            f"events={len(self._events)})"
        )


class Campaign:
    """A handle on one campaign of a :class:`Platform`: its commands without the id.

    >>> import datetime as dt
    >>> t0 = dt.datetime(2022, 10, 1, tzinfo=dt.UTC)
    >>> album = Campaign.launch(
    ...     Platform(),
    ...     CampaignDefinition(
    ...         id="album",
    ...         owner="o",
    ...         goal=Money.of(100, "KZT"),
    ...         launch=t0,
    ...         deadline=t0 + dt.timedelta(days=7),
    ...     ),
    ...     at=t0,
    ... )
    >>> _ = album.pledge("p1", "aigerim", Money.of(100, "KZT"), at=t0)
    >>> album.close(at=t0 + dt.timedelta(days=7))[0].outcome.value
    'funded'
    """

    __slots__ = ("id", "platform")

    def __init__(self, platform: Platform, campaign_id: str) -> None:
        _campaign(platform, campaign_id)
        self.platform = platform
        self.id = campaign_id

    @classmethod
    def launch(
        cls, platform: Platform, definition: CampaignDefinition, *, at: _dt.datetime
    ) -> Campaign:
        """Create the campaign on *platform* and take it live at *at*."""
        platform.create_campaign(definition, at=at)
        platform.launch(definition.id, at=at)
        return cls(platform, definition.id)

    def pledge(
        self,
        pledge_id: str,
        backer: str,
        amount: Money,
        *,
        at: _dt.datetime,
        tier_id: str | None = None,
    ) -> tuple[Event, ...]:
        """See :meth:`Platform.pledge`."""
        return self.platform.pledge(self.id, pledge_id, backer, amount, at=at, tier_id=tier_id)

    def raise_pledge(self, pledge_id: str, amount: Money, *, at: _dt.datetime) -> tuple[Event, ...]:
        """See :meth:`Platform.raise_pledge`."""
        return self.platform.raise_pledge(self.id, pledge_id, amount, at=at)

    def lower_pledge(self, pledge_id: str, amount: Money, *, at: _dt.datetime) -> tuple[Event, ...]:
        """See :meth:`Platform.lower_pledge`."""
        return self.platform.lower_pledge(self.id, pledge_id, amount, at=at)

    def cancel_pledge(self, pledge_id: str, *, at: _dt.datetime) -> tuple[Event, ...]:
        """See :meth:`Platform.cancel_pledge`."""
        return self.platform.cancel_pledge(self.id, pledge_id, at=at)

    def extend_deadline(self, deadline: _dt.datetime, *, at: _dt.datetime) -> tuple[Event, ...]:
        """See :meth:`Platform.extend_deadline`."""
        return self.platform.extend_deadline(self.id, deadline, at=at)

    def cancel(self, *, at: _dt.datetime) -> tuple[Event, ...]:
        """See :meth:`Platform.cancel_campaign`."""
        return self.platform.cancel_campaign(self.id, at=at)

    def close(self, *, at: _dt.datetime) -> tuple[Event, ...]:
        """See :meth:`Platform.close`."""
        return self.platform.close(self.id, at=at)

    def record_collection(
        self, pledge_id: str, *, succeeded: bool, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """See :meth:`Platform.record_collection`."""
        return self.platform.record_collection(self.id, pledge_id, succeeded=succeeded, at=at)

    def settle(self, *, at: _dt.datetime) -> tuple[Event, ...]:
        """See :meth:`Platform.settle`."""
        return self.platform.settle(self.id, at=at)

    def refund(
        self, refund_id: str, pledge_id: str, amount: Money, *, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """See :meth:`Platform.refund`."""
        return self.platform.refund(self.id, refund_id, pledge_id, amount, at=at)

    def summary(self) -> CampaignSummary:
        """See :meth:`Platform.summary`."""
        return self.platform.summary(self.id)

    def statement(self, backer: str) -> BackerStatement:
        """See :meth:`Platform.statement`."""
        return self.platform.statement(self.id, backer)

    def statements(self) -> tuple[BackerStatement, ...]:
        """See :meth:`Platform.statements`."""
        return self.platform.statements(self.id)

    def tiers(self) -> tuple[TierAvailability, ...]:
        """See :meth:`Platform.tiers`."""
        return self.platform.tiers(self.id)

    def state(self) -> CampaignState:
        """See :meth:`Platform.campaign_state`."""
        return self.platform.campaign_state(self.id)

    def __repr__(self) -> str:
        return f"Campaign({self.id!r}, status={self.platform.summary(self.id).status.value!r})"


def replay(events: Iterable[Event]) -> Platform:
    """Rebuild a :class:`Platform` from its event log (see :meth:`Platform.replay`)."""
    return Platform.replay(events)


# -- read-out helpers ------------------------------------------------------------------


def _money(units: int, currency: Currency) -> Money:
    return Money.from_minor(units, currency)


def _tiers(c: _Campaign) -> tuple[TierAvailability, ...]:
    return tuple(
        TierAvailability(
            tier.id,
            c.tier_sold[tier.id],
            tier.limit,
            None if tier.limit is None else tier.limit - c.tier_sold[tier.id],
        )
        for tier in c.definition.tiers
    )


def _pledge_state(p: _Pledge, cur: Currency) -> PledgeState:
    b = p.books
    return PledgeState(
        id=p.id,
        backer=p.backer,
        tier_id=p.tier,
        status=_STATUS[p.status],
        initial=_money(p.initial, cur),
        amount=_money(p.amount, cur),
        match=_money(p.match, cur),
        collected=_money(b.collected, cur),
        fees=_money(b.fee_charged - b.fee_returned, cur),
        refunded=_money(b.refunded, cur),
        payout=_money(b.payout, cur),
        held=_money(b.held, cur),
    )


def _statement(c: _Campaign, backer: str) -> BackerStatement:
    count = pledged = matched = collected = fees = refunded = payout = held = 0
    record = c.backers.get(backer)
    for pid in () if record is None else record[_FIRST_ID:]:
        p = c.pledges[pid]
        if p.status in _COUNTED:
            count += 1
            pledged += p.amount
        matched += p.match
        b = p.books
        collected += b.collected
        fees += b.fee_charged - b.fee_returned
        refunded += b.refunded
        payout += b.payout
        held += b.held
    cur = c.currency
    return BackerStatement(
        backer=backer,
        pledges=count,
        pledged=_money(pledged, cur),
        matched=_money(matched, cur),
        collected=_money(collected, cur),
        fees=_money(fees, cur),
        refunded=_money(refunded, cur),
        payout=_money(payout, cur),
        held=_money(held, cur),
    )


# -- command validation ----------------------------------------------------------------


def _campaign(platform: Platform, campaign_id: object) -> _Campaign:
    found = platform._campaigns.get(campaign_id) if isinstance(campaign_id, str) else None  # noqa: SLF001
    if found is None:
        raise ValidationError("campaign_id", campaign_id, "is not a known campaign")
    return found


def _pledge(c: _Campaign, pledge_id: object) -> _Pledge:
    found = c.pledges.get(pledge_id) if isinstance(pledge_id, str) else None
    if found is None:
        raise ValidationError(
            "pledge_id", pledge_id, f"is not a pledge of campaign {c.definition.id!r}"
        )
    return found


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


def _require_status(c: _Campaign, allowed: tuple[CampaignStatus, ...], action: str) -> None:
    if c.status not in allowed:
        names = " or ".join(s.value for s in allowed)
        raise InvalidStateError(
            "status", c.status.value, f"cannot {action}: the campaign must be {names}"
        )


def _in_window(c: _Campaign, at: _dt.datetime, action: str) -> None:
    if not c.definition.launch <= at < c.deadline:
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


def _fee_on_top(policy: FeePolicy, amount: int) -> int:
    extra = 0
    if policy.platform_fee_bearer is FeeBearer.BACKER and policy.platform_rate:
        rate = Fraction(policy.platform_rate)
        extra += _round_units(amount * rate.numerator, rate.denominator, policy.rounding)
    if policy.payment_fee_bearer is FeeBearer.BACKER and policy.payment_rate:
        rate = Fraction(policy.payment_rate)
        extra += _round_units(amount * rate.numerator, rate.denominator, policy.rounding)
    return extra


def _creator_fees(c: _Campaign) -> list[tuple[_Pledge, int]]:
    """Return each collected pledge with the fees the creator bears on it."""
    policy = c.definition.fees
    collected = [p for p in c.pledges.values() if p.status == _COLLECTED]
    fees = [0] * len(collected)
    rounding = policy.rounding
    if policy.payment_fee_bearer is FeeBearer.CREATOR and policy.payment_rate:
        rate = Fraction(policy.payment_rate)
        num, den = rate.numerator, rate.denominator
        fees = _round_many([p.amount * num for p in collected], den, rounding)
    if policy.platform_fee_bearer is FeeBearer.CREATOR and policy.platform_rate and collected:
        rate = Fraction(policy.platform_rate)
        weights = [p.amount for p in collected]
        total = _round_units(sum(weights) * rate.numerator, rate.denominator, rounding)
        if total:
            shares = allocate_units(total, weights)
            fees = [f + s for f, s in zip(fees, shares, strict=True)]
    return list(zip(collected, fees, strict=True))


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
    handler = _DECIDERS.get(type(command))
    if handler is None:
        raise InvalidTypeError("command", command, "is not a crowdfunding command")
    events: tuple[Event, ...] = handler(platform, command)
    return events


def _decide_create_pool(platform: Platform, cmd: CreatePool) -> tuple[Event, ...]:
    at = _at(cmd.at)
    if not isinstance(cmd.pool, MatchPool):
        raise InvalidTypeError("pool", cmd.pool, "must be a MatchPool")
    known = platform._pools.get(cmd.pool.id)  # noqa: SLF001
    if known is not None:
        if known.definition == cmd.pool:
            return ()
        raise ValidationError("pool.id", cmd.pool.id, "is already used by a different pool")
    return (PoolCreated(cmd.pool, at),)


def _decide_create_campaign(platform: Platform, cmd: CreateCampaign) -> tuple[Event, ...]:
    at = _at(cmd.at)
    definition = cmd.definition
    if not isinstance(definition, CampaignDefinition):
        raise InvalidTypeError("definition", definition, "must be a CampaignDefinition")
    known = platform._campaigns.get(definition.id)  # noqa: SLF001
    if known is not None:
        if known.definition == definition:
            return ()
        raise ValidationError("definition.id", definition.id, "is already used by a campaign")
    if definition.pool_id is not None:
        pool = platform._pools.get(definition.pool_id)  # noqa: SLF001
        if pool is None:
            raise ValidationError("definition.pool_id", definition.pool_id, "is not a known pool")
        if pool.currency != definition.goal.currency:
            raise CurrencyMismatchError(
                "definition.pool_id",
                definition.pool_id,
                f"the pool is in {pool.currency}, the campaign in {definition.currency}",
            )
    return (CampaignCreated(definition, at),)


def _decide_launch(platform: Platform, cmd: LaunchCampaign) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    at = _at(cmd.at)
    _require_status(c, (CampaignStatus.DRAFT,), "launch")
    if at >= c.deadline:
        raise ValidationError("at", at.isoformat(), "cannot launch at or after the deadline")
    return (CampaignLaunched(c.definition.id, at),)


def _decide_pledge(platform: Platform, cmd: MakePledge) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    pledge_id = _check_id("pledge_id", cmd.pledge_id)
    backer = _check_id("backer", cmd.backer)
    known = c.pledges.get(pledge_id)
    if known is not None:
        if (
            known.backer == backer
            and known.tier == cmd.tier_id
            and type(cmd.amount) is Money
            and cmd.amount == _money(known.initial, c.currency)
        ):
            return ()
        raise ValidationError("pledge_id", pledge_id, "is already used by a different pledge")
    _require_status(c, (CampaignStatus.LIVE,), "pledge")
    at = _at(cmd.at)
    _in_window(c, at, "pledge")
    units = _amount(cmd.amount, c.currency, "amount")
    if units < c.minimum:
        raise ValidationError(
            "amount",
            str(cmd.amount),
            f"is below the minimum pledge {_money(c.minimum, c.currency)}",
        )
    tier_id = cmd.tier_id
    if tier_id is not None:
        tier = c.tiers.get(tier_id) if isinstance(tier_id, str) else None
        if tier is None:
            raise ValidationError("tier_id", tier_id, "is not a reward tier of this campaign")
        if units < tier.minimum.minor:
            raise ValidationError(
                "amount", str(cmd.amount), f"is below tier {tier_id!r}'s minimum {tier.minimum}"
            )
        if tier.limit is not None and c.tier_sold[tier_id] >= tier.limit:
            raise LimitExceededError(
                "tier_id", tier_id, f"is sold out ({tier.limit} of {tier.limit} taken)"
            )
    if c.cap is not None:
        known_backer = c.backers.get(backer)
        total = (0 if known_backer is None else known_backer[_LIVE]) + units
        if total > c.cap:
            raise LimitExceededError(
                "amount",
                str(cmd.amount),
                f"would bring backer {backer!r} to {_money(total, c.currency)}, above the "
                f"per-backer cap {_money(c.cap, c.currency)}",
            )
    match = 0 if c.pool is None else c.pool.grant(c.matched, units, 0)
    return (
        PledgeCreated(
            c.definition.id, pledge_id, backer, cmd.amount, tier_id, _money(match, c.currency), at
        ),
    )


def _live_pledge(c: _Campaign, pledge_id: object, action: str) -> _Pledge:
    p = _pledge(c, pledge_id)
    if p.status != _ACTIVE:
        raise InvalidStateError(
            "pledge_id", pledge_id, f"cannot {action} a {_STATUS[p.status].value} pledge"
        )
    return p


def _decide_change(platform: Platform, cmd: ChangePledge) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    p = _pledge(c, cmd.pledge_id)
    units = _amount(cmd.amount, c.currency, "amount")
    _require_status(c, (CampaignStatus.LIVE,), "change a pledge")
    at = _at(cmd.at)
    _in_window(c, at, "change a pledge")
    p = _live_pledge(c, cmd.pledge_id, "change")
    if units == p.amount:
        return ()
    if units < c.minimum:
        raise ValidationError(
            "amount",
            str(cmd.amount),
            f"is below the minimum pledge {_money(c.minimum, c.currency)}",
        )
    if p.tier is not None and units < c.tiers[p.tier].minimum.minor:
        raise ValidationError(
            "amount",
            str(cmd.amount),
            f"is below tier {p.tier!r}'s minimum {c.tiers[p.tier].minimum}",
        )
    if c.cap is not None and units > p.amount:
        total = c.backers[p.backer][_LIVE] - p.amount + units
        if total > c.cap:
            raise LimitExceededError(
                "amount",
                str(cmd.amount),
                f"would bring backer {p.backer!r} to {_money(total, c.currency)}, above the "
                f"per-backer cap {_money(c.cap, c.currency)}",
            )
    match = 0 if c.pool is None else c.pool.grant(c.matched, units, p.match)
    return (PledgeChanged(c.definition.id, p.id, cmd.amount, _money(match, c.currency), at),)


def _decide_cancel_pledge(platform: Platform, cmd: CancelPledge) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    p = _pledge(c, cmd.pledge_id)
    if p.status == _CANCELLED:
        return ()
    _require_status(c, (CampaignStatus.LIVE,), "cancel a pledge")
    at = _at(cmd.at)
    _in_window(c, at, "cancel a pledge")
    p = _live_pledge(c, cmd.pledge_id, "cancel")
    return (PledgeCancelled(c.definition.id, p.id, at),)


def _decide_extend(platform: Platform, cmd: ExtendDeadline) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    _require_status(c, (CampaignStatus.DRAFT, CampaignStatus.LIVE), "extend the deadline")
    at = _at(cmd.at)
    deadline = require_aware(cmd.deadline, "deadline")
    if at >= c.deadline:
        raise InvalidStateError(
            "at", at.isoformat(), f"the deadline {c.deadline.isoformat()} has passed"
        )
    if deadline <= c.deadline:
        raise ValidationError(
            "deadline", deadline.isoformat(), f"must be after the current {c.deadline.isoformat()}"
        )
    limit = c.definition.launch + c.definition.max_duration
    if deadline > limit:
        raise LimitExceededError(
            "deadline",
            deadline.isoformat(),
            f"must be at most max_duration {c.definition.max_duration} after launch "
            f"(no later than {limit.isoformat()})",
        )
    return (DeadlineExtended(c.definition.id, deadline, at),)


def _decide_cancel_campaign(platform: Platform, cmd: CancelCampaign) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    _require_status(c, (CampaignStatus.DRAFT, CampaignStatus.LIVE), "cancel the campaign")
    at = _at(cmd.at)
    if at >= c.deadline:
        raise InvalidStateError(
            "at", at.isoformat(), f"cannot cancel after the deadline {c.deadline.isoformat()}"
        )
    return (CampaignCancelled(c.definition.id, at),)


def _decide_close(platform: Platform, cmd: CloseCampaign) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    _require_status(c, (CampaignStatus.LIVE,), "close the campaign")
    at = _at(cmd.at)
    if at < c.deadline:
        raise InvalidStateError(
            "at", at.isoformat(), f"the campaign runs until its deadline {c.deadline.isoformat()}"
        )
    if c.definition.model is FundingModel.ALL_OR_NOTHING:
        funded = c.counted >= c.goal
    else:
        funded = c.pledged > 0
    outcome = CampaignStatus.FUNDED if funded else CampaignStatus.FAILED
    cur = c.currency
    return (
        CampaignClosed(
            c.definition.id, outcome, _money(c.pledged, cur), _money(c.matched, cur), at
        ),
    )


def _decide_collection(platform: Platform, cmd: RecordCollection) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    p = _pledge(c, cmd.pledge_id)
    succeeded = _require_bool(cmd.succeeded, "succeeded")
    if p.status in (_COLLECTED, _FAILED):
        if (p.status == _COLLECTED) == succeeded:
            return ()
        raise InvalidStateError(
            "succeeded",
            succeeded,
            f"the pledge's collection is already recorded as {_STATUS[p.status].value}",
        )
    _require_status(c, (CampaignStatus.FUNDED,), "record a collection")
    at = _at(cmd.at)
    p = _live_pledge(c, cmd.pledge_id, "collect")
    if not succeeded:
        return (CollectionFailed(c.definition.id, p.id, at),)
    charged = p.amount + _fee_on_top(c.definition.fees, p.amount)
    return (PledgeCollected(c.definition.id, p.id, _money(charged, c.currency), at),)


def _decide_settle(platform: Platform, cmd: Settle) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    _require_status(c, (CampaignStatus.FUNDED,), "settle")
    at = _at(cmd.at)
    if c.active:
        raise InvalidStateError(
            "campaign_id",
            c.definition.id,
            f"{c.active} pledge(s) still await a recorded collection",
        )
    plan = _creator_fees(c)
    returns = c.definition.fees.refund_fees is RefundFees.RETURNED
    fees = payout = match_paid = 0
    for p, creator_fee in plan:
        b = p.books
        charged = b.on_top + creator_fee
        returned = charged * b.refunded // b.collected if returns else 0
        fees += charged - returned
        payout += b.held - (charged - returned)
        match_paid += p.match
    cur = c.currency
    return (
        CampaignSettled(
            c.definition.id, _money(fees, cur), _money(payout, cur), _money(match_paid, cur), at
        ),
    )


def _decide_refund(platform: Platform, cmd: Refund) -> tuple[Event, ...]:
    c = _campaign(platform, cmd.campaign_id)
    refund_id = _check_id("refund_id", cmd.refund_id)
    known = c.refunds.get(refund_id)
    if known is not None:
        if (
            known[0] == cmd.pledge_id
            and type(cmd.amount) is Money
            and cmd.amount == _money(known[1], c.currency)
        ):
            return ()
        raise ValidationError(
            "refund_id",
            refund_id,
            f"is already used for {_money(known[1], c.currency)} on pledge {known[0]!r}; "
            "a retry must repeat the same pledge and amount",
        )
    p = _pledge(c, cmd.pledge_id)
    units = _amount(cmd.amount, c.currency, "amount")
    _require_status(c, (CampaignStatus.FUNDED, CampaignStatus.SETTLED), "refund")
    at = _at(cmd.at)
    if p.status != _COLLECTED:
        raise InvalidStateError(
            "pledge_id",
            p.id,
            f"only collected pledges are refunded; it is {_STATUS[p.status].value}",
        )
    b = p.books
    refundable = b.collected - b.refunded
    if units > refundable:
        raise LimitExceededError(
            "amount",
            str(cmd.amount),
            f"exceeds what is refundable on pledge {p.id!r}: collected "
            f"{_money(b.collected, c.currency)} minus refunded {_money(b.refunded, c.currency)} "
            f"= {_money(refundable, c.currency)}",
        )
    return (PledgeRefunded(c.definition.id, refund_id, p.id, cmd.amount, at),)


_DECIDERS: Final[dict[type, Any]] = {
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


# -- the fold (events are facts: no validation, O(1) per pledge event) -------------------------


def _on_pool_created(platform: Platform, e: PoolCreated) -> None:
    platform._pools[e.pool.id] = _Pool(e.pool)  # noqa: SLF001


def _on_campaign_created(platform: Platform, e: CampaignCreated) -> None:
    d = e.definition
    pool = None if d.pool_id is None else platform._pools[d.pool_id]  # noqa: SLF001
    campaign = _Campaign(d, pool)
    platform._campaigns[d.id] = campaign  # noqa: SLF001
    if pool is not None:
        pool.campaigns.append(campaign)


def _on_launched(platform: Platform, e: CampaignLaunched) -> None:
    platform._campaigns[e.campaign_id].status = CampaignStatus.LIVE  # noqa: SLF001


def _on_pledge_created(platform: Platform, e: PledgeCreated) -> None:
    c = platform._campaigns[e.campaign_id]  # noqa: SLF001
    units = e.amount._minor  # noqa: SLF001 - the fold is the hot path
    match = e.match._minor  # noqa: SLF001
    backer = e.backer
    pledge_id = e.pledge_id
    c.pledges[pledge_id] = _Pledge(pledge_id, backer, e.tier_id, units, match)
    c.pledged += units
    c.active += 1
    record = c.backers.get(backer)
    if record is None:
        c.backers[backer] = [1, units, pledge_id]
        c.backer_count += 1
    else:
        if not record[_COUNT]:
            c.backer_count += 1
        record[_COUNT] += 1
        record[_LIVE] += units
        record.append(pledge_id)
    if e.tier_id is not None:
        c.tier_sold[e.tier_id] += 1
    if match:
        c.matched += match
        pool = c.pool
        pool.available -= match  # type: ignore[union-attr]
        pool.reserved += match  # type: ignore[union-attr]


def _on_pledge_changed(platform: Platform, e: PledgeChanged) -> None:
    c = platform._campaigns[e.campaign_id]  # noqa: SLF001
    p = c.pledges[e.pledge_id]
    units = e.amount._minor  # noqa: SLF001
    delta = units - p.amount
    p.amount = units
    c.pledged += delta
    c.backers[p.backer][_LIVE] += delta
    match = e.match._minor  # noqa: SLF001
    extra = match - p.match
    if extra:
        p.match = match
        c.matched += extra
        pool = c.pool
        pool.available -= extra  # type: ignore[union-attr]
        pool.reserved += extra  # type: ignore[union-attr]


def _release(c: _Campaign, p: _Pledge, status: int) -> None:
    """Take a live pledge out of the counts (cancelled) or out of the pool (released)."""
    if p.match:
        c.matched -= p.match
        pool = c.pool
        pool.available += p.match  # type: ignore[union-attr]
        pool.reserved -= p.match  # type: ignore[union-attr]
        p.match = 0
    p.status = status
    c.active -= 1


def _on_pledge_cancelled(platform: Platform, e: PledgeCancelled) -> None:
    c = platform._campaigns[e.campaign_id]  # noqa: SLF001
    p = c.pledges[e.pledge_id]
    _release(c, p, _CANCELLED)
    c.pledged -= p.amount
    backer = p.backer
    record = c.backers[backer]
    record[_LIVE] -= p.amount
    record[_COUNT] -= 1
    if not record[_COUNT]:
        c.backer_count -= 1
    if p.tier is not None:
        c.tier_sold[p.tier] -= 1


def _on_deadline_extended(platform: Platform, e: DeadlineExtended) -> None:
    platform._campaigns[e.campaign_id].deadline = e.deadline  # noqa: SLF001


def _release_all(c: _Campaign) -> None:
    for p in c.pledges.values():
        if p.status == _ACTIVE:
            _release(c, p, _RELEASED)


def _on_campaign_cancelled(platform: Platform, e: CampaignCancelled) -> None:
    c = platform._campaigns[e.campaign_id]  # noqa: SLF001
    c.status = CampaignStatus.CANCELLED
    _release_all(c)


def _on_campaign_closed(platform: Platform, e: CampaignClosed) -> None:
    c = platform._campaigns[e.campaign_id]  # noqa: SLF001
    c.status = e.outcome
    if e.outcome is CampaignStatus.FAILED:
        _release_all(c)


def _on_pledge_collected(platform: Platform, e: PledgeCollected) -> None:
    c = platform._campaigns[e.campaign_id]  # noqa: SLF001
    p = c.pledges[e.pledge_id]
    units = e.amount._minor  # noqa: SLF001
    p.status = _COLLECTED
    p.books = _Books(units, units - p.amount, p.match)
    c.active -= 1
    c.collected += units
    c.held += units


def _on_collection_failed(platform: Platform, e: CollectionFailed) -> None:
    c = platform._campaigns[e.campaign_id]  # noqa: SLF001
    _release(c, c.pledges[e.pledge_id], _FAILED)


def _on_campaign_settled(platform: Platform, e: CampaignSettled) -> None:
    c = platform._campaigns[e.campaign_id]  # noqa: SLF001
    returns = c.definition.fees.refund_fees is RefundFees.RETURNED
    pool = c.pool
    for p, creator_fee in _creator_fees(c):
        b = p.books
        charged = b.on_top + creator_fee
        returned = charged * b.refunded // b.collected if returns else 0
        net = charged - returned
        b.fee_charged = charged
        b.fee_returned = returned
        b.payout = b.held - net
        c.fees += net
        c.payout += b.payout
        c.held -= b.held
        b.held = 0
        if p.match and pool is not None:
            pool.reserved -= p.match
            pool.paid += p.match
            c.match_paid += p.match
    c.status = CampaignStatus.SETTLED


def _on_pledge_refunded(platform: Platform, e: PledgeRefunded) -> None:
    c = platform._campaigns[e.campaign_id]  # noqa: SLF001
    p = c.pledges[e.pledge_id]
    b = p.books
    units = e.amount._minor  # noqa: SLF001
    c.refunds[e.refund_id] = (p.id, units)
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
    # The match on the refunded part goes back to the pool: the match kept is
    # rounded down, so a full refund returns the whole match.
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


_HANDLERS: Final[dict[type, Any]] = {
    PoolCreated: _on_pool_created,
    CampaignCreated: _on_campaign_created,
    CampaignLaunched: _on_launched,
    PledgeCreated: _on_pledge_created,
    PledgeChanged: _on_pledge_changed,
    PledgeCancelled: _on_pledge_cancelled,
    DeadlineExtended: _on_deadline_extended,
    CampaignCancelled: _on_campaign_cancelled,
    CampaignClosed: _on_campaign_closed,
    PledgeCollected: _on_pledge_collected,
    CollectionFailed: _on_collection_failed,
    CampaignSettled: _on_campaign_settled,
    PledgeRefunded: _on_pledge_refunded,
}
