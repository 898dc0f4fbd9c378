"""Decimal input: the bounded ``int``/``str``/``Decimal`` values money accepts.

Every amount, rate and ratio the library takes from a caller goes through
:func:`to_decimal`: floats and booleans are refused, strings must be plain decimals,
and digits are bounded, so no input can make decimal arithmetic slow or inexact.
Arithmetic on amounts runs in :data:`EXACT`, the library's own context, never in the
caller's.

>>> to_decimal("-12.50")
Decimal('-12.50')
>>> to_decimal(0.5)
Traceback (most recent call last):
...
creative_city.errors.InvalidTypeError: value = 0.5: must be int, str or Decimal, never float \
(floats are inexact)
"""

from __future__ import annotations

import decimal
import re
from decimal import Decimal
from typing import Final

from creative_city.errors import InvalidTypeError, ValidationError

__all__ = [
    "EXACT",
    "LIBRARY_CONTEXT",
    "MAX_FRACTION_DIGITS",
    "MAX_INTEGER_DIGITS",
    "to_decimal",
]

MAX_INTEGER_DIGITS: Final = 24
"""Amounts, rates and ratios have at most this many digits before the point."""

MAX_FRACTION_DIGITS: Final = 30
"""Amounts, rates and ratios have at most this many digits after the point."""

EXACT: Final = decimal.Context(
    prec=200,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=decimal.MAX_EMAX,
    Emin=decimal.MIN_EMIN,
    traps=[decimal.Inexact, decimal.InvalidOperation, decimal.Overflow, decimal.DivisionByZero],
)
"""The context of every arithmetic step on amounts: precision far above any amount
accepted, and ``Inexact`` trapped, so a result is exact or an error."""

LIBRARY_CONTEXT: Final = decimal.Context(
    prec=28,
    rounding=decimal.ROUND_HALF_EVEN,
    Emax=999_999,
    Emin=-999_999,
    capitals=1,
    clamp=0,
    flags=[],
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
"""The library's own decimal context: the values of Python's default context, spelled
out. Public computations run in it (``decimal.localcontext(LIBRARY_CONTEXT)``), never in
the caller's, so a notebook's ``getcontext().prec = 6`` or a trapped ``Inexact`` changes
no answer; the caller's context is left as it was."""

_DECIMAL_TEXT: Final = re.compile(
    rf"[+-]?[0-9]{{1,{MAX_INTEGER_DIGITS}}}(?:\.[0-9]{{1,{MAX_FRACTION_DIGITS}}})?"
)


def to_decimal(value: object, field: str = "value") -> Decimal:
    """Convert an ``int``, ``str`` or ``Decimal`` to a finite, bounded ``Decimal``.

    Strings must be plain decimals (``"-12.50"``): no exponent, no spaces, no
    underscores. Floats and booleans are rejected.

    Args:
        value: The value to convert.
        field: The field name used in error messages.

    Raises:
        InvalidTypeError: For floats, booleans and other types.
        ValidationError: For NaN, infinities, malformed strings and values with more
            than :data:`MAX_INTEGER_DIGITS` integer or :data:`MAX_FRACTION_DIGITS`
            fraction digits.
    """
    if isinstance(value, Decimal):
        number = value
    elif isinstance(value, bool):
        raise InvalidTypeError(field, value, "must be int, str or Decimal, not bool")
    elif isinstance(value, int):
        if value.bit_length() > _MAX_INTEGER_BITS:  # refused before the costly Decimal()
            raise _too_many_digits(field, value)
        number = Decimal(value)
    elif isinstance(value, str):
        if not _DECIMAL_TEXT.fullmatch(value):
            raise ValidationError(
                field,
                value,
                f"must be a plain decimal string like '-1234.56' (at most "
                f"{MAX_INTEGER_DIGITS} + {MAX_FRACTION_DIGITS} digits)",
            )
        number = Decimal(value)
    elif isinstance(value, float):
        raise InvalidTypeError(
            field, value, "must be int, str or Decimal, never float (floats are inexact)"
        )
    else:
        raise InvalidTypeError(field, value, "must be int, str or Decimal")
    if not number.is_finite():
        raise ValidationError(field, value, "must be finite (NaN and Infinity are rejected)")
    if number and (
        number.adjusted() >= MAX_INTEGER_DIGITS or -number.as_tuple().exponent > MAX_FRACTION_DIGITS  # type: ignore[operator]
    ):
        raise _too_many_digits(field, value)
    return number


_MAX_INTEGER_BITS: Final = (10**MAX_INTEGER_DIGITS).bit_length()
# An int of more bits is at least 2**80 > 10**24: too many digits, known in constant time.


def _too_many_digits(field: str, value: object) -> ValidationError:
    return ValidationError(
        field,
        value,
        f"must have at most {MAX_INTEGER_DIGITS} integer and {MAX_FRACTION_DIGITS} fraction digits",
    )
