"""One shared ``__repr__`` for the library's attrs classes (private).

attrs writes a ``__repr__`` for every class and compiles it when the class is created.
That is about a third of the cost of creating a class, and the library creates well
over a hundred: a one-shot ``creative-city eval`` pays it at every start. A class that
says ``__repr__ = record_repr`` in its body keeps attrs from writing one (attrs'
``auto_detect``) and gets the same text from this one function:
``ClassName(field=value!r, ...)`` over the fields attrs would show, with attrs' custom
field ``repr`` callables honoured and a recursive reference shown as ``...``.

>>> import attrs
>>> @attrs.frozen
... class Pledge:
...     __repr__ = record_repr
...     backer: str
...     amount: int = 0
...     note: str = attrs.field(default="", repr=False)
>>> Pledge("aigerim", 250)
Pledge(backer='aigerim', amount=250)
"""

from __future__ import annotations

import threading

import attrs

__all__ = ["record_repr"]

_active = threading.local()


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
