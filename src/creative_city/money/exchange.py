"""Exchange rates: dated rates, period averages and conversion with a named rounding.

A :class:`Rate` holds from its date until the next rate of the same pair; an
:class:`ExchangeRates` table looks a pair up directly or through its exact inverse
(never through a third currency) and converts money on a date, or at the average
rate of a period (for annual flows such as exports), rounding once.

>>> import datetime as dt
>>> fx = ExchangeRates([Rate(dt.date(2024, 1, 1), "USD", "KZT", "450.00")])
>>> fx.rate("KZT", "USD", dt.date(2024, 3, 1))
Fraction(1, 450)
"""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
from collections.abc import Iterable
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money.decimals import to_decimal
from creative_city.money.iso4217 import Currency, get_currency
from creative_city.money.rounding import round_quotient
from creative_city.money.value import Money, _make
from creative_city.operation import states
from creative_city.time import Period, require_date

if TYPE_CHECKING:
    from typing import Self

__all__ = ["ExchangeRates", "Rate"]


def _to_currency(value: object) -> Currency:
    return get_currency(value)  # type: ignore[arg-type]


@states(exclusiveMinimum=0)
def _positive_rate(_: Rate, __: attrs.Attribute[Decimal], value: Decimal) -> None:
    if value <= 0:
        raise ValidationError("rate", value, "must be > 0")


def _to_rate_date(value: object) -> _dt.date:
    return require_date(value, "on")


def _to_rate_value(value: object) -> Decimal:
    return to_decimal(value, "rate")


@attrs.frozen
class Rate:
    """One dated exchange rate: on and after *on*, ``1 base = rate quote``.

    A rate holds from its date until the next rate of the same pair.

    Attributes:
        on: The first date the rate applies.
        base: The currency being priced.
        quote: The currency it is priced in.
        rate: Units of *quote* per unit of *base* (> 0).
    """

    on: _dt.date = attrs.field(converter=_to_rate_date)
    base: Currency = attrs.field(converter=_to_currency)
    quote: Currency = attrs.field(converter=_to_currency)
    rate: Decimal = attrs.field(converter=_to_rate_value, validator=_positive_rate)

    def __attrs_post_init__(self) -> None:
        if self.base == self.quote:
            raise ValidationError("quote", self.quote.code, "must differ from base")


def _to_rates(values: Iterable[Rate]) -> tuple[Rate, ...]:
    rates = tuple(values)
    for index, rate in enumerate(rates):
        if not isinstance(rate, Rate):
            raise InvalidTypeError(f"rates[{index}]", rate, "must be a Rate")
    return tuple(sorted(rates, key=lambda r: (r.base.code, r.quote.code, r.on)))


@attrs.frozen
class ExchangeRates:
    """A table of dated exchange rates, immutable.

    Conversion always names the date and the rounding. A pair is looked up directly
    or through its inverse (``1 / rate``, exact); there is no triangulation through a
    third currency, so a missing pair is an error, never a guess.

    Attributes:
        rates: The rates, kept sorted by pair and date.

    >>> import datetime as dt
    >>> import decimal
    >>> fx = ExchangeRates([Rate(dt.date(2024, 1, 1), "USD", "KZT", "450.00")])
    >>> fx.convert(
    ...     Money.of(100, "USD"), "KZT", on=dt.date(2024, 6, 1), rounding=decimal.ROUND_HALF_EVEN
    ... )
    Money('45000.00', 'KZT')
    >>> fx.convert(
    ...     Money.of(1000, "KZT"), "USD", on=dt.date(2024, 6, 1), rounding=decimal.ROUND_HALF_EVEN
    ... )
    Money('2.22', 'USD')
    """

    rates: tuple[Rate, ...] = attrs.field(converter=_to_rates, factory=tuple)

    def __attrs_post_init__(self) -> None:
        seen: set[tuple[str, str, _dt.date]] = set()
        for index, rate in enumerate(self.rates):
            key = (rate.base.code, rate.quote.code, rate.on)
            if key in seen:
                raise ValidationError(
                    f"rates[{index}]",
                    f"{rate.base.code}/{rate.quote.code} on {rate.on}",
                    "a pair has at most one rate per date",
                )
            seen.add(key)

    def with_rate(
        self, on: _dt.date, base: str | Currency, quote: str | Currency, rate: int | str | Decimal
    ) -> Self:
        """Return a new table with one more rate."""
        return type(self)((*self.rates, Rate(on, base, quote, rate)))

    @functools.cached_property
    def _index(self) -> dict[tuple[str, str], tuple[list[_dt.date], list[Fraction]]]:
        index: dict[tuple[str, str], tuple[list[_dt.date], list[Fraction]]] = {}
        for rate in self.rates:  # sorted by pair, then date
            dates, values = index.setdefault((rate.base.code, rate.quote.code), ([], []))
            dates.append(rate.on)
            values.append(Fraction(rate.rate))
        return index

    def _series(self, base: Currency, quote: Currency) -> tuple[list[_dt.date], list[Fraction]]:
        direct = self._index.get((base.code, quote.code))
        if direct is not None:
            return direct
        inverse = self._index.get((quote.code, base.code))
        if inverse is not None:
            return inverse[0], [1 / v for v in inverse[1]]
        raise ValidationError(
            "pair", f"{base.code}/{quote.code}", "has no rate in this table (nor its inverse)"
        )

    def rate(self, base: str | Currency, quote: str | Currency, on: _dt.date) -> Fraction:
        """Return the exact rate (quote per base) in force on *on*.

        Args:
            base: The currency being priced.
            quote: The currency it is priced in.
            on: The date.

        Raises:
            ValidationError: If the pair is unknown or has no rate on or before *on*.
        """
        b, q = get_currency(base), get_currency(quote)
        on = require_date(on, "on")
        if b == q:
            return Fraction(1)
        dates, values = self._series(b, q)
        position = bisect.bisect_right(dates, on) - 1
        if position < 0:
            raise ValidationError(
                "on", on.isoformat(), f"no {b.code}/{q.code} rate on or before this date"
            )
        return values[position]

    def average_rate(self, base: str | Currency, quote: str | Currency, period: Period) -> Fraction:
        """Return the exact period-average rate: the mean of the daily rates in force.

        Each calendar day of *period* counts once, with the rate in force that day
        (weekends and holidays carry the last published rate). This is the rate to
        convert annual flows such as exports.

        Raises:
            ValidationError: If the first day of *period* has no rate in force.

        >>> import datetime as dt
        >>> fx = ExchangeRates(
        ...     [
        ...         Rate(dt.date(2023, 1, 1), "USD", "KZT", "460"),
        ...         Rate(dt.date(2023, 7, 1), "USD", "KZT", "450"),
        ...     ]
        ... )
        >>> float(fx.average_rate("USD", "KZT", Period.year(2023)))  # 181 days at 460, 184 at 450
        454.958904109589...
        """
        b, q = get_currency(base), get_currency(quote)
        if not isinstance(period, Period):
            raise InvalidTypeError("period", period, "must be a Period")
        if b == q:
            return Fraction(1)
        dates, values = self._series(b, q)
        position = bisect.bisect_right(dates, period.start) - 1
        if position < 0:
            raise ValidationError(
                "period",
                str(period),
                f"no {b.code}/{q.code} rate in force on its first day {period.start}",
            )
        total = Fraction(0)
        day = period.start
        while day < period.end:
            following = dates[position + 1] if position + 1 < len(dates) else period.end
            stop = min(following, period.end)
            total += values[position] * (stop - day).days
            day = stop
            position += 1
        return total / period.days

    def convert(self, money: Money, to: str | Currency, *, on: _dt.date, rounding: str) -> Money:
        """Convert *money* into *to* at the rate in force on *on*, rounding once.

        Args:
            money: The amount to convert.
            to: The target currency.
            on: The date whose rate applies.
            rounding: A ``decimal.ROUND_*`` mode.
        """
        target = get_currency(to)
        rate = self.rate(_check_money(money).currency, target, on)
        return _convert(money, target, rate, rounding)

    def convert_at_average(
        self, money: Money, to: str | Currency, *, period: Period, rounding: str
    ) -> Money:
        """Convert *money* at the average rate over *period* (see :meth:`average_rate`)."""
        target = get_currency(to)
        rate = self.average_rate(_check_money(money).currency, target, period)
        return _convert(money, target, rate, rounding)


def _check_money(money: object) -> Money:
    if not isinstance(money, Money):
        raise InvalidTypeError("money", money, "must be Money")
    return money


def _convert(money: Money, target: Currency, rate: Fraction, rounding: str) -> Money:
    exact = Fraction(money.minor, 10**money.currency.minor_units) * rate * 10**target.minor_units
    return _make(round_quotient(exact.numerator, exact.denominator, rounding), target)
