"""Oracle operations for hubs: admit, expand, availability, utilisation, rollout status.

Each operation is a pure function from an attrs input to an attrs output (JSON both
ways); :data:`OPERATIONS` lists them for :mod:`creative_city.oracle`:

* ``hubs.admit``: admit and cancel commands applied in order to an empty schedule,
  every decision with every reason;
* ``hubs.expand``: an RRULE with EXDATE/RDATE expanded in a zone's wall-clock time;
* ``hubs.availability``: the free slots of a space kind, after admitting requests;
* ``hubs.utilisation``: the utilisation report, after admitting requests;
* ``hubs.rollout_status``: the hub network against its targets as of a date.
"""

from __future__ import annotations

import datetime as _dt
from typing import Union

import attrs

from creative_city.errors import CreativeCityError
from creative_city.hubs.availability import Slot, free_slots
from creative_city.hubs.booking import AdmitMode, Booking, BookingRequest, Decision
from creative_city.hubs.model import Hub
from creative_city.hubs.recurrence import (
    DEFAULT_MAX_OCCURRENCES,
    MAX_OCCURRENCES_CEILING,
    Recurrence,
    expand,
)
from creative_city.hubs.rollout import NetworkPlan, RolloutStatus, rollout_status
from creative_city.hubs.schedule import Schedule
from creative_city.hubs.usage import UtilisationReport, utilisation
from creative_city.operation import SCHEMA_KEY, Operation
from creative_city.serialization import register_tagged_union
from creative_city.serialization.paths import library_error
from creative_city.time import Interval, Period

__all__ = [
    "OPERATIONS",
    "Admit",
    "AdmitInput",
    "AdmitOutput",
    "AvailabilityInput",
    "AvailabilityOutput",
    "Cancel",
    "ExpandInput",
    "ExpandOutput",
    "RolloutInput",
    "UtilisationInput",
]

# -- hubs.admit ---------------------------------------------------------------------------


@attrs.frozen
class Admit:
    """Admit a request (``"type": "admit"``)."""

    request: BookingRequest
    mode: AdmitMode = AdmitMode.WHOLE


@attrs.frozen
class Cancel:
    """Cancel a booking, or one occurrence of it (``"type": "cancel"``)."""

    booking_id: str
    occurrence: _dt.datetime | None = None


Command = Union[Admit, Cancel]  # noqa: UP007 - a runtime union for cattrs
register_tagged_union(Command, tag="type")


@attrs.frozen
class AdmitInput:
    """Hubs, then commands applied in order to an empty schedule."""

    hubs: tuple[Hub, ...]
    commands: tuple[Command, ...]


@attrs.frozen
class AdmitOutput:
    """One decision per command, and the bookings at the end.

    For a cancel command the decision is accepted, names the booking and gives in
    ``placed`` the number of its occurrences left.
    """

    decisions: tuple[Decision, ...]
    bookings: tuple[Booking, ...]

    def __repr__(self) -> str:
        accepted = sum(d.accepted for d in self.decisions)
        return (
            f"<AdmitOutput {len(self.decisions)} decisions, {accepted} accepted, "
            f"{len(self.bookings)} bookings>"
        )

    def to_records(self) -> list[dict[str, object]]:
        """Return the decisions' records (one per reason, or one per accepted command)."""
        return [record for d in self.decisions for record in d.to_records()]


def _admit(request: AdmitInput) -> AdmitOutput:
    schedule = Schedule(request.hubs)
    decisions: list[Decision] = []
    for index, command in enumerate(request.commands):
        try:
            decisions.append(_command(schedule, command))
        except CreativeCityError as error:  # name the command: "$.commands[3].booking_id"
            raise library_error(error, f"$.commands[{index}]") from None
    return AdmitOutput(tuple(decisions), schedule.bookings)


def _command(schedule: Schedule, command: Admit | Cancel) -> Decision:
    if isinstance(command, Admit):
        return schedule.admit(command.request, command.mode)
    if command.occurrence is None:
        schedule.cancel(command.booking_id)
        return Decision(accepted=True, booking_id=command.booking_id)
    rest = schedule.cancel_occurrence(command.booking_id, command.occurrence)
    return Decision(accepted=True, booking_id=command.booking_id, placed=len(rest.occurrences))


# -- hubs.expand -----------------------------------------------------------------------


@attrs.frozen
class ExpandInput:
    """An RRULE with its DTSTART (aware), zone, EXDATEs, RDATEs and bound."""

    rule: str = attrs.field(metadata=attrs.fields(Recurrence).rule.metadata)  # its bounds
    start: _dt.datetime
    zone: str
    exdates: tuple[_dt.datetime, ...] = ()
    rdates: tuple[_dt.datetime, ...] = ()
    max_occurrences: int = attrs.field(
        default=DEFAULT_MAX_OCCURRENCES,
        metadata={SCHEMA_KEY: {"minimum": 1, "maximum": MAX_OCCURRENCES_CEILING}},
    )
    window_end: _dt.datetime | None = None


@attrs.frozen
class ExpandOutput:
    """The occurrence starts, in the zone's local time with their offsets."""

    occurrences: tuple[_dt.datetime, ...]

    def __repr__(self) -> str:
        shown = ", ".join(o.isoformat() for o in self.occurrences[:3])
        more = ", ..." if len(self.occurrences) > 3 else ""
        return f"<ExpandOutput {len(self.occurrences)} occurrences: {shown}{more}>"

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per occurrence."""
        return [{"start": o} for o in self.occurrences]


def _expand(request: ExpandInput) -> ExpandOutput:
    recurrence = Recurrence(request.rule, request.exdates, request.rdates, request.max_occurrences)
    return ExpandOutput(
        expand(recurrence, request.start, request.zone, window_end=request.window_end)
    )


# -- hubs.availability and hubs.utilisation --------------------------------------------


def _admitted(
    hubs: tuple[Hub, ...], requests: tuple[BookingRequest, ...]
) -> tuple[Schedule, tuple[str, ...]]:
    """Return a schedule of *hubs* with *requests* admitted in order, and the rejected ids."""
    schedule = Schedule(hubs)
    rejected = tuple(
        decision.booking_id
        for decision in (schedule.admit(r) for r in requests)
        if not decision.accepted
    )
    return schedule, rejected


@attrs.frozen
class AvailabilityInput:
    """Hubs, existing requests (admitted in order), and what to look for."""

    hubs: tuple[Hub, ...]
    requests: tuple[BookingRequest, ...]
    kind: str
    headcount: int = attrs.field(metadata={SCHEMA_KEY: {"minimum": 1}})
    duration: _dt.timedelta
    window: Interval
    hub: str | None = None


@attrs.frozen
class AvailabilityOutput:
    """The free slots, and the ids of existing requests that were rejected."""

    slots: tuple[Slot, ...]
    rejected: tuple[str, ...]

    def __repr__(self) -> str:
        return f"<AvailabilityOutput {len(self.slots)} slots, {len(self.rejected)} rejected>"

    def to_records(self) -> list[dict[str, object]]:
        """Return one plain dict per free slot."""
        return [
            {"space": s.space, "start": s.interval.start, "end": s.interval.end} for s in self.slots
        ]


def _availability(request: AvailabilityInput) -> AvailabilityOutput:
    schedule, rejected = _admitted(request.hubs, request.requests)
    slots = free_slots(
        schedule,
        request.kind,
        request.headcount,
        request.duration,
        request.window,
        hub=request.hub,
    )
    return AvailabilityOutput(slots, rejected)


@attrs.frozen
class UtilisationInput:
    """Hubs, requests (admitted in order), the period and optionally some hubs."""

    hubs: tuple[Hub, ...]
    requests: tuple[BookingRequest, ...]
    period: Period
    only: tuple[str, ...] | None = None


def _utilisation(request: UtilisationInput) -> UtilisationReport:
    schedule, _ = _admitted(request.hubs, request.requests)
    return utilisation(schedule, request.period, request.only)


# -- hubs.rollout_status ---------------------------------------------------------------


@attrs.frozen
class RolloutInput:
    """A network plan (targets default to the Almaty ones) and a date."""

    plan: NetworkPlan
    as_of: _dt.date


def _rollout(request: RolloutInput) -> RolloutStatus:
    return rollout_status(request.plan, request.as_of)


# -- the operations --------------------------------------------------------------------


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "hubs.admit",
        AdmitInput,
        AdmitOutput,
        _admit,
        "Apply admit/cancel commands to hubs; every decision with every reason.",
    ),
    Operation(
        "hubs.expand",
        ExpandInput,
        ExpandOutput,
        _expand,
        "Expand an RFC 5545 RRULE with EXDATE/RDATE in a zone's wall-clock time, bounded.",
    ),
    Operation(
        "hubs.availability",
        AvailabilityInput,
        AvailabilityOutput,
        _availability,
        "Free slots of a space kind for a headcount and duration inside a window.",
    ),
    Operation(
        "hubs.utilisation",
        UtilisationInput,
        UtilisationReport,
        _utilisation,
        "Booked over available seat-hours per space and hub over a period, with peaks.",
    ),
    Operation(
        "hubs.rollout_status",
        RolloutInput,
        RolloutStatus,
        _rollout,
        "Status of the hub network against its targets as of a date.",
    ),
)
"""The hubs operations, for the oracle."""
