"""Availability search, batch placement and the optimal schedule of one exclusive space.

* :func:`free_slots`: the maximal free intervals, inside a window, of every space of a
  kind that can take a headcount for at least a duration (inside opening hours, outside
  closures, with room for the headcount at every instant, leaving the turnaround buffer
  before the next booking of an exclusive space).
* :func:`place_batch`: places many requests, each asking for a space *kind*, a fixed
  interval, a headcount and a priority. **Strategy**: requests are taken by priority
  (highest first; ties keep the input order); each goes to the first compatible space
  that admits it, trying spaces by best fit (smallest capacity that holds the headcount,
  then space id). It is greedy and deterministic, not globally optimal.
* :func:`best_schedule`: for one exclusive space, the subset of candidate bookings with
  the greatest total weight that do not overlap (weighted interval scheduling, dynamic
  programming over candidates sorted by end with bisection: ``O(n log n)``).
"""

from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from collections.abc import Sequence

import attrs

from creative_city.errors import ValidationError
from creative_city.hubs.admission import (
    BookingRequest,
    Decision,
    Reason,
    Schedule,
    to_microseconds,
)
from creative_city.hubs.model import SpaceMode, from_us, to_us
from creative_city.time import Interval

__all__ = [
    "Candidate",
    "Placement",
    "PlacementRequest",
    "Selection",
    "Slot",
    "best_schedule",
    "free_slots",
    "place_batch",
]


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
        busy.extend((s - buffer, e + buffer) for s, e, _ in spans if s < w1 and e + buffer > w0)
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


@attrs.frozen
class PlacementRequest:
    """A request for any space of a kind.

    Attributes:
        id: The request id (also the booking id when placed).
        kind: The space kind wanted.
        interval: When.
        headcount: Persons.
        tenant: Who.
        priority: Higher goes first.
    """

    id: str
    kind: str
    interval: Interval
    headcount: int
    tenant: str
    priority: int = 0


@attrs.frozen
class Placement:
    """Where a request went.

    Attributes:
        request: The request id.
        space: The space it was placed in, or ``None``.
        reasons: When unplaced: the reasons given by the best-fitting compatible space
            (empty when no space of that kind can hold the headcount).
    """

    request: str
    space: str | None
    reasons: tuple[Reason, ...] = ()


def place_batch(schedule: Schedule, requests: Sequence[PlacementRequest]) -> tuple[Placement, ...]:
    """Place *requests* into *schedule* by priority, best fit first (see module doc).

    Returns:
        One placement per request, in the input order.
    """
    order = sorted(range(len(requests)), key=lambda i: (-requests[i].priority, i))
    spaces = sorted(schedule.spaces(), key=lambda s: (s.capacity, s.id))
    results: dict[int, Placement] = {}
    for index in order:
        request = requests[index]
        first: Decision | None = None
        placed: str | None = None
        for space in spaces:
            if space.kind != request.kind or space.capacity < request.headcount:
                continue
            decision = schedule.admit(
                BookingRequest(
                    space.id, request.interval, request.headcount, request.tenant, id=request.id
                )
            )
            if decision.accepted:
                placed = space.id
                break
            first = first or decision
        reasons = () if placed or first is None else first.reasons
        results[index] = Placement(request.id, placed, reasons)
    return tuple(results[i] for i in range(len(requests)))


@attrs.frozen
class Candidate:
    """A candidate booking for :func:`best_schedule`.

    Attributes:
        interval: When.
        weight: Its value (an int >= 0: revenue in minor units, persons, priority).
    """

    interval: Interval
    weight: int


@attrs.frozen
class Selection:
    """The chosen candidates.

    Attributes:
        chosen: Indexes into the candidate list, in time order.
        total: Their total weight.
    """

    chosen: tuple[int, ...]
    total: int


def best_schedule(
    candidates: Sequence[Candidate], buffer: _dt.timedelta = _dt.timedelta(0)
) -> Selection:
    """Return the non-overlapping subset of *candidates* with the greatest total weight.

    Two candidates are compatible when one ends (plus *buffer*) no later than the other
    starts. Ties between equally heavy subsets go to the one found by the DP that skips
    a candidate unless taking it is strictly better.

    >>> from creative_city.time import UTC
    >>> h = lambda n: _dt.datetime(2025, 1, 6, n, tzinfo=UTC)
    >>> best_schedule(
    ...     [
    ...         Candidate(Interval(h(9), h(12)), 5),
    ...         Candidate(Interval(h(9), h(10)), 3),
    ...         Candidate(Interval(h(10), h(12)), 3),
    ...     ]
    ... )
    Selection(chosen=(1, 2), total=6)
    """
    gap = to_microseconds(buffer)
    items = []
    for index, candidate in enumerate(candidates):
        if type(candidate.weight) is not int or candidate.weight < 0:
            raise ValidationError(f"candidates[{index}].weight", candidate.weight, "must be >= 0")
        items.append((to_us(candidate.interval.end) + gap, to_us(candidate.interval.start), index))
    items.sort()
    ends = [item[0] for item in items]
    best = [0] * (len(items) + 1)
    take = [False] * len(items)
    previous = [0] * len(items)
    for k, (_, start, index) in enumerate(items):
        p = bisect_right(ends, start, 0, k)
        previous[k] = p
        with_it = best[p] + candidates[index].weight
        if with_it > best[k]:
            best[k + 1] = with_it
            take[k] = True
        else:
            best[k + 1] = best[k]
    chosen: list[int] = []
    k = len(items) - 1
    while k >= 0:
        if take[k]:
            chosen.append(items[k][2])
            k = previous[k] - 1
        else:
            k -= 1
    chosen.sort(key=lambda i: to_us(candidates[i].interval.start))
    return Selection(tuple(chosen), best[-1])
