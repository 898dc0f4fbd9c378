"""creative-city: exact, tested domain code for a city's creative-economy programme.

The reference programme is Almaty's (Zakon.kz, 12 September 2022). The package is
pure: no clock reads, no I/O, no network; the ``creative-city`` command is the only
place that touches files.

The most used names are re-exported here (imported lazily, so ``import
creative_city`` stays cheap):

>>> import creative_city as cc
>>> cc.Money.of("100.00", "KZT").split(3)
(Money('33.34', 'KZT'), Money('33.33', 'KZT'), Money('33.33', 'KZT'))
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from creative_city._version import __version__

if TYPE_CHECKING:
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

_LAZY = {
    "CreativeCityError": "creative_city.errors",
    "Currency": "creative_city.money",
    "ExchangeRates": "creative_city.money",
    "Interval": "creative_city.time",
    "Money": "creative_city.money",
    "Period": "creative_city.time",
}


def __getattr__(name: str) -> Any:  # noqa: ANN401
    module = _LAZY.get(name)
    if module is None:
        message = f"module 'creative_city' has no attribute {name!r}"
        raise AttributeError(message)
    return getattr(importlib.import_module(module), name)


def __dir__() -> list[str]:
    return sorted(__all__)
