"""The investment policy applied: each rule's check of a proposal against a fund's state.

Every rule is checked by one function here, which returns the rule's
:class:`~creative_city.funding.venture.policy.Violation` or ``None``. The two built-in
rules (``dry_powder``, ``within_term``) are checked for every proposal; each rule of the
policy is checked by the function :data:`CHECKS` gives for its class. To add a rule,
define its class in :mod:`creative_city.funding.venture.policy` (and add it to
``PolicyRule``), then its check here (and add it to :data:`CHECKS`).

:func:`check_proposal` comes first: it rejects proposals that cannot be evaluated at all
(another currency, out of date order, a follow-on in a company the fund does not hold).
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import ROUND_CEILING
from fractions import Fraction
from typing import Any, Final

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidStateError,
    InvalidTypeError,
    ValidationError,
)
from creative_city.funding.venture.policy import (
    FollowOnReserve,
    InvestmentPeriodOpen,
    InvestmentPolicy,
    MaxOwnership,
    MaxPublicShareOfRound,
    MaxTicket,
    MinTicket,
    PerCompanyCap,
    ProposedInvestment,
    RoundKind,
    SectorConcentrationCap,
    StageConcentrationCap,
    Violation,
    share_text,
)
from creative_city.funding.venture.state import FundState, HoldingStatus
from creative_city.funding.venture.terms import FundTerms
from creative_city.money import Money, round_quotient

__all__ = ["BUILT_IN_CHECKS", "CHECKS", "check_proposal", "violations"]

Check = Callable[[Any, FundTerms, FundState, ProposedInvestment], Violation | None]
"""A rule's check: ``(rule, terms, state, proposal) -> Violation | None``."""


def check_proposal(terms: FundTerms, state: FundState, proposal: ProposedInvestment) -> None:
    """Reject a proposal that cannot be evaluated against this fund at all.

    Raises:
        InvalidTypeError: If it is not a :class:`ProposedInvestment`.
        CurrencyMismatchError: If it is not in the fund's currency.
        ValidationError: If it is dated before the fund's last event, or a follow-on
            names another sector than the company's.
        InvalidStateError: An initial round in a company the fund holds, or a follow-on
            in one it does not hold (or no longer holds).
    """
    if not isinstance(proposal, ProposedInvestment):
        raise InvalidTypeError("proposal", proposal, "must be a ProposedInvestment")
    if proposal.ticket.currency != terms.currency:
        raise CurrencyMismatchError(
            "proposal.ticket",
            f"{proposal.ticket.currency.code} vs fund {terms.currency.code}",
            "a proposal must be in the fund's currency",
        )
    if state.last_on is not None and proposal.on < state.last_on:
        raise ValidationError(
            "proposal.on",
            proposal.on.isoformat(),
            f"is before the fund's last event ({state.last_on.isoformat()}); "
            "events are recorded in date order",
        )
    if proposal.round_kind is RoundKind.INITIAL:
        if proposal.company in state.holdings:
            raise InvalidStateError(
                "proposal.round_kind",
                "initial",
                f"the fund already holds {proposal.company!r}: propose a follow-on",
            )
    else:
        _check_follow_on(state, proposal)


def _check_follow_on(state: FundState, proposal: ProposedInvestment) -> None:
    holding = state.holdings.get(proposal.company)
    if holding is None:
        raise InvalidStateError(
            "proposal.round_kind",
            "follow_on",
            f"the fund holds no stake in {proposal.company!r}: propose an initial round",
        )
    if holding.status is not HoldingStatus.ACTIVE:
        raise InvalidStateError(
            "proposal.company",
            proposal.company,
            f"the holding is {holding.status.value}: no follow-on is possible",
        )
    if holding.sector != proposal.sector:
        raise ValidationError(
            "proposal.sector",
            proposal.sector,
            f"must stay {holding.sector!r} (the company's sector in the fund)",
        )


def violations(
    terms: FundTerms, policy: InvestmentPolicy, state: FundState, proposal: ProposedInvestment
) -> list[Violation]:
    """Return every rule *proposal* breaks, built-in rules included, sorted by rule id.

    The proposal must have passed :func:`check_proposal`.
    """
    found = [v for check in BUILT_IN_CHECKS if (v := check(terms, state, proposal)) is not None]
    for rule in policy.rules:
        violation = _check_of(rule)(rule, terms, state, proposal)
        if violation is not None:
            found.append(violation)
    found.sort(key=lambda v: v.rule_id)
    return found


def _check_of(rule: object) -> Check:
    check = CHECKS.get(type(rule))
    if check is None:  # a subclass of a rule's class is checked as that rule
        check = CHECKS[next(kind for kind in type(rule).__mro__ if kind in CHECKS)]
    return check


def _money(units: int, terms: FundTerms) -> Money:
    return Money.from_minor(units, terms.currency)


# -- built-in rules ----------------------------------------------------------------


def _dry_powder(terms: FundTerms, state: FundState, p: ProposedInvestment) -> Violation | None:
    """The ticket fits in commitments not yet invested or spent on fees."""
    if p.ticket.minor <= state.dry_powder:
        return None
    dry_powder = _money(state.dry_powder, terms)
    return Violation(
        "dry_powder",
        str(dry_powder),
        str(p.ticket),
        f"The ticket {p.ticket} exceeds the dry powder {dry_powder} "
        "(commitments not yet invested or spent on fees).",
    )


def _within_term(terms: FundTerms, _: FundState, p: ProposedInvestment) -> Violation | None:
    """The round is dated before the fund's term ends."""
    if p.on < terms.term_end:
        return None
    return Violation(
        "within_term",
        f"before {terms.term_end.isoformat()}",
        p.on.isoformat(),
        f"The round is dated {p.on.isoformat()}, after the fund's term ended "
        f"({terms.term_end.isoformat()}).",
    )


BUILT_IN_CHECKS: Final = (_dry_powder, _within_term)
"""The checks of the built-in rules (``InvestmentPolicy`` reserves their ids)."""


# -- the policy's rules ------------------------------------------------------------


def _over_share(
    rule_id: str, limit: Fraction, part: int, state: FundState, what: str
) -> Violation | None:
    """A cumulative cost *part* above *limit* x total commitments (none: undefined)."""
    commitments = state.total_commitments
    if not commitments:
        return Violation(
            rule_id,
            share_text(limit),
            "undefined (no commitments)",
            f"{what} cannot be measured against commitments: the fund has none yet.",
        )
    share = Fraction(part, commitments)
    if share <= limit:
        return None
    return Violation(
        rule_id,
        share_text(limit),
        share_text(share),
        f"{what} would be {share_text(share)} of commitments, above the cap of "
        f"{share_text(limit)}.",
    )


def _per_company_cap(
    rule: PerCompanyCap, _: FundTerms, state: FundState, p: ProposedInvestment
) -> Violation | None:
    holding = state.holdings.get(p.company)
    prior = holding.cost.minor if holding is not None else 0
    what = f"Cumulative cost in {p.company} (all rounds)"
    return _over_share(rule.rule_id, rule.limit, prior + p.ticket.minor, state, what)


def _min_ticket(
    rule: MinTicket, _: FundTerms, __: FundState, p: ProposedInvestment
) -> Violation | None:
    if p.ticket >= rule.amount:
        return None
    return Violation(
        rule.rule_id,
        str(rule.amount),
        str(p.ticket),
        f"The ticket {p.ticket} is below the minimum ticket {rule.amount}.",
    )


def _max_ticket(
    rule: MaxTicket, _: FundTerms, __: FundState, p: ProposedInvestment
) -> Violation | None:
    if p.ticket <= rule.amount:
        return None
    return Violation(
        rule.rule_id,
        str(rule.amount),
        str(p.ticket),
        f"The ticket {p.ticket} is above the maximum ticket {rule.amount}.",
    )


def _max_ownership(
    rule: MaxOwnership, _: FundTerms, __: FundState, p: ProposedInvestment
) -> Violation | None:
    if p.ownership_after <= rule.limit:  # inclusive: "up to 49%"
        return None
    return Violation(
        rule.rule_id,
        share_text(rule.limit),
        share_text(p.ownership_after),
        f"The fund would own {share_text(p.ownership_after)} of {p.company}, above the "
        f"maximum stake of {share_text(rule.limit)} (inclusive).",
    )


def _sector_concentration(
    rule: SectorConcentrationCap, _: FundTerms, state: FundState, p: ProposedInvestment
) -> Violation | None:
    if rule.sector is not None and rule.sector != p.sector:
        return None
    prior = state.sector_cost.get(p.sector, 0)
    what = f"Cumulative cost in the sector {p.sector!r}"
    return _over_share(rule.rule_id, rule.limit, prior + p.ticket.minor, state, what)


def _stage_concentration(
    rule: StageConcentrationCap, _: FundTerms, state: FundState, p: ProposedInvestment
) -> Violation | None:
    if rule.stage is not None and rule.stage is not p.stage:
        return None
    prior = state.stage_cost.get(p.stage, 0)
    what = f"Cumulative cost in {p.stage.value} rounds"
    return _over_share(rule.rule_id, rule.limit, prior + p.ticket.minor, state, what)


def _max_public_share(
    rule: MaxPublicShareOfRound, _: FundTerms, __: FundState, p: ProposedInvestment
) -> Violation | None:
    share = Fraction(p.public_money.minor, p.round_size.minor)
    if share <= rule.limit:
        return None
    return Violation(
        rule.rule_id,
        share_text(rule.limit),
        share_text(share),
        f"Public money would be {share_text(share)} of the round "
        f"({p.public_money} of {p.round_size}), above "
        f"{share_text(rule.limit)}: private co-investors must bring the rest.",
    )


def _follow_on_reserve(
    rule: FollowOnReserve, terms: FundTerms, state: FundState, p: ProposedInvestment
) -> Violation | None:
    if p.round_kind is not RoundKind.INITIAL:  # follow-ons draw on the reserve
        return None
    ticket = p.ticket.minor
    required = max(rule.ratio * (state.initial_cost + ticket) - state.follow_on_cost, Fraction(0))
    left = state.dry_powder - ticket
    if left >= required:
        return None
    need = _money(round_quotient(required.numerator, required.denominator, ROUND_CEILING), terms)
    after = _money(left, terms)
    return Violation(
        rule.rule_id,
        str(need),
        str(after),
        f"After this ticket the dry powder would be {after}, less than the follow-on "
        f"reserve of {need} ({rule.ratio} x initial tickets, less follow-ons made).",
    )


def _investment_period_open(
    rule: InvestmentPeriodOpen, terms: FundTerms, state: FundState, p: ProposedInvestment
) -> Violation | None:
    if p.round_kind is not RoundKind.INITIAL:  # follow-ons are always allowed
        return None
    end = terms.investment_period_end
    if p.on >= end:
        return Violation(
            rule.rule_id,
            f"before {end.isoformat()}",
            p.on.isoformat(),
            f"The investment period ended on {end.isoformat()}: only follow-ons are allowed.",
        )
    if state.suspended:
        return Violation(
            rule.rule_id,
            "investment period not suspended",
            "suspended",
            "The investment period is suspended: only follow-ons are allowed.",
        )
    if p.on < terms.first_close:
        return Violation(
            rule.rule_id,
            f"on or after {terms.first_close.isoformat()}",
            p.on.isoformat(),
            f"The investment period has not started (first close {terms.first_close.isoformat()}).",
        )
    return None


CHECKS: Final[dict[type, Check]] = {
    PerCompanyCap: _per_company_cap,
    MinTicket: _min_ticket,
    MaxTicket: _max_ticket,
    MaxOwnership: _max_ownership,
    SectorConcentrationCap: _sector_concentration,
    StageConcentrationCap: _stage_concentration,
    MaxPublicShareOfRound: _max_public_share,
    FollowOnReserve: _follow_on_reserve,
    InvestmentPeriodOpen: _investment_period_open,
}
"""The check of each rule class of ``PolicyRule`` (a test keeps the two in step)."""
