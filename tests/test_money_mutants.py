"""Money rules pinned against independent references (issue 22, mutation testing).

Each test here was written to kill mutants that survived ``tests/test_money.py`` and
``tests/test_fx.py`` (see docs/testing.md). The references are independent of the
code under test: ``decimal.Decimal.quantize`` for rounding, ``sorted()`` and a
brute-force largest-remainder for allocation and selection, Python's own ``Decimal``
comparisons for ordering, a day-by-day mean for period-average rates, and the ISO 4217
table as published. The loops are exhaustive over small grids (not drawn), so the
same inputs run whatever the hypothesis profile.
"""

from __future__ import annotations

import datetime as dt
import decimal
import itertools
import operator
import random
from decimal import Decimal
from fractions import Fraction

import pytest

from creative_city.errors import CurrencyMismatchError, InvalidTypeError, ValidationError
from creative_city.money import (
    ROUNDING_MODES,
    Currency,
    ExchangeRates,
    Money,
    Rate,
    allocate_units,
    currencies,
    get_currency,
    iso4217,
    register_currency,
    round_fraction,
    round_quotient,
    to_decimal,
)
from creative_city.money.allocation import _kth_largest as kth_largest
from creative_city.time import Period

MODES = sorted(ROUNDING_MODES)

# -- ISO 4217 ----------------------------------------------------------------------

# ISO 4217 Table A.1 (current currency and funds code list, maintained by SIX on behalf
# of ISO): alphabetic code, numeric code, minor unit. Copied from the published list,
# not from the library's table.
ISO_4217_A1 = {
    "AED": (784, 2),
    "BHD": (48, 3),
    "CHF": (756, 2),
    "CNY": (156, 2),
    "EUR": (978, 2),
    "GBP": (826, 2),
    "INR": (356, 2),
    "JPY": (392, 0),
    "KGS": (417, 2),
    "KRW": (410, 0),
    "KWD": (414, 3),
    "KZT": (398, 2),
    "RUB": (643, 2),
    "TRY": (949, 2),
    "USD": (840, 2),
    "UZS": (860, 2),
}


@pytest.mark.parametrize("code", sorted(ISO_4217_A1))
def test_every_built_in_currency_follows_iso_4217(code):
    currency = get_currency(code)
    assert (currency.numeric, currency.minor_units) == ISO_4217_A1[code]
    assert currency.quantum == Decimal(1).scaleb(-ISO_4217_A1[code][1])


def test_the_built_in_table_is_the_iso_table():
    built_in = {code: (numeric, minor) for code, numeric, minor, _ in iso4217._BUILT_IN}
    assert built_in == ISO_4217_A1


def test_registering_a_new_code_makes_it_known():
    # The registry is process-wide: take a code nobody registered yet.
    taken = {c.code for c in currencies()}
    code = next(
        f"Q{a}{b}"
        for a, b in itertools.product("ABCDEFGHIJKLMNOPQRSTUVWXYZ", repeat=2)
        if f"Q{a}{b}" not in taken
    )
    fresh = Currency(code, 999, 1, "Test")
    assert register_currency(fresh) is fresh
    assert get_currency(code) is fresh
    assert register_currency(Currency(code, 999, 1, "Test")) is fresh


# -- rounding against decimal.Decimal.quantize -------------------------------------

_REFERENCE = decimal.Context(prec=80, rounding=decimal.ROUND_DOWN)


def _quantize(numerator: int, denominator: int, places: int, mode: str) -> Decimal:
    """Round ``numerator / denominator`` with the decimal module itself.

    The quotient is truncated at 80 digits (never across a tie or an integer for the
    small denominators used here), then quantized once in *mode*.
    """
    exact = _REFERENCE.divide(Decimal(numerator), Decimal(denominator))
    return exact.quantize(Decimal(1).scaleb(-places), rounding=mode, context=_REFERENCE)


@pytest.mark.parametrize("mode", MODES)
def test_round_quotient_is_decimal_quantize_on_a_grid(mode):
    # Every numerator in -130..130 over every denominator 1..12: ties (x/2, x/4, x/10),
    # digits 0..9 before the cut (ROUND_05UP), both signs and zero.
    for numerator in range(-130, 131):
        for denominator in range(1, 13):
            expected = int(_quantize(numerator, denominator, 0, mode))
            assert round_quotient(numerator, denominator, mode) == expected, (
                numerator,
                denominator,
            )


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(
    "text",
    ["0.005", "0.015", "0.025", "-0.005", "-0.015", "2.675", "-2.675", "0.051", "0.061", "1.055"],
)
def test_round_fraction_ties_are_decimal_quantize(mode, text):
    assert round_fraction(Fraction(text), 2, mode) == Decimal(text).quantize(
        Decimal("0.01"), rounding=mode
    )


def test_round_fraction_keeps_every_digit_of_a_long_result():
    # 31 significant digits: beyond the default context's 28, so the result must be
    # built in the library's exact context.
    big = 10**30 + 1
    assert round_fraction(Fraction(big), 0, decimal.ROUND_HALF_EVEN) == Decimal(big)
    hundredths = round_fraction(Fraction(big, 100), 2, decimal.ROUND_HALF_EVEN)
    assert str(hundredths) == "10000000000000000000000000000.01"


# -- the digit bounds of decimal input ---------------------------------------------


def test_digit_bounds_are_inclusive():
    # 24 integer digits and 30 fraction digits are accepted; one more of either is not.
    assert to_decimal(10**24 - 1) == Decimal(10**24 - 1)
    assert to_decimal(Decimal("1E-30")) == Decimal("1E-30")
    assert to_decimal(Decimal("0E-40")) == 0  # zero has no digits to count
    for too_long in (10**24, Decimal("1E+24"), Decimal("1E-31"), Decimal("-1E-31")):
        with pytest.raises(ValidationError, match="at most 24 integer and 30 fraction digits"):
            to_decimal(too_long)


# -- ordering against Decimal ------------------------------------------------------

ORDERINGS = [operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne]


def test_equal_money_is_not_greater_nor_less():
    one = Money.of("1.00", "KZT")
    assert not one > Money.of("1.00", "KZT")
    assert not one < Money.of("1.00", "KZT")
    assert one >= Money.of("1.00", "KZT")
    assert one <= Money.of("1.00", "KZT")


@pytest.mark.parametrize("compare", ORDERINGS, ids=lambda f: f.__name__)
def test_all_six_comparisons_agree_with_decimal(compare):
    amounts = ["-1.01", "-1.00", "-0.01", "0.00", "0.01", "0.99", "1.00", "1.01"]
    for left, right in itertools.product(amounts, repeat=2):
        got = compare(Money.of(left, "KZT"), Money.of(right, "KZT"))
        assert got is compare(Decimal(left), Decimal(right)), (left, right)
    if compare in {operator.eq, operator.ne}:
        return  # equality with the int 0 is not defined: money is not a number
    for amount in amounts:  # against the literal 0, on both sides
        assert compare(Money.of(amount, "KZT"), 0) is compare(Decimal(amount), 0)
        assert compare(0, Money.of(amount, "KZT")) is compare(0, Decimal(amount))


def test_signs_at_zero_and_one_unit():
    zero, up, down = Money.zero("KZT"), Money.from_minor(1, "KZT"), Money.from_minor(-1, "KZT")
    assert [m.is_positive() for m in (down, zero, up)] == [False, False, True]
    assert [m.is_negative() for m in (down, zero, up)] == [True, False, False]


class _Anything:
    """Compares with anything through the reflected operators."""

    def __gt__(self, other: object) -> bool:
        return True

    __lt__ = __ge__ = __le__ = __gt__


def test_comparison_with_other_types_defers_to_them():
    m = Money.of(1, "KZT")
    assert m < _Anything()
    assert m <= _Anything()
    assert m > _Anything()
    assert m >= _Anything()


def test_an_equal_currency_object_is_the_same_currency():
    # A Currency built again equals the registered one without being the same object.
    tenge = Currency("KZT", 398, 2, "Tenge")
    assert tenge is not get_currency("KZT")
    mine, theirs = Money(tenge, 150), Money.of("1.00", "KZT")
    assert mine + theirs == Money.of("2.50", "KZT")
    assert mine - theirs == Money.of("0.50", "KZT")
    assert theirs < mine
    assert mine >= theirs


def test_hash_spreads_distinct_amounts():
    hashes = {hash(Money.from_minor(units, "KZT")) for units in range(100)}
    assert len(hashes) == 100
    assert hash(Money.of(1, "KZT")) != hash(Money.of(1, "USD"))


# -- allocation against a brute-force largest remainder ----------------------------


def _largest_remainder(units: int, weights: list[int]) -> list[int]:
    """Hamilton's method written plainly: floors, then one unit each by a full sort."""
    sign = -1 if units < 0 else 1
    whole = abs(units)
    total = sum(weights)
    shares = [whole * w // total for w in weights]
    order = sorted(range(len(weights)), key=lambda i: (-(whole * weights[i] % total), i))
    for i in order[: whole - sum(shares)]:
        shares[i] += 1
    return [sign * s for s in shares]


def test_allocation_is_the_brute_force_largest_remainder_on_every_small_input():
    for size in range(1, 5):
        for weights in itertools.product(range(4), repeat=size):
            if not any(weights):
                continue
            for units in range(-13, 14):
                expected = _largest_remainder(units, list(weights))
                assert allocate_units(units, list(weights)) == expected, (units, weights)


@pytest.mark.parametrize("size", [1, 2, 3, 255, 256, 257, 300, 700, 1500])
def test_allocation_matches_the_brute_force_at_every_size(size):
    rng = random.Random(size)  # noqa: S311 - fixed test data, the same on every run
    for units in (size - 1, size, 7 * size + 3, -(3 * size + 1), 10**6 + 7):
        for weights in (
            [1] * size,
            [rng.randrange(0, 5) for _ in range(size)] + [1],
            [rng.randrange(1, 10**6) for _ in range(size)],
        ):
            assert allocate_units(units, weights) == _largest_remainder(units, weights)


def test_negative_units_tie_to_the_earlier_index():
    # -5 over 1:1: quotas -2.5 each; the extra -1 goes to the first (the tie rule of
    # the absolute value, negated).
    assert allocate_units(-5, [1, 1]) == [-3, -2]
    assert allocate_units(-7, [1, 1, 1, 1]) == [-2, -2, -2, -1]
    assert allocate_units(0, [1, 2]) == [0, 0]


def test_split_is_near_equal_with_ties_first():
    for units in range(-25, 26):
        for parts in range(1, 8):
            shares = [m.minor for m in Money.from_minor(units, "KZT").split(parts)]
            q, r = divmod(abs(units), parts)
            sign = -1 if units < 0 else 1
            assert shares == [sign * (q + (i < r)) for i in range(parts)], (units, parts)
    assert Money.of("5.00", "KZT").split(1) == (Money.of("5.00", "KZT"),)


def test_integer_ratios_of_any_size_are_weights():
    # int ratios are exact weights, not amounts: no digit limit applies to them.
    assert allocate_units(10, [10**30, 10**30]) == [5, 5]
    assert allocate_units(3, [10**40, 1]) == [3, 0]


@pytest.mark.parametrize("size", [1, 2, 50, 255, 256, 257, 300, 1000])
def test_selection_agrees_with_sorted_for_every_rank(size):
    rng = random.Random(size)  # noqa: S311 - fixed test data
    shapes = [
        [rng.randrange(size) for _ in range(size)],  # many duplicates
        rng.sample(range(10 * size), size),  # distinct
        [5] * size,  # all equal
        sorted(rng.randrange(3) for _ in range(size)),  # three values, sorted
    ]
    for values in shapes:
        ordered = sorted(values, reverse=True)
        for k in range(1, size + 1):
            assert kth_largest(list(values), k) == ordered[k - 1], (k, values[:5])


def test_selection_of_the_last_of_equal_values():
    assert kth_largest([5] * 300, 300) == 5
    assert kth_largest([5] * 300, 1) == 5


# -- exchange rates against a day-by-day mean --------------------------------------


def _daily_mean(rates: list[tuple[dt.date, object]], start: dt.date, end: dt.date) -> Fraction:
    total, days, day = Fraction(0), 0, start
    while day < end:
        in_force = [Fraction(r) for on, r in rates if on <= day][-1]  # type: ignore[arg-type]
        total += in_force
        days += 1
        day += dt.timedelta(days=1)
    return total / days


def test_average_rate_is_the_mean_of_the_daily_rates_over_many_rates():
    published = [
        (dt.date(2023, 1, 1), "460.10"),
        (dt.date(2023, 2, 15), "455.00"),
        (dt.date(2023, 5, 3), "449.75"),
        (dt.date(2023, 8, 20), "470.00"),
        (dt.date(2023, 11, 30), "466.66"),
    ]
    fx = ExchangeRates([Rate(on, "USD", "KZT", rate) for on, rate in published])
    periods = [Period.year(2023), Period.year(2024)]
    periods += [Period.half(2023, h) for h in (1, 2)]
    periods += [Period.quarter(2023, q) for q in (1, 2, 3, 4)]
    periods += [Period.month(2023, m) for m in range(1, 13)]
    for period in periods:
        expected = _daily_mean(published, period.start, period.end)
        assert fx.average_rate("USD", "KZT", period) == expected, period
        inverse = [(on, 1 / Fraction(rate)) for on, rate in published]
        assert fx.average_rate("KZT", "USD", period) == _daily_mean(
            inverse, period.start, period.end
        )


# -- every error names its field, value and rule -----------------------------------

FX = ExchangeRates([Rate(dt.date(2023, 1, 1), "USD", "KZT", "460.00")])
KZT = Money.of("1.00", "KZT")
USD = Money.of("1.00", "USD")
D = dt.date(2023, 1, 1)
DIGITS = "must have at most 24 integer and 30 fraction digits"

ERRORS = [
    # (label, call, class, field, value, rule)
    (
        "float",
        lambda: to_decimal(0.5),
        InvalidTypeError,
        "value",
        0.5,
        "must be int, str or Decimal, never float (floats are inexact)",
    ),
    (
        "bool",
        lambda: to_decimal(True),
        InvalidTypeError,
        "value",
        True,
        "must be int, str or Decimal, not bool",
    ),
    (
        "list",
        lambda: to_decimal([1]),
        InvalidTypeError,
        "value",
        [1],
        "must be int, str or Decimal",
    ),
    (
        "text",
        lambda: to_decimal("1e5", "amount"),
        ValidationError,
        "amount",
        "1e5",
        "must be a plain decimal string like '-1234.56' (at most 24 + 30 digits)",
    ),
    (
        "nan",
        lambda: to_decimal(Decimal("NaN")),
        ValidationError,
        "value",
        Decimal("NaN"),
        "must be finite (NaN and Infinity are rejected)",
    ),
    ("25 digits", lambda: to_decimal(10**24), ValidationError, "value", 10**24, DIGITS),
    (
        "31 places",
        lambda: to_decimal(Decimal("1E-31")),
        ValidationError,
        "value",
        Decimal("1E-31"),
        DIGITS,
    ),
    ("units", lambda: allocate_units("1", [1]), InvalidTypeError, "units", "1", "must be an int"),
    (
        "all zero",
        lambda: allocate_units(1, [0] * 5),
        ValidationError,
        "ratios",
        [0] * 5,
        "must not all be zero",
    ),
    (
        "all zero, long",
        lambda: allocate_units(1, [0] * 6),
        ValidationError,
        "ratios",
        [0, 0, 0, 0, 0, "..."],
        "must not all be zero",
    ),
    (
        "not a sequence",
        lambda: allocate_units(1, "11"),
        InvalidTypeError,
        "ratios",
        "11",
        "must be a sequence of int, Decimal or Fraction",
    ),
    ("empty", lambda: allocate_units(1, []), ValidationError, "ratios", [], "must not be empty"),
    (
        "negative int",
        lambda: allocate_units(1, [0, -1, -2]),
        ValidationError,
        "ratios[1]",
        -1,
        "must be >= 0",
    ),
    (
        "negative decimal",
        lambda: allocate_units(1, [Decimal(1), Decimal(-1)]),
        ValidationError,
        "ratios[1]",
        Decimal(-1),
        "must be >= 0",
    ),
    (
        "float ratio",
        lambda: allocate_units(1, [Decimal(1), 0.5]),
        InvalidTypeError,
        "ratios[1]",
        0.5,
        "must be int, Decimal or Fraction",
    ),
    (
        "nan ratio",
        lambda: allocate_units(1, [Decimal("NaN")]),
        ValidationError,
        "ratios[0]",
        Decimal("NaN"),
        "must be finite (NaN and Infinity are rejected)",
    ),
    (
        "rounding",
        lambda: round_quotient(1, 2, "HALF"),
        ValidationError,
        "rounding",
        "HALF",
        "must be one of the decimal.ROUND_* modes",
    ),
    (
        "denominator",
        lambda: round_quotient(1, 0, decimal.ROUND_UP),
        ValidationError,
        "denominator",
        0,
        "must be a positive integer",
    ),
    (
        "minor type",
        lambda: Money("KZT", 1.0),
        InvalidTypeError,
        "minor",
        1.0,
        "must be an int number of minor units",
    ),
    (
        "minor size",
        lambda: Money("KZT", 10**28),
        ValidationError,
        "minor",
        10**28,
        "must have at most 28 digits",
    ),
    (
        "places",
        lambda: Money.of("1.005", "KZT"),
        ValidationError,
        "amount",
        "1.005",
        "KZT allows 2 fraction digits; pass rounding=decimal.ROUND_* to round",
    ),
    (
        "factor",
        lambda: KZT * Decimal(2),
        InvalidTypeError,
        "factor",
        Decimal(2),
        "Money * x takes an int; use money.multiply(rate, rounding=...) for rates",
    ),
    (
        "rate",
        lambda: KZT.multiply(0.5, rounding=decimal.ROUND_UP),
        InvalidTypeError,
        "rate",
        0.5,
        "must be int, str or Decimal, never float (floats are inexact)",
    ),
    ("parts", lambda: KZT.split(0), ValidationError, "parts", 0, "must be an int >= 1"),
    (
        "code",
        lambda: get_currency("ABC"),
        ValidationError,
        "currency",
        "ABC",
        "is not a known ISO 4217 code (register it with register_currency)",
    ),
    (
        "code type",
        lambda: get_currency(["KZT"]),
        InvalidTypeError,
        "currency",
        ["KZT"],
        "must be an ISO 4217 code string",
    ),
    (
        "register type",
        lambda: register_currency("KZT"),
        InvalidTypeError,
        "currency",
        "KZT",
        "must be a Currency",
    ),
    (
        "register again",
        lambda: register_currency(Currency("KZT", 398, 0)),
        ValidationError,
        "currency.code",
        "KZT",
        "is already registered as Currency(code='KZT', numeric=398, minor_units=2, name='Tenge')",
    ),
    (
        "zero rate",
        lambda: Rate(D, "USD", "KZT", "0"),
        ValidationError,
        "rate",
        Decimal(0),
        "must be > 0",
    ),
    (
        "float rate",
        lambda: Rate(D, "USD", "KZT", 1.5),
        InvalidTypeError,
        "rate",
        1.5,
        "must be int, str or Decimal, never float (floats are inexact)",
    ),
    (
        "rate date",
        lambda: Rate("2023-01-01", "USD", "KZT", "1"),
        InvalidTypeError,
        "on",
        "2023-01-01",
        None,
    ),
    (
        "same pair",
        lambda: Rate(D, "USD", "USD", "1"),
        ValidationError,
        "quote",
        "USD",
        "must differ from base",
    ),
    (
        "not a rate",
        lambda: ExchangeRates([FX.rates[0], "x"]),
        InvalidTypeError,
        "rates[1]",
        "x",
        "must be a Rate",
    ),
    (
        "twice",
        lambda: FX.with_rate(D, "USD", "KZT", "470"),
        ValidationError,
        "rates[1]",
        "USD/KZT on 2023-01-01",
        "a pair has at most one rate per date",
    ),
    (
        "pair",
        lambda: FX.rate("EUR", "KZT", D),
        ValidationError,
        "pair",
        "EUR/KZT",
        "has no rate in this table (nor its inverse)",
    ),
    (
        "lookup date",
        lambda: FX.rate("USD", "KZT", "2023-01-01"),
        InvalidTypeError,
        "on",
        "2023-01-01",
        None,
    ),
    (
        "too early",
        lambda: FX.rate("USD", "KZT", dt.date(2022, 12, 31)),
        ValidationError,
        "on",
        "2022-12-31",
        "no USD/KZT rate on or before this date",
    ),
    (
        "period type",
        lambda: FX.average_rate("USD", "KZT", "2023"),
        InvalidTypeError,
        "period",
        "2023",
        "must be a Period",
    ),
    (
        "period early",
        lambda: FX.average_rate("USD", "KZT", Period.year(2022)),
        ValidationError,
        "period",
        str(Period.year(2022)),
        "no USD/KZT rate in force on its first day 2022-01-01",
    ),
    (
        "not money",
        lambda: FX.convert(1, "KZT", on=D, rounding=decimal.ROUND_UP),
        InvalidTypeError,
        "money",
        1,
        "must be Money",
    ),
]
MISMATCH = "cannot combine or compare money in different currencies; convert first"
ERRORS += [
    (f"mismatch {symbol}", lambda f=f: f(KZT, USD), CurrencyMismatchError, "currency",
     f"KZT {symbol} USD", MISMATCH)
    for symbol, f in [
        ("+", operator.add), ("-", operator.sub), ("<", operator.lt), ("<=", operator.le),
        (">", operator.gt), (">=", operator.ge),
    ]
]  # fmt: skip


@pytest.mark.parametrize(
    ("call", "error", "field", "value", "rule"),
    [case[1:] for case in ERRORS],
    ids=[case[0] for case in ERRORS],
)
def test_errors_name_field_value_and_rule(call, error, field, value, rule):
    with pytest.raises(error) as info:
        call()
    assert type(info.value) is error
    assert info.value.field == field
    assert repr(info.value.value) == repr(value)  # repr: NaN equals nothing
    if rule is not None:  # rules spelled by creative_city.time are pinned there
        assert info.value.rule == rule
