"""The Takahashi-Alexander projection of a fund's calls, distributions and NAV.

Takahashi and Alexander, "Illiquid Alternative Asset Fund Modeling", Yale
Investments Office working paper (2001), published in the Journal of Portfolio
Management 28(2), 2002. For year ``t = 1..L``:

* contributions ``C_t = RC_t * (CC - PIC_{t-1})``: a rate of the commitment ``CC`` not
  yet paid in (``PIC`` is paid-in capital);
* distributions ``D_t = RD_t * NAV_{t-1} * (1 + G)`` with the distribution rate
  ``RD_t = max(Y, (t / L) ** B)``: a yield ``Y`` and a bow ``B``;
* ``NAV_t = NAV_{t-1} * (1 + G) + C_t - D_t``.

Two end-of-life rules make the totals tie out (the model itself only approaches the
commitment asymptotically): in the last year ``L`` the remaining commitment is called
and the fund is liquidated (``D_L = NAV_{L-1} * (1 + G) + C_L``, so ``NAV_L = 0``).

Arithmetic is exact (``Fraction``) except ``(t / L) ** B`` for a non-integer bow, which
is computed with 40 significant digits (``decimal``) and then rounded half-even to 20
decimal places. Money is rounded to minor units (half-even) on *cumulative* figures, so each
year carries the previous years' residuals and cumulative calls equal the commitment
exactly; each year's ``growth`` is the residual that makes
``NAV_t = NAV_{t-1} + growth_t + C_t - D_t`` hold to the minor unit.
"""

from __future__ import annotations

import decimal
import functools
from decimal import Decimal
from fractions import Fraction

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money import Money, round_fraction, round_quotient, to_decimal
from creative_city.operation import SCHEMA_KEY, states

__all__ = ["Projection", "ProjectionParameters", "ProjectionYear", "project"]

MAX_LIFE = 60
"""The longest fund life a projection accepts, in years."""

_POWER = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)
_RATE_PLACES = 20
_POSITIVE = {SCHEMA_KEY: {"exclusiveMinimum": 0}}


def _exact(value: object, field: str) -> Fraction:
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (int, str, Decimal)) and not isinstance(value, bool):
        return Fraction(to_decimal(value, field))
    raise InvalidTypeError(
        field, value, "must be an exact Fraction, int, Decimal or decimal string"
    )


def _to_yield(value: object) -> Fraction:
    share = _exact(value, "distribution_yield")
    if not 0 <= share <= 1:
        raise ValidationError("distribution_yield", str(share), "must be between 0 and 1")
    return share


def _to_rates(value: object) -> tuple[Fraction, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise InvalidTypeError("contribution_rates", value, "must be a sequence of rates")
    if not value or len(value) > MAX_LIFE:
        raise ValidationError("contribution_rates", list(value), f"must hold 1 to {MAX_LIFE} rates")
    rates = []
    for index, item in enumerate(value):
        rate = _exact(item, f"contribution_rates[{index}]")
        if not 0 <= rate <= 1:
            raise ValidationError(f"contribution_rates[{index}]", str(rate), "must be in [0, 1]")
        rates.append(rate)
    return tuple(rates)


def _to_growth(value: object) -> Fraction:
    growth = _exact(value, "growth")
    if not -1 < growth <= 10:
        raise ValidationError("growth", str(growth), "must be above -1 and at most 10 (1000%)")
    return growth


def _to_bow(value: object) -> Decimal:
    bow = to_decimal(value, "bow") if not isinstance(value, Decimal) else value
    if not bow.is_finite() or not 0 <= bow <= 100:
        raise ValidationError("bow", str(value), "must be between 0 and 100")
    return bow


@states(minimum=1, maximum=MAX_LIFE)
def _check_life(_: object, __: object, value: int) -> None:
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_LIFE:
        raise ValidationError("life", value, f"must be an int from 1 to {MAX_LIFE}")


def _check_commitment(_: object, __: object, value: Money) -> None:
    if not isinstance(value, Money):
        raise InvalidTypeError("commitment", value, "must be Money")
    if not value.is_positive():
        raise ValidationError("commitment", str(value), "must be > 0")


@attrs.frozen
class ProjectionParameters:
    """The Takahashi-Alexander model's parameters.

    Attributes:
        commitment: The commitment ``CC`` projected (the whole fund, or one LP's).
        contribution_rates: ``RC_1, RC_2, ...``: the share of the uncalled commitment
            called in each year; the last rate repeats (e.g. ``25%, 33.3%, 50%``).
        distribution_yield: ``Y``, the minimum yearly distribution rate of NAV.
        bow: ``B``, how late distributions come (higher: later), e.g. ``2.5``.
        growth: ``G``, the yearly growth of NAV, e.g. ``0.13``.
        life: ``L``, the fund's life in years.
    """

    commitment: Money = attrs.field(validator=_check_commitment, metadata=_POSITIVE)
    contribution_rates: tuple[Fraction, ...] = attrs.field(
        converter=_to_rates,
        metadata={SCHEMA_KEY: {"minItems": 1, "maxItems": MAX_LIFE, "minimum": 0, "maximum": 1}},
    )
    distribution_yield: Fraction = attrs.field(
        converter=_to_yield, metadata={SCHEMA_KEY: {"minimum": 0, "maximum": 1}}
    )
    bow: Decimal = attrs.field(
        converter=_to_bow, metadata={SCHEMA_KEY: {"minimum": 0, "maximum": 100}}
    )
    growth: Fraction = attrs.field(
        converter=_to_growth, metadata={SCHEMA_KEY: {"exclusiveMinimum": -1, "maximum": 10}}
    )
    life: int = attrs.field(validator=_check_life)


@attrs.frozen
class ProjectionYear:
    """One year of a projection.

    Attributes:
        year: The year of the fund's life, from 1.
        contribution_rate: ``RC_t`` applied (1 in the last year).
        distribution_rate: ``RD_t`` applied (1 in the last year), to 20 places.
        calls: Capital called in the year.
        distributions: Distributions in the year.
        growth: The change in value in the year (the residual that ties NAV out).
        nav: NAV at the end of the year.
        cumulative_calls: Paid-in capital at the end of the year.
        cumulative_distributions: Distributions to date.
        uncalled: Commitment not called at the end of the year.
    """

    year: int
    contribution_rate: Fraction
    distribution_rate: Decimal
    calls: Money
    distributions: Money
    growth: Money
    nav: Money
    cumulative_calls: Money
    cumulative_distributions: Money
    uncalled: Money


@attrs.frozen(repr=False)
class Projection:
    """A yearly Takahashi-Alexander projection.

    Attributes:
        parameters: The parameters used.
        years: One row per year of life.
    """

    parameters: ProjectionParameters
    years: tuple[ProjectionYear, ...]

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per year (amounts as Decimals)."""
        return [
            {
                "year": y.year,
                "contribution_rate": y.contribution_rate,
                "distribution_rate": y.distribution_rate,
                "calls": y.calls.amount,
                "distributions": y.distributions.amount,
                "growth": y.growth.amount,
                "nav": y.nav.amount,
                "cumulative_calls": y.cumulative_calls.amount,
                "cumulative_distributions": y.cumulative_distributions.amount,
                "uncalled": y.uncalled.amount,
            }
            for y in self.years
        ]

    def __repr__(self) -> str:
        total_d = self.years[-1].cumulative_distributions if self.years else None
        return (
            f"Projection({len(self.years)} years, commitment {self.parameters.commitment}, "
            f"distributions {total_d})"
        )


def _bowed(t: int, life: int, bow: Decimal) -> Decimal:
    """``(t / life) ** bow`` to 40 significant digits, rounded half-even to 20 places."""
    if bow == 0:
        return Decimal(1)
    power = _POWER.power(_POWER.divide(Decimal(t), Decimal(life)), bow)
    return round_fraction(Fraction(power), _RATE_PLACES, decimal.ROUND_HALF_EVEN)


@functools.lru_cache(maxsize=4096)
def _bowed_fraction(t: int, life: int, bow: Decimal) -> Fraction:
    """:func:`_bowed` as a Fraction, remembered for the last 4,096 ``(t, life, bow)``.

    A sweep projects the same few lives with bows rounded to their declared
    precision, so the same 40-digit powers recur (a twelve-year fund sweep spends
    half its time in them without this); the memory is bounded by *maxsize*.
    """
    return Fraction(_bowed(t, life, bow))


def project(parameters: ProjectionParameters) -> Projection:
    """Project calls, distributions and NAV year by year (Takahashi-Alexander, 2001).

    Args:
        parameters: The model's parameters.

    Returns:
        The yearly table; cumulative calls end exactly at the commitment and the
        final NAV is zero.

    >>> p = project(
    ...     ProjectionParameters(
    ...         Money.of(1000, "KZT"),
    ...         [Fraction(1, 2)],
    ...         distribution_yield=0,
    ...         bow=1,
    ...         growth=0,
    ...         life=2,
    ...     )
    ... )
    >>> [(y.calls, y.distributions, y.nav) for y in p.years]
    [(Money('500.00', 'KZT'), Money('0.00', 'KZT'), Money('500.00', 'KZT')), \
(Money('500.00', 'KZT'), Money('1000.00', 'KZT'), Money('0.00', 'KZT'))]
    """
    if not isinstance(parameters, ProjectionParameters):
        raise InvalidTypeError("parameters", parameters, "must be ProjectionParameters")
    p = parameters
    currency = p.commitment.currency
    places = currency.minor_units
    commitment = Fraction(p.commitment.minor, 10**places)

    def units(value: Fraction) -> int:
        scaled = value * 10**places
        return round_quotient(scaled.numerator, scaled.denominator, decimal.ROUND_HALF_EVEN)

    def money(count: int) -> Money:
        return Money.from_minor(count, currency)

    paid_in = distributed = nav = Fraction(0)
    shown_paid = shown_dist = shown_nav = 0
    rows: list[ProjectionYear] = []
    for t in range(1, p.life + 1):
        last = t == p.life
        rc = Fraction(1) if last else p.contribution_rates[min(t, len(p.contribution_rates)) - 1]
        calls = commitment - paid_in if last else rc * (commitment - paid_in)
        grown = nav * (1 + p.growth)
        rd = Fraction(1) if last else max(p.distribution_yield, _bowed_fraction(t, p.life, p.bow))
        dists = grown + calls if last else Fraction(rd) * grown
        new_nav = grown + calls - dists
        paid_in += calls
        distributed += dists
        next_paid, next_dist, next_nav = units(paid_in), units(distributed), units(new_nav)
        call_units, dist_units = next_paid - shown_paid, next_dist - shown_dist
        growth_units = next_nav - shown_nav - call_units + dist_units
        rows.append(
            ProjectionYear(
                year=t,
                contribution_rate=rc,
                distribution_rate=_rate_decimal(rd),
                calls=money(call_units),
                distributions=money(dist_units),
                growth=money(growth_units),
                nav=money(next_nav),
                cumulative_calls=money(next_paid),
                cumulative_distributions=money(next_dist),
                uncalled=money(p.commitment.minor - next_paid),
            )
        )
        shown_paid, shown_dist, shown_nav = next_paid, next_dist, next_nav
        nav = new_nav
    return Projection(p, tuple(rows))


def _rate_decimal(value: Fraction) -> Decimal:
    """A rate shown as a Decimal with 20 places (half-even)."""
    return round_fraction(value, _RATE_PLACES, decimal.ROUND_HALF_EVEN)
