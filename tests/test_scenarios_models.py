"""The models: each sample is the library's own exact answer for the drawn parameters."""

from __future__ import annotations

import datetime as dt
import json
import math
import pathlib
import statistics
from decimal import Decimal
from fractions import Fraction

import pytest

from creative_city.errors import ValidationError
from creative_city.funding import ProjectionParameters, project
from creative_city.hubs import ALMATY_TARGETS, HubKind, NetworkPlan, PlannedHub, rollout_status
from creative_city.money import Money
from creative_city.scenarios import (
    Draws,
    Empirical,
    Fixed,
    FundProjection,
    FundTarget,
    HubPlan,
    HubRollout,
    KpiPath,
    Pipeline,
    ScenarioSpec,
    Uniform,
    sweep,
)
from creative_city.tourism import Kpi, KpiObservation

ROOT = pathlib.Path(__file__).resolve().parent.parent


def fixed_draws(**values: str) -> Draws:
    return Draws({name: Fixed(value) for name, value in values.items()}, {}, 0, 0)


# -- fund projection ---------------------------------------------------------------------


def almaty_fund() -> FundProjection:
    # Zakon.kz, 12 September 2022: a city venture fund of 20 bn KZT; rates and life as in
    # Takahashi and Alexander (2001)'s example.
    return FundProjection(
        Money.of(20_000_000_000, "KZT"),
        ["0.25", "0.333", "0.5"],
        12,
        targets=[FundTarget("dpi", 10, 1), FundTarget("tvpi", 12, "1.5")],
    )


def test_a_fund_sample_is_the_library_projection_of_its_parameters():
    model = almaty_fund()
    outcome = model.evaluate(fixed_draws(growth="0.13", bow="2.5", distribution_yield="0"))
    years = project(
        ProjectionParameters(
            Money.of(20_000_000_000, "KZT"),
            [Fraction(1, 4), Fraction(333, 1000), Fraction(1, 2)],
            distribution_yield=0,
            bow=Decimal("2.5"),
            growth=Decimal("0.13"),
            life=12,
        )
    ).years
    dpi = [Fraction(y.cumulative_distributions.minor, y.cumulative_calls.minor) for y in years]
    tvpi = [
        Fraction(y.cumulative_distributions.minor + y.nav.minor, y.cumulative_calls.minor)
        for y in years
    ]
    assert outcome.values == tuple(round(v * 1000) for v in dpi + tvpi)
    assert outcome.events == (dpi[9] >= 1, tvpi[11] >= Fraction(3, 2))
    layout = model.layout()
    assert layout.events == ("dpi >= 1 by year 10", "tvpi >= 1.5 by year 12")
    assert [(s.metric, s.year) for s in layout.slots[:2]] == [("dpi", 1), ("dpi", 2)]
    assert len(layout.slots) == len(outcome.values) == 24


def test_fixed_parameters_give_one_value_per_slot():
    spec = ScenarioSpec(
        "fixed",
        almaty_fund(),
        {"growth": Fixed("0.13"), "bow": Fixed("2.5"), "distribution_yield": Fixed(0)},
    )
    cell = sweep(spec, samples=3).cells[0]
    assert all(q.p5 == q.p50 == q.p95 and q.distinct == 1 for q in cell.quantiles)
    assert {e.probability for e in cell.events} <= {Decimal(0), Decimal(1)}
    assert all(e.standard_error == 0 for e in cell.events)


def test_fund_targets_must_fall_within_the_life():
    with pytest.raises(ValidationError) as info:
        FundProjection(Money.of(1, "KZT"), ["0.5"], 5, targets=[FundTarget("dpi", 6, 1)])
    assert info.value.field == "targets[0].year"
    with pytest.raises(ValidationError, match="must be 'dpi' or 'tvpi'"):
        FundTarget("irr", 5, 1)


# -- KPI path -----------------------------------------------------------------------------


def exports(**changes: object) -> KpiPath:
    fields: dict[str, object] = {
        "name": "services exports",
        "unit": "USD million",
        "baseline": "200",
        "baseline_year": 2022,
        "target": "500",
        "due_year": 2030,
        "resolution": "0.1",
        "checkpoints": (2024, 2027),
        "source": "Zakon.kz, 12 September 2022",
    }
    fields.update(changes)
    return KpiPath(**fields)  # type: ignore[arg-type]


def test_a_kpi_sample_compounds_its_growth_and_is_judged_by_the_kpi():
    model = exports()
    outcome = model.evaluate(fixed_draws(growth="0.1"))
    path, value = [], Decimal(200)
    for _ in range(8):
        value = (value * Decimal("1.1")).quantize(Decimal("0.000001"))
        path.append(value)
    assert outcome.values == tuple(int(v * 10) for v in path)  # resolution 0.1
    kpi = Kpi(
        "services exports",
        "USD million",
        200,
        500,
        dt.date(2030, 12, 31),
        baseline_on=dt.date(2022, 12, 31),
    )
    due = kpi.status([KpiObservation(dt.date(2030, 12, 31), path[-1])], dt.date(2030, 12, 31))
    statuses = [
        kpi.status([KpiObservation(dt.date(y, 12, 31), path[y - 2023])], dt.date(y, 12, 31))
        for y in (2024, 2027)
    ]
    expected = [due.achieved]
    for status in statuses:
        expected += [status.status.value == s for s in ("on_track", "at_risk", "off_track")]
    assert outcome.events == tuple(expected)
    assert due.achieved is False  # 200 x 1.1^8 = 428.7, short of 500
    assert model.layout().events == (
        "target met by 2030",
        "on track in 2024",
        "at risk in 2024",
        "off track in 2024",
        "on track in 2027",
        "at risk in 2027",
        "off track in 2027",
    )


def test_exactly_one_status_per_checkpoint():
    spec = ScenarioSpec(
        "exports", exports(), {"growth": Empirical(["-0.1", "0.05", "0.12", "0.3"])}
    )
    cell = sweep(spec, samples=60, seed=5).cells[0]
    for year in ("2024", "2027"):
        counts = [e.count for e in cell.events if e.name.endswith(year)]
        assert sum(counts) == 60


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"due_year": 2090}, "due_year"),
        ({"checkpoints": (2022,)}, "checkpoints[0]"),
        ({"checkpoints": (2025, 2025)}, "checkpoints"),
        ({"places": 13}, "places"),
        ({"resolution": "0"}, "resolution"),
        ({"baseline": "0"}, "baseline"),  # the KPI's own rule: compound needs a positive base
    ],
)
def test_kpi_path_fields_are_checked(changes, field):
    with pytest.raises(ValidationError) as info:
        exports(**changes)
    assert info.value.field == field


# -- hub rollout ---------------------------------------------------------------------------


def almaty_hubs() -> tuple[HubPlan, ...]:
    # The announced network (Zakon.kz, 12 September 2022), all planned for end-2025.
    due = dt.date(2025, 12, 31)
    return (
        HubPlan("depo", HubKind.ART_AND_SCIENCE_CENTRE, due),
        *(HubPlan(f"creative-{n}", HubKind.CREATIVE_HUB, due) for n in (1, 2, 3)),
        HubPlan("video-studio", HubKind.VIDEO_STUDIO, due),
        HubPlan("sound-studio", HubKind.SOUND_STUDIO, due),
        HubPlan("it-hub", HubKind.IT_HUB, due, Decimal(15000)),
    )


def test_a_rollout_sample_is_the_library_status_of_the_delayed_plan():
    model = HubRollout(almaty_hubs())
    assert model.targets == ALMATY_TARGETS
    outcome = model.evaluate(fixed_draws(delay_days="0"))
    assert outcome.events == (True, False)  # 2025 met on time; only 4 creative/IT hubs by 2030
    late = model.evaluate(fixed_draws(delay_days="1"))
    assert late.events == (False, False)
    hubs = tuple(
        PlannedHub(h.id, h.id, h.kind, h.planned_opening, h.floor_area, dt.date(2026, 1, 1))
        for h in almaty_hubs()
    )
    status = rollout_status(NetworkPlan(hubs), dt.date(2025, 12, 31))
    assert late.events[0] is status.targets[0].met
    assert model.years() == range(2025, 2031)
    assert outcome.values == (7, 7, 7, 7, 7, 7)
    assert late.values == (0, 7, 7, 7, 7, 7)


def test_opened_hubs_take_no_delay_and_each_other_hub_its_own():
    model = HubRollout(
        (
            HubPlan("a", HubKind.CREATIVE_HUB, dt.date(2024, 1, 1), opened=True),
            HubPlan("b", HubKind.CREATIVE_HUB, dt.date(2024, 1, 1)),
            HubPlan("c", HubKind.CREATIVE_HUB, dt.date(2024, 1, 1)),
        ),
        targets=ALMATY_TARGETS[1:],
    )
    form = Uniform(low=0, high=1000, places=0)
    draws = Draws({"delay_days": form}, {}, 1, 0)
    outcome = model.evaluate(draws)
    again = Draws({"delay_days": form}, {}, 1, 0)
    first, second = again.value("delay_days"), again.value("delay_days")
    openings = sorted(
        [dt.date(2024, 1, 1)]
        + [dt.date(2024, 1, 1) + dt.timedelta(days=int(d)) for d in (first, second)]
    )
    years = model.years()
    assert outcome.values == tuple(
        sum(1 for o in openings if o <= dt.date(y, 12, 31)) for y in years
    )


def test_the_hubs_example_answers_with_certainty_at_both_ends():
    spec = ScenarioSpec.from_json((ROOT / "examples/sweeps/hubs-open-by-2027.json").read_text())
    result = sweep(spec, samples=200)
    p = [cell.probability("hubs-2030 met") for cell in result.cells]
    # Two open by 2027: the sixth of the others is planned on 31 December 2030 and any delay
    # misses; eight open by 2027 need nothing more.
    assert (p[0], p[-1]) == (0, 1)
    assert p == sorted(p)
    assert [c.grid["open_early"] for c in result.cells] == [Decimal(n) for n in range(2, 9)]


def test_rollout_inputs_follow_the_pipeline():
    hubs = ScenarioSpec.from_json((ROOT / "examples/sweeps/hubs-open-by-2027.json").read_text())
    document = json.loads(hubs.to_json())
    del document["model"]["pipeline"]
    document["model"]["hubs"] = [
        {
            "id": "x",
            "kind": "it-hub",
            "planned_opening": "2026-01-01",
            "floor_area": None,
            "opened": False,
        }
    ]
    with pytest.raises(ValidationError) as info:
        ScenarioSpec.from_json(json.dumps(document))
    assert info.value.field == "$.parameters.open_early"
    assert "is not an input of the hub_rollout model (its inputs: delay_days)" in info.value.rule


@pytest.mark.parametrize(
    ("build", "field"),
    [
        (lambda: HubRollout(()), "hubs"),
        (lambda: HubRollout(almaty_hubs(), targets=()), "targets"),
        (
            lambda: HubRollout(
                (HubPlan("pipeline-1", HubKind.IT_HUB, dt.date(2026, 1, 1)),),
                Pipeline(HubKind.IT_HUB, 2, dt.date(2027, 1, 1), dt.date(2028, 1, 1), 6),
            ),
            "hubs",
        ),
        (
            lambda: Pipeline(HubKind.IT_HUB, 0, dt.date(2027, 1, 1), dt.date(2028, 1, 1), 6),
            "total",
        ),
        (
            lambda: Pipeline(HubKind.IT_HUB, 2, dt.date(2027, 1, 1), dt.date(2028, 1, 1), -1),
            "every_months",
        ),
    ],
)
def test_rollout_fields_are_checked(build, field):
    with pytest.raises(ValidationError) as info:
        build()
    assert info.value.field == field


def test_the_hubs_example_matches_its_closed_form():
    # Each hub still to open is on time when its delay, lognormal(5.3, 0.8) truncated to
    # 1,460 days and rounded to whole days, is at most its slack to 31 December 2030:
    # P = prod Phi((ln(slack + 0.5) - 5.3) / 0.8) / Phi((ln(1460.5) - 5.3) / 0.8).
    phi = statistics.NormalDist().cdf

    def on_time(slack: int) -> float:
        return phi((math.log(slack + 0.5) - 5.3) / 0.8) / phi((math.log(1460.5) - 5.3) / 0.8)

    document = json.loads((ROOT / "examples/sweeps/hubs-open-by-2027.json").read_text())
    document["parameters"]["open_early"]["values"] = ["4", "5"]
    spec = ScenarioSpec.from_json(json.dumps(document))
    samples = 2000
    result = sweep(spec, samples=samples)
    # Planned 2028-06-30, 2028-12-31, 2029-06-30, 2029-12-31: 914, 730, 549, 365 days.
    slacks = {4: (914, 730, 549, 365), 5: (914, 730, 549)}
    for cell in result.cells:
        p = math.prod(on_time(s) for s in slacks[int(cell.grid["open_early"])])
        estimate = float(cell.probability("hubs-2030 met"))
        assert abs(estimate - p) <= 4 * math.sqrt(p * (1 - p) / samples), (cell.grid, p)
