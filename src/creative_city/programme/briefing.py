"""The report's data model: the programme's status with what was published about it.

:func:`build_briefing` takes a programme, a :class:`~creative_city.programme.published.Dataset`
of published figures and a date, and returns a :class:`Briefing`: what was promised
and revised (each target judged against its value in force on the date), what the
published figures say with their sources (series, like-for-like growth, conflicts,
forecasts checked, context), what is still unreported, and the charts' data. Every
renderer (text, Markdown, JSON, HTML, SVG files) reads this one model, so a chart can
never disagree with the table beside it.

>>> import datetime as dt
>>> from creative_city.programme import almaty
>>> from creative_city.programme.dataset import builtin_dataset
>>> briefing = build_briefing(almaty(), builtin_dataset(), dt.date(2026, 12, 3))
>>> fund = briefing.line("venture-fund")
>>> fund.goal
'10,000,000,000 KZT (revised)'
>>> print(fund.history)
20,000,000,000 KZT announced 2022-09-12 (Zakon.kz, 12 September 2022); revised on 2022-12-17
to 10 bn KZT, of which 5 bn private (Kapital.kz, 17 December 2022)
>>> fund.state, fund.reason
('no published figure', 'No published figure found as of 2026-02-06.')
"""

from __future__ import annotations

import datetime as _dt

import attrs

from creative_city.errors import ValidationError
from creative_city.programme.chart_data import Chart, series_charts, trajectory
from creative_city.programme.dataset import Dataset
from creative_city.programme.findings import (
    Conflict,
    ForecastCheck,
    Growth,
    Level,
    conflicts_among,
    forecast_checks,
    growth_between,
    levels,
)
from creative_city.programme.language import ENGLISH, Language
from creative_city.programme.model import (
    Observations,
    Programme,
    ProgrammeStatus,
    Revision,
    Status,
    Target,
    TargetKind,
    TargetStatus,
)
from creative_city.programme.published import Figure, Universe, Use
from creative_city.programme.status import programme_status
from creative_city.time import require_date

__all__ = [
    "NO_FIGURE",
    "Briefing",
    "Related",
    "TargetLine",
    "build_briefing",
]

NO_FIGURE = "no published figure"
"""The state shown for a target that nothing published measures."""


@attrs.frozen
class Related:
    """A published figure that says something about a target or a barrier.

    Attributes:
        figure: The figure's id.
        sentence: What it says, with its source.
        context_only: Whether it is context (never a measurement of the target).
    """

    figure: str
    sentence: str
    context_only: bool


@attrs.frozen
class TargetLine:
    """One target as the briefing shows it.

    Attributes:
        id: The target's id.
        title: What was promised.
        state: The status shown: the status's value, or ``"no published figure"``.
        goal: The target in force on the date (``"(revised)"`` when a revision holds).
        history: The target as announced and each revision, in one line (or ``""``).
        latest: The latest value as published, or ``None``.
        reason: Why the state is what it is.
        related: Published figures about the target that do not measure it.
    """

    id: str
    title: str
    state: str
    goal: str
    history: str
    latest: str | None
    reason: str
    related: tuple[Related, ...] = ()


@attrs.frozen
class Briefing:
    """The programme's status as of a date, with the published record.

    Attributes:
        as_of: The date of the briefing.
        published_as_of: The date up to which figures were looked for (the dataset's,
            never after *as_of*), or ``None`` without a dataset date.
        status: The status of every target (as the ``programme.status`` operation).
        targets: One line per target, in the programme's order.
        figures: The published figures in force on the date.
        universes: The universes they count in.
        superseded: Figures replaced by a later publication, one sentence each.
        levels: Levels of series, published and derived.
        growth: Like-for-like growth inside series.
        conflicts: Disagreeing figures about the same period.
        forecasts: Forecasts checked against what was published.
        barriers: For each named barrier, the figures about it.
        context: Context figures (national, other funds), one sentence each.
        charts: The charts' data.
    """

    as_of: _dt.date
    published_as_of: _dt.date | None
    status: ProgrammeStatus
    targets: tuple[TargetLine, ...]
    figures: tuple[Figure, ...] = ()
    universes: tuple[Universe, ...] = ()
    superseded: tuple[str, ...] = ()
    levels: tuple[Level, ...] = ()
    growth: tuple[Growth, ...] = ()
    conflicts: tuple[Conflict, ...] = ()
    forecasts: tuple[ForecastCheck, ...] = ()
    barriers: tuple[tuple[str, tuple[Related, ...]], ...] = ()
    context: tuple[Related, ...] = ()
    charts: tuple[Chart, ...] = ()

    def line(self, target_id: str) -> TargetLine:
        """Return the line of the target called *target_id*.

        Raises:
            ValidationError: If there is none.
        """
        for line in self.targets:
            if line.id == target_id:
                return line
        raise ValidationError("target", target_id, "is not a target of this briefing")

    @property
    def unreported(self) -> tuple[str, ...]:
        """The titles of the targets that nothing published measures."""
        return tuple(line.title for line in self.targets if line.state == NO_FIGURE)

    def counts(self) -> dict[str, int]:
        """Return how many targets are in each state shown."""
        result: dict[str, int] = {}
        for line in self.targets:
            result[line.state] = result.get(line.state, 0) + 1
        return result

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per target: the status record plus the briefing's columns."""
        records = self.status.to_records()
        for record, line in zip(records, self.targets, strict=True):
            record |= {
                "state": line.state,
                "goal": line.goal,
                "history": line.history,
                "latest_published": line.latest,
                "briefing": line.reason,
            }
        return records


# -- building ------------------------------------------------------------------


def _check_references(programme: Programme, figures: tuple[Figure, ...]) -> None:
    ids = {t.id for t in programme.targets}
    for figure in figures:
        field = f"figures[{figure.id}]"
        if figure.target is not None:
            target = programme.target(figure.target)
            if figure.unit != target.unit:
                raise ValidationError(
                    f"{field}.unit", figure.unit, f"must be the target's unit {target.unit!r}"
                )
            if figure.place != programme.city:
                raise ValidationError(
                    f"{field}.place",
                    figure.place,
                    f"a figure about {programme.city}'s target must count {programme.city}",
                )
            if figure.use is Use.MEASUREMENT and target.kind is not TargetKind.KPI:
                raise ValidationError(
                    f"{field}.target", figure.target, "is not a measured (KPI) target"
                )
            if figure.use is Use.REVISION and target.target_value is None:
                raise ValidationError(
                    f"{field}.target", figure.target, "has no value to revise (a milestone)"
                )
        for item in figure.relates_to:
            if item not in ids and item not in programme.barriers:
                raise ValidationError(
                    f"{field}.relates_to", item, "is neither a target id nor a named barrier"
                )


def _revisions(figures: tuple[Figure, ...], language: Language) -> dict[str, tuple[Revision, ...]]:
    result: dict[str, list[Revision]] = {}
    for figure in figures:
        if figure.use is Use.REVISION and figure.target is not None and figure.value is not None:
            day = figure.source.published_on
            assert day is not None  # noqa: S101 - a revision figure has its exact day
            result.setdefault(figure.target, []).append(
                Revision(
                    day,
                    figure.value,
                    language.figure_words(figure.text, figure.value),
                    figure.source.short_in(language),
                )
            )
    return {key: tuple(items) for key, items in result.items()}


def _history(target: Target, announced: _dt.date, as_of: _dt.date, language: Language) -> str:
    shown = [r for r in target.revisions if r.on <= as_of]
    if not shown or target.target_value is None:
        return ""
    parts = [
        language.gettext(
            "{value} announced {day} ({source})",
            value=language.value(target.target_value, target.unit),
            day=language.day(announced),
            source=language.data("citation", target.source.title),
        )
    ]
    parts += [
        language.gettext(
            "revised on {day} to {value} ({source})",
            day=language.day(r.on),
            value=r.text,
            source=r.source,
        )
        for r in shown
    ]
    return "; ".join(parts)


def _related(figure: Figure, language: Language, *, summary: bool = False) -> Related:
    context = figure.use is Use.CONTEXT
    if summary and figure.note:
        said = language.data("figure note", figure.note)
    else:
        said = language.gettext(
            "{about}: {figure}.",
            about=language.data("figure about", figure.about),
            figure=figure.shown_in(language),
        )
    source = figure.source.short_in(language)
    sentence = (
        language.gettext("Context, not a measurement: {said} ({source})", said=said, source=source)
        if context
        else f"{said} ({source})"
    )
    return Related(figure.id, sentence, context)


def _reported(target: Target, observations: Observations) -> bool:
    match target.kind:
        case TargetKind.KPI:
            return any(m.target == target.id for m in observations.measurements)
        case TargetKind.MILESTONE:
            return any(m.target == target.id for m in observations.milestones)
        case _:
            return bool(observations.hubs)


def _line(
    target: Target,
    status: TargetStatus,
    context: tuple[Programme, Observations, tuple[Figure, ...], _dt.date, _dt.date | None],
    language: Language,
) -> TargetLine:
    programme, observations, figures, as_of, published_as_of = context
    revised = any(r.on <= as_of for r in target.revisions)
    goal = language.gettext("{goal} (revised)", goal=status.target) if revised else status.target
    related = tuple(_related(f, language) for f in figures if target.id in f.relates_to)
    latest = status.latest
    for figure in figures:
        if (
            figure.use is Use.MEASUREMENT
            and figure.target == target.id
            and figure.period is not None
            and figure.period.last == status.latest_date
        ):
            latest = figure.shown_in(language)
    state, reason = status.status.value, status.reason
    nothing = status.status is Status.NO_DATA and not _reported(target, observations)
    if nothing and published_as_of is not None:
        state = NO_FIGURE
        reason = language.gettext(
            "No published figure found as of {day}.", day=language.day(published_as_of)
        )
    return TargetLine(
        target.id,
        status.title,
        state,
        goal,
        _history(target, programme.announced, as_of, language),
        latest,
        reason,
        related,
    )


def build_briefing(
    programme: Programme,
    dataset: Dataset | None,
    as_of: _dt.date,
    *,
    language: Language = ENGLISH,
) -> Briefing:
    """Return the briefing on *programme* as of *as_of* from the published *dataset*.

    Args:
        programme: The programme as announced (for example
            :func:`creative_city.programme.almaty`).
        dataset: Published figures and observations, or ``None`` for the bare programme.
        as_of: The date; figures not known to be published by then are left out.
        language: The language of the briefing's words (its codes, such as the states
            and the chart roles, stay the same in every language).

    Raises:
        ValidationError: If a figure names an unknown target or barrier, or measures a
            target in another unit or place.
    """
    as_of = require_date(as_of, "as_of")
    dataset = (dataset if dataset is not None else Dataset()).check_references()
    figures, superseded = dataset.current(as_of)
    _check_references(programme, figures)
    revised = programme.with_revisions(_revisions(figures, language))
    observations = dataset.observations(as_of)
    status = programme_status(revised, observations, as_of, language=language)
    published_as_of = None if dataset.as_of is None else min(dataset.as_of, as_of)
    context = (revised, observations, figures, as_of, published_as_of)
    lines = tuple(
        _line(target, line, context, language)
        for target, line in zip(revised.targets, status.targets, strict=True)
    )
    names = {u.id: language.data("universe name", u.name) for u in dataset.universes}
    found = levels(figures, language)
    conflicts = conflicts_among(found, names, language)
    barriers = tuple(
        (
            language.data("barrier", barrier),
            tuple(_related(f, language, summary=True) for f in figures if barrier in f.relates_to),
        )
        for barrier in revised.barriers
    )
    charts = (
        *(
            trajectory(
                t,
                observations.measurements,
                as_of,
                revised.announced,
                line.reason,
                language=language,
            )
            for t, line in zip(revised.targets, lines, strict=True)
            if t.kind is TargetKind.KPI and t.target_value is not None
        ),
        *series_charts(revised.city, figures, found, conflicts, names, language=language),
    )
    return Briefing(
        as_of,
        published_as_of,
        status,
        lines,
        figures,
        dataset.universes,
        tuple(_superseded(old, new, language) for old, new in superseded),
        found,
        growth_between(found, names, language=language),
        conflicts,
        forecast_checks(found, names, language),
        barriers,
        tuple(
            _related(f, language)
            for f in figures
            if f.use is Use.CONTEXT and not set(f.relates_to) & {t.id for t in revised.targets}
        ),
        charts,
    )


def _superseded(old: Figure, new: Figure, language: Language) -> str:
    return language.gettext(
        "{about}, {old} ({old_source}) is superseded by {new} ({new_source}).",
        about=language.data("figure about", old.about),
        old=old.shown_in(language),
        old_source=old.source.short_in(language),
        new=new.shown_in(language),
        new_source=new.source.short_in(language),
    )
