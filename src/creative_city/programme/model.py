"""The programme as data: sources, targets, facts, observations and status records."""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from fractions import Fraction

import attrs

from creative_city.errors import ValidationError
from creative_city.hubs.rollout import PlannedHub

__all__ = [
    "Fact",
    "Measurement",
    "MilestoneReport",
    "Observations",
    "Programme",
    "ProgrammeStatus",
    "Revision",
    "Source",
    "Status",
    "Target",
    "TargetKind",
    "TargetStatus",
]


@attrs.frozen
class Source:
    """Where a figure comes from.

    Attributes:
        title: The citation, by title and date (``"Zakon.kz, 12 September 2022"``).
        quote: The sentence of the source that states the figure, in its language.
    """

    title: str
    quote: str = ""


class TargetKind(enum.Enum):
    """How a target's status is computed."""

    ROLLOUT = "rollout"
    """Counts of opened hubs (and floor area), computed by the hubs rollout logic."""
    KPI = "kpi"
    """A measured indicator with a baseline and a target value, computed by the KPI logic."""
    MILESTONE = "milestone"
    """Something delivered once (a platform launched, a brand created)."""


@attrs.frozen
class Revision:
    """A later value of a target, in force from the day it was published.

    Attributes:
        on: The day the revision was published (it holds from that day).
        value: The new target value, in the target's unit.
        text: The revision in the source's words (``"10 bn KZT, of which 5 bn private"``).
        source: The citation, by publisher and date (``"Kapital.kz, 17 December 2022"``).
    """

    on: _dt.date
    value: Decimal
    text: str
    source: str


@attrs.frozen
class Target:
    """One commitment of the programme.

    Attributes:
        id: A stable identifier used by observations (``"venture-fund"``).
        title: What is promised, in one line.
        kind: How its status is computed.
        due_year: The year by whose end it is due, or ``None`` when the source gives none.
        unit: The unit of ``target_value`` (``"hubs"``, ``"KZT"``, ``"USD"``, ``"%"``).
        target_value: The promised value (``None`` for milestones).
        baseline_value: The value at ``baseline_date``, when known.
        baseline_date: The date of the baseline.
        source: Where the promise is stated.
        hub_kinds: For rollout targets, the hub kinds that count (``HubKind`` values).
        max_area_m2: For rollout targets with an area ceiling ("up to 15,000 m2").
        one_of_each: For rollout targets, require one hub of each kind in *hub_kinds*
            ("a video and a sound studio") instead of any mix.
        revisions: Later values of the target, oldest first, each with its date and
            source (the value as announced stays in *target_value*).
    """

    id: str
    title: str
    kind: TargetKind
    due_year: int | None
    unit: str
    target_value: Decimal | None
    source: Source
    baseline_value: Decimal | None = None
    baseline_date: _dt.date | None = None
    hub_kinds: tuple[str, ...] = ()
    max_area_m2: Decimal | None = None
    one_of_each: bool = False
    revisions: tuple[Revision, ...] = ()

    def __attrs_post_init__(self) -> None:
        days = [revision.on for revision in self.revisions]
        if days != sorted(set(days)):
            raise ValidationError(
                "revisions", [d.isoformat() for d in days], "are in date order, one a day"
            )
        if self.revisions and self.target_value is None:
            raise ValidationError("revisions", self.id, "a target without a value has none")

    def in_force(self, as_of: _dt.date) -> Target:
        """Return the target as it stands on *as_of*: its latest revision by then applied.

        >>> from creative_city.programme import almaty
        >>> fund = (
        ...     almaty()
        ...     .target("venture-fund")
        ...     .revised(
        ...         Revision(_dt.date(2022, 12, 17), Decimal(10**10), "10 bn KZT", "Kapital.kz")
        ...     )
        ... )
        >>> fund.in_force(_dt.date(2022, 12, 16)).target_value
        Decimal('20000000000')
        >>> fund.in_force(_dt.date(2022, 12, 17)).target_value
        Decimal('10000000000')
        """
        applied = [revision for revision in self.revisions if revision.on <= as_of]
        if not applied:
            return self
        latest = applied[-1]
        return attrs.evolve(
            self,
            target_value=latest.value,
            source=Source(f"{latest.source} (revising {self.source.title})"),
        )

    def revised(self, *revisions: Revision) -> Target:
        """Return this target with *revisions* added to its history.

        Raises:
            ValidationError: If two revisions fall on the same day, or the target has
                no value to revise (a milestone).
        """
        merged = sorted((*self.revisions, *revisions), key=lambda r: r.on)
        return attrs.evolve(self, revisions=tuple(merged))


@attrs.frozen
class Fact:
    """A figure the programme reports (not a target), e.g. a growth multiple.

    Attributes:
        id: A stable identifier.
        title: What the figure says.
        value: The figure.
        unit: Its unit (``"x"`` for a multiple, ``"KZT"``).
        comparison: What is compared with what (``"H1 2022 vs H1 2021"``).
        source: Where it is stated.
    """

    id: str
    title: str
    value: Decimal
    unit: str
    comparison: str
    source: Source


@attrs.frozen
class Programme:
    """A city's creative-economy programme.

    Attributes:
        name: The programme's name.
        city: The city.
        announced: The date it was announced.
        brand: The tourism brand.
        targets: The commitments, each with a due year and a source.
        facts: Reported figures.
        barriers: Named barriers to the programme's goals.
        source: The programme's main source.
    """

    name: str
    city: str
    announced: _dt.date
    brand: str
    targets: tuple[Target, ...]
    facts: tuple[Fact, ...]
    barriers: tuple[str, ...]
    source: Source

    def __attrs_post_init__(self) -> None:
        ids = [t.id for t in self.targets]
        for index, target_id in enumerate(ids):
            if target_id in ids[:index]:
                raise ValidationError(f"targets[{index}].id", target_id, "target ids are unique")

    def with_revisions(self, revisions: dict[str, tuple[Revision, ...]]) -> Programme:
        """Return this programme with *revisions* (by target id) added to its targets.

        Raises:
            ValidationError: If a target is unknown, has no value, or a revision predates
                the programme's announcement or shares a day with another.
        """
        for target_id, items in revisions.items():
            self.target(target_id)
            for revision in items:
                if revision.on < self.announced:
                    raise ValidationError(
                        f"revisions[{target_id}].on",
                        revision.on.isoformat(),
                        f"is before the announcement on {self.announced.isoformat()}",
                    )
        targets = tuple(
            t.revised(*revisions[t.id]) if t.id in revisions else t for t in self.targets
        )
        return attrs.evolve(self, targets=targets)

    def target(self, target_id: str) -> Target:
        """Return the target called *target_id*.

        Raises:
            ValidationError: If there is no such target.
        """
        for target in self.targets:
            if target.id == target_id:
                return target
        raise ValidationError(
            "target",
            target_id,
            f"is not a target of this programme ({', '.join(t.id for t in self.targets)})",
        )


# -- observations ------------------------------------------------------------------


@attrs.frozen
class Measurement:
    """One observed value of a KPI target.

    Attributes:
        target: The target's id.
        on: The date the value refers to (the end of its period).
        value: The value, in the target's unit.
        note: Where the figure comes from.
    """

    target: str
    on: _dt.date
    value: Decimal
    note: str = ""


@attrs.frozen
class MilestoneReport:
    """A milestone delivered.

    Attributes:
        target: The target's id.
        achieved: The date it was delivered.
        note: Where the fact comes from.
    """

    target: str
    achieved: _dt.date
    note: str = ""


@attrs.frozen
class Observations:
    """What users know about progress: hubs, measurements, milestones.

    Attributes:
        hubs: Hubs opened or planned (the hubs module's :class:`PlannedHub`).
        measurements: Observed values of KPI targets.
        milestones: Milestones delivered.
    """

    hubs: tuple[PlannedHub, ...] = ()
    measurements: tuple[Measurement, ...] = attrs.field(default=())
    milestones: tuple[MilestoneReport, ...] = ()

    @measurements.validator
    def _one_per_date(self, _: attrs.Attribute[object], value: tuple[Measurement, ...]) -> None:
        # Two values of one target on one date would make the status depend on the order.
        seen: dict[tuple[str, _dt.date], int] = {}
        for index, measurement in enumerate(value):
            first = seen.setdefault((measurement.target, measurement.on), index)
            if first != index:
                raise ValidationError(
                    f"measurements[{index}]",
                    f"{measurement.target} on {measurement.on.isoformat()}",
                    f"has the same target and date as measurements[{first}]",
                )

    def merged(self, other: Observations) -> Observations:
        """Return these observations followed by *other*'s."""
        return Observations(
            (*self.hubs, *other.hubs),
            (*self.measurements, *other.measurements),
            (*self.milestones, *other.milestones),
        )


# -- status ----------------------------------------------------------------------


class Status(enum.Enum):
    """The status of one target as of a date."""

    ACHIEVED = "achieved"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    OFF_TRACK = "off track"
    MISSED = "missed"
    NO_DATA = "no data"


@attrs.frozen
class TargetStatus:
    """The status of one target as of a date, with the figures behind it.

    Attributes:
        id: The target's id.
        title: The target's title.
        kind: How the status was computed.
        due_year: When it is due.
        unit: The unit of the figures.
        target: The promised value, as text.
        baseline: The baseline, as text, or ``None``.
        latest: The latest observed value, as text, or ``None``.
        latest_date: The date of the latest value.
        required: What it still takes (``"+11.2% a year"``, ``"2 more hubs"``), or ``None``.
        progress: The share of the way from baseline to target (0 to 1 and beyond), or
            ``None`` when undefined.
        status: The status.
        confidence: A delivery-confidence rating where the KPI logic gives one.
        reason: Why the status is what it is, in one sentence.
        source: The citation of the target.
    """

    id: str
    title: str
    kind: TargetKind
    due_year: int | None
    unit: str
    target: str
    baseline: str | None
    latest: str | None
    latest_date: _dt.date | None
    required: str | None
    progress: Fraction | None
    status: Status
    confidence: str | None
    reason: str
    source: str


@attrs.frozen
class ProgrammeStatus:
    """The programme's status as of a date.

    Attributes:
        programme: The programme's name.
        city: The city.
        as_of: The date of the status.
        targets: One status per target, in the programme's order.
        facts: The programme's reported figures.
        barriers: Its named barriers.
        brand: Its tourism brand.
        source: Its main source.
        derived: Figures derived from the reported facts, one sentence each (what a
            growth multiple means as a percentage, the base and annual rate a
            five-year multiple implies).
    """

    programme: str
    city: str
    as_of: _dt.date
    targets: tuple[TargetStatus, ...]
    facts: tuple[Fact, ...]
    barriers: tuple[str, ...]
    brand: str
    source: str
    derived: tuple[str, ...] = ()

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per target (ready for a DataFrame, no pandas needed)."""
        return [
            {
                "id": t.id,
                "title": t.title,
                "kind": t.kind.value,
                "due_year": t.due_year,
                "unit": t.unit,
                "target": t.target,
                "baseline": t.baseline,
                "latest": t.latest,
                "latest_date": t.latest_date,
                "required": t.required,
                "progress": None if t.progress is None else float(t.progress),
                "status": t.status.value,
                "confidence": t.confidence,
                "reason": t.reason,
                "source": t.source,
            }
            for t in self.targets
        ]

    def counts(self) -> dict[str, int]:
        """Return how many targets have each status."""
        result = {status.value: 0 for status in Status}
        for target in self.targets:
            result[target.status.value] += 1
        return result
