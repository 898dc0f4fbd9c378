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

Each operation is defined in a private module of its own, so that the oracle loads only
what the requested operation needs; this module gathers them all.
"""

from __future__ import annotations

from typing import Final

from creative_city.operation import Operation
from creative_city.tourism._ops_growth import GROWTH_PLACES, GrowthInput, GrowthOutput
from creative_city.tourism._ops_growth import OPERATIONS as _GROWTH
from creative_city.tourism._ops_indicators import OPERATIONS as _INDICATORS
from creative_city.tourism._ops_indicators import IndicatorsInput
from creative_city.tourism._ops_kpi import OPERATIONS as _KPI
from creative_city.tourism._ops_kpi import KpiStatusInput
from creative_city.tourism._ops_seasonality import OPERATIONS as _SEASONALITY
from creative_city.tourism._ops_seasonality import SeasonalityInput

__all__ = [
    "GROWTH_PLACES",
    "OPERATIONS",
    "GrowthInput",
    "GrowthOutput",
    "IndicatorsInput",
    "KpiStatusInput",
    "SeasonalityInput",
]

OPERATIONS: Final[tuple[Operation, ...]] = (*_GROWTH, *_INDICATORS, *_SEASONALITY, *_KPI)
"""The tourism operations, for :mod:`creative_city.oracle`."""
