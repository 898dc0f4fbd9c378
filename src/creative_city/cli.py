"""The ``creative-city`` command line (also ``python -m creative_city``).

Commands:

* ``report``: the Almaty programme's targets and their status as of a date;
* ``eval FILE|-``: evaluate one oracle request document, print the answer;
* ``schema [OP]``: list the oracle operations, or print one's JSON Schemas;
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

import argparse
import contextlib
import datetime as _dt
import io
import json
import logging
import os
import pathlib
import re
import sys
import traceback
from collections.abc import Callable, Iterator, Sequence
from typing import BinaryIO, TextIO, cast

from creative_city._version import __version__
from creative_city.errors import CreativeCityError, ValidationError

__all__ = ["EXIT_ERROR", "EXIT_INTERNAL", "EXIT_OK", "build_parser", "main"]

EXIT_OK = 0
"""Exit status: every answer is an output."""

EXIT_ERROR = 2
"""Exit status: bad input or usage (an error document or a message on stderr)."""

EXIT_INTERNAL = 3
"""Exit status: a bug inside the library answered at least one request (``InternalError``)."""

_MAX_INPUT_BYTES = 16 * 1024 * 1024
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")

_REPORT_EPILOG = """\
observations file (JSON, every key optional):
  {
    "as_of": "2026-11-30",      the date up to which you looked for figures
    "universes": [{"id": "eqonaq", "name": "...", "description": "..."}],
    "figures": [{
      "id": "fund-capital-2025",            unique; lower-case, digits, hyphens
      "about": "City venture fund", "place": "Almaty",
      "measure": "venture-fund-capital",    with place and universe: a series
      "universe": "announcement",           a universe declared here or built in
      "period": "2025",                     2025, 2025-H1, 2025-Q3, 2025-03,
                                            YTD/2025-09-30, 2025-06-01/2025-09-01, null
      "text": "3 bn KZT",                   the figure in the source's words
      "value": "3000000000", "unit": "KZT",
      "precision": "exact",                 exact | about | more than
      "kind": "statement",                  statistic | registry | statement |
                                            forecast | press
      "use": "measurement",                 revision | measurement | series |
                                            evidence | context
      "target": "venture-fund",             for revisions and measurements
      "relates_to": [],                     target ids or named barriers
      "source": {"publisher": "...", "address": "https://...",
                 "published": "2025-12-01", "title": "...", "via": "..."}
    }],
    "hubs": [...], "measurements": [...], "milestones": [...]   as before
  }
  A revision's value holds from its publication day; a measurement counts on the
  last day of its period. Precedence: two figures of the same target (or place,
  measure and universe) and period are one fact, and the later publication wins;
  the same publication date for both is an error. Figures of different universes
  are never combined: when they disagree, both are shown as conflicting.
  The built-in figures are listed, with their sources, in the documentation
  ("Published figures"); print them with: creative-city report --format json
"""


def _version_line() -> str:
    # The zone database is named because local times are computed with it (docs/oracle.md).
    import tzdata  # noqa: PLC0415 - a data package, read only for --version

    return f"creative-city {__version__} (tzdata {tzdata.__version__}, IANA {tzdata.IANA_VERSION})"


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``creative-city`` command."""
    parser = argparse.ArgumentParser(
        prog="creative-city",
        description=(
            "Exact domain code for a city's creative-economy programme "
            "(Almaty, Zakon.kz, 12 September 2022)."
        ),
    )
    parser.add_argument("--version", action="version", version=_version_line())
    _add_debug(parser, default=False)
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    report = commands.add_parser(
        "report",
        help="print the programme's targets, their status and the published record",
        description=(
            "Print a briefing on the built-in Almaty programme as of a date: each target "
            "(due date, baseline, latest value, required growth, status against the value "
            "in force on the date, with its revisions), and what published figures say, "
            "each with its source. By default the built-in published figures are used."
        ),
        epilog=_REPORT_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    report.add_argument(
        "--as-of",
        metavar="YYYY-MM-DD",
        help="the date of the status (default: today)",
    )
    report.add_argument(
        "--observations",
        metavar="FILE",
        help=(
            "a JSON file of your own figures and observations, added to the built-in "
            "ones ('-' for stdin; format below)"
        ),
    )
    report.add_argument(
        "--no-builtin",
        action="store_true",
        help="leave out the built-in published figures (the bare programme as announced)",
    )
    report.add_argument(
        "--format",
        choices=("text", "markdown", "json", "html"),
        default="text",
        help="output format (default: text); html draws the charts inline",
    )
    report.add_argument(
        "--lang",
        metavar="CODE",
        default="en",
        help=(
            "the language of the text, markdown and html formats: en (default) or a "
            "language the package has a catalogue for, such as ru (which needs Babel: "
            "pip install 'creative-city[i18n]'); json is the same in every language"
        ),
    )
    report.add_argument("--output", "-o", metavar="FILE", help="write to FILE instead of stdout")
    report.add_argument(
        "--charts",
        metavar="DIR",
        help="also write each chart as a standalone SVG file in DIR (created if missing)",
    )

    evaluate = commands.add_parser(
        "eval",
        help="evaluate one oracle request document (JSON) and print the answer",
        description=(
            "Read one JSON request {'operation': ..., 'input': {...}} from FILE or stdin "
            "('-') and print the canonical JSON answer. Exit 2 if the answer is an error."
        ),
    )
    evaluate.add_argument("file", metavar="FILE|-")
    evaluate.add_argument(
        "--batch",
        action="store_true",
        help=(
            "FILE holds JSON Lines: one request per line; print one answer per line, in "
            "order, flushed as soon as it is ready (exit 2 if any answer is an error)"
        ),
    )

    schema = commands.add_parser(
        "schema",
        help="list the oracle operations or print one's JSON Schemas",
        description=(
            "Without OP, list the operations; with OP, print its request and answer schemas."
        ),
    )
    schema.add_argument("operation", nargs="?", metavar="OP")
    _add_sweep_parser(commands)
    _add_conformance_commands(commands)
    for command in (report, evaluate, schema, *commands.choices.values()):
        if "debug" not in {action.dest for action in command._actions}:  # noqa: SLF001 - argparse has no public listing
            _add_debug(command, default=argparse.SUPPRESS)
    return parser


def _add_debug(parser: argparse.ArgumentParser, *, default: object) -> None:
    parser.add_argument(
        "--debug",
        action="store_true",
        default=default,
        help="print the traceback of an internal error (a bug to report) on stderr",
    )


def _add_conformance_commands(
    commands: argparse._SubParsersAction[argparse.ArgumentParser],
) -> None:
    conformance = commands.add_parser(
        "conformance",
        help="run the conformance vectors against another implementation",
        description=(
            "Run CMD as a co-process speaking the 'eval --batch' line protocol, send it "
            "every conformance vector and report pass, fail, skip, crash, timeout or "
            "garbage for each. Exit 0 only when nothing failed."
        ),
    )
    fuzz = commands.add_parser(
        "fuzz",
        help="compare another implementation with this library on generated requests",
        description=(
            "Generate requests with hypothesis (pip install 'creative-city[testing]'), "
            "send them to CMD and to this library, and shrink each disagreement to a "
            "minimal request. Exit 0 only when nothing disagreed."
        ),
    )
    for sub in (conformance, fuzz):
        sub.add_argument(
            "--against", required=True, metavar="CMD", help="the implementation's command line"
        )
        sub.add_argument(
            "--operations",
            default="*",
            metavar="GLOB",
            help="only operations matching these globs, comma-separated (default: all)",
        )
        sub.add_argument(
            "--timeout",
            type=float,
            default=5.0,
            metavar="SECONDS",
            help="seconds to wait for each answer (default: 5)",
        )
    conformance.add_argument(
        "--vectors", metavar="DIR", help="a folder of vectors (default: the shipped ones)"
    )
    conformance.add_argument("--junit", metavar="FILE", help="also write a JUnit XML report")
    conformance.add_argument(
        "--format", choices=("text", "json"), default="text", help="output format (default: text)"
    )
    fuzz.add_argument(
        "--examples",
        type=int,
        default=100,
        metavar="N",
        help="generated requests per operation (default: 100)",
    )
    fuzz.add_argument("--seed", type=int, metavar="S", help="the random seed (default: random)")
    fuzz.add_argument(
        "--save", metavar="DIR", help="write each disagreement as a conformance vector in DIR"
    )


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


def _command_eval(source: str, out: TextIO, stdin: TextIO | BinaryIO | None) -> int:
    from creative_city.oracle import error_json  # noqa: PLC0415 - keep --help fast

    data = _read_bytes(source, stdin)
    answer, status = _answer(data, error_json)
    out.write(answer + "\n")
    return status


def _answer(data: bytes, error_json: Callable[[CreativeCityError], str]) -> tuple[str, int]:
    """Return the answer to one request given as bytes, and its exit status."""
    from creative_city.oracle import evaluate_json  # noqa: PLC0415 - keep --help fast

    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        return error_json(_not_utf8("the request", data, error)), EXIT_ERROR
    answer, ok = evaluate_json(text, max_bytes=_MAX_INPUT_BYTES)
    if ok:
        return answer, EXIT_OK
    internal = json.loads(answer)["error"]["type"] == "InternalError"
    return answer, EXIT_INTERNAL if internal else EXIT_ERROR


def _command_eval_batch(source: str, out: TextIO, stdin: TextIO | BinaryIO | None) -> int:
    from creative_city.oracle import error_json  # noqa: PLC0415

    status = EXIT_OK
    with _opened(source, stdin) as handle:
        for line, size in _lines(handle, _MAX_INPUT_BYTES):
            if line is None:
                answer = error_json(
                    ValidationError(
                        "$", f"<{size} bytes>", f"documents are at most {_MAX_INPUT_BYTES} bytes"
                    )
                )
                line_status = EXIT_ERROR
            else:
                answer, line_status = _answer(line, error_json)
            out.write(answer + "\n")
            out.flush()
            status = max(status, line_status)
    return status


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


def _command_schema(args: argparse.Namespace, out: TextIO) -> int:
    from creative_city.oracle import operation_schema, operations  # noqa: PLC0415

    if args.operation is None:
        listing = {name: operation.summary for name, operation in operations().items()}
        out.write(json.dumps(listing, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return 0
    try:
        schema = operation_schema(args.operation)
    except CreativeCityError as error:
        out.write(json.dumps({"error": {"field": error.field, "message": str(error)}}) + "\n")
        return 2
    out.write(json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
    return 0


def _command_report(args: argparse.Namespace, out: TextIO, stdin: TextIO | BinaryIO | None) -> int:
    from creative_city.programme import charts  # noqa: PLC0415 - keep --help fast
    from creative_city.programme import language as languages  # noqa: PLC0415
    from creative_city.programme import report as reports  # noqa: PLC0415
    from creative_city.programme.briefing import Briefing  # noqa: PLC0415

    if args.as_of is None:
        as_of = _dt.date.today()  # noqa: DTZ011 - the CLI is the one place that reads the clock
    else:
        try:
            if not _DATE.fullmatch(args.as_of):
                raise ValueError(args.as_of)  # noqa: TRY301 - one message for both
            as_of = _dt.date.fromisoformat(args.as_of)
        except ValueError:
            message = f"--as-of {args.as_of!r}: must be a date YYYY-MM-DD"
            raise _UsageError(message) from None
    observations = None if args.observations is None else _read(args.observations, stdin)
    # JSON is language-neutral: the code is checked, but the words stay English.
    if args.format == "json" and args.lang not in languages.available():
        raise ValidationError(
            "lang", args.lang, f"must be one of {', '.join(languages.available())}"
        )
    words = languages.ENGLISH if args.format == "json" else languages.language(args.lang)

    def briefing_in(language: languages.Language) -> Briefing:
        return reports.briefing_for(
            as_of=as_of,
            observations_json=observations,
            builtin=not args.no_builtin,
            language=language,
        )

    briefing = briefing_in(words)
    text = reports.render_briefing(briefing, args.format, words)
    if args.charts:
        # The charts speak --lang, even beside a JSON report.
        drawn_in = words if words.code == args.lang else languages.language(args.lang)
        drawn = briefing if drawn_in is words else briefing_in(drawn_in)
        folder = pathlib.Path(args.charts)
        try:
            folder.mkdir(parents=True, exist_ok=True)
            for name, drawing in charts.svg_files(drawn, drawn_in).items():
                (folder / name).write_text(drawing, encoding="utf-8")
        except OSError as error:
            message = f"--charts {args.charts}: {error.strerror}"
            raise _UsageError(message) from None
    if args.output:
        try:
            pathlib.Path(args.output).write_text(text, encoding="utf-8")
        except OSError as error:
            message = f"--output {args.output}: cannot write there ({error.strerror})"
            raise _UsageError(message) from None
    else:
        out.write(text)
    return 0


def _command_conformance(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    from creative_city.conformance import commands  # noqa: PLC0415 - keep --help fast

    return commands.conformance(
        against=args.against,
        vectors=args.vectors,
        operations=args.operations,
        timeout=args.timeout,
        junit=args.junit,
        fmt=args.format,
        out=out,
        err=err,
    )


def _command_fuzz(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    try:
        import hypothesis  # noqa: F401, PLC0415 - optional: the testing extra
    except ImportError:
        message = "fuzz needs hypothesis; install it with: pip install 'creative-city[testing]'"
        raise _UsageError(message) from None
    from creative_city.conformance import commands  # noqa: PLC0415 - keep --help fast

    return commands.fuzz(
        against=args.against,
        operations=args.operations,
        examples=args.examples,
        seed=args.seed,
        timeout=args.timeout,
        save=args.save,
        out=out,
        err=err,
    )


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


def _guarded(command: Callable[[], int], err: TextIO, *, debug: bool) -> int:
    logger = logging.getLogger("creative_city")
    handler = logging.StreamHandler(err)
    if debug:  # the oracle logs each internal error's traceback at DEBUG level
        logger.addHandler(handler)
        logger.setLevel(logging.DEBUG)
    try:
        return command()
    except (_UsageError, CreativeCityError) as error:
        err.write(f"creative-city: {error}\n")
        return EXIT_ERROR
    except Exception as error:  # noqa: BLE001 - a bug inside the library: say so, exit 3
        if debug:
            traceback.print_exc(file=err)
        err.write(
            f"creative-city: internal error ({type(error).__name__}): this is a bug, "
            "please report it with the command and its input (--debug prints the traceback)\n"
        )
        return EXIT_INTERNAL
    finally:
        if debug:
            logger.removeHandler(handler)
            logger.setLevel(logging.NOTSET)


# -- sweep ------------------------------------------------------------------------------


def _add_sweep_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    sweep = commands.add_parser(
        "sweep",
        help="run a scenario's seeded Monte Carlo sweep (examples/sweeps/*.json)",
        description=(
            "Run the sweep a scenario spec describes and print each event's probability "
            "and the P5/P50/P95 of every metric, year by year. The same spec and seed "
            "print the same bytes on one core, a process pool or a Dask cluster."
        ),
    )
    sweep.add_argument("spec", metavar="SPEC.json", help="the scenario spec ('-' for stdin)")
    sweep.add_argument("--samples", type=int, metavar="N", help="samples per grid cell")
    sweep.add_argument("--seed", type=int, metavar="S", help="the seed (default: the spec's)")
    where = sweep.add_mutually_exclusive_group()
    where.add_argument(
        "--workers", type=int, metavar="N", help="run on N local processes (default 1: here)"
    )
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on the Dask cluster at ADDRESS, e.g. tcp://host:8786 (the dask extra)",
    )
    sweep.add_argument(
        "--chunk-size", type=int, metavar="N", help="samples per chunk (never changes the answer)"
    )
    sweep.add_argument(
        "--format", choices=("text", "json"), default="text", help="output (default: text)"
    )


def _command_sweep(
    args: argparse.Namespace, out: TextIO, err: TextIO, stdin: TextIO | BinaryIO | None
) -> int:
    from creative_city.scenarios import ScenarioSpec, sweep  # noqa: PLC0415 - keep --help fast

    spec = ScenarioSpec.from_json(_read(args.spec, stdin))
    progress = _progress_bar(err) if err.isatty() else None
    try:
        result = sweep(
            spec,
            samples=args.samples,
            seed=args.seed,
            engine=args.scheduler,
            workers=args.workers,
            chunk_size=args.chunk_size,
            progress=progress,
        )
    except ModuleNotFoundError as error:
        raise _UsageError(str(error)) from None
    except OSError as error:  # a scheduler that cannot be reached
        message = f"--scheduler {args.scheduler}: {error}"
        raise _UsageError(message) from None
    finally:
        if progress is not None:
            err.write("\n")
    out.write(result.to_json(indent=2) + "\n" if args.format == "json" else result.to_text())
    return 0


def _progress_bar(err: TextIO) -> Callable[[int, int], None]:
    def show(done: int, total: int) -> None:
        filled = 30 * done // total
        bar = "#" * filled + "-" * (30 - filled)
        err.write(f"\r[{bar}] {done:,}/{total:,} samples")
        err.flush()

    return show
