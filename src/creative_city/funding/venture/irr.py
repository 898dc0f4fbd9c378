"""XIRR: the internal rate of return of dated cash flows (ACT/365F), bracketed.

The net present value of flows ``(d_i, a_i)`` at rate ``r`` is
``sum(a_i * (1 + r) ** -t_i)`` with ``t_i = act_365f(d_0, d_i)`` and ``d_0`` the
earliest date. Rates live in ``(-1, +inf)``; the solver works on ``x = ln(1 + r)``,
where the NPV is a sum of exponentials ``sum(a_i * exp(-x * t_i))``:

* By Laguerre's extension of Descartes' rule of signs, such a sum has at most as many
  real roots as its coefficients, ordered by date, have sign changes. No sign change:
  no root (:class:`~creative_city.errors.UndefinedResultError`). One sign change:
  exactly one root. A first guess stands all inflows and all outflows for two flows at
  their amount-weighted mean times (the root of those two); the bracket's other end
  is a quarter beyond the Newton step from it with those two flows' slope, and grows
  fourfold until the NPV changes sign; then the bracket is refined.
* Several sign changes: the NPV is sampled on a fixed grid of rates (denser near
  zero) and every sign change is refined; where three grid points share a sign and the
  middle one is nearest zero, a golden-section search looks for a pair of close roots
  hiding between them. :func:`xirr` returns the root **closest to zero** (the smaller
  one on a tie) and :func:`xirr_roots` returns them all. A root where the NPV only
  touches zero without crossing it (a double root) is not looked for; rounding may
  still make the floating-point NPV cross zero next to it, and that crossing is found.
* :func:`xirr` scans the grid outward from zero on both sides, but not beyond the
  first grid point of a side without roots: above zero when the running totals of the
  amounts in date order all have one sign, below zero when those from the last flow
  back do (there the NPV is a weighted mean of those totals, so it cannot vanish).
* The grid's resolution: its steps in ``x`` are about 0.002 near ``r = 0`` and 0.05
  near ``r = 100%``. Two roots closer than that are found when no third root is near
  them; three roots between two neighbouring grid points are found as one.

Refinement is Brent's method on ``x`` until the bracket is a few ulps wide, so the
result makes the NPV vanish to floating-point precision. Nothing returns ``None`` or
``NaN``: when there is no root the error says so.

The flows are checked and prepared (added up by date, times in years, the NPV's
evaluation) in :mod:`creative_city.funding.venture.flows`; this module finds roots.
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import accumulate, repeat
from operator import lt
from typing import Final

from creative_city.errors import InvalidTypeError, UndefinedResultError, ValidationError
from creative_city.funding.venture.flows import Amount, DatedFlows

__all__ = ["xirr", "xirr_roots", "xnpv"]

DEFAULT_LOW: Final = -0.9999
"""Default lowest rate searched by :func:`xirr_roots` and :func:`xirr` (-99.99%)."""

DEFAULT_HIGH: Final = 1_000_000.0
"""Default highest rate searched (100,000,000%)."""

_GRID_POINTS: Final = 160
_GRID_SCALE: Final = 0.05


def _brent(flows: DatedFlows, a: float, b: float, fa: float, fb: float) -> float:
    """Brent's method on the bracket [a, b] of ``flows.sign_at`` (fa * fb < 0)."""
    c, fc = a, fa
    d = e = b - a
    for _ in range(200):
        if (fb > 0) == (fc > 0):
            c, fc = a, fa
            d = e = b - a
        if abs(fc) < abs(fb):
            a, b, c = b, c, b
            fa, fb, fc = fb, fc, fb
        tol = 2.0 * 2.2e-16 * abs(b) + 5e-16  # far below any meaningful rate difference
        m = 0.5 * (c - b)
        if abs(m) <= tol or fb == 0:
            return b
        if abs(e) >= tol and abs(fa) > abs(fb):
            s = fb / fa
            if a == c:
                p, q = 2.0 * m * s, 1.0 - s
            else:
                q, r = fa / fc, fb / fc
                p = s * (2.0 * m * q * (q - r) - (b - a) * (r - 1.0))
                q = (q - 1.0) * (r - 1.0) * (s - 1.0)
            if p > 0:
                q = -q
            p = abs(p)
            if 2.0 * p < min(3.0 * m * q - abs(tol * q), abs(e * q)):
                e, d = d, p / q
            else:
                d = e = m
        else:
            d = e = m
        a, fa = b, fb
        b += d if abs(d) > tol else math.copysign(tol, m)
        fb = flows.sign_at(b)
    return b


def _check_range(low: object, high: object) -> tuple[float, float]:
    for name, value in (("low", low), ("high", high)):
        if isinstance(value, bool) or not isinstance(value, (int, float, Decimal, Fraction)):
            raise InvalidTypeError(name, value, "must be a number")
        if not math.isfinite(float(value)):
            raise ValidationError(name, value, "must be finite")
    lo, hi = float(low), float(high)  # type: ignore[arg-type]
    if not -1 < lo < hi:
        raise ValidationError("low", low, f"must satisfy -1 < low < high (high = {high})")
    return lo, hi


def _grid(lo: float, hi: float) -> list[float]:
    """Sample points in x = ln(1 + r), denser near r = 0, always including x = 0."""
    xlo, xhi = math.log1p(lo), math.log1p(hi)
    points = {xlo, xhi}
    if xlo < 0 < xhi:
        points.add(0.0)
    # A uniform grid in asinh(x / scale) puts many points near zero and few far away.
    ulo, uhi = math.asinh(xlo / _GRID_SCALE), math.asinh(xhi / _GRID_SCALE)
    step = (uhi - ulo) / _GRID_POINTS
    points.update(_GRID_SCALE * math.sinh(ulo + i * step) for i in range(1, _GRID_POINTS))
    return sorted(p for p in points if xlo <= p <= xhi)


_GOLDEN: Final = (math.sqrt(5) - 1) / 2
_DIP_STEPS: Final = 60


def _dip(flows: DatedFlows, a: float, c: float, sign: float) -> float | None:
    """Look for a point of [a, c] where the NPV has the sign opposite to *sign*.

    Used where three grid points have one sign and the middle one is nearest zero: two
    close roots may hide between them. Golden-section search on ``sign * NPV``.
    """
    b1, b2 = c - _GOLDEN * (c - a), a + _GOLDEN * (c - a)
    g1, g2 = sign * flows.sign_at(b1), sign * flows.sign_at(b2)
    for _ in range(_DIP_STEPS):
        if g1 <= 0:
            return b1
        if g2 <= 0:
            return b2
        if g1 < g2:
            c, b2, g2 = b2, b1, g1
            b1 = c - _GOLDEN * (c - a)
            g1 = sign * flows.sign_at(b1)
        else:
            a, b1, g1 = b1, b2, g2
            b2 = a + _GOLDEN * (c - a)
            g2 = sign * flows.sign_at(b2)
        if c - a <= 1e-13 * (1 + abs(a)):
            break
    return None


def _bracketed(flows: DatedFlows, a: float, fa: float, b: float, fb: float) -> float:
    return _brent(flows, a, b, fa, fb) if a < b else _brent(flows, b, a, fb, fa)


def _new_roots(
    flows: DatedFlows,
    new: tuple[float, float],
    mid: tuple[float, float],
    far: tuple[float, float] | None,
) -> list[float]:
    """Roots between the points *mid* and *new* (``(x, NPV)`` pairs, adjacent on the grid).

    When *far*, *mid* and *new* all have one sign and *mid* is nearest zero, two close
    roots may hide around *mid*: look for them (see :func:`_dip`).
    """
    (xn, fn), (xm, fm) = new, mid
    if fn == 0:
        return [xn]
    if fm == 0:
        return _beside_zero(flows, new, mid, far)
    if (fm > 0) != (fn > 0):
        return [_bracketed(flows, xm, fm, xn, fn)]
    if far is not None:
        ff = far[1]
        if (ff > 0) == (fm > 0) == (fn > 0) and abs(fm) < abs(ff) and abs(fm) < abs(fn):
            return _either_side_of_dip(flows, far, new, 1.0 if fm > 0 else -1.0) or []
    return []


_TOUCH: Final = 1e-7
"""Two roots closer than this (in ``ln(1 + r)``, relative) are one, beside an exact zero."""


def _beside_zero(
    flows: DatedFlows,
    new: tuple[float, float],
    mid: tuple[float, float],
    far: tuple[float, float] | None,
) -> list[float]:
    """A root next to the grid point *mid*, whose NPV is exactly 0 (a root itself).

    Across a simple root the NPV changes sign; when *far* and *new*, either side of it,
    have one sign, the NPV changed sign once more between them: look on *new*'s side,
    then on *far*'s (the sign-changing roots of ``[1, -2.001, 1.001]`` a year apart are
    0 and 0.1%, and 0 is a grid point). A root of even order at *mid* leaves both
    searches empty.
    """
    if far is None or far[1] == 0 or (far[1] > 0) != (new[1] > 0):
        return []
    zero = (mid[0], 0.0)
    sign = 1.0 if new[1] > 0 else -1.0
    for side in ((zero, new), (far, zero)):
        found = _either_side_of_dip(flows, *side, sign, beside=mid[0])
        if found is not None:
            return found
    return []


def _either_side_of_dip(
    flows: DatedFlows,
    one: tuple[float, float],
    other: tuple[float, float],
    sign: float,
    beside: float | None = None,
) -> list[float] | None:
    """The roots either side of a point between two ``(x, NPV)`` ends where the NPV turns.

    The ends have *sign*, or one is an exact zero (a root already known, not searched
    again); the point is one where the NPV has the opposite sign (:func:`_dip`, which
    takes its interval in increasing order: the closest-root scan also goes down the
    grid), and ``None`` is returned if none is found. Beside a root of even order at
    *beside* the NPV is a float's rounding away from 0: a point found within
    :data:`_TOUCH` of it is that noise, not a second root.
    """
    (xa, fa), (xb, fb) = sorted((one, other))
    middle = _dip(flows, xa, xb, sign)
    if middle is None or (
        beside is not None and abs(middle - beside) <= _TOUCH * (1 + abs(beside))
    ):
        return None
    fmid = flows.sign_at(middle)
    if fmid == 0:
        return [middle]
    below = [_brent(flows, xa, middle, fa, fmid)] if fa != 0 else []
    return below + ([_brent(flows, middle, xb, fmid, fb)] if fb != 0 else [])


def _roots(flows: DatedFlows, lo: float, hi: float) -> list[float]:
    if flows.sign_changes == 0:
        return []
    xs = _grid(lo, hi)
    values = [flows.sign_at(xs[0])]
    found: list[float] = [xs[0]] if values[0] == 0 else []
    for i in range(1, len(xs)):
        values.append(flows.sign_at(xs[i]))
        far = (xs[i - 2], values[i - 2]) if i >= 2 else None
        found.extend(_new_roots(flows, (xs[i], values[i]), (xs[i - 1], values[i - 1]), far))
        if len(found) >= flows.sign_changes:  # Descartes-Laguerre bound reached
            break
    return found


def _rootless_sides(amounts: list[float]) -> tuple[bool, bool]:
    """Whether the NPV surely has no root at rates below zero, and above zero.

    For ``x >= 0`` the NPV, scaled as :meth:`DatedFlows.sign_at` scales it, is a
    weighted mean of the running totals ``a_0, a_0 + a_1, ..., a_0 + ... + a_n`` of
    the amounts in date order (Abel summation: the weights ``exp(-x t_k) -
    exp(-x t_(k+1))`` and ``exp(-x t_n)`` are >= 0 and add up to 1). When every
    running total has one sign, so has the NPV, and no rate above zero is a root
    (Norstrom's criterion, 1972, with no sign change). For ``x <= 0`` the same holds
    for the running totals from the last flow back. A total must exceed the rounding
    of any evaluation (a few ulps of the sum of sizes per flow) by far, so that no
    evaluation at a grid point or in a dip search can come out zero or of the other sign.
    """
    margin = len(amounts) * sum(map(abs, amounts)) * 2.0**-48

    def one_signed(totals: Iterable[float], first: float) -> bool:
        # Every total above the margin, or every one below minus it (stops at the first
        # that is not).
        if first > 0:
            return all(map(lt, repeat(margin), totals))
        return all(map(lt, totals, repeat(-margin)))

    below = one_signed(accumulate(reversed(amounts)), amounts[-1])
    above = one_signed(accumulate(amounts), amounts[0])
    return below, above


def _closest_root(flows: DatedFlows, lo: float, hi: float) -> float | None:
    """The root closest to r = 0: scan the grid outward from zero on both sides."""
    xs = _grid(lo, hi)
    start = min(range(len(xs)), key=lambda i: abs(xs[i]))
    values = {start: flows.sign_at(xs[start])}
    if values[start] == 0:
        return xs[start]
    first, last = 0, len(xs) - 1
    if xs[start] == 0:
        # A side with no root is scanned only up to its first grid point, which the
        # dip search around r = 0 (between both sides' first points) needs.
        below, above = _rootless_sides(flows.amounts)
        if below:
            first = max(start - 1, first)
        if above:
            last = min(start + 1, last)
    best: float | None = None
    left, right = start - 1, start + 1
    while left >= first or right <= last:
        # A root in the next interval on a side is at least as far from zero as that
        # interval's inner end, which is already evaluated: scan the nearer side first
        # and stop once both sides can only hold roots farther than the best one.
        left_r = abs(math.expm1(xs[left + 1])) if left >= first else math.inf
        right_r = abs(math.expm1(xs[right - 1])) if right <= last else math.inf
        if best is not None and min(left_r, right_r) > abs(math.expm1(best)):
            break
        if left_r <= right_r:
            index, step = left, 1
            left -= 1
        else:
            index, step = right, -1
            right += 1
        values[index] = flows.sign_at(xs[index])
        mid, far = index + step, index + 2 * step
        roots = _new_roots(
            flows,
            (xs[index], values[index]),
            (xs[mid], values[mid]),
            (xs[far], values[far]) if far in values else None,
        )
        for root in roots:
            if best is None or (abs(math.expm1(root)), root) < (abs(math.expm1(best)), best):
                best = root
    return best


_Model = tuple[float, float, float, float]


def _model(flows: DatedFlows) -> _Model | None:
    """Two flows standing for all: the inflows and the outflows added up, each at its
    amount-weighted mean time, as ``(inflow, outflow, t_in, t_out)``, or None.

    Only for flows with exactly one sign change: the inflows are then one run of
    flows at one end and the outflows the run at the other, so each side is a slice.
    """  # noqa: D205
    split = flows.first_change()  # the first flow of the second run
    early, late, early_at, late_at = flows.moments(split)
    # sum(a * neg_time) has the sign opposite to the amounts' (neg_time <= 0).
    if flows.amounts[0] > 0:
        inflow, outflow, t_in, t_out = early, -late, -early_at, late_at
    else:
        inflow, outflow, t_in, t_out = late, -early, -late_at, early_at
    if inflow <= 0 or outflow <= 0:
        return None
    return inflow, outflow, t_in / inflow, t_out / outflow


def _guess(model: _Model | None) -> float:
    """A first estimate of x = ln(1 + r): the root of the *model*'s two flows, the log
    multiple over the gap between their times (0 without a model).

    The gap is never 0 (with one sign change, the inflows all come before the outflows
    or after them), and the logs are taken apart so that a multiple beyond the range of
    floats still gives a finite guess (the search clamps it to the range).
    """  # noqa: D205
    if model is None:
        return 0.0
    inflow, outflow, t_in, t_out = model
    guess = (math.log(inflow) - math.log(outflow)) / (t_in - t_out)
    return guess if math.isfinite(guess) else 0.0


def _first_step(flows: DatedFlows, model: _Model | None, x: float, value: float) -> float:
    """How far from *x* (the first guess, where the scaled NPV is *value*) to look for
    the other end of a bracket: a quarter beyond the Newton step with the slope of the
    *model*'s two flows (but at least a few ulps of *x*), or a fixed step when there is
    no model or its slope is zero or not finite.
    """  # noqa: D205
    if model is not None:
        inflow, outflow, t_in, t_out = model
        scale = flows.scale_time if x < 0 else 0.0  # sign_at's factor is exp(x * scale)
        slope = t_out * outflow * math.exp(x * (scale - t_out)) - t_in * inflow * math.exp(
            x * (scale - t_in)
        )
        step = 1.25 * abs(value / slope) if slope else math.inf
        if step < math.inf:  # at least a few ulps of x, so that the bracket can close
            return max(step, 1e-15 * (1 + abs(x)))
    return 0.001 + 0.02 * abs(x)


def _single_root(flows: DatedFlows, lo: float, hi: float) -> float | None:
    """The one root (one sign change): expand a bracket outward from a first guess."""
    xlo, xhi = math.log1p(lo), math.log1p(hi)
    model = _model(flows)
    x0 = min(max(_guess(model), xlo), xhi)
    f0 = flows.sign_at(x0)
    if f0 == 0:
        return x0
    # At x -> +inf the NPV has the sign of the first flow; at -inf, of the last one. A
    # first amount of 0.0 (too small for a float) is no inflow: the outflows after it
    # give the sign.
    going_up = (f0 > 0) == (flows.amounts[0] <= 0)
    step = _first_step(flows, model, x0, f0)
    a, fa = x0, f0
    while True:
        b = min(a + step, xhi) if going_up else max(a - step, xlo)
        if b == a:
            return None
        fb = flows.sign_at(b)
        if fb == 0:
            return b
        if (fb > 0) != (fa > 0):
            lo_x, hi_x, flo, fhi = (a, b, fa, fb) if a < b else (b, a, fb, fa)
            return _brent(flows, lo_x, hi_x, flo, fhi)
        a, fa = b, fb
        step *= 4


def xirr_roots(
    flows: Iterable[tuple[_dt.date, Amount]],
    *,
    low: float = DEFAULT_LOW,
    high: float = DEFAULT_HIGH,
) -> tuple[float, ...]:
    """Return every rate in ``[low, high]`` where the NPV of *flows* changes sign.

    The NPV is sampled on a fixed grid of rates (denser near zero), each sign change is
    refined with Brent's method and dips toward zero between grid points are searched
    for pairs of close roots, also beside a grid point where the NPV is exactly zero;
    the search stops once as many roots as the flows have sign changes are found (no
    more can exist). Roots where the NPV only touches zero are not looked for, and
    three roots between two neighbouring grid points are found as one (see the
    module's docs).

    Args:
        flows: ``(date, amount)`` pairs; dates are ``datetime.date`` or aware datetimes
            (taken as their UTC date); amounts are ``int``, ``Decimal``, ``Fraction`` or
            ``Money`` (one currency). Flows on the same date are added.
        low: The lowest rate searched (> -1).
        high: The highest rate searched.

    Returns:
        The roots as floats, ascending (empty when there is none in the range).

    Raises:
        ValidationError: Fewer than two flows, or a bad range.
        InvalidTypeError: A naive datetime, a float amount or a malformed pair.

    >>> import datetime as dt
    >>> day = dt.date(2001, 1, 1)
    >>> flows = [
    ...     (day + dt.timedelta(days=365 * i), a) for i, a in enumerate([-50, -100, 600, 300, -100])
    ... ]
    >>> [round(r, 6) for r in xirr_roots(flows)]
    [-0.768895, 1.854418]
    """
    prepared = DatedFlows(flows)
    lo, hi = _check_range(low, high)
    return tuple(sorted(math.expm1(x) for x in _roots(prepared, lo, hi)))


def xirr(
    flows: Iterable[tuple[_dt.date, Amount]],
    *,
    low: float = DEFAULT_LOW,
    high: float = DEFAULT_HIGH,
) -> float:
    """Return the internal rate of return of dated *flows* (ACT/365F), as a float.

    Which root: with one sign change in the flows (ordered by date) there is exactly
    one root and it is returned. With several, every root in ``[low, high]`` is
    found (see :func:`xirr_roots`) and the one **closest to zero** is returned; on a
    tie (``-r`` and ``r``) the negative one.

    Args:
        flows: ``(date, amount)`` pairs (see :func:`xirr_roots`).
        low: The lowest rate searched (> -1).
        high: The highest rate searched.

    Returns:
        The annual rate, e.g. ``0.1`` for 10%.

    Raises:
        UndefinedResultError: The flows have no sign change (all inflows or all
            outflows), or no root lies in ``[low, high]``.
        ValidationError: Fewer than two flows, or a bad range.
        InvalidTypeError: A naive datetime, a float amount or a malformed pair.

    >>> import datetime as dt
    >>> round(xirr([(dt.date(2020, 1, 1), -100), (dt.date(2021, 1, 1), 110)]), 6)
    0.099714
    """
    prepared = DatedFlows(flows)
    lo, hi = _check_range(low, high)
    if prepared.sign_changes == 0:
        raise UndefinedResultError(
            "flows",
            f"<{len(prepared.amounts)} non-zero dated flows, all of one sign>",
            "an internal rate of return needs at least one inflow and one outflow "
            "(no sign change, so the NPV never crosses zero)",
        )
    if prepared.sign_changes == 1:
        x = _single_root(prepared, lo, hi)
        roots = [] if x is None else [x]
    else:
        x = _closest_root(prepared, lo, hi)
        roots = [] if x is None else [x]
    if not roots:
        raise UndefinedResultError(
            "flows",
            f"<{len(prepared.amounts)} dated flows>",
            f"the NPV has no root with a rate in [{lo}, {hi}]",
        )
    rates = [math.expm1(x) for x in roots]
    return min(rates, key=lambda r: (abs(r), r))


def xnpv(rate: float | Decimal | Fraction, flows: Sequence[tuple[_dt.date, Amount]]) -> float:
    """Return the net present value of *flows* at *rate* (ACT/365F from the first date).

    The first date is the earliest date given, even when its flows are zero or cancel
    (as in spreadsheets' XNPV, where the first payment's date starts the schedule).

    Args:
        rate: The annual rate (> -1).
        flows: ``(date, amount)`` pairs (see :func:`xirr_roots`).

    Raises:
        ValidationError: If the rate is not above -1 or there are fewer than two flows.

    >>> import datetime as dt
    >>> xnpv(0.1, [(dt.date(2020, 1, 1), -100), (dt.date(2020, 1, 1), 100)])
    0.0
    >>> round(xnpv(0.1, [(dt.date(2021, 1, 1), 0), (dt.date(2022, 1, 1), 110)]), 10)
    100.0
    """
    if isinstance(rate, bool) or not isinstance(rate, (int, float, Decimal, Fraction)):
        raise InvalidTypeError("rate", rate, "must be a number")
    r = float(rate)
    if not math.isfinite(r) or r <= -1:
        raise ValidationError("rate", rate, "must be a finite number above -1")
    prepared = DatedFlows(flows)
    x = math.log1p(r)
    lead = prepared.lead_time
    return math.fsum(
        a * math.exp(x * (nt - lead))
        for a, nt in zip(prepared.amounts, prepared.neg_times, strict=True)
    )
