"""Run the benchmarks and print one table.

Usage::

    .venv/bin/python benchmarks/run.py            # every benchmark module
    .venv/bin/python benchmarks/run.py money hubs # only those
    .venv/bin/python benchmarks/run.py startup    # a slow suite, run only when named

Each ``benchmarks/bench_<name>.py`` module exposes ``run() -> list[Row]``. A row names
the measurement, the figure, the target and whether the target is met. Timings are
best-of-N wall-clock seconds on the machine at hand; they are figures to report, never
assertions in the test suite.
"""

from __future__ import annotations

import importlib
import pathlib
import sys
import time
from collections.abc import Callable
from typing import NamedTuple

HERE = pathlib.Path(__file__).parent


class Row(NamedTuple):
    """One line of the benchmark table."""

    name: str
    figure: str
    target: str
    ok: bool | None


def best_of(function: Callable[[], object], repeat: int = 3) -> float:
    """Return the best wall-clock time of *repeat* calls of *function*, in seconds.

    The clock stops when *function* returns, before its result is freed: a caller
    keeps what it computed, so tearing down a large result is not part of the figure.
    """
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - start
        del result
        best = min(best, elapsed)
    return best


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE))
    names = argv or sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    rows: list[tuple[str, Row]] = []
    for name in names:
        module = importlib.import_module(f"bench_{name}")
        if not argv and not getattr(module, "DEFAULT", True):
            continue  # a slow suite that runs only when named
        rows.extend((name, row) for row in module.run())
    widths = [
        max(len("suite"), *(len(s) for s, _ in rows)),
        max(len("measurement"), *(len(r.name) for _, r in rows)),
        max(len("figure"), *(len(r.figure) for _, r in rows)),
        max(len("target"), *(len(r.target) for _, r in rows)),
    ]
    header = ("suite", "measurement", "figure", "target", "met")
    print(" | ".join(h.ljust(w) for h, w in zip(header, [*widths, 3], strict=True)))
    print("-+-".join("-" * w for w in [*widths, 3]))
    for suite, row in rows:
        met = "-" if row.ok is None else ("yes" if row.ok else "NO")
        cells = (suite, row.name, row.figure, row.target, met)
        print(" | ".join(c.ljust(w) for c, w in zip(cells, [*widths, 3], strict=True)))
    return 0 if all(r.ok is not False for _, r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
