"""Judge one answer against what a vector (or the reference) expects.

An expectation is the ``expected`` member of a conformance vector: either
``{"output": ...}``, which the answer's ``output`` must equal as JSON, or
``{"error": {"type": ..., "field": ...}}``, which the answer's error must match on
those two members (messages are for people). An answer whose error type is
``NotImplemented`` says the implementation does not cover the operation: skipped,
not failed.

>>> expected = {"output": {"shares": [{"amount": "0.01", "currency": "KZT"}]}}
>>> answer = {
...     "operation": "money.allocate",
...     "output": {"shares": [{"amount": "0.00", "currency": "KZT"}]},
... }
>>> verdict, difference = judge(expected, answer)
>>> verdict.value, difference.path, difference.expected, difference.actual
('fail', '$.output.shares[0].amount', '0.01', '0.00')
>>> judge(expected, {"error": {"type": "NotImplemented", "field": "$.operation"}})[0].value
'skip'
"""

from __future__ import annotations

import enum
import re
from collections.abc import Mapping
from typing import Any, Final

import attrs

__all__ = [
    "MISSING",
    "NOT_IMPLEMENTED",
    "Difference",
    "Verdict",
    "expectation",
    "first_difference",
    "judge",
]

NOT_IMPLEMENTED: Final = "NotImplemented"
"""The error ``type`` with which an implementation says it does not cover an operation."""


class Verdict(enum.Enum):
    """What became of one request: the outcome of a vector or a generated case."""

    PASS = "pass"  # noqa: S105 - a verdict, not a password
    """The answer agrees with the expectation."""
    FAIL = "fail"
    """The answer disagrees (the first differing JSON path is reported)."""
    SKIP = "skip"
    """The implementation answered ``NotImplemented``: it does not cover the operation."""
    CRASH = "crash"
    """The implementation exited (or closed its output) before answering."""
    TIMEOUT = "timeout"
    """No answer within the timeout; the implementation was restarted."""
    GARBAGE = "garbage"
    """The answer broke the protocol: not JSON, two lines, or another request's answer."""

    @property
    def failed(self) -> bool:
        """Whether the verdict makes a run fail (everything but pass and skip)."""
        return self not in {Verdict.PASS, Verdict.SKIP}


class _Missing(enum.Enum):
    MISSING = "<missing>"

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Final = _Missing.MISSING
"""Stands for a member or item that one side has and the other lacks."""


@attrs.frozen
class Difference:
    """The first place where an answer differs from its expectation.

    Attributes:
        path: A JSON path into the answer document (``$.output.shares[0].amount``).
        expected: The expected value there, or :data:`MISSING`.
        actual: The answer's value there, or :data:`MISSING`.
    """

    path: str
    expected: Any
    actual: Any


_NAME: Final = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

_Found = tuple[list[str | int], Any, Any]


def _step(step: str | int) -> str:
    if isinstance(step, int):
        return f"[{step}]"
    if _NAME.fullmatch(step):
        return f".{step}"
    escaped = step.replace("\\", "\\\\").replace('"', '\\"')
    return f'["{escaped}"]'


def first_difference(expected: Any, actual: Any, path: str = "$") -> Difference | None:  # noqa: ANN401
    """Return where two parsed JSON values first differ, or ``None`` if they are equal.

    Objects are compared member by member in the expected value's order (members only
    the answer has come after), arrays item by item. Numbers compare by value, but
    ``true`` is never ``1``.

    >>> first_difference({"a": [1, 2]}, {"a": [1, 2, 3]})
    Difference(path='$.a[2]', expected=MISSING, actual=3)
    >>> first_difference({"a b": True}, {"a b": 1})
    Difference(path='$["a b"]', expected=True, actual=1)
    """
    found = _differ(expected, actual)
    if found is None:
        return None
    steps, left, right = found
    return Difference(path + "".join(_step(step) for step in reversed(steps)), left, right)


def _differ(expected: Any, actual: Any) -> _Found | None:  # noqa: ANN401
    # The steps come back deepest first: the path is only built for a difference.
    if type(expected) is str:
        return None if type(actual) is str and expected == actual else ([], expected, actual)
    if isinstance(expected, dict) and isinstance(actual, dict):
        return _object_difference(expected, actual)
    if isinstance(expected, (list, tuple)) and isinstance(actual, (list, tuple)):
        for index, (left, right) in enumerate(zip(expected, actual, strict=False)):
            found = _differ(left, right)
            if found is not None:
                found[0].append(index)
                return found
        if len(expected) == len(actual):
            return None
        index = min(len(expected), len(actual))
        return (
            [index],
            expected[index] if index < len(expected) else MISSING,
            actual[index] if index < len(actual) else MISSING,
        )
    return None if _same_scalar(expected, actual) else ([], expected, actual)


def _object_difference(expected: dict[str, Any], actual: dict[str, Any]) -> _Found | None:
    for key, value in expected.items():
        if key not in actual:
            return [key], value, MISSING
        found = _differ(value, actual[key])
        if found is not None:
            found[0].append(key)
            return found
    for key, value in actual.items():
        if key not in expected:
            return [key], MISSING, value
    return None


def _same_scalar(expected: object, actual: object) -> bool:
    # JSON numbers compare by value (1 and 1.0 are one number), but a boolean is not a
    # number, and neither containers nor null equal anything of another kind.
    if isinstance(expected, bool) or isinstance(actual, bool):
        return type(expected) is type(actual) and expected == actual
    numbers = (int, float)
    if isinstance(expected, numbers) and isinstance(actual, numbers):
        return expected == actual
    return type(expected) is type(actual) and expected == actual


def expectation(answer: Mapping[str, Any]) -> dict[str, Any]:
    """Return what a vector would expect of an answer like *answer* (the reference's).

    An output is expected whole; of an error, only its ``type`` and ``field``.

    >>> expectation(
    ...     {"operation": "x", "error": {"type": "T", "field": "$", "rule": "r", "message": "m"}}
    ... )
    {'error': {'type': 'T', 'field': '$'}}
    """
    if "error" in answer:
        error = answer["error"]
        return {"error": {"type": error["type"], "field": error["field"]}}
    return {"output": answer["output"]}


def judge(
    expected: Mapping[str, Any], answer: Mapping[str, Any]
) -> tuple[Verdict, Difference | None]:
    """Judge a well-formed *answer* against a vector's *expected* member.

    Args:
        expected: ``{"output": ...}`` or ``{"error": {"type": ..., "field": ...}}``.
        answer: A parsed answer holding an ``output`` or an ``error`` object.

    Returns:
        ``(Verdict.PASS, None)``, ``(Verdict.SKIP, None)`` for ``NotImplemented``, or
        ``(Verdict.FAIL, difference)`` with the first differing JSON path.
    """
    error = answer.get("error")
    if isinstance(error, Mapping) and error.get("type") == NOT_IMPLEMENTED:
        return Verdict.SKIP, None
    if "output" in expected:
        if "output" not in answer:
            return Verdict.FAIL, Difference("$.output", expected["output"], MISSING)
        found = first_difference(expected["output"], answer["output"], "$.output")
    else:
        if not isinstance(error, Mapping):
            return Verdict.FAIL, Difference("$.error", dict(expected["error"]), MISSING)
        wanted = expected["error"]
        got = {key: error.get(key, MISSING) for key in ("type", "field")}
        found = first_difference({"type": wanted["type"], "field": wanted["field"]}, got, "$.error")
    return (Verdict.PASS, None) if found is None else (Verdict.FAIL, found)
