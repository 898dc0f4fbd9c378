"""Hypothesis strategies for the programme's observations.

>>> from hypothesis import given
>>> from creative_city.programme import Observations
>>> @given(observations())
... def test(o):
...     assert isinstance(o, Observations)
>>> test()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from hypothesis import strategies as st

from creative_city.programme import Measurement, MilestoneReport, Observations, almaty
from creative_city.programme.model import TargetKind
from creative_city.testing.hubs import planned_hubs

__all__ = ["measurements", "milestone_reports", "observations", "register"]

_DATES = st.dates(_dt.date(2022, 9, 12), _dt.date(2032, 12, 31))


def measurements() -> st.SearchStrategy[Measurement]:
    """Measurements of the Almaty programme's KPI targets."""
    kpis = [t.id for t in almaty().targets if t.kind is TargetKind.KPI]
    return st.builds(
        Measurement,
        st.sampled_from(kpis),
        _DATES,
        st.integers(0, 10**12).map(Decimal),
    )


def milestone_reports() -> st.SearchStrategy[MilestoneReport]:
    """Reports of the Almaty programme's milestones delivered."""
    milestones = [t.id for t in almaty().targets if t.kind is TargetKind.MILESTONE]
    return st.builds(MilestoneReport, st.sampled_from(milestones), _DATES)


def observations() -> st.SearchStrategy[Observations]:
    """Observations of the Almaty programme: hubs, measurements and milestones."""
    return st.builds(
        Observations,
        st.lists(planned_hubs(), max_size=10, unique_by=lambda h: h.id).map(tuple),
        st.lists(measurements(), max_size=8, unique_by=lambda m: (m.target, m.on)).map(tuple),
        st.lists(milestone_reports(), max_size=3).map(tuple),
    )


def register() -> None:
    """Register the strategies with ``st.register_type_strategy`` (hypothesis plugin)."""
    st.register_type_strategy(Observations, observations())
    st.register_type_strategy(Measurement, measurements())
    st.register_type_strategy(MilestoneReport, milestone_reports())
