"""Hostile oracle documents: generated from the JSON Schemas, and byte-level mutations.

The rule they check (issue 14, rule 1): every document, whatever it holds, is answered
with the library's error or an output, never an exception and never an
``InternalError``. :func:`violation` says how an answer broke it (or ``None``);
:func:`schema_documents` and :func:`mutated_documents` make the documents. The test
suite runs a few thousand; ``benchmarks/bench_fuzz.py`` runs a hundred thousand.
The documents are drawn from the schemas by :func:`from_schema`, which covers the JSON
Schema keywords the oracle's schemas use (``hypothesis-jsonschema`` 0.23 does not run
on the hypothesis versions this project supports).
"""

from __future__ import annotations

import json
import traceback
from collections.abc import Sequence
from typing import Any, Final

from hypothesis import strategies as st

from creative_city.oracle import evaluate_json, operation_schema

__all__ = ["from_schema", "mutated_documents", "schema_documents", "violation"]

_MAX_LIST: Final = 4
"""Lists drawn hold at most this many items (bounds over it are tested elsewhere)."""


def violation(data: bytes) -> str | None:
    """Return how the oracle's answer to the request *data* breaks rule 1, or ``None``.

    Bytes that are not UTF-8 are answered by the command line before the oracle (an
    error), so only text reaches :func:`~creative_city.oracle.evaluate_json` here.
    """
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    try:
        answer, ok = evaluate_json(text)
        parsed = json.loads(answer)
    except Exception:  # noqa: BLE001 - the violation itself: report it
        return "an exception escaped:\n" + traceback.format_exc()
    if ok:
        return None if "output" in parsed else f"ok without an output: {answer[:200]}"
    error = parsed.get("error", {})
    if error.get("type") == "InternalError":
        return f"InternalError: {answer[:300]}"
    if not str(error.get("field", "")).startswith("$"):
        return f"field is not a JSON path: {answer[:300]}"
    return None


def schema_documents(operation: str) -> st.SearchStrategy[bytes]:
    """Return a strategy of request documents valid under *operation*'s request schema."""
    schema = operation_schema(operation)["request"]
    return from_schema(schema).map(_encode)


def from_schema(schema: dict[str, Any]) -> st.SearchStrategy[Any]:
    """Return a strategy of JSON data valid under *schema* (its ``$defs`` resolved)."""
    defs: dict[str, Any] = schema.get("$defs", {})
    made: dict[str, st.SearchStrategy[Any]] = {}

    def ref(name: str) -> st.SearchStrategy[Any]:
        if name not in made:
            made[name] = st.deferred(lambda: build(defs[name]))
        return made[name]

    def build(node: dict[str, Any]) -> st.SearchStrategy[Any]:
        if "$ref" in node:
            return ref(node["$ref"].rpartition("/")[2])
        if "const" in node:
            return st.just(node["const"])
        if "enum" in node:
            return st.sampled_from(node["enum"])
        for key in ("anyOf", "oneOf"):
            if key in node:
                return st.one_of([build(option) for option in node[key]])
        kind = node.get("type")
        if isinstance(kind, list):
            return st.one_of([build({**node, "type": one}) for one in kind])
        return _typed(node, kind, build)

    return build(schema)


def _typed(node: dict[str, Any], kind: object, build: Any) -> st.SearchStrategy[Any]:  # noqa: ANN401
    if kind == "object":
        properties = node.get("properties", {})
        required = set(node.get("required", ()))
        return st.fixed_dictionaries(
            {key: build(value) for key, value in properties.items() if key in required},
            optional={
                key: build(value) for key, value in properties.items() if key not in required
            },
        )
    if kind == "array":
        if "prefixItems" in node:
            return st.tuples(*(build(item) for item in node["prefixItems"])).map(list)
        low = node.get("minItems", 0)
        high = max(low, min(node.get("maxItems", _MAX_LIST), _MAX_LIST))
        return st.lists(build(node.get("items", {})), min_size=low, max_size=high)
    if kind == "string":
        if "pattern" in node:
            return st.from_regex(node["pattern"], fullmatch=True)
        return st.text(max_size=20)
    if kind == "integer":
        return st.integers(node.get("minimum"), node.get("maximum"))
    if kind == "number":
        return st.integers() | st.floats(allow_nan=False, allow_infinity=False)
    if kind == "boolean":
        return st.booleans()
    if kind == "null":
        return st.none()
    return st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=10),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner),
        max_leaves=5,
    )


def _encode(document: Any) -> bytes:  # noqa: ANN401 - any JSON data
    return json.dumps(document, ensure_ascii=False).encode("utf-8", "surrogatepass")


def mutated_documents(seeds: Sequence[bytes]) -> st.SearchStrategy[bytes]:
    """Return a strategy of *seeds* with byte-level mutations: flips, cuts, splices."""
    return st.builds(_mutate, st.sampled_from(list(seeds)), st.lists(_edits, max_size=4))


_edits = st.tuples(
    st.sampled_from(["flip", "delete", "insert", "duplicate", "truncate", "digit"]),
    st.floats(0, 1, allow_nan=False),
    st.floats(0, 1, allow_nan=False),
    st.binary(min_size=1, max_size=8)
    | st.sampled_from([b"9" * 40, b"-", b"null", b"[]", b"{}", b'"', b"\\u0000", b"\xff"]),
)


def _mutate(seed: bytes, edits: list[tuple[str, float, float, bytes]]) -> bytes:
    data = bytearray(seed)
    for kind, where, size, payload in edits:
        at = int(where * len(data))
        span = max(1, int(size * 16))
        if kind == "flip" and data:
            data[min(at, len(data) - 1)] ^= payload[0] or 1
        elif kind == "delete":
            del data[at : at + span]
        elif kind == "insert":
            data[at:at] = payload
        elif kind == "duplicate":
            data[at:at] = data[at : at + span * 4]
        elif kind == "truncate":
            del data[at:]
        else:  # a digit run where a digit is: huge numbers and dates past the ends
            found = next((i for i in range(at, len(data)) if 48 <= data[i] <= 57), None)
            if found is not None:
                data[found:found] = b"9" * span
    return bytes(data)
