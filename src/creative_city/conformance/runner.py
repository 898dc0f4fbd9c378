"""Run conformance vectors against an implementation and collect a verdict per vector.

>>> import sys
>>> report = check(
...     [sys.executable, "-m", "creative_city", "eval", "--batch", "-"],
...     operations="tourism.growth",
... )
>>> report.ok, report.totals()["pass"] == len(report.results)
(True, True)
"""

from __future__ import annotations

import collections
import json
import time
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import attrs

from creative_city.conformance.compare import Difference, Verdict, judge
from creative_city.conformance.process import command_line
from creative_city.conformance.protocol import Exchange, Implementation, Session
from creative_city.conformance.vectors import Vector, load_vectors

__all__ = [
    "Progress",
    "Report",
    "Result",
    "assess",
    "check",
    "request_line",
    "run",
]

Progress = Callable[[int, int, str], None]
"""Called after each request with (done, total, what was just done)."""


@attrs.frozen
class Result:
    """The verdict on one vector.

    Attributes:
        vector: The vector.
        verdict: Pass, fail, skip, crash, timeout or garbage.
        reason: What went wrong, for people (empty on a pass).
        difference: For a fail, the first differing JSON path and both values.
        exchange: The request sent and what came back.
    """

    vector: Vector
    verdict: Verdict
    reason: str
    difference: Difference | None
    exchange: Exchange


@attrs.frozen
class Report:
    """The verdicts of one run.

    Attributes:
        command: The implementation's command.
        implementation: What it said about itself in the handshake, if anything.
        results: One per vector, in the order they ran.
        seconds: The run's wall time.
        starts: How many times the command was started (1 plus the restarts).
    """

    command: tuple[str, ...]
    implementation: Implementation | None
    results: tuple[Result, ...]
    seconds: float
    starts: int

    @property
    def ok(self) -> bool:
        """Whether nothing failed (every vector passed or was skipped)."""
        return not any(result.verdict.failed for result in self.results)

    def by_operation(self) -> dict[str, dict[str, int]]:
        """Return the count of each verdict per operation, operations sorted by name."""
        counts: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
        for result in self.results:
            counts[result.vector.operation][result.verdict.value] += 1
        return {
            operation: {verdict.value: counts[operation][verdict.value] for verdict in Verdict}
            for operation in sorted(counts)
        }

    def totals(self) -> dict[str, int]:
        """Return the count of each verdict over the whole run."""
        counts = collections.Counter(result.verdict.value for result in self.results)
        return {verdict.value: counts[verdict.value] for verdict in Verdict}


def request_line(operation: str, input_document: Any) -> str:  # noqa: ANN401 - any JSON
    """Return the request line for *operation* and *input_document* (compact JSON, UTF-8)."""
    return json.dumps(
        {"operation": operation, "input": input_document},
        ensure_ascii=False,
        separators=(",", ":"),
    )


def assess(
    expected: Mapping[str, Any], exchange: Exchange
) -> tuple[Verdict, Difference | None, str]:
    """Return the verdict, the first difference and a reason for one exchange."""
    if exchange.problem is not None:
        return exchange.problem, None, exchange.reason
    assert exchange.answer is not None  # noqa: S101 - an exchange without problem has one
    verdict, difference = judge(expected, exchange.answer)
    reason = ""
    if verdict is Verdict.SKIP:
        reason = "not implemented"
    elif difference is not None:
        error = exchange.answer.get("error")
        got = (
            f"; the answer is an error {error.get('type')} at {error.get('field')}"
            if "output" in expected and isinstance(error, dict)
            else ""
        )
        reason = f"differs at {difference.path}{got}"
    return verdict, difference, reason


def run(session: Session, vectors: Sequence[Vector], *, progress: Progress | None = None) -> Report:
    """Ask *session*'s implementation every vector, in order, and judge each answer.

    One request is out at a time; the next one is sent as soon as an answer has come
    (and was found well formed), so the runner judges an answer while the
    implementation works on the next request.
    """
    started = time.monotonic()
    results = []
    requests = [request_line(vector.operation, vector.input) for vector in vectors]
    if requests:
        session.send(requests[0])
    for done, vector in enumerate(vectors, 1):
        exchange = session.receive(requests[done - 1], vector.operation)
        if done < len(requests):
            session.send(requests[done])
        verdict, difference, reason = assess(vector.expected, exchange)
        results.append(Result(vector, verdict, reason, difference, exchange))
        if progress is not None:
            progress(done, len(vectors), vector.id)
    return Report(
        command=session.command,
        implementation=session.implementation,
        results=tuple(results),
        seconds=time.monotonic() - started,
        starts=session.starts,
    )


def check(
    command: str | Sequence[str],
    vectors: Sequence[Vector] | None = None,
    *,
    operations: str = "*",
    timeout: float = 5.0,
    progress: Progress | None = None,
) -> Report:
    """Run vectors (default: the shipped ones of *operations*) against *command*.

    Args:
        command: The implementation: a program and its arguments, or one string
            split as a shell would.
        vectors: The vectors to run; by default the shipped ones.
        operations: Comma-separated globs of the operations to run (with the
            default vectors).
        timeout: Seconds to wait for each answer.
        progress: Called after each vector.

    Raises:
        ValidationError: If the command cannot be started.
    """
    with Session(command_line(command), timeout=timeout) as session:
        chosen = load_vectors(operations=operations) if vectors is None else vectors
        return run(session, chosen, progress=progress)
