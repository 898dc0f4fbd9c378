"""The converter: one private, strict cattrs converter and the public entry points.

cattrs generates the code that builds and writes each attrs class (with
``forbid_extra_keys`` and detailed validation); this module adds, on top of the
strict simple-type hooks of :mod:`~creative_city.serialization.scalars`:

* JSON arrays and objects checked for their JSON type before cattrs' own list,
  tuple, set and mapping hooks run (cattrs takes any iterable: a string would
  become a list of characters);
* tagged unions (``{"type": "pledge_created", ...}``) for event and command unions;
* :func:`register_hooks` for domain types with a special wire form.

Errors become one library error at the JSON path of the bad value
(:func:`~creative_city.serialization.paths.library_error`).

>>> from decimal import Decimal
>>> to_data({"fee": Decimal("0.50")})
{'fee': '0.50'}
>>> from_data(["1", "2"], tuple[int, ...])
Traceback (most recent call last):
...
creative_city.errors.InvalidTypeError: $[0] = '1': must be a JSON integer
"""

from __future__ import annotations

import collections.abc
import enum
import json
import re
import types
import typing
from collections.abc import Callable
from typing import Any, Final, TypeVar

import attrs
import cattrs
from cattrs.cols import (
    homogenous_tuple_structure_factory,
    list_structure_factory,
    mapping_structure_factory,
)

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.serialization.paths import library_error
from creative_city.serialization.scalars import register_scalar_hooks
from creative_city.serialization.text import MAX_BYTES, MAX_DEPTH, MAX_ITEMS, loads

__all__ = [
    "from_data",
    "from_json",
    "register_hooks",
    "register_tagged_union",
    "tag_value",
    "tagged_union_tag",
    "to_data",
    "to_json",
]

T = TypeVar("T")

_Hook = Callable[[Any, Any], Any]

# What becomes of a JSON array, by the declared type's origin.
_LISTS: Final = (list, collections.abc.MutableSequence)
_TUPLES: Final = (tuple, collections.abc.Sequence)
_SETS: Final = {
    set: set,
    collections.abc.MutableSet: set,
    frozenset: frozenset,
    collections.abc.Set: frozenset,
}
_MAPPINGS: Final = (dict, collections.abc.Mapping, collections.abc.MutableMapping)


def _origin(kind: Any) -> Any:  # noqa: ANN401
    return typing.get_origin(kind) or kind


def _is_array(kind: Any) -> bool:  # noqa: ANN401
    return _origin(kind) in (*_LISTS, *_TUPLES, *_SETS)


def _is_object(kind: Any) -> bool:  # noqa: ANN401
    return _origin(kind) in _MAPPINGS


def _array_hooks(converter: cattrs.Converter) -> Callable[[Any], _Hook]:
    """Return the hook factory for JSON arrays: the JSON type first, then cattrs' hook."""

    def factory(kind: Any) -> _Hook:  # noqa: ANN401
        origin, args = _origin(kind), typing.get_args(kind)
        if origin is tuple and args and args[-1] is not Ellipsis:
            return _fixed_array(converter.gen_structure_hetero_tuple(kind), len(args))
        if origin in _LISTS:
            return _array(list_structure_factory(kind, converter))
        if origin in _TUPLES:
            return _array(homogenous_tuple_structure_factory(kind, converter))
        # A set is built from cattrs' hook for a list of its items.
        as_list: Any = types.GenericAlias(list, args[0] if args else Any)
        items = list_structure_factory(as_list, converter)
        build = _SETS[origin]
        return _array(lambda value, _: build(items(value, list)))

    return factory


def _array(hook: _Hook) -> _Hook:
    def structure(value: object, kind: object) -> Any:  # noqa: ANN401
        if type(value) is not list:
            raise InvalidTypeError("$", value, "must be a JSON array")
        return hook(value, kind)

    return structure


def _fixed_array(hook: _Hook, size: int) -> _Hook:
    def structure(value: object, kind: object) -> Any:  # noqa: ANN401
        if type(value) is not list or len(value) != size:
            raise InvalidTypeError("$", value, f"must be a JSON array of exactly {size} items")
        return hook(value, kind)

    return structure


def _object_hooks(converter: cattrs.Converter) -> Callable[[Any], _Hook]:
    """Return the hook factory for JSON objects: the JSON type first, then cattrs' hook."""

    def factory(kind: Any) -> _Hook:  # noqa: ANN401
        hook = mapping_structure_factory(kind, converter, dict)

        def structure(value: object, kind: object) -> Any:  # noqa: ANN401
            if type(value) is not dict:
                raise InvalidTypeError("$", value, "must be a JSON object")
            return hook(value, kind)

        return structure

    return factory


def _is_enum(kind: Any) -> bool:  # noqa: ANN401
    return isinstance(kind, type) and issubclass(kind, enum.Enum)


def _enum_hook(kind: type[enum.Enum]) -> _Hook:
    """Return the hook of an enum: one of its values, named in the error if not."""
    members = kind._value2member_map_
    allowed = ", ".join(str(value) for value in members)

    def structure(value: object, _: object) -> Any:  # noqa: ANN401
        if type(value) not in (str, int) or value not in members:
            raise ValidationError("$", value, f"must be one of: {allowed}")
        return members[value]

    return structure


def _attrs_hooks(converter: cattrs.Converter) -> Callable[[Any], _Hook]:
    """Return the hook factory for attrs classes: a JSON object first, then cattrs' hook."""

    def factory(kind: Any) -> _Hook:  # noqa: ANN401
        hook = converter.gen_structure_attrs_fromdict(kind)

        def structure(value: object, _: object) -> Any:  # noqa: ANN401
            if type(value) is not dict:
                raise InvalidTypeError("$", value, "must be a JSON object")
            return hook(value, kind)

        return structure

    return factory


def _make_converter() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=True)
    register_scalar_hooks(converter)
    converter.register_structure_hook_factory(attrs.has, _attrs_hooks(converter))
    converter.register_structure_hook_factory(_is_enum, _enum_hook)
    converter.register_structure_hook_factory(_is_array, _array_hooks(converter))
    converter.register_structure_hook_factory(_is_object, _object_hooks(converter))
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
        raise library_error(error) from None


def to_json(value: object, *, indent: int | None = None, as_type: Any = None) -> str:  # noqa: ANN401
    """Return the canonical JSON text of *value*: sorted keys, no NaN, UTF-8 text.

    With ``indent=None`` (the default) the text is compact and byte-for-byte stable;
    *as_type* is passed to :func:`to_data`.
    """
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
