"""Seasonality per calendar year: the seasonal concentration of every year's months.

:func:`seasonality_table` applies :func:`~creative_city.tourism.seasonality` to the
twelve monthly values of every year, segment and universe of a measure. A year with
fewer than twelve months, or a zero total, gets an undefined row with the reason.

>>> from creative_city.tourism import Observation
>>> months = [
...     Observation.count(f"2023-{m:02d}", "total", "accommodation", "nights", 100 * m)
...     for m in range(1, 13)
... ]
>>> (row,) = seasonality_table(months).rows
>>> row.year, row.seasonality.gini, row.seasonality.peak_month
(2023, Decimal('0.305556'), 12)
"""

from __future__ import annotations

import decimal
import math
import operator
from collections.abc import Iterable
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import ValidationError
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import quantum as _quantum
from creative_city.tourism.observations import Measure, Observation
from creative_city.tourism.seasonal_concentration import Seasonality, seasonality
from creative_city.tourism.tables._first_guess import UNIT, rounded
from creative_city.tourism.tables.observation_set import (
    REVENUE,
    SLOTS,
    ObservationSet,
    panel_of,
)

__all__ = ["SeasonalityRow", "SeasonalityTable", "seasonality_table"]


@attrs.frozen
class SeasonalityRow:
    """Seasonality of one year, segment and universe, or why it is undefined."""

    year: int
    segment: str
    universe: str
    seasonality: Seasonality | None
    undefined: str | None


@attrs.frozen
class SeasonalityTable:
    """Seasonality per calendar year, segment and universe of a monthly measure."""

    measure: Measure
    places: int
    rows: tuple[SeasonalityRow, ...]

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per row."""
        records: list[dict[str, object]] = []
        for row in self.rows:
            record: dict[str, object] = {
                "year": row.year,
                "segment": row.segment,
                "universe": row.universe,
                "measure": self.measure.value,
                "undefined": row.undefined,
            }
            for field in attrs.fields(Seasonality):
                record[field.name] = (
                    getattr(row.seasonality, field.name) if row.seasonality else None
                )
            records.append(record)
        return records

    def __repr__(self) -> str:
        return f"<SeasonalityTable {self.measure.value}: {len(self.rows)} rows>"


def seasonality_table(
    observations: ObservationSet | Iterable[Observation],
    measure: Measure | str = Measure.NIGHTS,
    *,
    places: int = 6,
) -> SeasonalityTable:
    """Return the seasonality of *measure* for every year, segment and universe.

    Only monthly observations count. A year with fewer than 12 months, or a zero
    total, gets an undefined row with the reason.

    Args:
        observations: An :class:`ObservationSet` or any iterable of observations.
        measure: A flow or capacity measure (default nights).
        places: Decimal places of the measures (default 6).
    """
    quantum = _quantum(places)
    wanted = Measure(measure)
    if wanted not in SLOTS:
        raise ValidationError("measure", wanted.value, "has no monthly seasonality here")
    panel = panel_of(observations)
    slot = SLOTS.index(wanted)
    column = panel.columns[slot] if slot < REVENUE else panel.revenue.amounts
    rows = []
    for (year, segment, universe), indices in sorted(panel.months.items()):
        values = [None if row is None else column[row] for row in indices]
        missing = [month for month, value in enumerate(values, 1) if value is None]
        if len(missing) == 12:  # no observation of the measure in the year
            continue
        if missing:
            reason = f"months {missing} are missing (need all 12)"
            rows.append(SeasonalityRow(year, segment, universe, None, reason))
            continue
        result = _measures(values, quantum, places)  # type: ignore[arg-type]
        if result is None:
            reason = "the year's total is zero"
            rows.append(SeasonalityRow(year, segment, universe, None, reason))
        else:
            rows.append(SeasonalityRow(year, segment, universe, result, None))
    return SeasonalityTable(wanted, places, tuple(rows))


def _measures(values: list[Decimal], quantum: Decimal, places: int) -> Seasonality | None:
    """Return the seasonality of twelve monthly *values* rounded, ``None`` if they sum to 0."""
    counts = list(map(int, values))
    if counts == values and max(counts) < _WHOLE_COUNT_LIMIT:
        return _whole_count_measures(counts, quantum, places)
    # Not all whole counts (or huge ones): some value is > 0, so the total is too.
    return seasonality(values).quantized(places)


# Whole counts below this size have exact sums, squares and 12 x total both as Python
# ints and in the decimal contexts here (at most 66 digits < 200; 12 x total < 10**50).
_WHOLE_COUNT_LIMIT: Final = 10**30
_RANKS: Final = tuple(range(1, 13))
_WIDE: Final = decimal.Context(prec=200, rounding=decimal.ROUND_HALF_EVEN)


def _whole_count_measures(levels: list[int], quantum: Decimal, places: int) -> Seasonality | None:
    """Return ``seasonality(levels).quantized(places)`` for whole counts, ``None`` if all 0.

    The same measures, faster: the exact sums in ``int``, then the same correctly
    rounded divisions. The coefficient of variation needs a square root: it is taken
    in binary floating point with an error bound and kept when the bound settles the
    rounding to *places* (:func:`~creative_city.tourism.tables._first_guess.rounded`),
    else computed exactly.
    """
    ordered = sorted(levels)
    total = sum(ordered)
    if not total:
        return None
    numerator = 2 * sum(map(operator.mul, _RANKS, ordered)) - 13 * total
    peak = ordered[-1]
    # sum((12 y - total)^2) = 144 sum(y^2) - 24 total sum(y) + 12 total^2, sum(y) = total.
    squares = 144 * sum(map(operator.mul, ordered, ordered)) - 12 * total * total
    # Float error: squares / 1728, sqrt, x 12 and / total each round once (the
    # int-to-float conversions once more): under 5 units of the result; doubled.
    approx = 12 * math.sqrt(squares / 1728) / total
    variation = rounded(approx, 10 * UNIT * approx, places) if squares else None
    # Operators in a local context: about twice as fast as the context's methods.
    with decimal.localcontext(_CTX):
        exact_total = Decimal(total)
        if variation is None:
            deviation = (Decimal(squares) / 1728).sqrt()
            variation = (12 * deviation / exact_total).quantize(quantum)
        return Seasonality(
            (Decimal(numerator) / Decimal(12 * total)).quantize(quantum),
            (exact_total / Decimal(peak)).quantize(quantum),
            (Decimal(12 * peak) / exact_total).quantize(quantum),
            variation,
            levels.index(peak) + 1,
            exact_total.quantize(quantum, context=_WIDE),
        )
