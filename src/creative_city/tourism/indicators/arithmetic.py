"""The decimal arithmetic of every tourism figure, and the checks of its inputs.

Indicators, tables, seasonality measures and KPIs all compute in one decimal
context (:func:`context`): :data:`PRECISION` significant digits, ``ROUND_HALF_EVEN``,
and traps on invalid operations, division by zero and overflow, so a bug can never
leak ``NaN`` or ``Infinity``. The caller's context is never used nor changed.

Inputs are ``int`` or ``Decimal``, never ``float``; a count is never negative; a
base (a divisor) is never zero, or the result does not exist and the function says
why. The checks below raise the library's errors, naming field, value and rule:

>>> non_negative(-1, "nights")
Traceback (most recent call last):
...
creative_city.errors.ValidationError: nights = Decimal('-1'): must be >= 0 (tourism \
counts are never negative)
>>> quantum(6)
Decimal('0.000001')
"""

from __future__ import annotations

import decimal
from decimal import Decimal
from typing import Final

from creative_city.errors import InvalidTypeError, UndefinedResultError, ValidationError

__all__ = ["PRECISION", "context"]

PRECISION: Final = 50
"""Significant digits of every intermediate and returned ``Decimal`` (ROUND_HALF_EVEN)."""

MAX_PLACES: Final = 30
"""The most decimal places a table, a status or an oracle answer may be rounded to."""


def context() -> decimal.Context:
    """Return a fresh copy of the decimal context every indicator computes in.

    ``PRECISION`` digits, ``ROUND_HALF_EVEN``, and traps on invalid operations,
    division by zero and overflow (so a bug can never leak ``NaN`` or ``Infinity``).
    """
    return decimal.Context(
        prec=PRECISION,
        rounding=decimal.ROUND_HALF_EVEN,
        traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
    )


CTX: Final = context()
"""The shared instance of :func:`context` (contexts are only read here, never changed)."""

HUNDRED: Final = Decimal(100)
THOUSAND: Final = Decimal(1000)
ONE: Final = Decimal(1)


def number(value: object, field: str) -> Decimal:
    """Return *value* as a finite ``Decimal``; ``int`` and ``Decimal`` only.

    Raises:
        InvalidTypeError: For a float, a bool or any other type.
        ValidationError: For ``NaN`` or an infinity.
    """
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValidationError(field, value, "must be finite (NaN and Infinity are rejected)")
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return Decimal(value)
    if isinstance(value, float):
        raise InvalidTypeError(field, value, "must be int or Decimal, never float (inexact)")
    raise InvalidTypeError(field, value, "must be int or Decimal")


def non_negative(value: object, field: str) -> Decimal:
    """Return *value* as a ``Decimal`` >= 0 (a tourism count), else raise."""
    result = number(value, field)
    if result < 0:
        raise ValidationError(field, result, "must be >= 0 (tourism counts are never negative)")
    return result


def base(value: object, field: str, what: str) -> Decimal:
    """Return *value* as a ``Decimal`` > 0: the base of *what*, which a zero would undo.

    Raises:
        UndefinedResultError: If *value* is zero ("is zero, so *what* does not exist").
    """
    result = non_negative(value, field)
    if result == 0:
        raise UndefinedResultError(field, result, f"is zero, so {what} does not exist")
    return result


def positive_days(days: object, field: str = "days") -> int:
    """Return *days* if it is an ``int`` > 0 (the length of a period), else raise."""
    if not isinstance(days, int) or isinstance(days, bool) or days <= 0:
        raise ValidationError(field, days, "must be an int > 0")
    return days


def places(value: object) -> int:
    """Return *value* if it is a number of decimal places from 0 to :data:`MAX_PLACES`."""
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= MAX_PLACES:
        raise ValidationError("places", value, f"must be an int from 0 to {MAX_PLACES}")
    return value


def shown(value: Decimal, step: Decimal, context: decimal.Context = CTX) -> Decimal:
    """Return *value* rounded half-even to the quantum *step*, as a figure is shown.

    A figure that rounds to zero is ``0``, never ``-0``: zero has no sign to report
    (a tiny fall rounded to six places, or ``0 x -1``).

    >>> shown(Decimal("-0.0000001"), Decimal("0.000001")), shown(Decimal("2.5"), ONE)
    (Decimal('0.000000'), Decimal('2'))
    """
    rounded = value.quantize(step, context=context)
    return rounded or rounded.copy_abs()


def quantum(value: object) -> Decimal:
    """Return ``10 ** -places`` for a valid number of decimal *places* (see :func:`places`)."""
    return Decimal(1).scaleb(-places(value))
