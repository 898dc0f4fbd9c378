"""The JSON oracle: one document in, one document out, the same bytes every time.

A document names an operation and its input::

    {
        "operation": "money.allocate",
        "input": {"amount": {"amount": "100.00", "currency": "KZT"}, "ratios": ["1", "1", "1"]},
    }

The answer is either ``{"operation": ..., "output": {...}}`` or, when the input breaks
a rule, ``{"operation": ..., "error": {"type", "field", "rule", "message"}}``. The
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

import functools
import importlib
import json
from collections.abc import Mapping
from typing import Any, Final

from creative_city.errors import CreativeCityError, InvalidTypeError, ValidationError
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

ORACLE_VERSION: Final = 1
"""The version of the document format; conformance vectors live under ``conformance/v1``."""

_OPERATION_MODULES: Final = {
    "crowdfunding.replay": "creative_city.funding.crowdfunding_ops",
    "crowdfunding.settle": "creative_city.funding.crowdfunding_ops",
    "fund.evaluate_proposal": "creative_city.funding._venture_ops_fund",
    "fund.projection": "creative_city.funding._venture_ops_projection",
    "fund.statement": "creative_city.funding._venture_ops_fund",
    "fund.xirr": "creative_city.funding._venture_ops_xirr",
    "hubs.admit": "creative_city.hubs._ops_admit",
    "hubs.availability": "creative_city.hubs._ops_availability",
    "hubs.expand": "creative_city.hubs._ops_expand",
    "hubs.rollout_status": "creative_city.hubs._ops_rollout",
    "hubs.utilisation": "creative_city.hubs._ops_utilisation",
    "money.allocate": "creative_city._core_ops",
    "money.convert": "creative_city._core_ops",
    "money.convert_average": "creative_city._core_ops",
    "programme.status": "creative_city.programme.operations",
    "tourism.growth": "creative_city.tourism._ops_growth",
    "tourism.indicators": "creative_city.tourism._ops_indicators",
    "tourism.kpi_status": "creative_city.tourism._ops_kpi",
    "tourism.seasonality": "creative_city.tourism._ops_seasonality",
}
"""The module that defines each operation (in its ``OPERATIONS``): a request imports
only the module of its operation, which keeps ``creative-city eval`` fast."""


class OracleError(ValidationError):
    """A document is not a valid oracle request (unknown operation, bad envelope)."""


@functools.cache
def _module_operations(module_name: str) -> dict[str, Operation]:
    module = importlib.import_module(module_name)
    found: dict[str, Operation] = {}
    for operation in module.OPERATIONS:
        if _OPERATION_MODULES.get(operation.name) != module_name or operation.name in found:
            message = f"operation {operation.name!r} is misplaced or defined twice"
            raise RuntimeError(message)
        found[operation.name] = operation
    return found


def _operation(name: str) -> Operation:
    module_name = _OPERATION_MODULES[name]
    operation = _module_operations(module_name).get(name)
    if operation is None:
        message = f"operation {name!r} is not defined in {module_name}"
        raise RuntimeError(message)
    return operation


@functools.cache
def operations() -> dict[str, Operation]:
    """Return every oracle operation by name, sorted by name."""
    # Each domain's operations module gathers its operations too; the test suite checks
    # that this table names exactly those.
    return {name: _operation(name) for name in sorted(_OPERATION_MODULES)}


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
        "field": {"type": "string"},
        "rule": {"type": "string"},
        "message": {"type": "string"},
    },
    "required": ["type", "field", "rule", "message"],
    "additionalProperties": False,
}


def _lookup(name: object, field: str) -> Operation:
    if not isinstance(name, str):
        raise OracleError(field, name, "must be an operation name string")
    if name not in _OPERATION_MODULES:
        raise OracleError(
            field,
            name,
            f"is not a known operation (known: {', '.join(sorted(_OPERATION_MODULES))})",
        )
    return _operation(name)


def _error_object(error: CreativeCityError) -> dict[str, str]:
    return {
        "type": type(error).__name__,
        "field": error.field,
        "rule": error.rule,
        "message": str(error),
    }


def evaluate(document: Mapping[str, Any]) -> dict[str, Any]:
    """Run the operation a parsed JSON *document* names and return the answer document.

    Library errors in the input become an ``error`` member (never an exception), so
    the answer is always a document. Errors in the envelope itself (not an object, no
    or unknown ``operation``, unknown keys) also become an ``error`` member with
    ``operation`` set to what was given.

    Args:
        document: ``{"operation": str, "input": object, "version": 1 (optional)}``.

    Returns:
        ``{"operation": name, "output": ...}`` or ``{"operation": name, "error": {...}}``.
    """
    name = document.get("operation") if isinstance(document, Mapping) else None
    try:
        operation = _envelope(document)
        request = from_data(document["input"], operation.input_type)
    except CreativeCityError as error:
        return {"operation": name, "error": _error_object(_under_input(error))}
    try:
        result = operation.run(request)
    except CreativeCityError as error:
        return {"operation": name, "error": _error_object(_under_input(error))}
    return {"operation": name, "output": to_data(result)}


def _under_input(error: CreativeCityError) -> CreativeCityError:
    # JSON paths ("$...") from the converter and the operations are relative to the
    # input member; name it. Plain field names (domain fields) stay as they are.
    field = error.field
    if isinstance(error, OracleError) or not field.startswith("$") or field.startswith("$.input"):
        return error
    return type(error)("$.input" + field[1:], error.value, error.rule)


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
    return _canonical(answer), "error" not in answer


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


def _canonical(answer: dict[str, Any]) -> str:
    return json.dumps(
        answer, sort_keys=True, ensure_ascii=False, allow_nan=False, separators=(",", ":")
    )
