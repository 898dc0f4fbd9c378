"""Strict hooks for simple types: the wire form of each JSON scalar the library uses.

* Decimals travel as strings in plain notation (``"100.00"``), never as JSON
  numbers; fractions as ``"1/3"``; money as ``{"amount": "100.00", "currency": "KZT"}``.
* Datetimes are ISO 8601 with an offset (naive ones are rejected); dates are
  ``YYYY-MM-DD``; times ``HH:MM[:SS]``; durations ISO 8601 (``PT1H30M``); periods
  by label (``2022-H1``); currencies by code; enums by value.
* ``int``, ``str`` and ``bool`` take exactly that JSON type: ``"2"`` is not an int and
  ``true`` is not a number.

Each structure hook raises a library error whose field is ``"$"`` (the value itself)
or the name of one of its keys; :mod:`~creative_city.serialization.paths` puts the
value's JSON path in front.

>>> decimal_text(Decimal("1E+3")), decimal_text(Decimal("0.50"))
('1000', '0.50')
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal
from fractions import Fraction
from typing import Final

import cattrs

from creative_city.errors import CreativeCityError, InvalidTypeError, ValidationError
from creative_city.money import Currency, Money, get_currency, to_decimal
from creative_city.time import Period

__all__ = ["decimal_text", "register_scalar_hooks"]


def decimal_text(value: Decimal) -> str:
    """Return the canonical JSON text of a Decimal: plain notation, no exponent.

    >>> decimal_text(Decimal("1E+3")), decimal_text(Decimal("0.50"))
    ('1000', '0.50')
    """
    return format(value, "f")


def _structure_decimal(value: object, _: object) -> Decimal:
    if isinstance(value, (str, int)) and not isinstance(value, bool):
        return to_decimal(value, "$")
    if isinstance(value, float):
        raise InvalidTypeError("$", value, "decimals travel as JSON strings, never floats")
    raise InvalidTypeError("$", value, "must be a decimal string like '12.50'")


_FRACTION: Final = re.compile(r"-?[0-9]{1,60}(?:/[0-9]{1,60})?")


def _unstructure_fraction(value: Fraction) -> str:
    return str(value)


def _structure_fraction(value: object, _: object) -> Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, str):
        if _FRACTION.fullmatch(value):
            denominator = value.partition("/")[2]
            if denominator and not denominator.strip("0"):
                raise ValidationError("$", value, "a fraction's denominator must not be 0")
            return Fraction(value)
        return Fraction(to_decimal(value, "$"))
    raise InvalidTypeError("$", value, "must be a fraction string like '1/3' or '0.25'")


_DATETIME: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})"
)
_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_TIME: Final = re.compile(r"[0-9]{2}:[0-9]{2}(?::[0-9]{2})?")
_DURATION: Final = re.compile(
    r"(?P<sign>-)?P(?:(?P<days>[0-9]{1,7})D)?"
    r"(?:T(?:(?P<hours>[0-9]{1,9})H)?(?:(?P<minutes>[0-9]{1,9})M)?(?:(?P<seconds>[0-9]{1,12})S)?)?"
)


def _structure_datetime(value: object, _: object) -> _dt.datetime:
    if not isinstance(value, str) or not _DATETIME.fullmatch(value):
        raise ValidationError(
            "$",
            value,
            "must be an ISO 8601 datetime with an offset, like 2025-01-06T10:00:00+05:00",
        )
    try:
        return _dt.datetime.fromisoformat(value)
    except ValueError:
        raise ValidationError("$", value, "is not a valid datetime") from None


def _unstructure_datetime(value: _dt.datetime) -> str:
    return value.isoformat()


def _structure_date(value: object, _: object) -> _dt.date:
    if not isinstance(value, str) or not _DATE.fullmatch(value):
        raise ValidationError("$", value, "must be an ISO 8601 date YYYY-MM-DD")
    try:
        return _dt.date.fromisoformat(value)
    except ValueError:
        raise ValidationError("$", value, "is not a valid calendar date") from None


def _structure_time(value: object, _: object) -> _dt.time:
    if not isinstance(value, str) or not _TIME.fullmatch(value):
        raise ValidationError("$", value, "must be a local time HH:MM or HH:MM:SS")
    try:
        return _dt.time.fromisoformat(value)
    except ValueError:
        raise ValidationError("$", value, "is not a valid time of day") from None


def _unstructure_time(value: _dt.time) -> str:
    return value.isoformat()


def _unstructure_timedelta(value: _dt.timedelta) -> str:
    sign = "-" if value < _dt.timedelta(0) else ""
    value = abs(value)
    if value.microseconds:
        raise ValidationError("$", value, "durations are whole seconds on the wire")
    hours, rest = divmod(value.seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    text = f"{sign}P"
    if value.days:
        text += f"{value.days}D"
    if hours or minutes or seconds or not value.days:
        text += "T"
        if hours:
            text += f"{hours}H"
        if minutes:
            text += f"{minutes}M"
        if seconds or not (hours or minutes):
            text += f"{seconds}S"
    return text


def _structure_timedelta(value: object, _: object) -> _dt.timedelta:
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if match is None or value in ("P", "-P", "PT", "-PT") or str(value).endswith("T"):
        raise ValidationError("$", value, "must be an ISO 8601 duration like PT1H30M or P1D")
    parts = {k: int(v) for k, v in match.groupdict().items() if v and k != "sign"}
    # The pattern's digit bounds keep any match under 65 million days, well inside
    # timedelta's range (999,999,999 days), so this cannot overflow.
    delta = _dt.timedelta(**parts)
    return -delta if match["sign"] else delta


def _structure_int(value: object, _: object) -> int:
    if type(value) is not int:
        raise InvalidTypeError("$", value, "must be a JSON integer")
    return value


def _structure_str(value: object, _: object) -> str:
    if type(value) is not str:
        raise InvalidTypeError("$", value, "must be a JSON string")
    return value


def _structure_bool(value: object, _: object) -> bool:
    if type(value) is not bool:
        raise InvalidTypeError("$", value, "must be true or false")
    return value


def _structure_float(value: object, _: object) -> float:
    if type(value) not in (int, float):
        raise InvalidTypeError("$", value, "must be a JSON number")
    return float(value)  # type: ignore[arg-type]


def _structure_currency(value: object, _: object) -> Currency:
    if not isinstance(value, str):
        raise InvalidTypeError("$", value, "must be an ISO 4217 code string")
    try:
        return get_currency(value)
    except CreativeCityError as error:
        raise type(error)("$", error.value, error.rule) from None


def _unstructure_currency(value: Currency) -> str:
    return value.code


def _unstructure_money(value: Money) -> dict[str, str]:
    return {"amount": decimal_text(value.amount), "currency": value.currency.code}


def _structure_money(value: object, _: object) -> Money:
    if not isinstance(value, dict):
        raise InvalidTypeError("$", value, 'must be {"amount": "...", "currency": "..."}')
    extra = sorted(set(value) - {"amount", "currency"})
    if extra:
        raise ValidationError(extra[0], value[extra[0]], "is not a field of money")
    for key in ("amount", "currency"):
        if key not in value:
            raise ValidationError(key, None, "is required in money")
    amount, currency = value["amount"], value["currency"]
    if not isinstance(currency, str):
        raise InvalidTypeError("currency", currency, "must be an ISO 4217 code string")
    return Money.of(amount, currency)  # int or str; anything else gets its precise error


def _structure_period(value: object, _: object) -> Period:
    if not isinstance(value, str):
        raise InvalidTypeError("$", value, "must be a period label like 2022-H1")
    try:
        return Period.parse(value)
    except CreativeCityError as error:
        raise type(error)("$", error.value, error.rule) from None


def _unstructure_period(value: Period) -> str:
    return value.label


def register_scalar_hooks(converter: cattrs.Converter) -> None:
    """Register the strict hooks for simple types on *converter*.

    Args:
        converter: The converter; a hook registered here for a class takes precedence
            over the converter's hook factories for it.
    """
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(float, _structure_float)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, decimal_text)
    converter.register_structure_hook(Fraction, _structure_fraction)
    converter.register_unstructure_hook(Fraction, _unstructure_fraction)
    converter.register_structure_hook(_dt.datetime, _structure_datetime)
    converter.register_unstructure_hook(_dt.datetime, _unstructure_datetime)
    converter.register_structure_hook(_dt.date, _structure_date)
    converter.register_unstructure_hook(_dt.date, _dt.date.isoformat)
    converter.register_structure_hook(_dt.time, _structure_time)
    converter.register_unstructure_hook(_dt.time, _unstructure_time)
    converter.register_structure_hook(_dt.timedelta, _structure_timedelta)
    converter.register_unstructure_hook(_dt.timedelta, _unstructure_timedelta)
    converter.register_structure_hook(Currency, _structure_currency)
    converter.register_unstructure_hook(Currency, _unstructure_currency)
    converter.register_structure_hook(Money, _structure_money)
    converter.register_unstructure_hook(Money, _unstructure_money)
    converter.register_structure_hook(Period, _structure_period)
    converter.register_unstructure_hook(Period, _unstructure_period)
