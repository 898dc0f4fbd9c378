"""The ``creative-city`` command's argument parser (see :mod:`creative_city.cli`)."""

from __future__ import annotations

import argparse

from creative_city._version import __version__

__all__: list[str] = []

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

    _add_report_parser(commands)
    _add_eval_parser(commands)
    _add_schema_parser(commands)
    _add_sweep_parser(commands)
    _add_conformance_commands(commands)
    for command in commands.choices.values():
        if "debug" not in {action.dest for action in command._actions}:  # noqa: SLF001 - argparse has no public listing
            _add_debug(command, default=argparse.SUPPRESS)
    return parser


def _add_report_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def _add_eval_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
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


def _add_schema_parser(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    schema = commands.add_parser(
        "schema",
        help="list the oracle operations or print one's JSON Schemas",
        description=(
            "Without OP, list the operations; with OP, print its request and answer schemas; "
            "'schema sweep' prints the JSON Schema of a scenario spec (what 'sweep' reads)."
        ),
    )
    schema.add_argument("operation", nargs="?", metavar="OP")


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
