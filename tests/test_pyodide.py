"""The same answers in Pyodide (CPython compiled to WebAssembly) as here (issue 21).

Pyodide is the runtime of JupyterLite notebooks and of pages that run Python in the
browser. Under Node, from the pinned npm packages and offline, the project's wheel and its
pure-Python dependencies are unpacked into Pyodide's site-packages; every conformance
vector and the programme report in every format must come out byte for byte as this
interpreter gives them, on Python 3.14 and 3.13.
"""

from __future__ import annotations

import concurrent.futures
import importlib.util
import io
import re
import sys
import tomllib

import pytest

from _pyodide import HERE, ROOT, RUNTIMES, dependency_wheels, missing, project_wheel, run

PROGRAM = HERE / "answers.py"


def _cpython_answers() -> bytes:
    spec = importlib.util.spec_from_file_location("_pyodide_answers", PROGRAM)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out = io.StringIO()
    for line in module.lines():
        out.write(line + "\n")
    return out.getvalue().encode()


@pytest.fixture(scope="module")
def pyodide_answers(tmp_path_factory):
    """Each runnable runtime's output and figures (the runtimes run side by side)."""
    runnable = [python for python in RUNTIMES if missing(python) is None]
    if not runnable:
        return {}
    folder = tmp_path_factory.mktemp("wheels")
    project = project_wheel(folder / "project")
    wheels = {p: [project, *dependency_wheels(folder / p, p)] for p in runnable}
    with concurrent.futures.ThreadPoolExecutor(len(runnable)) as pool:
        futures = {p: pool.submit(run, p, PROGRAM, wheels[p]) for p in runnable}
        return {p: future.result() for p, future in futures.items()}


@pytest.fixture(scope="module")
def cpython_answers():
    return _cpython_answers()


@pytest.mark.parametrize("python", list(RUNTIMES))
def test_every_vector_and_the_report_are_byte_identical(python, pyodide_answers, cpython_answers):
    reason = missing(python)
    if reason is not None:
        pytest.skip(reason)
    out, figures = pyodide_answers[python]
    assert figures["python"].startswith(python + ".")
    assert out.count(b"\n") == 184 + 4  # every vector, then text, markdown, json, html
    if out != cpython_answers:  # name the first line that differs, not a 600 kB diff
        for theirs, ours in zip(out.splitlines(), cpython_answers.splitlines(), strict=True):
            assert theirs.decode() == ours.decode()
    assert out == cpython_answers
    assert sys.version_info[:2] != tuple(map(int, python.split(".")))  # another Python


def test_the_classifiers_name_exactly_the_pythons_tested():
    """The suite's own Python and the Pyodide runtimes' (issue 21: supported = tested)."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    named = {
        found.group(1)
        for classifier in project["classifiers"]
        if (found := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", classifier))
    }
    assert named == {"3.11", *RUNTIMES}
    assert f"{sys.version_info[0]}.{sys.version_info[1]}" in named
