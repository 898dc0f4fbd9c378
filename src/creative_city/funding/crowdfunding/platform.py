"""The platform: match pools and campaigns, changed only by commands, with its read-outs.

:class:`Platform` records the events that :func:`decide` returns and folds them into
its ledgers (:data:`~creative_city.funding.crowdfunding.fold.HANDLERS`); its read-outs
come from :mod:`creative_city.funding.crowdfunding.readouts`. :class:`Campaign` is a
handle on one campaign of a platform.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from decimal import Decimal

from creative_city.errors import InvalidTypeError, ValidationError
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
from creative_city.funding.crowdfunding.decisions import check_direction, decide
from creative_city.funding.crowdfunding.definitions import CampaignDefinition, MatchPool
from creative_city.funding.crowdfunding.events import Event, EventLog
from creative_city.funding.crowdfunding.fold import HANDLERS
from creative_city.funding.crowdfunding.ledgers import Ledgers
from creative_city.funding.crowdfunding.readouts import (
    BackerStatement,
    CampaignState,
    CampaignSummary,
    PlatformState,
    PledgeState,
    PoolState,
    RefundRecord,
    TierAvailability,
    backer_statement,
    campaign_state,
    campaign_summary,
    platform_state,
    pledge_state,
    pool_state,
    refund_record,
    tier_availability,
)
from creative_city.money import Money

__all__ = ["Campaign", "Platform", "replay"]


class Platform:
    """The crowdfunding platform: match pools and campaigns, changed only by commands.

    Use the command methods (:meth:`create_campaign`, :meth:`pledge`, :meth:`close`,
    :meth:`settle`, :meth:`refund`, ...) or :meth:`execute` with a command object.
    Each returns the events it recorded (an empty tuple when the command was a
    retry that changes nothing). A rejected command raises and changes nothing.

    Read-outs: :meth:`summary`, :meth:`statement`, :meth:`statements`,
    :meth:`tiers`, :meth:`pool_state`, :meth:`campaign_state`, :meth:`state`.
    """

    __slots__ = ("_events", "_ledgers")

    def __init__(self) -> None:
        self._ledgers = Ledgers()
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
        ledgers = platform._ledgers
        index = 0
        try:
            for index, event in enumerate(log):  # noqa: B007 - index reported on error
                HANDLERS[type(event)](ledgers, event)
        except KeyError:
            event = log[index]
            if type(event) not in HANDLERS:
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
        for event in events:
            HANDLERS[type(event)](self._ledgers, event)
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
        check_direction(self._ledgers, campaign_id, pledge_id, amount, up=True)
        return self.change_pledge(campaign_id, pledge_id, amount, at=at)

    def lower_pledge(
        self, campaign_id: str, pledge_id: str, amount: Money, *, at: _dt.datetime
    ) -> tuple[Event, ...]:
        """Lower a pledge to *amount*; raising through this method is an error."""
        check_direction(self._ledgers, campaign_id, pledge_id, amount, up=False)
        return self.change_pledge(campaign_id, pledge_id, amount, at=at)

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
        return tuple(sorted(self._ledgers.campaigns))

    @property
    def pool_ids(self) -> tuple[str, ...]:
        """Every pool id, sorted."""
        return tuple(sorted(self._ledgers.pools))

    def definition(self, campaign_id: str) -> CampaignDefinition:
        """Return the campaign's definition (with its original deadline)."""
        return self._ledgers.campaign(campaign_id).definition

    def summary(self, campaign_id: str) -> CampaignSummary:
        """Return the campaign's read-outs (totals, percent of goal, backers, tiers)."""
        return campaign_summary(self._ledgers.campaign(campaign_id))

    def percent_of_goal(self, campaign_id: str) -> Decimal:
        """Return what counts toward the goal, in percent of it, rounded down to 0.01."""
        return self.summary(campaign_id).percent_of_goal

    def tiers(self, campaign_id: str) -> tuple[TierAvailability, ...]:
        """Return each reward tier's sold and remaining units."""
        return tier_availability(self._ledgers.campaign(campaign_id))

    def statement(self, campaign_id: str, backer: str) -> BackerStatement:
        """Return *backer*'s statement in the campaign (zeros for a stranger)."""
        return backer_statement(self._ledgers.campaign(campaign_id), backer)

    def statements(self, campaign_id: str) -> tuple[BackerStatement, ...]:
        """Return every backer's statement, sorted by backer id."""
        c = self._ledgers.campaign(campaign_id)
        return tuple(backer_statement(c, backer) for backer in sorted(c.backers))

    def pledge_state(self, campaign_id: str, pledge_id: str) -> PledgeState:
        """Return one pledge's ledger line."""
        c = self._ledgers.campaign(campaign_id)
        return pledge_state(c.pledge(pledge_id), c.currency)

    def refund_record(self, campaign_id: str, refund_id: str) -> RefundRecord:
        """Return the refund recorded under *refund_id* (to check a retry's outcome).

        Raises:
            ValidationError: If no refund has that id in the campaign.
        """
        found = refund_record(self._ledgers.campaign(campaign_id), refund_id)
        if found is None:
            raise ValidationError(
                "refund_id", refund_id, f"is not a refund of campaign {campaign_id!r}"
            )
        return found

    def pool_state(self, pool_id: str) -> PoolState:
        """Return the pool's position (``budget = available + reserved + paid``)."""
        return pool_state(self._ledgers.pool(pool_id))

    def campaign_state(self, campaign_id: str) -> CampaignState:
        """Return a full frozen snapshot of the campaign (every pledge and refund)."""
        return campaign_state(self._ledgers.campaign(campaign_id))

    def state(self) -> PlatformState:
        """Return a frozen snapshot of everything (equal for equal histories)."""
        return platform_state(self._ledgers)

    def __repr__(self) -> str:
        return (
            f"Platform(pools={len(self._ledgers.pools)}, "
            f"campaigns={len(self._ledgers.campaigns)}, "
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
        platform.definition(campaign_id)  # raises for an unknown campaign
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
