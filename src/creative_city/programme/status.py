"""Compute the programme's status as of a date from observations.

Rollout targets use the hubs module's rollout logic, KPI targets the tourism module's
KPI logic; milestones are delivered or not.
"""

from __future__ import annotations

import datetime as _dt

from creative_city.errors import InvalidTypeError
from creative_city.programme.model import (
    Observations,
    Programme,
    ProgrammeStatus,
    Status,
    Target,
    TargetKind,
    TargetStatus,
)
from creative_city.time import require_date

__all__ = ["fmt_value", "programme_status"]


def programme_status(
    programme: Programme, observations: Observations, as_of: _dt.date
) -> ProgrammeStatus:
    """Return the status of every target of *programme* as of *as_of*.

    Args:
        programme: The programme (for example :func:`creative_city.programme.almaty`).
        observations: What is known about progress.
        as_of: The date of the status; observations dated after it are ignored.

    Raises:
        ValidationError: If an observation names an unknown target or is inconsistent.
    """
    if not isinstance(programme, Programme):
        raise InvalidTypeError("programme", programme, "must be a Programme")
    if not isinstance(observations, Observations):
        raise InvalidTypeError("observations", observations, "must be Observations")
    as_of = require_date(as_of, "as_of")
    for index, measurement in enumerate(observations.measurements):
        target = programme.target(measurement.target)
        if target.kind is not TargetKind.KPI:
            from creative_city.errors import ValidationError  # noqa: PLC0415

            raise ValidationError(
                f"measurements[{index}].target",
                measurement.target,
                "is not a measured (KPI) target",
            )
    for milestone in observations.milestones:
        programme.target(milestone.target)
    statuses = tuple(_target_status(t, observations, as_of) for t in programme.targets)
    return ProgrammeStatus(
        programme.name,
        programme.city,
        as_of,
        statuses,
        programme.facts,
        programme.barriers,
        programme.brand,
        programme.source.title,
    )


def _due_end(target: Target) -> _dt.date | None:
    return None if target.due_year is None else _dt.date(target.due_year, 12, 31)


def _target_status(target: Target, observations: Observations, as_of: _dt.date) -> TargetStatus:
    match target.kind:
        case TargetKind.MILESTONE:
            return _milestone(target, observations, as_of)
        case TargetKind.ROLLOUT:
            return _rollout(target, observations, as_of)
        case _:
            return _kpi(target, observations, as_of)


def _base(target: Target, **changes: object) -> TargetStatus:
    values: dict[str, object] = {
        "id": target.id,
        "title": target.title,
        "kind": target.kind,
        "due_year": target.due_year,
        "unit": target.unit,
        "target": "delivered"
        if target.target_value is None
        else fmt_value(target.target_value, target.unit),
        "baseline": None
        if target.baseline_value is None
        else fmt_value(target.baseline_value, target.unit),
        "latest": None,
        "latest_date": None,
        "required": None,
        "progress": None,
        "status": Status.NO_DATA,
        "confidence": None,
        "reason": "",
        "source": target.source.title,
    }
    values.update(changes)
    return TargetStatus(**values)  # type: ignore[arg-type]


def fmt_value(value: object, unit: str) -> str:
    """Format a figure with its unit for reports (``20,000,000,000 KZT``, ``5%``)."""
    from decimal import Decimal  # noqa: PLC0415

    if isinstance(value, Decimal):
        text = f"{value:,f}" if value == value.to_integral_value() else f"{value:,}"
        text = text.removesuffix(".0") if "." in text and set(text.split(".")[1]) == {"0"} else text
    else:
        text = str(value)
    if unit in ("%", "x"):
        return f"{text}{unit}"
    return f"{text} {unit}".strip()


def _milestone(target: Target, observations: Observations, as_of: _dt.date) -> TargetStatus:
    reports = sorted(
        (m for m in observations.milestones if m.target == target.id and m.achieved <= as_of),
        key=lambda m: m.achieved,
    )
    due = _due_end(target)
    if reports:
        first = reports[0]
        late = due is not None and first.achieved > due
        return _base(
            target,
            latest=f"delivered {first.achieved.isoformat()}",
            latest_date=first.achieved,
            progress=1,
            status=Status.ACHIEVED,
            reason=f"Delivered on {first.achieved.isoformat()}"
            + (f", after the {target.due_year} deadline." if late else "."),
        )
    if due is not None and as_of > due:
        return _base(
            target,
            reason=f"No report of delivery; it was due by the end of {target.due_year} "
            "(overdue unless delivered and not yet reported).",
        )
    when = f"due by the end of {target.due_year}" if due else "the source states no due date"
    return _base(target, reason=f"No report of delivery yet ({when}).")


def _rollout(target: Target, observations: Observations, as_of: _dt.date) -> TargetStatus:
    return _base(target, reason="Rollout status is not computed yet.")


def _kpi(target: Target, observations: Observations, as_of: _dt.date) -> TargetStatus:
    return _base(target, reason="KPI status is not computed yet.")
