"""The venture fund's investment policy: named rules, proposals, violations, decisions."""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from fractions import Fraction
from typing import Union, get_args

import attrs

from creative_city.errors import CurrencyMismatchError, InvalidTypeError, ValidationError
from creative_city.funding.venture.fields import check_text, to_date
from creative_city.money import Money, to_decimal
from creative_city.operation import SCHEMA_KEY, states
from creative_city.serialization import register_tagged_union

__all__ = [
    "FollowOnReserve",
    "InvestmentPeriodOpen",
    "InvestmentPolicy",
    "InvestmentStage",
    "MaxOwnership",
    "MaxPublicShareOfRound",
    "MaxTicket",
    "MinTicket",
    "PerCompanyCap",
    "PolicyDecision",
    "PolicyRule",
    "ProposedInvestment",
    "RoundKind",
    "SectorConcentrationCap",
    "StageConcentrationCap",
    "Violation",
    "share_text",
]

BUILT_IN_RULES = ("dry_powder", "within_term")
"""Rule ids checked for every proposal whatever the policy says (reserved ids)."""


class RoundKind(enum.Enum):
    """Whether a round is the fund's first in a company or a follow-on."""

    INITIAL = "initial"
    FOLLOW_ON = "follow_on"


class InvestmentStage(enum.Enum):
    """The stage of a financing round."""

    PRE_SEED = "pre_seed"
    SEED = "seed"
    SERIES_A = "series_a"
    SERIES_B = "series_b"
    SERIES_C = "series_c"
    GROWTH = "growth"


def share_text(value: Fraction) -> str:
    """Return an exact share as text: ``"49/100 (49%)"``, or ``"1/3 (33.33...%)"``.

    >>> share_text(Fraction(49, 100)), share_text(Fraction(1, 3))
    ('49/100 (49%)', '1/3 (~33.3333%)')
    """
    percent = value * 100
    if percent.denominator == 1 or (10**6 % percent.denominator == 0):
        shown = f"{Decimal(percent.numerator) / Decimal(percent.denominator):f}"
        return f"{value} ({shown}%)"
    return f"{value} (~{float(percent):.4f}%)"


def _share(value: object, field: str, *, allow_above_one: bool = False) -> Fraction:
    if isinstance(value, Fraction):
        share = value
    elif isinstance(value, (int, str, Decimal)) and not isinstance(value, bool):
        share = Fraction(to_decimal(value, field))
    else:
        raise InvalidTypeError(
            field, value, "must be an exact Fraction, int, Decimal or decimal string"
        )
    if share < 0 or (share > 1 and not allow_above_one):
        raise ValidationError(
            field, str(share), "must be between 0 and 1 (a share; 49% is Fraction(49, 100))"
        )
    return share


_SHARE = {SCHEMA_KEY: {"minimum": 0, "maximum": 1}}
"""A share's bounds, stated in its schema."""


def _to_limit(value: object) -> Fraction:
    return _share(value, "limit")


def _to_ratio(value: object) -> Fraction:
    return _share(value, "ratio", allow_above_one=True)


@states(minLength=1, maxLength=64)
def _check_rule_id(_: object, __: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value or len(value) > 64:
        raise ValidationError("rule_id", value, "must be a non-empty string of at most 64 chars")
    if value in BUILT_IN_RULES:
        raise ValidationError("rule_id", value, f"is reserved for a built-in rule {BUILT_IN_RULES}")


@states(minimum=0)
def _check_non_negative_money(_: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    if not isinstance(value, Money):
        raise InvalidTypeError(attribute.name, value, "must be Money")
    if value.is_negative():
        raise ValidationError(attribute.name, str(value), "must be >= 0")


@attrs.frozen
class PerCompanyCap:
    """Cumulative cost in one company (all its rounds) <= *limit* x total commitments.

    Attributes:
        limit: The largest share of commitments in one company, e.g. ``Fraction(1, 10)``.
        rule_id: The rule's id in decisions.
    """

    limit: Fraction = attrs.field(converter=_to_limit, metadata=_SHARE)
    rule_id: str = attrs.field(default="per_company_cap", validator=_check_rule_id)


@attrs.frozen
class MinTicket:
    """The fund's ticket in a round is at least *amount*.

    Attributes:
        amount: The smallest ticket.
        rule_id: The rule's id in decisions.
    """

    amount: Money = attrs.field(validator=_check_non_negative_money)
    rule_id: str = attrs.field(default="min_ticket", validator=_check_rule_id)


@attrs.frozen
class MaxTicket:
    """The fund's ticket in a round is at most *amount*.

    Attributes:
        amount: The largest ticket.
        rule_id: The rule's id in decisions.
    """

    amount: Money = attrs.field(validator=_check_non_negative_money)
    rule_id: str = attrs.field(default="max_ticket", validator=_check_rule_id)


@attrs.frozen
class MaxOwnership:
    """The fund's stake after the round is at most *limit*, inclusive ("up to 49%").

    Attributes:
        limit: The largest stake, e.g. ``Fraction(49, 100)``.
        rule_id: The rule's id in decisions.
    """

    limit: Fraction = attrs.field(converter=_to_limit, metadata=_SHARE)
    rule_id: str = attrs.field(default="max_ownership", validator=_check_rule_id)


@attrs.frozen
class SectorConcentrationCap:
    """Cumulative cost in a sector <= *limit* x total commitments.

    Attributes:
        limit: The largest share of commitments in one sector.
        sector: The sector the cap applies to; ``None`` applies it to every sector.
        rule_id: The rule's id in decisions.
    """

    limit: Fraction = attrs.field(converter=_to_limit, metadata=_SHARE)
    sector: str | None = None
    rule_id: str = attrs.field(default="sector_concentration", validator=_check_rule_id)


@attrs.frozen
class StageConcentrationCap:
    """Cumulative cost in rounds of a stage <= *limit* x total commitments.

    Attributes:
        limit: The largest share of commitments at one stage.
        stage: The stage the cap applies to; ``None`` applies it to every stage.
        rule_id: The rule's id in decisions.
    """

    limit: Fraction = attrs.field(converter=_to_limit, metadata=_SHARE)
    stage: InvestmentStage | None = None
    rule_id: str = attrs.field(default="stage_concentration", validator=_check_rule_id)


@attrs.frozen
class MaxPublicShareOfRound:
    """Mandatory private co-investment: public money (the fund's ticket plus other
    public money) is at most *limit* of the round.

    Attributes:
        limit: The largest public share of a round, e.g. ``Fraction(1, 2)``.
        rule_id: The rule's id in decisions.
    """  # noqa: D205

    limit: Fraction = attrs.field(converter=_to_limit, metadata=_SHARE)
    rule_id: str = attrs.field(default="max_public_share", validator=_check_rule_id)


@attrs.frozen
class FollowOnReserve:
    """Keep *ratio* x (initial tickets) in reserve for follow-ons.

    For an initial ticket ``T`` the dry powder left after it must cover
    ``ratio * (initial cost + T) - follow-on cost`` (never below zero). Follow-on
    proposals draw on the reserve and are not checked by this rule.

    Attributes:
        ratio: Reserve per unit of initial ticket, e.g. ``Fraction(1)`` for 1:1.
        rule_id: The rule's id in decisions.
    """

    ratio: Fraction = attrs.field(converter=_to_ratio, metadata={SCHEMA_KEY: {"minimum": 0}})
    rule_id: str = attrs.field(default="follow_on_reserve", validator=_check_rule_id)


@attrs.frozen
class InvestmentPeriodOpen:
    """Initial investments only inside the investment period and while not suspended.

    Attributes:
        rule_id: The rule's id in decisions.
    """

    rule_id: str = attrs.field(default="investment_period_open", validator=_check_rule_id)


PolicyRule = Union[  # noqa: UP007 - cattrs tagged unions need typing.Union
    PerCompanyCap,
    MinTicket,
    MaxTicket,
    MaxOwnership,
    SectorConcentrationCap,
    StageConcentrationCap,
    MaxPublicShareOfRound,
    FollowOnReserve,
    InvestmentPeriodOpen,
]
"""Any rule of an :class:`InvestmentPolicy` (JSON: tagged by ``"type"``)."""

_RULE_TYPES = get_args(PolicyRule)


def _to_rules(values: object) -> tuple[PolicyRule, ...]:
    if isinstance(values, (str, bytes)) or not isinstance(values, (list, tuple)):
        raise InvalidTypeError("rules", values, "must be a sequence of policy rules")
    rules = tuple(values)
    seen: set[str] = set()
    for index, rule in enumerate(rules):
        if not isinstance(rule, _RULE_TYPES):
            raise InvalidTypeError(f"rules[{index}]", rule, "must be a policy rule")
        if rule.rule_id in seen:
            raise ValidationError(f"rules[{index}].rule_id", rule.rule_id, "rule ids are unique")
        seen.add(rule.rule_id)
    return rules


@attrs.frozen
class InvestmentPolicy:
    """The fund's investment policy: a list of named rules with parameters.

    Two rules are always checked on top of these (their ids are reserved):
    ``dry_powder`` (the ticket fits in commitments not yet invested or spent on fees)
    and ``within_term`` (the round is dated before the fund's term ends).

    Attributes:
        rules: The rules, each with a unique ``rule_id``.
    """

    rules: tuple[PolicyRule, ...] = attrs.field(converter=_to_rules, factory=tuple)


def _to_fraction_ownership(value: object) -> Fraction:
    if isinstance(value, Fraction):
        share = value
    elif isinstance(value, (int, str, Decimal)) and not isinstance(value, bool):
        share = Fraction(to_decimal(value, "ownership_after"))
    else:
        raise InvalidTypeError("ownership_after", value, "must be an exact Fraction or Decimal")
    if not 0 < share <= 1:
        raise ValidationError("ownership_after", str(share), "must be above 0 and at most 1 (100%)")
    return share


@attrs.frozen
class ProposedInvestment:
    """A proposed round: who, what, how much, and the stake the fund ends up with.

    Attributes:
        company: The portfolio company's name (its key in the fund).
        sector: Its sector, e.g. ``"music"``, ``"games"``, ``"IT"``.
        stage: The round's stage.
        round_kind: ``INITIAL`` (first investment in the company) or ``FOLLOW_ON``.
        on: The closing date of the round.
        round_size: The whole round, all investors together.
        ticket: The fund's part of the round (> 0).
        ownership_after: The fund's stake after the round, in ``(0, 1]``.
        other_public: Other public money in the round (state programmes, the city),
            counted with the ticket as public money; ``None`` for none.

    Raises:
        ValidationError: A ticket <= 0, an ownership outside ``(0, 1]``, or a round
            smaller than the ticket plus the other public money.
        CurrencyMismatchError: If the amounts are in different currencies.
    """

    company: str = attrs.field(validator=check_text)
    sector: str = attrs.field(validator=check_text)
    stage: InvestmentStage = attrs.field(validator=attrs.validators.instance_of(InvestmentStage))
    round_kind: RoundKind = attrs.field(validator=attrs.validators.instance_of(RoundKind))
    on: _dt.date = attrs.field(converter=to_date)
    round_size: Money = attrs.field(validator=attrs.validators.instance_of(Money))
    ticket: Money = attrs.field(
        validator=attrs.validators.instance_of(Money),
        metadata={SCHEMA_KEY: {"exclusiveMinimum": 0}},
    )
    ownership_after: Fraction = attrs.field(
        converter=_to_fraction_ownership,
        metadata={SCHEMA_KEY: {"exclusiveMinimum": 0, "maximum": 1}},
    )
    other_public: Money | None = attrs.field(default=None, metadata={SCHEMA_KEY: {"minimum": 0}})

    def __attrs_post_init__(self) -> None:
        if not self.ticket.is_positive():
            raise ValidationError("ticket", str(self.ticket), "must be > 0")
        other = self.other_public
        for name, money in (("round_size", self.round_size), ("other_public", other)):
            if money is not None and money.currency != self.ticket.currency:
                raise CurrencyMismatchError(
                    name,
                    f"{money.currency.code} vs ticket {self.ticket.currency.code}",
                    "a proposal's amounts are in one currency",
                )
        if other is not None and other.is_negative():
            raise ValidationError("other_public", str(other), "must be >= 0")
        public = self.ticket + (other or 0)
        if self.round_size < public:
            raise ValidationError(
                "round_size",
                str(self.round_size),
                f"must be at least the public money in it ({public})",
            )

    @property
    def public_money(self) -> Money:
        """The ticket plus other public money."""
        return self.ticket + (self.other_public or 0)


@attrs.frozen
class Violation:
    """One broken rule: its id, the limit, the actual value and a sentence.

    Attributes:
        rule_id: The rule's id.
        limit: The limit, as text (money ``"1000.00 KZT"``, a share ``"49/100 (49%)"``
            or a date).
        actual: The proposal's value, in the same form.
        message: One sentence saying what is wrong.
    """

    rule_id: str
    limit: str
    actual: str
    message: str


@attrs.frozen(repr=False)
class PolicyDecision:
    """The outcome of evaluating a proposal against a fund's policy.

    Only :func:`evaluate` makes decisions worth anything: recording an investment
    re-evaluates the proposal and accepts the decision only if it is identical and
    approved, so editing a decision (dropping a violation) gets nowhere.

    Attributes:
        proposal: The proposal evaluated.
        fund_version: The number of events of the fund when it was evaluated.
        violations: Every rule broken, sorted by rule id (empty when approved).
    """

    proposal: ProposedInvestment
    fund_version: int
    violations: tuple[Violation, ...]

    @property
    def approved(self) -> bool:
        """Whether no rule is broken."""
        return not self.violations

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per violation (rule_id, limit, actual, message)."""
        return [attrs.asdict(v) for v in self.violations]

    def __repr__(self) -> str:
        head = (
            f"PolicyDecision({self.proposal.company!r}, {self.proposal.round_kind.value}, "
            f"ticket {self.proposal.ticket}: "
        )
        if self.approved:
            return head + "approved)"
        broken = ", ".join(v.rule_id for v in self.violations)
        return head + f"rejected by {broken})"


register_tagged_union(PolicyRule, tag="type")
