"""Invalid documents: one value of a valid input made wrong the way clients get it wrong.

Money as a JSON float, a decimal as a float, a negative where a positive belongs, an
integer out of range, a datetime without its offset (naive), a date that does not
exist, a member nobody defined. The library names the error's ``type`` and ``field``;
an implementation must name the same.

>>> for spot in spots({"amount": {"amount": "1.00", "currency": "KZT"}, "on": "2024-01-01"}):
...     print(spot)
((), 'extra')
(('amount', 'amount'), 'float')
(('amount', 'amount'), 'negative')
(('on',), 'no-such-day')
>>> mutate({"at": "2024-03-31T02:30:00+02:00"}, ("at",), "naive", 0)
{'at': '2024-03-31T02:30:00'}
"""

from __future__ import annotations

import json
import re
from typing import Any, Final

__all__ = ["mutate", "spots"]

Path = tuple[str | int, ...]

_DATETIME: Final = re.compile(
    r"([0-9]{4}-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9](?::[0-9][0-9](?:\.[0-9]+)?)?)(?:Z|[+-][0-9][0-9]:[0-9][0-9])"
)
_DATE: Final = re.compile(r"([0-9]{4})-[0-9][0-9]-[0-9][0-9]")
_DECIMAL: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
_OUT_OF_RANGE: Final = (-1, 0, 10**12)


def spots(document: Any) -> list[tuple[Path, str]]:  # noqa: ANN401 - any JSON document
    """Return every place in *document* that a mutation can break, with how."""
    found: list[tuple[Path, str]] = [((), "extra")] if isinstance(document, dict) else []
    _walk(document, (), found)
    return found


def _walk(value: Any, path: Path, found: list[tuple[Path, str]]) -> None:  # noqa: ANN401
    if isinstance(value, dict):
        for key, item in value.items():
            _walk(item, (*path, key), found)
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            _walk(item, (*path, index), found)
    elif isinstance(value, bool) or value is None:
        return
    elif isinstance(value, int):
        found.append((path, "out-of-range"))
    elif isinstance(value, str):
        found.extend((path, kind) for kind in _string_kinds(value))


def _string_kinds(value: str) -> list[str]:
    if _DATETIME.fullmatch(value):
        return ["naive"]
    if _DATE.fullmatch(value):
        return ["no-such-day"]
    if _DECIMAL.fullmatch(value):
        return ["float", "negative"]
    return []


def mutate(document: Any, path: Path, kind: str, choice: int) -> Any:  # noqa: ANN401
    """Return a copy of *document* with the value at *path* broken as *kind* says.

    Args:
        document: A JSON document.
        path: Keys and indexes down to the value.
        kind: ``extra``, ``float``, ``negative``, ``out-of-range``, ``naive`` or
            ``no-such-day`` (see :func:`spots`).
        choice: Picks among the variants of a kind (the out-of-range values).
    """
    copy = json.loads(json.dumps(document))
    if not path:
        copy["unexpected"] = True
        return copy
    parent = copy
    for step in path[:-1]:
        parent = parent[step]
    parent[path[-1]] = _broken(parent[path[-1]], kind, choice)
    return copy


def _broken(value: Any, kind: str, choice: int) -> Any:  # noqa: ANN401
    if kind == "float":
        return float(value)
    if kind == "negative":
        return value[1:] if value.startswith("-") else "-" + value
    if kind == "out-of-range":
        others = [number for number in _OUT_OF_RANGE if number != value]
        return others[choice % len(others)]
    if kind == "naive":
        match = _DATETIME.fullmatch(value)
        return match.group(1) if match else value
    match = _DATE.fullmatch(value)
    return f"{match.group(1)}-02-30" if match else value
