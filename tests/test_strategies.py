"""The public strategies: registered through the hypothesis entry point."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import creative_city
from creative_city.money import Currency, ExchangeRates, Money, Rate
from creative_city.time import Interval, Period


@pytest.mark.parametrize("cls", [Currency, Money, Rate, ExchangeRates, Interval, Period])
def test_from_type_works_for_every_public_type(cls):
    @given(st.from_type(cls))
    def check(value):
        assert isinstance(value, cls)

    check()


def test_lazy_top_level_exports():
    assert creative_city.Money is Money
    assert sorted(creative_city.__all__) == creative_city.__all__
    with pytest.raises(AttributeError):
        _ = creative_city.NoSuchThing
