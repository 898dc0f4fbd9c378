"""One shared ``__repr__``, ``__eq__`` and ``__hash__`` for the library's attrs classes (private).

attrs writes these methods for every class and compiles them when the class is
created: the repr is about a third of the cost of creating a class, equality and
hashing another third of the rest. The library creates well over a hundred classes,
and a one-shot ``creative-city eval`` pays for its operation's at every start.

A class that says ``__repr__ = record_repr`` in its body keeps attrs from writing a
repr (attrs' ``auto_detect``) and gets the same text from :func:`record_repr`:
``ClassName(field=value!r, ...)`` over the fields attrs would show, with attrs' custom
field ``repr`` callables honoured and a recursive reference shown as ``...``.

A class that says ``__repr__, __eq__, __hash__ = record_methods`` also gets attrs'
equality and hashing from :func:`record_eq` and :func:`record_hash`: equal when the
classes are the same and the fields attrs compares are equal, field by field. Per call
they are two to three times as slow as attrs' generated code (a lookup and a few C calls
instead of inline field reads), so the core value types compared or hashed in hot
loops (``Currency``, ``Rate``, ``ExchangeRates``, ``Interval``, ``Period``) keep
attrs' own; ``Money`` writes its own.

>>> import attrs
>>> @attrs.frozen
... class Pledge:
...     __repr__, __eq__, __hash__ = record_methods
...     backer: str
...     amount: int = 0
...     note: str = attrs.field(default="", repr=False, eq=False)
>>> Pledge("aigerim", 250)
Pledge(backer='aigerim', amount=250)
>>> Pledge("aigerim", 250, note="a") == Pledge("aigerim", 250, note="b")
True
>>> len({Pledge("aigerim", 250), Pledge("aigerim", 250), Pledge("dana", 250)})
2
"""

from __future__ import annotations

import operator
import threading
from collections.abc import Callable
from typing import Any, Final

import attrs

__all__ = ["record_eq", "record_hash", "record_methods", "record_repr"]

_active = threading.local()

_Values = Callable[[object], tuple[object, ...]]

# For each class, the functions returning the values attrs' generated __eq__ compares
# and those its __hash__ hashes (filled on first use).
_getters: dict[type, tuple[_Values, _Values]] = {}


def record_repr(self: object) -> str:
    """Return the repr attrs would generate for the attrs instance *self*.

    Args:
        self: An instance of an attrs class.

    Returns:
        ``ClassName(a=..., b=...)`` over the attributes whose ``repr`` is not False.
    """
    try:
        shown: set[int] = _active.ids
    except AttributeError:
        shown = _active.ids = {id(self)}
    else:
        if id(self) in shown:
            return "..."
        shown.add(id(self))
    try:
        parts = []
        for field in self.__class__.__attrs_attrs__:  # type: ignore[attr-defined]
            if field.repr is False:
                continue
            value = (
                getattr(self, field.name)
                if field.init
                else getattr(self, field.name, attrs.NOTHING)
            )
            if field.repr is True:
                parts.append(f"{field.name}={value!r}")
            else:
                parts.append(f"{field.name}={field.repr(value)}")
        name = self.__class__.__qualname__.rsplit(">.", 1)[-1]
        return f"{name}({', '.join(parts)})"
    finally:
        shown.remove(id(self))


def _values(fields: list[Any]) -> _Values:
    """Return a function giving an instance's values of *fields* (``eq`` keys applied).

    *fields* are ``attrs.Attribute`` objects (typed ``Any``: attrs' stubs omit ``eq_key``).
    """
    get: _Values
    if any(field.eq_key is not None for field in fields):
        keyed = [(field.name, field.eq_key) for field in fields]

        def get(self: object) -> tuple[object, ...]:
            return tuple(
                getattr(self, name) if key is None else key(getattr(self, name))
                for name, key in keyed
            )

    elif len(fields) > 1:
        get = operator.attrgetter(*(field.name for field in fields))
    elif fields:
        name = fields[0].name

        def get(self: object) -> tuple[object, ...]:
            return (getattr(self, name),)

    else:

        def get(_: object) -> tuple[object, ...]:
            return ()

    return get


def _values_of(cls: type) -> tuple[_Values, _Values]:
    fields: tuple[Any, ...] = cls.__attrs_attrs__  # type: ignore[attr-defined]
    compared = [field for field in fields if field.eq]
    hashed = [field for field in fields if field.hash or (field.hash is None and field.eq)]
    of_eq = _values(compared)
    of_hash = of_eq if hashed == compared else _values(hashed)
    _getters[cls] = (of_eq, of_hash)
    return of_eq, of_hash


def record_eq(self: object, other: object) -> bool:
    """Return whether *other* equals the attrs instance *self*, as attrs' ``__eq__`` does.

    Args:
        self: An instance of an attrs class.
        other: Any object.

    Returns:
        ``NotImplemented`` unless *other* is of exactly the same class; else whether
        every field attrs compares (``eq=True``, through its ``eq`` key if any) is
        ``==`` to the other's, field by field in order, stopping at the first that
        is not.
    """
    if other.__class__ is not self.__class__:
        # mypy accepts NotImplemented as a bool only from methods named __eq__.
        return NotImplemented  # type: ignore[no-any-return]
    try:
        values = _getters[self.__class__][0]
    except KeyError:
        values = _values_of(self.__class__)[0]
    return all(map(operator.eq, values(self), values(other)))


def record_hash(self: object) -> int:
    """Return a hash of the attrs instance *self* consistent with :func:`record_eq`.

    Args:
        self: An instance of an attrs class (hashable fields).

    Returns:
        The hash of the class and the values of the fields attrs hashes (those it
        compares, unless a field says otherwise with ``hash=``).
    """
    cls = self.__class__
    try:
        values = _getters[cls][1]
    except KeyError:
        values = _values_of(cls)[1]
    return hash((cls, values(self)))


record_methods: Final = (record_repr, record_eq, record_hash)
"""``__repr__``, ``__eq__`` and ``__hash__`` for a frozen attrs class body."""
