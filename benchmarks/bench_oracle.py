"""The command line: `creative-city report` and `creative-city eval` wall time,
including interpreter start (subprocesses, best of three)."""

from __future__ import annotations

import json
import pathlib
import statistics
import subprocess
import sys
import tempfile
import time

from run import Row

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLI = [sys.executable, "-m", "creative_city"]


def _wall(args: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run(args, capture_output=True, check=False)
        best = min(best, time.perf_counter() - start)
    return best


def run() -> list[Row]:
    report = _wall([*CLI, "report", "--as-of", "2026-11-27"])
    vectors = sorted((ROOT / "conformance").glob("v*/**/*.json"))
    per_operation: dict[str, pathlib.Path] = {}
    for path in vectors:  # the largest input of each operation
        vector = json.loads(path.read_text())
        current = per_operation.get(vector["operation"])
        if current is None or path.stat().st_size > current.stat().st_size:
            per_operation[vector["operation"]] = path
    timings: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for operation, path in sorted(per_operation.items()):
            vector = json.loads(path.read_text())
            request = pathlib.Path(folder) / "request.json"
            request.write_text(json.dumps({"operation": operation, "input": vector["input"]}))
            timings[operation] = _wall([*CLI, "eval", str(request)])
    slowest = max(timings, key=timings.__getitem__)
    baseline = _wall([sys.executable, "-c", "import attrs, cattrs, dateutil.tz, dateutil.rrule"])
    rows = [
        Row(
            "creative-city report (built-in data)", f"{report * 1e3:.0f} ms", "<= 1 s", report <= 1
        ),
        Row(
            f"creative-city eval, one vector per operation ({len(timings)} operations)",
            f"median {statistics.median(timings.values()) * 1e3:.0f} ms, "
            f"max {timings[slowest] * 1e3:.0f} ms ({slowest})",
            "<= 200 ms each",
            timings[slowest] <= 0.2,
        ),
        Row(
            "python -c 'import attrs, cattrs, dateutil' (the floor)",
            f"{baseline * 1e3:.0f} ms",
            "-",
            None,
        ),
    ]
    rows += [
        Row(f"  eval {name}", f"{t * 1e3:.0f} ms", "<= 200 ms", t <= 0.2)
        for name, t in sorted(timings.items())
    ]
    return rows
