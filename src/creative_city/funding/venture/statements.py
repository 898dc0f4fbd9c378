"""Read-outs of a fund: each LP's account, the fund's figures and multiples.

DPI, RVPI and TVPI are the LPs' view (net of fees, over paid-in capital); MOIC is the
portfolio's view (gross, over invested cost). Multiples are exact fractions; one whose
base is zero is ``None``, and :attr:`FundAnalytics.undefined` says why.
"""

from __future__ import annotations

import datetime as _dt
from fractions import Fraction

import attrs

from creative_city.errors import UndefinedResultError, ValidationError
from creative_city.funding.venture.state import FundState
from creative_city.funding.venture.terms import LPKind
from creative_city.money import Currency, Money

__all__ = ["FundAnalytics", "FundStatement", "LPStatement", "fund_analytics", "lp_statements"]


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


def lp_statements(state: FundState, currency: Currency) -> tuple[LPStatement, ...]:
    """Return each LP's statement (in order of first commitment) from a fund's state."""
    return tuple(
        LPStatement(
            lp_id,
            name,
            kind,
            Money.from_minor(state.commitments[lp_id], currency),
            Money.from_minor(state.called[lp_id], currency),
            Money.from_minor(state.commitments[lp_id] - state.called[lp_id], currency),
            Money.from_minor(state.distributed[lp_id], currency),
        )
        for lp_id, (name, kind) in state.lps.items()
    )


def fund_analytics(state: FundState, currency: Currency) -> FundAnalytics:
    """Return a fund's figures and multiples from its state."""
    undefined: list[str] = []
    dpi = rvpi = tvpi = moic = None
    if state.total_called:
        dpi = Fraction(state.total_distributed, state.total_called)
        rvpi = Fraction(state.nav, state.total_called)
        tvpi = dpi + rvpi
    else:
        undefined.append("dpi, rvpi, tvpi: undefined because paid-in capital is zero")
    if state.invested:
        moic = Fraction(state.proceeds + state.active_value, state.invested)
    else:
        undefined.append("moic: undefined because nothing has been invested")

    def money(units: int) -> Money:
        return Money.from_minor(units, currency)

    return FundAnalytics(
        commitments=money(state.total_commitments),
        paid_in=money(state.total_called),
        uncalled=money(state.uncalled),
        distributed=money(state.total_distributed),
        invested=money(state.invested),
        nav=money(state.nav),
        dry_powder=money(state.dry_powder),
        dpi=dpi,
        rvpi=rvpi,
        tvpi=tvpi,
        moic=moic,
        undefined=tuple(undefined),
    )
