"""The ``tourism.kpi_status`` oracle operation (see :mod:`creative_city.tourism.operations`)."""

from __future__ import annotations

import datetime as _dt
from typing import Final

import attrs

from creative_city.operation import Operation
from creative_city.tourism._ops_places import places
from creative_city.tourism.kpi import Kpi, KpiObservation, KpiStatus

__all__ = ["OPERATIONS", "KpiStatusInput"]


@attrs.frozen
class KpiStatusInput:
    """Input of ``tourism.kpi_status``.

    Attributes:
        kpi: The KPI.
        as_of: The assessment date.
        observations: Observed values.
        places: Decimal places of the figures (default 6).
    """

    kpi: Kpi
    as_of: _dt.date
    observations: tuple[KpiObservation, ...] = ()
    places: int = 6


def _kpi_status(data: KpiStatusInput) -> KpiStatus:
    return data.kpi.status(data.observations, data.as_of, places=places(data.places))


OPERATIONS: Final[tuple[Operation, ...]] = (
    Operation(
        "tourism.kpi_status",
        KpiStatusInput,
        KpiStatus,
        _kpi_status,
        "Status, confidence and required CAGR of a KPI on a date.",
    ),
)
