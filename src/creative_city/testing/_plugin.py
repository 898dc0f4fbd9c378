"""Hypothesis entry point: registers a strategy for every public type."""

from __future__ import annotations

import importlib

__all__: list[str] = []

# Each module exposes register() -> None, which calls st.register_type_strategy
# for the public types of its domain.
_DOMAIN_STRATEGY_MODULES = (
    "creative_city.testing.crowdfunding",
    "creative_city.testing.venture",
    "creative_city.testing.hubs",
    "creative_city.testing.tourism",
    "creative_city.testing.programme",
)


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only when hypothesis loads us

    from creative_city.money import Currency, ExchangeRates, Money, Rate  # noqa: PLC0415
    from creative_city.testing import strategies as ccst  # noqa: PLC0415
    from creative_city.time import Interval, Period  # noqa: PLC0415

    st.register_type_strategy(Currency, ccst.currency_objects())
    st.register_type_strategy(Money, ccst.money())
    st.register_type_strategy(Rate, ccst.rates())
    st.register_type_strategy(ExchangeRates, ccst.exchange_rates())
    st.register_type_strategy(Interval, ccst.intervals())
    st.register_type_strategy(Period, ccst.periods())
    for name in _DOMAIN_STRATEGY_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as error:  # a domain not built yet
            if error.name != name:
                raise
            continue
        module.register()
