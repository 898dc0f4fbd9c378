"""Indicator tables over many observations, with undefined cells that carry reasons.

:func:`indicator_table` groups observations by period, segment and universe (so no
indicator ever mixes universes) and computes, for every group, the average length of
stay, gross and net bed-place occupancy, room occupancy, ADR, RevPAR, tourism
intensity and the growth of arrivals and nights on the same period one year earlier.
A cell whose base is zero or missing holds ``None`` and the reason, never ``inf``,
``NaN`` or ``0``. Occupancy over several periods or establishments is a ratio of
sums (:func:`occupancy_of`), never a mean of rates.

>>> obs = [
...     Observation.count("2022-06", "total", "accommodation", "nights", 4500),
...     Observation.count("2022-06", "total", "accommodation", "arrivals", 1500),
...     Observation.count("2022-06", "total", "accommodation", "bed_places", 100),
... ]
>>> table = indicator_table(obs)
>>> table.cell(0, "alos"), table.cell(0, "gross_bed_place_occupancy")
(Cell(value=Decimal('3.000000'), undefined=None), Cell(value=Decimal('150.000000'), undefined=None))
>>> table.cell(0, "room_occupancy").undefined
'no rooms_sold observation for this period, segment and universe'
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import decimal
import math
import operator
import sys
from collections.abc import Iterable, Iterator
from decimal import Decimal
from itertools import islice, repeat
from typing import Final

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money import get_currency
from creative_city.serialization import from_data, register_hooks, to_data
from creative_city.time import Period, PeriodKind
from creative_city.tourism._rounding import UNIT, rounded
from creative_city.tourism.indicators import (
    PRECISION,
    alos,
    cagr,
    gross_bed_place_occupancy,
    growth_multiple,
    net_bed_place_occupancy,
    trend_growth,
)
from creative_city.tourism.observations import Measure, Observation, Universe, check_one_universe
from creative_city.tourism.seasonality import (
    _INTEGER_LIMIT,
    Seasonality,
    _integer_seasonality,
    _seasonality_of,
)

__all__ = [
    "COLUMNS",
    "Cell",
    "Column",
    "GrowthRow",
    "GrowthTable",
    "IndicatorTable",
    "ObservationSet",
    "SeasonalityRow",
    "SeasonalityTable",
    "alos_of",
    "growth_table",
    "indicator_table",
    "occupancy_of",
    "seasonality_table",
    "total_of",
]

COLUMNS: Final = (
    ("alos", "nights per arrival"),
    ("gross_bed_place_occupancy", "percent"),
    ("net_bed_place_occupancy", "percent"),
    ("room_occupancy", "percent"),
    ("adr", "money per room sold"),
    ("revpar", "money per room available"),
    ("tourism_intensity", "nights per 1,000 residents"),
    ("arrivals_multiple", "x same period last year"),
    ("arrivals_percent_change", "percent vs same period last year"),
    ("nights_multiple", "x same period last year"),
    ("nights_percent_change", "percent vs same period last year"),
)
"""The columns of an :class:`IndicatorTable`: ``(name, unit)`` in order."""

_CTX: Final = decimal.Context(
    prec=PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_HUNDRED: Final = Decimal(100)
_MINUS_HUNDRED: Final = Decimal(-100)
_THOUSAND: Final = Decimal(1000)


@attrs.frozen
class Cell:
    """One table cell: a value, or ``None`` and the reason it is undefined."""

    value: Decimal | None
    undefined: str | None


@attrs.frozen
class Column:
    """One indicator over every row of a table.

    Attributes:
        name: The indicator (see :data:`COLUMNS`).
        unit: What the values measure.
        values: One value per row, ``None`` where undefined.
        undefined: One reason per row where the value is ``None``, else ``None``.
    """

    name: str
    unit: str
    values: tuple[Decimal | None, ...]
    undefined: tuple[str | None, ...]


@attrs.frozen
class IndicatorTable:
    """Indicators per period, segment and universe (one row each), column by column.

    Attributes:
        places: Decimal places of every ratio (money is rounded to its minor units).
        per_day: Whether year-on-year growth compares per-day figures.
        periods: The period label of each row.
        segments: The segment label of each row.
        universes: The universe of each row.
        currencies: The currency of the row's revenue (for ADR and RevPAR), or ``None``.
        bases: The price basis of the row's revenue (``nominal``/``real``), or ``None``.
        length_mismatch: Whether the row's period and the same period a year earlier
            have different lengths (H1 2024: 182 days, H1 2023: 181).
        columns: The indicator columns, in :data:`COLUMNS` order.
    """

    places: int
    per_day: bool
    periods: tuple[str, ...]
    segments: tuple[str, ...]
    universes: tuple[str, ...]
    currencies: tuple[str | None, ...]
    bases: tuple[str | None, ...]
    length_mismatch: tuple[bool, ...]
    columns: tuple[Column, ...]

    def __len__(self) -> int:
        return len(self.periods)

    def column(self, name: str) -> Column:
        """Return the column called *name*.

        Raises:
            ValidationError: If there is no such column.
        """
        for column in self.columns:
            if column.name == name:
                return column
        raise ValidationError("name", name, f"is not a column: {[c.name for c in self.columns]}")

    def cell(self, row: int, name: str) -> Cell:
        """Return the cell of indicator *name* in row *row*."""
        column = self.column(name)
        return Cell(column.values[row], column.undefined[row])

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per row (``<name>`` and ``<name>_undefined`` per indicator)."""
        records: list[dict[str, object]] = []
        for row in range(len(self.periods)):
            record: dict[str, object] = {
                "period": self.periods[row],
                "segment": self.segments[row],
                "universe": self.universes[row],
                "currency": self.currencies[row],
                "basis": self.bases[row],
                "length_mismatch": self.length_mismatch[row],
            }
            for column in self.columns:
                record[column.name] = column.values[row]
                record[f"{column.name}_undefined"] = column.undefined[row]
            records.append(record)
        return records

    def __repr__(self) -> str:
        return (
            f"<IndicatorTable {len(self.periods)} rows x {len(self.columns)} indicators, "
            f"places={self.places}, per_day={self.per_day}>"
        )


def _quantum(places: object) -> Decimal:
    if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 30:
        raise ValidationError("places", places, "must be an int from 0 to 30")
    return Decimal(1).scaleb(-places)


def _observations(values: Iterable[Observation]) -> list[Observation]:
    observations = list(values)
    for index, obs in enumerate(observations):
        if not isinstance(obs, Observation):
            raise InvalidTypeError(f"observations[{index}]", obs, "must be an Observation")
    return observations


_SLOTS: Final = (
    Measure.ARRIVALS,
    Measure.NIGHTS,
    Measure.BED_PLACES,
    Measure.BED_DAYS_AVAILABLE,
    Measure.ROOMS_AVAILABLE,
    Measure.ROOMS_SOLD,
    Measure.REVENUE,
)
# Enum members hash slowly (a Python-level __hash__); members are singletons, so the
# indexing loop looks them up by identity.
_SLOT_OF: Final = {id(m): i for i, m in enumerate(_SLOTS)}
_POPULATION_ID: Final = id(Measure.POPULATION)
_UNIVERSE_OF: Final = {id(u): u.value for u in Universe}
_MISSING: Final = "no {} observation for this period, segment and universe"
_ZERO: Final = "{} is zero, so {} does not exist"
_REVENUE: Final = 6
_ONE: Final = Decimal(1)

_RowKey = tuple[_dt.date, _dt.date, str, str]
_Blanks = tuple[list[int], list[int]]


@attrs.frozen(eq=False)
class _Panel:
    columns: list[list[Decimal | None]]
    population: list[Decimal | None]
    months: dict[tuple[int, str, str], list[int | None]]
    years: dict[tuple[str, str], dict[int, int]]
    days: list[int]
    amounts: list[Decimal | None]
    money: list[Decimal]
    currencies: tuple[str | None, ...]
    bases: tuple[str | None, ...]
    mismatch: tuple[bool, ...]
    row_labels: tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...]]
    # Which rows lack a value or hold zero, per column: (missing rows, zero rows).
    blanks: list[_Blanks]
    blank_amounts: _Blanks
    blank_population: _Blanks
    # The row one year earlier, or the row itself when there is none (growth cells of
    # those rows are undefined); the rows without one; the later row(s) of each row.
    earlier_row: list[int]
    no_previous: list[int]
    leading_without_previous: int
    later: dict[int, list[int]]
    day_values: list[Decimal]
    previous_day_values: list[Decimal]


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


def _structure_set(data: object, _: object) -> ObservationSet:
    return ObservationSet(from_data(data, tuple[Observation, ...]))


def _unstructure_set(value: ObservationSet) -> object:
    return to_data(value.observations)


register_hooks(ObservationSet, structure=_structure_set, unstructure=_unstructure_set)


def _index(observations: tuple[Observation, ...]) -> _Panel:
    rows: dict[_RowKey, list[Decimal | Observation | None]] = {}
    periods: dict[tuple[_dt.date, _dt.date], Period] = {}
    labels: dict[int, str] = {}
    population: dict[tuple[_dt.date, _dt.date], Decimal] = {}
    seen_population: set[_RowKey] = set()
    slot_of, universe_of = _SLOT_OF, _UNIVERSE_OF
    for index, obs in enumerate(observations):
        if type(obs) is not Observation and not isinstance(obs, Observation):
            raise InvalidTypeError(f"observations[{index}]", obs, "must be an Observation")
        segment = obs.segment
        label = labels.get(id(segment))
        if label is None:
            label = labels[id(segment)] = segment.label
        period = obs.period
        span = (period.start, period.end)
        if span not in periods:
            periods[span] = period
        key = (span[0], span[1], label, universe_of[id(obs.universe)])
        measure = id(obs.measure)
        if measure == _POPULATION_ID:
            if key in seen_population:
                _duplicate(index, obs)
            seen_population.add(key)
            if label == "total":
                population[span] = obs.value
            continue
        slot = slot_of.get(measure)
        if slot is None:  # investment: not an input of these indicators
            continue
        row = rows.get(key)
        if row is None:
            row = rows[key] = [None] * 7
        if row[slot] is not None:
            _duplicate(index, obs)
        row[slot] = obs if slot == _REVENUE else obs.value
    earlier = {span: _year_earlier(p) for span, p in periods.items()}
    names = {span: p.label for span, p in periods.items()}
    keys = sorted(rows)
    position = {key: i for i, key in enumerate(keys)}
    table = [rows[key] for key in keys]
    # Each column gets its own copies of the values, allocated one after another: the
    # observations' values lie scattered over the heap, and reading 24,000 of them in
    # row order then misses the CPU cache on most reads (about 1.5x slower tables).
    # ``copy_sign(v, v)`` is an exact copy, sign of zero included.
    copy = Decimal.copy_sign
    columns: list[list[Decimal | None]] = [
        [None if (v := row[slot]) is None else copy(v, v) for row in table]  # type: ignore[arg-type]
        for slot in range(_REVENUE)
    ]
    revenue: list[Observation | None] = [row[_REVENUE] for row in table]  # type: ignore[misc]
    residents: list[Decimal | None] = []
    previous: list[int | None] = []
    previous_days: list[int] = []
    for start, end, label, universe in keys:
        span = (start, end)
        found = population.get(span)
        residents.append(found if found is not None else population.get(_calendar_year(start)))
        prior = earlier[span]
        if prior is None:
            previous.append(None)
            previous_days.append(0)
        else:
            previous.append(position.get((prior.start, prior.end, label, universe)))
            previous_days.append(prior.days)
    days = [periods[(k[0], k[1])].days for k in keys]
    amounts = [copy(r.value, r.value) if r is not None else None for r in revenue]
    later: dict[int, list[int]] = {}
    for index, prior_row in enumerate(previous):
        if prior_row is not None:
            later.setdefault(prior_row, []).append(index)
    day_value = {d: Decimal(d) for d in {*days, *previous_days}}
    codes = {r.currency for r in revenue if r is not None and r.currency is not None}
    quanta: dict[str | None, Decimal] = {code: get_currency(code).quantum for code in codes}
    quanta[None] = Decimal("0.01")
    months: dict[tuple[int, str, str], list[int | None]] = {}
    years: dict[tuple[str, str], dict[int, int]] = {}
    kinds = {span: (p.kind, p.start.year, p.start.month) for span, p in periods.items()}
    for index, (start, end, label, universe) in enumerate(keys):
        kind, year, month = kinds[(start, end)]
        if kind is PeriodKind.MONTH:
            series = months.get((year, label, universe))
            if series is None:
                series = months[(year, label, universe)] = [None] * 12
            series[month - 1] = index
        elif kind is PeriodKind.YEAR:
            years.setdefault((label, universe), {})[year] = index
    return _Panel(
        columns=columns,
        population=residents,
        months=months,
        years=years,
        days=days,
        amounts=amounts,
        money=[quanta[r.currency if r is not None else None] for r in revenue],
        currencies=tuple(r.currency if r is not None else None for r in revenue),
        bases=tuple(
            r.basis.value if r is not None and r.basis is not None else None for r in revenue
        ),
        mismatch=tuple(prior not in {0, d} for prior, d in zip(previous_days, days, strict=True)),
        row_labels=(
            tuple([names[(k[0], k[1])] for k in keys]),
            tuple([k[2] for k in keys]),
            tuple([k[3] for k in keys]),
        ),
        blanks=[_blanks(column) for column in columns],
        blank_amounts=_blanks(amounts),
        blank_population=_blanks(residents),
        earlier_row=[i if p is None else p for i, p in enumerate(previous)],
        no_previous=[i for i, p in enumerate(previous) if p is None],
        leading_without_previous=next(
            (i for i, p in enumerate(previous) if p is not None), len(previous)
        ),
        later=later,
        day_values=[day_value[d] for d in days],
        previous_day_values=[day_value[d] for d in previous_days],
    )


def _blanks(values: list[Decimal | None]) -> _Blanks:
    empty = [i for i, v in enumerate(values) if not v]  # None or zero
    return [i for i in empty if values[i] is None], [i for i in empty if values[i] is not None]


def indicator_table(
    observations: ObservationSet | Iterable[Observation],
    *,
    per_day: bool = False,
    places: int = 6,
) -> IndicatorTable:
    """Compute every flow indicator for each (period, segment, universe) group.

    Rows are the groups that have at least one flow or capacity observation (not
    population), sorted by period start, period end, segment and universe. Each
    indicator uses only the observations of its own row's universe; population is
    the denominator of tourism intensity whatever its universe (the ``total``
    segment of the same period, or else of the calendar year containing it).

    Formulas (see :mod:`creative_city.tourism.indicators` for sources): ALOS =
    nights / arrivals; gross occupancy = 100 x nights / (bed-places x days); net
    occupancy = 100 x nights / bed-days available; room occupancy = 100 x rooms sold /
    rooms available; ADR = revenue / rooms sold; RevPAR = revenue / rooms available;
    intensity = 1000 x nights / population; growth = value / value one year earlier
    (per day when *per_day*).

    Args:
        observations: An :class:`ObservationSet` (indexed once) or any iterable of
            observations; at most one per period, segment, universe and measure.
        per_day: Compare per-day figures year on year (removes the leap-day effect).
        places: Decimal places of the ratios (default 6); ADR and RevPAR are rounded
            half-even to their currency's minor units.

    Raises:
        ValidationError: On duplicate observations or a bad *places*.
    """
    quantum = _quantum(places)
    if not isinstance(per_day, bool):
        raise InvalidTypeError("per_day", per_day, "must be a bool")
    data = (
        observations if isinstance(observations, ObservationSet) else ObservationSet(observations)
    )
    panel = data._panel  # noqa: SLF001 - the module's own index
    arrivals, nights, beds, bed_days, available, sold = panel.columns
    b_arrivals, b_nights, b_beds, b_bed_days, b_available, b_sold = panel.blanks
    days = panel.days
    with decimal.localcontext(_CTX):
        # Whole columns at C speed (map), with 1 standing in for missing or zero
        # operands; those cells are then set to None with their reason. Scaled operands
        # are built just before use and dropped right after (less memory to map).
        # 100 n / (b d) = n / (b x d/100) and 1000 n / p = n / (p/1000), exactly: the
        # scaled day counts and populations are a handful of distinct values.
        hundredths = {d: Decimal(d) / _HUNDRED for d in set(days)}
        population = panel.population
        shared = dict(zip(map(id, population), population, strict=True))  # one per period
        thousandths = {key: None if p is None else p / _THOUSAND for key, p in shared.items()}
        ratios = [
            _ratio(nights, arrivals, quantum, b_nights, b_arrivals, ("nights", "arrivals", "alos")),
            _ratio(
                nights,
                _times(beds, b_beds, map(hundredths.__getitem__, days)),
                quantum,
                b_nights,
                b_beds,
                ("nights", "bed_places", "gross_bed_place_occupancy"),
            ),
            _ratio(
                _times(nights, b_nights, repeat(_HUNDRED)),
                bed_days,
                quantum,
                b_nights,
                b_bed_days,
                ("nights", "bed_days_available", "net_bed_place_occupancy"),
            ),
            _ratio(
                _times(sold, b_sold, repeat(_HUNDRED)),
                available,
                quantum,
                b_sold,
                b_available,
                ("rooms_sold", "rooms_available", "room_occupancy"),
            ),
            _ratio(
                panel.amounts,
                sold,
                panel.money,
                panel.blank_amounts,
                b_sold,
                ("revenue", "rooms_sold", "adr"),
            ),
            _ratio(
                panel.amounts,
                available,
                panel.money,
                panel.blank_amounts,
                b_available,
                ("revenue", "rooms_available", "revpar"),
            ),
            _ratio(
                nights,
                list(map(thousandths.__getitem__, map(id, population))),
                quantum,
                b_nights,
                panel.blank_population,
                ("nights", "population", "tourism_intensity"),
                missing="no total population observation for this period or its calendar year",
            ),
        ]
        growth = [
            *_growth(arrivals, b_arrivals, panel, "arrivals", per_day=per_day, quantum=quantum),
            *_growth(nights, b_nights, panel, "nights", per_day=per_day, quantum=quantum),
        ]
    columns = tuple(
        Column(name, unit, values, reasons)
        for (name, unit), (values, reasons) in zip(COLUMNS, [*ratios, *growth], strict=True)
    )
    return IndicatorTable(
        places=places,
        per_day=per_day,
        periods=panel.row_labels[0],
        segments=panel.row_labels[1],
        universes=panel.row_labels[2],
        currencies=panel.currencies,
        bases=panel.bases,
        length_mismatch=panel.mismatch,
        columns=columns,
    )


def _stand_in(values: list[Decimal | None], rows: list[int]) -> list[Decimal]:
    """Return *values* with 1 at *rows* (their cells are undefined and set afterwards)."""
    if rows:
        values = values.copy()
        for row in rows:
            values[row] = _ONE
    # Every None is at one of *rows* (a missing value), so none is left.
    return values  # type: ignore[return-value]


def _times(
    values: list[Decimal | None], blanks: _Blanks, factors: Iterable[Decimal]
) -> list[Decimal | None]:
    """Return ``value x factor`` per row (the factors are positive: blanks stay blank)."""
    return list(map(operator.mul, _stand_in(values, blanks[0]), factors))


def _ratio(  # noqa: PLR0917 - private, called once per column
    top: list[Decimal | None],
    bottom: list[Decimal | None],
    quanta: Decimal | list[Decimal],
    top_blanks: _Blanks,
    bottom_blanks: _Blanks,
    names: tuple[str, str, str],
    *,
    missing: str | None = None,
) -> tuple[tuple[Decimal | None, ...], tuple[str | None, ...]]:
    """Return ``top / bottom`` rounded to *quanta* per row, and why a cell is undefined."""
    top_missing = top_blanks[0]
    bottom_missing, bottom_zero = bottom_blanks
    quotients = map(
        operator.truediv,
        _stand_in(top, top_missing),
        _stand_in(bottom, bottom_missing + bottom_zero),
    )
    exponents = repeat(quanta) if isinstance(quanta, Decimal) else quanta
    values: list[Decimal | None] = list(map(Decimal.quantize, quotients, exponents))
    reasons: list[str | None] = [None] * len(values)
    if top_missing or bottom_missing or bottom_zero:
        top_name, bottom_name, what = names
        # The later assignments win: a missing top is reported before a missing or
        # zero bottom.
        for rows, reason in (
            (bottom_zero, _ZERO.format(bottom_name, what)),
            (bottom_missing, missing or _MISSING.format(bottom_name)),
            (top_missing, _MISSING.format(top_name)),
        ):
            for row in rows:
                values[row] = None
                reasons[row] = reason
    return tuple(values), tuple(reasons)


def _growth(
    current: list[Decimal | None],
    blanks: _Blanks,
    panel: _Panel,
    name: str,
    *,
    per_day: bool,
    quantum: Decimal,
) -> tuple[
    tuple[tuple[Decimal | None, ...], tuple[str | None, ...]],
    tuple[tuple[Decimal | None, ...], tuple[str | None, ...]],
]:
    """Return the multiple and percent change on the same period one year earlier."""
    missing_rows, zero_rows = blanks
    later = panel.later
    # Rows are sorted by period: the first year's rows, which have no row a year
    # earlier, usually come first; skip them (their cells are undefined).
    first = panel.leading_without_previous
    source = _stand_in(current, missing_rows + zero_rows)
    before = list(map(source.__getitem__, islice(panel.earlier_row, first, None)))
    now = islice(_stand_in(current, missing_rows), first, None)
    if per_day:
        quotients = list(
            map(
                operator.truediv,
                map(operator.mul, now, islice(panel.previous_day_values, first, None)),
                map(operator.mul, before, islice(panel.day_values, first, None)),
            )
        )
    else:
        quotients = list(map(operator.truediv, now, before))
    skipped: list[Decimal | None] = [None] * first
    multiple = skipped + list(map(Decimal.quantize, quotients, repeat(quantum)))
    # (r - 1) x 100 in one rounding: r x 100 - 100 rounded to PRECISION digits is
    # 100 x round(r - 1), and that product is exact, so this equals the two-step form.
    change = skipped + list(
        map(
            Decimal.quantize,
            map(Decimal.fma, quotients, repeat(_HUNDRED), repeat(_MINUS_HUNDRED)),
            repeat(quantum),
        )
    )
    del quotients
    reasons: list[str | None] = [None] * len(multiple)
    # The later assignments win: missing now, then nothing a year earlier, then zero.
    undefined = (
        (
            [j for row in zero_rows for j in later.get(row, ())],
            "{} one year earlier is zero, so no growth multiple exists",
        ),
        (
            [*panel.no_previous, *(j for row in missing_rows for j in later.get(row, ()))],
            "no {} observation for the same period one year earlier",
        ),
        (missing_rows, _MISSING),
    )
    for rows, reason in undefined:
        text = reason.format(name)
        for row in rows:
            multiple[row] = change[row] = None
            reasons[row] = text
    return (tuple(multiple), tuple(reasons)), (tuple(change), tuple(reasons))


def _panel_of(observations: ObservationSet | Iterable[Observation]) -> _Panel:
    if isinstance(observations, ObservationSet):
        return observations._panel  # noqa: SLF001 - the module's own index
    return ObservationSet(observations)._panel  # noqa: SLF001


def _duplicate(index: int, obs: Observation) -> None:
    raise ValidationError(
        f"observations[{index}]",
        f"{obs.period} {obs.segment} {obs.universe.value} {obs.measure.value}",
        "duplicates an earlier observation (one figure per period, segment, universe and measure)",
    )


def _calendar_year(start: _dt.date) -> tuple[_dt.date, _dt.date]:
    return (_dt.date(start.year, 1, 1), _dt.date(start.year + 1, 1, 1))


def _year_earlier(period: Period) -> Period | None:
    try:
        return period.year_earlier()
    except ValidationError:
        return None


# -- ratios of sums -------------------------------------------------------------------


def total_of(observations: Iterable[Observation], measure: Measure | str) -> Decimal:
    """Return the sum of *measure* over observations of one universe and currency.

    Raises:
        ValidationError: If the observations mix universes or currencies.
    """
    wanted = Measure(measure)
    chosen = [o for o in _observations(observations) if o.measure is wanted]
    check_one_universe(chosen)
    currencies = {(o.currency, o.basis) for o in chosen}
    if len(currencies) > 1:
        raise ValidationError(
            "observations", sorted(str(c) for c in currencies), "mix currencies or price bases"
        )
    total = Decimal(0)
    for obs in chosen:
        total = _CTX.add(total, obs.value)
    return total


def occupancy_of(observations: Iterable[Observation], *, net: bool = False) -> Decimal:
    """Return the bed-place occupancy rate (percent) of many observations: a ratio of sums.

    Gross: ``100 x sum(nights) / sum(bed_places x days of its period)``; net:
    ``100 x sum(nights) / sum(bed_days_available)`` (Eurostat definitions, see
    :func:`~creative_city.tourism.indicators.gross_bed_place_occupancy`). Summing
    first weights each month or establishment by its capacity; the mean of monthly
    rates would not, and is not what statistical offices publish.

    Raises:
        ValidationError: If the observations mix universes.
        UndefinedResultError: If the capacity sums to zero.
    """
    chosen = _observations(observations)
    check_one_universe(chosen)
    nights = total_of(chosen, Measure.NIGHTS)
    if net:
        return net_bed_place_occupancy(nights, total_of(chosen, Measure.BED_DAYS_AVAILABLE))
    potential = Decimal(0)
    for obs in chosen:
        if obs.measure is Measure.BED_PLACES:
            potential = _CTX.add(potential, _CTX.multiply(obs.value, obs.period.days))
    return gross_bed_place_occupancy(nights, potential, 1)


def alos_of(observations: Iterable[Observation]) -> Decimal:
    """Return the average length of stay of many observations: ``sum(nights) / sum(arrivals)``.

    Raises:
        ValidationError: If the observations mix universes.
        UndefinedResultError: If there were no arrivals.
    """
    chosen = _observations(observations)
    check_one_universe(chosen)
    return alos(total_of(chosen, Measure.NIGHTS), total_of(chosen, Measure.ARRIVALS))


# -- seasonality per year ---------------------------------------------------------------


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
    if wanted not in _SLOTS:
        raise ValidationError("measure", wanted.value, "has no monthly seasonality here")
    slot = _SLOTS.index(wanted)
    panel = _panel_of(observations)
    column = panel.columns[slot] if slot < _REVENUE else panel.amounts
    rows = []
    value_of = column.__getitem__
    with decimal.localcontext(_CTX):
        for (year, segment, universe), indices in sorted(panel.months.items()):
            # The common case, a full year of whole counts, at C speed; a month without
            # a row (index None) or without this measure (value None) is a TypeError.
            try:
                series = list(map(value_of, indices))  # type: ignore[arg-type]
                integers = list(map(int, series))  # type: ignore[arg-type]
            except TypeError:
                values = [None if i is None else column[i] for i in indices]
                missing = [month for month, v in enumerate(values, 1) if v is None]
                if len(missing) < 12:  # else there is no observation in the year
                    reason = f"months {missing} are missing (need all 12)"
                    rows.append(SeasonalityRow(year, segment, universe, None, reason))
                continue
            if integers == series and max(integers) < _INTEGER_LIMIT:
                result = _integer_seasonality(integers, quantum, places)
            else:
                result = _seasonality_of(series, quantum)  # type: ignore[arg-type]
            if result is None:
                reason = "the year's total is zero"
                rows.append(SeasonalityRow(year, segment, universe, None, reason))
            else:
                rows.append(SeasonalityRow(year, segment, universe, result, None))
    return SeasonalityTable(wanted, places, tuple(rows))


# -- growth over the years --------------------------------------------------------------


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
    if wanted not in _SLOTS or wanted is Measure.REVENUE:
        raise ValidationError("measure", wanted.value, "must be a count measure")
    slot = _SLOTS.index(wanted)
    panel = _panel_of(observations)
    column = panel.columns[slot]
    years: dict[tuple[str, str], dict[int, Decimal]] = {
        group: {year: value for year, row in rows.items() if (value := column[row]) is not None}
        for group, rows in panel.years.items()
    }
    with decimal.localcontext(_CTX):
        value_of, zero = column.__getitem__, Decimal(0)
        for (year, segment, universe), indices in panel.months.items():
            annual = years.setdefault((segment, universe), {})
            if year in annual:
                continue
            # A month without a row (index None) or without this measure (value
            # None) is a TypeError: the year is incomplete and has no total.
            with contextlib.suppress(TypeError):
                annual[year] = sum(map(value_of, indices), zero)  # type: ignore[arg-type, assignment, type-var]
    years = {group: series for group, series in years.items() if series}
    # Outside the local context: the rows compute as they always did.
    found = [_growth_row(group, series, quantum, places) for group, series in sorted(years.items())]
    return GrowthTable(wanted, places, tuple(found))


def _growth_row(
    group: tuple[str, str], series: dict[int, Decimal], quantum: Decimal, places: int
) -> GrowthRow:
    segment, universe = group
    ordered = sorted(series)
    if len(ordered) < 2:
        return GrowthRow(
            segment, universe, None, None, None, None, None, None, None,
            "fewer than two years with a complete total",
        )  # fmt: skip
    first_year, last_year = ordered[0], ordered[-1]
    first, last = series[first_year], series[last_year]
    values = [series[y] for y in ordered]
    if first == 0:
        return GrowthRow(
            segment, universe, first_year, last_year, first, last, None, None, None,
            f"the {first_year} total is zero, so no growth from it exists",
        )  # fmt: skip
    span = last_year - first_year
    rate = _float_cagr(first, last, span, places)
    if rate is None:
        rate = cagr(first, last, span).quantize(quantum, context=_CTX)
    trend: Decimal | None = None
    reason: str | None = None
    if any(v == 0 for v in values):
        reason = "a zero year has no logarithm, so no trend growth exists"
    elif ordered == list(range(first_year, last_year + 1)):
        trend = _float_trend(values, places)
        if trend is None:
            trend = trend_growth(values).quantize(quantum, context=_CTX)
    else:
        trend = trend_growth(values, [Decimal(y) for y in ordered]).quantize(quantum, context=_CTX)
    return GrowthRow(
        segment,
        universe,
        first_year,
        last_year,
        first,
        last,
        growth_multiple(last, first).quantize(quantum, context=_CTX),
        rate,
        trend,
        reason,
    )


# Binary floating point first (Ziv's rounding test, see creative_city.tourism._rounding):
# a power, a logarithm or an exponential to PRECISION digits costs tens of microseconds,
# and the tables keep only `places` of them. Each function bounds the float error of
# its result from the unit roundoff u of every step (libm's log, exp and expm1 err by
# less than one unit in the last place, 2u), doubles the bound, and returns None (use
# the exact path) whenever the rounding is not certain.
_FLOAT_RANGE: Final = (sys.float_info.min, sys.float_info.max)


def _float_cagr(first: Decimal, last: Decimal, span: int, places: int) -> Decimal | None:
    low, high = _FLOAT_RANGE
    start, end = float(first), float(last)  # correctly rounded: relative error <= u
    if not (low <= start <= high and low <= end <= high):
        return None
    ratio = end / start  # <= 3u in all
    if not low <= ratio <= high:
        return None
    log_ratio = math.log(ratio)  # abs error <= 3u (ratio) + 2u |log ratio|
    exponent = log_ratio / span  # one more rounding: u |exponent|
    growth = math.expm1(exponent)
    exponent_error = (3 + 2 * abs(log_ratio)) * UNIT / span + UNIT * abs(exponent)
    error = 2 * (math.exp(exponent) * exponent_error * 1.01 + 2 * UNIT * abs(growth))
    with decimal.localcontext(_CTX):
        return rounded(growth, error, places)


def _float_trend(levels: list[Decimal], places: int) -> Decimal | None:
    # Times 0..n-1, weights w_t = 2t - (n - 1): slope = 2 sum(w ln y) / sum(w^2).
    low, high = _FLOAT_RANGE
    logs = []
    for level in levels:
        value = float(level)
        if not low <= value <= high:
            return None
        logs.append(math.log(value))
    n = len(logs)
    weights = range(1 - n, n, 2)
    total = math.fsum(map(operator.mul, weights, logs))
    squares = n * (n * n - 1) // 3
    slope = 2 * total / squares
    growth = math.expm1(slope)
    # Each log errs by <= u (conversion) + 2u |ln y|, each product by u |w ln y| more;
    # fsum adds one rounding of the total.
    largest = max(map(abs, logs))
    sum_error = sum(map(abs, weights)) * UNIT * (1.01 + 3 * largest) + UNIT * abs(total)
    slope_error = 2 * sum_error / squares + UNIT * abs(slope)
    error = 2 * (math.exp(slope) * slope_error * 1.01 + 2 * UNIT * abs(growth))
    with decimal.localcontext(_CTX):
        return rounded(growth, error, places)
