"""Oracle operations of the tourism domain: JSON in, JSON out, byte-stable.

Every ``Decimal`` in an output is rounded half-even to a documented number of places
before it is written: :data:`GROWTH_PLACES` (10) for growth, the input's ``places``
(default 6 for tables and KPI status, 10 for seasonality) elsewhere; money is rounded
to its currency's minor units. Errors keep the library's classes: a malformed input
names its JSON path (``$.observations[3].value``), a rule broken while computing names
the input field (``previous``, ``values[3]``).

| operation | does |
|---|---|
| ``tourism.growth`` | growth multiple, percent change and (with ``years``) CAGR |
| ``tourism.indicators`` | observations -> table of indicators, undefined cells with reasons |
| ``tourism.seasonality`` | 12 monthly values -> Gini, months-equivalent, peak/mean, CV |
| ``tourism.kpi_status`` | KPI + observations + as_of -> status, confidence and reason |
"""

from __future__ import annotations

import datetime as _dt
import decimal
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import LimitExceededError
from creative_city.operation import SCHEMA_KEY, Operation
from creative_city.tourism.indicators import cagr, growth_multiple, multiple_to_percent_change
from creative_city.tourism.indicators.arithmetic import MAX_PLACES, places, shown
from creative_city.tourism.kpi import Kpi, KpiObservation, KpiStatus
from creative_city.tourism.observations import Observation
from creative_city.tourism.seasonal_concentration import Seasonality, seasonality
from creative_city.tourism.tables import IndicatorTable, indicator_table

__all__ = [
    "GROWTH_PLACES",
    "OPERATIONS",
    "GrowthInput",
    "GrowthOutput",
    "IndicatorsInput",
    "KpiStatusInput",
    "SeasonalityInput",
]

GROWTH_PLACES: Final = 10
"""Decimal places of the outputs of ``tourism.growth``."""

# Quantizing to GROWTH_PLACES needs the digits of a multiple up to 10**54 (a 24-digit
# level over a 30-place one) plus the places: 55 + 10 digits.
_CTX: Final = decimal.Context(prec=70, rounding=decimal.ROUND_HALF_EVEN)
_RATE_DIGITS: Final = _CTX.prec - GROWTH_PLACES
"""The most integer digits of a CAGR the answer shows (a span of 0.01 years makes 282
over 4 a rate of 10**184: past them, an error says so)."""


# -- tourism.growth ---------------------------------------------------------------------


_COUNT: Final = {SCHEMA_KEY: {"minimum": 0}}


@attrs.frozen
class GrowthInput:
    """Input of ``tourism.growth``.

    Attributes:
        current: The later level.
        previous: The earlier level (the base).
        years: Years between them, for the CAGR (optional).
    """

    current: Decimal = attrs.field(metadata=_COUNT)
    previous: Decimal = attrs.field(metadata=_COUNT)
    years: Decimal | None = attrs.field(
        default=None, metadata={SCHEMA_KEY: {"exclusiveMinimum": 0}}
    )


@attrs.frozen
class GrowthOutput:
    """Output of ``tourism.growth`` (rounded half-even to :data:`GROWTH_PLACES`).

    Attributes:
        multiple: ``current / previous``.
        percent_change: ``(multiple - 1) x 100``.
        cagr: ``multiple ** (1 / years) - 1`` as a fraction, when *years* was given.
        explanation: The multiple and the percent change in words.
    """

    multiple: Decimal
    percent_change: Decimal
    cagr: Decimal | None
    explanation: str

    def to_records(self) -> list[dict[str, object]]:
        """Return the output as one plain dict in a list (for notebooks)."""
        return [attrs.asdict(self)]


def _growth(data: GrowthInput) -> GrowthOutput:
    quantum = Decimal(1).scaleb(-GROWTH_PLACES)
    multiple = growth_multiple(data.current, data.previous)
    change = multiple_to_percent_change(multiple)
    rate = None if data.years is None else cagr(data.previous, data.current, data.years)
    if rate is not None and rate.adjusted() >= _RATE_DIGITS:
        raise LimitExceededError(
            "years",
            data.years,
            f"the yearly rate over so short a span has {rate.adjusted() + 1} integer digits, "
            f"more than the {_RATE_DIGITS} an answer holds at {GROWTH_PLACES} places",
        )
    fold = shown(multiple, Decimal("0.01"), _CTX)
    pct = shown(change, Decimal("0.1"), _CTX)
    sign = "+" if pct >= 0 else ""
    explanation = (
        f"x{fold} means {sign}{pct}%: the percent change is (multiple - 1) x 100, "
        f"so a {fold}-fold level is {sign}{pct}% on the base, not {fold * 100}%"
    )
    return GrowthOutput(
        shown(multiple, quantum, _CTX),
        shown(change, quantum, _CTX),
        None if rate is None else shown(rate, quantum, _CTX),
        explanation,
    )


# -- tourism.indicators -----------------------------------------------------------------


_PLACES: Final = {SCHEMA_KEY: {"minimum": 0, "maximum": MAX_PLACES}}
"""The bounds of a number of decimal places (:func:`places` enforces them)."""


@attrs.frozen
class IndicatorsInput:
    """Input of ``tourism.indicators``.

    Attributes:
        observations: The observations.
        per_day: Compare per-day figures year on year.
        places: Decimal places of the ratios (default 6).
    """

    observations: tuple[Observation, ...]
    per_day: bool = False
    places: int = attrs.field(default=6, metadata=_PLACES)


def _indicators(data: IndicatorsInput) -> IndicatorTable:
    return indicator_table(data.observations, per_day=data.per_day, places=places(data.places))


# -- tourism.seasonality ----------------------------------------------------------------


@attrs.frozen
class SeasonalityInput:
    """Input of ``tourism.seasonality``.

    Attributes:
        values: Twelve monthly values, January first.
        places: Decimal places of the measures (default 10).
    """

    values: tuple[Decimal, ...] = attrs.field(
        metadata={SCHEMA_KEY: {"minItems": 12, "maxItems": 12, "minimum": 0}}
    )
    places: int = attrs.field(default=10, metadata=_PLACES)


def _seasonality(data: SeasonalityInput) -> Seasonality:
    return seasonality(list(data.values)).quantized(places(data.places))


# -- tourism.kpi_status -----------------------------------------------------------------


@attrs.frozen
class KpiStatusInput:
    """Input of ``tourism.kpi_status``.

    Attributes:
        kpi: The KPI.
        as_of: The assessment date.
        observations: Observed values.
        places: Decimal places of the figures (default 6).
    """

    kpi: Kpi
    as_of: _dt.date
    observations: tuple[KpiObservation, ...] = ()
    places: int = attrs.field(default=6, metadata=_PLACES)


def _kpi_status(data: KpiStatusInput) -> KpiStatus:
    return data.kpi.status(data.observations, data.as_of, places=places(data.places))


OPERATIONS: Final[tuple[Operation, ...]] = (
    Operation(
        "tourism.growth",
        GrowthInput,
        GrowthOutput,
        _growth,
        "Growth multiple, percent change and (with years) CAGR of two levels.",
    ),
    Operation(
        "tourism.indicators",
        IndicatorsInput,
        IndicatorTable,
        _indicators,
        "Observations to a table of indicators; undefined cells carry their reason.",
    ),
    Operation(
        "tourism.seasonality",
        SeasonalityInput,
        Seasonality,
        _seasonality,
        "Gini, months-equivalent, peak/mean and CV of twelve monthly values.",
    ),
    Operation(
        "tourism.kpi_status",
        KpiStatusInput,
        KpiStatus,
        _kpi_status,
        "Status, confidence and required CAGR of a KPI on a date.",
    ),
)
"""The tourism operations, for :mod:`creative_city.oracle`."""
