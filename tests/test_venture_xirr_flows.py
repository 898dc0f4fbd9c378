"""Cash flows prepared for XIRR: columns, exact sums by date, times, blocks of days.

``DatedFlows`` documents its attributes (amounts, times, signs, the block layout) and
``sign_at`` documents how the NPV is scaled so that no term overflows. These tests
pin them against the arithmetic written out: sums with ``Fraction``, ACT/365F times
as whole days over 365, the NPV with ``decimal`` at 60 digits.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import math
import time
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import assume, example, given, target
from hypothesis import strategies as st

from creative_city.errors import InvalidTypeError, UndefinedResultError, ValidationError
from creative_city.funding import xirr
from creative_city.funding.venture import flows as flows_module
from creative_city.funding.venture.flows import DatedFlows
from creative_city.time import UTC

D = dt.date
EXACT = decimal.Context(prec=60)


def exact_npv(flows, x):
    """The NPV at ``x = ln(1 + r)`` with decimal, and the sum of its terms' sizes.

    Times count from the first day whose flows do not add up to zero.
    """
    totals = {}
    for day, amount in flows:
        totals[day] = totals.get(day, Fraction(0)) + Fraction(amount)
    kept = {day: total for day, total in totals.items() if total}
    first = min(kept, default=None)
    with decimal.localcontext(EXACT):
        terms = [
            Decimal(a.numerator) / Decimal(a.denominator)
            * (-Decimal(x) * Decimal((d - first).days) / 365).exp()
            for d, a in kept.items()
        ]  # fmt: skip
        return sum(terms, Decimal(0)), sum((abs(t) for t in terms), Decimal(0))


# -- columns ---------------------------------------------------------------------------


def fast_columns(items):
    """``_fast_columns`` with days and amounts as lists (consecutive days come as a
    range, the amounts of distinct dates as the values of a dict)."""
    columns = flows_module._fast_columns(items)
    return None if columns is None else (list(columns[0]), list(columns[1]), *columns[2:])


def test_plain_pairs_take_the_fast_path():
    days = [D(2020, 1, 1), D(2020, 1, 2)]
    # Columns: days, exact amounts, floats, and a byte per flow, 1 for an inflow.
    assert fast_columns([(days[0], -1), (days[1], 2)]) == (
        [days[0].toordinal(), days[1].toordinal()],
        [-1, 2],
        [-1.0, 2.0],
        b"\0\1",
    )
    assert fast_columns([[days[0], Decimal("1.5")], [days[1], Decimal(-2)]]) == (
        [days[0].toordinal(), days[1].toordinal()],
        [Decimal("1.5"), Decimal(-2)],
        [1.5, -2.0],
        b"\1\0",
    )
    # A tuple and a list mixed, or pairs of another iterable type, are still pairs.
    mixed = fast_columns([(days[0], -1), [days[1], 2]])
    assert mixed == ([days[0].toordinal(), days[1].toordinal()], [-1, 2], [-1.0, 2.0], b"\0\1")
    assert fast_columns([iter((days[0], -1)), iter((days[1], 2))]) is not None
    # Repeated or unsorted dates: the flags come from the sums, later (None here).
    assert fast_columns([(days[1], -1), (days[0], 2)])[3] is None


@pytest.mark.parametrize("gaps", [[1, 1, 1], [1, 2, 1], [3, 1, 1], [1, 1, 400]])
def test_ordinals_of_every_day_are_a_range(gaps):
    dates = [D(2020, 2, 27)]
    for gap in gaps:
        dates.append(dates[-1] + dt.timedelta(days=gap))
    ordinals = flows_module._ordinals(dates)
    assert list(ordinals) == [d.toordinal() for d in dates]
    assert isinstance(ordinals, range) == (gaps == [1, 1, 1])


@pytest.mark.parametrize(
    "items",
    [
        [(D(2020, 1, 1), Fraction(-1, 3)), (D(2020, 1, 2), 1)],  # a Fraction
        [(D(2020, 1, 1), -1), (D(2020, 1, 2), Decimal(1))],  # int and Decimal mixed
        [(D(2020, 1, 1), Decimal("sNaN")), (D(2020, 1, 2), Decimal(1))],
        # Infinities of both signs on one day: their sum is an invalid operation.
        [(D(2020, 1, 1), Decimal("Inf")), (D(2020, 1, 2), 1), (D(2020, 1, 1), Decimal("-Inf"))],
        [(D(2020, 1, 1), Decimal("sNaN")), (D(2020, 1, 2), 1), (D(2020, 1, 1), Decimal(1))],
        [(dt.datetime(2020, 1, 1, tzinfo=UTC), -1), (D(2020, 1, 2), 1)],
        [(D(2020, 1, 1), -1, 0), (D(2020, 1, 2), 1, 0)],  # not pairs
        [(D(2020, 1, 1), -1.0), (D(2020, 1, 2), 1.0)],  # floats: rejected on the checked path
        [7, 8],
    ],
)
def test_anything_else_takes_the_checked_path(items):
    assert fast_columns(items) is None


class Pair:
    """A pair that is not a tuple or a list, but can be iterated more than once."""

    def __init__(self, when, amount):
        self.parts = (when, amount)

    def __iter__(self):
        return iter(self.parts)


def test_other_pairs_with_repeated_dates_are_added_up_on_the_fast_path():
    d0, d1 = D(2020, 1, 1), D(2020, 1, 2)
    for items in (
        [Pair(d0, 1), Pair(d1, -3), Pair(d0, 2)],
        [Pair(d0, 1), Pair(d0, 2), Pair(d1, -3)],  # in order, but d0 twice
    ):
        assert fast_columns(items) == ([d0.toordinal(), d1.toordinal()], [3, -3], [3.0, -3.0], None)
        assert DatedFlows(items).amounts == [3.0, -3.0]
    # Pairs that are iterators are used up by the dict that finds the repeated date:
    # the checked path then names the first (it takes tuples and lists only).
    items = [iter((d0, 1)), iter((d0, 2)), iter((d1, -3))]
    assert fast_columns(items) is None
    with pytest.raises(InvalidTypeError) as info:
        DatedFlows(items)
    assert (info.value.field, info.value.rule) == ("flows[0]", "must be a (date, amount) pair")


@pytest.mark.parametrize(
    ("items", "field", "rule"),
    [
        ([(D(2020, 1, 1), Decimal("NaN")), (D(2020, 1, 2), Decimal(1))], "flows[0].amount",
         "must be finite"),
        ([(D(2020, 1, 2), Decimal(1)), (D(2020, 1, 1), Decimal("NaN")),
          (D(2020, 1, 1), Decimal(1))], "flows[1].amount", "must be finite"),  # NaN + 1
        ([(D(2020, 1, 1), Decimal("-Inf")), (D(2020, 1, 2), Decimal(1))], "flows[0].amount",
         "must be finite"),
        # Finite, but infinite as a float: refused by its size.
        ([(D(2020, 1, 1), Decimal("1e400")), (D(2020, 1, 2), Decimal(-1))], "flows",
         "amounts must be below 10**30 in size"),
    ],
)  # fmt: skip
def test_a_float_that_is_not_finite_sends_the_flows_to_the_checked_path(items, field, rule):
    # The fast path converts without looking (NaN and infinity come out of float()); the
    # norm of the floats finds them, and the checked path names the amount.
    _, _, floats, _ = fast_columns(items)
    assert not all(map(math.isfinite, floats))
    with pytest.raises(ValidationError) as info:
        DatedFlows(items)
    assert (info.value.field, info.value.rule) == (field, rule)


def test_the_fast_path_adds_repeated_dates_exactly():
    # Unsorted, with repeated dates: sorted by date and added up exactly (1e25 + 0.1
    # has 27 digits, - 1e25 leaves 0.1; ints as ints).
    d0, d1 = D(2020, 1, 1), D(2020, 1, 2)
    items = [(d1, Decimal("1e25")), (d0, Decimal(-2)), (d1, Decimal("0.1")),
             (d1, Decimal("-1e25"))]  # fmt: skip
    days, values, floats, _ = fast_columns(items)
    assert (days, values, floats) == ([d0.toordinal(), d1.toordinal()], [-2, Decimal("0.1")],
                                      [-2.0, 0.1])  # fmt: skip
    days, values, floats, _ = fast_columns([(d1, 3), (d0, -1), (d1, 2**90)])
    assert (values, floats) == ([-1, 2**90 + 3], [-1.0, float(2**90 + 3)])


def test_amounts_in_size_just_below_the_limit_are_kept():
    assert DatedFlows([(D(2020, 1, 1), -(10**29)), (D(2021, 1, 1), 10**29)]).amounts == [
        -1e29,
        1e29,
    ]


@pytest.mark.parametrize(
    "amount",
    [-(2**101), Fraction(-(2**102)), Fraction(2**140, 3**20)],  # 102 bits and more
)
def test_an_amount_of_more_than_101_bits_is_refused_where_it_is_given(amount):
    # At once, before any exact sum: the error names the flow.
    with pytest.raises(ValidationError) as info:
        DatedFlows([(D(2020, 1, 1), amount), (D(2021, 1, 1), 1)])
    assert (info.value.field, info.value.value) == ("flows[0].amount", amount)
    assert info.value.rule == "amounts must be below 10**30 in size"


@pytest.mark.parametrize("amount", [-(2**100), Fraction(-(2**101))])  # 101 bits: 1.3e30, 2.5e30
def test_an_amount_of_101_bits_is_refused_by_its_dates_total(amount):
    # Not refused by its size in bits (a sum by date may bring it below 10**30), but
    # by the size of its date's total (a Fraction next to it: each item is checked).
    with pytest.raises(ValidationError) as info:
        DatedFlows([(D(2020, 1, 1), amount), (D(2021, 1, 1), Fraction(1, 2))])
    assert str(info.value) == "flows = '<amount>': amounts must be below 10**30 in size"
    assert DatedFlows([(D(2020, 1, 1), amount), (D(2020, 1, 1), -amount + 1),
                       (D(2021, 1, 1), -1)]).amounts == [1.0, -1.0]  # fmt: skip


# -- sums by date, zero amounts ------------------------------------------------------


@given(
    st.lists(
        st.tuples(
            st.integers(0, 30),
            st.one_of(
                st.integers(-(10**6), 10**6),
                st.fractions(-100, 100, max_denominator=12),
                st.decimals(-100, 100, places=3),
            ),
        ),
        min_size=2,
        max_size=25,
    )
)
@example([(0, Decimal("0.5")), (0, Fraction(-1, 2)), (1, 3), (2, -1)])  # a day that cancels
@example([(0, Decimal("1.5")), (0, Fraction(1, 3)), (1, -2)])  # Decimal then Fraction
def test_flows_are_added_by_date_exactly_and_zero_days_dropped(items):
    flows = [(D(2020, 1, 1) + dt.timedelta(days=k), a) for k, a in items]
    totals = {}
    for day, amount in flows:
        totals[day] = totals.get(day, Fraction(0)) + Fraction(amount)
    kept = sorted((day, total) for day, total in totals.items() if total)
    prepared = DatedFlows(flows)
    assert prepared.amounts == [float(total) for _, total in kept]
    first = kept[0][0] if kept else None  # times count from the first day kept
    assert prepared.neg_times == [-((day - first).days / 365) for day, _ in kept]
    assert prepared.last_time == ((kept[-1][0] - first).days / 365 if kept else 0.0)
    assert prepared.lead_time == ((first - min(totals)).days / 365 if kept else 0.0)
    assert prepared.positive == [total > 0 for _, total in kept]
    signs = [total > 0 for _, total in kept]
    assert prepared.sign_changes == sum(1 for a, b in itertools.pairwise(signs) if a != b)


def test_decimals_on_one_day_are_added_exactly_beyond_28_digits():
    # 1e25 + 0.0001 has 30 digits: in decimal's default context (28 digits) it would
    # round to 1e25, and the day's total would come out 0 instead of 0.0001.
    d0, d1 = D(2020, 1, 1), D(2021, 1, 1)
    flows = [(d0, Decimal("1e25")), (d0, Decimal("0.0001")), (d0, Decimal("-1e25")),
             (d1, Decimal(-1))]  # fmt: skip
    assert DatedFlows(flows).amounts == [0.0001, -1.0]
    # The same on the checked path (aware datetimes: each item is looked at).
    noon = dt.time(12, tzinfo=UTC)
    checked = [(dt.datetime.combine(day, noon), amount) for day, amount in flows]
    assert flows_module._fast_columns(checked) is None
    assert DatedFlows(checked).amounts == [0.0001, -1.0]


def test_zero_amounts_do_not_count_as_sign_changes():
    prepared = DatedFlows([(D(2021, 1, 1), -100), (D(2022, 1, 1), 50), (D(2023, 1, 1), 0),
                           (D(2024, 1, 1), 60)])  # fmt: skip
    assert (prepared.amounts, prepared.sign_changes) == ([-100.0, 50.0, 60.0], 1)
    assert prepared.neg_times == [0.0, -1.0, -3.0]
    assert prepared.positive == [False, True, True]


# -- dates ---------------------------------------------------------------------------


def test_aware_datetimes_count_by_their_utc_date_whatever_the_local_zone(monkeypatch):
    # 15:00 on 31 December 2021 at UTC-5 is 20:00 in UTC, still 31 December (in
    # Almaty, set here as the machine's zone, it is already 1 January): 365 days after
    # 31 December 2020.
    minus_five = dt.timezone(dt.timedelta(hours=-5))
    flows = [
        (D(2020, 12, 31), -100),
        (dt.datetime(2021, 12, 31, 15, 0, tzinfo=minus_five), 110),
    ]
    monkeypatch.setenv("TZ", "Asia/Almaty")
    time.tzset()
    try:
        prepared = DatedFlows(flows)
    finally:
        monkeypatch.undo()
        time.tzset()
    assert prepared.neg_times == [0.0, -1.0]


class NoOffset(dt.tzinfo):
    """A time zone that does not know its offset (so the datetime is naive)."""

    def utcoffset(self, _):
        return None

    def dst(self, _):
        return None

    def tzname(self, _):
        return "?"


def test_a_datetime_whose_zone_has_no_offset_is_naive():
    with pytest.raises(InvalidTypeError) as info:
        xirr([(dt.datetime(2020, 1, 1, tzinfo=NoOffset()), -100), (D(2021, 1, 1), 110)])
    assert info.value.field == "flows[0].date"
    assert info.value.rule == "datetimes must be timezone-aware (naive datetimes are rejected)"


# -- the NPV, scaled -----------------------------------------------------------------


@given(
    st.lists(st.integers(-(10**6), 10**6).filter(bool), min_size=2, max_size=8),
    st.lists(st.integers(1, 3000 * 365), min_size=7, max_size=7),
    st.floats(-9.2, 13.9),
)
@example([-1, 2], [8000 * 365] * 7, 0.5)  # 8,000 years at 65%: exp(+x t) would overflow
@example([-1, 2], [100 * 365] * 7, -9.0)  # 100 years at -99.99%
def test_the_scaled_npv_has_the_sign_of_the_exact_npv(amounts, gaps, x):
    days = [D(1000, 1, 1)]
    assume(sum(gaps[: len(amounts) - 1]) <= (D.max - days[0]).days)  # up to 31 Dec 9999
    for gap in gaps[: len(amounts) - 1]:
        days.append(days[-1] + dt.timedelta(days=gap))
    flows = list(zip(days, amounts, strict=False))
    value = DatedFlows(flows).sign_at(x)
    assert math.isfinite(value)
    npv, size = exact_npv(flows, x)
    target(-abs(float(npv / size)) if size else 0.0, label="closeness to a root")
    if abs(npv) > size * Decimal("1e-9"):
        assert (value > 0) == (npv > 0)


# -- blocks of days ------------------------------------------------------------------


def daily(count, gap=1, first=-1000):
    return [(D(2010, 1, 1) + dt.timedelta(days=gap * i), first if i == 0 else 3 + i % 7)
            for i in range(count)]  # fmt: skip


def test_blocks_from_256_flows_on_a_dense_run_of_days():
    assert DatedFlows(daily(255)).blocks is None
    blocks = DatedFlows(daily(256)).blocks
    assert blocks is not None
    # 256 days: blocks of B = 16 days (16 * 16 >= 256), 16 rows.
    assert (len(blocks.day_years), len(blocks.rows)) == (16, 16)
    assert blocks.day_years == [j / 365 for j in range(16)]
    assert sorted(y for group in blocks.groups for y in group.years) == [
        16 * q / 365 for q in range(16)
    ]
    # 257 days: B = 17 (16 * 16 < 257), 16 rows, the last row padded with zeros.
    blocks = DatedFlows(daily(257)).blocks
    assert (len(blocks.day_years), len(blocks.rows)) == (17, 16)
    assert blocks.rows[-1][2:] == (0.0,) * 15


def test_blocks_only_when_days_are_at_most_half_empty():
    # 300 flows every other day span 599 days <= 600: blocks; every third day, 898: none.
    assert DatedFlows(daily(300, gap=2)).blocks is not None
    assert DatedFlows(daily(300, gap=3)).blocks is None
    # A span of exactly twice the flows: 300 flows over 600 days.
    flows = [*daily(299, gap=2), (D(2010, 1, 1) + dt.timedelta(days=599), 5)]
    assert DatedFlows(flows).blocks is not None
    flows = [*daily(299, gap=2), (D(2010, 1, 1) + dt.timedelta(days=600), 5)]
    assert DatedFlows(flows).blocks is None


@given(
    st.integers(256, 700),
    st.lists(st.sampled_from([0, 1, 1, 2]), min_size=700, max_size=700),
    st.lists(st.integers(-(10**6), 10**6), min_size=700, max_size=700),
    st.floats(-5.0, 5.0),
)
@example(256, [1] * 700, [-(10**6)] + [10**4] * 699, 0.5)
@example(300, [1] * 700, [-(10**6)] + [10**4] * 699, -0.5)
def test_blocks_give_the_exact_npv_on_either_side_of_zero(size, gaps, amounts, x):
    days = [D(2010, 1, 1)]
    for gap in gaps[: size - 1]:
        days.append(days[-1] + dt.timedelta(days=gap))
    flows = list(zip(days, amounts, strict=False))
    prepared = DatedFlows(flows)
    value = prepared.sign_at(x)
    npv, size_of_terms = exact_npv(flows, x)
    if not size_of_terms:
        return
    # The blocks scale the NPV by a positive factor: exp(x * (first day)) for x >= 0,
    # exp(x * (last padded day)) below zero.
    blocks = prepared.blocks
    if blocks is None:
        return
    padded = len(blocks.rows) * len(blocks.day_years) - 1
    scale = 1.0 if x >= 0 else math.exp(x * padded / 365)
    tolerance = float(size_of_terms) * scale * 1e-12
    assert math.isclose(value, float(npv) * scale, rel_tol=1e-9, abs_tol=tolerance)


@given(
    st.integers(2, 40),
    st.lists(st.integers(-40, 40), min_size=8, max_size=8),
    st.lists(st.integers(-(10**6), 10**6), min_size=40, max_size=40),
    st.lists(st.floats(-1e3, 1e3, allow_subnormal=False), min_size=40, max_size=40),
)
@example(3, [30, -30, 0, 0, 0, 0, 0, 0], [1] * 40, [1.0] * 40)
def test_each_rows_dot_product_is_exact_to_a_few_roundings_of_its_own_size(
    size, exponents, units, vector
):
    # Rows of sizes 1e-40 to 1e40 fall in groups whose norms are within a factor 4 of
    # each other; each group has its own power of two for the vector, so each row's
    # product is off by a few roundings of |row| * |vector|, not of the largest row's.
    rows = [tuple(u * 10.0**exponent for u in units[:size]) for exponent in exponents]
    vector = vector[:size]
    blocks = flows_module._Blocks(rows, size)
    for group in blocks.groups:
        for row in group.rows:
            assert 2.0 ** (group.exponent - 2) <= math.hypot(*row) < 2.0 ** (group.exponent + 1)
    for row, dot in zip(rows, blocks.row_dots(vector), strict=True):
        exact = sum(Fraction(p) * Fraction(v) for p, v in zip(row, vector, strict=True))
        bound = Fraction(64 * 2.0**-53) * Fraction(math.hypot(*row)) * Fraction(math.hypot(*vector))
        assert abs(Fraction(dot) - exact) <= bound


def test_rows_are_grouped_by_the_size_of_their_norms():
    # Norms 1, 2 and 4 (binary exponents 1, 2, 3) share a group, whose factors are
    # scaled to the middle exponent 2 (within a factor 4 of each row's norm); 8
    # (exponent 4) is more than 2 above 1 and starts a group, which 32 (exponent 6)
    # joins; a row without flows is in none.
    rows = [(1.0, 0.0), (0.0, 2.0), (4.0, 0.0), (8.0, 0.0), (0.0, 0.0), (0.0, 32.0)]
    blocks = flows_module._Blocks(rows, 2)
    assert [(group.exponent, group.qs) for group in blocks.groups] == [(2, [0, 1, 2]), (5, [3, 5])]
    assert blocks.row_dots([1.0, 1.0]) == pytest.approx([1.0, 2.0, 4.0, 8.0, 0.0, 32.0], rel=1e-15)


@st.composite
def dense_one_sign_change(draw):
    """256 to 400 flows a day or two apart, outflows first then inflows."""
    size = draw(st.integers(256, 400))
    gaps = draw(st.lists(st.sampled_from([1, 1, 2]), min_size=size - 1, max_size=size - 1))
    cut = draw(st.integers(1, size - 1))
    units = draw(st.lists(st.integers(1, 10**6), min_size=size, max_size=size))
    days = list(itertools.accumulate([0, *gaps]))
    return [(D(2010, 1, 1) + dt.timedelta(days=d), -u if i < cut else u)
            for i, (d, u) in enumerate(zip(days, units, strict=True))]  # fmt: skip


@given(dense_one_sign_change())
def test_the_blocks_sums_for_the_first_guess_are_the_sums_written_out(flows):
    prepared = DatedFlows(flows)
    assert prepared.blocks is not None
    split = prepared.first_change()
    amounts, times = prepared.amounts, [-t for t in prepared.neg_times]
    assert (amounts[split - 1] < 0) != (amounts[split] < 0)
    early, late = amounts[:split], amounts[split:]
    expected = (
        math.fsum(early),
        math.fsum(late),
        -math.fsum(a * t for a, t in zip(early, times[:split], strict=True)),
        -math.fsum(a * t for a, t in zip(late, times[split:], strict=True)),
    )
    size = math.fsum(map(abs, amounts)) * (1 + times[-1])
    for got, want in zip(prepared.moments(split), expected, strict=True):
        assert math.isclose(got, want, rel_tol=1e-13, abs_tol=size * 1e-15)


def test_inflow_flags_come_from_the_exact_amounts():
    assert flows_module._inflows([Decimal(-1), Decimal("2.5"), Decimal("-0.5")]) == b"\0\1\0"
    assert flows_module._inflows([-1, 2, 2**100]) == b"\0\1\1"  # 101 bits at most
    assert flows_module._inflows([-1, 2**101]) is None  # 102 bits: the checked path
    assert flows_module._inflows([True, -1]) is None  # bools are not amounts
    assert flows_module._inflows([Decimal(1), -1]) is None  # one kind or the other
    assert flows_module._inflows([1.5, -1]) is None


def test_the_positive_factor_of_the_blocks_is_from_the_last_padded_day():
    # 300 days in blocks of 18 days: 17 rows, the last padded day is 17 * 18 - 1 = 305.
    prepared = DatedFlows(daily(300))
    assert prepared.scale_time == 305 / 365
    assert DatedFlows(daily(200)).scale_time == 199 / 365  # direct sums: the last day


def test_amounts_of_one_date_are_added_exactly_beyond_400_digits():
    # 1E29 and 1E-400 on one date need 430 digits, past the 400 of the exact decimal
    # context: they are added as fractions (this raised decimal.Inexact). The rate is
    # the one of the same flows with each date's sum given as one exact Fraction.
    first, later = dt.date(2020, 1, 1), dt.date(2021, 1, 1)
    split = [(first, Decimal("1E29")), (first, Decimal("1E-400")), (later, Decimal("-2E29"))]
    whole = [(first, Fraction(10**29) + Fraction(1, 10**400)), (later, Decimal("-2E29"))]
    assert xirr(split) == xirr(whole)
    # A 366-day year doubles the money: 2 ** (365 / 366) - 1 under ACT/365F.
    assert xirr(split) == pytest.approx(2 ** (365 / 366) - 1, rel=1e-12)
    # Cancelling to the tiny one: the date's exact total is 1E-400, read as that Fraction.
    cancelled = [*split[:2], (first, Decimal("-1E29")), (later, Decimal(-1))]
    tiny = [(first, Fraction(1, 10**400)), (later, Decimal(-1))]
    outcomes = []
    for flows in (cancelled, tiny):
        with pytest.raises(UndefinedResultError) as caught:
            xirr(flows)
        outcomes.append((caught.value.field, caught.value.rule))
    assert outcomes[0] == outcomes[1]
    assert outcomes[0][0] == "flows"
