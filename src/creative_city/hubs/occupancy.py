"""Occupancy as a step function, computed by a sweep line.

Every occurrence ``[start, end)`` with ``persons`` contributes ``+persons`` at its start
and ``-persons`` at its end. Sorting the changes (ends before starts at the same
instant, because intervals are half-open) and taking the running sum gives the load on
each step; the peak is its maximum. The sort is ``O(n log n)`` and the sum runs in C
(``itertools.accumulate``), so a million occurrences take about a second, never a
pairwise comparison.
"""

from __future__ import annotations

import datetime as _dt
import math
import operator
from collections.abc import Iterable, Sequence
from itertools import accumulate, repeat

import attrs

from creative_city.errors import ValidationError
from creative_city.hubs.model import from_us, to_us
from creative_city.time import Interval

__all__ = ["Occupancy", "Step", "occupancy", "sweep"]

_BITS = 25
_WIDTH = 1 << _BITS
_SHIFT = 1 << 24  # persons per occurrence stay below this in the packed sort key
_FLOAT_HORIZON = 1 << (53 - _BITS)


@attrs.frozen
class Step:
    """The load on ``[start, next step's start)``.

    Attributes:
        start: When the load begins (UTC).
        load: Persons present.
    """

    start: _dt.datetime
    load: int


@attrs.frozen
class Occupancy:
    """A step function of persons present over time.

    Attributes:
        steps: The steps in time order; the last one has load 0.
        peak: The highest load.
        peak_at: The first instant the peak is reached (``None`` when empty).
        peak_until: When that first peak step ends.
    """

    steps: tuple[Step, ...]
    peak: int
    peak_at: _dt.datetime | None
    peak_until: _dt.datetime | None

    def __repr__(self) -> str:
        where = self.peak_at.isoformat() if self.peak_at else "-"
        return f"<Occupancy {len(self.steps)} steps, peak {self.peak} at {where}>"

    def load_at(self, instant: _dt.datetime) -> int:
        """Return the load at *instant*."""
        current = 0
        for step in self.steps:
            if step.start > instant:
                break
            current = step.load
        return current

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per step."""
        return [{"start": s.start, "load": s.load} for s in self.steps]


def sweep(
    starts: Sequence[int], ends: Sequence[int], persons: Sequence[int]
) -> tuple[int, int | None, int | None]:
    """Return (peak, peak start, peak end) over spans given as epoch-microsecond ints.

    The fast path for large inputs: three parallel sequences, no objects.

    Raises:
        ValidationError: If the sequences differ in length, a span is empty, or a
            headcount is not in ``1 .. 2**24 - 1``.
    """
    n = len(starts)
    if len(ends) != n or len(persons) != n:
        raise ValidationError("spans", n, "starts, ends and persons must have equal lengths")
    if n == 0:
        return 0, None, None
    if min(persons) < 1 or max(persons) >= _SHIFT:
        raise ValidationError("persons", min(persons), "must be between 1 and 16777215")
    if any(map(operator.le, ends, starts)):
        raise ValidationError("spans", "end <= start", "every span must have end > start")
    # Times relative to the first start, in units of their greatest common divisor, so
    # that (time, delta) packs into one number, delta = +persons at a start and -persons
    # at an end; ends sort before starts at the same instant (half-open intervals).
    # Small horizons pack into exact floats (the C fast path of list.sort); others into
    # ints (time * 2**25 + 2**24 + delta). Every step runs in C (map, accumulate).
    origin = min(starts)
    # Any common divisor of all the times divides their differences from the origin.
    unit = math.gcd(math.gcd(*starts), math.gcd(*ends)) or 1
    horizon = (max(ends) - origin) // unit
    keys: list[float] | list[int]
    deltas: Iterable[float] | Iterable[int]
    if horizon < _FLOAT_HORIZON:
        # Floats: key = (t - origin) / unit * 2**25 + delta, with delta = -persons at an
        # end and +persons at a start. (t - origin) / unit is a whole quotient below
        # 2**53, so every step is exact; |delta| < 2**24 keeps each instant's keys apart
        # and puts its ends before its starts; math.remainder(key, 2**25) gives delta.
        width = float(_WIDTH)
        floats = list(
            map(
                operator.sub,
                map(
                    width.__mul__,
                    map(operator.truediv, map(operator.sub, ends, repeat(origin)), repeat(unit)),
                ),
                persons,
            )
        )
        floats += map(
            operator.add,
            map(
                width.__mul__,
                map(operator.truediv, map(operator.sub, starts, repeat(origin)), repeat(unit)),
            ),
            persons,
        )
        floats.sort()
        keys = floats
        deltas = map(math.remainder, floats, repeat(width))
    else:
        ints = [((e - origin) // unit << _BITS) | (_SHIFT - p) for e, p in zip(ends, persons)]  # noqa: B905
        ints += [((s - origin) // unit << _BITS) | (_SHIFT + p) for s, p in zip(starts, persons)]  # noqa: B905
        ints.sort()
        keys = ints
        deltas = map((-_SHIFT).__add__, map((_WIDTH - 1).__and__, ints))
    running = list(accumulate(deltas))
    peak = max(running)
    i = running.index(peak)

    def when(index: int) -> int:
        key = keys[index]
        if isinstance(key, float):
            return round(key / _WIDTH) * unit + origin
        return (key >> _BITS) * unit + origin

    at = when(i)
    until = None
    j = i + 1
    while j < len(keys):
        if when(j) != at:
            until = when(j)
            break
        j += 1
    return int(peak), at, until


def occupancy(items: Iterable[tuple[Interval, int]]) -> Occupancy:
    """Return the occupancy step function of ``(interval, persons)`` pairs.

    >>> from creative_city.time import UTC
    >>> h = lambda n: _dt.datetime(2025, 1, 6, n, tzinfo=UTC)
    >>> occ = occupancy([(Interval(h(9), h(11)), 3), (Interval(h(10), h(12)), 2)])
    >>> occ.peak, occ.peak_at.hour, occ.peak_until.hour
    (5, 10, 11)
    """
    changes: dict[int, int] = {}
    for interval, persons in items:
        if type(persons) is not int or persons < 1:
            raise ValidationError("persons", persons, "must be an int >= 1")
        s, e = to_us(interval.start), to_us(interval.end)
        changes[s] = changes.get(s, 0) + persons
        changes[e] = changes.get(e, 0) - persons
    steps: list[Step] = []
    load = 0
    for t in sorted(changes):
        if changes[t]:
            load += changes[t]
            steps.append(Step(from_us(t), load))
    peak = max((s.load for s in steps), default=0)
    if peak == 0:
        return Occupancy(tuple(steps), 0, None, None)
    index = next(i for i, s in enumerate(steps) if s.load == peak)
    return Occupancy(tuple(steps), peak, steps[index].start, steps[index + 1].start)
