"""The line protocol an implementation speaks, and a session that never lets it hang us.

An implementation is a command that reads one request per line on its standard
input and writes one answer per line on its standard output, in order, flushing
each: the protocol of ``creative-city eval --batch -``. A :class:`Session` keeps the
command running as a co-process, sends one request at a time and classifies what
comes back:

* a well-formed answer: a JSON object with exactly one of ``output`` and ``error``
  (an ``error`` with a string ``type``), naming the request's operation if it names
  one;
* a crash: the command ended its output before answering;
* a timeout: no answer within the timeout;
* garbage: not UTF-8, not JSON, not an answer, two lines for one request, or an
  answer naming another operation (an answer out of step with its request).

After a crash, a timeout or an answer out of step, the session kills the command
and starts it again for the next request, so one bad answer never shifts the
others.

The optional handshake: before the first request the session sends
``{"operation": "start", "input": {"protocol": 1}}``. An implementation may answer
``{"operation": "start", "output": {"name": ..., "version": ..., "language": ...}}``
to name itself in reports; any other answer (such as a ``NotImplemented`` error)
means "anonymous" and costs nothing else.
"""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import Any, Final, Self

import attrs

from creative_city._version import __version__
from creative_city.conformance.compare import Verdict
from creative_city.conformance.process import (
    CoProcess,
    Exited,
    LineTooLong,
    TimedOut,
    start,
)

__all__ = [
    "HANDSHAKE",
    "PROTOCOL_VERSION",
    "Exchange",
    "Implementation",
    "Session",
    "parse_answer",
]

PROTOCOL_VERSION: Final = 1
"""The version of the line protocol, sent in the handshake."""

HANDSHAKE: Final = json.dumps(
    {
        "operation": "start",
        "input": {"protocol": PROTOCOL_VERSION, "runner": f"creative-city {__version__}"},
    },
    separators=(",", ":"),
)
"""The first line a session sends: an implementation may answer it with its name."""

_SNIPPET: Final = 200


@attrs.frozen
class Implementation:
    """What an implementation said about itself in the handshake.

    Attributes:
        name: Its name.
        version: Its version, if it gave one.
        language: Its language, if it gave one.
    """

    name: str
    version: str | None = None
    language: str | None = None

    def __str__(self) -> str:
        details = ", ".join(part for part in (self.version, self.language) if part)
        return f"{self.name} ({details})" if details else self.name


@attrs.frozen
class Exchange:
    """One request and what came back.

    Attributes:
        request: The request line sent.
        answer: The parsed answer when it was well formed, else ``None``.
        problem: ``CRASH``, ``TIMEOUT`` or ``GARBAGE``, or ``None`` for an answer.
        reason: What went wrong, for people (empty for an answer).
        received: The answer line as received (``None`` when none came).
        stderr: The tail of the command's standard error, kept for a crash.
        seconds: From sending the request to the end of its answer.
    """

    request: str
    answer: dict[str, Any] | None
    problem: Verdict | None = None
    reason: str = ""
    received: str | None = None
    stderr: str = ""
    seconds: float = 0.0


def _snippet(data: bytes | str) -> str:
    text = data.decode("utf-8", errors="replace") if isinstance(data, bytes) else data
    return text if len(text) <= _SNIPPET else text[:_SNIPPET] + "..."


def _no_constant(name: str) -> None:
    message = f"{name} is not JSON"
    raise ValueError(message)


def parse_answer(line: bytes, operation: str) -> tuple[dict[str, Any] | None, str]:
    """Parse one answer line; return ``(answer, "")`` or ``(None, why it is garbage)``.

    >>> parse_answer(b'{"operation": "a.b", "output": {}}', "a.b")
    ({'operation': 'a.b', 'output': {}}, '')
    >>> parse_answer(b'{"operation": "c.d", "output": {}}', "a.b")[1]
    "answers another request: its operation is 'c.d', not 'a.b'"
    """
    try:
        document = json.loads(line.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        return None, f"not UTF-8: {_snippet(line)}"
    except ValueError:
        return None, f"not JSON: {_snippet(line)}"
    if not isinstance(document, dict):
        return None, f"not a JSON object: {_snippet(line)}"
    if ("output" in document) == ("error" in document):
        return None, f"an answer holds exactly one of output and error: {_snippet(line)}"
    error = document.get("error", {"type": ""})
    if not isinstance(error, dict) or not isinstance(error.get("type"), str):
        return None, f"an error is an object with a string type: {_snippet(line)}"
    named = document.get("operation", operation)
    if named != operation:
        return None, f"answers another request: its operation is {named!r}, not {operation!r}"
    return document, ""


class Session:
    """An implementation running as a co-process, asked one request at a time.

    Args:
        command: The program and its arguments.
        timeout: Seconds to wait for each answer (the first one after a start
            includes the command's start-up).
        handshake: Send the optional ``start`` request first.
        started: The command, already started with
            :func:`~creative_city.conformance.process.start` (so that it starts up
            while the caller does other work).

    Raises:
        ValidationError: If the command cannot be started at all.
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        timeout: float,
        handshake: bool = True,
        started: CoProcess | None = None,
    ) -> None:
        self.command = tuple(command)
        self.timeout = timeout
        self.implementation: Implementation | None = None
        self.starts = 1
        self._sent_at = 0.0
        self._process: CoProcess | None = started or start(self.command)
        self._handshake_pending = handshake
        if handshake:
            self._sent_at = time.monotonic()
            self._process.write_line(HANDSHAKE)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def _start(self) -> CoProcess:
        self.starts += 1
        return start(self.command)

    def _stop(self) -> None:
        if self._process is not None:
            self._process.kill()
            self._process = None

    def close(self) -> None:
        """Close the command's input and wait a moment for it to end (then kill it)."""
        if self._process is not None:
            self._process.close()
            self._process = None

    def _finish_handshake(self) -> None:
        self._handshake_pending = False
        assert self._process is not None  # noqa: S101 - the handshake goes to the first process
        try:
            line = self._process.read_line(self._sent_at + self.timeout)
        except (TimedOut, Exited, LineTooLong):
            self._stop()
            return
        answer, _ = parse_answer(line, "start")
        if self._process.pending_lines():
            self._stop()
            return
        output = answer.get("output") if answer is not None else None
        if isinstance(output, dict) and isinstance(output.get("name"), str):
            extra = {key: output.get(key) for key in ("version", "language")}
            self.implementation = Implementation(
                output["name"],
                *(value if isinstance(value, str) else None for value in extra.values()),
            )

    def send(self, request: str) -> None:
        """Send one request line (the next :meth:`receive` reads its answer)."""
        if self._handshake_pending:
            self._finish_handshake()
        if self._process is not None and self._process.exit_code() is not None:
            self._stop()  # it ended between requests: start afresh rather than blame this one
        if self._process is None:
            self._process = self._start()
        self._sent_at = time.monotonic()
        self._process.write_line(request)

    def receive(self, request: str, operation: str) -> Exchange:
        """Wait for the answer to *request* (just sent) and classify it."""
        process = self._process
        assert process is not None  # noqa: S101 - send() started it
        try:
            line = process.read_line(self._sent_at + self.timeout)
        except TimedOut:
            return self._failed(request, Verdict.TIMEOUT, f"no answer within {self.timeout:g} s")
        except Exited:
            code = process.exit_code(1.0)
            return self._failed(request, Verdict.CRASH, f"exited with code {code} before answering")
        except LineTooLong:
            return self._failed(request, Verdict.GARBAGE, "an answer line without end")
        seconds = time.monotonic() - self._sent_at
        received = line.decode("utf-8", errors="replace")
        answer, reason = parse_answer(line, operation)
        extra = process.pending_lines()
        if extra:
            reason = f"{len(extra) + 1} lines for one request; the second: {_snippet(extra[0])}"
            answer = None
        if answer is None:
            if extra or reason.startswith("answers another request"):
                self._stop()  # out of step: start afresh so the next answer is its own
            return Exchange(request, None, Verdict.GARBAGE, reason, received, seconds=seconds)
        return Exchange(request, answer, received=received, seconds=seconds)

    def _failed(self, request: str, problem: Verdict, reason: str) -> Exchange:
        process = self._process
        assert process is not None  # noqa: S101 - called while a process runs
        seconds = time.monotonic() - self._sent_at
        self._stop()
        return Exchange(
            request,
            None,
            problem,
            reason + "; restarted",
            stderr=process.stderr_tail(wait=0.5),
            seconds=seconds,
        )

    def ask(self, request: str, operation: str) -> Exchange:
        """Send *request* and return what came back."""
        self.send(request)
        return self.receive(request, operation)
