"""A figure that rounds to zero is shown as 0, never -0.

Decimal keeps the sign of a negative value rounded to zero (``Decimal("-0.0000001")``
at six places is ``-0.000000``). Zero has no sign to report, and another
implementation printing ``0.000000`` must not be told it differs: tourism growth,
comparisons, growth tables and KPI statuses show an unsigned zero.
"""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import example, given
from hypothesis import strategies as st

from creative_city.oracle import evaluate
from creative_city.scenarios.distributions import Normal
from creative_city.scenarios.streams import Stream
from creative_city.tourism.indicators.arithmetic import shown

NEGATIVE_ZERO = re.compile(r"-0(\.0+)?")

levels = st.decimals(min_value=Decimal("0.001"), max_value=Decimal(10**9), places=3)


def _strings(data):
    if isinstance(data, dict):
        for value in data.values():
            yield from _strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from _strings(value)
    elif isinstance(data, str):
        yield data


@given(levels, st.integers(-3, 3), st.sampled_from([None, "1", "2.5", "10"]))
@example(Decimal(100), -1, "1")  # 99.999: -0.001 %, -0.0 at one place (the explanation)
@example(Decimal(1000000000), -1, "1")  # a CAGR of -1E-12: zero at ten places
def test_a_growth_that_rounds_to_zero_has_no_sign(previous, nudge, years):
    current = previous + nudge * Decimal("0.001")
    document = {"current": f"{max(current, Decimal(0)):f}", "previous": f"{previous:f}"}
    if years is not None:
        document["years"] = years
    answer = evaluate({"operation": "tourism.growth", "input": document})
    assert "output" in answer, answer
    for text in _strings(answer["output"]):
        assert not NEGATIVE_ZERO.fullmatch(text), answer
    explanation = answer["output"]["explanation"]
    assert "+-" not in explanation
    assert "-0.0%" not in explanation


@given(
    st.decimals(min_value=-1, max_value=1, allow_nan=False, places=12),
    st.integers(0, 10),
)
@example(Decimal("-0.0000001"), 6)
@example(Decimal("-0.5"), 0)  # half-even: -0
@example(Decimal(0).copy_negate(), 3)
def test_shown_rounds_half_even_and_drops_the_sign_of_zero(value, places):
    step = Decimal(1).scaleb(-places)
    result = shown(value, step)
    assert result == value.quantize(step)  # the value half-even at those places
    assert result.as_tuple().exponent == -places
    if result == 0:
        assert not result.is_signed()
        assert str(result) == str(step * 0)


def test_a_draw_that_rounds_to_zero_has_no_sign():
    # A normal around 0 with a tiny spread rounds most draws to 0.0 at one place; half
    # of them come from below zero.
    form = Normal(mean=0, sd="0.01", low=-1, high=1, places=1)
    draws = [form.sample(Stream(3, index, "g")) for index in range(200)]
    assert {str(draw) for draw in draws} == {"0.0"}
