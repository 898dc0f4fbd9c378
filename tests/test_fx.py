"""Dated exchange rates: as-of lookup, inverse, period average, conversion."""

from __future__ import annotations

import datetime as dt
import decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money import ExchangeRates, Money, Rate
from creative_city.testing import strategies as ccst
from creative_city.time import Period

HALF_EVEN = decimal.ROUND_HALF_EVEN
FX = ExchangeRates(
    [
        Rate(dt.date(2023, 1, 1), "USD", "KZT", "460.00"),
        Rate(dt.date(2023, 7, 1), "USD", "KZT", "450.00"),
    ]
)


def test_rate_holds_until_the_next_one():
    assert FX.rate("USD", "KZT", dt.date(2023, 6, 30)) == 460
    assert FX.rate("USD", "KZT", dt.date(2023, 7, 1)) == 450
    assert FX.rate("USD", "KZT", dt.date(2030, 1, 1)) == 450
    assert FX.rate("KZT", "USD", dt.date(2023, 7, 1)) == Fraction(1, 450)
    assert FX.rate("KZT", "KZT", dt.date(1999, 1, 1)) == 1


def test_no_rate_before_the_first_date():
    with pytest.raises(ValidationError, match="on or before") as info:
        FX.rate("USD", "KZT", dt.date(2022, 12, 31))
    assert info.value.field == "on"


def test_unknown_pair():
    with pytest.raises(ValidationError, match=r"^pair = 'EUR/KZT': has no rate"):
        FX.rate("EUR", "KZT", dt.date(2023, 7, 1))


def test_period_average_weights_days():
    # 2023: 181 days at 460 (Jan-Jun), 184 days at 450 (Jul-Dec).
    expected = Fraction(181 * 460 + 184 * 450, 365)
    assert FX.average_rate("USD", "KZT", Period.year(2023)) == expected
    # USD 500 M at the 2023 average rate, rounded half-even to tiyn.
    converted = FX.convert_at_average(
        Money.of(500_000_000, "USD"), "KZT", period=Period.year(2023), rounding=HALF_EVEN
    )
    assert converted == Money.of("227479452054.79", "KZT")


def test_conversion_names_date_and_rounding():
    hundred = Money.of(1000, "KZT")
    assert FX.convert(hundred, "USD", on=dt.date(2023, 7, 1), rounding=decimal.ROUND_DOWN) == (
        Money.of("2.22", "USD")
    )
    assert FX.convert(hundred, "USD", on=dt.date(2023, 7, 1), rounding=decimal.ROUND_UP) == (
        Money.of("2.23", "USD")
    )


def test_bad_rates_are_rejected():
    with pytest.raises(ValidationError, match=r"^rate = .*: must be > 0"):
        Rate(dt.date(2023, 1, 1), "USD", "KZT", "0")
    with pytest.raises(InvalidTypeError, match=r"^rate = 450\.0: .*never float"):
        Rate(dt.date(2023, 1, 1), "USD", "KZT", 450.0)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match=r"^quote = 'USD': must differ from base"):
        Rate(dt.date(2023, 1, 1), "USD", "USD", "1")
    with pytest.raises(
        ValidationError,
        match=r"^rates\[\d\] = 'USD/KZT on 2023-01-01': a pair has at most one rate per date",
    ):
        FX.with_rate(dt.date(2023, 1, 1), "USD", "KZT", "470")
    with pytest.raises(
        InvalidTypeError, match=r"^on = .*: must be a datetime\.date \(not a datetime\)"
    ):
        Rate(dt.datetime(2023, 1, 1, tzinfo=dt.UTC), "USD", "KZT", "450")  # type: ignore[arg-type]


rates = st.decimals(min_value="0.0001", max_value="100000", places=4)


@given(ccst.money(currency="USD", min_minor=-(10**12), max_minor=10**12), rates)
def test_round_trip_is_within_one_unit_plus_the_coarse_side(amount, rate):
    fx = ExchangeRates([Rate(dt.date(2024, 1, 1), "USD", "KZT", rate)])
    on = dt.date(2024, 6, 1)
    there = fx.convert(amount, "KZT", on=on, rounding=HALF_EVEN)
    back = fx.convert(there, "USD", on=on, rounding=HALF_EVEN)
    # Each conversion rounds once by at most half a minor unit of its target; the
    # first error is scaled by 1/rate on the way back.
    bound = Fraction(1, 2) + Fraction(1, 2) / Fraction(rate)
    assert abs(back.minor - amount.minor) <= bound


@given(ccst.money(currency="USD", min_minor=0, max_minor=10**12), rates)
def test_when_the_target_is_finer_the_round_trip_is_exact_to_one_unit(amount, rate):
    fx = ExchangeRates([Rate(dt.date(2024, 1, 1), "USD", "KZT", rate)])
    on = dt.date(2024, 6, 1)
    back = fx.convert(
        fx.convert(amount, "KZT", on=on, rounding=HALF_EVEN), "USD", on=on, rounding=HALF_EVEN
    )
    if rate >= 1:
        assert abs(back.minor - amount.minor) <= 1


@given(ccst.exchange_rates(), ccst.periods())
def test_average_rate_lies_between_the_rates_in_force(fx, period):
    for rate in fx.rates:
        pair = (rate.base, rate.quote)
        try:
            average = fx.average_rate(*pair, period)
        except ValidationError:
            assert not any(r.on <= period.start for r in fx.rates if (r.base, r.quote) == pair)
            continue
        in_force = {fx.rate(*pair, period.start)} | {
            Fraction(r.rate)
            for r in fx.rates
            if (r.base, r.quote) == pair and period.start < r.on < period.end
        }
        assert min(in_force) <= average <= max(in_force)
        if len(in_force) == 1:
            assert average == fx.rate(*pair, period.start)


def test_bad_tables_and_arguments_are_rejected():
    with pytest.raises(InvalidTypeError, match="must be a Rate") as info:
        ExchangeRates([FX.rates[0], ("USD", "KZT", "450")])  # type: ignore[list-item]
    assert info.value.field == "rates[1]"
    with pytest.raises(InvalidTypeError, match="must be a Period"):
        FX.average_rate("USD", "KZT", "2023")  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="must be Money"):
        FX.convert("100 USD", "KZT", on=dt.date(2023, 7, 1), rounding=HALF_EVEN)  # type: ignore[arg-type]
    with pytest.raises(InvalidTypeError, match="must be Money"):
        FX.convert_at_average(5, "KZT", period=Period.year(2023), rounding=HALF_EVEN)  # type: ignore[arg-type]
    with pytest.raises(ValidationError, match="in force on its first day") as info:
        FX.average_rate("USD", "KZT", Period.year(2022))
    assert info.value.field == "period"


def test_a_currency_against_itself_is_one():
    assert FX.average_rate("KZT", "KZT", Period.year(2023)) == 1
    same = FX.convert_at_average(
        Money.of("10.00", "KZT"), "KZT", period=Period.year(2023), rounding=HALF_EVEN
    )
    assert same == Money.of("10.00", "KZT")
