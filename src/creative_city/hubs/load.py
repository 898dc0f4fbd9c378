"""Occupancy as a step function, computed by a sweep line.

Every occurrence ``[start, end)`` with ``persons`` contributes ``+persons`` at its start
and ``-persons`` at its end. Sorting the changes (ends before starts at the same
instant, because intervals are half-open) and taking the running sum gives the load on
each step; the peak is its maximum. The sort is ``O(n log n)``, never a pairwise
comparison of spans, and every pass over the events runs in C: :func:`sweep` packs each
change into one exact double (sorted by ``list.sort``'s float fast path) and reads the
sorted deltas back through a byte buffer, so a million occurrences take under two
seconds on a slow machine.
"""

from __future__ import annotations

import datetime as _dt
import math
import operator
import struct
import sys
from array import array
from collections.abc import Callable, Iterable, Sequence
from itertools import accumulate, repeat

import attrs

from creative_city.errors import ValidationError
from creative_city.hubs.model import from_us, to_us
from creative_city.time import Interval

__all__ = ["Occupancy", "Step", "occupancy", "sweep"]

_BITS = 25
_WIDTH = 1 << _BITS
_SHIFT = 1 << 24  # persons per occurrence stay below this in the packed sort key
_MANTISSA = 1 << 52  # doubles in [2**52, 2**53) are exactly the integers
_PACKED_HORIZON = 1 << (52 - _BITS)  # steps per packed key: 2**27
_MAX_UNIT_BITS = 900  # keeps (2**27 + step) * unit far below the largest double
# Byte offsets of the low 32 bits of a double and of a 32-bit int, in native order.
_DOUBLE_BYTES = (0, 1, 2, 3) if sys.byteorder == "little" else (7, 6, 5, 4)
_INT_BYTES = (0, 1, 2, 3) if sys.byteorder == "little" else (3, 2, 1, 0)
# Bits 24..31 of a packed key's low word -> the sign extension of bit 24.
_SIGN_EXTEND = bytes(0xFF if byte & 1 else 0 for byte in range(256))


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


def _exact_scale(unit: int) -> bool:
    """Return whether ``(2**27 + step) * unit`` and ``unit / 2**25`` are exact doubles.

    True when the odd part of *unit* is below ``2**25``: the products then have at
    most 53 significant bits (and *unit* is far from the double's exponent limit).
    """
    odd = unit >> ((unit & -unit).bit_length() - 1)
    return odd < _WIDTH and unit.bit_length() < _MAX_UNIT_BITS


def _packed_keys(
    starts: Sequence[int], ends: Sequence[int], persons: Sequence[int], origin: int, unit: int
) -> list[float]:
    """Return the sorted keys ``2**52 + step * 2**25 + delta`` of every end and start.

    *step* is ``(t - origin) // unit`` (below ``2**27``) and *delta* is ``-persons`` at
    an end and ``+persons`` at a start, so ends sort before starts at the same instant.
    Every key is an integer in ``[2**52, 2**53)``, where the doubles are exactly the
    integers: the sort compares plain floats (the fastest path of ``list.sort``) and
    the low 25 bits of each key's mantissa are its delta in two's complement.
    """
    # (t - base) / scale == (2**27 + step) * 2**25 exactly: both operands are exact
    # doubles (``_exact_scale``) and the true quotient is an integer below 2**53;
    # adding or subtracting persons (< 2**24) stays in [2**52, 2**53), exact too.
    base = origin - _PACKED_HORIZON * unit
    scale = unit / _WIDTH
    keys = list(
        map(
            operator.sub,
            map(operator.truediv, map(operator.sub, ends, repeat(base)), repeat(scale)),
            persons,
        )
    )
    keys += map(
        operator.add,
        map(operator.truediv, map(operator.sub, starts, repeat(base)), repeat(scale)),
        persons,
    )
    keys.sort()
    return keys


def _packed_deltas(keys: list[float]) -> memoryview:
    """Return the deltas of sorted packed keys as a memoryview of 32-bit ints.

    ``struct.pack`` copies the keys once into a byte buffer (the only pass that reads
    the sorted float objects, and the fastest such copy); strided byte slices then move
    the low three mantissa bytes of each key into a 32-bit int, and the fourth byte
    becomes the sign extension of bit 24 (0xFF or 0x00). Everything after the copy
    runs over contiguous bytes.
    """
    raw = struct.pack(f"{len(keys)}d", *keys)  # native doubles, as array("d") lays them out
    out = bytearray(4 * len(keys))
    for byte in range(3):
        out[_INT_BYTES[byte] :: 4] = raw[_DOUBLE_BYTES[byte] :: 8]
    out[_INT_BYTES[3] :: 4] = raw[_DOUBLE_BYTES[3] :: 8].translate(_SIGN_EXTEND)
    return memoryview(out).cast("i")


def _packing_works() -> bool:
    """Return whether doubles and ints have the layout ``_packed_deltas`` reads."""
    if array("d").itemsize != 8 or array("i").itemsize != 4:  # pragma: no cover
        return False
    probes = [(0, 1), (1, -1), (1, 1 - _SHIFT), (3, _SHIFT - 1), (_PACKED_HORIZON - 1, 7)]
    keys = [float(_MANTISSA + step * _WIDTH + delta) for step, delta in probes]
    return list(_packed_deltas(keys)) == [delta for _, delta in probes]


_PACKED = _packing_works()


def sweep(
    starts: Sequence[int], ends: Sequence[int], persons: Sequence[int]
) -> tuple[int, int | None, int | None]:
    """Return (peak, peak start, peak end) over spans given as epoch-microsecond ints.

    The fast path for large inputs: three parallel sequences, no objects. The peak
    start is the first instant the peak load is reached; the peak end is the next
    instant at which any span starts or ends (half-open: a span ending at ``t`` and
    one starting at ``t`` do not overlap).

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
    # that (time, delta) packs into one sort key, delta = +persons at a start and
    # -persons at an end; ends sort before starts at the same instant (half-open).
    origin = min(starts)
    # Any common divisor of all the times divides their differences from the origin.
    unit = math.gcd(math.gcd(*starts), math.gcd(*ends)) or 1
    horizon = (max(ends) - origin) // unit
    step: Callable[[int], int]
    if _PACKED and horizon < _PACKED_HORIZON and _exact_scale(unit):
        floats = _packed_keys(starts, ends, persons, origin, unit)
        running = list(accumulate(_packed_deltas(floats)))

        def step(index: int) -> int:
            return (int(floats[index]) - _MANTISSA + _SHIFT) >> _BITS

    else:
        ints = [((e - origin) // unit << _BITS) | (_SHIFT - p) for e, p in zip(ends, persons)]  # noqa: B905
        ints += [((s - origin) // unit << _BITS) | (_SHIFT + p) for s, p in zip(starts, persons)]  # noqa: B905
        ints.sort()
        running = list(accumulate(map((-_SHIFT).__add__, map((_WIDTH - 1).__and__, ints))))

        def step(index: int) -> int:
            return ints[index] >> _BITS

    peak = max(running)
    i = running.index(peak)
    at = step(i)
    until = None
    for j in range(i + 1, len(running)):
        if step(j) != at:
            until = step(j) * unit + origin
            break
    return peak, at * unit + origin, until


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
