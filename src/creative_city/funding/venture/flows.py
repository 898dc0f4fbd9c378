"""Cash flows for XIRR: checked, added up by date, as times in years and float amounts.

:class:`DatedFlows` turns ``(date, amount)`` pairs into what the root finder of
:mod:`creative_city.funding.venture.irr` needs: the flows sorted and added up by date
(exactly), their times in years from the first date (ACT/365F, whole days / 365), their
amounts as floats, and how many times their sign changes. Its
:meth:`~DatedFlows.sign_at` evaluates the net present value, scaled so no term
overflows; many flows on a dense run of days are evaluated in blocks.

Common inputs (``date`` and ``Decimal`` or ``int`` pairs) take a fast path; anything
else is checked item by item, so an error names the offending flow's index.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import math
import operator
from collections.abc import Callable, Collection, Iterable, Iterator, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import islice, repeat
from math import dist, exp, frexp, hypot, ldexp
from operator import add, itemgetter, lt, mul, sub
from typing import Any, Final, NamedTuple

from creative_city.errors import CurrencyMismatchError, InvalidTypeError, ValidationError
from creative_city.money import Money
from creative_city.time import UTC

__all__ = ["MAX_FLOWS", "Amount", "DatedFlows"]

Amount = int | Decimal | Fraction | Money
"""An amount in a cash flow: an exact number or :class:`~creative_city.money.Money`."""

_Exact = Decimal | Fraction | int  # an amount or a sum of amounts, exact

MAX_FLOWS: Final = 1_000_000
"""The most flows accepted in one call."""


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


_MAX_AMOUNT_BITS: Final = 101
# An int of more bits is at least 2**101 > 10**30 (the bound on amounts): refused at once.


def _too_large(field: str, value: object) -> ValidationError:
    return ValidationError(field, value, "amounts must be below 10**30 in size")


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
        if value.bit_length() > _MAX_AMOUNT_BITS:  # before the costly Decimal()
            raise _too_large(field, value)
        return Decimal(int(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError(field, value, "must be finite")
        return Decimal(value)
    if isinstance(value, Fraction):
        if value.numerator.bit_length() - value.denominator.bit_length() > _MAX_AMOUNT_BITS:
            raise _too_large(field, value)
        return Fraction(value)
    raise InvalidTypeError(field, value, "must be int, Decimal, Fraction or Money")


def _add(a: Decimal | Fraction, b: Decimal | Fraction) -> Decimal | Fraction:
    if type(a) is Decimal and type(b) is Decimal:
        return _EXACT.add(a, b)
    return Fraction(a) + Fraction(b)


_MAX_AMOUNT: Final = 1e30
_FLIP: Final = bytes([1, 0, *range(2, 256)])  # swaps the bytes 0 and 1
_first: Final = itemgetter(0)
_second: Final = itemgetter(1)
_PAIRS: Final = frozenset({tuple, list})


def _pairs(items: list[Any]) -> tuple[list[Any], Collection[Any], bool] | None:
    """The dates and amounts of *items*, and whether the dates are distinct, else None.

    One ``dict`` takes the pairs apart (in C, one pass, checking that each item holds
    two things) and tells whether a date repeats; then its keys and values are the
    columns.
    When dates repeat, tuples and lists are taken apart again by item getters (which
    allocate nothing, unlike the 10,000 short-lived iterators of ``zip(*items)``, which
    set off the garbage collector), other pairs by ``zip``.
    """
    try:
        by_date = dict(items)
    except (TypeError, ValueError):  # an unhashable date, or not a pair
        return None
    if len(by_date) == len(items):
        return list(by_date), by_date.values(), True
    if set(map(type, items)) <= _PAIRS:
        return list(map(_first, items)), list(map(_second, items)), False
    try:  # other pairs (an iterator used up by dict() leaves an empty column)
        whens, amounts = zip(*items, strict=True)
    except (TypeError, ValueError):
        return None
    return list(whens), list(amounts), False


def _ordinals(dates: list[_dt.date]) -> Sequence[int]:
    """The ordinals of distinct *dates* in ascending order.

    When the last is as many days after the first as there are dates less one, they
    are every day in between: a ``range``, without converting each date.
    """
    first, last = dates[0].toordinal(), dates[-1].toordinal()
    if last - first == len(dates) - 1:
        return range(first, last + 1)
    return list(map(_dt.date.toordinal, dates))


_Columns = tuple[Sequence[int], Collection[_Exact], list[float], bytearray | None]


def _small_ints(values: Collection[Any]) -> bool:
    """Whether *values* are all ints of at most 101 bits.

    A larger int goes to the checked path, which names it.
    """
    return set(map(type, values)) == {int} and max(map(int.bit_length, values)) <= _MAX_AMOUNT_BITS


def _inflows(values: Collection[Any]) -> bytearray | None:
    """A byte per amount, 1 for an inflow, if all are Decimals or all small ints, else None.

    For Decimals, their sign is read by a ``Decimal`` method, which raises a TypeError
    on anything else: that pass is also the check of their type.
    """
    try:
        return bytearray(map(Decimal.is_signed, values)).translate(_FLIP)
    except TypeError:
        return bytearray(map(lt, repeat(0), values)) if _small_ints(values) else None


def _fast_columns(items: list[Any]) -> _Columns | None:
    """Columns of (date, Decimal or int) pairs without per-item checks, else None.

    The days come sorted and distinct, each with its flows added up exactly, and the
    amounts also as floats (the conversion is most of the set-up time, so it is done
    once, after the sums). A non-finite ``Decimal`` gives a non-finite float (see
    :func:`_columns`), or None (a signalling NaN, or infinities of both signs added).
    Last, when no date repeats, each amount's flag as an inflow (:func:`_inflows`);
    else None (the flags come from the sums).
    """
    pairs = _pairs(items)
    if pairs is None:
        return None
    dates, values, distinct = pairs
    if set(map(type, dates)) != {_dt.date}:
        return None
    days: Sequence[int]
    try:
        # Plain dates compare (a datetime among them would not): in order, one flow a
        # date, there is nothing to add up.
        if distinct and sorted(dates) == dates:
            inflows = _inflows(values)
            if inflows is None:
                return None
            days = _ordinals(dates)
        else:
            inflows = None
            kinds = set(map(type, values))
            if kinds != {Decimal} and not _small_ints(values):
                return None
            days, values = _aggregate(list(map(_dt.date.toordinal, dates)), values, _adder(kinds))
        floats = list(map(float, values))
    except (ValueError, decimal.DecimalException):  # a signalling NaN, or inf - inf
        return None
    return days, values, floats, inflows


def _checked_columns(items: list[Any]) -> tuple[list[int], Collection[_Exact], list[float], None]:
    """Columns of any accepted pairs, checking each item (errors name its index).

    Like :func:`_fast_columns`, the days come sorted and distinct, their flows added up.
    """
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
    if all(map(lt, days, islice(days, 1, None))):  # sorted, distinct dates
        return days, values, list(map(float, values)), None
    try:
        ordered, totals = _aggregate(days, values, _adder(set(map(type, values))))
    except decimal.Inexact:  # Decimals too far apart on one date for 400 digits (1E29 + 1E-400)
        ordered, totals = _aggregate(days, values, _fraction_sum)
    return ordered, totals, list(map(float, totals)), None


def _fraction_sum(a: _Exact, b: _Exact) -> Fraction:
    """The exact sum of any two amounts, as a Fraction (which never rounds)."""
    return Fraction(a) + Fraction(b)


def _adder(kinds: set[type]) -> Callable[[Any, Any], Any]:
    """An exact sum of two amounts of these types: one operation for one kind (ints as
    ints, Decimals in ``_EXACT``); Decimals and Fractions mixed through :func:`_add`.
    """  # noqa: D205
    if kinds == {Decimal}:
        return _EXACT.add
    return _add if len(kinds) > 1 else operator.add


def _aggregate(
    days: list[int], values: Iterable[_Exact], add: Callable[[Any, Any], Any]
) -> tuple[list[int], list[_Exact]]:
    """Sort by date and add the flows of each date exactly (with *add*), in the order given."""
    by_day: dict[int, _Exact] = {}
    known = by_day.get
    for day, value in zip(days, values, strict=True):
        total = known(day)
        by_day[day] = value if total is None else add(total, value)
    ordered = sorted(by_day)
    return ordered, list(map(by_day.__getitem__, ordered))


def _columns(flows: object) -> tuple[Sequence[int], list[float], int, bytearray]:
    """Days (ordinals, ascending, distinct) and float amounts of non-zero flows.

    Flows on one date are added exactly; a day whose flows cancel is dropped. Also
    returns the earliest day given, zero flows included, and a byte per flow, 1 for an
    inflow (amount > 0).
    """
    if isinstance(flows, (str, bytes)) or not isinstance(flows, Iterable):
        raise InvalidTypeError("flows", flows, "must be a sequence of (date, amount) pairs")
    items = list(flows)
    if len(items) < 2:
        raise ValidationError("flows", items, "needs at least two (date, amount) pairs")
    if len(items) > MAX_FLOWS:
        raise ValidationError("flows", f"<{len(items)} flows>", f"at most {MAX_FLOWS} flows")
    fast = _fast_columns(items)
    days, values, floats, inflows = fast if fast is not None else _checked_columns(items)
    # The norm is one pass, at least the largest size, and finite when all sizes are.
    if not hypot(*floats) < _MAX_AMOUNT:
        if fast is not None and not all(map(math.isfinite, floats)):
            days, values, floats, inflows = _checked_columns(items)  # names NaN or infinity
        if max(floats) >= _MAX_AMOUNT or min(floats) <= -_MAX_AMOUNT:
            raise ValidationError("flows", "<amount>", "amounts must be below 10**30 in size")
    first = days[0]
    if 0.0 in floats:  # test the exact values: a tiny amount may be 0.0 as a float
        keep = [i for i, v in enumerate(values) if v != 0]
        days, floats = [days[i] for i in keep], [floats[i] for i in keep]
        inflows = None  # and then it is no inflow
    if inflows is None:
        inflows = bytearray(map(lt, repeat(0.0), floats))
    return days, floats, first, inflows


class DatedFlows:
    """Validated flows aggregated by date: times in years and float amounts.

    Args:
        flows: ``(date, amount)`` pairs (see :func:`~creative_city.funding.venture.irr.xirr`).

    Attributes:
        amounts: The non-zero amounts, one per date, in date order.
        days: Their dates as ordinals (``datetime.date.toordinal``), ascending.
        lead_time: The years from the earliest date given (its flows may be zero or
            cancel) to the first date of ``amounts``; :func:`xnpv` discounts from it.
        last_time: The last date's time in years from the first date.
        sign_changes: How many times the amounts change sign, in date order.
        blocks: The block layout of a dense run of days, or ``None`` (direct sums).
        scale_time: For ``x < 0``, :meth:`sign_at` multiplies the NPV by
            ``exp(x * scale_time)``: ``last_time``, or the blocks' last padded day.

    Raises:
        ValidationError: Fewer than two flows, more than :data:`MAX_FLOWS`, or an amount
            of 10**30 or more in size.
        InvalidTypeError: A naive datetime, a float amount or a malformed pair.
        CurrencyMismatchError: Money amounts in different currencies.
    """

    __slots__ = (
        "_flags",
        "_neg_times",
        "amounts",
        "blocks",
        "days",
        "last_time",
        "lead_time",
        "scale_time",
        "sign_changes",
    )

    def __init__(self, flows: object) -> None:
        days, floats, first, flags = _columns(flows)
        # One byte per flow, 1 for an inflow (amount > 0): each sign change is one
        # b"\0\1" or b"\1\0" (never overlapping).
        self._flags = flags
        # The changes alternate: as many of each kind, or one more of the first kind.
        self.sign_changes = 2 * flags.count(b"\0\1") + (flags[0] - flags[-1] if flags else 0)
        start = days[0] if days else 0
        # ACT/365F (creative_city.time.act_365f): whole days / 365, correctly rounded.
        self.last_time = (days[-1] - start) / 365 if days else 0.0
        self.lead_time = (start - first) / 365 if days else 0.0
        self.amounts = floats
        self.days = days
        self.blocks = _Blocks.build(days, floats)
        self.scale_time = self.last_time if self.blocks is None else self.blocks.last_year
        self._neg_times: list[float] | None = None

    @property
    def neg_times(self) -> list[float]:
        """Minus each date's time in years from the first date (ACT/365F)."""
        if self._neg_times is None:
            start = self.days[0] if self.days else 0
            self._neg_times = [(start - d) / 365 for d in self.days]
        return self._neg_times

    @property
    def positive(self) -> list[bool]:
        """Whether each amount is an inflow (> 0)."""
        return list(map(bool, self._flags))

    def first_change(self) -> int:
        """The index of the first flow whose sign differs from the first flow's.

        Raises:
            ValueError: The amounts have no sign change.
        """
        return self._flags.index(self._flags[0] ^ 1)

    def moments(self, split: int) -> tuple[float, float, float, float]:
        """Sums over the flows before index *split* and from it on, for a first guess.

        Returns:
            The amounts added up before *split* and from it on, then the same for the
            amounts times their ``neg_times``.
        """
        if self.blocks is None:
            early, late = self.amounts[:split], self.amounts[split:]
            neg_times = self.neg_times
            return (
                sum(early),
                sum(late),
                sum(map(mul, early, neg_times[:split])),
                sum(map(mul, late, neg_times[split:])),
            )
        before, after, before_days, after_days = self.blocks.sums(self.days[split] - self.days[0])
        return before, after, -before_days / 365, -after_days / 365

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


class _Group(NamedTuple):
    """Rows of :class:`_Blocks` whose norms are within a factor 4 of ``2 ** exponent``."""

    exponent: int
    qs: list[int]  # the rows' numbers
    rows: list[tuple[float, ...]]
    squares: list[float]  # their squared norms
    years: list[float]  # their first days, in years
    back_years: list[float]  # the same from the last padded day back


class _Blocks:
    """The NPV of many flows on a dense run of days, with few exponentials.

    Day ``k`` (counted from the first date) is written ``k = B * q + j`` with
    ``0 <= j < B``: its discount factor ``exp(-x * k / 365)`` is the product
    ``exp(-x * B * q / 365) * exp(-x * j / 365)``. The amounts are laid out as a
    matrix of rows ``q`` and columns ``j`` (zero on days without a flow), so one
    evaluation takes ``B`` plus ``rows`` exponentials and one dot product per row
    instead of an exponential per flow.

    The dot product of a row ``p`` with the factors ``v`` comes from their distance
    (``math.dist``, computed in C to within about one rounding):
    ``p . v = (|p|**2 + |v|**2 - |p - v|**2) / 2``. Its error is a few roundings of
    ``|p| * |v|`` when both norms are within a small factor of each other, so ``v`` is
    scaled by a power of two (exactly) to each group of rows, whose norms are within a
    factor 4 of it. A float sum of the products would be off by about
    as much (a rounding per term), and the NPV by far less than any root's noise
    (``tests/test_venture_xirr_flows.py`` checks it against the exact NPV).

    For ``x < 0`` the factors are measured from the last padded day instead (the
    same tables read backwards), so that every factor is at most 1 and positive,
    like the scaling of :meth:`DatedFlows.sign_at`.
    """

    __slots__ = ("back_day_years", "day_years", "groups", "last_year", "rows")

    def __init__(self, rows: list[tuple[float, ...]], size: int) -> None:
        self.rows = rows
        self.day_years = [j / 365 for j in range(size)]
        self.back_day_years = self.day_years[::-1]
        self.last_year = (size * len(rows) - 1) / 365  # the last padded day, in years
        norms = [hypot(*row) for row in rows]
        by_exponent: dict[int, list[int]] = {}
        for q, norm in enumerate(norms):
            if norm:  # a row without flows adds nothing
                by_exponent.setdefault(frexp(norm)[1], []).append(q)
        # Groups of rows whose norms' exponents are at most 2 apart: with v scaled to the
        # middle one, |p| / |v| lies between 1/4 and 4.
        grouped: dict[int, list[int]] = {}
        low = None
        for exponent in sorted(by_exponent):
            if low is None or exponent > low + 2:
                low = exponent
            grouped.setdefault(low + 1, []).extend(by_exponent[exponent])
        last = len(rows) - 1
        self.groups = [
            _Group(
                exponent,
                qs,
                [rows[q] for q in qs],
                [norms[q] * norms[q] for q in qs],
                [size * q / 365 for q in qs],
                [size * (last - q) / 365 for q in qs],
            )
            for exponent, qs in grouped.items()
        ]

    @classmethod
    def build(cls, days: Sequence[int], amounts: list[float]) -> _Blocks | None:
        """The blocks for sorted, distinct *days*, or None when a direct sum is as cheap."""
        if len(days) < _DENSE_MIN_FLOWS:
            return None
        span = days[-1] - days[0] + 1
        if span > 2 * len(days):  # sparse days: the matrix would be mostly zeros
            return None
        size = math.isqrt(span - 1) + 1  # B with B * B >= span
        count = -(-span // size)
        dense = amounts
        if span > len(days):  # days without a flow: zeros
            dense = [0.0] * span
            start = days[0]
            for day, amount in zip(days, amounts, strict=True):
                dense[day - start] = amount
        rows = [tuple(dense[i : i + size]) for i in range(0, span, size)]
        rows[-1] += (0.0,) * (count * size - span)  # the last row padded
        return cls(rows, size)

    def _dots(self, vector: list[float]) -> Iterator[tuple[_Group, float, Iterator[float]]]:
        """Each group with a factor and its rows' dot products with *vector* over it.

        The rows' products come as ``|p|**2 + |u|**2 - |p - u|**2`` with ``u`` the
        vector times a power of two (an exact product) that brings its norm within a
        factor 4 of the group's: twice ``p . u``, so the factor is ``0.5 * |v| / |u|``.
        """
        norm = hypot(*vector)
        exponent = frexp(norm)[1]
        for group in self.groups:
            up = ldexp(1.0, group.exponent - exponent)
            scaled = tuple(map(mul, vector, repeat(up)))
            gaps = list(map(dist, group.rows, repeat(scaled)))
            square = (norm * up) ** 2
            yield (
                group,
                0.5 / up,
                map(sub, map(add, group.squares, repeat(square)), map(mul, gaps, gaps)),
            )

    def row_dots(self, vector: list[float]) -> list[float]:
        """Each row's dot product with *vector* (as long as a row)."""
        dots = [0.0] * len(self.rows)
        for group, factor, values in self._dots(vector):
            for q, value in zip(group.qs, values, strict=True):
                dots[q] = factor * value
        return dots

    def sums(self, split: int) -> tuple[float, float, float, float]:
        """The amounts added up before day *split* (counted from the first) and from it
        on, then the same for the amounts times their day.
        """  # noqa: D205
        size = len(self.day_years)
        totals = list(map(sum, self.rows))
        # Day B * q + j: B * q * (the row's total) + (the row . (0, 1, ..., B - 1)).
        weighted = list(
            map(add, map(mul, totals, range(0, size * len(self.rows), size)),
                self.row_dots([float(j) for j in range(size)]))
        )  # fmt: skip
        q, j = divmod(split, size)
        row, days = self.rows[q], range(size * q, size * (q + 1))
        return (
            sum(totals[:q]) + sum(row[:j]),
            sum(row[j:]) + sum(totals[q + 1 :]),
            sum(weighted[:q]) + sum(map(mul, row[:j], days[:j])),
            sum(map(mul, row[j:], days[j:])) + sum(weighted[q + 1 :]),
        )

    def sign_at(self, x: float) -> float:
        """The NPV at ``x`` times a positive factor (see :meth:`DatedFlows.sign_at`)."""
        y = -abs(x)
        # For x < 0, measure from the last padded day: day k -> B * rows - 1 - k.
        inner = list(
            map(exp, map(mul, self.day_years if x >= 0 else self.back_day_years, repeat(y)))
        )
        total = 0.0
        for group, factor, dots in self._dots(inner):
            years = group.years if x >= 0 else group.back_years
            total += factor * sum(map(mul, map(exp, map(mul, years, repeat(y))), dots))
        return total
