"""JSON Schema (draft 2020-12) for the wire form of any public type.

The schema follows :mod:`creative_city.serialization` exactly: decimals are strings,
money is ``{"amount", "currency"}``, datetimes carry an offset, unknown keys are not
allowed, lists are bounded by :data:`~creative_city.serialization.MAX_ITEMS`.
A field states the further bounds its class enforces in its attrs metadata under
:data:`SCHEMA_KEY` (``attrs.field(metadata={SCHEMA_KEY: {"minimum": 1}})``), or its
validator states them for every field it checks
(:func:`~creative_city.operation.states`); they are merged into its schema, so the
schema and the command agree.

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
from typing import Any

import attrs

from creative_city.money import Currency, Money
from creative_city.money.decimals import MAX_FRACTION_DIGITS, MAX_INTEGER_DIGITS
from creative_city.operation import SCHEMA_KEY
from creative_city.serialization import MAX_ITEMS, tag_value, tagged_union_tag
from creative_city.time import Period

__all__ = ["SCHEMA_KEY", "json_schema"]


_DECIMAL = {
    "type": "string",
    "pattern": rf"^[+-]?[0-9]{{1,{MAX_INTEGER_DIGITS}}}(\.[0-9]{{1,{MAX_FRACTION_DIGITS}}})?$",
}
_SCALARS: dict[Any, dict[str, Any]] = {
    int: {"type": "integer"},
    str: {"type": "string"},
    bool: {"type": "boolean"},
    float: {"type": "number"},
    Decimal: _DECIMAL,
    Fraction: {"type": "string", "pattern": r"^-?[0-9]+(/[0-9]+|\.[0-9]+)?$"},
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
        properties[wire].update(getattr(field.validator, SCHEMA_KEY, {}))
        properties[wire].update(field.metadata.get(SCHEMA_KEY, {}))
        if field.default is attrs.NOTHING:
            required.append(wire)
    schema: dict[str, Any] = {"type": "object", "properties": properties}
    if required:
        schema["required"] = required
    schema["additionalProperties"] = False
    if cls.__doc__:
        schema["description"] = cls.__doc__.strip().split("\n", 1)[0]
    defs[name] = schema
