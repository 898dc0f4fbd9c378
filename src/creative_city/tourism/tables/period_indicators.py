"""The indicator table: every flow indicator per period, segment and universe.

:func:`indicator_table` groups observations by period, segment and universe (so no
indicator ever mixes universes) and computes, for every group, the average length of
stay, gross and net bed-place occupancy, room occupancy, ADR, RevPAR, tourism
intensity and the growth of arrivals and nights on the same period one year earlier.
A cell whose base is zero or missing holds ``None`` and the reason, never ``inf``,
``NaN`` or ``0``.

>>> from creative_city.tourism import Observation
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

Every cell is the scalar indicator's answer rounded half-even to ``places`` decimals
(:func:`~creative_city.tourism.alos`, ...), computed column by column: each column is
one ``map`` over the rows at C speed, with 1 standing in for a missing or zero
operand, and those cells are then set to ``None`` with their reason.
"""

from __future__ import annotations

import decimal
import operator
from collections.abc import Iterable
from decimal import Decimal
from itertools import islice, repeat
from typing import Final

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import HUNDRED as _HUNDRED
from creative_city.tourism.indicators.arithmetic import ONE as _ONE
from creative_city.tourism.indicators.arithmetic import THOUSAND as _THOUSAND
from creative_city.tourism.indicators.arithmetic import quantum as _quantum
from creative_city.tourism.observations import Measure, Observation
from creative_city.tourism.tables.observation_set import (
    REVENUE,
    SLOTS,
    Blanks,
    ObservationSet,
    Panel,
    panel_of,
)

__all__ = ["COLUMNS", "Cell", "Column", "IndicatorTable", "indicator_table"]

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

_MISSING: Final = "no {} observation for this period, segment and universe"
_ZERO: Final = "{} is zero, so {} does not exist"
_NO_POPULATION: Final = "no total population observation for this period or its calendar year"
_MINUS_HUNDRED: Final = Decimal(-100)

_Values = tuple[Decimal | None, ...]
_Reasons = tuple[str | None, ...]


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
    panel = panel_of(observations)
    with decimal.localcontext(_CTX):
        cells = [
            *_accommodation_columns(panel, quantum),
            *_money_columns(panel),
            _intensity_column(panel, quantum),
            *_growth_columns(panel, Measure.ARRIVALS, per_day=per_day, quantum=quantum),
            *_growth_columns(panel, Measure.NIGHTS, per_day=per_day, quantum=quantum),
        ]
    columns = tuple(
        Column(name, unit, values, reasons)
        for (name, unit), (values, reasons) in zip(COLUMNS, cells, strict=True)
    )
    return IndicatorTable(
        places=places,
        per_day=per_day,
        periods=panel.labels[0],
        segments=panel.labels[1],
        universes=panel.labels[2],
        currencies=panel.revenue.currencies,
        bases=panel.revenue.bases,
        length_mismatch=panel.year_earlier.mismatch,
        columns=columns,
    )


# -- ratios of two columns ------------------------------------------------------------------


@attrs.frozen
class _Operand:
    # A column of a ratio, its missing and zero rows, and its name in the reasons.
    values: list[Decimal | None]
    blanks: Blanks
    name: str


def _operand(panel: Panel, measure: Measure) -> _Operand:
    slot = SLOTS.index(measure)
    return _Operand(panel.columns[slot], panel.blanks[slot], measure.value)


def _accommodation_columns(panel: Panel, quantum: Decimal) -> list[tuple[_Values, _Reasons]]:
    """ALOS, gross and net bed-place occupancy, room occupancy."""
    arrivals, nights, beds, bed_days, available, sold = (
        _Operand(values, blanks, measure.value)
        for values, blanks, measure in zip(
            panel.columns, panel.blanks, SLOTS[:REVENUE], strict=True
        )
    )
    # 100 n / (b d) = n / (b x d/100), exactly: the scaled day counts are a handful of
    # distinct values. Scaled operands are built just before use and dropped after.
    hundredths = {d: Decimal(d) / _HUNDRED for d in set(panel.days)}
    return [
        _ratio(nights, arrivals, quantum, "alos"),
        _ratio(
            nights,
            _scaled(beds, map(hundredths.__getitem__, panel.days)),
            quantum,
            "gross_bed_place_occupancy",
        ),
        _ratio(_scaled(nights, repeat(_HUNDRED)), bed_days, quantum, "net_bed_place_occupancy"),
        _ratio(_scaled(sold, repeat(_HUNDRED)), available, quantum, "room_occupancy"),
    ]


def money_precision(minor_units: int) -> int:
    """Return the digits at which ``revenue / rooms`` rounds like the exact quotient.

    A quotient ``x = a / c`` of two observed values (at most ``MAX_INTEGER_DIGITS``
    integer and ``MAX_FRACTION_DIGITS`` fraction digits each) that is not a rounding
    tie at *minor_units* places lies at least ``10 ** -(minor_units + 1 +
    MAX_FRACTION_DIGITS) / c`` from every tie; at this many significant digits the
    rounded quotient errs by less than that, so it rounds half-even to the same minor
    units as ``x`` itself (:func:`creative_city.money.round_fraction`, the one
    rounding rule); and a quotient that *is* a tie has few enough digits to be exact.
    """
    return MAX_INTEGER_DIGITS + MAX_FRACTION_DIGITS + minor_units + 2


def _money_columns(panel: Panel) -> list[tuple[_Values, _Reasons]]:
    """ADR and RevPAR: revenue per room sold, per room available, in minor units."""
    revenue = _Operand(panel.revenue.amounts, panel.revenue.blanks, "revenue")
    sold = _operand(panel, Measure.ROOMS_SOLD)
    available = _operand(panel, Measure.ROOMS_AVAILABLE)
    precision = max(_CTX.prec, money_precision(panel.revenue.minor_units))
    with decimal.localcontext(_CTX, prec=precision):
        return [
            _ratio(revenue, sold, panel.revenue.quanta, "adr"),
            _ratio(revenue, available, panel.revenue.quanta, "revpar"),
        ]


def _intensity_column(panel: Panel, quantum: Decimal) -> tuple[_Values, _Reasons]:
    """Tourism intensity: nights per 1,000 residents."""
    population = panel.population
    # 1000 n / p = n / (p/1000), exactly; populations are one per period (shared).
    shared = dict(zip(map(id, population), population, strict=True))
    thousandths = {key: None if p is None else p / _THOUSAND for key, p in shared.items()}
    residents = _Operand(
        list(map(thousandths.__getitem__, map(id, population))),
        panel.blank_population,
        "population",
    )
    nights = _operand(panel, Measure.NIGHTS)
    return _ratio(nights, residents, quantum, "tourism_intensity", missing=_NO_POPULATION)


def _stand_in(values: list[Decimal | None], rows: list[int]) -> list[Decimal]:
    """Return *values* with 1 at *rows* (their cells are undefined and set afterwards)."""
    if rows:
        values = values.copy()
        for row in rows:
            values[row] = _ONE
    # Every None is at one of *rows* (a missing value), so none is left.
    return values  # type: ignore[return-value]


def _scaled(operand: _Operand, factors: Iterable[Decimal]) -> _Operand:
    """Return ``value x factor`` per row (the factors are positive: blanks stay blank)."""
    values = list(map(operator.mul, _stand_in(operand.values, operand.blanks[0]), factors))
    return _Operand(values, operand.blanks, operand.name)


def _ratio(
    top: _Operand,
    bottom: _Operand,
    quanta: Decimal | list[Decimal],
    what: str,
    *,
    missing: str | None = None,
) -> tuple[_Values, _Reasons]:
    """Return ``top / bottom`` rounded to *quanta* per row, and why a cell is undefined."""
    top_missing = top.blanks[0]
    bottom_missing, bottom_zero = bottom.blanks
    quotients = map(
        operator.truediv,
        _stand_in(top.values, top_missing),
        _stand_in(bottom.values, bottom_missing + bottom_zero),
    )
    exponents = repeat(quanta) if isinstance(quanta, Decimal) else quanta
    values: list[Decimal | None] = list(map(Decimal.quantize, quotients, exponents))
    reasons: list[str | None] = [None] * len(values)
    # The later assignments win: a missing top is reported before a missing or zero
    # bottom.
    for rows, reason in (
        (bottom_zero, _ZERO.format(bottom.name, what)),
        (bottom_missing, missing or _MISSING.format(bottom.name)),
        (top_missing, _MISSING.format(top.name)),
    ):
        for row in rows:
            values[row] = None
            reasons[row] = reason
    return tuple(values), tuple(reasons)


# -- growth on the same period one year earlier -------------------------------------------


def _growth_columns(
    panel: Panel, measure: Measure, *, per_day: bool, quantum: Decimal
) -> tuple[tuple[_Values, _Reasons], tuple[_Values, _Reasons]]:
    """Return the multiple and percent change on the same period one year earlier."""
    operand = _operand(panel, measure)
    current, (missing_rows, zero_rows), name = operand.values, operand.blanks, operand.name
    links = panel.year_earlier
    # Rows are sorted by period: the first year's rows, which have no row a year
    # earlier, usually come first; skip them (their cells are undefined).
    first = links.leading_without_previous
    source = _stand_in(current, missing_rows + zero_rows)
    before = list(map(source.__getitem__, islice(links.earlier_row, first, None)))
    now: Iterable[Decimal] = islice(_stand_in(current, missing_rows), first, None)
    if per_day:
        now = map(operator.mul, now, islice(links.previous_days, first, None))
        before = list(map(operator.mul, before, islice(links.days, first, None)))
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
    reasons: list[str | None] = [None] * len(multiple)
    later = links.later
    # The later assignments win: missing now, then nothing a year earlier, then zero.
    undefined = (
        (
            [j for row in zero_rows for j in later.get(row, ())],
            "{} one year earlier is zero, so no growth multiple exists",
        ),
        (
            [*links.no_previous, *(j for row in missing_rows for j in later.get(row, ()))],
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
