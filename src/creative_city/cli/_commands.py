"""What each subcommand does, and the exit statuses (see :mod:`creative_city.cli`)."""

from __future__ import annotations

import argparse
import datetime as _dt
import json
import logging
import pathlib
import re
import traceback
from collections.abc import Callable
from typing import BinaryIO, TextIO

from creative_city.cli._inputs import (
    _MAX_INPUT_BYTES,
    _lines,
    _not_utf8,
    _opened,
    _read,
    _read_bytes,
    _UsageError,
)
from creative_city.errors import CreativeCityError, ValidationError

__all__: list[str] = []

EXIT_OK = 0
"""Exit status: every answer is an output."""

EXIT_ERROR = 2
"""Exit status: bad input or usage (an error document or a message on stderr)."""

EXIT_INTERNAL = 3
"""Exit status: a bug inside the library answered at least one request (``InternalError``)."""

_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


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


def _command_schema(args: argparse.Namespace, out: TextIO) -> int:
    from creative_city.oracle import operation_schema, operations  # noqa: PLC0415
    from creative_city.schema import spec_schema  # noqa: PLC0415

    if args.operation is None:
        listing = {name: operation.summary for name, operation in operations().items()}
        out.write(json.dumps(listing, indent=2, sort_keys=True, ensure_ascii=False) + "\n")
        return 0
    try:
        # Operation names are dotted: "sweep" names the command that reads a spec.
        schema = spec_schema() if args.operation == "sweep" else operation_schema(args.operation)
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
