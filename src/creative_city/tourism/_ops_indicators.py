"""The ``tourism.indicators`` oracle operation (see :mod:`creative_city.tourism.operations`)."""

from __future__ import annotations

from typing import Final

import attrs

from creative_city.operation import Operation
from creative_city.tourism._ops_places import places
from creative_city.tourism.observations import Observation
from creative_city.tourism.tables import IndicatorTable, indicator_table

__all__ = ["OPERATIONS", "IndicatorsInput"]


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
    places: int = 6


def _indicators(data: IndicatorsInput) -> IndicatorTable:
    return indicator_table(data.observations, per_day=data.per_day, places=places(data.places))


OPERATIONS: Final[tuple[Operation, ...]] = (
    Operation(
        "tourism.indicators",
        IndicatorsInput,
        IndicatorTable,
        _indicators,
        "Observations to a table of indicators; undefined cells carry their reason.",
    ),
)
