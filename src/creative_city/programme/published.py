"""Published figures: what public sources said about the programme, each with its source.

A :class:`Figure` keeps one figure exactly as it was published (its words, ``"nearly
139,000"``, and its value with a :class:`Precision`), what it counts (place, measure,
and the :class:`Universe` of the count: eQonaq registrations and BNS accommodation
guests are different universes, never mixed), the period it covers, the
:class:`Kind` of source and the :class:`Citation` (publisher, headline where known,
publication date as precisely as known, address). Its :class:`Use` says what the
report may do with it: revise a target, measure one, add a point to a series, stand
as evidence about a target (a plan, a related opening), or give context only.

Figures travel in a :class:`~creative_city.programme.dataset.Dataset`; the library
ships one, :func:`~creative_city.programme.dataset.builtin_dataset`.

>>> from creative_city.programme.dataset import builtin_dataset
>>> data = builtin_dataset()
>>> data.as_of
datetime.date(2026, 2, 6)
>>> fig = data.figure("eqonaq-almaty-2023-jan-sep")
>>> fig.shown, fig.approximate, str(fig.period)
('343,000 visitors (approximate)', True, 'YTD/2023-09-30')
>>> fig.source.short
'The Astana Times, 4 October 2023'
"""

from __future__ import annotations

import datetime as _dt
import enum
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any, Final

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.programme.language import ENGLISH, Language
from creative_city.time import Period

__all__ = [
    "Citation",
    "Figure",
    "Kind",
    "Precision",
    "Universe",
    "Use",
    "same_span",
]


class Kind(enum.Enum):
    """Who stands behind a figure."""

    STATISTIC = "statistic"
    """The national statistics bureau (BNS) or its release."""
    REGISTRY = "registry"
    """eQonaq, the national register of foreign guests in accommodation."""
    STATEMENT = "statement"
    """An official speaking."""
    FORECAST = "forecast"
    """An official's expectation; never a measurement."""
    PRESS = "press"
    """A newspaper's own figure or a second-hand report."""


class Use(enum.Enum):
    """What the report may do with a figure."""

    REVISION = "revision"
    """A new value of a programme target, in force from its publication date."""
    MEASUREMENT = "measurement"
    """A value of a measured (KPI) target on the last day of the figure's period."""
    SERIES = "series"
    """A point of a published series (foreign visitors, guests)."""
    EVIDENCE = "evidence"
    """Something said about a target (a plan, a related centre), with no value to judge it."""
    CONTEXT = "context"
    """Context only (national figures, other funds); never a measurement of a target."""


class Precision(enum.Enum):
    """How exact a published figure is."""

    EXACT = "exact"
    """The figure as counted (``"534,340"``)."""
    ABOUT = "about"
    """Rounded or approximate (``"343,000"``, ``"nearly 139,000"``, ``"1.8 million"``)."""
    MORE_THAN = "more than"
    """A lower bound (``"more than 1.5 million"``)."""


_PUBLISHED: Final = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_SLUG: Final = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")
_Validator = Callable[[Any, Any, Any], None]


def _text(field: str, *, allow_empty: bool = False) -> _Validator:
    def check(_: object, __: object, value: object) -> None:
        if not isinstance(value, str):
            raise InvalidTypeError(field, value, "must be a string")
        if not allow_empty and not value.strip():
            raise ValidationError(field, value, "must not be empty")

    return check


def _optional_text(field: str) -> _Validator:
    check = _text(field)

    def optional(instance: object, attribute: object, value: object) -> None:
        if value is not None:
            check(instance, attribute, value)

    return optional


def _slug(field: str) -> _Validator:
    def check(_: object, __: object, value: object) -> None:
        if not isinstance(value, str) or not _SLUG.fullmatch(value):
            raise ValidationError(
                field, value, "must be lower-case letters, digits and hyphens (at most 80)"
            )

    return check


def _range_of(published: str) -> tuple[_dt.date, _dt.date]:
    match = _PUBLISHED.fullmatch(published)
    if match is None:
        raise ValidationError(
            "published", published, "must be YYYY, YYYY-MM or YYYY-MM-DD (as precise as known)"
        )
    year, month, day = (int(part) if part else None for part in match.groups())
    assert year is not None  # noqa: S101 - the pattern requires it
    try:
        if month is None:
            return _dt.date(year, 1, 1), _dt.date(year, 12, 31)
        if day is None:
            first = _dt.date(year, month, 1)
            following = _dt.date(year + month // 12, month % 12 + 1, 1)
            return first, following - _dt.timedelta(days=1)
        exact = _dt.date(year, month, day)
    except ValueError:
        raise ValidationError("published", published, "is not a calendar date") from None
    return exact, exact


def _check_published(_: object, __: attrs.Attribute[str | None], value: object) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise InvalidTypeError("published", value, "must be a string YYYY, YYYY-MM or YYYY-MM-DD")
    _range_of(value)


@attrs.frozen
class Citation:
    """Where a published figure comes from.

    Attributes:
        publisher: Who published it (``"The Astana Times"``).
        address: Where it can be read (the article's URL).
        published: The publication date as precisely as it is known: ``YYYY-MM-DD``,
            ``YYYY-MM`` or ``YYYY``, or ``None`` when unknown. Never guessed.
        published_text: How the date is known, when it is not exact
            (``"early 2024 (exact date not known)"``); replaces the date in citations.
        title: The headline, where a copy of the article shows it.
        via: The primary source the publisher cites (``"Kazakh Tourism"``).

    >>> Citation("El.kz", "https://el.kz/", "2024", "early 2024 (exact date not known)").short
    'El.kz, early 2024 (exact date not known)'
    >>> Citation("Zakon.kz", "https://www.zakon.kz/", "2026-02-30")
    Traceback (most recent call last):
    ...
    creative_city.errors.ValidationError: published = '2026-02-30': is not a calendar date
    """

    publisher: str = attrs.field(validator=_text("publisher"))
    address: str = attrs.field(validator=_text("address"))
    published: str | None = attrs.field(default=None, validator=_check_published)
    published_text: str = attrs.field(
        default="", validator=_text("published_text", allow_empty=True)
    )
    title: str | None = attrs.field(default=None, validator=_optional_text("title"))
    via: str | None = attrs.field(default=None, validator=_optional_text("via"))

    def __attrs_post_init__(self) -> None:
        if not self.address.startswith(("https://", "http://")):
            raise ValidationError("address", self.address, "must be a web address (https://...)")

    @property
    def published_range(self) -> tuple[_dt.date, _dt.date] | None:
        """The first and last day the publication date may be, or ``None`` if unknown."""
        return None if self.published is None else _range_of(self.published)

    @property
    def published_on(self) -> _dt.date | None:
        """The publication date when it is known to the day, else ``None``."""
        span = self.published_range
        return span[0] if span is not None and span[0] == span[1] else None

    @property
    def date_text(self) -> str:
        """The publication date in words (``"17 December 2022"``, ``"March 2025"``)."""
        return self.date_in(ENGLISH)

    @property
    def short(self) -> str:
        """The citation in a sentence: publisher and date."""
        return self.short_in(ENGLISH)

    @property
    def full(self) -> str:
        """The full citation: publisher, headline, date, primary source and address."""
        return self.full_in(ENGLISH)

    def date_in(self, language: Language) -> str:
        """Return the publication date in words in *language*."""
        if self.published_text:
            return language.data("citation date", self.published_text)
        span = self.published_range
        if span is None or self.published is None:
            return language.gettext("date not known")
        first = span[0]
        match self.published.count("-"):
            case 2:
                return language.long_day(first)
            case 1:
                return language.month(first)
            case _:
                return language.year(first.year)

    def short_in(self, language: Language) -> str:
        """Return the citation in a sentence in *language*: publisher and date."""
        return f"{self.publisher}, {self.date_in(language)}"

    def full_in(self, language: Language) -> str:
        """Return the full citation in *language*."""
        parts = [self.publisher]
        if self.title:
            parts.append(language.gettext('"{title}"', title=self.title))
        parts.append(self.date_in(language))
        if self.via:
            parts.append(language.gettext("citing {via}", via=language.data("source", self.via)))
        return ", ".join(parts) + f", {self.address}"


@attrs.frozen
class Universe:
    """What a count counts; figures of two universes are never combined.

    Attributes:
        id: A stable identifier used by figures (``"eqonaq"``).
        name: A short name for reports (``"eQonaq registrations"``).
        description: What it counts, in one sentence.
    """

    id: str = attrs.field(validator=_slug("universe.id"))
    name: str = attrs.field(validator=_text("universe.name"))
    description: str = attrs.field(validator=_text("universe.description"))


def _check_value(_: object, __: attrs.Attribute[Decimal | None], value: object) -> None:
    if value is not None and (not isinstance(value, Decimal) or not value.is_finite()):
        raise InvalidTypeError("value", value, "must be a finite Decimal or None")


def _check_period(_: object, attribute: attrs.Attribute[Period | None], value: object) -> None:
    if value is not None and not isinstance(value, Period):
        raise InvalidTypeError(attribute.name, value, "must be a Period or None")


def same_span(period: Period, other: Period) -> bool:
    """Return whether *other* is *period* moved by whole years (like for like).

    Full years match full years, January-September matches January-September; a
    nine-month figure never matches a full year, and 2024 (366 days) matches 2023.

    >>> same_span(Period.parse("2024"), Period.parse("2023"))
    True
    >>> same_span(Period.parse("YTD/2023-09-30"), Period.parse("2024"))
    False
    """
    years = period.start.year - other.start.year
    try:
        return other.shift_years(years) == period
    except ValidationError:
        return False


@attrs.frozen
class Figure:
    """One published figure, as published, with what it counts and its source.

    Attributes:
        id: A stable identifier (lower-case letters, digits, hyphens).
        about: What the figure is about, in a few words.
        place: Where it counts (``"Almaty"``, ``"Kazakhstan"``).
        measure: What it measures (``"foreign-visitors"``); with *place* and *universe*
            it names a series.
        universe: The id of the :class:`Universe` of the count.
        period: The period the figure covers, or ``None`` (a statement, a plan).
        text: The figure in the source's words (``"nearly 139,000"``).
        value: The figure as a number, or ``None`` when it is not one (a plan).
        unit: The unit of *value* (``"visitors"``, ``"KZT"``, ``"%"``).
        precision: Exact, approximate or a lower bound.
        kind: Who stands behind it.
        use: What the report may do with it.
        source: Where it was published.
        target: For revisions and measurements, the programme target's id.
        relates_to: Target ids or named barriers the figure says something about.
        compared_with: When *value* is a change from an earlier period, that period.
        share_of: When *value* is a percentage of another figure, that figure's id.
        also: Other publications of the same report.
        note: What the source says around the figure, summarised (not a quotation).
    """

    id: str = attrs.field(validator=_slug("id"))
    about: str = attrs.field(validator=_text("about"))
    place: str = attrs.field(validator=_text("place"))
    measure: str = attrs.field(validator=_slug("measure"))
    universe: str = attrs.field(validator=_slug("universe"))
    period: Period | None = attrs.field(validator=_check_period)
    text: str = attrs.field(validator=_text("text"))
    value: Decimal | None = attrs.field(validator=_check_value)
    unit: str = attrs.field(validator=_text("unit", allow_empty=True))
    precision: Precision = attrs.field(validator=attrs.validators.instance_of(Precision))
    kind: Kind = attrs.field(validator=attrs.validators.instance_of(Kind))
    use: Use = attrs.field(validator=attrs.validators.instance_of(Use))
    source: Citation = attrs.field(validator=attrs.validators.instance_of(Citation))
    target: str | None = attrs.field(default=None, validator=_optional_text("target"))
    relates_to: tuple[str, ...] = attrs.field(default=())
    compared_with: Period | None = attrs.field(default=None, validator=_check_period)
    share_of: str | None = attrs.field(default=None, validator=_optional_text("share_of"))
    also: tuple[Citation, ...] = ()
    note: str = attrs.field(default="", validator=_text("note", allow_empty=True))

    def __attrs_post_init__(self) -> None:
        valued = self.use in (Use.REVISION, Use.MEASUREMENT, Use.SERIES)
        if self.value is None and valued:
            raise ValidationError("value", None, f"a {self.use.value} figure needs a value")
        if self.value is None and self.precision is not Precision.EXACT:
            raise ValidationError("precision", self.precision.value, "applies only to a value")
        if self.value is not None and self.value < 0 and self.compared_with is None:
            raise ValidationError("value", self.value, "must be >= 0 unless it is a change")
        needs_target = self.use in (Use.REVISION, Use.MEASUREMENT)
        if needs_target != (self.target is not None):
            rule = "is required" if needs_target else "is only for revisions and measurements"
            raise ValidationError("target", self.target, f"{rule} (use relates_to instead)")
        self._check_use()
        if self.compared_with is not None:
            if self.period is None or not self.compared_with.start < self.period.start:
                raise ValidationError(
                    "compared_with", str(self.compared_with), "must be a period before `period`"
                )
            if not same_span(self.period, self.compared_with):
                raise ValidationError(
                    "compared_with",
                    str(self.compared_with),
                    f"must be the same span as {self.period} in another year",
                )
        if self.share_of is not None and self.unit != "%":
            raise ValidationError("unit", self.unit, "a share of another figure is in '%'")
        for index, item in enumerate(self.relates_to):
            if not isinstance(item, str) or not item.strip():
                raise ValidationError(f"relates_to[{index}]", item, "must be a non-empty string")

    def _check_use(self) -> None:
        if self.use is Use.REVISION:
            if self.source.published_on is None:
                raise ValidationError(
                    "source.published",
                    self.source.published,
                    "a revision takes effect on its publication day, so it needs the exact day",
                )
            if self.period is not None:
                raise ValidationError("period", str(self.period), "a revision covers no period")
        if self.use is Use.MEASUREMENT:
            if self.period is None:
                raise ValidationError("period", None, "a measurement needs the period it covers")
            if self.kind is Kind.FORECAST:
                raise ValidationError("kind", self.kind.value, "a forecast never measures a target")
            if self.precision is Precision.MORE_THAN:
                raise ValidationError(
                    "precision", self.precision.value, "a lower bound cannot measure a target"
                )
        if self.use in (Use.MEASUREMENT, Use.REVISION) and self.compared_with is not None:
            raise ValidationError(
                "compared_with", str(self.compared_with), "a change is not a level of a target"
            )

    @property
    def approximate(self) -> bool:
        """Whether the figure is approximate or a lower bound (not exact)."""
        return self.precision is not Precision.EXACT

    @property
    def shown(self) -> str:
        """The figure for reports: its published words, its unit, and a flag if approximate.

        Never more precise than published: ``"343,000 visitors (approximate)"``.
        """
        return self.shown_in(ENGLISH)

    def shown_in(self, language: Language) -> str:
        """Return the figure for reports in *language* (see :attr:`shown`)."""
        text = language.figure_words(self.text, self.value)
        if self.unit and _BARE_NUMBER.fullmatch(self.text):
            text = language.with_unit(text, self.value or Decimal(0), self.unit)
        if self.precision is Precision.ABOUT and not _QUALIFIED.match(self.text):
            text = language.gettext("{figure} (approximate)", figure=text)
        return text

    @property
    def key(self) -> tuple[object, ...]:
        """What makes two figures the same fact (for precedence)."""
        return (
            self.use is Use.REVISION,
            self.target,
            self.place,
            self.measure,
            self.universe,
            None if self.period is None else str(self.period),
            None if self.compared_with is None else str(self.compared_with),
            self.kind is Kind.FORECAST,
            self.share_of,
        )

    def published_by(self, day: _dt.date) -> bool:
        """Return whether the figure is known to have been published on or before *day*."""
        span = self.source.published_range
        return span is not None and span[1] <= day


_BARE_NUMBER: Final = re.compile(
    r"(?:(?:about|nearly|around|some|almost|more than|over|less than) )?"
    r"[0-9.,]+(?: (?:million|bn|thousand))?"
)
_QUALIFIED: Final = re.compile(
    r"(?:about|nearly|around|some|almost|approximately|~)\b", re.IGNORECASE
)
