"""Tables over many observations, with undefined cells that carry reasons.

A table never mixes universes, and a cell whose base is zero or missing holds
``None`` and the reason, never ``inf``, ``NaN`` or ``0``. Every cell is the scalar
function's answer (:mod:`creative_city.tourism.indicators`) rounded half-even to the
table's ``places``. The parts, each re-exported here:

* :mod:`~creative_city.tourism.tables.observation_set`: :class:`ObservationSet`,
  observations checked once and laid out as a panel (rows by measures) that every
  table reads;
* :mod:`~creative_city.tourism.tables.period_indicators`: :func:`indicator_table`,
  every flow indicator per period, segment and universe;
* :mod:`~creative_city.tourism.tables.totals`: ratios of sums over many
  observations (:func:`occupancy_of`, :func:`alos_of`, :func:`total_of`);
* :mod:`~creative_city.tourism.tables.yearly_seasonality`: :func:`seasonality_table`,
  the seasonal concentration of every year;
* :mod:`~creative_city.tourism.tables.annual_growth`: :func:`growth_table`, the
  multiple, CAGR and trend of annual totals.

>>> from creative_city.tourism import Observation
>>> obs = [
...     Observation.count("2022-06", "total", "accommodation", "nights", 4500),
...     Observation.count("2022-06", "total", "accommodation", "arrivals", 1500),
... ]
>>> indicator_table(obs).cell(0, "alos")
Cell(value=Decimal('3.000000'), undefined=None)
"""

from __future__ import annotations

from creative_city.tourism.tables import (
    annual_growth,
    observation_set,
    period_indicators,
    totals,
    yearly_seasonality,
)
from creative_city.tourism.tables.annual_growth import *  # noqa: F403 - its __all__
from creative_city.tourism.tables.observation_set import *  # noqa: F403 - its __all__
from creative_city.tourism.tables.period_indicators import *  # noqa: F403 - its __all__
from creative_city.tourism.tables.totals import *  # noqa: F403 - its __all__
from creative_city.tourism.tables.yearly_seasonality import *  # noqa: F403 - its __all__

__all__ = sorted(  # noqa: PLE0605 - derived from the modules' own __all__
    [
        *annual_growth.__all__,
        *observation_set.__all__,
        *period_indicators.__all__,
        *totals.__all__,
        *yearly_seasonality.__all__,
    ]
)
