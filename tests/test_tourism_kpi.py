"""KPI targets: trajectories, status, confidence, JSON; worked examples by hand."""

from __future__ import annotations

import datetime as dt
import decimal
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, target
from hypothesis import strategies as st

from creative_city.errors import InvalidTypeError, ValidationError
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


# -- every KPI rule's message, and the verdict against a brute-force reading (issue 22) ------

RATES = ExchangeRates([Rate(dt.date(2024, 1, 1), "USD", "KZT", D(450))])


def kpi_with(**changes: object) -> Kpi:
    fields: dict[str, object] = {
        "name": "x",
        "unit": "u",
        "baseline": 1,
        "target": 2,
        "due": "2030-01-01",
        "baseline_on": "2020-01-01",
    }
    return Kpi(**{**fields, **changes})  # type: ignore[arg-type]


def _usd(scale: object) -> KpiObservation:
    return KpiObservation.from_money(
        "2024-06-01",
        Money.of(450, "KZT"),
        rates=RATES,
        currency="USD",
        period=Period.parse("2024"),
        scale=scale,  # type: ignore[arg-type]
    )


FLOAT = "must be int, str or Decimal, never float (floats are inexact)"
DATE = "must be an ISO date YYYY-MM-DD"
KPI_ERRORS = [
    (lambda: kpi_with(baseline=1.5), InvalidTypeError, f"baseline = 1.5: {FLOAT}"),
    (
        lambda: kpi_with(target="abc"),
        ValidationError,
        "target = 'abc': must be a plain decimal string like '-1234.56' (at most 24 + 30 digits)",
    ),
    (lambda: kpi_with(due="2030-02-30"), ValidationError, f"due = '2030-02-30': {DATE}"),
    (lambda: kpi_with(baseline_on="nope"), ValidationError, f"baseline_on = 'nope': {DATE}"),
    (
        lambda: kpi_with(due="2020-01-01"),
        ValidationError,
        (
            "due = '2020-01-01': must be after baseline_on 2020-01-01 "
            "(a target falls due after its baseline)"
        ),
    ),
    (
        lambda: kpi_with(baseline=-1, trajectory="linear"),
        ValidationError,
        "baseline = Decimal('-1'): must be >= 0",
    ),
    (
        lambda: kpi_with(baseline=0, target=-1, trajectory="linear"),
        ValidationError,
        "target = Decimal('-1'): must be >= 0",
    ),
    (
        lambda: kpi_with(baseline=0),
        ValidationError,
        "baseline = Decimal('0'): a compound trajectory needs a positive value (use a linear one)",
    ),
    (
        lambda: kpi_with(target=0),
        ValidationError,
        "target = Decimal('0'): a compound trajectory needs a positive value (use a linear one)",
    ),
    (
        lambda: kpi_with(trajectory="s-curve"),
        ValidationError,
        "trajectory = 's-curve': must be one of 'linear', 'compound'",
    ),
    (lambda: kpi_with(tolerances=5), InvalidTypeError, "tolerances = 5: must be Tolerances"),
    (lambda: Tolerances(at_risk=-1), ValidationError, "at_risk = Decimal('-1'): must be >= 0"),
    (lambda: Tolerances(at_risk=1.5), InvalidTypeError, f"at_risk = 1.5: {FLOAT}"),
    (
        lambda: Tolerances(at_risk=10, off_track=5),
        ValidationError,
        "off_track = Decimal('5'): must be >= at_risk (10)",
    ),
    (lambda: Tolerances(off_track=1.5), InvalidTypeError, f"off_track = 1.5: {FLOAT}"),
    (
        lambda: Tolerances(confidence="1, 2"),
        ValidationError,
        "confidence = '1, 2': must be four ascending pace ratios",
    ),
    (
        lambda: Tolerances(confidence=(1, 2, 3)),
        ValidationError,
        "confidence = (1, 2, 3): must be four ascending pace ratios",
    ),
    (  # four values, but not in an order (a set or a dict's keys)
        lambda: Tolerances(confidence={1, 2, 3, 4}),
        ValidationError,
        "confidence = {1, 2, 3, 4}: must be four ascending pace ratios",
    ),
    (
        lambda: Tolerances(confidence=(1, 2, 3, 4, 5)),
        ValidationError,
        "confidence = (1, 2, 3, 4, 5): must be four ascending pace ratios",
    ),
    (
        lambda: Tolerances(confidence=(Decimal(0), 1, 2, -1)),
        ValidationError,
        "confidence[3] = Decimal('-1'): must be >= 0",
    ),
    (  # the date a status is asked for is checked as the field "on"
        lambda: kpi_with().checkpoint("2025-02-30"),
        ValidationError,
        "on = '2025-02-30': must be an ISO date YYYY-MM-DD",
    ),
    (
        lambda: Tolerances(confidence=(2, 1, 3, 4)),
        ValidationError,
        "confidence = ['2', '1', '3', '4']: must be ascending and >= 0",
    ),
    (
        lambda: Tolerances(confidence=(-1, 0, 1, 2)),
        ValidationError,
        "confidence[0] = Decimal('-1'): must be >= 0",
    ),
    (
        lambda: Tolerances(confidence=(1, 2.5, 3, 4)),
        InvalidTypeError,
        f"confidence[1] = 2.5: {FLOAT}",
    ),
    (
        lambda: KpiObservation("2025-01-01", -1),
        ValidationError,
        "value = Decimal('-1'): KPI values must be >= 0",
    ),
    (lambda: KpiObservation("2025-01-01", 1.5), InvalidTypeError, f"value = 1.5: {FLOAT}"),
    (lambda: KpiObservation("2025-13-01", 1), ValidationError, f"on = '2025-13-01': {DATE}"),
    (
        lambda: KpiObservation(5, 1),  # type: ignore[arg-type]
        InvalidTypeError,
        "on = 5: must be a datetime.date (not a datetime)",
    ),
    (
        lambda: linear().expected("2019-12-31"),  # type: ignore[arg-type]
        ValidationError,
        "on = '2019-12-31': is before baseline_on 2020-01-01",
    ),
    (lambda: linear().expected("x"), ValidationError, f"on = 'x': {DATE}"),  # type: ignore[arg-type]
    (
        lambda: linear().status([], "2019-12-31"),  # type: ignore[arg-type]
        ValidationError,
        "as_of = '2019-12-31': is before baseline_on 2020-01-01",
    ),
    (lambda: linear().status([], "x"), ValidationError, f"as_of = 'x': {DATE}"),  # type: ignore[arg-type]
    (
        lambda: linear().status([("2025-01-01", 1)], MID),  # type: ignore[list-item]
        InvalidTypeError,
        "observations[0] = ('2025-01-01', 1): must be a KpiObservation",
    ),
    (
        lambda: linear().status(
            [KpiObservation("2025-01-01", 1), KpiObservation("2025-01-01", 2)], "2025-06-01"
        ),
        ValidationError,
        "observations[1].on = '2025-01-01': two observations share a date",
    ),
    (
        lambda: linear().status([], MID, places=31),
        ValidationError,
        "places = 31: must be an int from 0 to 30",
    ),
    (lambda: _usd(0), ValidationError, "scale = Decimal('0'): must be > 0"),
    (lambda: _usd(1.5), InvalidTypeError, f"scale = 1.5: {FLOAT}"),
    (
        lambda: years_between("x", MID),  # type: ignore[arg-type]
        InvalidTypeError,
        "start = 'x': must be a datetime.date (not a datetime)",
    ),
    (
        lambda: years_between(MID, "y"),  # type: ignore[arg-type]
        InvalidTypeError,
        "end = 'y': must be a datetime.date (not a datetime)",
    ),
    (
        lambda: years_between(MID, dt.date(9999, 6, 1)),
        ValidationError,
        "end = '9999-06-01': the calendar ends at 9999-12-31: a year after it is needed",
    ),
]


@pytest.mark.parametrize(("call", "error_type", "message"), KPI_ERRORS)
def test_every_kpi_rule_names_field_value_and_rule(call, error_type, message):
    with pytest.raises(error_type) as caught:
        call()
    assert type(caught.value) is error_type
    assert str(caught.value) == message


def test_the_kpi_rules_bounds_are_where_they_say():
    kpi_with(due="2020-01-02")  # a day after the baseline is enough
    Tolerances(confidence=(0, 1, 2, 3))  # a band of 0 is allowed (>= 0)
    Tolerances(at_risk=0, off_track=0)
    assert _usd(1).value == 1  # 450 KZT at 450 KZT per USD
    assert _usd(D("0.5")).value == 2  # a scale below 1 is allowed (> 0)
    default = KpiObservation.from_money(
        "2024-06-01", Money.of(900, "KZT"), rates=RATES, currency="USD", period=Period.parse("2024")
    )
    assert default.value == 2  # the default scale is 1: USD, not thousands of them
    with decimal.localcontext(decimal.Context(prec=2, rounding=decimal.ROUND_DOWN)):
        assert _usd(3).value == D("0.333333333333")  # 12 places, in the library's context
    assert _usd(3).value == D("0.333333333333")


def verdict(baseline, goal, span, year, value, now):  # noqa: PLR0917 - the rule's inputs
    """The status and confidence by a plain reading of the rules (rising linear target).

    The observation is ``year`` whole years after the baseline date and the assessment
    ``now`` whole years after it; the target is due ``span`` years after it.
    """
    if value >= goal:
        return "on_track", "green"
    expected = baseline + (goal - baseline) * Fraction(year, span)
    deviation = 100 * (value - expected) / expected
    if now >= span:
        return "off_track", "red"
    status = "off_track" if deviation < -15 else "at_risk" if deviation < -5 else "on_track"
    if year >= span:
        return status, "red"
    pace = ((goal - value) / (span - year)) / ((goal - baseline) / span)
    bands = [(Fraction(1), "green"), (Fraction(5, 4), "amber/green"), (Fraction(3, 2), "amber")]
    bands.append((Fraction(2), "amber/red"))
    return status, next((level for bound, level in bands if pace <= bound), "red")


@given(
    st.integers(1, 1000),
    st.integers(1, 2000),
    st.integers(1, 10),
    st.integers(0, 12),
    st.integers(0, 40000),
    st.integers(0, 3),
)
@example(100, 100, 10, 5, 1425, 0)  # 142.5: exactly 5 % behind 150, on track (not below -5)
@example(100, 100, 10, 5, 1275, 0)  # 127.5: exactly 15 % behind, at risk (not below -15)
@example(100, 100, 10, 5, 1375, 0)  # pace exactly 1.25: amber/green
@example(100, 100, 10, 10, 2000, 0)  # exactly the target on the due date: achieved
@example(100, 100, 10, 10, 1999, 0)  # just short on the due date: late, red
@example(100, 100, 10, 0, 1500, 1)  # an observation on the baseline date itself counts
def test_kpi_status_is_the_plain_reading_of_the_rules(  # noqa: PLR0917 - one per drawn value
    baseline, rise, span, year, tenths, later
):
    goal = baseline + rise
    year = min(year, span + 1)
    value = Fraction(tenths, 10)
    now = year + later
    start = dt.date(2001, 3, 1)
    kpi = Kpi(
        "visitors",
        "thousand",
        baseline,
        goal,
        start.replace(year=start.year + span),
        baseline_on=start,
        trajectory=Trajectory.LINEAR,
    )
    observation = KpiObservation(start.replace(year=start.year + year), D(tenths) / 10)
    result = kpi.status([observation], start.replace(year=start.year + now))
    expected = baseline + (goal - baseline) * Fraction(year, span)
    target(-abs(float(100 * (value - expected) / expected) + 5), label="deviation near -5 %")
    target(-abs(float(value - goal)), label="latest near the target")
    assert result.latest_on == observation.on
    assert result.latest_value == observation.value
    assert (result.status.value, result.confidence.value) == verdict(
        baseline, goal, span, year, value, now
    )
    assert result.achieved is (value >= goal)
