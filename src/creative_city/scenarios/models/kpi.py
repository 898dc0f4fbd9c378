"""A KPI's path: a measure compounding from its baseline, judged by the KPI logic.

Each sample starts from the baseline and, for every year after the baseline year up to
the due year, draws a yearly ``growth`` rate (above -1, at most 10) and compounds::

    value[y] = value[y - 1] x (1 + growth[y])   rounded half-even to `places` decimals

Each year's value is an observation on 31 December. The library's
:class:`creative_city.tourism.Kpi` judges the path: the event
``"target met by <due year>"`` is the KPI's ``achieved`` on the due date, and for
every checkpoint year the events ``"on track in <year>"``, ``"at risk in <year>"`` and
``"off track in <year>"`` are its status on 31 December of that year (by the stated
tolerances and trajectory), through :meth:`Kpi.checkpoint
<creative_city.tourism.Kpi.checkpoint>`, which computes the trajectory's value on each
judged date once for all samples. The slots are the value in each year (the fan), rounded to
the model's resolution.

Growth drawn independently each year from a lognormal multiple ``1 + g`` makes the
due-year value lognormal; an empirical parameter replays the yearly rates observed.
"""

from __future__ import annotations

import datetime as _dt
import decimal
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import ValidationError
from creative_city.money import to_decimal
from creative_city.operation import SCHEMA_KEY
from creative_city.scenarios.draws import Draws
from creative_city.scenarios.outcomes import Input, Layout, Outcome, Slot, units
from creative_city.tourism import (
    Kpi,
    KpiCheckpoint,
    Status,
    Tolerances,
    Trajectory,
)

__all__ = ["MAX_SPAN", "KpiPath"]

MAX_SPAN: Final = 50
"""The most years from baseline to due date a KPI path may span."""

_MAX_PLACES: Final = 12
_YEARS: Final = {SCHEMA_KEY: {"minimum": _dt.MINYEAR, "maximum": _dt.MAXYEAR}}
_CTX: Final = decimal.Context(
    prec=100,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_STATUS_WORDS: Final = {
    Status.ON_TRACK: "on track",
    Status.AT_RISK: "at risk",
    Status.OFF_TRACK: "off track",
}


_AT_LEAST_0: Final = {SCHEMA_KEY: {"minimum": 0}}


def _resolution(value: object) -> Decimal:
    number = to_decimal(value, "resolution")
    if not number > 0:
        raise ValidationError("resolution", str(number), "must be > 0")
    return number


def _baseline(value: object) -> Decimal:
    return to_decimal(value, "baseline")


def _target(value: object) -> Decimal:
    return to_decimal(value, "target")


def _year_end(year: int) -> _dt.date:
    return _dt.date(year, 12, 31)


@attrs.frozen
class KpiPath:
    """The KPI path model.

    Attributes:
        name: What is measured ("services exports").
        unit: Its unit ("USD million").
        baseline: The value in the baseline year (> 0 on a compound trajectory).
        baseline_year: The year of the baseline (observed on 31 December).
        target: The value to reach.
        due_year: The year the target falls due (31 December).
        resolution: The quantum of the reported values (the fan's precision).
        trajectory: The KPI's planned path (compound by default).
        tolerances: The KPI's status tolerances.
        checkpoints: Years (after the baseline, up to the due year) to judge the
            status in.
        places: Decimal places each year's value is rounded to (default 6).
        source: Where the target comes from.
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    unit: str = attrs.field(validator=attrs.validators.instance_of(str))
    baseline: Decimal = attrs.field(converter=_baseline, metadata=_AT_LEAST_0)
    baseline_year: int = attrs.field(validator=attrs.validators.instance_of(int), metadata=_YEARS)
    target: Decimal = attrs.field(converter=_target, metadata=_AT_LEAST_0)
    due_year: int = attrs.field(validator=attrs.validators.instance_of(int), metadata=_YEARS)
    resolution: Decimal = attrs.field(
        converter=_resolution, metadata={SCHEMA_KEY: {"exclusiveMinimum": 0}}
    )
    trajectory: Trajectory = attrs.field(default=Trajectory.COMPOUND, converter=Trajectory)
    tolerances: Tolerances = attrs.field(factory=Tolerances)
    checkpoints: tuple[int, ...] = attrs.field(default=(), converter=tuple)
    places: int = attrs.field(
        default=6, metadata={SCHEMA_KEY: {"minimum": 0, "maximum": _MAX_PLACES}}
    )
    source: str | None = None
    _checkpoints: dict[int, KpiCheckpoint] = attrs.field(init=False, eq=False, repr=False)

    def __attrs_post_init__(self) -> None:
        for name in ("baseline_year", "due_year"):
            # The calendar's years (a year past them was a ValueError deep in dates).
            if not _dt.MINYEAR <= getattr(self, name) <= _dt.MAXYEAR:
                raise ValidationError(
                    name, getattr(self, name), f"must be from {_dt.MINYEAR} to {_dt.MAXYEAR}"
                )
        if not 1 <= self.due_year - self.baseline_year <= MAX_SPAN:
            raise ValidationError(
                "due_year",
                self.due_year,
                f"must be 1 to {MAX_SPAN} years after baseline_year ({self.baseline_year})",
            )
        if type(self.places) is not int or not 0 <= self.places <= _MAX_PLACES:
            raise ValidationError("places", self.places, f"must be an int from 0 to {_MAX_PLACES}")
        for index, year in enumerate(self.checkpoints):
            if type(year) is not int or not self.baseline_year < year <= self.due_year:
                raise ValidationError(
                    f"checkpoints[{index}]",
                    year,
                    f"must be a year after {self.baseline_year} and at most {self.due_year}",
                )
        if len(set(self.checkpoints)) != len(self.checkpoints):
            raise ValidationError("checkpoints", list(self.checkpoints), "must all differ")
        kpi = Kpi(
            self.name,
            self.unit,
            self.baseline,
            self.target,
            _year_end(self.due_year),
            baseline_on=_year_end(self.baseline_year),
            trajectory=self.trajectory,
            tolerances=self.tolerances,
            source=self.source,
        )
        # attrs' documented way to set a derived field of a frozen class.
        judged = {self.due_year, *self.checkpoints}
        checkpoints = {year: kpi.checkpoint(_year_end(year)) for year in judged}
        object.__setattr__(self, "_checkpoints", checkpoints)

    def inputs(self) -> tuple[Input, ...]:
        """Return the parameters the model reads."""
        return (Input("growth", "the yearly growth rate", Decimal(-1), Decimal(10), low_open=True),)

    def layout(self) -> Layout:
        """Return the model's events and slots (the value in every year of the path)."""
        events = [f"target met by {self.due_year}"]
        for year in self.checkpoints:
            events.extend(f"{word} in {year}" for word in _STATUS_WORDS.values())
        years = range(self.baseline_year + 1, self.due_year + 1)
        return Layout(tuple(events), tuple(Slot("value", y, self.resolution) for y in years))

    def evaluate(self, draws: Draws) -> Outcome:
        """Compound this sample's yearly growth rates and judge the path."""
        quantum = Decimal(1).scaleb(-self.places)
        value = self.baseline
        path: list[Decimal] = []
        for _ in range(self.baseline_year, self.due_year):
            factor = _CTX.add(1, draws.value("growth"))
            value = _CTX.multiply(value, factor).quantize(quantum, context=_CTX)
            path.append(value)
        due = self._checkpoints[self.due_year]
        events = [due.achieved(path[-1])]
        for year in self.checkpoints:
            status = self._checkpoints[year].status(path[year - self.baseline_year - 1])
            events.extend(status is word for word in _STATUS_WORDS)
        return Outcome(tuple(events), tuple(units(v, self.resolution) for v in path))
