"""Where a KPI stands on a date: status, delivery confidence and the reason.

:func:`assess` compares the latest observation of a :class:`~creative_city.tourism.Kpi`
with the value its trajectory expects on that date, and the pace still *required* to
reach the target with the *planned* pace. It is what :meth:`Kpi.status
<creative_city.tourism.Kpi.status>` returns; the rules are in the docstring of
:mod:`creative_city.tourism.kpi`.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING, Final

import attrs

from creative_city.errors import LimitExceededError
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import HUNDRED as _HUNDRED
from creative_city.tourism.indicators.arithmetic import shown as _shown
from creative_city.tourism.indicators.growth import cagr
from creative_city.tourism.kpi.trajectories import Trajectory, years_between

if TYPE_CHECKING:
    from creative_city.tourism.kpi.targets import Kpi, KpiObservation, Tolerances

__all__ = ["Confidence", "KpiCheckpoint", "KpiStatus", "Status"]


class Status(enum.Enum):
    """Whether a KPI is on its trajectory."""

    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    OFF_TRACK = "off_track"


class Confidence(enum.Enum):
    """Five-level delivery confidence, from green to red."""

    GREEN = "green"
    AMBER_GREEN = "amber/green"
    AMBER = "amber"
    AMBER_RED = "amber/red"
    RED = "red"


@attrs.frozen
class KpiStatus:
    """Where a KPI stands on a date. Decimals are rounded half-even to *places*.

    Attributes:
        name: The KPI's name.
        unit: The KPI's unit.
        as_of: The date of the assessment.
        latest_on: The date of the latest observation on or before *as_of* (the
            baseline date when there is none).
        latest_value: Its value (the baseline when there is none).
        expected_value: The trajectory's value on *latest_on*.
        gap: ``latest_value - expected_value`` (negative is behind, for a rising target).
        deviation_percent: The gap as a percentage of the expected value, signed so that
            negative means behind (for falling targets too); ``None`` at or beyond
            +-10**15 (an expected value near zero).
        achieved: Whether the latest value has reached the target.
        years_left: Years from *latest_on* to the due date.
        planned_cagr: The compound annual rate from baseline to target (``None`` when a
            base is zero).
        required_cagr: The compound annual rate still needed from the latest value
            (``None`` when undefined: due date passed, a zero latest value, or a rate
            at or beyond 10**15, which no plan can deliver).
        pace_ratio: Required pace / planned pace on the KPI's trajectory (``None`` when
            undefined).
        status: On track, at risk or off track.
        confidence: Green, amber/green, amber, amber/red or red.
        reason: One sentence explaining the status.
        places: The decimal places used.
    """

    name: str
    unit: str
    as_of: _dt.date
    latest_on: _dt.date
    latest_value: Decimal
    expected_value: Decimal
    gap: Decimal
    deviation_percent: Decimal | None
    achieved: bool
    years_left: Decimal
    planned_cagr: Decimal | None
    required_cagr: Decimal | None
    pace_ratio: Decimal | None
    status: Status
    confidence: Confidence
    reason: str
    places: int

    def to_records(self) -> list[dict[str, object]]:
        """Return the status as one plain dict in a list (enums as their values)."""
        record = attrs.asdict(self)
        record["status"] = self.status.value
        record["confidence"] = self.confidence.value
        return [record]

    def __repr__(self) -> str:
        return (
            f"<KpiStatus {self.name!r} as of {self.as_of}: {self.status.value}, "
            f"{self.confidence.value}; latest {self.latest_value} {self.unit} on "
            f"{self.latest_on} vs expected {self.expected_value}>"
        )


@attrs.frozen
class _Position:
    # The figures of one assessment, before rounding.
    expected: Decimal
    gap: Decimal
    deviation: Decimal
    achieved: bool
    late: bool
    years_left: Decimal
    planned: Decimal | None
    required: Decimal | None
    pace: Decimal | None


def assess(kpi: Kpi, latest: KpiObservation, as_of: _dt.date, places: int) -> KpiStatus:
    """Return the status of *kpi* on *as_of* from its *latest* observation.

    *latest* is on or before *as_of* and not before the baseline date; *places* is a
    valid number of decimal places (:meth:`Kpi.status <creative_city.tourism.Kpi.status>`
    checks both).
    """
    position = _position(kpi, latest, as_of)
    status = _status(position, kpi.tolerances)
    quantum = Decimal(1).scaleb(-places)

    def q(value: Decimal) -> Decimal:
        # A figure that rounds to zero is 0, never -0 (an exact zero deviation on a
        # falling target's path, or a tiny negative gap): _shown drops the sign.
        try:
            return _shown(value, quantum)  # in CTX, the context every figure uses
        except decimal.InvalidOperation:  # more digits than the context holds
            raise LimitExceededError(
                "places",
                places,
                f"a figure of {value.adjusted() + 1} integer digits does not fit "
                f"{_CTX.prec} digits at {places} places: ask for fewer places",
            ) from None

    return KpiStatus(
        name=kpi.name,
        unit=kpi.unit,
        as_of=as_of,
        latest_on=latest.on,
        latest_value=q(latest.value),
        expected_value=q(position.expected),
        gap=q(position.gap),
        deviation_percent=_capped(position.deviation, q),
        achieved=position.achieved,
        years_left=q(position.years_left),
        planned_cagr=_capped(position.planned, q),
        required_cagr=_capped(position.required, q),
        pace_ratio=_capped(position.pace, q),
        status=status,
        confidence=_confidence(kpi, position, status),
        reason=_reason(kpi, latest, position),
        places=places,
    )


def _position(kpi: Kpi, latest: KpiObservation, as_of: _dt.date) -> _Position:
    direction = _direction(kpi)
    expected = kpi.expected(latest.on)
    gap = _CTX.subtract(latest.value, expected)
    achieved = _reached(kpi, latest.value, direction)
    years_left = years_between(latest.on, kpi.due)
    planned = kpi.planned_cagr
    required: Decimal | None = None
    if years_left > 0 and latest.value > 0 and kpi.target > 0:
        required = cagr(latest.value, kpi.target, years_left)
    return _Position(
        expected=expected,
        gap=gap,
        deviation=_deviation(gap, direction, expected),
        achieved=achieved,
        late=as_of >= kpi.due and not achieved,
        years_left=years_left,
        planned=planned,
        required=required,
        pace=_pace(kpi, latest, years_left, required, planned),
    )


def _direction(kpi: Kpi) -> int:
    """+1 for a rising target (or one held level), -1 for a falling one."""
    return ((kpi.target > kpi.baseline) - (kpi.target < kpi.baseline)) or 1


def _reached(kpi: Kpi, value: Decimal, direction: int) -> bool:
    # Comparisons only: exact in any decimal context.
    return value >= kpi.target if direction > 0 else value <= kpi.target


def _deviation(gap: Decimal, direction: int, expected: Decimal) -> Decimal:
    """The gap as a signed percentage of *expected* (negative is behind)."""
    if expected != 0:
        return _CTX.divide(_CTX.multiply(_CTX.multiply(gap, _HUNDRED), direction), expected)
    return Decimal(0) if (gap >= 0) == (direction > 0) or gap == 0 else Decimal(-100)


@attrs.frozen
class KpiCheckpoint:
    """The status rule of one KPI on one date, for judging many values (a sweep).

    For a value observed on *on* and judged on that date, :meth:`status` and
    :meth:`achieved` answer what :meth:`Kpi.status <creative_city.tourism.Kpi.status>`
    answers in its ``status`` and ``achieved`` fields, by the same rules; the
    trajectory's value on *on* is computed once, and nothing else (no rates, no
    confidence, no reason) is. Made by :meth:`Kpi.checkpoint
    <creative_city.tourism.Kpi.checkpoint>`.

    Attributes:
        kpi: The KPI.
        on: The date the values are observed and judged on.
        expected: The trajectory's value on *on*.

    >>> import datetime as dt
    >>> from creative_city.tourism import Kpi
    >>> due, baseline_on = dt.date(2030, 12, 31), dt.date(2020, 12, 31)
    >>> kpi = Kpi("visitors", "k", 100, 200, due, baseline_on=baseline_on)
    >>> checkpoint = kpi.checkpoint(dt.date(2025, 12, 31))
    >>> [checkpoint.status(Decimal(v)).value for v in ("141", "130", "120")]
    ['on_track', 'at_risk', 'off_track']
    """

    kpi: Kpi
    on: _dt.date
    expected: Decimal = attrs.field(init=False)
    _direction: int = attrs.field(init=False, repr=False)

    def __attrs_post_init__(self) -> None:
        # attrs' documented way to set derived fields of a frozen class.
        object.__setattr__(self, "expected", self.kpi.expected(self.on))
        object.__setattr__(self, "_direction", _direction(self.kpi))

    def achieved(self, value: Decimal) -> bool:
        """Return whether *value* has reached the target."""
        return _reached(self.kpi, value, self._direction)

    def status(self, value: Decimal) -> Status:
        """Return the status of *value*, observed and judged on :attr:`on`."""
        achieved = self.achieved(value)
        gap = _CTX.subtract(value, self.expected)
        return _verdict(
            achieved=achieved,
            late=self.on >= self.kpi.due and not achieved,
            deviation=_deviation(gap, self._direction, self.expected),
            tolerances=self.kpi.tolerances,
        )


def _pace(
    kpi: Kpi,
    latest: KpiObservation,
    years_left: Decimal,
    required: Decimal | None,
    planned: Decimal | None,
) -> Decimal | None:
    """Return the required pace over the planned pace, on the KPI's trajectory, or None."""
    if years_left <= 0:
        return None
    if kpi.trajectory is Trajectory.COMPOUND:
        if required is None or not planned:
            return None
        return _CTX.divide(required, planned)
    if kpi.target == kpi.baseline:  # hold the level: no pace
        return None
    needed = _CTX.divide(_CTX.subtract(kpi.target, latest.value), years_left)
    return _CTX.divide(needed, kpi.planned_per_year)


def _status(position: _Position, tolerances: Tolerances) -> Status:
    return _verdict(
        achieved=position.achieved,
        late=position.late,
        deviation=position.deviation,
        tolerances=tolerances,
    )


def _verdict(*, achieved: bool, late: bool, deviation: Decimal, tolerances: Tolerances) -> Status:
    if achieved:
        return Status.ON_TRACK
    # copy_negate, not unary minus: exact, whatever the caller's decimal context.
    if late or deviation < tolerances.off_track.copy_negate():
        return Status.OFF_TRACK
    if deviation < tolerances.at_risk.copy_negate():
        return Status.AT_RISK
    return Status.ON_TRACK


_HOLD_CONFIDENCE: Final = {
    Status.ON_TRACK: Confidence.GREEN,
    Status.AT_RISK: Confidence.AMBER,
    Status.OFF_TRACK: Confidence.RED,
}
_LEVELS: Final = (Confidence.GREEN, Confidence.AMBER_GREEN, Confidence.AMBER, Confidence.AMBER_RED)


def _confidence(kpi: Kpi, position: _Position, status: Status) -> Confidence:
    pace = position.pace
    if position.achieved:
        return Confidence.GREEN
    if position.late or (pace is None and kpi.target != kpi.baseline):
        return Confidence.RED
    if pace is None:  # a "hold the level" target: no pace, so follow the status
        return _HOLD_CONFIDENCE[status]
    bounds = kpi.tolerances.confidence
    return next(
        (level for level, bound in zip(_LEVELS, bounds, strict=True) if pace <= bound),
        Confidence.RED,
    )


_CAP: Final = Decimal(10) ** 15


def _capped(value: Decimal | None, q: Callable[[Decimal], Decimal]) -> Decimal | None:
    if value is None or value.copy_abs() >= _CAP:  # copy_abs: exact, in any context
        return None
    return q(value)


def _reason(kpi: Kpi, latest: KpiObservation, position: _Position) -> str:
    shown = f"{latest.value} {kpi.unit} on {latest.on.isoformat()}"
    if position.achieved:
        return f"target {kpi.target} {kpi.unit} reached: {shown}"
    if position.late:
        return f"due {kpi.due.isoformat()} passed with {shown}, short of {kpi.target}"
    deviation = position.deviation
    # copy_abs, not abs(): abs() rounds in the caller's decimal context.
    where = (
        f"{_places(deviation.copy_abs(), 1)}% "
        f"{'behind' if deviation < 0 else 'ahead of'} the {kpi.trajectory.value} trajectory "
        f"({_places(position.expected, 2)})"
    )
    if position.required is None:
        return f"{shown} is {where}; no growth rate can reach {kpi.target} from it"
    pace_text = "" if position.pace is None else f", {_places(position.pace, 2)}x the planned pace"
    rate = _places(_CTX.multiply(position.required, _HUNDRED), 1)
    return (
        f"{shown} is {where}; needs {rate}% a year to reach {kpi.target} by "
        f"{kpi.due.isoformat()}{pace_text}"
    )


def _places(value: Decimal, places: int) -> str:
    """Write *value* with *places* decimals, half to even, whatever its size.

    ``quantize`` refuses a result with more digits than the context's precision (a
    growth rate of 10**40 % from a tiny baseline), so the digits are rounded with
    integers instead.
    """
    sign, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):  # NaN or infinity cannot reach a reason
        return str(value)
    units = int("".join(map(str, digits)) or "0")
    shift = exponent + places
    if shift >= 0:
        units *= 10**shift
    else:
        quotient, remainder = divmod(units, 10**-shift)
        half = 10**-shift
        if 2 * remainder > half or (2 * remainder == half and quotient % 2):
            quotient += 1
        units = quotient
    text = str(units).rjust(places + 1, "0")
    whole, fraction = (text[:-places], text[-places:]) if places else (text, "")
    return ("-" if sign else "") + whole + ("." + fraction if places else "")
