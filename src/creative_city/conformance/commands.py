"""The ``creative-city conformance`` and ``creative-city fuzz`` commands.

Exit codes: 0 when nothing failed, 1 when a vector or a generated case failed (a
disagreement, a crash, a timeout or a garbage answer), 2 for a usage error (the
command cannot start, no vector matches, hypothesis is missing).
"""

from __future__ import annotations

import pathlib
from typing import TextIO

from creative_city.conformance.process import command_line, start
from creative_city.errors import ValidationError

# The rest of the package is imported once the implementation has been started, so
# that it starts up meanwhile (PLC0415 below).

__all__ = ["conformance", "fuzz"]


def _positive(name: str, value: float) -> None:
    if not value > 0:
        raise ValidationError(name, value, "must be positive")


def conformance(
    *,
    against: str,
    vectors: str | None = None,
    operations: str = "*",
    timeout: float = 5.0,
    junit: str | None = None,
    fmt: str = "text",
    out: TextIO,
    err: TextIO,
) -> int:
    """Run the vectors against the command *against* and print the report.

    Returns:
        0 when nothing failed, else 1.

    Raises:
        ValidationError: For a bad option, a command that cannot start, or vectors
            that cannot be read or match nothing.
    """
    _positive("--timeout", timeout)
    command = command_line(against)
    started = start(command)
    from creative_city.conformance.protocol import Session  # noqa: PLC0415
    from creative_city.conformance.report import (  # noqa: PLC0415
        TerminalProgress,
        render_json,
        render_junit,
        render_text,
    )
    from creative_city.conformance.runner import run  # noqa: PLC0415
    from creative_city.conformance.vectors import load_vectors  # noqa: PLC0415

    folder = None if vectors is None else pathlib.Path(vectors)
    with Session(command, timeout=timeout, started=started) as session:
        chosen = load_vectors(folder, operations=operations)
        if not chosen:
            raise ValidationError("--operations", operations, "matches no vector")
        progress = TerminalProgress(err) if err.isatty() else None
        try:
            report = run(session, chosen, progress=progress)
        finally:
            if progress is not None:
                progress.clear()
    out.write(render_json(report) if fmt == "json" else render_text(report))
    if junit is not None:
        pathlib.Path(junit).write_text(render_junit(report), encoding="utf-8")
    return 0 if report.ok else 1


def fuzz(
    *,
    against: str,
    operations: str = "*",
    examples: int = 100,
    seed: int | None = None,
    timeout: float = 5.0,
    save: str | None = None,
    out: TextIO,
    err: TextIO,
) -> int:
    """Fuzz the command *against* with generated requests and print what disagreed.

    Returns:
        0 when every generated request agreed with the library, else 1.

    Raises:
        ValidationError: For a bad option or a command that cannot start.
        ImportError: If hypothesis is not installed (``creative-city fuzz`` says how
            to install it).
    """
    from creative_city.conformance import fuzzer  # noqa: PLC0415 - needs hypothesis
    from creative_city.conformance.report import TerminalProgress  # noqa: PLC0415

    _positive("--timeout", timeout)
    _positive("--examples", examples)
    folder = None if save is None else pathlib.Path(save)
    progress = TerminalProgress(err) if err.isatty() else None
    try:
        outcome = fuzzer.fuzz(
            command_line(against),
            operations=operations,
            examples=examples,
            seed=seed,
            timeout=timeout,
            progress=progress,
        )
    finally:
        if progress is not None:
            progress.clear()
    saved = None if folder is None else fuzzer.save_findings(outcome, folder)
    out.write(fuzzer.render(outcome, saved))
    return 0 if outcome.ok else 1
