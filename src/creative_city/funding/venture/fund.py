"""The city venture fund: terms, events, the replayed state, policy evaluation, analytics."""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from fractions import Fraction
from typing import Union

import attrs
from dateutil.relativedelta import relativedelta

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    UndefinedResultError,
    ValidationError,
)
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
    share_text,
)
from creative_city.money import Currency, Money, allocate_units, get_currency
from creative_city.serialization import from_data, register_hooks, register_tagged_union, to_data
from creative_city.time import require_date

__all__ = [
    "CallPurpose",
    "CapitalCalled",
    "CapitalDistributed",
    "CommitmentMade",
    "Fund",
    "FundAnalytics",
    "FundEvent",
    "FundStatement",
    "FundTerms",
    "Holding",
    "HoldingExited",
    "HoldingMarked",
    "HoldingStatus",
    "HoldingWrittenOff",
    "InvestmentMade",
    "InvestmentPeriodResumed",
    "InvestmentPeriodSuspended",
    "LPAmount",
    "LPKind",
    "LPStatement",
    "evaluate",
]

MAX_YEARS = 50
"""The longest fund term accepted, in years."""


class LPKind(enum.Enum):
    """Who a limited partner is."""

    CITY_BUDGET = "city_budget"
    PRIVATE = "private"


class CallPurpose(enum.Enum):
    """What a capital call pays for (every purpose counts against commitments)."""

    INVESTMENT = "investment"
    MANAGEMENT_FEE = "management_fee"
    FUND_EXPENSES = "fund_expenses"


class HoldingStatus(enum.Enum):
    """The status of a portfolio company in the fund."""

    ACTIVE = "active"
    EXITED = "exited"
    WRITTEN_OFF = "written_off"


def _to_currency(value: object) -> Currency:
    return get_currency(value)  # type: ignore[arg-type]


def _to_on(value: object) -> _dt.date:
    return require_date(value, "on")


def _check_text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    if not isinstance(value, str) or not value.strip() or len(value) > 200:
        raise ValidationError(attribute.name, value, "must be a non-empty string (<= 200 chars)")


def _check_money(_: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    if not isinstance(value, Money):
        raise InvalidTypeError(attribute.name, value, "must be Money")


def _to_shares(value: Iterable[LPAmount]) -> tuple[LPAmount, ...]:
    shares = tuple(value)
    for index, share in enumerate(shares):
        if not isinstance(share, LPAmount):
            raise InvalidTypeError(f"shares[{index}]", share, "must be an LPAmount")
    return shares


def _check_years(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_YEARS:
        raise ValidationError(attribute.name, value, f"must be an int from 1 to {MAX_YEARS}")


@attrs.frozen
class FundTerms:
    """A fund's constitution: size, currency, periods.

    Attributes:
        name: The fund's name.
        currency: The fund's currency (commitments, calls, tickets).
        target: The target capitalisation (Almaty: 20,000,000,000 KZT).
        hard_cap: Total commitments never exceed it (>= target).
        vintage: The vintage year.
        first_close: The first closing date; the investment period starts here.
        investment_period_years: After this many years only follow-ons are made.
        term_years: The fund's life; nothing is invested or called after it ends.

    >>> terms = FundTerms(
    ...     "Almaty City Venture Fund",
    ...     "KZT",
    ...     Money.of("20000000000", "KZT"),
    ...     Money.of("25000000000", "KZT"),
    ...     2023,
    ...     _dt.date(2023, 1, 1),
    ...     5,
    ...     10,
    ... )
    >>> terms.investment_period_end, terms.term_end
    (datetime.date(2028, 1, 1), datetime.date(2033, 1, 1))
    """

    name: str = attrs.field(validator=_check_text)
    currency: Currency = attrs.field(converter=_to_currency)
    target: Money = attrs.field(validator=_check_money)
    hard_cap: Money = attrs.field(validator=_check_money)
    vintage: int = attrs.field()
    first_close: _dt.date = attrs.field(converter=_to_on)
    investment_period_years: int = attrs.field(validator=_check_years)
    term_years: int = attrs.field(validator=_check_years)

    def __attrs_post_init__(self) -> None:
        for field, money in (("target", self.target), ("hard_cap", self.hard_cap)):
            if money.currency != self.currency:
                raise CurrencyMismatchError(
                    field, money.currency.code, f"must be in the fund currency {self.currency}"
                )
        if not self.target.is_positive():
            raise ValidationError("target", str(self.target), "must be > 0")
        if self.hard_cap < self.target:
            raise ValidationError(
                "hard_cap", str(self.hard_cap), f"must be >= the target {self.target}"
            )
        if not isinstance(self.vintage, int) or isinstance(self.vintage, bool):
            raise InvalidTypeError("vintage", self.vintage, "must be an int year")
        if not 1900 <= self.vintage <= 2200:
            raise ValidationError("vintage", self.vintage, "must be a year from 1900 to 2200")
        if self.investment_period_years > self.term_years:
            raise ValidationError(
                "investment_period_years",
                self.investment_period_years,
                f"must not exceed term_years ({self.term_years})",
            )

    @property
    def investment_period_end(self) -> _dt.date:
        """The first day after the investment period."""
        return self.first_close + relativedelta(years=self.investment_period_years)

    @property
    def term_end(self) -> _dt.date:
        """The first day after the fund's term."""
        return self.first_close + relativedelta(years=self.term_years)


# -- events ------------------------------------------------------------------------


@attrs.frozen
class LPAmount:
    """One limited partner's share of a call or a distribution.

    Attributes:
        lp_id: The limited partner.
        amount: Its share.
    """

    lp_id: str
    amount: Money


@attrs.frozen
class CommitmentMade:
    """A limited partner commits capital (a new LP, or more from an existing one).

    Attributes:
        on: The date.
        lp_id: The LP's id.
        lp_name: Its name.
        lp_kind: City budget or private.
        amount: The commitment (> 0).
    """

    on: _dt.date = attrs.field(converter=_to_on)
    lp_id: str = attrs.field(validator=_check_text)
    lp_name: str = attrs.field(validator=_check_text)
    lp_kind: LPKind = attrs.field(validator=attrs.validators.instance_of(LPKind))
    amount: Money = attrs.field(validator=_check_money)


@attrs.frozen
class CapitalCalled:
    """Capital called from the LPs, pro rata to their uncalled commitments.

    Attributes:
        on: The date.
        call_id: A unique id.
        purpose: Investment, management fee or fund expenses.
        amount: The whole call.
        shares: Each LP's part; they sum exactly to *amount*.
    """

    on: _dt.date = attrs.field(converter=_to_on)
    call_id: str = attrs.field(validator=_check_text)
    purpose: CallPurpose = attrs.field(validator=attrs.validators.instance_of(CallPurpose))
    amount: Money = attrs.field(validator=_check_money)
    shares: tuple[LPAmount, ...] = attrs.field(converter=_to_shares)


@attrs.frozen
class CapitalDistributed:
    """Proceeds paid back to the LPs, pro rata to their paid-in capital.

    Attributes:
        on: The date.
        distribution_id: A unique id.
        amount: The whole distribution.
        shares: Each LP's part; they sum exactly to *amount*.
    """

    on: _dt.date = attrs.field(converter=_to_on)
    distribution_id: str = attrs.field(validator=_check_text)
    amount: Money = attrs.field(validator=_check_money)
    shares: tuple[LPAmount, ...] = attrs.field(converter=_to_shares)


@attrs.frozen
class InvestmentMade:
    """A round closed under an approved decision (the proposal is the record).

    Attributes:
        investment_id: A unique id.
        proposal: The approved proposal; its date is the event's date.
    """

    investment_id: str = attrs.field(validator=_check_text)
    proposal: ProposedInvestment = attrs.field(
        validator=attrs.validators.instance_of(ProposedInvestment)
    )

    @property
    def on(self) -> _dt.date:
        """The round's date."""
        return self.proposal.on


@attrs.frozen
class HoldingMarked:
    """A new fair value for the fund's stake in a company.

    Attributes:
        on: The valuation date.
        company: The company.
        value: The fund's stake's value (>= 0).
    """

    on: _dt.date = attrs.field(converter=_to_on)
    company: str = attrs.field(validator=_check_text)
    value: Money = attrs.field(validator=_check_money)


@attrs.frozen
class HoldingExited:
    """The fund sold its whole stake in a company.

    Attributes:
        on: The date.
        company: The company.
        proceeds: What the fund received (>= 0).
    """

    on: _dt.date = attrs.field(converter=_to_on)
    company: str = attrs.field(validator=_check_text)
    proceeds: Money = attrs.field(validator=_check_money)


@attrs.frozen
class HoldingWrittenOff:
    """The fund's stake in a company is worth nothing (failure, liquidation).

    Attributes:
        on: The date.
        company: The company.
    """

    on: _dt.date = attrs.field(converter=_to_on)
    company: str = attrs.field(validator=_check_text)


@attrs.frozen
class InvestmentPeriodSuspended:
    """The investment period is suspended (e.g. a key-person event): only follow-ons.

    Attributes:
        on: The date.
        reason: Why.
    """

    on: _dt.date = attrs.field(converter=_to_on)
    reason: str = attrs.field(validator=_check_text)


@attrs.frozen
class InvestmentPeriodResumed:
    """A suspended investment period resumes.

    Attributes:
        on: The date.
    """

    on: _dt.date = attrs.field(converter=_to_on)


FundEvent = Union[  # noqa: UP007 - cattrs tagged unions need typing.Union
    CommitmentMade,
    CapitalCalled,
    CapitalDistributed,
    InvestmentMade,
    HoldingMarked,
    HoldingExited,
    HoldingWrittenOff,
    InvestmentPeriodSuspended,
    InvestmentPeriodResumed,
]
"""Any event of a fund (JSON: tagged by ``"type"``, e.g. ``"capital_called"``)."""

_EVENT_TYPES = FundEvent.__args__  # type: ignore[attr-defined]


# -- state -------------------------------------------------------------------------


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


class _State:
    """The fund's folded state (mutable only while folding; copied on apply)."""

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

    def copy(self) -> _State:
        new = _State.__new__(_State)
        for name in _State.__slots__:
            value = getattr(self, name)
            setattr(new, name, value.copy() if isinstance(value, (dict, set)) else value)
        return new

    @property
    def dry_powder(self) -> int:
        return self.total_commitments - self.invested - self.fee_called

    @property
    def cash(self) -> int:
        return (
            self.total_called
            - self.invested
            - self.fee_called
            + self.proceeds
            - self.total_distributed
        )


def _money(units: int, currency: Currency) -> Money:
    return Money.from_minor(units, currency)


# -- policy evaluation -------------------------------------------------------------


def _share_of(part: int, whole: int) -> Fraction | None:
    return Fraction(part, whole) if whole else None


def _violations(
    terms: FundTerms, policy: InvestmentPolicy, state: _State, proposal: ProposedInvestment
) -> list[Violation]:
    cur = terms.currency
    ticket = proposal.ticket.minor
    commitments = state.total_commitments
    holding = state.holdings.get(proposal.company)
    found: list[Violation] = []

    def over_share(rule_id: str, limit: Fraction, part: int, what: str) -> None:
        share = _share_of(part, commitments)
        if share is None:
            found.append(
                Violation(
                    rule_id,
                    share_text(limit),
                    "undefined (no commitments)",
                    f"{what} cannot be measured against commitments: the fund has none yet.",
                )
            )
        elif share > limit:
            found.append(
                Violation(
                    rule_id,
                    share_text(limit),
                    share_text(share),
                    f"{what} would be {share_text(share)} of commitments, above the cap of "
                    f"{share_text(limit)}.",
                )
            )

    # Built-in rules.
    if ticket > state.dry_powder:
        found.append(
            Violation(
                "dry_powder",
                str(_money(state.dry_powder, cur)),
                str(proposal.ticket),
                f"The ticket {proposal.ticket} exceeds the dry powder "
                f"{_money(state.dry_powder, cur)} (commitments not yet invested or spent on fees).",
            )
        )
    if proposal.on >= terms.term_end:
        found.append(
            Violation(
                "within_term",
                f"before {terms.term_end.isoformat()}",
                proposal.on.isoformat(),
                f"The round is dated {proposal.on.isoformat()}, after the fund's term ended "
                f"({terms.term_end.isoformat()}).",
            )
        )
    for rule in policy.rules:
        if isinstance(rule, PerCompanyCap):
            prior = holding.cost.minor if holding is not None else 0
            over_share(
                rule.rule_id,
                rule.limit,
                prior + ticket,
                f"Cumulative cost in {proposal.company} (all rounds)",
            )
        elif isinstance(rule, MinTicket):
            if proposal.ticket < rule.amount:
                found.append(
                    Violation(
                        rule.rule_id,
                        str(rule.amount),
                        str(proposal.ticket),
                        f"The ticket {proposal.ticket} is below the minimum ticket {rule.amount}.",
                    )
                )
        elif isinstance(rule, MaxTicket):
            if proposal.ticket > rule.amount:
                found.append(
                    Violation(
                        rule.rule_id,
                        str(rule.amount),
                        str(proposal.ticket),
                        f"The ticket {proposal.ticket} is above the maximum ticket {rule.amount}.",
                    )
                )
        elif isinstance(rule, MaxOwnership):
            if proposal.ownership_after > rule.limit:
                found.append(
                    Violation(
                        rule.rule_id,
                        share_text(rule.limit),
                        share_text(proposal.ownership_after),
                        f"The fund would own {share_text(proposal.ownership_after)} of "
                        f"{proposal.company}, above the maximum stake of "
                        f"{share_text(rule.limit)} (inclusive).",
                    )
                )
        elif isinstance(rule, SectorConcentrationCap):
            if rule.sector is None or rule.sector == proposal.sector:
                prior = state.sector_cost.get(proposal.sector, 0)
                over_share(
                    rule.rule_id,
                    rule.limit,
                    prior + ticket,
                    f"Cumulative cost in the sector {proposal.sector!r}",
                )
        elif isinstance(rule, StageConcentrationCap):
            if rule.stage is None or rule.stage is proposal.stage:
                prior = state.stage_cost.get(proposal.stage, 0)
                over_share(
                    rule.rule_id,
                    rule.limit,
                    prior + ticket,
                    f"Cumulative cost in {proposal.stage.value} rounds",
                )
        elif isinstance(rule, MaxPublicShareOfRound):
            share = Fraction(proposal.public_money.minor, proposal.round_size.minor)
            if share > rule.limit:
                found.append(
                    Violation(
                        rule.rule_id,
                        share_text(rule.limit),
                        share_text(share),
                        f"Public money would be {share_text(share)} of the round "
                        f"({proposal.public_money} of {proposal.round_size}), above "
                        f"{share_text(rule.limit)}: private co-investors must bring the rest.",
                    )
                )
        elif isinstance(rule, FollowOnReserve):
            if proposal.round_kind is RoundKind.INITIAL:
                required = rule.ratio * (state.initial_cost + ticket) - state.follow_on_cost
                required = max(required, Fraction(0))
                left = state.dry_powder - ticket
                if left < required:
                    need = -(-required.numerator // required.denominator)  # ceiling
                    found.append(
                        Violation(
                            rule.rule_id,
                            str(_money(need, cur)),
                            str(_money(left, cur)),
                            f"After this ticket the dry powder would be {_money(left, cur)}, "
                            f"less than the follow-on reserve of {_money(need, cur)} "
                            f"({rule.ratio} x initial tickets, less follow-ons made).",
                        )
                    )
        elif isinstance(rule, InvestmentPeriodOpen) and proposal.round_kind is RoundKind.INITIAL:
            end = terms.investment_period_end
            if proposal.on >= end:
                found.append(
                    Violation(
                        rule.rule_id,
                        f"before {end.isoformat()}",
                        proposal.on.isoformat(),
                        f"The investment period ended on {end.isoformat()}: "
                        "only follow-ons are allowed.",
                    )
                )
            elif state.suspended:
                found.append(
                    Violation(
                        rule.rule_id,
                        "investment period not suspended",
                        "suspended",
                        "The investment period is suspended: only follow-ons are allowed.",
                    )
                )
            elif proposal.on < terms.first_close:
                found.append(
                    Violation(
                        rule.rule_id,
                        f"on or after {terms.first_close.isoformat()}",
                        proposal.on.isoformat(),
                        "The investment period has not started (first close "
                        f"{terms.first_close.isoformat()}).",
                    )
                )
    found.sort(key=lambda v: v.rule_id)
    return found


def _check_proposal(terms: FundTerms, state: _State, proposal: ProposedInvestment) -> None:
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
    holding = state.holdings.get(proposal.company)
    if proposal.round_kind is RoundKind.INITIAL and holding is not None:
        raise InvalidStateError(
            "proposal.round_kind",
            "initial",
            f"the fund already holds {proposal.company!r}: propose a follow-on",
        )
    if proposal.round_kind is RoundKind.FOLLOW_ON:
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


# -- the fund ----------------------------------------------------------------------


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
    _state: _State

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
        state: _State,
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
        return cls._make(terms, policy, (), _State())

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
        state = _State()
        recorded: list[FundEvent] = []
        for index, event in enumerate(events):
            try:
                _apply(fund.terms, fund.policy, state, event)
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
        _apply(self._terms, self._policy, state, event)
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
        shares = _call_shares(self._terms, self._state, amount, "amount")
        return self.apply(CapitalCalled(on, call_id, purpose, amount, shares))

    def distribute(self, distribution_id: str, on: _dt.date, amount: Money) -> Fund:
        """Distribute *amount* of realised proceeds to the LPs pro rata to paid-in capital.

        Raises:
            InvalidStateError: If the fund has made no investment yet.
            LimitExceededError: If *amount* exceeds the proceeds not yet distributed.
        """
        shares = _distribution_shares(self._terms, self._state, amount, "amount")
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
        return self._m(self._state.total_commitments - self._state.total_called)

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
        active = sum(
            h.value.minor for h in self._state.holdings.values() if h.status is HoldingStatus.ACTIVE
        )
        return self._m(active + self._state.cash)

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
        s = self._state
        return tuple(
            LPStatement(
                lp_id,
                name,
                kind,
                self._m(s.commitments[lp_id]),
                self._m(s.called[lp_id]),
                self._m(s.commitments[lp_id] - s.called[lp_id]),
                self._m(s.distributed[lp_id]),
            )
            for lp_id, (name, kind) in s.lps.items()
        )

    def analytics(self) -> FundAnalytics:
        """Return paid-in, distributed, NAV, dry powder and the multiples."""
        s = self._state
        nav = self.nav
        realised_and_unrealised = s.proceeds + sum(
            h.value.minor for h in s.holdings.values() if h.status is HoldingStatus.ACTIVE
        )
        undefined: list[str] = []
        dpi = rvpi = tvpi = moic = None
        if s.total_called:
            dpi = Fraction(s.total_distributed, s.total_called)
            rvpi = Fraction(nav.minor, s.total_called)
            tvpi = dpi + rvpi
        else:
            undefined.append("dpi, rvpi, tvpi: undefined because paid-in capital is zero")
        if s.invested:
            moic = Fraction(realised_and_unrealised, s.invested)
        else:
            undefined.append("moic: undefined because nothing has been invested")
        return FundAnalytics(
            commitments=self.commitments,
            paid_in=self.paid_in,
            uncalled=self.uncalled,
            distributed=self.distributed,
            invested=self.invested,
            nav=nav,
            dry_powder=self.dry_powder,
            dpi=dpi,
            rvpi=rvpi,
            tvpi=tvpi,
            moic=moic,
            undefined=tuple(undefined),
        )

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


# -- applying events ---------------------------------------------------------------


def _check_amount(terms: FundTerms, amount: object, field: str, *, positive: bool) -> Money:
    if not isinstance(amount, Money):
        raise InvalidTypeError(field, amount, "must be Money")
    if amount.currency != terms.currency:
        raise CurrencyMismatchError(
            field,
            f"{amount.currency.code} vs fund {terms.currency.code}",
            "must be in the fund's currency",
        )
    if positive and not amount.is_positive():
        raise ValidationError(field, str(amount), "must be > 0")
    if amount.is_negative():
        raise ValidationError(field, str(amount), "must be >= 0")
    return amount


def _call_shares(
    terms: FundTerms, state: _State, amount: Money, field: str
) -> tuple[LPAmount, ...]:
    _check_amount(terms, amount, field, positive=True)
    uncalled = state.total_commitments - state.total_called
    if amount.minor > uncalled:
        raise LimitExceededError(
            field,
            str(amount),
            f"calls never exceed uncalled commitments ({_money(uncalled, terms.currency)})",
        )
    ids = list(state.lps)
    weights = [state.commitments[i] - state.called[i] for i in ids]
    units = allocate_units(amount.minor, weights)
    return tuple(LPAmount(i, _money(u, terms.currency)) for i, u in zip(ids, units, strict=True))


def _distribution_shares(
    terms: FundTerms, state: _State, amount: Money, field: str
) -> tuple[LPAmount, ...]:
    if state.invested == 0 and not state.holdings:
        raise InvalidStateError(
            field, str(amount), "nothing to distribute: the fund has made no investment yet"
        )
    _check_amount(terms, amount, field, positive=True)
    available = state.proceeds - state.total_distributed
    if amount.minor > available:
        raise LimitExceededError(
            field,
            str(amount),
            f"distributions never exceed realised proceeds not yet distributed "
            f"({_money(available, terms.currency)})",
        )
    ids = list(state.lps)
    basis = state.called if state.total_called else state.commitments
    units = allocate_units(amount.minor, [basis[i] for i in ids])
    return tuple(LPAmount(i, _money(u, terms.currency)) for i, u in zip(ids, units, strict=True))


def _check_shares(expected: tuple[LPAmount, ...], given: tuple[LPAmount, ...]) -> None:
    if tuple(given) != expected:
        raise ValidationError(
            "shares",
            [f"{s.lp_id}: {s.amount}" for s in given][:5],
            "must be the pro-rata split the fund computes "
            f"({[f'{s.lp_id}: {s.amount}' for s in expected][:5]})",
        )


def _check_id(state: _State, value: str, field: str) -> None:
    if value in state.ids:
        raise ValidationError(
            field, value, "ids of calls, distributions and investments are unique"
        )


def _holding(state: _State, company: str) -> Holding:
    holding = state.holdings.get(company)
    if holding is None:
        raise InvalidStateError("company", company, "the fund holds no stake in this company")
    if holding.status is not HoldingStatus.ACTIVE:
        raise InvalidStateError("company", company, f"the holding is {holding.status.value}")
    return holding


def _apply(terms: FundTerms, policy: InvestmentPolicy, state: _State, event: object) -> None:
    """Check *event* against *state* and fold it in (state untouched on error)."""
    if not isinstance(event, _EVENT_TYPES):
        raise InvalidTypeError("event", event, "must be a fund event")
    on: _dt.date = event.on
    if state.last_on is not None and on < state.last_on:
        raise ValidationError(
            "on",
            on.isoformat(),
            f"is before the last event ({state.last_on.isoformat()}); events are in date order",
        )
    cur = terms.currency
    if isinstance(event, CommitmentMade):
        _check_amount(terms, event.amount, "amount", positive=True)
        if on >= terms.term_end:
            raise InvalidStateError("on", on.isoformat(), "the fund's term has ended")
        known = state.lps.get(event.lp_id)
        if known is not None and known != (event.lp_name, event.lp_kind):
            raise ValidationError(
                "lp_id", event.lp_id, f"is already {known[0]!r} ({known[1].value})"
            )
        total = state.total_commitments + event.amount.minor
        if total > terms.hard_cap.minor:
            raise LimitExceededError(
                "amount",
                str(event.amount),
                f"total commitments would be {_money(total, cur)}, above the hard cap "
                f"{terms.hard_cap}",
            )
        if known is None:
            state.lps[event.lp_id] = (event.lp_name, event.lp_kind)
            state.commitments[event.lp_id] = 0
            state.called[event.lp_id] = 0
            state.distributed[event.lp_id] = 0
        state.commitments[event.lp_id] += event.amount.minor
        state.total_commitments = total
    elif isinstance(event, CapitalCalled):
        _check_id(state, event.call_id, "call_id")
        if on >= terms.term_end:
            raise InvalidStateError("on", on.isoformat(), "the fund's term has ended")
        _check_shares(_call_shares(terms, state, event.amount, "amount"), event.shares)
        for share in event.shares:
            state.called[share.lp_id] += share.amount.minor
        state.total_called += event.amount.minor
        if event.purpose is not CallPurpose.INVESTMENT:
            state.fee_called += event.amount.minor
        state.ids.add(event.call_id)
    elif isinstance(event, CapitalDistributed):
        _check_id(state, event.distribution_id, "distribution_id")
        _check_shares(_distribution_shares(terms, state, event.amount, "amount"), event.shares)
        for share in event.shares:
            state.distributed[share.lp_id] += share.amount.minor
        state.total_distributed += event.amount.minor
        state.ids.add(event.distribution_id)
    elif isinstance(event, InvestmentMade):
        _check_id(state, event.investment_id, "investment_id")
        proposal = event.proposal
        _check_proposal(terms, state, proposal)
        broken = _violations(terms, policy, state, proposal)
        if broken:
            raise LimitExceededError(
                "proposal",
                [v.rule_id for v in broken],
                "the proposal breaks the investment policy: " + " ".join(v.message for v in broken),
            )
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
                Money.zero(cur),
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
        state.sector_cost[proposal.sector] = (
            state.sector_cost.get(proposal.sector, 0) + ticket.minor
        )
        state.stage_cost[proposal.stage] = state.stage_cost.get(proposal.stage, 0) + ticket.minor
        state.ids.add(event.investment_id)
    elif isinstance(event, HoldingMarked):
        _check_amount(terms, event.value, "value", positive=False)
        old = _holding(state, event.company)
        state.holdings[event.company] = attrs.evolve(old, value=event.value)
    elif isinstance(event, HoldingExited):
        _check_amount(terms, event.proceeds, "proceeds", positive=False)
        old = _holding(state, event.company)
        state.holdings[event.company] = attrs.evolve(
            old, value=Money.zero(cur), status=HoldingStatus.EXITED, proceeds=event.proceeds
        )
        state.proceeds += event.proceeds.minor
    elif isinstance(event, HoldingWrittenOff):
        old = _holding(state, event.company)
        state.holdings[event.company] = attrs.evolve(
            old, value=Money.zero(cur), status=HoldingStatus.WRITTEN_OFF
        )
    elif isinstance(event, InvestmentPeriodSuspended):
        if state.suspended:
            raise InvalidStateError(
                "on", on.isoformat(), "the investment period is already suspended"
            )
        state.suspended = True
    elif isinstance(event, InvestmentPeriodResumed):
        if not state.suspended:
            raise InvalidStateError("on", on.isoformat(), "the investment period is not suspended")
        state.suspended = False
    state.last_on = on
    state.version += 1


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
    _check_proposal(fund.terms, state, proposal)
    violations = _violations(fund.terms, fund.policy, state, proposal)
    return PolicyDecision(proposal, state.version, tuple(violations))


# -- statements --------------------------------------------------------------------


@attrs.frozen
class LPStatement:
    """One limited partner's account.

    Attributes:
        lp_id: The LP.
        name: Its name.
        kind: City budget or private.
        committed: Its commitment.
        called: Capital called from it.
        uncalled: ``committed - called``.
        distributed: What it received.
    """

    lp_id: str
    name: str
    kind: LPKind
    committed: Money
    called: Money
    uncalled: Money
    distributed: Money


@attrs.frozen
class FundAnalytics:
    """The fund's figures and multiples (exact fractions).

    DPI = distributed / paid-in, RVPI = NAV / paid-in, TVPI = DPI + RVPI (LP view, net
    of fees); MOIC = (exit proceeds + value of active holdings) / invested cost
    (portfolio view, gross). A multiple whose base is zero is ``None`` and
    :attr:`undefined` says why.

    Attributes:
        commitments: Total commitments.
        paid_in: Capital called.
        uncalled: Commitments not called.
        distributed: Distributions to LPs.
        invested: Cost of all rounds.
        nav: Net asset value (holdings + cash).
        dry_powder: Commitments not invested nor spent on fees.
        dpi: Distributions to paid-in.
        rvpi: Residual value to paid-in.
        tvpi: Total value to paid-in.
        moic: Multiple on invested capital.
        undefined: Why a multiple is ``None``, one sentence each.
    """

    commitments: Money
    paid_in: Money
    uncalled: Money
    distributed: Money
    invested: Money
    nav: Money
    dry_powder: Money
    dpi: Fraction | None
    rvpi: Fraction | None
    tvpi: Fraction | None
    moic: Fraction | None
    undefined: tuple[str, ...] = ()

    def ratio(self, name: str) -> Fraction:
        """Return the multiple *name* (``"dpi"``, ``"rvpi"``, ``"tvpi"``, ``"moic"``).

        Raises:
            UndefinedResultError: If it is undefined (zero base).
        """
        if name not in ("dpi", "rvpi", "tvpi", "moic"):
            raise ValidationError("name", name, "must be one of dpi, rvpi, tvpi, moic")
        value: Fraction | None = getattr(self, name)
        if value is None:
            reason = next((u for u in self.undefined if name in u.split(":")[0]), "undefined")
            raise UndefinedResultError(name, None, reason)
        return value


@attrs.frozen(repr=False)
class FundStatement:
    """Per-LP statements and fund analytics as of a date.

    Attributes:
        fund: The fund's name.
        currency: Its currency.
        as_of: The date of the last event (``None`` for a fund without events).
        lps: One statement per LP, in order of first commitment.
        analytics: The fund's figures.
    """

    fund: str
    currency: Currency
    as_of: _dt.date | None
    lps: tuple[LPStatement, ...]
    analytics: FundAnalytics

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per LP (amounts as Decimals, kind as text)."""
        return [
            {
                "lp_id": s.lp_id,
                "name": s.name,
                "kind": s.kind.value,
                "committed": s.committed.amount,
                "called": s.called.amount,
                "uncalled": s.uncalled.amount,
                "distributed": s.distributed.amount,
            }
            for s in self.lps
        ]

    def __repr__(self) -> str:
        a = self.analytics
        tvpi = "undefined" if a.tvpi is None else f"{float(a.tvpi):.4f}"
        return (
            f"FundStatement({self.fund!r} as of {self.as_of}, {len(self.lps)} LPs, "
            f"paid-in {a.paid_in}, NAV {a.nav}, TVPI {tvpi})"
        )


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


register_tagged_union(FundEvent, tag="type")
register_hooks(Fund, structure=_structure_fund, unstructure=_unstructure_fund)
