"""Run the examples of the documentation pages as the test suite does; one JSON line a page.

Usage, in Pyodide (``node run.mjs PACKAGE docs_examples.py --mount ROOT WHEEL... -- ROOT``)::

    docs_examples.py ROOT

The pages are those pytest collects as doctests under the configuration of ROOT's
``pyproject.toml`` (``README.md`` and every ``docs/**/*.md``, less the ``collect_ignore``
of ``docs/conftest.py``, which this program runs as pytest would), with the same option
flags, warnings as errors, the root ``conftest.py`` run first (its hypothesis profiles),
and, as pytest, each page stops at its first failing example. A page's line gives its
examples, how many passed, and the first failure: the example's line and source, and
what doctest reported (for an exception, its last line). A page left out by a
``collect_ignore`` has a line saying so, first.
"""

from __future__ import annotations

import doctest
import fnmatch
import io
import json
import pathlib
import sys
import tomllib
import traceback
import warnings


class _Stop(Exception):  # noqa: N818 - a signal, not an error
    """Raised by the runner at a page's first failing example (pytest's default)."""


class _Runner(doctest.DocTestRunner):
    """Record the first failure of a page, then stop it."""

    failure: dict[str, object] | None = None
    started = 0

    # The signatures are doctest's; only the example is needed here.
    def report_start(self, out, test, example):  # noqa: ARG002
        self.started += 1

    def report_failure(self, out, test, example, got):  # noqa: ARG002
        self.failure = {"line": example.lineno + 1, "source": example.source, "got": got}
        raise _Stop

    def report_unexpected_exception(self, out, test, example, exc_info):  # noqa: ARG002
        last = traceback.format_exception_only(exc_info[0], exc_info[1])[-1].strip()
        self.failure = {"line": example.lineno + 1, "source": example.source, "exception": last}
        raise _Stop


def _run_file(path: pathlib.Path) -> dict[str, object]:
    """Return the source of the Python file at *path*'s namespace after running it."""
    namespace: dict[str, object] = {"__file__": str(path), "__name__": path.stem}
    exec(compile(path.read_text(encoding="utf-8"), str(path), "exec"), namespace)  # noqa: S102
    return namespace


NORECURSEDIRS = ("*.egg", ".*", "_darcs", "build", "CVS", "dist", "node_modules", "venv", "{arch}")
"""pytest's default ``norecursedirs``: folders it never collects from."""


def pages(root: pathlib.Path) -> tuple[list[pathlib.Path], list[pathlib.Path]]:
    """The pages pytest collects as doctests under *root*'s configuration, and those a
    ``conftest.py``'s ``collect_ignore`` leaves out here."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    options = config["tool"]["pytest"]["ini_options"]
    globs = [o.split("=", 1)[1] for o in options["addopts"] if o.startswith("--doctest-glob=")]
    skip = options.get("norecursedirs", NORECURSEDIRS)
    found: list[pathlib.Path] = []
    left_out: list[pathlib.Path] = []
    for entry in options["testpaths"]:
        top = root / entry
        candidates = [top] if top.is_file() else sorted(top.rglob("*"))
        matching = [
            path
            for path in candidates
            if path.is_file()
            and any(path.match(glob) for glob in globs)
            and not any(
                fnmatch.fnmatch(part, pattern)
                for part in path.relative_to(root).parts[:-1]
                for pattern in skip
            )
        ]
        if matching and (top / "conftest.py").is_file():
            names = _run_file(top / "conftest.py").get("collect_ignore", [])
            ignored = {top / name for name in names}  # type: ignore[attr-defined]
            left_out.extend(path for path in matching if path in ignored)
            matching = [path for path in matching if path not in ignored]
        found.extend(matching)
    return found, left_out


def flags(root: pathlib.Path) -> int:
    """The doctest option flags of *root*'s pytest configuration."""
    config = tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))
    names = config["tool"]["pytest"]["ini_options"]["doctest_optionflags"]
    value = 0
    for name in names:
        value |= doctest.OPTIONFLAGS_BY_NAME[name]
    return value


def run_page(root: pathlib.Path, path: pathlib.Path, optionflags: int) -> dict[str, object]:
    """Run one page's examples; return its line (see the module's docstring)."""
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(root).as_posix()
    test = doctest.DocTestParser().get_doctest(text, {"__name__": "__main__"}, name, name, 0)
    runner = _Runner(optionflags=optionflags)
    line: dict[str, object] = {"page": name, "examples": len(test.examples)}
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # pytest's filterwarnings = ["error"]
        try:
            runner.run(test, out=io.StringIO().write)
        except _Stop:
            line["failure"] = runner.failure
    line["passed"] = runner.started - (1 if runner.failure else 0)
    return line


def main(root: pathlib.Path) -> None:
    """Print one JSON line for each page (see the module's docstring)."""
    _run_file(root / "conftest.py")
    optionflags = flags(root)
    found, left_out = pages(root)
    for path in left_out:
        line = {"page": path.relative_to(root).as_posix(), "left out": "collect_ignore"}
        sys.stdout.write(json.dumps(line, sort_keys=True) + "\n")
    for path in found:
        sys.stdout.write(json.dumps(run_page(root, path, optionflags), sort_keys=True) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main(pathlib.Path(sys.argv[1]))
