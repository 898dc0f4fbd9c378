"""The ``hubs.rollout_status`` oracle operation, gathered by :mod:`creative_city.hubs.operations`.

It lives in its own module so that the oracle loads the rollout (and the hub kinds) for
it, and nothing of scheduling.
"""

from __future__ import annotations

import datetime as _dt

import attrs

from creative_city.hubs.rollout import NetworkPlan, RolloutStatus, rollout_status
from creative_city.operation import Operation

__all__ = ["OPERATIONS", "RolloutInput"]


@attrs.frozen
class RolloutInput:
    """A network plan (targets default to the Almaty ones) and a date."""

    plan: NetworkPlan
    as_of: _dt.date


def _rollout(request: RolloutInput) -> RolloutStatus:
    return rollout_status(request.plan, request.as_of)


OPERATIONS: tuple[Operation, ...] = (
    Operation(
        "hubs.rollout_status",
        RolloutInput,
        RolloutStatus,
        _rollout,
        "Status of the hub network against its targets as of a date.",
    ),
)
