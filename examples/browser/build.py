# ruff: noqa: INP001 - a script run by path, not a package
"""Assemble a folder that serves the browser example: the page, Pyodide and the wheels.

Usage::

    python examples/browser/build.py OUTDIR [--pyodide DIR] [--wheels DIR] [--no-bytecode]

``--pyodide`` is the npm package ``pyodide``'s folder (by default the one the test suite
installs with ``npm ci --prefix tests/pyodide``). ``--wheels`` is a folder holding
creative_city's wheel and its dependencies' wheels; without it the project's wheel is built
from this checkout with pip and its dependencies are downloaded for Pyodide's Python (the
only step that needs the network; the page itself needs none).

Then, unless ``--no-bytecode``, that Pyodide (under Node) adds its own bytecode to every
wheel, as pip does at install (``tests/pyodide/bytecode.py``): Pyodide never writes
bytecode, so without it each page load compiles every module it imports again, and the
first answer takes about 1.5 times as long (0.63 s of CPU against 0.43 s in Pyodide
314). Then serve OUTDIR with ``python examples/browser/serve.py OUTDIR``.
"""

from __future__ import annotations

import argparse
import json
import pathlib
import shutil
import subprocess
import sys
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
ROOT = HERE.parent.parent
HARNESS = ROOT / "tests" / "pyodide"
"""Runs a program in Pyodide under Node (``run.mjs``), and the bytecode step."""
PAGE = ("index.html", "app.js")
"""The page's own files, copied next to the ``pyodide`` and ``wheels`` folders."""

PYODIDE = (
    "pyodide.js",
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
    "package.json",
)
"""The files of the npm package that loadPyodide fetches (or a module page imports)."""


def pyodide_python(pyodide: pathlib.Path) -> str:
    """Return the ``major.minor`` version of the Python that the Pyodide in *pyodide* runs."""
    lock = json.loads((pyodide / "pyodide-lock.json").read_text(encoding="utf-8"))
    return ".".join(lock["info"]["python"].split(".")[:2])


def fetch_wheels(folder: pathlib.Path, python: str) -> None:
    """Build the project's wheel into *folder* and download its dependencies for *python*."""
    run = [sys.executable, "-m", "pip", "-q"]
    with tempfile.TemporaryDirectory() as built:
        # Fixed arguments: this interpreter's pip, this checkout, folders we made.
        subprocess.run([*run, "wheel", "--no-deps", "-w", built, str(ROOT)], check=True)  # noqa: S603
        (project,) = pathlib.Path(built).glob("*.whl")
        subprocess.run(  # noqa: S603
            [
                *(*run, "download", "--only-binary=:all:", "--implementation", "py"),
                *("--platform", "any", "--python-version", python, "-d", str(folder)),
                str(project),
            ],
            check=True,
        )


def add_bytecode(folder: pathlib.Path, pyodide: pathlib.Path) -> None:
    """Add the bytecode of the Pyodide in *pyodide* to every wheel in *folder*, in place."""
    node = shutil.which("node")
    if node is None:
        message = "the bytecode step needs Node (apt-get install nodejs), or --no-bytecode"
        raise SystemExit(message)
    folder = folder.resolve()
    with tempfile.TemporaryDirectory() as scratch:
        compiled = pathlib.Path(scratch).resolve()
        wheels = sorted(folder.glob("*.whl"))
        # Fixed arguments: Node, this checkout's scripts, folders we made or were given.
        subprocess.run(  # noqa: S603
            [
                *(node, str(HARNESS / "run.mjs"), str(pyodide.resolve())),
                *(str(HARNESS / "bytecode.py"), "--mount", str(folder), "--mount", str(compiled)),
                *("--", str(compiled), *map(str, wheels)),
            ],
            check=True,
            capture_output=True,
        )
        for wheel in wheels:
            shutil.copyfile(compiled / wheel.name, wheel)


def build(
    out: pathlib.Path,
    pyodide: pathlib.Path,
    wheels: pathlib.Path | None,
    *,
    bytecode: bool = True,
) -> list[str]:
    """Fill *out* with the page, the Pyodide files and the wheels; return ``wheels.json``."""
    missing = [name for name in PYODIDE if not (pyodide / name).is_file()]
    if missing:
        message = f"{pyodide} is not the npm package pyodide: {', '.join(missing)} missing"
        raise SystemExit(message)
    out.mkdir(parents=True, exist_ok=True)
    for name in PAGE:
        shutil.copyfile(HERE / name, out / name)
    (out / "pyodide").mkdir(exist_ok=True)
    for name in PYODIDE:
        shutil.copyfile(pyodide / name, out / "pyodide" / name)
    target = out / "wheels"
    target.mkdir(exist_ok=True)
    if wheels is None:
        fetch_wheels(target, pyodide_python(pyodide))
    else:
        for wheel in wheels.glob("*.whl"):
            shutil.copyfile(wheel, target / wheel.name)
    if bytecode:
        add_bytecode(target, pyodide)
    listed = sorted(f"wheels/{wheel.name}" for wheel in target.glob("*.whl"))
    if not any(name.startswith("wheels/creative_city-") for name in listed):
        raise SystemExit(f"no creative_city wheel among {listed}")
    text = json.dumps(listed, indent=2) + "\n"
    (out / "wheels.json").write_text(text, encoding="utf-8")
    return listed


def main(argv: list[str] | None = None) -> int:
    """Parse the command line and assemble the folder."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=pathlib.Path, help="the folder to fill (made if missing)")
    parser.add_argument(
        "--pyodide",
        type=pathlib.Path,
        default=ROOT / "tests" / "pyodide" / "node_modules" / "pyodide",
        help="the npm package pyodide's folder (default: the test suite's)",
    )
    parser.add_argument(
        "--wheels", type=pathlib.Path, help="a folder of wheels (default: build and download)"
    )
    parser.add_argument(
        "--no-bytecode",
        dest="bytecode",
        action="store_false",
        help="ship the wheels as they are (each page load then compiles every module)",
    )
    args = parser.parse_args(argv)
    listed = build(args.out, args.pyodide, args.wheels, bytecode=args.bytecode)
    sys.stdout.write(f"{args.out}: the page, Pyodide and {len(listed)} wheels\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
