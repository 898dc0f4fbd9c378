"""Takahashi-Alexander projection: hand-computed years, tie-outs, bad parameters."""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

import pytest
from hypothesis import given, settings

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.funding import Projection, ProjectionParameters, project
from creative_city.money import Money
from creative_city.serialization import from_json, to_json
from creative_city.testing import venture as vst


def kzt(amount):
    return Money.of(amount, "KZT")


def test_three_year_fund_by_hand():
    # CC = 1000, RC = 50%, Y = 10%, B = 2, G = 0, L = 3.
    # Year 1: C = 500; D = RD * NAV_0 = 0; NAV = 500.
    # Year 2: C = 0.5 * 500 = 250; RD = max(0.1, (2/3)^2 = 0.444...) -> D = 222.22; NAV 527.78.
    # Year 3 (last): the remaining 250 is called and everything is paid out: D = 777.78.
    p = project(ProjectionParameters(kzt(1000), [Fraction(1, 2)], Fraction(1, 10), 2, 0, 3))
    rows = [(y.calls, y.distributions, y.nav) for y in p.years]
    assert rows == [
        (kzt(500), kzt(0), kzt(500)),
        (kzt(250), kzt("222.22"), kzt("527.78")),
        (kzt(250), kzt("777.78"), kzt(0)),
    ]
    assert p.years[0].distribution_rate == Decimal("0.11111111111111111111")


def test_growth_is_the_residual_by_hand():
    # CC = 1000, RC = 50%, Y = 0, B = 1, G = 10%, L = 2: year 2 grows 500 to 550, calls
    # 500 and pays out 1050: growth 50.
    p = project(ProjectionParameters(kzt(1000), ["0.5"], 0, 1, Fraction(1, 10), 2))
    assert [y.growth for y in p.years] == [kzt(0), kzt(50)]
    assert p.years[1].distributions == kzt(1050)


def test_yale_style_parameters_first_years_by_hand():
    # Takahashi and Alexander (2001) illustrate RC = 25%, 33.3%, 50% thereafter, B = 2.5,
    # G = 13%, L = 12. For the Almaty fund (CC = 20 bn KZT):
    # year 1 calls 25% of 20 bn = 5 bn; year 2 33.3% of 15 bn = 4.995 bn;
    # year 3 50% of 10.005 bn = 5.0025 bn.
    params = ProjectionParameters(
        kzt(20_000_000_000), ["0.25", "0.333", "0.5"], 0, "2.5", "0.13", 12
    )
    p = project(params)
    assert [y.calls for y in p.years[:3]] == [
        kzt(5_000_000_000),
        kzt(4_995_000_000),
        kzt(5_002_500_000),
    ]
    # Year 2 distributions: (2/12)^2.5 x 5 bn x 1.13, computed here with 50 digits.
    with localcontext() as ctx:
        ctx.prec = 50
        rate = (Decimal(2) / Decimal(12)) ** Decimal("2.5")
        expected = (rate.quantize(Decimal("1e-20")) * Decimal(5_650_000_000)).quantize(
            Decimal("0.01")
        )
    assert p.years[1].distributions.amount == expected
    assert p.years[-1].cumulative_calls == kzt(20_000_000_000)
    assert p.years[-1].nav == kzt(0)


@given(vst.projection_parameters())
def test_totals_tie_out_to_the_tiyn(params):
    p = project(params)
    assert len(p.years) == params.life
    assert sum(y.calls for y in p.years) == params.commitment
    assert p.years[-1].cumulative_calls == params.commitment
    assert p.years[-1].uncalled == kzt(0)
    assert p.years[-1].nav == kzt(0)
    nav = kzt(0)
    paid = dist = kzt(0)
    for y in p.years:
        assert y.nav == nav + y.growth + y.calls - y.distributions
        paid += y.calls
        dist += y.distributions
        assert (y.cumulative_calls, y.cumulative_distributions) == (paid, dist)
        assert y.calls >= 0
        assert y.distributions >= 0
        assert y.uncalled == params.commitment - paid
        nav = y.nav


@settings(max_examples=30)
@given(vst.projection_parameters())
def test_projection_round_trips_through_json(params):
    p = project(params)
    assert from_json(to_json(p), Projection) == p
    assert len(p.to_records()) == params.life


def test_bad_parameters_are_rejected():
    with pytest.raises(ValidationError, match=r"^life = 0: must be an int from 1 to 60$"):
        ProjectionParameters(kzt(1000), ["0.5"], 0, 1, 0, 0)
    with pytest.raises(
        ValidationError, match=r"^contribution_rates\[0\] = '3/2': must be in \[0, 1\]$"
    ):
        ProjectionParameters(kzt(1000), ["1.5"], 0, 1, 0, 5)
    with pytest.raises(
        ValidationError, match=r"^contribution_rates = \[\]: must hold 1 to 60 rates$"
    ):
        ProjectionParameters(kzt(1000), [], 0, 1, 0, 5)
    with pytest.raises(
        InvalidTypeError,
        match=r"^contribution_rates\[0\] = 0\.5: must be an exact Fraction, int, Decimal or "
        r"decimal string$",
    ):
        ProjectionParameters(kzt(1000), [0.5], 0, 1, 0, 5)
    with pytest.raises(ValidationError, match=r"^commitment = '0\.00 KZT': must be > 0$"):
        ProjectionParameters(kzt(0), ["0.5"], 0, 1, 0, 5)
    with pytest.raises(
        ValidationError, match=r"^growth = '-1': must be above -1 and at most 10 \(1000%\)$"
    ):
        ProjectionParameters(kzt(1000), ["0.5"], 0, 1, -1, 5)
