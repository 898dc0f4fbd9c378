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

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from creative_city.errors import ValidationError
from creative_city.hubs import (
    ALMATY_TARGETS,
    HubKind,
    KindCount,
    NetworkPlan,
    PlannedHub,
    RolloutTarget,
    TargetState,
    almaty_plan,
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


# -- the announced network, from the source's text -----------------------------------
#
# Zakon.kz, 12 September 2022 ("Что появится на месте бывшего трамвайного депо в
# Алматы"), quoting the deputy akim of Almaty:
#   "К 2025 году завершится работа по креативному кластеру Depo Art and Science Center
#   на базе бывшего трамвайного депо."
#   "До 2025 года планируется создать три креативных хаба и две студии видео- и
#   звукозаписи международного уровня, IT-хаб площадью до 15 тыс. кв. м."
#   "К 2030 году количество креативных и IT-хабов будет доведено до восьми."
# Every figure below is read from those sentences: the Depo centre, three creative hubs,
# a video and a sound studio, one IT hub of 15,000 m2, all by the end of 2025 (no
# opening recorded, no other area known); 8 creative and IT hubs by 2030. The ids and
# the names other than the Depo centre's are the library's labels (the source names no
# hub but the Depo centre); they are pinned too, since plans are looked up by id.

END_2025 = dt.date(2025, 12, 31)  # "К 2025 году", "До 2025 года": by the end of 2025
IT_HUB_AREA = Decimal(15000)  # "площадью до 15 тыс. кв. м."

ANNOUNCED_HUBS = [
    # (id, name, kind, planned opening, floor area, actual opening)
    ("depo", "Depo Art and Science Center", HubKind.ART_AND_SCIENCE_CENTRE, END_2025, None, None),
    ("creative-1", "Creative hub 1", HubKind.CREATIVE_HUB, END_2025, None, None),
    ("creative-2", "Creative hub 2", HubKind.CREATIVE_HUB, END_2025, None, None),
    ("creative-3", "Creative hub 3", HubKind.CREATIVE_HUB, END_2025, None, None),
    ("video-studio", "Video studio", HubKind.VIDEO_STUDIO, END_2025, None, None),
    ("sound-studio", "Sound studio", HubKind.SOUND_STUDIO, END_2025, None, None),
    ("it-hub", "IT hub", HubKind.IT_HUB, END_2025, IT_HUB_AREA, None),
]


def test_almaty_plan_is_the_announced_network():
    plan = almaty_plan()
    assert [
        (h.id, h.name, h.kind, h.planned_opening, h.floor_area, h.actual_opening) for h in plan.hubs
    ] == ANNOUNCED_HUBS
    assert plan.targets == ALMATY_TARGETS


def test_almaty_plan_counts_match_the_source():
    # The same figures counted by kind: "три креативных хаба" (3), "две студии видео- и
    # звукозаписи" (one of each), "IT-хаб" (1) of "до 15 тыс. кв. м.", the Depo centre.
    hubs = almaty_plan().hubs
    kinds = [h.kind for h in hubs]
    assert kinds.count(HubKind.CREATIVE_HUB) == 3
    assert kinds.count(HubKind.VIDEO_STUDIO) == 1
    assert kinds.count(HubKind.SOUND_STUDIO) == 1
    assert kinds.count(HubKind.IT_HUB) == 1
    assert kinds.count(HubKind.ART_AND_SCIENCE_CENTRE) == 1
    assert len(hubs) == 7
    (it_hub,) = (h for h in hubs if h.kind is HubKind.IT_HUB)
    assert it_hub.floor_area == Decimal(15000)
    assert {h.planned_opening for h in hubs} == {dt.date(2025, 12, 31)}
    assert all(h.actual_opening is None for h in hubs)


def test_almaty_targets_match_the_source():
    first, second = ALMATY_TARGETS
    assert (first.id, first.due_year, first.source) == (
        "hubs-2025",
        2025,
        "Zakon.kz, 12 September 2022",
    )
    assert [(r.kinds, r.count, r.max_area) for r in first.requirements] == [
        ((HubKind.CREATIVE_HUB,), 3, None),
        ((HubKind.VIDEO_STUDIO,), 1, None),
        ((HubKind.SOUND_STUDIO,), 1, None),
        ((HubKind.IT_HUB,), 1, Decimal(15000)),
    ]
    assert (second.id, second.due_year, second.source) == (
        "hubs-2030",
        2030,
        "Zakon.kz, 12 September 2022",
    )
    assert [(r.kinds, r.count, r.max_area) for r in second.requirements] == [
        ((HubKind.CREATIVE_HUB, HubKind.IT_HUB), 8, None),
    ]


def test_the_opened_area_is_a_decimal_even_with_nothing_open():
    # No hub open yet: the area is Decimal 0 (m2 are Decimals), not the int 0.
    status = rollout_status(almaty_plan(), dt.date(2022, 9, 12))
    assert type(status.opened_area) is Decimal
    assert str(status.opened_area) == "0"
    only_unknown = NetworkPlan(
        (PlannedHub("c", "C", HubKind.CREATIVE_HUB, END_2025, None, dt.date(2024, 1, 1)),)
    )
    assert type(rollout_status(only_unknown, END_2025).opened_area) is Decimal


# -- the validators' bounds ------------------------------------------------------------


def _target(due_year):
    return RolloutTarget("t", "t", due_year, (KindCount((HubKind.IT_HUB,), 1),))


@pytest.mark.parametrize("due_year", [1, 2, dt.MAXYEAR - 1, dt.MAXYEAR])
def test_due_year_accepts_every_year_of_the_calendar(due_year):
    # 1 and 9999 are the calendar's first and last years (datetime.MINYEAR, MAXYEAR).
    assert _target(due_year).due_year == due_year


@pytest.mark.parametrize("due_year", [0, -1, dt.MAXYEAR + 1, True, 2025.0, "2025"])
def test_due_year_outside_the_calendar_names_field_value_and_rule(due_year):
    with pytest.raises(ValidationError) as info:
        _target(due_year)
    assert info.value.field == "due_year"
    assert info.value.value is due_year
    assert info.value.rule == "must be an int from 1 to 9999"
    assert str(info.value) == f"due_year = {due_year!r}: must be an int from 1 to 9999"


@pytest.mark.parametrize("area", [Decimal("0.01"), Decimal("0.5"), Decimal(1), Decimal("1.5")])
def test_any_positive_floor_area_is_accepted(area):
    # "m2 > 0": an area below or at 1 m2 is still an area.
    assert PlannedHub("h", "H", HubKind.IT_HUB, END_2025, area).floor_area == area


@pytest.mark.parametrize("area", [Decimal(0), Decimal("-0.01"), Decimal(-1)])
def test_a_floor_area_of_zero_or_less_names_field_value_and_rule(area):
    with pytest.raises(ValidationError) as info:
        PlannedHub("h", "H", HubKind.IT_HUB, END_2025, area)
    assert (info.value.field, info.value.value, info.value.rule) == (
        "floor_area",
        area,
        "must be a Decimal m2 > 0",
    )


@pytest.mark.parametrize("area", [Decimal(0), Decimal("-0.01"), Decimal(-15000), 15000, "15000"])
def test_an_area_cap_is_a_decimal_above_zero(area):
    # A cap of 0 or below counted no hub at all; an int or a string slipped past unread.
    with pytest.raises(ValidationError) as caught:
        KindCount((HubKind.IT_HUB,), 1, area)
    assert str(caught.value) == f"max_area = {area!r}: must be a Decimal m2 > 0"
    assert caught.value.value == area


def test_the_smallest_area_cap_is_taken():
    cap = KindCount((HubKind.IT_HUB,), 1, Decimal("0.01"))
    assert cap.max_area == Decimal("0.01")
    assert KindCount((HubKind.IT_HUB,), 1).max_area is None
