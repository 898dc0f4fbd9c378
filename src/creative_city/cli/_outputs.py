"""Writing answers (see :mod:`creative_city.cli`).

Documents leave as UTF-8 bytes, text for people in the console's encoding.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from typing import BinaryIO, TextIO, cast

__all__: list[str] = []


class _EncodedOutput(io.TextIOBase):
    """Text written to a byte stream it does not own, encoded as told, flushed through."""

    def __init__(self, buffer: BinaryIO, encoding: str, errors: str, newline: str) -> None:
        super().__init__()
        self._buffer, self._encoding, self._errors = buffer, encoding, errors
        self._newline = newline

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        data = text.replace("\n", self._newline) if self._newline != "\n" else text
        self._buffer.write(data.encode(self._encoding, self._errors))
        return len(text)

    def flush(self) -> None:
        self._buffer.flush()


def _standard_output(args: argparse.Namespace) -> TextIO:
    # Documents (JSON, the HTML page) leave as UTF-8 bytes whatever the console's encoding
    # (RFC 8259 section 8.1; the page declares its charset); text for people is written in
    # the console's encoding, with what it cannot show escaped instead of a crash.
    stream = sys.stdout
    buffer = getattr(stream, "buffer", None)
    if buffer is None:  # a text-only stream (an embedder's): it encodes for itself
        return stream
    stream.flush()
    if args.command in ("eval", "schema") or getattr(args, "format", "text") in ("json", "html"):
        return cast("TextIO", _EncodedOutput(buffer, "utf-8", "strict", "\n"))
    encoding = getattr(stream, "encoding", None) or "utf-8"
    return cast("TextIO", _EncodedOutput(buffer, encoding, "backslashreplace", os.linesep))
