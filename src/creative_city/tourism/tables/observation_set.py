"""A validated, indexed set of observations: the panel every table reads.

:class:`ObservationSet` checks each observation once (its type; one figure per
period, segment, universe and measure) and lays the figures out as a *panel*: one
row per (period, segment, universe), sorted by period start, period end, segment and
universe, and one column per measure. The tables then compute column by column
without re-reading the observations. Beside the columns, the panel keeps what the
tables look up again and again:

* the resident population of each row's period (or of the calendar year containing
  it), the denominator of tourism intensity;
* the row one year earlier (H1 2023 for H1 2024, same segment and universe) and the
  days of both periods, for year-on-year growth;
* the rows of each calendar year: its twelve months, or its annual row;
* which cells are missing or zero, so that the tables can say why a cell is
  undefined.

>>> from creative_city.tourism import Observation
>>> data = ObservationSet(
...     [
...         Observation.count("2023-06", "total", "border", "arrivals", 100),
...         Observation.count("2024-06", "total", "border", "arrivals", 150),
...     ]
... )
>>> len(data), data
(2, <ObservationSet 2 observations>)
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money import get_currency
from creative_city.serialization import from_data, register_hooks, to_data
from creative_city.time import Period, PeriodKind
from creative_city.tourism.observations import Measure, Observation, Universe

__all__ = ["ObservationSet"]

SLOTS: Final = (
    Measure.ARRIVALS,
    Measure.NIGHTS,
    Measure.BED_PLACES,
    Measure.BED_DAYS_AVAILABLE,
    Measure.ROOMS_AVAILABLE,
    Measure.ROOMS_SOLD,
    Measure.REVENUE,
)
"""The measures of a panel row, in column order (revenue, money, last)."""
REVENUE: Final = SLOTS.index(Measure.REVENUE)
_SLOT_OF: Final = {measure: slot for slot, measure in enumerate(SLOTS)}

_Span = tuple[_dt.date, _dt.date]
_RowKey = tuple[_dt.date, _dt.date, str, str]
Blanks = tuple[list[int], list[int]]
"""Which rows of a column lack a value, and which hold zero."""


@attrs.frozen(eq=False)
class YearEarlier:
    """How each row of a panel links to the same row one year earlier.

    Attributes:
        earlier_row: The row one year earlier, or the row itself when there is none
            (the growth cells of those rows are undefined).
        no_previous: The rows without a row one year earlier.
        leading_without_previous: How many rows at the start have none (usually the
            first year's rows, since rows are sorted by period).
        later: The later row(s) of each row that has some.
        days: The days of each row's period, as ``Decimal``.
        previous_days: The days of the period one year earlier, as ``Decimal`` (0
            when the period has no year-earlier period).
        mismatch: Whether the two periods have different lengths.
    """

    earlier_row: list[int]
    no_previous: list[int]
    leading_without_previous: int
    later: dict[int, list[int]]
    days: list[Decimal]
    previous_days: list[Decimal]
    mismatch: tuple[bool, ...]


@attrs.frozen(eq=False)
class RevenueColumn:
    """The revenue column of a panel, with its currency and price basis per row.

    Attributes:
        amounts: The revenue of each row (``None`` where there is none).
        blanks: Which rows have no revenue, and which zero revenue.
        quanta: The minor unit of each row's currency (0.01 where there is none).
        minor_units: The most minor-unit digits of any currency in the column.
        currencies: The currency code of each row, or ``None``.
        bases: The price basis of each row (``nominal``/``real``), or ``None``.
    """

    amounts: list[Decimal | None]
    blanks: Blanks
    quanta: list[Decimal]
    minor_units: int
    currencies: tuple[str | None, ...]
    bases: tuple[str | None, ...]


@attrs.frozen(eq=False)
class Panel:
    """Observations laid out as rows (period, segment, universe) by measures.

    Attributes:
        columns: One column per count measure of :data:`SLOTS` (revenue excepted),
            one value per row, ``None`` where there is no observation.
        blanks: The missing and zero rows of each column.
        revenue: The revenue column.
        population: The total resident population of each row's period, else of its
            calendar year, else ``None``.
        blank_population: The rows without a population, and with a zero one.
        days: The days of each row's period.
        months: For each (year, segment, universe), the rows of its twelve months
            (``None`` for a month without a row).
        years: For each (segment, universe), the annual row of each year.
        year_earlier: The links to the same rows one year earlier.
        labels: The period, segment and universe label of each row.
    """

    columns: list[list[Decimal | None]]
    blanks: list[Blanks]
    revenue: RevenueColumn
    population: list[Decimal | None]
    blank_population: Blanks
    days: list[int]
    months: dict[tuple[int, str, str], list[int | None]]
    years: dict[tuple[str, str], dict[int, int]]
    year_earlier: YearEarlier
    labels: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]


class ObservationSet:
    """A validated, indexed, immutable collection of observations.

    Building the set checks every observation once (type, no duplicate period,
    segment, universe and measure) and indexes it by row (period, segment,
    universe); the tables then compute column by column without re-reading the
    observations. Pass the same set to :func:`indicator_table` and
    :func:`seasonality_table` to index once. Iterating yields the observations.

    Its JSON form is the list of its observations.

    Args:
        observations: The observations.

    Raises:
        InvalidTypeError: If an item is not an :class:`Observation`.
        ValidationError: On a duplicate observation.
    """

    __slots__ = ("_observations", "_panel")

    def __init__(self, observations: Iterable[Observation]) -> None:
        self._observations = tuple(observations)
        self._panel = _index(self._observations)

    def __iter__(self) -> Iterator[Observation]:
        return iter(self._observations)

    def __len__(self) -> int:
        return len(self._observations)

    def __repr__(self) -> str:
        return f"<ObservationSet {len(self._observations)} observations>"

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, ObservationSet):
            return NotImplemented
        return self._observations == other._observations

    def __hash__(self) -> int:
        return hash(self._observations)

    @property
    def observations(self) -> tuple[Observation, ...]:
        """The observations, in the order given."""
        return self._observations


def panel_of(observations: ObservationSet | Iterable[Observation]) -> Panel:
    """Return the panel of *observations*, indexing them unless they are a set already."""
    if not isinstance(observations, ObservationSet):
        observations = ObservationSet(observations)
    return observations._panel  # noqa: SLF001 - the set's own index, read by its tables


def _structure_set(data: object, _: object) -> ObservationSet:
    return ObservationSet(from_data(data, tuple[Observation, ...]))


def _unstructure_set(value: ObservationSet) -> object:
    return to_data(value.observations)


register_hooks(ObservationSet, structure=_structure_set, unstructure=_unstructure_set)


# -- building the panel -------------------------------------------------------------------


# Enum members hash with a Python-level __hash__, and ``Universe.value`` and
# ``Segment.label`` are properties: the grouping loop below looks them up by identity
# instead (enum members are singletons; a set's segments live as long as its
# observations). At 168,000 observations that halves the loop and takes about a third
# off the index (benchmarks/bench_tourism.py); test_tourism_layout checks these tables
# against the enums.
_SLOT_BY_ID: Final = {id(measure): slot for measure, slot in _SLOT_OF.items()}
_UNIVERSE_BY_ID: Final = {id(universe): universe.value for universe in Universe}
_POPULATION_ID: Final = id(Measure.POPULATION)


@attrs.define
class _Grouped:
    # The figures of each row by slot, the revenue observation of each row (for its
    # currency and basis), the periods by span, and the total population by span.
    rows: dict[_RowKey, list[Decimal | None]] = attrs.Factory(dict)
    revenue: dict[_RowKey, Observation] = attrs.Factory(dict)
    periods: dict[_Span, Period] = attrs.Factory(dict)
    population: dict[_Span, Decimal] = attrs.Factory(dict)
    population_rows: set[_RowKey] = attrs.Factory(set)
    labels: dict[int, str] = attrs.Factory(dict)  # by id(segment)

    def add(self, index: int, obs: Observation) -> None:
        period = obs.period
        span = (period.start, period.end)
        self.periods.setdefault(span, period)
        label = self.labels.get(id(obs.segment))
        if label is None:
            label = self.labels[id(obs.segment)] = obs.segment.label
        key = (period.start, period.end, label, _UNIVERSE_BY_ID[id(obs.universe)])
        measure = id(obs.measure)
        if measure == _POPULATION_ID:
            if key in self.population_rows:
                _duplicate(index, obs)
            self.population_rows.add(key)
            if label == "total":
                self.population[span] = obs.value
            return
        slot = _SLOT_BY_ID.get(measure)
        if slot is None:  # investment: not an input of these indicators
            return
        row = self.rows.get(key)
        if row is None:
            row = self.rows[key] = [None] * len(SLOTS)
        if row[slot] is not None:
            _duplicate(index, obs)
        row[slot] = obs.value
        if slot == REVENUE:
            self.revenue[key] = obs


def _index(observations: tuple[Observation, ...]) -> Panel:
    grouped = _Grouped()
    for index, obs in enumerate(observations):
        if not isinstance(obs, Observation):
            raise InvalidTypeError(f"observations[{index}]", obs, "must be an Observation")
        grouped.add(index, obs)
    keys = sorted(grouped.rows)
    table = [grouped.rows[key] for key in keys]
    columns = [_compact([row[slot] for row in table]) for slot in range(REVENUE)]
    facts = {
        span: _Period.of(period, grouped.population) for span, period in grouped.periods.items()
    }
    periods = [facts[key[0], key[1]] for key in keys]
    population = [period.population for period in periods]
    months, years = _calendar(keys, periods)
    return Panel(
        columns=columns,
        blanks=[_blanks(column) for column in columns],
        revenue=_revenue([grouped.revenue.get(key) for key in keys]),
        population=population,
        blank_population=_blanks(population),
        days=[period.days for period in periods],
        months=months,
        years=years,
        year_earlier=_year_earlier(keys, periods),
        labels=(
            tuple(period.label for period in periods),
            tuple(key[2] for key in keys),
            tuple(key[3] for key in keys),
        ),
    )


@attrs.frozen
class _Period:
    # What the panel needs to know of each distinct period, worked out once.
    label: str
    days: int
    kind: PeriodKind
    year: int
    month: int
    earlier: Period | None
    population: Decimal | None

    @classmethod
    def of(cls, period: Period, population: dict[_Span, Decimal]) -> _Period:
        try:
            earlier: Period | None = period.year_earlier()
        except ValidationError:  # a period with no year-earlier twin
            earlier = None
        year = period.start.year
        found = population.get((period.start, period.end))
        if found is None:  # else the population of the calendar year containing it
            found = population.get((_dt.date(year, 1, 1), _dt.date(year + 1, 1, 1)))
        return cls(period.label, period.days, period.kind, year, period.start.month, earlier, found)


def _duplicate(index: int, obs: Observation) -> None:
    raise ValidationError(
        f"observations[{index}]",
        f"{obs.period} {obs.segment} {obs.universe.value} {obs.measure.value}",
        "duplicates an earlier observation (one figure per period, segment, universe and measure)",
    )


def _compact(values: list[Decimal | None]) -> list[Decimal | None]:
    """Return a copy of *values* whose Decimals are new objects, allocated one after another.

    The observations' values lie scattered over the heap, and the tables read a
    column's values in row order: from compact copies they read them with fewer cache
    misses. ``benchmarks/bench_tourism.py`` switches this off to compare: the growth
    table takes about 40 % less time, the seasonality and indicator tables 10 to 20 %
    less; the copies cost no measurable time in the index.
    ``copy_sign(v, v)`` is an exact copy, sign of zero included.
    """
    copy = Decimal.copy_sign
    return [None if value is None else copy(value, value) for value in values]


def _blanks(values: list[Decimal | None]) -> Blanks:
    empty = [i for i, v in enumerate(values) if not v]  # None or zero
    return [i for i in empty if values[i] is None], [i for i in empty if values[i] is not None]


def _revenue(revenue: list[Observation | None]) -> RevenueColumn:
    amounts = _compact([None if obs is None else obs.value for obs in revenue])
    currencies = tuple(None if obs is None else obs.currency for obs in revenue)
    found = {code: get_currency(code) for code in set(currencies) if code is not None}
    quanta: dict[str | None, Decimal] = {code: c.quantum for code, c in found.items()}
    quanta[None] = Decimal("0.01")
    return RevenueColumn(
        amounts=amounts,
        blanks=_blanks(amounts),
        quanta=[quanta[code] for code in currencies],
        minor_units=max((c.minor_units for c in found.values()), default=2),
        currencies=currencies,
        bases=tuple(
            None if obs is None or obs.basis is None else obs.basis.value for obs in revenue
        ),
    )


def _calendar(
    keys: list[_RowKey], periods: list[_Period]
) -> tuple[dict[tuple[int, str, str], list[int | None]], dict[tuple[str, str], dict[int, int]]]:
    """Return the rows of each year's twelve months, and each year's annual row."""
    months: dict[tuple[int, str, str], list[int | None]] = {}
    years: dict[tuple[str, str], dict[int, int]] = {}
    for row, ((_, _, segment, universe), period) in enumerate(zip(keys, periods, strict=True)):
        if period.kind is PeriodKind.MONTH:
            series = months.setdefault((period.year, segment, universe), [None] * 12)
            series[period.month - 1] = row
        elif period.kind is PeriodKind.YEAR:
            years.setdefault((segment, universe), {})[period.year] = row
    return months, years


def _year_earlier(keys: list[_RowKey], periods: list[_Period]) -> YearEarlier:
    position = {key: row for row, key in enumerate(keys)}
    previous: list[int | None] = []
    previous_days: list[int] = []
    for (_, _, segment, universe), period in zip(keys, periods, strict=True):
        prior = period.earlier
        if prior is None:
            previous.append(None)
            previous_days.append(0)
        else:
            previous.append(position.get((prior.start, prior.end, segment, universe)))
            previous_days.append(prior.days)
    later: dict[int, list[int]] = {}
    for row, prior_row in enumerate(previous):
        if prior_row is not None:
            later.setdefault(prior_row, []).append(row)
    days = [period.days for period in periods]
    as_decimal = {d: Decimal(d) for d in {*days, *previous_days}}
    return YearEarlier(
        earlier_row=[row if prior is None else prior for row, prior in enumerate(previous)],
        no_previous=[row for row, prior in enumerate(previous) if prior is None],
        leading_without_previous=next(
            (row for row, prior in enumerate(previous) if prior is not None), len(previous)
        ),
        later=later,
        days=[as_decimal[d] for d in days],
        previous_days=[as_decimal[d] for d in previous_days],
        mismatch=tuple(prior not in {0, d} for prior, d in zip(previous_days, days, strict=True)),
    )
