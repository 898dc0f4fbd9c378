"""Oracle operations of the venture fund: JSON in, JSON out, byte-stable.

* ``fund.evaluate_proposal``: terms + policy + events + proposal -> the decision with
  every violation.
* ``fund.statement``: terms + policy + events -> per-LP statements and analytics.
* ``fund.xirr``: dated flows -> the rate as a decimal string with a fixed number of
  significant digits (and optionally every root found in a range).
* ``fund.projection``: Takahashi-Alexander parameters -> the yearly table.

Errors raised while running an operation name the offending input by its JSON path in
the request document (``$.input.events[2].amount``), like the errors of reading it.

>>> from creative_city.serialization import from_data, to_data
>>> op = next(o for o in OPERATIONS if o.name == "fund.xirr")
>>> data = {
...     "flows": [{"on": "2020-01-01", "amount": "-100"}, {"on": "2021-01-01", "amount": "110"}]
... }
>>> to_data(op.run(from_data(data, op.input_type)))
{'rate': '0.09971358593', 'roots': None}
"""

from __future__ import annotations

import datetime as _dt
import decimal
import functools
from collections.abc import Callable
from decimal import Decimal
from typing import TypeVar

import attrs

from creative_city.errors import CreativeCityError, ValidationError
from creative_city.funding.venture.events import FundEvent
from creative_city.funding.venture.fund import Fund, evaluate
from creative_city.funding.venture.irr import xirr, xirr_roots
from creative_city.funding.venture.policy import InvestmentPolicy, ProposedInvestment, Violation
from creative_city.funding.venture.projection import Projection, ProjectionParameters, project
from creative_city.funding.venture.statements import FundStatement
from creative_city.funding.venture.terms import FundTerms
from creative_city.operation import Operation, states

__all__ = [
    "OPERATIONS",
    "CashFlow",
    "EvaluateProposalInput",
    "EvaluateProposalOutput",
    "StatementInput",
    "XirrInput",
    "XirrOutput",
    "rate_text",
]

T = TypeVar("T")
R = TypeVar("R")


def _json_paths(function: Callable[[T], R]) -> Callable[[T], R]:
    """Re-raise library errors with their field as a JSON path into the input."""

    @functools.wraps(function)
    def run(value: T) -> R:
        try:
            return function(value)
        except CreativeCityError as error:
            field = error.field if error.field.startswith("$") else f"$.input.{error.field}"
            raise type(error)(field, error.value, error.rule) from None

    return run


# -- fund.evaluate_proposal, fund.statement ----------------------------------------


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


@_json_paths
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


@_json_paths
def _statement(value: StatementInput) -> FundStatement:
    return Fund.replay(value.terms, value.policy, value.events).statement()


# -- fund.xirr ---------------------------------------------------------------------


@attrs.frozen
class CashFlow:
    """One dated cash flow of ``fund.xirr``.

    Attributes:
        on: The date.
        amount: The amount (negative: paid in; positive: received).
    """

    on: _dt.date
    amount: Decimal


@states(minimum=1, maximum=15)
def _check_digits(_: object, __: object, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 15:
        raise ValidationError("digits", value, "must be an int from 1 to 15")


@attrs.frozen
class XirrInput:
    """Input of ``fund.xirr``.

    Attributes:
        flows: The dated flows (at least two).
        digits: Significant digits of the rates in the output (1-15, default 10).
        all_roots: Also list every root found in ``[low, high]``.
        low: The lowest rate searched.
        high: The highest rate searched.
    """

    flows: tuple[CashFlow, ...]
    digits: int = attrs.field(default=10, validator=_check_digits)
    all_roots: bool = False
    low: Decimal = Decimal("-0.9999")
    high: Decimal = Decimal(1_000_000)


@attrs.frozen
class XirrOutput:
    """Output of ``fund.xirr``.

    Attributes:
        rate: The rate (the root closest to zero), as a decimal string.
        roots: Every root found, ascending, when asked for (else ``None``).
    """

    rate: str
    roots: tuple[str, ...] | None = None

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per root (or just the rate)."""
        values = self.roots if self.roots is not None else (self.rate,)
        return [{"rate": r, "chosen": r == self.rate} for r in values]


def rate_text(rate: float, digits: int = 10) -> str:
    """Return *rate* rounded to *digits* significant digits, in plain decimal notation.

    >>> rate_text(0.3733625335188315), rate_text(-0.0000123456789012), rate_text(0.0)
    ('0.3733625335', '-0.00001234567890', '0')
    >>> rate_text(0.09999999999999998)
    '0.1000000000'

    """
    if rate == 0:
        return "0"
    # Exact conversion, then one rounding; never signals FloatOperation in the caller's context.
    rounded = decimal.Context(
        prec=digits, rounding=decimal.ROUND_HALF_EVEN
    ).create_decimal_from_float(rate)
    return format(rounded, "f")


@_json_paths
def _xirr(value: XirrInput) -> XirrOutput:
    flows = [(f.on, f.amount) for f in value.flows]
    low, high = float(value.low), float(value.high)
    rate = xirr(flows, low=low, high=high)
    roots = None
    if value.all_roots:
        roots = tuple(rate_text(r, value.digits) for r in xirr_roots(flows, low=low, high=high))
    return XirrOutput(rate_text(rate, value.digits), roots)


# -- fund.projection ---------------------------------------------------------------


@_json_paths
def _projection(value: ProjectionParameters) -> Projection:
    return project(value)


# -- the operations ----------------------------------------------------------------


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
    Operation(
        "fund.xirr",
        XirrInput,
        XirrOutput,
        _xirr,
        "The internal rate of return of dated cash flows (ACT/365F), root closest to zero.",
    ),
    Operation(
        "fund.projection",
        ProjectionParameters,
        Projection,
        _projection,
        "A Takahashi-Alexander projection of calls, distributions and NAV, year by year.",
    ),
)
"""The venture fund's oracle operations."""
