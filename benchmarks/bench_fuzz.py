"""Rule 1 of issue 14 under a long fuzzing run: 100,000 hostile oracle documents.

Documents come from every operation's JSON Schema, from the conformance vectors with
hostile values spliced in and from byte-level mutations of the vectors
(``creative_city.testing.hostile``), a third each, all from one seeded
``random.Random`` (the same seed, the same documents). Each answer must be the
library's error or an output: an exception or an ``InternalError`` is a crash,
printed with the document that caused it (the first of each kind). The row's figure
is the number of distinct crashes (target 0) and the documents per second.

Run: ``.venv/bin/python benchmarks/run.py fuzz`` (set ``FUZZ_DOCUMENTS`` for another
count, ``FUZZ_SEED`` for another seed).
"""

from __future__ import annotations

import json
import logging
import os
import pathlib
import random
import time
import traceback

from creative_city.conformance.vectors import load_vectors
from creative_city.oracle import operations
from creative_city.testing.hostile import (
    _Seeded,
    mutate,
    random_document,
    random_edits,
    splice,
    violation,
)
from run import Row

DOCUMENTS = int(os.environ.get("FUZZ_DOCUMENTS", "100000"))
SEED = int(os.environ.get("FUZZ_SEED", "14"))
DEFAULT = False  # a slow suite (minutes): run only when named


class _LastBug(logging.Handler):
    """Keeps the exception the oracle logs with each InternalError (at DEBUG level)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.kind = ""

    def emit(self, record: logging.LogRecord) -> None:
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            frame = traceback.extract_tb(error.__traceback__)[-1]
            where = f"{pathlib.Path(frame.filename).name}:{frame.lineno}"
            self.kind = f"{type(error).__name__} at {where}: {str(error)[:80]}"


def _crash_kind(found: str, bug: _LastBug) -> str:
    # One report per kind: the exception and where it was raised.
    if found.startswith("an exception"):
        return found.strip().splitlines()[-1][:160]
    return bug.kind or found[:80]


def run() -> list[Row]:
    """Fuzz the oracle and return one row: crashes found and documents per second."""
    rng = random.Random(SEED)
    names = list(operations())
    requests = [vector.request() for vector in load_vectors()]
    seeds = [json.dumps(request).encode() for request in requests]
    chooser = _Seeded(rng)
    crashes: dict[str, bytes] = {}
    bug = _LastBug()
    logger = logging.getLogger("creative_city.oracle")
    logger.addHandler(bug)
    logger.setLevel(logging.DEBUG)
    counts = {"schema": 0, "spliced": 0, "mutated": 0}
    began = time.perf_counter()
    for index in range(DOCUMENTS):
        kind = ("schema", "spliced", "mutated")[index % 3]
        if kind == "schema":
            data = random_document(names[rng.randrange(len(names))], rng)
        elif kind == "spliced":
            request = splice(requests[rng.randrange(len(requests))], chooser)
            data = json.dumps(request, ensure_ascii=False).encode("utf-8", "surrogatepass")
        else:
            data = mutate(seeds[rng.randrange(len(seeds))], random_edits(rng))
        counts[kind] += 1
        bug.kind = ""
        found = violation(data)
        if found is not None:
            key = _crash_kind(found, bug)
            if key not in crashes:
                crashes[key] = data
                print(f"CRASH ({kind}) {key}\n  {data[:400]!r}", flush=True)
    elapsed = time.perf_counter() - began
    logger.removeHandler(bug)
    mix = ", ".join(f"{count:,} {kind}" for kind, count in counts.items())
    return [
        Row(
            f"oracle fuzz: {DOCUMENTS:,} documents ({mix}), seed {SEED}, distinct crashes",
            f"{len(crashes)} ({DOCUMENTS / elapsed:,.0f} docs/s)",
            "0",
            ok=not crashes,
        )
    ]
