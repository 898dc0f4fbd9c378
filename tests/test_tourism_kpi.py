"""KPI targets: trajectories, status, confidence, JSON; worked examples by hand."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.errors import ValidationError
from creative_city.money import ExchangeRates, Money, Rate
from creative_city.serialization import from_json, to_json
from creative_city.testing import tourism as tst
from creative_city.time import Period
from creative_city.tourism import (
    Confidence,
    Kpi,
    KpiObservation,
    KpiStatus,
    Status,
    Tolerances,
    Trajectory,
    compound_value,
    years_between,
)
from creative_city.tourism.kpi.assessment import _places

D = Decimal
HUGE = decimal.Context(prec=200, rounding=decimal.ROUND_HALF_EVEN)


def close(a: Decimal, b: Decimal, rel: str) -> bool:
    with decimal.localcontext(decimal.Context(prec=60)):
        return abs(a - b) <= D(rel) * max(abs(a), abs(b), D(1))


def linear() -> Kpi:
    # Illustrative: 100 on 2020-01-01 to 200 by 2030-01-01, equal steps of 10 a year.
    return Kpi(
        "visitors",
        "thousand",
        100,
        200,
        dt.date(2030, 1, 1),
        baseline_on=dt.date(2020, 1, 1),
        trajectory=Trajectory.LINEAR,
    )


MID = dt.date(2025, 1, 1)


def test_years_between_counts_anniversaries():
    assert years_between(dt.date(2017, 1, 1), dt.date(2022, 1, 1)) == 5
    assert years_between(dt.date(2024, 2, 29), dt.date(2025, 2, 28)) == 1
    # 2022-01-01 -> 2022-07-02 is 182 days of a 365-day year.
    assert close(years_between(dt.date(2022, 1, 1), dt.date(2022, 7, 2)), D(182) / 365, "1e-27")
    assert years_between(dt.date(2022, 1, 1), dt.date(2021, 1, 1)) == -1


def test_linear_and_compound_trajectories_by_hand():
    assert linear().expected(MID) == 150  # 100 + 100 x 5/10
    compound = Kpi(
        "visitors", "thousand", 100, 200, dt.date(2030, 1, 1), baseline_on=dt.date(2020, 1, 1)
    )
    # 100 x 2 ** (5/10) = 141.4213562373...
    assert round(compound.expected(MID), 10) == D("141.4213562373")
    assert compound.expected(dt.date(2031, 1, 1)) == 200  # the target holds after due
    assert round(compound.planned_cagr, 6) == D("0.071773")  # 2 ** 0.1 - 1


@pytest.mark.parametrize(
    ("value", "status", "confidence", "pace"),
    [
        # On the line: deviation 0; needs (200 - 150) / 5 = 10 a year = planned: pace 1.
        (150, Status.ON_TRACK, Confidence.GREEN, D(1)),
        # 146: -2.67 % (within 5 %); needs 54 / 5 = 10.8 a year: pace 1.08.
        (146, Status.ON_TRACK, Confidence.AMBER_GREEN, D("1.08")),
        # 140: -6.67 % (between 5 and 15 %); needs 12 a year: pace 1.2.
        (140, Status.AT_RISK, Confidence.AMBER_GREEN, D("1.2")),
        # 130: -13.3 %; needs 14 a year: pace 1.4.
        (130, Status.AT_RISK, Confidence.AMBER, D("1.4")),
        # 120: -20 % (beyond 15 %); needs 16 a year: pace 1.6.
        (120, Status.OFF_TRACK, Confidence.AMBER_RED, D("1.6")),
        # 90: -40 %; needs 22 a year: pace 2.2 (beyond 2).
        (90, Status.OFF_TRACK, Confidence.RED, D("2.2")),
        # 210: target reached early.
        (210, Status.ON_TRACK, Confidence.GREEN, None),
    ],
)
def test_status_and_confidence_by_hand(value, status, confidence, pace):
    result = linear().status([KpiObservation(MID, value)], as_of=dt.date(2025, 3, 1))
    assert (result.status, result.confidence) == (status, confidence)
    if pace is not None:
        assert result.pace_ratio == pace
    assert result.expected_value == 150
    assert result.latest_on == MID


def test_due_date_passed_without_the_target_is_off_track_and_red():
    result = linear().status([KpiObservation(dt.date(2030, 1, 1), 180)], dt.date(2030, 6, 1))
    assert (result.status, result.confidence, result.required_cagr) == (
        Status.OFF_TRACK,
        Confidence.RED,
        None,
    )
    assert "passed" in result.reason


def test_no_observation_means_the_baseline_stands():
    result = linear().status([], dt.date(2021, 1, 1))
    assert result.latest_value == 100
    assert result.latest_on == dt.date(2020, 1, 1)
    assert result.status is Status.ON_TRACK


def test_observations_after_as_of_are_ignored():
    observations = [KpiObservation(MID, 150), KpiObservation(dt.date(2026, 1, 1), 10)]
    assert linear().status(observations, dt.date(2025, 6, 1)).latest_value == 150


def test_almaty_tourism_investment_target():
    # Zakon.kz, 12 September 2022: investment grew 1.7 times in five years to 100 bn KZT.
    # As a KPI from 58.8235 bn (100 / 1.7) in 2017 to 100 bn in 2022: planned CAGR 11.2 %.
    kpi = Kpi(
        "tourism investment",
        "bn KZT",
        "58.8235",
        100,
        dt.date(2022, 1, 1),
        baseline_on=dt.date(2017, 1, 1),
        source="Zakon.kz, 12 September 2022",
    )
    assert round(kpi.planned_cagr * 100, 1) == D("11.2")
    done = kpi.status([KpiObservation(dt.date(2022, 1, 1), 100)], dt.date(2022, 9, 12))
    assert done.achieved
    assert (done.status, done.confidence) == (Status.ON_TRACK, Confidence.GREEN)
    # Halfway (2019-07-02 is 2.5 years on): 58.8235 x 1.7 ** 0.5 = 76.696...
    assert round(kpi.expected(dt.date(2019, 7, 2)), 1) == D("76.7")


def test_almaty_services_exports_in_usd_million_converted_at_the_average_rate():
    # Zakon.kz, 12 September 2022: services exports to reach USD 500 million by 2030.
    # Illustrative: 2023 exports of 90,000,000,000 KZT at the 2023 average KZT->USD rate,
    # the mean of the daily rates: (181 / 460 + 184 / 450) / 365 = 0.0021982661...
    # x 90e9 = 197,843,954.73 USD (half-even) = 197.84395473 million.
    rates = ExchangeRates(
        [
            Rate(dt.date(2023, 1, 1), "USD", "KZT", "460"),
            Rate(dt.date(2023, 7, 1), "USD", "KZT", "450"),
        ]
    )
    observation = KpiObservation.from_money(
        dt.date(2023, 12, 31),
        Money.of(90_000_000_000, "KZT"),
        rates=rates,
        currency="USD",
        period=Period.year(2023),
        scale=10**6,
    )
    assert observation.value == D("197.843954730000")
    kpi = Kpi(
        "services exports",
        "USD million",
        150,
        500,
        dt.date(2030, 12, 31),
        baseline_on=dt.date(2021, 12, 31),
    )
    status = kpi.status([observation], dt.date(2024, 6, 30))
    assert status.required_cagr is not None
    # Needs (500 / 197.84) ** (1/7) - 1 = 14.16 % a year (seven years to 2030-12-31).
    assert round(status.required_cagr, 4) == D("0.1416")


def test_creative_economy_share_target_linear():
    # Zakon.kz, 12 September 2022: creative industries and IT to reach 5 % of Almaty's
    # economy by 2030. Illustrative baseline: 2 % at the end of 2021, linear path:
    # +1/3 point a year; expected at end-2024 = 3 %.
    kpi = Kpi(
        "creative industries + IT share",
        "percent of GRP",
        2,
        5,
        dt.date(2030, 12, 31),
        baseline_on=dt.date(2021, 12, 31),
        trajectory="linear",
    )
    assert kpi.expected(dt.date(2024, 12, 31)) == 3
    status = kpi.status([KpiObservation(dt.date(2024, 12, 31), "2.9")], dt.date(2025, 3, 1))
    assert status.status is Status.ON_TRACK  # 3.3 % short, within 5 %
    assert status.deviation_percent == D("-3.333333")


# -- properties --------------------------------------------------------------------------


@given(tst.kpis(trajectory=Trajectory.COMPOUND), st.data())
def test_compound_trajectory_is_the_planned_cagr(kpi, data):
    assert kpi.expected(kpi.baseline_on) == kpi.baseline
    assert kpi.expected(kpi.due) == kpi.target
    days = data.draw(st.integers(0, (kpi.due - kpi.baseline_on).days))
    on = kpi.baseline_on + dt.timedelta(days=days)
    years = years_between(kpi.baseline_on, on)
    # 1 + planned_cagr cancels up to log10(1e6) digits when a target falls a
    # millionfold in a year (rate near -1), so compare to 1e-35 relative.
    via_rate = compound_value(kpi.baseline, kpi.planned_cagr, years)
    assert close(kpi.expected(on), via_rate, "1e-35")


@given(tst.kpis(), st.data())
def test_a_value_on_the_trajectory_is_on_track(kpi, data):
    days = data.draw(st.integers(0, (kpi.due - kpi.baseline_on).days - 1))
    on = kpi.baseline_on + dt.timedelta(days=days)
    # Round toward the target so that even zero tolerances see no shortfall.
    mode = decimal.ROUND_CEILING if kpi.target >= kpi.baseline else decimal.ROUND_FLOOR
    value = kpi.expected(on).quantize(D("1E-20"), rounding=mode)
    status = kpi.status([KpiObservation(on, value)], on)
    assert status.status is Status.ON_TRACK
    assert abs(status.deviation_percent) <= D("0.000001")


@given(tst.kpis(), st.data())
def test_kpis_and_statuses_round_trip_through_json(kpi, data):
    assert from_json(to_json(kpi), Kpi) == kpi
    observations = data.draw(tst.kpi_observations(kpi))
    as_of = kpi.due + dt.timedelta(days=data.draw(st.integers(-100, 100)))
    as_of = max(as_of, kpi.baseline_on)
    status = kpi.status(observations, as_of)
    assert from_json(to_json(status), KpiStatus) == status
    assert status.to_records()[0]["status"] == status.status.value


# -- bad input ----------------------------------------------------------------------------


def test_a_target_due_before_its_baseline_is_rejected():
    with pytest.raises(ValidationError) as caught:
        Kpi("x", "u", 1, 2, dt.date(2020, 1, 1), baseline_on=dt.date(2025, 1, 1))
    assert caught.value.field == "due"
    assert "after baseline_on" in caught.value.rule


def test_other_kpi_rules():
    with pytest.raises(ValidationError) as caught:
        Kpi("x", "u", 0, 2, dt.date(2030, 1, 1), baseline_on=dt.date(2025, 1, 1))
    assert caught.value.field == "baseline"
    assert "compound trajectory needs a positive value" in caught.value.rule
    with pytest.raises(ValidationError) as caught:
        linear().status([], dt.date(2019, 1, 1))
    assert caught.value.field == "as_of"
    assert caught.value.rule == "is before baseline_on 2020-01-01"
    with pytest.raises(ValidationError) as caught:
        linear().status([KpiObservation(MID, 1), KpiObservation(MID, 2)], MID)
    assert caught.value.field == "observations[1].on"
    assert caught.value.rule == "two observations share a date"
    with pytest.raises(ValidationError) as caught:
        Tolerances(at_risk=10, off_track=5)
    assert caught.value.field == "off_track"
    assert caught.value.rule == "must be >= at_risk (10)"
    with pytest.raises(ValidationError) as caught:
        KpiObservation(MID, -1)
    assert caught.value.field == "value"
    assert caught.value.rule == "KPI values must be >= 0"


def test_a_hold_the_level_target_follows_its_status():
    # Target = baseline (keep 100): no pace exists; 90 is 10 % short -> at risk, amber.
    hold = Kpi("beds", "thousand", 100, 100, dt.date(2030, 1, 1), baseline_on=dt.date(2020, 1, 1))
    status = hold.status([KpiObservation(MID, 90)], MID)
    assert (status.status, status.confidence, status.pace_ratio) == (
        Status.AT_RISK,
        Confidence.AMBER,
        None,
    )
    assert hold.status([KpiObservation(MID, 100)], MID).confidence is Confidence.GREEN


@pytest.mark.parametrize("trajectory", list(Trajectory))
def test_a_reason_states_a_growth_rate_beyond_the_decimal_precision(trajectory):
    # Found by hypothesis: from 0.01 the target needs a rate of more digits than the
    # context holds; quantize refused it (InvalidOperation) when the reason was written.
    kpi = Kpi(
        "tourism investment",
        "bn KZT",
        Decimal("1.00"),
        Decimal("120834.74"),
        dt.date(2001, 1, 1),
        baseline_on=dt.date(2000, 1, 1),
        trajectory=trajectory,
    )
    observations = [
        KpiObservation(dt.date(2000, 6, 1), Decimal("0.00")),
        KpiObservation(dt.date(2000, 12, 31), Decimal("0.01")),
    ]
    status = kpi.status(observations, dt.date(2000, 12, 31))
    assert status.latest_value == Decimal("0.01")
    assert "120834.74" in status.reason
    if status.required_cagr is not None:
        rate = (status.required_cagr * 100).quantize(Decimal("0.1"), context=HUGE)
        assert f"needs {rate}% a year" in status.reason


def test_places_rounds_half_to_even_like_quantize():
    for text in ("1.25", "1.35", "-0.04", "0.005", "0.015", "-1.5", "7", "123.456"):
        for places in (0, 1, 2):
            value = Decimal(text)
            assert _places(value, places) == str(value.quantize(Decimal(1).scaleb(-places)))
    huge = Decimal("12345678901234567890123456789012345678901234567890.125")
    assert _places(huge, 2) == str(huge.quantize(Decimal("0.01"), context=HUGE))
