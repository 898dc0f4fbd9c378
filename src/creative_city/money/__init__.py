"""Money: ISO 4217 currencies, exact amounts, allocation and dated exchange rates.

A :class:`Money` is a ``Decimal`` amount quantized to its currency's minor units
(KZT has 2: tiyn; JPY 0; KWD 3) plus its :class:`Currency`. Floats never become
money, amounts with more decimals than the currency allows are rejected unless a
rounding mode is named, and currencies never mix.

The package is read in this order:

- :mod:`~creative_city.money.decimals`: the bounded decimal input (:func:`to_decimal`);
- :mod:`~creative_city.money.rounding`: the one rounding rule (:func:`round_quotient`);
- :mod:`~creative_city.money.iso4217`: currencies and their registry;
- :mod:`~creative_city.money.allocation`: largest-remainder splits of minor units;
- :mod:`~creative_city.money.value`: the :class:`Money` value and its arithmetic;
- :mod:`~creative_city.money.exchange`: dated exchange rates and conversion;
- :mod:`~creative_city.money.operations`: the oracle's ``money.*`` operations.

>>> from decimal import ROUND_HALF_EVEN
>>> Money.of("100.00", "KZT").allocate([1, 1, 1])
(Money('33.34', 'KZT'), Money('33.33', 'KZT'), Money('33.33', 'KZT'))
>>> sum([Money.of(5, "USD"), Money.of("0.25", "USD")])
Money('5.25', 'USD')
>>> Money.of("10.00", "KZT").multiply("0.035", rounding=ROUND_HALF_EVEN)
Money('0.35', 'KZT')
"""

from __future__ import annotations

from creative_city.money.allocation import allocate_units
from creative_city.money.decimals import MAX_FRACTION_DIGITS as MAX_FRACTION_DIGITS
from creative_city.money.decimals import MAX_INTEGER_DIGITS as MAX_INTEGER_DIGITS
from creative_city.money.decimals import to_decimal
from creative_city.money.exchange import ExchangeRates, Rate
from creative_city.money.iso4217 import Currency, currencies, get_currency, register_currency
from creative_city.money.rounding import ROUNDING_MODES, round_fraction, round_quotient
from creative_city.money.value import Money

__all__ = [
    "ROUNDING_MODES",
    "Currency",
    "ExchangeRates",
    "Money",
    "Rate",
    "allocate_units",
    "currencies",
    "get_currency",
    "register_currency",
    "round_fraction",
    "round_quotient",
    "to_decimal",
]
