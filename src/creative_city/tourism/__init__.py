"""Tourism flow indicators and KPI targets (issue 6).

Observations (:class:`Observation`) name their period, segment (foreign or domestic,
by residence), source universe (border, accommodation, survey) and measure. The
indicators are documented functions with their formula and source; tables carry
undefined cells with reasons; :class:`Kpi` tracks a target to its due date.

Contract names: :func:`cagr` ``(start, end, years)`` and :func:`growth_multiple`
``(current, previous)`` take ``int`` or ``Decimal`` and return ``Decimal``.

>>> from decimal import Decimal
>>> growth_multiple(Decimal("2.8"), 1), percent_change(Decimal("2.8"), 1)
(Decimal('2.8'), Decimal('180.0'))
"""

from __future__ import annotations

from creative_city.tourism.indicators import (
    PRECISION,
    CapacityGap,
    Comparison,
    adr,
    alos,
    cagr,
    capacity_gap,
    chain_link,
    compare,
    compound_value,
    gross_bed_place_occupancy,
    growth_multiple,
    index_series,
    multiple_to_percent_change,
    net_bed_place_occupancy,
    percent_change,
    percent_change_to_multiple,
    percentage_points,
    rebase,
    revpar,
    room_occupancy,
    share,
    tourism_intensity,
    trend_growth,
)
from creative_city.tourism.kpi import (
    Confidence,
    Kpi,
    KpiObservation,
    KpiStatus,
    Status,
    Tolerances,
    Trajectory,
    years_between,
)
from creative_city.tourism.observations import (
    MONEY_MEASURES,
    Measure,
    Observation,
    PriceBasis,
    Residence,
    Segment,
    Universe,
    check_one_universe,
    convert_observation,
)
from creative_city.tourism.seasonality import Seasonality, gini, seasonality
from creative_city.tourism.tables import (
    COLUMNS,
    Cell,
    Column,
    GrowthRow,
    GrowthTable,
    IndicatorTable,
    ObservationSet,
    SeasonalityRow,
    SeasonalityTable,
    alos_of,
    growth_table,
    indicator_table,
    occupancy_of,
    seasonality_table,
    total_of,
)

__all__ = [
    "COLUMNS",
    "MONEY_MEASURES",
    "PRECISION",
    "CapacityGap",
    "Cell",
    "Column",
    "Comparison",
    "Confidence",
    "GrowthRow",
    "GrowthTable",
    "IndicatorTable",
    "Kpi",
    "KpiObservation",
    "KpiStatus",
    "Measure",
    "Observation",
    "ObservationSet",
    "PriceBasis",
    "Residence",
    "Seasonality",
    "SeasonalityRow",
    "SeasonalityTable",
    "Segment",
    "Status",
    "Tolerances",
    "Trajectory",
    "Universe",
    "adr",
    "alos",
    "alos_of",
    "cagr",
    "capacity_gap",
    "chain_link",
    "check_one_universe",
    "compare",
    "compound_value",
    "convert_observation",
    "gini",
    "gross_bed_place_occupancy",
    "growth_multiple",
    "growth_table",
    "index_series",
    "indicator_table",
    "multiple_to_percent_change",
    "net_bed_place_occupancy",
    "occupancy_of",
    "percent_change",
    "percent_change_to_multiple",
    "percentage_points",
    "rebase",
    "revpar",
    "room_occupancy",
    "seasonality",
    "seasonality_table",
    "share",
    "total_of",
    "tourism_intensity",
    "trend_growth",
    "years_between",
]
