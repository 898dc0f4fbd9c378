"""The JSON oracle: one document in, one document out, the same bytes every time.

A document names an operation and its input::

    {
        "operation": "money.allocate",
        "input": {"amount": {"amount": "100.00", "currency": "KZT"}, "ratios": ["1", "1", "1"]},
    }

The answer is either ``{"operation": ..., "output": {...}}`` or, when the input breaks
a rule, ``{"operation": ..., "error": {"type", "field", "name", "rule", "message"}}``. The
answer's canonical JSON (:func:`evaluate_json`) has sorted keys, no whitespace and
decimals as strings, so other implementations can compare it byte for byte.

>>> answer = evaluate(
...     {
...         "operation": "money.allocate",
...         "input": {"amount": {"amount": "100.00", "currency": "KZT"}, "ratios": ["1", "1", "1"]},
...     }
... )
>>> [share["amount"] for share in answer["output"]["shares"]]
['33.34', '33.33', '33.33']
>>> evaluate(
...     {
...         "operation": "money.allocate",
...         "input": {"amount": {"amount": "1", "currency": "KZT"}, "ratios": ["0"]},
...     }
... )["error"]["rule"]
'must not all be zero'
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
import functools
import hashlib
import importlib
import json
import logging
import re
from collections.abc import Iterator, Mapping
from typing import Any, Final

from creative_city.errors import (
    CreativeCityError,
    InternalError,
    InvalidTypeError,
    ValidationError,
)
from creative_city.money.decimals import LIBRARY_CONTEXT
from creative_city.operation import Operation
from creative_city.serialization import MAX_BYTES, from_data, loads, to_data

__all__ = [
    "ORACLE_VERSION",
    "OracleError",
    "error_json",
    "evaluate",
    "evaluate_json",
    "operation_schema",
    "operations",
]

_LOG: Final = logging.getLogger(__name__)

ORACLE_VERSION: Final = 1
"""The version of the document format; its conformance vectors are ``conformance/vectors/v1``."""

_OPERATION_MODULES: Final = {
    "crowdfunding": "creative_city.funding.crowdfunding.operations",
    "fund": "creative_city.funding.venture.operations",
    "hubs": "creative_city.hubs.operations",
    "money": "creative_city.money.operations",
    "programme": "creative_city.programme.operations",
    "tourism": "creative_city.tourism.operations",
}
"""The ``operations`` module of each part, by the namespace of its operation names
(``"hubs"`` for ``"hubs.admit"``): each defines its operations in ``OPERATIONS``, and a
request imports only the module of its own part. The test suite checks that every
``operations`` module in the package is named here."""


class OracleError(ValidationError):
    """A document is not a valid oracle request (unknown operation, bad envelope)."""


@functools.cache
def _part_operations(namespace: str) -> dict[str, Operation]:
    # The test suite checks that each module defines only its own namespace, once each.
    module = importlib.import_module(_OPERATION_MODULES[namespace])
    return {operation.name: operation for operation in module.OPERATIONS}


@functools.cache
def operations() -> dict[str, Operation]:
    """Return every oracle operation by name, sorted by name."""
    found: dict[str, Operation] = {}
    for namespace in _OPERATION_MODULES:
        found.update(_part_operations(namespace))
    return dict(sorted(found.items()))


def operation_schema(name: str) -> dict[str, Any]:
    """Return the JSON Schemas of the request and answer documents of operation *name*.

    Raises:
        OracleError: If the operation is unknown.
    """
    from creative_city.schema import json_schema  # noqa: PLC0415 - only for schemas

    operation = _lookup(name, "$.operation")
    request = json_schema(operation.input_type)
    answer = json_schema(operation.output_type)
    return {
        "operation": name,
        "summary": operation.summary,
        "request": {
            "$schema": request.pop("$schema"),
            "type": "object",
            "properties": {
                "operation": {"const": name},
                "version": {"const": ORACLE_VERSION},
                "input": {k: v for k, v in request.items() if k != "$defs"},
            },
            "required": ["operation", "input"],
            "additionalProperties": False,
            "$defs": request.get("$defs", {}),
        },
        "answer": {
            "$schema": answer.pop("$schema"),
            "type": "object",
            "properties": {
                "operation": {"const": name},
                "output": {k: v for k, v in answer.items() if k != "$defs"},
                "error": {"$ref": "#/$defs/OracleErrorObject"},
            },
            "required": ["operation"],
            "oneOf": [{"required": ["output"]}, {"required": ["error"]}],
            "additionalProperties": False,
            "$defs": {**answer.get("$defs", {}), "OracleErrorObject": _ERROR_SCHEMA},
        },
    }


_ERROR_SCHEMA: Final = {
    "type": "object",
    "properties": {
        "type": {"type": "string"},
        "field": {
            "type": "string",
            "pattern": r"^\$",
            "description": "The JSON path into the request of the offending value.",
        },
        "name": {
            "type": "string",
            "description": "The field's domain name, as the library's Python API names it "
            "(headcount, recurrence.rule, ratios[0]); empty for the request as a whole.",
        },
        "rule": {"type": "string", "description": "The rule broken, a sentence fragment."},
        "message": {"type": "string", "description": "For people: field = value: rule."},
    },
    "required": ["type", "field", "name", "rule", "message"],
    "additionalProperties": False,
}


def _lookup(name: object, field: str) -> Operation:
    if not isinstance(name, str):
        raise OracleError(field, name, "must be an operation name string")
    namespace = name.partition(".")[0]
    operation = _part_operations(namespace).get(name) if namespace in _OPERATION_MODULES else None
    if operation is None:
        raise OracleError(
            field, name, f"is not a known operation (known: {', '.join(operations())})"
        )
    return operation


def _error_object(error: CreativeCityError, name: str | None = None) -> dict[str, str]:
    # *name* is the field's domain name when the error named it so (its field is now
    # the JSON path); otherwise the JSON path says it: "$.input.ratios[0]" -> "ratios[0]".
    return {
        "type": type(error).__name__,
        "field": error.field,
        "name": _domain_name(error.field) if name is None else name,
        "rule": error.rule,
        "message": f"{error.field} = {_shown(error.value)}: {error.rule}",
    }


_SHOWN: Final = 120


def _shown(value: object) -> str:
    """Return *value* as the message shows it: JSON, never a Python repr.

    Decimals, fractions, dates and times are shown as the strings they travel as,
    enums as their values, other objects as their text.

    >>> _shown(decimal.Decimal("1E-30")), _shown(True), _shown(None), _shown("FREQ=X")
    ('"1E-30"', 'true', 'null', '"FREQ=X"')
    """
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 400:
        return f"<an integer of {value.bit_length()} bits>"
    try:
        text = json.dumps(value, ensure_ascii=False, default=_plain, allow_nan=False)
    except (TypeError, ValueError):  # NaN, an int inside past the digit limit, a cycle
        text = json.dumps(_plain(value), ensure_ascii=False)
    return text if len(text) <= _SHOWN else text[: _SHOWN - 3] + "..."


def _plain(value: object) -> object:
    # What json.dumps cannot show itself, as the text it travels as.
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (_dt.date, _dt.time)):
        return value.isoformat()
    if isinstance(value, (bytes, bytearray)):
        return f"<{len(value)} bytes>"
    if isinstance(value, (set, frozenset, tuple)):
        return list(value)
    try:
        return str(value)
    except ValueError:  # an int inside (a Fraction's) over the interpreter's digit limit
        return f"<a {type(value).__name__} too large to show>"


def _domain_name(path: str) -> str:
    """Return the domain name of the field at JSON *path* (relative to the input).

    >>> _domain_name("$.input.ratios[0]"), _domain_name("$.operation"), _domain_name("$")
    ('ratios[0]', 'operation', '')
    """
    for prefix in ("$.input.", "$.input[", "$."):
        if path.startswith(prefix):
            return path[len(prefix) - (prefix[-1] == "[") :]
    return path.removeprefix("$")


def evaluate(document: Mapping[str, Any]) -> dict[str, Any]:
    """Run the operation a parsed JSON *document* names and return the answer document.

    The operation runs in the library's decimal context
    (:data:`~creative_city.money.decimals.LIBRARY_CONTEXT`), whatever context the caller
    has set, and the caller's context is left as it was. Library errors in the input
    become an ``error`` member (never an exception), so
    the answer is always a document. Errors in the envelope itself (not an object, no
    or unknown ``operation``, unknown keys) also become an ``error`` member with
    ``operation`` set to what was given. Any other exception is a bug inside the
    library: it is answered as an ``InternalError`` at ``$`` whose value is the
    SHA-256 digest of the request's canonical JSON, and its traceback is logged at
    DEBUG level on the ``creative_city.oracle`` logger.

    Args:
        document: ``{"operation": str, "input": object, "version": 1 (optional)}``.

    Returns:
        ``{"operation": name, "output": ...}`` or ``{"operation": name, "error": {...}}``.
    """
    name = document.get("operation") if isinstance(document, Mapping) else None
    try:
        # The library's own decimal context, whatever the caller's; theirs is restored after.
        with decimal.localcontext(LIBRARY_CONTEXT):
            return _evaluate(document, name)
    except Exception:  # noqa: BLE001 - never let a bug escape: answer it, log it
        _LOG.debug("internal error evaluating a request", exc_info=True)
        return _internal(name, _digest(document))


_CALENDAR_OVERFLOW: Final = re.compile(r"date value out of range|year -?[0-9]+ is out of range")
_CALENDAR_ENDS: Final = "the calendar ends at 9999-12-31 (and starts at 0001-01-01)"
_REPORT_IT: Final = "is a request the library failed on (a bug): please report it with the request"


def _digest(document: object) -> str:
    # The digest of the request's canonical JSON (what evaluate_json prints answers in).
    try:
        text = _canonical(document)
    except Exception:  # noqa: BLE001 - not JSON data: digest what Python shows of it
        text = repr(document)
    return _text_digest(text)


def _evaluate(document: Mapping[str, Any], name: object) -> dict[str, Any]:
    try:
        operation = _envelope(document)
        request = from_data(document["input"], operation.input_type)
    except CreativeCityError as error:
        data = document.get("input") if isinstance(document, Mapping) else None
        return {"operation": name, "error": _error_object(*_under_input(error, data))}
    try:
        result = operation.run(request)
    except CreativeCityError as error:
        return {"operation": name, "error": _error_object(*_under_input(error, document["input"]))}
    except (OverflowError, ValueError) as error:
        if not _CALENDAR_OVERFLOW.search(str(error)):
            raise
        # Date arithmetic past 9999-12-31 or before 0001-01-01 deep in a part: the input
        # reaches the calendar's ends (a part that knows the field says it itself).
        ends = ValidationError("$.input", "<a date>", _CALENDAR_ENDS)
        return {"operation": name, "error": _error_object(ends)}
    return {"operation": name, "output": to_data(result)}


def _under_input(
    error: CreativeCityError, data: object = None
) -> tuple[CreativeCityError, str | None]:
    # JSON paths ("$...") from the converter and the operations are relative to the
    # input member; name it. A domain name ("recurrence.rule", "measurements[0].target")
    # becomes the JSON path of the member of *data* (the input) it names, and is kept
    # as the answer's name.
    field = error.field
    if isinstance(error, OracleError) or field.startswith("$.input"):
        return error, None
    if field.startswith("$"):
        return type(error)("$.input" + field[1:], error.value, error.rule), None
    return type(error)(_json_path(field, data), error.value, error.rule), field


_SEGMENT: Final = re.compile(r"([^.\[\]]+)|\[([0-9]+)\]")


def _json_path(name: str, data: object) -> str:
    """Return the JSON path under ``$.input`` that the domain *name* of a field refers to.

    The longest tail of *name* that is a member of the input is taken (``"recurrence.rule"``
    is the input's ``rule``); else the first member, in document order, whose path ends
    with the tail; else ``$.input`` itself.
    """
    segments: list[str | int] = [
        key if index == "" else int(index) for key, index in _SEGMENT.findall(name)
    ]
    places = list(_members(data, ()))
    for start in range(len(segments)):
        tail = tuple(segments[start:])
        if tail in places:
            return _format_path(tail)
        for place in places:
            if place[-len(tail) :] == tail:
                return _format_path(place)
    return "$.input"


def _members(data: object, path: tuple[str | int, ...]) -> Iterator[tuple[str | int, ...]]:
    # Every member's path, in document order (bounded by the parser's item and depth caps).
    if isinstance(data, Mapping):
        for key, value in data.items():
            yield (*path, key)
            yield from _members(value, (*path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield (*path, index)
            yield from _members(value, (*path, index))


def _format_path(path: tuple[str | int, ...]) -> str:
    return "$.input" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)


def _envelope(document: object) -> Operation:
    if not isinstance(document, Mapping):
        raise OracleError("$", document, "a request document is a JSON object")
    extra = sorted(set(document) - {"operation", "input", "version"})
    if extra:
        raise OracleError(
            f"$.{extra[0]}", extra[0], "is not a known field (operation, input, version)"
        )
    operation = _lookup(document.get("operation"), "$.operation")
    version = document.get("version", ORACLE_VERSION)
    if version != ORACLE_VERSION or type(version) is not int:
        raise OracleError("$.version", version, f"must be {ORACLE_VERSION}")
    if "input" not in document:
        raise OracleError("$.input", None, "is required")
    return operation


def evaluate_json(text: str | bytes, *, max_bytes: int = MAX_BYTES) -> tuple[str, bool]:
    """Evaluate a JSON request given as text and return ``(answer_text, ok)``.

    The answer text is canonical (sorted keys, compact, UTF-8 characters as is) and
    ends without a newline; ``ok`` is false when the answer is an error.

    >>> evaluate_json('{"operation": "nope", "input": {}}')[1]
    False
    """
    try:
        document = loads(text, max_bytes=max_bytes)
    except CreativeCityError as error:
        answer: dict[str, Any] = {"operation": None, "error": _error_object(error)}
    except Exception:  # noqa: BLE001 - a bug in parsing: answer it like evaluate does
        _LOG.debug("internal error parsing a request", exc_info=True)
        answer = _internal(None, _text_digest(text))
    else:
        answer = (
            evaluate(document)
            if isinstance(document, dict)
            else {
                "operation": None,
                "error": _error_object(
                    InvalidTypeError("$", document, "a request is a JSON object")
                ),
            }
        )
    try:
        return _canonical(answer), "error" not in answer
    except Exception:  # noqa: BLE001 - an answer that is not JSON data is a bug too
        _LOG.debug("internal error writing an answer", exc_info=True)
        return _canonical(_internal(answer.get("operation"), _text_digest(text))), False


def _text_digest(text: str | bytes) -> str:
    data = text if isinstance(text, bytes) else text.encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def _internal(name: object, digest: str) -> dict[str, Any]:
    error = InternalError("$", f"sha256:{digest}", _REPORT_IT)
    return {"operation": name if isinstance(name, str) else None, "error": _error_object(error)}


def error_json(error: CreativeCityError) -> str:
    """Return the canonical answer text for *error*, raised before any document was parsed.

    For tools that read requests themselves: ``creative-city eval --batch`` answers a
    line too long to hold with it, without reading the line whole.

    >>> from creative_city.errors import ValidationError
    >>> answer = json.loads(error_json(ValidationError("$", "<99 bytes>", "at most 16 bytes")))
    >>> answer["operation"], answer["error"]["type"], answer["error"]["rule"]
    (None, 'ValidationError', 'at most 16 bytes')
    """
    return _canonical({"operation": None, "error": _error_object(error)})


def _canonical(answer: object) -> str:
    return json.dumps(
        answer, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":")
    )
