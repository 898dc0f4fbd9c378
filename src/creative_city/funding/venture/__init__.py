"""The city venture fund: commitments, capital calls, the investment policy, analytics.

The reference is Almaty's city venture fund of 20 bn KZT (Zakon.kz, 12 September
2022). Everything here is exact: money in minor units (tiyn), shares and multiples as
``Fraction``; only rates of return (:func:`xirr`) are floats.

* :class:`FundTerms` and :class:`Fund`: a fund is its terms, its
  :class:`InvestmentPolicy` and an event log; commands return a new fund with one more
  event, checked first, and ``Fund.replay(terms, policy, events)`` rebuilds it.
* Capital calls (fee calls included) never exceed uncalled commitments and are split
  pro rata with :meth:`~creative_city.money.Money.allocate`; distributions likewise.
* :func:`evaluate` lists **every** rule a :class:`ProposedInvestment` breaks; only an
  approved :class:`PolicyDecision` from it can record an investment.
* :meth:`Fund.analytics`: paid-in, distributed, NAV, dry powder, DPI, RVPI, TVPI, MOIC.
* :func:`xirr`, :func:`xirr_roots`, :func:`xnpv`: dated cash flows, ACT/365F.
* :func:`project`: the Takahashi-Alexander model (Yale, 2001).

``FundEvent`` (any fund event) and ``PolicyRule`` (any policy rule) are type aliases
importable from here for annotations; they are unions, so not listed in ``__all__``.

Where things live (import them from here; the modules are the package's layout):

* ``terms``: :class:`FundTerms`, :class:`LPKind`; ``events``: the records of a fund's
  log; ``policy``: the rules, proposals, violations and decisions.
* ``state``: the folded state and :class:`Holding`; ``fold``: checking one event and
  folding it in, one function per kind of event; ``capital``: the limits and pro-rata
  splits of calls and distributions; ``rules``: each policy rule's check.
* ``fund``: :class:`Fund` (commands, replay, read-outs) and :func:`evaluate`;
  ``statements``: LP statements and analytics.
* ``flows`` and ``irr``: cash flows prepared for XIRR, and the root finder;
  ``projection``: Takahashi-Alexander; ``operations``: the oracle's ``fund.*``
  operations; ``fields``: checks shared by the records' fields.
"""

from __future__ import annotations

from creative_city.funding.venture.events import (
    CallPurpose,
    CapitalCalled,
    CapitalDistributed,
    CommitmentMade,
    HoldingExited,
    HoldingMarked,
    HoldingWrittenOff,
    InvestmentMade,
    InvestmentPeriodResumed,
    InvestmentPeriodSuspended,
    LPAmount,
)
from creative_city.funding.venture.events import (
    FundEvent as FundEvent,
)
from creative_city.funding.venture.fund import Fund, evaluate
from creative_city.funding.venture.irr import xirr, xirr_roots, xnpv
from creative_city.funding.venture.policy import (
    FollowOnReserve,
    InvestmentPeriodOpen,
    InvestmentPolicy,
    InvestmentStage,
    MaxOwnership,
    MaxPublicShareOfRound,
    MaxTicket,
    MinTicket,
    PerCompanyCap,
    PolicyDecision,
    ProposedInvestment,
    RoundKind,
    SectorConcentrationCap,
    StageConcentrationCap,
    Violation,
)
from creative_city.funding.venture.policy import (
    PolicyRule as PolicyRule,
)
from creative_city.funding.venture.projection import (
    Projection,
    ProjectionParameters,
    ProjectionYear,
    project,
)
from creative_city.funding.venture.state import Holding, HoldingStatus
from creative_city.funding.venture.statements import FundAnalytics, FundStatement, LPStatement
from creative_city.funding.venture.terms import FundTerms, LPKind

__all__ = [
    "CallPurpose",
    "CapitalCalled",
    "CapitalDistributed",
    "CommitmentMade",
    "FollowOnReserve",
    "Fund",
    "FundAnalytics",
    "FundStatement",
    "FundTerms",
    "Holding",
    "HoldingExited",
    "HoldingMarked",
    "HoldingStatus",
    "HoldingWrittenOff",
    "InvestmentMade",
    "InvestmentPeriodOpen",
    "InvestmentPeriodResumed",
    "InvestmentPeriodSuspended",
    "InvestmentPolicy",
    "InvestmentStage",
    "LPAmount",
    "LPKind",
    "LPStatement",
    "MaxOwnership",
    "MaxPublicShareOfRound",
    "MaxTicket",
    "MinTicket",
    "PerCompanyCap",
    "PolicyDecision",
    "Projection",
    "ProjectionParameters",
    "ProjectionYear",
    "ProposedInvestment",
    "RoundKind",
    "SectorConcentrationCap",
    "StageConcentrationCap",
    "Violation",
    "evaluate",
    "project",
    "xirr",
    "xirr_roots",
    "xnpv",
]
