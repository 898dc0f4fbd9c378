"""XIRR: worked examples, roots, the NPV property, cross-checks and bad input."""

from __future__ import annotations

import datetime as dt
import math
from decimal import Decimal
from fractions import Fraction

import numpy_financial as npf
import pytest
import pyxirr
from hypothesis import given, settings
from hypothesis import strategies as st

from _flows import assert_bracketed
from creative_city import funding
from creative_city.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    UndefinedResultError,
    ValidationError,
)
from creative_city.funding import xirr, xirr_roots, xnpv
from creative_city.money import Money
from creative_city.testing import venture as vst
from creative_city.time import UTC, act_365f

D = dt.date

# Microsoft Excel XIRR function documentation (support.microsoft.com, "XIRR function",
# Example): values -10,000 / 2,750 / 4,250 / 3,250 / 2,750 on 1/1/2008, 3/1/2008,
# 10/30/2008, 2/15/2009, 4/1/2009; =XIRR(A3:A7, B3:B7, 0.1) returns 0.373362535 (37.34%).
EXCEL_FLOWS = [
    (D(2008, 1, 1), -10000),
    (D(2008, 3, 1), 2750),
    (D(2008, 10, 30), 4250),
    (D(2009, 2, 15), 3250),
    (D(2009, 4, 1), 2750),
]


START = D(2001, 1, 1)


def yearly(amounts, start=START):
    """Flows exactly 365 days apart, so ACT/365F year fractions are whole numbers."""
    return [(start + dt.timedelta(days=365 * i), a) for i, a in enumerate(amounts)]


def test_excel_documentation_example():
    # Excel iterates until the result is accurate within 0.000001% and shows 9 digits:
    # agree to 1e-8.
    assert xirr(EXCEL_FLOWS) == pytest.approx(0.373362535, abs=1e-8)


def test_excel_example_in_any_order_and_as_money():
    flows = [(d, Money.of(a, "USD")) for d, a in reversed(EXCEL_FLOWS)]
    assert xirr(flows) == pytest.approx(0.373362535, abs=1e-8)


def test_two_whole_years_at_ten_percent():
    # Hand: -100 now, 121 after 730 days = 2 years: 100 * 1.1**2 = 121, so r = 10%.
    assert xirr([(D(2021, 1, 1), -100), (D(2023, 1, 1), 121)]) == pytest.approx(0.1, abs=1e-14)


def test_leap_year_counts_366_days():
    # Hand: 2020 has 366 days, so t = 366/365 and r = 1.1 ** (365/366) - 1 (ACT/365F).
    rate = xirr([(D(2020, 1, 1), -100), (D(2021, 1, 1), 110)])
    assert rate == pytest.approx(1.1 ** (365 / 366) - 1, abs=1e-14)
    assert rate < 0.1


def test_multiple_roots_example():
    # -50, -100, 600, 300, -100 a year apart: three sign changes. With z = 1 + r the
    # NPV times z**4 is -50 z^4 - 100 z^3 + 600 z^2 + 300 z - 100, whose positive roots
    # are z = 0.2311... and z = 2.8544... (the other two are negative): r = -0.7689...
    # and r = 1.8544...
    flows = yearly([-50, -100, 600, 300, -100])
    roots = xirr_roots(flows)
    assert len(roots) == 2
    for r in roots:
        z = 1 + r
        assert abs(-50 * z**4 - 100 * z**3 + 600 * z**2 + 300 * z - 100) < 1e-9
    assert roots[0] == pytest.approx(-0.76889547, abs=1e-8)
    assert roots[1] == pytest.approx(1.85441783, abs=1e-8)
    # The documented rule: the root closest to zero.
    assert xirr(flows) == roots[0]


def test_closest_root_is_found_on_the_far_side_of_the_grid():
    # 84799, 0, 0, 0, -579458, 0, 89865 a year apart. With z = 1 + r the NPV times z^6 is
    # 84799 z^6 - 579458 z^2 + 89865: roots r = -0.6055 and r = +0.5915, and +0.5915 is
    # closer to zero (a regression: an outward scan once stopped at -0.6055).
    flows = yearly([84799, 0, 0, 0, -579458, 0, 89865])
    rate = xirr(flows)
    z = 1 + rate
    assert abs(84799 * z**6 - 579458 * z**2 + 89865) < 1e-6
    assert rate == pytest.approx(0.59146633, abs=1e-8)
    assert xirr_roots(flows)[0] == pytest.approx(-0.60549236, abs=1e-8)


def test_two_close_roots_between_grid_points_are_found():
    # Two roots 0.0024 apart (r = -0.4799 and -0.4775) sit between two grid points where
    # the NPV keeps its sign; the dip search finds both. Each is checked on the
    # polynomial sum(a_i z^(11 - i)) with z = 1 + r (flows a year apart, first one 0).
    amounts = [0, -154289, 2333, 1068, 0, 0, 7623, 228, 89, 2723, -1674, 26]
    flows = yearly(amounts)
    roots = xirr_roots(flows)
    assert len(roots) == 3
    for r in roots:
        z = 1 + r
        value = sum(a * z ** (11 - i) for i, a in enumerate(amounts))
        scale = sum(abs(a * z ** (11 - i)) for i, a in enumerate(amounts))
        assert abs(value) <= 1e-9 * scale
    assert roots[1] == pytest.approx(-0.47992146, abs=1e-7)
    assert roots[2] == pytest.approx(-0.47753880, abs=1e-7)
    assert xirr(flows) == pytest.approx(roots[2], rel=1e-12)


def test_roots_in_a_narrower_range():
    flows = yearly([-50, -100, 600, 300, -100])
    assert xirr_roots(flows, low=0.0, high=10.0) == pytest.approx((1.85441783,), abs=1e-8)
    assert xirr(flows, low=0.0, high=10.0) == pytest.approx(1.85441783, abs=1e-8)


def test_closest_to_zero_tie_breaks_to_the_smaller_root():
    # Hand: NPV(r) = -1 + 0 / z + 1 / z**2 * ... choose flows with roots r = -0.5 and
    # r = 0.5 is impossible with symmetric |r| in 1/z; instead check the rule on two
    # roots at -0.2 and +0.25: z = 0.8 and 1.25, z^2 - 2.05 z + 1 = 0 -> flows 1, -2.05, 1.
    flows = yearly([Decimal(1), Decimal("-2.05"), Decimal(1)])
    assert xirr_roots(flows) == pytest.approx((-0.2, 0.25), abs=1e-12)
    assert xirr(flows) == pytest.approx(-0.2, abs=1e-12)


def test_no_sign_change_is_an_error_not_nan():
    assert xirr_roots([(D(2020, 1, 1), 100), (D(2021, 1, 1), 50)]) == ()


NO_SIGN_CHANGE = (
    "an internal rate of return needs at least one inflow and one outflow "
    "(no sign change, so the NPV never crosses zero)"
)
BAD_RANGE = "must satisfy -1 < low < high (high = {})"
EXCEL_DAYS = [d for d, _ in EXCEL_FLOWS]


# Each error names its field, its value and the rule: the whole message is pinned, and
# the class exactly (InvalidTypeError is also a ValidationError).
@pytest.mark.parametrize(
    ("call", "error_type", "message"),
    [
        (
            lambda: xirr([(D(2020, 1, 1), 100), (D(2021, 1, 1), 50)]),
            UndefinedResultError,
            f"flows = '<2 non-zero dated flows, all of one sign>': {NO_SIGN_CHANGE}",
        ),
        (
            lambda: xirr([(D(2020, 1, 1), -100), (D(2021, 1, 1), -50), (D(2022, 1, 1), -1)]),
            UndefinedResultError,
            f"flows = '<3 non-zero dated flows, all of one sign>': {NO_SIGN_CHANGE}",
        ),
        # Flows that cancel on their one day leave no flow at all.
        (
            lambda: xirr([(D(2020, 1, 1), -100), (D(2020, 1, 1), 100)]),
            UndefinedResultError,
            f"flows = '<0 non-zero dated flows, all of one sign>': {NO_SIGN_CHANGE}",
        ),
        (
            lambda: xirr([(D(2021, 1, 1), -100), (D(2023, 1, 1), 121)], low=0.5, high=1.0),
            UndefinedResultError,
            "flows = '<2 dated flows>': the NPV has no root with a rate in [0.5, 1.0]",
        ),
        (
            lambda: xirr([(D(2020, 1, 1), -100)]),
            ValidationError,
            "flows = [(datetime.date(2020, 1, 1), -100)]: needs at least two (date, amount) pairs",
        ),
        (lambda: xirr([]), ValidationError, "flows = []: needs at least two (date, amount) pairs"),
        (
            lambda: xirr([(dt.datetime(2020, 1, 1), -100), (dt.datetime(2021, 1, 1), 110)]),
            InvalidTypeError,
            (
                "flows[0].date = datetime.datetime(2020, 1, 1, 0, 0): datetimes must be "
                "timezone-aware (naive datetimes are rejected)"
            ),
        ),
        (
            lambda: xirr([(D(2020, 1, 1), -100.0), (D(2021, 1, 1), 110)]),
            InvalidTypeError,
            (
                "flows[0].amount = -100.0: must be int, Decimal, Fraction or Money, never "
                "float (inexact)"
            ),
        ),
        (
            lambda: xirr([(D(2020, 1, 1), -100, 1), (D(2021, 1, 1), 110)]),
            InvalidTypeError,
            "flows[0] = (datetime.date(2020, 1, 1), -100, 1): must be a (date, amount) pair",
        ),
        (
            lambda: xirr([("2020-01-01", -100), (D(2021, 1, 1), 110)]),
            InvalidTypeError,
            "flows[0].date = '2020-01-01': must be a datetime.date or an aware datetime",
        ),
        (
            lambda: xirr(
                [(D(2020, 1, 1), Money.of(-100, "KZT")), (D(2021, 1, 1), Money.of(110, "USD"))]
            ),
            CurrencyMismatchError,
            "flows[1].amount = 'KZT and USD': all flows must be in one currency",
        ),
        (
            lambda: xirr("2021-01-01,-100"),
            InvalidTypeError,
            "flows = '2021-01-01,-100': must be a sequence of (date, amount) pairs",
        ),
        (
            lambda: xirr(100),
            InvalidTypeError,
            "flows = 100: must be a sequence of (date, amount) pairs",
        ),
        (
            lambda: xirr([(D(2021, 1, 1), Decimal("-1e30")), (D(2023, 1, 1), 1)]),
            ValidationError,
            "flows = '<amount>': amounts must be below 10**30 in size",
        ),
        (
            lambda: xirr([(D(2021, 1, 1), -1), (D(2023, 1, 1), 10**30)]),
            ValidationError,
            "flows = '<amount>': amounts must be below 10**30 in size",
        ),
        # The range: -1 < low < high, both finite numbers (xirr and xirr_roots alike).
        (lambda: xirr(EXCEL_FLOWS, low=-1.5), ValidationError,
         f"low = -1.5: {BAD_RANGE.format(1000000.0)}"),
        (lambda: xirr_roots(EXCEL_FLOWS, low=-1), ValidationError,
         f"low = -1: {BAD_RANGE.format(1000000.0)}"),
        (lambda: xirr(EXCEL_FLOWS, low=1.0, high=0.5), ValidationError,
         f"low = 1.0: {BAD_RANGE.format(0.5)}"),
        (lambda: xirr_roots(EXCEL_FLOWS, low=0.5, high=0.5), ValidationError,
         f"low = 0.5: {BAD_RANGE.format(0.5)}"),
        (lambda: xirr(EXCEL_FLOWS, low="-0.5"), InvalidTypeError,
         "low = '-0.5': must be a number"),
        (lambda: xirr_roots(EXCEL_FLOWS, low=True), InvalidTypeError,
         "low = True: must be a number"),
        (lambda: xirr_roots(EXCEL_FLOWS, high=True), InvalidTypeError,
         "high = True: must be a number"),
        (lambda: xirr_roots(EXCEL_FLOWS, high="1"), InvalidTypeError,
         "high = '1': must be a number"),
        (lambda: xirr(EXCEL_FLOWS, high=math.inf), ValidationError, "high = inf: must be finite"),
        (lambda: xirr_roots(EXCEL_FLOWS, low=Decimal("NaN")), ValidationError,
         "low = Decimal('NaN'): must be finite"),
        (lambda: xirr_roots(EXCEL_FLOWS, high=math.nan), ValidationError,
         "high = nan: must be finite"),
        # xnpv's rate: a finite number above -1.
        (lambda: xnpv(-1, EXCEL_FLOWS), ValidationError,
         "rate = -1: must be a finite number above -1"),
        (lambda: xnpv("0.1", EXCEL_FLOWS), InvalidTypeError, "rate = '0.1': must be a number"),
        (lambda: xnpv(True, EXCEL_FLOWS), InvalidTypeError, "rate = True: must be a number"),
    ],
)  # fmt: skip
def test_bad_input_raises_library_errors_naming_field_value_and_rule(call, error_type, message):
    with pytest.raises(error_type) as info:
        call()
    assert type(info.value) is error_type
    assert str(info.value) == message


def test_ranges_just_inside_the_limits_are_accepted():
    # -1 < low: the smallest float above -1 is a valid low; low < high by one ulp too.
    low = math.nextafter(-1.0, 0.0)
    assert xirr_roots(yearly([-100, 110]), low=low) == pytest.approx((0.1,), abs=1e-14)
    high = math.nextafter(0.2, 1.0)
    assert xirr_roots(yearly([-100, 110]), low=0.2, high=high) == ()
    assert xirr(yearly([-100, 110]), low=Fraction(1, 20), high=Decimal("0.2")) == pytest.approx(
        0.1, abs=1e-14
    )
    # Amounts just below 10**30 in size are accepted.
    big = Decimal("9.99999999999999e29")
    assert xirr([(D(2021, 1, 1), -big), (D(2022, 1, 1), big)]) == 0.0


def test_aware_datetimes_use_their_utc_date():
    flows = [
        (dt.datetime(2021, 1, 1, 12, tzinfo=UTC), -100),
        (dt.datetime(2023, 1, 1, 12, tzinfo=UTC), 121),
    ]
    assert xirr(flows) == pytest.approx(0.1, abs=1e-14)


@given(vst.cash_flows())
def test_result_makes_npv_zero(flows):
    try:
        rate = xirr(flows)
    except UndefinedResultError:
        return
    start = min(d for d, _ in flows)
    discounted = [float(a) * (1 + rate) ** -float(act_365f(start, d)) for d, a in flows]
    scale = math.fsum(abs(x) for x in discounted)
    assert abs(math.fsum(discounted)) <= 1e-9 * scale


@given(vst.cash_flows())
def test_every_root_makes_npv_zero_and_xirr_is_closest_to_zero(flows):
    roots = xirr_roots(flows)
    start = min(d for d, _ in flows)
    for rate in roots:
        discounted = [float(a) * (1 + rate) ** -float(act_365f(start, d)) for d, a in flows]
        assert abs(math.fsum(discounted)) <= 1e-9 * math.fsum(abs(x) for x in discounted)
    if roots:
        # Both refine the same root from different brackets: equal to a few ulps.
        assert xirr(flows) == pytest.approx(min(roots, key=lambda r: (abs(r), r)), rel=1e-12)


@given(
    st.integers(1, 10**9),
    st.lists(st.integers(0, 10**9), min_size=1, max_size=15).filter(any),
    st.dates(D(2000, 1, 1), D(2030, 1, 1)),
    st.lists(st.integers(1, 700), min_size=15, max_size=15),
)
def test_matches_pyxirr_when_there_is_one_sign_change(outflow, inflows, start, gaps):
    # One outflow then inflows: exactly one root, which pyxirr also finds.
    days = [start]
    for gap in gaps[: len(inflows)]:
        days.append(days[-1] + dt.timedelta(days=gap))
    amounts = [-outflow, *inflows]
    theirs = pyxirr.xirr(days, [float(a) for a in amounts])
    try:
        ours = xirr(list(zip(days, amounts, strict=True)))
    except UndefinedResultError:
        # Only when the root lies outside the default search range [-0.9999, 10**6].
        assert theirs is None or not math.isfinite(theirs) or not -0.9999 <= theirs <= 1e6
        return
    if theirs is None or not math.isfinite(theirs) or theirs > 1e5:
        return  # pyxirr gave up: nothing to compare
    assert ours == pytest.approx(theirs, rel=1e-7, abs=1e-9)


@given(st.lists(st.integers(-(10**6), 10**6), min_size=2, max_size=12))
def test_matches_numpy_financial_irr_on_365_day_years(amounts):
    # With flows 365 days apart ACT/365F years are whole and XIRR is IRR. numpy-financial
    # returns the real root closest to zero (or NaN when there is none).
    flows = yearly(amounts)
    theirs = float(npf.irr(amounts))
    try:
        ours = xirr(flows)
    except UndefinedResultError:
        ours = math.nan
    if math.isnan(theirs) or not -0.99 < theirs < 1e5:
        return  # numpy-financial finds no root where we search: nothing to compare
    assert ours == pytest.approx(theirs, rel=1e-6, abs=1e-8)


def test_excel_example_matches_pyxirr():
    theirs = pyxirr.xirr([d for d, _ in EXCEL_FLOWS], [float(a) for _, a in EXCEL_FLOWS])
    assert xirr(EXCEL_FLOWS) == pytest.approx(theirs, abs=1e-9)


def test_year_fractions_are_act_365f():
    # xnpv at r discounts by (1 + r) ** -act_365f(first, d).
    flows = [(D(2020, 1, 1), -100), (D(2020, 3, 1), 50), (D(2021, 6, 30), 60)]
    expected = -100 + 50 * 1.1 ** -float(act_365f(D(2020, 1, 1), D(2020, 3, 1)))
    expected += 60 * 1.1 ** -float(act_365f(D(2020, 1, 1), D(2021, 6, 30)))
    assert xnpv(Fraction(11, 10) - 1, flows) == pytest.approx(expected, abs=1e-12)


def test_xirr_is_exported_from_the_funding_package():
    assert funding.xirr is xirr


@st.composite
def dense_flows(draw, one_sign_change):
    """At least 256 flows on a dense run of days (some days shared, some skipped)."""
    size = draw(st.integers(256, 600))
    gaps = draw(st.lists(st.sampled_from([1, 0, 1, 2]), min_size=size - 1, max_size=size - 1))
    days = [D(2010, 1, 1)]
    for gap in gaps:
        days.append(days[-1] + dt.timedelta(days=gap))
    if one_sign_change:
        # Calls, then distributions scaled by a multiple: a negative rate when it is < 1.
        cut = draw(st.integers(size // 10, size * 9 // 10))
        multiple = draw(st.sampled_from([Fraction(1, 5), Fraction(9, 10), Fraction(3), 10]))
        units = draw(st.lists(st.integers(1, 10**6), min_size=size, max_size=size))
        amounts = [-u if i < cut else Decimal(int(u * multiple)) + 1 for i, u in enumerate(units)]
    else:
        amounts = draw(st.lists(st.integers(-(10**6), 10**6), min_size=size, max_size=size))
        amounts[0] = -(10**8)
    return list(zip(days, amounts, strict=True))


def _npv_is_zero(flows, rate):
    start = min(d for d, _ in flows)
    discounted = [float(a) * (1 + rate) ** -float(act_365f(start, d)) for d, a in flows]
    return abs(math.fsum(discounted)) <= 1e-9 * math.fsum(abs(x) for x in discounted)


@settings(max_examples=40, deadline=None)
@given(dense_flows(one_sign_change=True))
def test_many_flows_on_dense_days_match_pyxirr(flows):
    # Many flows on a dense run of days are discounted in blocks of days: the root must
    # still zero the NPV computed term by term and be bracketed by the NPV's signs
    # computed exactly (the real assertions), and agree with pyxirr (rates of both
    # signs). pyxirr stops its Newton iteration at a tolerance of its own: on these
    # flows the two rates differ by up to about 2e-11 (3e-9 relative for a rate of
    # -0.6%), so they are compared to 1e-9 absolute, 1e-8 relative.
    theirs = pyxirr.xirr([d for d, _ in flows], [float(a) for _, a in flows])
    try:
        rate = xirr(flows)
    except UndefinedResultError:
        # Only when the root lies outside the default search range [-0.9999, 10**6].
        assert theirs is None or not -0.9999 <= theirs <= 1e6
        return
    assert _npv_is_zero(flows, rate)
    assert_bracketed(flows, rate)
    if theirs is None:
        # pyxirr gave up (it does on some dense flows whose root we find and check above).
        return
    assert rate == pytest.approx(theirs, rel=1e-8, abs=1e-9)


@settings(max_examples=25, deadline=None)
@given(dense_flows(one_sign_change=False))
def test_many_flows_with_random_signs_on_dense_days(flows):
    roots = xirr_roots(flows)
    for rate in roots:
        assert _npv_is_zero(flows, rate)
    if roots:
        assert xirr(flows) == pytest.approx(min(roots, key=lambda r: (abs(r), r)), rel=1e-12)


# -- preparing the flows -------------------------------------------------------------


def test_date_subclasses_are_dates():
    class TradeDate(dt.date):
        pass

    flows = [(TradeDate(2021, 1, 1), -100), (TradeDate(2023, 1, 1), 121)]
    assert xirr(flows) == pytest.approx(0.1, abs=1e-14)


def test_flows_on_one_day_are_added_exactly_whatever_their_type():
    # -1/3 and -1/2 on the first day are -5/6 exactly (a Fraction and a Decimal).
    mixed = [(D(2021, 1, 1), Fraction(-1, 3)), (D(2023, 1, 1), 1), (D(2021, 1, 1), Decimal("-0.5"))]
    assert xirr(mixed) == xirr([(D(2021, 1, 1), Fraction(-5, 6)), (D(2023, 1, 1), 1)])
    assert xirr(mixed) == pytest.approx(math.sqrt(6 / 5) - 1, abs=1e-15)


@pytest.mark.parametrize(
    ("amount", "error_type", "rule"),
    [
        (True, InvalidTypeError, "must be int, Decimal, Fraction or Money, not bool"),
        ("-100", InvalidTypeError, "must be int, Decimal, Fraction or Money"),
        (Decimal("NaN"), ValidationError, "must be finite"),
        (Decimal("sNaN"), ValidationError, "must be finite"),
        (Decimal("-Infinity"), ValidationError, "must be finite"),
    ],
)
def test_amounts_must_be_finite_exact_numbers(amount, error_type, rule):
    with pytest.raises(error_type) as info:
        xirr([(D(2021, 1, 1), amount), (D(2023, 1, 1), Decimal(121))])
    assert type(info.value) is error_type
    assert info.value.field == "flows[0].amount"
    assert info.value.value is amount
    assert info.value.rule == rule


def test_flows_must_be_at_most_a_million():
    with pytest.raises(ValidationError) as info:
        xirr([(D(2021, 1, 1), 1)] * 1_000_001)
    assert str(info.value) == "flows = '<1000001 flows>': at most 1000000 flows"
    # A million is allowed (they all fall on one day: no sign change).
    with pytest.raises(
        UndefinedResultError, match=r"^flows = '<1 non-zero dated flows, all of one"
    ):
        xirr([(D(2021, 1, 1), 1)] * 1_000_000)


def test_a_root_exactly_at_zero():
    # Flows that sum to zero have NPV 0 at r = 0 exactly. -100 + 150 / z - 50 / z**2 = 0
    # gives z = 1 or z = 1/2: r = 0 (closest to zero) and r = -0.5.
    assert xirr(yearly([-100, 150, -50])) == 0.0
    assert xirr_roots(yearly([-100, 150, -50])) == pytest.approx((-0.5, 0.0), abs=1e-12)
    # One sign change: the only root is 0.
    assert xirr_roots(yearly([-100, 50, 50])) == (0.0,)


def test_many_flows_on_sparse_days_are_summed_directly():
    # 300 flows three days apart: too sparse for the blocks of days, so the NPV is a
    # direct sum; the rate agrees with pyxirr's.
    flows = [
        (D(2000, 1, 1) + dt.timedelta(days=3 * i), -1000 if i < 100 else 600) for i in range(300)
    ]
    theirs = pyxirr.xirr([d for d, _ in flows], [float(a) for _, a in flows])
    assert xirr(flows) == pytest.approx(theirs, rel=1e-12)
