"""The ``fund.projection`` oracle operation (gathered in ``operations``)."""

from __future__ import annotations

from creative_city.funding.venture._ops_paths import json_paths
from creative_city.funding.venture.projection import Projection, ProjectionParameters, project
from creative_city.operation import Operation

__all__ = ["OPERATIONS"]


@json_paths
def _projection(value: ProjectionParameters) -> Projection:
    return project(value)


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "fund.projection",
        ProjectionParameters,
        Projection,
        _projection,
        "A Takahashi-Alexander projection of calls, distributions and NAV, year by year.",
    ),
)
