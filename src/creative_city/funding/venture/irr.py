"""XIRR: the internal rate of return of dated cash flows (ACT/365F), bracketed.

The net present value of flows ``(d_i, a_i)`` at rate ``r`` is
``sum(a_i * (1 + r) ** -t_i)`` with ``t_i = act_365f(d_0, d_i)`` and ``d_0`` the
earliest date. Rates live in ``(-1, +inf)``; the solver works on ``x = ln(1 + r)``,
where the NPV is a sum of exponentials ``sum(a_i * exp(-x * t_i))``:

* By Laguerre's extension of Descartes' rule of signs, such a sum has at most as many
  real roots as its coefficients, ordered by date, have sign changes. No sign change:
  no root (:class:`~creative_city.errors.UndefinedResultError`). One sign change:
  exactly one root, found by expanding a bracket from ``r = 0`` and refining it.
* Several sign changes: the NPV is sampled on a fixed grid of rates (denser near
  zero) and every sign change is refined; where three grid points share a sign and the
  middle one is nearest zero, a golden-section search looks for a pair of close roots
  hiding between them. :func:`xirr` returns the root **closest to zero** (the smaller
  one on a tie) and :func:`xirr_roots` returns them all. A root where the NPV only
  touches zero without crossing it (a double root) is not reported.

Refinement is Brent's method on ``x`` until the bracket is a few ulps wide, so the
result makes the NPV vanish to floating-point precision. Nothing returns ``None`` or
``NaN``: when there is no root the error says so.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import math
from collections.abc import Iterable, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import groupby, islice, repeat
from operator import add, itemgetter, lt, mul
from typing import Final, cast

from creative_city.errors import (
    CurrencyMismatchError,
    InvalidTypeError,
    UndefinedResultError,
    ValidationError,
)
from creative_city.money import Money
from creative_city.time import UTC

__all__ = ["xirr", "xirr_roots", "xnpv"]

Amount = int | Decimal | Fraction | Money
"""An amount in a cash flow: an exact number or :class:`~creative_city.money.Money`."""

DEFAULT_LOW: Final = -0.9999
"""Default lowest rate searched by :func:`xirr_roots` and :func:`xirr` (-99.99%)."""

DEFAULT_HIGH: Final = 1_000_000.0
"""Default highest rate searched (100,000,000%)."""

_GRID_POINTS: Final = 160
_GRID_SCALE: Final = 0.05
_MAX_FLOWS: Final = 1_000_000


def _ordinal(value: object, field: str) -> int:
    if type(value) is _dt.date:
        return value.toordinal()
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise InvalidTypeError(
                field, value, "datetimes must be timezone-aware (naive datetimes are rejected)"
            )
        return value.astimezone(UTC).date().toordinal()
    if isinstance(value, _dt.date):
        return value.toordinal()
    raise InvalidTypeError(field, value, "must be a datetime.date or an aware datetime")


# Exact decimal sums: far more digits than any amount, and Inexact trapped.
_EXACT: Final = decimal.Context(
    prec=400, traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow]
)


def _number(value: object, field: str) -> Decimal | Fraction:
    if isinstance(value, Money):
        return value.amount
    if isinstance(value, bool):
        raise InvalidTypeError(field, value, "must be int, Decimal, Fraction or Money, not bool")
    if isinstance(value, float):
        raise InvalidTypeError(
            field, value, "must be int, Decimal, Fraction or Money, never float (inexact)"
        )
    if isinstance(value, int):
        return Decimal(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError(field, value, "must be finite")
        return Decimal(value)
    if isinstance(value, Fraction):
        return Fraction(value)
    raise InvalidTypeError(field, value, "must be int, Decimal, Fraction or Money")


def _add(a: Decimal | Fraction, b: Decimal | Fraction) -> Decimal | Fraction:
    if type(a) is Decimal and type(b) is Decimal:
        return _EXACT.add(a, b)
    return Fraction(a) + Fraction(b)


_MAX_AMOUNT: Final = 1e30
_first: Final = itemgetter(0)
_second: Final = itemgetter(1)


def _fast_columns(
    items: list[object],
) -> tuple[list[int], list[Decimal | int], list[float]] | None:
    """Columns of (date, Decimal or int) pairs without per-item checks, else None.

    Also returns the amounts as floats (the conversion is most of the set-up time, so
    it is done once here). A non-finite ``Decimal`` gives a non-finite float (or, for
    a signalling NaN, a ``ValueError``): then None, and the checked path names it.
    """
    pairs = cast("list[tuple[object, object]]", items)  # checked just below
    if set(map(type, items)) <= {tuple, list} and set(map(len, pairs)) == {2}:
        # Plain pairs: item getters allocate nothing, unlike the 10,000 short-lived
        # iterators of zip(*items) (which set off the garbage collector).
        whens, amounts = tuple(map(_first, pairs)), tuple(map(_second, pairs))
    else:
        try:
            whens, amounts = zip(*items, strict=True)
        except (TypeError, ValueError):
            return None
    if set(map(type, whens)) != {_dt.date}:
        return None
    kinds = set(map(type, amounts))
    if kinds == {Decimal}:
        try:
            floats = list(map(float, amounts))
        except ValueError:  # a signalling NaN
            return None
        if not math.isfinite(sum(floats)):  # NaN, infinity (or a huge amount)
            return None
    elif kinds == {int}:
        floats = list(map(float, amounts))
    else:
        return None
    return list(map(_dt.date.toordinal, whens)), list(amounts), floats


def _checked_columns(items: list[object]) -> tuple[list[int], list[Decimal | Fraction]]:
    """Columns of any accepted pairs, checking each item (errors name its index)."""
    days: list[int] = []
    values: list[Decimal | Fraction] = []
    currency = None
    for index, item in enumerate(items):
        if not isinstance(item, (tuple, list)) or len(item) != 2:
            raise InvalidTypeError(f"flows[{index}]", item, "must be a (date, amount) pair")
        when, amount = item
        days.append(_ordinal(when, f"flows[{index}].date"))
        if isinstance(amount, Money):
            if currency is None:
                currency = amount.currency
            elif amount.currency != currency:
                raise CurrencyMismatchError(
                    f"flows[{index}].amount",
                    f"{currency.code} and {amount.currency.code}",
                    "all flows must be in one currency",
                )
        values.append(_number(amount, f"flows[{index}].amount"))
    return days, values


def _aggregate(
    days: list[int], values: Sequence[Decimal | Fraction | int]
) -> tuple[list[int], list[Decimal | Fraction]]:
    """Sort by date and add the flows of each date exactly."""
    by_day: dict[int, Decimal | Fraction] = {}
    for day, value in zip(days, values, strict=True):
        exact = Decimal(value) if isinstance(value, int) else value
        known = by_day.get(day)
        by_day[day] = exact if known is None else _add(known, exact)
    ordered = sorted(by_day)
    return ordered, [by_day[d] for d in ordered]


class _Flows:
    """Validated flows aggregated by date: times in years and float amounts."""

    __slots__ = ("amounts", "blocks", "last_time", "neg_times", "positive", "sign_changes")

    def __init__(self, flows: object) -> None:
        if isinstance(flows, (str, bytes)) or not isinstance(flows, Iterable):
            raise InvalidTypeError("flows", flows, "must be a sequence of (date, amount) pairs")
        items = list(flows)
        if len(items) < 2:
            raise ValidationError("flows", items, "needs at least two (date, amount) pairs")
        if len(items) > _MAX_FLOWS:
            raise ValidationError("flows", f"<{len(items)} flows>", f"at most {_MAX_FLOWS} flows")
        fast = _fast_columns(items)
        floats: list[float] | None = None
        values: Sequence[Decimal | Fraction | int]
        if fast is not None:
            days, values, floats = fast
        else:
            days, values = _checked_columns(items)
        if not all(map(lt, days, islice(days, 1, None))):  # unsorted or repeated dates
            days, values = _aggregate(days, values)
            floats = None
        if floats is None:
            floats = list(map(float, values))
        if max(floats) >= _MAX_AMOUNT or min(floats) <= -_MAX_AMOUNT:
            raise ValidationError("flows", "<amount>", "amounts must be below 10**30 in size")
        if 0.0 in floats:
            keep = [i for i, v in enumerate(values) if v != 0]
            days, floats = [days[i] for i in keep], [floats[i] for i in keep]
        signs = list(map(lt, repeat(0.0), floats))  # amount > 0, one flag per flow
        self.positive = signs
        self.sign_changes = sum(1 for _ in groupby(signs)) - 1 if signs else 0
        start = days[0] if days else 0
        # ACT/365F (creative_city.time.act_365f): whole days / 365, correctly rounded.
        self.neg_times = [(start - d) / 365 for d in days]
        self.last_time = -self.neg_times[-1] if days else 0.0
        self.amounts = floats
        self.blocks = _Blocks.build(days, floats)

    def sign_at(self, x: float) -> float:
        """Return the NPV at ``x = ln(1 + r)`` scaled by a positive factor (sign-exact).

        The factor ``exp(-m)`` with ``m`` the largest exponent keeps every term finite.
        Many flows on a dense run of days are evaluated by :class:`_Blocks`.
        """
        if self.blocks is not None:
            return self.blocks.sign_at(x)
        if x >= 0:  # largest exponent is at t = 0
            exps = map(math.exp, map(mul, self.neg_times, repeat(x)))
            return float(sum(map(mul, self.amounts, exps)))
        shift = x * self.last_time  # exponent -x*t is largest at the last time
        exps = map(math.exp, map(add, map(mul, self.neg_times, repeat(x)), repeat(shift)))
        return float(sum(map(mul, self.amounts, exps)))


_DENSE_MIN_FLOWS: Final = 256


class _Blocks:
    """The NPV of many flows on a dense run of days, with few exponentials.

    Day ``k`` (counted from the first date) is written ``k = B * q + j`` with
    ``0 <= j < B``: its discount factor ``exp(-x * k / 365)`` is the product
    ``exp(-x * B * q / 365) * exp(-x * j / 365)``. The amounts are laid out as a
    matrix of rows ``q`` and columns ``j`` (zero on days without a flow), so one
    evaluation takes ``B`` plus ``rows`` exponentials and one dot product per row
    instead of an exponential per flow. Each term is off by about one more rounding
    than the direct sum, far below the noise of the sum itself.

    For ``x < 0`` the factors are measured from the last padded day instead (the
    same tables read backwards), so that every factor is at most 1 and positive,
    like the scaling of :meth:`_Flows.sign_at`.
    """

    __slots__ = ("block_years", "day_years", "rows")

    def __init__(self, rows: list[list[float]], size: int) -> None:
        self.rows = rows
        self.day_years = [j / 365 for j in range(size)]
        self.block_years = [size * q / 365 for q in range(len(rows))]

    @classmethod
    def build(cls, days: list[int], amounts: list[float]) -> _Blocks | None:
        """The blocks for sorted, distinct *days*, or None when a direct sum is as cheap."""
        if len(days) < _DENSE_MIN_FLOWS:
            return None
        span = days[-1] - days[0] + 1
        if span > 2 * len(days):  # sparse days: the matrix would be mostly zeros
            return None
        size = math.isqrt(span - 1) + 1  # B with B * B >= span
        count = -(-span // size)
        if span == len(days):  # every day has a flow
            dense = [*amounts, *repeat(0.0, count * size - span)]
        else:
            dense = [0.0] * (count * size)
            start = days[0]
            for day, amount in zip(days, amounts, strict=True):
                dense[day - start] = amount
        return cls([dense[i : i + size] for i in range(0, count * size, size)], size)

    def sign_at(self, x: float) -> float:
        """The NPV at ``x`` times a positive factor (see :meth:`_Flows.sign_at`)."""
        y = -abs(x)
        inner = list(map(math.exp, map(mul, self.day_years, repeat(y))))
        outer = list(map(math.exp, map(mul, self.block_years, repeat(y))))
        if x < 0:  # measure from the last padded day: k -> B * rows - 1 - k
            inner.reverse()
            outer.reverse()
        return float(sum(map(mul, outer, [sum(map(mul, row, inner)) for row in self.rows])))


def _brent(flows: _Flows, a: float, b: float, fa: float, fb: float) -> float:
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


def _dip(flows: _Flows, a: float, c: float, sign: float) -> float | None:
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


def _bracketed(flows: _Flows, a: float, fa: float, b: float, fb: float) -> float:
    return _brent(flows, a, b, fa, fb) if a < b else _brent(flows, b, a, fb, fa)


def _new_roots(
    flows: _Flows,
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
    if fm != 0 and (fm > 0) != (fn > 0):
        return [_bracketed(flows, xm, fm, xn, fn)]
    if far is not None and fm != 0:
        ff = far[1]
        if (ff > 0) == (fm > 0) == (fn > 0) and abs(fm) < abs(ff) and abs(fm) < abs(fn):
            (xa, fa), (xb, fb) = sorted((far, new))
            middle = _dip(flows, xa, xb, 1.0 if fm > 0 else -1.0)
            if middle is not None:
                fmid = flows.sign_at(middle)
                if fmid == 0:
                    return [middle]
                return [_brent(flows, xa, middle, fa, fmid), _brent(flows, middle, xb, fmid, fb)]
    return []


def _roots(flows: _Flows, lo: float, hi: float) -> list[float]:
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


def _closest_root(flows: _Flows, lo: float, hi: float) -> float | None:
    """The root closest to r = 0: scan the grid outward from zero on both sides."""
    xs = _grid(lo, hi)
    start = min(range(len(xs)), key=lambda i: abs(xs[i]))
    values = {start: flows.sign_at(xs[start])}
    if values[start] == 0:
        return xs[start]
    best: float | None = None
    left, right = start - 1, start + 1
    while left >= 0 or right < len(xs):
        # A root in the next interval on a side is at least as far from zero as that
        # interval's inner end, which is already evaluated: scan the nearer side first
        # and stop once both sides can only hold roots farther than the best one.
        left_r = abs(math.expm1(xs[left + 1])) if left >= 0 else math.inf
        right_r = abs(math.expm1(xs[right - 1])) if right < len(xs) else math.inf
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


def _guess(flows: _Flows) -> float:
    """A first estimate of x = ln(1 + r): the log multiple over the gap between the
    amount-weighted mean times of inflows and outflows.

    Only for flows with exactly one sign change: the inflows are then one run of
    flows at one end and the outflows the run at the other, so each side is a slice.
    """  # noqa: D205
    amounts, neg_times, positive = flows.amounts, flows.neg_times, flows.positive
    split = positive.index(not positive[0])  # the first flow of the second run
    early, late = slice(None, split), slice(split, None)
    ins, outs = (early, late) if positive[0] else (late, early)
    inflow = sum(amounts[ins])
    outflow = -sum(amounts[outs])
    # -a * t has the sign opposite to a (t >= 0).
    t_in = -sum(map(mul, amounts[ins], neg_times[ins]))
    t_out = sum(map(mul, amounts[outs], neg_times[outs]))
    if inflow <= 0 or outflow <= 0:
        return 0.0
    gap = t_in / inflow - t_out / outflow
    if gap == 0 or not math.isfinite(gap):
        return 0.0
    guess = math.log(inflow / outflow) / gap
    return guess if math.isfinite(guess) else 0.0


def _single_root(flows: _Flows, lo: float, hi: float) -> float | None:
    """The one root (one sign change): expand a bracket outward from a first guess."""
    xlo, xhi = math.log1p(lo), math.log1p(hi)
    x0 = min(max(_guess(flows), xlo), xhi)
    f0 = flows.sign_at(x0)
    if f0 == 0:
        return x0
    # At x -> +inf the NPV has the sign of the first flow; at -inf, of the last one.
    going_up = (f0 > 0) == (flows.amounts[0] < 0)
    step = 0.001 + 0.02 * abs(x0)
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
    for pairs of close roots; the search stops once as many roots as the flows have sign
    changes are found (no more can exist). Roots where the NPV only touches zero are
    not reported.

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
    prepared = _Flows(flows)
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
    prepared = _Flows(flows)
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

    Args:
        rate: The annual rate (> -1).
        flows: ``(date, amount)`` pairs (see :func:`xirr_roots`).

    Raises:
        ValidationError: If the rate is not above -1 or there are fewer than two flows.

    >>> import datetime as dt
    >>> xnpv(0.1, [(dt.date(2020, 1, 1), -100), (dt.date(2020, 1, 1), 100)])
    0.0
    """
    if isinstance(rate, bool) or not isinstance(rate, (int, float, Decimal, Fraction)):
        raise InvalidTypeError("rate", rate, "must be a number")
    r = float(rate)
    if not math.isfinite(r) or r <= -1:
        raise ValidationError("rate", rate, "must be a finite number above -1")
    prepared = _Flows(flows)
    x = math.log1p(r)
    return math.fsum(
        a * math.exp(x * nt) for a, nt in zip(prepared.amounts, prepared.neg_times, strict=True)
    )
