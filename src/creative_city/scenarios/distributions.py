"""The forms a scenario parameter takes, and how each is sampled exactly.

Seven forms, tagged by ``"type"`` in JSON:

| form | fields | a sample |
|---|---|---|
| :class:`Fixed` | value | always *value* |
| :class:`Uniform` | low, high, places | any value of *places* decimals in range |
| :class:`Normal` | mean, sd, low, high, places | normal, truncated to the range |
| :class:`Lognormal` | mu, sigma, low, high, places, shift | shift + exp(mu + sigma Z) |
| :class:`Triangular` | low, mode, high, places | by the inverse distribution function |
| :class:`Empirical` | values | one of the observations (bootstrap) |
| :class:`Grid` | values | not sampled: every combination runs |

Every random form is bounded, and a sample is rounded half-even to ``places`` decimals
(the spec's declared precision) before any model sees it, so the exact models get exact
Decimals. Bounds must have at most ``places`` decimals, so a rounded sample stays inside
them. Truncation redraws from the same stream: the bounds must hold at least 1 % of the
distribution (checked when the parameter is built).

Reproducible to the last digit on every platform: uniform numbers come from the
sample's :class:`~creative_city.scenarios.streams.Stream`; the normal quantile is
Wichura's algorithm AS241 (Applied Statistics 37(3), 1988) evaluated with IEEE-754
additions, multiplications, divisions and square roots only (correctly rounded
everywhere), its logarithm and the lognormal's exponential in :mod:`decimal`
(correctly rounded too), never with the platform's ``log`` or ``exp``.

>>> from creative_city.scenarios.streams import Stream
>>> growth = Normal(mean="0.10", sd="0.05", low="-0.2", high="0.4", places=4)
>>> growth.sample(Stream(7, 0, "growth"))
Decimal('0.1544')
>>> Uniform(low=0, high=90, places=0).sample(Stream(7, 0, "delay"))
Decimal('4')
"""

from __future__ import annotations

import decimal
import math
import statistics
from decimal import Decimal
from typing import Final, Union

import attrs

from creative_city.errors import (
    InvalidStateError,
    InvalidTypeError,
    LimitExceededError,
    ValidationError,
)
from creative_city.money import to_decimal
from creative_city.operation import SCHEMA_KEY, states
from creative_city.scenarios.streams import Stream
from creative_city.serialization import MAX_ITEMS, register_tagged_union

__all__ = [
    "MAX_GRID_VALUES",
    "MAX_PLACES",
    "Empirical",
    "Fixed",
    "Grid",
    "Lognormal",
    "Normal",
    "Triangular",
    "Uniform",
]

MAX_PLACES: Final = 12
"""The most decimal places a parameter may declare."""

MAX_GRID_VALUES: Final = 1000
"""The most values a grid parameter may list."""

_MAX_MU: Final = 100
_MAX_SIGMA: Final = 10
_MIN_MASS: Final = 0.01
_MAX_ATTEMPTS: Final = 10_000
_CTX: Final = decimal.Context(
    prec=40,
    rounding=decimal.ROUND_HALF_EVEN,
    traps=[decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow],
)
_LN: Final = decimal.Context(prec=25, rounding=decimal.ROUND_HALF_EVEN)
_EXP: Final = decimal.Context(
    prec=25, rounding=decimal.ROUND_HALF_EVEN, traps=[decimal.InvalidOperation, decimal.Overflow]
)


# -- field converters and checks ------------------------------------------------------


def _number(value: object, field: str) -> Decimal:
    number = to_decimal(value, field)
    if not number.is_finite():
        raise ValidationError(field, str(value), "must be a finite number")
    return number


def _numbers(value: object, field: str, limit: int) -> tuple[Decimal, ...]:
    if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
        raise InvalidTypeError(field, value, "must be a list of decimal strings")
    if not 1 <= len(value) <= limit:
        raise ValidationError(field, f"<{len(value)} values>", f"must hold 1 to {limit} values")
    return tuple(_number(item, f"{field}[{i}]") for i, item in enumerate(value))


def _to_high(value: object) -> Decimal:
    return _number(value, "high")


def _to_low(value: object) -> Decimal:
    return _number(value, "low")


def _to_mean(value: object) -> Decimal:
    return _number(value, "mean")


def _to_mode(value: object) -> Decimal:
    return _number(value, "mode")


def _to_mu(value: object) -> Decimal:
    return _number(value, "mu")


def _to_sd(value: object) -> Decimal:
    return _number(value, "sd")


def _to_shift(value: object) -> Decimal:
    return _number(value, "shift")


def _to_sigma(value: object) -> Decimal:
    return _number(value, "sigma")


def _to_value(value: object) -> Decimal:
    return _number(value, "value")


def _to_observations(value: object) -> tuple[Decimal, ...]:
    return _numbers(value, "values", MAX_ITEMS)


def _to_grid_values(value: object) -> tuple[Decimal, ...]:
    return _numbers(value, "values", MAX_GRID_VALUES)


@states(minimum=0, maximum=MAX_PLACES)
def _check_places(_: object, attribute: attrs.Attribute[int], value: int) -> None:
    if type(value) is not int or not 0 <= value <= MAX_PLACES:
        raise ValidationError(attribute.name, value, f"must be an int from 0 to {MAX_PLACES}")


def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


def _fits(value: Decimal, places: int, field: str) -> None:
    if value != value.quantize(_quantum(places), context=_CTX):
        raise ValidationError(field, str(value), f"must have at most {places} decimal places")


def _rounded(value: Decimal, places: int) -> Decimal:
    rounded = value.quantize(_quantum(places), context=_CTX)
    return rounded or rounded.copy_abs()  # a draw that rounds to zero is 0, never -0


def _check_range(low: Decimal, high: Decimal, places: int) -> None:
    if not low < high:
        raise ValidationError("high", str(high), f"must be above low ({low})")
    _fits(low, places, "low")
    _fits(high, places, "high")


def _check_mass(low: float, high: float, field: str) -> None:
    """Check that the standard normal puts at least 1 % between *low* and *high*."""
    mass = statistics.NormalDist().cdf(high) - statistics.NormalDist().cdf(low)
    if not mass >= _MIN_MASS:
        raise ValidationError(
            field,
            f"{mass:.2e}",
            f"the bounds must hold at least {_MIN_MASS:.0%} of the distribution",
        )


# -- the normal quantile (AS241) ---------------------------------------------------------

_CENTRAL_NUM: Final = (
    2.5090809287301226727e3,
    3.3430575583588128105e4,
    6.7265770927008700853e4,
    4.5921953931549871457e4,
    1.3731693765509461125e4,
    1.9715909503065514427e3,
    1.3314166789178437745e2,
    3.3871328727963666080e0,
)
_CENTRAL_DEN: Final = (
    5.2264952788528545610e3,
    2.8729085735721942674e4,
    3.9307895800092710610e4,
    2.1213794301586595867e4,
    5.3941960214247511077e3,
    6.8718700749205790830e2,
    4.2313330701600911252e1,
    1.0,
)
_NEAR_NUM: Final = (
    7.74545014278341407640e-4,
    2.27238449892691845833e-2,
    2.41780725177450611770e-1,
    1.27045825245236838258e0,
    3.64784832476320460504e0,
    5.76949722146069140550e0,
    4.63033784615654529590e0,
    1.42343711074968357734e0,
)
_NEAR_DEN: Final = (
    1.05075007164441684324e-9,
    5.47593808499534494600e-4,
    1.51986665636164571966e-2,
    1.48103976427480074590e-1,
    6.89767334985100004550e-1,
    1.67638483018380384940e0,
    2.05319162663775882187e0,
    1.0,
)
_FAR_NUM: Final = (
    2.01033439929228813265e-7,
    2.71155556874348757815e-5,
    1.24266094738807843860e-3,
    2.65321895265761230930e-2,
    2.96560571828504891230e-1,
    1.78482653991729133580e0,
    5.46378491116411436990e0,
    6.65790464350110377720e0,
)
_FAR_DEN: Final = (
    2.04426310338993978564e-15,
    1.42151175831644588870e-7,
    1.84631831751005468180e-5,
    7.86869131145613259100e-4,
    1.48753612908506148525e-2,
    1.36929880922735805310e-1,
    5.99832206555887937690e-1,
    1.0,
)


def _horner(coefficients: tuple[float, ...], x: float) -> float:
    total = coefficients[0]
    for coefficient in coefficients[1:]:
        total = total * x + coefficient
    return total


def _normal_quantile(p: float) -> float:
    """Return the standard normal quantile of *p* in (0, 1) (AS241, about 1e-16)."""
    q = p - 0.5
    if abs(q) <= 0.425:
        r = 0.180625 - q * q
        return q * _horner(_CENTRAL_NUM, r) / _horner(_CENTRAL_DEN, r)
    tail = p if q < 0 else 1.0 - p
    r = math.sqrt(-float(_LN.ln(Decimal(tail))))
    if r <= 5.0:
        r -= 1.6
        x = _horner(_NEAR_NUM, r) / _horner(_NEAR_DEN, r)
    else:
        r -= 5.0
        x = _horner(_FAR_NUM, r) / _horner(_FAR_DEN, r)
    return -x if q < 0 else x


# -- the forms ----------------------------------------------------------------------------


@attrs.frozen
class Fixed:
    """A parameter known for certain.

    Attributes:
        value: The value, used exactly as given.
    """

    value: Decimal = attrs.field(converter=_to_value)

    def support(self) -> tuple[Decimal, Decimal]:
        """Return the smallest and largest value a sample can take."""
        return (self.value, self.value)

    def whole(self) -> bool:
        """Return whether every sample is a whole number."""
        return self.value == self.value.to_integral_value()

    def sample(self, stream: Stream) -> Decimal:  # noqa: ARG002 - the forms share one signature
        """Return the value (no number is drawn)."""
        return self.value


@attrs.frozen
class Uniform:
    """Every value of *places* decimals from *low* to *high* (inclusive), equally likely.

    Attributes:
        low: The smallest value.
        high: The largest value (above *low*).
        places: Decimal places of a sample (0 for whole numbers).
    """

    low: Decimal = attrs.field(converter=_to_low)
    high: Decimal = attrs.field(converter=_to_high)
    places: int = attrs.field(validator=_check_places)

    def __attrs_post_init__(self) -> None:
        _check_range(self.low, self.high, self.places)

    def support(self) -> tuple[Decimal, Decimal]:
        """Return the smallest and largest value a sample can take."""
        return (self.low, self.high)

    def whole(self) -> bool:
        """Return whether every sample is a whole number."""
        return self.places == 0

    def sample(self, stream: Stream) -> Decimal:
        """Return one sample, from one word of *stream*."""
        low = int(self.low.scaleb(self.places, context=_CTX))
        count = int(self.high.scaleb(self.places, context=_CTX)) - low + 1
        return Decimal(low + stream.below(count)).scaleb(-self.places, context=_CTX)


@attrs.frozen
class Normal:
    """A normal distribution truncated to ``[low, high]``.

    Attributes:
        mean: The mean before truncation.
        sd: The standard deviation before truncation (> 0).
        low: The smallest value kept.
        high: The largest value kept.
        places: Decimal places of a sample.
    """

    mean: Decimal = attrs.field(converter=_to_mean)
    sd: Decimal = attrs.field(converter=_to_sd, metadata={SCHEMA_KEY: {"exclusiveMinimum": 0}})
    low: Decimal = attrs.field(converter=_to_low)
    high: Decimal = attrs.field(converter=_to_high)
    places: int = attrs.field(validator=_check_places)

    def __attrs_post_init__(self) -> None:
        if not self.sd > 0:
            raise ValidationError("sd", str(self.sd), "must be > 0")
        _check_range(self.low, self.high, self.places)
        with decimal.localcontext(_CTX):  # never the caller's context
            half = _quantum(self.places) / 2
            low = (self.low - half - self.mean) / self.sd
            high = (self.high + half - self.mean) / self.sd
        _check_mass(float(low), float(high), "low")

    def support(self) -> tuple[Decimal, Decimal]:
        """Return the smallest and largest value a sample can take."""
        return (self.low, self.high)

    def whole(self) -> bool:
        """Return whether every sample is a whole number."""
        return self.places == 0

    def sample(self, stream: Stream) -> Decimal:
        """Return one sample: draws until the rounded value falls inside the bounds."""
        for _ in range(_MAX_ATTEMPTS):
            z = Decimal(_normal_quantile(stream.uniform()))
            value = _rounded(_CTX.fma(self.sd, z, self.mean), self.places)
            if self.low <= value <= self.high:
                return value
        raise LimitExceededError("low", str(self.low), "no draw fell inside the bounds")


@attrs.frozen
class Lognormal:
    """``shift + exp(mu + sigma Z)`` for a standard normal ``Z``, truncated to ``[low, high]``.

    With ``shift = -1`` it is a growth rate whose yearly multiple ``1 + g`` is lognormal.

    Attributes:
        mu: Mean of the logarithm (``|mu| <= 100``).
        sigma: Standard deviation of the logarithm (``0 < sigma <= 10``).
        low: The smallest value kept (``>= shift``).
        high: The largest value kept.
        places: Decimal places of a sample.
        shift: Added to every value (default 0).
    """

    mu: Decimal = attrs.field(
        converter=_to_mu, metadata={SCHEMA_KEY: {"minimum": -_MAX_MU, "maximum": _MAX_MU}}
    )
    sigma: Decimal = attrs.field(
        converter=_to_sigma, metadata={SCHEMA_KEY: {"exclusiveMinimum": 0, "maximum": _MAX_SIGMA}}
    )
    low: Decimal = attrs.field(converter=_to_low)
    high: Decimal = attrs.field(converter=_to_high)
    places: int = attrs.field(validator=_check_places)
    shift: Decimal = attrs.field(default=Decimal(0), converter=_to_shift)

    def __attrs_post_init__(self) -> None:
        if not -_MAX_MU <= self.mu <= _MAX_MU:  # exact (abs() rounds to the context)
            raise ValidationError("mu", str(self.mu), f"must be from -{_MAX_MU} to {_MAX_MU}")
        if not 0 < self.sigma <= _MAX_SIGMA:
            raise ValidationError(
                "sigma", str(self.sigma), f"must be above 0 and at most {_MAX_SIGMA}"
            )
        _check_range(self.low, self.high, self.places)
        if self.low < self.shift:
            raise ValidationError("low", str(self.low), f"must be >= shift ({self.shift})")

        def z(bound: Decimal) -> float:
            if bound <= self.shift:
                return -math.inf
            return float((_CTX.ln(bound - self.shift) - self.mu) / self.sigma)

        with decimal.localcontext(_CTX):  # never the caller's context
            half = _quantum(self.places) / 2
            low, high = z(self.low - half), z(self.high + half)
        _check_mass(low, high, "low")

    def support(self) -> tuple[Decimal, Decimal]:
        """Return the smallest and largest value a sample can take."""
        return (self.low, self.high)

    def whole(self) -> bool:
        """Return whether every sample is a whole number."""
        return self.places == 0

    def sample(self, stream: Stream) -> Decimal:
        """Return one sample: draws until the rounded value falls inside the bounds."""
        for _ in range(_MAX_ATTEMPTS):
            z = Decimal(_normal_quantile(stream.uniform()))
            grown = _EXP.exp(_EXP.fma(self.sigma, z, self.mu))
            value = _rounded(_CTX.add(self.shift, grown), self.places)
            if self.low <= value <= self.high:
                return value
        raise LimitExceededError("low", str(self.low), "no draw fell inside the bounds")


@attrs.frozen
class Triangular:
    """The triangular distribution from *low* to *high* with its peak at *mode*.

    Attributes:
        low: The smallest value.
        mode: The most likely value (from *low* to *high*).
        high: The largest value (above *low*).
        places: Decimal places of a sample.
    """

    low: Decimal = attrs.field(converter=_to_low)
    mode: Decimal = attrs.field(converter=_to_mode)
    high: Decimal = attrs.field(converter=_to_high)
    places: int = attrs.field(validator=_check_places)

    def __attrs_post_init__(self) -> None:
        _check_range(self.low, self.high, self.places)
        if not self.low <= self.mode <= self.high:
            raise ValidationError("mode", str(self.mode), "must be from low to high")

    def support(self) -> tuple[Decimal, Decimal]:
        """Return the smallest and largest value a sample can take."""
        return (self.low, self.high)

    def whole(self) -> bool:
        """Return whether every sample is a whole number."""
        return self.places == 0

    def sample(self, stream: Stream) -> Decimal:
        """Return one sample, by the inverse distribution function of one uniform number."""
        u = Decimal(stream.uniform())
        with decimal.localcontext(_CTX):  # never the caller's context
            width = self.high - self.low
            left = self.mode - self.low
            if u * width < left:
                value = self.low + (u * width * left).sqrt()
            else:
                value = self.high - ((1 - u) * width * (self.high - self.mode)).sqrt()
        return _rounded(value, self.places)


@attrs.frozen
class Empirical:
    """One of the observed *values*, each equally likely (a bootstrap draw).

    Attributes:
        values: The observations, used exactly as given (1 to 100,000 of them).
    """

    values: tuple[Decimal, ...] = attrs.field(
        converter=_to_observations, metadata={SCHEMA_KEY: {"minItems": 1}}
    )

    def support(self) -> tuple[Decimal, Decimal]:
        """Return the smallest and largest value a sample can take."""
        return (min(self.values), max(self.values))

    def whole(self) -> bool:
        """Return whether every sample is a whole number."""
        return all(v == v.to_integral_value() for v in self.values)

    def sample(self, stream: Stream) -> Decimal:
        """Return one observation, chosen by one word of *stream*."""
        return self.values[stream.below(len(self.values))]


@attrs.frozen
class Grid:
    """Values to run in every combination with the spec's other grids (not sampled).

    Attributes:
        values: The values, in the order the cells run (1 to 1,000, all different).
    """

    values: tuple[Decimal, ...] = attrs.field(
        converter=_to_grid_values,
        metadata={SCHEMA_KEY: {"minItems": 1, "maxItems": MAX_GRID_VALUES}},
    )

    def __attrs_post_init__(self) -> None:
        if len(set(self.values)) != len(self.values):
            raise ValidationError("values", [str(v) for v in self.values], "must all differ")

    def support(self) -> tuple[Decimal, Decimal]:
        """Return the smallest and largest value a cell can take."""
        return (min(self.values), max(self.values))

    def whole(self) -> bool:
        """Return whether every value is a whole number."""
        return all(v == v.to_integral_value() for v in self.values)

    def sample(self, stream: Stream) -> Decimal:  # noqa: ARG002 - the forms share one signature
        """Grids are not sampled: each cell of the sweep gets one of the values."""
        raise InvalidStateError("type", "grid", "grid values come from the cell, not a draw")


Distribution = Union[Fixed, Uniform, Normal, Lognormal, Triangular, Empirical, Grid]  # noqa: UP007 - cattrs tagged unions need typing.Union
"""Any parameter form (JSON: tagged by ``"type"``, e.g. ``"lognormal"``)."""

register_tagged_union(Distribution, tag="type")
