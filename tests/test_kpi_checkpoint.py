"""``Kpi.checkpoint``: the status rule on one date, computed once for many values.

A sweep judges millions of simulated values on the same few dates, so the checkpoint
must give exactly what ``Kpi.status`` gives for one observation judged on its own date:
the reference here is ``Kpi.status`` itself, on every KPI shape (rising, falling, held
level; compound and linear; dates before, at and after the due date).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from creative_city.errors import ValidationError
from creative_city.testing.tourism import kpis, levels
from creative_city.tourism import Kpi, KpiObservation, Status, Trajectory


@st.composite
def judged(draw: st.DrawFn) -> tuple[Kpi, dt.date, Decimal]:
    kpi = draw(kpis())
    days = (kpi.due - kpi.baseline_on).days
    on = kpi.baseline_on + dt.timedelta(days=draw(st.integers(0, days + 400)))
    expected = kpi.expected(on)
    # Values near the status boundaries as well as anywhere.
    value = draw(
        st.one_of(
            levels(max_value=10**7),
            st.sampled_from([Decimal("0.85"), Decimal("0.95"), Decimal(1), Decimal("1.05")]).map(
                lambda f: (expected * f).quantize(Decimal("0.000001"))
            ),
            st.just(kpi.target),
        )
    )
    return kpi, on, value


@given(judged())
@example(
    (
        Kpi("visitors", "k", 100, 200, dt.date(2030, 12, 31), baseline_on=dt.date(2020, 12, 31)),
        dt.date(2030, 12, 31),
        Decimal(199),
    )
)
def test_checkpoint_agrees_with_status(case: tuple[Kpi, dt.date, Decimal]) -> None:
    kpi, on, value = case
    full = kpi.status([KpiObservation(on, value)], on)
    checkpoint = kpi.checkpoint(on)
    assert checkpoint.expected == kpi.expected(on)
    assert checkpoint.achieved(value) is full.achieved
    assert checkpoint.status(value) is full.status


def test_checkpoint_statuses_on_a_falling_linear_target() -> None:
    # Baseline 100 falling to 50 over ten years on a straight line: 75 expected at
    # five years; a value of 80 is 6.67% behind (at risk, by the default 5% / 15%),
    # 90 is 20% behind (off track), 76 is 1.33% behind (on track), 50 has reached it.
    kpi = Kpi(
        "emissions",
        "kt",
        100,
        50,
        dt.date(2030, 12, 31),
        baseline_on=dt.date(2020, 12, 31),
        trajectory=Trajectory.LINEAR,
    )
    checkpoint = kpi.checkpoint(dt.date(2025, 12, 31))
    assert checkpoint.expected == Decimal(75)
    statuses = [checkpoint.status(Decimal(v)) for v in (76, 80, 90, 50)]
    assert statuses == [Status.ON_TRACK, Status.AT_RISK, Status.OFF_TRACK, Status.ON_TRACK]
    assert checkpoint.achieved(Decimal(50))
    assert not checkpoint.achieved(Decimal("50.01"))


def test_a_checkpoint_before_the_baseline_is_refused() -> None:
    kpi = Kpi("visitors", "k", 100, 200, dt.date(2030, 12, 31), baseline_on=dt.date(2020, 12, 31))
    with pytest.raises(
        ValidationError, match=r"on = '2020-12-30': is before baseline_on 2020-12-31"
    ):
        kpi.checkpoint(dt.date(2020, 12, 30))
