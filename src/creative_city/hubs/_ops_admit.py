"""The ``hubs.admit`` oracle operation, gathered by :mod:`creative_city.hubs.operations`.

It lives in its own module so that the oracle loads admission, the model and recurrence
for it, and nothing of availability, utilisation or the rollout.
"""

from __future__ import annotations

import datetime as _dt
from typing import Union

import attrs

from creative_city.hubs.admission import AdmitMode, Booking, BookingRequest, Decision, Schedule
from creative_city.hubs.model import Hub
from creative_city.operation import Operation
from creative_city.serialization import register_tagged_union

__all__ = ["OPERATIONS", "Admit", "AdmitInput", "AdmitOutput", "Cancel", "Command"]


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
    for command in request.commands:
        if isinstance(command, Admit):
            decisions.append(schedule.admit(command.request, command.mode))
        elif command.occurrence is None:
            schedule.cancel(command.booking_id)
            decisions.append(Decision(accepted=True, booking_id=command.booking_id))
        else:
            rest = schedule.cancel_occurrence(command.booking_id, command.occurrence)
            left = len(rest.occurrences)
            decisions.append(Decision(accepted=True, booking_id=command.booking_id, placed=left))
    return AdmitOutput(tuple(decisions), schedule.bookings)


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "hubs.admit",
        AdmitInput,
        AdmitOutput,
        _admit,
        "Apply admit/cancel commands to hubs; every decision with every reason.",
    ),
)
