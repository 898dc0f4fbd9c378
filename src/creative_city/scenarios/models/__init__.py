"""The exact models a sweep runs, one sample at a time.

* :class:`FundProjection` (``"fund_projection"``) runs
  :func:`creative_city.funding.project` with ``growth``, ``bow`` and
  ``distribution_yield``; events: a multiple reached by a year; slots: DPI and TVPI in
  each year of the fund's life.
* :class:`KpiPath` (``"kpi_path"``) compounds a ``growth`` rate drawn each year and
  judges the path with :class:`creative_city.tourism.Kpi`; events: the target met, the
  status at checkpoints; slots: the value in each year.
* :class:`HubRollout` (``"hub_rollout"``) delays each hub's opening by ``delay_days``
  (and opens ``open_early`` pipeline hubs for certain), judged by
  :func:`creative_city.hubs.rollout_status`; events: each target met; slots: hubs open
  at the end of each year.

Every model has the same four methods: ``inputs()`` (the
:class:`~creative_city.scenarios.outcomes.Input` parameters it reads, with the values
its exact model accepts), ``layout()`` (its events and slots), and ``evaluate(draws)``
(one sample's :class:`~creative_city.scenarios.outcomes.Outcome`). ``Model`` is the
type alias of any of them (not in ``__all__``, as it is a union).
"""

from __future__ import annotations

from typing import Union

from creative_city.scenarios.models import fund, kpi, rollout
from creative_city.scenarios.models.fund import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.models.fund import FundProjection
from creative_city.scenarios.models.kpi import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.models.kpi import KpiPath
from creative_city.scenarios.models.rollout import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.models.rollout import HubRollout
from creative_city.serialization import register_tagged_union

__all__ = sorted([*fund.__all__, *kpi.__all__, *rollout.__all__])  # noqa: PLE0605 - derived

Model = Union[FundProjection, KpiPath, HubRollout]  # noqa: UP007 - cattrs tagged unions need typing.Union
"""Any model (JSON: tagged by ``"type"``, e.g. ``"fund_projection"``)."""

register_tagged_union(Model, tag="type")
