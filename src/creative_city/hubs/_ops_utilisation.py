"""The ``hubs.utilisation`` oracle operation, gathered by :mod:`creative_city.hubs.operations`."""

from __future__ import annotations

import attrs

from creative_city.hubs._ops_schedule import admitted
from creative_city.hubs.admission import BookingRequest
from creative_city.hubs.model import Hub
from creative_city.hubs.utilisation import UtilisationReport, utilisation
from creative_city.operation import Operation
from creative_city.time import Period

__all__ = ["OPERATIONS", "UtilisationInput"]


@attrs.frozen
class UtilisationInput:
    """Hubs, requests (admitted in order), the period and optionally some hubs."""

    hubs: tuple[Hub, ...]
    requests: tuple[BookingRequest, ...]
    period: Period
    only: tuple[str, ...] | None = None


def _utilisation(request: UtilisationInput) -> UtilisationReport:
    schedule, _ = admitted(request.hubs, request.requests)
    return utilisation(schedule, request.period, request.only)


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "hubs.utilisation",
        UtilisationInput,
        UtilisationReport,
        _utilisation,
        "Booked over available seat-hours per space and hub over a period, with peaks.",
    ),
)
