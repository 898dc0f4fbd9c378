"""The tables' fast paths give exactly what the scalar indicator functions give.

The tables compute column by column and take shortcuts: divisors scaled once per
distinct day count or population, and a binary floating-point first guess for
square roots, powers and logarithms that is kept only when its error bound settles
the rounding (Ziv, "Fast evaluation of elementary mathematical functions with
correctly rounded last bit", ACM TOMS 17(3), 1991). These tests hold every shortcut
to the exact definitions, including values placed exactly on rounding ties.
"""

from __future__ import annotations

import decimal
import math
import sys
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from creative_city.errors import UndefinedResultError
from creative_city.money import Money, round_fraction
from creative_city.time import Period
from creative_city.tourism import (
    Measure,
    Observation,
    ObservationSet,
    adr,
    alos,
    cagr,
    gross_bed_place_occupancy,
    growth_multiple,
    growth_table,
    indicator_table,
    net_bed_place_occupancy,
    revpar,
    room_occupancy,
    seasonality,
    seasonality_table,
    tourism_intensity,
    trend_growth,
)
from creative_city.tourism.tables._first_guess import UNIT, cagr_guess, rounded, trend_guess

D = Decimal


def half_even(value: Fraction, places: int) -> Decimal:
    """*value* rounded half-even to *places* decimals, straight from the fraction (a
    zero without a sign: zero has none to report)."""
    scaled = value * 10**places
    units = round(scaled)  # Fraction.__round__ rounds half to even
    if units == 0:
        return Decimal((0, (0,), -places))
    return Decimal(units).scaleb(-places)


# -- the rounding test itself ----------------------------------------------------------------


@given(
    st.fractions(min_value=-1000, max_value=1000, max_denominator=10**9),
    st.integers(0, 9),
)
@example(Fraction(5, 10**7), 6)  # a tie: 0.0000005
@example(Fraction(-5, 10**7), 6)
@example(Fraction(25, 10), 0)  # 2.5: a tie at units
@example(Fraction(1, 10**8), 6)  # rounds to 0
@example(Fraction(-1, 10**8), 6)  # rounds to 0 too, not -0
def test_rounded_is_none_or_the_exact_rounding(value, places):
    approx = float(value)  # correctly rounded: error <= u |value|
    error = abs(approx) * UNIT
    found = rounded(approx, error, places)
    if found is not None:
        expected = half_even(value, places)
        assert found == expected
        assert str(found) == str(expected)  # same exponent; a zero without a sign


@given(st.integers(-(10**8), 10**8), st.integers(0, 8))
def test_exact_ties_are_always_left_to_the_exact_path(units, places):
    tie = (Fraction(units) + Fraction(1, 2)) / 10**places
    assert rounded(float(tie), abs(float(tie)) * UNIT, places) is None


def test_rounded_refuses_what_floats_cannot_settle():
    assert rounded(1e30, 0.0, 6) is None  # too large to keep six places
    assert rounded(0.5, 0.0, 20) is None  # too many places
    assert rounded(math.nan, 0.0, 2) is None
    assert str(rounded(0.0, 0.0, 6)) == "0.000000"  # zero, whatever its float's sign
    assert str(rounded(-1e-300, 1e-316, 6)) == "0.000000"


# -- indicator table: scaled divisors ----------------------------------------------------------

counts = st.integers(0, 10**9)


@given(
    arrivals=counts,
    nights=counts,
    beds=counts,
    bed_days=counts,
    available=counts,
    sold=counts,
    revenue=st.integers(0, 10**12),
    population=st.integers(0, 10**8),
    month=st.integers(1, 12),
)
def test_table_cells_equal_the_scalar_indicators(  # noqa: PLR0917 - one per measure
    arrivals, nights, beds, bed_days, available, sold, revenue, population, month
):
    period = Period.month(2024, month)
    figures = {
        "arrivals": arrivals,
        "nights": nights,
        "bed_places": beds,
        "bed_days_available": bed_days,
        "rooms_available": available,
        "rooms_sold": sold,
    }
    observations = [
        Observation.count(period, "total", "accommodation", measure, value)
        for measure, value in figures.items()
    ]
    money = Money.of(D(revenue).scaleb(-2), "KZT")
    observations.append(Observation.money(period, "total", "accommodation", "revenue", money))
    observations.append(
        Observation.count("2024", "total", "administrative", "population", population)
    )
    table = indicator_table(observations)
    quantum = D("0.000001")

    def cell(name: str, scalar) -> None:
        value = table.cell(0, name).value
        try:
            expected = scalar()
        except UndefinedResultError:  # a zero base: the cell is undefined
            assert value is None, name
            return
        if isinstance(expected, Money):
            assert value == expected.amount, name
        else:
            assert value == expected.quantize(quantum), name

    cell("alos", lambda: alos(nights, arrivals))
    cell("gross_bed_place_occupancy", lambda: gross_bed_place_occupancy(nights, beds, period.days))
    cell("net_bed_place_occupancy", lambda: net_bed_place_occupancy(nights, bed_days))
    cell("room_occupancy", lambda: room_occupancy(sold, available))
    cell("adr", lambda: adr(money, sold))
    cell("revpar", lambda: revpar(money, available))
    cell("tourism_intensity", lambda: tourism_intensity(nights, population))


# -- seasonality: float square root ------------------------------------------------------------


def monthly(values: list[int | Decimal], year: int = 2023) -> list[Observation]:
    return [
        Observation.count(Period.month(year, m), "total", "accommodation", "nights", v)
        for m, v in enumerate(values, start=1)
    ]


@given(
    st.lists(st.integers(0, 10**12), min_size=12, max_size=12).filter(any),
    st.integers(0, 12),
)
@example([100] * 12, 6)  # flat: every measure exact
@example([0] * 11 + [1], 6)  # one month
@example([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], 0)
def test_seasonality_table_equals_the_exact_measures(values, places):
    (row,) = seasonality_table(monthly(values), places=places).rows
    assert row.seasonality == seasonality(values).quantized(places)


@given(
    st.lists(
        st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False),
        min_size=12,
        max_size=12,
    ).filter(any)
)
def test_seasonality_table_equals_the_exact_measures_for_fractions(values):
    (row,) = seasonality_table(monthly(values)).rows
    assert row.seasonality == seasonality(values).quantized(6)


# -- growth: float power, logarithm and exponential --------------------------------------------


def annual(values: list[int | Decimal], start: int = 2015) -> list[Observation]:
    return [
        Observation.count(Period.year(start + i), "total", "accommodation", "nights", v)
        for i, v in enumerate(values)
    ]


@given(st.lists(st.integers(1, 10**15), min_size=2, max_size=12), st.integers(0, 10))
@example([2_000_000, 2_000_001], 6)  # CAGR and trend exactly 0.0000005: a tie
@example([4_000_000, 4_000_002], 6)  # the same tie, other scale
@example([100, 121], 6)  # exactly 10 %
@example([1_000_000, 999_999], 6)  # -0.000001
@example([10**15, 10**15 - 1], 6)  # rounds to 0.000000, shown without a sign
def test_growth_table_equals_the_exact_rates(values, places):
    (row,) = growth_table(annual(values), places=places).rows
    quantum = D(1).scaleb(-places)
    first, last = D(values[0]), D(values[-1])
    span = len(values) - 1
    assert row.multiple == growth_multiple(last, first).quantize(quantum)
    expected_rate = _unsigned_zero(cagr(first, last, span).quantize(quantum))
    assert (row.cagr, str(row.cagr)) == (expected_rate, str(expected_rate))
    expected_trend = _unsigned_zero(trend_growth(values).quantize(quantum))
    assert (row.trend_growth, str(row.trend_growth)) == (expected_trend, str(expected_trend))


def _unsigned_zero(value):
    # A rate that rounds to zero is shown as 0, never -0 (zero has no sign to report).
    return value.copy_abs() if value.is_zero() else value


def test_growth_ties_are_settled_by_the_exact_path():
    # 2,000,001 / 2,000,000 - 1 = 0.0000005 exactly: half-even keeps 0.000000, where a
    # float guess (4.99999999e-7 or 5.00000001e-7) could go either way.
    (row,) = growth_table(annual([2_000_000, 2_000_001])).rows
    assert str(row.cagr) == "0.000000"
    (row,) = growth_table(annual([2_000_000, 2_000_003])).rows
    assert str(row.cagr) == "0.000002"  # 0.0000015 -> 0.000002 (to even)


def test_growth_table_with_gaps_and_an_index_set():
    observations = annual([100, 110, 121]) + annual([200], start=2020)
    table = growth_table(ObservationSet(observations))
    (row,) = table.rows
    assert (row.first_year, row.last_year) == (2015, 2020)
    assert row.trend_growth == trend_growth(
        [100, 110, 121, 200], [2015, 2016, 2017, 2020]
    ).quantize(D("0.000001"))


def test_seasonality_table_gaps_by_row_and_by_measure():
    # 2023: twelve months of nights, but March has arrivals only (a row without the
    # measure); 2024: arrivals only (no nights at all, so no row in the table).
    observations = [o for o in monthly([10] * 12) if o.period != Period.month(2023, 3)]
    observations.append(Observation.count("2023-03", "total", "accommodation", "arrivals", 5))
    observations += [
        Observation.count(Period.month(2024, m), "total", "accommodation", "arrivals", 5)
        for m in range(1, 13)
    ]
    observations.append(Observation.count("2022-01", "total", "accommodation", "nights", 5))
    rows = seasonality_table(observations).rows
    assert [(r.year, r.undefined) for r in rows] == [
        (2022, "months [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] are missing (need all 12)"),
        (2023, "months [3] are missing (need all 12)"),
    ]


def test_growth_table_counts_only_complete_years():
    # 2021 and 2023 are full years of monthly nights (12 x 100, 12 x 121); 2022 lacks
    # June's nights (a row with arrivals only), so it has no total and is left out.
    observations = monthly([100] * 12, 2021) + monthly([121] * 12, 2023)
    observations += [o for o in monthly([110] * 12, 2022) if o.period != Period.month(2022, 6)]
    observations.append(Observation.count("2022-06", "total", "accommodation", "arrivals", 5))
    (row,) = growth_table(observations).rows
    assert (row.first_year, row.last_year, row.first, row.last) == (2021, 2023, 1200, 1452)
    assert row.cagr == D("0.1")  # 1452 / 1200 = 1.21 over two years


# -- indicator table: missing and zero operands ------------------------------------------------

MEASURES = (
    "arrivals",
    "nights",
    "bed_places",
    "bed_days_available",
    "rooms_available",
    "rooms_sold",
)
MISSING = "no {} observation for this period, segment and universe"


def plain_ratio(top, bottom, top_name, bottom_name, what, missing=None):  # noqa: PLR0917
    """The table's rule for one cell, written out: value and reason."""
    if top is None:
        return None, MISSING.format(top_name)
    if bottom is None:
        return None, missing or MISSING.format(bottom_name)
    if bottom == 0:
        return None, f"{bottom_name} is zero, so {what} does not exist"
    return CTX50.divide(D(top), D(bottom)), None


# The tables divide to 50 significant digits (PRECISION), then round to their places.
CTX50 = decimal.Context(prec=50, rounding=decimal.ROUND_HALF_EVEN)
maybe_count = st.none() | st.integers(0, 50) | st.integers(0, 10**6)


@given(
    st.lists(st.tuples(*[maybe_count] * 6), min_size=2, max_size=2),
    st.sampled_from([2023, 2024]),
    st.booleans(),
    st.integers(1, 12),
    st.booleans(),
)
def test_table_cells_and_reasons_follow_the_rules(rows, year, population, month, per_day):
    # Two rows (this month and the same month a year earlier), each measure present
    # or not, zero or not; the table must agree with the rules written out plainly.
    periods = [Period.month(year, month), Period.month(year - 1, month)]
    observations = [
        Observation.count(period, "total", "accommodation", measure, value)
        for period, figures in zip(periods, rows, strict=True)
        for measure, value in zip(MEASURES, figures, strict=True)
        if value is not None
    ]
    if population:
        observations.append(
            Observation.count(str(year), "total", "administrative", "population", 2_000_000)
        )
    if not observations:
        return
    table = indicator_table(observations, per_day=per_day)
    now, then = (dict(zip(MEASURES, figures, strict=True)) for figures in rows)
    row = table.periods.index(periods[0].label) if periods[0].label in table.periods else None
    if row is None:  # this month has no row at all
        assert all(v is None for v in now.values())
        return
    days = periods[0].days
    q = D("0.000001")
    expected = {
        "alos": plain_ratio(now["nights"], now["arrivals"], "nights", "arrivals", "alos"),
        "gross_bed_place_occupancy": plain_ratio(
            None if now["nights"] is None else 100 * D(now["nights"]),
            None if now["bed_places"] is None else D(now["bed_places"]) * days,
            "nights", "bed_places", "gross_bed_place_occupancy",
        ),
        "net_bed_place_occupancy": plain_ratio(
            None if now["nights"] is None else 100 * D(now["nights"]),
            now["bed_days_available"],
            "nights", "bed_days_available", "net_bed_place_occupancy",
        ),
        "room_occupancy": plain_ratio(
            None if now["rooms_sold"] is None else 100 * D(now["rooms_sold"]),
            now["rooms_available"],
            "rooms_sold", "rooms_available", "room_occupancy",
        ),
        "tourism_intensity": plain_ratio(
            None if now["nights"] is None else 1000 * D(now["nights"]),
            2_000_000 if population else None,
            "nights", "population", "tourism_intensity",
            missing="no total population observation for this period or its calendar year",
        ),
    }  # fmt: skip
    has_prior = periods[1].label in table.periods
    for measure in ("arrivals", "nights"):
        current, prior = now[measure], then[measure] if has_prior else None
        if current is None:
            cell = (None, MISSING.format(measure))
        elif prior is None:
            cell = (None, f"no {measure} observation for the same period one year earlier")
        elif prior == 0:
            cell = (None, f"{measure} one year earlier is zero, so no growth multiple exists")
        elif per_day:
            cell = (CTX50.divide(D(current) * periods[1].days, D(prior) * days), None)
        else:
            cell = (CTX50.divide(D(current), D(prior)), None)
        expected[f"{measure}_multiple"] = cell
        if cell[0] is not None:
            expected[f"{measure}_percent_change"] = (CTX50.fma(cell[0], 100, -100), None)
        else:
            expected[f"{measure}_percent_change"] = cell
    for name, (value, reason) in expected.items():
        found = table.cell(row, name)
        assert found.undefined == reason, name
        assert found.value == (None if value is None else value.quantize(q)), name


def test_growth_cells_when_rows_without_a_year_earlier_are_not_first():
    # Sorted rows: 2022-01 (no year earlier), 2023-01 (has 2022-01), 2023-02 (2022-02 is
    # missing): the rows without a year earlier are the first and the last.
    observations = [
        Observation.count(p, "total", "border", "arrivals", v)
        for p, v in (("2022-01", 100), ("2023-01", 250), ("2023-02", 70))
    ]
    column = indicator_table(observations).column("arrivals_multiple")
    no_prior = "no arrivals observation for the same period one year earlier"
    assert column.values == (None, D("2.500000"), None)
    assert column.undefined == (no_prior, None, no_prior)


# -- the float guesses of CAGR and trend, against the exact functions --------------------------


@given(st.integers(1, 10**20), st.integers(1, 10**20), st.integers(1, 30), st.integers(0, 12))
@example(2_000_000, 2_000_001, 1, 6)  # exactly 0.0000005: a tie, left to the exact path
def test_cagr_guess_is_none_or_the_exact_rate(first, last, span, places):
    guess = cagr_guess(D(first), D(last), span, places)
    if guess is not None:
        exact = _unsigned_zero(cagr(first, last, span).quantize(D(1).scaleb(-places)))
        assert (guess, str(guess)) == (exact, str(exact))


@given(st.lists(st.integers(1, 10**20), min_size=2, max_size=15), st.integers(0, 12))
def test_trend_guess_is_none_or_the_exact_trend(levels, places):
    guess = trend_guess([D(v) for v in levels], places)
    if guess is not None:
        exact = _unsigned_zero(trend_growth(levels).quantize(D(1).scaleb(-places)))
        assert (guess, str(guess)) == (exact, str(exact))


def test_the_guesses_settle_ordinary_rates():
    # The fast path is taken on ordinary figures (else the tests above prove nothing).
    assert cagr_guess(D(100), D(121), 2, 6) == D("0.100000")
    assert trend_guess([D(100), D(110), D(121)], 6) == D("0.100000")


def test_the_guesses_refuse_what_floats_cannot_hold():
    huge, tiny = D("1E+400"), D("1E-400")
    assert cagr_guess(huge, D(1), 1, 6) is None
    assert cagr_guess(tiny, D(1), 1, 6) is None  # 0.0 as a float: no ratio at all
    assert cagr_guess(D(1), tiny, 1, 6) is None
    assert cagr_guess(D("1E-300"), D("1E+300"), 1, 6) is None  # the ratio overflows
    assert trend_guess([D(1), tiny], 6) is None
    assert rounded(0.3, 0.1, 1) is None  # the error bound spans a whole unit


SMALLEST, LARGEST = sys.float_info.min, sys.float_info.max  # the normal floats' ends


@pytest.mark.parametrize(
    ("first", "last"),
    [
        (SMALLEST, 2 * SMALLEST),  # the smallest normal float as the first level: +100 %
        (2 * SMALLEST, SMALLEST),  # ... as the last: -50 %
        (LARGEST, LARGEST / 2),  # the largest as the first
        (LARGEST / 2, LARGEST),  # ... as the last
        (1.0, SMALLEST),  # a ratio of exactly the smallest normal float: -100 % to 6 places
    ],
)
def test_the_cagr_guess_takes_every_normal_float(first, last):
    # A float is an exact Decimal and an exact Fraction; over one year the CAGR is
    # last / first - 1, exactly.
    exact = half_even(Fraction(last) / Fraction(first) - 1, 6)
    assert cagr_guess(D(first), D(last), 1, 6) == exact


def test_the_cagr_guess_takes_a_ratio_of_the_largest_float():
    # LARGEST / 1 over 100 years: exp(ln(LARGEST) / 100) - 1 = 1209.6..., by decimal's
    # ln and exp to 60 digits, rounded half to even to whole units.
    with decimal.localcontext(decimal.Context(prec=60)):
        exact = (D(LARGEST).ln() / 100).exp() - 1
    assert cagr_guess(D(1), D(LARGEST), 100, 0) == exact.quantize(D(1))


@pytest.mark.parametrize("levels", [[SMALLEST, 2 * SMALLEST], [LARGEST / 2, LARGEST]])
def test_the_trend_guess_takes_every_normal_float(levels):
    # Two levels: the trend is their ratio less 1, here exactly +100 %.
    assert trend_guess([D(v) for v in levels], 6) == D("1.000000")


def test_rounded_settles_up_to_fifteen_places():
    value = Fraction(123456789012345, 10**18)  # 0.000123456789012345
    approx = float(value)
    assert rounded(approx, abs(approx) * UNIT, 15) == half_even(value, 15)
    assert str(rounded(approx, abs(approx) * UNIT, 15)) == "0.000123456789012"
    assert rounded(approx, abs(approx) * UNIT, 16) is None  # beyond what floats keep


@given(st.integers(0, 12), st.integers(0, 10**11), st.sampled_from([1, 2, 3]))
# sqrt(623347347999**2 / 2**2) - 1 = 311673673998.5 over two years: the float guess
# errs by about 2**-10 of a unit there; a bound 3 - 2|ln ratio| instead of 3 + ...
# lets it through (it rounds to ...999).
@example(0, 311673673998, 2)
def test_cagr_ties_are_left_to_the_exact_path(places, units, span):
    # 1 + rate = num / den with rate = (units + 1/2) / 10**places exactly: a tie.
    den = 2 * 10**places
    num = den + 2 * units + 1
    assert cagr_guess(D(den**span), D(num**span), span, places) is None


@given(st.integers(0, 15), st.integers(-(10**6), 10**11), st.integers(1, 10**6))
# 35960000000044950 / 35960000000000000 - 1 = 1.25E-12, a tie at 13 places: logs near
# 38.1 err by far more than 1E-13, and a bound divided by (1.01 + 3 x 38.1) instead of
# multiplied would not see it.
@example(13, 12, 1798)
def test_trend_ties_are_left_to_the_exact_path(places, units, scale):
    # Two levels den x scale and num x scale: the trend is num / den - 1 exactly.
    den = 2 * 10**places
    num = den + 2 * units + 1
    assume(num > 0)
    assert trend_guess([D(den * scale), D(num * scale)], places) is None


# -- ADR and RevPAR: the one rounding rule -----------------------------------------------------


def one_rule(revenue: Decimal, rooms: Decimal, places: int = 2) -> Decimal:
    """The money module's rounding of the exact quotient."""
    return round_fraction(Fraction(revenue) / Fraction(rooms), places, decimal.ROUND_HALF_EVEN)


def money_cells(revenue: Decimal, rooms: Decimal) -> tuple[Decimal | None, Decimal | None]:
    observations = [
        Observation("2024-01", "total", "accommodation", "revenue", revenue, "KZT", "nominal"),
        Observation.count("2024-01", "total", "accommodation", "rooms_sold", rooms),
        Observation.count("2024-01", "total", "accommodation", "rooms_available", rooms),
    ]
    table = indicator_table(observations)
    return table.cell(0, "adr").value, table.cell(0, "revpar").value


def test_a_quotient_within_a_hair_of_a_tie_rounds_like_the_one_rule():
    # 3E20 / (2E22 + 2E-29) = 0.015 / (1 + 1E-51), just below the tie 0.015: rounded
    # half-even it is 0.01. Divided to 50 digits first, it would read 0.015 exactly
    # and round to 0.02.
    revenue, rooms = D(3 * 10**20), D("20000000000000000000000.00000000000000000000000000002")
    assert one_rule(revenue, rooms) == D("0.01")
    assert money_cells(revenue, rooms) == (D("0.01"), D("0.01"))
    assert adr(Money.of(revenue, "KZT"), rooms) == Money.of("0.01", "KZT")


@given(
    st.integers(0, 10**6),
    # Large room counts bring the quotient within 1E-45 of the tie: hard cases.
    st.integers(1, 10**18) | st.integers(10**15, 10**18),
    st.integers(0, 30) | st.integers(0, 2),
    st.integers(-3, 3),
)
@example(10**6, 10**18, 0, 1)
def test_money_cells_near_ties_round_like_the_one_rule(units, rooms, digits, nudge):
    # rooms with up to 30 fraction digits; revenue a hair (a few 1E-30) off the tie
    # (units + 1/2) cents x rooms.
    count = D(rooms).scaleb(-digits)
    tie = (D(units) + D("0.5")).scaleb(-2)
    with decimal.localcontext(decimal.Context(prec=100)):
        revenue = (tie * count).quantize(D("1E-30"), rounding=decimal.ROUND_DOWN) + nudge * D(
            "1E-30"
        )
    if revenue < 0 or revenue.adjusted() >= 24:
        return
    expected = one_rule(revenue, count)
    assert money_cells(revenue, count) == (expected, expected)


# -- growth rows and indicator records, field by field (mutation testing, issue 22) ----------


def _exact(x: Fraction, places: int) -> Decimal:
    return round_fraction(x, places, decimal.ROUND_HALF_EVEN)


@given(
    st.lists(st.integers(0, 10**7), min_size=1, max_size=5),
    st.sets(st.integers(2001, 2012), min_size=1, max_size=5),
    st.integers(0, 8),
)
@example([100, 0, 121], {2001, 2002, 2003}, 6)  # a zero year: no trend, with the reason
@example([0, 5], {2001, 2002}, 6)  # a zero first year: no growth from it
@example([5], {2001}, 6)  # one year: nothing to compare
def test_growth_rows_state_their_years_totals_and_reasons(values, years, places):
    years = sorted(years)[: len(values)]
    values = values[: len(years)]
    observations = [
        Observation.count(str(year), "foreign", "accommodation", "nights", value)
        for year, value in zip(years, values, strict=True)
    ]
    table = growth_table(observations, places=places)
    assert (table.measure, table.places) == (Measure.NIGHTS, places)
    (row,) = table.rows
    assert (row.segment, row.universe) == ("foreign", "accommodation")
    if len(years) < 2:
        assert (row.first_year, row.last_year, row.first, row.last) == (None, None, None, None)
        assert (row.multiple, row.cagr, row.trend_growth) == (None, None, None)
        assert row.undefined == "fewer than two years with a complete total"
        return
    assert (row.first_year, row.last_year) == (years[0], years[-1])
    assert (row.first, row.last) == (values[0], values[-1])
    if values[0] == 0:
        assert (row.multiple, row.cagr, row.trend_growth) == (None, None, None)
        assert row.undefined == f"the {years[0]} total is zero, so no growth from it exists"
        return
    assert row.multiple == _exact(Fraction(values[-1], values[0]), places)
    assert row.cagr is not None
    if 0 in values:
        assert row.trend_growth is None
        assert row.undefined == "a zero year has no logarithm, so no trend growth exists"
    else:
        assert row.trend_growth is not None
        assert row.undefined is None


def test_indicator_records_carry_every_row_field_and_cell():
    observations = [
        Observation.count("2024-H1", "total", "border", "arrivals", 182_000),
        Observation.count("2023-H1", "total", "border", "arrivals", 181_000),
        Observation.money(
            "2024-H1", "total", "accommodation", "revenue", Money.of(700, "USD"), basis="real"
        ),
        Observation.count("2024-H1", "total", "accommodation", "rooms_available", 7),
    ]
    table = indicator_table(observations)
    assert table.per_day is False  # the default compares totals
    assert table.column("arrivals_multiple").values[-1] == D("1.005525")  # 182000 / 181000
    records = table.to_records()
    assert len(records) == len(table.periods) == 3
    for row, record in enumerate(records):
        assert record["period"] == table.periods[row]
        assert record["segment"] == table.segments[row]
        assert record["universe"] == table.universes[row]
        assert record["currency"] == table.currencies[row]
        assert record["basis"] == table.bases[row]
        assert record["length_mismatch"] == table.length_mismatch[row]
        for column in table.columns:
            assert record[column.name] == column.values[row]
            assert record[f"{column.name}_undefined"] == column.undefined[row]
    revenue_row = table.universes.index("accommodation")
    assert (table.currencies[revenue_row], table.bases[revenue_row]) == ("USD", "real")
    assert records[revenue_row]["revpar"] == Money.of(100, "USD").amount  # 700 / 7
    assert table.column("room_occupancy").undefined[revenue_row] == (
        "no rooms_sold observation for this period, segment and universe"
    )
    assert table.column("net_bed_place_occupancy").undefined[revenue_row] == (
        "no nights observation for this period, segment and universe"
    )


HOSTILE = decimal.Context(prec=3, rounding=decimal.ROUND_DOWN, traps=[])


def test_a_callers_decimal_context_changes_no_table():
    # Design rules, Core: tables compute in the library's context, never the caller's.
    months = [
        Observation.count(Period.month(year, month), "total", "accommodation", "nights", value)
        for year in (2021, 2022, 2024)  # a gap, and totals that grow (a flat trend is 0)
        for month, value in zip(
            range(1, 13),
            range(1_234_567 * (year - 2019), 1_234_567 * (year - 2019) + 12),
            strict=True,
        )
    ]
    calls = [
        lambda: growth_table(months, places=9),
        lambda: seasonality_table(months, places=9),
        lambda: indicator_table(months, places=9).to_records(),
    ]
    for call in calls:
        expected = call()
        with decimal.localcontext(HOSTILE):
            assert call() == expected


@pytest.mark.parametrize(
    ("high", "low", "places", "variation"),
    [
        # six months at m + d and six at m - d: the population standard deviation is d,
        # so CV = d / m exactly, here a tie at the last place kept (half to even).
        (27, 13, 1, D("0.4")),  # CV = 7/20 = 0.35 -> 0.4
        (29, 11, 1, D("0.4")),  # CV = 9/20 = 0.45 -> 0.4
        (5, 3, 1, D("0.2")),  # CV = 1/4 = 0.25 -> 0.2
    ],
)
def test_seasonality_table_ties_take_the_exact_path(high, low, places, variation):
    months = [
        Observation.count(Period.month(2023, m), "total", "accommodation", "nights", value)
        for m, value in zip(range(1, 13), [high, low] * 6, strict=True)
    ]
    table = seasonality_table(months, places=places)
    assert (table.measure, table.places) == (Measure.NIGHTS, places)
    (row,) = table.rows
    assert (
        table.to_records()[0] | {"year": 2023, "segment": "total", "universe": "accommodation"}
        == table.to_records()[0]
    )
    assert (row.year, row.segment, row.universe, row.undefined) == (
        2023,
        "total",
        "accommodation",
        None,
    )
    assert row.seasonality.coefficient_of_variation == variation
    assert row.seasonality.total == _exact(Fraction(6 * (high + low)), places)
    with decimal.localcontext(HOSTILE):
        assert seasonality_table(months, places=places).rows == (row,)
