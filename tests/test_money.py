"""Money: construction, algebra, currency safety, rounding and allocation."""

from __future__ import annotations

import copy
import decimal
import itertools
import pickle
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from creative_city.errors import (
    CreativeCityError,
    CurrencyMismatchError,
    InvalidTypeError,
    ValidationError,
)
from creative_city.money import (
    ROUNDING_MODES,
    Currency,
    Money,
    allocate_units,
    currencies,
    get_currency,
    register_currency,
    round_fraction,
    round_quotient,
)
from creative_city.money.allocation import _kth_largest as kth_largest
from creative_city.testing import strategies as ccst

kzt = ccst.money(currency="KZT")
rounding_modes = st.sampled_from(sorted(ROUNDING_MODES))


# -- worked examples -------------------------------------------------------------


@pytest.mark.parametrize(
    ("code", "numeric", "minor"),
    # ISO 4217 list one (SIX Financial Information, on behalf of ISO), column "Minor unit".
    [
        ("KZT", 398, 2),
        ("USD", 840, 2),
        ("EUR", 978, 2),
        ("RUB", 643, 2),
        ("CNY", 156, 2),
        ("GBP", 826, 2),
        ("JPY", 392, 0),
        ("KWD", 414, 3),
    ],
)
def test_iso_4217_minor_units(code, numeric, minor):
    currency = get_currency(code)
    assert (currency.numeric, currency.minor_units) == (numeric, minor)
    assert Money.of(1, code).amount.as_tuple().exponent == -minor


def test_hundred_split_three_ways():
    # The classic worked example (Fowler, "Patterns of Enterprise Application
    # Architecture", 2002, Money pattern): 100.00 = 33.34 + 33.33 + 33.33.
    shares = Money.of("100.00", "KZT").allocate([1, 1, 1])
    assert [str(s.amount) for s in shares] == ["33.34", "33.33", "33.33"]


def test_fowler_five_cents_seventy_thirty():
    # Fowler 2002: allocating 5 cents 70/30 gives 4 and 1 cents (3.5 -> 4, 1.5 -> 1
    # by largest remainder: both remainders are .5, the tie goes to the earlier share).
    assert Money.of("0.05", "USD").allocate([70, 30]) == (
        Money.of("0.04", "USD"),
        Money.of("0.01", "USD"),
    )


def test_largest_remainder_not_first_share():
    # dinero.js #776: the extra unit must go to the largest remainder, not index 0.
    # 1.00 over [1, 2]: quotas 33.33.. and 66.66..; the second has the larger remainder.
    assert Money.of("1.00", "USD").allocate([1, 2]) == (
        Money.of("0.33", "USD"),
        Money.of("0.67", "USD"),
    )


def test_amounts_are_quantized_to_minor_units():
    assert Money.of(5, "KZT").amount == Decimal("5.00")
    assert str(Money.of("5", "KZT").amount) == "5.00"
    assert str(Money.of(5, "JPY").amount) == "5"
    assert str(Money.of("1.2", "KWD").amount) == "1.200"
    assert Money.of("1.500", "KZT") == Money.of("1.5", "KZT")  # trailing zeros are exact


def test_zero_has_one_form():
    assert str(Money.of("-0.00", "KZT").amount) == "0.00"
    assert str((-Money.zero("KZT")).amount) == "0.00"


def test_sum_and_identity():
    values = [Money.of("1.10", "KZT"), Money.of("2.20", "KZT")]
    assert sum(values) == Money.of("3.30", "KZT")
    assert Money.of(1, "KZT") + 0 == Money.of(1, "KZT")
    assert 0 - Money.of(1, "KZT") == Money.of(-1, "KZT")


def test_multiply_needs_rounding():
    ten = Money.of("10.00", "KZT")
    assert ten * 3 == Money.of(30, "KZT")
    assert 3 * ten == Money.of(30, "KZT")
    with pytest.raises(InvalidTypeError, match="multiply"):
        ten * Decimal("1.5")  # type: ignore[operator]
    assert ten.multiply("0.125", rounding=decimal.ROUND_HALF_EVEN) == Money.of("1.25", "KZT")
    assert Money.of("0.10", "KZT").multiply("0.125", rounding=decimal.ROUND_HALF_EVEN) == (
        Money.of("0.01", "KZT")
    )
    assert Money.of("0.10", "KZT").multiply(Fraction(1, 3), rounding=decimal.ROUND_UP) == (
        Money.of("0.04", "KZT")
    )


def test_register_currency():
    xts = Currency("XTS", 963, 2, "Code reserved for testing")
    assert register_currency(xts) is register_currency(xts)
    assert Money.of("1.25", "XTS").currency == xts
    with pytest.raises(ValidationError, match="already registered"):
        register_currency(Currency("XTS", 963, 0))


def test_money_is_immutable_and_pickles():
    m = Money.of("12.34", "KZT")
    with pytest.raises(AttributeError, match="can't set attribute"):
        m.amount = Decimal(1)  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(m)) == m  # noqa: S301
    assert hash(m) == hash(Money.from_minor(1234, "KZT"))
    assert repr(m) == "Money('12.34', 'KZT')"
    assert str(m) == "12.34 KZT"


# -- bad input -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "error", "fragment"),
    [
        (0.1, InvalidTypeError, "never float"),
        (True, InvalidTypeError, "not bool"),
        (Decimal("NaN"), ValidationError, "finite"),
        (Decimal("Infinity"), ValidationError, "finite"),
        (Decimal("-Infinity"), ValidationError, "finite"),
        ("1.005", ValidationError, "KZT allows 2 fraction digits"),
        ("1e3", ValidationError, "plain decimal"),
        (" 1", ValidationError, "plain decimal"),
        ("1_000", ValidationError, "plain decimal"),
        (Decimal("1E+30"), ValidationError, "at most 24 integer"),
        ([1], InvalidTypeError, "int, str or Decimal"),
    ],
)
def test_bad_amounts_are_rejected(amount, error, fragment):
    with pytest.raises(error, match=fragment) as info:
        Money.of(amount, "KZT")
    assert info.value.field == "amount"
    assert isinstance(info.value, CreativeCityError)


def test_unknown_currency_is_rejected():
    with pytest.raises(ValidationError, match="not a known ISO 4217 code") as info:
        Money.of(1, "ABC")
    assert info.value.field == "currency"


def test_bad_rounding_is_rejected():
    with pytest.raises(ValidationError, match="ROUND_"):
        Money.of("1.005", "KZT", rounding="nearest")


def test_cross_currency_operations_raise():
    kzt_one, usd_one = Money.of(1, "KZT"), Money.of(1, "USD")
    for operation in (
        lambda: kzt_one + usd_one,
        lambda: kzt_one - usd_one,
        lambda: kzt_one < usd_one,
        lambda: kzt_one <= usd_one,
        lambda: kzt_one > usd_one,
        lambda: kzt_one >= usd_one,
    ):
        with pytest.raises(CurrencyMismatchError, match=r"KZT \S+ USD"):
            operation()
    assert kzt_one != usd_one  # equality never raises; different currencies differ


# -- properties ------------------------------------------------------------------


@given(kzt, kzt, kzt)
def test_addition_is_associative_and_commutative(a, b, c):
    assert (a + b) + c == a + (b + c)
    assert a + b == b + a


@given(kzt)
def test_zero_identity_and_negation(a):
    zero = Money.zero("KZT")
    assert a + zero == a == zero + a
    assert a + (-a) == zero
    assert a - a == zero
    negated = -a
    assert -negated == a
    assert abs(a) >= 0


@given(kzt, kzt)
def test_order_agrees_with_minor_units(a, b):
    assert (a < b) == (a.minor < b.minor)
    assert (a <= b) == (a.minor <= b.minor)
    assert (a == b) == (a.minor == b.minor)


@given(ccst.money(), ccst.money())
def test_currency_safety(a, b):
    assume(a.currency != b.currency)
    mixed = f"{a.code} [+<] {b.code}"
    with pytest.raises(CurrencyMismatchError, match=f"^currency = '{mixed}': cannot combine"):
        _ = a + b
    with pytest.raises(CurrencyMismatchError, match=f"^currency = '{mixed}': cannot combine"):
        _ = a < b


@given(kzt, st.integers(-1000, 1000))
def test_integer_multiplication_is_repeated_addition(a, n):
    expected = sum([a] * abs(n), Money.zero("KZT"))
    assert a * n == (expected if n >= 0 else -expected)


@given(ccst.money(), st.decimals(min_value=-1000, max_value=1000, places=6), rounding_modes)
def test_multiply_rounds_once_within_one_minor_unit(a, rate, rounding):
    result = a.multiply(rate, rounding=rounding)
    exact = Fraction(a.minor) * Fraction(rate)
    assert abs(result.minor - exact) < 1


@given(
    st.fractions(max_denominator=1000).filter(lambda f: abs(f) < 10**6),
    st.integers(0, 4),
    rounding_modes,
)
def test_round_fraction_agrees_with_decimal(value, places, rounding):
    context = decimal.Context(prec=100, rounding=rounding)
    expected = (Decimal(value.numerator) / Decimal(value.denominator)).quantize(
        Decimal(1).scaleb(-places), context=context
    )
    # Decimal division is correctly rounded to 100 digits first; with denominators
    # <= 1000 the quotient is exact or repeats, so a tie is never created by it.
    assert round_fraction(value, places, rounding) == expected


# -- allocation properties -------------------------------------------------------


@given(ccst.money(), ccst.ratios())
def test_allocation_sums_exactly(whole, ratios):
    shares = whole.allocate(ratios)
    assert len(shares) == len(ratios)
    assert sum(shares, Money.zero(whole.currency)) == whole


@given(ccst.money(), ccst.ratios())
def test_zero_ratio_gets_nothing_and_shares_are_within_one_unit(whole, ratios):
    shares = whole.allocate(ratios)
    total = sum(Fraction(r) for r in ratios)
    for ratio, share in zip(ratios, shares, strict=True):
        quota = Fraction(whole.minor) * Fraction(ratio) / total
        assert abs(share.minor - quota) < 1
        if ratio == 0:
            assert share.is_zero()


@given(st.integers(-(10**12), 10**12), st.lists(st.integers(0, 50), min_size=1, max_size=12))
def test_allocation_ties_go_to_earlier_index(units, ratios):
    assume(sum(ratios) > 0)
    shares = allocate_units(units, ratios)
    magnitude = abs(units)
    total = sum(ratios)
    remainders = [magnitude * r % total for r in ratios]
    floors = [magnitude * r // total for r in ratios]
    bumped = [abs(s) - f for s, f in zip(shares, floors, strict=True)]
    assert set(bumped) <= {0, 1}
    # Every bumped share has a remainder >= every non-bumped one, and among equal
    # remainders the bumped ones come first.
    for i, j in itertools.permutations(range(len(ratios)), 2):
        if bumped[i] and not bumped[j]:
            assert remainders[i] > remainders[j] or (remainders[i] == remainders[j] and i < j)


@given(st.integers(0, 10**9), st.lists(st.integers(0, 50), min_size=1, max_size=10), st.randoms())
def test_allocation_does_not_depend_on_recipient_order(units, ratios, random):
    assume(sum(ratios) > 0)
    # With distinct remainders the result is a pure function of each ratio: permuting
    # the recipients permutes the shares.
    total = sum(ratios)
    remainders = [units * r % total for r in ratios]
    assume(len(set(remainders)) == len(remainders))
    order = list(range(len(ratios)))
    random.shuffle(order)
    shares = allocate_units(units, ratios)
    permuted = allocate_units(units, [ratios[i] for i in order])
    assert permuted == [shares[i] for i in order]


@given(ccst.money(), ccst.ratios())
def test_negative_amounts_split_by_absolute_value(whole, ratios):
    assert tuple(-s for s in (-whole).allocate(ratios)) == whole.allocate(ratios)


@given(st.lists(st.integers(0, 10**12), min_size=1, max_size=3000), st.data())
def test_selection_matches_sorting(values, data):
    k = data.draw(st.integers(1, len(values)))
    assert kth_largest(list(values), k) == sorted(values, reverse=True)[k - 1]


def test_selection_on_skewed_data():
    values = [5] * 5000 + list(range(5000))
    for k in (1, 100, 4999, 5000, 5001, 9999, 10000):
        assert kth_largest(list(values), k) == sorted(values, reverse=True)[k - 1]


@pytest.mark.parametrize(
    ("ratios", "fragment"),
    [
        ([], "must not be empty"),
        ([0, 0], "must not all be zero"),
        ([1, -1], "must be >= 0"),
        ([Decimal(1), Decimal("-0.5")], "must be >= 0"),
        ([1.5], "int, Decimal or Fraction"),
        ([Decimal("NaN")], "finite"),
        ("12", "sequence"),
    ],
)
def test_bad_ratios_are_rejected(ratios, fragment):
    with pytest.raises(CreativeCityError, match=fragment):
        Money.of(10, "KZT").allocate(ratios)


# -- the hand-written value ------------------------------------------------------
# Money is a hand-written slotted class: arithmetic builds results through a private
# constructor that skips the checks (benchmarks/bench_money.py says why). These tests
# fail if that shortcut ever builds something the checked constructor would not.


def _as_checked(value: Money) -> Money:
    assert type(value) is Money
    assert type(value.minor) is int
    assert value.currency is get_currency(value.code)
    return Money(value.currency, value.minor)


@given(kzt, kzt, st.integers(-(10**6), 10**6), ccst.ratios(), rounding_modes)
def test_arithmetic_builds_what_the_checked_constructor_builds(a, b, n, ratios, rounding):
    results = [
        a + b,
        a - b,
        -a,
        +a,
        abs(a),
        a * n,
        n * a,
        a.multiply(Decimal("0.035"), rounding=rounding),
        Money.zero("KZT"),
        Money.of(a.amount, "KZT"),
        Money.of(a.amount, "KZT", rounding=rounding),
        *a.allocate(ratios),
    ]
    for value in results:
        checked = _as_checked(value)
        assert value == checked
        assert hash(value) == hash(checked)
        assert repr(value) == repr(checked)


def test_money_is_slotted_and_frozen():
    m = Money.of("12.34", "KZT")
    assert not hasattr(m, "__dict__")
    for name in ("minor", "_minor", "currency", "anything"):
        with pytest.raises(attrs.exceptions.FrozenInstanceError, match="can't set attribute"):
            setattr(m, name, 1)
        with pytest.raises(attrs.exceptions.FrozenInstanceError, match="can't set attribute"):
            delattr(m, name)
    assert copy.copy(m) is m
    assert copy.deepcopy(m) is m
    assert m.minor == 1234
    assert m.code == "KZT"


def test_the_constructor_checks_minor_units():
    assert Money("KZT", 10**28 - 1).minor == 10**28 - 1
    with pytest.raises(ValidationError, match="at most 28 digits"):
        Money("KZT", -(10**28))
    with pytest.raises(InvalidTypeError, match="int number of minor units"):
        Money("KZT", 1.5)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="int number of minor units"):
        Money("KZT", True)
    with pytest.raises(ValidationError, match="not a known ISO 4217 code"):
        Money("XYZ", 1)


def test_signs():
    plus, minus, zero = Money.of(1, "USD"), Money.of(-1, "USD"), Money.zero("USD")
    assert (plus.is_positive(), plus.is_negative(), plus.is_zero(), bool(plus)) == (
        True,
        False,
        False,
        True,
    )
    assert (minus.is_positive(), minus.is_negative(), bool(minus)) == (False, True, True)
    assert (zero.is_zero(), bool(zero)) == (True, False)


def test_other_operands():
    m = Money.of("2.50", "KZT")
    assert m + 0 is m
    assert m - 0 is m
    assert 0 + m is m
    assert m > 0
    assert m >= 0
    assert not m < 0
    assert not m <= 0
    assert m != 2
    assert m != "2.50 KZT"
    assert m != Money.of("2.50", "USD")
    for operation in (
        lambda: m + 1,
        lambda: 1 + m,
        lambda: m - 1,
        lambda: 1 - m,
        lambda: m + Decimal(0),
        lambda: m < 1,
        lambda: m >= "0",
        lambda: m * [2],
    ):
        # Python's own refusal (the operators return NotImplemented), not the library's.
        with pytest.raises(
            TypeError,
            match=r"unsupported operand type|not supported between instances of 'Money'"
            r"|can't multiply sequence by non-int of type 'Money'",
        ) as info:
            operation()
        assert not isinstance(info.value, CreativeCityError)
    for factor in (Decimal(2), Fraction(1, 2), 2.0, "2", True):
        with pytest.raises(InvalidTypeError, match="multiply"):
            m * factor  # type: ignore[operator]


@pytest.mark.parametrize("parts", [0, -1, True, 1.5])
def test_split_needs_a_positive_int(parts):
    with pytest.raises(ValidationError, match="int >= 1"):
        Money.of(1, "KZT").split(parts)


@given(
    st.decimals(min_value=-(10**9), max_value=10**9, places=6, allow_nan=False),
    rounding_modes,
    st.sampled_from(["KZT", "JPY", "KWD"]),
)
def test_of_with_rounding_agrees_with_decimal(amount, rounding, code):
    quantum = get_currency(code).quantum
    expected = amount.quantize(quantum, context=decimal.Context(prec=100, rounding=rounding))
    assert Money.of(amount, code, rounding=rounding).amount == expected


@given(st.integers(-(10**30), 10**30), st.integers(1, 10**6), rounding_modes)
def test_round_quotient_agrees_with_decimal(numerator, denominator, rounding):
    context = decimal.Context(prec=200, rounding=rounding)
    exact = decimal.Context(prec=200).divide(Decimal(numerator), Decimal(denominator))
    # 200 digits hold the quotient's 37 integer digits and enough fraction digits that
    # a repeating tail can never look like an exact tie.
    expected = int(exact.quantize(Decimal(1), context=context))
    assert round_quotient(numerator, denominator, rounding) == expected


def test_round_quotient_needs_a_positive_denominator_and_a_mode():
    with pytest.raises(ValidationError, match="positive integer"):
        round_quotient(1, 0, decimal.ROUND_HALF_EVEN)
    with pytest.raises(ValidationError, match="ROUND_"):
        round_quotient(1, 2, "ROUND_NEAREST")


def test_allocate_units_checks_its_whole_and_takes_fractions():
    with pytest.raises(InvalidTypeError, match="must be an int"):
        allocate_units(True, [1])
    with pytest.raises(InvalidTypeError, match="must be an int"):
        allocate_units(Decimal(10), [1])  # type: ignore[arg-type]
    assert allocate_units(10, [Fraction(1, 3), Fraction(2, 3)]) == [3, 7]
    assert allocate_units(10, [Fraction(1, 3), 0, Decimal("0.5")]) == [4, 0, 6]


# -- currencies ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("arguments", "field"),
    [
        (("kzt", 398, 2), "currency.code"),
        (("KZTT", 398, 2), "currency.code"),
        ((398, 398, 2), "currency.code"),
        (("KZT", 1000, 2), "currency.numeric"),
        (("KZT", True, 2), "currency.numeric"),
        (("KZT", "398", 2), "currency.numeric"),
        (("KZT", 398, 5), "currency.minor_units"),
        (("KZT", 398, False), "currency.minor_units"),
    ],
)
def test_bad_currencies_are_rejected(arguments, field):
    with pytest.raises(ValidationError, match="must be") as info:
        Currency(*arguments)
    assert info.value.field == field
    assert info.value.value == arguments[["code", "numeric", "minor_units"].index(field[9:])]


def test_currency_lookup_needs_a_code_string_or_a_currency():
    kzt_currency = get_currency("KZT")
    assert get_currency(kzt_currency) is kzt_currency
    assert str(kzt_currency) == "KZT"
    assert kzt_currency.quantum == Decimal("0.01")
    with pytest.raises(InvalidTypeError, match="code string"):
        get_currency(398)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="must be a Currency"):
        register_currency("KZT")  # type: ignore[arg-type]
    assert [c.code for c in currencies()] == sorted(c.code for c in currencies())


@pytest.mark.parametrize("rounding", sorted(ROUNDING_MODES))
@pytest.mark.parametrize("numerator", [-26, -25, -15, -5, -1, 1, 5, 15, 25, 26])
def test_round_quotient_on_ties_and_near_ties(rounding, numerator):
    # Halves (x.5) and the 05UP digits, against decimal's own rounding of n / 10 and n / 2.
    for denominator in (2, 10):
        expected = Decimal(numerator) / Decimal(denominator)
        expected = expected.quantize(Decimal(1), rounding=rounding)
        assert round_quotient(numerator, denominator, rounding) == int(expected)
