"""Conformance vectors: the shipped ones, a folder of your own, and writing new ones.

A vector is one JSON file::

    {
        "id": "money/001-hundred-three-ways",
        "description": "100.00 KZT split three ways: 33.34 + 33.33 + 33.33",
        "operation": "money.allocate",
        "input": {...},
        "expected": {"output": {...}} or {"error": {"type": ..., "field": ...}},
        "source": "how the expected value was derived" or null,
    }

The vectors of this version of the document format ship inside the package
(``creative_city/conformance/vectors/v1``), so an installed wheel carries them.

>>> vectors = load_vectors(operations="money.allocate")
>>> vectors[0].id, vectors[0].request()["operation"]
('money/001-hundred-three-ways', 'money.allocate')
"""

from __future__ import annotations

import fnmatch
import hashlib
import importlib.resources
import json
import pathlib
from collections.abc import Iterator, Mapping
from importlib.resources.abc import Traversable
from typing import Any, Final

import attrs

from creative_city.errors import ValidationError

__all__ = [
    "Vector",
    "directory_of",
    "load_vectors",
    "matches",
    "save_vector",
    "shipped_vectors",
]

_KEYS: Final = frozenset({"id", "description", "operation", "input", "expected", "source"})


@attrs.frozen
class Vector:
    """One conformance vector: a request and the answer it must get.

    Attributes:
        id: Its path below the version folder, without ``.json`` (``money/001-...``).
        description: One line saying what it checks.
        operation: The operation's name.
        input: The request's input document.
        expected: ``{"output": ...}`` or ``{"error": {"type": ..., "field": ...}}``.
        source: How the expected value was derived, or ``None`` for regression vectors.
    """

    id: str
    description: str
    operation: str
    input: Any
    expected: Mapping[str, Any]
    source: str | None = None

    def request(self) -> dict[str, Any]:
        """Return the request document: ``{"operation": ..., "input": ...}``."""
        return {"operation": self.operation, "input": self.input}

    def document(self) -> dict[str, Any]:
        """Return the vector as its JSON file holds it."""
        return {
            "id": self.id,
            "description": self.description,
            "operation": self.operation,
            "input": self.input,
            "expected": dict(self.expected),
            "source": self.source,
        }


def shipped_vectors() -> Traversable:
    """Return the folder of the vectors shipped with the package.

    Vectors live in one folder per version of the document format (``v1``); this is
    the newest, the version the oracle speaks (a test holds it to
    ``creative_city.oracle.ORACLE_VERSION``, which is not imported here: running
    vectors needs no part of the library).
    """
    root = importlib.resources.files("creative_city.conformance") / "vectors"
    versions = [
        entry
        for entry in root.iterdir()
        if entry.is_dir() and entry.name[:1] == "v" and entry.name[1:].isdigit()
    ]
    return max(versions, key=lambda entry: int(entry.name[1:]))


def matches(operation: str, pattern: str) -> bool:
    """Whether *operation* matches *pattern*: shell globs separated by commas.

    >>> matches("money.allocate", "money.*"), matches("fund.xirr", "money.*,tourism.*")
    (True, False)
    """
    return any(fnmatch.fnmatchcase(operation, glob.strip()) for glob in pattern.split(","))


def load_vectors(
    directory: pathlib.Path | Traversable | None = None, *, operations: str = "*"
) -> list[Vector]:
    """Read every ``*.json`` vector under *directory* (default: the shipped ones).

    Args:
        directory: A folder searched recursively, in name order.
        operations: Keep the vectors of the operations matching these globs
            (comma-separated, such as ``"money.*,fund.xirr"``).

    Raises:
        ValidationError: If a file is not a vector (its path names it).
    """
    root = shipped_vectors() if directory is None else directory
    if not root.is_dir():
        raise ValidationError("--vectors", str(root), "must be a folder of vector files")
    found = []
    for path, relative in _json_files(root, ""):
        vector = _parse(path, relative)
        if matches(vector.operation, operations):
            found.append(vector)
    return found


def _json_files(folder: Traversable, prefix: str) -> Iterator[tuple[Traversable, str]]:
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        relative = f"{prefix}{entry.name}"
        if entry.is_dir():
            yield from _json_files(entry, relative + "/")
        elif entry.name.endswith(".json"):
            yield entry, relative


def _parse(path: Traversable, relative: str) -> Vector:
    try:
        document = json.loads(path.read_bytes())
    except (ValueError, UnicodeDecodeError) as error:
        raise ValidationError(relative, "<file>", f"is not a JSON document ({error})") from None
    if not isinstance(document, dict) or not set(document) >= _KEYS:
        keys = ", ".join(sorted(_KEYS))
        raise ValidationError(relative, "<file>", f"a vector is an object with {keys}")
    expected = document["expected"]
    valid = isinstance(expected, dict) and (
        set(expected) == {"output"}
        or (
            set(expected) == {"error"}
            and isinstance(expected["error"], dict)
            and {"type", "field"} <= set(expected["error"])
        )
    )
    if not valid or not isinstance(document["operation"], str):
        rule = 'expected is {"output": ...} or {"error": {"type", "field"}}'
        raise ValidationError(relative, "<file>", rule)
    return Vector(
        id=str(document["id"]),
        description=str(document["description"]),
        operation=document["operation"],
        input=document["input"],
        expected=expected,
        source=document["source"],
    )


def directory_of(operation: str) -> str:
    """Return the folder of the shipped vectors that holds *operation*'s vectors.

    Vectors are grouped by the part that defines them (``fund.xirr`` lives in
    ``venture``); an operation without shipped vectors gets its namespace.

    >>> directory_of("fund.xirr"), directory_of("example.op")
    ('venture', 'example')
    """
    for vector in load_vectors(operations=operation):
        return vector.id.partition("/")[0]
    return operation.partition(".")[0]


def save_vector(
    folder: pathlib.Path,
    *,
    operation: str,
    input_document: Any,  # noqa: ANN401 - any JSON document
    expected: Mapping[str, Any],
    description: str,
) -> pathlib.Path:
    """Write a new regression vector (``source`` null) below *folder*; return its path.

    The file is ``<folder>/<part>/fuzz-<hash>.json``, its ``id`` that path without the
    extension, so *folder* works as ``--vectors`` and as a place in the vectors tree.
    The hash is of the request, so saving the same case twice writes one file.
    """
    request = json.dumps({"operation": operation, "input": input_document}, sort_keys=True)
    digest = hashlib.sha256(request.encode()).hexdigest()[:12]
    vector_id = f"{directory_of(operation)}/fuzz-{digest}"
    vector = Vector(vector_id, description, operation, input_document, expected, None)
    path = folder / f"{vector_id}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(vector.document(), indent=2, ensure_ascii=False)
    path.write_text(text + "\n", encoding="utf-8")
    return path
