"""Policy scenarios: seeded Monte Carlo sweeps over the library's exact models.

A :class:`ScenarioSpec` names a model and a form for each of its uncertain inputs;
:func:`sweep` runs it many times and returns, for every combination of grid values,
the probability of each event (a target met) and P5/P50/P95 of every metric year by
year (fans for charts). The same spec and seed give the same bytes on one core, a
process pool or a Dask cluster.

>>> from creative_city.money import Money
>>> from creative_city.scenarios import (
...     FundProjection,
...     FundTarget,
...     Normal,
...     ScenarioSpec,
...     Triangular,
...     Fixed,
...     sweep,
... )
>>> spec = ScenarioSpec(
...     name="almaty-fund",
...     model=FundProjection(
...         commitment=Money.of(20_000_000_000, "KZT"),
...         contribution_rates=["0.25", "0.333", "0.5"],
...         life=12,
...         targets=[FundTarget("dpi", 10, 1)],
...     ),
...     parameters={
...         "growth": Normal(mean="0.10", sd="0.08", low="-0.30", high="0.50", places=3),
...         "bow": Triangular(low="1.5", mode="2.5", high="4", places=2),
...         "distribution_yield": Fixed(0),
...     },
... )
>>> result = sweep(spec, samples=40, seed=2022)
>>> result.cells[0].probability("dpi >= 1 by year 10")
Decimal('0.775000')
>>> year_10 = result.cells[0].fan("dpi")[9]
>>> year_10.p5, year_10.p50, year_10.p95
(Decimal('0.700'), Decimal('1.252'), Decimal('2.978'))

The parts: :mod:`~creative_city.scenarios.spec` (the spec and its JSON),
:mod:`~creative_city.scenarios.distributions` (the seven parameter forms),
:mod:`~creative_city.scenarios.streams` and :mod:`~creative_city.scenarios.draws`
(per-sample random streams), :mod:`~creative_city.scenarios.models` (fund projection,
KPI path, hub rollout), :mod:`~creative_city.scenarios.outcomes` (what a model
returns), :mod:`~creative_city.scenarios.tally` (streaming aggregation),
:mod:`~creative_city.scenarios.engines` (chunks on any engine) and
:mod:`~creative_city.scenarios.result` (the answer). Every public name of theirs is
re-exported here.
"""

from __future__ import annotations

from creative_city.scenarios import (
    distributions,
    draws,
    engines,
    models,
    outcomes,
    result,
    spec,
    streams,
    tally,
)
from creative_city.scenarios.distributions import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.draws import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.engines import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.models import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.outcomes import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.result import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.spec import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.streams import *  # noqa: F403 - the module's __all__
from creative_city.scenarios.tally import *  # noqa: F403 - the module's __all__

__all__ = sorted(  # noqa: PLE0605 - derived from the parts
    name
    for part in (distributions, draws, engines, models, outcomes, result, spec, streams, tally)
    for name in part.__all__
)
