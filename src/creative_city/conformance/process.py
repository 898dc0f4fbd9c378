"""A command run as a co-process: lines in, lines out, with timeouts that always hold.

:class:`CoProcess` starts a command with pipes on its three standard streams and
three small threads, so that nothing the command does can block the caller:

* a writer sends requests (a command that stops reading cannot block a write);
* a reader collects its standard output in chunks, which :meth:`CoProcess.read_line`
  cuts into lines, waiting at most until a deadline;
* a drain reads its standard error as fast as it comes and keeps only the tail,
  so a flood never fills the pipe (and the tail can be shown when it crashes).

On POSIX the command runs in a session of its own, and :meth:`CoProcess.kill` ends
the whole process group: a shell script's children go with it.
"""

from __future__ import annotations

import contextlib
import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from typing import IO, Final

__all__ = [
    "MAX_LINE_BYTES",
    "CoProcess",
    "Exited",
    "LineTooLong",
    "TimedOut",
]

MAX_LINE_BYTES: Final = 64 * 1024 * 1024
"""The longest answer line accepted; a longer one is a protocol error."""

_STDERR_TAIL: Final = 4096
_CHUNK: Final = 65536


class Exited(Exception):  # noqa: N818 - it names what happened, like TimeoutError's kin
    """The command closed its output (it exited or crashed) before a full line came."""


class TimedOut(Exception):  # noqa: N818 - see Exited
    """No full line came before the deadline."""


class LineTooLong(Exception):  # noqa: N818 - see Exited
    """The command wrote more than :data:`MAX_LINE_BYTES` without a line end."""


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
            start_new_session=sys.platform != "win32",
        )
        self._chunks: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._outgoing: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._buffer = bytearray()
        self._closed = False
        self._tail = bytearray()
        self._tail_lock = threading.Lock()
        stdin, stdout, stderr = self._process.stdin, self._process.stdout, self._process.stderr
        if stdin is None or stdout is None or stderr is None:  # pragma: no cover - pipes asked
            message = "the command's standard streams are not pipes"
            raise OSError(message)
        threads = [
            threading.Thread(target=target, args=(pipe,), daemon=True)
            for target, pipe in ((self._write, stdin), (self._read, stdout), (self._drain, stderr))
        ]
        for thread in threads:
            thread.start()
        self._drainer = threads[2]

    @property
    def pid(self) -> int:
        """The command's process id."""
        return self._process.pid

    # -- threads ---------------------------------------------------------------------

    def _write(self, pipe: IO[bytes]) -> None:
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

    def _read(self, pipe: IO[bytes]) -> None:
        try:
            while chunk := pipe.read(_CHUNK):
                self._chunks.put(chunk)
        except OSError:
            pass  # a broken pipe is the end of the output, as below
        finally:
            pipe.close()
            self._chunks.put(None)

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

    # -- the caller's side -----------------------------------------------------------

    def write_line(self, text: str) -> None:
        """Queue *text* and a line end for the command's standard input (never blocks)."""
        self._outgoing.put(text.encode() + b"\n")

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
            try:
                chunk = self._chunks.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise TimedOut from None
            if chunk is None:
                self._closed = True
            else:
                self._buffer += chunk

    def pending_lines(self) -> list[bytes]:
        """Return the complete lines already received, without waiting."""
        while True:
            try:
                chunk = self._chunks.get_nowait()
            except queue.Empty:
                break
            if chunk is None:
                self._closed = True
                break
            self._buffer += chunk
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
            if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
                self._process.kill()
            else:
                with contextlib.suppress(ProcessLookupError):  # it ended since the poll
                    os.killpg(self._process.pid, signal.SIGKILL)
        self._process.wait()
        self._outgoing.put(None)

    def close(self, grace: float = 2.0) -> int | None:
        """Close the command's input, let it end for *grace* seconds, then kill it.

        Returns:
            Its exit code, or ``None`` when it had to be killed.
        """
        self._outgoing.put(None)
        deadline = time.monotonic() + grace
        # Its output ends when it exits: wait for that rather than poll for the exit.
        while not self._closed:
            try:
                chunk = self._chunks.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                break
            self._closed = chunk is None
        code = self.exit_code(max(0.0, deadline - time.monotonic()))
        if code is None:
            self.kill()
        return code
