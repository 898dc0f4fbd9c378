"""The fund's folded state: its partners' accounts, its holdings and running totals.

:class:`FundState` is what the fold of a fund's events leaves behind (see
:mod:`creative_city.funding.venture.fold`): plain integers of minor units and
dictionaries, mutable only while an event is folded in. A :class:`Holding` is the
fund's position in one company, as the fund's read-outs show it.
"""

from __future__ import annotations

import datetime as _dt
import enum
from fractions import Fraction

import attrs

from creative_city.funding.venture.policy import InvestmentStage
from creative_city.funding.venture.terms import LPKind
from creative_city.money import Money

__all__ = ["FundState", "Holding", "HoldingStatus"]


class HoldingStatus(enum.Enum):
    """The status of a portfolio company in the fund."""

    ACTIVE = "active"
    EXITED = "exited"
    WRITTEN_OFF = "written_off"


@attrs.frozen
class Holding:
    """The fund's position in one portfolio company.

    Attributes:
        company: The company.
        sector: Its sector.
        stage: The stage of the latest round.
        cost: Everything the fund invested in it (all rounds).
        value: The current value of the stake (0 once exited or written off).
        ownership: The fund's stake after the latest round.
        status: Active, exited or written off.
        proceeds: What the fund received on exit.
        rounds: How many rounds the fund joined.
    """

    company: str
    sector: str
    stage: InvestmentStage
    cost: Money
    value: Money
    ownership: Fraction
    status: HoldingStatus
    proceeds: Money
    rounds: int


class FundState:
    """The fund's folded state (mutable only while folding; copied before a command).

    Amounts are whole minor units of the fund's currency. Per-LP accounts are keyed by
    LP id in order of first commitment; holdings by company in order of first round.

    Attributes:
        lps: Each LP's name and kind.
        commitments: Each LP's commitment.
        called: Capital called from each LP.
        distributed: Distributions to each LP.
        holdings: The fund's position in each company.
        sector_cost: Cost of all rounds per sector.
        stage_cost: Cost of all rounds per stage.
        ids: Ids of calls, distributions and investments recorded.
        total_commitments: Total commitments.
        total_called: Capital called (paid-in).
        total_distributed: Distributions to the LPs.
        fee_called: Capital called for fees and expenses.
        invested: Cost of all rounds.
        initial_cost: Cost of initial rounds.
        follow_on_cost: Cost of follow-on rounds.
        proceeds: Exit proceeds received.
        suspended: Whether the investment period is suspended.
        last_on: The date of the last event (``None`` before the first).
        version: The number of events folded in.
    """

    __slots__ = (
        "called",
        "commitments",
        "distributed",
        "fee_called",
        "follow_on_cost",
        "holdings",
        "ids",
        "initial_cost",
        "invested",
        "last_on",
        "lps",
        "proceeds",
        "sector_cost",
        "stage_cost",
        "suspended",
        "total_called",
        "total_commitments",
        "total_distributed",
        "version",
    )

    def __init__(self) -> None:
        self.lps: dict[str, tuple[str, LPKind]] = {}
        self.commitments: dict[str, int] = {}
        self.called: dict[str, int] = {}
        self.distributed: dict[str, int] = {}
        self.holdings: dict[str, Holding] = {}
        self.sector_cost: dict[str, int] = {}
        self.stage_cost: dict[InvestmentStage, int] = {}
        self.ids: set[str] = set()
        self.total_commitments = 0
        self.total_called = 0
        self.total_distributed = 0
        self.fee_called = 0
        self.invested = 0
        self.initial_cost = 0
        self.follow_on_cost = 0
        self.proceeds = 0
        self.suspended = False
        self.last_on: _dt.date | None = None
        self.version = 0

    def copy(self) -> FundState:
        """Return a copy whose dictionaries and sets can change without touching this one."""
        new = FundState.__new__(FundState)
        for name in FundState.__slots__:
            value = getattr(self, name)
            setattr(new, name, value.copy() if isinstance(value, (dict, set)) else value)
        return new

    @property
    def uncalled(self) -> int:
        """Commitments not called yet."""
        return self.total_commitments - self.total_called

    @property
    def dry_powder(self) -> int:
        """Commitments not yet invested nor spent on fees and expenses."""
        return self.total_commitments - self.invested - self.fee_called

    @property
    def cash(self) -> int:
        """Paid-in - invested - fees + proceeds - distributed (negative: to be called)."""
        return (
            self.total_called
            - self.invested
            - self.fee_called
            + self.proceeds
            - self.total_distributed
        )

    @property
    def undistributed(self) -> int:
        """Exit proceeds not yet distributed."""
        return self.proceeds - self.total_distributed

    @property
    def active_value(self) -> int:
        """The value of the active holdings."""
        return sum(
            h.value.minor for h in self.holdings.values() if h.status is HoldingStatus.ACTIVE
        )

    @property
    def nav(self) -> int:
        """Net asset value: the value of active holdings plus cash."""
        return self.active_value + self.cash
