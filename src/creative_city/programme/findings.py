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

from creative_city.programme.published import Figure, Kind, Precision, Use, same_span
from creative_city.time import Period, PeriodKind
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
    "period_text",
]

_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def period_text(period: Period) -> str:
    """Return a period in words.

    >>> period_text(Period.parse("YTD/2023-09-30")), period_text(Period.parse("2024"))
    ('January-September 2023', '2024')
    >>> period_text(Period.parse("2023-06-01/2023-07-24"))
    '1 June-23 July 2023'
    """
    last = period.last
    match period.kind:
        case PeriodKind.YEAR:
            return str(period.start.year)
        case PeriodKind.HALF | PeriodKind.QUARTER | PeriodKind.MONTH:
            return period.label
    whole_months = period.start.day == 1 and period.end.day == 1
    if whole_months and period.start.year == last.year:
        first, end = _MONTHS[period.start.month - 1], _MONTHS[last.month - 1]
        return f"{first}-{end} {last.year}" if first != end else f"{first} {last.year}"
    if period.start.year == last.year:
        return (
            f"{period.start.day} {_MONTHS[period.start.month - 1]}-"
            f"{last.day} {_MONTHS[last.month - 1]} {last.year}"
        )
    return f"{period.start.isoformat()} to {last.isoformat()}"


def approximate_text(value: Decimal, unit: str = "") -> str:
    """Return *value* rounded to three significant digits, as an approximate figure.

    >>> approximate_text(Decimal(464340), "visitors"), approximate_text(Decimal("1151274"))
    ('about 464,000 visitors', 'about 1.15 million')
    """
    if value == 0:
        return f"about 0 {unit}".strip()
    digits = value.adjusted() + 1 - 3
    rounded = value.quantize(Decimal(f"1E{digits}") if digits > 0 else Decimal(1), ROUND_HALF_EVEN)
    if abs(rounded) >= 1_000_000:
        text = f"{(rounded / 1_000_000).normalize():f} million"
    else:
        text = f"{rounded.normalize():,f}"
    return f"about {text} {unit}".strip()


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


def _published(figure: Figure) -> Level | None:
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
        figure.shown,
        figure.source.short,
        figure.id,
    )


def levels(figures: Sequence[Figure]) -> tuple[Level, ...]:
    """Return the levels the *figures* give: as published, then derived ones.

    A change from an earlier period and the level of the later one give the earlier
    level; a share of another figure gives a count. Both are approximate.
    """
    published = [level for f in figures if (level := _published(f)) is not None]
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
                approximate_text(value, change.unit),
                f"derived from {change.source.short}",
                how=f"{later.shown} in {period_text(later.period)}, {change.text}",
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
                approximate_text(value, total.unit),
                f"derived from {share.source.short}",
                how=f"{share.text} of {total.shown} ({total.place})",
            )
        )
    return (*published, *derived)


def _percent(multiple: Decimal, *, approximate: bool) -> str:
    change = (multiple - 1) * 100
    if approximate:
        whole = change.quantize(Decimal(1), ROUND_HALF_EVEN)
        return f"about {whole:+}%"
    return f"{change.quantize(Decimal('0.1'), ROUND_HALF_EVEN):+}%"


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
    found: Iterable[Level], names: dict[str, str] | None = None, about: dict[str, str] | None = None
) -> tuple[Growth, ...]:
    """Return like-for-like growth: same place, measure, universe and span of period.

    Args:
        found: The levels (from :func:`levels`).
        names: Universe names by id, for the sentences (default: the ids).
        about: What each measure is, by ``measure`` (default: built from the first figure).
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
            shown = _percent(multiple, approximate=approximate)
            universe = names.get(later.universe, later.universe)
            what = (about or {}).get(later.measure) or _what(later)
            years = later.period.start.year - earlier.period.start.year
            span = "" if years == 1 else f" ({years} years)"
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
                    f"{what} ({universe}): {later.shown} in {period_text(later.period)} "
                    f"against {earlier.shown} in {period_text(earlier.period)}: {shown}{span}.",
                )
            )
    return tuple(
        sorted(
            result, key=lambda g: (g.place, g.measure, g.universe, g.period.start, g.earlier.start)
        )
    )


def _what(level: Level) -> str:
    words = level.measure.replace("-", " ")
    return f"{words[0].upper()}{words[1:]} to {level.place}"


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
    found: Iterable[Level], names: dict[str, str] | None = None
) -> tuple[Conflict, ...]:
    """Return the conflicts among published, non-forecast levels.

    Args:
        found: The levels (from :func:`levels`); derived levels and forecasts are skipped.
        names: Universe names by id, for the sentences.
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
                f"{_what(first)}, {period_text(first.period)}: {parts}. The sources disagree; "
                "both are shown and neither is chosen.",
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
    found: Iterable[Level], names: dict[str, str] | None = None
) -> tuple[ForecastCheck, ...]:
    """Return each forecast checked against the figures published for its period."""
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
            change = _percent(multiple, approximate=approximate).replace("+", "")
            direction = "below" if multiple < 1 else "above"
            change = change.replace("-", "")
            same = outturn.universe == forecast.universe
            caveat = (
                ""
                if same
                else " Not the same universe: the forecast's is "
                f"{names.get(forecast.universe, forecast.universe)}, the published figure's "
                f"{names.get(outturn.universe, outturn.universe)}."
            )
            result.append(
                ForecastCheck(
                    forecast.figure,
                    outturn.figure,
                    same,
                    f"Forecast for {period_text(forecast.period)}: {forecast.shown} "
                    f"({forecast.source}); published: {outturn.shown} ({outturn.source}), "
                    f"{change} {direction} the forecast.{caveat}",
                )
            )
    return tuple(result)
