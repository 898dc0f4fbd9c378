"""Hypothesis entry point: registers a strategy for every public type."""

from __future__ import annotations

import importlib
import pkgutil

__all__: list[str] = []


def _hypothesis_setup_hook() -> None:
    from hypothesis import strategies as st  # noqa: PLC0415 - only when hypothesis loads us

    from creative_city import testing  # noqa: PLC0415
    from creative_city.money import Currency, ExchangeRates, Money, Rate  # noqa: PLC0415
    from creative_city.testing import strategies as ccst  # noqa: PLC0415
    from creative_city.time import Interval, Period  # noqa: PLC0415

    st.register_type_strategy(Currency, ccst.currency_objects())
    st.register_type_strategy(Money, ccst.money())
    st.register_type_strategy(Rate, ccst.rates())
    st.register_type_strategy(ExchangeRates, ccst.exchange_rates())
    st.register_type_strategy(Interval, ccst.intervals())
    st.register_type_strategy(Period, ccst.periods())
    # Each part's strategies module has register(), which registers its public types.
    for info in pkgutil.iter_modules(testing.__path__, f"{testing.__name__}."):
        module = importlib.import_module(info.name)
        register = getattr(module, "register", None)
        if callable(register):
            register()
