"""Time: aware instants, half-open intervals, calendar periods and day counts.

Only timezone-aware datetimes enter the domain: :func:`require_aware` rejects naive
ones. An :class:`Interval` is half-open, ``[start, end)``, so back-to-back intervals
never overlap; it stores its ends in UTC, which makes equality, ordering and duration
exact across daylight-saving changes (Python compares two datetimes that share a
``tzinfo`` by wall clock, which is wrong across a DST fold; converting to UTC first
avoids that trap).

A :class:`Period` is a span of calendar dates (a year, a half, a quarter, a month,
a year-to-date or a custom range), also half-open: ``end`` is the first date *after*
the period.

Local wall-clock rules go through :func:`zone` and :func:`at_local`, which read the
``tzdata`` package's IANA rules (release :data:`ZONE_DATABASE`) with dateutil, never
the host's zone files; offsets are never hard-coded.
"""

from __future__ import annotations

import datetime as _dt
import enum
import functools
import re
from fractions import Fraction
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta

from creative_city.errors import InvalidTypeError, ValidationError

__all__ = [
    "UTC",
    "ZONE_DATABASE",
    "Interval",
    "Period",
    "PeriodKind",
    "act_365f",
    "at_local",
    "require_aware",
    "require_date",
    "zone",
]

UTC: Final = _dt.UTC
"""The UTC time zone (``datetime.UTC``); intervals store their ends in it."""


def require_aware(value: object, field: str = "datetime") -> _dt.datetime:
    """Return *value* if it is a timezone-aware datetime, else raise.

    Args:
        value: The value to check.
        field: The field name used in the error message.

    Returns:
        The same datetime.

    Raises:
        InvalidTypeError: If *value* is not a datetime or is naive.

    >>> require_aware(_dt.datetime(2022, 9, 12, tzinfo=UTC)).year
    2022
    >>> require_aware(_dt.datetime(2022, 9, 12), "launch")
    Traceback (most recent call last):
    ...
    creative_city.errors.InvalidTypeError: launch = datetime.datetime(2022, 9, 12, 0, 0): \
datetimes must be timezone-aware (naive datetimes are rejected)
    """
    if not isinstance(value, _dt.datetime):
        raise InvalidTypeError(field, value, "must be a timezone-aware datetime")
    if value.tzinfo is None or value.utcoffset() is None:
        raise InvalidTypeError(
            field, value, "datetimes must be timezone-aware (naive datetimes are rejected)"
        )
    return value


def require_date(value: object, field: str = "date") -> _dt.date:
    """Return *value* if it is a calendar date (and not a datetime), else raise.

    Args:
        value: The value to check.
        field: The field name used in the error message.

    Returns:
        The same date.

    Raises:
        InvalidTypeError: If *value* is not a ``datetime.date`` or is a datetime.
    """
    if not isinstance(value, _dt.date) or isinstance(value, _dt.datetime):
        raise InvalidTypeError(field, value, "must be a datetime.date (not a datetime)")
    return value


def _to_utc(value: object) -> _dt.datetime:
    return require_aware(value).astimezone(UTC)


@functools.cache
def zone(name: str) -> _dt.tzinfo:
    """Return the time zone called *name* (an IANA key such as ``"Asia/Almaty"``).

    The rules come from the ``tzdata`` package (:data:`ZONE_DATABASE` names its
    release), never from the host's zone files, so every host and process computes
    the same instants; dateutil reads them and keeps its semantics for folds and gaps.
    Each zone is loaded once per process.

    Args:
        name: An IANA time zone key.

    Returns:
        A dateutil ``tzinfo``.

    Raises:
        ValidationError: If *name* is not a time zone key of the ``tzdata`` package.

    >>> _dt.datetime(2024, 6, 1, tzinfo=zone("Asia/Almaty")).utcoffset()
    datetime.timedelta(seconds=18000)
    >>> zone("Asia/Alma_Ata_City")
    Traceback (most recent call last):
    ...
    creative_city.errors.ValidationError: zone = 'Asia/Alma_Ata_City': is not a known IANA \
time zone key (tzdata ...)
    """
    if not isinstance(name, str) or not _ZONE_NAME.fullmatch(name):
        raise ValidationError("zone", name, "must be an IANA time zone key like 'Asia/Almaty'")
    if name not in _zone_names():
        raise ValidationError(
            "zone", name, f"is not a known IANA time zone key (tzdata {ZONE_DATABASE})"
        )
    import importlib.resources  # noqa: PLC0415 - loaded with the first zone, not at import

    from dateutil import tz as _tz  # noqa: PLC0415 - 35 ms of imports, only when zones are used

    resource = importlib.resources.files("tzdata.zoneinfo").joinpath(*name.split("/"))
    with resource.open("rb") as handle:
        return _tz.tzfile(handle, filename=name)


@functools.cache
def _zone_names() -> frozenset[str]:
    import importlib.resources  # noqa: PLC0415 - loaded with the first zone, not at import

    listing = importlib.resources.files("tzdata").joinpath("zones").read_text(encoding="utf-8")
    return frozenset(line.strip() for line in listing.splitlines() if line.strip())


def _zone_database() -> str:
    import tzdata  # noqa: PLC0415 - a data package; only its version is read here

    return str(tzdata.IANA_VERSION)


ZONE_DATABASE: Final = _zone_database()
"""The IANA time zone database release every zone comes from (for example ``"2025b"``):
the ``tzdata`` package's, whatever the host has installed."""


_ZONE_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_+\-]*(/[A-Za-z0-9_+\-]+){0,2}")


def at_local(day: _dt.date, time: _dt.time, zone_name: str) -> _dt.datetime:
    """Return the aware instant for local wall-clock *time* on *day* in *zone_name*.

    Ambiguous local times (a DST fold) resolve to the first occurrence (``fold=0``);
    local times that do not exist (a DST gap) raise.

    Args:
        day: The local calendar date.
        time: The local wall-clock time (naive).
        zone_name: The IANA time zone key.

    Returns:
        An aware datetime in that zone.

    Raises:
        ValidationError: If the local time does not exist in that zone (DST gap).

    >>> at_local(_dt.date(2022, 9, 12), _dt.time(23, 59, 59), "Asia/Almaty").isoformat()
    '2022-09-12T23:59:59+06:00'
    >>> at_local(_dt.date(2024, 3, 31), _dt.time(2, 30), "Europe/Berlin")
    Traceback (most recent call last):
    ...
    creative_city.errors.ValidationError: local_time = '2024-03-31T02:30:00 Europe/Berlin': \
does not exist in that zone (a daylight-saving gap)
    """
    day = require_date(day, "day")
    if not isinstance(time, _dt.time) or time.tzinfo is not None:
        raise InvalidTypeError("time", time, "must be a naive datetime.time (local wall clock)")
    tzinfo = zone(zone_name)
    local = _dt.datetime.combine(day, time).replace(tzinfo=tzinfo, fold=0)
    from dateutil import tz as _tz  # noqa: PLC0415 - see zone()

    if not _tz.datetime_exists(local):
        raise ValidationError(
            "local_time",
            f"{local.replace(tzinfo=None).isoformat()} {zone_name}",
            "does not exist in that zone (a daylight-saving gap)",
        )
    return local


@attrs.frozen(order=False)
class Interval:
    """A half-open time interval ``[start, end)`` between two aware instants.

    Both ends are converted to UTC on construction, so equality and duration are
    exact; use ``interval.start.astimezone(zone)`` to show local times.

    Args:
        start: The first instant inside the interval (aware).
        end: The first instant after the interval (aware, after *start*).

    Raises:
        InvalidTypeError: If an end is not an aware datetime.
        ValidationError: If ``end <= start``.

    >>> a = Interval(
    ...     _dt.datetime(2025, 1, 6, 10, tzinfo=UTC), _dt.datetime(2025, 1, 6, 11, tzinfo=UTC)
    ... )
    >>> b = Interval(a.end, _dt.datetime(2025, 1, 6, 12, tzinfo=UTC))
    >>> a.overlaps(b)  # back to back: half-open intervals never clash
    False
    >>> a.duration
    datetime.timedelta(seconds=3600)
    """

    start: _dt.datetime = attrs.field(converter=_to_utc)
    end: _dt.datetime = attrs.field(converter=_to_utc)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise ValidationError(
                "end",
                self.end.isoformat(),
                f"must be after start {self.start.isoformat()} (intervals are [start, end))",
            )

    @classmethod
    def starting(cls, start: _dt.datetime, duration: _dt.timedelta) -> Interval:
        """Return the interval of length *duration* that starts at *start*.

        Args:
            start: An aware datetime.
            duration: A positive elapsed time.

        Returns:
            ``Interval(start, start + duration)`` computed on the UTC time line.
        """
        if not isinstance(duration, _dt.timedelta):
            raise InvalidTypeError("duration", duration, "must be a datetime.timedelta")
        begin = _to_utc(start)
        return cls(begin, begin + duration)

    @property
    def duration(self) -> _dt.timedelta:
        """The elapsed time ``end - start`` (exact, in UTC)."""
        return self.end - self.start

    def contains(self, instant: _dt.datetime) -> bool:
        """Return whether ``start <= instant < end``.

        Args:
            instant: An aware datetime.
        """
        moment = _to_utc(instant)
        return self.start <= moment < self.end

    def __contains__(self, instant: object) -> bool:
        return self.contains(instant)  # type: ignore[arg-type]

    def covers(self, other: Interval) -> bool:
        """Return whether *other* lies entirely inside this interval."""
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: Interval) -> bool:
        """Return whether the two intervals share at least one instant."""
        return self.start < other.end and other.start < self.end

    def intersection(self, other: Interval) -> Interval | None:
        """Return the shared part of the two intervals, or ``None`` if they are disjoint."""
        start = max(self.start, other.start)
        end = min(self.end, other.end)
        if start < end:
            return Interval(start, end)
        return None

    def __lt__(self, other: Interval) -> bool:
        if not isinstance(other, Interval):
            return NotImplemented
        return (self.start, self.end) < (other.start, other.end)


class PeriodKind(enum.Enum):
    """The kind of a calendar :class:`Period`."""

    YEAR = "year"
    HALF = "half"
    QUARTER = "quarter"
    MONTH = "month"
    YEAR_TO_DATE = "ytd"
    CUSTOM = "custom"


_LABEL = re.compile(
    r"(?P<year>[0-9]{4})"
    r"|(?P<hy>[0-9]{4})-H(?P<half>[0-9])"
    r"|(?P<qy>[0-9]{4})-Q(?P<quarter>[0-9])"
    r"|(?P<my>[0-9]{4})-(?P<month>[0-9]{2})"
    r"|YTD/(?P<ytd>[0-9]{4}-[0-9]{2}-[0-9]{2})"
    r"|(?P<cs>[0-9]{4}-[0-9]{2}-[0-9]{2})/(?P<ce>[0-9]{4}-[0-9]{2}-[0-9]{2})"
)


def _parse_date(text: str, field: str) -> _dt.date:
    # *text* matched a date group of _LABEL (four, two and two digits).
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        raise ValidationError(field, text, "is not a valid calendar date") from None


def _check_year(year: object) -> int:
    if not isinstance(year, int) or isinstance(year, bool):
        raise InvalidTypeError("year", year, "must be an int")
    if not 1 <= year <= 9998:
        raise ValidationError("year", year, "must be between 1 and 9998")
    return year


@attrs.frozen
class Period:
    """A calendar period: the dates ``start <= d < end``.

    Build periods with the named constructors (:meth:`year`, :meth:`half`,
    :meth:`quarter`, :meth:`month`, :meth:`year_to_date`, :meth:`custom`) or
    :meth:`parse`; the label (``str(period)``) is also its JSON form.

    Attributes:
        kind: What kind of period this is.
        start: The first date inside the period.
        end: The first date after the period.

    >>> h1 = Period.half(2024, 1)
    >>> str(h1), h1.days, h1.year_earlier().days
    ('2024-H1', 182, 181)
    >>> Period.parse("2022-Q3").end
    datetime.date(2022, 10, 1)
    """

    kind: PeriodKind
    start: _dt.date
    end: _dt.date

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.kind, PeriodKind):
            raise InvalidTypeError("kind", self.kind, "must be a PeriodKind")
        require_date(self.start, "start")
        require_date(self.end, "end")
        if self.end <= self.start:
            raise ValidationError(
                "end", self.end.isoformat(), f"must be after start {self.start.isoformat()}"
            )
        expected = _expected_end(self.kind, self.start)
        if expected is not None and expected != self.end:
            raise ValidationError(
                "end",
                self.end.isoformat(),
                f"a {self.kind.value} starting {self.start} ends {expected}",
            )
        if self.kind is not PeriodKind.CUSTOM and not _aligned(self.kind, self.start):
            raise ValidationError(
                "start", self.start.isoformat(), f"is not the first day of a {self.kind.value}"
            )

    # -- named constructors -------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> Period:
        """Return the calendar year *year*."""
        year = _check_year(year)
        return cls(PeriodKind.YEAR, _dt.date(year, 1, 1), _dt.date(year + 1, 1, 1))

    @classmethod
    def half(cls, year: int, half: int) -> Period:
        """Return half-year *half* (1 = January-June, 2 = July-December) of *year*.

        Raises:
            ValidationError: If *half* is not 1 or 2.
        """
        year = _check_year(year)
        if half not in (1, 2) or isinstance(half, bool):
            raise ValidationError("half", half, "must be 1 (H1) or 2 (H2)")
        start = _dt.date(year, 1 + 6 * (half - 1), 1)
        return cls(PeriodKind.HALF, start, _end_of(PeriodKind.HALF, start))

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        """Return quarter *quarter* (1-4) of *year*.

        Raises:
            ValidationError: If *quarter* is not in 1..4.
        """
        year = _check_year(year)
        if quarter not in (1, 2, 3, 4) or isinstance(quarter, bool):
            raise ValidationError("quarter", quarter, "must be 1, 2, 3 or 4")
        start = _dt.date(year, 1 + 3 * (quarter - 1), 1)
        return cls(PeriodKind.QUARTER, start, _end_of(PeriodKind.QUARTER, start))

    @classmethod
    def month(cls, year: int, month: int) -> Period:
        """Return month *month* (1-12) of *year*.

        Raises:
            ValidationError: If *month* is not in 1..12.
        """
        year = _check_year(year)
        if not isinstance(month, int) or isinstance(month, bool) or not 1 <= month <= 12:
            raise ValidationError("month", month, "must be an int from 1 to 12")
        start = _dt.date(year, month, 1)
        return cls(PeriodKind.MONTH, start, _end_of(PeriodKind.MONTH, start))

    @classmethod
    def year_to_date(cls, through: _dt.date) -> Period:
        """Return January 1 of *through*'s year up to and including *through*."""
        through = require_date(through, "through")
        _check_year(through.year)
        return cls(PeriodKind.YEAR_TO_DATE, _dt.date(through.year, 1, 1), through + _ONE_DAY)

    @classmethod
    def custom(cls, start: _dt.date, end: _dt.date) -> Period:
        """Return the dates ``start <= d < end`` (``end`` is exclusive)."""
        return cls(PeriodKind.CUSTOM, require_date(start, "start"), require_date(end, "end"))

    @classmethod
    def parse(cls, label: str) -> Period:
        """Parse a label: ``2022``, ``2022-H1``, ``2022-Q3``, ``2022-03``,
        ``YTD/2022-06-30`` (through that date) or ``2022-01-01/2022-07-01`` (end exclusive).

        Raises:
            ValidationError: If the label is malformed or names a period that does not
                exist (``2022-H3``, ``2022-13``).
        """  # noqa: D205
        if not isinstance(label, str):
            raise InvalidTypeError("period", label, "must be a period label string")
        match = _LABEL.fullmatch(label)
        if match is None:
            raise ValidationError(
                "period",
                label,
                "must look like 2022, 2022-H1, 2022-Q3, 2022-03, YTD/2022-06-30 "
                "or 2022-01-01/2022-07-01",
            )
        groups = match.groupdict()
        if groups["year"]:
            return cls.year(int(groups["year"]))
        if groups["hy"]:
            return cls.half(int(groups["hy"]), int(groups["half"]))
        if groups["qy"]:
            return cls.quarter(int(groups["qy"]), int(groups["quarter"]))
        if groups["my"]:
            return cls.month(int(groups["my"]), int(groups["month"]))
        if groups["ytd"]:
            return cls.year_to_date(_parse_date(groups["ytd"], "period"))
        return cls.custom(_parse_date(groups["cs"], "period"), _parse_date(groups["ce"], "period"))

    # -- queries -------------------------------------------------------------------

    @property
    def days(self) -> int:
        """The number of calendar days in the period."""
        return (self.end - self.start).days

    @property
    def last(self) -> _dt.date:
        """The last date inside the period (``end - 1 day``)."""
        return self.end - _ONE_DAY

    def contains(self, day: _dt.date) -> bool:
        """Return whether ``start <= day < end``."""
        return self.start <= require_date(day, "day") < self.end

    def __contains__(self, day: object) -> bool:
        return self.contains(day)  # type: ignore[arg-type]

    def overlaps(self, other: Period) -> bool:
        """Return whether the two periods share at least one date."""
        return self.start < other.end and other.start < self.end

    def same_length_as(self, other: Period) -> bool:
        """Return whether both periods have the same number of days."""
        return self.days == other.days

    def shift_years(self, years: int) -> Period:
        """Return the same period *years* years later (earlier when negative).

        Calendar periods map to the same calendar period; a year-to-date through
        February 29 maps to February 28 in a common year; custom ranges move both ends.
        """
        if not isinstance(years, int) or isinstance(years, bool):
            raise InvalidTypeError("years", years, "must be an int")
        shift = relativedelta(years=years)
        if self.kind is PeriodKind.YEAR_TO_DATE:
            return Period.year_to_date(self.last + shift)
        if self.kind is PeriodKind.CUSTOM:
            return Period.custom(self.start + shift, self.end + shift)
        _check_year(self.start.year + years)
        start = self.start + shift
        return Period(self.kind, start, _end_of(self.kind, start))

    def year_earlier(self) -> Period:
        """Return the same period one year earlier (H1 2022 -> H1 2021)."""
        return self.shift_years(-1)

    def interval(self, zone_name: str) -> Interval:
        """Return the period as an :class:`Interval` from local midnight to local midnight.

        Args:
            zone_name: The IANA zone whose midnights bound the period.
        """
        tzinfo = zone(zone_name)
        start = _dt.datetime.combine(self.start, _dt.time(0), tzinfo=tzinfo)
        end = _dt.datetime.combine(self.end, _dt.time(0), tzinfo=tzinfo)
        from dateutil import tz as _tz  # noqa: PLC0415 - see zone()

        try:
            return Interval(_tz.resolve_imaginary(start), _tz.resolve_imaginary(end))
        except OverflowError:  # its midnight in the zone is before 0001-01-01 in UTC
            raise ValidationError(
                "period", self.label, "the calendar starts at 0001-01-01 (and ends at 9999-12-31)"
            ) from None

    @property
    def label(self) -> str:
        """The period's label, as accepted by :meth:`parse`."""
        year = self.start.year
        match self.kind:
            case PeriodKind.YEAR:
                return f"{year:04d}"
            case PeriodKind.HALF:
                return f"{year:04d}-H{1 if self.start.month == 1 else 2}"
            case PeriodKind.QUARTER:
                return f"{year:04d}-Q{(self.start.month - 1) // 3 + 1}"
            case PeriodKind.MONTH:
                return f"{year:04d}-{self.start.month:02d}"
            case PeriodKind.YEAR_TO_DATE:
                return f"YTD/{self.last.isoformat()}"
            case _:
                return f"{self.start.isoformat()}/{self.end.isoformat()}"

    def __str__(self) -> str:
        return self.label


_ONE_DAY: Final = _dt.timedelta(days=1)


_MONTHS: Final = {
    PeriodKind.YEAR: 12,
    PeriodKind.HALF: 6,
    PeriodKind.QUARTER: 3,
    PeriodKind.MONTH: 1,
}


def _end_of(kind: PeriodKind, start: _dt.date) -> _dt.date:
    return start + relativedelta(months=_MONTHS[kind])


def _expected_end(kind: PeriodKind, start: _dt.date) -> _dt.date | None:
    if kind in (PeriodKind.CUSTOM, PeriodKind.YEAR_TO_DATE):
        return None
    return _end_of(kind, start)


def _aligned(kind: PeriodKind, start: _dt.date) -> bool:
    if start.day != 1:
        return False
    match kind:
        case PeriodKind.YEAR | PeriodKind.YEAR_TO_DATE:
            return start.month == 1
        case PeriodKind.HALF:
            return start.month in (1, 7)
        case PeriodKind.QUARTER:
            return start.month in (1, 4, 7, 10)
        case _:
            return True


def act_365f(start: _dt.date, end: _dt.date) -> Fraction:
    """Return the ACT/365 Fixed year fraction from *start* to *end* (exact).

    Actual days divided by 365, whatever the leap years (ISDA 2006 section 4.16(d)).

    >>> act_365f(_dt.date(2008, 1, 1), _dt.date(2009, 1, 1))
    Fraction(366, 365)
    """
    return Fraction((require_date(end, "end") - require_date(start, "start")).days, 365)
