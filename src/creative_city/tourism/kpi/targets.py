"""A KPI's target and its observations: baseline, target, due date, tolerances.

:class:`Kpi` holds the target and draws its trajectory (:meth:`Kpi.expected`);
:class:`KpiObservation` is one observed value on a date; :class:`Tolerances` are the
stated bands of status and confidence. :meth:`Kpi.status` assesses the KPI on a date
(:mod:`creative_city.tourism.kpi.assessment`).
"""

from __future__ import annotations

import datetime as _dt
import decimal
import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Final

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money import ExchangeRates, Money, to_decimal
from creative_city.operation import SCHEMA_KEY
from creative_city.time import Period, require_date
from creative_city.tourism.indicators.arithmetic import CTX as _CTX
from creative_city.tourism.indicators.arithmetic import places as _places
from creative_city.tourism.indicators.growth import cagr
from creative_city.tourism.kpi.assessment import KpiCheckpoint, KpiStatus, assess
from creative_city.tourism.kpi.trajectories import Trajectory, value_on_path, years_between

__all__ = ["Kpi", "KpiObservation", "Tolerances"]

_TWELVE: Final = Decimal("1E-12")
_AT_LEAST_0: Final = {SCHEMA_KEY: {"minimum": 0}}


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
    bands = tuple(to_decimal(v, f"confidence[{i}]") for i, v in enumerate(value))
    for index, band in enumerate(bands):
        if band < 0:
            raise ValidationError(f"confidence[{index}]", band, "must be >= 0")
    return bands  # type: ignore[return-value]


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

    at_risk: Decimal = attrs.field(default=Decimal(5), converter=_at_risk, metadata=_AT_LEAST_0)
    off_track: Decimal = attrs.field(default=Decimal(15), converter=_off_track)
    confidence: tuple[Decimal, Decimal, Decimal, Decimal] = attrs.field(
        default=(Decimal(1), Decimal("1.25"), Decimal("1.5"), Decimal(2)),
        converter=_to_bands,
        metadata=_AT_LEAST_0,
    )

    def __attrs_post_init__(self) -> None:
        if self.at_risk < 0:
            raise ValidationError("at_risk", self.at_risk, "must be >= 0")
        if self.off_track < self.at_risk:
            raise ValidationError(
                "off_track", self.off_track, f"must be >= at_risk ({self.at_risk})"
            )
        if list(self.confidence) != sorted(self.confidence):  # each is >= 0 (_to_bands)
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
    value: Decimal = attrs.field(converter=_value, metadata=_AT_LEAST_0)

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
    baseline: Decimal = attrs.field(converter=_baseline, metadata=_AT_LEAST_0)
    target: Decimal = attrs.field(converter=_target, metadata=_AT_LEAST_0)
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
        return value_on_path(self.trajectory, self.baseline, self.target, share)

    def trajectory_points(self, dates: Iterable[_dt.date]) -> tuple[tuple[_dt.date, Decimal], ...]:
        """Return ``(date, expected value)`` for each of *dates* (for charts)."""
        return tuple((d, self.expected(d)) for d in dates)

    # -- the status -------------------------------------------------------------------------

    def checkpoint(self, on: _dt.date) -> KpiCheckpoint:
        """Return the status rule on *on*, for judging many values observed then.

        ``kpi.checkpoint(on).status(value)`` is ``kpi.status([KpiObservation(on,
        value)], on).status``, with the trajectory's value computed once: what a sweep
        over thousands of simulated paths needs.

        Raises:
            ValidationError: If *on* is before *baseline_on*.
        """
        return KpiCheckpoint(self, _to_date("on")(on))

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
        _places(places)
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
        return assess(self, latest, as_of, places)
