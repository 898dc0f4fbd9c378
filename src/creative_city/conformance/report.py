"""Render a conformance run: text for people, JSON and JUnit XML for CI.

The JSON report is the data (every result, the first difference of each failure,
the request and answer of each vector that did not pass); the text and JUnit
renderings are views of it.
"""

from __future__ import annotations

import json
import time
from typing import Any, Final, TextIO
from xml.etree import ElementTree as ET

from creative_city._version import __version__
from creative_city.conformance.compare import MISSING, Verdict
from creative_city.conformance.runner import Report, Result

__all__ = [
    "TerminalProgress",
    "render_json",
    "render_junit",
    "render_text",
    "report_data",
    "show",
]

_SHOWN: Final = 300
_STDERR_LINES: Final = 5


def show(value: Any) -> str:  # noqa: ANN401 - any JSON value
    """Return a JSON value as compact text for a report line, cut at a few hundred characters.

    >>> show({"amount": "0.01"}), show(MISSING)
    ('{"amount":"0.01"}', '<missing>')
    """
    if value is MISSING:
        return "<missing>"
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "..."


def _cut(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "..."


def _implementation(report: Report) -> str:
    command = " ".join(report.command)
    if report.implementation is None:
        return command
    return f"{report.implementation} [{command}]"


def _details(result: Result) -> list[str]:
    lines = []
    if result.difference is not None:
        lines.append(f"    expected: {show(result.difference.expected)}")
        lines.append(f"    actual:   {show(result.difference.actual)}")
    lines.append(f"    request:  {_cut(result.exchange.request)}")
    if result.exchange.received is not None and result.verdict is not Verdict.FAIL:
        lines.append(f"    received: {_cut(result.exchange.received)}")
    tail = result.exchange.stderr.strip().splitlines()[-_STDERR_LINES:]
    lines.extend(f"    stderr:   {_cut(line)}" for line in tail)
    return lines


def render_text(report: Report) -> str:
    """Return the run as text: each vector that did not pass, then a table per operation."""
    lines = [f"conformance of {_implementation(report)}: {len(report.results)} vectors", ""]
    for result in report.results:
        if result.verdict.failed:
            lines.append(f"{result.verdict.value.upper():8}{result.vector.id}: {result.reason}")
            lines.extend(_details(result))
    if len(lines) > 2:
        lines.append("")
    header = ["operation", *(verdict.value for verdict in Verdict)]
    rows = [[name, *map(str, counts.values())] for name, counts in report.by_operation().items()]
    rows.append(["total", *map(str, report.totals().values())])
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells))
    totals = report.totals()
    failed = {name: count for name, count in totals.items() if count and Verdict(name).failed}
    if failed:
        summary = ", ".join(f"{count} {name}" for name, count in failed.items())
        verdict = f"FAILED: {summary}"
    else:
        verdict = f"OK: {totals['pass']} passed, {totals['skip']} skipped"
    restarts = f", {report.starts - 1} restarts" if report.starts > 1 else ""
    lines.extend(["", f"{verdict} ({report.seconds:.2f} s{restarts})"])
    return "\n".join(lines) + "\n"


def _result_data(result: Result) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": result.vector.id,
        "operation": result.vector.operation,
        "verdict": result.verdict.value,
        "seconds": round(result.exchange.seconds, 6),
    }
    if result.verdict is Verdict.PASS:
        return data
    data["reason"] = result.reason
    if result.difference is not None:
        data["path"] = result.difference.path
        for side in ("expected", "actual"):
            value = getattr(result.difference, side)
            if value is not MISSING:
                data[side] = value
    data["request"] = result.exchange.request
    data["received"] = result.exchange.received
    if result.exchange.stderr:
        data["stderr"] = result.exchange.stderr
    return data


def report_data(report: Report) -> dict[str, Any]:
    """Return the run as a JSON-ready document (what ``--format json`` prints)."""
    implementation = report.implementation
    return {
        "runner": f"creative-city {__version__}",
        "command": list(report.command),
        "implementation": None
        if implementation is None
        else {
            "name": implementation.name,
            "version": implementation.version,
            "language": implementation.language,
        },
        "ok": report.ok,
        "seconds": round(report.seconds, 6),
        "starts": report.starts,
        "totals": report.totals(),
        "operations": report.by_operation(),
        "results": [_result_data(result) for result in report.results],
    }


def render_json(report: Report) -> str:
    """Return the run as one JSON document (see :func:`report_data`)."""
    return json.dumps(report_data(report), indent=2, ensure_ascii=False) + "\n"


def render_junit(report: Report) -> str:
    """Return the run as JUnit XML: a test suite per operation, a test case per vector.

    A fail is a ``failure``; a crash, timeout or garbage answer an ``error``; a
    ``NotImplemented`` answer is ``skipped``.
    """
    root = ET.Element("testsuites", name=f"creative-city conformance: {_implementation(report)}")
    suites: dict[str, ET.Element] = {}
    for result in report.results:
        operation = result.vector.operation
        if operation not in suites:
            suites[operation] = ET.SubElement(root, "testsuite", name=operation)
        case = ET.SubElement(
            suites[operation],
            "testcase",
            classname=operation,
            name=result.vector.id,
            time=f"{result.exchange.seconds:.6f}",
        )
        if result.verdict is Verdict.SKIP:
            ET.SubElement(case, "skipped", message=result.reason)
        elif result.verdict.failed:
            tag = "failure" if result.verdict is Verdict.FAIL else "error"
            element = ET.SubElement(case, tag, type=result.verdict.value, message=result.reason)
            element.text = "\n".join(line.strip() for line in _details(result))
    _count(root, suites, report)
    ET.indent(root)
    return ET.tostring(root, encoding="unicode", xml_declaration=True) + "\n"


def _count(root: ET.Element, suites: dict[str, ET.Element], report: Report) -> None:
    counts = report.by_operation()
    for name, suite in suites.items():
        _attributes(suite, counts[name], sum(float(case.get("time", 0)) for case in suite))
    _attributes(root, report.totals(), report.seconds)


def _attributes(element: ET.Element, counts: dict[str, int], seconds: float) -> None:
    element.set("tests", str(sum(counts.values())))
    element.set("failures", str(counts["fail"]))
    element.set("errors", str(counts["crash"] + counts["timeout"] + counts["garbage"]))
    element.set("skipped", str(counts["skip"]))
    element.set("time", f"{seconds:.6f}")


class TerminalProgress:
    """A progress line on a terminal, redrawn at most ten times a second.

    Args:
        stream: The terminal (standard error).
    """

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self._shown = 0.0

    def __call__(self, done: int, total: int, label: str) -> None:
        """Show that *done* of *total* are done, the last being *label*."""
        now = time.monotonic()
        if now - self._shown < 0.1 and done < total:
            return
        self._shown = now
        self._stream.write(f"\r\x1b[K[{done}/{total}] {label[:60]}")
        self._stream.flush()

    def clear(self) -> None:
        """Erase the progress line."""
        if self._shown:
            self._stream.write("\r\x1b[K")
            self._stream.flush()
