"""Reading what the command is given (see :mod:`creative_city.cli`).

Files and standard input are read as bytes, JSON Lines split by line, and UTF-8 is
checked per document.
"""

from __future__ import annotations

import contextlib
import io
import pathlib
from collections.abc import Iterator
from typing import BinaryIO, TextIO

from creative_city.errors import ValidationError

__all__: list[str] = []

_MAX_INPUT_BYTES = 16 * 1024 * 1024


def _read(source: str, stdin: TextIO | BinaryIO | None) -> str:
    """Return the UTF-8 text of *source* (a path, or ``-`` for *stdin*), at most one byte
    over the input limit (the parser reports the size).

    Raises:
        ValidationError: If the bytes are not UTF-8 text or stdin is closed.
        _UsageError: If the file cannot be read.
    """  # noqa: D205
    data = _read_bytes(source, stdin)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise _not_utf8("standard input" if source == "-" else source, data, error) from None


def _read_bytes(source: str, stdin: TextIO | BinaryIO | None) -> bytes:
    if source == "-":
        return _binary(stdin).read(_MAX_INPUT_BYTES + 1)
    try:
        with pathlib.Path(source).open("rb") as handle:
            return handle.read(_MAX_INPUT_BYTES + 1)
    except OSError as error:
        message = f"cannot read {source}: {error.strerror}"
        raise _UsageError(message) from None


def _binary(stdin: TextIO | BinaryIO | None) -> BinaryIO:
    """Return the bytes behind *stdin* (a text stream's buffer, or text given in memory)."""
    if stdin is None or stdin.closed:
        raise ValidationError("$", "<stdin>", "standard input is closed")
    buffer = getattr(stdin, "buffer", None)
    if buffer is not None:
        return buffer  # type: ignore[no-any-return]
    if isinstance(stdin, io.TextIOBase):
        # Text already decoded in memory (tests, embedding): lone surrogates stay bad bytes.
        return io.BytesIO(stdin.read().encode("utf-8", "surrogatepass"))
    return stdin  # type: ignore[return-value]


def _not_utf8(where: str, data: bytes, error: UnicodeDecodeError) -> ValidationError:
    return ValidationError(
        "$",
        f"<byte 0x{data[error.start]:02x} at offset {error.start}>",
        f"{where} is not UTF-8 text",
    )


class _UsageError(Exception):
    pass


@contextlib.contextmanager
def _opened(source: str, stdin: TextIO | BinaryIO | None) -> Iterator[BinaryIO]:
    # Bytes, so that a line that is not UTF-8 is answered alone; JSON Lines ends lines
    # with "\n" only (a lone "\r" is whitespace inside a request).
    if source == "-":
        yield _binary(stdin)
        return
    try:
        handle = pathlib.Path(source).open("rb")  # noqa: SIM115
    except OSError as error:
        message = f"cannot read {source}: {error.strerror}"
        raise _UsageError(message) from None
    with handle:
        yield handle


def _lines(handle: BinaryIO, limit: int) -> Iterator[tuple[bytes | None, int]]:
    r"""Yield each line of *handle* (without its end) and its size in bytes.

    A line ends with ``\n`` or ``\r\n``. A line longer than *limit* bytes is never
    held whole: it is read in pieces to its end, and yielded as ``(None, size)``. A
    final line without a line end counts; the empty string after a last one does not.
    """
    while line := handle.readline(limit + 2):
        if len(line) <= limit or _line_end(line):
            text = line[: len(line) - _line_end(line)]
            yield text, len(text)
            continue
        size, tail = len(line), line[-2:]
        while not tail.endswith(b"\n") and (line := handle.readline(limit + 2)):
            size, tail = size + len(line), (tail + line)[-2:]
        yield None, size - _line_end(tail)


def _line_end(line: bytes) -> int:
    # The length of the line's end: 2 for "\r\n", 1 for "\n", 0 at the end of the input.
    if line.endswith(b"\r\n"):
        return 2
    return 1 if line.endswith(b"\n") else 0
