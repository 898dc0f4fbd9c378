"""Print every conformance vector's answer and the report in every format, as JSON lines.

The report comes in English, then in Russian (``creative-city report --lang ru``, which
needs Babel: the wheel of the ``i18n`` extra is unpacked too).

The same program runs in CPython (tests/test_pyodide.py imports it) and in Pyodide
(``node run.mjs``): the vectors are read from the installed package, as a user has them.
"""

from __future__ import annotations

import datetime as _dt
import importlib.resources
import json
import sys
from collections.abc import Iterator
from importlib.resources.abc import Traversable

from creative_city.oracle import evaluate_json
from creative_city.programme.report import FORMATS, render

AS_OF = _dt.date(2026, 12, 3)
"""The report's date, fixed so that both runtimes render the same briefing."""

LANGUAGES = ("en", "ru")
"""The report's languages: the built-in English and the Russian catalogue (Babel)."""


def _files(folder: Traversable, prefix: str = "") -> Iterator[tuple[str, Traversable]]:
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.is_dir():
            yield from _files(entry, f"{prefix}{entry.name}/")
        elif entry.name.endswith(".json"):
            yield prefix + entry.name, entry


def lines() -> Iterator[str]:
    """Yield one JSON line per vector's answer, then one per report format."""
    vectors = importlib.resources.files("creative_city.conformance") / "vectors" / "v1"
    for name, entry in _files(vectors):
        vector = json.loads(entry.read_text(encoding="utf-8"))
        request = {"operation": vector["operation"], "input": vector["input"]}
        answer, ok = evaluate_json(json.dumps(request, ensure_ascii=False))
        yield json.dumps({"answer": answer, "ok": ok, "vector": name}, ensure_ascii=False)
    for lang in LANGUAGES:
        for fmt in FORMATS:
            text = render(as_of=AS_OF, fmt=fmt, lang=lang)
            yield json.dumps({"format": fmt, "lang": lang, "report": text}, ensure_ascii=False)


if __name__ == "__main__":
    for line in lines():
        sys.stdout.write(line + "\n")
    sys.stdout.flush()
