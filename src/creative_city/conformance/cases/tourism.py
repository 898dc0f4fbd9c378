"""Cases for the tourism and programme operations: zero bases, ties, due dates.

Observations and KPIs are built with the library's own types, as
:mod:`creative_city.testing.tourism` builds them.
"""

from __future__ import annotations

import datetime as _dt
import functools
from decimal import Decimal
from typing import Any, Final

from creative_city.conformance.cases.base import case, period
from creative_city.conformance.cases.choices import Choices
from creative_city.conformance.cases.hubs import planned_hubs
from creative_city.programme import TargetKind, almaty
from creative_city.serialization import to_data
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

__all__ = ["growth", "indicators", "kpi_status", "seasonality", "status"]

_DAYS: Final = ("2022-09-12", "2025-12-31", "2026-01-01", "2030-12-31", "2024-06-30")
_COUNTRIES: Final = ("CN", "RU", "UZ", "KG", "TR", "DE", "US", "IN", "KR", "AE")
_RESIDENCES: Final = tuple(Segment(residence) for residence in Residence)
_MEASURES: Final = tuple(Measure)
_UNIVERSES: Final = tuple(Universe)
_BASES: Final = tuple(PriceBasis)
_TRAJECTORIES: Final = tuple(Trajectory)


def _level(source: Choices) -> str:
    # Levels as the wire carries them: small ones and zero (where rules bite), any,
    # and one time in ten a negative one.
    kind = source.integer(0, 9)
    if kind < 5:
        return source.pick(("1", "2", "7", "0.5", "100", "0"))
    if kind < 9:
        return str(source.decimal(0, 10**6, places=2))
    return str(source.integer(-5, -1))


@case("tourism.growth")
def growth(source: Choices) -> dict[str, Any]:
    """Two levels (a zero or negative one at times) and maybe a number of years."""
    document: dict[str, Any] = {"current": _level(source), "previous": _level(source)}
    years = source.pick((None, "1", "2", "3", "0", "0.5", "10"))
    if years is not None:
        document["years"] = years
    return document


def _months(source: Choices) -> list[int]:
    # Twelve months, not all zero: few values (ties for the peak), a flat year, any.
    kind = source.integer(0, 2)
    if kind == 1:
        return [source.integer(1, 1000)] * 12
    if kind == 0:
        values = [source.pick((0, 1, 5, 9)) for _ in range(12)]
    else:
        values = [source.integer(0, 10**7) for _ in range(12)]
    if not any(values):
        values[-1] = 1
    return values


@case("tourism.seasonality")
def seasonality(source: Choices) -> dict[str, Any]:
    """Twelve months, often with a tie for the peak; a flat year; a few places."""
    values = _months(source)
    return {"values": [str(value) for value in values], "places": source.integer(0, 8)}


def _segment(source: Choices) -> Segment:
    if source.boolean():
        return Segment(Residence.FOREIGN, source.pick(_COUNTRIES))
    return source.pick(_RESIDENCES)


def _observation(source: Choices) -> Observation:
    # A valid observation; a money measure gets a currency and a price basis.
    measure = source.pick(_MEASURES)
    universe = source.pick(_UNIVERSES)
    chosen = period(source)
    segment = _segment(source)
    value = source.decimal(0, 10**9, places=2)
    if measure in MONEY_MEASURES:
        currency = source.pick(("KZT", "USD", "EUR"))
        basis = source.pick(_BASES)
        return Observation(chosen, segment, universe, measure, value, currency, basis)
    return Observation(chosen, segment, universe, measure, value)


@case("tourism.indicators")
def indicators(source: Choices) -> dict[str, Any]:
    """Observations of a few measures, sometimes of one period and segment (so they meet)."""
    data = [to_data(_observation(source)) for _ in source.repeat(0, 6)]
    if bool(data) and source.boolean():
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
        "per_day": source.boolean(),
        "places": source.integer(0, 8),
    }


def _kpi(source: Choices) -> Kpi:
    # A positive baseline and target, due one to fifteen years after the baseline.
    baseline_on = source.date(_dt.date(2000, 1, 1), _dt.date(2030, 12, 31))
    due = baseline_on + _dt.timedelta(days=source.integer(366, 15 * 365))
    name = source.pick(("tourism investment", "services exports", "creative share"))
    unit = source.pick(("bn KZT", "USD million", "percent"))
    baseline = source.decimal(1, 10**6, places=2)
    target = source.decimal(1, 10**6, places=2)
    trajectory = source.pick(_TRAJECTORIES)
    bands = (source.integer(0, 20), source.integer(0, 30))
    return Kpi(
        name,
        unit,
        baseline,
        target,
        due,
        baseline_on=baseline_on,
        trajectory=trajectory,
        tolerances=Tolerances(Decimal(min(bands)), Decimal(max(bands))),
    )


def _kpi_observations(source: Choices, kpi: Kpi) -> list[KpiObservation]:
    # Up to five observations on distinct days from the baseline to the due date.
    days = (kpi.due - kpi.baseline_on).days
    offsets = dict.fromkeys(source.integer(0, days) for _ in source.repeat(0, 5))
    return [
        KpiObservation(
            kpi.baseline_on + _dt.timedelta(days=offset), source.decimal(0, 10**6, places=2)
        )
        for offset in offsets
    ]


@case("tourism.kpi_status")
def kpi_status(source: Choices) -> dict[str, Any]:
    """A KPI on its due date, its baseline date, the day before or after either, or between."""
    kpi = _kpi(source)
    observations = _kpi_observations(source, kpi)
    anchor = source.pick(
        (kpi.due, kpi.baseline_on, observations[0].on if observations else kpi.due)
    )
    as_of = anchor + _dt.timedelta(days=source.pick((0, -1, 1, 200)))
    return {
        "kpi": to_data(kpi),
        "as_of": as_of.isoformat(),
        "observations": to_data(observations),
        "places": source.integer(0, 8),
    }


@functools.cache
def _targets(kind: TargetKind) -> tuple[str, ...]:
    return tuple(target.id for target in almaty().targets if target.kind is kind)


def _observations(source: Choices) -> dict[str, Any]:
    # Planned hubs, up to four KPI measurements (one per target and day) and up to
    # two milestone reports.
    hubs = planned_hubs(source)
    measurements: dict[tuple[str, str], dict[str, Any]] = {}
    for _ in source.repeat(0, 4):
        target = source.pick(_targets(TargetKind.KPI))
        on = source.pick(_DAYS)
        value = source.pick(("0", "1", "100", "250"))
        measurements.setdefault((target, on), {"target": target, "on": on, "value": value})
    milestones = [
        {"target": source.pick(_targets(TargetKind.MILESTONE)), "achieved": source.pick(_DAYS)}
        for _ in source.repeat(0, 2)
    ]
    return {"hubs": hubs, "measurements": list(measurements.values()), "milestones": milestones}


@case("programme.status")
def status(source: Choices) -> dict[str, Any]:
    """The Almaty programme's status from observations, on a date around its due years."""
    as_of = source.pick(("2022-09-12", "2025-12-31", "2026-01-01", "2030-12-31", "2031-01-01"))
    return {"as_of": as_of, "observations": _observations(source)}
