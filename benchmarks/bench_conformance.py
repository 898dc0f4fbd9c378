"""The conformance runner and the fuzzer against the library's own ``eval --batch -``.

* ``creative-city conformance`` over every shipped vector, wall time, against
  ``creative-city eval --batch FILE`` doing the same requests alone: the difference
  is the runner's start-up, the round trips and the judging.
* The same run in process: the runner's CPU time against the co-process's. This is
  the runner's own overhead the target is judged on: the wall-clock difference also
  holds the runner's interpreter start-up (a second process), and on a shared
  2-core machine the waits for a core of both processes.
* ``fuzz`` against the library: requests per second over all operations (generation,
  the reference in process, the co-process, comparison), and the CPU time of a
  request in the fuzzer and in the co-process; the documents alone (built from the
  same seeds, nothing sent) give the share of generation.

Measured on a 2-core machine shared with other work. Before the documents were built
from seeds (hypothesis drew every field), the fuzzer spent 2.8-4.1 ms of CPU a request,
2-3 ms of it generating, and sent 157-247 requests/s at a load of 0.4-4 (53-85 at a
load of 14-19). Since: 0.8-1.1 ms a request, 0.09-0.11 ms of it building the
document, and 359-571 requests/s at a load of 2-4; the co-process spends 0.8-1.3 ms
a request either way, so the two now cost about the same.
"""

from __future__ import annotations

import json
import os
import pathlib
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

from creative_city.conformance.cases import Seeded, draw_input
from creative_city.conformance.fuzzer import fuzz
from creative_city.conformance.runner import check
from creative_city.conformance.vectors import load_vectors
from run import Row

_SCRIPT = shutil.which("creative-city", path=str(pathlib.Path(sys.executable).parent))
CLI = [_SCRIPT] if _SCRIPT else [sys.executable, "-m", "creative_city"]
ROUNDS = 5


def _walls(commands: dict[str, list[str]], env: dict[str, str]) -> dict[str, tuple[float, float]]:
    # One warm-up each, then ROUNDS rounds in shuffled order: best and median.
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


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def _in_process(env: dict[str, str]) -> tuple[float, float]:
    # The runner's CPU seconds and the co-process's, for one run of every vector.
    os.environ.update(env)
    mine, theirs = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    report = check([*CLI, "eval", "--batch", "-"])
    assert report.ok
    return _cpu(resource.RUSAGE_SELF) - mine, _cpu(resource.RUSAGE_CHILDREN) - theirs


def _fuzz() -> tuple[int, int, float, float, float, float]:
    # Operations, requests, wall seconds, and the CPU seconds of the fuzzer, of its
    # co-process and of building as many documents from seeds (nothing sent).
    mine, theirs = _cpu(resource.RUSAGE_SELF), _cpu(resource.RUSAGE_CHILDREN)
    report = fuzz([*CLI, "eval", "--batch", "-"], examples=100, seed=1)
    assert report.ok
    mine, theirs = _cpu(resource.RUSAGE_SELF) - mine, _cpu(resource.RUSAGE_CHILDREN) - theirs
    seeds = random.Random(1)
    start = time.process_time()
    for result in report.results:
        for _ in range(result.requests):
            draw_input(result.operation, Seeded(random.Random(seeds.getrandbits(64))))
    generation = time.process_time() - start
    return len(report.results), report.requests, report.seconds, mine, theirs, generation


def run() -> list[Row]:
    vectors = load_vectors()
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(pathlib.Path(folder) / "pycache")
        lines = pathlib.Path(folder) / "all.jsonl"
        lines.write_text("".join(json.dumps(v.request()) + "\n" for v in vectors))
        against = " ".join([*CLI, "eval", "--batch", "-"])
        walls = _walls(
            {
                "batch": [*CLI, "eval", "--batch", str(lines)],
                "conformance": [*CLI, "conformance", "--against", against],
            },
            env,
        )
        runner_cpu, coprocess_cpu = _in_process(env)
    batch, conformance = walls["batch"], walls["conformance"]
    overhead = (conformance[0] - batch[0]) / batch[0]
    operations, requests, seconds, fuzzer_cpu, coprocess_cpu, generation = _fuzz()
    rate = requests / seconds
    load = os.getloadavg()[0]
    return [
        Row(
            f"creative-city conformance, all {len(vectors)} vectors, against eval --batch -",
            f"{conformance[0] * 1e3:.0f} ms (median {conformance[1] * 1e3:.0f} ms)",
            "<= 1 s",
            conformance[0] <= 1,
        ),
        Row(
            "  the same requests alone: creative-city eval --batch FILE",
            f"{batch[0] * 1e3:.0f} ms (median {batch[1] * 1e3:.0f} ms)",
            "-",
            None,
        ),
        Row(
            "  wall (conformance - batch) / batch: also the runner's own start-up",
            f"{overhead:.0%}",
            "-",
            None,
        ),
        Row(
            "  runner overhead: runner CPU / co-process CPU (in process)",
            f"{runner_cpu * 1e3:.0f} ms / {coprocess_cpu * 1e3:.0f} ms "
            f"({runner_cpu / coprocess_cpu:.0%})",
            "<= 20%",
            runner_cpu <= 0.2 * coprocess_cpu,
        ),
        Row(
            f"fuzz against eval --batch -, {operations} operations x 100 (load {load:.1f})",
            f"{rate:.0f} requests/s ({requests} in {seconds:.1f} s)",
            ">= 300 requests/s",
            rate >= 300,
        ),
        Row(
            "  CPU a request: fuzzer / co-process",
            f"{fuzzer_cpu / requests * 1e3:.2f} ms / {coprocess_cpu / requests * 1e3:.2f} ms",
            "-",
            None,
        ),
        Row(
            "  of the fuzzer's: building the documents from seeds",
            f"{generation / requests * 1e3:.2f} ms",
            "-",
            None,
        ),
    ]
