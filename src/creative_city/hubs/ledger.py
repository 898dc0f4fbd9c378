"""What a space has booked, as sorted integer arrays: the structure admission reads.

Each space of a schedule has a :class:`SpaceLedger`: its limits in epoch microseconds,
its hub's :class:`~creative_city.hubs.calendar.HubCalendar` and what is booked, kept so
that an admission costs a few bisections, never a scan of all bookings:

* an **exclusive** space keeps its bookings (with their turnaround buffer) as parallel
  sorted arrays of starts and ends (:class:`ExclusiveSpans`); since they never overlap,
  the bookings that clash with ``[s, e)`` are a contiguous run found by bisection
  (``O(log n + k)`` for ``k`` clashes);
* a **shared** space keeps its occupancy as a step function (:class:`SharedLoad`):
  sorted breakpoints and the load on each step. The peak load over ``[s, e)`` is the
  maximum over the steps the interval spans (``O(log n + k)`` for ``k`` steps inside
  it), and booking adds the headcount to those steps.

Inserting into the sorted arrays is a ``list.insert`` (a memmove of the tail,
microseconds even for thousands of bookings per space). The rules that decide what may
be booked are in :mod:`creative_city.hubs.rules`; the ledger only records and answers.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from creative_city.hubs.calendar import HubCalendar
from creative_city.hubs.model import Space, SpaceMode, to_microseconds

__all__ = ["ExclusiveSpans", "SharedLoad", "SpaceLedger"]


class ExclusiveSpans:
    """Non-overlapping blocked spans ``[start, end + buffer)`` sorted by start.

    Attributes:
        buffer: The turnaround time after each booking, in microseconds.
        starts: The spans' starts, sorted.
        ends: The spans' blocked ends (booking end plus buffer), in the same order.
        keys: The booking id of each span, in the same order.
    """

    __slots__ = ("buffer", "ends", "keys", "starts")

    def __init__(self, buffer: int) -> None:
        self.buffer = buffer
        self.starts: list[int] = []
        self.ends: list[int] = []
        self.keys: list[str] = []

    def clashes(self, s: int, e: int) -> list[tuple[str, int]]:
        """Return (booking id, start) of every span that ``[s, e + buffer)`` overlaps."""
        blocked = e + self.buffer
        starts = self.starts
        i = bisect_right(self.ends, s)
        found: list[tuple[str, int]] = []
        n = len(starts)
        while i < n and starts[i] < blocked:
            found.append((self.keys[i], starts[i]))
            i += 1
        return found

    def take(self, s: int, e: int, key: str, _persons: int) -> None:
        """Record booking *key* on ``[s, e)`` (the caller checked it clashes with none)."""
        i = bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e + self.buffer)
        self.keys.insert(i, key)

    def release(self, s: int, _e: int, key: str, _persons: int) -> None:
        """Remove the span of booking *key* that starts at *s*."""
        i = bisect_left(self.starts, s)
        while self.keys[i] != key:  # pragma: no cover - starts are unique here
            i += 1
        del self.starts[i], self.ends[i], self.keys[i]

    def load_at(self, t: int, capacity: int) -> int:
        """Return *capacity* if a booking (without its buffer) holds instant *t*, else 0."""
        i = bisect_right(self.starts, t) - 1
        return capacity if i >= 0 and self.ends[i] - self.buffer > t else 0

    def spans(self, capacity: int) -> list[tuple[int, int, int]]:
        """Return (start, end, *capacity*) of every booking, by start (buffers left out)."""
        gap = self.buffer
        return [(s, e - gap, capacity) for s, e in zip(self.starts, self.ends, strict=True)]


class SharedLoad:
    """A step function: ``loads[i]`` persons on ``[times[i], times[i + 1])``.

    Attributes:
        buffer: The turnaround time after each booking, in microseconds.
        times: The breakpoints, sorted.
        loads: The persons present from each breakpoint to the next.
    """

    __slots__ = ("buffer", "loads", "times")

    def __init__(self, buffer: int) -> None:
        self.buffer = buffer
        self.times: list[int] = []
        self.loads: list[int] = []

    def peak(self, s: int, e: int) -> tuple[int, int]:
        """Return (peak load, first instant of the peak) over ``[s, e)``."""
        times = self.times
        loads = self.loads
        i = max(bisect_right(times, s) - 1, 0)
        j = bisect_left(times, e)
        best = 0
        where = s
        for k in range(i, j):
            if loads[k] > best:
                best = loads[k]
                where = max(times[k], s)
        return best, where

    def take(self, s: int, e: int, _key: str, persons: int) -> None:
        """Add *persons* on ``[s, e + buffer)``."""
        self._add(s, e + self.buffer, persons)

    def release(self, s: int, e: int, _key: str, persons: int) -> None:
        """Take *persons* off ``[s, e + buffer)`` again."""
        self._add(s, e + self.buffer, -persons)

    def load_at(self, t: int, _capacity: int) -> int:
        """Return the persons present at instant *t*."""
        i = bisect_right(self.times, t) - 1
        return self.loads[i] if i >= 0 else 0

    def _split(self, t: int) -> int:
        times = self.times
        i = bisect_left(times, t)
        if i < len(times) and times[i] == t:
            return i
        load = self.loads[i - 1] if i > 0 else 0
        times.insert(i, t)
        self.loads.insert(i, load)
        return i

    def _add(self, s: int, e: int, amount: int) -> None:
        i = self._split(s)
        j = self._split(e)
        loads = self.loads
        for k in range(i, j):
            loads[k] += amount
        # Coalesce equal neighbours so the structure stays as small as the function.
        for k in (j, i):
            if 0 < k < len(loads) and loads[k] == loads[k - 1]:
                del self.times[k], loads[k]
            elif k == 0 and loads and loads[0] == 0:
                del self.times[0], loads[0]


class SpaceLedger:
    """One space of a schedule: its limits in microseconds, its calendar, its bookings.

    Attributes:
        space: The space.
        calendar: The opening calendar of its hub.
        capacity: Persons.
        min_us: The shortest booking.
        max_us: The longest booking, or ``None``.
        notice: The least notice before a booking's start.
        advance: The furthest a booking may end after its request, or ``None``.
        opening: The first instant the space is open.
        closures: Whether any closure concerns the space.
        booked: What is booked: spans (exclusive) or a step function of load (shared).
    """

    __slots__ = (
        "advance",
        "booked",
        "calendar",
        "capacity",
        "closures",
        "max_us",
        "min_us",
        "notice",
        "opening",
        "space",
    )

    def __init__(self, space: Space, calendar: HubCalendar) -> None:
        self.space = space
        self.calendar = calendar
        self.capacity = space.capacity
        self.min_us = to_microseconds(space.min_duration)
        self.max_us = None if space.max_duration is None else to_microseconds(space.max_duration)
        self.notice = to_microseconds(space.min_notice)
        self.advance = None if space.max_advance is None else to_microseconds(space.max_advance)
        self.opening = calendar.space_opening_us[space.id]
        self.closures = bool(calendar.closures[space.id][0])
        buffer = to_microseconds(space.buffer)
        self.booked: ExclusiveSpans | SharedLoad = (
            ExclusiveSpans(buffer) if space.mode is SpaceMode.EXCLUSIVE else SharedLoad(buffer)
        )
