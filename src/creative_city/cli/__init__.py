"""The ``creative-city`` command line (also ``python -m creative_city``).

Commands:

* ``report``: the Almaty programme's targets and their status as of a date;
* ``eval FILE|-``: evaluate one oracle request document, print the answer;
* ``schema [OP]``: list the oracle operations, or print one's JSON Schemas
  (``schema sweep``: a scenario spec's);
* ``sweep SPEC.json``: run a scenario's seeded Monte Carlo sweep.
* ``conformance --against CMD``: run the conformance vectors against another
  implementation of the line protocol;
* ``fuzz --against CMD``: compare another implementation with this library on
  generated requests (needs the ``testing`` extra).

This is the only module that does I/O (files, standard streams, today's date).
Exit codes: 0 success, 2 bad input or usage (an error document or message, never a
traceback), 1 from ``conformance`` and ``fuzz`` when the implementation failed, 3 a bug
inside the library (an ``InternalError`` answer or message; the traceback is printed
only with ``--debug``).
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from typing import BinaryIO, TextIO

from creative_city.cli._commands import (
    EXIT_ERROR,
    EXIT_INTERNAL,
    EXIT_OK,
    _command_conformance,
    _command_eval,
    _command_eval_batch,
    _command_fuzz,
    _command_report,
    _command_schema,
    _command_sweep,
    _guarded,
)
from creative_city.cli._outputs import _standard_output
from creative_city.cli._parser import build_parser

__all__ = ["EXIT_ERROR", "EXIT_INTERNAL", "EXIT_OK", "build_parser", "main"]


def main(
    argv: Sequence[str] | None = None,
    *,
    stdout: TextIO | None = None,
    stderr: TextIO | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit code.

    Args:
        argv: The arguments, without the program name.
        stdout: Where output goes (default ``sys.stdout``: JSON and HTML as UTF-8 bytes
            whatever its encoding, text in its encoding with unencodable characters
            escaped).
        stderr: Where error messages go (default ``sys.stderr``).
        stdin: Where ``-`` reads from, text or bytes (default ``sys.stdin``; ``None``
            when it is closed).

    Returns:
        :data:`EXIT_OK`, :data:`EXIT_ERROR` or :data:`EXIT_INTERNAL`.
    """
    err = stderr or sys.stderr
    inp = stdin if stdin is not None else sys.stdin
    arguments = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser()
    args = parser.parse_args(arguments)
    out = stdout or _standard_output(args)
    commands: dict[str, Callable[[], int]] = {
        "eval": lambda: (
            _command_eval_batch(args.file, out, inp)
            if args.batch
            else _command_eval(args.file, out, inp)
        ),
        "schema": lambda: _command_schema(args, out),
        "report": lambda: _command_report(args, out, inp),
        "sweep": lambda: _command_sweep(args, out, err, inp),
        "conformance": lambda: _command_conformance(args, out, err),
        "fuzz": lambda: _command_fuzz(args, out, err),
    }
    if args.command in commands:
        return _guarded(commands[args.command], err, debug=args.debug)
    parser.print_help(out)
    return 0
