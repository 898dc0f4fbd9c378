"""The fund: its terms, its policy and its event log, with commands and read-outs.

A :class:`Fund` never changes: each command (:meth:`Fund.commit`,
:meth:`Fund.call_capital`, :meth:`Fund.invest`, ...) builds one event, folds it into a
copy of the state (:func:`creative_city.funding.venture.fold.apply`) and returns a new
fund; :meth:`Fund.replay` folds a whole log. :func:`evaluate` checks a proposal against
the policy (:mod:`creative_city.funding.venture.rules`) and only an approved decision
can become an investment.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

import attrs

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.funding.venture import fold
from creative_city.funding.venture.capital import call_shares, distribution_shares
from creative_city.funding.venture.events import (
    CallPurpose,
    CapitalCalled,
    CapitalDistributed,
    CommitmentMade,
    FundEvent,
    HoldingExited,
    HoldingMarked,
    HoldingWrittenOff,
    InvestmentMade,
    InvestmentPeriodResumed,
    InvestmentPeriodSuspended,
)
from creative_city.funding.venture.policy import (
    InvestmentPolicy,
    MaxTicket,
    MinTicket,
    PolicyDecision,
    ProposedInvestment,
)
from creative_city.funding.venture.rules import check_proposal, violations
from creative_city.funding.venture.state import FundState, Holding
from creative_city.funding.venture.statements import (
    FundAnalytics,
    FundStatement,
    LPStatement,
    fund_analytics,
    lp_statements,
)
from creative_city.funding.venture.terms import FundTerms, LPKind
from creative_city.money import Currency, Money
from creative_city.serialization import from_data, register_hooks, to_data

__all__ = ["Fund", "evaluate"]


class Fund:
    """A venture fund: its terms, its policy and its event log, with the folded state.

    A fund never changes: every command returns a new fund with one more event, after
    checking it (a rejected command raises and changes nothing). The state is the fold
    of the events, so ``Fund.replay(terms, policy, fund.events) == fund``.

    Build one with :meth:`open`, then :meth:`commit`, :meth:`call_capital`,
    :meth:`invest` (only with an approved decision from :meth:`evaluate`),
    :meth:`mark`, :meth:`exit`, :meth:`write_off`, :meth:`distribute`,
    :meth:`suspend_investment_period` and :meth:`resume_investment_period`.
    """

    __slots__ = ("_events", "_policy", "_state", "_terms")

    _terms: FundTerms
    _policy: InvestmentPolicy
    _events: tuple[FundEvent, ...]
    _state: FundState

    def __init__(self) -> None:
        raise InvalidStateError(
            "Fund",
            "Fund()",
            "build funds with Fund.open(terms, policy) or Fund.replay(terms, policy, events)",
        )

    @classmethod
    def _make(
        cls,
        terms: FundTerms,
        policy: InvestmentPolicy,
        events: tuple[FundEvent, ...],
        state: FundState,
    ) -> Fund:
        fund = object.__new__(cls)
        fund._terms, fund._policy, fund._events, fund._state = terms, policy, events, state
        return fund

    # -- construction ----------------------------------------------------------------

    @classmethod
    def open(cls, terms: FundTerms, policy: InvestmentPolicy | None = None) -> Fund:
        """Return a fund with no events yet.

        Args:
            terms: The fund's terms.
            policy: Its investment policy (none: only the built-in rules).

        Raises:
            CurrencyMismatchError: If a money rule is not in the fund's currency.
        """
        if not isinstance(terms, FundTerms):
            raise InvalidTypeError("terms", terms, "must be FundTerms")
        policy = InvestmentPolicy() if policy is None else policy
        if not isinstance(policy, InvestmentPolicy):
            raise InvalidTypeError("policy", policy, "must be an InvestmentPolicy")
        for index, rule in enumerate(policy.rules):
            if isinstance(rule, (MinTicket, MaxTicket)) and rule.amount.currency != terms.currency:
                raise CurrencyMismatchError(
                    f"policy.rules[{index}].amount",
                    rule.amount.currency.code,
                    f"must be in the fund currency {terms.currency}",
                )
        return cls._make(terms, policy, (), FundState())

    @classmethod
    def replay(
        cls, terms: FundTerms, policy: InvestmentPolicy | None, events: Iterable[FundEvent]
    ) -> Fund:
        """Rebuild a fund from its events, checking each one as when it was recorded.

        Raises:
            CreativeCityError: The error of the first event that does not apply, with
                its index in the field (``events[3].amount``).
        """
        fund = cls.open(terms, policy)
        state = FundState()
        recorded: list[FundEvent] = []
        for index, event in enumerate(events):
            try:
                fold.apply(fund.terms, fund.policy, state, event)
            except (ValidationError, InvalidStateError, LimitExceededError) as error:
                raise type(error)(
                    f"events[{index}].{error.field}", error.value, error.rule
                ) from None
            except CurrencyMismatchError as error:
                raise CurrencyMismatchError(
                    f"events[{index}].{error.field}", error.value, error.rule
                ) from None
            recorded.append(event)
        return cls._make(fund.terms, fund.policy, tuple(recorded), state)

    def apply(self, event: FundEvent) -> Fund:
        """Return the fund with *event* recorded, after checking it.

        Raises:
            CreativeCityError: If the event does not apply to this state (nothing changes).
        """
        state = self._state.copy()
        fold.apply(self._terms, self._policy, state, event)
        return Fund._make(self._terms, self._policy, (*self._events, event), state)

    # -- identity ----------------------------------------------------------------------

    @property
    def terms(self) -> FundTerms:
        """The fund's terms."""
        return self._terms

    @property
    def policy(self) -> InvestmentPolicy:
        """The fund's investment policy."""
        return self._policy

    @property
    def events(self) -> tuple[FundEvent, ...]:
        """Every event, in order."""
        return self._events

    @property
    def version(self) -> int:
        """The number of events recorded."""
        return self._state.version

    @property
    def currency(self) -> Currency:
        """The fund's currency."""
        return self._terms.currency

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Fund):
            return NotImplemented
        return (self._terms, self._policy, self._events) == (
            other._terms,
            other._policy,
            other._events,
        )

    def __hash__(self) -> int:
        return hash((self._terms, self._policy, self._events))

    def __repr__(self) -> str:
        return (
            f"Fund({self._terms.name!r}, commitments {self.commitments}, "
            f"paid-in {self.paid_in}, {len(self._state.holdings)} holdings, "
            f"{len(self._events)} events)"
        )

    # -- commands ----------------------------------------------------------------------

    def commit(
        self, lp_id: str, lp_name: str, lp_kind: LPKind, amount: Money, on: _dt.date
    ) -> Fund:
        """Record a commitment (total commitments never exceed the hard cap).

        Raises:
            LimitExceededError: If total commitments would exceed the hard cap.
        """
        return self.apply(CommitmentMade(on, lp_id, lp_name, lp_kind, amount))

    def call_capital(
        self,
        call_id: str,
        on: _dt.date,
        amount: Money,
        purpose: CallPurpose = CallPurpose.INVESTMENT,
    ) -> Fund:
        """Call *amount* from the LPs pro rata to their uncalled commitments.

        Splitting by uncalled commitment means no LP is ever called beyond its own
        commitment; when every LP committed at the same close it is the same as
        splitting by commitment. Fee and expense calls count like any other.

        Raises:
            LimitExceededError: If *amount* exceeds the uncalled commitments.
        """
        shares = call_shares(self._terms, self._state, amount, "amount")
        return self.apply(CapitalCalled(on, call_id, purpose, amount, shares))

    def distribute(self, distribution_id: str, on: _dt.date, amount: Money) -> Fund:
        """Distribute *amount* of realised proceeds to the LPs pro rata to paid-in capital.

        Raises:
            InvalidStateError: If the fund has made no investment yet.
            LimitExceededError: If *amount* exceeds the proceeds not yet distributed.
        """
        shares = distribution_shares(self._terms, self._state, amount, "amount")
        return self.apply(CapitalDistributed(on, distribution_id, amount, shares))

    def evaluate(self, proposal: ProposedInvestment) -> PolicyDecision:
        """Evaluate *proposal* against this fund's policy (see :func:`evaluate`)."""
        return evaluate(self, proposal)

    def invest(self, investment_id: str, decision: PolicyDecision) -> Fund:
        """Record an investment approved by *decision*, made by :meth:`evaluate` on this fund.

        The proposal is evaluated again; the decision is accepted only if it is exactly
        what evaluation gives now and it is approved, so a rejected proposal can never
        be recorded.

        Raises:
            InvalidStateError: If the decision was made for another version of the fund.
            ValidationError: If the decision differs from a fresh evaluation.
            LimitExceededError: If the decision is a rejection (names the broken rules).
        """
        if not isinstance(decision, PolicyDecision):
            raise InvalidTypeError("decision", decision, "must be a PolicyDecision from evaluate()")
        if decision.fund_version != self.version:
            raise InvalidStateError(
                "decision.fund_version",
                decision.fund_version,
                f"the fund is at version {self.version}: evaluate the proposal again",
            )
        fresh = evaluate(self, decision.proposal)
        if fresh != decision:
            raise ValidationError(
                "decision",
                repr(decision),
                "is not what evaluate() gives for this fund and proposal (decisions cannot be "
                "edited)",
            )
        if not decision.approved:
            raise LimitExceededError(
                "decision",
                [v.rule_id for v in decision.violations],
                "the proposal breaks the investment policy: "
                + " ".join(v.message for v in decision.violations),
            )
        return self.apply(InvestmentMade(investment_id, decision.proposal))

    def mark(self, company: str, on: _dt.date, value: Money) -> Fund:
        """Record a new valuation of the fund's stake in *company*."""
        return self.apply(HoldingMarked(on, company, value))

    def exit(self, company: str, on: _dt.date, proceeds: Money) -> Fund:
        """Record the sale of the fund's whole stake in *company* for *proceeds*."""
        return self.apply(HoldingExited(on, company, proceeds))

    def write_off(self, company: str, on: _dt.date) -> Fund:
        """Record that the stake in *company* is worth nothing."""
        return self.apply(HoldingWrittenOff(on, company))

    def suspend_investment_period(self, on: _dt.date, reason: str) -> Fund:
        """Suspend the investment period (only follow-ons until it resumes)."""
        return self.apply(InvestmentPeriodSuspended(on, reason))

    def resume_investment_period(self, on: _dt.date) -> Fund:
        """Resume a suspended investment period."""
        return self.apply(InvestmentPeriodResumed(on))

    # -- queries -----------------------------------------------------------------------

    def _m(self, units: int) -> Money:
        return Money.from_minor(units, self._terms.currency)

    @property
    def commitments(self) -> Money:
        """Total commitments."""
        return self._m(self._state.total_commitments)

    @property
    def paid_in(self) -> Money:
        """Capital called so far (investment, fee and expense calls)."""
        return self._m(self._state.total_called)

    @property
    def uncalled(self) -> Money:
        """Commitments not called yet."""
        return self._m(self._state.uncalled)

    @property
    def distributed(self) -> Money:
        """Capital distributed to the LPs so far."""
        return self._m(self._state.total_distributed)

    @property
    def invested(self) -> Money:
        """The cost of every round the fund joined."""
        return self._m(self._state.invested)

    @property
    def dry_powder(self) -> Money:
        """Commitments not yet invested nor spent on fees and expenses."""
        return self._m(self._state.dry_powder)

    @property
    def cash(self) -> Money:
        """Paid-in - invested - fees + proceeds - distributed (negative: to be called)."""
        return self._m(self._state.cash)

    @property
    def nav(self) -> Money:
        """Net asset value: the value of active holdings plus cash."""
        return self._m(self._state.nav)

    @property
    def holdings(self) -> tuple[Holding, ...]:
        """Every portfolio company, in the order the fund first invested."""
        return tuple(self._state.holdings.values())

    @property
    def suspended(self) -> bool:
        """Whether the investment period is suspended."""
        return self._state.suspended

    def statements(self) -> tuple[LPStatement, ...]:
        """Return each LP's statement: committed, called, uncalled, distributed."""
        return lp_statements(self._state, self._terms.currency)

    def analytics(self) -> FundAnalytics:
        """Return paid-in, distributed, NAV, dry powder and the multiples."""
        return fund_analytics(self._state, self._terms.currency)

    def statement(self) -> FundStatement:
        """Return the LP statements and the analytics as of the last event."""
        last = self._state.last_on
        return FundStatement(
            self._terms.name, self._terms.currency, last, self.statements(), self.analytics()
        )

    def cash_flows(self, *, with_nav: bool = True) -> tuple[tuple[_dt.date, Money], ...]:
        """Return the LPs' cash flows: calls negative, distributions positive.

        Args:
            with_nav: Add the NAV as a final inflow on the last event's date, as is
                usual for an interim IRR (``xirr(fund.cash_flows())``).
        """
        flows: list[tuple[_dt.date, Money]] = []
        for event in self._events:
            if isinstance(event, CapitalCalled):
                flows.append((event.on, -event.amount))
            elif isinstance(event, CapitalDistributed):
                flows.append((event.on, event.amount))
        if with_nav and self._state.last_on is not None:
            flows.append((self._state.last_on, self.nav))
        return tuple(flows)


def evaluate(fund: Fund, proposal: ProposedInvestment) -> PolicyDecision:
    """Evaluate *proposal* against *fund*'s policy; list **every** rule it breaks.

    Pure: the fund is not changed, and the violations are sorted by rule id, so the
    result does not depend on the order of the policy's rules.

    Args:
        fund: The fund, in its current state.
        proposal: The proposed round.

    Returns:
        A decision; pass it to :meth:`Fund.invest` if it is approved.

    Raises:
        CurrencyMismatchError: If the proposal is not in the fund's currency.
        ValidationError: If the proposal is dated before the fund's last event.
        InvalidStateError: An initial round in a company the fund holds, or a follow-on
            in one it does not hold (or no longer holds).
    """
    if not isinstance(fund, Fund):
        raise InvalidTypeError("fund", fund, "must be a Fund")
    state = fund._state  # noqa: SLF001 - the module's own class
    check_proposal(fund.terms, state, proposal)
    broken = violations(fund.terms, fund.policy, state, proposal)
    return PolicyDecision(proposal, state.version, tuple(broken))


# -- JSON ----------------------------------------------------------------------------


@attrs.frozen
class _FundDocument:
    terms: FundTerms
    policy: InvestmentPolicy
    events: tuple[FundEvent, ...]


def _unstructure_fund(fund: Fund) -> object:
    return to_data(_FundDocument(fund.terms, fund.policy, fund.events))


def _structure_fund(data: object, _: object) -> Fund:
    document = from_data(data, _FundDocument)
    return Fund.replay(document.terms, document.policy, document.events)


register_hooks(Fund, structure=_structure_fund, unstructure=_unstructure_fund)
