"""Availability search: where a space of some kind is free for a headcount and duration.

:func:`free_slots` returns the maximal free intervals, inside a window, of every space
of a kind that can take a headcount for at least a duration: inside opening hours,
outside closures, with room for the headcount at every instant, leaving the turnaround
buffer before the next booking of an exclusive space. Placing requests into such
spaces is :mod:`creative_city.hubs.placement`.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from creative_city.errors import ValidationError
from creative_city.hubs.model import SpaceMode, from_us, to_microseconds, to_us
from creative_city.hubs.schedule import Schedule
from creative_city.time import Interval

__all__ = ["Slot", "free_slots"]


@attrs.frozen
class Slot:
    """A free interval in one space.

    Attributes:
        space: The space id.
        interval: The free interval (maximal).
    """

    space: str
    interval: Interval


def _free_in_space(
    schedule: Schedule, space_id: str, headcount: int, window: Interval
) -> list[tuple[int, int]]:
    space = schedule.space(space_id)
    calendar = schedule.calendar(space_id)
    w0 = max(to_us(window.start), calendar.space_opening_us[space_id])
    w1 = to_us(window.end)
    if w0 >= w1:
        return []
    # Busy spans: closures, and instants without room for the headcount.
    busy: list[tuple[int, int]] = list(calendar.closed_us(space_id, w0, w1))
    buffer = to_microseconds(space.buffer)
    spans = schedule.spans(space_id)
    if space.mode is SpaceMode.EXCLUSIVE:
        # A booking starting within a buffer after the window still shortens it.
        busy.extend(
            (s - buffer, e + buffer) for s, e, _ in spans if s - buffer < w1 and e + buffer > w0
        )
    else:
        changes: dict[int, int] = {}
        for s, e, n in spans:
            if s < w1 + buffer and e + buffer > w0:
                changes[s] = changes.get(s, 0) + n
                changes[e + buffer] = changes.get(e + buffer, 0) - n
        load = 0
        over_from: int | None = None
        for t in sorted(changes):
            load += changes[t]
            if load + headcount > space.capacity and over_from is None:
                over_from = t
            elif load + headcount <= space.capacity and over_from is not None:
                busy.append((over_from - buffer, t))
                over_from = None
    busy.sort()
    free: list[tuple[int, int]] = []
    for a, b in calendar.windows_between(w0, w1):
        cursor = a
        for c, d in busy:
            if d <= cursor or c >= b:
                continue
            if c > cursor:
                free.append((cursor, c))
            cursor = max(cursor, d)
        if cursor < b:
            free.append((cursor, b))
    return free


def free_slots(
    schedule: Schedule,
    kind: str,
    headcount: int,
    duration: _dt.timedelta,
    window: Interval,
    *,
    hub: str | None = None,
) -> tuple[Slot, ...]:
    """Return the free slots of every space of *kind* for *headcount* and *duration*.

    Args:
        schedule: The schedule.
        kind: The space kind.
        headcount: Persons (>= 1); spaces with a smaller capacity are skipped.
        duration: The least slot length (> 0).
        window: Where to look.
        hub: Only this hub.

    Returns:
        Slots sorted by start, then space id. Each slot is a maximal free interval at
        least *duration* long; any sub-interval of that length can be booked (subject to
        the space's duration and notice limits).

    Raises:
        ValidationError: On a headcount < 1 or a duration <= 0.
    """
    if type(headcount) is not int or headcount < 1:
        raise ValidationError("headcount", headcount, "must be an int >= 1")
    if not isinstance(duration, _dt.timedelta) or duration <= _dt.timedelta(0):
        raise ValidationError("duration", duration, "must be a timedelta > 0")
    if not isinstance(window, Interval):
        raise ValidationError("window", window, "must be an Interval")
    need = to_microseconds(duration)
    found: list[tuple[int, str, int]] = []
    for space in schedule.spaces():
        if space.kind != kind or space.capacity < headcount:
            continue
        if hub is not None and schedule.hub_of(space.id).id != hub:
            continue
        if space.max_duration is not None and space.max_duration < duration:
            continue
        found.extend(
            (a, space.id, b)
            for a, b in _free_in_space(schedule, space.id, headcount, window)
            if b - a >= need
        )
    found.sort()
    return tuple(Slot(space_id, Interval(from_us(a), from_us(b))) for a, space_id, b in found)
