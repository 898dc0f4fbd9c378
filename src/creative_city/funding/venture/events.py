"""The events of a fund's log: commitments, calls, distributions, rounds, marks, exits.

Each event is a frozen record; :class:`~creative_city.funding.venture.fund.Fund` checks
it against the fund's state before folding it in (see
:mod:`creative_city.funding.venture.fold`). In JSON an event is tagged by ``"type"``
(``"capital_called"``, ``"investment_made"``, ...).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from typing import Union

import attrs

from creative_city.errors import InvalidTypeError
from creative_city.funding.venture.fields import check_money, check_text, to_date
from creative_city.funding.venture.policy import ProposedInvestment
from creative_city.funding.venture.terms import LPKind
from creative_city.money import Money
from creative_city.operation import SCHEMA_KEY
from creative_city.serialization import register_tagged_union

__all__ = [
    "CallPurpose",
    "CapitalCalled",
    "CapitalDistributed",
    "CommitmentMade",
    "FundEvent",
    "HoldingExited",
    "HoldingMarked",
    "HoldingWrittenOff",
    "InvestmentMade",
    "InvestmentPeriodResumed",
    "InvestmentPeriodSuspended",
    "LPAmount",
]

_POSITIVE = {SCHEMA_KEY: {"exclusiveMinimum": 0}}
_NON_NEGATIVE = {SCHEMA_KEY: {"minimum": 0}}


class CallPurpose(enum.Enum):
    """What a capital call pays for (every purpose counts against commitments)."""

    INVESTMENT = "investment"
    MANAGEMENT_FEE = "management_fee"
    FUND_EXPENSES = "fund_expenses"


def _to_shares(value: Iterable[LPAmount]) -> tuple[LPAmount, ...]:
    shares = tuple(value)
    for index, share in enumerate(shares):
        if not isinstance(share, LPAmount):
            raise InvalidTypeError(f"shares[{index}]", share, "must be an LPAmount")
    return shares


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

    on: _dt.date = attrs.field(converter=to_date)
    lp_id: str = attrs.field(validator=check_text)
    lp_name: str = attrs.field(validator=check_text)
    lp_kind: LPKind = attrs.field(validator=attrs.validators.instance_of(LPKind))
    amount: Money = attrs.field(validator=check_money, metadata=_POSITIVE)


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

    on: _dt.date = attrs.field(converter=to_date)
    call_id: str = attrs.field(validator=check_text)
    purpose: CallPurpose = attrs.field(validator=attrs.validators.instance_of(CallPurpose))
    amount: Money = attrs.field(validator=check_money, metadata=_POSITIVE)
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

    on: _dt.date = attrs.field(converter=to_date)
    distribution_id: str = attrs.field(validator=check_text)
    amount: Money = attrs.field(validator=check_money, metadata=_POSITIVE)
    shares: tuple[LPAmount, ...] = attrs.field(converter=_to_shares)


@attrs.frozen
class InvestmentMade:
    """A round closed under an approved decision (the proposal is the record).

    Attributes:
        investment_id: A unique id.
        proposal: The approved proposal; its date is the event's date.
    """

    investment_id: str = attrs.field(validator=check_text)
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

    on: _dt.date = attrs.field(converter=to_date)
    company: str = attrs.field(validator=check_text)
    value: Money = attrs.field(validator=check_money, metadata=_NON_NEGATIVE)


@attrs.frozen
class HoldingExited:
    """The fund sold its whole stake in a company.

    Attributes:
        on: The date.
        company: The company.
        proceeds: What the fund received (>= 0).
    """

    on: _dt.date = attrs.field(converter=to_date)
    company: str = attrs.field(validator=check_text)
    proceeds: Money = attrs.field(validator=check_money, metadata=_NON_NEGATIVE)


@attrs.frozen
class HoldingWrittenOff:
    """The fund's stake in a company is worth nothing (failure, liquidation).

    Attributes:
        on: The date.
        company: The company.
    """

    on: _dt.date = attrs.field(converter=to_date)
    company: str = attrs.field(validator=check_text)


@attrs.frozen
class InvestmentPeriodSuspended:
    """The investment period is suspended (e.g. a key-person event): only follow-ons.

    Attributes:
        on: The date.
        reason: Why.
    """

    on: _dt.date = attrs.field(converter=to_date)
    reason: str = attrs.field(validator=check_text)


@attrs.frozen
class InvestmentPeriodResumed:
    """A suspended investment period resumes.

    Attributes:
        on: The date.
    """

    on: _dt.date = attrs.field(converter=to_date)


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

register_tagged_union(FundEvent, tag="type")
