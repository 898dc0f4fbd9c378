"""KPI targets: a baseline, a target due on a date, observations, trajectories and status.

A :class:`Kpi` draws a path from its baseline to its target: *compound* (constant
growth rate, the default for money and visitor flows) or *linear* (constant change
per year). :meth:`Kpi.expected` gives the value the path expects on any date;
:meth:`Kpi.status` compares the latest observation with it and returns a
:class:`KpiStatus`.

Status, by the KPI's :class:`Tolerances` (defaults: 5 % and 15 %):

* **on track**: the target is reached, or the latest value is at most
  ``at_risk`` percent short of the expected value on its date;
* **at risk**: short by more than ``at_risk`` but at most ``off_track`` percent;
* **off track**: short by more than ``off_track`` percent, or the due date has
  passed without the target being reached.

Delivery confidence (five levels, as in the UK Infrastructure and Projects Authority's
rating scale) compares the pace still *required* from the latest observation to the
*planned* pace (required CAGR / planned CAGR for a compound path, required change per
year / planned change per year for a linear one), with thresholds ``(1, 1.25, 1.5, 2)``:
**green** at or under 1 (on or ahead of plan, or achieved), **amber/green** up to 1.25,
**amber** up to 1.5, **amber/red** up to 2, **red** beyond 2 or when the target can no
longer be reached in time (due date passed, or a zero latest value on a compound path).
A target equal to its baseline (hold the level) has no pace: its confidence follows the
status (green, amber, red).

Worked example (Zakon.kz, 12 September 2022): tourism investment grew 1.7 times in
five years to 100 bn KZT, so a base of 100 / 1.7 = 58.8 bn and about 11.2 % a year.

>>> import datetime as dt
>>> kpi = Kpi(
...     "tourism investment",
...     "bn KZT",
...     "58.8235",
...     "100",
...     dt.date(2022, 1, 1),
...     baseline_on=dt.date(2017, 1, 1),
... )
>>> round(kpi.planned_cagr, 4), round(kpi.expected(dt.date(2022, 1, 1)), 4)
(Decimal('0.1120'), Decimal('100.0000'))
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from fractions import Fraction
from typing import Final

import attrs
from dateutil.relativedelta import relativedelta

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money import ExchangeRates, Money, to_decimal
from creative_city.time import Period, require_date
from creative_city.tourism.indicators import PRECISION, cagr

__all__ = [
    "Confidence",
    "Kpi",
    "KpiObservation",
    "KpiStatus",
    "Status",
    "Tolerances",
    "Trajectory",
    "years_between",
]

_CTX: Final = decimal.Context(
    prec=PRECISION,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_HUNDRED: Final = Decimal(100)
_TWELVE: Final = Decimal("1E-12")


class Trajectory(enum.Enum):
    """The path from baseline to target."""

    LINEAR = "linear"
    """Equal change each year: ``baseline + (target - baseline) x t / T``."""
    COMPOUND = "compound"
    """Equal growth rate each year: ``baseline x (target / baseline) ** (t / T)``."""


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


def _to_decimal(field: str) -> Callable[[object], Decimal]:
    def convert(value: object) -> Decimal:
        return to_decimal(value, field)

    return convert


def _to_date(field: str) -> Callable[[object], _dt.date]:
    def convert(value: object) -> _dt.date:
        if isinstance(value, str):
            try:
                return _dt.date.fromisoformat(value)
            except ValueError:
                raise ValidationError(field, value, "must be an ISO date YYYY-MM-DD") from None
        return require_date(value, field)

    return convert


def _to_enum(kind: type[enum.Enum], field: str) -> Callable[[object], enum.Enum]:
    def convert(value: object) -> enum.Enum:
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except ValueError:
            choices = ", ".join(repr(m.value) for m in kind)
            raise ValidationError(field, value, f"must be one of {choices}") from None

    return convert


def _to_bands(value: object) -> tuple[Decimal, Decimal, Decimal, Decimal]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (tuple, list)) or len(value) != 4:
        raise ValidationError("confidence", value, "must be four ascending pace ratios")
    return tuple(to_decimal(v, f"confidence[{i}]") for i, v in enumerate(value))  # type: ignore[return-value]


def _at_risk(value: object) -> Decimal:
    return _to_decimal("at_risk")(value)


def _off_track(value: object) -> Decimal:
    return _to_decimal("off_track")(value)


def _on(value: object) -> _dt.date:
    return _to_date("on")(value)


def _value(value: object) -> Decimal:
    return _to_decimal("value")(value)


def _baseline(value: object) -> Decimal:
    return _to_decimal("baseline")(value)


def _target(value: object) -> Decimal:
    return _to_decimal("target")(value)


def _due(value: object) -> _dt.date:
    return _to_date("due")(value)


def _baseline_on(value: object) -> _dt.date:
    return _to_date("baseline_on")(value)


def _trajectory(value: object) -> Trajectory:
    return _to_enum(Trajectory, "trajectory")(value)  # type: ignore[return-value]


@attrs.frozen
class Tolerances:
    """The stated tolerances of a KPI's status and confidence.

    Attributes:
        at_risk: Percent short of the expected value beyond which the KPI is at risk.
        off_track: Percent short beyond which it is off track (>= *at_risk*).
        confidence: Upper bounds of the pace ratio (required / planned pace) for
            green, amber/green, amber and amber/red; above the last is red.
    """

    at_risk: Decimal = attrs.field(default=Decimal(5), converter=_at_risk)
    off_track: Decimal = attrs.field(default=Decimal(15), converter=_off_track)
    confidence: tuple[Decimal, Decimal, Decimal, Decimal] = attrs.field(
        default=(Decimal(1), Decimal("1.25"), Decimal("1.5"), Decimal(2)), converter=_to_bands
    )

    def __attrs_post_init__(self) -> None:
        if self.at_risk < 0:
            raise ValidationError("at_risk", self.at_risk, "must be >= 0")
        if self.off_track < self.at_risk:
            raise ValidationError(
                "off_track", self.off_track, f"must be >= at_risk ({self.at_risk})"
            )
        if list(self.confidence) != sorted(self.confidence) or self.confidence[0] < 0:
            raise ValidationError(
                "confidence", [str(c) for c in self.confidence], "must be ascending and >= 0"
            )


@attrs.frozen
class KpiObservation:
    """One observed value of a KPI on a date (in the KPI's unit).

    Attributes:
        on: The date the value refers to (e.g. the last day of the year observed).
        value: The value (>= 0).
    """

    on: _dt.date = attrs.field(converter=_on)
    value: Decimal = attrs.field(converter=_value)

    def __attrs_post_init__(self) -> None:
        if self.value < 0:
            raise ValidationError("value", self.value, "KPI values must be >= 0")

    @classmethod
    def from_money(
        cls,
        on: _dt.date,
        amount: Money,
        *,
        rates: ExchangeRates,
        currency: str,
        period: Period,
        scale: int | Decimal = 1,
    ) -> KpiObservation:
        """Return an observation of *amount* converted to *currency* at the period-average rate.

        Flows such as exports or investment over *period* convert at the average of
        the daily rates in force (:meth:`~creative_city.money.ExchangeRates.average_rate`),
        rounded half-even to the currency's minor units, then divided by *scale*
        (``10**6`` for a KPI in "USD million") and rounded half-even to 12 places.
        """
        converted = rates.convert_at_average(
            amount, currency, period=period, rounding=decimal.ROUND_HALF_EVEN
        )
        divisor = to_decimal(scale, "scale")
        if divisor <= 0:
            raise ValidationError("scale", divisor, "must be > 0")
        return cls(on, _CTX.divide(converted.amount, divisor).quantize(_TWELVE, context=_CTX))


def years_between(start: _dt.date, end: _dt.date) -> Decimal:
    """Return the years from *start* to *end*: whole anniversaries plus a day fraction.

    Whole years are counted by calendar anniversary (2017-01-01 to 2022-01-01 is
    exactly 5); the rest is days over the length of the following year (365 or 366).
    Negative when *end* is before *start*.

    >>> round(years_between(_dt.date(2017, 1, 1), _dt.date(2022, 7, 2)), 6)  # 5 + 182/365
    Decimal('5.498630')
    """
    start = require_date(start, "start")
    end = require_date(end, "end")
    if end < start:
        return -years_between(end, start)
    whole = end.year - start.year
    if start + relativedelta(years=whole) > end:
        whole -= 1
    anchor = start + relativedelta(years=whole)
    following = start + relativedelta(years=whole + 1)
    fraction = Fraction((end - anchor).days, (following - anchor).days)
    return _CTX.add(
        Decimal(whole), _CTX.divide(Decimal(fraction.numerator), Decimal(fraction.denominator))
    )


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
            negative means behind (for falling targets too); ``None`` beyond
            +-10**15 (an expected value near zero).
        achieved: Whether the latest value has reached the target.
        years_left: Years from *latest_on* to the due date.
        planned_cagr: The compound annual rate from baseline to target (``None`` when a
            base is zero).
        required_cagr: The compound annual rate still needed from the latest value
            (``None`` when undefined: due date passed, a zero latest value, or a rate
            beyond 10**15, which no plan can deliver).
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
class Kpi:
    """A target: *baseline* on *baseline_on*, *target* due on *due*.

    Attributes:
        name: What is measured ("tourism investment").
        unit: Its unit ("bn KZT", "USD million", "percent of GRP").
        baseline: The value on *baseline_on* (> 0 for a compound trajectory).
        target: The value to reach by *due*.
        due: The due date (after *baseline_on*).
        baseline_on: The date of the baseline.
        trajectory: Compound (default) or linear path.
        tolerances: The status tolerances and confidence thresholds.
        source: Where the target comes from, for reports.

    Raises:
        ValidationError: If *due* is not after *baseline_on*, or a compound path has a
            zero baseline or target.
    """

    name: str = attrs.field(validator=attrs.validators.instance_of(str))
    unit: str = attrs.field(validator=attrs.validators.instance_of(str))
    baseline: Decimal = attrs.field(converter=_baseline)
    target: Decimal = attrs.field(converter=_target)
    due: _dt.date = attrs.field(converter=_due)
    baseline_on: _dt.date = attrs.field(kw_only=True, converter=_baseline_on)
    trajectory: Trajectory = attrs.field(
        kw_only=True,
        default=Trajectory.COMPOUND,
        converter=_trajectory,
    )
    tolerances: Tolerances = attrs.field(kw_only=True, factory=Tolerances)
    source: str | None = attrs.field(kw_only=True, default=None)

    def __attrs_post_init__(self) -> None:
        if self.due <= self.baseline_on:
            raise ValidationError(
                "due",
                self.due.isoformat(),
                f"must be after baseline_on {self.baseline_on.isoformat()} "
                "(a target falls due after its baseline)",
            )
        if self.baseline < 0 or self.target < 0:
            field = "baseline" if self.baseline < 0 else "target"
            raise ValidationError(field, getattr(self, field), "must be >= 0")
        if self.trajectory is Trajectory.COMPOUND:
            for field in ("baseline", "target"):
                if getattr(self, field) == 0:
                    raise ValidationError(
                        field,
                        getattr(self, field),
                        "a compound trajectory needs a positive value (use a linear one)",
                    )
        if not isinstance(self.tolerances, Tolerances):
            raise InvalidTypeError("tolerances", self.tolerances, "must be Tolerances")

    # -- the path -----------------------------------------------------------------------

    @property
    def span(self) -> Decimal:
        """Years from *baseline_on* to *due*."""
        return years_between(self.baseline_on, self.due)

    @property
    def planned_cagr(self) -> Decimal | None:
        """The compound annual growth rate from baseline to target (``None`` if base is 0)."""
        if self.baseline == 0:
            return None
        return cagr(self.baseline, self.target, self.span)

    @property
    def planned_per_year(self) -> Decimal:
        """The linear change per year from baseline to target."""
        return _CTX.divide(_CTX.subtract(self.target, self.baseline), self.span)

    def expected(self, on: _dt.date) -> Decimal:
        """Return the trajectory's value on *on* (the target from *due* on).

        Raises:
            ValidationError: If *on* is before *baseline_on*.
        """
        on = _to_date("on")(on)
        if on < self.baseline_on:
            raise ValidationError(
                "on", on.isoformat(), f"is before baseline_on {self.baseline_on.isoformat()}"
            )
        if on >= self.due:
            return self.target
        share = _CTX.divide(years_between(self.baseline_on, on), self.span)
        if self.trajectory is Trajectory.LINEAR:
            return _CTX.add(
                self.baseline, _CTX.multiply(_CTX.subtract(self.target, self.baseline), share)
            )
        ratio = _CTX.divide(self.target, self.baseline)
        return _CTX.multiply(self.baseline, _CTX.power(ratio, share))

    def trajectory_points(self, dates: Iterable[_dt.date]) -> tuple[tuple[_dt.date, Decimal], ...]:
        """Return ``(date, expected value)`` for each of *dates* (for charts)."""
        return tuple((d, self.expected(d)) for d in dates)

    # -- the status -------------------------------------------------------------------------

    def status(
        self, observations: Iterable[KpiObservation], as_of: _dt.date, *, places: int = 6
    ) -> KpiStatus:
        """Return where the KPI stands on *as_of*, from the latest observation up to then.

        Observations after *as_of* or before the baseline date are ignored; with none
        left, the baseline stands as the latest value.

        Args:
            observations: Observed values.
            as_of: The assessment date (not before *baseline_on*).
            places: Decimal places of the returned figures (default 6).

        Raises:
            ValidationError: If *as_of* is before the baseline, or two observations
                share a date.
        """
        as_of = _to_date("as_of")(as_of)
        if not isinstance(places, int) or isinstance(places, bool) or not 0 <= places <= 30:
            raise ValidationError("places", places, "must be an int from 0 to 30")
        if as_of < self.baseline_on:
            raise ValidationError(
                "as_of",
                as_of.isoformat(),
                f"is before baseline_on {self.baseline_on.isoformat()}",
            )
        latest = KpiObservation(self.baseline_on, self.baseline)
        seen: set[_dt.date] = set()
        for index, obs in enumerate(observations):
            if not isinstance(obs, KpiObservation):
                raise InvalidTypeError(f"observations[{index}]", obs, "must be a KpiObservation")
            if obs.on in seen:
                raise ValidationError(
                    f"observations[{index}].on", obs.on.isoformat(), "two observations share a date"
                )
            seen.add(obs.on)
            if self.baseline_on <= obs.on <= as_of and obs.on >= latest.on:
                latest = obs
        return _assess(self, latest, as_of, places)


def _direction(kpi: Kpi) -> int:
    return (kpi.target > kpi.baseline) - (kpi.target < kpi.baseline)


def _assess(kpi: Kpi, latest: KpiObservation, as_of: _dt.date, places: int) -> KpiStatus:
    quantum = Decimal(1).scaleb(-places)

    def q(value: Decimal) -> Decimal:
        return value.quantize(quantum, context=_CTX)

    direction = _direction(kpi) or 1
    expected = kpi.expected(latest.on)
    gap = _CTX.subtract(latest.value, expected)
    if expected != 0:
        deviation = _CTX.divide(_CTX.multiply(gap, _HUNDRED * direction), expected)
    else:
        deviation = Decimal(0) if gap * direction >= 0 else Decimal(-100)
    achieved = (latest.value - kpi.target) * direction >= 0
    years_left = years_between(latest.on, kpi.due)
    planned = kpi.planned_cagr
    required: Decimal | None = None
    if years_left > 0 and latest.value > 0 and kpi.target > 0:
        required = cagr(latest.value, kpi.target, years_left)
    pace: Decimal | None = None
    if years_left > 0:
        if kpi.trajectory is Trajectory.COMPOUND:
            if required is not None and planned:
                pace = _CTX.divide(required, planned)
        elif kpi.target != kpi.baseline:
            needed = _CTX.divide(_CTX.subtract(kpi.target, latest.value), years_left)
            pace = _CTX.divide(needed, kpi.planned_per_year)
    tol = kpi.tolerances
    late = as_of >= kpi.due and not achieved
    if achieved:
        status = Status.ON_TRACK
    elif late or deviation < -tol.off_track:
        status = Status.OFF_TRACK
    elif deviation < -tol.at_risk:
        status = Status.AT_RISK
    else:
        status = Status.ON_TRACK
    if achieved:
        confidence = Confidence.GREEN
    elif late or (pace is None and kpi.target != kpi.baseline):
        confidence = Confidence.RED
    elif pace is None:  # a "hold the level" target: no pace, so follow the status
        confidence = _HOLD_CONFIDENCE[status]
    else:
        levels = (Confidence.GREEN, Confidence.AMBER_GREEN, Confidence.AMBER, Confidence.AMBER_RED)
        confidence = next(
            (level for level, bound in zip(levels, tol.confidence, strict=True) if pace <= bound),
            Confidence.RED,
        )
    reason = _reason(kpi, latest, expected, deviation, achieved, late, required, pace)
    return KpiStatus(
        name=kpi.name,
        unit=kpi.unit,
        as_of=as_of,
        latest_on=latest.on,
        latest_value=q(latest.value),
        expected_value=q(expected),
        gap=q(gap),
        deviation_percent=_capped(deviation, q),
        achieved=achieved,
        years_left=q(years_left),
        planned_cagr=_capped(planned, q),
        required_cagr=_capped(required, q),
        pace_ratio=_capped(pace, q),
        status=status,
        confidence=confidence,
        reason=reason,
        places=places,
    )


_CAP: Final = Decimal(10) ** 15
_HOLD_CONFIDENCE: Final = {
    Status.ON_TRACK: Confidence.GREEN,
    Status.AT_RISK: Confidence.AMBER,
    Status.OFF_TRACK: Confidence.RED,
}


def _capped(value: Decimal | None, q: Callable[[Decimal], Decimal]) -> Decimal | None:
    if value is None or abs(value) >= _CAP:
        return None
    return q(value)


def _reason(  # noqa: PLR0917 - a private formatter of one status
    kpi: Kpi,
    latest: KpiObservation,
    expected: Decimal,
    deviation: Decimal,
    achieved: bool,
    late: bool,
    required: Decimal | None,
    pace: Decimal | None,
) -> str:
    shown = f"{latest.value} {kpi.unit} on {latest.on.isoformat()}"
    if achieved:
        return f"target {kpi.target} {kpi.unit} reached: {shown}"
    if late:
        return f"due {kpi.due.isoformat()} passed with {shown}, short of {kpi.target}"
    where = (
        f"{abs(deviation).quantize(Decimal('0.1'), context=_CTX)}% "
        f"{'behind' if deviation < 0 else 'ahead of'} the {kpi.trajectory.value} trajectory "
        f"({expected.quantize(Decimal('0.01'), context=_CTX)})"
    )
    if required is None:
        return f"{shown} is {where}; no growth rate can reach {kpi.target} from it"
    pace_text = (
        ""
        if pace is None
        else f", {pace.quantize(Decimal('0.01'), context=_CTX)}x the planned pace"
    )
    rate = (required * 100).quantize(Decimal("0.1"), context=_CTX)
    return (
        f"{shown} is {where}; needs {rate}% a year to reach {kpi.target} by "
        f"{kpi.due.isoformat()}{pace_text}"
    )
