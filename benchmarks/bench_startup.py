"""`creative-city eval` start-up in instructions (callgrind): the same count on every run.

Wall time on a shared or virtual machine moves by tens of percent from minute to
minute, so a start-up change of a few percent cannot be seen in it. Callgrind counts
the instructions a whole process executes, which is the same for the same binary,
inputs and environment, whatever else the machine is doing. This suite runs one
``python -m creative_city eval`` per operation (its largest conformance vector) and the
dependency floor under callgrind, with bytecode cached as after an install.

It takes a few minutes, so ``run.py`` runs it only when named::

    .venv/bin/python benchmarks/run.py startup
"""

from __future__ import annotations

import json
import os
import pathlib
import re
import shutil
import subprocess
import sys
import tempfile

from bench_oracle import _requests
from run import Row

DEFAULT = False
"""Not part of a plain ``run.py`` (a few minutes under valgrind)."""


def _instructions(valgrind: str, args: list[str], env: dict[str, str]) -> int:
    """Return the instructions *args* executes, counted by callgrind (after a warm-up)."""
    subprocess.run(args, capture_output=True, check=False, env=env)
    result = subprocess.run(
        [valgrind, "--tool=callgrind", "--callgrind-out-file=/dev/null", *args],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    found = re.search(r"Collected : (\d+)", result.stderr)
    if found is None:
        message = f"callgrind printed no count for {args}: {result.stderr[-500:]}"
        raise RuntimeError(message)
    return int(found.group(1))


def _millions(count: int) -> str:
    return f"{count / 1e6:.1f} M instructions"


def run() -> list[Row]:
    valgrind = shutil.which("valgrind")
    if valgrind is None:
        return [Row("instructions per eval (callgrind)", "valgrind not found", "-", None)]
    with tempfile.TemporaryDirectory() as folder:
        env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
        env["PYTHONPYCACHEPREFIX"] = str(pathlib.Path(folder) / "pycache")
        env["PYTHONHASHSEED"] = "0"  # set and dict layouts, hence counts, repeat exactly
        python = sys.executable
        commands = [
            ("python -c pass", [python, "-c", "pass"]),
            ("import attrs, cattrs (the floor)", [python, "-c", "import attrs, cattrs"]),
            (
                "import attrs, cattrs, dateutil.tz, dateutil.rrule",
                [python, "-c", "import attrs, cattrs, dateutil.tz, dateutil.rrule"],
            ),
        ]
        for operation, document in _requests().items():
            request = pathlib.Path(folder) / f"{operation}.json"
            request.write_text(json.dumps(document))
            commands.append(
                (f"  eval {operation}", [python, "-m", "creative_city", "eval", str(request)])
            )
        return [
            Row(label, _millions(_instructions(valgrind, args, env)), "-", None)
            for label, args in commands
        ]
