"""Differential fuzzing: generated requests, the library as the reference, shrinking.

For each operation, each request is built from a seed of its own
(:mod:`~creative_city.conformance.cases`; the seeds come from the run's seed and the
operation's name) and goes to the implementation and to the library, in process. The
first disagreement (a differing output, another error ``type`` or ``field``, a crash
or a garbage answer) ends the search, and the request is shrunk: the list of choices
that built it is made shorter and simpler while the disagreement holds
(:class:`~creative_city.conformance.cases.choices.Shrinker`), each attempt a request.
A timeout ends the operation at once (each shrinking step would wait for it again).
An implementation that answers ``NotImplemented`` skips the operation.

The same seed gives the same run: every budget is counted in requests, not seconds
(except a cap on the time spent shrinking one disagreement).
"""

from __future__ import annotations

import json
import random
import shlex
import time
from collections.abc import Sequence
from typing import Any, Final

import attrs

from creative_city.conformance.cases import Replay, Seeded, draw_input
from creative_city.conformance.cases.choices import Shrinker
from creative_city.conformance.compare import Difference, Verdict, expectation
from creative_city.conformance.protocol import Implementation, Session
from creative_city.conformance.report import show
from creative_city.conformance.runner import Progress, assess, request_line
from creative_city.conformance.vectors import matches, save_vector
from creative_city.errors import ValidationError
from creative_city.oracle import evaluate_json

__all__ = [
    "SHRINK_SECONDS",
    "Finding",
    "FuzzReport",
    "OperationResult",
    "fuzz",
    "render",
    "save_findings",
]

SHRINK_SECONDS: Final = 60.0
"""The longest time spent shrinking one disagreement; the smallest so far is kept."""


class _Skipped(Exception):  # noqa: N818 - it names what happened
    """The implementation answered ``NotImplemented``: the operation is skipped."""


class _TimedOut(Exception):  # noqa: N818 - see _Skipped
    """No answer in time: the operation ends with this finding, unshrunk."""

    def __init__(self, finding: Finding) -> None:
        super().__init__(finding.reason)
        self.finding = finding


class _OutOfTime(Exception):  # noqa: N818 - see _Skipped
    """Shrinking took :data:`SHRINK_SECONDS`: the smallest disagreement so far stands."""


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
        shrunk: Whether shrinking finished (no simpler request disagrees).
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
    """One operation's run: its requests, its finding and its shrinking."""

    def __init__(
        self, session: Session, operation: str, budget: int, progress: Progress | None
    ) -> None:
        self.session = session
        self.operation = operation
        self.budget = budget
        self.progress = progress
        self.requests = 0
        self.finding: Finding | None = None
        self.library_failure: str | None = None
        self._failed_at = 0.0
        self._answers: dict[str, Finding | None] = {}  # while shrinking, by request line
        self._found: dict[tuple[int, ...], Finding] = {}  # by the choices that built it

    def search(self, seeds: random.Random) -> bool:
        """Send requests from *seeds* until one disagrees or the budget is spent.

        Returns:
            Whether the disagreement found was shrunk to the end.
        """
        while self.requests < self.budget:
            # S311: test data, reproducible from the seed (not a secret).
            source = Seeded(random.Random(seeds.getrandbits(64)))  # noqa: S311
            finding = self._ask(request_line(self.operation, draw_input(self.operation, source)))
            if finding is not None:
                self.finding = finding
                self._found[tuple(source.made)] = finding
                return self._shrink(source.made)
        return False

    def _shrink(self, made: list[int]) -> bool:
        self._failed_at = time.monotonic()
        shrinker = Shrinker(made, self._attempt)
        try:
            shrinker.run()
        except _OutOfTime:
            return False
        finally:
            self.finding = self._found[tuple(shrinker.best)]
        return True

    def _attempt(self, indexes: list[int]) -> list[int] | None:
        # Rebuild a document from *indexes*: the choices used if it still disagrees.
        replay = Replay(indexes)
        line = request_line(self.operation, draw_input(self.operation, replay))
        if line not in self._answers:
            if time.monotonic() - self._failed_at > SHRINK_SECONDS:
                raise _OutOfTime
            self._answers[line] = self._ask(line)
        finding = self._answers[line]
        if finding is None:
            return None
        self._found[tuple(replay.made)] = finding
        return replay.made

    def _ask(self, line: str) -> Finding | None:
        # Send one request, compute the library's answer meanwhile, and judge.
        self.session.send(line)
        self.requests += 1
        try:
            reference: dict[str, Any] = json.loads(evaluate_json(line)[0])
        except Exception as error:  # noqa: BLE001 - the library's own bug, reported apart
            self.session.receive(line, self.operation)
            if self.library_failure is None:
                self.library_failure = f"{type(error).__name__}: {error} on {line}"
            return None
        exchange = self.session.receive(line, self.operation)
        if self.progress is not None and self.finding is None:
            self.progress(self.requests, self.budget, self.operation)
        verdict, difference, reason = assess(expectation(reference), exchange)
        if verdict is Verdict.SKIP and self.finding is None:
            raise _Skipped
        if not verdict.failed:
            return None
        finding = Finding(
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
            raise _TimedOut(finding)
        return finding


def _fuzz_operation(run: _Run, seed: int) -> OperationResult:
    shrunk = skipped = False
    try:
        shrunk = run.search(random.Random(f"{seed}:{run.operation}"))  # noqa: S311 - see search
    except _Skipped:
        skipped = True
    except _TimedOut as stop:
        run.finding = stop.finding
    finding = run.finding
    if finding is not None and shrunk:
        finding = attrs.evolve(finding, shrunk=True)
    return OperationResult(run.operation, run.requests, finding, skipped, run.library_failure)


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
