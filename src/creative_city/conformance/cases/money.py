"""Cases for the money operations: allocation ties, rates in force on the boundary day."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Any, Final

from creative_city.conformance.cases.base import CURRENCIES, case, money, period
from creative_city.conformance.cases.choices import Choices
from creative_city.money import ROUNDING_MODES
from creative_city.serialization import to_data
from creative_city.time import Period

__all__ = ["allocate", "convert", "convert_average"]

_ROUNDINGS: Final = ("ROUND_HALF_EVEN", *sorted(ROUNDING_MODES - {"ROUND_HALF_EVEN"}))
_DAY0: Final = _dt.date(2023, 1, 1)
_TIED: Final = ("0", "1", "2", "3", "1.5")
_EQUAL: Final = ("1", "2", "0.5", "7")


def _ratio(source: Choices) -> str:
    # A whole number or one with three places, up to 1000.
    if source.boolean():
        return str(source.decimal(0, 1000, places=3))
    return str(source.integer(0, 1000))


def _small_ratios(source: Choices) -> list[str]:
    # Few distinct small values, so that equal remainders (ties) are common.
    kind = source.integer(0, 2)
    if kind == 0:
        return [source.pick(_TIED) for _ in source.repeat(1, 6)]
    if kind == 1:
        return [source.pick(_EQUAL)] * source.integer(2, 7)
    ratios = [_ratio(source) for _ in source.repeat(1, 6)]
    if not any(Decimal(ratio) for ratio in ratios):
        ratios[-1] = "1"  # not all zero
    return ratios


@case("money.allocate")
def allocate(source: Choices) -> dict[str, Any]:
    """Small amounts (a few minor units to split) and ratios with ties, some all zero."""
    currency = source.pick(CURRENCIES)
    wide = source.boolean()
    minor = source.integer(-(10**15), 10**15) if wide else source.integer(-20, 200)
    return {"amount": money(minor, currency), "ratios": _small_ratios(source)}


def _rate_text(source: Choices) -> str:
    # Whole rates without decimals ("2", not "2.00" or "2E+1"), others as drawn.
    value = source.decimal("0.0001", 100000, places=source.integer(0, 4))
    whole = value.to_integral_value()
    return str(whole) if value == whole else str(value)


def _rates(source: Choices, base: str, quote: str) -> tuple[list[dict[str, Any]], list[_dt.date]]:
    # Rates of the pair (quoted either way round) on a few dates near the start of 2023.
    days = sorted({source.integer(0, 400) for _ in source.repeat(1, 4)})
    rates = []
    for offset in days:
        pair = (base, quote) if source.boolean() else (quote, base)
        on = _DAY0 + _dt.timedelta(days=offset)
        rates.append(
            {"on": on.isoformat(), "base": pair[0], "quote": pair[1], "rate": _rate_text(source)}
        )
    return rates, [_DAY0 + _dt.timedelta(days=offset) for offset in days]


def _pair(source: Choices) -> tuple[str, str]:
    base = source.integer(0, len(CURRENCIES) - 1)
    quote = (base + source.integer(1, len(CURRENCIES) - 1)) % len(CURRENCIES)
    return CURRENCIES[base], CURRENCIES[quote]


@case("money.convert")
def convert(source: Choices) -> dict[str, Any]:
    """A conversion on the day a rate comes into force, the day before, or later."""
    base, quote = _pair(source)
    rates, days = _rates(source, base, quote)
    shift = source.pick((0, -1, 1, 30))
    on = source.pick(days) + _dt.timedelta(days=shift)
    return {
        "amount": money(source.integer(-(10**9), 10**9), base),
        "to": quote,
        "on": on.isoformat(),
        "rounding": source.pick(_ROUNDINGS),
        "rates": rates,
    }


def _period_2023(source: Choices) -> Period:
    # Periods over the rates' dates: whole years, halves, quarters, months, custom.
    year = source.pick((2023, 2024))
    kind = source.integer(0, 4)
    if kind == 0:
        return Period.year(year)
    if kind == 1:
        return Period.half(year, source.integer(1, 2))
    if kind == 2:
        return Period.quarter(year, source.integer(1, 4))
    if kind == 3:
        return Period.month(year, source.integer(1, 12))
    start = _DAY0 + _dt.timedelta(days=source.integer(-10, 400))
    return Period.custom(start, start + _dt.timedelta(days=source.integer(1, 60)))


@case("money.convert_average")
def convert_average(source: Choices) -> dict[str, Any]:
    """An average over a period that the rates' dates start before, inside or after."""
    base, quote = _pair(source)
    rates, _ = _rates(source, base, quote)
    chosen = period(source) if source.boolean() else _period_2023(source)
    return {
        "amount": money(source.integer(-(10**9), 10**9), base),
        "to": quote,
        "period": to_data(chosen),
        "rounding": source.pick(_ROUNDINGS),
        "rates": rates,
    }
