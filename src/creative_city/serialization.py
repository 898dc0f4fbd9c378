"""Strict JSON for every public value, through one private cattrs converter.

* Decimals travel as strings (``"100.00"``), never as JSON numbers; fractions as
  ``"1/3"``; money as ``{"amount": "100.00", "currency": "KZT"}``.
* Datetimes are ISO 8601 with an offset (naive ones are rejected); dates are
  ``YYYY-MM-DD``; durations ISO 8601 (``PT1H30M``); periods by label (``2022-H1``);
  enums by value.
* Unknown keys, duplicate keys, wrong types (``"2"`` for an int, ``true`` for a
  number, ``1.5`` for money), ``NaN`` and oversized documents are rejected with a
  :class:`~creative_city.errors.ValidationError` whose field is the JSON path of the
  bad value (``$.tiers[2].limit``).
* Untrusted input cannot cause unbounded work: a document is at most
  :data:`MAX_BYTES` long, no list holds more than :data:`MAX_ITEMS` entries and
  nesting stops at :data:`MAX_DEPTH`.

>>> from creative_city.money import Money
>>> to_json(Money.of("100", "KZT"))
'{"amount":"100.00","currency":"KZT"}'
>>> from_json('{"amount": "1.5", "currency": "USD"}', Money)
Money('1.50', 'USD')
>>> from_json('{"amount": 1.5, "currency": "USD"}', Money)
Traceback (most recent call last):
...
creative_city.errors.InvalidTypeError: $.amount = 1.5: must be int, str or Decimal, never \
float (floats are inexact)
"""

from __future__ import annotations

import collections.abc
import datetime as _dt
import enum
import functools
import re
import typing
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    StructureHandlerNotFoundError,
)
from cattrs.fns import identity, raise_error

from creative_city.errors import CreativeCityError, InvalidTypeError, ValidationError
from creative_city.money import Currency, Money, get_currency, to_decimal
from creative_city.time import Period

__all__ = [
    "MAX_BYTES",
    "MAX_DEPTH",
    "MAX_ITEMS",
    "check_bounds",
    "decimal_text",
    "from_data",
    "from_json",
    "loads",
    "register_hooks",
    "register_tagged_union",
    "tag_value",
    "tagged_union_tag",
    "to_data",
    "to_json",
]

T = TypeVar("T")

MAX_BYTES: Final = 16 * 1024 * 1024
"""Default largest JSON document accepted, in bytes (16 MiB)."""

MAX_ITEMS: Final = 100_000
"""Default largest list (or object) accepted in a JSON document."""

MAX_DEPTH: Final = 64
"""Default deepest nesting accepted in a JSON document."""


# -- scalar hooks ------------------------------------------------------------------


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


_FRACTION: Final = re.compile(r"-?\d{1,60}(?:/\d{1,60})?")


def _unstructure_fraction(value: Fraction) -> str:
    return str(value)


def _structure_fraction(value: object, _: object) -> Fraction:
    if isinstance(value, int) and not isinstance(value, bool):
        return Fraction(value)
    if isinstance(value, str):
        if _FRACTION.fullmatch(value):
            return Fraction(value)
        return Fraction(to_decimal(value, "$"))
    raise InvalidTypeError("$", value, "must be a fraction string like '1/3' or '0.25'")


_DATETIME: Final = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2})"
)
_DATE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")
_TIME: Final = re.compile(r"\d{2}:\d{2}(?::\d{2})?")
_DURATION: Final = re.compile(
    r"(?P<sign>-)?P(?:(?P<days>\d{1,7})D)?"
    r"(?:T(?:(?P<hours>\d{1,9})H)?(?:(?P<minutes>\d{1,9})M)?(?:(?P<seconds>\d{1,12})S)?)?"
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
    try:
        delta = _dt.timedelta(**parts)
    except OverflowError:
        raise ValidationError("$", value, "is too long a duration") from None
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


def _unstructure_enum(value: enum.Enum) -> object:
    return value.value


_SEQUENCES: Final = {
    list: list,
    tuple: tuple,
    set: frozenset,
    frozenset: frozenset,
    collections.abc.Sequence: tuple,
    collections.abc.MutableSequence: list,
    collections.abc.Set: frozenset,
    collections.abc.MutableSet: set,
}
_MAPPINGS: Final = (dict, collections.abc.Mapping, collections.abc.MutableMapping)


def _is_sequence(type_: Any) -> bool:  # noqa: ANN401
    return (typing.get_origin(type_) or type_) in _SEQUENCES


def _is_mapping(type_: Any) -> bool:  # noqa: ANN401
    return (typing.get_origin(type_) or type_) in _MAPPINGS


def _element(hook: Callable[[Any, Any], Any], item: object, kind: Any, step: str) -> Any:  # noqa: ANN401
    try:
        return hook(item, kind)
    except Exception as error:  # noqa: BLE001 - re-raised as one library error with its path
        raise _translate(error, "$" + step) from None


def _sequence_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(type_: Any) -> Callable[[Any, Any], Any]:  # noqa: ANN401
        origin = typing.get_origin(type_) or type_
        build = _SEQUENCES[origin]
        args = typing.get_args(type_)
        if origin is tuple and args and not (len(args) == 2 and args[1] is Ellipsis):
            kinds = args

            def fixed(value: object, _: object) -> tuple[Any, ...]:
                if type(value) is not list or len(value) != len(kinds):
                    raise InvalidTypeError(
                        "$", value, f"must be a JSON array of exactly {len(kinds)} items"
                    )
                return tuple(
                    _element(converter.get_structure_hook(k), item, k, f"[{i}]")
                    for i, (item, k) in enumerate(zip(value, kinds, strict=True))
                )

            return fixed
        kind = args[0] if args else Any

        def hook(value: object, _: object) -> Any:  # noqa: ANN401
            if type(value) is not list:
                raise InvalidTypeError("$", value, "must be a JSON array")
            element = converter.get_structure_hook(kind)
            return build(_element(element, item, kind, f"[{i}]") for i, item in enumerate(value))

        return hook

    return factory


def _mapping_hook(converter: cattrs.Converter) -> Callable[[Any], Callable[[Any, Any], Any]]:
    def factory(type_: Any) -> Callable[[Any, Any], Any]:  # noqa: ANN401
        args = typing.get_args(type_)
        key_kind, value_kind = args or (str, Any)

        def hook(value: object, _: object) -> dict[Any, Any]:
            if type(value) is not dict:
                raise InvalidTypeError("$", value, "must be a JSON object")
            keys = converter.get_structure_hook(key_kind)
            values = converter.get_structure_hook(value_kind)
            return {
                _element(keys, k, key_kind, f".{k}"): _element(values, v, value_kind, f".{k}")
                for k, v in value.items()
            }

        return hook

    return factory


_GENERATE_AFTER = 64
"""How many objects of an attrs class the plain hooks handle before cattrs generates code.

cattrs structures and unstructures an attrs class with code it generates and compiles
for that class: fast per object, but compiling costs about a millisecond per class,
most of the start-up of a one-shot ``creative-city eval``. So each class is first
handled by a plain loop that takes the generated code's steps in the same order (same
results, same errors), and the generated code takes over after this many objects.
"""


def _tiered(plain: Callable[..., Any], generate: Callable[[], Callable[..., Any]]) -> Any:  # noqa: ANN401
    """Return a hook that calls *plain*, then the hook that *generate* returns.

    The switch comes after :data:`_GENERATE_AFTER` calls; *generate* runs once.
    """
    calls = 0
    generated: Callable[..., Any] | None = None

    def hook(*args: Any) -> Any:  # noqa: ANN401
        nonlocal calls, generated
        if generated is None:
            if calls < _GENERATE_AFTER:
                calls += 1
                return plain(*args)
            generated = generate()
        return generated(*args)

    return hook


def _attrs_hook(
    plain_of: Callable[[Any], Callable[..., Any] | None],
    generate: Callable[[Any], Callable[..., Any]],
) -> Callable[[Any], Any]:
    """Return a hook factory for attrs classes.

    A class gets its plain hook (*plain_of*) until cattrs' generated one (*generate*)
    takes over, or the generated one at once where *plain_of* returns None.
    """

    def factory(cls: Any) -> Any:  # noqa: ANN401
        plain = plain_of(cls)
        if plain is None:
            return generate(cls)
        return _tiered(plain, lambda: generate(cls))

    return factory


def _plain_fields(converter: cattrs.Converter, cls: type) -> tuple[Any, ...] | None:
    """Return the init fields of *cls* with resolved types, or None.

    None means *cls* uses a feature the plain hooks do not copy: generic classes,
    ``Final``, ``Annotated``, type variables, untyped fields, overrides, aliases as keys.
    """
    if getattr(cls, "__parameters__", ()) or converter.type_overrides or converter.use_alias:
        return None
    fields = attrs.fields(cls)
    if any(isinstance(field.type, str) for field in fields):
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
    chosen = []
    for field in fields:
        if not field.init:
            continue  # cattrs leaves init=False fields out, both ways
        kind = field.type
        if (
            kind is None
            or kind is Final
            or isinstance(kind, TypeVar)
            or typing.get_origin(kind) in (typing.Annotated, Final)
        ):
            return None
        chosen.append(field)
    return tuple(chosen)


def _plain_attrs_unstructure(converter: cattrs.Converter, cls: type) -> Callable[[Any], Any] | None:
    """Return an unstructure hook for the attrs class *cls* that runs no generated code.

    Like cattrs' generated code (without ``omit_if_default``), it returns a new dict of
    each init field, in order, through the hook of the field's declared type.
    """
    fields = None if converter.omit_if_default else _plain_fields(converter, cls)
    if fields is None:
        return None
    steps = []
    for field in fields:
        try:
            handler = converter.get_unstructure_hook(field.type, cache_result=False)
        except RecursionError:
            handler = converter.unstructure
        steps.append((field.name, None if handler == identity else handler))

    def unstructure(instance: Any) -> dict[str, Any]:  # noqa: ANN401
        res = {}
        for name, handler in steps:
            value = getattr(instance, name)
            res[name] = value if handler is None else handler(value)
        return res

    return unstructure


def _plain_attrs_structure(
    converter: cattrs.Converter,
    cls: type,
) -> Callable[[Any, Any], Any] | None:
    """Return a structure hook for the attrs class *cls* that runs no generated code.

    It takes the steps of cattrs' generated code with detailed validation, in the same
    order: each init field in turn (``o[key]`` when required, ``key in o`` when it has
    a default), its value built by the hook of its declared type and any error noted
    with the attribute; then the unknown keys; then the class itself, its errors
    wrapped. Classes using a feature this does not copy return None and get cattrs'
    generated code at once.
    """
    if (
        converter._prefer_attrib_converters  # noqa: SLF001
        or not converter.forbid_extra_keys
        or not converter.detailed_validation
    ):
        return None
    fields = _plain_fields(converter, cls)
    if fields is None:
        return None
    steps = []
    for field in fields:
        kind = field.type
        handler = _field_handler(converter, field, kind)
        call_type = handler is not None and handler == converter._structure_call  # noqa: SLF001
        note = AttributeValidationNote(
            f"Structuring class {cls.__qualname__} @ attribute {field.name}", field.name, kind
        )
        required = field.default is attrs.NOTHING
        steps.append((field.name, field.alias, required, handler, call_type, kind, note))
    allowed = {step[0] for step in steps}
    name = cls.__name__

    def structure(o: Any, _: object) -> Any:  # noqa: ANN401
        res = {}
        errors: list[Exception] = []
        for key, alias, required, handler, call_type, kind, note in steps:
            if not required and key not in o:
                continue
            try:
                if handler is None:
                    res[alias] = o[key]
                elif call_type:
                    res[alias] = kind(o[key])
                else:
                    res[alias] = handler(o[key], kind)
            except Exception as error:  # noqa: BLE001 - collected, as cattrs does
                error.__notes__ = [*getattr(error, "__notes__", []), note]
                errors.append(error)
        unknown = set(o.keys()) - allowed
        if unknown:
            errors.append(ForbiddenExtraKeysError("", cls, unknown))
        if errors:
            raise ClassValidationError("While structuring " + name, errors, cls)
        try:
            return cls(**res)
        except Exception as error:  # noqa: BLE001 - wrapped, as cattrs does
            raise ClassValidationError("While structuring " + name, [error], cls) from None

    return structure


def _field_handler(converter: cattrs.Converter, field: Any, kind: Any) -> Any:  # noqa: ANN401
    # cattrs' find_structure_handler (private to cattrs, hence copied), for a converter
    # that does not prefer attrs converters; its Final branch cannot occur here, as
    # _plain_fields turns such classes away.
    handler: Any
    try:
        if field.converter is None:
            handler = converter.get_structure_hook(kind, cache_result=False)
        else:
            try:
                handler = converter.get_structure_hook(kind, cache_result=False)
            except StructureHandlerNotFoundError:
                handler = None
            if handler == raise_error:
                handler = None
    except RecursionError:
        handler = converter.structure
    return handler


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    converter.register_structure_hook_factory(
        attrs.has,
        _attrs_hook(
            functools.partial(_plain_attrs_structure, converter),
            converter.gen_structure_attrs_fromdict,
        ),
    )
    converter.register_unstructure_hook_factory(
        attrs.has,
        _attrs_hook(
            functools.partial(_plain_attrs_unstructure, converter),
            converter.gen_unstructure_attrs_fromdict,
        ),
    )
    converter.register_structure_hook_factory(_is_sequence, _sequence_hook(converter))
    converter.register_structure_hook_factory(_is_mapping, _mapping_hook(converter))
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
    converter.register_unstructure_hook(Currency, lambda c: c.code)
    converter.register_structure_hook(Money, _structure_money)
    converter.register_unstructure_hook(Money, _unstructure_money)
    converter.register_structure_hook(Period, _structure_period)
    converter.register_unstructure_hook(Period, lambda p: p.label)
    return converter


_converter: Final = _make_converter()


def register_hooks(
    cls: type[T],
    *,
    structure: Callable[[Any, type[T]], T] | None = None,
    unstructure: Callable[[T], Any] | None = None,
) -> None:
    """Register custom JSON hooks for *cls* on the library's converter.

    Domain modules call this at import time for types that need a special wire form.

    Args:
        cls: The type.
        structure: ``(data, cls) -> instance``; raise a library error on bad data.
        unstructure: ``instance -> JSON-ready data``.
    """
    if structure is not None:
        _converter.register_structure_hook(cls, structure)
    if unstructure is not None:
        _converter.register_unstructure_hook(cls, unstructure)


def register_tagged_union(union: Any, *, tag: str = "type") -> None:  # noqa: ANN401
    """Serialize the union of attrs classes *union* with a tag field naming the class.

    The tag's value is the class name converted to snake case
    (``PledgeCreated`` -> ``"pledge_created"``). The members' own hooks are generated
    on first use, not here, so registering a large union costs nothing at import time.

    Args:
        union: A ``typing.Union`` of attrs classes.
        tag: The name of the tag field.
    """
    members = typing.get_args(union)
    by_tag = {_snake(cls): cls for cls in members}
    tags = {cls: name for name, cls in by_tag.items()}

    def structure(value: object, _: object) -> Any:  # noqa: ANN401
        if type(value) is not dict:
            raise InvalidTypeError("$", value, f"must be a JSON object with a {tag!r} tag")
        name = value.get(tag)
        cls = by_tag.get(name) if isinstance(name, str) else None
        if cls is None:
            raise ValidationError(
                f"${'.' + tag}", name, f"must be one of {', '.join(sorted(by_tag))}"
            )
        rest = {key: item for key, item in value.items() if key != tag}
        return _converter.get_structure_hook(cls)(rest, cls)

    def unstructure(value: Any) -> Any:  # noqa: ANN401
        name = tags.get(type(value))
        if name is None:
            raise InvalidTypeError("$", value, f"is not a member of the {tag!r}-tagged union")
        data = _converter.get_unstructure_hook(type(value))(value)
        data[tag] = name
        return data

    _converter.register_structure_hook(union, structure)
    _converter.register_unstructure_hook(union, unstructure)
    _TAGGED_UNIONS[union] = tag


_TAGGED_UNIONS: dict[Any, str] = {}


def tagged_union_tag(union: Any) -> str | None:  # noqa: ANN401
    """Return the tag field of a union registered with :func:`register_tagged_union`.

    Returns:
        The tag field's name, or ``None`` if *union* was not registered.
    """
    return _TAGGED_UNIONS.get(union)


def tag_value(cls: type) -> str:
    """Return the tag value that names *cls* inside a tagged union (snake case).

    >>> class PledgeCreated: ...
    >>> tag_value(PledgeCreated)
    'pledge_created'
    """
    return _snake(cls)


def _snake(cls: type) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", cls.__name__).lower()


# -- bounds ------------------------------------------------------------------------


def check_bounds(data: object, *, max_items: int = MAX_ITEMS, max_depth: int = MAX_DEPTH) -> None:
    """Raise if parsed JSON *data* holds a list or object over *max_items* or nests deeper
    than *max_depth*.

    Raises:
        ValidationError: Naming the JSON path of the first offending container.
    """  # noqa: D205
    stack: list[tuple[object, str, int]] = [(data, "$", 0)]
    while stack:
        node, path, depth = stack.pop()
        if isinstance(node, (list, dict)):
            if depth >= max_depth:
                raise ValidationError(path, "...", f"nests deeper than {max_depth} levels")
            if len(node) > max_items:
                raise ValidationError(
                    path, f"<{len(node)} items>", f"holds more than {max_items} items"
                )
            if isinstance(node, list):
                stack.extend((item, f"{path}[{i}]", depth + 1) for i, item in enumerate(node))
            else:
                stack.extend((v, f"{path}.{k}", depth + 1) for k, v in node.items())


def _reject_constant(name: str) -> object:
    raise ValidationError("$", name, "NaN and Infinity are not JSON")


def _no_duplicates(pairs: list[tuple[str, object]]) -> dict[str, object]:
    result: dict[str, object] = {}
    for key, value in pairs:
        if key in result:
            raise ValidationError("$", key, "duplicate key in a JSON object")
        result[key] = value
    return result


def loads(
    text: str | bytes,
    *,
    max_bytes: int = MAX_BYTES,
    max_items: int = MAX_ITEMS,
    max_depth: int = MAX_DEPTH,
) -> Any:  # noqa: ANN401
    """Parse JSON strictly and within bounds (no NaN, no duplicate keys).

    Raises:
        ValidationError: If the text is too long, malformed or over the bounds.
    """
    if not isinstance(text, (str, bytes)):
        raise InvalidTypeError("$", text, "a JSON document is str or bytes")
    size = len(text.encode() if isinstance(text, str) else text)
    if size > max_bytes:
        raise ValidationError("$", f"<{size} bytes>", f"documents are at most {max_bytes} bytes")
    try:
        import json  # noqa: PLC0415 - deferred: importing json costs more than our module

        data = json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except CreativeCityError:
        raise
    except RecursionError:
        raise ValidationError("$", "...", f"nests deeper than {max_depth} levels") from None
    except (ValueError, UnicodeDecodeError) as error:
        raise ValidationError("$", _snippet(text), f"is not valid JSON ({error})") from None
    check_bounds(data, max_items=max_items, max_depth=max_depth)
    return data


def _snippet(text: str | bytes) -> str:
    shown = text if isinstance(text, str) else text[:80].decode("utf-8", "replace")
    return shown[:80]


# -- public API ----------------------------------------------------------------------


def to_data(value: object, as_type: Any = None) -> Any:  # noqa: ANN401
    """Return *value* as JSON-ready data (dicts, lists, strings, numbers, booleans).

    Args:
        value: The value.
        as_type: The declared type to write it as, when its runtime type is not
            enough (a list of tagged-union members: ``list[Event]``).
    """
    return _converter.unstructure(value, unstructure_as=as_type)


def from_data(data: object, cls: type[T]) -> T:
    """Build a *cls* from JSON-ready *data*, strictly.

    Raises:
        ValidationError: Whose field is the JSON path of the first bad value.
    """
    try:
        return _converter.structure(data, cls)
    except Exception as error:  # noqa: BLE001 - every failure becomes one library error
        raise _translate(error, "$") from None


def to_json(value: object, *, indent: int | None = None, as_type: Any = None) -> str:  # noqa: ANN401
    """Return the canonical JSON text of *value*: sorted keys, no NaN, UTF-8 text.

    With ``indent=None`` (the default) the text is compact and byte-for-byte stable;
    *as_type* is passed to :func:`to_data`.
    """
    import json  # noqa: PLC0415 - deferred, see loads

    return json.dumps(
        to_data(value, as_type),
        sort_keys=True,
        ensure_ascii=False,
        allow_nan=False,
        indent=indent,
        separators=(",", ":") if indent is None else (",", ": "),
    )


def from_json(
    text: str | bytes,
    cls: type[T],
    *,
    max_bytes: int = MAX_BYTES,
    max_items: int = MAX_ITEMS,
    max_depth: int = MAX_DEPTH,
) -> T:
    """Parse *text* and build a *cls* from it, strictly and within bounds.

    Raises:
        ValidationError: For malformed, oversized or invalid documents, naming the path.
    """
    data = loads(text, max_bytes=max_bytes, max_items=max_items, max_depth=max_depth)
    return from_data(data, cls)


# -- error translation -----------------------------------------------------------------


def _translate(error: BaseException, path: str) -> CreativeCityError:
    if isinstance(error, ClassValidationError):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            if isinstance(inner, KeyError):
                # A missing key: the note already names the attribute, the error its key.
                return ValidationError(f"{path}.{inner.args[0]}", None, "is required")
            return _translate(inner, f"{path}.{note.name}")
        for inner in without:
            return _translate(inner, path)
    if isinstance(error, IterableValidationError):
        with_inotes, without = error.group_exceptions()
        for inner, inote in with_inotes:
            index = inote.index
            step = f"[{index}]" if isinstance(index, int) else f".{index}"
            return _translate(inner, f"{path}{step}")
        for inner in without:
            return _translate(inner, path)
    if isinstance(error, ExceptionGroup):
        return _translate(error.exceptions[0], path)
    if isinstance(error, ForbiddenExtraKeysError):
        key = min(error.extra_fields)
        return ValidationError(
            f"{path}.{key}", key, "is not a known field (unknown keys are rejected)"
        )
    if isinstance(error, CreativeCityError):
        field = error.field
        # "$..." is relative to the node being built; a plain name is one of its fields.
        where = path + field[1:] if field.startswith("$") else f"{path}.{field}"
        return type(error)(where, error.value, error.rule)
    if isinstance(error, KeyError):
        return ValidationError(f"{path}.{error.args[0]}", None, "is required")
    if isinstance(error, StructureHandlerNotFoundError):
        return InvalidTypeError(path, str(error), "has no JSON form")
    if isinstance(error, TypeError):
        return InvalidTypeError(path, f"<{error}>", "has the wrong JSON shape")
    return ValidationError(path, f"<{error}>", "is invalid")
