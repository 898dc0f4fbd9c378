"""Mutation testing of the rule modules: run mutmut for one module, a part, or all.

Usage::

    python tools/mutation.py                          # every module in [tool.mutmut]
    python tools/mutation.py funding.venture          # the venture part's modules
    python tools/mutation.py funding.venture.irr      # one module
    python tools/mutation.py --report                 # only print the table again

Modules are named by their dotted path under ``creative_city`` and must be listed in
``only_mutate`` of ``[tool.mutmut]`` in pyproject.toml (that list is the one place
that says which modules are mutated). The modules chosen are run by one ``mutmut
run`` (each run first lists the tests, runs the clean tests and a forced failure,
about a minute on the 2-core reference machine, so one run for all modules rather than
one per module), with ``HYPOTHESIS_PROFILE=mutation`` (conftest.py: derandomized, few
examples, no shrinking). mutmut keeps its results in ``mutants/``; ``--fresh``
deletes them first (a full run then starts by recording which tests reach which
function, once for all modules). The table's time per module is the sum of its
mutants' runs (core-minutes, as mutmut recorded them); the wall-clock time of the
whole run is printed under it.

The table printed at the end counts, per module, the mutants made, killed (a test
failed, or the run hit mutmut's time limit), surviving, and listed as equivalent in
docs/testing.md ("Equivalent mutants"); the score is killed / (made - equivalent).
Survivors not listed are printed below it, to be killed by a test or listed with the
reason they change nothing. ``--fail-under 90`` exits with 1 if a score is lower.

Requires the ``mutation`` extra: ``pip install -e '.[test,mutation]'``.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
from pathlib import Path
from typing import NamedTuple

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "testing.md"
PREFIX = "src/creative_city/"

KILLED = {1, 3, 24, 36, 152, 255, -24, -9}
"""mutmut's exit codes for a mutant caught: a test failed (1, 3), or the time or
memory limit stopped the run (SIGXCPU 24/-24/152/255, SIGKILL -9)."""
SURVIVED = {0}


class Row(NamedTuple):
    """One module's counts."""

    module: str
    made: int
    killed: int
    survived: int
    other: int
    equivalent: int
    seconds: float | None

    @property
    def score(self) -> float:
        """Killed / (made - equivalent), in percent."""
        base = self.made - self.equivalent
        return 100.0 * self.killed / base if base else 100.0


def configured_modules() -> list[str]:
    """The dotted modules listed in only_mutate, in their order."""
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    return [
        path.removeprefix(PREFIX).removesuffix(".py").replace("/", ".")
        for path in config["only_mutate"]
    ]


def select(names: list[str]) -> list[str]:
    """The configured modules named, or under the packages named (all when none)."""
    modules = configured_modules()
    if not names:
        return modules
    chosen = []
    for name in names:
        found = [m for m in modules if m == name or m.startswith(name + ".")]
        if not found:
            sys.exit(f"{name}: not in [tool.mutmut] only_mutate ({', '.join(modules)})")
        chosen += [m for m in found if m not in chosen]
    return chosen


def equivalents() -> dict[str, str]:
    """Mutants listed as equivalent in docs/testing.md, with the reason given.

    A row names one mutant (`creative_city.x.y.x_f__mutmut_3`) or several of one
    function (`creative_city.x.y.x_f__mutmut_` 3, 5, 8); the reason is the last cell.
    """
    listed: dict[str, str] = {}
    section = DOCS.read_text().partition("## Equivalent mutants")[2]
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) < 2:
            continue
        match = re.fullmatch(r"`(creative_city\.[^`\s]+__mutmut_)(\d*)`\s*([\d,\s]*)", cells[0])
        if not match:
            continue
        stem, single, numbers = match.groups()
        for number in [single] if single else re.findall(r"\d+", numbers):
            listed[stem + number] = cells[-1]
    return listed


def results(module: str) -> dict[str, int | None]:
    """The exit code mutmut recorded per mutant of *module* (None: not run yet)."""
    meta = ROOT / "mutants" / (PREFIX + module.replace(".", "/") + ".py.meta")
    if not meta.exists():
        return {}
    data: dict[str, dict[str, int | None]] = json.loads(meta.read_text())
    return data["exit_code_by_key"]


def run(modules: list[str], max_children: int) -> float:
    """Run mutmut on *modules*' mutants, in one run; return the wall-clock seconds."""
    mutmut = shutil.which("mutmut", path=str(Path(sys.executable).parent)) or "mutmut"
    env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation"}
    env.pop("PYTHONPATH", None)  # mutmut puts mutants/src first on the path itself
    start = time.perf_counter()
    patterns = [f"creative_city.{module}.*" for module in modules]
    command = [mutmut, "run", "--max-children", str(max_children), *patterns]
    subprocess.run(command, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def durations(module: str) -> float | None:
    """The seconds *module*'s mutants ran, summed (None when none has run)."""
    meta = ROOT / "mutants" / (PREFIX + module.replace(".", "/") + ".py.meta")
    if not meta.exists():
        return None
    data: dict[str, dict[str, float]] = json.loads(meta.read_text())
    return sum(data.get("durations_by_key", {}).values()) or None


def row(module: str, listed: dict[str, str], seconds: float | None) -> tuple[Row, list[str]]:
    """Count *module*'s results; also return its survivors not listed as equivalent."""
    codes = results(module)
    killed = sum(1 for c in codes.values() if c in KILLED)
    survivors = [k for k, c in codes.items() if c in SURVIVED]
    equivalent = [k for k in survivors if k in listed]
    other = len(codes) - killed - len(survivors)
    counts = Row(module, len(codes), killed, len(survivors), other, len(equivalent), seconds)
    return counts, sorted(set(survivors) - set(equivalent), key=_natural)


def _natural(name: str) -> tuple[str, int]:
    stem, _, number = name.rpartition("_")
    return stem, int(number) if number.isdigit() else 0


def main(argv: list[str]) -> int:
    """Run the command line; return its exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("modules", nargs="*", help="e.g. funding.venture or money.allocation")
    parser.add_argument("--max-children", type=int, default=2, help="parallel mutants (2)")
    parser.add_argument("--report", action="store_true", help="print the table, run nothing")
    parser.add_argument("--fresh", action="store_true", help="delete mutants/ first")
    parser.add_argument("--fail-under", type=float, help="exit 1 if a score is lower")
    args = parser.parse_args(argv)
    modules = select(args.modules)
    if args.fresh and not args.report:
        shutil.rmtree(ROOT / "mutants", ignore_errors=True)
    wall = None if args.report else run(modules, args.max_children)
    seconds = {module: durations(module) for module in modules}
    listed = equivalents()
    rows = []
    print("| module | made | killed | survived | equivalent | other | score | mutants ran |")
    print("|---|---|---|---|---|---|---|---|")
    for module in modules:
        counts, unlisted = row(module, listed, seconds.get(module))
        rows.append((counts, unlisted))
        took = "" if counts.seconds is None else f"{counts.seconds / 60:.1f} core-min"
        print(
            f"| {module} | {counts.made} | {counts.killed} | {counts.survived} | "
            f"{counts.equivalent} | {counts.other} | {counts.score:.1f}% | {took} |"
        )
    if wall is not None:
        print(f"\nmutmut ran {len(modules)} modules in {wall / 60:.1f} min of wall-clock time")
    stale = [name for name in listed if _module_of(name) in modules and _stale(name)]
    for counts, unlisted in rows:
        if unlisted:
            print(f"\n{counts.module}: {len(unlisted)} survivors not listed as equivalent")
            print("  " + "\n  ".join(unlisted))
    if stale:
        print("\nListed as equivalent but not surviving (renumbered or now killed):")
        print("  " + "\n  ".join(stale))
    failing = [c.module for c, _ in rows if args.fail_under and c.score < args.fail_under]
    return 1 if failing else 0


def _module_of(name: str) -> str:
    return name.removeprefix("creative_city.").rpartition(".")[0]


def _stale(name: str) -> bool:
    return results(_module_of(name)).get(name) not in SURVIVED


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
