"""Rule 1 of issue 14 under a long fuzzing run: 100,000 hostile oracle documents.

Documents come from every operation's JSON Schema and from byte-level mutations of the
conformance vectors (``creative_city.testing.hostile``), half each. Each answer must be
the library's error or an output: an exception or an ``InternalError`` is a crash,
printed with the document that caused it. The row's figure is the number of crashes
(target 0) and the documents per second.

Run: ``.venv/bin/python benchmarks/run.py fuzz`` (set ``FUZZ_DOCUMENTS`` for another
count).
"""

from __future__ import annotations

import json
import os
import pathlib
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from creative_city.oracle import operations
from creative_city.testing.hostile import mutated_documents, schema_documents, violation
from run import Row

ROOT = pathlib.Path(__file__).resolve().parent.parent
DOCUMENTS = int(os.environ.get("FUZZ_DOCUMENTS", "100000"))
DEFAULT = False  # a slow suite (minutes): run only when named


def _seeds() -> list[bytes]:
    seeds = []
    for path in sorted((ROOT / "conformance").glob("v*/**/*.json")):
        vector = json.loads(path.read_text(encoding="utf-8"))
        request = {"operation": vector["operation"], "input": vector["input"]}
        seeds.append(json.dumps(request).encode())
    return seeds


def _run(strategy: st.SearchStrategy[bytes], count: int, crashes: list[str]) -> None:
    @settings(
        max_examples=count,
        deadline=None,
        database=None,
        derandomize=False,
        suppress_health_check=list(HealthCheck),
    )
    @given(strategy)
    def check(data: bytes) -> None:
        found = violation(data)
        if found is not None and len(crashes) < 100:
            crashes.append(f"{data[:300]!r}\n  {found[:500]}")

    check()


def run() -> list[Row]:
    """Fuzz the oracle and return one row: crashes found and documents per second."""
    names = list(operations())
    per_operation = max(1, DOCUMENTS // 2 // len(names))
    crashes: list[str] = []
    began = time.perf_counter()
    for name in names:
        _run(schema_documents(name), per_operation, crashes)
    _run(mutated_documents(_seeds()), DOCUMENTS - per_operation * len(names), crashes)
    elapsed = time.perf_counter() - began
    for crash in crashes:
        print("CRASH", crash)
    return [
        Row(
            f"oracle fuzz: {DOCUMENTS:,} documents, crashes",
            f"{len(crashes)} ({DOCUMENTS / elapsed:,.0f} docs/s)",
            "0",
            ok=not crashes,
        )
    ]
