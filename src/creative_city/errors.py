"""The library's errors: one base class and one subclass per family.

Every error carries the *field* that was wrong, the *value* it had and the *rule*
it broke, and its message names all three::

    amount = 0.1: money amounts must be int, str or Decimal, never float

Each family also subclasses the builtin exception it behaves like, so code that
already catches ``ValueError`` or ``TypeError`` keeps working:

| class | also a | raised when |
|---|---|---|
| :class:`CreativeCityError` | ``Exception`` | base of every error here |
| :class:`ValidationError` | ``ValueError`` | a value breaks a rule |
| :class:`InvalidTypeError` | ``TypeError`` | a value has the wrong type |
| :class:`CurrencyMismatchError` | ``TypeError`` | currencies are mixed |
| :class:`InvalidStateError` | ``ValueError`` | an operation is not allowed in the current state |
| :class:`LimitExceededError` | ``ValueError`` | a limit or capacity would be breached |
| :class:`UndefinedResultError` | ``ArithmeticError`` | no result exists (zero base, no root) |
| :class:`InternalError` | ``Exception`` | the oracle answers a bug inside the library |

A rejected operation never changes state: the error is raised before anything is
applied.
"""

from __future__ import annotations

__all__ = [
    "CreativeCityError",
    "CurrencyMismatchError",
    "InternalError",
    "InvalidStateError",
    "InvalidTypeError",
    "LimitExceededError",
    "UndefinedResultError",
    "ValidationError",
]


class CreativeCityError(Exception):
    """Base class of every error raised by creative-city.

    Args:
        field: The name (or JSON path) of the offending field, e.g. ``"amount"`` or
            ``"$.tiers[2].limit"``.
        value: The offending value.
        rule: The rule it breaks, as a sentence fragment.

    Attributes:
        field: As given.
        value: As given.
        rule: As given.
    """

    def __init__(self, field: str, value: object, rule: str) -> None:
        super().__init__(field, value, rule)
        self.field = field
        self.value = value
        self.rule = rule

    def __str__(self) -> str:
        return f"{self.field} = {_short_repr(self.value)}: {self.rule}"


class ValidationError(CreativeCityError, ValueError):
    """A value breaks a validation rule (bad amount, interval, period, JSON...)."""


class InvalidTypeError(ValidationError, TypeError):
    """A value has the wrong type (a float as money, a naive datetime, a bool...)."""


class CurrencyMismatchError(CreativeCityError, TypeError):
    """Two amounts in different currencies were combined or ordered."""


class InvalidStateError(CreativeCityError, ValueError):
    """An operation is not allowed in the object's current state."""


class LimitExceededError(CreativeCityError, ValueError):
    """An operation would breach a limit (a cap, a capacity, a budget, a bound)."""


class UndefinedResultError(CreativeCityError, ArithmeticError):
    """A result does not exist: a zero or missing base, no sign change, no root."""


class InternalError(CreativeCityError):
    """A bug inside the library, as the oracle answers it (never raised by an operation).

    Its field is ``"$"``, its value ``"sha256:<hex>"`` (the digest of the request) and
    its rule asks to report the request.
    """


_MAX_REPR = 120


def _short_repr(value: object) -> str:
    if isinstance(value, int) and value.bit_length() > _MAX_REPR * 4:
        # Over the 120 shown characters anyway; repr() would refuse over 4300 digits.
        return f"<an integer of {value.bit_length()} bits>"
    try:
        text = repr(value)
    except ValueError:  # an int inside (a Fraction's) over the interpreter's digit limit
        return f"<a {type(value).__name__} too large to show>"
    if len(text) > _MAX_REPR:
        return text[: _MAX_REPR - 3] + "..."
    return text
