"""The ``creative-city`` command line (also ``python -m creative_city``).

This is the only module that does I/O. Exit codes: 0 success, 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from creative_city._version import __version__

__all__ = ["build_parser", "main"]


def build_parser() -> argparse.ArgumentParser:
    """Return the argument parser of the ``creative-city`` command."""
    parser = argparse.ArgumentParser(
        prog="creative-city",
        description=(
            "Exact domain code for a city's creative-economy programme "
            "(Almaty, Zakon.kz, 12 September 2022)."
        ),
    )
    parser.add_argument("--version", action="version", version=f"creative-city {__version__}")
    parser.add_subparsers(dest="command", metavar="COMMAND")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stdout)
        return 0
    return 0  # pragma: no cover - every subcommand returns from its own handler
