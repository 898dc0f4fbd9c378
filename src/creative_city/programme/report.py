"""Render the programme's briefing as text, Markdown, JSON or a self-contained HTML page.

Every format reads one :class:`~creative_city.programme.briefing.Briefing`: what was
promised and revised, each target's status against its value in force, what the
published figures say with their sources, and what is still unreported.
"""

from __future__ import annotations

import datetime as _dt
import decimal
from collections.abc import Iterator
from fractions import Fraction

from creative_city.errors import ValidationError
from creative_city.money.decimals import LIBRARY_CONTEXT
from creative_city.programme.briefing import NO_FIGURE, Briefing, TargetLine, build_briefing
from creative_city.programme.data import almaty
from creative_city.programme.dataset import Dataset, builtin_dataset
from creative_city.programme.findings import Level, period_text
from creative_city.programme.model import ProgrammeStatus, Status
from creative_city.programme.published import Kind, Use
from creative_city.programme.status import fmt_value
from creative_city.serialization import from_json, to_json

__all__ = ["FORMATS", "HELP", "briefing_for", "render", "render_briefing", "render_status"]

FORMATS = ("text", "markdown", "json", "html")
"""The output formats of :func:`render`."""

HELP = "creative-city report --help"
"""Where the report sends its readers for the observations format and the options."""


def briefing_for(
    *, as_of: _dt.date, observations_json: str | None = None, builtin: bool = True
) -> Briefing:
    """Return the Almaty programme's briefing as of *as_of*.

    Args:
        as_of: The date of the briefing.
        observations_json: A JSON :class:`~creative_city.programme.published.Dataset`
            (published figures, hubs, measurements, milestones) to add, or ``None``.
        builtin: Whether to start from the built-in published figures.

    Raises:
        ValidationError: If the observations are invalid or clash with the built-in ones.
    """
    with decimal.localcontext(LIBRARY_CONTEXT):  # never the caller's decimal context
        dataset = builtin_dataset() if builtin else None
        if observations_json is not None:
            yours = from_json(observations_json, Dataset)
            dataset = yours if dataset is None else dataset.merged(yours)
        return build_briefing(almaty(), dataset, as_of)


def render(
    *,
    as_of: _dt.date,
    observations_json: str | None = None,
    fmt: str = "text",
    builtin: bool = True,
) -> str:
    """Return the Almaty programme's briefing as of *as_of* in format *fmt*.

    Args:
        as_of: The date of the status.
        observations_json: A JSON observations document to add, or ``None``.
        fmt: One of :data:`FORMATS`.
        builtin: Whether to include the built-in published figures.

    Raises:
        ValidationError: If the observations are invalid or *fmt* is unknown.
    """
    if fmt not in FORMATS:
        raise ValidationError("format", fmt, f"must be one of {', '.join(FORMATS)}")
    briefing = briefing_for(as_of=as_of, observations_json=observations_json, builtin=builtin)
    return render_briefing(briefing, fmt)


def render_status(status: ProgrammeStatus, fmt: str = "text") -> str:
    """Render an already computed :class:`ProgrammeStatus` (without published figures)."""
    lines = tuple(
        TargetLine(t.id, t.title, t.status.value, t.target, "", t.latest, t.reason)
        for t in status.targets
    )
    return render_briefing(Briefing(status.as_of, None, status, lines), fmt)


def render_briefing(briefing: Briefing, fmt: str = "text") -> str:
    """Render a :class:`Briefing` in format *fmt*."""
    with decimal.localcontext(LIBRARY_CONTEXT):  # never the caller's decimal context
        match fmt:
            case "text":
                return _text(briefing)
            case "markdown":
                return _markdown(briefing)
            case "json":
                return to_json(briefing, indent=2) + "\n"
            case "html":
                from creative_city.programme.page import page  # noqa: PLC0415 - only for HTML

                return page(briefing)
    raise ValidationError("format", fmt, f"must be one of {', '.join(FORMATS)}")


# -- shared pieces -----------------------------------------------------------------

COLUMNS = ("Target", "Due", "Goal", "Baseline", "Latest", "Progress", "Required", "Status")
"""The columns of the targets table."""


def _cell(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def progress_text(progress: Fraction | None) -> str:
    """Return a progress share as a whole percentage, or ``"-"``."""
    if progress is None:
        return "-"
    return f"{int(progress * 100)}%"


def rows(briefing: Briefing) -> list[tuple[str, ...]]:
    """Return the targets table's rows."""
    result: list[tuple[str, ...]] = []
    for t, line in zip(briefing.status.targets, briefing.targets, strict=True):
        # A baseline alone is no figure: show neither a "latest" value nor progress.
        unmeasured = line.state in (NO_FIGURE, Status.NO_DATA.value)
        result.append(
            (
                t.title,
                "not stated" if t.due_year is None else str(t.due_year),
                _cell(line.goal),
                _cell(t.baseline),
                "-" if unmeasured else _cell(line.latest),
                "-" if unmeasured else progress_text(t.progress),
                _cell(t.required),
                line.state,
            )
        )
    return result


def heading(briefing: Briefing) -> str:
    """Return the report's title."""
    kind = "briefing" if briefing.published_as_of is not None else "status"
    return f"{briefing.status.programme}: {kind} as of {briefing.as_of.isoformat()}"


def sources_line(briefing: Briefing) -> str:
    """Return the sentence naming the programme's source and the published figures' date."""
    line = f"Programme: {briefing.status.source}."
    if briefing.published_as_of is not None:
        line += (
            f" Published figures: {len(briefing.figures)}, looked for up to "
            f"{briefing.published_as_of.isoformat()}; each is cited below."
        )
    return line


def summary(briefing: Briefing) -> str:
    """Return how many targets are in each state."""
    return ", ".join(f"{n} {state}" for state, n in briefing.counts().items())


_Sections = Iterator[tuple[str, list[str]]]


def sections(briefing: Briefing) -> _Sections:
    """Yield the report's sections after the table: (heading, items).

    An item indented by four spaces belongs to the item before it.
    """
    for part in (
        _revised,
        _why,
        _series,
        _findings,
        _unreported,
        _announced,
        _barriers,
        _sources,
    ):
        yield from part(briefing)


def _revised(briefing: Briefing) -> _Sections:
    revised = [f"{line.title}: {line.history}." for line in briefing.targets if line.history]
    if revised:
        yield "Promised and revised (each target is judged against its value in force)", revised


def _why(briefing: Briefing) -> _Sections:
    why = []
    for line in briefing.targets:
        if line.state == NO_FIGURE and not line.related:
            continue  # listed under "Still unreported"
        why.append(f"{line.title}: {line.reason}")
        why += [f"    Related: {related.sentence}" for related in line.related]
    yield "Why, target by target", why


def _level_item(level: Level, conflicting: set[str]) -> str:
    tags = [
        tag
        for tag in (
            "forecast" if level.kind is Kind.FORECAST else "",
            f"derived: {level.how}" if level.figure is None else "",
            "conflicting" if level.figure in conflicting else "",
        )
        if tag
    ]
    tag = f" [{'; '.join(tags)}]" if tags else ""
    return f"    {period_text(level.period)}: {level.shown} ({level.source}){tag}"


def _series_measures(briefing: Briefing) -> set[str]:
    return {f.measure for f in briefing.figures if f.use is Use.SERIES}


def _series(briefing: Briefing) -> _Sections:
    series = _series_measures(briefing)
    names = {u.id: u for u in briefing.universes}
    conflicting = {figure_id for c in briefing.conflicts for figure_id in c.figures}
    about = {f.measure: f.about for f in briefing.figures}
    for measure in dict.fromkeys(lv.measure for lv in briefing.levels if lv.measure in series):
        chosen = sorted(
            (level for level in briefing.levels if level.measure == measure),
            key=lambda lv: (lv.period.end, lv.period.start),
        )
        items = []
        for universe in dict.fromkeys(level.universe for level in chosen):
            known = names.get(universe)
            items.append(f"{known.name}: {known.description}" if known else universe)
            items += [_level_item(lv, conflicting) for lv in chosen if lv.universe == universe]
        yield f"Published figures: {about.get(measure, measure)}", items


def _findings(briefing: Briefing) -> _Sections:
    if briefing.growth:
        yield (
            "Growth, like for like (one universe, periods of the same span)",
            [g.sentence for g in briefing.growth],
        )
    if briefing.conflicts:
        yield "Conflicting figures", [c.sentence for c in briefing.conflicts]
    if briefing.forecasts:
        yield "Forecasts checked", [f.sentence for f in briefing.forecasts]
    series = _series_measures(briefing)
    context = [r.sentence for r in briefing.context]
    context += [
        f"Derived, approximate: {level.shown} in {level.place}, {period_text(level.period)} "
        f"({level.how}; {level.source})."
        for level in briefing.levels
        if level.figure is None and level.measure not in series
    ]
    if context:
        yield "Context (not measurements of the programme's targets)", context
    if briefing.superseded:
        yield "Superseded by a later publication", list(briefing.superseded)


def _unreported(briefing: Briefing) -> _Sections:
    if briefing.unreported and briefing.published_as_of is not None:
        day = briefing.published_as_of.isoformat()
        yield f"Still unreported (no published figure found as of {day})", list(briefing.unreported)


def _announced(briefing: Briefing) -> _Sections:
    status = briefing.status
    if status.facts:
        facts = [f"{f.title} ({f.comparison}): {fmt_value(f.value, f.unit)}" for f in status.facts]
        implied = [f"Implied: {line}" for line in status.derived]
        yield f"Reported at the announcement ({status.brand}; {status.source})", facts + implied


def _barriers(briefing: Briefing) -> _Sections:
    items = [
        barrier + "." + "".join(f" Since then: {r.sentence}" for r in related)
        for barrier, related in briefing.barriers
    ]
    yield "Barriers named", items or [b + "." for b in briefing.status.barriers]


def _sources(briefing: Briefing) -> _Sections:
    if briefing.figures:
        cited = {f.source.full: None for f in briefing.figures}
        cited |= {c.full: None for f in briefing.figures for c in f.also}
        yield "Sources of the published figures", list(cited)


def _text(briefing: Briefing) -> str:
    table = rows(briefing)
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(COLUMNS)]
    lines = [
        heading(briefing),
        sources_line(briefing),
        "",
        "  ".join(c.ljust(w) for c, w in zip(COLUMNS, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table]
    lines += ["", f"Summary: {summary(briefing)}."]
    for title, items in sections(briefing):
        lines += ["", f"{title}:"]
        lines += [item if item.startswith("    ") else f"  - {item}" for item in items]
    lines += ["", f"Options and the observations format: {HELP}"]
    return "\n".join(lines) + "\n"


def _markdown(briefing: Briefing) -> str:
    def escape(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        f"# {heading(briefing)}",
        "",
        sources_line(briefing),
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "|".join("---" for _ in COLUMNS) + "|",
    ]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows(briefing)]
    lines += ["", f"Summary: {summary(briefing)}."]
    for title, items in sections(briefing):
        lines += ["", f"## {title}", ""]
        lines += [
            f"    - {escape(item.strip())}" if item.startswith("    ") else f"- {escape(item)}"
            for item in items
        ]
    lines += ["", f"Options and the observations format: `{HELP}`"]
    return "\n".join(lines) + "\n"


def status_colour(state: str) -> str:
    """Return the badge colour of a state shown."""
    return _COLOURS.get(state, "#6e7781")


_COLOURS = {
    Status.ACHIEVED.value: "#1a7f37",
    Status.ON_TRACK.value: "#2da44e",
    Status.AT_RISK.value: "#9a6700",
    Status.OFF_TRACK.value: "#cf222e",
    Status.MISSED.value: "#82071e",
    Status.NO_DATA.value: "#6e7781",
}
