"""Render the programme's briefing as text, Markdown, JSON or a self-contained HTML page.

Every format reads one :class:`~creative_city.programme.briefing.Briefing`: what was
promised and revised, each target's status against its value in force, what the
published figures say with their sources, and what is still unreported.

The human formats speak a :class:`~creative_city.programme.language.Language`
(English by default, ``lang="ru"`` in Russian); JSON is the same in every language:
codes and numbers, with the model's sentences in English.
"""

from __future__ import annotations

import datetime as _dt
import decimal
from collections.abc import Iterator
from fractions import Fraction

from creative_city.errors import ValidationError
from creative_city.money.decimals import LIBRARY_CONTEXT
from creative_city.programme import language as languages
from creative_city.programme.briefing import NO_FIGURE, Briefing, TargetLine, build_briefing
from creative_city.programme.data import almaty
from creative_city.programme.dataset import Dataset, builtin_dataset
from creative_city.programme.findings import Level
from creative_city.programme.language import ENGLISH, Language
from creative_city.programme.model import ProgrammeStatus, Status
from creative_city.programme.published import Kind, Use
from creative_city.serialization import from_json, to_json

__all__ = [
    "FORMATS",
    "HELP",
    "briefing_for",
    "render",
    "render_briefing",
    "render_status",
    "state_text",
]

FORMATS = ("text", "markdown", "json", "html")
"""The output formats of :func:`render`."""

HELP = "creative-city report --help"
"""Where the report sends its readers for the observations format and the options."""


def briefing_for(
    *,
    as_of: _dt.date,
    observations_json: str | None = None,
    builtin: bool = True,
    language: Language = ENGLISH,
) -> Briefing:
    """Return the Almaty programme's briefing as of *as_of*.

    Args:
        as_of: The date of the briefing.
        observations_json: A JSON :class:`~creative_city.programme.published.Dataset`
            (published figures, hubs, measurements, milestones) to add, or ``None``.
        builtin: Whether to start from the built-in published figures.
        language: The language of the briefing's words.

    Raises:
        ValidationError: If the observations are invalid or clash with the built-in ones.
    """
    with decimal.localcontext(LIBRARY_CONTEXT):  # never the caller's decimal context
        dataset = builtin_dataset() if builtin else None
        if observations_json is not None:
            yours = from_json(observations_json, Dataset)
            dataset = yours if dataset is None else dataset.merged(yours)
        return build_briefing(almaty(), dataset, as_of, language=language)


def render(
    *,
    as_of: _dt.date,
    observations_json: str | None = None,
    fmt: str = "text",
    builtin: bool = True,
    lang: str = "en",
) -> str:
    """Return the Almaty programme's briefing as of *as_of* in format *fmt*.

    Args:
        as_of: The date of the status.
        observations_json: A JSON observations document to add, or ``None``.
        fmt: One of :data:`FORMATS`.
        builtin: Whether to include the built-in published figures.
        lang: The language of the human formats (``"en"``, ``"ru"``); JSON is the
            same in every language.

    Raises:
        ValidationError: If the observations are invalid, *fmt* is unknown, or *lang*
            has no catalogue or needs Babel, which is not installed.
    """
    if fmt not in FORMATS:
        raise ValidationError("format", fmt, f"must be one of {', '.join(FORMATS)}")
    speaking = ENGLISH if fmt == "json" else languages.language(lang)
    briefing = briefing_for(
        as_of=as_of, observations_json=observations_json, builtin=builtin, language=speaking
    )
    return render_briefing(briefing, fmt, speaking)


def render_status(status: ProgrammeStatus, fmt: str = "text", language: Language = ENGLISH) -> str:
    """Render an already computed :class:`ProgrammeStatus` (without published figures).

    Args:
        status: The status, computed in *language*.
        fmt: One of :data:`FORMATS`.
        language: The language of the words around it.
    """
    lines = tuple(
        TargetLine(t.id, t.title, t.status.value, t.target, "", t.latest, t.reason)
        for t in status.targets
    )
    return render_briefing(Briefing(status.as_of, None, status, lines), fmt, language)


def render_briefing(briefing: Briefing, fmt: str = "text", language: Language = ENGLISH) -> str:
    """Render a :class:`Briefing` in format *fmt*.

    Args:
        briefing: The briefing, built in *language* (for JSON, build it in English).
        fmt: One of :data:`FORMATS`.
        language: The language of the headings, columns and states.
    """
    with decimal.localcontext(LIBRARY_CONTEXT):  # never the caller's decimal context
        match fmt:
            case "text":
                return _text(briefing, language)
            case "markdown":
                return _markdown(briefing, language)
            case "json":
                return to_json(briefing, indent=2) + "\n"
            case "html":
                from creative_city.programme.page import page  # noqa: PLC0415 - only for HTML

                return page(briefing, language)
    raise ValidationError("format", fmt, f"must be one of {', '.join(FORMATS)}")


# -- shared pieces -----------------------------------------------------------------


def columns(language: Language = ENGLISH) -> tuple[str, ...]:
    """Return the columns of the targets table."""
    return (
        language.pgettext("column", "Target"),
        language.pgettext("column", "Due"),
        language.pgettext("column", "Goal"),
        language.pgettext("column", "Baseline"),
        language.pgettext("column", "Latest"),
        language.pgettext("column", "Progress"),
        language.pgettext("column", "Required"),
        language.pgettext("column", "Status"),
    )


def state_text(state: str, language: Language = ENGLISH) -> str:
    """Return a state shown (a :class:`Status` value or ``"no published figure"``) in words.

    >>> state_text("on track")
    'on track'
    """
    words = {
        Status.ACHIEVED.value: language.pgettext("status", "achieved"),
        Status.ON_TRACK.value: language.pgettext("status", "on track"),
        Status.AT_RISK.value: language.pgettext("status", "at risk"),
        Status.OFF_TRACK.value: language.pgettext("status", "off track"),
        Status.MISSED.value: language.pgettext("status", "missed"),
        Status.NO_DATA.value: language.pgettext("status", "no data"),
        NO_FIGURE: language.pgettext("status", "no published figure"),
    }
    return words.get(state, state)


def _cell(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def progress_text(progress: Fraction | None, language: Language = ENGLISH) -> str:
    """Return a progress share as a whole percentage, or ``"-"``."""
    if progress is None:
        return "-"
    return language.percent_sign(language.count(int(progress * 100)))


def rows(briefing: Briefing, language: Language = ENGLISH) -> list[tuple[str, ...]]:
    """Return the targets table's rows."""
    result: list[tuple[str, ...]] = []
    for t, line in zip(briefing.status.targets, briefing.targets, strict=True):
        # A baseline alone is no figure: show neither a "latest" value nor progress.
        unmeasured = line.state in (NO_FIGURE, Status.NO_DATA.value)
        result.append(
            (
                line.title,
                language.gettext("not stated") if t.due_year is None else str(t.due_year),
                _cell(line.goal),
                _cell(t.baseline),
                "-" if unmeasured else _cell(line.latest),
                "-" if unmeasured else progress_text(t.progress, language),
                _cell(t.required),
                state_text(line.state, language),
            )
        )
    return result


def heading(briefing: Briefing, language: Language = ENGLISH) -> str:
    """Return the report's title."""
    values = {"programme": briefing.status.programme, "day": language.day(briefing.as_of)}
    if briefing.published_as_of is not None:
        return language.gettext("{programme}: briefing as of {day}", **values)
    return language.gettext("{programme}: status as of {day}", **values)


def sources_line(briefing: Briefing, language: Language = ENGLISH) -> str:
    """Return the sentence naming the programme's source and the published figures' date."""
    line = language.gettext("Programme: {source}.", source=briefing.status.source)
    if briefing.published_as_of is not None:
        line += language.ngettext(
            " Published figures: {n}, looked for up to {day}; each is cited below.",
            " Published figures: {n}, looked for up to {day}; each is cited below.",
            len(briefing.figures),
            n=language.count(len(briefing.figures)),
            day=language.day(briefing.published_as_of),
        )
    return line


def summary(briefing: Briefing, language: Language = ENGLISH) -> str:
    """Return how many targets are in each state."""
    return ", ".join(
        language.ngettext(
            "{n} {state}", "{n} {state}", n, n=language.count(n), state=state_text(state, language)
        )
        for state, n in briefing.counts().items()
    )


_Sections = Iterator[tuple[str, list[str]]]


def sections(briefing: Briefing, language: Language = ENGLISH) -> _Sections:
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
        yield from part(briefing, language)


def _revised(briefing: Briefing, language: Language) -> _Sections:
    revised = [f"{line.title}: {line.history}." for line in briefing.targets if line.history]
    if revised:
        yield (
            language.gettext(
                "Promised and revised (each target is judged against its value in force)"
            ),
            revised,
        )


def _why(briefing: Briefing, language: Language) -> _Sections:
    why = []
    for line in briefing.targets:
        if line.state == NO_FIGURE and not line.related:
            continue  # listed under "Still unreported"
        why.append(f"{line.title}: {line.reason}")
        why += [
            "    " + language.gettext("Related: {sentence}", sentence=related.sentence)
            for related in line.related
        ]
    yield language.gettext("Why, target by target"), why


def _level_item(level: Level, conflicting: set[str], language: Language) -> str:
    tags = [
        tag
        for tag in (
            language.pgettext("tag", "forecast") if level.kind is Kind.FORECAST else "",
            language.gettext("derived: {how}", how=level.how) if level.figure is None else "",
            language.pgettext("tag", "conflicting") if level.figure in conflicting else "",
        )
        if tag
    ]
    tag = f" [{'; '.join(tags)}]" if tags else ""
    return f"    {language.period(level.period)}: {level.shown} ({level.source}){tag}"


def _series_measures(briefing: Briefing) -> set[str]:
    return {f.measure for f in briefing.figures if f.use is Use.SERIES}


def _series(briefing: Briefing, language: Language) -> _Sections:
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
            items.append(
                f"{language.data('universe name', known.name)}: "
                f"{language.data('universe description', known.description)}"
                if known
                else universe
            )
            items += [
                _level_item(lv, conflicting, language) for lv in chosen if lv.universe == universe
            ]
        yield (
            language.gettext(
                "Published figures: {about}",
                about=language.data("figure about", about.get(measure, measure)),
            ),
            items,
        )


def _findings(briefing: Briefing, language: Language) -> _Sections:
    if briefing.growth:
        yield (
            language.gettext("Growth, like for like (one universe, periods of the same span)"),
            [g.sentence for g in briefing.growth],
        )
    if briefing.conflicts:
        yield language.gettext("Conflicting figures"), [c.sentence for c in briefing.conflicts]
    if briefing.forecasts:
        yield language.gettext("Forecasts checked"), [f.sentence for f in briefing.forecasts]
    series = _series_measures(briefing)
    context = [r.sentence for r in briefing.context]
    context += [
        language.gettext(
            "Derived, approximate: {figure} in {place}, {period} ({how}; {source}).",
            figure=level.shown,
            place=language.data("place", level.place),
            period=language.period(level.period),
            how=level.how,
            source=level.source,
        )
        for level in briefing.levels
        if level.figure is None and level.measure not in series
    ]
    if context:
        yield language.gettext("Context (not measurements of the programme's targets)"), context
    if briefing.superseded:
        yield language.gettext("Superseded by a later publication"), list(briefing.superseded)


def _unreported(briefing: Briefing, language: Language) -> _Sections:
    if briefing.unreported and briefing.published_as_of is not None:
        yield (
            language.gettext(
                "Still unreported (no published figure found as of {day})",
                day=language.day(briefing.published_as_of),
            ),
            list(briefing.unreported),
        )


def _announced(briefing: Briefing, language: Language) -> _Sections:
    status = briefing.status
    if status.facts:
        facts = [
            f"{f.title} ({f.comparison}): {language.value(f.value, f.unit)}" for f in status.facts
        ]
        implied = [language.gettext("Implied: {line}", line=line) for line in status.derived]
        yield (
            language.gettext(
                "Reported at the announcement ({brand}; {source})",
                brand=status.brand,
                source=status.source,
            ),
            facts + implied,
        )


def _barriers(briefing: Briefing, language: Language) -> _Sections:
    items = [
        barrier
        + "."
        + "".join(
            " " + language.gettext("Since then: {sentence}", sentence=r.sentence) for r in related
        )
        for barrier, related in briefing.barriers
    ]
    yield language.gettext("Barriers named"), items or [b + "." for b in briefing.status.barriers]


def _sources(briefing: Briefing, language: Language) -> _Sections:
    if briefing.figures:
        cited = {f.source.full_in(language): None for f in briefing.figures}
        cited |= {c.full_in(language): None for f in briefing.figures for c in f.also}
        yield language.gettext("Sources of the published figures"), list(cited)


def _table(briefing: Briefing, language: Language) -> list[str]:
    heads = columns(language)
    table = rows(briefing, language)
    widths = [max(len(c), *(len(r[i]) for r in table)) for i, c in enumerate(heads)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(heads, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in table]
    return lines


def _text(briefing: Briefing, language: Language) -> str:
    lines = [heading(briefing, language), sources_line(briefing, language), ""]
    lines += _table(briefing, language)
    lines += ["", language.gettext("Summary: {summary}.", summary=summary(briefing, language))]
    for title, items in sections(briefing, language):
        lines += ["", f"{title}:"]
        lines += [item if item.startswith("    ") else f"  - {item}" for item in items]
    lines += ["", language.gettext("Options and the observations format: {help}", help=HELP)]
    return "\n".join(lines) + "\n"


def _markdown(briefing: Briefing, language: Language) -> str:
    def escape(text: str) -> str:
        return text.replace("|", "\\|")

    heads = columns(language)
    lines = [
        f"# {heading(briefing, language)}",
        "",
        sources_line(briefing, language),
        "",
        "| " + " | ".join(heads) + " |",
        "|" + "|".join("---" for _ in heads) + "|",
    ]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in rows(briefing, language)]
    lines += ["", language.gettext("Summary: {summary}.", summary=summary(briefing, language))]
    for title, items in sections(briefing, language):
        lines += ["", f"## {title}", ""]
        lines += [
            f"    - {escape(item.strip())}" if item.startswith("    ") else f"- {escape(item)}"
            for item in items
        ]
    help_code = f"`{HELP}`"
    lines += ["", language.gettext("Options and the observations format: {help}", help=help_code)]
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
