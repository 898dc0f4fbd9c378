"""The oracle in Pyodide (CPython compiled to WebAssembly, under Node) beside CPython here.

Two figures a browser or JupyterLite user sees (issue 21): the first answer after the
wheels are unpacked (importing the oracle and answering the first conformance vector, in
a fresh interpreter) and warm answers (all the conformance vectors again, best of
:data:`REPEAT` passes). Each runtime runs the same program; the requests are in its text,
so reading files is not part of any figure.

Pyodide runs twice: with the wheels as the package index has them (what ``%pip`` in
JupyterLite unpacks: Pyodide never writes bytecode, so every import compiles its module)
and with the bytecode of the runtime added to them at build time, as
``examples/browser/build.py`` ships them (``tests/pyodide/bytecode.py``). CPython runs in
a fresh process with its bytecode cached, as after ``pip install``. Each first answer is
the best of :data:`FRESH` fresh interpreters, because one figure on a shared machine
moves by tens of percent; the CPU seconds beside it (the Node process's, CPython's own)
are what an idle core would take, and move much less with the machine's load. Pyodide's
boot and unpack seconds are shown apart.

Pyodide needs Node and ``npm ci --prefix tests/pyodide``; the wheels are built and
downloaded as ``tests/test_pyodide.py`` does. It takes a minute or two, so ``run.py``
runs it only when named::

    .venv/bin/python benchmarks/run.py pyodide
"""

from __future__ import annotations

import json
import os
import pathlib
import subprocess
import sys
import tempfile

from run import Row

ROOT = pathlib.Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import _pyodide  # noqa: E402 - tests/ holds the shared Pyodide harness

DEFAULT = False
"""Not part of a plain ``run.py`` (Pyodide boots for several seconds, per Python)."""

PYTHON = "3.14"
"""The Pyodide runtime measured (the newest the metadata promises)."""

REPEAT = 5
"""Warm passes over every vector in one interpreter; the best is reported."""

FRESH = 3
"""Fresh interpreters per runtime; the best first answer is reported."""

PROGRAM = """
import json, time
try:
    from js import process  # Pyodide under Node: the CPU time of the Node process
except ImportError:
    cpu = time.process_time
else:
    def cpu():
        used = process.cpuUsage()
        return (used.user + used.system) / 1e6
start, started = time.perf_counter(), cpu()
from creative_city.oracle import evaluate_json
evaluate_json(REQUESTS[0])
first, first_cpu = time.perf_counter() - start, cpu() - started
start = time.perf_counter()
for request in REQUESTS:
    evaluate_json(request)
cold = time.perf_counter() - start
warm = float("inf")
for _ in range(REPEAT):
    start = time.perf_counter()
    for request in REQUESTS:
        evaluate_json(request)
    warm = min(warm, time.perf_counter() - start)
figures = {"first": first, "first_cpu": first_cpu, "cold": cold, "warm": warm}
print(json.dumps({**figures, "vectors": len(REQUESTS)}))
"""


def _program(folder: pathlib.Path) -> pathlib.Path:
    """Write the timing program, with every vector's request in its text, into *folder*."""
    vectors = ROOT / "src" / "creative_city" / "conformance" / "vectors" / "v1"
    requests = []
    for path in sorted(vectors.rglob("*.json")):
        vector = json.loads(path.read_text(encoding="utf-8"))
        request = {"operation": vector["operation"], "input": vector["input"]}
        requests.append(json.dumps(request, ensure_ascii=False))
    program = folder / "speed.py"
    text = f"REPEAT = {REPEAT}\nREQUESTS = {json.dumps(requests)}\n{PROGRAM}"
    program.write_text(text, encoding="utf-8")
    return program


def _best(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: min(run[key] for run in runs) for key in runs[0]}


def _cpython(program: pathlib.Path, cache: pathlib.Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    env["PYTHONPATH"] = str(ROOT / "src")
    runs = []
    for _ in range(1 + FRESH):  # the first run writes the bytecode cache, as an install does
        done = subprocess.run(
            [sys.executable, str(program)], capture_output=True, check=True, env=env
        )
        runs.append(json.loads(done.stdout))
    return _best(runs[1:])


def _pyodide_runs(
    program: pathlib.Path, wheels: list[pathlib.Path]
) -> tuple[dict[str, float], dict[str, float]]:
    """The best figures of :data:`FRESH` runs, and the best boot and unpack seconds."""
    figures, times = [], []
    for _ in range(FRESH):
        out, seconds = _pyodide.run(PYTHON, program, wheels)
        figures.append(json.loads(out))
        times.append({"boot": seconds["boot"], "unpack": seconds["unpack"]})
    return _best(figures), _best(times)


def _megabytes(wheels: list[pathlib.Path]) -> str:
    return f"{sum(wheel.stat().st_size for wheel in wheels) / 1e6:.1f} MB"


def run() -> list[Row]:
    """Return the Pyodide rows beside CPython's (see the module's docstring)."""
    reason = _pyodide.missing(PYTHON)
    if reason is not None:
        return [Row(f"Pyodide {PYTHON}", reason, "-", None)]
    with tempfile.TemporaryDirectory() as scratch:
        folder = pathlib.Path(scratch)
        program = _program(folder)
        plain = [
            _pyodide.project_wheel(folder / "project"),
            *_pyodide.dependency_wheels(folder / "deps", PYTHON),
        ]
        compiled = _pyodide.compiled_wheels(PYTHON, plain, folder / "compiled")
        ours, boot = _pyodide_runs(program, plain)
        fast, fast_boot = _pyodide_runs(program, compiled)
        theirs = _cpython(program, folder / "pycache")
        sizes = f"{_megabytes(plain)} / {_megabytes(compiled)}"
    count = ours["vectors"]
    warm_ratio = fast["warm"] / theirs["warm"]
    cpython = f"CPython {theirs['first']:.3f} s, {theirs['first_cpu']:.3f} s CPU"
    return [
        Row(
            f"Pyodide {PYTHON}: boot (Node, from node_modules)", f"{boot['boot']:.2f} s", "-", None
        ),
        Row(
            f"unpack {len(plain)} wheels: as published / with bytecode",
            f"{boot['unpack']:.2f} s / {fast_boot['unpack']:.2f} s ({sizes})",
            "-",
            None,
        ),
        Row(
            "first answer, wheels as published (%pip)",
            f"{ours['first']:.3f} s, {ours['first_cpu']:.3f} s CPU ({cpython})",
            "-",
            None,
        ),
        Row(
            "first answer, wheels with bytecode (the page)",
            f"{fast['first']:.3f} s, {fast['first_cpu']:.3f} s CPU ({cpython})",
            "<= 0.5 s",
            fast["first"] <= 0.5,  # the target
        ),
        Row(
            f"{count} vectors, first pass (with bytecode)",
            f"{fast['cold'] * 1e3:.0f} ms (CPython {theirs['cold'] * 1e3:.0f} ms)",
            "-",
            None,
        ),
        Row(
            f"{count} vectors, warm (best of {REPEAT})",
            f"{fast['warm'] * 1e3:.0f} ms (CPython {theirs['warm'] * 1e3:.0f} ms, "
            f"{warm_ratio:.1f}x)",
            "<= 2.5x CPython",
            warm_ratio <= 2.5,  # the target
        ),
    ]
