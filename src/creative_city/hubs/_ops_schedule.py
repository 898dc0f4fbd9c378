"""A schedule built from requests admitted in order, for the report operations."""

from __future__ import annotations

from creative_city.hubs.admission import BookingRequest, Schedule
from creative_city.hubs.model import Hub

__all__ = ["admitted"]


def admitted(
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
