"""The hub network rollout: planned and actual openings, and status against targets.

The Almaty targets (Zakon.kz, 12 September 2022): "by 2025 ... three creative hubs and
two international-level video and sound recording studios, an IT hub of up to 15,000 m2"
and "by 2030 the number of creative and IT hubs will be brought to eight". They are
:data:`ALMATY_TARGETS`; :func:`rollout_status` measures a :class:`NetworkPlan` against
any targets as of a date:

* a hub *counts* once its actual opening date is on or before the as-of date;
* a target is **met** when every required count is reached by hubs opened by then and
  every area cap holds for the hubs it concerns;
* it is **due** at the end of its due year; before that an unmet target is ``on track``
  if the hubs already open plus those not yet open but *planned* to open by the due
  date would meet it (later actual openings are not known on the as-of date), else
  ``at risk``; after the due date an unmet target is ``missed``.
"""

from __future__ import annotations

import datetime as _dt
import enum
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import ValidationError
from creative_city.hubs.model import HubKind
from creative_city.operation import SCHEMA_KEY
from creative_city.time import require_date

__all__ = [
    "ALMATY_TARGETS",
    "KindCount",
    "NetworkPlan",
    "PlannedHub",
    "RolloutStatus",
    "RolloutTarget",
    "TargetState",
    "TargetStatus",
    "almaty_plan",
    "rollout_status",
]

_SOURCE: Final = "Zakon.kz, 12 September 2022"
_AREA: Final = {SCHEMA_KEY: {"exclusiveMinimum": 0}}


def _check_area(field: str, value: object) -> None:
    # An area in m2, when known, is a Decimal above 0 (as _AREA states).
    if value is not None and not (isinstance(value, Decimal) and value > 0):
        raise ValidationError(field, value, "must be a Decimal m2 > 0")


@attrs.frozen
class PlannedHub:
    """One hub of the network plan.

    Attributes:
        id: Identifier.
        name: Display name.
        kind: The kind of hub.
        planned_opening: The planned opening date.
        floor_area: m2 (> 0), or ``None`` while unknown.
        actual_opening: The actual opening date, once it opened.
    """

    id: str
    name: str
    kind: HubKind
    planned_opening: _dt.date
    floor_area: Decimal | None = attrs.field(default=None, metadata=_AREA)
    actual_opening: _dt.date | None = None

    def __attrs_post_init__(self) -> None:
        _check_area("floor_area", self.floor_area)
        require_date(self.planned_opening, "planned_opening")
        if self.actual_opening is not None:
            require_date(self.actual_opening, "actual_opening")


@attrs.frozen
class KindCount:
    """A required number of hubs whose kind is one of *kinds*.

    Attributes:
        kinds: The kinds that count.
        count: How many are required (>= 1).
        max_area: Optional cap on each counted hub's floor area (m2, inclusive); a hub
            whose area is unknown does not count toward a capped requirement.
    """

    kinds: tuple[HubKind, ...] = attrs.field(metadata={SCHEMA_KEY: {"minItems": 1}})
    count: int = attrs.field(metadata={SCHEMA_KEY: {"minimum": 1}})
    max_area: Decimal | None = attrs.field(default=None, metadata=_AREA)

    def __attrs_post_init__(self) -> None:
        if type(self.count) is not int or self.count < 1:
            raise ValidationError("count", self.count, "must be an int >= 1")
        if not self.kinds:
            raise ValidationError("kinds", self.kinds, "must name at least one kind")
        _check_area("max_area", self.max_area)


def _check_due_year(_: object, __: object, value: int) -> None:
    # Due by 31 December of the year: the calendar's years (a year past them was an
    # OverflowError deep in date arithmetic).
    if type(value) is not int or not 1 <= value <= _dt.MAXYEAR:
        raise ValidationError("due_year", value, f"must be an int from 1 to {_dt.MAXYEAR}")


@attrs.frozen
class RolloutTarget:
    """A dated rollout target.

    Attributes:
        id: Identifier, e.g. ``"hubs-2025"``.
        description: The target in words.
        due_year: Due by the end of this year.
        requirements: Counts that must all be reached.
        source: Where the target comes from.
    """

    id: str
    description: str
    due_year: int = attrs.field(
        validator=_check_due_year, metadata={SCHEMA_KEY: {"minimum": 1, "maximum": 9999}}
    )
    requirements: tuple[KindCount, ...]
    source: str = _SOURCE


ALMATY_TARGETS: Final = (
    RolloutTarget(
        "hubs-2025",
        "3 creative hubs + 2 studios (video, sound) + an IT hub of up to 15,000 m2 by 2025",
        2025,
        (
            KindCount((HubKind.CREATIVE_HUB,), 3),
            KindCount((HubKind.VIDEO_STUDIO,), 1),
            KindCount((HubKind.SOUND_STUDIO,), 1),
            KindCount((HubKind.IT_HUB,), 1, Decimal(15000)),
        ),
    ),
    RolloutTarget(
        "hubs-2030",
        "8 creative and IT hubs by 2030",
        2030,
        (KindCount((HubKind.CREATIVE_HUB, HubKind.IT_HUB), 8),),
    ),
)
"""The Almaty hub network targets (Zakon.kz, 12 September 2022)."""


@attrs.frozen
class NetworkPlan:
    """The network plan: hubs and the targets they answer to.

    Attributes:
        hubs: The planned (and opened) hubs.
        targets: The targets (default: :data:`ALMATY_TARGETS`).
    """

    hubs: tuple[PlannedHub, ...]
    targets: tuple[RolloutTarget, ...] = ALMATY_TARGETS

    def __attrs_post_init__(self) -> None:
        ids = [h.id for h in self.hubs]
        if len(set(ids)) != len(ids):
            raise ValidationError("hubs", ids, "hub ids must be unique")


class TargetState(enum.Enum):
    """Where a target stands."""

    MET = "met"
    ON_TRACK = "on track"
    AT_RISK = "at risk"
    MISSED = "missed"


@attrs.frozen
class TargetStatus:
    """One target's status as of a date.

    Attributes:
        target: The target id.
        description: The target in words.
        due_year: Its due year.
        required: The required count per requirement.
        opened: The counted hubs opened by the as-of date, per requirement.
        planned: The counted hubs open or planned to open by the due date.
        met: Whether every requirement is reached by opened hubs.
        state: Met, on track, at risk or missed.
        source: Where the target comes from.
    """

    target: str
    description: str
    due_year: int
    required: tuple[int, ...]
    opened: tuple[int, ...]
    planned: tuple[int, ...]
    met: bool
    state: TargetState
    source: str


@attrs.frozen
class RolloutStatus:
    """The network's status as of a date.

    Attributes:
        as_of: The date.
        targets: One status per target.
        opened_area: Floor area of the hubs opened by then whose area is known (m2).
    """

    as_of: _dt.date
    targets: tuple[TargetStatus, ...]
    opened_area: Decimal

    def __repr__(self) -> str:
        parts = ", ".join(f"{t.target}: {t.state.value}" for t in self.targets)
        return f"<RolloutStatus {self.as_of}: {parts}>"

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per target."""
        return [
            {
                "as_of": self.as_of,
                "target": t.target,
                "due_year": t.due_year,
                "required": sum(t.required),
                "opened": sum(t.opened),
                "planned": sum(t.planned),
                "met": t.met,
                "state": t.state.value,
            }
            for t in self.targets
        ]


def _counts(requirement: KindCount, hubs: list[PlannedHub]) -> int:
    return sum(
        1
        for h in hubs
        if h.kind in requirement.kinds
        and (
            requirement.max_area is None
            or (h.floor_area is not None and h.floor_area <= requirement.max_area)
        )
    )


def rollout_status(plan: NetworkPlan, as_of: _dt.date) -> RolloutStatus:
    """Return the status of every target of *plan* as of *as_of*.

    >>> rollout_status(almaty_plan(), _dt.date(2022, 9, 12))
    <RolloutStatus 2022-09-12: hubs-2025: on track, hubs-2030: at risk>
    """
    as_of = require_date(as_of, "as_of")
    opened = [h for h in plan.hubs if h.actual_opening is not None and h.actual_opening <= as_of]
    statuses = []
    for target in plan.targets:
        due = _dt.date(target.due_year, 12, 31)
        # What was known on the as-of date: the hubs open by then, plus the others'
        # planned dates (a later actual opening is not known yet).
        expected = list(opened) + [
            h for h in plan.hubs if h not in opened and h.planned_opening <= due
        ]
        required = tuple(r.count for r in target.requirements)
        have = tuple(_counts(r, opened) for r in target.requirements)
        will = tuple(_counts(r, expected) for r in target.requirements)
        met = all(h >= r for h, r in zip(have, required, strict=True))
        if met:
            state = TargetState.MET
        elif as_of > due:
            state = TargetState.MISSED
        elif all(w >= r for w, r in zip(will, required, strict=True)):
            state = TargetState.ON_TRACK
        else:
            state = TargetState.AT_RISK
        statuses.append(
            TargetStatus(
                target.id,
                target.description,
                target.due_year,
                required,
                have,
                will,
                met,
                state,
                target.source,
            )
        )
    area = sum((h.floor_area for h in opened if h.floor_area is not None), Decimal(0))
    return RolloutStatus(as_of, tuple(statuses), area)


def almaty_plan() -> NetworkPlan:
    """Return the announced Almaty network with no opening recorded yet.

    Only what the source states: the Depo centre (due 2025), three creative hubs, a
    video and a sound studio and an IT hub of up to 15,000 m2 planned by the end of
    2025 (Zakon.kz, 12 September 2022); the IT hub's area is the stated 15,000 m2 and
    other areas are unknown. Planned dates are the due date; record actual
    openings with ``attrs.evolve``. The remaining creative/IT hubs of the 2030 target
    are not named in the source, so they are not invented here.
    """
    due = _dt.date(2025, 12, 31)
    hubs = [
        PlannedHub("depo", "Depo Art and Science Center", HubKind.ART_AND_SCIENCE_CENTRE, due),
        *(
            PlannedHub(f"creative-{n}", f"Creative hub {n}", HubKind.CREATIVE_HUB, due)
            for n in (1, 2, 3)
        ),
        PlannedHub("video-studio", "Video studio", HubKind.VIDEO_STUDIO, due),
        PlannedHub("sound-studio", "Sound studio", HubKind.SOUND_STUDIO, due),
        PlannedHub("it-hub", "IT hub", HubKind.IT_HUB, due, Decimal(15000)),
    ]
    return NetworkPlan(tuple(hubs))
