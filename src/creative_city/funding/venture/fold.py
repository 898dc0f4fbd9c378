"""The fold: check one event against a fund's state and fold it in.

:func:`apply` is the only place where a :class:`~creative_city.funding.venture.state.FundState`
changes. It checks what every event shares (its type, its date after the last event's),
then hands the event to the function :data:`FOLDS` gives for its class, which checks the
event against the state and only then changes the state: on error nothing has changed.
Commands (:class:`~creative_city.funding.venture.fund.Fund`) and replay use the same
fold, so a replayed log is checked exactly as it was recorded.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable
from typing import Any, Final

import attrs

from creative_city.errors import (
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.funding.venture.capital import (
    call_shares,
    check_amount,
    check_shares,
    distribution_shares,
)
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
)
from creative_city.funding.venture.policy import InvestmentPolicy, ProposedInvestment
from creative_city.funding.venture.rules import check_proposal, violations
from creative_city.funding.venture.state import FundState, Holding, HoldingStatus
from creative_city.funding.venture.terms import FundTerms
from creative_city.money import Money

__all__ = ["FOLDS", "apply"]

Fold = Callable[[FundTerms, InvestmentPolicy, FundState, Any], None]
"""Checks one kind of event against the state, then folds it in."""


def apply(terms: FundTerms, policy: InvestmentPolicy, state: FundState, event: object) -> None:
    """Check *event* against *state* and fold it in (*state* is untouched on error).

    Raises:
        InvalidTypeError: If *event* is not a fund event.
        ValidationError: If it is dated before the last event, or is malformed.
        InvalidStateError: If it does not apply in this state.
        LimitExceededError: If it breaks a limit (hard cap, uncalled, the policy).
        CurrencyMismatchError: If an amount is not in the fund's currency.
    """
    fold = FOLDS.get(type(event))
    if fold is None:
        fold = _inherited_fold(event)
    on: _dt.date = event.on  # type: ignore[attr-defined]
    if state.last_on is not None and on < state.last_on:
        raise ValidationError(
            "on",
            on.isoformat(),
            f"is before the last event ({state.last_on.isoformat()}); events are in date order",
        )
    fold(terms, policy, state, event)
    state.last_on = on
    state.version += 1


def _inherited_fold(event: object) -> Fold:
    # A subclass of an event's class is folded as that event.
    kind = next((k for k in type(event).__mro__ if k in FOLDS), None)
    if kind is None:
        raise InvalidTypeError("event", event, "must be a fund event")
    return FOLDS[kind]


def _check_in_term(terms: FundTerms, on: _dt.date) -> None:
    if on >= terms.term_end:
        raise InvalidStateError("on", on.isoformat(), "the fund's term has ended")


def _check_new_id(state: FundState, value: str, field: str) -> None:
    if value in state.ids:
        raise ValidationError(
            field, value, "ids of calls, distributions and investments are unique"
        )


def _active_holding(state: FundState, company: str) -> Holding:
    holding = state.holdings.get(company)
    if holding is None:
        raise InvalidStateError("company", company, "the fund holds no stake in this company")
    if holding.status is not HoldingStatus.ACTIVE:
        raise InvalidStateError("company", company, f"the holding is {holding.status.value}")
    return holding


# -- partners and capital ------------------------------------------------------------


def _commitment_made(
    terms: FundTerms, _: InvestmentPolicy, state: FundState, event: CommitmentMade
) -> None:
    check_amount(terms, event.amount, "amount", positive=True)
    _check_in_term(terms, event.on)
    known = state.lps.get(event.lp_id)
    if known is not None and known != (event.lp_name, event.lp_kind):
        raise ValidationError("lp_id", event.lp_id, f"is already {known[0]!r} ({known[1].value})")
    total = state.total_commitments + event.amount.minor
    if total > terms.hard_cap.minor:
        raise LimitExceededError(
            "amount",
            str(event.amount),
            f"total commitments would be {Money.from_minor(total, terms.currency)}, above the "
            f"hard cap {terms.hard_cap}",
        )
    if known is None:
        state.lps[event.lp_id] = (event.lp_name, event.lp_kind)
        state.commitments[event.lp_id] = 0
        state.called[event.lp_id] = 0
        state.distributed[event.lp_id] = 0
    state.commitments[event.lp_id] += event.amount.minor
    state.total_commitments = total


def _capital_called(
    terms: FundTerms, _: InvestmentPolicy, state: FundState, event: CapitalCalled
) -> None:
    _check_new_id(state, event.call_id, "call_id")
    _check_in_term(terms, event.on)
    check_shares(call_shares(terms, state, event.amount, "amount"), event.shares)
    for share in event.shares:
        state.called[share.lp_id] += share.amount.minor
    state.total_called += event.amount.minor
    if event.purpose is not CallPurpose.INVESTMENT:
        state.fee_called += event.amount.minor
    state.ids.add(event.call_id)


def _capital_distributed(
    terms: FundTerms, _: InvestmentPolicy, state: FundState, event: CapitalDistributed
) -> None:
    _check_new_id(state, event.distribution_id, "distribution_id")
    check_shares(distribution_shares(terms, state, event.amount, "amount"), event.shares)
    for share in event.shares:
        state.distributed[share.lp_id] += share.amount.minor
    state.total_distributed += event.amount.minor
    state.ids.add(event.distribution_id)


# -- the portfolio -------------------------------------------------------------------


def _investment_made(
    terms: FundTerms, policy: InvestmentPolicy, state: FundState, event: InvestmentMade
) -> None:
    _check_new_id(state, event.investment_id, "investment_id")
    proposal = event.proposal
    check_proposal(terms, state, proposal)
    broken = violations(terms, policy, state, proposal)
    if broken:
        raise LimitExceededError(
            "proposal",
            [v.rule_id for v in broken],
            "the proposal breaks the investment policy: " + " ".join(v.message for v in broken),
        )
    _add_round(terms, state, proposal)
    state.ids.add(event.investment_id)


def _add_round(terms: FundTerms, state: FundState, proposal: ProposedInvestment) -> None:
    ticket = proposal.ticket
    old = state.holdings.get(proposal.company)
    if old is None:
        state.holdings[proposal.company] = Holding(
            proposal.company,
            proposal.sector,
            proposal.stage,
            ticket,
            ticket,
            proposal.ownership_after,
            HoldingStatus.ACTIVE,
            Money.zero(terms.currency),
            1,
        )
        state.initial_cost += ticket.minor
    else:
        state.holdings[proposal.company] = attrs.evolve(
            old,
            stage=proposal.stage,
            cost=old.cost + ticket,
            value=old.value + ticket,
            ownership=proposal.ownership_after,
            rounds=old.rounds + 1,
        )
        state.follow_on_cost += ticket.minor
    state.invested += ticket.minor
    state.sector_cost[proposal.sector] = state.sector_cost.get(proposal.sector, 0) + ticket.minor
    state.stage_cost[proposal.stage] = state.stage_cost.get(proposal.stage, 0) + ticket.minor


def _holding_marked(
    terms: FundTerms, _: InvestmentPolicy, state: FundState, event: HoldingMarked
) -> None:
    check_amount(terms, event.value, "value", positive=False)
    old = _active_holding(state, event.company)
    state.holdings[event.company] = attrs.evolve(old, value=event.value)


def _holding_exited(
    terms: FundTerms, _: InvestmentPolicy, state: FundState, event: HoldingExited
) -> None:
    check_amount(terms, event.proceeds, "proceeds", positive=False)
    old = _active_holding(state, event.company)
    state.holdings[event.company] = attrs.evolve(
        old,
        value=Money.zero(terms.currency),
        status=HoldingStatus.EXITED,
        proceeds=event.proceeds,
    )
    state.proceeds += event.proceeds.minor


def _holding_written_off(
    terms: FundTerms, _: InvestmentPolicy, state: FundState, event: HoldingWrittenOff
) -> None:
    old = _active_holding(state, event.company)
    state.holdings[event.company] = attrs.evolve(
        old, value=Money.zero(terms.currency), status=HoldingStatus.WRITTEN_OFF
    )


# -- the investment period -----------------------------------------------------------


def _period_suspended(
    _: FundTerms, __: InvestmentPolicy, state: FundState, event: InvestmentPeriodSuspended
) -> None:
    if state.suspended:
        raise InvalidStateError(
            "on", event.on.isoformat(), "the investment period is already suspended"
        )
    state.suspended = True


def _period_resumed(
    _: FundTerms, __: InvestmentPolicy, state: FundState, event: InvestmentPeriodResumed
) -> None:
    if not state.suspended:
        raise InvalidStateError(
            "on", event.on.isoformat(), "the investment period is not suspended"
        )
    state.suspended = False


FOLDS: Final[dict[type, Fold]] = {
    CommitmentMade: _commitment_made,
    CapitalCalled: _capital_called,
    CapitalDistributed: _capital_distributed,
    InvestmentMade: _investment_made,
    HoldingMarked: _holding_marked,
    HoldingExited: _holding_exited,
    HoldingWrittenOff: _holding_written_off,
    InvestmentPeriodSuspended: _period_suspended,
    InvestmentPeriodResumed: _period_resumed,
}
"""The fold of each event class of ``FundEvent`` (a test keeps the two in step)."""
