"""The hub network's rollout with uncertain opening delays, against its targets.

A network is a list of planned hubs (:class:`HubPlan`) and, optionally, a
:class:`Pipeline`: ``total`` hubs of one kind, of which ``open_early`` are open on a
date for certain and the rest are planned one every ``every_months`` months from a
first date. Each hub not open for certain opens ``delay_days`` after its planned date,
drawn for each hub (in the order: listed hubs, then the pipeline's).

The library's :func:`creative_city.hubs.rollout_status` judges every target on
31 December of its due year (default: the Almaty targets, Zakon.kz, 12 September 2022):
the event ``"<target id> met"`` is its ``met``. The slots count the hubs open on
31 December of each year, from the earliest planned year to the last due year.

Parameters: ``delay_days`` (whole days from 0 to 36,500) and, with a pipeline,
``open_early`` (whole, from 0 to its total; a grid answers "how many must be open by
then?").
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta

from creative_city.errors import ValidationError
from creative_city.hubs import (
    ALMATY_TARGETS,
    HubKind,
    NetworkPlan,
    PlannedHub,
    RolloutTarget,
    rollout_status,
)
from creative_city.operation import SCHEMA_KEY
from creative_city.scenarios.draws import Draws
from creative_city.scenarios.outcomes import Input, Layout, Outcome, Slot

__all__ = ["MAX_HUBS", "HubPlan", "HubRollout", "Pipeline"]

MAX_HUBS: Final = 1000
"""The most hubs a rollout model may hold (listed and in its pipeline)."""

_ONE: Final = Decimal(1)
_ZERO: Final = Decimal(0)
_MAX_DELAY: Final = Decimal(36_500)
_MAX_CADENCE: Final = 120
_AREA: Final = {SCHEMA_KEY: {"exclusiveMinimum": 0}}


def _check_area(value: Decimal | None) -> None:
    # A hub's area, when known, is above 0 (checked when the spec loads, as stated).
    if value is not None and not (isinstance(value, Decimal) and value > 0):
        raise ValidationError("floor_area", value, "must be a Decimal m2 > 0")


@attrs.frozen
class HubPlan:
    """A hub of the plan.

    Attributes:
        id: Identifier (unique in the model).
        kind: The kind of hub.
        planned_opening: The planned opening date.
        floor_area: m2, or ``None`` while unknown.
        opened: Whether it opens on its planned date for certain (already open, or
            no delay to model); otherwise a delay is drawn.
    """

    id: str
    kind: HubKind
    planned_opening: _dt.date
    floor_area: Decimal | None = attrs.field(default=None, metadata=_AREA)
    opened: bool = False

    def __attrs_post_init__(self) -> None:
        _check_area(self.floor_area)


@attrs.frozen
class Pipeline:
    """Hubs of one kind: some open early for certain, the rest planned at a cadence.

    Attributes:
        kind: Their kind.
        total: How many, early ones included (1 to 1,000).
        early_by: The date the ``open_early`` hubs are open on.
        first: The planned opening of the first hub that is not open early.
        every_months: Months between planned openings (0: all on *first*).
        floor_area: Each hub's area in m2, or ``None`` while unknown.
    """

    kind: HubKind
    total: int = attrs.field(metadata={SCHEMA_KEY: {"minimum": 1, "maximum": MAX_HUBS}})
    early_by: _dt.date
    first: _dt.date
    every_months: int = attrs.field(metadata={SCHEMA_KEY: {"minimum": 0, "maximum": _MAX_CADENCE}})
    floor_area: Decimal | None = attrs.field(default=None, metadata=_AREA)

    def __attrs_post_init__(self) -> None:
        _check_area(self.floor_area)
        if type(self.total) is not int or not 1 <= self.total <= MAX_HUBS:
            raise ValidationError("total", self.total, f"must be an int from 1 to {MAX_HUBS}")
        if type(self.every_months) is not int or not 0 <= self.every_months <= _MAX_CADENCE:
            raise ValidationError(
                "every_months", self.every_months, f"must be from 0 to {_MAX_CADENCE}"
            )


@attrs.frozen
class HubRollout:
    """The hub rollout model.

    Attributes:
        hubs: The listed hubs.
        pipeline: Optional hubs planned at a cadence, some open early.
        targets: The targets to judge (default: the Almaty targets).
    """

    hubs: tuple[HubPlan, ...] = attrs.field(
        default=(), converter=tuple, metadata={SCHEMA_KEY: {"maxItems": MAX_HUBS}}
    )
    pipeline: Pipeline | None = None
    targets: tuple[RolloutTarget, ...] = attrs.field(
        default=ALMATY_TARGETS, converter=tuple, metadata={SCHEMA_KEY: {"minItems": 1}}
    )

    def __attrs_post_init__(self) -> None:
        count = len(self.hubs) + (self.pipeline.total if self.pipeline else 0)
        if not 1 <= count <= MAX_HUBS:
            raise ValidationError("hubs", count, f"the model must hold 1 to {MAX_HUBS} hubs")
        if not self.targets:
            raise ValidationError("targets", [], "must name at least one target")
        ids = [hub.id for hub in self.hubs] + [hub.id for hub in self._pipeline_hubs(0)]
        if len(set(ids)) != len(ids):
            raise ValidationError("hubs", ids, "hub ids must be unique (pipeline-N are taken)")

    def inputs(self) -> tuple[Input, ...]:
        """Return the parameters the model reads."""
        delay = Input("delay_days", "a hub's opening delay", _ZERO, _MAX_DELAY, whole=True)
        if self.pipeline is None:
            return (delay,)
        total = Decimal(self.pipeline.total)
        early = Input("open_early", "pipeline hubs open early", _ZERO, total, whole=True)
        return (delay, early)

    def years(self) -> range:
        """Return the years of the fan: the earliest planned year to the last due year."""
        dates = [hub.planned_opening for hub in self.hubs]
        if self.pipeline is not None:
            dates += [self.pipeline.early_by, self.pipeline.first]
        return range(min(d.year for d in dates), max(t.due_year for t in self.targets) + 1)

    def layout(self) -> Layout:
        """Return the model's events (one per target) and slots (hubs open each year)."""
        return Layout(
            tuple(f"{target.id} met" for target in self.targets),
            tuple(Slot("open", year, _ONE) for year in self.years()),
        )

    def evaluate(self, draws: Draws) -> Outcome:
        """Open this sample's hubs after their drawn delays and judge the targets."""
        opened: list[PlannedHub] = []
        for listed in self.hubs:
            planned = listed.planned_opening
            actual = planned if listed.opened else _delayed(planned, draws)
            opened.append(
                PlannedHub(listed.id, listed.id, listed.kind, planned, listed.floor_area, actual)
            )
        if self.pipeline is not None:
            early = int(draws.value("open_early"))
            for index, piped in enumerate(self._pipeline_hubs(early)):
                planned = piped.planned_opening
                actual = planned if index < early else _delayed(planned, draws)
                opened.append(attrs.evolve(piped, actual_opening=actual))
        plan = NetworkPlan(tuple(opened), self.targets)
        by_year = {
            year: rollout_status(plan, _dt.date(year, 12, 31))
            for year in sorted({t.due_year for t in self.targets})
        }
        events = tuple(
            by_year[target.due_year].targets[index].met for index, target in enumerate(self.targets)
        )
        dates = sorted(hub.actual_opening for hub in opened if hub.actual_opening is not None)
        values = tuple(
            sum(1 for d in dates if d <= _dt.date(year, 12, 31)) for year in self.years()
        )
        return Outcome(events, values)

    def _pipeline_hubs(self, early: int) -> list[PlannedHub]:
        """The pipeline's hubs: *early* open on ``early_by``, the rest at the cadence."""
        pipe = self.pipeline
        if pipe is None:
            return []
        hubs = []
        for index in range(pipe.total):
            if index < early:
                planned = pipe.early_by
            else:
                planned = pipe.first + relativedelta(months=pipe.every_months * (index - early))
            name = f"pipeline-{index + 1}"
            hubs.append(PlannedHub(name, name, pipe.kind, planned, pipe.floor_area))
        return hubs


def _delayed(planned: _dt.date, draws: Draws) -> _dt.date:
    return planned + _dt.timedelta(days=int(draws.value("delay_days")))
