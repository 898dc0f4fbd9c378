"""Capital calls and distributions: their limits and their pro-rata splits across LPs.

* A call never exceeds the uncalled commitments (fee and expense calls included) and is
  split pro rata to each LP's **uncalled** commitment, so no LP is ever called beyond
  its own commitment.
* A distribution never exceeds the exit proceeds not yet distributed and is split pro
  rata to each LP's paid-in capital (to commitments before the first call).

Splits use :func:`~creative_city.money.allocate_units` (largest remainder): the shares
sum exactly to the whole, to the minor unit.
"""

from __future__ import annotations

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.funding.venture.events import LPAmount
from creative_city.funding.venture.state import FundState
from creative_city.funding.venture.terms import FundTerms
from creative_city.money import Money, allocate_units

__all__ = ["call_shares", "check_amount", "check_shares", "distribution_shares"]


def check_amount(terms: FundTerms, amount: object, field: str, *, positive: bool) -> Money:
    """Return *amount* if it is money in the fund's currency, > 0 or >= 0.

    Raises:
        InvalidTypeError: If it is not money.
        CurrencyMismatchError: If it is in another currency.
        ValidationError: If it is not > 0 (*positive*) or is negative.
    """
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


def _split(terms: FundTerms, units: int, weights: dict[str, int]) -> tuple[LPAmount, ...]:
    shares = allocate_units(units, list(weights.values()))
    return tuple(
        LPAmount(lp_id, Money.from_minor(share, terms.currency))
        for lp_id, share in zip(weights, shares, strict=True)
    )


def call_shares(
    terms: FundTerms, state: FundState, amount: Money, field: str
) -> tuple[LPAmount, ...]:
    """Return each LP's share of a call of *amount*, pro rata to uncalled commitments.

    Raises:
        LimitExceededError: If *amount* exceeds the uncalled commitments.
    """
    check_amount(terms, amount, field, positive=True)
    uncalled = state.uncalled
    if amount.minor > uncalled:
        raise LimitExceededError(
            field,
            str(amount),
            "calls never exceed uncalled commitments "
            f"({Money.from_minor(uncalled, terms.currency)})",
        )
    weights = {lp_id: state.commitments[lp_id] - state.called[lp_id] for lp_id in state.lps}
    return _split(terms, amount.minor, weights)


def distribution_shares(
    terms: FundTerms, state: FundState, amount: Money, field: str
) -> tuple[LPAmount, ...]:
    """Return each LP's share of a distribution of *amount*, pro rata to paid-in capital.

    Raises:
        InvalidStateError: If the fund has made no investment yet.
        LimitExceededError: If *amount* exceeds the proceeds not yet distributed.
    """
    if state.invested == 0 and not state.holdings:
        raise InvalidStateError(
            field, str(amount), "nothing to distribute: the fund has made no investment yet"
        )
    check_amount(terms, amount, field, positive=True)
    available = state.undistributed
    if amount.minor > available:
        raise LimitExceededError(
            field,
            str(amount),
            f"distributions never exceed realised proceeds not yet distributed "
            f"({Money.from_minor(available, terms.currency)})",
        )
    basis = state.called if state.total_called else state.commitments
    return _split(terms, amount.minor, {lp_id: basis[lp_id] for lp_id in state.lps})


def check_shares(expected: tuple[LPAmount, ...], given: tuple[LPAmount, ...]) -> None:
    """Check that a recorded split is the one the fund computes.

    Raises:
        ValidationError: If *given* differs from *expected* (shows at most five shares).
    """
    if tuple(given) != expected:
        raise ValidationError(
            "shares",
            [f"{s.lp_id}: {s.amount}" for s in given][:5],
            "must be the pro-rata split the fund computes "
            f"({[f'{s.lp_id}: {s.amount}' for s in expected][:5]})",
        )
