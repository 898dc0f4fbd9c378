"""Compute the programme's status as of a date from observations.

Rollout targets use the hubs module's rollout logic, KPI targets the tourism module's
KPI logic; milestones are delivered or not.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from fractions import Fraction

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.hubs import HubKind  # the lazy package: loads only the kinds
from creative_city.hubs.rollout import (
    KindCount,
    NetworkPlan,
    RolloutTarget,
    TargetState,
    rollout_status,
)
from creative_city.programme.model import (
    Measurement,
    Observations,
    Programme,
    ProgrammeStatus,
    Status,
    Target,
    TargetKind,
    TargetStatus,
)
from creative_city.time import require_date
from creative_city.tourism.indicators import cagr, growth_multiple, multiple_to_percent_change
from creative_city.tourism.kpi import Kpi, KpiObservation, KpiStatus, Trajectory
from creative_city.tourism.kpi import Status as KpiState

__all__ = ["derive", "fmt_value", "programme_status"]


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
            raise ValidationError(
                f"measurements[{index}].target",
                measurement.target,
                "is not a measured (KPI) target",
            )
    for milestone in observations.milestones:
        programme.target(milestone.target)
    # Each target is judged against its value in force on the date (its latest revision).
    statuses = tuple(
        _target_status(t.in_force(as_of), observations, as_of) for t in programme.targets
    )
    return ProgrammeStatus(
        programme.name,
        programme.city,
        as_of,
        statuses,
        programme.facts,
        programme.barriers,
        programme.brand,
        programme.source.title,
        derive(programme),
    )


def derive(programme: Programme) -> tuple[str, ...]:
    """Return what the programme's reported figures imply, one sentence each.

    Uses the tourism module's indicators: a growth multiple as a percent change, the
    ratio of two multiples, and the base and compound annual rate that a multiple
    over several years implies.

    >>> from creative_city.programme import almaty
    >>> for line in derive(almaty()):
    ...     print(line)
    Foreign tourists grew 2.8 times (H1 2022 vs H1 2021): +180% year on year.
    Domestic tourists grew 1.4 times (H1 2022 vs H1 2021): +40% year on year.
    The foreign multiple is 2 times the domestic one (2.8 / 1.4).
    Investment x1.7 over five years to 100,000,000,000 KZT implies 58,823,529,412 KZT
    five years earlier and +11.2% a year.
    """
    facts = {fact.id: fact for fact in programme.facts}
    lines: list[str] = []
    for key in ("foreign-tourists-h1-2022", "domestic-tourists-h1-2022"):
        fact = facts.get(key)
        if fact is not None:
            change = multiple_to_percent_change(fact.value).normalize()
            lines.append(f"{fact.title} ({fact.comparison}): {change:+f}% year on year.")
    foreign, domestic = (
        facts.get("foreign-tourists-h1-2022"),
        facts.get("domestic-tourists-h1-2022"),
    )
    if foreign is not None and domestic is not None:
        ratio = growth_multiple(foreign.value, domestic.value).normalize()
        lines.append(
            f"The foreign multiple is {ratio:f} times the domestic one "
            f"({foreign.value} / {domestic.value})."
        )
    multiple, level = facts.get("tourism-investment-5y"), facts.get("tourism-investment-2022")
    if multiple is not None and level is not None:
        base = (level.value / multiple.value).quantize(Decimal(1))
        rate = cagr(1, multiple.value, 5)
        lines.append(
            f"Investment x{multiple.value} over five years to {fmt_value(level.value, level.unit)} "
            f"implies {fmt_value(base, level.unit)} five years earlier and "
            f"{_percent(rate)} a year."
        )
    return tuple(lines)


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
    """Format a figure with its unit for reports (``20,000,000,000 KZT``, ``5%``).

    >>> fmt_value(Decimal("8000000000.000000"), "KZT"), fmt_value(Decimal("3.10"), "%")
    ('8,000,000,000 KZT', '3.1%')
    """
    text = f"{value.normalize():,f}" if isinstance(value, Decimal) else str(value)
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
    if not observations.hubs:
        return _base(
            target,
            reason="No hub openings or plans recorded; add them to the observations.",
        )
    due_year = target.due_year if target.due_year is not None else as_of.year
    kinds = tuple(HubKind(kind) for kind in target.hub_kinds)
    if target.one_of_each:
        requirements = tuple(KindCount((kind,), 1, target.max_area_m2) for kind in kinds)
    else:
        requirements = (KindCount(kinds, int(target.target_value or 0), target.max_area_m2),)
    rollout_target = RolloutTarget(target.id, target.title, due_year, requirements)
    result = rollout_status(NetworkPlan(observations.hubs, (rollout_target,)), as_of).targets[0]
    # Count each requirement only up to what it needs, so a surplus of one kind never
    # hides a shortage of another.
    required = sum(result.required)
    opened = sum(min(o, r) for o, r in zip(result.opened, result.required, strict=True))
    planned = sum(min(p, r) for p, r in zip(result.planned, result.required, strict=True))
    status = _ROLLOUT_STATES[result.state]
    missing = max(0, required - opened)
    reason = {
        TargetState.MET: f"{opened} of {required} opened.",
        TargetState.ON_TRACK: (
            f"{opened} of {required} opened; with the hubs planned by the end of "
            f"{due_year}, {planned} would be open."
        ),
        TargetState.AT_RISK: (
            f"{opened} of {required} opened and only {planned} open or planned by the end "
            f"of {due_year}."
        ),
        TargetState.MISSED: f"Only {opened} of {required} opened by the end of {due_year}.",
    }[result.state]
    if target.max_area_m2 is not None:
        reason += f" Only hubs of at most {fmt_value(target.max_area_m2, 'm2')} count."
    return _base(
        target,
        latest=f"{sum(result.opened)} opened",
        latest_date=as_of,
        required=None if missing == 0 else f"{missing} more by the end of {due_year}",
        progress=Fraction(opened, required) if required else None,
        status=status,
        reason=reason,
    )


_ROLLOUT_STATES = {
    TargetState.MET: Status.ACHIEVED,
    TargetState.ON_TRACK: Status.ON_TRACK,
    TargetState.AT_RISK: Status.AT_RISK,
    TargetState.MISSED: Status.MISSED,
}
_KPI_STATES = {
    KpiState.ON_TRACK: Status.ON_TRACK,
    KpiState.AT_RISK: Status.AT_RISK,
    KpiState.OFF_TRACK: Status.OFF_TRACK,
}


def _kpi(target: Target, observations: Observations, as_of: _dt.date) -> TargetStatus:
    measured = sorted(
        (m for m in observations.measurements if m.target == target.id), key=lambda m: m.on
    )
    start = _kpi_baseline(target, [m for m in measured if m.on <= as_of])
    if start is None:
        return _base(
            target,
            reason="No measurement yet; the first one recorded becomes the baseline.",
        )
    baseline, baseline_on, later = start
    assert target.target_value is not None  # noqa: S101 - KPI targets always have a value
    due = _due_end(target) or _dt.date(as_of.year, 12, 31)
    if baseline_on >= due:  # the first value known is measured on or after the due date
        return _kpi_final(target, baseline, baseline_on, due)
    linear = baseline == 0 or target.target_value == 0
    kpi = Kpi(
        target.title,
        target.unit,
        baseline,
        target.target_value,
        due,
        baseline_on=baseline_on,
        trajectory=Trajectory.LINEAR if linear else Trajectory.COMPOUND,
        source=target.source.title,
    )
    result = kpi.status([KpiObservation(m.on, m.value) for m in later], as_of)
    span = target.target_value - baseline
    progress = None if span == 0 else Fraction(result.latest_value - baseline) / Fraction(span)
    baseline_text = fmt_value(baseline, target.unit)
    status, required, reason = _kpi_verdict(
        result,
        needed=_kpi_needed(target, result, due, linear=linear),
        baseline=None if later else f"{baseline_text} on {baseline_on.isoformat()}",
        overdue=as_of > due,
    )
    return _base(
        target,
        baseline=f"{baseline_text} ({baseline_on.isoformat()})",
        latest=fmt_value(result.latest_value.normalize(), target.unit),
        latest_date=result.latest_on,
        required=required,
        progress=progress,
        status=status,
        confidence=None if status is Status.NO_DATA else result.confidence.value,
        reason=reason,
    )


def _kpi_final(target: Target, value: Decimal, on: _dt.date, due: _dt.date) -> TargetStatus:
    """The verdict of a target whose first measurement is on or after its due date."""
    assert target.target_value is not None  # noqa: S101 - KPI targets always have a value
    met = value >= target.target_value
    shown = fmt_value(value.normalize(), target.unit)
    goal = fmt_value(target.target_value, target.unit)
    reason = (
        f"The first value known, {shown} on {on.isoformat()}, is measured on or after the "
        f"due date {due.isoformat()}: the target of {goal} was " + ("met." if met else "missed.")
    )
    return _base(
        target,
        latest=shown,
        latest_date=on,
        status=Status.ACHIEVED if met else Status.MISSED,
        confidence="green" if met else "red",
        reason=reason,
    )


def _kpi_baseline(
    target: Target, known: list[Measurement]
) -> tuple[Decimal, _dt.date, list[Measurement]] | None:
    """Return the baseline, its date and the measurements after it (None: nothing known).

    The target's own baseline when it states one, else the first measurement.
    """
    if target.baseline_value is not None and target.baseline_date is not None:
        baseline_on = target.baseline_date
        return target.baseline_value, baseline_on, [m for m in known if m.on > baseline_on]
    if known:
        return known[0].value, known[0].on, known[1:]
    return None


def _kpi_needed(target: Target, result: KpiStatus, due: _dt.date, *, linear: bool) -> str:
    """Say what the target still needs: a growth rate, or an amount by the due date."""
    if result.required_cagr is not None and not linear:
        return f"{_percent(result.required_cagr)} a year"
    assert target.target_value is not None  # noqa: S101 - KPI targets always have a value
    remaining = target.target_value - result.latest_value
    return f"{fmt_value(remaining, target.unit)} more by {due.isoformat()}"


def _kpi_verdict(
    result: KpiStatus, *, needed: str, baseline: str | None, overdue: bool
) -> tuple[Status, str | None, str]:
    """Return the status, what is still required (None when settled) and the reason.

    *baseline* describes the baseline when it is all that is known (else None).
    """
    if baseline is not None:
        then = "." if overdue else f"; from it the target needs {needed}."
        judged = f"Only the baseline ({baseline}) is known, so progress cannot be judged yet{then}"
        return Status.NO_DATA, None if overdue else needed, judged
    reason = result.reason.rstrip(".") + "."
    if result.achieved:
        return Status.ACHIEVED, None, reason
    if overdue:
        return Status.MISSED, None, reason
    return _KPI_STATES[result.status], needed, reason


def _percent(rate: Decimal) -> str:
    return f"{(rate * 100).quantize(Decimal('0.1')):+}%"
