"""Tourism flow indicators and KPI targets (issue 6).

Observations (:class:`Observation`) name their period, segment (foreign or domestic,
by residence), source universe (border, accommodation, survey) and measure. The
indicators are documented functions with their formula and source; tables carry
undefined cells with reasons; :class:`Kpi` tracks a target to its due date.

Contract names: :func:`cagr` ``(start, end, years)`` and :func:`growth_multiple`
``(current, previous)`` take ``int`` or ``Decimal`` and return ``Decimal``.

>>> from decimal import Decimal
>>> from creative_city.tourism import growth_multiple, percent_change
>>> growth_multiple(Decimal("2.8"), 1), percent_change(Decimal("2.8"), 1)
(Decimal('2.8'), Decimal('180.0'))

The parts live in submodules (:mod:`creative_city.tourism.observations`,
``indicators``, ``tables``, ``seasonality``, ``kpi``) and their public names are
re-exported here. The submodules load on first use, so
``from creative_city.tourism import cagr`` does not load the tables.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from creative_city._lazy import install

if TYPE_CHECKING:
    from creative_city.tourism.indicators import *  # noqa: F403
    from creative_city.tourism.kpi import *  # noqa: F403
    from creative_city.tourism.observations import *  # noqa: F403
    from creative_city.tourism.seasonality import *  # noqa: F403
    from creative_city.tourism.tables import *  # noqa: F403

_WHERE: Final[dict[str, str]] = {
    "COLUMNS": "tables",
    "MONEY_MEASURES": "observations",
    "PRECISION": "indicators",
    "CapacityGap": "indicators",
    "Cell": "tables",
    "Column": "tables",
    "Comparison": "indicators",
    "Confidence": "kpi",
    "GrowthRow": "tables",
    "GrowthTable": "tables",
    "IndicatorTable": "tables",
    "Kpi": "kpi",
    "KpiObservation": "kpi",
    "KpiStatus": "kpi",
    "Measure": "observations",
    "Observation": "observations",
    "ObservationSet": "tables",
    "PriceBasis": "observations",
    "Residence": "observations",
    "Seasonality": "seasonality",
    "SeasonalityRow": "tables",
    "SeasonalityTable": "tables",
    "Segment": "observations",
    "Status": "kpi",
    "Tolerances": "kpi",
    "Trajectory": "kpi",
    "Universe": "observations",
    "adr": "indicators",
    "alos": "indicators",
    "alos_of": "tables",
    "cagr": "indicators",
    "capacity_gap": "indicators",
    "chain_link": "indicators",
    "check_one_universe": "observations",
    "compare": "indicators",
    "compound_value": "indicators",
    "convert_observation": "observations",
    "gini": "seasonality",
    "gross_bed_place_occupancy": "indicators",
    "growth_multiple": "indicators",
    "growth_table": "tables",
    "index_series": "indicators",
    "indicator_table": "tables",
    "multiple_to_percent_change": "indicators",
    "net_bed_place_occupancy": "indicators",
    "occupancy_of": "tables",
    "percent_change": "indicators",
    "percent_change_to_multiple": "indicators",
    "percentage_points": "indicators",
    "rebase": "indicators",
    "revpar": "indicators",
    "room_occupancy": "indicators",
    "seasonality": "seasonality",
    "seasonality_table": "tables",
    "share": "indicators",
    "total_of": "tables",
    "tourism_intensity": "indicators",
    "trend_growth": "indicators",
    "years_between": "kpi",
}
"""The submodule that defines each public name (the package's ``__all__``, in order)."""

install(__name__, _WHERE)
