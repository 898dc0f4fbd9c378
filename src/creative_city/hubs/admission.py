"""Booking requests, admission with every reason, cancellation and the schedule.

A :class:`Schedule` holds the hubs and the admitted bookings. Each space keeps a sorted
structure so that an admission costs a few bisections, never a scan of all bookings:

* an **exclusive** space keeps its bookings (with their turnaround buffer) as parallel
  sorted arrays of starts and ends; since they never overlap, the bookings that clash
  with ``[s, e)`` are a contiguous run found by bisection (``O(log n + k)`` for ``k``
  clashes);
* a **shared** space keeps its occupancy as a step function: sorted breakpoints and the
  load on each step. The peak load over ``[s, e)`` is the maximum over the steps the
  interval spans (``O(log n + k)`` for ``k`` steps inside it), and admitting adds the
  headcount to those steps.

Finding clashes never scans other bookings; inserting into the sorted arrays is a
``list.insert`` (a memmove of the tail, microseconds even for thousands of bookings per
space). Opening hours are a bisection into per-year arrays of open windows.

Admission validates first and applies afterwards, so a rejected request (or one that
raises) changes nothing. A decision lists **every** reason that applies.

Half-open intervals: a booking ending at 11:00 and another starting at 11:00 never
clash.
"""

from __future__ import annotations

import datetime as _dt
import enum
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Union

import attrs

from creative_city.errors import InvalidStateError, LimitExceededError, ValidationError
from creative_city.hubs.model import (
    Hub,
    HubCalendar,
    Space,
    SpaceMode,
    from_us,
    to_us,
)
from creative_city.hubs.recurrence import Recurrence, expand
from creative_city.serialization import register_tagged_union
from creative_city.time import Interval, require_aware

if TYPE_CHECKING:
    from creative_city.hubs.occupancy import Occupancy

__all__ = [
    "AdmitMode",
    "Booking",
    "BookingAdmitted",
    "BookingCancelled",
    "BookingRequest",
    "Decision",
    "OccurrenceCancelled",
    "Reason",
    "ReasonCode",
    "Schedule",
    "ScheduleHistory",
    "ScheduleState",
    "SkippedOccurrence",
]


class ReasonCode(enum.Enum):
    """Why a booking (or one occurrence) was refused."""

    NOT_OPEN_YET = "not-open-yet"
    DURATION = "duration"
    NOTICE = "notice"
    OUTSIDE_HOURS = "outside-hours"
    CLOSURE = "closure"
    CONFLICT = "conflict"
    OVER_CAPACITY = "over-capacity"
    SELF_OVERLAP = "self-overlap"


class AdmitMode(enum.Enum):
    """How to admit a recurring request when some occurrences cannot be placed."""

    WHOLE = "whole"
    """All occurrences or none."""
    SKIP_CONFLICTS = "skip-conflicts"
    """Place the occurrences that fit; list the skipped ones with their reasons."""


@attrs.frozen
class Reason:
    """One reason a booking or an occurrence was refused.

    Attributes:
        code: The rule broken.
        message: A sentence naming the rule, the value and the limit.
        occurrence: The start of the occurrence concerned (for recurring requests).
        at: The instant the rule breaks (over capacity: where the peak is).
        excess: Persons above capacity (over capacity only).
        booking: The booking clashed with (conflict only).
    """

    code: ReasonCode
    message: str
    occurrence: _dt.datetime | None = None
    at: _dt.datetime | None = None
    excess: int | None = None
    booking: str | None = None


@attrs.frozen
class SkippedOccurrence:
    """An occurrence left out under :attr:`AdmitMode.SKIP_CONFLICTS`.

    Attributes:
        start: The occurrence's start (local time of the hub).
        reasons: Why it was skipped.
    """

    start: _dt.datetime
    reasons: tuple[Reason, ...]


def _headcount(value: object) -> int:
    if type(value) is not int or value <= 0:
        raise ValidationError("headcount", value, "must be an int >= 1")
    return value


def _tenant(value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ValidationError("tenant", value, "must be a non-empty string")
    return value


def _space_id(value: object) -> str:
    if not isinstance(value, str) or not value:
        raise ValidationError("space", value, "must be a space id string")
    return value


def _requested_at(value: object) -> _dt.datetime | None:
    if value is None:
        return None
    return require_aware(value, "requested_at")


@attrs.frozen
class BookingRequest:
    """A request to book a space.

    Attributes:
        space: The space id.
        interval: The (first) occurrence, half-open.
        headcount: Persons (>= 1, at most the space's capacity).
        tenant: Who books.
        recurrence: Optional RRULE/EXDATE/RDATE; each occurrence keeps the first one's
            local start time and its exact duration.
        requested_at: When the request is made; notice limits are measured from it.
        id: Optional booking id; the schedule numbers bookings ``B1``, ``B2``... otherwise.
    """

    space: str = attrs.field(validator=lambda _, __, v: _space_id(v))
    interval: Interval = attrs.field()
    headcount: int = attrs.field(validator=lambda _, __, v: _headcount(v))
    tenant: str = attrs.field(validator=lambda _, __, v: _tenant(v))
    recurrence: Recurrence | None = None
    requested_at: _dt.datetime | None = attrs.field(
        default=None, validator=lambda _, __, v: _requested_at(v)
    )
    id: str | None = None

    @interval.validator
    def _check_interval(self, _: object, value: object) -> None:
        if not isinstance(value, Interval):
            raise ValidationError("interval", value, "must be an Interval")


@attrs.frozen
class Booking:
    """An admitted booking.

    Attributes:
        id: The booking id.
        space: The space id.
        tenant: Who booked.
        headcount: Persons.
        occurrences: The placed occurrences, in order.
    """

    id: str
    space: str
    tenant: str
    headcount: int
    occurrences: tuple[Interval, ...]


@attrs.frozen
class Decision:
    """The answer to a request.

    Attributes:
        accepted: Whether a booking was made.
        booking_id: The new booking's id (accepted) or the id it would have had.
        reasons: Every reason for a refusal (empty when accepted).
        placed: The number of occurrences placed.
        skipped: The occurrences that could not be placed, with their reasons (left out
            in skip mode; the cause of the refusal in whole mode).
    """

    accepted: bool
    booking_id: str
    reasons: tuple[Reason, ...] = ()
    placed: int = 0
    skipped: tuple[SkippedOccurrence, ...] = ()

    def __repr__(self) -> str:
        verdict = "accepted" if self.accepted else "rejected"
        why = "; ".join(r.message for r in self.reasons)
        extra = f", skipped {len(self.skipped)}" if self.skipped else ""
        return f"<Decision {self.booking_id} {verdict}{extra}{': ' + why if why else ''}>"

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per reason (or one row when accepted), for notebooks."""
        if not self.reasons:
            return [
                {
                    "booking_id": self.booking_id,
                    "accepted": self.accepted,
                    "placed": self.placed,
                    "skipped": len(self.skipped),
                }
            ]
        return [
            {
                "booking_id": self.booking_id,
                "accepted": self.accepted,
                "code": r.code.value,
                "message": r.message,
                "occurrence": r.occurrence,
                "at": r.at,
                "excess": r.excess,
                "booking": r.booking,
            }
            for r in self.reasons
        ]


@attrs.frozen
class ScheduleState:
    """A schedule's full state, as a JSON-friendly value.

    Attributes:
        hubs: The hubs.
        bookings: The admitted bookings, in admission order.
        next_number: The number the next automatic booking id gets.
    """

    hubs: tuple[Hub, ...]
    bookings: tuple[Booking, ...] = ()
    next_number: int = 1


@attrs.frozen
class BookingAdmitted:
    """Event: a booking was admitted with these occurrences.

    Attributes:
        booking: The booking.
        numbered: Whether the schedule numbered it (``B1``, ``B2``...).
    """

    booking: Booking
    numbered: bool = False


@attrs.frozen
class BookingCancelled:
    """Event: a whole booking was cancelled."""

    booking_id: str


@attrs.frozen
class OccurrenceCancelled:
    """Event: one occurrence of a booking was cancelled."""

    booking_id: str
    start: _dt.datetime


ScheduleEvent = Union[BookingAdmitted, BookingCancelled, OccurrenceCancelled]  # noqa: UP007
"""The events of a schedule; replaying them with :meth:`Schedule.replay` rebuilds it."""

register_tagged_union(ScheduleEvent, tag="type")


@attrs.frozen
class ScheduleHistory:
    """A schedule's hubs and event log, as a JSON-friendly value.

    Attributes:
        hubs: The hubs.
        events: Every admission and cancellation, in order.
    """

    hubs: tuple[Hub, ...]
    events: tuple[ScheduleEvent, ...] = ()


# -- per-space structures ---------------------------------------------------------------


class _Exclusive:
    """Non-overlapping blocked spans ``[start, end + buffer)`` sorted by start."""

    __slots__ = ("buffer", "ends", "keys", "starts")

    def __init__(self, buffer: int) -> None:
        self.buffer = buffer
        self.starts: list[int] = []
        self.ends: list[int] = []  # blocked ends: end + buffer
        self.keys: list[str] = []

    def clashes(self, s: int, e: int) -> list[tuple[str, int]]:
        blocked = e + self.buffer
        ends = self.ends
        starts = self.starts
        i = bisect_right(ends, s)
        found: list[tuple[str, int]] = []
        n = len(starts)
        while i < n and starts[i] < blocked:
            found.append((self.keys[i], starts[i]))
            i += 1
        return found

    def insert(self, s: int, e: int, key: str) -> None:
        i = bisect_left(self.starts, s)
        self.starts.insert(i, s)
        self.ends.insert(i, e + self.buffer)
        self.keys.insert(i, key)

    def remove(self, s: int, key: str) -> None:
        i = bisect_left(self.starts, s)
        while self.keys[i] != key:  # pragma: no cover - starts are unique here
            i += 1
        del self.starts[i], self.ends[i], self.keys[i]


class _Shared:
    """A step function: ``loads[i]`` persons on ``[times[i], times[i + 1])``."""

    __slots__ = ("buffer", "loads", "times")

    def __init__(self, buffer: int) -> None:
        self.buffer = buffer
        self.times: list[int] = []
        self.loads: list[int] = []

    def peak(self, s: int, e: int) -> tuple[int, int]:
        """Return (peak load, first instant of the peak) over ``[s, e)``."""
        times = self.times
        loads = self.loads
        i = bisect_right(times, s) - 1
        j = bisect_left(times, e)
        best = 0
        where = s
        i = max(i, 0)
        for k in range(i, j):
            if loads[k] > best:
                best = loads[k]
                where = max(times[k], s)
        return best, where

    def _split(self, t: int) -> int:
        times = self.times
        i = bisect_left(times, t)
        if i < len(times) and times[i] == t:
            return i
        load = self.loads[i - 1] if i > 0 else 0
        times.insert(i, t)
        self.loads.insert(i, load)
        return i

    def add(self, s: int, e: int, amount: int) -> None:
        e += self.buffer
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


class _Slot:
    __slots__ = (
        "advance",
        "calendar",
        "capacity",
        "closures",
        "exclusive",
        "max_us",
        "min_us",
        "notice",
        "opening",
        "shared",
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
        self.exclusive = _Exclusive(buffer) if space.mode is SpaceMode.EXCLUSIVE else None
        self.shared = _Shared(buffer) if space.mode is SpaceMode.SHARED else None


def _booking(key: str, value: Booking | BookingRequest) -> Booking:
    if isinstance(value, Booking):
        return value
    return Booking(key, value.space, value.tenant, value.headcount, (value.interval,))


def to_microseconds(delta: _dt.timedelta) -> int:
    """Return a timedelta as whole microseconds."""
    return (delta.days * 86_400 + delta.seconds) * 1_000_000 + delta.microseconds


def _fmt(us: int, slot: _Slot) -> str:
    return from_us(us).astimezone(slot.calendar.tzinfo).isoformat()


def _local(us: int, slot: _Slot) -> _dt.datetime:
    return from_us(us).astimezone(slot.calendar.tzinfo)


class Schedule:
    """The bookings of a set of hubs, admitted one request at a time.

    Build it with :meth:`of` (or :meth:`restore` from a :class:`ScheduleState`); change
    it only with :meth:`admit`, :meth:`cancel` and :meth:`cancel_occurrence`. Every
    change is validated before it is applied.
    """

    def __init__(self, hubs: Sequence[Hub]) -> None:
        self.hubs: tuple[Hub, ...] = tuple(hubs)
        self._slots: dict[str, _Slot] = {}
        self._hub_of: dict[str, str] = {}
        for hub in self.hubs:
            if not isinstance(hub, Hub):
                raise ValidationError("hubs", hub, "must be Hub values")
            calendar = HubCalendar(hub)
            for space in hub.spaces:
                if space.id in self._slots:
                    raise ValidationError("space.id", space.id, "must be unique across hubs")
                self._slots[space.id] = _Slot(space, calendar)
                self._hub_of[space.id] = hub.id
        ids = [hub.id for hub in self.hubs]
        if len(set(ids)) != len(ids):
            raise ValidationError("hubs", ids, "hub ids must be unique")
        # A single booking is kept as its request until someone asks for the Booking:
        # admitting then allocates no long-lived object (cheaper for the GC).
        self._bookings: dict[str, Booking | BookingRequest] = {}
        self._by_space: dict[str, dict[str, Booking | BookingRequest]] = {
            key: {} for key in self._slots
        }
        self._next = 1
        self._log: list[tuple[str, str, Any]] = []

    @classmethod
    def of(cls, *hubs: Hub) -> Schedule:
        """Return an empty schedule for *hubs*."""
        return cls(hubs)

    @classmethod
    def restore(cls, state: ScheduleState) -> Schedule:
        """Rebuild a schedule from its state (re-checking nothing: the state was valid)."""
        schedule = cls(state.hubs)
        for booking in state.bookings:
            slot = schedule._slot(booking.space)
            for occurrence in booking.occurrences:
                schedule._apply(slot, to_us(occurrence.start), to_us(occurrence.end), booking)
            schedule._bookings[booking.id] = booking
            schedule._by_space[booking.space][booking.id] = booking
        schedule._next = state.next_number
        return schedule

    @classmethod
    def replay(cls, hubs: Sequence[Hub], events: Iterable[ScheduleEvent]) -> Schedule:
        """Rebuild a schedule by folding its event log (see :meth:`events`).

        Admitted bookings are re-applied as recorded (their checks already passed), and
        cancellations are applied again, so the result equals the original schedule.
        """
        schedule = cls(hubs)
        for event in events:
            if isinstance(event, BookingAdmitted):
                booking = event.booking
                slot = schedule._slot(booking.space)
                for occurrence in booking.occurrences:
                    schedule._apply(slot, to_us(occurrence.start), to_us(occurrence.end), booking)
                schedule._bookings[booking.id] = booking
                schedule._by_space[booking.space][booking.id] = booking
                if event.numbered:
                    schedule._next += 1
            elif isinstance(event, BookingCancelled):
                schedule.cancel(event.booking_id)
            else:
                schedule.cancel_occurrence(event.booking_id, event.start)
        return schedule

    def events(self) -> tuple[ScheduleEvent, ...]:
        """Return the event log: every admission and cancellation, in order."""
        return tuple(
            BookingAdmitted(_booking(key, payload), kind == "numbered")
            if kind in ("admitted", "numbered")
            else BookingCancelled(key)
            if kind == "cancelled"
            else OccurrenceCancelled(key, payload)
            for kind, key, payload in self._log
        )

    def history(self) -> ScheduleHistory:
        """Return the hubs and the event log (round-trips through JSON)."""
        return ScheduleHistory(self.hubs, self.events())

    def state(self) -> ScheduleState:
        """Return the schedule's state (round-trips through JSON)."""
        return ScheduleState(self.hubs, self.bookings, self._next)

    # -- queries ---------------------------------------------------------------------

    @property
    def bookings(self) -> tuple[Booking, ...]:
        """The admitted bookings, in admission order."""
        return tuple(_booking(key, value) for key, value in self._bookings.items())

    def booking(self, booking_id: str) -> Booking:
        """Return the booking *booking_id*.

        Raises:
            InvalidStateError: If there is no such booking.
        """
        found = self._bookings.get(booking_id)
        if found is None:
            raise InvalidStateError("booking_id", booking_id, "is not an admitted booking")
        return _booking(booking_id, found)

    def space(self, space_id: str) -> Space:
        """Return the space *space_id* (raises ValidationError if unknown)."""
        return self._slot(space_id).space

    def hub_of(self, space_id: str) -> Hub:
        """Return the hub that holds *space_id*."""
        return self._slot(space_id).calendar.hub

    def calendar(self, space_id: str) -> HubCalendar:
        """Return the opening calendar of the hub holding *space_id* (internal use)."""
        return self._slot(space_id).calendar

    def spaces(self) -> tuple[Space, ...]:
        """Every space, in hub order."""
        return tuple(slot.space for slot in self._slots.values())

    def load_at(self, space_id: str, instant: _dt.datetime) -> int:
        """Return the persons in *space_id* at *instant* (exclusive: capacity or 0)."""
        slot = self._slot(space_id)
        t = to_us(require_aware(instant, "instant"))
        if slot.exclusive is not None:
            ex = slot.exclusive
            i = bisect_right(ex.starts, t) - 1
            return slot.space.capacity if i >= 0 and ex.ends[i] - ex.buffer > t else 0
        assert slot.shared is not None  # noqa: S101 - one of the two always exists
        i = bisect_right(slot.shared.times, t) - 1
        return slot.shared.loads[i] if i >= 0 else 0

    def occupancy(self, space_id: str) -> Occupancy:
        """Return the occupancy step function of *space_id* (exclusive: full capacity).

        >>> import datetime as dt
        >>> from decimal import Decimal
        >>> from creative_city.hubs import DayHours, HubKind, Space
        >>> from creative_city.time import UTC
        >>> hub = Hub(
        ...     "h",
        ...     "Hub",
        ...     HubKind.CREATIVE_HUB,
        ...     "UTC",
        ...     Decimal(100),
        ...     dt.date(2025, 1, 1),
        ...     DayHours.every_day(dt.time(8), dt.time(20)),
        ...     spaces=(Space("desk", "coworking", Decimal(50), 8),),
        ... )
        >>> schedule = Schedule.of(hub)
        >>> h = lambda n: dt.datetime(2025, 1, 6, n, tzinfo=UTC)
        >>> for a, b, n in [(9, 12, 3), (10, 11, 4), (11, 14, 2)]:
        ...     _ = schedule.admit(BookingRequest("desk", Interval(h(a), h(b)), n, "t"))
        >>> occ = schedule.occupancy("desk")
        >>> occ.peak, occ.peak_at.hour, [s.load for s in occ.steps]
        (7, 10, [3, 7, 5, 2, 0])
        """
        from creative_city.hubs.occupancy import occupancy  # noqa: PLC0415 - admission does not need it

        return occupancy((Interval(from_us(s), from_us(e)), n) for s, e, n in self.spans(space_id))

    def spans(self, space_id: str) -> list[tuple[int, int, int]]:
        """Return (start_us, end_us, persons) for every occurrence in *space_id* (internal)."""
        slot = self._slot(space_id)
        if slot.exclusive is not None:
            ex = slot.exclusive
            cap = slot.space.capacity
            gap = ex.buffer
            return [(s, e - gap, cap) for s, e in zip(ex.starts, ex.ends, strict=True)]
        result: list[tuple[int, int, int]] = []
        for value in self._by_space[space_id].values():
            if isinstance(value, BookingRequest):
                result.append(
                    (to_us(value.interval.start), to_us(value.interval.end), value.headcount)
                )
            else:
                result.extend(
                    (to_us(o.start), to_us(o.end), value.headcount) for o in value.occurrences
                )
        result.sort()
        return result

    def _slot(self, space_id: object) -> _Slot:
        slot = self._slots.get(space_id) if isinstance(space_id, str) else None
        if slot is None:
            raise ValidationError("request.space", space_id, "is not a space of these hubs")
        return slot

    # -- admission ---------------------------------------------------------------------

    def admit(self, request: BookingRequest, mode: AdmitMode = AdmitMode.WHOLE) -> Decision:
        """Admit *request* if every rule allows it; return the decision with every reason.

        Args:
            request: The booking request.
            mode: For recurring requests: all occurrences or none (``WHOLE``), or
                place those that fit and list the rest (``SKIP_CONFLICTS``).

        Returns:
            The decision. Rejections change nothing.

        Raises:
            ValidationError: Unknown space, duplicate booking id, missing ``requested_at``
                where the space has notice limits, malformed recurrence.
            LimitExceededError: Headcount above the space's capacity, or a recurrence
                past its bound.
        """
        if type(request) is not BookingRequest and not isinstance(request, BookingRequest):
            raise ValidationError("request", request, "must be a BookingRequest")
        slot = self._slots.get(request.space) or self._slot(request.space)
        headcount = request.headcount
        if headcount > slot.capacity:
            raise LimitExceededError(
                "request.headcount",
                headcount,
                f"must not exceed the capacity of space {slot.space.id!r} ({slot.capacity})",
            )
        booking_id = request.id if request.id is not None else f"B{self._next}"
        if booking_id in self._bookings:
            raise ValidationError("request.id", booking_id, "is already a booking id")
        if request.requested_at is None and (slot.advance is not None or slot.notice):
            raise ValidationError(
                "request.requested_at",
                None,
                f"is required: space {slot.space.id!r} has notice limits",
            )
        first = request.interval
        start = first.start
        s0 = to_us(start)
        e0 = to_us(first.end)
        if request.recurrence is None:
            # The common case inlined: inside hours, then the space's structure.
            if (
                request.requested_at is None
                and not slot.closures
                and s0 >= slot.opening
                and e0 - s0 >= slot.min_us
                and (slot.max_us is None or e0 - s0 <= slot.max_us)
                and slot.calendar.covers(start.year, s0, e0)
            ):
                ex = slot.exclusive
                if ex is not None:
                    i = bisect_right(ex.ends, s0)
                    blocked = e0 + ex.buffer
                    if i == len(ex.starts) or ex.starts[i] >= blocked:
                        # Earlier bookings all end before s0: i keeps starts sorted.
                        ex.starts.insert(i, s0)
                        ex.ends.insert(i, blocked)
                        ex.keys.insert(i, booking_id)
                        return self._accept_single(slot, request, booking_id)
                else:
                    shared = slot.shared
                    assert shared is not None  # noqa: S101 - one of the two exists
                    if shared.peak(s0, e0 + shared.buffer)[0] + headcount <= slot.capacity:
                        shared.add(s0, e0, headcount)
                        return self._accept_single(slot, request, booking_id)
            if not self._fits(slot, s0, e0, start.year, request):
                reasons = self._check(slot, s0, e0, request, None)
                if reasons:  # pragma: no branch - _fits and _check agree
                    return Decision(accepted=False, booking_id=booking_id, reasons=tuple(reasons))
            if slot.exclusive is not None:
                slot.exclusive.insert(s0, e0, booking_id)
            else:
                slot.shared.add(s0, e0, headcount)  # type: ignore[union-attr]
            return self._accept_single(slot, request, booking_id)
        return self._admit_recurring(slot, request, booking_id, mode)

    def _accept_single(self, slot: _Slot, request: BookingRequest, booking_id: str) -> Decision:
        self._log.append(
            ("admitted" if request.id is not None else "numbered", booking_id, request)
        )
        self._bookings[booking_id] = request
        self._by_space[slot.space.id][booking_id] = request
        if request.id is None:
            self._next += 1
        return Decision(accepted=True, booking_id=booking_id, placed=1)

    def _commit(self, booking: Booking, request: BookingRequest) -> None:
        self._log.append(
            ("admitted" if request.id is not None else "numbered", booking.id, booking)
        )
        self._bookings[booking.id] = booking
        self._by_space[booking.space][booking.id] = booking
        if request.id is None:
            self._next += 1

    def _admit_recurring(
        self, slot: _Slot, request: BookingRequest, booking_id: str, mode: AdmitMode
    ) -> Decision:
        assert request.recurrence is not None  # noqa: S101 - checked by the caller
        hub = slot.calendar.hub
        starts = expand(request.recurrence, request.interval.start, hub.zone)
        duration = to_microseconds(request.interval.duration)
        pending = Booking(booking_id, slot.space.id, request.tenant, request.headcount, ())
        placed: list[tuple[int, int, _dt.datetime]] = []
        skipped: list[SkippedOccurrence] = []
        all_reasons: list[Reason] = []
        buffer = to_microseconds(slot.space.buffer)
        # WHOLE compares each occurrence with every earlier one; SKIP_CONFLICTS only with
        # the earlier ones actually placed.
        last_end: int | None = None
        for start in starts:
            s = to_us(start)
            e = s + duration
            reasons = [
                r for r in self._check(slot, s, e, request, start) if r.booking != booking_id
            ]
            if last_end is not None and s < last_end:
                reasons.append(
                    Reason(
                        ReasonCode.SELF_OVERLAP,
                        f"occurrence at {start.isoformat()} overlaps an earlier occurrence "
                        f"of the same booking (which ends {_fmt(last_end - buffer, slot)})",
                        occurrence=start,
                    )
                )
            if mode is AdmitMode.WHOLE or not reasons:
                last_end = max(last_end or e + buffer, e + buffer)
            if reasons:
                all_reasons.extend(reasons)
                skipped.append(SkippedOccurrence(start, tuple(reasons)))
                continue
            # Tentatively apply so later occurrences see this one.
            self._apply(slot, s, e, pending)
            placed.append((s, e, start))
        if (mode is AdmitMode.WHOLE and all_reasons) or not placed:
            for s, e, _ in placed:
                self._unapply(slot, s, e, pending)
            return Decision(
                accepted=False,
                booking_id=booking_id,
                reasons=tuple(all_reasons),
                skipped=tuple(skipped),
            )
        # Exact durations on the UTC time line (aware local arithmetic is wall-clock).
        occurrences = tuple(Interval(from_us(s), from_us(e)) for s, e, _ in placed)
        booking = attrs.evolve(pending, occurrences=occurrences)
        self._commit(booking, request)
        return Decision(
            accepted=True, booking_id=booking_id, placed=len(placed), skipped=tuple(skipped)
        )

    @staticmethod
    def _fits(slot: _Slot, s: int, e: int, year: int, request: BookingRequest) -> bool:
        """Return whether no rule is broken (the fast path; reasons come from _check)."""
        length = e - s
        if s < slot.opening or length < slot.min_us:
            return False
        if slot.max_us is not None and length > slot.max_us:
            return False
        if request.requested_at is not None:
            asked = to_us(request.requested_at)
            if s - asked < slot.notice or (slot.advance is not None and e - asked > slot.advance):
                return False
        if not slot.calendar.covers(year, s, e):
            return False
        if slot.closures and slot.calendar.closures_over(slot.space.id, s, e):
            return False
        exclusive = slot.exclusive
        if exclusive is not None:
            i = bisect_right(exclusive.ends, s)
            return i == len(exclusive.starts) or exclusive.starts[i] >= e + exclusive.buffer
        shared = slot.shared
        assert shared is not None  # noqa: S101 - one of the two always exists
        return shared.peak(s, e + shared.buffer)[0] + request.headcount <= slot.capacity

    def _check(
        self,
        slot: _Slot,
        s: int,
        e: int,
        request: BookingRequest,
        occurrence: _dt.datetime | None,
    ) -> list[Reason]:
        space = slot.space
        calendar = slot.calendar
        reasons: list[Reason] = []
        opening = calendar.space_opening_us[space.id]
        if s < opening:
            reasons.append(
                Reason(
                    ReasonCode.NOT_OPEN_YET,
                    f"space {space.id!r} opens {_fmt(opening, slot)}; the booking starts "
                    f"{_fmt(s, slot)}",
                    occurrence,
                    _local(s, slot),
                )
            )
        length = e - s
        if length < to_microseconds(space.min_duration) or (
            space.max_duration is not None and length > to_microseconds(space.max_duration)
        ):
            reasons.append(
                Reason(
                    ReasonCode.DURATION,
                    f"duration {_dt.timedelta(microseconds=length)} is outside "
                    f"[{space.min_duration}, {space.max_duration or 'no limit'}] "
                    f"for space {space.id!r}",
                    occurrence,
                )
            )
        if request.requested_at is not None:
            asked = to_us(request.requested_at)
            notice = to_microseconds(space.min_notice)
            if s - asked < notice:
                reasons.append(
                    Reason(
                        ReasonCode.NOTICE,
                        f"starts {_dt.timedelta(microseconds=s - asked)} after the request; "
                        f"space {space.id!r} needs at least {space.min_notice} notice",
                        occurrence,
                        _local(s, slot),
                    )
                )
            if space.max_advance is not None and e - asked > to_microseconds(space.max_advance):
                reasons.append(
                    Reason(
                        ReasonCode.NOTICE,
                        f"ends {_dt.timedelta(microseconds=e - asked)} after the request; "
                        f"space {space.id!r} books at most {space.max_advance} ahead "
                        "(measured to the booking's end)",
                        occurrence,
                        _local(e, slot),
                    )
                )
        if not calendar.covered(s, e):
            reasons.append(
                Reason(
                    ReasonCode.OUTSIDE_HOURS,
                    f"{_fmt(s, slot)} to {_fmt(e, slot)} is not inside the opening hours "
                    f"of hub {calendar.hub.id!r}",
                    occurrence,
                    _local(s, slot),
                )
            )
        reasons.extend(
            Reason(
                ReasonCode.CLOSURE,
                f"hub {calendar.hub.id!r} is closed "
                f"{closure.interval.start.astimezone(calendar.tzinfo).isoformat()} to "
                f"{closure.interval.end.astimezone(calendar.tzinfo).isoformat()} "
                f"({closure.reason or 'closure'})",
                occurrence,
                closure.interval.start.astimezone(calendar.tzinfo),
            )
            for closure in calendar.closures_over(space.id, s, e)
        )
        if slot.exclusive is not None:
            for key, start in slot.exclusive.clashes(s, e):
                reasons.append(
                    Reason(
                        ReasonCode.CONFLICT,
                        f"conflicts with booking {key} at {_fmt(start, slot)}"
                        + (f" (with {space.buffer} turnaround)" if space.buffer else ""),
                        occurrence,
                        _local(max(start, s), slot),
                        booking=key,
                    )
                )
        else:
            assert slot.shared is not None  # noqa: S101
            shared = slot.shared
            peak, where = shared.peak(s, e + shared.buffer)
            if peak + request.headcount > space.capacity:
                excess = peak + request.headcount - space.capacity
                reasons.append(
                    Reason(
                        ReasonCode.OVER_CAPACITY,
                        f"over capacity at {_fmt(where, slot)} by {excess} persons "
                        f"({peak} booked + {request.headcount} > {space.capacity})",
                        occurrence,
                        _local(where, slot),
                        excess,
                    )
                )
        return reasons

    def _apply(self, slot: _Slot, s: int, e: int, booking: Booking) -> None:
        if slot.exclusive is not None:
            slot.exclusive.insert(s, e, booking.id)
        else:
            assert slot.shared is not None  # noqa: S101
            slot.shared.add(s, e, booking.headcount)

    def _unapply(self, slot: _Slot, s: int, e: int, booking: Booking) -> None:
        if slot.exclusive is not None:
            slot.exclusive.remove(s, booking.id)
        else:
            assert slot.shared is not None  # noqa: S101
            slot.shared.add(s, e, -booking.headcount)

    # -- cancellation --------------------------------------------------------------------

    def cancel(self, booking_id: str) -> Booking:
        """Cancel a whole booking and free its capacity; return it.

        Raises:
            InvalidStateError: If there is no such booking.
        """
        booking = self.booking(booking_id)
        slot = self._slot(booking.space)
        for occurrence in booking.occurrences:
            self._unapply(slot, to_us(occurrence.start), to_us(occurrence.end), booking)
        del self._bookings[booking_id]
        del self._by_space[booking.space][booking_id]
        self._log.append(("cancelled", booking_id, None))
        return booking

    def cancel_occurrence(self, booking_id: str, start: _dt.datetime) -> Booking:
        """Cancel the occurrence of *booking_id* that starts at *start*; return the rest.

        Cancelling the last occurrence cancels the booking.

        Raises:
            InvalidStateError: If there is no such booking or occurrence.
        """
        booking = self.booking(booking_id)
        moment = require_aware(start, "start")
        match = [o for o in booking.occurrences if o.start == moment]
        if not match:
            raise InvalidStateError(
                "start", moment.isoformat(), f"is not an occurrence of booking {booking_id}"
            )
        slot = self._slot(booking.space)
        occurrence = match[0]
        self._unapply(slot, to_us(occurrence.start), to_us(occurrence.end), booking)
        self._log.append(("occurrence", booking_id, moment))
        rest = attrs.evolve(
            booking, occurrences=tuple(o for o in booking.occurrences if o is not occurrence)
        )
        if rest.occurrences:
            self._bookings[booking_id] = rest
            self._by_space[booking.space][booking_id] = rest
        else:
            del self._bookings[booking_id]
            del self._by_space[booking.space][booking_id]
        return rest

    def admit_all(
        self, requests: Iterable[BookingRequest], mode: AdmitMode = AdmitMode.WHOLE
    ) -> list[Decision]:
        """Admit each request in order; return the decisions."""
        return [self.admit(request, mode) for request in requests]
