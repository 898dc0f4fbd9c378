"""The schedule: the bookings of a set of hubs, admitted and cancelled one at a time.

A :class:`Schedule` holds the hubs and, for each of their spaces, a
:class:`~creative_city.hubs.ledger.SpaceLedger` of what is booked. It changes only
through :meth:`Schedule.admit`, :meth:`Schedule.cancel` and
:meth:`Schedule.cancel_occurrence`:

* **admission** asks :func:`~creative_city.hubs.rules.breaches` (the one place the
  rules live) whether each occurrence may be booked, and answers with a
  :class:`~creative_city.hubs.booking.Decision` listing every reason; it validates
  first and applies afterwards, so a rejected request (or one that raises) changes
  nothing. A recurring request is expanded in the hub's zone and admitted whole or with
  the occurrences that do not fit skipped;
* **cancellation** frees a booking's capacity, or one occurrence's.

Every change is recorded in an event log (:meth:`Schedule.events`): replaying it
(:meth:`Schedule.replay`) rebuilds the schedule, and :class:`ScheduleState` is a
snapshot of it. Both round-trip through JSON.

Half-open intervals: a booking ending at 11:00 and another starting at 11:00 never
clash.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Sequence
from typing import Any, Union

import attrs

from creative_city.errors import InvalidStateError, LimitExceededError, ValidationError
from creative_city.hubs.booking import (
    AdmitMode,
    Booking,
    BookingRequest,
    Decision,
    SkippedOccurrence,
)
from creative_city.hubs.calendar import HubCalendar
from creative_city.hubs.ledger import ExclusiveSpans, SpaceLedger
from creative_city.hubs.load import Occupancy, occupancy
from creative_city.hubs.model import Hub, Space, from_us, to_microseconds, to_us
from creative_city.hubs.recurrence import expand
from creative_city.hubs.rules import breaches, self_overlap
from creative_city.serialization import register_tagged_union
from creative_city.time import Interval, require_aware

__all__ = [
    "BookingAdmitted",
    "BookingCancelled",
    "OccurrenceCancelled",
    "Schedule",
    "ScheduleHistory",
    "ScheduleState",
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


def _booking(key: str, value: Booking | BookingRequest) -> Booking:
    if isinstance(value, Booking):
        return value
    return Booking(key, value.space, value.tenant, value.headcount, (value.interval,))


class Schedule:
    """The bookings of a set of hubs, admitted one request at a time.

    Build it with :meth:`of` (or :meth:`restore` from a :class:`ScheduleState`); change
    it only with :meth:`admit`, :meth:`cancel` and :meth:`cancel_occurrence`. Every
    change is validated before it is applied.
    """

    def __init__(self, hubs: Sequence[Hub]) -> None:
        self.hubs: tuple[Hub, ...] = tuple(hubs)
        self._ledgers: dict[str, SpaceLedger] = {}
        for hub in self.hubs:
            if not isinstance(hub, Hub):
                raise ValidationError("hubs", hub, "must be Hub values")
            calendar = HubCalendar(hub)
            for space in hub.spaces:
                if space.id in self._ledgers:
                    raise ValidationError("space.id", space.id, "must be unique across hubs")
                self._ledgers[space.id] = SpaceLedger(space, calendar)
        ids = [hub.id for hub in self.hubs]
        if len(set(ids)) != len(ids):
            raise ValidationError("hubs", ids, "hub ids must be unique")
        # A single booking is kept as its request until someone asks for the Booking:
        # admitting then allocates no long-lived object (cheaper for the GC).
        self._bookings: dict[str, Booking | BookingRequest] = {}
        self._by_space: dict[str, dict[str, Booking | BookingRequest]] = {
            key: {} for key in self._ledgers
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
            schedule._put(booking)
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
                schedule._put(event.booking)
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
        return self._ledger(space_id).space

    def hub_of(self, space_id: str) -> Hub:
        """Return the hub that holds *space_id*."""
        return self._ledger(space_id).calendar.hub

    def calendar(self, space_id: str) -> HubCalendar:
        """Return the opening calendar of the hub holding *space_id* (internal use)."""
        return self._ledger(space_id).calendar

    def spaces(self) -> tuple[Space, ...]:
        """Every space, in hub order."""
        return tuple(ledger.space for ledger in self._ledgers.values())

    def load_at(self, space_id: str, instant: _dt.datetime) -> int:
        """Return the persons in *space_id* at *instant* (exclusive: capacity or 0)."""
        ledger = self._ledger(space_id)
        return ledger.booked.load_at(to_us(require_aware(instant, "instant")), ledger.capacity)

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
        return occupancy((Interval(from_us(s), from_us(e)), n) for s, e, n in self.spans(space_id))

    def spans(self, space_id: str) -> list[tuple[int, int, int]]:
        """Return (start_us, end_us, persons) for every occurrence in *space_id* (internal).

        Sorted; an exclusive space's bookings count as its whole capacity.
        """
        ledger = self._ledger(space_id)
        if isinstance(ledger.booked, ExclusiveSpans):
            return ledger.booked.spans(ledger.capacity)
        result: list[tuple[int, int, int]] = []
        for value in self._by_space[space_id].values():
            if isinstance(value, BookingRequest):
                interval = value.interval
                result.append((to_us(interval.start), to_us(interval.end), value.headcount))
            else:
                result.extend(
                    (to_us(o.start), to_us(o.end), value.headcount) for o in value.occurrences
                )
        result.sort()
        return result

    def _ledger(self, space_id: object) -> SpaceLedger:
        ledger = self._ledgers.get(space_id) if isinstance(space_id, str) else None
        if ledger is None:
            raise ValidationError("request.space", space_id, "is not a space of these hubs")
        return ledger

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
        ledger = self._ledgers.get(request.space) or self._ledger(request.space)
        headcount = request.headcount
        if headcount > ledger.capacity:
            raise LimitExceededError(
                "request.headcount",
                headcount,
                f"must not exceed the capacity of space {ledger.space.id!r} ({ledger.capacity})",
            )
        booking_id = request.id if request.id is not None else f"B{self._next}"
        if booking_id in self._bookings:
            raise ValidationError("request.id", booking_id, "is already a booking id")
        asked = request.requested_at
        if asked is None and (ledger.advance is not None or ledger.notice):
            raise ValidationError(
                "request.requested_at",
                None,
                f"is required: space {ledger.space.id!r} has notice limits",
            )
        if request.recurrence is not None:
            return self._admit_recurring(ledger, request, booking_id, mode)
        interval = request.interval
        s = to_us(interval.start)
        e = to_us(interval.end)
        found = breaches(ledger, s, e, None if asked is None else to_us(asked), headcount)
        if found:
            return Decision.refused(booking_id, found)  # worded when read
        ledger.booked.take(s, e, booking_id, headcount)
        self._record(ledger.space.id, booking_id, request, request)
        return Decision(accepted=True, booking_id=booking_id, placed=1)

    def admit_all(
        self, requests: Iterable[BookingRequest], mode: AdmitMode = AdmitMode.WHOLE
    ) -> list[Decision]:
        """Admit each request in order; return the decisions."""
        return [self.admit(request, mode) for request in requests]

    def _admit_recurring(
        self, ledger: SpaceLedger, request: BookingRequest, booking_id: str, mode: AdmitMode
    ) -> Decision:
        pending = Booking(booking_id, ledger.space.id, request.tenant, request.headcount, ())
        placed, skipped = self._place_occurrences(ledger, request, pending, mode)
        if not placed or (mode is AdmitMode.WHOLE and skipped):
            for s, e in placed:
                ledger.booked.release(s, e, booking_id, request.headcount)
            reasons = tuple(reason for occurrence in skipped for reason in occurrence.reasons)
            return Decision(
                accepted=False, booking_id=booking_id, reasons=reasons, skipped=tuple(skipped)
            )
        # Exact durations on the UTC time line (aware local arithmetic is wall-clock).
        occurrences = tuple(Interval(from_us(s), from_us(e)) for s, e in placed)
        booking = attrs.evolve(pending, occurrences=occurrences)
        self._record(booking.space, booking_id, booking, request)
        return Decision(
            accepted=True, booking_id=booking_id, placed=len(placed), skipped=tuple(skipped)
        )

    def _place_occurrences(
        self, ledger: SpaceLedger, request: BookingRequest, pending: Booking, mode: AdmitMode
    ) -> tuple[list[tuple[int, int]], list[SkippedOccurrence]]:
        """Tentatively book each occurrence that fits; return them and the skipped ones.

        Each placed occurrence is booked at once, so later ones are checked against it.
        ``WHOLE`` checks each occurrence for overlap with every earlier one,
        ``SKIP_CONFLICTS`` only with the earlier ones actually placed.
        """
        assert request.recurrence is not None  # noqa: S101 - checked by the caller
        asked = None if request.requested_at is None else to_us(request.requested_at)
        duration = to_microseconds(request.interval.duration)
        buffer = to_microseconds(ledger.space.buffer)
        placed: list[tuple[int, int]] = []
        skipped: list[SkippedOccurrence] = []
        last_end: int | None = None  # the end (with buffer) of the earlier occurrences
        for start in expand(request.recurrence, request.interval.start, ledger.calendar.hub.zone):
            s = to_us(start)
            e = s + duration
            reasons = [
                reason
                for reason in (b(start) for b in breaches(ledger, s, e, asked, pending.headcount))
                if reason.booking != pending.id  # its own occurrences: self-overlap below
            ]
            if last_end is not None and s < last_end:
                reasons.append(self_overlap(ledger, start, last_end - buffer))
            if mode is AdmitMode.WHOLE or not reasons:
                last_end = max(last_end or e + buffer, e + buffer)
            if reasons:
                skipped.append(SkippedOccurrence(start, tuple(reasons)))
            else:
                ledger.booked.take(s, e, pending.id, pending.headcount)
                placed.append((s, e))
        return placed, skipped

    def _record(
        self,
        space_id: str,
        booking_id: str,
        booking: Booking | BookingRequest,
        request: BookingRequest,
    ) -> None:
        """Record an admitted booking (already in the ledger) and log its admission."""
        numbered = request.id is None
        self._log.append(("numbered" if numbered else "admitted", booking_id, booking))
        self._bookings[booking_id] = booking
        self._by_space[space_id][booking_id] = booking
        if numbered:
            self._next += 1

    def _put(self, booking: Booking) -> None:
        """Book a recorded booking again, checking nothing (restore and replay)."""
        booked = self._ledger(booking.space).booked
        for occurrence in booking.occurrences:
            s, e = to_us(occurrence.start), to_us(occurrence.end)
            booked.take(s, e, booking.id, booking.headcount)
        self._bookings[booking.id] = booking
        self._by_space[booking.space][booking.id] = booking

    # -- cancellation --------------------------------------------------------------------

    def cancel(self, booking_id: str) -> Booking:
        """Cancel a whole booking and free its capacity; return it.

        Raises:
            InvalidStateError: If there is no such booking.
        """
        booking = self.booking(booking_id)
        booked = self._ledger(booking.space).booked
        for occurrence in booking.occurrences:
            s, e = to_us(occurrence.start), to_us(occurrence.end)
            booked.release(s, e, booking_id, booking.headcount)
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
        occurrence = match[0]
        s, e = to_us(occurrence.start), to_us(occurrence.end)
        self._ledger(booking.space).booked.release(s, e, booking_id, booking.headcount)
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
