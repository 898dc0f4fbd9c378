"""Booking requests, bookings, and the decisions on them with every reason.

A :class:`BookingRequest` asks for a space over a half-open interval, optionally
recurring; the schedule answers each request with a :class:`Decision`: accepted (the
booking's id and how many occurrences were placed) or rejected with **every**
:class:`Reason` that applies, each naming its :class:`ReasonCode`, the value and the
limit. A recurring request is admitted whole or with the occurrences that do not fit
skipped (:class:`AdmitMode`); a :class:`SkippedOccurrence` says which, and why. An
admitted request becomes a :class:`Booking`.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterator, Sequence
from typing import overload

import attrs

from creative_city.errors import ValidationError
from creative_city.hubs.recurrence import Recurrence
from creative_city.operation import SCHEMA_KEY
from creative_city.time import Interval, require_aware

__all__ = [
    "AdmitMode",
    "Booking",
    "BookingRequest",
    "Decision",
    "Reason",
    "ReasonCode",
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
    headcount: int = attrs.field(
        validator=lambda _, __, v: _headcount(v), metadata={SCHEMA_KEY: {"minimum": 1}}
    )
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


class _Worded(Sequence[Reason]):
    """The reasons of a refusal, worded when they are first read.

    Wording a reason converts instants to the hub's local time; a caller that only
    looks at :attr:`Decision.accepted` never pays for it. Each rule is given as a
    function of the occurrence (``None`` for a single booking) that words its reason
    from values fixed when the request was judged, so the words do not depend on when
    they are read. Compares, hashes and prints as the tuple of the reasons.
    """

    __slots__ = ("_rules", "_words")

    def __init__(self, rules: Sequence[Callable[[_dt.datetime | None], Reason]]) -> None:
        self._rules = rules
        self._words: tuple[Reason, ...] | None = None

    def _worded(self) -> tuple[Reason, ...]:
        words = self._words
        if words is None:
            words = self._words = tuple(rule(None) for rule in self._rules)
        return words

    @overload
    def __getitem__(self, index: int) -> Reason: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[Reason, ...]: ...
    def __getitem__(self, index: int | slice) -> Reason | tuple[Reason, ...]:
        return self._worded()[index]

    def __len__(self) -> int:
        return len(self._rules)

    def __iter__(self) -> Iterator[Reason]:
        return iter(self._worded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, _Worded):
            return self._worded() == other._worded()
        if isinstance(other, tuple):
            return self._worded() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._worded())

    def __repr__(self) -> str:
        return repr(self._worded())

    def __reduce__(self) -> tuple[type[tuple[Reason, ...]], tuple[tuple[Reason, ...]]]:
        return tuple, (self._worded(),)  # a copy or a pickle is the plain tuple


@attrs.frozen
class Decision:
    """The answer to a request.

    Attributes:
        accepted: Whether a booking was made.
        booking_id: The new booking's id (accepted) or the id it would have had.
        reasons: Every reason for a refusal (empty when accepted), in the order of
            :mod:`~creative_city.hubs.rules`. A sequence that compares equal to the
            tuple of its reasons; a refused single booking words them when they are
            first read.
        placed: The number of occurrences placed.
        skipped: The occurrences that could not be placed, with their reasons (left out
            in skip mode; the cause of the refusal in whole mode).
    """

    accepted: bool
    booking_id: str
    reasons: Sequence[Reason] = ()
    placed: int = 0
    skipped: tuple[SkippedOccurrence, ...] = ()

    def __repr__(self) -> str:
        verdict = "accepted" if self.accepted else "rejected"
        why = "; ".join(r.message for r in self.reasons)
        extra = f", skipped {len(self.skipped)}" if self.skipped else ""
        return f"<Decision {self.booking_id} {verdict}{extra}{': ' + why if why else ''}>"

    @classmethod
    def refused(
        cls, booking_id: str, rules: Sequence[Callable[[_dt.datetime | None], Reason]]
    ) -> Decision:
        """Return the refusal of a single booking for the broken *rules* (non-empty).

        Each rule words its :class:`Reason` when called with the occurrence (``None``);
        they are called when the decision's reasons are first read, not before.
        """
        return cls(accepted=False, booking_id=booking_id, reasons=_Worded(rules))

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
