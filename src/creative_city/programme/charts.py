"""Draw the briefing's charts as SVG: no JavaScript, no network, readable in print.

Each chart is drawn from a :class:`~creative_city.programme.briefing.Chart` of the
report's data model, so the chart and the table beside it show the same rows. Every
SVG carries a visible title, a ``<title>`` and a ``<desc>`` (named by
``aria-labelledby``) and a fixed size, inline in the HTML report or standalone in a
file (``creative-city report --charts DIR``).

* A *trajectory* shows a target over time: the baseline, the path as announced
  (dashed), the path to the target in force after a revision, each revision (a
  dotted line on its day), the targets at the due date (hollow as announced, filled
  in force), the measurements and the report's date.
* *Bars* show a series' figures grouped by universe: published figures solid,
  approximate and derived ones lighter, forecasts as dashed outlines, conflicting
  figures marked.

>>> import datetime as dt
>>> from creative_city.programme import almaty
>>> from creative_city.programme.briefing import build_briefing
>>> from creative_city.programme.dataset import builtin_dataset
>>> briefing = build_briefing(almaty(), builtin_dataset(), dt.date(2026, 12, 3))
>>> files = svg_files(briefing)
>>> sorted(files)
['economy-share.svg', 'foreign-visitors.svg', 'services-exports.svg', 'venture-fund.svg']
>>> files["venture-fund.svg"].startswith('<?xml version="1.0" encoding="UTF-8"?>')
True
"""

from __future__ import annotations

import datetime as _dt
import html
from collections.abc import Callable
from decimal import Decimal

from creative_city.programme.briefing import Briefing
from creative_city.programme.chart_data import CONFLICTING, Chart, ChartPoint
from creative_city.programme.language import ENGLISH, Language

__all__ = ["compact", "svg", "svg_files"]

WIDTH = 640
_FONT = 'font-family="system-ui, -apple-system, Segoe UI, sans-serif"'
_INK, _MUTED, _GRID = "#1f2328", "#57606a", "#d0d7de"
_ANNOUNCED, _IN_FORCE, _MEASURED, _ALERT = "#8c959f", "#0969da", "#1a7f37", "#cf222e"
_PALETTE = ("#0969da", "#8250df", "#bc4c00", "#1a7f37", "#bf3989", "#57606a")


def _e(text: object) -> str:
    return html.escape(str(text), quote=True)


def compact(value: Decimal, unit: str) -> str:
    """Return a short axis label for *value* (``"10 bn"``, ``"500 M"``, ``"5%"``).

    >>> (
    ...     compact(Decimal(10**10), "KZT"),
    ...     compact(Decimal(5 * 10**8), "USD"),
    ...     compact(Decimal(5), "%"),
    ... )
    ('10 bn', '500 M', '5%')
    """
    return ENGLISH.compact(value, unit)


def _ticks(top: Decimal) -> list[Decimal]:
    """Return 4 or 5 round tick values from 0 to at least *top*."""
    if top <= 0:
        return [Decimal(0), Decimal(1)]
    raw = top / 4
    power = Decimal(10) ** raw.adjusted()
    step = next(m * power for m in (1, 2, Decimal("2.5"), 5, 10) if m * power >= raw)
    count = int((top / step).to_integral_value(rounding="ROUND_CEILING"))
    return [step * i for i in range(count + 1)]


def _em(text: str, *, bold: bool = False) -> float:
    """Return a generous estimate of *text*'s width in ems.

    Without a browser there are no font metrics: Latin letters count narrower than
    others (Cyrillic), bold ones wider. The charts use it to keep words inside.
    """
    latin, other = (0.55, 0.66) if bold else (0.5, 0.6)
    return sum(latin if ord(letter) < 0x250 else other for letter in text)


def _open(chart: Chart, height: int, prefix: str, width: int = WIDTH) -> list[str]:
    ident = f"{prefix}{chart.id}"
    # The title shrinks from 15 px when it would not fit on one line.
    size = min(15, int((width - 24) / max(_em(chart.title, bold=True), 1)))
    return [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc" {_FONT}>'
        ),
        f'<title id="{ident}-title">{_e(chart.title)}</title>',
        f'<desc id="{ident}-desc">{_e(chart.description)}</desc>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        (
            f'<text class="chart-title" x="12" y="22" font-size="{size}" font-weight="600" '
            f'fill="{_INK}">{_e(chart.title)}</text>'
        ),
    ]


def svg(chart: Chart, *, prefix: str = "", language: Language = ENGLISH) -> str:
    """Return *chart* as one ``<svg>`` element.

    Args:
        chart: The chart's data.
        prefix: Prepended to the ids of its ``<title>`` and ``<desc>`` (ids must be
            unique in a page holding several charts).
        language: The language of the words the drawing adds (the chart's data
            carries its own, in the language it was built in).
    """
    if chart.kind == "trajectory":
        return _trajectory(chart, prefix, language)
    return _bars(chart, prefix, language)


def svg_files(briefing: Briefing, language: Language = ENGLISH) -> dict[str, str]:
    """Return each chart of *briefing* as a standalone SVG document, by file name."""
    return {
        f"{chart.id}.svg": '<?xml version="1.0" encoding="UTF-8"?>\n'
        + svg(chart, language=language)
        + "\n"
        for chart in briefing.charts
    }


# -- trajectories ------------------------------------------------------------------

_LEFT, _RIGHT, _TOP, _PLOT_HEIGHT = 70, 24, 44, 190


def _trajectory(chart: Chart, prefix: str, language: Language) -> str:
    assert chart.start is not None  # noqa: S101 - a trajectory has a time axis
    assert chart.end is not None  # noqa: S101
    height = _TOP + _PLOT_HEIGHT + 80
    # A margin after the last day, so the target's mark at the due date is not clipped.
    start, end = chart.start, chart.end + _dt.timedelta(days=90)
    days = max(1, (end - start).days)
    right = WIDTH - _RIGHT
    ticks = _ticks(max((p.value for p in chart.points), default=Decimal(1)) * Decimal("1.1"))
    top = ticks[-1]
    bottom = _TOP + _PLOT_HEIGHT

    def x(day: _dt.date) -> float:
        return round(_LEFT + (right - _LEFT) * (day - start).days / days, 1)

    def y(value: Decimal) -> float:
        return round(bottom - float(value / top) * _PLOT_HEIGHT, 1)

    out = _open(chart, height, prefix)
    for tick in ticks:
        out.append(
            f'<line x1="{_LEFT}" x2="{right}" y1="{y(tick)}" y2="{y(tick)}" stroke="{_GRID}"/>'
            f'<text x="{_LEFT - 6}" y="{y(tick) + 4}" font-size="11" text-anchor="end" '
            f'fill="{_MUTED}">{_e(language.compact(tick, chart.unit))}</text>'
        )
    for year in range(start.year + 1, end.year + 1):
        at = x(_dt.date(year, 1, 1))
        out.append(
            f'<line x1="{at}" x2="{at}" y1="{bottom}" y2="{bottom + 4}" stroke="{_MUTED}"/>'
            f'<text x="{at}" y="{bottom + 16}" font-size="11" text-anchor="middle" '
            f'fill="{_MUTED}">{year}</text>'
        )
    out.append(_paths(chart, x, y))
    out.extend(_marks(chart, x, y, bottom, language))
    if chart.as_of is not None:
        at = x(chart.as_of)
        when = language.gettext("as of {day}", day=language.day(chart.as_of))
        out.append(
            f'<line x1="{at}" x2="{at}" y1="{_TOP}" y2="{bottom}" stroke="{_INK}" '
            f'stroke-width="1"/><text x="{at - 4}" y="{_TOP + 10}" font-size="11" '
            f'text-anchor="end" fill="{_INK}">{_e(when)}</text>'
        )
    if chart.remark:
        out.append(
            f'<text class="remark" x="{_LEFT}" y="{bottom + 36}" font-size="12" '
            f'fill="{_ALERT}">{_e(chart.remark)}</text>'
        )
    out.append(_legend(height, language))
    out.append("</svg>")
    return "".join(out)


_Across = Callable[[_dt.date], float]
_Up = Callable[[Decimal], float]


def _paths(chart: Chart, fx: _Across, fy: _Up) -> str:
    baseline = next((p for p in chart.points if p.role == "baseline"), None)
    target = next((p for p in chart.points if p.role == "target"), None)
    revisions = [p for p in chart.points if p.role == "revision"]
    if baseline is None or baseline.on is None or target is None or target.on is None:
        return ""
    x0, y0 = fx(baseline.on), fy(baseline.value)
    parts = [
        (
            f'<line class="path-announced" x1="{x0}" y1="{y0}" x2="{fx(target.on)}" '
            f'y2="{fy(target.value)}" stroke="{_ANNOUNCED}" stroke-width="2" '
            'stroke-dasharray="6 4"/>'
        )
    ]
    if revisions:
        latest = revisions[-1]
        parts.append(
            f'<line class="path-in-force" x1="{x0}" y1="{y0}" x2="{fx(target.on)}" '
            f'y2="{fy(latest.value)}" stroke="{_IN_FORCE}" stroke-width="2.5"/>'
        )
    return "".join(parts)


def _marks(chart: Chart, fx: _Across, fy: _Up, bottom: float, language: Language) -> list[str]:
    target = next((p for p in chart.points if p.role == "target"), None)
    out: list[str] = []
    for point in chart.points:
        if point.on is None:
            continue
        px, py = fx(point.on), fy(point.value)
        label = _e(f"{point.label}: {point.shown}")
        short = language.compact(point.value, chart.unit)
        announced = _e(language.gettext("{value} as announced", value=short))
        revised = _e(language.gettext("revised {day}", day=language.day(point.on)))
        in_force = _e(language.gettext("{value} in force", value=short))
        match point.role:
            case "baseline":
                out.append(
                    f'<circle cx="{px}" cy="{py}" r="4" fill="{_INK}">'
                    f"<title>{label}</title></circle>"
                )
            case "target":
                out.append(
                    f'<circle cx="{px}" cy="{py}" r="6" fill="#ffffff" stroke="{_ANNOUNCED}" '
                    f'stroke-width="2"><title>{label}</title></circle>'
                    f'<text x="{px - 9}" y="{py + 4}" font-size="11" text-anchor="end" '
                    f'fill="{_MUTED}">{announced}</text>'
                )
            case "revision":
                due = target.on if target is not None and target.on is not None else point.on
                dx = fx(due)
                out.append(
                    f'<line x1="{px}" x2="{px}" y1="{_TOP}" y2="{bottom}" stroke="{_IN_FORCE}" '
                    f'stroke-dasharray="2 3"/><text x="{px + 4}" y="{_TOP + 24}" font-size="11" '
                    f'fill="{_IN_FORCE}">{revised}</text>'
                    f'<rect x="{dx - 6}" y="{py - 6}" width="12" height="12" fill="{_IN_FORCE}" '
                    f'transform="rotate(45 {dx} {py})"><title>{label}</title></rect>'
                    f'<text x="{dx - 10}" y="{py + 4}" font-size="11" text-anchor="end" '
                    f'fill="{_IN_FORCE}">{in_force}</text>'
                )
            case _:
                out.append(
                    f'<circle cx="{px}" cy="{py}" r="5" fill="{_MEASURED}"><title>{label}</title>'
                    f'</circle><text x="{px + 7}" y="{py - 6}" font-size="11" fill="{_MEASURED}">'
                    f"{_e(short)}</text>"
                )
    return out


_GLYPH_WIDTH, _GAP = 6, 14
"""A generous width of a legend letter at 11 px, and the room left after each entry."""


def _legend(height: int, language: Language) -> str:
    y = height - 18
    # (mark, where the mark starts at the least, where its words start from the mark, words)
    entries = [
        (
            '<line x1="{x}" x2="{x24}" y1="{y}" y2="{y}" stroke="' + _ANNOUNCED + '" '
            'stroke-width="2" stroke-dasharray="6 4"/>',
            12,
            28,
            language.pgettext("legend", "path as announced"),
        ),
        (
            '<line x1="{x}" x2="{x24}" y1="{y}" y2="{y}" stroke="' + _IN_FORCE + '" '
            'stroke-width="2.5"/>',
            160,
            28,
            language.pgettext("legend", "path to the target in force"),
        ),
        ('<circle cx="{x}" cy="{y}" r="5" fill="' + _MEASURED + '"/>', 364, 9,
         language.pgettext("legend", "measurement")),
        ('<circle cx="{x}" cy="{y}" r="4" fill="' + _INK + '"/>', 466, 8,
         language.pgettext("legend", "baseline")),
    ]  # fmt: skip
    items, free = [], 0
    for mark, least, offset, words in entries:
        # Each entry keeps its place, or moves right when the words before it are longer.
        x = max(least, free)
        items.append(mark.format(x=x, x24=x + 24, y=y))
        items.append(
            f'<text x="{x + offset}" y="{y + 4}" font-size="11" fill="{_MUTED}">{_e(words)}</text>'
        )
        free = x + offset + len(words) * _GLYPH_WIDTH + _GAP
    return '<g class="legend">' + "".join(items) + "</g>"


# -- bars --------------------------------------------------------------------------

_ROW, _LABEL_WIDTH, _BAR_WIDTH = 24, 170, 200


def _tail(point: ChartPoint, language: Language) -> str:
    """Return the words after a bar's figure: its kind, if it is a forecast or derived."""
    match point.role:
        case "forecast":
            return " " + language.gettext("(forecast)")
        case "derived":
            return " " + language.gettext("(derived)")
    return ""


def _words(point: ChartPoint, language: Language) -> str:
    """Return everything written after a bar (for its width)."""
    flag = " " + language.pgettext("tag", "conflicting") if point.note == CONFLICTING else ""
    return point.shown + _tail(point, language) + flag


def _bar(point: ChartPoint, colour: str, at: tuple[int, int, float], language: Language) -> str:
    top, left, width = at
    opacity = "0.45" if point.approximate else "1"
    if point.role == "forecast":
        style = f'fill="#ffffff" stroke="{colour}" stroke-width="1.5" stroke-dasharray="4 3"'
    elif point.role == "derived":
        style = f'fill="{colour}" fill-opacity="0.25" stroke="{colour}" stroke-dasharray="2 2"'
    else:
        style = f'fill="{colour}" fill-opacity="{opacity}"'
    tail = _tail(point, language)
    conflicting = _e(language.pgettext("tag", "conflicting"))
    flag = (
        f'<tspan fill="{_ALERT}" font-weight="600"> {conflicting}</tspan>'
        if point.note == CONFLICTING
        else ""
    )
    x0 = 12 + left
    return (
        f'<text x="{x0 - 8}" y="{top + 15}" font-size="12" text-anchor="end" fill="{_INK}">'
        f"{_e(point.label)}</text>"
        f'<rect x="{x0}" y="{top + 4}" width="{max(width, 1.0)}" height="{_ROW - 8}" {style}>'
        f"<title>{_e(point.label)}: {_e(point.shown)} ({_e(point.source)})</title></rect>"
        f'<text x="{x0 + width + 6}" y="{top + 15}" font-size="11" fill="{_MUTED}">'
        f"{_e(point.shown)}{_e(tail)}{flag}</text>"
    )


def _bars(chart: Chart, prefix: str, language: Language) -> str:
    groups = list(dict.fromkeys(p.group for p in chart.points))
    height = 40 + _ROW * (len(chart.points) + len(groups)) + 16
    top_value = max((p.value for p in chart.points), default=Decimal(1)) or Decimal(1)
    # Room for the longest label before the bars and the longest words after them.
    left = max([_LABEL_WIDTH, *(int(_em(p.label) * 12) + 12 for p in chart.points)])
    after = max((_em(_words(p, language)) * 11 for p in chart.points), default=0)
    out = _open(chart, height, prefix, max(WIDTH, int(12 + left + _BAR_WIDTH + 6 + after + 12)))
    row = 40
    for index, group in enumerate(groups):
        colour = _PALETTE[index % len(_PALETTE)]
        out.append(
            f'<text x="12" y="{row + 16}" font-size="12" font-weight="600" fill="{colour}">'
            f"{_e(group)}</text>"
        )
        row += _ROW
        for point in (p for p in chart.points if p.group == group):
            width = round(_BAR_WIDTH * float(point.value / top_value), 1)
            out.append(_bar(point, colour, (row, left, width), language))
            row += _ROW
    out.append("</svg>")
    return "".join(out)
