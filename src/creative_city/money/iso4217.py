"""Currencies: the ISO 4217 table and the registry that money looks codes up in.

The built-in table is ISO 4217 list one (code, numeric code, minor units, name) for
the currencies of the programme and its neighbours; :func:`register_currency` adds
more.

>>> get_currency("KWD").minor_units
3
>>> [c.code for c in currencies()][:3]
['AED', 'BHD', 'CHF']
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import InvalidTypeError, ValidationError

__all__ = ["Currency", "currencies", "get_currency", "register_currency"]


@attrs.frozen
class Currency:
    """An ISO 4217 currency.

    Attributes:
        code: The three-letter alphabetic code, e.g. ``"KZT"``.
        numeric: The three-digit numeric code, e.g. ``398``.
        minor_units: Digits after the decimal point (ISO 4217 "minor unit"), e.g. 2.
        name: The English name.

    >>> get_currency("KZT")
    Currency(code='KZT', numeric=398, minor_units=2, name='Tenge')
    """

    code: str = attrs.field()
    numeric: int = attrs.field()
    minor_units: int = attrs.field()
    name: str = attrs.field(default="")

    @code.validator
    def _check_code(self, _: attrs.Attribute[str], value: str) -> None:
        if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{3}", value):
            raise ValidationError("currency.code", value, "must be three upper-case letters")

    @numeric.validator
    def _check_numeric(self, _: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 999:
            raise ValidationError("currency.numeric", value, "must be an int from 0 to 999")

    @minor_units.validator
    def _check_minor(self, _: attrs.Attribute[int], value: int) -> None:
        if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 4:
            raise ValidationError("currency.minor_units", value, "must be an int from 0 to 4")

    @functools.cached_property
    def quantum(self) -> Decimal:
        """The smallest amount, ``Decimal(1).scaleb(-minor_units)`` (``0.01`` for KZT)."""
        return Decimal(1).scaleb(-self.minor_units)

    def __str__(self) -> str:
        return self.code


# ISO 4217 (list one, as maintained by SIX on behalf of ISO): code, numeric, minor units.
_BUILT_IN: Final = (
    ("KZT", 398, 2, "Tenge"),
    ("USD", 840, 2, "US Dollar"),
    ("EUR", 978, 2, "Euro"),
    ("RUB", 643, 2, "Russian Ruble"),
    ("CNY", 156, 2, "Yuan Renminbi"),
    ("GBP", 826, 2, "Pound Sterling"),
    ("JPY", 392, 0, "Yen"),
    ("KWD", 414, 3, "Kuwaiti Dinar"),
    ("CHF", 756, 2, "Swiss Franc"),
    ("KGS", 417, 2, "Som"),
    ("UZS", 860, 2, "Uzbekistan Sum"),
    ("TRY", 949, 2, "Turkish Lira"),
    ("AED", 784, 2, "UAE Dirham"),
    ("KRW", 410, 0, "Won"),
    ("INR", 356, 2, "Indian Rupee"),
    ("BHD", 48, 3, "Bahraini Dinar"),
)

_REGISTRY: dict[str, Currency] = {
    code: Currency(code, numeric, minor, name) for code, numeric, minor, name in _BUILT_IN
}


def register_currency(currency: Currency) -> Currency:
    """Add *currency* to the registry (idempotent for an identical definition).

    Args:
        currency: The currency to register.

    Returns:
        The registered currency.

    Raises:
        ValidationError: If a different currency with the same code is registered.
    """
    if not isinstance(currency, Currency):
        raise InvalidTypeError("currency", currency, "must be a Currency")
    known = _REGISTRY.get(currency.code)
    if known is not None and known != currency:
        raise ValidationError("currency.code", currency.code, f"is already registered as {known!r}")
    _REGISTRY.setdefault(currency.code, currency)
    return _REGISTRY[currency.code]


def get_currency(code: str | Currency) -> Currency:
    """Return the registered currency for *code* (a ``Currency`` is returned as is).

    Raises:
        ValidationError: If the code is unknown.
    """
    if isinstance(code, Currency):
        return code
    found = _REGISTRY.get(code) if isinstance(code, str) else None
    if found is None:
        if not isinstance(code, str):
            raise InvalidTypeError("currency", code, "must be an ISO 4217 code string")
        raise ValidationError(
            "currency", code, "is not a known ISO 4217 code (register it with register_currency)"
        )
    return found


def currencies() -> tuple[Currency, ...]:
    """Return every registered currency, sorted by code."""
    return tuple(sorted(_REGISTRY.values(), key=lambda c: c.code))
