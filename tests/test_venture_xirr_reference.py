"""XIRR against independent references: exact NPV signs, roots planted in the flows.

The library's root finder works in floating point. These tests check its answers
with arithmetic it does not use:

* the NPV's sign just either side of a returned root, computed with ``decimal`` at 60
  digits (a root must be bracketed as tightly as the floating-point NPV allows);
* flows a year apart built from chosen roots: ``prod(z - z_k)`` with ``z = 1 + r`` has
  the coefficients that, read as yearly amounts, have exactly the rates ``z_k - 1``
  as internal rates of return (NPV times ``z**n`` is that polynomial);
* flows split, reordered and padded with zero amounts, which must not change a root.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, example, given, target
from hypothesis import strategies as st

from _flows import EXACT, assert_bracketed, exact, polynomial, terms, yearly
from creative_city.errors import UndefinedResultError, ValidationError
from creative_city.funding import xirr, xirr_roots, xnpv
from creative_city.testing import venture as vst

D = dt.date
growths = st.fractions(Fraction(1, 5), Fraction(5), max_denominator=400)
"""``z = 1 + r`` for planted roots: rates from -80% to +400%."""

no_real_positive_root = st.sampled_from(
    [(), ((1, 0, 1),), ((1, 2),), ((1, -1, 1),), ((1, 3, 5),), ((2, 1),)]
)
"""Extra factors with no positive real root: ``z^2 + 1``, ``z + 2``, ``z^2 - z + 1``..."""


@st.composite
def planted(draw):
    """Yearly flows whose sign-changing roots are known exactly: ``(flows, rates)``.

    Roots are at least 0.3 apart in ``ln(1 + r)`` (a few of the solver's grid steps),
    except one pair that may be much closer (0.1% to 5% apart): two roots hiding
    between two neighbouring grid points, where the NPV keeps its sign, are found by
    the dip search only when no third root is near (see the docs of ``xirr_roots``).
    """
    zs = draw(st.lists(growths, min_size=1, max_size=4, unique=True))
    zs = sorted(zs)
    assume(all(math.log(b / a) >= 0.3 for a, b in itertools.pairwise(zs)))
    gap = None
    if draw(st.booleans()):
        z = draw(st.sampled_from(zs))
        gap = draw(st.fractions(Fraction(1, 1000), Fraction(1, 20), max_denominator=10**6))
        zs = sorted([*zs, z * (1 + gap)])
        target(-float(gap), label="closeness of the pair")
    scale = draw(st.sampled_from([1, -1, 1000, -Fraction(7, 3)]))
    coefficients = [scale * c for c in polynomial(zs, draw(no_real_positive_root))]
    return yearly(coefficients), [float(z - 1) for z in zs]


def close_to(ours, theirs):
    return all(abs(a - b) <= 1e-9 * (1 + abs(b)) for a, b in zip(ours, theirs, strict=True))


# -- the root is bracketed by the exact NPV ------------------------------------------


@given(vst.cash_flows())
@example([(D(2008, 1, 1), -10000), (D(2008, 3, 1), 2750), (D(2008, 10, 30), 4250),
          (D(2009, 2, 15), 3250), (D(2009, 4, 1), 2750)])  # fmt: skip
def test_xirr_is_a_root_bracketed_by_exact_npv_signs(flows):
    try:
        rate = xirr(flows)
    except UndefinedResultError:
        assert not xirr_roots(flows)
        return
    assert_bracketed(flows, rate)


@given(vst.cash_flows())
def test_every_root_is_bracketed_and_there_are_no_more_than_descartes_allows(flows):
    roots = xirr_roots(flows)
    assert list(roots) == sorted(roots)
    by_day = {}
    for day, amount in flows:
        by_day[day] = by_day.get(day, 0) + amount
    amounts = [by_day[day] for day in sorted(by_day) if by_day[day]]
    changes = sum(1 for a, b in itertools.pairwise(amounts) if (a > 0) != (b > 0))
    assert len(roots) <= changes
    for rate in roots:
        assert -0.9999 <= rate <= 1e6
        assert_bracketed(flows, rate)


# -- planted roots -----------------------------------------------------------------------


@given(planted())
@example((yearly([-50, -100, 600, 300, -100]), [-0.7688954706807806, 1.854417828456178]))
# Roots at 0 (a grid point, where the NPV is exactly 0) and 0.1% beside it, on both sides:
# the NPV either side of the zero has one sign, the second root lies between.
@example((yearly(polynomial([Fraction(1), Fraction(1001, 1000)], ())), [0.0, 0.001]))
@example((yearly(polynomial([Fraction(1000, 1001), Fraction(1)], ())), [-1 / 1001, 0.0]))
@example((yearly(polynomial([Fraction(1), Fraction(1001, 1000), Fraction(3)], ())), [0, 0.001, 2]))
def test_xirr_roots_finds_exactly_the_planted_roots(case):
    flows, rates = case
    roots = xirr_roots(flows)
    assert len(roots) == len(rates), (roots, rates)
    assert close_to(roots, rates), (roots, rates)
    for rate in roots:
        assert_bracketed(flows, rate)


def test_a_double_root_at_an_exact_zero_is_one_root():
    # (z - 1)^2 a year apart: NPV 1 - 2v + v^2 touches 0 at r = 0 (a grid point) without
    # changing sign; the float noise beside it is not a second root.
    assert xirr_roots(yearly(polynomial([Fraction(1), Fraction(1)], ()))) == (0.0,)
    roots = xirr_roots(yearly(polynomial([Fraction(1), Fraction(1), Fraction(2)], ())))
    assert close_to(roots, [0.0, 1.0])


@given(planted())
def test_xirr_picks_the_planted_root_closest_to_zero(case):
    flows, rates = case
    closest = min(rates, key=lambda r: (abs(r), r))
    assert close_to([xirr(flows)], [closest])


@given(planted(), st.floats(-0.9, 4.5), st.floats(0.01, 5))
def test_roots_in_a_range_are_the_planted_roots_inside_it(case, low, width):
    flows, rates = case
    high = low + width
    inside = [r for r in rates if low + 1e-9 <= r <= high - 1e-9]
    near_edge = [r for r in rates if abs(r - low) <= 1e-9 or abs(r - high) <= 1e-9]
    assume(not near_edge)
    roots = xirr_roots(flows, low=low, high=high)
    assert close_to(roots, inside), (roots, inside)
    if inside:
        assert close_to([xirr(flows, low=low, high=high)], [min(inside, key=lambda r: (abs(r), r))])
    else:
        with pytest.raises(UndefinedResultError, match=r"no root with a rate in \[") as info:
            xirr(flows, low=low, high=high)
        assert info.value.field == "flows"


def test_a_pair_of_roots_closer_than_the_grid_near_zero():
    # z = 1.001 and 1.002 (r = 0.1% and 0.2%) and z = 3: the first two lie between two
    # neighbouring grid points near r = 0, where the NPV keeps its sign.
    flows = yearly(polynomial([Fraction(1001, 1000), Fraction(1002, 1000), 3]))
    assert close_to(xirr_roots(flows), [0.001, 0.002, 2.0])
    assert xirr(flows) == pytest.approx(0.001, abs=1e-12)


def test_the_closest_root_is_negative_when_it_is_nearer_zero():
    # z = 0.95 and z = 1.06: r = -5% is closer to zero than +6%; z = 4 is farther.
    flows = yearly(polynomial([Fraction(95, 100), Fraction(106, 100), 4]))
    assert xirr(flows) == pytest.approx(-0.05, abs=1e-12)
    # And the positive one when it is nearer: z = 0.94 and z = 1.05.
    flows = yearly(polynomial([Fraction(94, 100), Fraction(105, 100), 4]))
    assert xirr(flows) == pytest.approx(0.05, abs=1e-12)


def test_roots_at_the_far_ends_of_the_default_range():
    # r = -99.9% (z = 1/1000) and r = +99,999% (z = 1000): both inside [-0.9999, 10**6].
    flows = yearly(polynomial([Fraction(1, 1000), 1000, Fraction(3, 2)]))
    roots = xirr_roots(flows)
    assert close_to(roots, [-0.999, 0.5, 999.0])
    assert xirr(flows) == pytest.approx(0.5, abs=1e-12)
    # One sign change with the root near the top of the range: 1 then -1000 a year later.
    assert xirr(yearly([-1, 100_000])) == pytest.approx(99_999.0, rel=1e-12)
    assert xirr(yearly([1, -Fraction(1, 1000)])) == pytest.approx(-0.999, rel=1e-12)


# -- what must not change a root ---------------------------------------------------------


@st.composite
def split_flows(draw):
    """Flows, and the same flows with each amount split into parts on its own day."""
    flows = draw(vst.cash_flows(max_size=10))
    parts = []
    for day, amount in flows:
        pieces = draw(st.integers(1, 3))
        shares = [
            Fraction(draw(st.integers(-5, 5)), draw(st.integers(1, 7))) for _ in range(pieces - 1)
        ]
        rest = Fraction(amount) - sum(shares)
        kinds = draw(st.lists(st.booleans(), min_size=pieces, max_size=pieces))
        for share, as_decimal in zip([*shares, rest], kinds, strict=True):
            if as_decimal and 100 % share.denominator == 0:
                parts.append((day, Decimal(share.numerator) / Decimal(share.denominator)))
            else:
                parts.append((day, share))
    order = draw(st.permutations(parts))
    first = min(d for d, _ in flows)
    zeros = draw(st.lists(st.integers(0, 20 * 365), max_size=3))
    return flows, [*order, *((first + dt.timedelta(days=z), 0) for z in zeros)]


@given(split_flows())
def test_amounts_on_one_day_are_added_exactly_and_zero_amounts_change_nothing(case):
    flows, parts = case

    def outcome(given):
        try:
            return xirr(given)
        except UndefinedResultError as error:
            return str(error)

    # Exactly the same floats: the parts add up exactly before anything is rounded.
    assert outcome(parts) == outcome(flows)


@given(split_flows())
def test_zero_amounts_before_the_first_flow_only_shift_the_time_origin(case):
    flows, parts = case
    early = [(min(d for d, _ in flows) - dt.timedelta(days=400), 0), *parts]
    try:
        expected = xirr(flows)
    except UndefinedResultError:
        return
    assert xirr(early) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_zero_amounts_are_dropped_even_when_they_would_change_the_sign_pattern():
    # 0 between -100 and 121 is neither an inflow nor an outflow: one sign change.
    flows = [(D(2021, 1, 1), -100), (D(2022, 1, 1), 0), (D(2023, 1, 1), 121)]
    assert xirr(flows) == pytest.approx(0.1, abs=1e-14)
    assert xirr_roots(flows) == pytest.approx((0.1,), abs=1e-14)
    # A flow that is zero only after exact addition is dropped too.
    cancelled = [*flows, (D(2022, 6, 1), Fraction(1, 3)), (D(2022, 6, 1), Decimal("-0.5")),
                 (D(2022, 6, 1), Fraction(1, 6))]  # fmt: skip
    assert xirr(cancelled) == xirr(flows)


# -- xnpv against the exact sum -------------------------------------------------------


@given(
    vst.cash_flows(max_size=12),
    st.one_of(
        st.floats(-0.95, 5.0),
        st.fractions(Fraction(-19, 20), Fraction(5), max_denominator=100),
        st.decimals(Decimal("-0.95"), Decimal(5), places=3),
        st.integers(0, 5),
    ),
)
@example([(D(2020, 1, 1), Decimal(-100)), (D(2021, 1, 1), Decimal(50))], -0.5)
def test_xnpv_is_the_exact_discounted_sum_at_any_rate(flows, rate):
    ours = xnpv(rate, flows)
    with decimal.localcontext(EXACT):
        values = [v for v, _ in terms(flows, (1 + exact(rate)).ln())]
        theirs = sum(values, Decimal(0))
        size = sum(abs(v) for v in values)
        assert abs(Decimal(ours) - theirs) <= Decimal("1e-12") * size


def test_xnpv_at_a_negative_rate_by_hand():
    # At r = -50% a flow a year later is worth twice as much: -100 + 2 x 50 = 0, and
    # two years later four times as much: -100 + 4 x 50 = 100.
    assert xnpv(-0.5, yearly([-100, 50])) == pytest.approx(0, abs=1e-12)
    assert xnpv(Fraction(-1, 2), yearly([-100, 0, 50])) == pytest.approx(100, abs=1e-12)
    assert xnpv(Decimal("-0.5"), yearly([-100, 0, 50])) == pytest.approx(100, abs=1e-12)


def test_xnpv_of_the_excel_example_at_nine_percent():
    # Microsoft's documentation of the Xnpv worksheet function (Excel VBA reference):
    # =XNPV(.09, A2:A6, B2:B6) with -10,000 / 2,750 / 4,250 / 3,250 / 2,750 on
    # 1/1/2008, 3/1/2008, 10/30/2008, 2/15/2009, 4/1/2009 returns 2086.6476 (2086.65).
    flows = [
        (D(2008, 1, 1), -10000),
        (D(2008, 3, 1), 2750),
        (D(2008, 10, 30), 4250),
        (D(2009, 2, 15), 3250),
        (D(2009, 4, 1), 2750),
    ]
    assert xnpv(0.09, flows) == pytest.approx(2086.6476, abs=5e-5)
    # The same flows six years later (2014-2015, no 29 February inside): 2089.50 in
    # Microsoft's DAX XNPV documentation.
    later = [(d.replace(year=d.year + 6), a) for d, a in flows]
    assert xnpv(0.09, later) == pytest.approx(2089.50, abs=5e-3)


def test_xnpv_discounts_from_the_first_date_even_when_its_flows_are_zero():
    # Spreadsheets' XNPV discounts from the first payment's date, whatever its amount:
    # 110 a year and a day (2020 has 366 days) after a zero flow is 110 / 1.1^(366/365).
    expected = 110 / 1.1 ** (366 / 365)
    assert xnpv(0.1, [(D(2020, 1, 1), 0), (D(2021, 1, 1), 110)]) == pytest.approx(
        expected, rel=1e-14
    )
    # The same when the first day's flows cancel, or come after in the list.
    cancelling = [(D(2021, 1, 1), 110), (D(2020, 1, 1), -5), (D(2020, 1, 1), Decimal(5))]
    assert xnpv(0.1, cancelling) == pytest.approx(expected, rel=1e-14)
    # xirr does not depend on it: the root is the same (the NPV is only scaled).
    flows = [(D(2020, 1, 1), 0), (D(2021, 1, 1), -100), (D(2022, 1, 1), 110)]
    assert xirr(flows) == pytest.approx(0.1, abs=1e-14)


def test_xnpv_at_zero_is_the_plain_sum():
    flows = [(D(2020, 1, 1), -100), (D(2020, 7, 1), 30), (D(2024, 1, 1), 71)]
    assert xnpv(0, flows) == pytest.approx(1, abs=1e-12)


@pytest.mark.parametrize("rate", [-1, -1.5, Fraction(-3, 2), Decimal(-1), math.nan, math.inf])
def test_xnpv_rejects_rates_at_or_below_minus_one(rate):
    with pytest.raises(
        ValidationError, match=r"^rate = .*: must be a finite number above -1$"
    ) as info:
        xnpv(rate, yearly([-100, 110]))
    assert info.value.field == "rate"
    assert info.value.value is rate
