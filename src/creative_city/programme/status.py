"""Compute the programme's status as of a date from observations.

Rollout targets use the hubs module's rollout logic, KPI targets the tourism module's
KPI logic; milestones are delivered or not.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from fractions import Fraction

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.hubs import HubKind
from creative_city.hubs.rollout import (
    KindCount,
    NetworkPlan,
    RolloutTarget,
    TargetState,
    rollout_status,
)
from creative_city.programme.language import ENGLISH, Language
from creative_city.programme.model import (
    Fact,
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
    programme: Programme,
    observations: Observations,
    as_of: _dt.date,
    *,
    language: Language = ENGLISH,
) -> ProgrammeStatus:
    """Return the status of every target of *programme* as of *as_of*.

    Args:
        programme: The programme (for example :func:`creative_city.programme.almaty`).
        observations: What is known about progress.
        as_of: The date of the status; observations dated after it are ignored.
        language: The language of the status's words (titles, figures, reasons).

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
        _target_status(t.in_force(as_of), observations, as_of, language) for t in programme.targets
    )
    return ProgrammeStatus(
        language.data("programme", programme.name),
        language.data("place", programme.city),
        as_of,
        statuses,
        tuple(_fact(fact, language) for fact in programme.facts),
        tuple(language.data("barrier", barrier) for barrier in programme.barriers),
        programme.brand,
        language.data("citation", programme.source.title),
        derive(programme, language),
    )


def _fact(fact: Fact, language: Language) -> Fact:
    return attrs.evolve(
        fact,
        title=language.data("fact", fact.title),
        comparison=language.data("comparison", fact.comparison),
    )


def derive(programme: Programme, language: Language = ENGLISH) -> tuple[str, ...]:
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
    facts = {fact.id: _fact(fact, language) for fact in programme.facts}
    lines: list[str] = []
    for key in ("foreign-tourists-h1-2022", "domestic-tourists-h1-2022"):
        fact = facts.get(key)
        if fact is not None:
            change = multiple_to_percent_change(fact.value).normalize()
            lines.append(
                language.gettext(
                    "{fact} ({comparison}): {change} year on year.",
                    fact=fact.title,
                    comparison=fact.comparison,
                    change=language.percent_sign(language.signed(change)),
                )
            )
    foreign, domestic = (
        facts.get("foreign-tourists-h1-2022"),
        facts.get("domestic-tourists-h1-2022"),
    )
    if foreign is not None and domestic is not None:
        ratio = growth_multiple(foreign.value, domestic.value).normalize()
        lines.append(
            language.gettext(
                "The foreign multiple is {ratio} times the domestic one ({foreign} / {domestic}).",
                ratio=language.decimal(ratio),
                foreign=language.decimal(foreign.value),
                domestic=language.decimal(domestic.value),
            )
        )
    multiple, level = facts.get("tourism-investment-5y"), facts.get("tourism-investment-2022")
    if multiple is not None and level is not None:
        base = (level.value / multiple.value).quantize(Decimal(1))
        rate = cagr(1, multiple.value, 5)
        lines.append(
            language.gettext(
                "Investment x{multiple} over five years to {level} implies {base} five years "
                "earlier and {rate} a year.",
                multiple=language.decimal(multiple.value),
                level=language.value(level.value, level.unit),
                base=language.value(base, level.unit),
                rate=language.rate(rate),
            )
        )
    return tuple(lines)


def _due_end(target: Target) -> _dt.date | None:
    return None if target.due_year is None else _dt.date(target.due_year, 12, 31)


def _target_status(
    target: Target, observations: Observations, as_of: _dt.date, language: Language
) -> TargetStatus:
    match target.kind:
        case TargetKind.MILESTONE:
            return _milestone(target, observations, as_of, language)
        case TargetKind.ROLLOUT:
            return _rollout(target, observations, as_of, language)
        case _:
            return _kpi(target, observations, as_of, language)


def _base(target: Target, language: Language, **changes: object) -> TargetStatus:
    values: dict[str, object] = {
        "id": target.id,
        "title": language.data("target", target.title),
        "kind": target.kind,
        "due_year": target.due_year,
        "unit": target.unit,
        "target": language.gettext("delivered")
        if target.target_value is None
        else language.value(target.target_value, target.unit),
        "baseline": None
        if target.baseline_value is None
        else language.value(target.baseline_value, target.unit),
        "latest": None,
        "latest_date": None,
        "required": None,
        "progress": None,
        "status": Status.NO_DATA,
        "confidence": None,
        "reason": "",
        "source": language.data("citation", target.source.title),
    }
    values.update(changes)
    return TargetStatus(**values)  # type: ignore[arg-type]


def fmt_value(value: object, unit: str) -> str:
    """Format a figure with its unit for reports (``20,000,000,000 KZT``, ``5%``).

    >>> fmt_value(Decimal("8000000000.000000"), "KZT"), fmt_value(Decimal("3.10"), "%")
    ('8,000,000,000 KZT', '3.1%')
    """
    return ENGLISH.value(value, unit)


def _milestone(
    target: Target, observations: Observations, as_of: _dt.date, language: Language
) -> TargetStatus:
    reports = sorted(
        (m for m in observations.milestones if m.target == target.id and m.achieved <= as_of),
        key=lambda m: m.achieved,
    )
    due = _due_end(target)
    if reports:
        first = reports[0]
        late = due is not None and first.achieved > due
        day = language.day(first.achieved)
        return _base(
            target,
            language,
            latest=language.gettext("delivered {day}", day=day),
            latest_date=first.achieved,
            progress=1,
            status=Status.ACHIEVED,
            reason=language.gettext(
                "Delivered on {day}, after the {year} deadline.",
                day=day,
                year=language.year(due.year),
            )
            if late and due is not None
            else language.gettext("Delivered on {day}.", day=day),
        )
    if due is not None and as_of > due:
        return _base(
            target,
            language,
            reason=language.gettext(
                "No report of delivery; it was due by the end of {year} (overdue unless "
                "delivered and not yet reported).",
                year=language.year(due.year),
            ),
        )
    if due is not None:
        reason = language.gettext(
            "No report of delivery yet (due by the end of {year}).", year=language.year(due.year)
        )
    else:
        reason = language.gettext("No report of delivery yet (the source states no due date).")
    return _base(target, language, reason=reason)


def _rollout(
    target: Target, observations: Observations, as_of: _dt.date, language: Language
) -> TargetStatus:
    if not observations.hubs:
        return _base(
            target,
            language,
            reason=language.gettext(
                "No hub openings or plans recorded; add them to the observations."
            ),
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
    reason = _rollout_reason(result.state, (opened, required, planned), due_year, language)
    if target.max_area_m2 is not None:
        area = language.npgettext(
            "unit",
            "{number} m2",
            "{number} m2",
            int(target.max_area_m2),
            number=language.number(target.max_area_m2),
        )
        reason += language.gettext(" Only hubs of at most {area} count.", area=area)
    return _base(
        target,
        language,
        latest=language.gettext("{n} opened", n=language.count(sum(result.opened))),
        latest_date=as_of,
        required=None
        if missing == 0
        else language.gettext(
            "{n} more by the end of {year}",
            n=language.count(missing),
            year=language.year(due_year),
        ),
        progress=Fraction(opened, required) if required else None,
        status=status,
        reason=reason,
    )


def _rollout_reason(
    state: TargetState, counts: tuple[int, int, int], due_year: int, language: Language
) -> str:
    opened, required, planned = (language.count(n) for n in counts)
    year = language.year(due_year)
    match state:
        case TargetState.MET:
            return language.gettext(
                "{opened} of {required} opened.", opened=opened, required=required
            )
        case TargetState.ON_TRACK:
            return language.gettext(
                "{opened} of {required} opened; with the hubs planned by the end of {year}, "
                "{planned} would be open.",
                opened=opened,
                required=required,
                year=year,
                planned=planned,
            )
        case TargetState.AT_RISK:
            return language.gettext(
                "{opened} of {required} opened and only {planned} open or planned by the end "
                "of {year}.",
                opened=opened,
                required=required,
                year=year,
                planned=planned,
            )
    return language.gettext(
        "Only {opened} of {required} opened by the end of {year}.",
        opened=opened,
        required=required,
        year=year,
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


def _kpi(
    target: Target, observations: Observations, as_of: _dt.date, language: Language
) -> TargetStatus:
    measured = sorted(
        (m for m in observations.measurements if m.target == target.id), key=lambda m: m.on
    )
    start = _kpi_baseline(target, [m for m in measured if m.on <= as_of])
    if start is None:
        return _base(
            target,
            language,
            reason=language.gettext(
                "No measurement yet; the first one recorded becomes the baseline."
            ),
        )
    baseline, baseline_on, later = start
    assert target.target_value is not None  # noqa: S101 - KPI targets always have a value
    due = _due_end(target) or _dt.date(as_of.year, 12, 31)
    if baseline_on >= due:  # the first value known is measured on or after the due date
        return _kpi_final(target, baseline, baseline_on, due, language)
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
    status, required, reason = _kpi_verdict(
        result,
        kpi,
        language,
        needed=_kpi_needed(target, result, due, language, linear=linear),
        baseline_only=not later,
        overdue=as_of > due,
    )
    return _base(
        target,
        language,
        baseline=f"{language.value(baseline, target.unit)} ({language.day(baseline_on)})",
        latest=language.value(result.latest_value.normalize(), target.unit),
        latest_date=result.latest_on,
        required=required,
        progress=progress,
        status=status,
        confidence=None if status is Status.NO_DATA else result.confidence.value,
        reason=reason,
    )


def _kpi_final(
    target: Target, value: Decimal, on: _dt.date, due: _dt.date, language: Language
) -> TargetStatus:
    """The verdict of a target whose first measurement is on or after its due date."""
    assert target.target_value is not None  # noqa: S101 - KPI targets always have a value
    met = value >= target.target_value
    shown = language.value(value.normalize(), target.unit)
    said = {
        "value": shown,
        "day": language.day(on),
        "due": language.day(due),
        "goal": language.value(target.target_value, target.unit),
    }
    if met:
        reason = language.gettext(
            "The first value known, {value} on {day}, is measured on or after the due date "
            "{due}: the target of {goal} was met.",
            **said,
        )
    else:
        reason = language.gettext(
            "The first value known, {value} on {day}, is measured on or after the due date "
            "{due}: the target of {goal} was missed.",
            **said,
        )
    return _base(
        target,
        language,
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


def _kpi_needed(
    target: Target, result: KpiStatus, due: _dt.date, language: Language, *, linear: bool
) -> str:
    """Say what the target still needs: a growth rate, or an amount by the due date."""
    if result.required_cagr is not None and not linear:
        return language.gettext("{rate} a year", rate=language.rate(result.required_cagr))
    assert target.target_value is not None  # noqa: S101 - KPI targets always have a value
    return _more(target.target_value - result.latest_value, target.unit, due, language)


def _kpi_verdict(
    result: KpiStatus,
    kpi: Kpi,
    language: Language,
    *,
    needed: str,
    baseline_only: bool,
    overdue: bool,
) -> tuple[Status, str | None, str]:
    """Return the status, what is still required (None when settled) and the reason."""
    if baseline_only:
        still = None if overdue else needed
        return Status.NO_DATA, still, _only_the_baseline(kpi, still, language)
    reason = _kpi_reason(result, kpi, language)
    if result.achieved:
        return Status.ACHIEVED, None, reason
    if overdue:
        return Status.MISSED, None, reason
    return _KPI_STATES[result.status], needed, reason


def _more(remaining: Decimal, unit: str, due: _dt.date, language: Language) -> str:
    return language.gettext(
        "{value} more by {day}", value=language.value(remaining, unit), day=language.day(due)
    )


def _only_the_baseline(kpi: Kpi, needed: str | None, language: Language) -> str:
    """Return why a target measured only at its baseline cannot be judged (and its need)."""
    said = {"value": language.value(kpi.baseline, kpi.unit), "day": language.day(kpi.baseline_on)}
    if needed is None:
        return language.gettext(
            "Only the baseline ({value} on {day}) is known, so progress cannot be judged yet.",
            **said,
        )
    return language.gettext(
        "Only the baseline ({value} on {day}) is known, so progress cannot be judged yet; "
        "from it the target needs {needed}.",
        needed=needed,
        **said,
    )


def _kpi_reason(result: KpiStatus, kpi: Kpi, language: Language) -> str:
    """Return why a measured target stands where it does, in *language*.

    English keeps the KPI logic's own sentence; another language says the same from
    the status's figures, each written for the locale.
    """
    if language.code == "en":
        return result.reason.rstrip(".") + "."
    unit = kpi.unit
    values = {
        "latest": language.gettext(
            "{value} on {day}",
            value=language.value(result.latest_value.normalize(), unit),
            day=language.day(result.latest_on),
        ),
        "target": language.value(kpi.target, unit),
        "due": language.day(kpi.due),
    }
    if result.achieved:
        return language.gettext("Target {target} reached: {latest}.", **values)
    if result.as_of >= kpi.due:
        return language.gettext("Due {due} passed with {latest}, short of {target}.", **values)
    values["where"] = _trajectory_gap(result, kpi, language)
    if result.required_cagr is None:
        return language.gettext(
            "{latest} is {where}; no growth rate can reach {target} from it.", **values
        )
    values["rate"] = language.rate(result.required_cagr)
    if result.pace_ratio is None:
        return language.gettext(
            "{latest} is {where}; needs {rate} a year to reach {target} by {due}.", **values
        )
    return language.gettext(
        "{latest} is {where}; needs {rate} a year to reach {target} by {due}, {pace}x the "
        "planned pace.",
        pace=language.decimal(result.pace_ratio.quantize(Decimal("0.01"))),
        **values,
    )


def _trajectory_gap(result: KpiStatus, kpi: Kpi, language: Language) -> str:
    expected = language.value(result.expected_value.quantize(Decimal("0.01")), kpi.unit)
    deviation = result.deviation_percent
    if deviation is None:
        return language.gettext("far from the trajectory ({expected})", expected=expected)
    size = language.percent_sign(language.decimal(abs(deviation).quantize(Decimal("0.1"))))
    linear = kpi.trajectory is Trajectory.LINEAR
    if deviation < 0:
        if linear:
            return language.gettext(
                "{size} behind the linear trajectory ({expected})", size=size, expected=expected
            )
        return language.gettext(
            "{size} behind the compound trajectory ({expected})", size=size, expected=expected
        )
    if linear:
        return language.gettext(
            "{size} ahead of the linear trajectory ({expected})", size=size, expected=expected
        )
    return language.gettext(
        "{size} ahead of the compound trajectory ({expected})", size=size, expected=expected
    )
