"""Placing requests: a batch into spaces of a kind, and the best set for one space.

* :func:`place_batch` places many requests, each asking for a space *kind*, a fixed
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
from creative_city.hubs.booking import BookingRequest, Decision, Reason
from creative_city.hubs.model import to_microseconds, to_us
from creative_city.hubs.schedule import Schedule
from creative_city.time import Interval

__all__ = [
    "Candidate",
    "Placement",
    "PlacementRequest",
    "Selection",
    "best_schedule",
    "place_batch",
]


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
        reasons = () if placed or first is None else tuple(first.reasons)
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

    Raises:
        ValidationError: If a weight is not an int >= 0, or *buffer* is not a
            timedelta >= 0 (a space's turnaround rule).
    """
    if not isinstance(buffer, _dt.timedelta) or buffer < _dt.timedelta(0):
        raise ValidationError("buffer", buffer, "must be a timedelta >= 0")
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
