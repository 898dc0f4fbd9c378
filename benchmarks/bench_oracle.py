"""The command line: `creative-city report` and `creative-city eval` wall time,
including interpreter start (subprocesses).

The subprocesses run the way an installed copy runs for a user: with bytecode caches.
The development environment may set ``PYTHONDONTWRITEBYTECODE`` (and the package is an
editable install), which would recompile every module of ours from source on every
run; so the children get an environment without it and with ``PYTHONPYCACHEPREFIX``
pointing to a temporary directory, and each command runs once to warm the cache
before it is timed. Commands run as ``creative-city`` (the installed script) when it
is next to the interpreter, else as ``python -m creative_city``.

The machine may be noisy: the commands run in :data:`ROUNDS` interleaved rounds, and
each figure is the best of them (the command's cost when the machine is not busy
elsewhere), with the median next to it.
"""

from __future__ import annotations

import json
import os
import pathlib
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from run import Row

ROOT = pathlib.Path(__file__).resolve().parent.parent
# The installed command when there is one (what users run), else ``python -m``.
_SCRIPT = shutil.which("creative-city", path=str(pathlib.Path(sys.executable).parent))
CLI = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "creative_city"]
ROUNDS = 9


def _walls(commands: dict[str, list[str]], env: dict[str, str]) -> dict[str, tuple[float, float]]:
    """Return the best and the median wall time of each command.

    Each command runs once to warm up; then :data:`ROUNDS` rounds run every command once,
    in a different shuffled order each round, so a slow phase of the machine falls on
    all commands alike rather than on whichever ran during it.
    """
    for args in commands.values():
        subprocess.run(args, capture_output=True, check=False, env=env)
    times: dict[str, list[float]] = {name: [] for name in commands}
    order = list(commands)
    for round_ in range(ROUNDS):
        random.Random(round_).shuffle(order)
        for name in order:
            start = time.perf_counter()
            subprocess.run(commands[name], capture_output=True, check=False, env=env)
            times[name].append(time.perf_counter() - start)
    return {name: (min(t), statistics.median(t)) for name, t in times.items()}


def _ms(timing: tuple[float, float]) -> str:
    best, median = timing
    return f"{best * 1e3:.0f} ms (median {median * 1e3:.0f} ms)"


def _requests() -> dict[str, dict[str, object]]:
    """Return one request per operation: the largest input among its vectors."""
    chosen: dict[str, pathlib.Path] = {}
    for path in sorted((ROOT / "src/creative_city/conformance/vectors").glob("v*/**/*.json")):
        vector = json.loads(path.read_text())
        current = chosen.get(vector["operation"])
        if current is None or path.stat().st_size > current.stat().st_size:
            chosen[vector["operation"]] = path
    requests = {}
    for operation, path in sorted(chosen.items()):
        vector = json.loads(path.read_text())
        requests[operation] = {"operation": operation, "input": vector["input"]}
    return requests


def _all_requests() -> list[dict[str, object]]:
    """Return the request of every conformance vector, in path order."""
    requests = []
    for path in sorted((ROOT / "src/creative_city/conformance/vectors").glob("v*/**/*.json")):
        vector = json.loads(path.read_text())
        requests.append({"operation": vector["operation"], "input": vector["input"]})
    return requests


def run() -> list[Row]:
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(pathlib.Path(folder) / "pycache")
        lines = pathlib.Path(folder) / "all.jsonl"
        lines.write_text("".join(json.dumps(request) + "\n" for request in _all_requests()))
        commands = {
            "bare": [sys.executable, "-c", "pass"],
            "floor": [sys.executable, "-c", "import attrs, cattrs, dateutil.tz, dateutil.rrule"],
            "report": [*CLI, "report", "--as-of", "2026-11-27"],
            "batch": [*CLI, "eval", "--batch", str(lines)],
        }
        for operation, document in _requests().items():
            request = pathlib.Path(folder) / f"{operation}.json"
            request.write_text(json.dumps(document))
            commands[f"eval {operation}"] = [*CLI, "eval", str(request)]
        walls = _walls(commands, env)
    bare, floor, report, batch = (walls.pop(name) for name in ("bare", "floor", "report", "batch"))
    timings = {name.removeprefix("eval "): timing for name, timing in walls.items()}
    best = {name: t[0] for name, t in timings.items()}
    slowest = max(best, key=best.__getitem__)
    rows = [
        Row(
            "creative-city report (built-in data)",
            _ms(report),
            "<= 1 s",
            report[0] <= 1,
        ),
        Row(
            f"creative-city eval, one vector per operation ({len(timings)} operations)",
            f"median {statistics.median(best.values()) * 1e3:.0f} ms, "
            f"max {best[slowest] * 1e3:.0f} ms ({slowest})",
            "<= 200 ms each",
            best[slowest] <= 0.2,
        ),
        Row(
            f"creative-city eval --batch, all {len(_all_requests())} vectors in one process",
            f"{_ms(batch)}: {batch[0] / len(_all_requests()) * 1e3:.1f} ms per vector",
            "-",
            None,
        ),
        Row(
            "python -c 'import attrs, cattrs, dateutil.tz, dateutil.rrule' (the floor)",
            _ms(floor),
            "-",
            None,
        ),
        Row("python -c pass (interpreter start)", _ms(bare), "-", None),
    ]
    rows += [
        Row(f"  eval {name}", _ms(t), "<= 200 ms", t[0] <= 0.2)
        for name, t in sorted(timings.items())
    ]
    return rows
