"""The base of the deliberately wrong implementations: the library's oracle, perturbed.

Each wrong implementation is a short script that calls :func:`serve` with a function
that changes some answers. It speaks the line protocol of ``creative-city eval
--batch -``: one request per line in, one answer per line out, flushed.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from typing import Any

from creative_city.oracle import evaluate_json

Perturb = Callable[[dict[str, Any], dict[str, Any]], dict[str, Any]]


def reference(request: dict[str, Any]) -> dict[str, Any]:
    """The library's answer to *request*."""
    return json.loads(evaluate_json(json.dumps(request))[0])


def serve(perturb: Perturb) -> None:
    """Answer every request line with the library's answer, as *perturb* changes it."""
    for line in sys.stdin:
        request = json.loads(line)
        answer = reference(request)
        if "output" in answer:
            answer = perturb(request, answer)
        sys.stdout.write(json.dumps(answer) + "\n")
        sys.stdout.flush()
