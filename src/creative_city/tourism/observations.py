"""Tourism observations: one figure for one period, segment, source universe and measure.

An :class:`Observation` says *what* was counted (the :class:`Measure`: arrivals,
nights, bed-places, rooms, revenue, investment, population), *for whom* (the
:class:`Segment`: foreign or domestic visitors by country of residence, or the
total), *when* (a :class:`~creative_city.time.Period`) and *by which source* (the
:class:`Universe`): border-crossing arrivals, visitors served by accommodation
establishments, or a visitor survey. The three universes count different people
(a day-tripper crosses the border but never checks in; a resident's friend staying
with family is in a survey but not in the hotel register), so an indicator never
mixes them.

>>> obs = Observation.count("2022-H1", "foreign", "accommodation", "arrivals", 280)
>>> obs.segment.label, obs.universe.value, obs.value
('foreign', 'accommodation', Decimal('280'))
>>> Observation.count("2022-H1", "foreign", "accommodation", "arrivals", -1)
Traceback (most recent call last):
...
creative_city.errors.ValidationError: value = Decimal('-1'): arrivals must be >= 0 \
(tourism counts and amounts are never negative)
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Final, TypeVar

import attrs

from creative_city.errors import InvalidTypeError, ValidationError
from creative_city.money import ExchangeRates, Money, get_currency, to_decimal
from creative_city.operation import SCHEMA_KEY
from creative_city.time import Period

__all__ = [
    "MONEY_MEASURES",
    "Measure",
    "Observation",
    "PriceBasis",
    "Residence",
    "Segment",
    "Universe",
    "check_one_universe",
    "convert_observation",
]


class Residence(enum.Enum):
    """Visitors by country of residence (not nationality), as UNWTO and Eurostat count."""

    FOREIGN = "foreign"
    """Non-residents (inbound tourism)."""
    DOMESTIC = "domestic"
    """Residents of the country travelling inside it."""
    TOTAL = "total"
    """Everyone: foreign plus domestic (also used for capacity and population)."""


class Universe(enum.Enum):
    """The source of a figure; indicators never mix two universes."""

    BORDER = "border"
    """Border-crossing statistics: arrivals of non-residents at the frontier."""
    ACCOMMODATION = "accommodation"
    """Accommodation statistics: visitors served (guests) and nights spent at establishments."""
    SURVEY = "survey"
    """A visitor or household survey, grossed up to the population."""
    ADMINISTRATIVE = "administrative"
    """Registers and accounts: resident population, investment, the city's economy."""


class Measure(enum.Enum):
    """What an observation counts."""

    ARRIVALS = "arrivals"
    """Arrivals (guests checked in, or visitors counted at the border), a flow."""
    NIGHTS = "nights"
    """Nights spent (overnight stays), a flow."""
    BED_PLACES = "bed_places"
    """Bed-places on offer (average stock over the period; extra beds excluded)."""
    BED_DAYS_AVAILABLE = "bed_days_available"
    """Bed-places actually available summed over the days of the period (net of closures)."""
    ROOMS_AVAILABLE = "rooms_available"
    """Room-nights available in the period (rooms on offer times the days open)."""
    ROOMS_SOLD = "rooms_sold"
    """Room-nights sold (occupied) in the period."""
    REVENUE = "revenue"
    """Room revenue, money."""
    INVESTMENT = "investment"
    """Investment in tourism (fixed capital), money."""
    POPULATION = "population"
    """Permanent resident population of the area."""


MONEY_MEASURES: Final = frozenset({Measure.REVENUE, Measure.INVESTMENT})
"""Measures whose value is an amount of money (they carry a currency and a price basis)."""


class PriceBasis(enum.Enum):
    """Whether money is at current prices (nominal) or at constant prices (real)."""

    NOMINAL = "nominal"
    REAL = "real"


_E = TypeVar("_E", bound=enum.Enum)

_COUNTRY: Final = re.compile(r"[A-Z]{2}")


def _to_residence(value: object) -> Residence:
    if isinstance(value, Residence):
        return value
    try:
        return Residence(value)
    except ValueError:
        raise ValidationError(
            "residence", value, "must be one of 'foreign', 'domestic' or 'total'"
        ) from None


@attrs.frozen
class Segment:
    """A group of visitors: by residence, optionally by country of residence.

    Build one with :meth:`parse` (``"foreign"``, ``"domestic"``, ``"total"`` or
    ``"foreign/CN"``); constructors of observations accept these labels too. Its JSON
    form is ``{"residence": "foreign", "country": "CN"}`` (``country`` optional).

    Attributes:
        residence: Foreign, domestic or total.
        country: For foreign visitors only, the ISO 3166-1 alpha-2 code of the country
            of residence (``"CN"``), or ``None`` for all foreign visitors.

    Raises:
        ValidationError: For an unknown residence, a malformed country code, or a
            country on a domestic or total segment.

    >>> Segment.parse("foreign/CN")
    Segment(residence=<Residence.FOREIGN: 'foreign'>, country='CN')
    >>> Segment.parse("tourists")
    Traceback (most recent call last):
    ...
    creative_city.errors.ValidationError: segment = 'tourists': is not a known segment: \
use 'foreign', 'domestic', 'total' or 'foreign/<ISO 3166 alpha-2>'
    """

    residence: Residence = attrs.field(converter=_to_residence)
    country: str | None = attrs.field(default=None)

    def __attrs_post_init__(self) -> None:
        if self.country is None:
            return
        if not isinstance(self.country, str) or not _COUNTRY.fullmatch(self.country):
            raise ValidationError(
                "country", self.country, "must be an ISO 3166-1 alpha-2 code like 'CN'"
            )
        if self.residence is not Residence.FOREIGN:
            raise ValidationError(
                "country",
                self.country,
                f"a country of residence only refines foreign visitors, not {self.residence.value}",
            )

    @classmethod
    def parse(cls, label: str | Segment) -> Segment:
        """Return the segment named by *label* (a :class:`Segment` is returned as is)."""
        if isinstance(label, Segment):
            return label
        found = _SEGMENTS.get(label) if isinstance(label, str) else None
        if found is not None:
            return found
        if isinstance(label, str) and label.startswith("foreign/"):
            return cls(Residence.FOREIGN, label.removeprefix("foreign/"))
        if not isinstance(label, str):
            raise InvalidTypeError("segment", label, "must be a segment label string")
        raise ValidationError(
            "segment",
            label,
            "is not a known segment: use 'foreign', 'domestic', 'total' or "
            "'foreign/<ISO 3166 alpha-2>'",
        )

    @property
    def label(self) -> str:
        """The label accepted by :meth:`parse` (``"foreign/CN"``)."""
        if self.country is None:
            return self.residence.value
        return f"{self.residence.value}/{self.country}"

    def __str__(self) -> str:
        return self.label


_SEGMENTS: Final = {r.value: Segment(r) for r in Residence}


def _enum_converter(kind: type[_E], field: str) -> Callable[[object], _E]:
    choices = ", ".join(repr(m.value) for m in kind)

    def convert(value: object) -> _E:
        if isinstance(value, kind):
            return value
        try:
            return kind(value)
        except ValueError:
            raise ValidationError(field, value, f"must be one of {choices}") from None

    return convert


def _to_period(value: object) -> Period:
    if isinstance(value, Period):
        return value
    return Period.parse(value)  # type: ignore[arg-type]


def _to_segment(value: object) -> Segment:
    return Segment.parse(value)  # type: ignore[arg-type]


def _to_value(value: object) -> Decimal:
    return to_decimal(value, "value")


def _to_currency_code(value: object) -> str | None:
    if value is None:
        return None
    return get_currency(value).code  # type: ignore[arg-type]


_universe = _enum_converter(Universe, "universe")
_measure = _enum_converter(Measure, "measure")
_to_basis_enum = _enum_converter(PriceBasis, "basis")


def _to_universe(value: object) -> Universe:
    return _universe(value)


def _to_measure(value: object) -> Measure:
    return _measure(value)


def _to_basis(value: object) -> PriceBasis | None:
    if value is None:
        return None
    return _to_basis_enum(value)


@attrs.frozen
class Observation:
    """One figure: *measure* for *segment* in *period*, from *universe*.

    Counts (arrivals, nights, bed-places, rooms, population) have no currency; money
    measures (revenue, investment) carry an ISO 4217 currency and a price basis.
    Build observations with :meth:`count` and :meth:`money`.

    Attributes:
        period: The calendar period the figure covers.
        segment: The visitors it covers.
        universe: The source of the figure.
        measure: What was counted.
        value: The figure (a ``Decimal`` >= 0; an amount in major units for money).
        currency: The currency code, for money measures only.
        basis: Nominal or real prices, for money measures only.

    Raises:
        ValidationError: If the value is negative, or a currency or basis is missing
            on money or present on a count.
    """

    period: Period = attrs.field(converter=_to_period)
    segment: Segment = attrs.field(converter=_to_segment)
    universe: Universe = attrs.field(converter=_to_universe)
    measure: Measure = attrs.field(converter=_to_measure)
    value: Decimal = attrs.field(converter=_to_value, metadata={SCHEMA_KEY: {"minimum": 0}})
    currency: str | None = attrs.field(default=None, converter=_to_currency_code)
    basis: PriceBasis | None = attrs.field(default=None, converter=_to_basis)

    def __attrs_post_init__(self) -> None:
        if self.value < 0:
            raise ValidationError(
                "value",
                self.value,
                f"{self.measure.value} must be >= 0 (tourism counts and amounts are never "
                "negative)",
            )
        if self.measure in MONEY_MEASURES:
            if self.currency is None:
                raise ValidationError(
                    "currency", None, f"{self.measure.value} is money: name its currency"
                )
            if self.basis is None:
                raise ValidationError(
                    "basis", None, f"{self.measure.value} is money: say 'nominal' or 'real'"
                )
        else:
            if self.currency is not None:
                raise ValidationError(
                    "currency", self.currency, f"{self.measure.value} is a count, not money"
                )
            if self.basis is not None:
                raise ValidationError(
                    "basis", self.basis.value, f"{self.measure.value} is a count, not money"
                )

    @classmethod
    def count(
        cls,
        period: Period | str,
        segment: Segment | str,
        universe: Universe | str,
        measure: Measure | str,
        value: int | str | Decimal,
    ) -> Observation:
        """Return a count observation (arrivals, nights, bed-places, rooms, population)."""
        return cls(period, segment, universe, measure, value)

    @classmethod
    def money(
        cls,
        period: Period | str,
        segment: Segment | str,
        universe: Universe | str,
        measure: Measure | str,
        amount: Money,
        *,
        basis: PriceBasis | str = PriceBasis.NOMINAL,
    ) -> Observation:
        """Return a money observation (revenue, investment) from a :class:`Money`."""
        if not isinstance(amount, Money):
            raise InvalidTypeError("amount", amount, "must be Money")
        return cls(
            period,
            segment,
            universe,
            measure,
            amount.amount,
            amount.currency.code,
            basis,
        )

    @property
    def amount(self) -> Money:
        """The value as :class:`Money` (money measures only).

        Raises:
            ValidationError: If the measure is a count.
        """
        if self.currency is None:
            raise ValidationError("measure", self.measure.value, "is a count, not money")
        return Money.of(self.value, self.currency, rounding="ROUND_HALF_EVEN")


def check_one_universe(observations: Iterable[Observation], field: str = "observations") -> None:
    """Raise unless every observation comes from one universe (population excepted).

    Population is a denominator from registers, so it may come from any universe.

    Raises:
        InvalidTypeError: Naming an entry that is not an :class:`Observation`.
        ValidationError: Naming the first observation from a second universe.
    """
    first: Universe | None = None
    for index, obs in enumerate(observations):
        if not isinstance(obs, Observation):
            raise InvalidTypeError(f"{field}[{index}]", obs, "must be an Observation")
        if obs.measure is Measure.POPULATION:
            continue
        if first is None:
            first = obs.universe
        elif obs.universe is not first:
            raise ValidationError(
                f"{field}[{index}].universe",
                obs.universe.value,
                f"mixes universes: {first.value} and {obs.universe.value} count different "
                "visitors and never enter one indicator",
            )


def convert_observation(
    observation: Observation, rates: ExchangeRates, to: str, *, rounding: str = "ROUND_HALF_EVEN"
) -> Observation:
    """Convert a money observation into *to* at the average rate over its period.

    The period-average rate (:meth:`~creative_city.money.ExchangeRates.average_rate`)
    is the right one for flows such as revenue, investment and exports: each day of
    the period counts once. The price basis is kept.

    Raises:
        ValidationError: If the observation is a count or the table lacks the pair.
    """
    money = observation.amount
    converted = rates.convert_at_average(money, to, period=observation.period, rounding=rounding)
    return attrs.evolve(observation, value=converted.amount, currency=converted.currency.code)
