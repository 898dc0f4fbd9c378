"""Hypothesis strategies for the venture fund's public types.

>>> from hypothesis import given, settings
>>> @settings(max_examples=5)
... @given(funds())
... def test(fund):
...     assert fund.paid_in + fund.uncalled == fund.commitments
>>> test()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from fractions import Fraction

from hypothesis import strategies as st

from creative_city.funding.venture import (
    CallPurpose,
    FollowOnReserve,
    Fund,
    FundTerms,
    InvestmentPeriodOpen,
    InvestmentPolicy,
    InvestmentStage,
    LPKind,
    MaxOwnership,
    MaxPublicShareOfRound,
    MaxTicket,
    MinTicket,
    PerCompanyCap,
    PolicyRule,
    ProjectionParameters,
    ProposedInvestment,
    RoundKind,
    SectorConcentrationCap,
    StageConcentrationCap,
)
from creative_city.money import Money, get_currency

__all__ = [
    "SECTORS",
    "cash_flows",
    "fund_terms",
    "funds",
    "investment_policies",
    "policy_rules",
    "projection_parameters",
    "proposals",
    "register",
    "shares",
]

SECTORS = ("music", "games", "design", "film", "IT", "fashion")
"""Sectors the strategies draw from."""

FIRST_CLOSE = _dt.date(2023, 1, 1)


def shares(
    *, min_value: Fraction = Fraction(0), max_value: Fraction = Fraction(1)
) -> st.SearchStrategy[Fraction]:
    """Exact shares between *min_value* and *max_value* (denominators up to 1000)."""
    return (
        st.integers(1, 1000)
        .flatmap(lambda d: st.builds(Fraction, st.integers(0, d), st.just(d)))
        .filter(lambda f: min_value <= f <= max_value)
    )


@st.composite
def fund_terms(draw: st.DrawFn, *, currency: str = "KZT") -> FundTerms:
    """Fund terms with a target of 1,000 to 10^12 minor units and a hard cap above it."""
    cur = get_currency(currency)
    target = draw(st.integers(1000, 10**12))
    cap = target + draw(st.integers(0, target))
    term = draw(st.integers(2, 15))
    period = draw(st.integers(1, term))
    return FundTerms(
        "Test fund",
        cur,
        Money.from_minor(target, cur),
        Money.from_minor(cap, cur),
        FIRST_CLOSE.year,
        FIRST_CLOSE,
        period,
        term,
    )


def policy_rules(
    *, currency: str = "KZT", max_ticket: int = 10**12
) -> st.SearchStrategy[PolicyRule]:
    """Any policy rule (money rules in *currency*)."""
    cur = get_currency(currency)
    money = st.integers(0, max_ticket).map(lambda u: Money.from_minor(u, cur))
    return st.one_of(
        st.builds(PerCompanyCap, shares()),
        st.builds(MinTicket, money),
        st.builds(MaxTicket, money),
        st.builds(MaxOwnership, shares()),
        st.builds(SectorConcentrationCap, shares(), st.none() | st.sampled_from(SECTORS)),
        st.builds(StageConcentrationCap, shares(), st.none() | st.sampled_from(InvestmentStage)),
        st.builds(MaxPublicShareOfRound, shares()),
        st.builds(FollowOnReserve, shares(max_value=Fraction(3))),
        st.just(InvestmentPeriodOpen()),
    )


def investment_policies(*, currency: str = "KZT") -> st.SearchStrategy[InvestmentPolicy]:
    """Policies with unique rule ids (at most one rule of each kind)."""
    return st.lists(policy_rules(currency=currency), max_size=9, unique_by=lambda r: r.rule_id).map(
        InvestmentPolicy
    )


@st.composite
def proposals(
    draw: st.DrawFn,
    *,
    currency: str = "KZT",
    company: str | None = None,
    round_kind: RoundKind = RoundKind.INITIAL,
    on: _dt.date | None = None,
    max_ticket: int = 10**10,
) -> ProposedInvestment:
    """Valid proposals (positive ticket, ownership in (0, 1], round >= public money)."""
    cur = get_currency(currency)
    ticket = draw(st.integers(1, max_ticket))
    other = draw(st.none() | st.integers(0, max_ticket))
    round_size = ticket + (other or 0) + draw(st.integers(0, 3 * max_ticket))
    return ProposedInvestment(
        company if company is not None else draw(st.sampled_from(["A", "B", "C", "D", "E"])),
        draw(st.sampled_from(SECTORS)),
        draw(st.sampled_from(InvestmentStage)),
        round_kind,
        on if on is not None else draw(st.dates(FIRST_CLOSE, _dt.date(2030, 12, 31))),
        Money.from_minor(round_size, cur),
        Money.from_minor(ticket, cur),
        draw(shares(min_value=Fraction(1, 1000))),
        None if other is None else Money.from_minor(other, cur),
    )


@st.composite
def funds(draw: st.DrawFn, *, max_steps: int = 12) -> Fund:
    """Funds built by valid commands: commitments, calls, investments, exits, distributions."""
    terms = draw(fund_terms())
    cur = terms.currency
    fund = Fund.open(terms)
    day = FIRST_CLOSE
    for index in range(draw(st.integers(1, 4))):
        room = terms.hard_cap.minor - fund.commitments.minor
        if room <= 0:
            break
        amount = draw(st.integers(1, room))
        kind = LPKind.CITY_BUDGET if index == 0 else LPKind.PRIVATE
        fund = fund.commit(f"lp{index}", f"LP {index}", kind, Money.from_minor(amount, cur), day)
    for step in range(draw(st.integers(0, max_steps))):
        day += _dt.timedelta(days=draw(st.integers(0, 90)))
        if day >= terms.term_end:
            break
        action = draw(st.sampled_from(["call", "invest", "exit", "distribute"]))
        if action == "call" and fund.uncalled.is_positive():
            amount = draw(st.integers(1, fund.uncalled.minor))
            purpose = draw(st.sampled_from(CallPurpose))
            fund = fund.call_capital(f"c{step}", day, Money.from_minor(amount, cur), purpose)
        elif action == "invest" and fund.dry_powder.is_positive():
            ticket = draw(st.integers(1, fund.dry_powder.minor))
            proposal = ProposedInvestment(
                f"co{step}",
                draw(st.sampled_from(SECTORS)),
                draw(st.sampled_from(InvestmentStage)),
                RoundKind.INITIAL,
                day,
                Money.from_minor(ticket * 2, cur),
                Money.from_minor(ticket, cur),
                Fraction(1, 4),
            )
            decision = fund.evaluate(proposal)
            if decision.approved:
                fund = fund.invest(f"i{step}", decision)
        elif action == "exit":
            active = [h for h in fund.holdings if h.status.value == "active"]
            if active:
                holding = draw(st.sampled_from(active))
                proceeds = draw(st.integers(0, 3 * holding.cost.minor))
                fund = fund.exit(holding.company, day, Money.from_minor(proceeds, cur))
        elif action == "distribute" and fund.holdings:
            undistributed = _undistributed(fund)
            if undistributed > 0:
                amount = draw(st.integers(1, undistributed))
                fund = fund.distribute(f"d{step}", day, Money.from_minor(amount, cur))
    return fund


def _undistributed(fund: Fund) -> int:
    proceeds = sum(h.proceeds.minor for h in fund.holdings)
    return proceeds - fund.distributed.minor


@st.composite
def cash_flows(
    draw: st.DrawFn, *, min_size: int = 2, max_size: int = 30
) -> list[tuple[_dt.date, Decimal]]:
    """Dated flows with at least one outflow and one inflow, the first an outflow."""
    size = draw(st.integers(min_size, max_size))
    start = draw(st.dates(_dt.date(2000, 1, 1), _dt.date(2030, 1, 1)))
    offsets = sorted(draw(st.lists(st.integers(0, 15 * 365), min_size=size - 1, max_size=size - 1)))
    amounts = draw(
        st.lists(st.integers(-(10**9), 10**9), min_size=size - 1, max_size=size - 1).filter(
            lambda xs: any(x > 0 for x in xs)
        )
    )
    first = -draw(st.integers(1, 10**9))
    flows = [(start, Decimal(first).scaleb(-2))]
    flows += [
        (start + _dt.timedelta(days=o), Decimal(a).scaleb(-2))
        for o, a in zip(offsets, amounts, strict=True)
    ]
    return flows


@st.composite
def projection_parameters(draw: st.DrawFn, *, currency: str = "KZT") -> ProjectionParameters:
    """Takahashi-Alexander parameters with lives of 1 to 20 years."""
    cur = get_currency(currency)
    return ProjectionParameters(
        Money.from_minor(draw(st.integers(1, 10**14)), cur),
        draw(st.lists(shares(), min_size=1, max_size=5)),
        draw(shares(max_value=Fraction(1, 2))),
        draw(st.decimals(min_value=0, max_value=5, places=2)),
        draw(shares(max_value=Fraction(1, 2))),
        draw(st.integers(1, 20)),
    )


def register() -> None:
    """Register the strategies with hypothesis (``st.from_type(Fund)`` and so on)."""
    st.register_type_strategy(FundTerms, fund_terms())
    st.register_type_strategy(InvestmentPolicy, investment_policies())
    st.register_type_strategy(ProposedInvestment, proposals())
    st.register_type_strategy(ProjectionParameters, projection_parameters())
    st.register_type_strategy(Fund, funds())
