"""The ``tourism.growth`` oracle operation, gathered by :mod:`creative_city.tourism.operations`.

It lives in its own module so that the oracle loads the indicators for it, and nothing
of the tables, seasonality or KPIs.
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Final

import attrs

from creative_city.operation import Operation
from creative_city.tourism.indicators import cagr, growth_multiple, multiple_to_percent_change

__all__ = ["GROWTH_PLACES", "OPERATIONS", "GrowthInput", "GrowthOutput"]

GROWTH_PLACES: Final = 10
"""Decimal places of the outputs of ``tourism.growth``."""

_CTX: Final = decimal.Context(prec=60, rounding=decimal.ROUND_HALF_EVEN)


@attrs.frozen
class GrowthInput:
    """Input of ``tourism.growth``.

    Attributes:
        current: The later level.
        previous: The earlier level (the base).
        years: Years between them, for the CAGR (optional).
    """

    current: Decimal
    previous: Decimal
    years: Decimal | None = None


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
    shown = multiple.quantize(Decimal("0.01"), context=_CTX)
    pct = change.quantize(Decimal("0.1"), context=_CTX)
    sign = "+" if pct >= 0 else ""
    explanation = (
        f"x{shown} means {sign}{pct}%: the percent change is (multiple - 1) x 100, "
        f"so a {shown}-fold level is {sign}{pct}% on the base, not {shown * 100}%"
    )
    return GrowthOutput(
        multiple.quantize(quantum, context=_CTX),
        change.quantize(quantum, context=_CTX),
        None if rate is None else rate.quantize(quantum, context=_CTX),
        explanation,
    )


OPERATIONS: Final[tuple[Operation, ...]] = (
    Operation(
        "tourism.growth",
        GrowthInput,
        GrowthOutput,
        _growth,
        "Growth multiple, percent change and (with years) CAGR of two levels.",
    ),
)
