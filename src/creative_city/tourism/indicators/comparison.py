"""The same period one year earlier: H1 with H1, a quarter with its quarter, YTD with YTD.

Year-on-year growth compares like with like. Periods of different lengths (H1 2024
has 182 days, H1 2023 has 181) are flagged, and compared per day on request, which
removes the leap-day effect.
"""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from creative_city.errors import ValidationError
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import HUNDRED as _HUNDRED
from creative_city.tourism.indicators.arithmetic import ONE as _ONE
from creative_city.tourism.indicators.arithmetic import quantum as _quantum
from creative_city.tourism.indicators.arithmetic import shown
from creative_city.tourism.observations import Measure, Observation

__all__ = ["Comparison", "compare"]


@attrs.frozen
class Comparison:
    """A figure compared with the same period one year earlier (H1 with H1, YTD with YTD).

    Attributes:
        measure: The measure compared.
        segment: The segment label.
        universe: The universe.
        current_period: The later period.
        previous_period: The same period a year earlier.
        current: The current figure (per day when *per_day*).
        previous: The previous figure (per day when *per_day*).
        current_days: Days in the current period.
        previous_days: Days in the previous period.
        length_mismatch: Whether the periods have different numbers of days (H1 2024
            has 182, H1 2023 has 181): compare per day to remove the leap-day effect.
        per_day: Whether the figures were divided by the days of their periods.
        multiple: ``current / previous``, or ``None`` when undefined.
        percent_change: ``(multiple - 1) x 100``, or ``None`` when undefined.
        undefined: Why the multiple is undefined, else ``None``.
    """

    measure: Measure
    segment: str
    universe: str
    current_period: str
    previous_period: str
    current: Decimal
    previous: Decimal
    current_days: int
    previous_days: int
    length_mismatch: bool
    per_day: bool
    multiple: Decimal | None
    percent_change: Decimal | None
    undefined: str | None

    def to_records(self) -> list[dict[str, object]]:
        """Return the comparison as one plain dict in a list (for notebooks)."""
        record = attrs.asdict(self)
        record["measure"] = self.measure.value
        return [record]


def compare(
    current: Observation, previous: Observation, *, per_day: bool = False, places: int = 6
) -> Comparison:
    """Compare *current* with *previous*, the same period one year earlier.

    The periods must line up: *previous* must be ``current.period.year_earlier()``
    (H1 with H1, Q3 with Q3, YTD through 30 June with YTD through 30 June), with the
    same measure, segment and universe. When the periods have different lengths the
    result is flagged; with ``per_day=True`` both figures are divided by their days
    first. A zero previous figure gives an undefined multiple with the reason.

    Args:
        current: The later observation.
        previous: The observation one year earlier.
        per_day: Divide each figure by the days of its period first.
        places: Decimal places of the multiple, percent change and per-day figures.

    Raises:
        ValidationError: If the periods, measures, segments or universes do not line up.

    >>> now = Observation.count("2024-H1", "foreign", "border", "arrivals", 182_000)
    >>> then = Observation.count("2023-H1", "foreign", "border", "arrivals", 181_000)
    >>> c = compare(now, then)
    >>> c.length_mismatch, c.current_days, c.previous_days, c.multiple
    (True, 182, 181, Decimal('1.005525'))
    >>> compare(now, then, per_day=True).multiple
    Decimal('1.000000')
    """
    quantum = _quantum(places)
    _check_aligned(current, previous)
    now, then = current.value, previous.value
    if per_day:
        now = shown(_CTX.divide(now, Decimal(current.period.days)), quantum)
        then = shown(_CTX.divide(then, Decimal(previous.period.days)), quantum)
    multiple: Decimal | None = None
    change: Decimal | None = None
    reason: str | None = None
    if then == 0:
        reason = f"previous {previous.measure.value} is zero: no growth multiple exists"
    else:
        exact = _CTX.divide(now, then)
        multiple = shown(exact, quantum)
        change = shown(_CTX.multiply(_CTX.subtract(exact, _ONE), _HUNDRED), quantum)
    return Comparison(
        measure=current.measure,
        segment=current.segment.label,
        universe=current.universe.value,
        current_period=str(current.period),
        previous_period=str(previous.period),
        current=now,
        previous=then,
        current_days=current.period.days,
        previous_days=previous.period.days,
        length_mismatch=current.period.days != previous.period.days,
        per_day=per_day,
        multiple=multiple,
        percent_change=change,
        undefined=reason,
    )


def _check_aligned(current: Observation, previous: Observation) -> None:
    """Raise unless *previous* is *current*'s figure one year earlier."""
    for name in ("measure", "segment", "universe"):
        if getattr(current, name) != getattr(previous, name):
            raise ValidationError(
                f"previous.{name}",
                _shown(getattr(previous, name)),
                f"must equal current.{name} {_shown(getattr(current, name))} to compare",
            )
    if previous.period != current.period.year_earlier():
        raise ValidationError(
            "previous.period",
            str(previous.period),
            f"must be {current.period.year_earlier()}, the same period one year before "
            f"{current.period} (H1 with H1, YTD with YTD)",
        )
    if current.currency != previous.currency or current.basis != previous.basis:
        raise ValidationError(
            "previous.currency",
            f"{previous.currency} {_shown(previous.basis)}",
            "must have the same currency and price basis as current",
        )


def _shown(value: object) -> str:
    """A measure or universe as written in observations (``border``), a segment's label."""
    return str(value.value) if isinstance(value, enum.Enum) else str(value)
