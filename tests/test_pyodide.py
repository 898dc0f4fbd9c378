"""The same answers in Pyodide (CPython compiled to WebAssembly) as here (issue 21).

Pyodide is the runtime of JupyterLite notebooks and of pages that run Python in the
browser. Under Node, from the pinned npm packages and offline, the project's wheel and its
pure-Python dependencies (and Babel, hypothesis) are unpacked into Pyodide; every
conformance vector and the programme report in every format, in English and in Russian,
must come out byte for byte as this interpreter gives them, and every example of the
documentation that the suite runs as a doctest must pass as it does here, on each Python
of :data:`RUNTIMES`.
"""

from __future__ import annotations

import concurrent.futures
import importlib.util
import io
import json
import re
import sys
import tomllib

import pytest

from _pyodide import (
    EXTRAS,
    HERE,
    ROOT,
    RUNTIMES,
    dependency_wheels,
    missing,
    project_wheel,
    run,
)

PROGRAM = HERE / "answers.py"
DOCTESTS = HERE / "docs_examples.py"


def _load(path):
    spec = importlib.util.spec_from_file_location(f"_pyodide_{path.stem}", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


docs_examples = _load(DOCTESTS)

PLATFORM_LIMITS = {
    "no processes in WebAssembly (subprocess says so)": "emscripten does not support processes",
    "pandas is compiled: Pyodide's own build comes from its CDN, not from a registry": (
        "No module named 'pandas'"
    ),
}
"""What stops a page's examples in Pyodide here, by the words of its error: nothing else
may (the page's later examples are not run, as pytest stops a page at its first failure)."""


def _cpython_answers() -> bytes:
    out = io.StringIO()
    for line in _load(PROGRAM).lines():
        out.write(line + "\n")
    return out.getvalue().encode()


@pytest.fixture(scope="module")
def pyodide_runs(tmp_path_factory):
    """Each runnable runtime's answers and doctest pages, with its figures.

    Both programs of every runtime run side by side (one Node process each).
    """
    runnable = [python for python in RUNTIMES if missing(python) is None]
    if not runnable:
        return {}
    folder = tmp_path_factory.mktemp("wheels")
    project = project_wheel(folder / "project")
    wheels = {
        p: [
            project,
            *dependency_wheels(folder / p, p),
            *dependency_wheels(folder / f"{p}-extras", p, EXTRAS),
        ]
        for p in runnable
    }
    with concurrent.futures.ThreadPoolExecutor(2 * len(runnable)) as pool:
        answers = {p: pool.submit(run, p, PROGRAM, wheels[p]) for p in runnable}
        pages = {
            p: pool.submit(run, p, DOCTESTS, wheels[p], mounts=(ROOT,), args=(str(ROOT),))
            for p in runnable
        }
        return {p: (answers[p].result(), pages[p].result()) for p in runnable}


@pytest.fixture(scope="module")
def cpython_answers():
    return _cpython_answers()


@pytest.mark.parametrize("python", list(RUNTIMES))
def test_every_vector_and_the_report_are_byte_identical(python, pyodide_runs, cpython_answers):
    reason = missing(python)
    if reason is not None:
        pytest.skip(reason)
    (out, figures), _ = pyodide_runs[python]
    assert figures["python"].startswith(python + ".")
    # Every vector, then text, markdown, json and html in English, then in Russian.
    assert out.count(b"\n") == 184 + 4 + 4
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


@pytest.mark.parametrize("python", list(RUNTIMES))
def test_the_docs_examples_pass(python, pyodide_runs):
    """Every page the suite runs as a doctest here passes in Pyodide, example by example."""
    reason = missing(python)
    if reason is not None:
        pytest.skip(reason)
    _, (out, _) = pyodide_runs[python]
    lines = [json.loads(line) for line in out.splitlines()]
    found, left_out = docs_examples.pages(ROOT)
    assert {line["page"] for line in lines} == {
        path.relative_to(ROOT).as_posix() for path in (*found, *left_out)
    }
    for line in lines:
        if "left out" in line:
            continue
        failure = line.get("failure")
        if failure is None:
            assert line["passed"] == line["examples"], line
        else:
            assert any(words in failure["exception"] for words in PLATFORM_LIMITS.values()), line
