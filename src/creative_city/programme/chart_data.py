"""The charts' data, built from the briefing's model.

A :class:`Chart` holds the marks of one chart (:class:`ChartPoint`), which are also
the rows of the data table printed beside it: the SVG drawing
(:mod:`creative_city.programme.charts`) and the table read the same points, so they
cannot disagree.

* :func:`trajectory` charts a measured target: its baseline, the target as announced
  at the due date, each revision (in force from its day), the measurements and the
  report's date.
* :func:`series_charts` charts each series of the city that has at least two figures,
  grouped by universe: published, derived and forecast figures, conflicting ones
  marked.
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import attrs

from creative_city.programme.findings import Conflict, Level
from creative_city.programme.language import ENGLISH, Language
from creative_city.programme.model import Measurement, Target
from creative_city.programme.published import Figure, Kind

__all__ = ["CONFLICTING", "Chart", "ChartPoint", "series_charts", "trajectory"]

CONFLICTING = "conflicting"
"""The note of a bar whose figure disagrees with another (a code: renderers word it)."""


@attrs.frozen
class ChartPoint:
    """One mark of a chart, and one row of the data table beside it.

    Attributes:
        label: What the mark is (``"target as announced"``, ``"2024"``).
        value: Its value.
        shown: The value as the report shows it (as published, never more precise).
        role: ``baseline``, ``target``, ``revision``, ``measurement`` (trajectories) or
            ``level``, ``derived``, ``forecast`` (series).
        on: Its date on a trajectory's time axis, or ``None`` for a series bar.
        group: The bar's group (the universe's name), or ``""``.
        approximate: Whether the value is not exact.
        source: Its citation or derivation.
        note: ``"conflicting"`` or another remark, or ``""``.
    """

    label: str
    value: Decimal
    shown: str
    role: str
    on: _dt.date | None
    group: str
    approximate: bool
    source: str
    note: str = ""


@attrs.frozen
class Chart:
    """The data of one chart.

    Attributes:
        id: A file-name-safe identifier (``"venture-fund"``).
        title: The chart's title.
        description: What it shows, in words (for screen readers and print).
        unit: The unit of the values.
        kind: ``"trajectory"`` (values over time toward a target) or ``"bars"``.
        points: The marks, which are also the rows of its data table.
        start: The first day of a trajectory's time axis.
        end: The last day of a trajectory's time axis.
        as_of: The report's date, marked on a trajectory.
        remark: A sentence drawn in an empty chart (``"No published figure found..."``).
    """

    id: str
    title: str
    description: str
    unit: str
    kind: str
    points: tuple[ChartPoint, ...]
    start: _dt.date | None = None
    end: _dt.date | None = None
    as_of: _dt.date | None = None
    remark: str = ""


def _dated(
    label: str,
    value: Decimal,
    shown: str,
    on: _dt.date,
    source: str,
    *,
    role: str,
    note: str = "",
) -> ChartPoint:
    return ChartPoint(
        label,
        value,
        shown,
        role,
        on,
        "",
        approximate=False,
        source=source,
        note=note,
    )


def _trajectory_points(
    target: Target,
    measurements: tuple[Measurement, ...],
    dates: tuple[_dt.date, _dt.date, _dt.date],
    language: Language,
) -> list[ChartPoint]:
    assert target.target_value is not None  # noqa: S101 - measured targets have a value
    due, as_of, announced = dates
    unit = target.unit
    cited = language.data("citation", target.source.title)
    points: list[ChartPoint] = []
    if target.baseline_value is not None and target.baseline_date is not None:
        points.append(
            _dated(
                language.pgettext("chart", "baseline"),
                target.baseline_value,
                language.value(target.baseline_value, unit),
                target.baseline_date,
                cited,
                role="baseline",
            )
        )
    points.append(
        _dated(
            language.pgettext("chart", "target as announced"),
            target.target_value,
            language.value(target.target_value, unit),
            due,
            cited,
            role="target",
            note=language.gettext("announced {day}", day=language.day(announced)),
        )
    )
    points.extend(
        _dated(
            language.pgettext("chart", "target revised"),
            revision.value,
            revision.text,
            revision.on,
            revision.source,
            role="revision",
            note=language.gettext(
                "in force from {day}, due {due}",
                day=language.day(revision.on),
                due=language.day(due),
            ),
        )
        for revision in target.revisions
        if revision.on <= as_of
    )
    points.extend(
        _dated(
            language.pgettext("chart", "measurement"),
            m.value,
            language.value(m.value, unit),
            m.on,
            m.note or language.gettext("your observations"),
            role="measurement",
        )
        for m in sorted(
            (m for m in measurements if m.target == target.id and m.on <= as_of),
            key=lambda m: m.on,
        )
    )
    return points


def trajectory(
    target: Target,
    measurements: tuple[Measurement, ...],
    as_of: _dt.date,
    announced: _dt.date,
    remark: str,
    *,
    language: Language = ENGLISH,
) -> Chart:
    """Return the trajectory chart of a measured *target* as of *as_of*.

    Args:
        target: The target, with its revisions.
        measurements: The measurements known (of any target; this one's are taken).
        as_of: The report's date; later revisions and measurements are left out.
        announced: The programme's announcement date.
        remark: What to say when nothing measures the target.
        language: The language of the chart's words.
    """
    assert target.target_value is not None  # noqa: S101 - measured targets have a value
    due = _dt.date(target.due_year or as_of.year, 12, 31)
    unit = target.unit
    title = language.data("target", target.title)
    # In date order, so the table beside the chart reads as a history.
    points = sorted(
        _trajectory_points(target, measurements, (due, as_of, announced), language),
        key=lambda p: p.on or due,
    )
    measured = sum(p.role == "measurement" for p in points)
    revised = [p for p in points if p.role == "revision"]
    goal = revised[-1].shown if revised else language.value(target.target_value, unit)
    parts = [
        language.gettext(
            "{title}: the target in force is {goal} by {due}.",
            title=title,
            goal=goal,
            due=language.day(due),
        )
    ]
    if revised:
        parts.append(
            language.gettext(
                "As announced on {day}: {value}.",
                day=language.day(announced),
                value=language.value(target.target_value, unit),
            )
        )
    if target.baseline_value is not None and target.baseline_date is not None:
        parts.append(
            language.gettext(
                "Baseline {value} on {day}.",
                value=language.value(target.baseline_value, unit),
                day=language.day(target.baseline_date),
            )
        )
    parts.append(
        language.ngettext(
            "{n} measurement(s) up to {day}.",
            "{n} measurement(s) up to {day}.",
            measured,
            n=language.count(measured),
            day=language.day(as_of),
        )
        if measured
        else remark
    )
    dates = [p.on for p in points if p.on is not None]
    return Chart(
        target.id,
        language.gettext("{title}: path to the target", title=title),
        " ".join(parts),
        unit,
        "trajectory",
        tuple(points),
        min([announced, *dates]),
        max([due, as_of, *dates]),
        as_of,
        "" if measured else remark,
    )


def _bar(
    level: Level, names: dict[str, str], conflicting: set[str], language: Language
) -> ChartPoint:
    if level.kind is Kind.FORECAST:
        role = "forecast"
    else:
        role = "derived" if level.figure is None else "level"
    return ChartPoint(
        language.period(level.period),
        level.value,
        level.shown,
        role,
        None,
        names.get(level.universe, level.universe),
        approximate=level.approximate,
        source=level.source,
        note=CONFLICTING if level.figure in conflicting else level.how,
    )


def _describe(title: str, points: tuple[ChartPoint, ...], language: Language) -> str:
    groups = list(dict.fromkeys(p.group for p in points))
    values = {
        "title": title,
        "figures": language.ngettext(
            "{n} figure", "{n} figures", len(points), n=language.count(len(points))
        ),
        "universes": language.ngettext(
            "{n} universe(s)", "{n} universe(s)", len(groups), n=language.count(len(groups))
        ),
        "names": ", ".join(groups),
    }
    if any(p.note == CONFLICTING for p in points):
        return language.gettext(
            "{title}: {figures} in {universes} ({names}), each with its period; bars of "
            "different universes or periods are not comparable. Approximate and derived "
            "figures are drawn lighter, forecasts as outlines, conflicting ones marked.",
            **values,
        )
    return language.gettext(
        "{title}: {figures} in {universes} ({names}), each with its period; bars of "
        "different universes or periods are not comparable. Approximate and derived "
        "figures are drawn lighter, forecasts as outlines.",
        **values,
    )


def series_charts(
    city: str,
    figures: tuple[Figure, ...],
    found: tuple[Level, ...],
    conflicts: tuple[Conflict, ...],
    names: dict[str, str],
    *,
    language: Language = ENGLISH,
) -> tuple[Chart, ...]:
    """Return a bar chart for each series measure of *city* with at least two levels.

    Args:
        city: The programme's city.
        figures: The published figures (for what each measure is about, and its unit).
        found: The levels, published and derived.
        conflicts: The conflicts (their figures are marked).
        names: Universe names by id (in the language of the charts).
        language: The language of the charts' words.
    """
    conflicting = {figure_id for c in conflicts for figure_id in c.figures}
    about = {f.measure: language.data("figure about", f.about) for f in figures if f.place == city}
    units = {f.measure: f.unit for f in figures if f.compared_with is None and not f.share_of}
    charts = []
    for measure in dict.fromkeys(level.measure for level in found if level.place == city):
        chosen = [level for level in found if level.place == city and level.measure == measure]
        if len(chosen) < 2:
            continue
        chosen.sort(
            key=lambda lv: (names.get(lv.universe, lv.universe), lv.period.end, lv.period.start)
        )
        points = tuple(_bar(level, names, conflicting, language) for level in chosen)
        title = language.gettext("{about}, by universe", about=about.get(measure, measure))
        charts.append(
            Chart(
                measure,
                title,
                _describe(title, points, language),
                units.get(measure, ""),
                "bars",
                points,
            )
        )
    return tuple(charts)
