"""Cases for the tourism and programme operations: zero bases, ties, due dates."""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Any, Final

from hypothesis import strategies as st

from creative_city.conformance.cases.base import case, pick
from creative_city.conformance.cases.hubs import planned_hubs
from creative_city.programme import TargetKind, almaty
from creative_city.serialization import to_data
from creative_city.testing import tourism

__all__ = ["growth", "indicators", "kpi_status", "seasonality", "status"]


_LEVELS: Final = tourism.levels(max_value=10**6)


@functools.cache
@st.composite
def _level(draw: st.DrawFn) -> str:
    # Levels as the wire carries them: small ones and zero (where rules bite), any,
    # and one time in ten a negative one.
    kind = draw(st.integers(0, 9))
    if kind < 5:
        return pick(draw, ("1", "2", "7", "0.5", "100", "0"))
    if kind < 9:
        return str(draw(_LEVELS))
    return str(draw(st.integers(-5, -1)))


_MONTHS: Final = st.one_of(
    st.lists(st.sampled_from((0, 1, 5, 9)), min_size=12, max_size=12).filter(any),
    st.integers(1, 1000).map(lambda value: [value] * 12),
    tourism.monthly_series(),
)
_OBSERVATIONS: Final = st.lists(tourism.observations(), max_size=6)
_KPIS: Final = tourism.kpis()
_DAYS: Final = st.sampled_from(
    ("2022-09-12", "2025-12-31", "2026-01-01", "2030-12-31", "2024-06-30")
)


@case("tourism.growth")
@st.composite
def growth(draw: st.DrawFn) -> dict[str, Any]:
    """Two levels (a zero or negative one at times) and maybe a number of years."""
    document: dict[str, Any] = {"current": draw(_level()), "previous": draw(_level())}
    years = pick(draw, (None, "1", "2", "3", "0", "0.5", "10"))
    if years is not None:
        document["years"] = years
    return document


@case("tourism.seasonality")
@st.composite
def seasonality(draw: st.DrawFn) -> dict[str, Any]:
    """Twelve months, often with a tie for the peak; a flat year; a few places."""
    values = draw(_MONTHS)
    return {"values": [str(value) for value in values], "places": draw(st.integers(0, 8))}


@case("tourism.indicators")
@st.composite
def indicators(draw: st.DrawFn) -> dict[str, Any]:
    """Observations of a few measures, sometimes of one period and segment (so they meet)."""
    items = draw(_OBSERVATIONS)
    data = [to_data(item) for item in items]
    if bool(data) and draw(st.booleans()):
        # The same period, segment and universe for all: indicators combine them.
        first = data[0]
        data = [
            {
                **item,
                "period": first["period"],
                "segment": first["segment"],
                "universe": first["universe"],
            }
            for item in data
        ]
    return {
        "observations": data,
        "per_day": draw(st.booleans()),
        "places": draw(st.integers(0, 8)),
    }


@case("tourism.kpi_status")
@st.composite
def kpi_status(draw: st.DrawFn) -> dict[str, Any]:
    """A KPI on its due date, its baseline date, the day before or after either, or between."""
    kpi = draw(_KPIS)
    observations = draw(tourism.kpi_observations(kpi))
    anchor = pick(draw, (kpi.due, kpi.baseline_on, observations[0].on if observations else kpi.due))
    as_of = anchor + _dt.timedelta(days=pick(draw, (0, -1, 1, 200)))
    return {
        "kpi": to_data(kpi),
        "as_of": as_of.isoformat(),
        "observations": to_data(observations),
        "places": draw(st.integers(0, 8)),
    }


@functools.cache
def _targets(kind: TargetKind) -> tuple[str, ...]:
    return tuple(target.id for target in almaty().targets if target.kind is kind)


@functools.cache
def _observations() -> st.SearchStrategy[dict[str, Any]]:
    measurements = st.lists(
        st.fixed_dictionaries(
            {
                "target": st.sampled_from(_targets(TargetKind.KPI)),
                "on": _DAYS,
                "value": st.sampled_from(("0", "1", "100", "250")),
            }
        ),
        max_size=4,
        unique_by=lambda item: (item["target"], item["on"]),
    )
    reports = st.lists(
        st.fixed_dictionaries(
            {"target": st.sampled_from(_targets(TargetKind.MILESTONE)), "achieved": _DAYS}
        ),
        max_size=2,
    )
    return st.fixed_dictionaries(
        {"hubs": planned_hubs(), "measurements": measurements, "milestones": reports}
    )


@case("programme.status")
@st.composite
def status(draw: st.DrawFn) -> dict[str, Any]:
    """The Almaty programme's status from observations, on a date around its due years."""
    as_of = pick(draw, ("2022-09-12", "2025-12-31", "2026-01-01", "2030-12-31", "2031-01-01"))
    return {"as_of": as_of, "observations": draw(_observations())}
