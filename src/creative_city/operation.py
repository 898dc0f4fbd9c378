"""The shape of an oracle operation: typed input -> pure function -> typed output.

Domain modules declare their JSON operations with :class:`Operation`; the oracle
(:mod:`creative_city.oracle`) collects them, structures the input document with the
strict converter, runs the function and writes the output canonically. Input and
output types are attrs classes built from JSON-friendly types (str, int, bool,
Decimal, Fraction, dates, datetimes, durations, Money, Currency, Period, enums,
lists/tuples, dicts with string keys, optional values and tagged unions), so every
operation also has a JSON Schema.

>>> import attrs
>>> @attrs.frozen
... class Pair:
...     a: int
...     b: int
>>> @attrs.frozen
... class Sum:
...     total: int
>>> add = Operation("demo.add", Pair, Sum, lambda p: Sum(p.a + p.b), "Add two ints.")
>>> add.run(Pair(2, 3))
Sum(total=5)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import attrs

__all__ = ["SCHEMA_KEY", "Operation", "states"]

_Checker = TypeVar("_Checker", bound=Callable[..., Any])

SCHEMA_KEY = "json_schema"
"""The attrs metadata key of the JSON Schema keywords an input field adds (its bounds).

An operation's input class states the bounds it enforces beyond its type
(``attrs.field(metadata={SCHEMA_KEY: {"minimum": 1}})``); the schema of the operation
merges them in (:func:`creative_city.schema.json_schema`), so schema and command agree.
A validator shared by many fields states them once with :func:`states`.
"""


def states(**keywords: object) -> Callable[[_Checker], _Checker]:
    """Mark an attrs validator with the JSON Schema keywords of the bounds it enforces.

    Every field the validator checks gets the keywords in its schema, as if each had
    them in its metadata under :data:`SCHEMA_KEY`:

    >>> @states(maxLength=500)
    ... def short(_, attribute, value):
    ...     if len(value) > 500:
    ...         raise ValueError(attribute.name)
    >>> getattr(short, SCHEMA_KEY)
    {'maxLength': 500}
    """

    def mark(checker: _Checker) -> _Checker:
        setattr(checker, SCHEMA_KEY, dict(keywords))
        return checker

    return mark


@attrs.frozen
class Operation:
    """One oracle operation.

    Attributes:
        name: The dotted operation name used in documents, e.g. ``"money.allocate"``.
        input_type: The attrs class of the ``input`` member of a document.
        output_type: The attrs class of the ``output`` member of the answer.
        run: The pure function from input to output; it raises the library's errors
            on bad input.
        summary: One sentence for ``creative-city schema`` and the docs.
    """

    name: str
    input_type: type[Any]
    output_type: type[Any]
    run: Callable[[Any], Any]
    summary: str
