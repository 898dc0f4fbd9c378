"""Pyodide under Node for the tests and the benchmark: the runtimes, the wheels, one run.

The npm package ``pyodide`` is pinned in ``tests/pyodide/package-lock.json`` (install it
with ``npm ci --prefix tests/pyodide``; ``.ci/run`` does). The wheels are the project's,
built from this tree, and the pure-Python dependencies at the versions this interpreter
has installed, downloaded for the runtime's Python: both sides then run the same code.
"""

from __future__ import annotations

import importlib.metadata
import json
import pathlib
import shutil
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent / "pyodide"
ROOT = HERE.parent.parent

RUNTIMES = {"3.14": "pyodide", "3.13": "pyodide-313", "3.12": "pyodide-312"}
"""Python version -> the npm package (an alias in package.json) that provides it."""

DEPENDENCIES = ("attrs", "cattrs", "python-dateutil", "six", "tzdata", "typing-extensions")
"""The base install's pure-Python wheels, and what they need on Python 3.13 and 3.14."""

EXTRAS = ("babel", "hypothesis", "sortedcontainers")
"""The extras the tests in Pyodide use: Babel for the report in Russian (at this
interpreter's version, as the base, since its CLDR data makes the words and numbers), and
hypothesis with sortedcontainers for the docs' property examples. hypothesis is the newest
pure-Python release for the runtime's Python: its later releases ship compiled wheels
only, and an example only needs it to find no counterexample."""

UNPINNED = frozenset({"hypothesis"})
"""Of :data:`EXTRAS`, those downloaded at their newest pure-Python release."""

HOW = "install Node and npm (apt-get install -y nodejs npm), then npm ci --prefix tests/pyodide"


def missing(python: str) -> str | None:
    """Return why the runtime for *python* cannot run here, or ``None`` if it can."""
    if shutil.which("node") is None:
        return f"node is not installed: {HOW}"
    package = HERE / "node_modules" / RUNTIMES[python] / "pyodide.mjs"
    if not package.exists():
        return f"the npm package for Python {python} is not installed: {HOW}"
    return None


def project_wheel(folder: pathlib.Path) -> pathlib.Path:
    """Build the project's wheel into *folder* (hatchling, with the compiled catalogues)."""
    from hatchling.builders.wheel import WheelBuilder  # noqa: PLC0415 - a test-only tool

    (wheel,) = WheelBuilder(str(ROOT)).build(directory=str(folder), versions=["standard"])
    return pathlib.Path(wheel)


def _installed(name: str) -> str | None:
    # six is needed only by python-dateutil before 4.0; a venv without it needs none.
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None


def dependency_wheels(
    folder: pathlib.Path, python: str, names: tuple[str, ...] = DEPENDENCIES
) -> list[pathlib.Path]:
    """Download the wheels of *names* for *python* into *folder* (kept between calls).

    Each is pinned to the version this interpreter has (a name it lacks is left out),
    except those in :data:`UNPINNED`.
    """
    folder.mkdir(parents=True, exist_ok=True)
    pins = [
        name if name in UNPINNED else f"{name}=={version}"
        for name in names
        if (version := _installed(name))
    ]
    if len(list(folder.glob("*.whl"))) < len(pins):
        subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "-q", "--no-deps"),
                *("--only-binary=:all:", "--implementation", "py", "--platform", "any"),
                *("--python-version", python, "-d", str(folder), *pins),
            ],
            check=True,
            capture_output=True,
        )
    return sorted(folder.glob("*.whl"))


def run(
    python: str,
    program: pathlib.Path,
    wheels: list[pathlib.Path],
    *,
    mounts: tuple[pathlib.Path, ...] = (),
    args: tuple[str, ...] = (),
) -> tuple[bytes, dict]:
    """Run *program* in Pyodide for *python* with *wheels* unpacked.

    Each of *mounts* (a folder of this machine) is mounted at the same path inside
    Pyodide, and the program sees ``sys.argv[1:] == args``.

    Returns:
        The program's standard output, and the runtime's own figures (its Python
        version, the seconds spent booting and unpacking).
    """
    node = shutil.which("node")
    if node is None:
        raise RuntimeError(HOW)
    folders = [part for folder in mounts for part in ("--mount", str(folder))]
    done = subprocess.run(
        [
            *(node, str(HERE / "run.mjs"), RUNTIMES[python], str(program)),
            *(*folders, *map(str, wheels), "--", *args),
        ],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        message = f"Pyodide {python} failed: {done.stderr.decode(errors='replace')[-30000:]}"
        raise RuntimeError(message)
    return done.stdout, json.loads(done.stderr.splitlines()[0])


def compiled_wheels(
    python: str, wheels: list[pathlib.Path], folder: pathlib.Path
) -> list[pathlib.Path]:
    """Return *wheels* with the bytecode of Pyodide for *python* added, written to *folder*.

    ``tests/pyodide/bytecode.py`` runs in that Pyodide and compiles every module (see its
    docstring): a page that unpacks these wheels imports without compiling.
    """
    folder.mkdir(parents=True, exist_ok=True)
    sources = sorted({wheel.resolve().parent for wheel in wheels})
    out, _ = run(
        python,
        HERE / "bytecode.py",
        [],
        mounts=(*sources, folder.resolve()),
        args=(str(folder.resolve()), *(str(wheel.resolve()) for wheel in wheels)),
    )
    return [pathlib.Path(line) for line in out.decode().splitlines()]
