"""The briefing as one self-contained HTML page: tables, inline SVG charts, no scripts.

The page loads nothing (no JavaScript, no fonts, no images from the network) and
prints as it shows: each chart sits beside its data table, and neither is split
across printed pages.
"""

from __future__ import annotations

import html
from fractions import Fraction

from creative_city.programme.briefing import Briefing
from creative_city.programme.chart_data import CONFLICTING, Chart
from creative_city.programme.charts import svg
from creative_city.programme.language import ENGLISH, Language
from creative_city.programme.report import (
    HELP,
    columns,
    heading,
    progress_text,
    rows,
    sections,
    sources_line,
    status_colour,
    summary,
)

__all__ = ["note_text", "page", "role_text"]

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


def _progress_bar(progress: Fraction | None, colour: str, language: Language) -> str:
    width, height = 200, 14
    share = Fraction(0) if progress is None else max(Fraction(0), min(Fraction(1), progress))
    label = language.gettext("no figure") if progress is None else progress_text(progress, language)
    aria = language.gettext("progress {label}", label=label)
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="progress" width="{width}" '
        f'height="{height}" role="img" aria-label="{_e(aria)}">'
        f'<rect width="{width}" height="{height}" rx="3" fill="#eaeef2"/>'
        f'<rect width="{int(share * width)}" height="{height}" rx="3" fill="{colour}"/>'
        "</svg>"
    )


def _targets(briefing: Briefing, language: Language) -> str:
    out = []
    heads = columns(language)
    for target, line, row in zip(
        briefing.status.targets, briefing.targets, rows(briefing, language), strict=True
    ):
        colour = status_colour(line.state)
        cells = "".join(f"<td>{_e(c)}</td>" for c in row[:5])
        bar = _progress_bar(target.progress, colour, language)
        history = language.gettext("History: {history}", history=line.history)
        out.append(
            f'<tr>{cells}<td class="progress">{bar} '
            f"{_e(row[5])}</td><td>{_e(row[6])}</td>"
            f'<td><span class="badge" style="background:{colour}">{_e(row[7])}</span></td>'
            f'</tr>\n<tr class="why"><td colspan="{len(heads)}">{_e(line.reason)}'
            + (f"<br>{_e(history)}" if line.history else "")
            + "</td></tr>"
        )
    head = "".join(f"<th>{_e(c)}</th>" for c in heads)
    return f"<table>\n<thead><tr>{head}</tr></thead>\n<tbody>\n{''.join(out)}\n</tbody>\n</table>"


def role_text(role: str, language: Language = ENGLISH) -> str:
    """Return the kind of a bar (``level``, ``derived``, ``forecast``) in words."""
    words = {
        "level": language.pgettext("figure kind", "level"),
        "derived": language.pgettext("figure kind", "derived"),
        "forecast": language.pgettext("figure kind", "forecast"),
    }
    return words.get(role, role)


def note_text(note: str, language: Language = ENGLISH) -> str:
    """Return a chart point's note in words (the code ``conflicting`` is worded)."""
    return language.pgettext("tag", "conflicting") if note == CONFLICTING else note


def _chart_table(chart: Chart, language: Language) -> str:
    head: tuple[str, ...]
    body: list[tuple[str, ...]]
    if chart.kind == "trajectory":
        head = (
            language.pgettext("column", "Date"),
            language.pgettext("column", "What"),
            language.pgettext("column", "Value"),
            language.pgettext("column", "Source"),
            language.pgettext("column", "Note"),
        )
        body = [
            (language.day(p.on) if p.on else "-", p.label, p.shown, p.source, p.note)
            for p in chart.points
        ]
    else:
        head = (
            language.pgettext("column", "Universe"),
            language.pgettext("column", "Period"),
            language.pgettext("column", "Figure"),
            language.pgettext("column", "Kind"),
            language.pgettext("column", "Source"),
            language.pgettext("column", "Note"),
        )
        body = [
            (
                p.group,
                p.label,
                p.shown,
                role_text(p.role, language),
                p.source,
                note_text(p.note, language),
            )
            for p in chart.points
        ]
    if chart.remark:
        body.append(("", chart.remark, "", "", "", "")[: len(head)])
    cells = "".join("<tr>" + "".join(f"<td>{_e(c)}</td>" for c in row) + "</tr>" for row in body)
    caption = language.gettext("Data: {title}", title=chart.title)
    return (
        f'<table class="chart-data"><caption>{_e(caption)}</caption>'
        "<thead><tr>" + "".join(f"<th>{_e(c)}</th>" for c in head) + "</tr></thead>"
        f"<tbody>{cells}</tbody></table>"
    )


def _charts(briefing: Briefing, language: Language) -> str:
    return "\n".join(
        f'<figure class="chart-figure" id="chart-{_e(chart.id)}">'
        f"{svg(chart, prefix='chart-', language=language)}{_chart_table(chart, language)}</figure>"
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


def page(briefing: Briefing, language: Language = ENGLISH) -> str:
    """Return *briefing* as one self-contained HTML page in *language*."""
    title = heading(briefing, language)
    said = language.gettext(
        "{sources} Summary: {summary}.",
        sources=sources_line(briefing, language),
        summary=summary(briefing, language),
    )
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{_e(language.code)}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{_e(title)}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{_e(title)}</h1>",
        f"<p>{_e(said)}</p>",
        _targets(briefing, language),
    ]
    if briefing.charts:
        charts = _e(language.gettext("Charts"))
        parts += [f"<h2>{charts}</h2>", _charts(briefing, language)]
    for section, items in sections(briefing, language):
        parts.append(f"<h2>{_e(section)}</h2>\n<ul>{_items(items)}</ul>")
    # The template is escaped first, then filled with the command's markup.
    options = _e(language.gettext("Options and the observations format: {help}"))
    parts += [
        "<p>" + options.format(help=f"<code>{_e(HELP)}</code>") + "</p>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"
