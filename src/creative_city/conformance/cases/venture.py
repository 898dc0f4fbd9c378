"""Cases for the venture fund: cash flows with several roots, histories, proposals.

A fund's history is built with the library's own :class:`~creative_city.funding.venture.Fund`
(valid commands only), as :func:`creative_city.testing.venture.funds` builds it; a
proposal lands on the last day of the investment period, the day after, or any day.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from creative_city.conformance.cases.base import case, money
from creative_city.conformance.cases.choices import Choices
from creative_city.funding.venture import (
    CallPurpose,
    Fund,
    FundTerms,
    InvestmentStage,
    LPKind,
    ProposedInvestment,
    RoundKind,
)
from creative_city.money import Money, get_currency
from creative_city.serialization import tag_value, to_data

__all__ = ["evaluate_proposal", "projection", "statement", "xirr"]

_ROOTS: Final = ("0.05", "0.1", "0.2", "0.5", "-0.3", "1", "0")
_SHARES: Final = ("0", "1/4", "1/2", "1", "1/3", "2/5", "3/4")
_SECTORS: Final = ("music", "games", "design", "film", "IT")
_STAGES: Final = tuple(stage.value for stage in InvestmentStage)
_FIRST_CLOSE: Final = _dt.date(2023, 1, 1)
_KZT: Final = get_currency("KZT")
_ACTIONS: Final = ("call", "invest", "exit", "distribute")
_PURPOSES: Final = tuple(CallPurpose)
_ALL_STAGES: Final = tuple(InvestmentStage)
_FUND_SECTORS: Final = (*_SECTORS, "fashion")


def _cash_flows(source: Choices) -> list[tuple[_dt.date, Decimal]]:
    # Two to eight dated flows, the first an outflow, at least one inflow later.
    start = source.date(_dt.date(2000, 1, 1), _dt.date(2030, 1, 1))
    later = [
        (source.integer(0, 15 * 365), source.integer(-(10**9), 10**9)) for _ in source.repeat(1, 7)
    ]
    if not any(amount > 0 for _, amount in later):
        later[-1] = (later[-1][0], 1)  # an inflow, so that a rate may exist
    first = -source.integer(1, 10**9)
    flows = [(start, Decimal(first).scaleb(-2))]
    flows += [
        (start + _dt.timedelta(days=offset), Decimal(amount).scaleb(-2))
        for offset, amount in sorted(later, key=lambda flow: flow[0])
    ]
    return flows


@case("fund.xirr")
def xirr(source: Choices) -> dict[str, Any]:
    """Cash flows: two flows, flows a year apart with two chosen roots, random ones."""
    kind = source.integer(0, 2)
    start = _dt.date(2020, 1, 1) + _dt.timedelta(days=source.integer(0, 2000))
    if kind == 0:
        later = start + _dt.timedelta(days=source.integer(1, 3000))
        flows = [(start, Decimal(-100)), (later, Decimal(source.integer(0, 400)))]
    elif kind == 1:
        # -100, 100 (a + b), -100 a b with a = 1 + r1, b = 1 + r2: its roots are r1 and r2.
        a, b = (1 + Decimal(source.pick(_ROOTS)) for _ in range(2))
        amounts = (Decimal(-100), 100 * (a + b), -100 * a * b)
        flows = [
            (start + _dt.timedelta(days=365 * year), amount) for year, amount in enumerate(amounts)
        ]
    else:
        flows = _cash_flows(source)
    document: dict[str, Any] = {
        "flows": [{"on": on.isoformat(), "amount": str(amount)} for on, amount in flows]
    }
    if source.boolean():
        document["all_roots"] = True
    if source.integer(0, 3) == 3:
        document["digits"] = source.integer(1, 15)
    return document


@case("fund.projection")
def projection(source: Choices) -> dict[str, Any]:
    """Takahashi-Alexander parameters: rates that sum past one, zero yield, lives of 1-20."""
    return {
        "commitment": money(source.integer(1, 10**12), "KZT"),
        "contribution_rates": [source.pick(_SHARES) for _ in source.repeat(1, 4)],
        "distribution_yield": source.pick(_SHARES),
        "bow": source.pick(("0", "1", "2.5", "0.5")),
        "growth": source.pick(_SHARES),
        "life": source.integer(1, 20),
    }


def _rule(source: Choices) -> dict[str, Any]:
    kind = source.integer(0, 8)
    limit = source.pick(_SHARES)
    ticket = money(source.integer(0, 10**8), "KZT")
    if kind == 4:
        return {"type": "sector_concentration_cap", "limit": limit, "sector": source.pick(_SECTORS)}
    if kind == 5:
        return {"type": "stage_concentration_cap", "limit": limit, "stage": source.pick(_STAGES)}
    return (
        {"type": "per_company_cap", "limit": limit},
        {"type": "min_ticket", "amount": ticket},
        {"type": "max_ticket", "amount": ticket},
        {"type": "max_ownership", "limit": limit},
        {},
        {},
        {"type": "max_public_share_of_round", "limit": limit},
        {"type": "follow_on_reserve", "ratio": limit},
        {"type": "investment_period_open"},
    )[kind]


def _policy(source: Choices) -> dict[str, Any]:
    # Up to four rules, one of each type at most.
    rules: dict[str, dict[str, Any]] = {}
    for _ in source.repeat(0, 4):
        rule = _rule(source)
        rules.setdefault(rule["type"], rule)
    return {"rules": list(rules.values())}


def _terms(source: Choices) -> FundTerms:
    # A target of 1,000 to 10^12 minor units, a hard cap above it, terms of 2-15 years.
    target = source.integer(1000, 10**12)
    cap = target + source.integer(0, target)
    term = source.integer(2, 15)
    period = source.integer(1, term)
    return FundTerms(
        "Test fund",
        _KZT,
        Money.from_minor(target, _KZT),
        Money.from_minor(cap, _KZT),
        _FIRST_CLOSE.year,
        _FIRST_CLOSE,
        period,
        term,
    )


def _commitments(source: Choices, fund: Fund) -> Fund:
    # One to four commitments, the city budget's first, within the hard cap.
    for index in source.repeat(1, 4):
        room = fund.terms.hard_cap.minor - fund.commitments.minor
        if room <= 0:
            break
        amount = Money.from_minor(source.integer(1, room), _KZT)
        kind = LPKind.CITY_BUDGET if index == 0 else LPKind.PRIVATE
        fund = fund.commit(f"lp{index}", f"LP {index}", kind, amount, _FIRST_CLOSE)
    return fund


def _invest(source: Choices, fund: Fund, step: int, day: _dt.date) -> Fund:
    ticket = source.integer(1, fund.dry_powder.minor)
    proposal = ProposedInvestment(
        f"co{step}",
        source.pick(_FUND_SECTORS),
        source.pick(_ALL_STAGES),
        RoundKind.INITIAL,
        day,
        Money.from_minor(ticket * 2, _KZT),
        Money.from_minor(ticket, _KZT),
        Fraction(1, 4),
    )
    decision = fund.evaluate(proposal)
    return fund.invest(f"i{step}", decision) if decision.approved else fund


def _step(source: Choices, fund: Fund, step: int, day: _dt.date) -> Fund:
    # One command: a call, an investment, an exit or a distribution, when it can be.
    action = source.pick(_ACTIONS)
    if action == "call" and fund.uncalled.is_positive():
        amount = Money.from_minor(source.integer(1, fund.uncalled.minor), _KZT)
        return fund.call_capital(f"c{step}", day, amount, source.pick(_PURPOSES))
    if action == "invest" and fund.dry_powder.is_positive():
        return _invest(source, fund, step, day)
    if action == "exit":
        active = [h for h in fund.holdings if h.status.value == "active"]
        if active:
            holding = source.pick(active)
            proceeds = Money.from_minor(source.integer(0, 3 * holding.cost.minor), _KZT)
            return fund.exit(holding.company, day, proceeds)
    if action == "distribute" and fund.holdings:
        undistributed = sum(h.proceeds.minor for h in fund.holdings) - fund.distributed.minor
        if undistributed > 0:
            amount = Money.from_minor(source.integer(1, undistributed), _KZT)
            return fund.distribute(f"d{step}", day, amount)
    return fund


def _fund(source: Choices) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    # A history of commitments, then up to six calls, investments, exits, distributions.
    terms = _terms(source)
    fund = _commitments(source, Fund.open(terms))
    day = _FIRST_CLOSE
    for step in source.repeat(0, 6):
        day += _dt.timedelta(days=source.integer(0, 90))
        if day >= terms.term_end:
            break
        fund = _step(source, fund, step, day)
    events = [{**to_data(event), "type": tag_value(type(event))} for event in fund.events]
    return to_data(fund.terms), events, _policy(source)


@case("fund.statement")
def statement(source: Choices) -> dict[str, Any]:
    """A fund's history of commitments, calls, investments, exits and distributions."""
    terms, events, policy = _fund(source)
    return {"terms": terms, "events": events, "policy": policy}


def _proposal(source: Choices, on: _dt.date) -> ProposedInvestment:
    # A valid proposal: a positive ticket, ownership in (0, 1], a round that holds it.
    ticket = source.integer(1, 10**6)
    other = source.integer(0, 10**6) if source.boolean() else None
    round_size = ticket + (other or 0) + source.integer(0, 3 * 10**6)
    denominator = source.integer(1, 1000)
    return ProposedInvestment(
        source.pick(("A", "B", "C", "D", "E")),
        source.pick(_FUND_SECTORS),
        source.pick(_ALL_STAGES),
        RoundKind.INITIAL,
        on,
        Money.from_minor(round_size, _KZT),
        Money.from_minor(ticket, _KZT),
        Fraction(source.integer(1, denominator), denominator),
        None if other is None else Money.from_minor(other, _KZT),
    )


@case("fund.evaluate_proposal")
def evaluate_proposal(source: Choices) -> dict[str, Any]:
    """A proposal on the last day of the investment period, the day after, or any day."""
    terms, events, policy = _fund(source)
    first_close = _dt.date.fromisoformat(terms["first_close"])
    end = first_close.replace(year=first_close.year + terms["investment_period_years"])
    kind = source.integer(0, 2)
    if kind == 2:
        on = source.date(_FIRST_CLOSE, _dt.date(2030, 12, 31))
    else:
        on = end - _dt.timedelta(days=kind)
    proposal = _proposal(source, on)
    return {"terms": terms, "policy": policy, "events": events, "proposal": to_data(proposal)}
