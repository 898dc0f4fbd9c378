"""Growth of annual totals over the years: multiple, CAGR and trend, per segment.

:func:`growth_table` takes each year's total of a count measure (its calendar-year
observation, or else the sum of its twelve months) for every segment and universe,
and gives the multiple and CAGR from the first to the last year and the log-linear
trend over every year.

>>> from creative_city.tourism import Observation
>>> years = [
...     Observation.count(str(year), "total", "accommodation", "nights", value)
...     for year, value in ((2019, 1000), (2020, 1100), (2021, 1210))
... ]
>>> (row,) = growth_table(years).rows
>>> row.multiple, row.cagr, row.trend_growth
(Decimal('1.210000'), Decimal('0.100000'), Decimal('0.100000'))
"""

from __future__ import annotations

import decimal
from collections.abc import Iterable
from decimal import Decimal

import attrs

from creative_city.errors import ValidationError
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import quantum as _quantum
from creative_city.tourism.indicators.arithmetic import shown
from creative_city.tourism.indicators.growth import cagr, growth_multiple, trend_growth
from creative_city.tourism.observations import Measure, Observation
from creative_city.tourism.tables._first_guess import cagr_guess, trend_guess
from creative_city.tourism.tables.observation_set import (
    REVENUE,
    SLOTS,
    ObservationSet,
    Panel,
    panel_of,
)

__all__ = ["GrowthRow", "GrowthTable", "growth_table"]

_Group = tuple[str, str]


@attrs.frozen
class GrowthRow:
    """Growth of one segment and universe over the years (annual totals).

    Attributes:
        segment: The segment label.
        universe: The universe.
        first_year: The first year with a complete total.
        last_year: The last year with a complete total.
        first: The first year's total.
        last: The last year's total.
        multiple: ``last / first``, or ``None``.
        cagr: ``(last / first) ** (1 / (last_year - first_year)) - 1``, or ``None``.
        trend_growth: Log-linear least-squares growth per year, or ``None``.
        undefined: Why some figure is ``None``, else ``None``.
    """

    segment: str
    universe: str
    first_year: int | None
    last_year: int | None
    first: Decimal | None
    last: Decimal | None
    multiple: Decimal | None
    cagr: Decimal | None
    trend_growth: Decimal | None
    undefined: str | None


@attrs.frozen
class GrowthTable:
    """Multiple, CAGR and trend growth of a measure's annual totals, per segment."""

    measure: Measure
    places: int
    rows: tuple[GrowthRow, ...]

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per row."""
        return [{"measure": self.measure.value, **attrs.asdict(row)} for row in self.rows]

    def __repr__(self) -> str:
        return f"<GrowthTable {self.measure.value}: {len(self.rows)} rows>"


def growth_table(
    observations: ObservationSet | Iterable[Observation],
    measure: Measure | str = Measure.NIGHTS,
    *,
    places: int = 6,
) -> GrowthTable:
    """Return the growth of *measure*'s annual totals for every segment and universe.

    A year's total is its calendar-year observation, or else the sum of its twelve
    monthly observations (years with neither are skipped). CAGR uses the first and
    last years; the trend uses every year (:func:`~creative_city.tourism.trend_growth`).
    """
    quantum = _quantum(places)
    wanted = Measure(measure)
    if wanted not in SLOTS[:REVENUE]:
        raise ValidationError("measure", wanted.value, "must be a count measure")
    totals = _annual_totals(panel_of(observations), SLOTS.index(wanted))
    rows = [_growth_row(group, series, quantum, places) for group, series in sorted(totals.items())]
    return GrowthTable(wanted, places, tuple(rows))


def _annual_totals(panel: Panel, slot: int) -> dict[_Group, dict[int, Decimal]]:
    """Return each year's total per segment and universe: its annual row, or its months."""
    column = panel.columns[slot]
    totals: dict[_Group, dict[int, Decimal]] = {
        group: {year: value for year, row in rows.items() if (value := column[row]) is not None}
        for group, rows in panel.years.items()
    }
    with decimal.localcontext(_CTX):
        for (year, segment, universe), rows in panel.months.items():
            annual = totals.setdefault((segment, universe), {})
            if year not in annual and (total := _sum_of_months(column, rows)) is not None:
                annual[year] = total
    return {group: series for group, series in totals.items() if series}


def _sum_of_months(column: list[Decimal | None], rows: list[int | None]) -> Decimal | None:
    """Return the sum of a year's twelve monthly values, ``None`` if one is missing."""
    try:
        # A month without a row (column[None]) or without the measure (+ None) is a
        # TypeError: the year is incomplete and has no total.
        return sum(map(column.__getitem__, rows), Decimal(0))  # type: ignore[arg-type, type-var]
    except TypeError:
        return None


def _growth_row(
    group: _Group, series: dict[int, Decimal], quantum: Decimal, places: int
) -> GrowthRow:
    segment, universe = group
    years = sorted(series)
    if len(years) < 2:
        return GrowthRow(
            segment, universe, None, None, None, None, None, None, None,
            "fewer than two years with a complete total",
        )  # fmt: skip
    first_year, last_year = years[0], years[-1]
    first, last = series[first_year], series[last_year]
    if first == 0:
        return GrowthRow(
            segment, universe, first_year, last_year, first, last, None, None, None,
            f"the {first_year} total is zero, so no growth from it exists",
        )  # fmt: skip
    span = last_year - first_year
    rate = cagr_guess(first, last, span, places)
    if rate is None:
        rate = shown(cagr(first, last, span), quantum)
    values = [series[year] for year in years]
    trend = _trend(years, values, quantum, places)
    return GrowthRow(
        segment,
        universe,
        first_year,
        last_year,
        first,
        last,
        shown(growth_multiple(last, first), quantum),
        rate,
        trend,
        None if trend is not None else "a zero year has no logarithm, so no trend growth exists",
    )


def _trend(
    years: list[int], values: list[Decimal], quantum: Decimal, places: int
) -> Decimal | None:
    """Return the trend growth of *values* in *years* rounded to *quantum*, ``None`` if a zero."""
    if any(value == 0 for value in values):
        return None
    if years != list(range(years[0], years[-1] + 1)):  # gaps: the years are the times
        return shown(trend_growth(values, [Decimal(year) for year in years]), quantum)
    trend = trend_guess(values, places)
    if trend is None:
        trend = shown(trend_growth(values), quantum)
    return trend
