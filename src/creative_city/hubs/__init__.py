"""Hub capacity scheduling: hubs, spaces, bookings, recurrence, availability, utilisation.

The rules are in ``DESIGN.md`` ("Hubs: capacity scheduling"): half-open intervals,
wall-clock rules in the hub's IANA zone (DST gaps skipped, folds taken once), admission
with every reason, occupancy by sweep line, utilisation inside opening hours, and the
rollout of the Almaty hub network (Zakon.kz, 12 September 2022).
"""

from __future__ import annotations

from creative_city.hubs.admission import (
    AdmitMode,
    Booking,
    BookingAdmitted,
    BookingCancelled,
    BookingRequest,
    Decision,
    OccurrenceCancelled,
    Reason,
    ReasonCode,
    Schedule,
    ScheduleHistory,
    ScheduleState,
    SkippedOccurrence,
)
from creative_city.hubs.availability import (
    Candidate,
    Placement,
    PlacementRequest,
    Selection,
    Slot,
    best_schedule,
    free_slots,
    place_batch,
)
from creative_city.hubs.model import (
    Closure,
    DatedHours,
    DayHours,
    Hub,
    HubKind,
    Space,
    SpaceMode,
    TimeRange,
    seats_for_area,
)
from creative_city.hubs.occupancy import Occupancy, Step, occupancy, sweep
from creative_city.hubs.recurrence import (
    DEFAULT_MAX_OCCURRENCES,
    MAX_OCCURRENCES_CEILING,
    Recurrence,
    expand,
)
from creative_city.hubs.rollout import (
    ALMATY_TARGETS,
    KindCount,
    NetworkPlan,
    PlannedHub,
    RolloutStatus,
    RolloutTarget,
    TargetState,
    TargetStatus,
    almaty_plan,
    rollout_status,
)
from creative_city.hubs.utilisation import UtilisationReport, UtilisationRow, utilisation

__all__ = [
    "ALMATY_TARGETS",
    "DEFAULT_MAX_OCCURRENCES",
    "MAX_OCCURRENCES_CEILING",
    "AdmitMode",
    "Booking",
    "BookingAdmitted",
    "BookingCancelled",
    "BookingRequest",
    "Candidate",
    "Closure",
    "DatedHours",
    "DayHours",
    "Decision",
    "Hub",
    "HubKind",
    "KindCount",
    "NetworkPlan",
    "Occupancy",
    "OccurrenceCancelled",
    "Placement",
    "PlacementRequest",
    "PlannedHub",
    "Reason",
    "ReasonCode",
    "Recurrence",
    "RolloutStatus",
    "RolloutTarget",
    "Schedule",
    "ScheduleHistory",
    "ScheduleState",
    "Selection",
    "SkippedOccurrence",
    "Slot",
    "Space",
    "SpaceMode",
    "Step",
    "TargetState",
    "TargetStatus",
    "TimeRange",
    "UtilisationReport",
    "UtilisationRow",
    "almaty_plan",
    "best_schedule",
    "expand",
    "free_slots",
    "occupancy",
    "place_batch",
    "rollout_status",
    "seats_for_area",
    "sweep",
    "utilisation",
]
