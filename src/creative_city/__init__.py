"""creative-city: exact, tested domain code for a city's creative-economy programme.

The reference programme is Almaty's (Zakon.kz, 12 September 2022). The package is
pure: no clock reads, no I/O, no network; the ``creative-city`` command is the only
place that touches files.

The most used names are re-exported here:

>>> import creative_city as cc
>>> cc.Money.of("100.00", "KZT").split(3)
(Money('33.34', 'KZT'), Money('33.33', 'KZT'), Money('33.33', 'KZT'))
"""

from __future__ import annotations

from creative_city._version import __version__
from creative_city.errors import CreativeCityError
from creative_city.money import Currency, ExchangeRates, Money
from creative_city.time import Interval, Period

__all__ = [
    "CreativeCityError",
    "Currency",
    "ExchangeRates",
    "Interval",
    "Money",
    "Period",
    "__version__",
]
