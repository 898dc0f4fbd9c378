"""Errors at a JSON path: cattrs' detailed validation as one library error.

With detailed validation, cattrs raises exception groups whose notes say where each
error happened: the attribute of a class, the index of a list, the key of an
object. :func:`library_error` walks them the way ``cattrs.transform_error`` does
(``.name`` for an attribute, ``[i]`` for an index, here ``.key`` for an object's
key, as in the rest of the library's paths) but keeps the first error only, as a
library error of the same kind with the path in front of its field, so an answer
says ``ValidationError`` at ``$.tiers[2].limit`` with the rule the hook stated
(``transform_error`` only gives strings).

>>> from creative_city.serialization import from_data
>>> from creative_city.time import Interval
>>> from_data({"start": "2025-01-06T10:00:00+05:00"}, Interval)
Traceback (most recent call last):
...
creative_city.errors.ValidationError: $.end = None: is required
"""

from __future__ import annotations

from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    StructureHandlerNotFoundError,
)

from creative_city.errors import CreativeCityError, InvalidTypeError, ValidationError

__all__ = ["library_error"]


def library_error(error: BaseException, path: str = "$") -> CreativeCityError:
    """Return the first error inside *error* as a library error at its JSON path.

    Args:
        error: What structuring raised: a cattrs validation group, a library error
            (its field ``"$..."`` is relative to the value that failed, a plain name
            is one of that value's keys), or another exception.
        path: The JSON path of the value that was being structured.

    Returns:
        A :class:`~creative_city.errors.CreativeCityError` whose field is a JSON path.
    """
    while isinstance(error, (ClassValidationError, IterableValidationError)):
        error, path = _first(error, path)
    if isinstance(error, ExceptionGroup):
        return library_error(error.exceptions[0], path)
    if isinstance(error, ForbiddenExtraKeysError):
        key = min(error.extra_fields)
        return ValidationError(
            f"{path}.{key}", key, "is not a known field (unknown keys are rejected)"
        )
    if isinstance(error, CreativeCityError):
        field = error.field
        where = path + field[1:] if field.startswith("$") else _under(path, field)
        return type(error)(where, error.value, error.rule)
    if isinstance(error, KeyError):
        return ValidationError(f"{path}.{error.args[0]}", None, "is required")
    if isinstance(error, StructureHandlerNotFoundError):
        return InvalidTypeError(path, str(error), "has no JSON form")
    if isinstance(error, TypeError):
        return InvalidTypeError(path, f"<{error}>", "has the wrong JSON shape")
    return ValidationError(path, f"<{error}>", "is invalid")


def _under(path: str, name: str) -> str:
    """Return the JSON path of the domain *name* of a field of the value at *path*.

    A name that starts with the value's own name (``recurrence.rule`` raised by the
    recurrence at ``$.request.recurrence``) does not repeat it.

    >>> _under("$.request.recurrence", "recurrence.rule"), _under("$.tiers[0]", "limit")
    ('$.request.recurrence.rule', '$.tiers[0].limit')
    """
    first, dot, rest = name.partition(".")
    if dot and path.endswith(f".{first}"):
        return f"{path}.{rest}"
    return f"{path}.{name}"


def _first(
    group: ClassValidationError | IterableValidationError, path: str
) -> tuple[BaseException, str]:
    """Return the first error of *group* and its path: noted errors come first."""
    if isinstance(group, ClassValidationError):
        with_notes, without = group.group_exceptions()
        for inner, note in with_notes:
            if isinstance(inner, KeyError):
                # A missing key: the note names the attribute, the error its key.
                return inner, path
            return inner, f"{path}.{note.name}"
    else:
        with_inotes, without = group.group_exceptions()
        for inner, inote in with_inotes:
            index = inote.index
            return inner, f"{path}[{index}]" if isinstance(index, int) else f"{path}.{index}"
    return without[0], path
