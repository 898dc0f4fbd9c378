"""A venture fund's Takahashi-Alexander projection under uncertain growth and timing.

Each sample runs the library's exact projection
(:func:`creative_city.funding.project`, Takahashi and Alexander, Yale 2001) with three
parameters drawn for the sample:

* ``growth``: ``G``, the yearly growth of NAV (above -1, at most 10);
* ``bow``: ``B``, how late distributions come (0 to 100): the exit timing;
* ``distribution_yield``: ``Y``, the minimum yearly distribution rate (0 to 1).

The commitment, the contribution rates and the life are fixed by the model. Per year
of the fund's life it reports, from the projection's money in minor units (exact):

* ``dpi``: cumulative distributions / paid-in capital (0 before anything is paid in);
* ``tvpi``: (cumulative distributions + NAV) / paid-in capital;

and each :class:`FundTarget` is an event: the multiple reaches its threshold by the
year named (both multiples are compared exactly, before rounding to the resolution).
"""

from __future__ import annotations

import enum
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs

from creative_city.errors import ValidationError
from creative_city.funding import ProjectionParameters, project
from creative_city.money import Money, to_decimal
from creative_city.operation import SCHEMA_KEY
from creative_city.scenarios.draws import Draws
from creative_city.scenarios.outcomes import Input, Layout, Outcome, Slot, units

__all__ = ["FundMetric", "FundProjection", "FundTarget"]


class FundMetric(enum.Enum):
    """A fund multiple the model reports."""

    DPI = "dpi"
    """Distributions to paid-in capital."""
    TVPI = "tvpi"
    """Total value (distributions + NAV) to paid-in capital."""


def _positive(value: object, field: str) -> Decimal:
    number = to_decimal(value, field)
    if not number > 0:
        raise ValidationError(field, str(number), "must be > 0")
    return number


def _to_at_least(value: object) -> Decimal:
    return _positive(value, "at_least")


def _to_resolution(value: object) -> Decimal:
    return _positive(value, "resolution")


def _metric(value: object) -> FundMetric:
    if isinstance(value, FundMetric):
        return value
    try:
        return FundMetric(value)
    except ValueError:
        raise ValidationError("metric", value, "must be 'dpi' or 'tvpi'") from None


def _projection_bounds(name: str) -> dict[str, object]:
    """The bounds ProjectionParameters states for its field *name* (it checks ours too)."""
    field = attrs.fields_dict(ProjectionParameters)[name]
    return {**getattr(field.validator, SCHEMA_KEY, {}), **field.metadata.get(SCHEMA_KEY, {})}


_POSITIVE: Final = {SCHEMA_KEY: {"exclusiveMinimum": 0}}


@attrs.frozen
class FundTarget:
    """A multiple to reach by a year of the fund's life.

    Attributes:
        metric: DPI or TVPI.
        year: The year of the fund's life (from 1).
        at_least: The threshold (``1``: the fund has returned its paid-in capital).
    """

    metric: FundMetric = attrs.field(converter=_metric)
    year: int = attrs.field(
        validator=attrs.validators.instance_of(int), metadata={SCHEMA_KEY: {"minimum": 1}}
    )
    at_least: Decimal = attrs.field(converter=_to_at_least, metadata=_POSITIVE)

    @property
    def name(self) -> str:
        """The event's name, e.g. ``"dpi >= 1 by year 10"``."""
        return f"{self.metric.value} >= {self.at_least} by year {self.year}"


def _fractions(value: object) -> tuple[Fraction, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise ValidationError("contribution_rates", value, "must be a list of rates")
    return tuple(
        item if isinstance(item, Fraction) else Fraction(to_decimal(item, "contribution_rates"))
        for item in value
    )


@attrs.frozen
class FundProjection:
    """The fund projection model.

    Attributes:
        commitment: The commitment projected (the whole fund, or one LP's).
        contribution_rates: The share of the uncalled commitment called each year;
            the last rate repeats (Takahashi and Alexander: 25 %, 33.3 %, 50 %).
        life: The fund's life in years.
        targets: The multiples to reach (events).
        resolution: The quantum of the reported multiples (default 0.001).
    """

    commitment: Money = attrs.field(metadata={SCHEMA_KEY: _projection_bounds("commitment")})
    contribution_rates: tuple[Fraction, ...] = attrs.field(
        converter=_fractions, metadata={SCHEMA_KEY: _projection_bounds("contribution_rates")}
    )
    life: int = attrs.field(metadata={SCHEMA_KEY: _projection_bounds("life")})
    targets: tuple[FundTarget, ...] = attrs.field(default=(), converter=tuple)
    resolution: Decimal = attrs.field(
        default=Decimal("0.001"), converter=_to_resolution, metadata=_POSITIVE
    )

    def __attrs_post_init__(self) -> None:
        # The library validates commitment, rates and life: build its parameters once.
        ProjectionParameters(self.commitment, self.contribution_rates, 0, 1, 0, self.life)
        for index, target in enumerate(self.targets):
            if not 1 <= target.year <= self.life:
                raise ValidationError(
                    f"targets[{index}].year", target.year, f"must be from 1 to life ({self.life})"
                )

    def inputs(self) -> tuple[Input, ...]:
        """Return the parameters the model reads."""
        return (
            Input("growth", "the yearly growth of NAV", Decimal(-1), Decimal(10), low_open=True),
            Input("bow", "how late distributions come", Decimal(0), Decimal(100)),
            Input("distribution_yield", "the minimum distribution rate", Decimal(0), Decimal(1)),
        )

    def layout(self) -> Layout:
        """Return the model's events (one per target) and slots (DPI and TVPI per year)."""
        years = range(1, self.life + 1)
        return Layout(
            tuple(target.name for target in self.targets),
            tuple(Slot(m.value, t, self.resolution) for m in FundMetric for t in years),
        )

    def evaluate(self, draws: Draws) -> Outcome:
        """Project the fund with this sample's parameters."""
        parameters = ProjectionParameters(
            self.commitment,
            self.contribution_rates,
            distribution_yield=draws.value("distribution_yield"),
            bow=draws.value("bow"),
            growth=draws.value("growth"),
            life=self.life,
        )
        dpi: list[Fraction] = []
        tvpi: list[Fraction] = []
        for year in project(parameters).years:
            paid = year.cumulative_calls.minor
            distributed = year.cumulative_distributions.minor
            dpi.append(Fraction(distributed, paid) if paid else Fraction(0))
            tvpi.append(Fraction(distributed + year.nav.minor, paid) if paid else Fraction(0))
        series = {FundMetric.DPI: dpi, FundMetric.TVPI: tvpi}
        return Outcome(
            tuple(series[t.metric][t.year - 1] >= Fraction(t.at_least) for t in self.targets),
            tuple(units(value, self.resolution) for values in series.values() for value in values),
        )
