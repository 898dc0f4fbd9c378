"""Oracle operations for hubs: admit, expand, availability, utilisation, rollout status.

Each operation is a pure function from an attrs input to an attrs output (JSON both
ways); :data:`OPERATIONS` lists them for :mod:`creative_city.oracle`. Each one is
defined in a private module of its own, so that the oracle loads only what the
requested operation needs; this module gathers them all.
"""

from __future__ import annotations

from creative_city.hubs._ops_admit import OPERATIONS as _ADMIT
from creative_city.hubs._ops_admit import (
    Admit,
    AdmitInput,
    AdmitOutput,
    Cancel,
    Command,  # noqa: F401 - the admit commands union, as before
)
from creative_city.hubs._ops_availability import OPERATIONS as _AVAILABILITY
from creative_city.hubs._ops_availability import AvailabilityInput, AvailabilityOutput
from creative_city.hubs._ops_expand import OPERATIONS as _EXPAND
from creative_city.hubs._ops_expand import ExpandInput, ExpandOutput
from creative_city.hubs._ops_rollout import OPERATIONS as _ROLLOUT
from creative_city.hubs._ops_rollout import RolloutInput
from creative_city.hubs._ops_utilisation import OPERATIONS as _UTILISATION
from creative_city.hubs._ops_utilisation import UtilisationInput
from creative_city.operation import Operation

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

OPERATIONS: tuple[Operation, ...] = (
    *_ADMIT,
    *_EXPAND,
    *_AVAILABILITY,
    *_UTILISATION,
    *_ROLLOUT,
)
"""The hubs operations, for the oracle."""
