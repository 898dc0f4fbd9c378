"""Hubs and spaces: kinds, opening hours, dated exceptions, closures and capacity norms.

A :class:`Hub` has a kind, an IANA time zone, a floor area, an opening date, weekly
opening hours (:class:`DayHours`), dated exceptions that replace a day's hours
(:class:`DatedHours`: holidays, short days) and closures (:class:`Closure`: maintenance
periods, for the whole hub or some spaces). Its :class:`Space` objects have a kind, an
area, a capacity in persons and a :class:`SpaceMode`:

* ``exclusive``: one booking at a time (a recording studio); a booking occupies the whole
  space, so for occupancy and utilisation it counts as the full capacity;
* ``shared``: the headcounts of overlapping bookings add up, never above the capacity
  (a coworking floor).

Opening hours are local wall-clock times evaluated in the hub's zone with dateutil: a
local time that falls in a daylight-saving gap moves forward to the first instant that
exists, an ambiguous one (the fold) resolves to its first occurrence. ``closes <= opens``
means the window ends the next day (``00:00-00:00`` is a full day: 23 or 25 hours on a
DST change day).
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Sequence
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.operation import SCHEMA_KEY
from creative_city.time import Interval, require_date, zone

__all__ = [
    "Closure",
    "DatedHours",
    "DayHours",
    "Hub",
    "HubKind",
    "Space",
    "SpaceMode",
    "TimeRange",
    "seats_for_area",
]

_EPOCH = _dt.datetime(1970, 1, 1, tzinfo=_dt.UTC)
_ONE_DAY = _dt.timedelta(days=1)

_AREA: Final = {SCHEMA_KEY: {"exclusiveMinimum": 0}}
"""An area in m2 is above 0, as its schema states."""


class HubKind(enum.Enum):
    """The kind of a hub in the network (Zakon.kz, 12 September 2022)."""

    ART_AND_SCIENCE_CENTRE = "art-and-science-centre"
    CREATIVE_HUB = "creative-hub"
    IT_HUB = "it-hub"
    VIDEO_STUDIO = "video-studio"
    SOUND_STUDIO = "sound-studio"


def to_us(moment: _dt.datetime) -> int:
    """Return an aware datetime as integer microseconds since the Unix epoch (exact)."""
    delta = moment - _EPOCH
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def from_us(value: int) -> _dt.datetime:
    """Return the UTC datetime of *value* microseconds since the Unix epoch."""
    return _EPOCH + _dt.timedelta(microseconds=value)


def to_microseconds(delta: _dt.timedelta) -> int:
    """Return a timedelta as whole microseconds (exact)."""
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


class SpaceMode(enum.Enum):
    """How bookings share a space."""

    EXCLUSIVE = "exclusive"
    """One booking at a time; a booking occupies the whole space."""
    SHARED = "shared"
    """Overlapping bookings share the space; headcounts add up to at most the capacity."""


def _check_time(value: object) -> _dt.time:
    if not isinstance(value, _dt.time) or value.tzinfo is not None:
        raise InvalidTypeError("time", value, "must be a naive datetime.time (local wall clock)")
    return value


def _non_empty(field: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError(field, value, "must be a non-empty string")
    return value


@attrs.frozen
class TimeRange:
    """A local wall-clock range ``[opens, closes)``; ``closes <= opens`` ends the next day.

    Attributes:
        opens: Local opening time.
        closes: Local closing time (``00:00`` with ``opens`` ``00:00`` is a full day).
    """

    opens: _dt.time
    closes: _dt.time

    def __attrs_post_init__(self) -> None:
        _check_time(self.opens)
        _check_time(self.closes)


@attrs.frozen
class DayHours:
    """Weekly opening hours for one weekday (several entries per weekday are allowed).

    Attributes:
        weekday: 0 = Monday ... 6 = Sunday.
        opens: Local opening time.
        closes: Local closing time; ``closes <= opens`` means the next day.
    """

    weekday: int = attrs.field(metadata={SCHEMA_KEY: {"minimum": 0, "maximum": 6}})
    opens: _dt.time
    closes: _dt.time

    def __attrs_post_init__(self) -> None:
        if type(self.weekday) is not int or not 0 <= self.weekday <= 6:
            raise ValidationError("weekday", self.weekday, "must be an int 0 (Monday) to 6")
        _check_time(self.opens)
        _check_time(self.closes)

    @classmethod
    def every_day(cls, opens: _dt.time, closes: _dt.time) -> tuple[DayHours, ...]:
        """Return the same hours for all seven weekdays."""
        return tuple(cls(day, opens, closes) for day in range(7))

    @classmethod
    def weekdays(cls, opens: _dt.time, closes: _dt.time) -> tuple[DayHours, ...]:
        """Return the same hours for Monday to Friday."""
        return tuple(cls(day, opens, closes) for day in range(5))


@attrs.frozen
class DatedHours:
    """An exception that replaces the weekly hours of one local date.

    Attributes:
        day: The local date.
        ranges: The hours that day; empty means closed (a holiday).
        reason: Why (``"Nauryz"``, ``"short day"``).
    """

    day: _dt.date
    ranges: tuple[TimeRange, ...] = ()
    reason: str = ""

    def __attrs_post_init__(self) -> None:
        require_date(self.day, "day")


@attrs.frozen
class Closure:
    """A closure or maintenance period.

    Attributes:
        interval: When (half-open, aware ends).
        reason: Why.
        spaces: The spaces closed; empty means the whole hub.
    """

    interval: Interval
    reason: str = ""
    spaces: tuple[str, ...] = ()


@attrs.frozen
class Space:
    """A bookable space inside a hub.

    Attributes:
        id: Unique across the hubs of one schedule.
        kind: A free label used by availability search (``"studio"``, ``"coworking"``).
        area: Floor area in m2 (> 0).
        capacity: Persons (>= 1).
        mode: Exclusive or shared.
        buffer: Turnaround time kept free after each booking (>= 0).
        min_duration: Shortest booking (> 0).
        max_duration: Longest booking, or ``None``.
        min_notice: Least time between the request and the booking's start (>= 0).
        max_advance: Furthest a booking may *end* after the request (``None``: no limit);
            measured to the end so that long bookings cannot overrun the horizon.
        opens_on: The space's own opening date, if later than the hub's.
    """

    id: str
    kind: str
    area: Decimal = attrs.field(metadata=_AREA)
    capacity: int = attrs.field(metadata={SCHEMA_KEY: {"minimum": 1}})
    mode: SpaceMode = SpaceMode.SHARED
    buffer: _dt.timedelta = _dt.timedelta(0)
    min_duration: _dt.timedelta = _dt.timedelta(minutes=15)
    max_duration: _dt.timedelta | None = None
    min_notice: _dt.timedelta = _dt.timedelta(0)
    max_advance: _dt.timedelta | None = None
    opens_on: _dt.date | None = None

    def __attrs_post_init__(self) -> None:
        _non_empty("id", self.id)
        _non_empty("kind", self.kind)
        if not isinstance(self.area, Decimal) or not self.area > 0:
            raise ValidationError("area", self.area, "must be a Decimal number of m2 > 0")
        if type(self.capacity) is not int or self.capacity < 1:
            raise ValidationError("capacity", self.capacity, "must be an int >= 1")
        if not isinstance(self.mode, SpaceMode):
            raise InvalidTypeError("mode", self.mode, "must be a SpaceMode")
        zero = _dt.timedelta(0)
        for name in ("buffer", "min_notice"):
            value = getattr(self, name)
            if not isinstance(value, _dt.timedelta) or value < zero:
                raise ValidationError(name, value, "must be a timedelta >= 0")
        if not isinstance(self.min_duration, _dt.timedelta) or self.min_duration <= zero:
            raise ValidationError("min_duration", self.min_duration, "must be > 0")
        if self.max_duration is not None and self.max_duration < self.min_duration:
            raise ValidationError("max_duration", self.max_duration, "must be >= min_duration")
        if self.max_advance is not None and self.max_advance <= self.min_notice:
            raise ValidationError("max_advance", self.max_advance, "must be > min_notice")
        if self.opens_on is not None:
            require_date(self.opens_on, "opens_on")

    @classmethod
    def for_area(
        cls,
        space_id: str,
        kind: str,
        area: Decimal,
        m2_per_workstation: Decimal,
        mode: SpaceMode = SpaceMode.SHARED,
    ) -> Space:
        """Return a space whose capacity is derived from its area under a planning norm.

        Args:
            space_id: The space id.
            kind: The space kind.
            area: Floor area in m2.
            m2_per_workstation: The stated norm (m2 per workstation).
            mode: Exclusive or shared.

        >>> Space.for_area("floor", "coworking", Decimal("450"), Decimal("7.5")).capacity
        60
        """
        return cls(space_id, kind, area, seats_for_area(area, m2_per_workstation), mode)


@attrs.frozen
class Hub:
    """A hub of the network with its spaces, hours and closures.

    Attributes:
        id: Unique identifier.
        name: Display name.
        kind: The kind of hub.
        zone: IANA time zone key (``"Asia/Almaty"``); never an offset.
        floor_area: Total floor area in m2 (> 0).
        opening_date: The first local date the hub is open.
        hours: Weekly opening hours.
        exceptions: Dated hours replacing the weekly hours (holidays, short days).
        closures: Closures and maintenance periods.
        spaces: The bookable spaces.
    """

    id: str
    name: str
    kind: HubKind
    zone: str
    floor_area: Decimal = attrs.field(metadata=_AREA)
    opening_date: _dt.date
    hours: tuple[DayHours, ...] = ()
    exceptions: tuple[DatedHours, ...] = ()
    closures: tuple[Closure, ...] = ()
    spaces: tuple[Space, ...] = ()

    def __attrs_post_init__(self) -> None:
        _non_empty("id", self.id)
        if not isinstance(self.kind, HubKind):
            raise InvalidTypeError("kind", self.kind, "must be a HubKind")
        zone(self.zone)
        if not isinstance(self.floor_area, Decimal) or not self.floor_area > 0:
            raise ValidationError(
                "floor_area", self.floor_area, "must be a Decimal number of m2 > 0"
            )
        require_date(self.opening_date, "opening_date")
        days = [e.day for e in self.exceptions]
        if len(set(days)) != len(days):
            raise ValidationError("exceptions", days, "at most one exception per date")
        ids = [s.id for s in self.spaces]
        if len(set(ids)) != len(ids):
            raise ValidationError("spaces", ids, "space ids must be unique")
        total = sum((s.area for s in self.spaces), Decimal(0))
        if total > self.floor_area:
            raise ValidationError(
                "spaces", str(total), f"space areas exceed the floor area {self.floor_area}"
            )
        known = set(ids)
        for closure in self.closures:
            for name in closure.spaces:
                if name not in known:
                    raise ValidationError("closure.spaces", name, "is not a space of this hub")

    def space(self, space_id: str) -> Space:
        """Return the space called *space_id*.

        Raises:
            ValidationError: If the hub has no such space.
        """
        for space in self.spaces:
            if space.id == space_id:
                return space
        raise ValidationError("space", space_id, f"is not a space of hub {self.id!r}")

    def windows(self, start: _dt.date, end: _dt.date) -> tuple[Interval, ...]:
        """Return the merged opening windows of the local dates ``start <= d < end``.

        Windows of consecutive days that touch are merged (a 24-hour hub is one window).
        Closures are *not* subtracted here.
        """
        return tuple(
            Interval(from_us(a), from_us(b))
            for a, b in zip(*_windows_us(self, start, end), strict=True)
        )


def seats_for_area(area: Decimal, m2_per_workstation: Decimal) -> int:
    """Return how many workstations fit in *area* under a norm of m2 per workstation.

    The result is rounded down: a partial workstation is no workstation.

    Args:
        area: Usable floor area in m2 (> 0).
        m2_per_workstation: The planning norm (> 0), e.g. ``Decimal("4.5")``.

    Raises:
        ValidationError: If either number is not a positive Decimal.

    >>> seats_for_area(Decimal("120"), Decimal("4.5"))
    26
    """
    for field, value in (("area", area), ("m2_per_workstation", m2_per_workstation)):
        if not isinstance(value, Decimal) or not value.is_finite() or not value > 0:
            raise ValidationError(field, value, "must be a positive Decimal number of m2")
    return int(area // m2_per_workstation)


# -- local windows -------------------------------------------------------------------


def local_us(day: _dt.date, time: _dt.time, tzinfo: _dt.tzinfo) -> int:
    """Return the instant of a local date and time in *tzinfo* as epoch microseconds.

    A time in a daylight-saving gap moves forward to the first instant that exists; an
    ambiguous one resolves to its first occurrence (``fold=0``).
    """
    # Loaded with the zone by creative_city.time.zone; here only when windows are needed,
    # so that importing the hubs does not cost dateutil.tz.
    from dateutil import tz as _tz  # noqa: PLC0415

    local = _dt.datetime.combine(day, time).replace(tzinfo=tzinfo, fold=0)
    if not _tz.datetime_exists(local):
        local = _tz.resolve_imaginary(local)
    return to_us(local)


def day_ranges(hub: Hub, day: _dt.date) -> Sequence[tuple[_dt.time, _dt.time]]:
    """Return the (opens, closes) ranges of one local date (exceptions first)."""
    for exception in hub.exceptions:
        if exception.day == day:
            return [(r.opens, r.closes) for r in exception.ranges]
    weekday = day.weekday()
    return [(h.opens, h.closes) for h in hub.hours if h.weekday == weekday]


def day_windows(hub: Hub, day: _dt.date, tzinfo: _dt.tzinfo) -> list[tuple[int, int]]:
    """Return the (unmerged, non-empty) opening windows of one local date in epoch us."""
    windows: list[tuple[int, int]] = []
    for opens, closes in day_ranges(hub, day):
        close_day = day + _ONE_DAY if closes <= opens else day
        a = local_us(day, opens, tzinfo)
        b = local_us(close_day, closes, tzinfo)
        if b > a:
            windows.append((a, b))
    return windows


def merge_windows(raw: list[tuple[int, int]]) -> tuple[list[int], list[int]]:
    """Return the starts and ends of *raw* windows merged (touching windows merge)."""
    raw.sort()
    starts: list[int] = []
    ends: list[int] = []
    for a, b in raw:
        if ends and a <= ends[-1]:
            ends[-1] = max(ends[-1], b)
        else:
            starts.append(a)
            ends.append(b)
    return starts, ends


def _windows_us(hub: Hub, start: _dt.date, end: _dt.date) -> tuple[list[int], list[int]]:
    tzinfo = zone(hub.zone)
    raw: list[tuple[int, int]] = []
    day = start
    while day < end:
        raw.extend(day_windows(hub, day, tzinfo))
        day += _ONE_DAY
    return merge_windows(raw)
