"""The briefing as one self-contained HTML page: tables, inline SVG charts, no scripts.

The page loads nothing (no JavaScript, no fonts, no images from the network) and
prints as it shows: each chart sits beside its data table, and neither is split
across printed pages.
"""

from __future__ import annotations

import html
from fractions import Fraction

from creative_city.programme.briefing import Briefing
from creative_city.programme.chart_data import Chart
from creative_city.programme.charts import svg
from creative_city.programme.report import (
    COLUMNS,
    HELP,
    heading,
    progress_text,
    rows,
    sections,
    sources_line,
    status_colour,
    summary,
)

__all__ = ["page"]

_STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem;
  color: #1f2328; max-width: 72rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .35rem .5rem; vertical-align: middle;
  border-bottom: 1px solid #d0d7de; }
tr.why td { color: #57606a; font-size: .85rem; border-bottom: 2px solid #d0d7de; }
.badge { color: #fff; border-radius: 1rem; padding: .1rem .6rem; white-space: nowrap; }
svg { vertical-align: middle; }
td.progress { white-space: nowrap; }
figure.chart-figure { display: flex; flex-wrap: wrap; gap: 1rem; align-items: flex-start;
  margin: 1.5rem 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart-figure svg { max-width: 100%; height: auto; border: 1px solid #d0d7de; }
table.chart-data { width: auto; flex: 1 1 22rem; font-size: .85rem; }
table.chart-data caption { text-align: left; font-weight: 600; padding-bottom: .3rem; }
li { margin: .25rem 0; }
@media print {
  body { margin: 0; max-width: none; }
  .badge { color: #000; border: 1px solid #000; background: none !important; }
  h2 { break-after: avoid; }
}
"""


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def _progress_bar(progress: Fraction | None, colour: str) -> str:
    width, height = 200, 14
    share = Fraction(0) if progress is None else max(Fraction(0), min(Fraction(1), progress))
    label = "no figure" if progress is None else progress_text(progress)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="progress" width="{width}" '
        f'height="{height}" role="img" aria-label="progress {_e(label)}">'
        f'<rect width="{width}" height="{height}" rx="3" fill="#eaeef2"/>'
        f'<rect width="{int(share * width)}" height="{height}" rx="3" fill="{colour}"/>'
        "</svg>"
    )


def _targets(briefing: Briefing) -> str:
    out = []
    for target, line, row in zip(
        briefing.status.targets, briefing.targets, rows(briefing), strict=True
    ):
        colour = status_colour(line.state)
        cells = "".join(f"<td>{_e(c)}</td>" for c in row[:5])
        out.append(
            f'<tr>{cells}<td class="progress">{_progress_bar(target.progress, colour)} '
            f"{_e(row[5])}</td><td>{_e(row[6])}</td>"
            f'<td><span class="badge" style="background:{colour}">{_e(line.state)}</span></td>'
            f'</tr>\n<tr class="why"><td colspan="{len(COLUMNS)}">{_e(line.reason)}'
            + (f"<br>History: {_e(line.history)}" if line.history else "")
            + "</td></tr>"
        )
    head = "".join(f"<th>{_e(c)}</th>" for c in COLUMNS)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(out)}\n</tbody>\n</table>"


def _chart_table(chart: Chart) -> str:
    head: tuple[str, ...]
    body: list[tuple[str, ...]]
    if chart.kind == "trajectory":
        head = ("Date", "What", "Value", "Source", "Note")
        body = [
            (p.on.isoformat() if p.on else "-", p.label, p.shown, p.source, p.note)
            for p in chart.points
        ]
    else:
        head = ("Universe", "Period", "Figure", "Kind", "Source", "Note")
        body = [(p.group, p.label, p.shown, p.role, p.source, p.note) for p in chart.points]
    if chart.remark:
        body.append(("", chart.remark, "", "", "", "")[: len(head)])
    cells = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in body)
    return (
        f'<table class="chart-data"><caption>Data: {_e(chart.title)}</caption>'
        "<thead><tr>" + "".join(f"<th>{_e(c)}</th>" for c in head) + "</tr></thead>"
        f"<tbody>{cells}</tbody></table>"
    )


def _charts(briefing: Briefing) -> str:
    return "\n".join(
        f'<figure class="chart-figure" id="chart-{_e(chart.id)}">'
        f"{svg(chart, prefix='chart-')}{_chart_table(chart)}</figure>"
        for chart in briefing.charts
    )


def _items(items: list[str]) -> str:
    """Return list items; an item indented by four spaces nests under the one before."""
    out: list[str] = []
    nested: list[str] = []
    for item in items:
        if item.startswith("    ") and out:
            nested.append(f"<li>{_e(item.strip())}</li>")
            continue
        if nested:
            out[-1] = out[-1].removesuffix("</li>") + f"<ul>{''.join(nested)}</ul></li>"
            nested = []
        out.append(f"<li>{_e(item)}</li>")
    if nested:
        out[-1] = out[-1].removesuffix("</li>") + f"<ul>{''.join(nested)}</ul></li>"
    return "".join(out)


def page(briefing: Briefing) -> str:
    """Return *briefing* as one self-contained HTML page."""
    title = heading(briefing)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(sources_line(briefing))} Summary: {_e(summary(briefing))}.</p>",
        _targets(briefing),
    ]
    if briefing.charts:
        parts += ["<h2>Charts</h2>", _charts(briefing)]
    for section, items in sections(briefing):
        parts.append(f"<h2>{_e(section)}</h2>\n<ul>{_items(items)}</ul>")
    parts += [
        f"<p>Options and the observations format: <code>{_e(HELP)}</code></p>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
