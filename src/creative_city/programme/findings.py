"""What published figures say together: levels, like-for-like growth, conflicts, forecasts.

The rules, so that no comparison mixes what cannot be mixed:

* A *series* is one place, one measure and one universe (eQonaq registrations of
  foreign visitors to Almaty). Growth is computed only inside a series, and only
  between periods of the same span in different years (2024 against 2023, January to
  September against January to September): never a nine-month figure against a year.
* Two figures of the same place, measure and period that disagree (beyond the rounding
  of an approximate one) are a *conflict*: both are shown, neither is chosen.
* A figure can imply another: a level and a change from the year before give the
  earlier level; a share of a total gives a count. Derived levels are approximate and
  say how they were derived.
* A forecast is checked against the figures later published for its period, saying
  when their universes differ.

>>> import datetime as dt
>>> from creative_city.programme.dataset import builtin_dataset
>>> data = builtin_dataset()
>>> figures, _ = data.current(dt.date(2026, 12, 3))
>>> names = {universe.id: universe.name for universe in data.universes}
>>> for growth in growth_between(levels(figures), names):
...     print(growth.sentence)
Foreign visitors to Almaty (eQonaq registrations): 534,340 visitors in 2024 against about
464,000 visitors in 2023: about +15%.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from creative_city.programme.language import ENGLISH, Language
from creative_city.programme.published import Figure, Kind, Precision, Use, same_span
from creative_city.time import Period
from creative_city.tourism import growth_multiple

__all__ = [
    "Conflict",
    "ForecastCheck",
    "Growth",
    "Level",
    "approximate_text",
    "conflicts_among",
    "forecast_checks",
    "growth_between",
    "levels",
    "measure_words",
    "period_text",
]


def period_text(period: Period, language: Language = ENGLISH) -> str:
    """Return a period in words.

    >>> period_text(Period.parse("YTD/2023-09-30")), period_text(Period.parse("2024"))
    ('January-September 2023', '2024')
    >>> period_text(Period.parse("2023-06-01/2023-07-24"))
    '1 June-23 July 2023'
    """
    return language.period(period)


def approximate_text(value: Decimal, unit: str = "", language: Language = ENGLISH) -> str:
    """Return *value* rounded to three significant digits, as an approximate figure.

    >>> approximate_text(Decimal(464340), "visitors"), approximate_text(Decimal("1151274"))
    ('about 464,000 visitors', 'about 1.15 million')
    """
    return language.approximate(value, unit)


@attrs.frozen
class Level:
    """A level of a series over a period: a published figure, or one derived from some.

    Attributes:
        place: Where it counts.
        measure: What it measures.
        universe: The universe of the count.
        period: The period it covers.
        value: The value.
        precision: Exact, approximate or a lower bound (derived levels are approximate).
        kind: The kind of the source (a forecast stays a forecast).
        shown: The figure for reports, never more precise than it is.
        source: The citation, or for a derived level the citations it comes from.
        figure: The published figure's id, or ``None`` for a derived level.
        how: How a derived level was derived (empty for a published one).
    """

    place: str
    measure: str
    universe: str
    period: Period
    value: Decimal
    precision: Precision
    kind: Kind
    shown: str
    source: str
    figure: str | None = None
    how: str = ""

    @property
    def series(self) -> tuple[str, str, str]:
        """The series: place, measure and universe."""
        return (self.place, self.measure, self.universe)

    @property
    def approximate(self) -> bool:
        """Whether the level is not exact."""
        return self.precision is not Precision.EXACT


def _published(figure: Figure, language: Language) -> Level | None:
    if (
        figure.use not in (Use.SERIES, Use.MEASUREMENT, Use.CONTEXT)
        or figure.period is None
        or figure.value is None
        or figure.compared_with is not None
        or figure.share_of is not None
    ):
        return None
    return Level(
        figure.place,
        figure.measure,
        figure.universe,
        figure.period,
        figure.value,
        figure.precision,
        figure.kind,
        figure.shown_in(language),
        figure.source.short_in(language),
        figure.id,
    )


def levels(figures: Sequence[Figure], language: Language = ENGLISH) -> tuple[Level, ...]:
    """Return the levels the *figures* give: as published, then derived ones.

    A change from an earlier period and the level of the later one give the earlier
    level; a share of another figure gives a count. Both are approximate.

    Args:
        figures: The published figures.
        language: The language of the levels' words.
    """
    published = [level for f in figures if (level := _published(f, language)) is not None]
    by_id = {f.id: f for f in figures}
    derived: list[Level] = []
    for change in figures:
        if change.compared_with is None or change.value is None or change.period is None:
            continue
        later = next(
            (
                level
                for level in published
                if level.series == (change.place, change.measure, change.universe)
                and level.period == change.period
                and level.kind is not Kind.FORECAST
                and level.precision is not Precision.MORE_THAN
            ),
            None,
        )
        if later is None:
            continue
        value = later.value - change.value
        derived.append(
            Level(
                change.place,
                change.measure,
                change.universe,
                change.compared_with,
                value,
                Precision.ABOUT,
                change.kind,
                language.approximate(value, change.unit),
                language.gettext("derived from {source}", source=change.source.short_in(language)),
                how=language.gettext(
                    "{figure} in {period}, {change}",
                    figure=later.shown,
                    period=language.period(later.period),
                    change=language.figure_words(change.text, change.value),
                ),
            )
        )
    for share in figures:
        total = by_id.get(share.share_of) if share.share_of is not None else None
        if total is None or total.value is None or share.value is None or share.period is None:
            continue
        value = total.value * share.value / 100
        derived.append(
            Level(
                share.place,
                total.measure,
                share.universe,
                share.period,
                value,
                Precision.ABOUT,
                share.kind,
                language.approximate(value, total.unit),
                language.gettext("derived from {source}", source=share.source.short_in(language)),
                how=language.gettext(
                    "{share} of {total} ({place})",
                    share=language.figure_words(share.text, share.value),
                    total=total.shown_in(language),
                    place=language.data("place", total.place),
                ),
            )
        )
    return (*published, *derived)


@attrs.frozen
class Growth:
    """Growth inside one series between two periods of the same span.

    Attributes:
        place: Where.
        measure: What.
        universe: The one universe both levels count in.
        period: The later period.
        earlier: The earlier period.
        multiple: later / earlier.
        shown: The change in percent, rounded as the levels allow (``"about +15%"``).
        approximate: Whether either level is approximate.
        sentence: The comparison in one sentence.
    """

    place: str
    measure: str
    universe: str
    period: Period
    earlier: Period
    multiple: Decimal
    shown: str
    approximate: bool
    sentence: str


def growth_between(
    found: Iterable[Level],
    names: dict[str, str] | None = None,
    about: dict[str, str] | None = None,
    language: Language = ENGLISH,
) -> tuple[Growth, ...]:
    """Return like-for-like growth: same place, measure, universe and span of period.

    Args:
        found: The levels (from :func:`levels`).
        names: Universe names by id, for the sentences (default: the ids).
        about: What each measure is, by ``measure`` (default: built from the first figure).
        language: The language of the sentences.
    """
    names = names or {}
    chosen = [
        level
        for level in found
        if level.kind is not Kind.FORECAST and level.precision is not Precision.MORE_THAN
    ]
    result: list[Growth] = []
    for later in chosen:
        for earlier in chosen:
            if (
                later.series != earlier.series
                or earlier.period.start >= later.period.start
                or not same_span(later.period, earlier.period)
                or earlier.value == 0
            ):
                continue
            multiple = growth_multiple(later.value, earlier.value)
            approximate = later.approximate or earlier.approximate
            shown = language.change(multiple, approximate=approximate)
            universe = names.get(later.universe, later.universe)
            what = (about or {}).get(later.measure) or measure_words(later, language)
            years = later.period.start.year - earlier.period.start.year
            span = (
                ""
                if years == 1
                else language.ngettext(" ({n} year)", " ({n} years)", years, n=years)
            )
            result.append(
                Growth(
                    later.place,
                    later.measure,
                    later.universe,
                    later.period,
                    earlier.period,
                    multiple,
                    shown,
                    approximate,
                    language.gettext(
                        "{what} ({universe}): {later} in {period} against {earlier} in "
                        "{earlier_period}: {change}{span}.",
                        what=what,
                        universe=universe,
                        later=later.shown,
                        period=language.period(later.period),
                        earlier=earlier.shown,
                        earlier_period=language.period(earlier.period),
                        change=shown,
                        span=span,
                    ),
                )
            )
    return tuple(
        sorted(
            result, key=lambda g: (g.place, g.measure, g.universe, g.period.start, g.earlier.start)
        )
    )


def measure_words(level: Level, language: Language = ENGLISH) -> str:
    """Return what a series measures, from its measure and place.

    >>> from creative_city.programme.dataset import builtin_dataset
    >>> level = levels([builtin_dataset().figure("eqonaq-almaty-2024")])[0]
    >>> measure_words(level)
    'Foreign visitors to Almaty'
    """
    words = level.measure.replace("-", " ")
    return language.data("measure", f"{words[0].upper()}{words[1:]} to {level.place}")


def _consistent(a: Level, b: Level) -> bool:
    """Return whether two levels can both be right (within an approximate one's rounding)."""
    if a.value == b.value:
        return True
    for rough, other in ((a, b), (b, a)):
        if rough.precision is Precision.MORE_THAN and other.value > rough.value:
            return True
        if rough.precision is Precision.ABOUT:
            zeros = len(str(int(rough.value))) - len(str(int(rough.value)).rstrip("0"))
            quantum = Decimal(10) ** zeros
            if (other.value / quantum).quantize(
                Decimal(1), ROUND_HALF_EVEN
            ) * quantum == rough.value:
                return True
    return False


@attrs.frozen
class Conflict:
    """Published figures about the same place, measure and period that disagree.

    Attributes:
        place: Where.
        measure: What.
        period: The period they share.
        figures: The ids of the disagreeing figures, all kept.
        sentence: The disagreement in one sentence, each figure with its universe and source.
    """

    place: str
    measure: str
    period: Period
    figures: tuple[str, ...]
    sentence: str


def conflicts_among(
    found: Iterable[Level], names: dict[str, str] | None = None, language: Language = ENGLISH
) -> tuple[Conflict, ...]:
    """Return the conflicts among published, non-forecast levels.

    Args:
        found: The levels (from :func:`levels`); derived levels and forecasts are skipped.
        names: Universe names by id, for the sentences.
        language: The language of the sentences.
    """
    names = names or {}
    groups: dict[tuple[str, str, str], list[Level]] = {}
    for level in found:
        if level.figure is None or level.kind is Kind.FORECAST:
            continue
        groups.setdefault((level.place, level.measure, str(level.period)), []).append(level)
    result = []
    for group in groups.values():
        if len(group) < 2 or all(_consistent(a, b) for a in group for b in group):
            continue
        first = group[0]
        parts = "; ".join(
            f"{level.shown} ({names.get(level.universe, level.universe)}; {level.source})"
            for level in group
        )
        result.append(
            Conflict(
                first.place,
                first.measure,
                first.period,
                tuple(level.figure for level in group if level.figure is not None),
                language.gettext(
                    "{what}, {period}: {figures}. The sources disagree; both are shown and "
                    "neither is chosen.",
                    what=measure_words(first, language),
                    period=language.period(first.period),
                    figures=parts,
                ),
            )
        )
    return tuple(result)


@attrs.frozen
class ForecastCheck:
    """A forecast against a figure later published for the same place, measure and period.

    Attributes:
        forecast: The forecast figure's id.
        outturn: The published figure's id (``None`` if derived).
        same_universe: Whether both count in the same universe.
        sentence: The check in one sentence.
    """

    forecast: str
    outturn: str | None
    same_universe: bool
    sentence: str


def forecast_checks(
    found: Iterable[Level], names: dict[str, str] | None = None, language: Language = ENGLISH
) -> tuple[ForecastCheck, ...]:
    """Return each forecast checked against the figures published for its period.

    Args:
        found: The levels (from :func:`levels`).
        names: Universe names by id, for the sentences.
        language: The language of the sentences.
    """
    names = names or {}
    every = list(found)
    result = []
    for forecast in every:
        if forecast.kind is not Kind.FORECAST or forecast.figure is None:
            continue
        for outturn in every:
            if (
                outturn.kind is Kind.FORECAST
                or outturn.place != forecast.place
                or outturn.measure != forecast.measure
                or outturn.period != forecast.period
                or outturn.precision is Precision.MORE_THAN
            ):
                continue
            multiple = growth_multiple(outturn.value, forecast.value)
            approximate = outturn.approximate or forecast.approximate
            same = outturn.universe == forecast.universe
            values = {
                "period": language.period(forecast.period),
                "forecast": forecast.shown,
                "source": forecast.source,
                "outturn": outturn.shown,
                "outturn_source": outturn.source,
                "change": language.change(multiple, approximate=approximate, signed=False),
            }
            sentence = (
                language.gettext(
                    "Forecast for {period}: {forecast} ({source}); published: {outturn} "
                    "({outturn_source}), {change} below the forecast.",
                    **values,
                )
                if multiple < 1
                else language.gettext(
                    "Forecast for {period}: {forecast} ({source}); published: {outturn} "
                    "({outturn_source}), {change} above the forecast.",
                    **values,
                )
            )
            if not same:
                sentence += language.gettext(
                    " Not the same universe: the forecast's is {forecast_universe}, the "
                    "published figure's {outturn_universe}.",
                    forecast_universe=names.get(forecast.universe, forecast.universe),
                    outturn_universe=names.get(outturn.universe, outturn.universe),
                )
            result.append(ForecastCheck(forecast.figure, outturn.figure, same, sentence))
    return tuple(result)
