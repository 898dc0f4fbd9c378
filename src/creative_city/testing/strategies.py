"""Hypothesis strategies for creative-city's public types.

Every strategy builds valid values only; use them to property-test code that embeds
the library::

    from hypothesis import given
    from creative_city.testing import strategies as ccst


    @given(ccst.money(currency="KZT"))
    def test_fee_never_exceeds_amount(amount): ...

>>> from hypothesis import given
>>> @given(money(currency="JPY"))
... def test(m):
...     assert m.amount == m.amount.to_integral_value()
>>> test()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from hypothesis import strategies as st

from creative_city.money import Currency, ExchangeRates, Money, Rate, currencies, get_currency
from creative_city.time import Interval, Period

__all__ = [
    "aware_datetimes",
    "currency_objects",
    "exchange_rates",
    "intervals",
    "money",
    "periods",
    "rates",
    "ratios",
    "zone_names",
]

ZONES = (
    "Asia/Almaty",
    "Europe/Berlin",
    "America/New_York",
    "UTC",
    "Asia/Tokyo",
    "Australia/Lord_Howe",
)


def currency_objects() -> st.SearchStrategy[Currency]:
    """Registered currencies."""
    return st.sampled_from(currencies())


def zone_names() -> st.SearchStrategy[str]:
    """IANA zone names, including zones with DST and half-hour shifts."""
    return st.sampled_from(ZONES)


@st.composite
def money(
    draw: st.DrawFn,
    *,
    currency: str | Currency | None = None,
    min_minor: int = -(10**15),
    max_minor: int = 10**15,
) -> Money:
    """Money in *currency* (any registered one by default), bounded in minor units."""
    cur = get_currency(currency) if currency is not None else draw(currency_objects())
    return Money.from_minor(draw(st.integers(min_minor, max_minor)), cur)


def ratios(*, min_size: int = 1, max_size: int = 20) -> st.SearchStrategy[list[int | Decimal]]:
    """Allocation ratios: non-negative ints or Decimals, not all zero."""
    element = st.one_of(
        st.integers(0, 1000),
        st.decimals(min_value=0, max_value=1000, places=3, allow_nan=False, allow_infinity=False),
    )
    return st.lists(element, min_size=min_size, max_size=max_size).filter(
        lambda rs: any(r > 0 for r in rs)
    )


def aware_datetimes(
    *,
    min_value: _dt.datetime = _dt.datetime(2000, 1, 1),  # noqa: DTZ001 - hypothesis bounds are naive
    max_value: _dt.datetime = _dt.datetime(2040, 12, 31),  # noqa: DTZ001
) -> st.SearchStrategy[_dt.datetime]:
    """Timezone-aware datetimes in real zones (DST included), whole seconds.

    Local times inside a DST fold (ambiguous, such as 01:30 on the night clocks go
    back) are left out: JSON keeps a datetime's instant and UTC offset, not its zone
    name, and Python (PEP 495) never calls an ambiguous zoned datetime equal to one
    with another ``tzinfo``, so such a value decodes to the same instant yet compares
    unequal. See the serialization docs.
    """
    return (
        st.datetimes(
            min_value=min_value,
            max_value=max_value,
            timezones=st.timezones(),
            allow_imaginary=False,
        )
        .map(lambda d: d.replace(microsecond=0))
        .filter(lambda d: d.replace(fold=1 - d.fold).utcoffset() == d.utcoffset())
    )


@st.composite
def intervals(draw: st.DrawFn, *, max_duration: _dt.timedelta = _dt.timedelta(days=30)) -> Interval:
    """Half-open intervals of one second up to *max_duration*."""
    start = draw(aware_datetimes())
    seconds = draw(st.integers(1, int(max_duration.total_seconds())))
    return Interval.starting(start, _dt.timedelta(seconds=seconds))


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Calendar periods of every kind, years 1990-2060."""
    year = draw(st.integers(1990, 2060))
    kind = draw(st.sampled_from(["year", "half", "quarter", "month", "ytd", "custom"]))
    if kind == "year":
        return Period.year(year)
    if kind == "half":
        return Period.half(year, draw(st.integers(1, 2)))
    if kind == "quarter":
        return Period.quarter(year, draw(st.integers(1, 4)))
    if kind == "month":
        return Period.month(year, draw(st.integers(1, 12)))
    start = draw(st.dates(_dt.date(year, 1, 1), _dt.date(year, 12, 31)))
    if kind == "ytd":
        return Period.year_to_date(start)
    return Period.custom(start, start + _dt.timedelta(days=draw(st.integers(1, 800))))


@st.composite
def rates(draw: st.DrawFn) -> Rate:
    """One dated exchange rate between two different registered currencies."""
    base, quote = draw(st.lists(currency_objects(), min_size=2, max_size=2, unique=True))
    value = draw(st.decimals(min_value="0.0001", max_value="100000", places=4))
    on = draw(st.dates(_dt.date(2000, 1, 1), _dt.date(2040, 12, 31)))
    return Rate(on, base, quote, value)


def exchange_rates(*, max_size: int = 10) -> st.SearchStrategy[ExchangeRates]:
    """Rate tables (at most one rate per pair and date)."""
    return st.lists(
        rates(), max_size=max_size, unique_by=lambda r: (r.base.code, r.quote.code, r.on)
    ).map(ExchangeRates)
