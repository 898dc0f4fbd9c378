"""JSON text: strict parsing within bounds.

Untrusted input cannot cause unbounded work: a document is at most :data:`MAX_BYTES`
long, no list or object holds more than :data:`MAX_ITEMS` entries and nesting stops
at :data:`MAX_DEPTH`. ``NaN``, ``Infinity`` and duplicate keys are rejected.

>>> loads('{"a": [1, 2]}')
{'a': [1, 2]}
>>> loads('{"a": 1, "a": 2}')
Traceback (most recent call last):
...
creative_city.errors.ValidationError: $ = 'a': duplicate key in a JSON object
"""

from __future__ import annotations

import json
from typing import Any, Final

from creative_city.errors import CreativeCityError, InvalidTypeError, ValidationError

__all__ = ["MAX_BYTES", "MAX_DEPTH", "MAX_ITEMS", "check_bounds", "loads"]

MAX_BYTES: Final = 16 * 1024 * 1024
"""Default largest JSON document accepted, in bytes (16 MiB)."""

MAX_ITEMS: Final = 100_000
"""Default largest list (or object) accepted in a JSON document."""

MAX_DEPTH: Final = 64
"""Default deepest nesting accepted in a JSON document."""


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
