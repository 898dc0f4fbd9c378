"""Tourism indicators: worked examples from cited sources, properties and bad input."""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from creative_city.errors import InvalidTypeError, UndefinedResultError, ValidationError
from creative_city.money import ExchangeRates, Money, Rate
from creative_city.serialization import from_json, to_json
from creative_city.testing import tourism as tst
from creative_city.time import Period
from creative_city.tourism import (
    IndicatorTable,
    Measure,
    Observation,
    ObservationSet,
    PriceBasis,
    Residence,
    Segment,
    Universe,
    adr,
    alos,
    alos_of,
    cagr,
    capacity_gap,
    chain_link,
    check_one_universe,
    compare,
    compound_value,
    convert_observation,
    gini,
    gross_bed_place_occupancy,
    growth_multiple,
    growth_table,
    index_series,
    indicator_table,
    multiple_to_percent_change,
    net_bed_place_occupancy,
    occupancy_of,
    percent_change,
    percent_change_to_multiple,
    percentage_points,
    rebase,
    revpar,
    room_occupancy,
    seasonality,
    seasonality_table,
    share,
    tourism_intensity,
    trend_growth,
)

D = Decimal
positive = st.decimals(min_value="0.001", max_value="1000000000", places=3)


def div(a: object, b: object) -> Decimal:
    return decimal.Context(prec=60).divide(D(a), D(b))  # type: ignore[arg-type]


def close(a: Decimal, b: Decimal, rel: str) -> bool:
    with decimal.localcontext(decimal.Context(prec=60)):
        return abs(a - b) <= D(rel) * max(abs(a), abs(b))


# -- worked examples: Zakon.kz, 12 September 2022 (Almaty creative cluster article) ----------


def test_almaty_investment_x17_over_five_years_to_100_bn():
    # Zakon.kz, 12 September 2022: "investment grew 1.7 times over five years, to 100 bn
    # tenge". By hand: base = 100 / 1.7 = 58.8235...; rate = 1.7 ** (1/5) - 1:
    # ln 1.7 = 0.530628251, / 5 = 0.106125650, exp = 1.111962 -> 11.2 % a year.
    base = div(100, "1.7")
    assert round(base, 1) == D("58.8")
    rate = cagr(base, 100, 5)
    assert round(rate * 100, 1) == D("11.2")
    assert round(cagr(1, D("1.7"), 5), 6) == D("0.111962")
    assert close(compound_value(base, rate, 5), D(100), "1e-40")


def test_almaty_foreign_tourists_x28_is_plus_180_percent():
    # Zakon.kz, 12 September 2022: foreign tourists in H1 2022 grew 2.8 times.
    # A multiple of 2.8 is a percent change of (2.8 - 1) x 100 = +180 %, not +280 %.
    assert multiple_to_percent_change(D("2.8")) == 180
    assert percent_change(280, 100) == 180
    assert percent_change_to_multiple(180) == D("2.8")
    # Domestic tourists grew 1.4 times: +40 %.
    assert multiple_to_percent_change(D("1.4")) == 40


def test_almaty_foreign_grew_twice_as_much_as_domestic():
    # Zakon.kz, 12 September 2022: x2.8 foreign vs x1.4 domestic; 2.8 / 1.4 = 2.0.
    assert growth_multiple(D("2.8"), D("1.4")) == 2


def test_h1_2024_has_182_days_h1_2023_has_181():
    # 2024 is a leap year: January-June 2024 = 31+29+31+30+31+30 = 182 days, 2023: 181.
    now = Observation.count("2024-H1", "foreign", "border", "arrivals", 182_000)
    then = Observation.count("2023-H1", "foreign", "border", "arrivals", 181_000)
    result = compare(now, then)
    assert (result.current_days, result.previous_days, result.length_mismatch) == (182, 181, True)
    # Totals: 182000 / 181000 = 1.005525 (+0.5525 %); per day both are 1000 -> x1.
    assert result.multiple == D("1.005525")
    per_day = compare(now, then, per_day=True)
    assert (per_day.current, per_day.previous, per_day.multiple) == (D(1000), D(1000), D(1))


def test_ytd_compares_with_ytd():
    now = Observation.count("YTD/2022-06-30", "domestic", "accommodation", "arrivals", 140)
    then = Observation.count("YTD/2021-06-30", "domestic", "accommodation", "arrivals", 100)
    assert compare(now, then).multiple == D("1.4")


# -- Eurostat definitions -------------------------------------------------------------------


def test_eurostat_gross_bed_place_occupancy_may_exceed_100_percent():
    # Eurostat, "Methodological manual on the design and implementation of surveys on
    # inbound tourism" (2000), Appendix A: U_e = P / G_p x 100, G_p = bed-places x days.
    # Statistics Explained "Glossary: Net occupancy rate": extra beds are excluded, so
    # the rate can be bigger than 100 %. 4,500 nights / (100 beds x 30 days) = 150 %.
    assert gross_bed_place_occupancy(4500, 100, 30) == 150
    assert gross_bed_place_occupancy(1500, 100, 30) == 50


def test_eurostat_net_bed_place_occupancy_uses_bed_days_available():
    # Same sources, U_n = P / G_d x 100 with G_d the bed-days actually available:
    # a 100-bed hotel closed 10 of 30 days offers 2,000 bed-days; 1,500 nights -> 75 %.
    assert net_bed_place_occupancy(1500, 2000) == 75
    assert gross_bed_place_occupancy(1500, 100, 30) == 50


def test_room_occupancy_adr_revpar():
    # Hand: 60 of 100 room-nights sold for 1,500,000 KZT: occupancy 60 %, ADR 25,000,
    # RevPAR 15,000 = ADR x occupancy.
    revenue = Money.of(1_500_000, "KZT")
    assert room_occupancy(60, 100) == 60
    assert adr(revenue, 60) == Money.of(25_000, "KZT")
    assert revpar(revenue, 100) == Money.of(15_000, "KZT")
    assert adr(Money.of(100, "KZT"), 3) == Money.of("33.33", "KZT")


def test_eurostat_tourism_intensity():
    # Eurostat, Statistics Explained, "Glossary: Tourism intensity" (2021): nights spent
    # relative to the resident population; per 1,000 residents: 4e6 / 2e6 x 1000 = 2000.
    assert tourism_intensity(4_000_000, 2_000_000) == 2000


def test_alos_and_shares():
    assert alos(4500, 1500) == 3
    assert share(35, 140) == 25
    # A share moving from 20 % to 25 % is +5 percentage points and +25 % of itself.
    assert percentage_points(25, 20) == 5
    assert percent_change(25, 20) == 25


def test_capacity_gap_by_hand():
    # 3,650,000 nights a year at 50 % gross occupancy need 3,650,000 / (0.5 x 365) =
    # 20,000 bed-places; with 15,000 available the gap is 5,000.
    gap = capacity_gap(3_650_000, 50, 365, 15_000)
    assert (gap.needed, gap.gap) == (20_000, 5_000)
    # One more night needs one more whole bed-place (rounded up).
    assert capacity_gap(3_650_001, 50, 365, 15_000).needed == 20_001
    assert capacity_gap(0, 50, 365, 10).gap == -10


def test_seasonality_gini_by_hand():
    # Lundtorp, "Measuring tourism seasonality" (2001): G = 2 sum(i y_i)/(n sum y) - (n+1)/n
    # on the sorted months. Sorted: 50 50 60 80 80 90 100 120 120 150 200 200, total 1300,
    # sum(i y_i) = 10430; G = (20860 - 13 x 1300) / (12 x 1300) = 3960 / 15600.
    months = [50, 50, 80, 100, 120, 150, 200, 200, 120, 90, 60, 80]
    result = seasonality(months)
    assert close(result.gini, div(3960, 15600), "1e-45")
    assert result.months_equivalent == D("6.5")  # 1300 / 200
    assert close(result.peak_to_mean, div(2400, 1300), "1e-45")
    assert result.peak_month == 7


def test_seasonality_extremes():
    flat = seasonality([7] * 12)
    assert (flat.gini, flat.months_equivalent, flat.coefficient_of_variation) == (0, 12, 0)
    one = seasonality([0] * 11 + [5])
    assert close(one.gini, div(11, 12), "1e-45")
    # CV of one month holding everything: sd = mean x sqrt(11) -> CV = sqrt(11).
    assert close(one.coefficient_of_variation, D(11).sqrt(decimal.Context(prec=60)), "1e-45")


def test_trend_growth_on_a_geometric_series_equals_cagr():
    values = [D(100), D(110), D(121), D("133.1"), D("146.41")]
    assert close(trend_growth(values), D("0.1"), "1e-45")
    assert close(cagr(values[0], values[-1], 4), D("0.1"), "1e-45")
    assert close(trend_growth(values, [2018, 2019, 2020, 2021, 2022]), D("0.1"), "1e-40")


def test_trend_uses_every_point_unlike_cagr():
    # Ends equal, middle high: CAGR is 0, the trend is not (least squares on all points
    # symmetric around the middle gives slope 0 too) -- use a rising middle instead.
    values = [100, 100, 200, 200]
    assert cagr(100, 200, 3) > 0
    assert trend_growth(values) > cagr(100, 200, 3)


def test_index_chain_and_rebase_by_hand():
    assert chain_link([D("1.1"), D("0.5")]) == (100, 110, 55)
    rebased = rebase([D(100), D(110), D(55)], 1)
    assert close(rebased[0], div(10000, 110), "1e-45")
    assert rebased[1:] == (100, 50)
    assert index_series([80, 100, 120], 1) == (80, 100, 120)


# -- properties --------------------------------------------------------------------------------


@given(positive, positive, st.integers(1, 40))
def test_cagr_and_compound_trajectory_are_inverses(start, end, years):
    # 50 significant digits; 1 + rate loses up to log10(start / end) <= 12 of them when
    # the level collapses (rate near -1), so 1e-35 is the honest relative bound here.
    rate = cagr(start, end, years)
    assert close(compound_value(start, rate, years), end, "1e-35")


@given(positive, st.decimals(min_value="-0.9", max_value="5", places=4), st.integers(1, 30))
def test_compound_then_cagr_recovers_the_rate(start, rate, years):
    end = compound_value(start, rate, years)
    assert abs(cagr(start, end, years) - rate) <= D("1e-40")


@given(positive, positive, positive)
def test_growth_multiples_chain(a, b, c):
    product = growth_multiple(a, b) * growth_multiple(b, c)
    assert close(product, growth_multiple(a, c), "1e-20")


@given(st.lists(positive, min_size=2, max_size=15), st.data())
def test_chain_linking_then_rebasing_is_consistent(values, data):
    links = [growth_multiple(b, a) for a, b in itertools.pairwise(values)]
    chained = chain_link(links)
    position = data.draw(st.integers(0, len(values) - 1))
    direct = index_series(values, position)
    for got, want in zip(rebase(chained, position), direct, strict=True):
        assert close(got, want, "1e-40")
    assert rebase(chained, position)[position] == 100


@given(st.lists(st.integers(0, 10**7), min_size=1, max_size=24).filter(any))
def test_gini_is_within_zero_and_n_minus_one_over_n(values):
    result = gini(values)
    n = len(values)
    bound = decimal.Context(prec=50).divide(D(n - 1), D(n))
    assert 0 <= result <= bound


@given(tst.monthly_series())
def test_seasonality_bounds(months):
    result = seasonality(months)
    assert 1 <= result.months_equivalent <= 12
    assert 1 <= result.peak_to_mean <= 12
    assert close(result.months_equivalent * result.peak_to_mean, D(12), "1e-45")
    assert result.coefficient_of_variation >= 0


months_2022 = [Period.month(2022, m) for m in range(1, 13)]


@given(st.lists(st.tuples(st.integers(0, 10**6), st.integers(1, 10**4)), min_size=1, max_size=12))
def test_occupancy_is_a_ratio_of_sums(rows):
    observations = []
    for period, (nights, beds) in zip(months_2022, rows, strict=False):
        observations.append(Observation.count(period, "total", "accommodation", "nights", nights))
        observations.append(Observation.count(period, "total", "accommodation", "bed_places", beds))
    potential = sum(
        beds * period.days for period, (_, beds) in zip(months_2022, rows, strict=False)
    )
    nights_total = sum(n for n, _ in rows)
    expected = decimal.Context(prec=50).divide(D(nights_total) * 100, D(potential))
    assert occupancy_of(observations) == expected


def test_occupancy_is_not_the_mean_of_monthly_rates():
    # January: 3,100 nights on 100 beds x 31 days = 100 %; February: 0 nights on 1,000
    # beds x 28 days = 0 %. Mean of rates: 50 %; ratio of sums: 3,100 / 31,100 = 9.97 %.
    observations = [
        Observation.count("2022-01", "total", "accommodation", "nights", 3100),
        Observation.count("2022-01", "total", "accommodation", "bed_places", 100),
        Observation.count("2022-02", "total", "accommodation", "nights", 0),
        Observation.count("2022-02", "total", "accommodation", "bed_places", 1000),
    ]
    result = occupancy_of(observations)
    assert round(result, 2) == D("9.97")
    assert result != 50


def test_alos_of_many_is_a_ratio_of_sums():
    observations = [
        Observation.count("2022-01", "total", "accommodation", "nights", 10),
        Observation.count("2022-01", "total", "accommodation", "arrivals", 10),
        Observation.count("2022-02", "total", "accommodation", "nights", 90),
        Observation.count("2022-02", "total", "accommodation", "arrivals", 30),
    ]
    assert alos_of(observations) == D("2.5")  # 100 / 40, not the mean (1 + 3) / 2 = 2


@given(tst.observations())
def test_observations_round_trip_through_json(observation):
    assert from_json(to_json(observation), Observation) == observation


@settings(max_examples=30)
@given(st.lists(tst.observations(universe="accommodation"), max_size=8))
def test_indicator_tables_never_hold_inf_nan_and_round_trip(observations):
    unique = {(o.period, o.segment, o.universe, o.measure): o for o in observations}
    table = indicator_table(unique.values())
    for column in table.columns:
        for value, reason in zip(column.values, column.undefined, strict=True):
            assert (value is None) != (reason is None)
            assert value is None or value.is_finite()
    assert from_json(to_json(table), IndicatorTable) == table
    assert len(table.to_records()) == len(table)


# -- tables ------------------------------------------------------------------------------------


def almaty() -> list[Observation]:
    # Illustrative monthly figures for June 2021 and June 2022, accommodation statistics.
    rows = [
        ("2022-06", "foreign", "arrivals", 2800),
        ("2022-06", "foreign", "nights", 8400),
        ("2021-06", "foreign", "arrivals", 1000),
        ("2021-06", "foreign", "nights", 3000),
        ("2022-06", "total", "nights", 30_000),
        ("2022-06", "total", "arrivals", 10_000),
        ("2022-06", "total", "bed_places", 2_000),
        ("2022-06", "total", "bed_days_available", 50_000),
        ("2022-06", "total", "rooms_available", 30_000),
        ("2022-06", "total", "rooms_sold", 18_000),
    ]
    observations = [Observation.count(p, s, "accommodation", m, v) for p, s, m, v in rows]
    observations.append(
        Observation.money(
            "2022-06", "total", "accommodation", "revenue", Money.of(450_000_000, "KZT")
        )
    )
    observations.append(
        Observation.count("2022", "total", "administrative", "population", 2_000_000)
    )
    return observations


def test_indicator_table_by_hand():
    table = indicator_table(almaty())
    assert table.periods == ("2021-06", "2022-06", "2022-06")
    assert table.segments == ("foreign", "foreign", "total")
    foreign, total = 1, 2
    # Foreign arrivals 2800 / 1000 = x2.8 = +180 %; nights 8400 / 3000 = x2.8.
    assert table.cell(foreign, "arrivals_multiple").value == D("2.8")
    assert table.cell(foreign, "arrivals_percent_change").value == 180
    assert table.cell(foreign, "alos").value == 3
    # Total: ALOS 3; gross 30000 / (2000 x 30) = 50 %; net 30000 / 50000 = 60 %;
    # rooms 18000 / 30000 = 60 %; ADR 450e6 / 18000 = 25000; RevPAR 15000;
    # intensity 30000 / 2e6 x 1000 = 15 (population of the calendar year 2022).
    expected = {
        "alos": 3,
        "gross_bed_place_occupancy": 50,
        "net_bed_place_occupancy": 60,
        "room_occupancy": 60,
        "adr": 25_000,
        "revpar": 15_000,
        "tourism_intensity": 15,
    }
    for name, value in expected.items():
        assert table.cell(total, name).value == value, name
    assert (table.currencies[total], table.bases[total]) == ("KZT", "nominal")
    assert table.cell(0, "arrivals_multiple").undefined == (
        "no arrivals observation for the same period one year earlier"
    )
    assert table.cell(foreign, "gross_bed_place_occupancy").undefined == (
        "no bed_places observation for this period, segment and universe"
    )


def test_zero_bases_give_undefined_cells_with_reasons():
    observations = [
        Observation.count("2022-06", "total", "survey", "nights", 10),
        Observation.count("2022-06", "total", "survey", "arrivals", 0),
        Observation.count("2021-06", "total", "survey", "nights", 0),
    ]
    table = indicator_table(observations)
    assert table.cell(1, "alos").value is None
    assert table.cell(1, "alos").undefined == "arrivals is zero, so alos does not exist"
    assert table.cell(1, "nights_multiple").undefined == (
        "nights one year earlier is zero, so no growth multiple exists"
    )


def test_table_rows_never_mix_universes():
    observations = [
        Observation.count("2022-06", "foreign", "border", "arrivals", 100),
        Observation.count("2022-06", "foreign", "accommodation", "nights", 300),
    ]
    table = indicator_table(observations)
    assert table.universes == ("accommodation", "border")
    # ALOS would be 3 if the universes were mixed; each row lacks its other half.
    assert table.cell(0, "alos").value is None
    assert table.cell(1, "alos").value is None


def test_per_day_growth_in_tables():
    observations = [
        Observation.count("2024-H1", "total", "border", "arrivals", 182),
        Observation.count("2023-H1", "total", "border", "arrivals", 181),
    ]
    table = indicator_table(observations, per_day=True)
    assert table.length_mismatch == (False, True)
    assert table.cell(1, "arrivals_multiple").value == 1


def test_seasonality_and_growth_tables():
    observations = [
        Observation.count(Period.month(year, m), "total", "accommodation", "nights", value)
        for year, base in ((2021, 100), (2022, 121))
        for m, value in enumerate([base] * 12, start=1)
    ]
    observations.append(Observation.count("2020", "total", "accommodation", "nights", 1200))
    data = ObservationSet(observations)
    season = seasonality_table(data)
    assert [r.seasonality.gini for r in season.rows if r.seasonality] == [0, 0]
    growth = growth_table(data)
    (row,) = growth.rows
    # 1200 (2020) -> 1452 (2022 = 12 x 121): x1.21 over two years, 10 % a year.
    assert (row.first_year, row.last_year, row.multiple, row.cagr) == (
        2020,
        2022,
        D("1.21"),
        D("0.1"),
    )
    assert len(growth.to_records()) == 1
    partial = seasonality_table(observations[:5])
    assert partial.rows[0].undefined == "months [6, 7, 8, 9, 10, 11, 12] are missing (need all 12)"


# -- money -------------------------------------------------------------------------------------


def test_usd_conversion_uses_the_period_average_rate():
    # 181 days at 460 and 184 days at 450 in 2023: average 454.9589...; 1,000,000 USD of
    # exports -> 454,958,904.11 KZT (rounded half-even).
    rates = ExchangeRates(
        [
            Rate(dt.date(2023, 1, 1), "USD", "KZT", "460"),
            Rate(dt.date(2023, 7, 1), "USD", "KZT", "450"),
        ]
    )
    exports = Observation.money(
        "2023", "total", "administrative", "investment", Money.of(1_000_000, "USD"),
        basis=PriceBasis.REAL,
    )  # fmt: skip
    converted = convert_observation(exports, rates, "KZT")
    assert converted.amount == Money.of("454958904.11", "KZT")
    assert converted.basis is PriceBasis.REAL


# -- bad input -----------------------------------------------------------------------------------


def test_negative_arrivals_are_rejected():
    with pytest.raises(ValidationError) as caught:
        Observation.count("2022-H1", "foreign", "border", "arrivals", -5)
    assert caught.value.field == "value"
    assert "arrivals must be >= 0" in caught.value.rule


def test_unknown_segments_are_rejected():
    with pytest.raises(ValidationError) as caught:
        Segment.parse("tourists")
    assert caught.value.field == "segment"
    assert "is not a known segment" in caught.value.rule
    with pytest.raises(ValidationError) as caught:
        Segment(Residence.DOMESTIC, "CN")
    assert caught.value.field == "country"
    assert "only refines foreign visitors" in caught.value.rule
    with pytest.raises(ValidationError, match=r"^country = 'China': must be an ISO 3166-1 alpha-2"):
        Segment(Residence.FOREIGN, "China")


def test_periods_that_do_not_line_up_are_rejected():
    now = Observation.count("2022-H1", "foreign", "border", "arrivals", 280)
    quarter = Observation.count("2021-Q1", "foreign", "border", "arrivals", 100)
    with pytest.raises(ValidationError) as caught:
        compare(now, quarter)
    assert caught.value.field == "previous.period"
    assert "H1 with H1" in caught.value.rule
    other = Observation.count("2021-H1", "domestic", "border", "arrivals", 100)
    with pytest.raises(ValidationError) as caught:
        compare(now, other)
    assert caught.value.field == "previous.segment"
    assert "must equal current.segment foreign" in caught.value.rule


def test_mixed_universes_are_rejected():
    observations = [
        Observation.count("2022-06", "total", "accommodation", "nights", 100),
        Observation.count("2022-06", "total", "border", "arrivals", 100),
    ]
    with pytest.raises(ValidationError) as caught:
        alos_of(observations)
    assert caught.value.field == "observations[1].universe"
    assert "mixes universes" in caught.value.rule
    with pytest.raises(
        ValidationError, match=r"^observations\[1\]\.universe = .*: mixes universes"
    ):
        check_one_universe(observations)


def test_money_and_count_rules():
    with pytest.raises(ValidationError) as caught:
        Observation("2022", "total", "accommodation", "revenue", 5)
    assert caught.value.field == "currency"
    assert caught.value.rule == "revenue is money: name its currency"
    with pytest.raises(ValidationError) as caught:
        Observation("2022", "total", "accommodation", "nights", 5, "KZT")
    assert caught.value.field == "currency"
    assert caught.value.rule == "nights is a count, not money"
    with pytest.raises(ValidationError) as caught:
        Observation("2022", "total", "hotels", "nights", 5)
    assert caught.value.field == "universe"
    assert "must be one of 'border', 'accommodation'" in caught.value.rule


def test_duplicates_are_rejected():
    obs = Observation.count("2022-06", "total", "accommodation", "nights", 100)
    with pytest.raises(ValidationError) as caught:
        indicator_table([obs, obs])
    assert caught.value.field == "observations[1]"
    assert "duplicates an earlier observation" in caught.value.rule


def test_zero_bases_raise_undefined_with_the_reason():
    for call, field, rule in [
        (lambda: growth_multiple(5, 0), "previous", "a growth multiple"),
        (lambda: cagr(0, 5, 2), "start", "a growth rate from it"),
        (lambda: alos(5, 0), "arrivals", "an average length of stay"),
        (lambda: gross_bed_place_occupancy(5, 0, 30), "bed_places", "an occupancy rate"),
        (lambda: tourism_intensity(5, 0), "population", "a tourism intensity"),
        (lambda: share(1, 0), "whole", "a share of it"),
        (lambda: trend_growth([1, 0, 2]), "values[1]", "its logarithm"),
        (lambda: gini([0, 0]), "values", "no seasonal pattern"),
        (lambda: adr(Money.of(5, "KZT"), 0), "rooms_sold", "an average daily rate"),
        (lambda: capacity_gap(5, 0, 30, 1), "target_occupancy", "a bed-place need"),
    ]:
        with pytest.raises(UndefinedResultError) as caught:
            call()
        assert caught.value.field == field
        assert rule in caught.value.rule


def test_floats_and_negatives_are_refused():
    with pytest.raises(InvalidTypeError, match=r"^current = 2\.8: must be int or Decimal, never"):
        growth_multiple(2.8, 1)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^current = Decimal\('-1'\): must be >= 0"):
        growth_multiple(-1, 1)
    with pytest.raises(ValidationError, match=r"^years = Decimal\('0'\): must be > 0$"):
        cagr(1, 2, 0)
    with pytest.raises(
        ValidationError, match=r"^values = .*: a seasonality profile has exactly 12"
    ):
        seasonality([1] * 11)


def test_contract_names_return_decimal():
    assert type(cagr(1, 2, 1)) is Decimal
    assert type(growth_multiple(2, 1)) is Decimal
    assert Measure.NIGHTS.value == "nights"
    assert Universe.BORDER.value == "border"


def test_observation_sets_round_trip_through_json():
    data = ObservationSet(almaty())
    assert from_json(to_json(data), ObservationSet) == data
    assert len(data) == len(almaty())
    assert repr(data) == "<ObservationSet 12 observations>"


def test_trend_growth_ignores_the_callers_decimal_context():
    # The module computes at its own precision: a caller's low-precision context must
    # not leak into the least-squares sums (times with many digits make it visible).
    import decimal  # noqa: PLC0415

    from creative_city.tourism import trend_growth  # noqa: PLC0415

    times = [Decimal("2020.123456789"), Decimal("2021.123456789"), Decimal("2023.123456789")]
    values = [100, 110, Decimal("133.1")]
    expected = trend_growth(values, times)
    with decimal.localcontext(decimal.Context(prec=5)):
        assert trend_growth(values, times) == expected
    # Exactly geometric at 10% a year: the trend is 10%.
    assert round(expected, 20) == Decimal("0.10000000000000000000")


# -- year-on-year comparison against Fraction arithmetic (mutation testing, issue 22) --------


def half_even(x: Fraction, places: int) -> Decimal:
    """*x* rounded half to even to *places* decimals, by integer arithmetic on a Fraction."""
    scaled = x * 10**places
    whole = scaled.numerator // scaled.denominator
    rest = scaled - whole
    if rest > Fraction(1, 2) or (rest == Fraction(1, 2) and whole % 2):
        whole += 1
    return Decimal(whole).scaleb(-places)


PAIRS = [("2024-H1", "2023-H1"), ("2023-Q1", "2022-Q1"), ("2024-02", "2023-02"), ("2021", "2020")]


@given(
    st.integers(0, 10**9),
    st.integers(0, 10**9),
    st.sampled_from(PAIRS),
    st.booleans(),
    st.integers(0, 8),
    st.sampled_from(["foreign", "domestic", "total", "foreign/CN"]),
)
@example(182_000, 181_000, PAIRS[0], True, 6, "total")  # per day: exactly 1000 both years
@example(5, 0, PAIRS[1], False, 2, "foreign")  # a zero base: undefined, with the reason
@example(1, 3, PAIRS[2], True, 0, "domestic")  # per day rounds to 0: undefined
def test_compare_is_the_exact_ratio_rounded_half_even(  # noqa: PLR0917 - one per drawn value
    now, then, periods, per_day, places, seg
):
    current = Observation.count(periods[0], seg, "border", "arrivals", now)
    previous = Observation.count(periods[1], seg, "border", "arrivals", then)
    days_now, days_then = Period.parse(periods[0]).days, Period.parse(periods[1]).days
    a, b = Fraction(now), Fraction(then)
    if per_day:
        a = Fraction(half_even(a / days_now, places))
        b = Fraction(half_even(b / days_then, places))
    result = compare(current, previous, per_day=per_day, places=places)
    assert (result.segment, result.universe, result.measure) == (seg, "border", Measure.ARRIVALS)
    assert (result.current_period, result.previous_period) == periods
    assert (result.current, result.previous) == (a, b)
    assert (result.current_days, result.previous_days) == (days_now, days_then)
    assert result.length_mismatch is (days_now != days_then)
    assert result.per_day is per_day
    if b == 0:
        assert (result.multiple, result.percent_change) == (None, None)
        assert result.undefined == "previous arrivals is zero: no growth multiple exists"
        return
    assert result.undefined is None
    assert result.multiple == half_even(a / b, places)
    assert result.percent_change == half_even((a / b - 1) * 100, places)
    assert result.multiple.as_tuple().exponent == -places


def test_comparisons_that_do_not_line_up_name_the_previous_value():
    now = Observation.count("2022-H1", "foreign", "border", "arrivals", 280)
    for other, field, value, rule in [
        (
            Observation.count("2021-H1", "foreign", "accommodation", "arrivals", 1),
            "previous.universe",
            "accommodation",
            "must equal current.universe border to compare",
        ),
        (
            Observation.count("2021-H1", "domestic", "border", "arrivals", 1),
            "previous.segment",
            "domestic",
            "must equal current.segment foreign to compare",
        ),
        (
            Observation.count("2021-H1", "foreign", "border", "nights", 1),
            "previous.measure",
            "nights",
            "must equal current.measure arrivals to compare",
        ),
        (
            Observation.count("2020-H1", "foreign", "border", "arrivals", 1),
            "previous.period",
            "2020-H1",
            "must be 2021-H1, the same period one year before 2022-H1 (H1 with H1, YTD with YTD)",
        ),
    ]:
        with pytest.raises(ValidationError) as caught:
            compare(now, other)
        assert (caught.value.field, caught.value.value, caught.value.rule) == (field, value, rule)
    kzt = Observation.money("2024", "total", "accommodation", "revenue", Money.of(5, "KZT"))
    real = Observation.money(
        "2023", "total", "accommodation", "revenue", Money.of(5, "KZT"), basis="real"
    )
    with pytest.raises(ValidationError) as caught:
        compare(kzt, real)
    assert (caught.value.field, caught.value.value) == ("previous.currency", "KZT real")
    assert caught.value.rule == "must have the same currency and price basis as current"


HOSTILE = decimal.Context(prec=3, rounding=decimal.ROUND_DOWN, traps=[])


def test_a_callers_decimal_context_changes_no_answer():
    # Design rules, Core: the library computes in its own context, never the caller's.
    now = Observation.count("2024-H1", "total", "border", "arrivals", 1_234_567)
    then = Observation.count("2023-H1", "total", "border", "arrivals", 987_651)
    calls = [
        lambda: compare(now, then, per_day=True, places=8),
        lambda: compare(now, then, places=8),
        lambda: indicator_table([now, then], per_day=True, places=8).to_records(),
        lambda: seasonality([D(1_234_567 + k) for k in range(12)]).quantized(9),
    ]
    for call in calls:
        expected = call()
        with decimal.localcontext(HOSTILE):
            assert call() == expected


# -- every observation and seasonality rule's message (mutation testing, issue 22) -----------

N = Observation.count("2022-06", "total", "accommodation", "nights", 5)
OBSERVATION_ERRORS = [
    (
        lambda: seasonality("twelve"),
        InvalidTypeError,
        "values = 'twelve': must be a sequence of int or Decimal",
    ),
    (
        lambda: seasonality([1.5] + [1] * 11),
        InvalidTypeError,
        "values[0] = 1.5: must be int or Decimal",
    ),
    (
        lambda: seasonality([D("Inf")] + [1] * 11),
        ValidationError,
        "values[0] = Decimal('Infinity'): must be finite",
    ),
    (
        lambda: seasonality([1, -1] + [1] * 10),
        ValidationError,
        "values[1] = Decimal('-1'): must be >= 0 (tourism counts are never negative)",
    ),
    (lambda: seasonality([]), ValidationError, "values = []: must not be empty"),
    (
        lambda: seasonality([1] * 11),
        ValidationError,
        "values = '<11 values>': a seasonality profile has exactly 12 months",
    ),
    (
        lambda: seasonality([0] * 12),
        UndefinedResultError,
        "values = 'all zero': sum to zero: no seasonal pattern",
    ),
    (
        lambda: gini([0, 0]),
        UndefinedResultError,
        "values = 'all zero': sum to zero: no seasonal pattern",
    ),
    (lambda: gini([]), ValidationError, "values = []: must not be empty"),
    (
        lambda: Segment("tourists"),
        ValidationError,
        "residence = 'tourists': must be one of 'foreign', 'domestic' or 'total'",
    ),
    (
        lambda: Segment.parse("tourists"),
        ValidationError,
        (
            "segment = 'tourists': is not a known segment: use 'foreign', 'domestic', 'total' or "
            "'foreign/<ISO 3166 alpha-2>'"
        ),
    ),
    (lambda: Segment.parse(5), InvalidTypeError, "segment = 5: must be a segment label string"),
    (
        lambda: Segment(Residence.FOREIGN, "China"),
        ValidationError,
        "country = 'China': must be an ISO 3166-1 alpha-2 code like 'CN'",
    ),
    (
        lambda: Segment(Residence.DOMESTIC, "CN"),
        ValidationError,
        "country = 'CN': a country of residence only refines foreign visitors, not domestic",
    ),
    (
        lambda: Observation("2022", "total", "hotels", "nights", 5),
        ValidationError,
        "universe = 'hotels': must be one of 'border', 'accommodation', 'survey', 'administrative'",
    ),
    (
        lambda: Observation("2022", "total", "border", "stays", 5),
        ValidationError,
        (
            "measure = 'stays': must be one of 'arrivals', 'nights', 'bed_places', "
            "'bed_days_available', 'rooms_available', 'rooms_sold', 'revenue', 'investment', "
            "'population'"
        ),
    ),
    (
        lambda: Observation.count("2022", "total", "border", "arrivals", -5),
        ValidationError,
        (
            "value = Decimal('-5'): arrivals must be >= 0 (tourism counts and amounts are never "
            "negative)"
        ),
    ),
    (
        lambda: Observation.count("2022", "total", "border", "arrivals", 1.5),
        InvalidTypeError,
        "value = 1.5: must be int, str or Decimal, never float (floats are inexact)",
    ),
    (
        lambda: Observation("2022", "total", "accommodation", "revenue", 5),
        ValidationError,
        "currency = None: revenue is money: name its currency",
    ),
    (
        lambda: Observation.money("2022", "total", "accommodation", "revenue", 5),
        InvalidTypeError,
        "amount = 5: must be Money",
    ),
    (
        lambda: Observation.money("2022", "total", "accommodation", "nights", Money.of(5, "KZT")),
        ValidationError,
        "currency = 'KZT': nights is a count, not money",
    ),
    (
        lambda: Observation.count("2022", "total", "accommodation", "nights", 5).amount,
        ValidationError,
        "measure = 'nights': is a count, not money",
    ),
    (
        lambda: check_one_universe(
            [N, Observation.count("2022-06", "total", "border", "arrivals", 1)]
        ),
        ValidationError,
        (
            "observations[1].universe = 'border': mixes universes: accommodation and border count "
            "different visitors and never enter one indicator"
        ),
    ),
    (
        lambda: check_one_universe([N, "x"]),
        InvalidTypeError,
        "observations[1] = 'x': must be an Observation",
    ),
    (
        lambda: indicator_table([N, N]),
        ValidationError,
        (
            "observations[1] = '2022-06 total accommodation nights': duplicates an earlier "
            "observation (one figure per period, segment, universe and measure)"
        ),
    ),
]


@pytest.mark.parametrize(("call", "error_type", "message"), OBSERVATION_ERRORS)
def test_every_observation_rule_names_field_value_and_rule(call, error_type, message):
    with pytest.raises(error_type) as caught:
        call()
    assert type(caught.value) is error_type
    assert str(caught.value) == message


def test_a_flat_series_grows_by_a_positive_zero():
    years = [Observation.count(str(y), "total", "border", "arrivals", 100) for y in (2020, 2021)]
    (row,) = growth_table(years, "arrivals").rows
    assert str(row.cagr) == "0.000000"  # not "-0.000000"
    assert str(row.trend_growth) == "0.000000"
