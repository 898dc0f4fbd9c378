"""Hub capacity scheduling: hubs, spaces, bookings, recurrence, availability, utilisation.

The rules are in ``DESIGN.md`` ("Hubs: capacity scheduling"): half-open intervals,
wall-clock rules in the hub's IANA zone (DST gaps skipped, folds taken once), admission
with every reason, occupancy by sweep line, utilisation inside opening hours, and the
rollout of the Almaty hub network (Zakon.kz, 12 September 2022).

Every public name of these submodules is re-exported here:

* :mod:`~creative_city.hubs.model`: hubs, spaces, opening hours, closures;
* :mod:`~creative_city.hubs.recurrence`: RFC 5545 recurrence in a hub's local time;
* :mod:`~creative_city.hubs.booking`: booking requests, bookings, decisions, reasons;
* :mod:`~creative_city.hubs.schedule`: the schedule (admission, cancellation, its event
  log and state);
* :mod:`~creative_city.hubs.load`: occupancy as a step function, the sweep line;
* :mod:`~creative_city.hubs.availability`: free slots;
* :mod:`~creative_city.hubs.placement`: batch placement, the best set for one space;
* :mod:`~creative_city.hubs.usage`: the utilisation report;
* :mod:`~creative_city.hubs.rollout`: the hub network's plan and status.

Inside the schedule: :mod:`~creative_city.hubs.rules` holds the admission rules (the
only place they are written), :mod:`~creative_city.hubs.ledger` what each space has
booked, :mod:`~creative_city.hubs.calendar` a hub's opening windows as integer arrays.
:mod:`~creative_city.hubs.operations` holds the oracle operations.
"""

from __future__ import annotations

from creative_city.hubs import (
    availability,
    booking,
    load,
    model,
    placement,
    recurrence,
    rollout,
    schedule,
    usage,
)
from creative_city.hubs.availability import *  # noqa: F403 - the submodule's __all__
from creative_city.hubs.booking import *  # noqa: F403
from creative_city.hubs.load import *  # noqa: F403
from creative_city.hubs.model import *  # noqa: F403
from creative_city.hubs.placement import *  # noqa: F403
from creative_city.hubs.recurrence import *  # noqa: F403
from creative_city.hubs.rollout import *  # noqa: F403
from creative_city.hubs.schedule import *  # noqa: F403
from creative_city.hubs.usage import *  # noqa: F403

__all__ = sorted(  # noqa: PLE0605 - derived from the submodules' own lists
    [
        *availability.__all__,
        *booking.__all__,
        *load.__all__,
        *model.__all__,
        *placement.__all__,
        *recurrence.__all__,
        *rollout.__all__,
        *schedule.__all__,
        *usage.__all__,
    ]
)
