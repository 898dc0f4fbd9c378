"""Hub capacity scheduling: hubs, spaces, bookings, recurrence, availability, utilisation.

The rules are in ``DESIGN.md`` ("Hubs: capacity scheduling"): half-open intervals,
wall-clock rules in the hub's IANA zone (DST gaps skipped, folds taken once), admission
with every reason, occupancy by sweep line, utilisation inside opening hours, and the
rollout of the Almaty hub network (Zakon.kz, 12 September 2022).

The parts live in submodules (:mod:`creative_city.hubs.model`, ``admission``,
``recurrence``, ``occupancy``, ``availability``, ``utilisation``, ``rollout``) and every
public name of theirs is re-exported here. The submodules load on first use, so
``from creative_city.hubs import Hub`` loads the model and nothing else.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from creative_city._lazy import install

if TYPE_CHECKING:
    from creative_city.hubs.admission import *  # noqa: F403
    from creative_city.hubs.availability import *  # noqa: F403
    from creative_city.hubs.model import *  # noqa: F403
    from creative_city.hubs.occupancy import *  # noqa: F403
    from creative_city.hubs.recurrence import *  # noqa: F403
    from creative_city.hubs.rollout import *  # noqa: F403
    from creative_city.hubs.utilisation import *  # noqa: F403

_WHERE: Final[dict[str, str]] = {
    "ALMATY_TARGETS": "rollout",
    "DEFAULT_MAX_OCCURRENCES": "recurrence",
    "MAX_OCCURRENCES_CEILING": "recurrence",
    "AdmitMode": "admission",
    "Booking": "admission",
    "BookingAdmitted": "admission",
    "BookingCancelled": "admission",
    "BookingRequest": "admission",
    "Candidate": "availability",
    "Closure": "model",
    "DatedHours": "model",
    "DayHours": "model",
    "Decision": "admission",
    "Hub": "model",
    "HubKind": "_kinds",
    "KindCount": "rollout",
    "NetworkPlan": "rollout",
    "Occupancy": "occupancy",
    "OccurrenceCancelled": "admission",
    "Placement": "availability",
    "PlacementRequest": "availability",
    "PlannedHub": "rollout",
    "Reason": "admission",
    "ReasonCode": "admission",
    "Recurrence": "recurrence",
    "RolloutStatus": "rollout",
    "RolloutTarget": "rollout",
    "Schedule": "admission",
    "ScheduleHistory": "admission",
    "ScheduleState": "admission",
    "Selection": "availability",
    "SkippedOccurrence": "admission",
    "Slot": "availability",
    "Space": "model",
    "SpaceMode": "model",
    "Step": "occupancy",
    "TargetState": "rollout",
    "TargetStatus": "rollout",
    "TimeRange": "model",
    "UtilisationReport": "utilisation",
    "UtilisationRow": "utilisation",
    "almaty_plan": "rollout",
    "best_schedule": "availability",
    "expand": "recurrence",
    "free_slots": "availability",
    "occupancy": "occupancy",
    "place_batch": "availability",
    "rollout_status": "rollout",
    "seats_for_area": "model",
    "sweep": "occupancy",
    "utilisation": "utilisation",
}
"""The submodule that defines each public name (the package's ``__all__``, in order)."""

install(__name__, _WHERE)
