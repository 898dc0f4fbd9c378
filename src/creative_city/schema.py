"""JSON Schema (draft 2020-12) for the wire form of any public type.

The schema follows :mod:`creative_city.serialization` exactly: decimals are strings,
money is ``{"amount", "currency"}``, datetimes carry an offset, unknown keys are not
allowed, lists are bounded by :data:`~creative_city.serialization.MAX_ITEMS`.
A field states the further bounds its class enforces in its attrs metadata under
:data:`SCHEMA_KEY` (``attrs.field(metadata={SCHEMA_KEY: {"minimum": 1}})``), or its
validator states them for every field it checks
(:func:`~creative_city.operation.states`); they are merged into its schema, so the
schema and the command agree. A decimal travels as a string, to which JSON Schema's
``minimum`` and ``maximum`` do not apply: a decimal field states its range with the
same keywords, and its schema gets them as a pattern (:func:`decimal_bounds`).

>>> from creative_city.money import Money
>>> json_schema(Money)["$defs"]["Money"]["required"]
['amount', 'currency']
"""

from __future__ import annotations

import collections.abc
import datetime as _dt
import enum
import types
import typing
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from creative_city.money import Currency, Money
from creative_city.money.decimals import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS
from creative_city.operation import SCHEMA_KEY
from creative_city.serialization import MAX_ITEMS, tag_value, tagged_union_tag
from creative_city.time import Period

__all__ = ["SCHEMA_KEY", "decimal_bounds", "json_schema", "spec_schema"]


_DECIMAL_TEXT = rf"[+-]?[0-9]{{1,{MAX_INTEGER_DIGITS}}}(\.[0-9]{{1,{MAX_FRACTION_DIGITS}}})?"
_DECIMAL = {"type": "string", "pattern": f"^{_DECIMAL_TEXT}$"}
# A fraction's n/d form (an integer is one with no /d): at most 60 digits each, d not 0.
_RATIO_ONLY = r"-?[0-9]{1,60}/(?=[0-9]{1,60}$)0*[1-9][0-9]*"
_RATIO = rf"(?:{_RATIO_ONLY}|-?[0-9]{{1,60}})"
_SCALARS: dict[Any, dict[str, Any]] = {
    int: {"type": "integer"},
    str: {"type": "string"},
    bool: {"type": "boolean"},
    float: {"type": "number"},
    Decimal: _DECIMAL,
    Fraction: {"type": "string", "pattern": f"^(?:{_RATIO}|{_DECIMAL_TEXT})$"},
    _dt.datetime: {
        "type": "string",
        "format": "date-time",
        "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?"
        r"(Z|[+-][0-9]{2}:[0-9]{2})$",
    },
    _dt.date: {"type": "string", "format": "date", "pattern": r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"},
    _dt.time: {"type": "string", "pattern": r"^[0-9]{2}:[0-9]{2}(:[0-9]{2})?$"},
    _dt.timedelta: {
        "type": "string",
        "pattern": r"^-?P([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+S)?)?$",
    },
    Currency: {"type": "string", "pattern": "^[A-Z]{3}$"},
    Period: {
        "type": "string",
        "pattern": r"^([0-9]{4}(-H[12]|-Q[1-4]|-[0-9]{2})?|YTD/[0-9]{4}-[0-9]{2}-[0-9]{2}"
        r"|[0-9]{4}-[0-9]{2}-[0-9]{2}/[0-9]{4}-[0-9]{2}-[0-9]{2})$",
    },
    Money: {
        "type": "object",
        "properties": {"amount": _DECIMAL, "currency": {"type": "string", "pattern": "^[A-Z]{3}$"}},
        "required": ["amount", "currency"],
        "additionalProperties": False,
    },
    typing.Any: {},
    object: {},
}
_ARRAYS = (list, tuple, set, frozenset, collections.abc.Sequence, collections.abc.Set)
_MAPPINGS = (dict, collections.abc.Mapping)


def json_schema(cls: Any, *, title: str | None = None) -> dict[str, Any]:  # noqa: ANN401
    """Return the JSON Schema of the wire form of *cls*.

    Args:
        cls: An attrs class, a scalar type, or a container of those.
        title: An optional title for the root schema.

    Returns:
        A JSON-ready dict; attrs classes are defined once under ``$defs``.
    """
    defs: dict[str, Any] = {}
    root = _schema(cls, defs)
    document: dict[str, Any] = {"$schema": "https://json-schema.org/draft/2020-12/schema"}
    if title:
        document["title"] = title
    document.update(root)
    if defs:
        document["$defs"] = dict(sorted(defs.items()))
    return document


def spec_schema() -> dict[str, Any]:
    """Return the JSON Schema of a scenario spec: what ``creative-city sweep`` reads.

    It states every bound a spec's loader checks on one value (a name of 1 to 200
    characters, a lognormal's ``sigma`` above 0 and at most 10, a grid of at most 1,000
    values...); rules that relate several values (a parameter's values within what the
    model accepts, the grids' cells) are the loader's
    (:meth:`~creative_city.scenarios.ScenarioSpec.from_json`).

    >>> schema = spec_schema()
    >>> schema["$defs"]["ScenarioSpec"]["properties"]["name"]
    {'type': 'string', 'minLength': 1, 'maxLength': 200}
    """
    from creative_city.scenarios import ScenarioSpec  # noqa: PLC0415 - only for this schema

    return json_schema(ScenarioSpec, title="creative-city scenario spec")


def _schema(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401
    """Return the schema of *kind*, adding the attrs classes it uses to *defs*."""
    origin = typing.get_origin(kind)
    args = typing.get_args(kind)
    if kind is type(None):
        return {"type": "null"}
    if kind in _SCALARS:
        return _scalar(kind, defs)
    if isinstance(kind, type) and issubclass(kind, enum.Enum):
        return {"enum": [member.value for member in kind]}
    if origin is typing.Literal:
        return {"enum": list(args)}
    if origin in (typing.Union, types.UnionType):
        return _union(kind, args, defs)
    if _is_one_of(kind, origin, _ARRAYS):
        return _array(origin, args, defs)
    if _is_one_of(kind, origin, _MAPPINGS):
        value = _schema(args[1], defs) if args else {}
        return {"type": "object", "additionalProperties": value, "maxProperties": MAX_ITEMS}
    if isinstance(kind, type) and attrs.has(kind):
        _define(kind, defs)
        return {"$ref": f"#/$defs/{kind.__name__}"}
    message = f"no JSON Schema for {kind!r}"
    raise TypeError(message)


def _is_one_of(kind: Any, origin: Any, kinds: tuple[Any, ...]) -> bool:  # noqa: ANN401
    # A bare container (list) or a parametrised one (list[int]).
    return origin in kinds or kind in kinds


def _scalar(kind: Any, defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401
    if kind is Money:  # an object, defined once
        defs.setdefault("Money", _SCALARS[Money])
        return {"$ref": "#/$defs/Money"}
    return dict(_SCALARS[kind])


def _union(kind: Any, args: tuple[Any, ...], defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401
    # A tagged union's members carry their tag; an optional value may also be null.
    tag = tagged_union_tag(kind)
    options = [a for a in args if a is not type(None)]
    if tag is not None:
        schemas = [_tagged(option, tag, defs) for option in options]
    else:
        schemas = [_schema(option, defs) for option in options]
    if len(options) < len(args):
        schemas.append({"type": "null"})
    return {"anyOf": schemas} if len(schemas) > 1 else schemas[0]


def _array(origin: Any, args: tuple[Any, ...], defs: dict[str, Any]) -> dict[str, Any]:  # noqa: ANN401
    # A fixed tuple lists each item's schema; any other array bounds its length.
    if origin is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
        return {
            "type": "array",
            "prefixItems": [_schema(a, defs) for a in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    item = _schema(args[0], defs) if args else {}
    return {"type": "array", "items": item, "maxItems": MAX_ITEMS}


def _tagged(cls: type, tag: str, defs: dict[str, Any]) -> dict[str, Any]:
    # The variant inside a tagged union: the class's schema plus its tag key.
    name = f"{cls.__name__}.tagged"
    if name not in defs:
        _define(cls, defs)
        plain = defs[cls.__name__]
        defs[name] = {
            **plain,
            "properties": {tag: {"const": tag_value(cls)}, **plain["properties"]},
            "required": [tag, *plain.get("required", [])],
        }
    return {"$ref": f"#/$defs/{name}"}


def _define(cls: type, defs: dict[str, Any]) -> None:
    name = cls.__name__
    if name in defs:
        return
    defs[name] = {}  # placeholder: recursive types refer to it
    hints = typing.get_type_hints(cls)
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        if not field.init:
            continue
        wire = field.alias or field.name
        properties[wire] = _schema(hints.get(field.name, field.type), defs)
        stated = {**getattr(field.validator, SCHEMA_KEY, {}), **field.metadata.get(SCHEMA_KEY, {})}
        _state(properties[wire], stated)
        if field.default is attrs.NOTHING:
            required.append(wire)
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    if cls.__doc__:
        schema["description"] = cls.__doc__.strip().split("\n", 1)[0]
    defs[name] = schema


_NUMERIC: Final[tuple[str, ...]] = ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum")


def _state(schema: dict[str, Any], keywords: dict[str, Any]) -> None:
    # Merge the bounds a field states. Numeric bounds on a decimal, a fraction or money
    # (its amount), or on the items of an array of those, become a pattern.
    numeric = {key: keywords[key] for key in _NUMERIC if key in keywords}
    schema.update({key: value for key, value in keywords.items() if key not in numeric})
    if not numeric:
        return
    bounds = {
        "minimum": numeric.get("minimum"),
        "exclusive_minimum": numeric.get("exclusiveMinimum"),
        "maximum": numeric.get("maximum"),
        "exclusive_maximum": numeric.get("exclusiveMaximum"),
    }
    bounded = False
    options = schema.get("anyOf", [schema])  # an optional value: its value's option
    for inner in [item for option in options for item in _items(option)]:
        if inner.get("pattern") == _DECIMAL["pattern"]:
            inner.update(decimal_bounds(**bounds))
        elif inner.get("pattern") == _SCALARS[Fraction]["pattern"]:
            inner.update(_fraction_bounds(decimal_bounds(**bounds)))
        elif inner.get("$ref") == "#/$defs/Money":
            del inner["$ref"]
            amount = {"type": "string", **decimal_bounds(**bounds)}
            money = _SCALARS[Money]
            inner.update({**money, "properties": {**money["properties"], "amount": amount}})
        else:
            continue
        bounded = True
    if not bounded:
        schema.update(numeric)


def _items(schema: dict[str, Any]) -> list[dict[str, Any]]:
    # An array's items (each of a fixed tuple's), or the value itself.
    if schema.get("type") != "array":
        return [schema]
    items: list[dict[str, Any]] = schema.get("prefixItems", [schema.get("items", {})])
    return items


def _fraction_bounds(decimal: dict[str, str]) -> dict[str, str]:
    """A fraction's range: a decimal's pattern, or n/d, whose range only the command checks."""
    words = decimal["description"].removeprefix("a decimal ")
    return {
        "pattern": f"^{_RATIO_ONLY}$|{decimal['pattern']}",
        "description": f"a fraction {words}: a decimal in that range, or n/d (whose range"
        " a pattern cannot state: the command checks it)",
    }


def decimal_bounds(
    *,
    minimum: int | None = None,
    exclusive_minimum: int | None = None,
    maximum: int | None = None,
    exclusive_maximum: int | None = None,
) -> dict[str, str]:
    """Return the schema keywords of a decimal string within whole-number bounds.

    A decimal travels as a string (``"0.25"``), to which JSON Schema's numeric keywords
    do not apply, so the range is a ``pattern`` (the wire form's digit limits included)
    with a ``description`` saying it in words. A field states it with the numeric
    keywords (``{"exclusiveMinimum": 0, "maximum": 10}``), as an integer field does.

    Args:
        minimum: The smallest value allowed.
        exclusive_minimum: A value every allowed one is above.
        maximum: The largest value allowed.
        exclusive_maximum: A value every allowed one is below.

    Returns:
        ``{"pattern": ..., "description": ...}``.

    Raises:
        TypeError: If a bound is not an int, or no bound is given.

    >>> import re
    >>> sigma = decimal_bounds(exclusive_minimum=0, maximum=10)
    >>> sigma["description"]
    'a decimal above 0 and at most 10'
    >>> [bool(re.search(sigma["pattern"], text)) for text in ("10", "10.00", "10.01", "0", "-0.5")]
    [True, True, False, False, False]
    """
    low = _side(minimum, exclusive_minimum, upper=False)
    high = _side(maximum, exclusive_maximum, upper=True)
    if low is None and high is None:
        message = "decimal_bounds needs at least one bound"
        raise TypeError(message)
    sides = [side for side in (low, high) if side is not None]
    checks = "".join(f"(?=(?:{pattern})$)" for pattern, _ in sides[:-1])
    pattern = f"^(?={_DECIMAL_TEXT}$){checks}(?:{sides[-1][0]})$"
    words = " and ".join(w for _, w in sides)
    if minimum is not None and maximum is not None:
        words = f"from {minimum} to {maximum}"
    return {"pattern": pattern, "description": f"a decimal {words}"}


def _side(bound: int | None, exclusive: int | None, *, upper: bool) -> tuple[str, str] | None:
    """The pattern of the decimals on the allowed side of one bound, and the bound in words."""
    if bound is not None and exclusive is not None:
        message = "give a bound or an exclusive bound, not both"
        raise TypeError(message)
    value = bound if exclusive is None else exclusive
    if value is None:
        return None
    if type(value) is not int:
        message = f"a decimal's bound must be an int, not {value!r}"
        raise TypeError(message)
    strict = exclusive is not None
    words = ("below" if strict else "at most") if upper else ("above" if strict else "at least")
    # A sign-free part is >= 0 and a "-" part <= 0 ("-0" is zero): each side compares
    # magnitudes with |value| (``_magnitude``).
    size = abs(value)
    if upper:
        if value > 0 or (value == 0 and not strict):
            parts = [
                f"-{_magnitude('any', 0)}",
                rf"\+?{_magnitude('lt' if strict else 'le', size)}",
            ]
        else:
            parts = [f"-{_magnitude('gt' if strict else 'ge', size)}"]
    elif value < 0 or (value == 0 and not strict):
        parts = [rf"\+?{_magnitude('any', 0)}", f"-{_magnitude('lt' if strict else 'le', size)}"]
    else:
        parts = [rf"\+?{_magnitude('gt' if strict else 'ge', size)}"]
    return "|".join(parts), f"{words} {value}"


def _magnitude(relation: str, size: int) -> str:
    """Unsigned decimals (leading zeros allowed) whose value is *relation* to *size* >= 0."""
    whole = str(size) if size else ""  # the integer part without leading zeros
    fraction = r"(?:\.[0-9]+)?"
    exactly = rf"0*{whole}(?:\.0+)?"
    if relation == "any":
        return rf"(?:[0-9]+{fraction})"
    if relation in ("lt", "le"):
        options = [f"0*{_below(size)}{fraction}"] if size else []
        if relation == "le":
            options.append(exactly)
    else:
        options = [f"0*{_above(size)}{fraction}"]
        options.append(
            rf"0*{whole}\.[0-9]*[1-9][0-9]*" if relation == "gt" else f"0*{whole}{fraction}"
        )
    return "(?:" + "|".join(options) + ")"


def _below(size: int) -> str:
    """Integers from 0 to *size* - 1 without leading zeros (0 is the empty string)."""
    text = str(size)
    options = [""]
    if len(text) > 1:
        options.append(f"[1-9]{_count(0, len(text) - 2)}")
    for index, digit in enumerate(text):
        lowest = 1 if index == 0 else 0
        if int(digit) - 1 >= lowest:
            options.append(
                f"{text[:index]}{_digit(lowest, int(digit) - 1)}{_any(text[index + 1 :])}"
            )
    return "(?:" + "|".join(options) + ")"


def _above(size: int) -> str:
    """Integers above *size* without leading zeros."""
    text = str(size) if size else ""
    options = [f"[1-9]{_count(len(text), None)}"]
    for index, digit in enumerate(text):
        if int(digit) < 9:
            options.append(f"{text[:index]}{_digit(int(digit) + 1, 9)}{_any(text[index + 1 :])}")
    return "(?:" + "|".join(options) + ")"


def _digit(low: int, high: int) -> str:
    return str(low) if low == high else f"[{low}-{high}]"


def _any(rest: str) -> str:
    return _count(len(rest), len(rest))


def _count(least: int, most: int | None) -> str:
    """Between *least* and *most* (``None``: any number of) digits."""
    if most is None:
        return "[0-9]*" if least == 0 else f"[0-9]{{{least},}}"
    if most == 0:
        return ""
    if least == most:
        return "[0-9]" if most == 1 else f"[0-9]{{{most}}}"
    return f"[0-9]{{{least},{most}}}"
