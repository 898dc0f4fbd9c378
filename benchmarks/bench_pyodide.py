"""The oracle in Pyodide (CPython compiled to WebAssembly, under Node) beside CPython here.

Two figures a browser or JupyterLite user sees (issue 21): the first answer after the
wheels are unpacked (importing the oracle and answering one vector, from a fresh
interpreter) and warm answers (all the conformance vectors again, best of
:data:`REPEAT`). CPython's side runs the same program in a fresh process with bytecode
cached, as after ``pip install``; Pyodide's boot and unpack seconds are shown apart.
Pyodide needs Node and ``npm ci --prefix tests/pyodide``; the wheels are built and
downloaded as ``tests/test_pyodide.py`` does. It takes about a minute, so ``run.py``
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

PROGRAM = (
    f"REPEAT = {REPEAT}\n"
    """
import importlib.resources, json, time
start = time.perf_counter()
from creative_city.oracle import evaluate_json
folder = importlib.resources.files("creative_city.conformance") / "vectors" / "v1"
requests = []
for part in sorted(folder.iterdir(), key=lambda e: e.name):
    for entry in sorted(part.iterdir(), key=lambda e: e.name):
        vector = json.loads(entry.read_text(encoding="utf-8"))
        request = {"operation": vector["operation"], "input": vector["input"]}
        requests.append(json.dumps(request, ensure_ascii=False))
evaluate_json(requests[0])
first = time.perf_counter() - start
start = time.perf_counter()
for request in requests:
    evaluate_json(request)
cold = time.perf_counter() - start
warm = float("inf")
for _ in range(REPEAT):
    start = time.perf_counter()
    for request in requests:
        evaluate_json(request)
    warm = min(warm, time.perf_counter() - start)
print(json.dumps({"first": first, "cold": cold, "warm": warm, "vectors": len(requests)}))
"""
)


def _cpython(program: pathlib.Path, cache: pathlib.Path) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = str(cache)
    env["PYTHONPATH"] = str(ROOT / "src")
    figures: dict[str, float] = {}
    for _ in range(2):  # the first run writes the bytecode cache, as an install does
        done = subprocess.run(
            [sys.executable, str(program)], capture_output=True, check=True, env=env
        )
        figures = json.loads(done.stdout)
    return figures


def run() -> list[Row]:
    """Return the Pyodide rows beside CPython's (see the module's docstring)."""
    reason = _pyodide.missing(PYTHON)
    if reason is not None:
        return [Row(f"Pyodide {PYTHON}", reason, "-", None)]
    with tempfile.TemporaryDirectory() as scratch:
        folder = pathlib.Path(scratch)
        program = folder / "speed.py"
        program.write_text(PROGRAM, encoding="utf-8")
        wheels = [
            _pyodide.project_wheel(folder / "project"),
            *_pyodide.dependency_wheels(folder / "deps", PYTHON),
        ]
        out, boot = _pyodide.run(PYTHON, program, wheels)
        ours = json.loads(out)
        theirs = _cpython(program, folder / "pycache")
    count = ours["vectors"]
    warm_ratio = ours["warm"] / theirs["warm"]
    return [
        Row(
            f"Pyodide {PYTHON}: boot (Node, from node_modules)", f"{boot['boot']:.2f} s", "-", None
        ),
        Row(f"Pyodide {PYTHON}: unpack {len(wheels)} wheels", f"{boot['unpack']:.2f} s", "-", None),
        Row(
            "first answer after unpacking (import + 1 vector)",
            f"{ours['first']:.3f} s (CPython {theirs['first']:.3f} s)",
            "<= 0.5 s",
            ours["first"] <= 0.5,  # the target
        ),
        Row(
            f"{count} vectors, first pass",
            f"{ours['cold'] * 1e3:.0f} ms (CPython {theirs['cold'] * 1e3:.0f} ms)",
            "-",
            None,
        ),
        Row(
            f"{count} vectors, warm (best of {REPEAT})",
            f"{ours['warm'] * 1e3:.0f} ms (CPython {theirs['warm'] * 1e3:.0f} ms, "
            f"{warm_ratio:.1f}x)",
            "<= 2.5x CPython",
            warm_ratio <= 2.5,  # the target
        ),
    ]
