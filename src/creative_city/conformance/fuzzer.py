"""Differential fuzzing: generated requests, the library as the reference, shrinking.

For each operation, hypothesis generates input documents
(:mod:`~creative_city.conformance.cases`), a few per example; each one goes to the
implementation and to the library, in process. The first disagreement (a differing
output, another error ``type`` or ``field``, a crash or a garbage answer) fails the
example, and hypothesis shrinks it to a minimal request. A timeout ends the
operation at once (each shrinking step would wait for it again). An implementation
that answers ``NotImplemented`` skips the operation.

The same seed gives the same run: hypothesis is seeded, keeps no example database,
and every budget is counted in requests, not seconds (except a cap on the time spent
shrinking one disagreement).
"""

from __future__ import annotations

import json
import random
import shlex
import time
from collections.abc import Sequence
from typing import Any, Final

import attrs
import hypothesis
from hypothesis import HealthCheck, Phase, Verbosity
from hypothesis import strategies as st

from creative_city.conformance import cases
from creative_city.conformance.compare import Difference, Verdict, expectation
from creative_city.conformance.protocol import Implementation, Session
from creative_city.conformance.report import show
from creative_city.conformance.runner import Progress, assess, request_line
from creative_city.conformance.vectors import matches, save_vector
from creative_city.errors import ValidationError
from creative_city.oracle import evaluate_json

__all__ = [
    "BATCH",
    "SHRINK_SECONDS",
    "Finding",
    "FuzzReport",
    "OperationResult",
    "fuzz",
    "render",
    "save_findings",
]

BATCH: Final = 8
"""The most requests one hypothesis example holds (shrinking takes it down to one)."""

SHRINK_SECONDS: Final = 60.0
"""The longest time spent shrinking one disagreement; the smallest so far is kept."""


class _Disagreement(Exception):  # noqa: N818 - raised to fail a hypothesis example
    """The implementation disagreed with the library (hypothesis shrinks it)."""


class _Stop(BaseException):
    """Ends one operation's run without a failure to shrink.

    A ``BaseException``, as pytest's ``Skipped`` is: hypothesis lets it through
    instead of shrinking it. Raised when the request budget is spent, on a timeout,
    when the operation is not implemented, or when shrinking has taken too long.
    """


@attrs.frozen
class Finding:
    """A request on which the implementation and the library disagree.

    Attributes:
        operation: The operation.
        request: The request line (shrunk, unless ``shrunk`` is false).
        reference: The library's answer.
        verdict: ``FAIL``, ``CRASH``, ``TIMEOUT`` or ``GARBAGE``.
        reason: What differs, for people.
        difference: For a ``FAIL``, the first differing JSON path and both values.
        received: The implementation's answer line, if one came.
        stderr: The tail of its standard error, after a crash or a timeout.
        shrunk: Whether hypothesis finished shrinking it.
    """

    operation: str
    request: str
    reference: dict[str, Any]
    verdict: Verdict
    reason: str
    difference: Difference | None
    received: str | None
    stderr: str
    shrunk: bool = False


@attrs.frozen
class OperationResult:
    """The fuzzing of one operation.

    Attributes:
        operation: The operation.
        requests: Requests sent (shrinking included).
        finding: The disagreement found, if any.
        skipped: The implementation answered ``NotImplemented``.
        library_failure: A request on which the library itself raised, and what it
            raised (a bug to report to creative-city; not counted against the
            implementation).
    """

    operation: str
    requests: int
    finding: Finding | None = None
    skipped: bool = False
    library_failure: str | None = None


@attrs.frozen
class FuzzReport:
    """A fuzzing run.

    Attributes:
        command: The implementation's command.
        implementation: What it said about itself in the handshake, if anything.
        seed: The seed (rerun with it to get the same run).
        operations: The globs of the operations fuzzed.
        examples: The request budget per operation.
        results: One per operation, by name.
        seconds: The run's wall time.
    """

    command: tuple[str, ...]
    implementation: Implementation | None
    seed: int
    operations: str
    examples: int
    results: tuple[OperationResult, ...]
    seconds: float

    @property
    def ok(self) -> bool:
        """Whether no operation disagreed."""
        return all(result.finding is None for result in self.results)

    @property
    def requests(self) -> int:
        """Requests sent in all."""
        return sum(result.requests for result in self.results)


class _Run:
    """The state of one operation's run, seen by hypothesis' test function."""

    def __init__(
        self, session: Session, operation: str, budget: int, progress: Progress | None
    ) -> None:
        self.session = session
        self.operation = operation
        self.budget = budget
        self.progress = progress
        self.requests = 0
        self.finding: Finding | None = None
        self.failed_at = 0.0
        self.skipped = False
        self.library_failure: str | None = None

    def check(self, documents: list[Any]) -> None:
        for document in documents:
            if self.finding is None and self.requests >= self.budget:
                raise _Stop
            if self.finding is not None and time.monotonic() - self.failed_at > SHRINK_SECONDS:
                raise _Stop
            self._one(document)

    def _one(self, document: Any) -> None:  # noqa: ANN401 - any JSON input
        line = request_line(self.operation, document)
        self.session.send(line)
        self.requests += 1
        try:
            reference: dict[str, Any] = json.loads(evaluate_json(line)[0])
        except Exception as error:  # noqa: BLE001 - the library's own bug, reported apart
            self.session.receive(line, self.operation)
            if self.library_failure is None:
                self.library_failure = f"{type(error).__name__}: {error} on {line}"
            return
        exchange = self.session.receive(line, self.operation)
        if self.progress is not None and self.finding is None:
            self.progress(self.requests, self.budget, self.operation)
        verdict, difference, reason = assess(expectation(reference), exchange)
        if verdict is Verdict.SKIP and self.finding is None:
            self.skipped = True
            raise _Stop
        if not verdict.failed:
            return
        if self.finding is None:
            self.failed_at = time.monotonic()
        self.finding = Finding(
            self.operation,
            line,
            reference,
            verdict,
            reason,
            difference,
            exchange.received,
            exchange.stderr,
        )
        if verdict is Verdict.TIMEOUT:
            raise _Stop
        raise _Disagreement(reason)


def _settings(budget: int) -> hypothesis.settings:
    return hypothesis.settings(
        max_examples=budget,
        database=None,
        deadline=None,
        derandomize=False,
        print_blob=False,
        report_multiple_bugs=False,
        phases=(Phase.generate, Phase.shrink),
        suppress_health_check=list(HealthCheck),
        verbosity=Verbosity.quiet,
    )


def _fuzz_operation(run: _Run, seed: int) -> OperationResult:
    batches = st.lists(cases.inputs(run.operation), min_size=1, max_size=BATCH)

    @hypothesis.seed(seed)
    @_settings(run.budget)
    @hypothesis.given(batches)
    def test(documents: list[Any]) -> None:
        run.check(documents)

    shrunk = False
    try:
        test()
    except _Stop:
        pass
    except _Disagreement:
        shrunk = True
    except Exception:  # noqa: BLE001, S110 - hypothesis' Flaky: the smallest finding stands
        pass
    finding = run.finding
    if finding is not None and shrunk:
        finding = attrs.evolve(finding, shrunk=True)
    return OperationResult(run.operation, run.requests, finding, run.skipped, run.library_failure)


def fuzz(
    command: Sequence[str],
    *,
    operations: str = "*",
    examples: int = 100,
    seed: int | None = None,
    timeout: float = 5.0,
    progress: Progress | None = None,
) -> FuzzReport:
    """Fuzz *command* against the library on the operations matching *operations*.

    Args:
        command: The implementation's program and arguments.
        operations: Comma-separated globs of operation names.
        examples: Requests to generate per operation (before any shrinking).
        seed: The random seed; a random one (reported) by default.
        timeout: Seconds to wait for each answer.
        progress: Called after each request.

    Raises:
        ValidationError: If no operation matches or the command cannot be started.
    """
    from creative_city.oracle import operations as known  # noqa: PLC0415 - the library's list

    chosen = [name for name in known() if matches(name, operations)]
    if not chosen:
        raise ValidationError("--operations", operations, "matches no operation")
    if seed is None:
        seed = random.SystemRandom().randrange(2**32)
    started = time.monotonic()
    with Session(command, timeout=timeout) as session:
        results = [
            _fuzz_operation(_Run(session, name, examples, progress), seed) for name in chosen
        ]
        implementation = session.implementation
    return FuzzReport(
        tuple(command),
        implementation,
        seed,
        operations,
        examples,
        tuple(results),
        time.monotonic() - started,
    )


def save_findings(report: FuzzReport, folder: Any) -> dict[str, Any]:  # noqa: ANN401 - a path
    """Write each finding as a conformance vector below *folder*; return the paths by operation."""
    saved = {}
    for result in report.results:
        finding = result.finding
        if finding is None:
            continue
        request = json.loads(finding.request)
        saved[result.operation] = save_vector(
            folder,
            operation=finding.operation,
            input_document=request["input"],
            expected=expectation(finding.reference),
            description=f"Found by creative-city fuzz (seed {report.seed}): {finding.reason}",
        )
    return saved


def _finding_lines(report: FuzzReport, finding: Finding, saved: Any) -> list[str]:  # noqa: ANN401
    command = shlex.join(report.command)
    state = "shrunk" if finding.shrunk else "not shrunk"
    lines = [
        f"{finding.verdict.value.upper()} {finding.operation} ({state}): {finding.reason}",
        f"  request:        {finding.request}",
        f"  library:        {show(finding.reference)}",
        f"  implementation: {finding.received if finding.received is not None else '<no answer>'}",
    ]
    if finding.difference is not None:
        difference = finding.difference
        lines.append(
            f"  at {difference.path}: library {show(difference.expected)}, "
            f"implementation {show(difference.actual)}"
        )
    lines.extend(f"  stderr:         {line}" for line in finding.stderr.strip().splitlines()[-3:])
    lines.append(f"  replay:         printf '%s\\n' {shlex.quote(finding.request)} | {command}")
    if saved is not None:
        lines.append(f"  saved:          {saved}")
    return lines


def render(report: FuzzReport, saved: dict[str, Any] | None = None) -> str:
    """Return the run as text: each disagreement in full, then a line per operation."""
    who = shlex.join(report.command)
    if report.implementation is not None:
        who = f"{report.implementation} [{who}]"
    lines = [f"fuzz of {who}: seed {report.seed}, {report.examples} requests per operation", ""]
    for result in report.results:
        if result.finding is not None:
            where = (saved or {}).get(result.operation)
            lines.extend([*_finding_lines(report, result.finding, where), ""])
        if result.library_failure is not None:
            lines.extend(
                [f"LIBRARY BUG {result.operation} (please report): {result.library_failure}", ""]
            )
    width = max([len("operation"), *(len(result.operation) for result in report.results)])
    lines.append(f"{'operation'.ljust(width)}  requests  result")
    for result in report.results:
        outcome = "ok"
        if result.skipped:
            outcome = "skipped (not implemented)"
        elif result.finding is not None:
            outcome = result.finding.verdict.value
        lines.append(f"{result.operation.ljust(width)}  {result.requests:8}  {outcome}")
    failed = [result for result in report.results if result.finding is not None]
    rerun = (
        f"creative-city fuzz --against {shlex.quote(shlex.join(report.command))} "
        f"--operations {shlex.quote(report.operations)} --seed {report.seed} "
        f"--examples {report.examples}"
    )
    summary = f"{report.requests} requests, seed {report.seed}, {report.seconds:.1f} s"
    if failed:
        lines.extend(
            ["", f"FAILED: {len(failed)} operations disagree ({summary})", f"rerun: {rerun}"]
        )
    else:
        lines.extend(["", f"OK: no disagreement ({summary})"])
    return "\n".join(lines) + "\n"
