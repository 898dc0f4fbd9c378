"""A sweep's answer: per grid cell, event probabilities and the quantiles of every slot.

:func:`summarize` turns the merged tallies into a :class:`SweepResult`:

* for each event, its count and probability ``count / samples`` (6 places, half-even)
  with the binomial standard error ``sqrt(p (1 - p) / samples)``;
* for each slot (a metric in a year), P5, P50 and P95 by the nearest-rank rule on the
  values at the slot's resolution (exact for those values): a metric's slots over the
  years are its fan.

The result is plain data: canonical JSON (:meth:`SweepResult.to_json`, the same bytes
for the same spec and seed whatever ran it), one flat record per event or slot
(:meth:`SweepResult.to_records`), a pandas DataFrame (:meth:`SweepResult.to_pandas`,
if pandas is installed) and a text report (:meth:`SweepResult.to_text`).
"""

from __future__ import annotations

import decimal
import importlib
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

import attrs

from creative_city.errors import ValidationError
from creative_city.scenarios.outcomes import Layout
from creative_city.scenarios.spec import ScenarioSpec, model_name
from creative_city.scenarios.tally import Tally, quantile
from creative_city.serialization import decimal_text, to_json

__all__ = ["CellResult", "EventEstimate", "SlotQuantiles", "SweepResult", "summarize"]

_CTX: Final = decimal.Context(
    prec=40,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_SIX: Final = Decimal("0.000001")
_LEVELS: Final = (Fraction(5, 100), Fraction(50, 100), Fraction(95, 100))


@attrs.frozen
class EventEstimate:
    """The estimated probability of one event in one cell.

    Attributes:
        name: The event ("dpi >= 1 by year 10").
        count: Samples in which it happened.
        probability: ``count / samples``, rounded half-even to 6 places.
        standard_error: ``sqrt(p (1 - p) / samples)``, 6 places: the sampling error.
    """

    name: str
    count: int
    probability: Decimal
    standard_error: Decimal


@attrs.frozen
class SlotQuantiles:
    """P5, P50 and P95 of a metric in a year, in one cell.

    Attributes:
        metric: The metric ("dpi", "value", "open").
        year: The year.
        p5: The 5th percentile (nearest rank).
        p50: The median (nearest rank).
        p95: The 95th percentile (nearest rank).
        distinct: How many distinct values the tally held for it.
    """

    metric: str
    year: int
    p5: Decimal
    p50: Decimal
    p95: Decimal
    distinct: int


@attrs.frozen
class CellResult:
    """The answer for one combination of grid values.

    Attributes:
        grid: The grid parameters' values (empty without grids).
        samples: Samples run.
        events: One estimate per event of the model.
        quantiles: One entry per slot of the model (metric by metric, year by year).
    """

    grid: dict[str, Decimal]
    samples: int
    events: tuple[EventEstimate, ...]
    quantiles: tuple[SlotQuantiles, ...]

    def probability(self, event: str) -> Decimal:
        """Return the probability of *event*.

        Raises:
            ValidationError: If the model has no such event.
        """
        for estimate in self.events:
            if estimate.name == event:
                return estimate.probability
        known = ", ".join(repr(e.name) for e in self.events)
        raise ValidationError("event", event, f"is not an event of the model ({known})")

    def fan(self, metric: str) -> tuple[SlotQuantiles, ...]:
        """Return the quantiles of *metric*, year by year (its fan chart)."""
        return tuple(q for q in self.quantiles if q.metric == metric)


@attrs.frozen
class SweepResult:
    """The answer of a sweep.

    Attributes:
        name: The spec's name.
        model: The model's JSON type ("fund_projection").
        seed: The seed used.
        samples: Samples per cell.
        spec: The fingerprint of the spec run (:meth:`ScenarioSpec.digest`).
        cells: One result per cell, in the spec's cell order.
    """

    name: str
    model: str
    seed: int
    samples: int
    spec: str
    cells: tuple[CellResult, ...]

    def to_json(self, *, indent: int | None = None) -> str:
        """Return the canonical JSON text (the same bytes for the same spec and seed)."""
        return to_json(self, indent=indent)

    def to_records(self) -> list[dict[str, object]]:
        """Return one flat dict per (cell, event) and per (cell, slot).

        Every record has the same keys: the grid parameters, ``kind`` (``"event"`` or
        ``"quantiles"``), ``name``, ``year``, ``samples``, ``count``, ``probability``,
        ``standard_error``, ``p5``, ``p50``, ``p95``; keys that do not apply are None.
        """
        records: list[dict[str, object]] = []
        for cell in self.cells:
            for event in cell.events:
                row = _record(cell, "event", event.name, None)
                row.update(
                    count=event.count,
                    probability=event.probability,
                    standard_error=event.standard_error,
                )
                records.append(row)
            for slot in cell.quantiles:
                row = _record(cell, "quantiles", slot.metric, slot.year)
                row.update(p5=slot.p5, p50=slot.p50, p95=slot.p95)
                records.append(row)
        return records

    def to_pandas(self) -> Any:  # noqa: ANN401 - pandas is optional, so untyped here
        """Return :meth:`to_records` as a pandas DataFrame (Decimals kept exact).

        Raises:
            ModuleNotFoundError: If pandas is not installed (``pip install pandas``).
        """
        pandas = importlib.import_module("pandas")  # optional, so imported on use
        return pandas.DataFrame.from_records(self.to_records())

    def to_text(self) -> str:
        """Return a readable report: the probabilities by cell, then each cell's fans."""
        return _render(self)


def summarize(spec: ScenarioSpec, layout: Layout, tallies: Sequence[Tally]) -> SweepResult:
    """Return the result of *spec* from one merged tally per cell (in cell order)."""
    cells = []
    for grid, tally in zip(spec.cells(), tallies, strict=True):
        events = tuple(
            _estimate(name, count, tally.samples)
            for name, count in zip(layout.events, tally.events, strict=True)
        )
        quantiles = []
        for slot, counts in zip(layout.slots, tally.values, strict=True):
            p5, p50, p95 = (
                _CTX.multiply(Decimal(quantile(counts, tally.samples, level)), slot.resolution)
                for level in _LEVELS
            )
            quantiles.append(SlotQuantiles(slot.metric, slot.year, p5, p50, p95, len(counts)))
        cells.append(CellResult(grid, tally.samples, events, tuple(quantiles)))
    return SweepResult(
        spec.name, model_name(spec.model), spec.seed, spec.samples, spec.digest(), tuple(cells)
    )


def _record(cell: CellResult, kind: str, name: str, year: int | None) -> dict[str, object]:
    return {
        **cell.grid,
        "kind": kind,
        "name": name,
        "year": year,
        "samples": cell.samples,
        **dict.fromkeys(("count", "probability", "standard_error", "p5", "p50", "p95")),
    }


def _estimate(name: str, count: int, samples: int) -> EventEstimate:
    p = _CTX.divide(Decimal(count), Decimal(samples))
    variance = _CTX.divide(Decimal(count * (samples - count)), Decimal(samples**3))
    return EventEstimate(
        name,
        count,
        p.quantize(_SIX, context=_CTX),
        _CTX.sqrt(variance).quantize(_SIX, context=_CTX),
    )


def _cell_label(cell: CellResult) -> str:
    if not cell.grid:
        return "all samples"
    return ", ".join(f"{name} = {decimal_text(value)}" for name, value in cell.grid.items())


def _table(rows: list[list[str]]) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [row[0].ljust(widths[0])] + [
            c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)
        ]
        lines.append("  ".join(cells).rstrip())
    return lines


def _render(result: SweepResult) -> str:
    title = (
        f"{result.name}: {result.model}, {result.samples:,} samples per cell, "
        f"seed {result.seed} (spec {result.spec})"
    )
    lines = [title, ""]
    if result.cells and result.cells[0].events:
        header = ["cell", *(e.name for e in result.cells[0].events)]
        rows = [header] + [
            [_cell_label(c), *(f"{e.probability} ± {e.standard_error}" for e in c.events)]
            for c in result.cells
        ]
        lines += ["Probability of each event (± standard error):", *_table(rows), ""]
    for cell in result.cells:
        lines.append(f"Quantiles ({_cell_label(cell)}):")
        rows = [["metric", "year", "P5", "P50", "P95"]] + [
            [q.metric, str(q.year), decimal_text(q.p5), decimal_text(q.p50), decimal_text(q.p95)]
            for q in cell.quantiles
        ]
        lines += [*_table(rows), ""]
    return "\n".join(lines)
