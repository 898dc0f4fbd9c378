"""The ``tourism.seasonality`` oracle operation (see :mod:`creative_city.tourism.operations`)."""

from __future__ import annotations

from decimal import Decimal
from typing import Final

import attrs

from creative_city.operation import Operation
from creative_city.tourism._ops_places import places
from creative_city.tourism.seasonality import Seasonality, seasonality

__all__ = ["OPERATIONS", "SeasonalityInput"]


@attrs.frozen
class SeasonalityInput:
    """Input of ``tourism.seasonality``.

    Attributes:
        values: Twelve monthly values, January first.
        places: Decimal places of the measures (default 10).
    """

    values: tuple[Decimal, ...]
    places: int = 10


def _seasonality(data: SeasonalityInput) -> Seasonality:
    return seasonality(list(data.values)).quantized(places(data.places))


OPERATIONS: Final[tuple[Operation, ...]] = (
    Operation(
        "tourism.seasonality",
        SeasonalityInput,
        Seasonality,
        _seasonality,
        "Gini, months-equivalent, peak/mean and CV of twelve monthly values.",
    ),
)
