"""Render the programme's status as text, Markdown, JSON or a self-contained HTML page."""

from __future__ import annotations

import datetime as _dt
import html
from fractions import Fraction

from creative_city.errors import ValidationError
from creative_city.programme.data import almaty
from creative_city.programme.model import Observations, ProgrammeStatus, Status, TargetStatus
from creative_city.programme.status import fmt_value, programme_status
from creative_city.serialization import from_json, to_json

__all__ = ["FORMATS", "render", "render_status"]

FORMATS = ("text", "markdown", "json", "html")
"""The output formats of :func:`render`."""


def render(*, as_of: _dt.date, observations_json: str | None = None, fmt: str = "text") -> str:
    """Return the Almaty programme's status as of *as_of* in format *fmt*.

    Args:
        as_of: The date of the status.
        observations_json: A JSON :class:`Observations` document to add to the built-in
            data, or ``None``.
        fmt: One of :data:`FORMATS`.

    Raises:
        ValidationError: If the observations are invalid or *fmt* is unknown.
    """
    observations = (
        Observations() if observations_json is None else from_json(observations_json, Observations)
    )
    status = programme_status(almaty(), observations, as_of)
    return render_status(status, fmt)


def render_status(status: ProgrammeStatus, fmt: str = "text") -> str:
    """Render an already computed :class:`ProgrammeStatus` in format *fmt*."""
    match fmt:
        case "text":
            return _text(status)
        case "markdown":
            return _markdown(status)
        case "json":
            return to_json(status, indent=2) + "\n"
        case "html":
            return _html(status)
    raise ValidationError("format", fmt, f"must be one of {', '.join(FORMATS)}")


def _cell(value: object) -> str:
    return "-" if value is None or value == "" else str(value)


def _due(target: TargetStatus) -> str:
    return "not stated" if target.due_year is None else str(target.due_year)


def _progress(progress: Fraction | None) -> str:
    if progress is None:
        return "-"
    return f"{int(progress * 100)}%"


_COLUMNS = ("Target", "Due", "Goal", "Baseline", "Latest", "Progress", "Required", "Status")


def _rows(status: ProgrammeStatus) -> list[tuple[str, ...]]:
    return [
        (
            t.title,
            _due(t),
            _cell(t.target),
            _cell(t.baseline),
            _cell(t.latest),
            _progress(t.progress),
            _cell(t.required),
            t.status.value,
        )
        for t in status.targets
    ]


def _text(status: ProgrammeStatus) -> str:
    rows = _rows(status)
    widths = [max(len(c), *(len(r[i]) for r in rows)) for i, c in enumerate(_COLUMNS)]
    lines = [
        f"{status.programme}: status as of {status.as_of.isoformat()}",
        f"Source: {status.source}",
        "",
        "  ".join(c.ljust(w) for c, w in zip(_COLUMNS, widths, strict=True)).rstrip(),
        "  ".join("-" * w for w in widths),
    ]
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in rows]
    counts = ", ".join(f"{n} {name}" for name, n in status.counts().items() if n)
    lines += ["", f"Summary: {counts}.", "", "Why:"]
    lines += [f"  - {t.title}: {t.reason}" for t in status.targets]
    lines += ["", f"Reported figures ({status.brand}):"]
    lines += [f"  - {f.title} ({f.comparison}): {fmt_value(f.value, f.unit)}" for f in status.facts]
    lines += ["", "What they imply:"]
    lines += [f"  - {line}" for line in status.derived]
    lines += ["", "Barriers named: " + "; ".join(status.barriers) + "."]
    lines += [
        "",
        "Add your own observations with --observations FILE (see docs/programme.md).",
    ]
    return "\n".join(lines) + "\n"


def _markdown(status: ProgrammeStatus) -> str:
    def escape(text: str) -> str:
        return text.replace("|", "\\|")

    lines = [
        f"# {status.programme}: status as of {status.as_of.isoformat()}",
        "",
        f"Source: {status.source}",
        "",
        "| " + " | ".join(_COLUMNS) + " |",
        "|" + "|".join("---" for _ in _COLUMNS) + "|",
    ]
    lines += ["| " + " | ".join(escape(c) for c in row) + " |" for row in _rows(status)]
    lines += ["", "## Why", ""]
    lines += [f"- **{escape(t.title)}**: {escape(t.reason)}" for t in status.targets]
    lines += ["", f"## Reported figures ({status.brand})", ""]
    lines += [f"- {f.title} ({f.comparison}): {fmt_value(f.value, f.unit)}" for f in status.facts]
    lines += ["", "What they imply:", ""]
    lines += [f"- {line}" for line in status.derived]
    lines += ["", "## Barriers named", ""]
    lines += [f"- {b}" for b in status.barriers]
    return "\n".join(lines) + "\n"


_COLOURS = {
    Status.ACHIEVED: "#1a7f37",
    Status.ON_TRACK: "#2da44e",
    Status.AT_RISK: "#bf8700",
    Status.OFF_TRACK: "#cf222e",
    Status.MISSED: "#82071e",
    Status.NO_DATA: "#6e7781",
}


def _bar(target: TargetStatus) -> str:
    width, height = 200, 14
    share = (
        Fraction(0)
        if target.progress is None
        else max(Fraction(0), min(Fraction(1), target.progress))
    )
    filled = int(share * width)
    colour = _COLOURS[target.status]
    label = "no data" if target.progress is None else _progress(target.progress)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'role="img" aria-label="progress {html.escape(label)}">'
        f'<rect width="{width}" height="{height}" rx="3" fill="#eaeef2"/>'
        f'<rect width="{filled}" height="{height}" rx="3" fill="{colour}"/>'
        "</svg>"
    )


def _html(status: ProgrammeStatus) -> str:
    e = html.escape
    rows = []
    for target, row in zip(status.targets, _rows(status), strict=True):
        cells = "".join(f"<td>{e(c)}</td>" for c in row[:5])
        badge = (
            f'<span class="badge" style="background:{_COLOURS[target.status]}">'
            f"{e(target.status.value)}</span>"
        )
        rows.append(
            f'<tr>{cells}<td class="progress">{_bar(target)} {e(row[5])}</td><td>{e(row[6])}</td>'
            f"<td>{badge}</td></tr>\n"
            f'<tr class="why"><td colspan="8">{e(target.reason)}</td></tr>'
        )
    facts = "".join(
        f"<li>{e(f.title)} ({e(f.comparison)}): "
        f"<strong>{e(fmt_value(f.value, f.unit))}</strong></li>"
        for f in status.facts
    )
    barriers = "".join(f"<li>{e(b)}</li>" for b in status.barriers)
    derived = "".join(f"<li>{e(line)}</li>" for line in status.derived)
    head = "".join(f"<th>{e(c)}</th>" for c in _COLUMNS)
    counts = ", ".join(f"{n} {e(name)}" for name, n in status.counts().items() if n)
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{e(status.programme)}: status as of {status.as_of.isoformat()}</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 2rem; color: #1f2328; }}
table {{ border-collapse: collapse; width: 100%; }}
th, td {{ text-align: left; padding: .35rem .5rem; vertical-align: middle; }}
th, td {{ border-bottom: 1px solid #d0d7de; }}
tr.why td {{ color: #57606a; font-size: .85rem; border-bottom: 2px solid #d0d7de; }}
.badge {{ color: #fff; border-radius: 1rem; padding: .1rem .6rem; white-space: nowrap; }}
svg {{ vertical-align: middle; }}
td.progress {{ white-space: nowrap; }}
</style>
</head>
<body>
<h1>{e(status.programme)}: status as of {status.as_of.isoformat()}</h1>
<p>Source: {e(status.source)}. Summary: {counts}.</p>
<table>
<thead><tr>{head}</tr></thead>
<tbody>
{"".join(rows)}
</tbody>
</table>
<h2>Reported figures ({e(status.brand)})</h2>
<ul>{facts}</ul>
<p>What they imply:</p>
<ul>{derived}</ul>
<h2>Barriers named</h2>
<ul>{barriers}</ul>
</body>
</html>
"""
