"""The rollout status against a reference that counts hubs by hand.

The rules (Zakon.kz, 12 September 2022 for the Almaty targets; DESIGN.md, Hubs): a hub
counts once its actual opening is on or before the as-of date; a requirement counts the
hubs of its kinds, and of those with a known area only the ones within its cap (the
cap inclusive); a target is met when every requirement is reached by open hubs, missed
when unmet after 31 December of its due year, else on track when the open hubs plus
those not yet open but planned by the due date would meet it, else at risk.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from creative_city.hubs import (
    ALMATY_TARGETS,
    HubKind,
    KindCount,
    NetworkPlan,
    PlannedHub,
    RolloutTarget,
    TargetState,
    rollout_status,
)

DATES = st.dates(dt.date(2023, 1, 1), dt.date(2032, 12, 31))
AREAS = st.none() | st.sampled_from([Decimal(14999), Decimal(15000), Decimal(15001), Decimal(500)])


@st.composite
def plans(draw):
    hubs = [
        PlannedHub(
            f"h{k}",
            f"Hub {k}",
            draw(st.sampled_from(HubKind)),
            draw(DATES),
            draw(AREAS),
            draw(st.none() | DATES),
        )
        for k in range(draw(st.integers(0, 12)))
    ]
    targets = ALMATY_TARGETS
    if draw(st.booleans()):
        targets = (
            RolloutTarget(
                "small",
                "two creative hubs of up to 15,000 m2 by 2027",
                2027,
                (KindCount((HubKind.CREATIVE_HUB,), 2, Decimal(15000)),),
                "test",
            ),
        )
    return NetworkPlan(tuple(hubs), targets)


def counted(requirement, hubs):
    return sum(
        1
        for h in hubs
        if h.kind in requirement.kinds
        and (
            requirement.max_area is None
            or (h.floor_area is not None and h.floor_area <= requirement.max_area)
        )
    )


def reference(plan, as_of):
    opened = [h for h in plan.hubs if h.actual_opening is not None and h.actual_opening <= as_of]
    rows = []
    for target in plan.targets:
        due = dt.date(target.due_year, 12, 31)
        later = [h for h in plan.hubs if h not in opened and h.planned_opening <= due]
        required = [r.count for r in target.requirements]
        have = [counted(r, opened) for r in target.requirements]
        will = [counted(r, opened + later) for r in target.requirements]
        met = all(h >= r for h, r in zip(have, required, strict=True))
        if met:
            state = TargetState.MET
        elif as_of > due:
            state = TargetState.MISSED
        elif all(w >= r for w, r in zip(will, required, strict=True)):
            state = TargetState.ON_TRACK
        else:
            state = TargetState.AT_RISK
        rows.append((target.id, tuple(required), tuple(have), tuple(will), met, state))
    area = sum(h.floor_area for h in opened if h.floor_area is not None)
    return rows, area


def _hub(kind, area=None, opened=None, planned=dt.date(2025, 12, 31)):
    return PlannedHub(kind.value, kind.value, kind, planned, area, opened)


@example(
    NetworkPlan(
        (
            _hub(HubKind.CREATIVE_HUB, opened=dt.date(2025, 12, 31)),
            _hub(HubKind.VIDEO_STUDIO, opened=dt.date(2026, 1, 1)),
            _hub(HubKind.SOUND_STUDIO),
            _hub(HubKind.IT_HUB, Decimal(15000), planned=dt.date(2026, 1, 1)),
        )
    ),
    dt.date(2025, 12, 31),
)  # opened on the as-of date, a day after it, planned a day after the due date
@example(
    NetworkPlan(
        tuple(
            PlannedHub(f"h{k}", "h", kind, dt.date(2025, 1, 1), None, dt.date(2025, 1, 1))
            for k, kind in enumerate([HubKind.CREATIVE_HUB] * 3 + [HubKind.IT_HUB])
        )
    ),
    dt.date(2026, 1, 1),
)  # an IT hub whose area is unknown does not count toward the capped requirement
@given(plans(), DATES)
def test_rollout_status_counts_like_the_reference(plan, as_of):
    status = rollout_status(plan, as_of)
    rows, area = reference(plan, as_of)
    assert [
        (t.target, t.required, t.opened, t.planned, t.met, t.state) for t in status.targets
    ] == rows
    assert status.opened_area == area
    assert status.as_of == as_of
    assert [(t.description, t.due_year, t.source) for t in status.targets] == [
        (t.description, t.due_year, t.source) for t in plan.targets
    ]
    assert (
        repr(status)
        == f"<RolloutStatus {as_of}: "
        + ", ".join(f"{t.target}: {t.state.value}" for t in status.targets)
        + ">"
    )
    assert status.to_records() == [
        {
            "as_of": as_of,
            "target": target,
            "due_year": t.due_year,
            "required": sum(required),
            "opened": sum(have),
            "planned": sum(will),
            "met": met,
            "state": state.value,
        }
        for (target, required, have, will, met, state), t in zip(rows, plan.targets, strict=True)
    ]
