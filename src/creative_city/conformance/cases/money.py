"""Cases for the money operations: allocation ties, rates in force on the boundary day."""

from __future__ import annotations

import datetime as _dt
import functools
from typing import Any, Final

from hypothesis import strategies as st

from creative_city.conformance.cases.base import CURRENCIES, case, money, pick
from creative_city.money import ROUNDING_MODES
from creative_city.serialization import to_data
from creative_city.testing.strategies import periods, ratios
from creative_city.time import Period

__all__ = ["allocate", "convert", "convert_average"]

_ROUNDINGS: Final = ("ROUND_HALF_EVEN", *sorted(ROUNDING_MODES - {"ROUND_HALF_EVEN"}))
_DAY0: Final = _dt.date(2023, 1, 1)


@functools.cache
def _small_ratios() -> st.SearchStrategy[list[str]]:
    # Few distinct small values, so that equal remainders (ties) are common.
    tied = st.lists(st.sampled_from(("0", "1", "2", "3", "1.5")), min_size=1, max_size=6)
    equal = st.tuples(st.sampled_from(("1", "2", "0.5", "7")), st.integers(2, 7)).map(
        lambda pair: [pair[0]] * pair[1]
    )
    general = ratios(max_size=6).map(lambda values: [str(value) for value in values])
    return st.one_of(tied, equal, general)


@case("money.allocate")
@st.composite
def allocate(draw: st.DrawFn) -> dict[str, Any]:
    """Small amounts (a few minor units to split) and ratios with ties, some all zero."""
    currency = pick(draw, CURRENCIES)
    minor = draw(st.one_of(st.integers(-20, 200), st.integers(-(10**15), 10**15)))
    return {"amount": money(minor, currency), "ratios": draw(_small_ratios())}


def _rate_text(draw: st.DrawFn) -> str:
    value = draw(
        st.decimals(min_value="0.0001", max_value="100000", places=draw(st.integers(0, 4)))
    )
    return str(value.normalize()) if value == value.to_integral_value() else str(value)


@functools.cache
@st.composite
def _rates(draw: st.DrawFn, base: str, quote: str) -> tuple[list[dict[str, Any]], list[_dt.date]]:
    # Rates of the pair (quoted either way round) on a few dates near the start of 2023.
    days = sorted(set(draw(st.lists(st.integers(0, 400), min_size=1, max_size=4))))
    rates = []
    for offset in days:
        pair = (base, quote) if draw(st.booleans()) else (quote, base)
        on = _DAY0 + _dt.timedelta(days=offset)
        rates.append(
            {"on": on.isoformat(), "base": pair[0], "quote": pair[1], "rate": _rate_text(draw)}
        )
    return rates, [_DAY0 + _dt.timedelta(days=offset) for offset in days]


@functools.cache
@st.composite
def _pair(draw: st.DrawFn) -> tuple[str, str]:
    base = draw(st.integers(0, len(CURRENCIES) - 1))
    quote = (base + draw(st.integers(1, len(CURRENCIES) - 1))) % len(CURRENCIES)
    return CURRENCIES[base], CURRENCIES[quote]


@case("money.convert")
@st.composite
def convert(draw: st.DrawFn) -> dict[str, Any]:
    """A conversion on the day a rate comes into force, the day before, or later."""
    base, quote = draw(_pair())
    rates, days = draw(_rates(base, quote))
    shift = pick(draw, (0, -1, 1, 30))
    on = (pick(draw, days) if days else _DAY0) + _dt.timedelta(days=shift)
    return {
        "amount": money(draw(st.integers(-(10**9), 10**9)), base),
        "to": quote,
        "on": on.isoformat(),
        "rounding": pick(draw, _ROUNDINGS),
        "rates": rates,
    }


@functools.cache
@st.composite
def _periods_2023(draw: st.DrawFn) -> Period:
    # Periods over the rates' dates: whole years, halves, quarters, months, custom.
    year = pick(draw, (2023, 2024))
    kind = draw(st.integers(0, 4))
    if kind == 0:
        return Period.year(year)
    if kind == 1:
        return Period.half(year, draw(st.integers(1, 2)))
    if kind == 2:
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind == 3:
        return Period.month(year, draw(st.integers(1, 12)))
    start = _DAY0 + _dt.timedelta(days=draw(st.integers(-10, 400)))
    return Period.custom(start, start + _dt.timedelta(days=draw(st.integers(1, 60))))


_PERIODS: Final = st.one_of(_periods_2023(), periods())


@case("money.convert_average")
@st.composite
def convert_average(draw: st.DrawFn) -> dict[str, Any]:
    """An average over a period that the rates' dates start before, inside or after."""
    base, quote = draw(_pair())
    rates, _ = draw(_rates(base, quote))
    period = draw(_PERIODS)
    return {
        "amount": money(draw(st.integers(-(10**9), 10**9)), base),
        "to": quote,
        "period": to_data(period),
        "rounding": pick(draw, _ROUNDINGS),
        "rates": rates,
    }
