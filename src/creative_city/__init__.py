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

import importlib
from typing import TYPE_CHECKING

from creative_city._version import __version__
from creative_city.errors import CreativeCityError

if TYPE_CHECKING:
    from creative_city.money import Currency, ExchangeRates, Money
    from creative_city.time import Interval, Period

_LAZY = ("creative_city.money", "creative_city.time")
"""Where the other re-exported names live: loaded when one is first asked for, so a
command that needs neither (``creative-city conformance``) starts without them (about
0.08 s of imports, most of it money's)."""

__all__ = [
    "CreativeCityError",
    "Currency",
    "ExchangeRates",
    "Interval",
    "Money",
    "Period",
    "__version__",
]


def __getattr__(name: str) -> object:  # PEP 562
    # The module whose __all__ holds the name says where it is (no table of names).
    if name in __all__:
        for where in _LAZY:
            module = importlib.import_module(where)
            if name in module.__all__:
                value = getattr(module, name)
                globals()[name] = value
                return value
    message = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(message)
