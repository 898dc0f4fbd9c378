"""Hypothesis strategies for the tourism domain (observations, segments, KPIs).

>>> from hypothesis import given
>>> @given(observations(measure="arrivals"))
... def test(obs):
...     assert obs.value >= 0
>>> test()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from hypothesis import strategies as st

from creative_city.testing.strategies import periods
from creative_city.tourism import (
    MONEY_MEASURES,
    Kpi,
    KpiObservation,
    Measure,
    Observation,
    PriceBasis,
    Residence,
    Segment,
    Tolerances,
    Trajectory,
    Universe,
)

__all__ = [
    "kpi_observations",
    "kpis",
    "levels",
    "monthly_series",
    "observations",
    "register",
    "segments",
    "tolerances",
]

_COUNTRIES = ("CN", "RU", "UZ", "KG", "TR", "DE", "US", "IN", "KR", "AE")


def levels(
    *, min_value: int = 0, max_value: int = 10**9, places: int = 2
) -> st.SearchStrategy[Decimal]:
    """Non-negative Decimal levels (counts or amounts) with at most *places* decimals."""
    return st.decimals(
        min_value=min_value,
        max_value=max_value,
        places=places,
        allow_nan=False,
        allow_infinity=False,
    )


def segments() -> st.SearchStrategy[Segment]:
    """Foreign, domestic and total segments, and foreign visitors by country of residence."""
    return st.one_of(
        st.sampled_from([Segment(r) for r in Residence]),
        st.sampled_from(_COUNTRIES).map(lambda c: Segment(Residence.FOREIGN, c)),
    )


@st.composite
def observations(
    draw: st.DrawFn,
    *,
    measure: Measure | str | None = None,
    universe: Universe | str | None = None,
) -> Observation:
    """Valid observations; money measures get a currency and a price basis."""
    chosen = Measure(measure) if measure is not None else draw(st.sampled_from(list(Measure)))
    source = Universe(universe) if universe is not None else draw(st.sampled_from(list(Universe)))
    period = draw(periods())
    segment = draw(segments())
    value = draw(levels())
    if chosen in MONEY_MEASURES:
        currency = draw(st.sampled_from(["KZT", "USD", "EUR"]))
        basis = draw(st.sampled_from(list(PriceBasis)))
        return Observation(period, segment, source, chosen, value, currency, basis)
    return Observation(period, segment, source, chosen, value)


def monthly_series(*, max_value: int = 10**7) -> st.SearchStrategy[list[int]]:
    """Twelve non-negative monthly counts, not all zero."""
    return st.lists(st.integers(0, max_value), min_size=12, max_size=12).filter(any)


def tolerances() -> st.SearchStrategy[Tolerances]:
    """Status tolerances with ``0 <= at_risk <= off_track`` and ascending bands."""
    return st.tuples(st.integers(0, 20), st.integers(0, 30)).map(
        lambda t: Tolerances(Decimal(min(t)), Decimal(max(t)))
    )


@st.composite
def kpis(draw: st.DrawFn, *, trajectory: Trajectory | None = None) -> Kpi:
    """KPIs with a positive baseline and target, due 1 to 15 years after the baseline."""
    baseline_on = draw(st.dates(_dt.date(2000, 1, 1), _dt.date(2030, 12, 31)))
    due = baseline_on + _dt.timedelta(days=draw(st.integers(366, 15 * 365)))
    return Kpi(
        draw(st.sampled_from(["tourism investment", "services exports", "creative share"])),
        draw(st.sampled_from(["bn KZT", "USD million", "percent"])),
        draw(levels(min_value=1, max_value=10**6)),
        draw(levels(min_value=1, max_value=10**6)),
        due,
        baseline_on=baseline_on,
        trajectory=trajectory or draw(st.sampled_from(list(Trajectory))),
        tolerances=draw(tolerances()),
    )


@st.composite
def kpi_observations(draw: st.DrawFn, kpi: Kpi, *, max_size: int = 5) -> list[KpiObservation]:
    """Observations of *kpi* on distinct dates between its baseline and due dates."""
    days = (kpi.due - kpi.baseline_on).days
    offsets = draw(st.lists(st.integers(0, days), max_size=max_size, unique=True))
    return [
        KpiObservation(kpi.baseline_on + _dt.timedelta(days=d), draw(levels(max_value=10**6)))
        for d in offsets
    ]


def _kpi_observation() -> st.SearchStrategy[KpiObservation]:
    return st.builds(
        KpiObservation, st.dates(_dt.date(2000, 1, 1), _dt.date(2040, 12, 31)), levels()
    )


def register() -> None:
    """Register the strategies with hypothesis (``st.from_type(Observation)`` works)."""
    st.register_type_strategy(Segment, segments())
    st.register_type_strategy(Observation, observations())
    st.register_type_strategy(Tolerances, tolerances())
    st.register_type_strategy(Kpi, kpis())
    st.register_type_strategy(KpiObservation, _kpi_observation())
