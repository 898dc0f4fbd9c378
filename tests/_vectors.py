"""The conformance vectors and the attrs objects they reach, for tests that need them."""

from __future__ import annotations

import json
import pathlib

import attrs

from creative_city.oracle import operations
from creative_city.serialization import from_data

ROOT = pathlib.Path(__file__).resolve().parent.parent / "src/creative_city/conformance/vectors"
VECTORS = [json.loads(path.read_text()) for path in sorted(ROOT.glob("v*/**/*.json"))]


def attrs_objects(value: object, found: list[object]) -> None:
    """Append every attrs instance reachable from *value* (fields, sequences, dicts)."""
    if attrs.has(type(value)):
        found.append(value)
        for field in attrs.fields(type(value)):
            attrs_objects(getattr(value, field.name, None), found)
    elif isinstance(value, (tuple, list, frozenset, set)):
        for item in value:
            attrs_objects(item, found)
    elif isinstance(value, dict):
        for item in value.values():
            attrs_objects(item, found)


def vector_objects() -> list[object]:
    """Return every attrs object in the inputs and results of the vectors that succeed."""
    found: list[object] = []
    for vector in VECTORS:
        if "output" not in vector["expected"]:
            continue
        operation = operations()[vector["operation"]]
        request = from_data(vector["input"], operation.input_type)
        attrs_objects(request, found)
        attrs_objects(operation.run(request), found)
    return found
