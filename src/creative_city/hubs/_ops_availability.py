"""The ``hubs.availability`` oracle operation, gathered by :mod:`creative_city.hubs.operations`."""

from __future__ import annotations

import datetime as _dt

import attrs

from creative_city.hubs._ops_schedule import admitted
from creative_city.hubs.admission import BookingRequest
from creative_city.hubs.availability import Slot, free_slots
from creative_city.hubs.model import Hub
from creative_city.operation import Operation
from creative_city.time import Interval

__all__ = ["OPERATIONS", "AvailabilityInput", "AvailabilityOutput"]


@attrs.frozen
class AvailabilityInput:
    """Hubs, existing requests (admitted in order), and what to look for."""

    hubs: tuple[Hub, ...]
    requests: tuple[BookingRequest, ...]
    kind: str
    headcount: int
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
    schedule, rejected = admitted(request.hubs, request.requests)
    slots = free_slots(
        schedule,
        request.kind,
        request.headcount,
        request.duration,
        request.window,
        hub=request.hub,
    )
    return AvailabilityOutput(slots, rejected)


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "hubs.availability",
        AvailabilityInput,
        AvailabilityOutput,
        _availability,
        "Free slots of a space kind for a headcount and duration inside a window.",
    ),
)
