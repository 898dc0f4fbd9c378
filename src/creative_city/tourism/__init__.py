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

The parts, each a module or package whose public names are re-exported here:

* :mod:`~creative_city.tourism.observations`: observations, segments, universes,
  measures;
* :mod:`~creative_city.tourism.indicators`: scalar indicators (growth, index
  numbers, shares, accommodation, intensity and capacity, same period last year);
* :mod:`~creative_city.tourism.seasonal_concentration`: seasonality of a 12-month
  series (Gini, months-equivalent, peak/mean, CV);
* :mod:`~creative_city.tourism.tables`: tables over many observations (indicators
  per period, seasonality per year, growth over the years, ratios of sums);
* :mod:`~creative_city.tourism.kpi`: targets, trajectories and status;
* :mod:`~creative_city.tourism.operations`: the oracle operations (not re-exported).
"""

from __future__ import annotations

# The names come from the modules that define them (type checkers follow one level of
# ``import *``, reading a literal ``__all__``); ``__all__`` is the parts' own.
from creative_city.tourism import indicators, kpi, observations, seasonal_concentration, tables
from creative_city.tourism.indicators.accommodation import *  # noqa: F403
from creative_city.tourism.indicators.arithmetic import *  # noqa: F403
from creative_city.tourism.indicators.capacity import *  # noqa: F403
from creative_city.tourism.indicators.comparison import *  # noqa: F403
from creative_city.tourism.indicators.growth import *  # noqa: F403
from creative_city.tourism.indicators.index_numbers import *  # noqa: F403
from creative_city.tourism.indicators.shares import *  # noqa: F403
from creative_city.tourism.kpi.assessment import *  # noqa: F403
from creative_city.tourism.kpi.targets import *  # noqa: F403
from creative_city.tourism.kpi.trajectories import *  # noqa: F403
from creative_city.tourism.observations import *  # noqa: F403
from creative_city.tourism.seasonal_concentration import *  # noqa: F403
from creative_city.tourism.tables.annual_growth import *  # noqa: F403
from creative_city.tourism.tables.observation_set import *  # noqa: F403
from creative_city.tourism.tables.period_indicators import *  # noqa: F403
from creative_city.tourism.tables.totals import *  # noqa: F403
from creative_city.tourism.tables.yearly_seasonality import *  # noqa: F403

__all__ = sorted(  # noqa: PLE0605 - derived from the parts' own __all__
    [
        *indicators.__all__,
        *kpi.__all__,
        *observations.__all__,
        *seasonal_concentration.__all__,
        *tables.__all__,
    ]
)
