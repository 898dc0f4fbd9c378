"""The ``fund.evaluate_proposal`` and ``fund.statement`` oracle operations.

Gathered by :mod:`creative_city.funding.venture.operations`; they live apart from ``fund.xirr``
and ``fund.projection`` so that those two do not load the fund and its policy.
"""

from __future__ import annotations

import attrs

from creative_city.funding.venture._ops_paths import json_paths
from creative_city.funding.venture.fund import Fund, FundEvent, FundStatement, FundTerms, evaluate
from creative_city.funding.venture.policy import InvestmentPolicy, ProposedInvestment, Violation
from creative_city.operation import Operation

__all__ = ["OPERATIONS", "EvaluateProposalInput", "EvaluateProposalOutput", "StatementInput"]


@attrs.frozen
class EvaluateProposalInput:
    """Input of ``fund.evaluate_proposal``.

    Attributes:
        terms: The fund's terms.
        policy: Its investment policy.
        events: Its event log (replayed and checked first).
        proposal: The proposal to evaluate.
    """

    terms: FundTerms
    policy: InvestmentPolicy
    events: tuple[FundEvent, ...]
    proposal: ProposedInvestment


@attrs.frozen
class EvaluateProposalOutput:
    """Output of ``fund.evaluate_proposal``.

    Attributes:
        approved: Whether no rule is broken.
        fund_version: The number of events of the fund evaluated against.
        violations: Every broken rule, sorted by rule id.
    """

    approved: bool
    fund_version: int
    violations: tuple[Violation, ...]

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per violation."""
        return [attrs.asdict(v) for v in self.violations]


@json_paths
def _evaluate(value: EvaluateProposalInput) -> EvaluateProposalOutput:
    fund = Fund.replay(value.terms, value.policy, value.events)
    decision = evaluate(fund, value.proposal)
    return EvaluateProposalOutput(decision.approved, decision.fund_version, decision.violations)


@attrs.frozen
class StatementInput:
    """Input of ``fund.statement``.

    Attributes:
        terms: The fund's terms.
        events: Its event log.
        policy: Its investment policy (investments are re-checked against it).
    """

    terms: FundTerms
    events: tuple[FundEvent, ...]
    policy: InvestmentPolicy = attrs.field(factory=InvestmentPolicy)


@json_paths
def _statement(value: StatementInput) -> FundStatement:
    return Fund.replay(value.terms, value.policy, value.events).statement()


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "fund.evaluate_proposal",
        EvaluateProposalInput,
        EvaluateProposalOutput,
        _evaluate,
        "Replay a venture fund's events and evaluate a proposed investment against its "
        "policy, listing every broken rule.",
    ),
    Operation(
        "fund.statement",
        StatementInput,
        FundStatement,
        _statement,
        "Replay a venture fund's events and report per-LP statements and fund analytics.",
    ),
)
