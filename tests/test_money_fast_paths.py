"""Money's fast paths give the answers of the general path, and take the common inputs.

``Money.of`` converts a plain decimal string, an ``int`` or an exact ``Decimal`` with
integers only, and ``allocate`` reads int and Decimal ratios once each as exact integer
ratios (issue 16); everything else goes the general way (``to_decimal``, ``Fraction``).
These tests pin both halves: on exhaustive grids around every bound, the answer or the
error (type, field, value, rule) equals an independent reference written with
``decimal`` arithmetic in this file; and the common inputs never reach the general path
(patched to fail), so a fast path that quietly stopped taking them is caught too.
Speed itself is measured in ``benchmarks/bench_money.py``, never asserted here.
"""

from __future__ import annotations

import decimal
import itertools
import math
import re
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.errors import CreativeCityError, InvalidTypeError, ValidationError
from creative_city.money import Currency, Money, allocate_units, get_currency
from creative_city.money import allocation as allocation_module
from creative_city.money import value as value_module
from creative_city.oracle import evaluate

# Every number of minor units a currency may have: 0 (yen), 2 (tenge), 3 (dinar) and 4
# (ISO 4217's Unidad de Fomento, passed as a Currency without registering it).
CURRENCY = {
    "JPY": "JPY",
    "KZT": "KZT",
    "KWD": "KWD",
    "CLF": Currency("CLF", 990, 4, "Unidad de Fomento"),
}
PLACES = {code: get_currency(currency).minor_units for code, currency in CURRENCY.items()}
DIGITS_RULE = "must have at most 24 integer and 30 fraction digits"


def _outcome(call):
    """The answer, or the error as (type, field, repr(value), rule)."""
    try:
        return ("ok", repr(call()))
    except CreativeCityError as error:
        return (type(error).__name__, error.field, repr(error.value), error.rule)


# -- the reference: the rules of docs/money written with decimal -------------------

# ASCII digits only: Decimal() reads any script's digits ("١٢" is 12), the wire form not.
_PLAIN = re.compile(r"[+-]?([0-9]+)(?:\.([0-9]+))?")


def reference_of(amount, code):
    """Money.of(amount, code) as the rules say: exact minor units or a named error."""
    places = PLACES[code]
    text_rule = "must be a plain decimal string like '-1234.56' (at most 24 + 30 digits)"
    if isinstance(amount, str):
        match = _PLAIN.fullmatch(amount)
        if not match or len(match[1]) > 24 or len(match[2] or "") > 30:
            return ("ValidationError", "amount", repr(amount), text_rule)
        number = Decimal(amount)
    elif isinstance(amount, int) and not isinstance(amount, bool):
        if abs(amount) >= 10**24:
            return ("ValidationError", "amount", repr(amount), DIGITS_RULE)
        number = Decimal(amount)
    else:
        number = amount
        if not number.is_finite():
            rule = "must be finite (NaN and Infinity are rejected)"
            return ("ValidationError", "amount", repr(amount), rule)
        _, digits, exponent = number.as_tuple()
        if number and (len(digits) + exponent > 24 or exponent < -30):
            return ("ValidationError", "amount", repr(amount), DIGITS_RULE)
    with decimal.localcontext(decimal.Context(prec=100)):
        units = number * 10**places
    if units != units.to_integral_value():
        rule = f"{code} allows {places} fraction digits; pass rounding=decimal.ROUND_* to round"
        return ("ValidationError", "amount", repr(amount), rule)
    return ("ok", repr(Money.from_minor(int(units), CURRENCY[code])))


def _texts():
    digit_runs = ["", "0", "7", "12", "١٢", "0" * 24, "9" * 24, "9" * 25, "1" * 30, "1" * 31]
    for sign, whole, point, fraction in itertools.product(
        ["", "+", "-", "--", " "],
        digit_runs,
        ["", ".", ".."],
        ["", "5", "50", "505", "5000", "12345"],
    ):
        yield sign + whole + point + fraction
    yield from [
        "X12",
        "-X12",
        "1e3",
        "1_000",
        "12\n",
        "-",
        "+.",
        "NaN",
        "Infinity",
        "1.5 ",
        "\u066b5",
    ]


@pytest.mark.parametrize("code", sorted(PLACES))
def test_money_of_text_follows_the_rules_on_a_grid(code):
    for text in _texts():
        assert _outcome(lambda t=text: Money.of(t, CURRENCY[code])) == reference_of(text, code), (
            text
        )


@pytest.mark.parametrize("code", sorted(PLACES))
def test_money_of_int_follows_the_rules_at_the_bounds(code):
    for number in [0, 1, -1, 7, 10**23, 10**24 - 1, 10**24, 2**80, 2**81, 10**30]:
        for amount in (number, -number):
            assert _outcome(lambda a=amount: Money.of(a, CURRENCY[code])) == reference_of(
                amount, code
            )


def _decimals():
    for coefficient, exponent in itertools.product(
        [0, 1, 5, 12, 100, 10**23, 10**24 - 1, 10**24], range(-32, 27)
    ):
        for sign in (0, 1):
            digits = tuple(int(c) for c in str(coefficient))
            yield Decimal((sign, digits, exponent))
    yield from [Decimal(s) for s in ["NaN", "-NaN", "Infinity", "-Infinity"]]


@pytest.mark.parametrize("code", sorted(PLACES))
def test_money_of_decimal_follows_the_rules_on_a_grid(code):
    for amount in _decimals():
        assert _outcome(lambda a=amount: Money.of(a, CURRENCY[code])) == reference_of(
            amount, code
        ), amount


def test_a_signalling_nan_is_rejected_by_name():
    with pytest.raises(ValidationError) as info:
        Money.of(Decimal("sNaN"), "KZT")
    assert info.value.field == "amount"
    assert info.value.rule == "must be finite (NaN and Infinity are rejected)"


@given(st.text(alphabet="0123456789+-.٣ eX_", max_size=32), st.sampled_from(sorted(PLACES)))
def test_money_of_any_text_is_the_general_path(text, code):
    general = value_module._of_checked
    currency = get_currency(CURRENCY[code])
    assert _outcome(lambda: Money.of(text, CURRENCY[code])) == _outcome(
        lambda: general(text, currency, None)
    )


@pytest.mark.parametrize(
    ("amount", "code", "minor"),
    [
        ("1234.56", "KZT", 123456),
        ("-1234.5", "KZT", -123450),
        ("+0.001", "KWD", 1),
        ("9" * 24, "JPY", 10**24 - 1),
        ("-" + "9" * 24 + ".9999", CURRENCY["CLF"], -(10**28 - 1)),
        ("0", "KZT", 0),
        (-(10**24 - 1), "KWD", -(10**27 - 1000)),
        (Decimal("12.3"), "KZT", 1230),
        (Decimal("-1E+23"), "JPY", -(10**23)),
        (Decimal("0.0001"), CURRENCY["CLF"], 1),
        (Decimal("-0"), "KZT", 0),
    ],
)
def test_the_common_inputs_never_take_the_general_path(monkeypatch, amount, code, minor):
    def general(*_: object) -> Money:
        raise AssertionError("general path taken")

    def lookup(currency: object) -> object:
        # a registered code is looked up directly; only other currencies come here
        assert isinstance(currency, Currency), "code looked up the long way"
        return currency

    monkeypatch.setattr(value_module, "_of_checked", general)
    monkeypatch.setattr(value_module, "get_currency", lookup)
    money = Money.of(amount, code)
    assert money.minor == minor
    assert money.currency is get_currency(code)


def test_inputs_needing_more_take_the_general_path(monkeypatch):
    taken = []

    def general(amount: object, *_: object) -> str:
        taken.append(amount)
        return "general"

    monkeypatch.setattr(value_module, "_of_checked", general)
    cases = ["1.005", "1.", ".5", "9" * 25, "-" + "9" * 25, "+", "1e3", 10**24, -(10**24),
             True, Decimal("1.005"), Decimal("1E+24"), Decimal("NaN"), Fraction(1, 2)]  # fmt: skip
    for amount in cases:
        assert Money.of(amount, "KZT") == "general"
    assert Money.of("1.00", "KZT", rounding=decimal.ROUND_HALF_UP) == "general"
    assert taken == [*cases, "1.00"]


def test_a_currency_object_or_code_gives_the_same_money():
    kzt = get_currency("KZT")
    assert Money.of("1.50", kzt).currency is kzt
    assert Money.of("1.50", "KZT").currency is kzt
    with pytest.raises(InvalidTypeError) as info:
        Money.of("1.50", ["KZT"])  # type: ignore[arg-type]
    assert info.value.field == "currency"
    assert info.value.rule == "must be an ISO 4217 code string"


# -- allocation: Decimal ratios read once ------------------------------------------


def reference_weights(ratios):
    """Ratios as integers in the same proportions, by Fraction (the general way)."""
    exact = [Fraction(r) for r in ratios]
    scale = math.lcm(*(f.denominator for f in exact))
    return [int(f * scale) for f in exact]


def _proportional(weights, reference):
    """Whether *weights* are *reference* times one positive number (or both all zero)."""
    if not any(reference):
        return not any(weights)
    return all(
        w * sum(reference) == r * sum(weights) for w, r in zip(weights, reference, strict=True)
    )


RATIO_VALUES = [
    0, 1, 3, 10**24 - 1, 10**24, -1,
    Decimal(0), Decimal("-0"), Decimal("0E-100"), Decimal("0E+30"), Decimal("0.5"),
    Decimal("0.25"), Decimal("1.50"), Decimal("1E-30"), Decimal("1E-31"),
    Decimal("1.000000000000000000000000000000"), Decimal("1.0000000000000000000000000000000"),
    Decimal("9E+23"), Decimal("1E+24"), Decimal("99999999999999999999999.9"),
    Decimal("-0.5"), Decimal("NaN"), Decimal("sNaN"), Decimal("Infinity"),
]  # fmt: skip


def test_decimal_ratios_follow_the_rules_on_every_pair_and_triple():
    # The bounds are checked on the exact sum; every pair and triple around them gives
    # the answer of the same ratios as exact Fractions (after the general checks).
    whole = Money.of("1000.00", "KZT")
    for size in (1, 2, 3):
        for ratios in itertools.product(RATIO_VALUES, repeat=size):
            if all(type(r) is int for r in ratios):
                continue  # all ints are weights as they are (test_money_mutants)
            got = _outcome(lambda r=list(ratios): whole.allocate(r))
            weights = allocation_module._decimal_weights(list(ratios))
            try:
                checked = [
                    allocation_module.to_decimal(r, f"ratios[{i}]") for i, r in enumerate(ratios)
                ]
            except CreativeCityError:
                assert weights is None, ratios
                continue
            if any(r < 0 for r in checked):
                assert weights is None, ratios
                assert got[0] == "ValidationError", ratios
                assert got[3] == "must be >= 0", ratios
                continue
            # None: the general path takes them (a zero's exponent may lie outside the
            # bounds, which zero is exempt from).
            assert weights is None or _proportional(weights, reference_weights(checked)), ratios
            if any(checked):
                expected = whole.allocate([Fraction(r) for r in checked])
                assert got == ("ok", repr(expected)), ratios


@given(
    st.lists(
        st.builds(lambda n, k: Decimal(n).scaleb(-k), st.integers(0, 10**9), st.integers(-3, 8))
        | st.integers(0, 10**6),
        min_size=1,
        max_size=20,
    ),
    st.integers(-(10**12), 10**12),
)
def test_int_and_decimal_ratios_split_as_their_fractions(ratios, units):
    if not any(ratios):
        return
    assert allocate_units(units, ratios) == allocate_units(units, [Fraction(r) for r in ratios])


def test_int_and_decimal_ratios_never_take_the_general_path():
    mixed = [Decimal("0.5"), 0, 3, Decimal("0.25"), Decimal("1E+5"), Decimal("1.0")]
    assert allocation_module._decimal_weights(mixed) == [50, 0, 300, 25, 10_000_000, 100]
    # the bounds are inclusive: 30 fraction digits, a sum just under 10**24
    assert allocation_module._decimal_weights([Decimal("1E-30"), 1]) == [1, 10**30]
    big = Decimal(10**24 - 1)
    assert allocation_module._decimal_weights([big, Decimal(0)]) == [10**24 - 1, 0]
    assert allocation_module._decimal_weights([Fraction(1, 2), 1]) is None
    assert allocation_module._decimal_weights([True, 1]) is None


def test_the_oracle_converts_each_ratio_once(monkeypatch):
    # The request's ratios become Decimals when the input is read (to_decimal, with its
    # checks); allocate then reads each once more only as a number, never through
    # to_decimal again, and the answer is the vector's.
    calls = []
    real = allocation_module.to_decimal

    def counting(value: object, field: str = "value") -> Decimal:
        calls.append(field)
        return real(value, field)

    monkeypatch.setattr(allocation_module, "to_decimal", counting)
    request = {
        "operation": "money.allocate",
        "input": {"amount": {"amount": "1.00", "currency": "USD"}, "ratios": ["0.1", "0.2", "0.7"]},
    }
    answer = evaluate(request)
    assert [share["amount"] for share in answer["output"]["shares"]] == ["0.10", "0.20", "0.70"]
    assert calls == []
