"""The XIRR root finder's parts: grid, first guess, bracket search, Brent, the scans.

These pin what the module's docstring promises about how roots are found: a grid in
``x = ln(1 + r)`` with both ends and zero, a first guess exact for two flows, Brent's
method converging superlinearly (a few NPV evaluations, not a bisection's fifty), the
scan for the closest root going outward from zero and the scan for all roots stopping
at the Descartes-Laguerre bound. The NPV evaluations are counted, never timed.
"""

from __future__ import annotations

import datetime as dt
import itertools
import math
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from _flows import START, polynomial, yearly
from creative_city.errors import UndefinedResultError
from creative_city.funding import xirr, xirr_roots
from creative_city.funding.venture import irr
from creative_city.funding.venture.flows import DatedFlows

D = dt.date


class CountingFlows(DatedFlows):
    """Prepared flows that count how often the NPV is evaluated."""

    __slots__ = ("calls",)

    def __init__(self, flows):
        super().__init__(flows)
        self.calls = 0

    def sign_at(self, x):
        self.calls += 1
        return super().sign_at(x)


@st.composite
def one_sign_change(draw):
    """One outflow, then 1 to 14 inflows on later days (a single root, any size)."""
    days = sorted(draw(st.sets(st.integers(1, 4000), min_size=1, max_size=14)))
    inflows = draw(st.lists(st.integers(0, 10**9), min_size=len(days), max_size=len(days)))
    outflow = draw(st.integers(1, 10**9))
    flows = [(START, -outflow)]
    flows += [(START + dt.timedelta(days=d), a) for d, a in zip(days, inflows, strict=True)]
    flows = [(d, a) for d, a in flows if a]
    if len(flows) < 2:
        flows.append((START + dt.timedelta(days=4001), 1))
    return flows


def is_bracketed(flows, x):
    """The float NPV changes sign within a few ulps of *x* (or is zero there)."""
    width = 8 * (2.2e-16 * abs(x) + 5e-16)
    below, at, above = flows.sign_at(x - width), flows.sign_at(x), flows.sign_at(x + width)
    return at == 0 or (below > 0) != (above > 0)


# -- the grid ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("low", "high", "size", "has_zero"),
    [
        (-0.9999, 1e6, 162, True),  # 161 points, and zero
        (-0.5, 0.5, 162, True),  # zero even when ln(1 + high) < 1
        (0.0, 1.0, 161, True),  # zero is already the lowest point
        (-0.5, 0.0, 161, True),  # and here the highest
        (0.1, 2.0, 161, False),
    ],
)
def test_the_grid_holds_both_ends_and_zero_and_is_dense_near_zero(low, high, size, has_zero):
    xs = irr._grid(low, high)
    assert xs == sorted(set(xs))
    assert len(xs) == size
    assert xs[0] == math.log1p(low)
    assert xs[-1] == math.log1p(high)
    assert (0.0 in xs) == has_zero
    steps = [b - a for a, b in itertools.pairwise(xs)]
    if has_zero and low < 0 < high:
        # Steps grow away from zero: the smallest step is next to it.
        zero = xs.index(0.0)
        assert min(steps) in (steps[zero - 1], steps[zero])


# -- the first guess -----------------------------------------------------------------


def guess(flows):
    return irr._guess(irr._model(DatedFlows(flows)))


@given(st.integers(1, 10**9), st.integers(1, 10**9), st.integers(1, 20_000), st.booleans())
@example(50, 60, 365, False)  # amounts below one unit on either side, see below
@example(1, 1, 365, True)
def test_the_first_guess_is_the_root_for_one_outflow_and_one_inflow(out, into, days, late_out):
    # -out at t = 0 and +into at t (or the other way round): the NPV is zero at
    # x = ln(into / out) / t exactly, which is the guess (mean times are the flows' own).
    t = days / 365
    flows = [(START, -out), (START + dt.timedelta(days=days), into)]
    if late_out:
        flows = [(START, into), (START + dt.timedelta(days=days), -out)]
    expected = math.log(into / out) / t if not late_out else math.log(out / into) / t
    assert guess(flows) == pytest.approx(expected, rel=1e-12, abs=1e-15)
    small = [(d, Fraction(a, 100)) for d, a in flows]
    assert guess(small) == pytest.approx(expected, rel=1e-12, abs=1e-15)


def test_the_first_guess_by_hand_with_several_flows():
    # Outflows 100 at t = 0 and 100 at t = 1, inflows 150 at t = 2 and 150 at t = 3:
    # the log multiple ln(300 / 200) over the gap of mean times 2.5 - 0.5 = 2.
    flows = yearly([-100, -100, 150, 150])
    assert guess(flows) == pytest.approx(math.log(1.5) / 2, rel=1e-14)
    # Inflows first (a loan): 300 in at t = 0 and 1, repaid 225 + 225 at t = 2 and 3:
    # ln(600 / 450) over the gap of mean times 0.5 - 2.5 = -2.
    flows = yearly([300, 300, -225, -225])
    assert guess(flows) == pytest.approx(math.log(4 / 3) / -2, rel=1e-14)


def test_the_model_of_a_loan_of_less_than_one_unit():
    # 0.50 received, then 0.30 and 0.25 repaid after one and two years: the inflow comes
    # first, and below one unit.
    flows = yearly([Fraction(1, 2), -Fraction(3, 10), -Fraction(1, 4)])
    inflow, outflow, t_in, t_out = irr._model(DatedFlows(flows))
    assert (inflow, t_in) == (0.5, 0.0)
    assert outflow == pytest.approx(0.55, rel=1e-15)
    assert t_out == pytest.approx((0.3 + 0.5) / 0.55, rel=1e-15)


def test_a_multiple_beyond_the_range_of_floats_still_gives_a_guess():
    # 1e-300 back for 1e29 out: the multiple 1e-329 is 0.0 as a float, its log is not
    # (ln 1e-300 - ln 1e29 = -757.6 over a year), and the rate is below -99.99%.
    flows = [(D(2020, 1, 1), Decimal("-1e29")), (D(2021, 1, 1), Decimal("1e-300"))]
    gap = 366 / 365  # 2020 is a leap year
    assert guess(flows) == pytest.approx((math.log(1e-300) - math.log(1e29)) / gap, rel=1e-12)
    with pytest.raises(UndefinedResultError, match=r"^flows = '<2 dated flows>': the NPV has no"):
        xirr(flows)


def test_an_amount_too_small_for_a_float_is_no_outflow():
    # 1e-400 is not zero, but it is 0.0 as a float: the NPV never changes sign.
    flows = [(D(2020, 1, 1), Decimal("1e-400")), (D(2021, 1, 1), 1)]
    assert irr._model(DatedFlows(flows)) is None
    assert guess(flows) == 0.0
    with pytest.raises(UndefinedResultError) as info:
        xirr(flows)
    assert str(info.value) == (
        "flows = '<2 dated flows>': the NPV has no root with a rate in [-0.9999, 1000000.0]"
    )


@pytest.mark.parametrize("x", [0.05, 0.3, -0.3, -0.9])
def test_the_first_bracket_step_is_a_quarter_beyond_the_newton_step(x):
    # Two flows are their own model, so the model's slope is the NPV's: the step is
    # 1.25 times Newton's |f / f'| (the positive factor of x < 0 cancels out).
    prepared = DatedFlows(yearly([-100, 0, 121]))
    f = -100 + 121 * math.exp(-2 * x)
    slope = -2 * 121 * math.exp(-2 * x)
    step = irr._first_step(prepared, irr._model(prepared), x, prepared.sign_at(x))
    assert step == pytest.approx(1.25 * abs(f / slope), rel=1e-12)


@pytest.mark.parametrize("x", [0.05, -0.3])
def test_the_first_bracket_step_uses_the_slope_of_two_flows_at_the_mean_times(x):
    # -100 and -50 at t = 0 and 1, then 200 at t = 3: the model is 150 out at t = 1/3
    # and 200 in at t = 3; the step is 1.25 times the NPV over the model's slope.
    prepared = DatedFlows(yearly([-100, -50, 0, 200]))
    f = -100 - 50 * math.exp(-x) + 200 * math.exp(-3 * x)
    slope = 150 / 3 * math.exp(-x / 3) - 3 * 200 * math.exp(-3 * x)
    step = irr._first_step(prepared, irr._model(prepared), x, prepared.sign_at(x))
    assert step == pytest.approx(1.25 * abs(f / slope), rel=1e-12)


@pytest.mark.parametrize(
    ("amounts", "most"),
    [([-1, 100_000], 3), ([-100, 0, 121], 3), ([100, -81], 1), ([-100, 50, 70], 5)],
)
def test_the_model_brackets_the_root_in_a_few_evaluations(amounts, most):
    # Two flows are their own model: the guess is the root; three are close to it.
    # From r = 0 with fixed steps, r = 99,999% alone takes twenty evaluations.
    prepared = CountingFlows(yearly(amounts))
    x = irr._single_root(prepared, irr.DEFAULT_LOW, irr.DEFAULT_HIGH)
    assert prepared.calls <= most
    assert is_bracketed(prepared, x)


def test_the_newton_sized_first_step_saves_evaluations():
    # Daily calls, then distributions m times as large: 45 evaluations for the six
    # (56 with a fixed first step, 93 without the model's guess and step).
    def daily_flows(days, calls, multiple):
        return [(START + dt.timedelta(days=i),
                 -(i % 7 + 1) * 1000 if i < calls else int((i % 5 + 1) * 1000 * multiple))
                for i in range(days)]  # fmt: skip

    total = 0
    for days, calls, multiple in [(300, 100, 2), (300, 100, 0.5), (400, 50, 3),
                                  (2000, 700, 1.5), (365, 120, 1.2), (1000, 300, 4)]:  # fmt: skip
        prepared = CountingFlows(daily_flows(days, calls, multiple))
        x = irr._single_root(prepared, irr.DEFAULT_LOW, irr.DEFAULT_HIGH)
        total += prepared.calls
        assert is_bracketed(prepared, x)
    assert total <= 48


def test_the_first_bracket_step_is_never_below_a_few_ulps():
    prepared = DatedFlows(yearly([-100, 0, 121]))
    root = math.log(1.21) / 2
    assert irr._first_step(prepared, irr._model(prepared), root, 0.0) == 1e-15 * (1 + root)
    assert irr._first_step(prepared, irr._model(prepared), -root, 0.0) == 1e-15 * (1 + root)


def test_the_first_bracket_step_without_a_useful_slope_is_fixed():
    # No model: a fixed step growing with |x|.
    prepared = DatedFlows(yearly([-100, 0, 121]))
    assert irr._first_step(prepared, None, 0.5, 1.0) == 0.001 + 0.02 * 0.5
    assert irr._first_step(prepared, None, -0.5, 1.0) == 0.001 + 0.02 * 0.5
    # A slope that underflows to zero: inflows 2,000 after a year and 1 after a thousand
    # years (their mean time is 1.5 years), discounted at x = -1 from the last day.
    flows = [(START, -1000), (START + dt.timedelta(days=365), 2000),
             (START + dt.timedelta(days=365_000), 1)]  # fmt: skip
    prepared = DatedFlows(flows)
    model = irr._model(prepared)
    assert model is not None
    assert irr._first_step(prepared, model, -1.0, prepared.sign_at(-1.0)) == 0.001 + 0.02


@pytest.mark.parametrize(
    ("tail", "rate"),
    [([-100, 121], 0.21), ([-100, 0, 125], math.sqrt(1.25) - 1),
     ([-100, 50, 80], (50 + math.sqrt(50**2 + 4 * 100 * 80)) / 200 - 1)],
)  # fmt: skip
def test_a_first_amount_too_small_for_a_float_does_not_turn_the_search_around(tail, rate):
    # 1e-400 is 0.0 as a float: no inflow. The outflow after it gives the NPV's sign
    # at high rates, and the search goes towards the root (it used to go away from it
    # and find none).
    flows = [(D(2001, 1, 1), Decimal("1e-400"))]
    flows += [(D(2002 + i, 1, 1), Decimal(a)) for i, a in enumerate(tail)]
    assert xirr(flows) == pytest.approx(rate, abs=1e-14)


# -- one sign change: bracket search and Brent's method -----------------------------


@given(one_sign_change())
def test_brent_converges_in_a_few_evaluations(flows):
    # From a bracket a unit wide around the root, Brent's method needs at most about
    # a dozen evaluations (13 seen over 6,000 random flows); bisection would need 50.
    prepared = CountingFlows(flows)
    root = irr._single_root(prepared, irr.DEFAULT_LOW, irr.DEFAULT_HIGH)
    if root is None:
        return
    a, b = root - 0.3, root + 0.7
    fa, fb = prepared.sign_at(a), prepared.sign_at(b)
    prepared.calls = 0
    x = irr._brent(prepared, a, b, fa, fb)
    assert prepared.calls <= 20
    assert is_bracketed(prepared, x)
    assert a <= x <= b
    assert x == pytest.approx(root, abs=1e-14 * (1 + abs(root)))


@given(one_sign_change())
@example(yearly([-1, 100_000]))  # a root far above the first guess's neighbourhood
@example(yearly([-100, 0, 0, 0, 0, 0, 0, 0, 0, 1]))  # far below
def test_one_sign_change_finds_its_root_in_a_few_evaluations(flows):
    # The bracket grows geometrically from the first guess, then Brent: at most 17
    # evaluations over 6,000 random flows; allow 25.
    prepared = CountingFlows(flows)
    x = irr._single_root(prepared, irr.DEFAULT_LOW, irr.DEFAULT_HIGH)
    assert prepared.calls <= 25
    if x is None:
        assert not xirr_roots(flows)
        return
    assert is_bracketed(prepared, x)
    assert xirr(flows) == math.expm1(x)


def test_the_bracket_search_stops_at_the_ends_of_the_range():
    # The root (10%) is outside [-0.5, 0.05] and outside [0.5, 1.0]: searched up to
    # each end, then none, after a bounded number of evaluations.
    flows = CountingFlows(yearly([-100, 110]))
    assert irr._single_root(flows, -0.5, 0.05) is None
    assert flows.calls <= 12
    flows = CountingFlows(yearly([-100, 110]))
    assert irr._single_root(flows, 0.5, 1.0) is None
    assert flows.calls <= 12
    # At an end exactly: the root r = 0 is the lowest rate searched.
    assert irr._single_root(DatedFlows(yearly([-100, 100])), 0.0, 1.0) == 0.0
    assert irr._single_root(DatedFlows(yearly([-100, 100])), -0.5, 0.0) == 0.0


def test_the_bracket_search_goes_towards_the_root_from_either_side():
    # Inflows first (a loan repaid): the NPV at x -> +inf has the first flow's sign.
    loan = yearly([100, -110])
    assert xirr(loan) == pytest.approx(0.1, abs=1e-14)
    assert xirr(yearly([100, -81])) == pytest.approx(-0.19, abs=1e-14)
    assert xirr(yearly([-100, 81])) == pytest.approx(-0.19, abs=1e-14)


# -- several sign changes: the scans -------------------------------------------------


def test_the_closest_root_scan_goes_outward_from_zero():
    # Roots r = 1% and r = 300%: the scan stops after the grid points near zero.
    flows = CountingFlows(yearly(polynomial([Fraction(101, 100), 4])))
    x = irr._closest_root(flows, irr.DEFAULT_LOW, irr.DEFAULT_HIGH)
    assert math.expm1(x) == pytest.approx(0.01, abs=1e-14)
    assert flows.calls <= 40
    # The same when the nearest root is below zero: r = -1% and r = 300%.
    flows = CountingFlows(yearly(polynomial([Fraction(99, 100), 4])))
    x = irr._closest_root(flows, irr.DEFAULT_LOW, irr.DEFAULT_HIGH)
    assert math.expm1(x) == pytest.approx(-0.01, abs=1e-14)
    assert flows.calls <= 40


def test_the_scan_for_all_roots_stops_at_the_descartes_bound():
    # Roots r = -99% and r = 1% and two sign changes: once both are found, no other
    # grid point is evaluated.
    flows = CountingFlows(yearly(polynomial([Fraction(1, 100), Fraction(101, 100)])))
    roots = irr._roots(flows, irr.DEFAULT_LOW, irr.DEFAULT_HIGH)
    assert [math.expm1(x) for x in roots] == pytest.approx([-0.99, 0.01], abs=1e-12)
    assert flows.calls <= 110  # the grid up to r = 1% and two refinements, not all 162


def test_a_value_of_exactly_one_is_no_root():
    # 1 - 3 / z + 3 / z^2 has no real root; at r = 0 the NPV is 1 - 3 + 3 = 1 exactly.
    assert xirr_roots(yearly([1, -3, 3])) == ()
    assert xirr_roots(yearly([1, -3, 3]), low=0.0) == ()
    assert xirr_roots(yearly([1, -3, 3]), low=-0.5, high=0.0) == ()
    with pytest.raises(UndefinedResultError, match=r"^flows = '<3 dated flows>': the NPV has no"):
        xirr(yearly([1, -3, 3]))


def test_a_root_exactly_at_the_lowest_rate_searched():
    # -100 + 150 / z - 50 / z^2: roots r = 0 and r = -50%; searching from r = 0 finds
    # r = 0 at the first grid point, where the NPV is exactly zero.
    assert xirr_roots(yearly([-100, 150, -50]), low=0.0) == (0.0,)
    assert xirr_roots(yearly([-100, 150, -50]), low=-0.9, high=0.0) == pytest.approx(
        (-0.5, 0.0), abs=1e-12
    )
    assert xirr(yearly([-100, 150, -50]), low=0.0) == 0.0


def test_roots_just_inside_the_ends_of_the_range():
    # Roots at r = 10% and r = 20%, searched in ranges that end just beyond them.
    flows = yearly(polynomial([Fraction(11, 10), Fraction(12, 10)]))
    assert xirr_roots(flows, low=0.0999, high=0.2001) == pytest.approx((0.1, 0.2), abs=1e-12)
    assert xirr_roots(flows, low=0.09999999, high=0.15) == pytest.approx((0.1,), abs=1e-12)
    assert xirr_roots(flows, low=0.15, high=0.20000001) == pytest.approx((0.2,), abs=1e-12)
    assert xirr(flows, low=0.15, high=0.20000001) == pytest.approx(0.2, abs=1e-12)


def test_a_close_pair_at_the_bottom_of_the_range():
    # r = 0.1% and 0.2% lie between the first two grid points of [0.05%, 10**6]; the
    # dip search must look at the very first three points.
    flows = yearly(polynomial([Fraction(1001, 1000), Fraction(1002, 1000), 3]))
    assert xirr_roots(flows, low=0.0005) == pytest.approx((0.001, 0.002, 2.0), abs=1e-12)
    assert xirr(flows, low=0.0005) == pytest.approx(0.001, abs=1e-12)


def test_the_closest_root_in_the_lowest_grid_interval():
    # r = -99.988% lies between the two lowest grid points (r = -99.99% and about
    # -99.98%) and is closer to zero than r = 100 (10,000%).
    flows = yearly(polynomial([Fraction(12, 100_000), 101]))
    assert xirr(flows) == pytest.approx(-0.99988, abs=1e-12)
    assert xirr_roots(flows) == pytest.approx((-0.99988, 100.0), rel=1e-12)
    # The same when the grid above zero runs out first (the range ends at 50%).
    assert xirr(flows, high=0.5) == pytest.approx(-0.99988, abs=1e-12)


def test_the_closest_root_when_the_range_ends_below_one():
    # Roots r = -90% and r = 200%, searched in [-0.9999, 0.5]: the scan runs out of
    # grid points above zero first and goes on below.
    flows = yearly(polynomial([Fraction(1, 10), 3]))
    assert xirr(flows, high=0.5) == pytest.approx(-0.9, abs=1e-12)
    assert xirr(flows, low=-0.5) == pytest.approx(2.0, abs=1e-12)


def test_a_value_of_exactly_one_next_to_a_root():
    # 500 - 2000.5 / z + 1501.5 / z^2 = 500 (z - 1.001)(z - 3) / z^2: roots r = 0.1%
    # and r = 200%, and the NPV at r = 0 is 500 - 2000.5 + 1501.5 = 1 exactly.
    flows = yearly([500, Fraction(-4001, 2), Fraction(3003, 2)])
    assert xirr_roots(flows) == pytest.approx((0.001, 2.0), abs=1e-12)
    assert xirr(flows) == pytest.approx(0.001, abs=1e-12)


def test_a_close_pair_around_a_value_of_exactly_one():
    # -800000 (z - 1.001)(z - 1.00125)(z - 2): a pair of roots 0.025% apart just above
    # r = 0, where the NPV is -800000 + 3201800 - 4005401 + 1603602 = 1 exactly and
    # smaller than at the grid points either side: the dip search finds the pair.
    flows = yearly([-800_000, 3_201_800, -4_005_401, 1_603_602])
    assert xirr_roots(flows) == pytest.approx((0.001, 0.00125, 1.0), abs=1e-12)


def test_a_loan_of_less_than_one_unit():
    # 0.50 received, 0.55 repaid a year later: 10%. The first flow is an inflow.
    assert xirr(yearly([Fraction(1, 2), -Fraction(11, 20)])) == pytest.approx(0.1, abs=1e-14)
    # 0.50 received, 0.30 repaid after one year and 0.30 after two: with z = 1 + r,
    # 0.5 z^2 - 0.3 z - 0.3 = 0, so z = 0.3 + sqrt(0.69).
    flows = yearly([Fraction(1, 2), -Fraction(3, 10), -Fraction(3, 10)])
    assert xirr(flows) == pytest.approx(math.sqrt(0.69) - 0.7, abs=1e-14)


# -- several sign changes: a side without roots ----------------------------------------


class RecordingFlows(DatedFlows):
    """Prepared flows that record where the NPV is evaluated."""

    __slots__ = ("points",)

    def __init__(self, flows):
        super().__init__(flows)
        self.points = []

    def sign_at(self, x):
        self.points.append(x)
        return super().sign_at(x)


@pytest.mark.parametrize(
    ("amounts", "sides"),
    [
        # Running totals -100, -50, 10 (a root above zero: r = 6.4%); from the last
        # flow back 60, 110, 10: none below zero.
        ([-100.0, 50.0, 60.0], (True, False)),
        ([100.0, -50.0, -60.0], (True, False)),  # the same, inflow first
        ([60.0, 50.0, -100.0], (False, True)),  # the same read backwards
        ([0.5, 0.25, -0.5], (False, True)),  # totals 0.5, 0.75, 0.25: a first flow below 1
        ([-100.0, 50.0, -60.0], (True, True)),  # -100, -50, -110 and -60, -10, -110
        ([-50.0, -100.0, 600.0, 300.0, -100.0], (False, False)),  # roots -76.9%, 185.4%
    ],
)
def test_running_totals_of_one_sign_leave_a_side_without_roots(amounts, sides):
    assert irr._rootless_sides(amounts) == sides


@pytest.mark.parametrize("sign", [1.0, -1.0])
def test_a_running_total_must_be_far_larger_than_rounding(sign):
    # Totals -3, -2, -d: one sign, but d must exceed the rounding margin, the number
    # of flows times the sum of sizes times 2**-48 (here 18 * 2**-48, about 6.4e-14).
    def above(d):
        return irr._rootless_sides([sign * -3.0, sign * 1.0, sign * (2.0 - d)])[1]

    assert above(1e-13)
    assert not above(5e-14)
    assert not above(0.0)


def the_first_grid_points(lo=irr.DEFAULT_LOW, hi=irr.DEFAULT_HIGH):
    xs = irr._grid(lo, hi)
    zero = xs.index(0.0)
    return xs[zero - 1], xs[zero + 1]


def closest(roots):
    return min(roots, key=lambda r: (abs(r), r))


def test_the_closest_root_scan_skips_a_side_without_roots():
    # A large first outflow, then small flows of both signs for ten years: the running
    # totals stay below zero, so no rate above zero is a root. The scan goes down to
    # the root and looks at the first grid point above zero only (the dip search
    # around zero needs it), where it used to go as far above zero as the root is below.
    small = [(-1) ** k * (k % 7 + 1) * 1000 for k in range(1, 61)]
    flows = [(START, -(10**6))]
    flows += [(START + dt.timedelta(days=60 * k), a) for k, a in enumerate(small, 1)]
    prepared = RecordingFlows(flows)
    x = irr._closest_root(prepared, irr.DEFAULT_LOW, irr.DEFAULT_HIGH)
    assert prepared.sign_changes > 1
    assert math.expm1(x) == closest(xirr_roots(flows)) < 0
    assert max(prepared.points) == the_first_grid_points()[1]
    # The same flows backwards in time: no root below zero (z = 1 + r becomes 1 / z).
    last = flows[-1][0]
    mirrored = [(START + (last - day), -a) for day, a in flows]
    prepared = RecordingFlows(mirrored)
    x = irr._closest_root(prepared, irr.DEFAULT_LOW, irr.DEFAULT_HIGH)
    assert math.expm1(x) == closest(xirr_roots(mirrored)) > 0
    assert min(prepared.points) == the_first_grid_points()[0]


def test_no_side_with_roots_takes_three_evaluations():
    # -100, 50, -60 a year apart: two sign changes, but running totals of one sign
    # both ways: no root at all, found from the grid points at and next to zero.
    prepared = RecordingFlows(yearly([-100, 50, -60]))
    assert irr._closest_root(prepared, irr.DEFAULT_LOW, irr.DEFAULT_HIGH) is None
    below, above = the_first_grid_points()
    assert prepared.points == [0.0, below, above]
    with pytest.raises(UndefinedResultError, match=r"^flows = '<3 dated flows>': the NPV has no"):
        xirr(yearly([-100, 50, -60]))


def test_the_closest_root_in_the_highest_grid_interval():
    # z^2 - 3,000,000 z + 2 * 10**12 = (z - 10**6)(z - 2 * 10**6): r = 999,999 lies in
    # the grid's top interval; the other root, 1,999,999, is above the range.
    flows = yearly([1, -3_000_000, 2 * 10**12])
    assert xirr(flows) == pytest.approx(999_999.0, rel=1e-12)
    assert xirr_roots(flows) == pytest.approx((999_999.0,), rel=1e-12)


def test_the_roots_either_side_of_a_dip_do_not_depend_on_the_order_of_its_ends():
    # The closest-root scan also walks down the grid, so a dip's ends may come high end
    # first; the golden-section search takes its interval in increasing order (given
    # the other way round it stopped at once and found nothing: a merge of the two
    # dip searches lost xirr's root of the two-close-roots flows that way).
    amounts = [0, -154289, 2333, 1068, 0, 0, 7623, 228, 89, 2723, -1674, 26]
    prepared = DatedFlows(yearly(amounts))
    low, high = math.log1p(-0.4805), math.log1p(-0.4770)  # around both roots, one sign
    ends = [(x, prepared.sign_at(x)) for x in (low, high)]
    assert (ends[0][1] > 0) == (ends[1][1] > 0)
    sign = 1.0 if ends[0][1] > 0 else -1.0
    forwards = irr._either_side_of_dip(prepared, ends[0], ends[1], sign)
    backwards = irr._either_side_of_dip(prepared, ends[1], ends[0], sign)
    assert forwards == backwards
    assert [math.expm1(x) for x in forwards] == pytest.approx([-0.47992146, -0.47753880], abs=1e-7)


def test_beside_an_exact_zero_the_other_root_is_found_from_either_side():
    # [1, -2.001, 1.001] a year apart: roots 0 (a grid point, NPV exactly 0) and 0.1%.
    prepared = DatedFlows(yearly([1, Fraction(-2001, 1000), Fraction(1001, 1000)]))
    zero, above = (0.0, 0.0), (math.log1p(0.01), prepared.sign_at(math.log1p(0.01)))
    sign = 1.0 if above[1] > 0 else -1.0
    for ends in ((zero, above), (above, zero)):
        found = irr._either_side_of_dip(prepared, *ends, sign, beside=0.0)
        assert found is not None
        assert [math.expm1(x) for x in found] == pytest.approx([0.001], rel=1e-9)


def test_a_simple_root_at_an_exact_zero_gets_no_companion():
    # [-1, 2, -2, 1] a year apart is (v - 1)(v^2 - v + 1) in v = 1 / (1 + r): one real
    # root, r = 0, where the amounts add up to exactly 0 (three sign changes, so the
    # scan goes on past it). Either side of it the NPV has opposite signs: no second
    # root to look for beside it.
    assert xirr_roots(yearly([-1, 2, -2, 1])) == (0.0,)


def test_the_root_just_below_an_exact_zero_is_found_once():
    # [1.001, -2.001, 1] is (v - 1)(v - 1.001): roots r = 0 and r = 1/1.001 - 1 =
    # -1/1001. The scan meets the exact zero first (it skips the interval below it),
    # then finds the other root on the zero's far side; the zero is not counted again.
    roots = xirr_roots(yearly([Fraction(1001, 1000), Fraction(-2001, 1000), 1]))
    assert len(roots) == 2
    assert roots[0] == pytest.approx(float(Fraction(-1, 1001)), rel=1e-9)
    assert roots[1] == 0.0
