"""Field converters and validators shared by the venture fund's records.

Terms, events and proposals check their text, money and date fields the same way; the
checks live here once, as attrs converters (``to_*``) and validators (``check_*``).
"""

from __future__ import annotations

import datetime as _dt

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money import Currency, Money, get_currency
from creative_city.operation import states
from creative_city.time import require_date

__all__ = ["MAX_TEXT", "check_money", "check_text", "to_currency", "to_date"]

MAX_TEXT = 200
"""The longest name, id or reason accepted, in characters."""


def to_currency(value: object) -> Currency:
    """Converter: the registered currency for a code (a ``Currency`` as is)."""
    return get_currency(value)  # type: ignore[arg-type]


def to_date(value: object) -> _dt.date:
    """Converter: a calendar date (not a datetime), reported as the field ``on``."""
    return require_date(value, "on")


@states(minLength=1, maxLength=MAX_TEXT, pattern=r"\S")
def check_text(_: object, attribute: attrs.Attribute[str], value: str) -> None:
    """Validator: a non-empty string of at most :data:`MAX_TEXT` characters."""
    if not isinstance(value, str) or not value.strip() or len(value) > MAX_TEXT:
        raise ValidationError(
            attribute.name, value, f"must be a non-empty string (<= {MAX_TEXT} chars)"
        )


def check_money(_: object, attribute: attrs.Attribute[Money], value: Money) -> None:
    """Validator: a :class:`~creative_city.money.Money` (any amount)."""
    if not isinstance(value, Money):
        raise InvalidTypeError(attribute.name, value, "must be Money")
