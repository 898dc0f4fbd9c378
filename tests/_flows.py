"""Flows for the XIRR tests: yearly flows, flows built from chosen roots, and the NPV
computed with ``decimal`` (60 digits) to check a root without the library's floats."""

from __future__ import annotations

import datetime as dt
import decimal
import math
from decimal import Decimal
from fractions import Fraction

from creative_city.money import Money

START = dt.date(2001, 1, 1)


def yearly(amounts, start=START):
    """Flows exactly 365 days apart, so ACT/365F year fractions are whole numbers."""
    return [(start + dt.timedelta(days=365 * i), a) for i, a in enumerate(amounts)]


def polynomial(roots, extra=()):
    """Coefficients (highest power first) of ``prod(z - root) * prod(extra factors)``.

    Read as yearly amounts ``a_0 .. a_n``, they are flows whose NPV at ``z = 1 + r``
    is ``z ** -n`` times this polynomial: their internal rates of return are exactly
    ``root - 1`` for each root, plus those of the extra factors.
    """
    coefficients = [Fraction(1)]
    for factor in [[Fraction(1), -Fraction(z)] for z in roots] + [list(f) for f in extra]:
        product = [Fraction(0)] * (len(coefficients) + len(factor) - 1)
        for i, a in enumerate(coefficients):
            for j, b in enumerate(factor):
                product[i + j] += a * b
        coefficients = product
    return coefficients


EXACT = decimal.Context(prec=60)


def exact(number):
    """A number as a 60-digit Decimal (floats exactly, Fractions divided out)."""
    if isinstance(number, Money):
        return number.amount
    if isinstance(number, Fraction):
        return EXACT.divide(Decimal(number.numerator), Decimal(number.denominator))
    return Decimal(number)


def terms(flows, x):
    """Each flow's discounted value at ``x = ln(1 + r)`` and its time in years."""
    first = min(d for d, _ in flows)
    with decimal.localcontext(EXACT):
        return [
            (exact(amount) * (-x * (Decimal((day - first).days) / 365)).exp(),
             Decimal((day - first).days) / 365)
            for day, amount in flows
        ]  # fmt: skip


def npv_at(flows, x):
    with decimal.localcontext(EXACT):
        return sum((v for v, _ in terms(flows, x)), Decimal(0))


def bracket(flows, rate):
    """Half-width, in ``x = ln(1 + r)``, within which a float root finder can place a root.

    Each float term ``a * exp(-x * t)`` is off by a few roundings of its exponent
    ``x * t`` and of itself, so the float NPV is off by about ``eps * sum(|term| *
    (1 + |x t|))`` and its root by that over the slope; on top come the solver's
    tolerance (a few ulps of ``x``) and the rounding of the rate itself to a float.
    """
    x = Decimal(math.log1p(rate))
    values = terms(flows, x)
    with decimal.localcontext(EXACT):
        noise = sum(abs(v) * (1 + abs(x) * t) for v, t in values)
        noise *= Decimal(8 * (len(flows) + 8)) * Decimal(2) ** -52
        slope = abs(sum(v * t for v, t in values))
        representable = Decimal(2 * math.ulp(rate)) / (1 + Decimal(rate))
        return x, (
            noise / slope + Decimal("1e-14") * (1 + abs(x)) + representable if slope else None
        )


def assert_bracketed(flows, rate):
    """The NPV has opposite signs just below and just above *rate* (exact arithmetic)."""
    x, half = bracket(flows, rate)
    assert half is not None
    below, above = npv_at(flows, x - half), npv_at(flows, x + half)
    assert below == 0 or above == 0 or (below > 0) != (above > 0), (rate, half, below, above)
    return half
