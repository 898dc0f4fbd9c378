"""Oracle operations for crowdfunding: JSON in, JSON out (see :mod:`creative_city.operation`).

* ``crowdfunding.replay``: a campaign definition (and optional match pool) plus a list of
  commands -> the campaign's read-outs: status, totals, percent of goal, per-backer
  statements, tier availability, the pool's position.
* ``crowdfunding.settle``: a definition, commands, a fee policy and the collection
  outcomes -> the settlement breakdown: collected, fees, payout, per backer.

The pool (if any) is opened and the campaign created and launched at the definition's
``launch`` instant, then the commands run in order. A command that is rejected raises
the library's error with the field prefixed by its place in the input
(``$.commands[3].amount``).

>>> import datetime as dt
>>> from creative_city.money import Money
>>> from creative_city.funding.crowdfunding import MakePledge
>>> t0 = dt.datetime(2022, 10, 1, tzinfo=dt.UTC)
>>> definition = CampaignDefinition(
...     id="album",
...     owner="o",
...     goal=Money.of(1000, "KZT"),
...     launch=t0,
...     deadline=t0 + dt.timedelta(days=30),
... )
>>> out = replay_campaign(
...     ReplayInput(
...         definition, commands=(MakePledge("album", "p1", "aigerim", Money.of(250, "KZT"), t0),)
...     )
... )
>>> out.summary.percent_of_goal, out.summary.backers
(Decimal('25.00'), 1)
>>> out.to_records()[0]["pledged"]
Decimal('250.00')
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import (
    CreativeCityError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.funding.crowdfunding import (
    BackerStatement,
    CampaignDefinition,
    CampaignStatus,
    CampaignSummary,
    CloseCampaign,
    Command,
    CreateCampaign,
    FeePolicy,
    LaunchCampaign,
    MatchPool,
    Platform,
    PledgeStatus,
    PoolState,
    RecordCollection,
    Settle,
)
from creative_city.funding.crowdfunding.definitions import ID_SCHEMA
from creative_city.money import Money
from creative_city.operation import SCHEMA_KEY, Operation

__all__ = [
    "OPERATIONS",
    "ReplayInput",
    "ReplayOutput",
    "SettleInput",
    "SettleOutput",
    "replay_campaign",
    "settle_campaign",
]

MAX_COMMANDS: Final = 10_000
"""The most commands one oracle document may carry."""


def _commands(value: object) -> tuple[Command, ...]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidTypeError("commands", value, "must be a list of commands")
    commands = tuple(value)
    if len(commands) > MAX_COMMANDS:
        raise LimitExceededError(
            "commands", f"<{len(commands)} items>", f"a document holds at most {MAX_COMMANDS}"
        )
    return commands


def _failed(value: object) -> tuple[str, ...]:
    if isinstance(value, (str, bytes)) or not hasattr(value, "__iter__"):
        raise InvalidTypeError("failed_collections", value, "must be a list of pledge ids")
    return tuple(value)


@attrs.frozen
class ReplayInput:
    """Input of ``crowdfunding.replay``.

    Attributes:
        campaign: The campaign's definition (created and launched at its launch).
        pool: A match pool opened first, if the campaign joins one.
        commands: The commands to run, in order.
    """

    campaign: CampaignDefinition
    pool: MatchPool | None = None
    commands: tuple[Command, ...] = attrs.field(
        default=(), converter=_commands, metadata={SCHEMA_KEY: {"maxItems": MAX_COMMANDS}}
    )


def _statement_record(statement: BackerStatement) -> dict[str, object]:
    record: dict[str, object] = {"backer": statement.backer, "pledges": statement.pledges}
    for name in ("pledged", "matched", "collected", "fees", "refunded", "payout", "held"):
        record[name] = getattr(statement, name).amount
    record["currency"] = statement.pledged.currency.code
    return record


@attrs.frozen
class ReplayOutput:
    """Output of ``crowdfunding.replay``.

    Attributes:
        summary: The campaign's read-outs (status, totals, percent of goal, tiers...).
        statements: Every backer's statement, sorted by backer.
        pool: The match pool's position, if there is one.
        events: How many events the commands recorded (retries record none).
    """

    summary: CampaignSummary
    statements: tuple[BackerStatement, ...]
    pool: PoolState | None
    events: int

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per backer, then a ``"(total)"`` row with the campaign's totals."""
        rows = [_statement_record(s) for s in self.statements]
        s = self.summary
        total: dict[str, object] = {"backer": "(total)", "pledges": None}
        for name in ("pledged", "matched", "collected", "fees", "refunded", "payout", "held"):
            total[name] = getattr(s, name).amount
        total["currency"] = s.pledged.currency.code
        total["status"] = s.status.value
        total["percent_of_goal"] = s.percent_of_goal
        total["backers"] = s.backers
        rows.append(total)
        return rows


def _run(
    campaign: CampaignDefinition, pool: MatchPool | None, commands: tuple[Command, ...]
) -> tuple[Platform, int]:
    platform = Platform()
    if pool is not None:
        platform.create_pool(pool, at=campaign.launch)
    platform.execute(CreateCampaign(campaign, campaign.launch))
    platform.execute(LaunchCampaign(campaign.id, campaign.launch))
    start = len(platform.events)
    for index, command in enumerate(commands):
        _step(platform, command, f"$.commands[{index}]")
    return platform, len(platform.events) - start


def _step(platform: Platform, command: Command, where: str) -> None:
    try:
        platform.execute(command)
    except CreativeCityError as error:
        raise type(error)(f"{where}.{error.field}", error.value, error.rule) from None


def replay_campaign(data: ReplayInput) -> ReplayOutput:
    """Run ``crowdfunding.replay``: set up, run the commands, read out."""
    platform, events = _run(data.campaign, data.pool, data.commands)
    cid = data.campaign.id
    return ReplayOutput(
        summary=platform.summary(cid),
        statements=platform.statements(cid),
        pool=None if data.pool is None else platform.pool_state(data.pool.id),
        events=events,
    )


@attrs.frozen
class SettleInput:
    """Input of ``crowdfunding.settle``.

    Attributes:
        campaign: The campaign's definition (its own fee policy is replaced by *fees*).
        fees: The fee policy to settle with.
        pool: A match pool opened first, if the campaign joins one.
        commands: Commands run before the deadline (pledges, changes, cancellations).
        failed_collections: Pledge ids whose collection fails; every other live pledge
            is collected.
        close_at: When the outcome is decided (default: the deadline).
        settle_at: When the campaign is settled (default: *close_at*).
    """

    campaign: CampaignDefinition
    fees: FeePolicy
    pool: MatchPool | None = None
    commands: tuple[Command, ...] = attrs.field(
        default=(), converter=_commands, metadata={SCHEMA_KEY: {"maxItems": MAX_COMMANDS}}
    )
    failed_collections: tuple[str, ...] = attrs.field(
        default=(),
        converter=_failed,
        # Each names a pledge of the campaign, whose id passed check_id.
        metadata={SCHEMA_KEY: {"items": {"type": "string", **ID_SCHEMA}}},
    )
    close_at: _dt.datetime | None = None
    settle_at: _dt.datetime | None = None


@attrs.frozen
class SettleOutput:
    """Output of ``crowdfunding.settle``.

    Attributes:
        outcome: ``funded`` (then settled) or ``failed``.
        status: The campaign's final status (``settled`` or ``failed``).
        pledged: What was pledged at the deadline.
        matched: Match money committed at the deadline.
        collected: What was charged to backers.
        fees: Fees charged.
        payout: Paid to the creator from backers' money.
        match_paid: Paid to the creator by the match pool.
        failed_collections: Pledge ids whose collection failed.
        statements: Every backer's statement, sorted by backer.
        percent_of_goal: What counted toward the goal at the deadline, in percent
            (rounded down to 0.01).
    """

    outcome: CampaignStatus
    status: CampaignStatus
    pledged: Money
    matched: Money
    collected: Money
    fees: Money
    payout: Money
    match_paid: Money
    failed_collections: tuple[str, ...]
    statements: tuple[BackerStatement, ...]
    percent_of_goal: Decimal

    def to_records(self) -> list[dict[str, object]]:
        """One plain dict per backer, then a ``"(total)"`` row with the settlement totals."""
        rows = [_statement_record(s) for s in self.statements]
        total: dict[str, object] = {"backer": "(total)", "pledges": None}
        for name in ("pledged", "matched", "collected", "fees", "payout", "match_paid"):
            total[name] = getattr(self, name).amount
        total["currency"] = self.pledged.currency.code
        total["outcome"] = self.outcome.value
        rows.append(total)
        return rows


def settle_campaign(data: SettleInput) -> SettleOutput:
    """Run ``crowdfunding.settle``: commands, close, collect, settle, read out."""
    campaign = attrs.evolve(data.campaign, fees=data.fees)
    platform, _ = _run(campaign, data.pool, data.commands)
    cid = campaign.id
    if platform.summary(cid).status is CampaignStatus.LIVE:
        close_at = data.close_at if data.close_at is not None else platform.summary(cid).deadline
        _step(platform, CloseCampaign(cid, close_at), "$.close_at")
    closed = platform.summary(cid)
    failed = set(data.failed_collections)
    known = {p.id for p in platform.campaign_state(cid).pledges}
    for index, pledge_id in enumerate(data.failed_collections):
        if pledge_id not in known:
            raise ValidationError(
                f"$.failed_collections[{index}]", pledge_id, "is not a pledge of the campaign"
            )
    if closed.status is CampaignStatus.FUNDED:
        at = data.settle_at or data.close_at or closed.deadline
        for pledge in platform.campaign_state(cid).pledges:
            if pledge.status is PledgeStatus.ACTIVE:
                command = RecordCollection(cid, pledge.id, pledge.id not in failed, at)
                _step(platform, command, "$.failed_collections")
        _step(platform, Settle(cid, at), "$.settle_at")
    final = platform.summary(cid)
    failed_ids = tuple(
        p.id
        for p in platform.campaign_state(cid).pledges
        if p.status is PledgeStatus.COLLECTION_FAILED
    )
    return SettleOutput(
        outcome=closed.status,
        status=final.status,
        pledged=closed.pledged,
        matched=closed.matched,
        collected=final.collected,
        fees=final.fees,
        payout=final.payout,
        match_paid=final.match_paid,
        failed_collections=failed_ids,
        statements=platform.statements(cid),
        percent_of_goal=closed.percent_of_goal,
    )


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "crowdfunding.replay",
        ReplayInput,
        ReplayOutput,
        replay_campaign,
        "Run a campaign's commands and read out status, totals, statements, tiers and pool.",
    ),
    Operation(
        "crowdfunding.settle",
        SettleInput,
        SettleOutput,
        settle_campaign,
        "Close, collect and settle a campaign under a fee policy: collected, fees, payout.",
    ),
)
"""The crowdfunding oracle operations."""
