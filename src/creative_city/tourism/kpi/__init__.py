"""KPI targets: a baseline, a target due on a date, observations, trajectories and status.

A :class:`Kpi` draws a path from its baseline to its target: *compound* (constant
growth rate, the default for money and visitor flows) or *linear* (constant change
per year). :meth:`Kpi.expected` gives the value the path expects on any date;
:meth:`Kpi.status` compares the latest observation with it and returns a
:class:`KpiStatus`.

Status, by the KPI's :class:`Tolerances` (defaults: 5 % and 15 %):

* **on track**: the target is reached, or the latest value is at most
  ``at_risk`` percent short of the expected value on its date;
* **at risk**: short by more than ``at_risk`` but at most ``off_track`` percent;
* **off track**: short by more than ``off_track`` percent, or the due date has
  passed without the target being reached.

Delivery confidence (five levels, as in the UK Infrastructure and Projects Authority's
rating scale) compares the pace still *required* from the latest observation to the
*planned* pace (required CAGR / planned CAGR for a compound path, required change per
year / planned change per year for a linear one), with thresholds ``(1, 1.25, 1.5, 2)``:
**green** at or under 1 (on or ahead of plan, or achieved), **amber/green** up to 1.25,
**amber** up to 1.5, **amber/red** up to 2, **red** beyond 2 or when the target can no
longer be reached in time (due date passed, or a zero latest value on a compound path).
A target equal to its baseline (hold the level) has no pace: its confidence follows the
status (green, amber, red).

The parts, each re-exported here: :mod:`~creative_city.tourism.kpi.targets` (the
KPI, its observations and tolerances), :mod:`~creative_city.tourism.kpi.trajectories`
(linear and compound paths, years between dates) and
:mod:`~creative_city.tourism.kpi.assessment` (status, confidence and the reason).

Worked example (Zakon.kz, 12 September 2022): tourism investment grew 1.7 times in
five years to 100 bn KZT, so a base of 100 / 1.7 = 58.8 bn and about 11.2 % a year.

>>> import datetime as dt
>>> kpi = Kpi(
...     "tourism investment",
...     "bn KZT",
...     "58.8235",
...     "100",
...     dt.date(2022, 1, 1),
...     baseline_on=dt.date(2017, 1, 1),
... )
>>> round(kpi.planned_cagr, 4), round(kpi.expected(dt.date(2022, 1, 1)), 4)
(Decimal('0.1120'), Decimal('100.0000'))
"""

from __future__ import annotations

from creative_city.tourism.kpi import assessment, targets, trajectories
from creative_city.tourism.kpi.assessment import *  # noqa: F403 - its __all__
from creative_city.tourism.kpi.targets import *  # noqa: F403 - its __all__
from creative_city.tourism.kpi.trajectories import *  # noqa: F403 - its __all__

__all__ = sorted(  # noqa: PLE0605 - derived from the modules' own __all__
    [*assessment.__all__, *targets.__all__, *trajectories.__all__]
)
