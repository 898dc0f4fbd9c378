"""Index numbers: a series relative to a base period, chained or rebased.

An index shows a series as ``base x value / value of the base period`` (2019 = 100),
so series of different sizes compare at a glance. :func:`chain_link` builds one
from period-on-period growth multiples; :func:`rebase` moves the base period.

>>> index_series([80, 100, 120], base_position=1)
(Decimal('80'), Decimal('100'), Decimal('120'))
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import base as _base
from creative_city.tourism.indicators.arithmetic import non_negative as _non_negative
from creative_city.tourism.indicators.arithmetic import number as _number

__all__ = ["chain_link", "index_series", "rebase"]


def index_series(
    values: Sequence[int | Decimal], base_position: int = 0, base: int | Decimal = 100
) -> tuple[Decimal, ...]:
    """Return the index of *values* with ``values[base_position]`` = *base*.

    Formula: ``I_t = base x values[t] / values[base_position]``.

    Raises:
        UndefinedResultError: If the base-period value is zero.
        ValidationError: If *base_position* is out of range or a value negative.

    >>> index_series([80, 100, 120], base_position=1)
    (Decimal('80'), Decimal('100'), Decimal('120'))
    """
    return _index(values, base_position, base, "values")


def _index(
    values: Sequence[int | Decimal], base_position: int, base: int | Decimal, name: str
) -> tuple[Decimal, ...]:
    # The index of *values*; errors name their elements *name*[i], as the caller's
    # parameter is called.
    levels = [_non_negative(v, f"{name}[{i}]") for i, v in enumerate(values)]
    _check_position(base_position, len(levels))
    reference = _base(levels[base_position], f"{name}[{base_position}]", "an index on it")
    scale = _number(base, "base")
    return tuple(_CTX.divide(_CTX.multiply(v, scale), reference) for v in levels)


def _check_position(position: object, size: int) -> None:
    if not isinstance(position, int) or isinstance(position, bool):
        raise InvalidTypeError("base_position", position, "must be an int")
    if not 0 <= position < size:
        raise ValidationError("base_position", position, f"must be in 0..{size - 1}")


def chain_link(links: Sequence[int | Decimal], base: int | Decimal = 100) -> tuple[Decimal, ...]:
    """Chain period-on-period growth multiples into an index starting at *base*.

    Formula: ``I_0 = base``, ``I_t = I_(t-1) x link_t``; *links* are growth
    multiples (``current / previous``) of consecutive periods, as published when
    the basket or the sample changes every period. The result has
    ``len(links) + 1`` entries.

    >>> chain_link([Decimal("1.1"), Decimal("0.5")])
    (Decimal('100'), Decimal('110.0'), Decimal('55.00'))
    """
    level = _number(base, "base")
    levels = [level]
    for index, link in enumerate(links):
        level = _CTX.multiply(level, _non_negative(link, f"links[{index}]"))
        levels.append(level)
    return tuple(levels)


def rebase(
    index: Sequence[int | Decimal], base_position: int, base: int | Decimal = 100
) -> tuple[Decimal, ...]:
    """Rebase an index so that ``index[base_position]`` becomes *base* (ratios unchanged).

    Raises:
        UndefinedResultError: If the new base period's level is zero.

    >>> rebase([Decimal(100), Decimal(110), Decimal(55)], 1)[2]
    Decimal('50')
    """
    return _index(index, base_position, base, "index")
