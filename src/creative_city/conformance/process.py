"""A command run as a co-process: lines in, lines out, with timeouts that always hold.

:class:`CoProcess` starts a command with pipes on its three standard streams, so that
nothing the command does can block the caller:

* requests are written without blocking: what the pipe cannot take yet is kept
  and written while the caller waits for an answer (a command that stops reading
  never blocks a write);
* its standard output is read in chunks, which :meth:`CoProcess.read_line` cuts
  into lines, waiting at most until a deadline;
* a thread reads its standard error as fast as it comes and keeps only the tail,
  so a flood never fills the pipe (and the tail can be shown when it crashes).

On POSIX the caller's thread waits on both pipes with :mod:`selectors` (a round trip
costs no thread switch), and the command runs in a session of its own so that
:meth:`CoProcess.kill` ends its whole process group: a shell script's children go
with it. Elsewhere (Windows pipes cannot be selected) a reader and a writer thread
do the waiting.
"""

from __future__ import annotations

import contextlib
import os
import queue
import selectors
import shlex
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import IO, Final

from creative_city.errors import ValidationError

__all__ = [
    "MAX_LINE_BYTES",
    "CoProcess",
    "Exited",
    "LineTooLong",
    "TimedOut",
    "command_line",
    "start",
]

MAX_LINE_BYTES: Final = 64 * 1024 * 1024
"""The longest answer line accepted; a longer one is a protocol error."""

_STDERR_TAIL: Final = 4096
_CHUNK: Final = 65536
_POSIX: Final = sys.platform != "win32"


class Exited(Exception):  # noqa: N818 - it names what happened, like TimeoutError's kin
    """The command closed its output (it exited or crashed) before a full line came."""


class TimedOut(Exception):  # noqa: N818 - see Exited
    """No full line came before the deadline."""


class LineTooLong(Exception):  # noqa: N818 - see Exited
    """The command wrote more than :data:`MAX_LINE_BYTES` without a line end."""


class _SelectedPipes:
    # POSIX: non-blocking pipes, waited on with a selector in the caller's thread.

    def __init__(self, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        self._stdin, self._stdout = stdin, stdout
        self._in, self._out = stdin.fileno(), stdout.fileno()
        os.set_blocking(self._in, False)
        os.set_blocking(self._out, False)
        self._pending = bytearray()
        self._selector = selectors.DefaultSelector()
        self._selector.register(self._out, selectors.EVENT_READ)
        self._writing = False

    def send(self, data: bytes) -> None:
        self._pending += data
        self._write()

    def _write(self) -> None:
        try:
            written = os.write(self._in, self._pending) if self._pending else 0
        except BlockingIOError:
            written = 0
        except OSError:  # the command stopped reading (exited); the output says so
            written = len(self._pending)
        del self._pending[:written]
        wanted = bool(self._pending)
        if wanted != self._writing:
            if wanted:
                self._selector.register(self._in, selectors.EVENT_WRITE)
            else:
                self._selector.unregister(self._in)
            self._writing = wanted

    def receive(self, timeout: float) -> bytes | None:
        # A chunk of output, b"" at its end, or None if nothing came in time.
        deadline = time.monotonic() + timeout
        while True:
            for key, _ in self._selector.select(max(0.0, deadline - time.monotonic())):
                if key.fd == self._in:
                    self._write()
                else:
                    try:
                        return os.read(self._out, _CHUNK)
                    except BlockingIOError:
                        continue
                    except OSError:
                        return b""
            if time.monotonic() >= deadline:
                return None

    def close_input(self) -> None:
        if self._writing:
            self._selector.unregister(self._in)
            self._writing = False
        self._pending.clear()
        with contextlib.suppress(OSError):  # already broken: nothing left to flush
            self._stdin.close()

    def close(self) -> None:
        if not self._stdout.closed:
            self.close_input()
            self._selector.close()
            self._stdout.close()


class _ThreadedPipes:
    # Elsewhere: a writer and a reader thread, and queues the caller waits on.

    def __init__(self, stdin: IO[bytes], stdout: IO[bytes]) -> None:
        self._chunks: queue.SimpleQueue[bytes] = queue.SimpleQueue()
        self._outgoing: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        threading.Thread(target=self._writer, args=(stdin,), daemon=True).start()
        threading.Thread(target=self._reader, args=(stdout,), daemon=True).start()

    def _writer(self, pipe: IO[bytes]) -> None:
        try:
            while (data := self._outgoing.get()) is not None:
                view = memoryview(data)
                while view:  # a raw write may take only part of the data
                    view = view[pipe.write(view) or 0 :]
        except OSError:
            pass  # the command stopped reading (exited); the reader reports it
        finally:
            with contextlib.suppress(OSError):  # already broken: nothing left to flush
                pipe.close()

    def _reader(self, pipe: IO[bytes]) -> None:
        try:
            while chunk := pipe.read(_CHUNK):
                self._chunks.put(chunk)
        except OSError:
            pass  # a broken pipe is the end of the output, as below
        finally:
            pipe.close()
            self._chunks.put(b"")

    def send(self, data: bytes) -> None:
        self._outgoing.put(data)

    def receive(self, timeout: float) -> bytes | None:
        try:
            return self._chunks.get(timeout=timeout)
        except queue.Empty:
            return None

    def close_input(self) -> None:
        self._outgoing.put(None)

    def close(self) -> None:
        self.close_input()


class CoProcess:
    """A running command, spoken to line by line.

    Args:
        command: The program and its arguments.

    Raises:
        OSError: If the command cannot be started (not found, not executable).
    """

    def __init__(self, command: Sequence[str]) -> None:
        self.command = tuple(command)
        self._process = subprocess.Popen(  # noqa: S603 - running the user's command is the point
            self.command,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
            start_new_session=_POSIX,
        )
        stdin, stdout, stderr = self._process.stdin, self._process.stdout, self._process.stderr
        if stdin is None or stdout is None or stderr is None:  # pragma: no cover - pipes asked
            message = "the command's standard streams are not pipes"
            raise OSError(message)
        self._pipes = _SelectedPipes(stdin, stdout) if _POSIX else _ThreadedPipes(stdin, stdout)
        self._buffer = bytearray()
        self._closed = False
        self._tail = bytearray()
        self._tail_lock = threading.Lock()
        self._drainer = threading.Thread(target=self._drain, args=(stderr,), daemon=True)
        self._drainer.start()

    @property
    def pid(self) -> int:
        """The command's process id."""
        return self._process.pid

    def _drain(self, pipe: IO[bytes]) -> None:
        try:
            while chunk := pipe.read(_CHUNK):
                with self._tail_lock:
                    self._tail += chunk
                    del self._tail[:-_STDERR_TAIL]
        except OSError:
            pass  # nothing more to keep
        finally:
            pipe.close()

    def write_line(self, text: str) -> None:
        """Send *text* and a line end to the command's standard input (never blocks)."""
        self._pipes.send(text.encode() + b"\n")

    def _take(self, timeout: float) -> bool:
        # Add the next chunk of output to the buffer; false if none came in time.
        chunk = self._pipes.receive(timeout)
        if chunk is None:
            return False
        if chunk:
            self._buffer += chunk
        else:
            self._closed = True
        return True

    def read_line(self, deadline: float) -> bytes:
        """Return the next line of output (without its end), waiting until *deadline*.

        Args:
            deadline: A :func:`time.monotonic` instant.

        Raises:
            TimedOut: No full line before the deadline.
            Exited: The output ended first (what was left without a line end is lost).
            LineTooLong: Over :data:`MAX_LINE_BYTES` without a line end.
        """
        while True:
            end = self._buffer.find(b"\n")
            if end >= 0:
                line = bytes(self._buffer[:end])
                del self._buffer[: end + 1]
                return line.removesuffix(b"\r")
            if len(self._buffer) > MAX_LINE_BYTES:
                raise LineTooLong
            if self._closed:
                raise Exited
            if not self._take(max(0.0, deadline - time.monotonic())):
                raise TimedOut

    def pending_lines(self) -> list[bytes]:
        """Return the complete lines already received, without waiting."""
        while not self._closed and self._take(0.0):
            pass
        *lines, rest = bytes(self._buffer).split(b"\n")
        self._buffer = bytearray(rest)
        return [line.removesuffix(b"\r") for line in lines]

    def stderr_tail(self, wait: float = 0.0) -> str:
        """Return the last few kilobytes the command wrote to its standard error.

        Args:
            wait: Seconds to wait for the error stream to end (after an exit or a kill,
                so that its last words are in).
        """
        self._drainer.join(wait)
        with self._tail_lock:
            return bytes(self._tail).decode("utf-8", errors="replace")

    def exit_code(self, wait: float = 0.0) -> int | None:
        """Return the exit code, waiting up to *wait* seconds; ``None`` if still running."""
        try:
            return self._process.wait(timeout=wait)
        except subprocess.TimeoutExpired:
            return None

    def kill(self) -> None:
        """End the command (and, on POSIX, its process group) now."""
        if self._process.poll() is None:
            if _POSIX:
                with contextlib.suppress(ProcessLookupError):  # it ended since the poll
                    os.killpg(self._process.pid, signal.SIGKILL)
            else:  # pragma: no cover - exercised on Windows only
                self._process.kill()
        self._process.wait()
        self._pipes.close()

    def close(self, grace: float = 2.0) -> int | None:
        """Close the command's input, let it end for *grace* seconds, then kill it.

        Returns:
            Its exit code, or ``None`` when it had to be killed.
        """
        self._pipes.close_input()
        deadline = time.monotonic() + grace
        # Its output ends when it exits: wait for that rather than poll for the exit.
        while not self._closed and self._take(max(0.0, deadline - time.monotonic())):
            self._buffer.clear()
        code = self.exit_code(max(0.0, deadline - time.monotonic()))
        if code is None:
            self.kill()
        else:
            self._pipes.close()
        return code


def command_line(command: str | Sequence[str]) -> tuple[str, ...]:
    """Split a command given as one string the way a POSIX shell would (no expansion).

    >>> command_line("python3 'my impl.py' --fast")
    ('python3', 'my impl.py', '--fast')
    """
    return tuple(shlex.split(command)) if isinstance(command, str) else tuple(command)


def start(command: Sequence[str]) -> CoProcess:
    """Start *command* as a co-process.

    Raises:
        ValidationError: If it names no command or cannot be started (field
            ``--against``).
    """
    if not command:
        raise ValidationError("--against", "", "must name a command")
    try:
        return CoProcess(command)
    except OSError as error:
        reason = error.strerror or str(error)
        raise ValidationError("--against", " ".join(command), f"cannot start: {reason}") from None
