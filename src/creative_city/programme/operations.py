"""Oracle operations of the programme: its status as of a date."""

from __future__ import annotations

import datetime as _dt

import attrs

from creative_city.operation import Operation
from creative_city.programme.data import almaty
from creative_city.programme.model import Observations, ProgrammeStatus
from creative_city.programme.status import programme_status

__all__ = ["OPERATIONS", "StatusInput"]


@attrs.frozen
class StatusInput:
    """The Almaty programme's status as of ``as_of`` from ``observations``."""

    as_of: _dt.date
    observations: Observations = attrs.field(factory=Observations)


def _status(request: StatusInput) -> ProgrammeStatus:
    return programme_status(almaty(), request.observations, request.as_of)


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "programme.status",
        StatusInput,
        ProgrammeStatus,
        _status,
        "The Almaty programme's targets and their status as of a date, from observations.",
    ),
)
